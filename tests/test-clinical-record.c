/* test-clinical-record.c — the parts of the clinical record beyond the visit, in the real
 * window with real input: the health history recorded on the client's page and its changes
 * shown at the next visit; the health history and a questionnaire filled in by the client on
 * their own view, kept as theirs for the therapist to review
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "palpate-application.h"
#include "palpate-health-history-dialog.h"
#include "palpate-health-history-group.h"
#include "palpate-patient-view.h"
#include "palpate-questionnaire-dialog.h"
#include "palpate-screenshot.h"
#include "palpate-store-private.h"
#include "palpate-test-clinic.h"
#include "palpate-test-input.h"
#include "palpate-test-questionnaire.h"
#include "palpate-test-utils.h"
#include "palpate-visit-page.h"
#include "palpate-window.h"

#define MEDICATIONS "Ramipril 5 mg daily"
#define NEW_MEDICATIONS "Ramipril 5 mg daily; metformin 500 mg"
#define CLIENT_ALLERGY "; arnica gel"
#define PIN "482913"

typedef struct
{
  char     *tmpdir;
  char     *database_path;
  gint64    client_id;
  gint64    today_id;
  gboolean  checked;
} Fixture;

/* A client whose health history was taken 40 days ago, seen 30 days ago, and in today for a
 * visit not yet signed. */
static void
write_clinic (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (fixture->database_path, &error);
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(PalpateVisit) last = palpate_visit_new ();
  g_autoptr(PalpateVisit) today = palpate_visit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) month_ago = g_date_time_add_days (now, -30);
  g_autofree char *insert = NULL;

  g_assert_no_error (error);
  palpate_client_set_name (client, "Rosa Delgado");
  g_assert_true (palpate_store_save_client (store, client, &error));
  fixture->client_id = palpate_client_get_id (client);

  /* Written as an earlier session would have, with its own date. */
  insert = g_strdup_printf ("INSERT INTO health_histories (client_id, recorded_at, recorded_by, "
                            "medications, allergies) VALUES (%" G_GINT64_FORMAT ", %"
                            G_GINT64_FORMAT ", 'Maria Rossi', '" MEDICATIONS "', "
                            "'Nut oils (almond)')",
                            fixture->client_id, g_date_time_to_unix (now) - 40 * 86400);
  g_assert_cmpint (sqlite3_exec (palpate_store_get_db (store), insert, NULL, NULL, NULL), ==,
                   SQLITE_OK);

  palpate_visit_set_client_id (last, fixture->client_id);
  palpate_visit_set_started_at (last, month_ago);
  palpate_visit_set_pain_before (last, 6);
  g_assert_true (palpate_store_save_visit (store, last, &error));
  g_assert_true (palpate_store_sign_visit (store, last, "Maria Rossi", &error));

  palpate_visit_set_client_id (today, fixture->client_id);
  palpate_visit_set_started_at (today, now);
  g_assert_true (palpate_store_save_visit (store, today, &error));
  g_assert_no_error (error);
  fixture->today_id = palpate_visit_get_id (today);

  /* The client's own view opens only behind the clinic's PIN. */
  g_assert_true (palpate_store_set_pin (store, PIN, &error));
  g_assert_no_error (error);
}

static gboolean
toplevel_open_cb (gpointer user_data)
{
  return palpate_test_find_toplevel (GPOINTER_TO_SIZE (user_data)) != NULL;
}

static gboolean
toplevel_closed_cb (gpointer user_data)
{
  return !toplevel_open_cb (user_data);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} TreeText;

static gboolean
tree_says_cb (gpointer user_data)
{
  TreeText *wanted = user_data;
  g_autofree char *text = palpate_test_tree_dup_text (wanted->root);

  return strstr (text, wanted->text) != NULL;
}

