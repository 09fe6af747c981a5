/* test-charting-report.c — progress reports by hand: exporting one, and the files it writes
 *
 * One named subtest per path, each through real clicks, keys and drags sent through the X
 * server (palpate-test-input), each on a clinic file of its own (palpate-test-charting.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-test-charting.h"

/* Reports from the window, by hand: the menu, the file chooser, a real PDF */

static char *report_path;

/* Picks @item from the client page's report menu and saves to @path in the file chooser. */
static void
export_by_hand (Clinic     *clinic,
                const char *item,
                const char *path)
{
  GtkWidget *page = GTK_WIDGET (palpate_window_get_client_page (clinic->window));
  GtkWidget *menu = palpate_test_find_by_tooltip (page, "Progress Report");
  GtkWidget *entry;
  GtkWindow *chooser;
  GtkWidget *choice;

  g_assert_nonnull (menu);
  /* The window is in front again (a file chooser may just have closed over it). */
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (clinic->window)));
  palpate_test_input_click (menu);
  WAIT_UNTIL ((choice = palpate_test_find_label (menu, item)) != NULL);
  palpate_test_input_click (choice);
  WAIT_UNTIL ((chooser = palpate_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL);
  g_assert_true (palpate_test_input_focus_window (chooser));

  /* The name field is ready with a proposed name: typed over with where to save. */
  WAIT_UNTIL ((entry = gtk_root_get_focus (GTK_ROOT (chooser))) != NULL && GTK_IS_TEXT (entry));
  palpate_test_input_key ("<Control>a");
  palpate_test_input_type (path);
  palpate_test_input_key ("Return");
  g_object_add_weak_pointer (G_OBJECT (chooser), (gpointer *) &chooser);
  WAIT_UNTIL (palpate_test_file_has_pdf (path));
  /* Gone for good, with the folder listings its name field completes from. */
  WAIT_UNTIL (chooser == NULL);
}

static void
report_export_body (Clinic        *clinic,
                    gconstpointer  data)
{
  g_autofree char *handout = g_build_filename (clinic->tmpdir, "handout.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *handout_text = NULL;

  palpate_test_click_client (clinic, "Anna Berg");
  WAIT_UNTIL (palpate_test_client_shown (clinic, "Anna Berg"));

  export_by_hand (clinic, "Export Progress Report as PDF…", report_path);
  WAIT_UNTIL (palpate_test_has_toast (clinic->window, "Progress report saved as"));
  text = palpate_test_pdf_reading_text (report_path);
  g_assert_nonnull (strstr (text, "Progress Report"));
  g_assert_nonnull (strstr (text, "Left upper trapezius"));

  export_by_hand (clinic, "Export the Client’s Handout as PDF…", handout);
  handout_text = palpate_test_pdf_reading_text (handout);
  g_assert_nonnull (strstr (handout_text, "Anna"));
}

static void
test_report_export (Clinic        *clinic,
                    gconstpointer  data)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  gint64 visit = palpate_test_clinic_add_visit (clinic->seed, anna, 3);

  palpate_test_clinic_add_finding (clinic->seed, visit, PALPATE_FINDING_TRIGGER_POINT_ACTIVE,
                                   "trapezius-upper-left", 7);
  palpate_test_clinic_sign_visit (clinic->seed, visit);
  report_path = g_build_filename (clinic->tmpdir, "report.pdf", NULL);
  palpate_test_clinic_run (clinic, report_export_body);
  g_clear_pointer (&report_path, g_free);
}

/* Printing and the month's batch go through GTK's print dialog and a folder chooser; what
 * they hand the window (a file to print to, a month and a folder) is given here directly, to
 * check the pages that come out. */

static gint64 second_client_id;

