/* test-text-merge.c — an edit made here and one saved in another room, over the same note:
 * neither is lost, and words typed here land where they were typed when that place is still
 * there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-text-merge.h"

static void
assert_merge (const char *base,
              const char *mine,
              const char *theirs,
              const char *expected)
{
  g_autofree char *merged = palpate_text_merge (base, mine, theirs);

  g_assert_cmpstr (merged, ==, expected);
}

static void
test_text_merge_one_side (void)
{
  /* Nothing typed here: the other room's text. */
  assert_merge ("Stiff neck.", "Stiff neck.", "Stiff neck, worse at night.",
                "Stiff neck, worse at night.");
  /* Nothing changed there, or the same change on both sides: this one's. */
  assert_merge ("Stiff neck.", "Stiff neck, left side.", "Stiff neck.", "Stiff neck, left side.");
  assert_merge ("A", "A B", "A B", "A B");
  /* Emptied on one side. */
  assert_merge ("Old note", "", "Old note", "");
  assert_merge (NULL, "New", NULL, "New");
  assert_merge ("Old", "Old", NULL, "");
}

static void
test_text_merge_both_added (void)
{
  /* Both typed at the end: the other room's words first, then this one's. */
  assert_merge ("Stiff neck.", "Stiff neck. Sleeps badly.", "Stiff neck. Worse at night.",
                "Stiff neck. Worse at night. Sleeps badly.");
  /* Typed at the start here, at the end there. */
  assert_merge ("neck pain", "Chronic neck pain", "neck pain since May",
                "Chronic neck pain since May");
  /* Typed in the middle here; the words before it are still there. */
  assert_merge ("Left shoulder, right hip.", "Left shoulder (frozen), right hip.",
                "Left shoulder, right hip. Better.",
                "Left shoulder (frozen), right hip. Better.");
  /* The words before it were changed there, those after it were not. */
  assert_merge ("Left shoulder, right hip.", "Left shoulder, right hip and knee.",
                "Right shoulder, right hip.", "Right shoulder, right hip and knee.");
  /* A note both started: two lines. */
  assert_merge (NULL, "Typed here.", "Typed there.", "Typed there.\nTyped here.");
  assert_merge ("", "Typed here.", "Typed there.\n", "Typed there.\nTyped here.");
}

static void
test_text_merge_both_changed (void)
{
  /* Words replaced on both sides: the other room's text, then this one's on its own line. */
  assert_merge ("Pain 6.", "Pain 4 after work.", "Pain 5.", "Pain 5.\nPain 4 after work.");
  /* Added here, but nothing of the old note is left there: the addition on its own line. */
  assert_merge ("abc", "abcd", "xyz", "xyz\nd");
}

static void
test_text_merge_unicode (void)
{
  /* Common bytes inside one character do not split it. */
  g_autofree char *merged = palpate_text_merge ("Schmerz ä", "Schmerz ö", "Schmerz ü");

  g_assert_true (g_utf8_validate (merged, -1, NULL));
  g_assert_cmpstr (merged, ==, "Schmerz ü\nSchmerz ö");
  assert_merge ("Douleur", "Douleur à l’épaule", "Douleur — nuque",
                "Douleur — nuque à l’épaule");
  assert_merge ("ألم", "ألم شديد", "ألم في الرقبة", "ألم في الرقبة شديد");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Palpate/TextMerge/one-side", test_text_merge_one_side);
  g_test_add_func ("/Palpate/TextMerge/both-added", test_text_merge_both_added);
  g_test_add_func ("/Palpate/TextMerge/both-changed", test_text_merge_both_changed);
  g_test_add_func ("/Palpate/TextMerge/unicode", test_text_merge_unicode);

  return g_test_run ();
}
