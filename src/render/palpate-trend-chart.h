/* palpate-trend-chart.h — the pain trend: before and after each visit on the 0–10 scale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "palpate-visit-summary.h"

G_BEGIN_DECLS

typedef struct
{
  double      accent[3];     /* the after-visit series */
  double      font_size;     /* in the units of the cairo context */
  gboolean    plain_words;   /* for clients: "Before your session" rather than "Before" */
  int         baseline;      /* pain before at the start of care, when that visit is not among
                              * those drawn; -1: the first visit drawn is the baseline */
} PalpateTrendStyle;

void palpate_trend_style_init     (PalpateTrendStyle         *style,
                                   double                     font_size);
int  palpate_trend_first_meaningful (const PalpateVisitSummary *visits,
                                     guint                      n_visits,
                                     int                        baseline);
void palpate_trend_chart_render   (cairo_t                   *cr,
                                   const PalpateVisitSummary *visits,
                                   guint                      n_visits,
                                   const PalpateTrendStyle   *style,
                                   double                     width,
                                   double                     height);

typedef struct
{
  gint64 when;     /* seconds since 1970 */
  int    rating;   /* 0 (unable) to 10 (as before) */
} PalpatePsfsPoint;

typedef struct
{
  const char             *name;
  const PalpatePsfsPoint *points;
  guint                   n_points;
} PalpatePsfsSeries;

double palpate_psfs_legend_height (cairo_t                   *cr,
                                   const PalpatePsfsSeries   *series,
                                   guint                      n_series,
                                   const PalpateTrendStyle   *style,
                                   double                     width);
void palpate_psfs_chart_render    (cairo_t                   *cr,
                                   const PalpatePsfsSeries   *series,
                                   guint                      n_series,
                                   const PalpateTrendStyle   *style,
                                   double                     width,
                                   double                     height);

void palpate_visits_chart_render  (cairo_t                   *cr,
                                   const PalpateMonthVisits  *rows,
                                   guint                      n_rows,
                                   const char * const        *months,
                                   const PalpateTrendStyle   *style,
                                   double                     width,
                                   double                     height);

G_END_DECLS
