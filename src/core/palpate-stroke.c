/* palpate-stroke.c — a stroke drawn on the body chart, simplified to the points it needs
 *
 * A line or area drawn by hand arrives as hundreds of points, most of them on the way from one
 * turn to the next. Ramer–Douglas–Peucker keeps the first and last points and, recursively, the
 * point farthest from the chord between them while that distance passes the tolerance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-stroke"

#include "config.h"

#include <math.h>

#include "palpate-stroke.h"

static void
simplify_range (const PalpatePoint *p,
                guint               first,
                guint               last,
                double              tolerance,
                gboolean           *keep)
{
  double dx = p[last].x - p[first].x;
  double dy = p[last].y - p[first].y;
  double length = hypot (dx, dy);
  double worst = 0;
  guint worst_index = first;

  for (guint i = first + 1; i < last; i++)
    {
      /* From the chord; when the stroke closes on itself, from its start. */
      double distance = length > 0
        ? fabs (dy * p[i].x - dx * p[i].y + p[last].x * p[first].y - p[last].y * p[first].x) /
          length
        : hypot (p[i].x - p[first].x, p[i].y - p[first].y);

      if (distance > worst)
        {
          worst = distance;
          worst_index = i;
        }
    }

  if (worst > tolerance)
    {
      keep[worst_index] = TRUE;
      simplify_range (p, first, worst_index, tolerance, keep);
      simplify_range (p, worst_index, last, tolerance, keep);
    }
}

/**
 * palpate_stroke_simplify:
 * @points: (array length=n_points): the stroke as drawn, in atlas units
 * @tolerance: how far, in atlas units, a dropped point may lie from the simplified stroke
 * @max_points: the most points kept, from the start of the stroke
 *
 * Returns: (transfer full) (element-type PalpatePoint): the points the stroke needs, in order
 */
GArray *
palpate_stroke_simplify (const PalpatePoint *points,
                         guint               n_points,
                         double              tolerance,
                         guint               max_points)
{
  GArray *simple = g_array_new (FALSE, FALSE, sizeof (PalpatePoint));
  g_autofree gboolean *keep = NULL;

  g_return_val_if_fail (points != NULL || n_points == 0, simple);

  if (n_points == 0)
    return simple;

  keep = g_new0 (gboolean, n_points);
  keep[0] = keep[n_points - 1] = TRUE;
  simplify_range (points, 0, n_points - 1, tolerance, keep);

  for (guint i = 0; i < n_points && simple->len < max_points; i++)
    if (keep[i])
      g_array_append_val (simple, points[i]);

  return simple;
}
