/* palpate-chart-legend.c — the legend under a body chart: every kind of finding with its
 * symbol, or for clients the scale of the soft red that shows where it hurt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-chart-private.h"

void
palpate_chart_render_legend (cairo_t           *cr,
                             PalpateChartStyle  style,
                             double             x,
                             double             y,
                             double             width,
                             double             height)
{
  static const PalpateFindingKind order[] = {
    PALPATE_FINDING_TRIGGER_POINT_ACTIVE, PALPATE_FINDING_TRIGGER_POINT_LATENT,
    PALPATE_FINDING_TENDER_POINT, PALPATE_FINDING_ADHESION, PALPATE_FINDING_SPASM_ZONE,
    PALPATE_FINDING_REFERRED_PAIN, PALPATE_FINDING_NUMBNESS, PALPATE_FINDING_CLEARED,
    PALPATE_FINDING_CONTRAINDICATION,
  };
  guint columns = width > 3.2 * height ? 3 : 2;
  guint rows = (G_N_ELEMENTS (order) + columns - 1) / columns;
  double row_h = height / (rows + 0.4);
  double col_w = width / columns;
  double symbol = MIN (row_h * 0.78, col_w * 0.18);
  double font = MIN (row_h * 0.40, col_w * 0.068);

  cairo_save (cr);

  if (style == PALPATE_CHART_STYLE_PLAIN)
    {
      cairo_pattern_t *gradient = cairo_pattern_create_linear (x, 0, x + width * 0.5, 0);
      double bar_y = y + height * 0.3;

      cairo_pattern_add_color_stop_rgba (gradient, 0, 0.85, 0.12, 0.12, 0.15);
      cairo_pattern_add_color_stop_rgba (gradient, 1, 0.85, 0.12, 0.12, 0.85);
      cairo_rectangle (cr, x + width * 0.25, bar_y, width * 0.5, height * 0.22);
      cairo_set_source (cr, gradient);
      cairo_fill (cr);
      cairo_pattern_destroy (gradient);

      palpate_chart_set_ink (cr, 1.0);
      palpate_chart_draw_label (cr, _("A little"), "Sans", height * 0.2, x + width * 0.23,
                                bar_y + height * 0.11, 1.0);
      palpate_chart_draw_label (cr, _("A lot"), "Sans", height * 0.2, x + width * 0.77,
                                bar_y + height * 0.11, 0.0);
      palpate_chart_draw_label (cr, _("Red shows where it hurt"), "Sans Bold", height * 0.2,
                                x + width / 2, y + height * 0.75, 0.5);
      cairo_restore (cr);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      guint column = i / rows;
      guint row = i % rows;
      double cx = x + column * col_w + symbol * 0.7;
      double cy = y + row_h * (row + 0.7);

      palpate_chart_draw_finding_symbol (cr, order[i], cx, cy, symbol);
      palpate_chart_set_ink (cr, 1.0);
      palpate_chart_draw_label (cr, palpate_finding_kind_get_name (order[i]), "Sans", font,
                 cx + symbol * 0.9, cy, 0.0);
    }

  cairo_restore (cr);
}
