/* test-charting.c — a session charted end to end in the real window, and bad input on the way
 *
 * The application runs on a temporary clinic file. The first run adds a client (after refusing
 * an empty name and a birth date in the future), starts a visit, charts a trigger point, an
 * adhesion and a spasm zone, rates pain, applies two techniques, writes the SOAP note with a
 * 200,000-character objective, and signs. The second run, on the same file, finds all of it,
 * cannot change the signed visit, adds an amendment, starts a second visit whose ghosts are the
 * first visit's findings, marks one gone, and keeps an edit on screen when the file refuses
 * writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "palpate-application.h"
#include "palpate-atlas.h"
#include "palpate-client-editor.h"
#include "palpate-dashboard.h"
#include "palpate-pain-scale.h"
#include "palpate-report.h"
#include "palpate-store-error.h"
#include "palpate-store-private.h"
#include "palpate-test-utils.h"
#include "palpate-window.h"

/* Arabic, Chinese and an emoji in one name. */
#define CLIENT_NAME "Layla حداد 李明 🌿"
#define SUBJECTIVE "Stiff neck after a long drive; headache behind the left eye."
#define ASSESSMENT "Upper trapezius trigger point refers to the temple."
#define PLAN "Weekly for three weeks."
#define AMENDMENT "Client called: headache gone the next morning."

typedef struct
{
  char     *tmpdir;
  char     *database_path;
  char     *objective;       /* 200,000 characters */
  int       run;
  gboolean  checked;
} Fixture;

static GtkWidget *
child (GtkWidget  *root,
       const char *id)
{
  GtkWidget *widget = palpate_test_find_widget_by_name (root, id);

  g_assert_nonnull (widget);
  return widget;
}

/* Clicks the button of a pain scale that shows @value, as a finger would. */
static void
tap_pain (GtkWidget *scale,
          int        value)
{
  g_autofree char *label = g_strdup_printf ("%d", value);
  GtkWidget *widget;
  GQueue queue = G_QUEUE_INIT;

  g_queue_push_tail (&queue, scale);
  while ((widget = g_queue_pop_head (&queue)) != NULL)
    {
      if (GTK_IS_TOGGLE_BUTTON (widget) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
        {
          g_queue_clear (&queue);
          palpate_test_click_button (widget);
          palpate_test_iterate (20);
          g_assert_cmpint (palpate_pain_scale_get_value (PALPATE_PAIN_SCALE (scale)), ==, value);
          return;
        }

      for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (&queue, c);
    }

  g_error ("no button %d in the pain scale", value);
}

/* Charts a finding of @kind with @n points inside @region_id, through the drag gesture. */
static void
set_text (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static char *
get_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
apply_technique (PalpateVisitPage *page,
                 guint             technique,
                 const char       *region_name,
                 int               minutes)
{
  GtkDropDown *regions = GTK_DROP_DOWN (child (GTK_WIDGET (page), "region_dropdown"));
  GListModel *names = gtk_drop_down_get_model (regions);
  guint n = g_list_model_get_n_items (names);
  guint i;

  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (GTK_WIDGET (page), "technique_dropdown")),
                              technique);
  for (i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (names, i);

      if (g_str_equal (gtk_string_object_get_string (name), region_name))
        break;
    }
  g_assert_cmpuint (i, <, n);
  gtk_drop_down_set_selected (regions, i);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (GTK_WIDGET (page), "minutes_spin")), minutes);
  palpate_test_click_button (child (GTK_WIDGET (page), "apply_button"));
  palpate_test_iterate (20);
}

static gboolean
editor_is_gone (gpointer user_data)
{
  return palpate_test_find_toplevel (PALPATE_TYPE_CLIENT_EDITOR) == NULL;
}

