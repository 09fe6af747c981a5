/* test-care-plan.c — the treatment plan and retention in the real window, through real X input:
 * a plan typed into its dialog shows its targets' progress and, its reassessment date come,
 * "Reassessment due"; a discharge is recorded; a record past its retention period is listed and
 * destroyed after two confirmations, leaving its entry in the audit log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "palpate-application.h"
#include "palpate-preferences-window.h"
#include "palpate-retention-dialog.h"
#include "palpate-screenshot.h"
#include "palpate-store-private.h"
#include "palpate-test-clinic.h"
#include "palpate-test-input.h"
#include "palpate-test-utils.h"
#include "palpate-treatment-plan-dialog.h"
#include "palpate-treatment-plan-group.h"
#include "palpate-window.h"

typedef struct
{
  char     *tmpdir;
  char     *database_path;
  gint64    client_id;
  gint64    old_client_id;
  gboolean  checked;
} Fixture;

static void
add_signed_visit (PalpateStore *store,
                  gint64        client_id,
                  int           days_ago,
                  int           pain,
                  int           psfs)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = g_date_time_add_days (now, -days_ago);
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(PalpateVisit) stored = NULL;
  g_autoptr(GError) error = NULL;

  palpate_visit_set_client_id (visit, client_id);
  palpate_visit_set_started_at (visit, when);
  palpate_visit_set_pain_after (visit, pain);
  g_assert_true (palpate_store_save_visit (store, visit, &error));
  if (psfs >= 0)
    {
      g_autoptr(GArray) ids = palpate_store_list_activity_ids (store, client_id, &error);

      g_assert_true (palpate_store_set_psfs_rating (store, palpate_visit_get_id (visit),
                                                    g_array_index (ids, gint64, 0), psfs, &error));
    }
  stored = palpate_store_get_visit (store, palpate_visit_get_id (visit), &error);
  g_assert_true (palpate_store_sign_visit (store, stored, "Maria Rossi", &error));
  g_assert_no_error (error);
}

/* Rosa, in care now; Walter, last seen eleven years ago, past Ontario's ten. */
static void
write_clinic (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (fixture->database_path, &error);
  g_autoptr(PalpateClient) rosa = palpate_client_new ();
  g_autoptr(PalpateClient) walter = palpate_client_new ();
  const char *activities[] = { "Lifting my child", "Running 5 km", NULL };

  g_assert_no_error (error);
  palpate_client_set_name (walter, "Walter Brandt");
  palpate_client_set_birth_date (walter, "1960-05-01");
  g_assert_true (palpate_store_save_client (store, walter, &error));
  fixture->old_client_id = palpate_client_get_id (walter);
  add_signed_visit (store, fixture->old_client_id, 11 * 366, 3, -1);

  palpate_client_set_name (rosa, "Rosa Delgado");
  palpate_client_set_activities (rosa, activities);
  g_assert_true (palpate_store_save_client (store, rosa, &error));
  fixture->client_id = palpate_client_get_id (rosa);
  add_signed_visit (store, fixture->client_id, 30, 6, 3);
  add_signed_visit (store, fixture->client_id, 2, 4, 5);
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

/* A mapped label showing @text (a list item of an open popover, say). */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      (g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0 ||
       g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0))
    return root;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
  GtkWidget  *found;
} LabelWait;

static gboolean
label_shown_cb (gpointer user_data)
{
  LabelWait *wait = user_data;

  wait->found = find_label (wait->root, wait->text);
  return wait->found != NULL;
}

static GtkWidget *
find_titled (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type) && ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_titled (c, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_spin (GtkWidget *row)
{
  if (GTK_IS_SPIN_BUTTON (row))
    return row;
  for (GtkWidget *c = gtk_widget_get_first_child (row); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_spin (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_mapped_class (GtkWidget  *root,
                  const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class) && gtk_widget_get_mapped (root))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    if (has_mapped_class (c, css_class))
      return TRUE;
  return FALSE;
}

static gboolean
label_gone_cb (gpointer user_data)
{
  return !gtk_widget_get_mapped (user_data);
}

/* Opens the combo row's list and clicks @item in it. */
static void
choose (GtkWidget  *combo_row,
        const char *item)
{
  LabelWait wait = { combo_row, item, NULL };
  GtkStringObject *selected;

  /* A click that lands while the window is still taking the focus back is lost: then the list
   * is opened with a second one. */
  palpate_test_input_click (combo_row);
  if (!palpate_test_wait_for (label_shown_cb, &wait, 2500))
    {
      palpate_test_input_focus_window (GTK_WINDOW (gtk_widget_get_root (combo_row)));
      palpate_test_input_click (combo_row);
      if (!palpate_test_wait_for (label_shown_cb, &wait, 5000))
        g_error ("The list of “%s” did not open", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (combo_row)));
    }
  /* The row's own label shows the current choice: the list's one is in the popover. */
  /* The popover places itself after it is mapped: the item is clicked where it ends up. */
  palpate_test_input_settle ();
  palpate_test_iterate (200);
  palpate_test_input_click (wait.found);
  /* The list closes before the next click, which it would otherwise take: when it stays open
   * (a popover reaching past a small window), Escape closes it. */
  if (!palpate_test_wait_for (label_gone_cb, wait.found, 2000))
    {
      palpate_test_input_key ("Escape");
      g_assert_true (palpate_test_wait_for (label_gone_cb, wait.found, 5000));
    }
  selected = adw_combo_row_get_selected_item (ADW_COMBO_ROW (combo_row));
  g_assert_cmpstr (gtk_string_object_get_string (selected), ==, item);
  /* Keys go to the window again, not to the closed list. */
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (gtk_widget_get_root (combo_row))));
  palpate_test_input_settle ();
}