static GtkWidget *
find_labelled_button (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0 &&
      gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_labelled_button (c, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The row titled @title of a preferences page, its entry or check to click. */
static GtkWidget *
find_titled (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    {
      if (ADW_IS_PREFERENCES_ROW (root) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
        return root;
      if (GTK_IS_CHECK_BUTTON (root) &&
          g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)), title) == 0)
        return root;
    }

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_titled (c, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
update_health_history (Fixture       *fixture,
                       PalpateWindow *window)
{
  GtkWidget *page = GTK_WIDGET (palpate_window_get_client_page (window));
  GtkWidget *group = palpate_test_find_widget_of_type (page, PALPATE_TYPE_HEALTH_HISTORY_GROUP);
  GtkWidget *dialog, *medications;
  TreeText wanted = { group, MEDICATIONS };
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GPtrArray) versions = NULL;

  g_assert_nonnull (group);
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 20000));
  wanted.text = "Recorded on";
  g_assert_true (tree_says_cb (&wanted));
  palpate_test_save_screenshot (GTK_WIDGET (window), "health-history-client-page.png");

  palpate_test_input_click (find_labelled_button (group, "_Update…"));
  g_assert_true (palpate_test_wait_for (toplevel_open_cb,
                                        GSIZE_TO_POINTER (PALPATE_TYPE_HEALTH_HISTORY_DIALOG),
                                        20000));
  dialog = GTK_WIDGET (palpate_test_find_toplevel (PALPATE_TYPE_HEALTH_HISTORY_DIALOG));
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (dialog)));

  /* The form starts from what is known; the therapist adds to it. */
  medications = find_titled (dialog, ADW_TYPE_ENTRY_ROW, "Medications");
  g_assert_nonnull (medications);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (medications)), ==, MEDICATIONS);
  palpate_test_input_click (medications);
  palpate_test_input_key ("End");
  palpate_test_input_type ("; metformin 500 mg");
  palpate_test_input_click (find_titled (dialog, GTK_TYPE_CHECK_BUTTON, "Diabetes"));
  palpate_test_save_screenshot (dialog, "health-history-dialog.png");
  palpate_test_input_click (palpate_test_find_widget_by_name (dialog, "save_button"));
  g_assert_true (palpate_test_wait_for (toplevel_closed_cb,
                                        GSIZE_TO_POINTER (PALPATE_TYPE_HEALTH_HISTORY_DIALOG),
                                        20000));

  wanted.text = NEW_MEDICATIONS;
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 20000));
  wanted.text = "Diabetes";
  g_assert_true (tree_says_cb (&wanted));

  /* Both versions are in the clinic file. */
  store = palpate_store_open (fixture->database_path, &error);
  g_assert_no_error (error);
  versions = palpate_store_list_health_histories (store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  g_assert_cmpstr (palpate_health_history_get_text (versions->pdata[0],
                                                    PALPATE_HISTORY_MEDICATIONS), ==, MEDICATIONS);
  g_assert_cmpstr (palpate_health_history_get_text (versions->pdata[1],
                                                    PALPATE_HISTORY_MEDICATIONS), ==,
                   NEW_MEDICATIONS);
}

static gboolean
has_changed_row (GtkWidget *root)
{
  if (gtk_widget_has_css_class (root, "health-history-changed") && gtk_widget_get_mapped (root))
    return TRUE;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if (has_changed_row (c))
      return TRUE;

  return FALSE;
}

static void
changes_at_next_visit (Fixture       *fixture,
                       PalpateWindow *window)
{
  GtkWidget *page = GTK_WIDGET (palpate_window_get_visit_page (window));
  GtkWidget *group = palpate_test_find_widget_of_type (page, PALPATE_TYPE_HEALTH_HISTORY_GROUP);
  TreeText wanted = { group, "Since the last visit: Medications, Medical conditions" };

  g_assert_nonnull (group);
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 20000));
  g_assert_true (gtk_widget_get_mapped (group));
  wanted.text = NEW_MEDICATIONS;
  g_assert_true (tree_says_cb (&wanted));
  g_assert_true (has_changed_row (group));
  /* Unchanged answers are not repeated there. */
  wanted.text = "Nut oils";
  g_assert_false (tree_says_cb (&wanted));
  palpate_test_save_screenshot (GTK_WIDGET (window), "health-history-visit-page.png");
}

static void
activate_cb (GApplication *app,
             Fixture      *fixture)
{
  PalpateWindow *window = PALPATE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));

  /* Open at the client, as `palpate --show client` does. */
  palpate_window_show_latest (window, FALSE);
  update_health_history (fixture, window);

  palpate_window_show_latest (window, TRUE);
  changes_at_next_visit (fixture, window);

  fixture->checked = TRUE;
  gtk_window_close (GTK_WINDOW (window));
}

/* The client's own view: the client brings the health history up to date and answers the
 * Oswestry for today's visit; the therapist then finds the history waiting to be accepted. */

