/* test-stroke.c — simplifying a stroke drawn on the body chart: straight runs lose their
 * inner points, turns and far points stay, the ends always stay, and the length is capped
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-stroke.h"

static void
assert_point (GArray *points,
              guint   index,
              double  x,
              double  y)
{
  PalpatePoint *point = &g_array_index (points, PalpatePoint, index);

  g_assert_cmpfloat_with_epsilon (point->x, x, 1e-9);
  g_assert_cmpfloat_with_epsilon (point->y, y, 1e-9);
}

static void
test_stroke_straight (void)
{
  PalpatePoint points[100];
  g_autoptr(GArray) simple = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    points[i] = (PalpatePoint) { 10 + i, 20 + 2.0 * i };

  simple = palpate_stroke_simplify (points, G_N_ELEMENTS (points), 2.0, 2000);
  g_assert_cmpuint (simple->len, ==, 2);
  assert_point (simple, 0, 10, 20);
  assert_point (simple, 1, 109, 218);
}

/* A hand's tremor, within the tolerance, is smoothed away. */
static void
test_stroke_tremor (void)
{
  PalpatePoint points[60];
  g_autoptr(GArray) simple = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    points[i] = (PalpatePoint) { i * 2.0, 100 + (i % 2 ? 0.75 : -0.75) };

  simple = palpate_stroke_simplify (points, G_N_ELEMENTS (points), 2.0, 2000);
  g_assert_cmpuint (simple->len, ==, 2);
  assert_point (simple, 0, 0, 99.25);
  assert_point (simple, 1, 118, 100.75);
}

static void
test_stroke_corner (void)
{
  PalpatePoint points[101];
  g_autoptr(GArray) simple = NULL;

  /* Along the top, then down the side: an L with its corner at (50, 0). */
  for (guint i = 0; i <= 50; i++)
    points[i] = (PalpatePoint) { i, 0 };
  for (guint i = 1; i <= 50; i++)
    points[50 + i] = (PalpatePoint) { 50, i };

  simple = palpate_stroke_simplify (points, G_N_ELEMENTS (points), 2.0, 2000);
  g_assert_cmpuint (simple->len, ==, 3);
  assert_point (simple, 0, 0, 0);
  assert_point (simple, 1, 50, 0);
  assert_point (simple, 2, 50, 50);

  /* A tolerance wider than the turn takes the corner off too. */
  g_clear_pointer (&simple, g_array_unref);
  simple = palpate_stroke_simplify (points, G_N_ELEMENTS (points), 40.0, 2000);
  g_assert_cmpuint (simple->len, ==, 2);
}

/* An area closes on itself: its ends coincide, and the farthest points keep its shape. */
static void
test_stroke_closed (void)
{
  const PalpatePoint square[] = {
    { 0, 0 }, { 5, 0 }, { 10, 0 }, { 10, 5 }, { 10, 10 }, { 5, 10 }, { 0, 10 }, { 0, 5 },
    { 0, 0 },
  };
  g_autoptr(GArray) simple = palpate_stroke_simplify (square, G_N_ELEMENTS (square), 2.0, 2000);

  g_assert_cmpuint (simple->len, ==, 5);
  assert_point (simple, 0, 0, 0);
  assert_point (simple, 1, 10, 0);
  assert_point (simple, 2, 10, 10);
  assert_point (simple, 3, 0, 10);
  assert_point (simple, 4, 0, 0);
}

static void
test_stroke_short_and_capped (void)
{
  const PalpatePoint one[] = { { 3, 4 } };
  const PalpatePoint zigzag[] = { { 0, 0 }, { 10, 10 }, { 20, 0 }, { 30, 10 }, { 40, 0 } };
  g_autoptr(GArray) none = palpate_stroke_simplify (NULL, 0, 2.0, 2000);
  g_autoptr(GArray) single = palpate_stroke_simplify (one, 1, 2.0, 2000);
  g_autoptr(GArray) all = palpate_stroke_simplify (zigzag, G_N_ELEMENTS (zigzag), 2.0, 2000);
  g_autoptr(GArray) capped = palpate_stroke_simplify (zigzag, G_N_ELEMENTS (zigzag), 2.0, 3);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (single->len, ==, 1);
  assert_point (single, 0, 3, 4);
  g_assert_cmpuint (all->len, ==, 5);
  /* A finding holds a bounded number of points: the stroke's start is kept. */
  g_assert_cmpuint (capped->len, ==, 3);
  assert_point (capped, 2, 20, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/Stroke/straight", test_stroke_straight);
  g_test_add_func ("/Palpate/Stroke/tremor", test_stroke_tremor);
  g_test_add_func ("/Palpate/Stroke/corner", test_stroke_corner);
  g_test_add_func ("/Palpate/Stroke/closed", test_stroke_closed);
  g_test_add_func ("/Palpate/Stroke/short-and-capped", test_stroke_short_and_capped);

  return g_test_run ();
}
