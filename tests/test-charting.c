/* test-charting.c — every path a therapist takes through the window, by hand: clicks, typing,
 * keys and drags sent through the X server (palpate-test-input), one named subtest per path
 *
 * Each subtest runs the application on a clinic file of its own. What the clinic already holds
 * (clients, earlier visits) is laid out through the store beforehand; every action in the
 * window is a real click, key or drag. What the window did is then read back from the screen
 * and from the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "palpate-application.h"
#include "palpate-atlas.h"
#include "palpate-client-editor.h"
#include "palpate-pain-scale.h"
#include "palpate-report.h"
#include "palpate-store-private.h"
#include "palpate-test-clinic.h"
#include "palpate-test-input.h"
#include "palpate-test-utils.h"
#include "palpate-window.h"

typedef PalpateTestClinic Clinic;

#define WAIT_UNTIL PALPATE_TEST_WAIT_UNTIL

/* Arabic, Chinese and an emoji in one name. */
#define CLIENT_NAME "Layla حداد 李明 🌿"

static GtkWidget *
win (Clinic *clinic)
{
  return GTK_WIDGET (clinic->window);
}

static PalpateVisitPage *
visit_page (Clinic *clinic)
{
  return palpate_window_get_visit_page (clinic->window);
}

static gboolean
page_is (Clinic     *clinic,
         const char *name)
{
  return g_strcmp0 (palpate_window_get_page_name (clinic->window), name) == 0;
}

/* Clicks the sidebar's row of the client called @name. */
static void
click_client (Clinic     *clinic,
              const char *name)
{
  GtkWidget *row = palpate_test_find_row (palpate_test_child (win (clinic), "client_list"), name);

  g_assert_nonnull (row);
  palpate_test_input_click (row);
}

static gboolean
client_shown (Clinic     *clinic,
              const char *name)
{
  GtkWidget *page = GTK_WIDGET (palpate_window_get_client_page (clinic->window));

  return page_is (clinic, "client") &&
         g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (palpate_test_child (page, "title"))),
                    name) == 0;
}

/* The sidebar */

static void
open_client_by_click_body (Clinic        *clinic,
                           gconstpointer  data)
{
  g_assert_true (page_is (clinic, "none"));

  /* One click on a row opens that client, the first time. */
  click_client (clinic, "Bruno Costa");
  WAIT_UNTIL (client_shown (clinic, "Bruno Costa"));
  click_client (clinic, "Anna Berg");
  WAIT_UNTIL (client_shown (clinic, "Anna Berg"));

  /* The keyboard: down to the next row, Enter opens it. */
  palpate_test_input_key ("Down");
  palpate_test_input_key ("Return");
  WAIT_UNTIL (client_shown (clinic, "Bruno Costa"));
}

static void
test_open_client_by_click (Clinic        *clinic,
                           gconstpointer  data)
{
  palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  palpate_test_clinic_add_client (clinic->seed, "Bruno Costa");
  palpate_test_clinic_run (clinic, open_client_by_click_body);
}

static void
search_then_enter_body (Clinic        *clinic,
                        gconstpointer  data)
{
  /* Typed and Enter pressed at once, before the search's pause: the client now shown opens,
   * not the first one of the list as it was. */
  palpate_test_input_click (palpate_test_child (win (clinic), "search_entry"));
  palpate_test_input_type ("carla");
  palpate_test_input_key ("Return");
  WAIT_UNTIL (client_shown (clinic, "Carla Diaz"));
}

static void
test_search_then_enter (Clinic        *clinic,
                        gconstpointer  data)
{
  palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  palpate_test_clinic_add_client (clinic->seed, "Bruno Costa");
  palpate_test_clinic_add_client (clinic->seed, "Carla Diaz");
  palpate_test_clinic_run (clinic, search_then_enter_body);
}

static void
zone_warning_body (Clinic        *clinic,
                   gconstpointer  data)
{
  GtkWidget *list = palpate_test_child (win (clinic), "client_list");
  GtkWidget *zoned = palpate_test_find_row (list, "Anna Berg");
  GtkWidget *plain = palpate_test_find_row (list, "Bruno Costa");

  g_assert_nonnull (zoned);
  g_assert_nonnull (plain);
  g_assert_nonnull (palpate_test_find_by_tooltip (zoned, "Has no-touch zones"));
  g_assert_null (palpate_test_find_by_tooltip (plain, "Has no-touch zones"));
}