/* First run: add the client, chart the visit, sign it. */
static void
first_run (Fixture       *fixture,
           PalpateWindow *window)
{
  PalpateStore *store = palpate_window_get_store (window);
  PalpateClientEditor *editor;
  PalpateVisitPage *page;
  PalpateBodyMap *map;
  GtkWidget *error_label;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) applied = NULL;
  g_autoptr(PalpateVisit) stored = NULL;
  GtkWindow *dialog;
  GDate date;

  g_assert_nonnull (store);
  g_assert_cmpstr (palpate_window_get_page_name (window), ==, "empty");

  /* The empty state's Add Client opens the editor. */
  palpate_test_click_button (palpate_test_find_widget_by_name (GTK_WIDGET (window),
                                                               "add_client_button"));
  palpate_test_iterate (50);
  editor = PALPATE_CLIENT_EDITOR (palpate_test_find_toplevel (PALPATE_TYPE_CLIENT_EDITOR));
  g_assert_nonnull (editor);
  error_label = child (GTK_WIDGET (editor), "error_label");

  /* An empty name: a clear message in the editor, nothing saved. */
  palpate_client_editor_set_phone (editor, "+49 30 1234567");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  palpate_test_iterate (20);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "name"));
  g_assert_cmpint (palpate_store_count_clients (store), ==, 0);
  g_assert_true (palpate_test_find_toplevel (PALPATE_TYPE_CLIENT_EDITOR) == GTK_WINDOW (editor));
  g_assert_cmpstr (palpate_client_editor_get_phone (editor), ==, "+49 30 1234567");

  /* A birth date in the future: refused, everything typed still there. */
  palpate_client_editor_set_name (editor, CLIENT_NAME);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, 2200);
  palpate_client_editor_set_birth_date (editor, &date);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  palpate_test_iterate (20);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "future"));
  g_assert_cmpint (palpate_store_count_clients (store), ==, 0);
  g_assert_cmpstr (palpate_client_editor_get_name (editor), ==, CLIENT_NAME);

  /* A standing no-touch zone over the left shin, drawn in the editor. */
  palpate_test_chart_in_region (palpate_client_editor_get_zones_map (editor), -1, "shin-left", 6, 7);
  g_assert_cmpuint (g_list_model_get_n_items (palpate_client_editor_get_zones (editor)), ==, 1);

  /* Put right, it is saved and shown. */
  g_date_set_dmy (&date, 17, 5, 1980);
  palpate_client_editor_set_birth_date (editor, &date);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (palpate_test_wait_for (editor_is_gone, NULL, 2000));
  g_assert_cmpint (palpate_store_count_clients (store), ==, 1);
  g_assert_cmpstr (palpate_window_get_page_name (window), ==, "client");
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (window), CLIENT_NAME));
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (window), "Left shin"));

  /* Ctrl+N's action starts a visit. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-visit", NULL));
  palpate_test_iterate (50);
  g_assert_cmpstr (palpate_window_get_page_name (window), ==, "visit");
  page = palpate_window_get_visit_page (window);
  map = palpate_visit_page_get_body_map (page);

  palpate_test_chart_in_region (map, PALPATE_FINDING_TRIGGER_POINT_ACTIVE, "trapezius-upper-left", 1, 7);
  palpate_test_chart_in_region (map, PALPATE_FINDING_ADHESION, "hamstrings-right", 3, 7);
  palpate_test_chart_in_region (map, PALPATE_FINDING_SPASM_ZONE, "erector-spinae-lumbar-left", 6, 7);

  tap_pain (child (GTK_WIDGET (page), "pain_before_scale"), 7);
  tap_pain (child (GTK_WIDGET (page), "pain_after_scale"), 3);

  apply_technique (page, 0, "Left upper trapezius", 12);
  apply_technique (page, 1, "Left lumbar erector spinae", 20);

  set_text (palpate_visit_page_get_soap_view (page, "subjective"), SUBJECTIVE);
  set_text (palpate_visit_page_get_soap_view (page, "objective"), fixture->objective);
  set_text (palpate_visit_page_get_soap_view (page, "assessment"), ASSESSMENT);
  set_text (palpate_visit_page_get_soap_view (page, "plan"), PLAN);
  g_assert_true (palpate_visit_page_flush (page));

  /* Everything is in the file already, before signing: no Save button to forget. */
  stored = palpate_store_get_visit (store, palpate_visit_get_id (palpate_visit_page_get_visit (page)),
                                    NULL);
  g_assert_cmpint (palpate_visit_get_pain_before (stored), ==, 7);
  g_assert_cmpint (palpate_visit_get_pain_after (stored), ==, 3);
  g_assert_cmpstr (palpate_visit_get_objective (stored), ==, fixture->objective);
  findings = palpate_store_list_findings (store, palpate_visit_get_id (stored), NULL);
  /* The three charted, and the standing zone the visit started with. */
  g_assert_cmpuint (findings->len, ==, 4);
  applied = palpate_store_list_applied_techniques (store, palpate_visit_get_id (stored), NULL);
  g_assert_cmpuint (applied->len, ==, 2);

  /* Sign, confirming in the dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "visit.sign", NULL));
  palpate_test_iterate (50);
  dialog = palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "sign");
  palpate_test_iterate (50);
  g_assert_cmpint (palpate_visit_get_status (palpate_visit_page_get_visit (page)), ==,
                   PALPATE_VISIT_SIGNED);
  g_assert_false (palpate_body_map_get_editable (map));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
}

static gboolean
file_exists (gpointer user_data)
{
  GStatBuf st;

  return g_stat (user_data, &st) == 0 && st.st_size > 1000;
}

static gboolean
is_saved (gpointer user_data)
{
  return palpate_visit_page_get_save_error (user_data) == NULL;
}

/* Second run on the same file: all there, read-only, amendable; a second visit with ghosts. */
static void
second_run (Fixture       *fixture,
            PalpateWindow *window)
{
  PalpateStore *store = palpate_window_get_store (window);
  PalpateVisitPage *page = palpate_window_get_visit_page (window);
  PalpateBodyMap *map = palpate_visit_page_get_body_map (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) amendments = NULL;
  g_autofree char *objective = NULL;
  g_autofree char *subjective = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(PalpateVisit) copy = NULL;
  PalpateVisit *visit;
  GtkWidget *gone = NULL;
  gint64 first_visit_id;

  g_assert_nonnull (store);
  g_assert_cmpstr (palpate_window_get_page_name (window), ==, "none");
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (window), CLIENT_NAME));

  palpate_window_show_latest (window, TRUE);
  g_assert_cmpstr (palpate_window_get_page_name (window), ==, "visit");
  visit = palpate_visit_page_get_visit (page);
  first_visit_id = palpate_visit_get_id (visit);

  /* Every value came back. */
  g_assert_cmpint (palpate_visit_get_status (visit), ==, PALPATE_VISIT_SIGNED);
  g_assert_cmpint (palpate_pain_scale_get_value (PALPATE_PAIN_SCALE (child (GTK_WIDGET (page),
                                                                          "pain_before_scale"))),
                   ==, 7);
  g_assert_cmpint (palpate_pain_scale_get_value (PALPATE_PAIN_SCALE (child (GTK_WIDGET (page),
                                                                          "pain_after_scale"))),
                   ==, 3);
  subjective = get_text (palpate_visit_page_get_soap_view (page, "subjective"));
  g_assert_cmpstr (subjective, ==, SUBJECTIVE);
  objective = get_text (palpate_visit_page_get_soap_view (page, "objective"));
  g_assert_cmpstr (objective, ==, fixture->objective);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (palpate_body_map_get_findings (map))), ==, 4);
  g_assert_true (palpate_test_tree_contains_text (child (GTK_WIDGET (page), "applied_list"),
                                                  "Left upper trapezius"));

  /* Signed: the screen does not edit it and the file refuses changes. */
  g_assert_false (palpate_body_map_get_editable (map));
  g_assert_false (gtk_widget_is_sensitive (child (GTK_WIDGET (page), "pain_before_scale")));
  g_assert_false (gtk_text_view_get_editable (palpate_visit_page_get_soap_view (page, "plan")));
  copy = palpate_store_get_visit (store, first_visit_id, NULL);
  palpate_visit_set_plan (copy, "Changed after signing");
  g_assert_false (palpate_store_save_visit (store, copy, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_SIGNED);
  g_clear_error (&error);

  /* An amendment is saved and shown beside the original. */
  set_text (GTK_TEXT_VIEW (child (GTK_WIDGET (page), "amendment_view")), AMENDMENT);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "visit.add-amendment", NULL));
  palpate_test_iterate (20);
  amendments = palpate_store_list_amendments (store, first_visit_id, NULL);
  g_assert_cmpuint (amendments->len, ==, 1);
  g_assert_true (palpate_test_tree_contains_text (child (GTK_WIDGET (page), "amendment_list"),
                                                  AMENDMENT));
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (page), PLAN));

  /* A second visit: the first visit's findings are ghosts; one is marked gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-client", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-visit", NULL));
  palpate_test_iterate (50);
  visit = palpate_visit_page_get_visit (page);
  g_assert_cmpint (palpate_visit_get_id (visit), !=, first_visit_id);
  g_assert_true (gtk_widget_get_visible (child (GTK_WIDGET (page), "ghost_group")));

  for (GtkWidget *w = child (GTK_WIDGET (page), "ghost_list"); w != NULL && gone == NULL;)
    {
      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), "Gone") == 0)
        gone = w;
      else if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w ? gtk_widget_get_next_sibling (w) : NULL;
        }
    }
  g_assert_nonnull (gone);
  palpate_test_click_button (gone);
  palpate_test_iterate (20);

  /* The standing zone came along by itself; the finding marked gone is recorded resolved; the
   * two unmarked findings stay ghosts, not records. */
  findings = palpate_store_list_findings (store, palpate_visit_get_id (visit), NULL);
  g_assert_cmpuint (findings->len, ==, 2);
  {
    guint n_zones = 0, n_resolved = 0;

    for (guint i = 0; i < findings->len; i++)
      {
        if (palpate_finding_get_kind (findings->pdata[i]) == PALPATE_FINDING_CONTRAINDICATION &&
            g_strcmp0 (palpate_finding_get_region_id (findings->pdata[i]), "shin-left") == 0)
          n_zones++;
        if (palpate_finding_get_status (findings->pdata[i]) == PALPATE_FINDING_STATUS_RESOLVED)
          n_resolved++;
      }
    g_assert_cmpuint (n_zones, ==, 1);
    g_assert_cmpuint (n_resolved, ==, 1);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (palpate_body_map_get_findings (map))), ==, 2);

  /* The file stops taking writes: the edit stays on screen with the reason, and is saved once
   * the file takes writes again. */
  g_assert_true (palpate_store_exec (store, "PRAGMA query_only = ON", NULL));
  set_text (palpate_visit_page_get_soap_view (page, "subjective"), "Typed while the file was read-only");
  g_assert_false (palpate_visit_page_flush (page));
  g_assert_nonnull (palpate_visit_page_get_save_error (page));
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (page), "Not saved"));
  kept = get_text (palpate_visit_page_get_soap_view (page, "subjective"));
  g_assert_cmpstr (kept, ==, "Typed while the file was read-only");

  g_assert_true (palpate_store_exec (store, "PRAGMA query_only = OFF", NULL));
  set_text (palpate_visit_page_get_soap_view (page, "subjective"), "Typed while the file was read-only.");
  g_assert_true (palpate_test_wait_for (is_saved, page, 3000));
  {
    g_autoptr(PalpateVisit) stored = palpate_store_get_visit (store, palpate_visit_get_id (visit), NULL);

    g_assert_cmpstr (palpate_visit_get_subjective (stored), ==, "Typed while the file was read-only.");
  }

  /* The client's progress: each finding's history, the techniques by region. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-client", NULL));
  {
    GtkWidget *client_page = GTK_WIDGET (palpate_window_get_client_page (window));

    palpate_client_page_show_view (PALPATE_CLIENT_PAGE (client_page), "progress");
    palpate_test_iterate (20);
    g_assert_true (gtk_widget_get_visible (child (client_page, "history_group")));
    g_assert_true (palpate_test_tree_contains_text (child (client_page, "history_list"),
                                                    "Left upper trapezius"));
    g_assert_true (palpate_test_tree_contains_text (child (client_page, "region_list"),
                                                    "Left lumbar erector spinae"));
    g_assert_true (palpate_test_tree_contains_text (child (client_page, "history_list"),
                                                    "Resolved"));
  }

  /* The clinic overview counts signed visits over care: one signed visit is no course of care
   * yet, however much pain fell within it; each figure says what it is. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-dashboard", NULL));
  palpate_test_iterate (20);
  g_assert_cmpstr (palpate_window_get_page_name (window), ==, "dashboard");
  {
    GtkWidget *dashboard = palpate_test_find_widget_of_type (GTK_WIDGET (window),
                                                             PALPATE_TYPE_DASHBOARD);

    g_assert_true (palpate_test_tree_contains_text (dashboard, "Change over Care by Technique"));
    g_assert_true (palpate_test_tree_contains_text (dashboard,
                                                    "No client who received a technique had pain rated at two counted visits in this period"));
    g_assert_true (palpate_test_tree_contains_text (dashboard, "signed notes only"));
    g_assert_false (palpate_test_tree_contains_text (dashboard, "-4.0"));
  }
  /* The overview shows no client: back to the one charted, for the reports. */
  palpate_window_show_latest (window, FALSE);
  g_assert_cmpstr (palpate_window_get_page_name (window), ==, "client");

  /* The progress report, exported as PDF and printed to a file through the print operation,
   * and the month's batch: real PDFs with the client in them. */
  {
    g_autofree char *exported = g_build_filename (fixture->tmpdir, "exported.pdf", NULL);
    g_autofree char *printed = g_build_filename (fixture->tmpdir, "printed.pdf", NULL);
    g_autofree char *batch = g_build_filename (fixture->tmpdir, "month", NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *month = g_date_time_format (now, "%Y-%m");
    g_autofree char *text = NULL;
    g_autoptr(GDir) dir = NULL;
    const char *argv[] = { "pdftotext", exported, "-", NULL };
    int status;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-report-to", "s",
                                               exported));
    g_assert_true (g_file_test (exported, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                                 G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, &status,
                                 NULL));
    g_assert_nonnull (strstr (text, "Progress Report"));
    g_assert_nonnull (strstr (text, "Left upper trapezius"));

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print-report-to", "s",
                                               printed));
    g_assert_true (palpate_test_wait_for (file_exists, printed, 10000));

    g_mkdir (batch, 0700);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.month-reports-to",
                                               "(ss)", month, batch));
    dir = g_dir_open (batch, 0, NULL);
    g_assert_nonnull (g_dir_read_name (dir));
    g_assert_null (g_dir_read_name (dir));

    /* The month as one print job, printed to a file: both clients seen this month, one after
     * the other, every page of each. */
    {
      g_autoptr(PalpateClient) second = palpate_client_new ();
      g_autoptr(PalpateVisit) second_visit = palpate_visit_new ();
      const char *text_job[] = { "pdftotext", NULL, "-", NULL };
      g_autofree char *job_text = NULL;

      palpate_client_set_name (second, "Second Client");
      g_assert_true (palpate_store_save_client (store, second, NULL));
      palpate_visit_set_client_id (second_visit, palpate_client_get_id (second));
      palpate_visit_set_started_at (second_visit, now);
      palpate_visit_set_pain_before (second_visit, 5);
      g_assert_true (palpate_store_save_visit (store, second_visit, NULL));
      /* Signed: a month's reports count signed visits. */
      g_assert_true (palpate_store_sign_visit (store, second_visit, "Maria Rossi", NULL));

      g_autofree char *job = g_build_filename (fixture->tmpdir, "month-job.pdf", NULL);
      const char *info_job[] = { "pdfinfo", job, NULL };
      const char *info_one[] = { "pdfinfo", exported, NULL };
      g_autofree char *job_info = NULL;
      g_autofree char *one_info = NULL;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.month-print-to",
                                                 "(ss)", month, job));
      g_assert_true (palpate_test_wait_for (file_exists, job, 10000));
      g_assert_true (g_spawn_sync (NULL, (char **) info_job, NULL, G_SPAWN_SEARCH_PATH |
                                   G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &job_info, NULL, NULL,
                                   NULL));
      g_assert_true (g_spawn_sync (NULL, (char **) info_one, NULL, G_SPAWN_SEARCH_PATH |
                                   G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &one_info, NULL, NULL,
                                   NULL));
      {
        g_autoptr(PalpateReport) report = palpate_report_new (store,
                                                              palpate_client_get_id (second),
                                                              NULL, NULL, NULL);
        double width, height;

        palpate_paper_get_size (PALPATE_PAPER_A4, &width, &height);
        g_assert_cmpint (atoi (strstr (job_info, "Pages:") + 6), ==,
                         atoi (strstr (one_info, "Pages:") + 6) +
                         palpate_report_count_pages (report, width, height));
      }
      text_job[1] = job;
      g_assert_true (g_spawn_sync (NULL, (char **) text_job, NULL, G_SPAWN_SEARCH_PATH |
                                   G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &job_text, NULL, NULL,
                                   NULL));
      g_assert_nonnull (strstr (job_text, "Left upper trapezius"));
      g_assert_nonnull (strstr (job_text, "Second Client"));
    }
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
}