static gboolean
patient_view_shown_cb (gpointer user_data)
{
  PalpatePatientView *view = palpate_window_get_patient_view (user_data);

  return view != NULL && gtk_widget_get_mapped (GTK_WIDGET (view));
}

static gboolean
patient_view_gone_cb (gpointer user_data)
{
  return palpate_window_get_patient_view (user_data) == NULL;
}

static void
client_fills_history (Fixture            *fixture,
                      PalpatePatientView *view)
{
  GtkWidget *dialog, *allergies;
  TreeText thanks = { GTK_WIDGET (view), "Your therapist will go through it with you" };

  palpate_test_input_click (find_labelled_button (GTK_WIDGET (view),
                                                  "Update My _Health History"));
  g_assert_true (palpate_test_wait_for (toplevel_open_cb,
                                        GSIZE_TO_POINTER (PALPATE_TYPE_HEALTH_HISTORY_DIALOG),
                                        20000));
  dialog = GTK_WIDGET (palpate_test_find_toplevel (PALPATE_TYPE_HEALTH_HISTORY_DIALOG));
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (dialog)));

  /* What the client told the clinic before is there to correct. */
  allergies = find_titled (dialog, ADW_TYPE_ENTRY_ROW, "Allergies (oils, lotions, latex, …)");
  g_assert_nonnull (allergies);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (allergies)), ==, "Nut oils (almond)");
  palpate_test_input_click (allergies);
  palpate_test_input_key ("End");
  palpate_test_input_type (CLIENT_ALLERGY);
  palpate_test_save_screenshot (dialog, "patient-view-health-history.png");
  palpate_test_input_click (palpate_test_find_widget_by_name (dialog, "save_button"));
  g_assert_true (palpate_test_wait_for (toplevel_closed_cb,
                                        GSIZE_TO_POINTER (PALPATE_TYPE_HEALTH_HISTORY_DIALOG),
                                        20000));
  g_assert_true (palpate_test_wait_for (tree_says_cb, &thanks, 20000));
}

static void
client_answers_oswestry (Fixture            *fixture,
                         PalpatePatientView *view)
{
  /* Sections 1–10; the eighth (sex life) left unanswered, as a client may. */
  const int answers[10] = { 1, 2, 1, 1, 2, 1, 1, -1, 1, 1 };
  GtkWidget *dialog;
  TreeText thanks = { GTK_WIDGET (view), "Your answers are kept for today" };

  palpate_test_input_click (find_labelled_button (GTK_WIDGET (view), "_Low Back Questionnaire"));
  g_assert_true (palpate_test_wait_for (toplevel_open_cb,
                                        GSIZE_TO_POINTER (PALPATE_TYPE_QUESTIONNAIRE_DIALOG),
                                        20000));
  dialog = GTK_WIDGET (palpate_test_find_toplevel (PALPATE_TYPE_QUESTIONNAIRE_DIALOG));
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (dialog)));
  palpate_test_answer_questionnaire (PALPATE_QUESTIONNAIRE_DIALOG (dialog),
                                     PALPATE_INSTRUMENT_ODI, answers, 10);
  palpate_test_save_screenshot (dialog, "patient-view-questionnaire.png");
  palpate_test_input_click (palpate_test_find_widget_by_name (dialog, "save_button"));
  g_assert_true (palpate_test_wait_for (toplevel_closed_cb,
                                        GSIZE_TO_POINTER (PALPATE_TYPE_QUESTIONNAIRE_DIALOG),
                                        20000));
  g_assert_true (palpate_test_wait_for (tree_says_cb, &thanks, 20000));
}

static void
therapist_leaves_view (PalpateWindow      *window,
                       PalpatePatientView *view)
{
  AdwMessageDialog *dialog;

  palpate_test_input_click (palpate_test_find_by_tooltip (GTK_WIDGET (view),
                                                         "Hand the screen back to your therapist"));
  g_assert_true (palpate_test_wait_for (toplevel_open_cb,
                                        GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 20000));
  dialog = ADW_MESSAGE_DIALOG (palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (dialog)));
  palpate_test_input_click (adw_message_dialog_get_extra_child (dialog));
  palpate_test_input_type (PIN);
  palpate_test_input_key ("Return");
  g_assert_true (palpate_test_wait_for (patient_view_gone_cb, window, 20000));
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
}

