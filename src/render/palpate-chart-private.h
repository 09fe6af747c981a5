/* palpate-chart-private.h — what the chart's layout, its symbols and its legend share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-chart.h"

G_BEGIN_DECLS

void palpate_chart_set_ink            (cairo_t                   *cr,
                                       double                     alpha);
void palpate_chart_smooth_closed_path (cairo_t                   *cr,
                                       const PalpatePoint        *p,
                                       guint                      n);
void palpate_chart_smooth_open_path   (cairo_t                   *cr,
                                       const PalpatePoint        *p,
                                       guint                      n);
void palpate_chart_draw_label         (cairo_t                   *cr,
                                       const char                *text,
                                       const char                *font,
                                       double                     size,
                                       double                     x,
                                       double                     y,
                                       double                     xalign);
void palpate_chart_draw_findings      (cairo_t                   *cr,
                                       const PalpateChartOptions *options,
                                       GListModel                *model,
                                       PalpateView                view,
                                       gboolean                   ghost);
void palpate_chart_draw_selection     (cairo_t                   *cr,
                                       const PalpateChartOptions *options,
                                       PalpateFinding            *finding);

G_END_DECLS