static void
report_files_body (Clinic        *clinic,
                   gconstpointer  data)
{
  g_autofree char *printed = g_build_filename (clinic->tmpdir, "printed.pdf", NULL);
  g_autofree char *batch = g_build_filename (clinic->tmpdir, "month", NULL);
  g_autofree char *job = g_build_filename (clinic->tmpdir, "month-job.pdf", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *month = g_date_time_format (now, "%Y-%m");
  g_autofree char *exported = g_build_filename (clinic->tmpdir, "exported.pdf", NULL);
  g_autofree char *job_text = NULL;
  g_autofree char *job_info = NULL;
  g_autofree char *one_info = NULL;
  const char *info_job[] = { "pdfinfo", job, NULL };
  const char *info_one[] = { "pdfinfo", exported, NULL };
  g_autoptr(GDir) dir = NULL;

  palpate_test_click_client (clinic, "Anna Berg");
  WAIT_UNTIL (palpate_test_client_shown (clinic, "Anna Berg"));

  g_assert_true (gtk_widget_activate_action (win (clinic), "win.export-report-to", "s", exported));
  g_assert_true (palpate_test_file_has_pdf (exported));
  g_assert_true (gtk_widget_activate_action (win (clinic), "win.print-report-to", "s", printed));
  WAIT_UNTIL (palpate_test_file_has_pdf (printed));

  g_mkdir (batch, 0700);
  g_assert_true (gtk_widget_activate_action (win (clinic), "win.month-reports-to", "(ss)",
                                             month, batch));
  dir = g_dir_open (batch, 0, NULL);
  g_assert_nonnull (g_dir_read_name (dir));
  g_assert_nonnull (g_dir_read_name (dir));
  g_assert_null (g_dir_read_name (dir));

  /* The month as one print job: both clients seen this month, one after the other. */
  g_assert_true (gtk_widget_activate_action (win (clinic), "win.month-print-to", "(ss)",
                                             month, job));
  WAIT_UNTIL (palpate_test_file_has_pdf (job));
  job_text = palpate_test_pdf_reading_text (job);
  g_assert_nonnull (strstr (job_text, "Left upper trapezius"));
  g_assert_nonnull (strstr (job_text, "Second Client"));

  /* Every page of each client's report, and nothing more. */
  g_assert_true (g_spawn_sync (NULL, (char **) info_job, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &job_info, NULL, NULL, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) info_one, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &one_info, NULL, NULL, NULL));
  {
    g_autoptr(PalpateReport) report = palpate_report_new (clinic->store, second_client_id,
                                                          NULL, NULL, NULL);
    double width, height;

    palpate_paper_get_size (PALPATE_PAPER_A4, &width, &height);
    g_assert_cmpint (atoi (strstr (job_info, "Pages:") + 6), ==,
                     atoi (strstr (one_info, "Pages:") + 6) +
                     palpate_report_count_pages (report, width, height));
  }
}

static void
test_report_files (Clinic        *clinic,
                   gconstpointer  data)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  gint64 second = palpate_test_clinic_add_client (clinic->seed, "Second Client");
  gint64 visit = palpate_test_clinic_add_visit (clinic->seed, anna, 0);
  gint64 second_visit;

  palpate_test_clinic_add_finding (clinic->seed, visit, PALPATE_FINDING_TRIGGER_POINT_ACTIVE,
                                   "trapezius-upper-left", 7);
  palpate_test_clinic_sign_visit (clinic->seed, visit);
  /* Signed: a month's reports count signed visits. */
  second_visit = palpate_test_clinic_add_visit (clinic->seed, second, 0);
  palpate_test_clinic_sign_visit (clinic->seed, second_visit);
  second_client_id = second;
  palpate_test_clinic_run (clinic, report_files_body);
}

int
main (int   argc,
      char *argv[])
{
  palpate_test_charting_init (&argc, &argv);

  PALPATE_TEST_CHARTING_ADD ("report-export", test_report_export);
  PALPATE_TEST_CHARTING_ADD ("report-files", test_report_files);

  return g_test_run ();
}