static void
activate_cb (GApplication *app,
             Fixture      *fixture)
{
  PalpateWindow *window = PALPATE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  palpate_test_iterate (50);
  if (fixture->run == 1)
    first_run (fixture, window);
  else
    second_run (fixture, window);
  fixture->checked = TRUE;
}

static void
run_app (Fixture *fixture)
{
  g_autoptr(PalpateApplication) app = palpate_application_new ();
  char *argv[] = { (char *) "palpate", NULL };

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  palpate_application_set_database_path (app, fixture->database_path);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), fixture);
  fixture->checked = FALSE;
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (fixture->checked);
}

static void
test_charting_end_to_end (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GString) objective = g_string_new (NULL);

  fixture.tmpdir = palpate_test_make_tmpdir ();
  fixture.database_path = g_build_filename (fixture.tmpdir, "clinic.sqlite3", NULL);

  /* 200,000 characters, mixing scripts. */
  while (g_utf8_strlen (objective->str, -1) < 200000 - 20)
    g_string_append (objective, "Tender QL. ألم 疼痛 💆 ");
  while (g_utf8_strlen (objective->str, -1) < 200000)
    g_string_append_c (objective, '.');
  fixture.objective = objective->str;
  g_assert_cmpint (g_utf8_strlen (fixture.objective, -1), ==, 200000);

  fixture.run = 1;
  run_app (&fixture);
  fixture.run = 2;
  run_app (&fixture);

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

  g_test_add_func ("/Palpate/Charting/end-to-end", test_charting_end_to_end);

  return g_test_run ();
}