/* Clicks into the spin button's text, replaces it with @value and leaves it. */
static void
type_into_spin (GtkWidget  *row,
                const char *value)
{
  GtkWidget *spin = find_spin (row);

  g_assert_nonnull (spin);
  palpate_test_input_click_at (spin, 12, gtk_widget_get_height (spin) / 2.0);
  palpate_test_input_key ("<Control>a");
  palpate_test_input_type (value);
  palpate_test_input_key ("Tab");
}

static GtkWidget *
open_dialog (GtkWidget  *group,
             const char *button)
{
  GtkWidget *dialog;

  palpate_test_input_click (find_labelled_button (group, button));
  g_assert_true (palpate_test_wait_for (toplevel_open_cb,
                                        GSIZE_TO_POINTER (PALPATE_TYPE_TREATMENT_PLAN_DIALOG),
                                        5000));
  dialog = GTK_WIDGET (palpate_test_find_toplevel (PALPATE_TYPE_TREATMENT_PLAN_DIALOG));
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (dialog)));
  return dialog;
}

static void
save_dialog (GtkWidget *dialog)
{
  palpate_test_input_click (find_labelled_button (dialog, "_Save"));
  g_assert_true (palpate_test_wait_for (toplevel_closed_cb,
                                        GSIZE_TO_POINTER (PALPATE_TYPE_TREATMENT_PLAN_DIALOG),
                                        5000));
}

static void
enter_plan (Fixture       *fixture,
            PalpateWindow *window)
{
  GtkWidget *page = GTK_WIDGET (palpate_window_get_client_page (window));
  GtkWidget *group = palpate_test_find_widget_of_type (page, PALPATE_TYPE_TREATMENT_PLAN_GROUP);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  TreeText wanted = { group, "No plan yet" };
  GtkWidget *dialog, *row;

  g_assert_nonnull (group);
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 5000));
  /* The record's keep-until date: ten years after the last visit. */
  wanted.text = "Record kept until";
  g_assert_true (tree_says_cb (&wanted));
  wanted.text = "Ontario";
  g_assert_true (tree_says_cb (&wanted));

  dialog = open_dialog (group, "_New Plan…");
  choose (find_titled (dialog, ADW_TYPE_COMBO_ROW, "Activity (PSFS)"), "Lifting my child");
  type_into_spin (find_titled (dialog, ADW_TYPE_ACTION_ROW, "Activity rating to reach"), "8");
  type_into_spin (find_titled (dialog, ADW_TYPE_ACTION_ROW, "Pain to get below"), "3");
  type_into_spin (find_titled (dialog, ADW_TYPE_ACTION_ROW, "Sessions per week or month"), "2");
  type_into_spin (find_titled (dialog, ADW_TYPE_ACTION_ROW, "Sessions planned"), "8");
  row = find_titled (dialog, ADW_TYPE_ENTRY_ROW, "Reassess on (year-month-day)");
  palpate_test_input_click (row);
  palpate_test_input_type (today);
  row = find_titled (dialog, ADW_TYPE_ENTRY_ROW, "Techniques planned");
  palpate_test_input_click (row);
  palpate_test_input_type ("Myofascial release, upper trapezius");
  row = find_titled (dialog, ADW_TYPE_ENTRY_ROW, "Home care plan");
  palpate_test_input_click (row);
  palpate_test_input_type ("Chin tucks twice a day");
  palpate_test_save_screenshot (dialog, "treatment-plan-dialog.png");
  save_dialog (dialog);

  /* Due today, highlighted; each target with where the latest signed visit puts Rosa. */
  wanted.text = "Reassessment due";
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 5000));
  g_assert_true (has_mapped_class (group, "plan-due"));
  wanted.text = "Lifting my child: rated 8 or more";
  g_assert_true (tree_says_cb (&wanted));
  wanted.text = "Now 5 — not reached yet";
  g_assert_true (tree_says_cb (&wanted));
  wanted.text = "Pain below 3";
  g_assert_true (tree_says_cb (&wanted));
  wanted.text = "Now 4 — not reached yet";
  g_assert_true (tree_says_cb (&wanted));
  wanted.text = "2 sessions a week · 0 of 8 sessions done";
  g_assert_true (tree_says_cb (&wanted));
  wanted.text = "Chin tucks twice a day";
  g_assert_true (tree_says_cb (&wanted));
  palpate_test_input_settle ();
  palpate_test_save_screenshot (GTK_WIDGET (window), "treatment-plan-client-page.png");
}

