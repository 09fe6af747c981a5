/* palpate-signature.c — a client's signature, kept as strokes, drawn with cairo on screen and
 * in reports
 *
 * The strokes are in coordinates from 0 to 1 across the pad they were drawn on, so the same
 * signature fills a box of any size: the signature pad's, or a small one on a printed page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-signature"

#include "config.h"

#include "palpate-signature.h"

/**
 * palpate_signature_draw:
 * @strokes: (element-type GArray): each stroke a #GArray of doubles x0, y0, x1, y1, …
 *
 * Draws @strokes into the box at @x, @y of @width by @height, in the source colour of @cr.
 */
void
palpate_signature_draw (cairo_t   *cr,
                        GPtrArray *strokes,
                        double     x,
                        double     y,
                        double     width,
                        double     height,
                        double     line_width)
{
  g_return_if_fail (cr != NULL);

  if (strokes == NULL)
    return;

  cairo_save (cr);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  for (guint i = 0; i < strokes->len; i++)
    {
      GArray *points = strokes->pdata[i];

      if (points->len < 2)
        continue;

      cairo_move_to (cr, x + g_array_index (points, double, 0) * width,
                     y + g_array_index (points, double, 1) * height);
      /* A single point is a dot: a zero-length line with round caps. */
      if (points->len < 4)
        cairo_rel_line_to (cr, 0, 0);
      for (guint k = 2; k + 1 < points->len; k += 2)
        cairo_line_to (cr, x + g_array_index (points, double, k) * width,
                       y + g_array_index (points, double, k + 1) * height);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
}
