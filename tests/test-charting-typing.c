/* test-charting-typing.c — typing kept whichever way the therapist leaves: Ctrl+Q, Ctrl+W, the
 * close button, the menu, another client, logging out
 *
 * One named subtest per path, each through real clicks, keys and drags sent through the X
 * server (palpate-test-input), each on a clinic file of its own (palpate-test-charting.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-test-charting.h"

/* The visit's subjective as the file has it now. */
static char *
stored_subjective (Clinic *clinic,
                   gint64  visit_id)
{
  g_autoptr(PalpateStore) store = palpate_test_clinic_open_store (clinic);
  g_autoptr(PalpateVisit) visit = palpate_store_get_visit (store, visit_id, NULL);

  g_assert_nonnull (visit);
  palpate_store_close (store);
  return g_strdup (palpate_visit_get_subjective (visit));
}

/* Defect: typing, then leaving at once, lost the last words. Every way out keeps them. */
#define TYPED "Sore neck since Monday"
/* After what the seeded visit already says. */
#define TYPED_STORED "Stiff neck after a long drive." TYPED

typedef enum
{
  LEAVE_BY_CTRL_Q,
  LEAVE_BY_CTRL_W,
  LEAVE_BY_CLOSE_BUTTON,
  LEAVE_BY_MENU_QUIT,
  LEAVE_BY_SWITCHING_CLIENT,
  LEAVE_BY_LOGOUT,
} WayOut;

static WayOut way_out;
static gint64 typed_visit_id;

static void
click_close_button (Clinic *clinic)
{
  GtkWidget *page = GTK_WIDGET (visit_page (clinic));
  GtkWidget *close = NULL;
  GQueue queue = G_QUEUE_INIT;
  GtkWidget *w;

  g_queue_push_tail (&queue, page);
  while (close == NULL && (w = g_queue_pop_head (&queue)) != NULL)
    {
      if (GTK_IS_BUTTON (w) && gtk_widget_has_css_class (w, "close") && gtk_widget_get_mapped (w))
        close = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (&queue, c);
    }
  g_queue_clear (&queue);
  g_assert_nonnull (close);
  palpate_test_input_click (close);
}

static void
leave_after_typing_body (Clinic        *clinic,
                         gconstpointer  data)
{
  palpate_test_open_latest_visit (clinic, "Anna Berg");
  palpate_test_input_click (soap (clinic, "subjective"));
  palpate_test_input_type (TYPED);

  switch (way_out)
    {
    case LEAVE_BY_CTRL_Q:
      palpate_test_input_key ("<Control>q");
      break;
    case LEAVE_BY_CTRL_W:
      palpate_test_input_key ("<Control>w");
      break;
    case LEAVE_BY_CLOSE_BUTTON:
      click_close_button (clinic);
      break;
    case LEAVE_BY_MENU_QUIT:
      palpate_test_choose_from_main_menu (clinic->window, "Quit");
      break;
    case LEAVE_BY_SWITCHING_CLIENT:
      palpate_test_click_client (clinic, "Bruno Costa");
      WAIT_UNTIL (palpate_test_client_shown (clinic, "Bruno Costa"));
      break;
    case LEAVE_BY_LOGOUT:
      /* The session ends the application, as at logout: it asks, then quits it. */
      g_signal_emit_by_name (g_application_get_default (), "query-end");
      {
        g_autofree char *stored = stored_subjective (clinic, typed_visit_id);

        g_assert_cmpstr (stored, ==, TYPED_STORED);
      }
      g_application_quit (g_application_get_default ());
      break;
    default:
      g_assert_not_reached ();
    }

  palpate_test_input_settle ();
  if (way_out == LEAVE_BY_SWITCHING_CLIENT)
    {
      g_autofree char *stored = stored_subjective (clinic, typed_visit_id);

      g_assert_cmpstr (stored, ==, TYPED_STORED);
    }
}

static void
typed_text_kept (Clinic        *clinic,
                 gconstpointer  data)
{
  g_autofree char *stored = stored_subjective (clinic, typed_visit_id);

  g_assert_cmpstr (stored, ==, TYPED_STORED);
}

static void
test_leave_after_typing (Clinic *clinic,
                         WayOut  way)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");

  palpate_test_clinic_add_client (clinic->seed, "Bruno Costa");
  typed_visit_id = palpate_test_clinic_add_visit (clinic->seed, anna, 0);
  way_out = way;
  clinic->after = typed_text_kept;
  palpate_test_clinic_run (clinic, leave_after_typing_body);
}

static void
test_typing_kept_ctrl_q (Clinic *clinic, gconstpointer data)
{
  test_leave_after_typing (clinic, LEAVE_BY_CTRL_Q);
}

static void
test_typing_kept_ctrl_w (Clinic *clinic, gconstpointer data)
{
  test_leave_after_typing (clinic, LEAVE_BY_CTRL_W);
}

static void
test_typing_kept_close_button (Clinic *clinic, gconstpointer data)
{
  test_leave_after_typing (clinic, LEAVE_BY_CLOSE_BUTTON);
}

static void
test_typing_kept_menu_quit (Clinic *clinic, gconstpointer data)
{
  test_leave_after_typing (clinic, LEAVE_BY_MENU_QUIT);
}

static void
test_typing_kept_switching_client (Clinic *clinic, gconstpointer data)
{
  test_leave_after_typing (clinic, LEAVE_BY_SWITCHING_CLIENT);
}

static void
test_typing_kept_logout (Clinic *clinic, gconstpointer data)
{
  test_leave_after_typing (clinic, LEAVE_BY_LOGOUT);
}

int
main (int   argc,
      char *argv[])
{
  palpate_test_charting_init (&argc, &argv);

  PALPATE_TEST_CHARTING_ADD ("typing-kept/ctrl-q", test_typing_kept_ctrl_q);
  PALPATE_TEST_CHARTING_ADD ("typing-kept/ctrl-w", test_typing_kept_ctrl_w);
  PALPATE_TEST_CHARTING_ADD ("typing-kept/close-button", test_typing_kept_close_button);
  PALPATE_TEST_CHARTING_ADD ("typing-kept/menu-quit", test_typing_kept_menu_quit);
  PALPATE_TEST_CHARTING_ADD ("typing-kept/switching-client", test_typing_kept_switching_client);
  PALPATE_TEST_CHARTING_ADD ("typing-kept/logout", test_typing_kept_logout);

  return g_test_run ();
}