static void
discharge (Fixture       *fixture,
           PalpateWindow *window)
{
  GtkWidget *page = GTK_WIDGET (palpate_window_get_client_page (window));
  GtkWidget *group = palpate_test_find_widget_of_type (page, PALPATE_TYPE_TREATMENT_PLAN_GROUP);
  TreeText wanted = { group, "Discharged on" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(PalpateTreatmentPlan) plan = NULL;
  GtkWidget *dialog, *row;

  dialog = open_dialog (group, "_Discharge…");
  choose (find_titled (dialog, ADW_TYPE_COMBO_ROW, "Reason"), "The client's choice");
  row = find_titled (dialog, ADW_TYPE_ENTRY_ROW, "Discharge summary");
  palpate_test_input_click (row);
  palpate_test_input_type ("Moving away; keeps up the exercises");
  palpate_test_save_screenshot (dialog, "treatment-plan-discharge.png");
  save_dialog (dialog);

  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 5000));
  wanted.text = "The client's choice";
  g_assert_true (tree_says_cb (&wanted));
  wanted.text = "Moving away; keeps up the exercises";
  g_assert_true (tree_says_cb (&wanted));
  /* Discharged, the plan is no longer due for reassessment. */
  g_assert_false (has_mapped_class (group, "plan-due"));

  store = palpate_store_open (fixture->database_path, &error);
  g_assert_no_error (error);
  plan = palpate_store_get_treatment_plan (store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpint (plan->psfs_position, ==, 0);
  g_assert_cmpint (plan->psfs_target, ==, 8);
  g_assert_cmpint (plan->pain_target, ==, 3);
  g_assert_cmpint (plan->frequency, ==, 2);
  g_assert_cmpint (plan->n_sessions, ==, 8);
  g_assert_cmpstr (plan->techniques, ==, "Myofascial release, upper trapezius");
  g_assert_cmpint (plan->discharge_reason, ==, PALPATE_DISCHARGE_CLIENT_CHOICE);
  g_assert_true (palpate_treatment_plan_is_discharged (plan));
}

static GtkWidget *
find_menu_button (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (root)), "open-menu-symbolic") == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_menu_button (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
wait_message_dialog_with (const char *button)
{
  for (int i = 0; i < 100; i++)
    {
      GtkWidget *dialog = GTK_WIDGET (palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

      if (dialog != NULL && find_labelled_button (dialog, button) != NULL)
        return dialog;
      palpate_test_iterate (50);
    }
  g_error ("No confirmation with “%s” appeared", button);
}

static gint64
count_destroy_entries (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (fixture->database_path, &error);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE action = 'destroy' "
                                          "AND entity = 'client' AND entity_id = %" G_GINT64_FORMAT,
                                          fixture->old_client_id);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (palpate_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
destroy_past_retention (Fixture       *fixture,
                        PalpateWindow *window)
{
  LabelWait wait = { GTK_WIDGET (window), "Records Past _Retention…", NULL };
  GtkWidget *menu = NULL, *dialog, *confirm;
  TreeText wanted = { NULL, "Walter Brandt" };
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(PalpateClient) gone = NULL;

  /* From the main menu: its button is the one with the menu icon, on screen. */
  menu = find_menu_button (GTK_WIDGET (window));
  g_assert_nonnull (menu);
  palpate_test_input_click (menu);
  if (!palpate_test_wait_for (label_shown_cb, &wait, 3000))
    {
      wait.text = "Records Past Retention…";
      g_assert_true (palpate_test_wait_for (label_shown_cb, &wait, 3000));
    }
  palpate_test_input_click (wait.found);
  g_assert_true (palpate_test_wait_for (toplevel_open_cb,
                                        GSIZE_TO_POINTER (PALPATE_TYPE_RETENTION_DIALOG), 5000));
  dialog = GTK_WIDGET (palpate_test_find_toplevel (PALPATE_TYPE_RETENTION_DIALOG));
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (dialog)));
  wanted.root = dialog;
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 5000));
  /* Rosa, seen two days ago, is not past hers. */
  wanted.text = "Rosa Delgado";
  g_assert_false (tree_says_cb (&wanted));
  palpate_test_save_screenshot (dialog, "records-past-retention.png");

  /* First confirmation: Cancel keeps the record. */
  palpate_test_input_click (find_labelled_button (dialog, "_Destroy…"));
  confirm = wait_message_dialog_with ("_Continue…");
  palpate_test_input_focus_window (GTK_WINDOW (confirm));
  palpate_test_input_click (find_labelled_button (confirm, "_Cancel"));
  g_assert_true (palpate_test_wait_for (toplevel_closed_cb,
                                        GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));
  g_assert_cmpint (count_destroy_entries (fixture), ==, 0);

  /* Then both confirmations. */
  palpate_test_input_click (find_labelled_button (dialog, "_Destroy…"));
  confirm = wait_message_dialog_with ("_Continue…");
  palpate_test_input_focus_window (GTK_WINDOW (confirm));
  palpate_test_input_click (find_labelled_button (confirm, "_Continue…"));
  confirm = wait_message_dialog_with ("_Destroy Permanently");
  palpate_test_input_focus_window (GTK_WINDOW (confirm));
  palpate_test_save_screenshot (confirm, "records-past-retention-confirm.png");
  palpate_test_input_click (find_labelled_button (confirm, "_Destroy Permanently"));

  wanted.text = "No record is past its retention period";
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 5000));
  wanted.text = "Walter Brandt";
  g_assert_false (tree_says_cb (&wanted));
  g_assert_cmpint (count_destroy_entries (fixture), ==, 1);

  store = palpate_store_open (fixture->database_path, &error);
  g_assert_no_error (error);
  gone = palpate_store_get_client (store, fixture->old_client_id, NULL);
  g_assert_null (gone);
  g_assert_true (palpate_store_verify_audit (store, NULL, &error));
  g_assert_no_error (error);
  gtk_window_close (GTK_WINDOW (dialog));
}

