/* palpate-chart.h — draws a body chart with its findings: for the screen, paper and PNG alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "palpate-atlas.h"

G_BEGIN_DECLS

#define PALPATE_CHART_MAX_VIEWS 2

typedef enum
{
  PALPATE_CHART_STYLE_CLINICAL,  /* the therapist's symbols */
  PALPATE_CHART_STYLE_PLAIN,     /* for clients: soft red where it hurts, no symbols */
} PalpateChartStyle;

typedef struct
{
  PalpateView        views[PALPATE_CHART_MAX_VIEWS];
  guint              n_views;
  PalpateChartStyle  style;
  gboolean           show_legend;
  gboolean           show_regions;     /* the region boundaries, faint */
  gboolean           show_view_titles;
  GListModel        *findings;         /* PalpateFinding; may be NULL */
  GListModel        *ghosts;           /* the previous visit's findings, drawn faded */
  const char *const *highlighted;      /* region ids to highlight (kinetic-chain prompts) */
  const char        *hovered_region;   /* a region id drawn a little darker */
  const char        *focused_region;   /* the region keyboard charting is on */
  PalpateFinding    *selected;         /* drawn with a halo */
  double             accent[3];        /* RGB of highlights and the focus ring */
} PalpateChartOptions;

/* Where each view sits in a chart of a given size. */
typedef struct
{
  guint       n_views;
  PalpateView views[PALPATE_CHART_MAX_VIEWS];
  double      x[PALPATE_CHART_MAX_VIEWS];     /* the view's atlas origin, in chart units */
  double      y[PALPATE_CHART_MAX_VIEWS];
  double      scale;                          /* chart units per atlas unit */
  double      legend_x, legend_y, legend_width, legend_height;
} PalpateChartLayout;

/* The first and the latest visit's body charts side by side ("then and now"). */
typedef struct
{
  PalpateChartStyle  style;
  GListModel        *findings[2];     /* the first visit's, then the latest's */
  const char        *captions[2];     /* Pango markup heading each panel */
  guint              n_panels;        /* 2, or 1 when there is only one visit */
  double             caption_size;
  double             caption_height;  /* from a caption's top to its chart's */
  double             caption_indent;
  double             gap;             /* between the panels */
  gboolean           framed;          /* a thin frame around each chart, for paper */
  gboolean           show_legend;     /* a legend under each chart */
} PalpateChartPair;

void     palpate_chart_options_init (PalpateChartOptions       *options);
void     palpate_chart_layout       (const PalpateChartOptions *options,
                                     double                     width,
                                     double                     height,
                                     PalpateChartLayout        *layout);
gboolean palpate_chart_layout_to_atlas (const PalpateChartLayout *layout,
                                        double                    x,
                                        double                    y,
                                        PalpateView              *view,
                                        PalpatePoint             *point);
void     palpate_chart_layout_from_atlas (const PalpateChartLayout *layout,
                                          PalpateView               view,
                                          const PalpatePoint       *point,
                                          double                   *x,
                                          double                   *y);
void     palpate_chart_render       (cairo_t                   *cr,
                                     PalpateAtlas              *atlas,
                                     const PalpateChartOptions *options,
                                     double                     width,
                                     double                     height);
void     palpate_chart_render_figure (cairo_t                  *cr,
                                      PalpateAtlas             *atlas,
                                      const PalpateChartOptions *options,
                                      double                    width,
                                      double                    height);
void     palpate_chart_render_marks  (cairo_t                  *cr,
                                      PalpateAtlas             *atlas,
                                      const PalpateChartOptions *options,
                                      double                    width,
                                      double                    height);
void     palpate_chart_render_selection (cairo_t                  *cr,
                                         PalpateAtlas             *atlas,
                                         const PalpateChartOptions *options,
                                         double                    width,
                                         double                    height);
void     palpate_chart_render_legend (cairo_t                  *cr,
                                      PalpateChartStyle         style,
                                      double                    x,
                                      double                    y,
                                      double                    width,
                                      double                    height);
void     palpate_chart_get_kind_color (PalpateFindingKind       kind,
                                       double                   rgb[3]);
void     palpate_chart_draw_finding_symbol (cairo_t            *cr,
                                            PalpateFindingKind  kind,
                                            double              x,
                                            double              y,
                                            double              size);
void     palpate_chart_render_pair  (cairo_t                   *cr,
                                     PalpateAtlas              *atlas,
                                     PalpateChartStyle          style,
                                     GListModel                *findings[2],
                                     const char                *captions[2],
                                     guint                      n_panels,
                                     double                     caption_size,
                                     double                     width,
                                     double                     height);
void     palpate_chart_pair_init    (PalpateChartPair          *pair);
void     palpate_chart_render_pair_full (cairo_t                *cr,
                                         PalpateAtlas           *atlas,
                                         const PalpateChartPair *pair,
                                         double                  width,
                                         double                  height);
gboolean palpate_chart_write_png    (PalpateAtlas              *atlas,
                                     const PalpateChartOptions *options,
                                     int                        width,
                                     int                        height,
                                     const char                *path,
                                     GError                   **error);

GListStore *palpate_chart_sample_findings (void);

G_END_DECLS