static void
test_sidebar_zone_warning (Clinic        *clinic,
                           gconstpointer  data)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  g_autoptr(GListStore) zones = g_list_store_new (PALPATE_TYPE_FINDING);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(PalpateFinding) zone = NULL;
  PalpatePoint points[6];
  PalpateView view;

  palpate_test_clinic_add_client (clinic->seed, "Bruno Costa");
  g_assert_true (palpate_atlas_place_in_region ("shin-left", rand, &view, points, 6,
                                                palpate_atlas_get_default ()));
  zone = palpate_finding_new (PALPATE_FINDING_CONTRAINDICATION, view, points, 6);
  palpate_finding_set_region_id (zone, "shin-left");
  g_list_store_append (zones, zone);
  g_assert_true (palpate_store_set_client_zones (clinic->seed, anna, G_LIST_MODEL (zones), NULL));
  palpate_test_clinic_run (clinic, zone_warning_body);
}

/* Opens the newest visit of the client called @name by hand: the row, then the visit. */
static void
open_latest_visit (Clinic     *clinic,
                   const char *name)
{
  GtkWidget *visits;
  GtkListBoxRow *row;

  click_client (clinic, name);
  WAIT_UNTIL (client_shown (clinic, name));
  visits = palpate_test_child (GTK_WIDGET (palpate_window_get_client_page (clinic->window)),
                               "visit_list");
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (visits), 0);
  g_assert_nonnull (row);
  palpate_test_input_click (GTK_WIDGET (row));
  WAIT_UNTIL (page_is (clinic, "visit"));
}

static GtkWidget *
soap (Clinic     *clinic,
      const char *field)
{
  return GTK_WIDGET (palpate_visit_page_get_soap_view (visit_page (clinic), field));
}

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
click_menu_quit (Clinic *clinic)
{
  GtkWidget *menu = palpate_test_find_by_tooltip (palpate_test_child (win (clinic), "sidebar"),
                                                  "Main Menu");
  GtkWidget *quit;

  g_assert_nonnull (menu);
  palpate_test_input_click (menu);
  WAIT_UNTIL ((quit = palpate_test_find_label (menu, "Quit")) != NULL);
  palpate_test_input_click (quit);
}

static void
leave_after_typing_body (Clinic        *clinic,
                         gconstpointer  data)
{
  open_latest_visit (clinic, "Anna Berg");
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
      click_menu_quit (clinic);
      break;
    case LEAVE_BY_SWITCHING_CLIENT:
      click_client (clinic, "Bruno Costa");
      WAIT_UNTIL (client_shown (clinic, "Bruno Costa"));
      break;
    case LEAVE_BY_LOGOUT:
      /* The session ends the application, as at logout: it asks, then quits it. */
      g_signal_emit_by_name (g_application_get_default (), "query-end");
      {
        g_autofree char *stored = stored_subjective (clinic, typed_visit_id);

        g_assert_cmpstr (stored, ==, TYPED);
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

      g_assert_cmpstr (stored, ==, TYPED);
    }
}

static void
typed_text_kept (Clinic        *clinic,
                 gconstpointer  data)
{
  g_autofree char *stored = stored_subjective (clinic, typed_visit_id);

  g_assert_cmpstr (stored, ==, TYPED);
}

static void
test_leave_after_typing (Clinic *clinic,
                         WayOut  way)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");

  palpate_test_clinic_add_client (clinic->seed, "Bruno Costa");
  typed_visit_id = palpate_test_clinic_add_visit (clinic->seed, anna, 0, FALSE);
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

typedef void (*CaseFunc) (Clinic *clinic, gconstpointer data);

/* Each path runs in a process of its own, so that one failure does not hide the next. */
static void
run_case (gconstpointer data)
{
  CaseFunc func = (CaseFunc) data;

  if (g_test_subprocess ())
    {
      Clinic clinic = { 0 };

      palpate_test_input_init ();
      palpate_test_clinic_set_up (&clinic, NULL);
      func (&clinic, NULL);
      palpate_test_clinic_tear_down (&clinic, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                   G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (!g_test_trap_has_passed ())
    g_test_fail ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char **args = g_new0 (char *, argc + 2);

  /* One failed path does not stop the others. */
  memcpy (args, argv, argc * sizeof (char *));
  if (argc > 0)
    args[argc++] = (char *) "--keep-going";
  argv = args;
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add_data_func ("/Palpate/Charting/" path, (gconstpointer) func, run_case)

  ADD ("open-client-by-click", test_open_client_by_click);
  ADD ("search-then-enter", test_search_then_enter);
  ADD ("sidebar-zone-warning", test_sidebar_zone_warning);
  ADD ("typing-kept/ctrl-q", test_typing_kept_ctrl_q);
  ADD ("typing-kept/ctrl-w", test_typing_kept_ctrl_w);
  ADD ("typing-kept/close-button", test_typing_kept_close_button);
  ADD ("typing-kept/menu-quit", test_typing_kept_menu_quit);
  ADD ("typing-kept/switching-client", test_typing_kept_switching_client);
  ADD ("typing-kept/logout", test_typing_kept_logout);

#undef ADD

  return g_test_run ();
}