static gboolean
window_is_wide_cb (gpointer user_data)
{
  return gtk_widget_get_width (user_data) >= 1300;
}

/* The clinic's retention rule, in Preferences: the clinic's own number of years. */
static void
set_retention_rule (Fixture       *fixture,
                    PalpateWindow *window)
{
  LabelWait wait = { GTK_WIDGET (window), "_Preferences", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;
  PalpateJurisdiction jurisdiction;
  GtkWidget *preferences;
  guint years;

  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
  palpate_test_input_click (find_menu_button (GTK_WIDGET (window)));
  if (!palpate_test_wait_for (label_shown_cb, &wait, 3000))
    {
      wait.text = "Preferences";
      g_assert_true (palpate_test_wait_for (label_shown_cb, &wait, 3000));
    }
  palpate_test_input_click (wait.found);
  g_assert_true (palpate_test_wait_for (toplevel_open_cb,
                                        GSIZE_TO_POINTER (PALPATE_TYPE_PREFERENCES_WINDOW), 5000));
  preferences = GTK_WIDGET (palpate_test_find_toplevel (PALPATE_TYPE_PREFERENCES_WINDOW));
  /* The screen size the screenshots are taken at, with room for the rule's list. */
  gtk_window_set_default_size (GTK_WINDOW (preferences), 1366, 768);
  g_assert_true (palpate_test_wait_for (window_is_wide_cb, preferences, 5000));
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (preferences)));
  choose (find_titled (preferences, ADW_TYPE_COMBO_ROW, "Retention Rule"),
          "The clinic’s own number of years");
  type_into_spin (find_titled (preferences, ADW_TYPE_ACTION_ROW, "Years to Keep"), "20");
  palpate_test_input_settle ();
  palpate_test_save_screenshot (preferences, "preferences-record-keeping.png");

  store = palpate_store_open (fixture->database_path, &error);
  g_assert_no_error (error);
  palpate_store_get_retention_rule (store, &jurisdiction, &years);
  g_assert_cmpint (jurisdiction, ==, PALPATE_JURISDICTION_CUSTOM);
  g_assert_cmpint (years, ==, 20);
  gtk_window_close (GTK_WINDOW (preferences));
}

static void
activate_cb (GApplication *app,
             Fixture      *fixture)
{
  PalpateWindow *window = PALPATE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));

  palpate_window_show_latest (window, FALSE);
  enter_plan (fixture, window);
  discharge (fixture, window);
  destroy_past_retention (fixture, window);
  set_retention_rule (fixture, window);

  fixture->checked = TRUE;
  gtk_window_close (GTK_WINDOW (window));
}

static void
test_care_plan_and_retention (void)
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
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (fixture.checked);

  palpate_test_remove_tree (fixture.tmpdir);
  g_free (fixture.tmpdir);
  g_free (fixture.database_path);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  palpate_test_input_init ();

  g_test_add_func ("/Palpate/CarePlan/plan-discharge-retention", test_care_plan_and_retention);

  return g_test_run ();
}
