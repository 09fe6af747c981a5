/* test-outcome.c — the outcome rules at their boundaries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-outcome.h"
#include "palpate-visit-selection.h"

static void
test_outcome_nrs (void)
{
  /* Two points is meaningful from a baseline of moderate pain or more. */
  g_assert_cmpint (palpate_outcome_nrs_change (8, 6), ==, PALPATE_CHANGE_IMPROVED);
  g_assert_cmpint (palpate_outcome_nrs_change (8, 7), ==, PALPATE_CHANGE_LOWER);
  g_assert_cmpint (palpate_outcome_nrs_change (4, 2), ==, PALPATE_CHANGE_IMPROVED);
  g_assert_cmpint (palpate_outcome_nrs_change (4, 3), ==, PALPATE_CHANGE_LOWER);
  /* Below 4 the rule does not apply: 33 % of 3 is one point, and means little. */
  g_assert_cmpint (palpate_outcome_nrs_change (3, 2), ==, PALPATE_CHANGE_LOWER);
  g_assert_cmpint (palpate_outcome_nrs_change (3, 0), ==, PALPATE_CHANGE_LOWER);
  g_assert_cmpint (palpate_outcome_nrs_change (1, 0), ==, PALPATE_CHANGE_LOWER);
  g_assert_false (palpate_outcome_nrs_rule_applies (3));
  g_assert_true (palpate_outcome_nrs_rule_applies (4));
  /* Exactly 30 %: from 10 to 7. */
  g_assert_cmpint (palpate_outcome_nrs_change (10, 7), ==, PALPATE_CHANGE_IMPROVED);
  g_assert_cmpint (palpate_outcome_nrs_change (10, 8), ==, PALPATE_CHANGE_IMPROVED);
  g_assert_cmpint (palpate_outcome_nrs_change (10, 9), ==, PALPATE_CHANGE_LOWER);
  /* A rise is only higher: the rule says nothing about worsening. */
  g_assert_cmpint (palpate_outcome_nrs_change (4, 6), ==, PALPATE_CHANGE_HIGHER);
  g_assert_cmpint (palpate_outcome_nrs_change (3, 4), ==, PALPATE_CHANGE_HIGHER);
  g_assert_cmpint (palpate_outcome_nrs_change (0, 2), ==, PALPATE_CHANGE_HIGHER);
  /* No change, no baseline, no division by zero. */
  g_assert_cmpint (palpate_outcome_nrs_change (0, 0), ==, PALPATE_CHANGE_NONE);
  g_assert_cmpint (palpate_outcome_nrs_change (6, 6), ==, PALPATE_CHANGE_NONE);
  g_assert_cmpint (palpate_outcome_nrs_change (-1, 3), ==, PALPATE_CHANGE_NONE);
  g_assert_cmpint (palpate_outcome_nrs_change (5, -1), ==, PALPATE_CHANGE_NONE);
}

static void
test_outcome_ndi_odi (void)
{
  const int four[10] = { 1, 1, 1, 1, 0, 0, 0, 0, 0, 0 };
  const int five[10] = { 1, 1, 1, 1, 1, 0, 0, 0, 0, 0 };
  const int fourteen[10] = { 2, 2, 2, 2, 2, 2, 2, 0, 0, 0 };
  const int fifteen[10] = { 2, 2, 2, 2, 2, 2, 2, 1, 0, 0 };
  const int partial[10] = { 5, 5, 5, 5, 5, -1, -1, -1, -1, -1 };
  const int none[10] = { -1, -1, -1, -1, -1, -1, -1, -1, -1, -1 };
  guint answered;

  g_assert_cmpstr (palpate_outcome_ndi_band (palpate_outcome_ndi_score (four, NULL)), ==,
                   "No disability");
  g_assert_cmpstr (palpate_outcome_ndi_band (palpate_outcome_ndi_score (five, NULL)), ==,
                   "Mild disability");
  g_assert_cmpstr (palpate_outcome_ndi_band (palpate_outcome_ndi_score (fourteen, NULL)), ==,
                   "Mild disability");
  g_assert_cmpstr (palpate_outcome_ndi_band (palpate_outcome_ndi_score (fifteen, NULL)), ==,
                   "Moderate disability");
  g_assert_cmpstr (palpate_outcome_ndi_band (35), ==, "Complete disability");

  /* Oswestry counts only the sections answered. */
  g_assert_cmpfloat (palpate_outcome_odi_percent (partial, &answered), ==, 100.0);
  g_assert_cmpuint (answered, ==, 5);
  g_assert_cmpfloat (palpate_outcome_odi_percent (none, &answered), ==, -1);
  g_assert_cmpfloat (palpate_outcome_odi_percent (fifteen, NULL), ==, 30.0);
  g_assert_cmpstr (palpate_outcome_odi_band (20), ==, "Minimal disability");
  g_assert_cmpstr (palpate_outcome_odi_band (20.5), ==, "Moderate disability");
  g_assert_cmpstr (palpate_outcome_odi_band (81), ==, "Bed-bound or exaggerating");
}

/* Signed visits count; drafts only when asked for; the client's own self-rating never. */
static void
test_outcome_visit_selection (void)
{
  g_assert_true (palpate_visit_selection_counts (PALPATE_VISITS_SIGNED, PALPATE_VISIT_SIGNED, FALSE));
  g_assert_false (palpate_visit_selection_counts (PALPATE_VISITS_SIGNED, PALPATE_VISIT_DRAFT, FALSE));
  g_assert_true (palpate_visit_selection_counts (PALPATE_VISITS_WITH_DRAFTS, PALPATE_VISIT_DRAFT,
                                                 FALSE));
  g_assert_false (palpate_visit_selection_counts (PALPATE_VISITS_SIGNED, PALPATE_VISIT_SIGNED, TRUE));
  g_assert_false (palpate_visit_selection_counts (PALPATE_VISITS_WITH_DRAFTS, PALPATE_VISIT_DRAFT,
                                                  TRUE));
  g_assert_false (palpate_visit_selection_counts (PALPATE_VISITS_WITH_DRAFTS, PALPATE_VISIT_SIGNED,
                                                  TRUE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/Outcome/nrs", test_outcome_nrs);
  g_test_add_func ("/Palpate/Outcome/ndi-odi", test_outcome_ndi_odi);
  g_test_add_func ("/Palpate/Outcome/visit-selection", test_outcome_visit_selection);

  return g_test_run ();
}