static void
check_kept_as_the_clients (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (fixture->database_path, &error);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GArray) outcomes = NULL;
  PalpateHealthHistory *latest;
  gboolean found = FALSE;

  g_assert_no_error (error);
  versions = palpate_store_list_health_histories (store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  latest = versions->pdata[1];
  g_assert_true (palpate_health_history_get_reported_by_client (latest));
  g_assert_null (palpate_health_history_get_accepted_at (latest));
  g_assert_cmpstr (palpate_health_history_get_text (latest, PALPATE_HISTORY_ALLERGIES), ==,
                   "Nut oils (almond)" CLIENT_ALLERGY);
  /* Everything else carried over from the version before. */
  g_assert_cmpstr (palpate_health_history_get_text (latest, PALPATE_HISTORY_MEDICATIONS), ==,
                   MEDICATIONS);

  outcomes = palpate_store_list_outcomes (store, fixture->client_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outcomes->len; i++)
    {
      const PalpateOutcomeAnswers *o = &g_array_index (outcomes, PalpateOutcomeAnswers, i);

      if (o->visit_id != fixture->today_id || o->instrument != PALPATE_INSTRUMENT_ODI)
        continue;
      found = TRUE;
      g_assert_cmpint (o->answers[1], ==, 2);
      g_assert_cmpint (o->answers[7], ==, PALPATE_OUTCOME_UNANSWERED);
    }
  g_assert_true (found);
}

static void
therapist_accepts (Fixture       *fixture,
                   PalpateWindow *window)
{
  GtkWidget *page = GTK_WIDGET (palpate_window_get_client_page (window));
  GtkWidget *group = palpate_test_find_widget_of_type (page, PALPATE_TYPE_HEALTH_HISTORY_GROUP);
  TreeText wanted = { group, "Filled in by the client on" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GPtrArray) versions = NULL;

  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 20000));
  wanted.text = CLIENT_ALLERGY + 2;
  g_assert_true (tree_says_cb (&wanted));
  palpate_test_input_click (find_labelled_button (group, "_Accept"));
  wanted.text = "Recorded on";
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 20000));

  store = palpate_store_open (fixture->database_path, &error);
  g_assert_no_error (error);
  versions = palpate_store_list_health_histories (store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (palpate_health_history_get_accepted_at (versions->pdata[1]));
}

static void
forms_activate_cb (GApplication *app,
                   Fixture      *fixture)
{
  PalpateWindow *window = PALPATE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  PalpatePatientView *view;
  GtkWidget *show;

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
  palpate_window_show_latest (window, FALSE);

  show = palpate_test_find_by_tooltip (GTK_WIDGET (palpate_window_get_client_page (window)),
                                       "Show the Client Their Progress");
  g_assert_nonnull (show);
  palpate_test_input_click (show);
  g_assert_true (palpate_test_wait_for (patient_view_shown_cb, window, 20000));
  view = palpate_window_get_patient_view (window);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (view)));
  palpate_test_save_screenshot (GTK_WIDGET (view), "patient-view-forms.png");

  client_fills_history (fixture, view);
  client_answers_oswestry (fixture, view);
  therapist_leaves_view (window, view);
  check_kept_as_the_clients (fixture);
  therapist_accepts (fixture, window);

  fixture->checked = TRUE;
  gtk_window_close (GTK_WINDOW (window));
}

static void
run (GCallback activate)
{
  Fixture fixture = { 0 };
  g_autoptr(PalpateApplication) app = NULL;
  char *argv[] = { (char *) "palpate", NULL };

  fixture.tmpdir = palpate_test_make_tmpdir ();
  fixture.database_path = g_build_filename (fixture.tmpdir, "clinic.sqlite3", NULL);
  write_clinic (&fixture);

  app = palpate_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  palpate_application_set_database_path (app, fixture.database_path);
  g_signal_connect_after (app, "activate", activate, &fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (fixture.checked);

  palpate_test_remove_tree (fixture.tmpdir);
  g_free (fixture.tmpdir);
  g_free (fixture.database_path);
}

static void
test_health_history_at_next_visit (void)
{
  run (G_CALLBACK (activate_cb));
}

static void
test_client_fills_forms (void)
{
  run (G_CALLBACK (forms_activate_cb));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  palpate_test_input_init ();

  g_test_add_func ("/Palpate/ClinicalRecord/health-history-at-next-visit",
                   test_health_history_at_next_visit);
  g_test_add_func ("/Palpate/ClinicalRecord/client-fills-forms", test_client_fills_forms);

  return g_test_run ();
}
