/* test-charting-amend.c — correcting a signed note by hand: one part chosen, corrected with a
 * reason, and shown as it read before beside the correction, in the window and in the report
 *
 * One named subtest per path, each through real clicks and keys sent through the X server
 * (palpate-test-input), each on a clinic file of its own (palpate-test-charting.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-report.h"
#include "palpate-test-charting.h"
#include "palpate-test-report.h"

#define SIGNED_OBJECTIVE "Hypertonic left upper trapezius, tender on palpation."
#define CORRECTED_OBJECTIVE "Hypertonic right upper trapezius, tender on palpation."
#define REASON "Side recorded wrongly"

static gint64 signed_visit_id;

static gboolean
text_reads (GtkTextView *view,
            const char  *wanted)
{
  g_autofree char *text = palpate_test_text_of (view);

  return g_strcmp0 (text, wanted) == 0;
}

static void
side_by_side_body (Clinic        *clinic,
                   gconstpointer  data)
{
  GtkWidget *page, *add, *part_row, *list;
  GtkTextView *field;
  g_autoptr(GPtrArray) amendments = NULL;
  g_autoptr(PalpateReport) report = NULL;
  g_autoptr(PalpateVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  PalpateAmendment *amendment;
  g_autofree char *pdf = g_build_filename (clinic->tmpdir, "report.pdf", NULL);
  g_autofree char *report_text = NULL;

  palpate_test_open_latest_visit (clinic, "Anna Berg");
  page = GTK_WIDGET (visit_page (clinic));
  add = palpate_test_find_button (page, "Add Amendment");
  part_row = palpate_test_child (page, "part_row");
  field = GTK_TEXT_VIEW (palpate_test_child (page, "amendment_view"));
  list = palpate_test_child (page, "amendment_list");
  g_assert_nonnull (add);
  g_assert_nonnull (part_row);

  /* The part chosen, the field starts from what it reads; unchanged, it is not offered. */
  palpate_test_choose_from_dropdown (part_row, "Objective");
  WAIT_UNTIL (text_reads (field, SIGNED_OBJECTIVE));
  palpate_test_input_click (palpate_test_child (page, "reason_row"));
  palpate_test_input_type (REASON);
  palpate_test_input_settle ();
  g_assert_false (gtk_widget_is_sensitive (add));

  /* Corrected: the word changed in place, as a hand does. */
  palpate_test_input_click (GTK_WIDGET (field));
  palpate_test_input_key ("<Control>a");
  palpate_test_input_type (CORRECTED_OBJECTIVE);
  WAIT_UNTIL (gtk_widget_is_sensitive (add));
  palpate_test_input_click (add);

  /* Listed: what was corrected, by whom and why, the text before beside the correction. */
  WAIT_UNTIL (palpate_test_tree_contains_text (list, "Objective corrected by"));
  g_assert_true (palpate_test_tree_contains_text (list, "Reason: " REASON));
  g_assert_true (palpate_test_tree_contains_text (list, SIGNED_OBJECTIVE));
  g_assert_true (palpate_test_tree_contains_text (list, CORRECTED_OBJECTIVE));
  g_assert_true (palpate_test_tree_contains_text (list, "Before"));
  g_assert_true (palpate_test_tree_contains_text (list, "Corrected"));
  palpate_test_save_screenshot (GTK_WIDGET (clinic->window), "amendment-side-by-side.png");
  /* The form is ready for the next one, and the signed note itself did not change. */
  WAIT_UNTIL (text_reads (field, ""));
  g_assert_false (gtk_widget_is_sensitive (add));
  g_assert_true (palpate_test_tree_contains_text (soap (clinic, "objective"), SIGNED_OBJECTIVE) ||
                 text_reads (GTK_TEXT_VIEW (soap (clinic, "objective")), SIGNED_OBJECTIVE));

  amendments = palpate_store_list_amendments (clinic->store, signed_visit_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (amendments->len, ==, 1);
  amendment = amendments->pdata[0];
  g_assert_cmpint (palpate_amendment_get_part (amendment), ==, PALPATE_NOTE_PART_OBJECTIVE);
  g_assert_cmpstr (palpate_amendment_get_original (amendment), ==, SIGNED_OBJECTIVE);
  g_assert_cmpstr (palpate_amendment_get_text (amendment), ==, CORRECTED_OBJECTIVE);
  g_assert_cmpstr (palpate_amendment_get_reason (amendment), ==, REASON);

  /* The report says the same: the reason, the text before and the correction. */
  visit = palpate_store_get_visit (clinic->store, signed_visit_id, &error);
  g_assert_no_error (error);
  report = palpate_report_new (clinic->store, palpate_visit_get_client_id (visit), NULL, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_true (palpate_report_write_pdf (report, PALPATE_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  report_text = palpate_test_pdf_text (pdf);
  g_assert_nonnull (strstr (report_text, REASON));
  g_assert_nonnull (strstr (report_text, "Before:"));
  g_assert_nonnull (strstr (report_text, "right upper trapezius"));
  g_assert_nonnull (strstr (report_text, "left upper trapezius"));
}

static void
test_side_by_side (Clinic        *clinic,
                   gconstpointer  data)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  g_autoptr(PalpateVisit) visit = NULL;
  g_autoptr(GError) error = NULL;

  signed_visit_id = palpate_test_clinic_add_visit (clinic->seed, anna, 0);
  visit = palpate_store_get_visit (clinic->seed, signed_visit_id, &error);
  g_assert_no_error (error);
  palpate_visit_set_objective (visit, SIGNED_OBJECTIVE);
  g_assert_true (palpate_store_save_visit (clinic->seed, visit, &error));
  g_assert_no_error (error);
  palpate_test_clinic_sign_visit (clinic->seed, signed_visit_id);
  palpate_test_clinic_run (clinic, side_by_side_body);
}

int
main (int   argc,
      char *argv[])
{
  palpate_test_charting_init (&argc, &argv);

  PALPATE_TEST_CHARTING_ADD ("amendment-side-by-side", test_side_by_side);

  return g_test_run ();
}
