/* test-visit-conflict.c — the visit page when another window saved the same visit
 *
 * Two store connections on one clinic file stand for two Palpate windows. The page's edit,
 * made over a visit the other window saved since the page loaded it, is refused by the store;
 * the page then puts it on the visit as it now is, saves that, shows it and says so in a toast.
 * Nothing is overwritten silently and nothing typed on either side is lost, even when both
 * typed into the same note.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "palpate-store.h"
#include "palpate-test-utils.h"
#include "palpate-visit-page.h"

#define OTHER_OBJECTIVE "Hypertonic right upper trapezius."
#define PLAN "Weekly for a month."

typedef struct
{
  char *toast;
} Toasts;

static void
toast_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  Toasts *toasts = user_data;

  g_free (toasts->toast);
  toasts->toast = g_variant_dup_string (parameter, NULL);
}

static gboolean
has_toast (gpointer user_data)
{
  return ((Toasts *) user_data)->toast != NULL;
}

static char *
get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

typedef struct
{
  PalpateStore *store;
  gint64        visit_id;
} Saved;

static gboolean
plan_is_saved (gpointer user_data)
{
  Saved *saved = user_data;
  g_autoptr(PalpateVisit) visit = palpate_store_get_visit (saved->store, saved->visit_id, NULL);

  return visit != NULL && g_strcmp0 (palpate_visit_get_plan (visit), PLAN) == 0;
}

static void
test_visit_conflict_reloads (void)
{
  g_autofree char *tmpdir = palpate_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "clinic.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) here = palpate_store_open (path, &error);
  g_autoptr(PalpateStore) there = NULL;
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(PalpateVisit) other = NULL;
  g_autoptr(PalpateVisit) in_file = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) toast = g_simple_action_new ("toast", G_VARIANT_TYPE_STRING);
  g_autofree char *objective = NULL;
  g_autofree char *plan = NULL;
  Toasts toasts = { NULL };
  Saved saved;
  GtkWidget *window;
  GtkWidget *page;

  g_assert_no_error (error);
  there = palpate_store_open (path, &error);
  g_assert_no_error (error);

  palpate_client_set_name (client, "Eva Novak");
  g_assert_true (palpate_store_save_client (here, client, &error));
  palpate_visit_set_client_id (visit, palpate_client_get_id (client));
  palpate_visit_set_started_at (visit, now);
  g_assert_true (palpate_store_save_visit (here, visit, &error));
  g_assert_no_error (error);

  /* The window's toast action, as the page reaches it. */
  g_signal_connect (toast, "activate", G_CALLBACK (toast_cb), &toasts);
  g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (toast));
  window = gtk_window_new ();
  gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (actions));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  page = g_object_new (PALPATE_TYPE_VISIT_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (palpate_visit_page_load (PALPATE_VISIT_PAGE (page), here,
                                          palpate_visit_get_id (visit), &error));
  g_assert_no_error (error);
  palpate_test_iterate (50);

  /* The other window saves the visit first. */
  other = palpate_store_get_visit (there, palpate_visit_get_id (visit), &error);
  palpate_visit_set_objective (other, OTHER_OBJECTIVE);
  g_assert_true (palpate_store_save_visit (there, other, &error));
  g_assert_no_error (error);

  /* This page's edit is refused over the newer row; it is put on the visit as it now is and
   * saved, and the page shows both windows' work and says so. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (
                              palpate_visit_page_get_soap_view (PALPATE_VISIT_PAGE (page), "plan")),
                            PLAN, -1);
  g_assert_true (palpate_test_wait_for (has_toast, &toasts, 5000));
  g_assert_nonnull (strstr (toasts.toast, "changed in another window"));
  g_assert_nonnull (strstr (toasts.toast, "both changes are kept"));
  objective = get_text (palpate_visit_page_get_soap_view (PALPATE_VISIT_PAGE (page), "objective"));
  g_assert_cmpstr (objective, ==, OTHER_OBJECTIVE);
  plan = get_text (palpate_visit_page_get_soap_view (PALPATE_VISIT_PAGE (page), "plan"));
  g_assert_cmpstr (plan, ==, PLAN);
  saved.store = there;
  saved.visit_id = palpate_visit_get_id (visit);
  g_assert_true (plan_is_saved (&saved));
  in_file = palpate_store_get_visit (there, palpate_visit_get_id (visit), &error);
  g_assert_cmpstr (palpate_visit_get_objective (in_file), ==, OTHER_OBJECTIVE);
  g_assert_null (palpate_visit_page_get_save_error (PALPATE_VISIT_PAGE (page)));

  /* Both typed into the same note: neither text is lost. */
  g_clear_object (&other);
  other = palpate_store_get_visit (there, palpate_visit_get_id (visit), &error);
  palpate_visit_set_plan (other, PLAN " Review in May.");
  g_assert_true (palpate_store_save_visit (there, other, &error));
  g_assert_no_error (error);
  g_clear_pointer (&toasts.toast, g_free);
  gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (
                                      palpate_visit_page_get_soap_view (PALPATE_VISIT_PAGE (page),
                                                                        "plan")),
                                    " Stretch daily.", -1);
  g_assert_true (palpate_test_wait_for (has_toast, &toasts, 5000));
  g_clear_object (&in_file);
  in_file = palpate_store_get_visit (there, palpate_visit_get_id (visit), &error);
  g_assert_cmpstr (palpate_visit_get_plan (in_file), ==, PLAN " Review in May. Stretch daily.");
  g_free (plan);
  plan = get_text (palpate_visit_page_get_soap_view (PALPATE_VISIT_PAGE (page), "plan"));
  g_assert_cmpstr (plan, ==, PLAN " Review in May. Stretch daily.");

  palpate_visit_page_unload (PALPATE_VISIT_PAGE (page));
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_free (toasts.toast);
  g_clear_object (&here);
  g_clear_object (&there);
  palpate_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Palpate/VisitConflict/reloads", test_visit_conflict_reloads);

  return g_test_run ();
}
