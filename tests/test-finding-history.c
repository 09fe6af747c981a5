/* test-finding-history.c — the body chart's undo and redo: each edit is taken back and done
 * again in order, a change is set back on the very finding shown, a new edit ends what could be
 * redone, and only the latest edit counts as the one a removal toast may undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-finding-history.h"

static PalpateFinding *
new_finding (double x)
{
  const PalpatePoint point = { x, 100 };
  PalpateFinding *finding = palpate_finding_new (PALPATE_FINDING_TENDER_POINT,
                                                 PALPATE_VIEW_POSTERIOR, &point, 1);

  palpate_finding_set_region_id (finding, "trapezius-upper-right");
  palpate_finding_set_intensity (finding, 5);
  return finding;
}

static void
test_finding_history_add_remove (void)
{
  g_autoptr(PalpateFindingHistory) history = palpate_finding_history_new ();
  g_autoptr(PalpateFinding) first = new_finding (100);
  g_autoptr(PalpateFinding) second = new_finding (120);
  g_autoptr(PalpateFinding) stepped = NULL;

  g_assert_false (palpate_finding_history_can_undo (history));
  g_assert_false (palpate_finding_history_can_redo (history));
  g_assert_cmpint (palpate_finding_history_undo (history, &stepped), ==,
                   PALPATE_FINDING_STEP_NONE);
  g_assert_null (stepped);

  palpate_finding_history_record_add (history, first);
  palpate_finding_history_record_add (history, second);
  palpate_finding_history_record_remove (history, first);
  g_assert_true (palpate_finding_history_can_undo (history));
  g_assert_true (palpate_finding_history_last_removed (history, first));
  g_assert_false (palpate_finding_history_last_removed (history, second));

  /* Undoing the removal brings the finding back; undoing an addition takes it off. */
  g_assert_cmpint (palpate_finding_history_undo (history, &stepped), ==,
                   PALPATE_FINDING_STEP_RESTORE);
  g_assert_true (stepped == first);
  g_clear_object (&stepped);
  g_assert_false (palpate_finding_history_last_removed (history, first));
  g_assert_true (palpate_finding_history_can_redo (history));

  g_assert_cmpint (palpate_finding_history_undo (history, &stepped), ==,
                   PALPATE_FINDING_STEP_REMOVE);
  g_assert_true (stepped == second);
  g_clear_object (&stepped);

  /* Redone in the order they were undone. */
  g_assert_cmpint (palpate_finding_history_redo (history, &stepped), ==,
                   PALPATE_FINDING_STEP_RESTORE);
  g_assert_true (stepped == second);
  g_clear_object (&stepped);
  g_assert_cmpint (palpate_finding_history_redo (history, &stepped), ==,
                   PALPATE_FINDING_STEP_REMOVE);
  g_assert_true (stepped == first);
  g_clear_object (&stepped);
  g_assert_true (palpate_finding_history_last_removed (history, first));
  g_assert_false (palpate_finding_history_can_redo (history));
  g_assert_cmpint (palpate_finding_history_redo (history, NULL), ==, PALPATE_FINDING_STEP_NONE);
}

static void
test_finding_history_change (void)
{
  g_autoptr(PalpateFindingHistory) history = palpate_finding_history_new ();
  g_autoptr(PalpateFinding) finding = new_finding (100);
  g_autoptr(PalpateFinding) before = palpate_finding_copy (finding);
  g_autoptr(PalpateFinding) stepped = NULL;
  const PalpatePoint *points;
  guint n;

  /* Moved to the other side and felt stronger. */
  palpate_finding_translate (finding, 100, 0);
  palpate_finding_set_region_id (finding, "trapezius-upper-left");
  palpate_finding_set_intensity (finding, 8);
  palpate_finding_history_record_change (history, finding, before);

  g_assert_cmpint (palpate_finding_history_undo (history, &stepped), ==,
                   PALPATE_FINDING_STEP_CHANGE);
  g_assert_true (stepped == finding);
  g_clear_object (&stepped);
  points = palpate_finding_get_points (finding, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (points[0].x, ==, 100);
  g_assert_cmpstr (palpate_finding_get_region_id (finding), ==, "trapezius-upper-right");
  g_assert_cmpint (palpate_finding_get_intensity (finding), ==, 5);

  g_assert_cmpint (palpate_finding_history_redo (history, NULL), ==, PALPATE_FINDING_STEP_CHANGE);
  points = palpate_finding_get_points (finding, &n);
  g_assert_cmpfloat (points[0].x, ==, 200);
  g_assert_cmpstr (palpate_finding_get_region_id (finding), ==, "trapezius-upper-left");
  g_assert_cmpint (palpate_finding_get_intensity (finding), ==, 8);
}

static void
test_finding_history_new_edit_ends_redo (void)
{
  g_autoptr(PalpateFindingHistory) history = palpate_finding_history_new ();
  g_autoptr(PalpateFinding) first = new_finding (100);
  g_autoptr(PalpateFinding) second = new_finding (120);

  palpate_finding_history_record_add (history, first);
  g_assert_cmpint (palpate_finding_history_undo (history, NULL), ==, PALPATE_FINDING_STEP_REMOVE);
  g_assert_true (palpate_finding_history_can_redo (history));

  palpate_finding_history_record_add (history, second);
  g_assert_false (palpate_finding_history_can_redo (history));

  palpate_finding_history_clear (history);
  g_assert_false (palpate_finding_history_can_undo (history));
  g_assert_false (palpate_finding_history_can_redo (history));
}

/* The history holds its findings: it outlives the chart's list without dangling. */
static void
test_finding_history_holds_findings (void)
{
  PalpateFindingHistory *history = palpate_finding_history_new ();
  PalpateFinding *finding = new_finding (100);

  palpate_finding_history_record_remove (history, finding);
  g_object_add_weak_pointer (G_OBJECT (finding), (gpointer *) &finding);
  g_object_unref (finding);
  g_assert_nonnull (finding);

  g_assert_finalize_object (history);
  g_assert_null (finding);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/FindingHistory/add-remove", test_finding_history_add_remove);
  g_test_add_func ("/Palpate/FindingHistory/change", test_finding_history_change);
  g_test_add_func ("/Palpate/FindingHistory/new-edit-ends-redo",
                   test_finding_history_new_edit_ends_redo);
  g_test_add_func ("/Palpate/FindingHistory/holds-findings", test_finding_history_holds_findings);

  return g_test_run ();
}
