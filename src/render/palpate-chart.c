/* palpate-chart.c — draws a body chart with its findings: for the screen, paper and PNG alike
 *
 * Everything is drawn in atlas units under the view's transform, with curves through the
 * atlas's points, so the chart is crisp at any size. This file lays the views out and draws
 * the figures; palpate-chart-symbols.c draws the findings on them and palpate-chart-legend.c
 * the legend below.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "palpate-chart-private.h"

static const double skin[3] = { 0.965, 0.93, 0.905 };
static const double ink[3] = { 0.30, 0.29, 0.31 };

void
palpate_chart_options_init (PalpateChartOptions *options)
{
  *options = (PalpateChartOptions) {
    .views = { PALPATE_VIEW_ANTERIOR, PALPATE_VIEW_POSTERIOR },
    .n_views = 2,
    .style = PALPATE_CHART_STYLE_CLINICAL,
    .show_legend = TRUE,
    .show_regions = TRUE,
    .show_view_titles = TRUE,
    .accent = { 0.21, 0.52, 0.89 },
  };
}

/* Title band above the views and legend band below, as shares of the chart's height. */
#define TITLE_SHARE 0.045
#define LEGEND_SHARE 0.15

void
palpate_chart_layout (const PalpateChartOptions *options,
                      double                     width,
                      double                     height,
                      PalpateChartLayout        *layout)
{
  double margin = 0.02 * MIN (width, height);
  double title = options->show_view_titles ? TITLE_SHARE * height : 0;
  double legend = options->show_legend ? LEGEND_SHARE * height : 0;
  double avail_w = width - 2 * margin;
  double avail_h = height - 2 * margin - title - legend;
  guint n = MAX (1, options->n_views);
  double slot_w = avail_w / n;
  double scale = MIN (slot_w / (PALPATE_ATLAS_WIDTH * 1.04), avail_h / PALPATE_ATLAS_HEIGHT);

  scale = MAX (scale, 0.0001);
  layout->n_views = options->n_views;
  layout->scale = scale;

  for (guint i = 0; i < options->n_views; i++)
    {
      layout->views[i] = options->views[i];
      layout->x[i] = margin + slot_w * i + (slot_w - PALPATE_ATLAS_WIDTH * scale) / 2;
      layout->y[i] = margin + title + (avail_h - PALPATE_ATLAS_HEIGHT * scale) / 2;
    }

  layout->legend_x = margin;
  layout->legend_y = height - margin - legend;
  layout->legend_width = avail_w;
  layout->legend_height = legend;
}

/**
 * palpate_chart_layout_to_atlas:
 * @x: a position in chart units
 * @view: (out): the view at that position
 * @point: (out): the position in the view's atlas coordinates
 *
 * Returns: %FALSE if the position is outside every view
 */
gboolean
palpate_chart_layout_to_atlas (const PalpateChartLayout *layout,
                               double                    x,
                               double                    y,
                               PalpateView              *view,
                               PalpatePoint             *point)
{
  for (guint i = 0; i < layout->n_views; i++)
    {
      double ax = (x - layout->x[i]) / layout->scale;
      double ay = (y - layout->y[i]) / layout->scale;

      if (ax >= 0 && ax <= PALPATE_ATLAS_WIDTH && ay >= 0 && ay <= PALPATE_ATLAS_HEIGHT)
        {
          *view = layout->views[i];
          point->x = ax;
          point->y = ay;
          return TRUE;
        }
    }

  return FALSE;
}

void
palpate_chart_layout_from_atlas (const PalpateChartLayout *layout,
                                 PalpateView               view,
                                 const PalpatePoint       *point,
                                 double                   *x,
                                 double                   *y)
{
  for (guint i = 0; i < layout->n_views; i++)
    {
      if (layout->views[i] == view)
        {
          *x = layout->x[i] + point->x * layout->scale;
          *y = layout->y[i] + point->y * layout->scale;
          return;
        }
    }

  *x = *y = -1;
}

/* The chart's ink, at @alpha: the figure's outline, the views' titles, the legend's words. */
void
palpate_chart_set_ink (cairo_t *cr,
                       double   alpha)
{
  cairo_set_source_rgba (cr, ink[0], ink[1], ink[2], alpha);
}

/* A closed curve through the points (Catmull-Rom as Bézier segments). */
void
palpate_chart_smooth_closed_path (cairo_t            *cr,
                                  const PalpatePoint *p,
                                  guint               n)
{
  if (n < 3)
    return;

  cairo_move_to (cr, p[0].x, p[0].y);
  for (guint i = 0; i < n; i++)
    {
      const PalpatePoint *p0 = &p[(i + n - 1) % n];
      const PalpatePoint *p1 = &p[i];
      const PalpatePoint *p2 = &p[(i + 1) % n];
      const PalpatePoint *p3 = &p[(i + 2) % n];

      cairo_curve_to (cr,
                      p1->x + (p2->x - p0->x) / 6, p1->y + (p2->y - p0->y) / 6,
                      p2->x - (p3->x - p1->x) / 6, p2->y - (p3->y - p1->y) / 6,
                      p2->x, p2->y);
    }
  cairo_close_path (cr);
}

void
palpate_chart_smooth_open_path (cairo_t            *cr,
                                const PalpatePoint *p,
                                guint               n)
{
  if (n == 0)
    return;

  cairo_move_to (cr, p[0].x, p[0].y);
  for (guint i = 0; i + 1 < n; i++)
    {
      const PalpatePoint *p0 = &p[i == 0 ? 0 : i - 1];
      const PalpatePoint *p1 = &p[i];
      const PalpatePoint *p2 = &p[i + 1];
      const PalpatePoint *p3 = &p[MIN (i + 2, n - 1)];

      cairo_curve_to (cr,
                      p1->x + (p2->x - p0->x) / 6, p1->y + (p2->y - p0->y) / 6,
                      p2->x - (p3->x - p1->x) / 6, p2->y - (p3->y - p1->y) / 6,
                      p2->x, p2->y);
    }
}

static void
polygon_path (cairo_t            *cr,
              const PalpatePoint *p,
              guint               n)
{
  cairo_move_to (cr, p[0].x, p[0].y);
  for (guint i = 1; i < n; i++)
    cairo_line_to (cr, p[i].x, p[i].y);
  cairo_close_path (cr);
}

static void
region_path (cairo_t             *cr,
             const PalpateRegion *region)
{
  for (guint i = 0; i < palpate_region_get_n_polygons (region); i++)
    {
      guint n;
      const PalpatePoint *p = palpate_region_get_polygon (region, i, &n);

      polygon_path (cr, p, n);
    }
}

static gboolean
strv_contains (const char * const *strv,
               const char         *text)
{
  return strv != NULL && text != NULL && g_strv_contains (strv, text);
}

void
palpate_chart_draw_label (cairo_t    *cr,
                          const char *text,
                          const char *font,
                          double      size,
                          double      x,
                          double      y,
                          double      xalign)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *description = pango_font_description_from_string (font);
  int width, height;

  pango_font_description_set_absolute_size (description, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - xalign * width, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);

  pango_font_description_free (description);
  g_object_unref (layout);
}

static void
draw_figure (cairo_t                   *cr,
             PalpateAtlas              *atlas,
             const PalpateChartOptions *options,
             PalpateView                view)
{
  const PalpatePoint *outline;
  GPtrArray *regions = palpate_atlas_get_regions (atlas, view);
  guint n;

  outline = palpate_atlas_get_outline (atlas, view, &n);
  palpate_chart_smooth_closed_path (cr, outline, n);
  cairo_set_source_rgb (cr, skin[0], skin[1], skin[2]);
  cairo_fill_preserve (cr);

  if (options->show_regions)
    {
      cairo_new_path (cr);
      for (guint i = 0; i < regions->len; i++)
        region_path (cr, regions->pdata[i]);
      palpate_chart_set_ink (cr, 0.16);
      cairo_set_line_width (cr, 0.7);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < palpate_atlas_get_n_details (atlas, view); i++)
    {
      const PalpatePoint *detail = palpate_atlas_get_detail (atlas, view, i, &n);

      cairo_new_path (cr);
      palpate_chart_smooth_open_path (cr, detail, n);
      palpate_chart_set_ink (cr, 0.42);
      cairo_set_line_width (cr, 1.1);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
    }

  cairo_new_path (cr);
  outline = palpate_atlas_get_outline (atlas, view, &n);
  palpate_chart_smooth_closed_path (cr, outline, n);
  palpate_chart_set_ink (cr, 1.0);
  cairo_set_line_width (cr, 1.8);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

/* Hover, highlights and the keyboard focus: drawn over the figure, under the findings. */
static void
draw_region_overlays (cairo_t                   *cr,
                      PalpateAtlas              *atlas,
                      const PalpateChartOptions *options,
                      PalpateView                view)
{
  GPtrArray *regions = palpate_atlas_get_regions (atlas, view);

  if (options->highlighted == NULL && options->hovered_region == NULL &&
      options->focused_region == NULL)
    return;

  for (guint i = 0; i < regions->len; i++)
    {
      const PalpateRegion *region = regions->pdata[i];
      const char *id = palpate_region_get_id (region);

      if (strv_contains (options->highlighted, id))
        {
          cairo_new_path (cr);
          region_path (cr, region);
          cairo_set_source_rgba (cr, options->accent[0], options->accent[1], options->accent[2],
                                 0.22);
          cairo_fill (cr);
        }

      if (g_strcmp0 (options->hovered_region, id) == 0)
        {
          cairo_new_path (cr);
          region_path (cr, region);
          palpate_chart_set_ink (cr, 0.10);
          cairo_fill (cr);
        }
    }

  /* Highlighted and focused regions get an outline above everything. */
  for (guint i = 0; i < regions->len; i++)
    {
      const PalpateRegion *region = regions->pdata[i];
      const char *id = palpate_region_get_id (region);
      gboolean focused = g_strcmp0 (options->focused_region, id) == 0;

      if (!focused && !strv_contains (options->highlighted, id))
        continue;

      cairo_new_path (cr);
      region_path (cr, region);
      cairo_set_source_rgb (cr, options->accent[0], options->accent[1], options->accent[2]);
      cairo_set_line_width (cr, focused ? 2.6 : 1.4);
      if (!focused)
        cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static void
draw_side_marks (cairo_t     *cr,
                 PalpateView  view)
{
  /* The patient's right is on the viewer's left from the front, on the viewer's right from
   * behind. */
  const char *viewer_left = view == PALPATE_VIEW_POSTERIOR ? C_("left side", "L")
                                                           : C_("right side", "R");
  const char *viewer_right = view == PALPATE_VIEW_POSTERIOR ? C_("right side", "R")
                                                            : C_("left side", "L");
  const double y = 150;

  for (int i = 0; i < 2; i++)
    {
      double x = i == 0 ? 40 : PALPATE_ATLAS_WIDTH - 40;

      cairo_new_path (cr);
      cairo_arc (cr, x, y, 19, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      palpate_chart_set_ink (cr, 1.0);
      cairo_set_line_width (cr, 1.6);
      cairo_stroke (cr);
      palpate_chart_draw_label (cr, i == 0 ? viewer_left : viewer_right, "Sans Bold", 22, x, y,
                                0.5);
    }
}

typedef void (*DrawViewFunc) (cairo_t                   *cr,
                              PalpateAtlas              *atlas,
                              const PalpateChartOptions *options,
                              PalpateView                view);

/* Draws each view of the layout that the atlas has, in atlas units under the view's place and
 * scale. */
static void
draw_each_view (cairo_t                   *cr,
                PalpateAtlas              *atlas,
                const PalpateChartOptions *options,
                double                     width,
                double                     height,
                DrawViewFunc               draw_view)
{
  PalpateChartLayout layout;

  palpate_chart_layout (options, width, height, &layout);
  for (guint i = 0; i < layout.n_views; i++)
    {
      if (!palpate_atlas_has_view (atlas, layout.views[i]))
        continue;

      cairo_save (cr);
      cairo_translate (cr, layout.x[i], layout.y[i]);
      cairo_scale (cr, layout.scale, layout.scale);
      draw_view (cr, atlas, options, layout.views[i]);
      cairo_restore (cr);
    }
}

static void
draw_view_titles (cairo_t                   *cr,
                  PalpateAtlas              *atlas,
                  const PalpateChartOptions *options,
                  double                     width,
                  double                     height)
{
  PalpateChartLayout layout;

  palpate_chart_layout (options, width, height, &layout);
  for (guint i = 0; i < layout.n_views; i++)
    {
      PalpateView view = layout.views[i];
      const char *title = view == PALPATE_VIEW_ANTERIOR ? _("Front")
                        : view == PALPATE_VIEW_POSTERIOR ? _("Back")
                        : view == PALPATE_VIEW_LEFT_LATERAL ? _("Left side")
                        : _("Right side");

      if (!palpate_atlas_has_view (atlas, view))
        continue;

      palpate_chart_set_ink (cr, 1.0);
      palpate_chart_draw_label (cr, title, "Sans Bold", TITLE_SHARE * height * 0.55,
                                layout.x[i] + PALPATE_ATLAS_WIDTH * layout.scale / 2,
                                layout.y[i] - TITLE_SHARE * height * 0.45, 0.5);
    }
}

static void
draw_view_figure (cairo_t                   *cr,
                  PalpateAtlas              *atlas,
                  const PalpateChartOptions *options,
                  PalpateView                view)
{
  draw_figure (cr, atlas, options, view);
  draw_side_marks (cr, view);
}

static void
draw_view_marks (cairo_t                   *cr,
                 PalpateAtlas              *atlas,
                 const PalpateChartOptions *options,
                 PalpateView                view)
{
  draw_region_overlays (cr, atlas, options, view);
  palpate_chart_draw_findings (cr, options, options->ghosts, view, TRUE);
  palpate_chart_draw_findings (cr, options, options->findings, view, FALSE);
}

static void
draw_view_selection (cairo_t                   *cr,
                     PalpateAtlas              *atlas,
                     const PalpateChartOptions *options,
                     PalpateView                view)
{
  if (view == palpate_finding_get_view (options->selected))
    palpate_chart_draw_selection (cr, options, options->selected);
}

/**
 * palpate_chart_render_figure:
 *
 * Draws what does not change while charting: the views' titles, the figures with their
 * regions and the "L"/"R" marks. The body map keeps it in an image and draws the marks over it.
 */
void
palpate_chart_render_figure (cairo_t                   *cr,
                             PalpateAtlas              *atlas,
                             const PalpateChartOptions *options,
                             double                     width,
                             double                     height)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (PALPATE_IS_ATLAS (atlas));
  g_return_if_fail (options != NULL);

  if (options->show_view_titles)
    draw_view_titles (cr, atlas, options, width, height);
  draw_each_view (cr, atlas, options, width, height, draw_view_figure);
}

/**
 * palpate_chart_render_marks:
 *
 * Draws what charting changes, over the figure: hovered, highlighted and focused regions, the
 * previous visit's findings as ghosts, and the findings.
 */
void
palpate_chart_render_marks (cairo_t                   *cr,
                            PalpateAtlas              *atlas,
                            const PalpateChartOptions *options,
                            double                     width,
                            double                     height)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (PALPATE_IS_ATLAS (atlas));
  g_return_if_fail (options != NULL);

  draw_each_view (cr, atlas, options, width, height, draw_view_marks);
}

/**
 * palpate_chart_render_selection:
 *
 * Draws the halo of the selected finding alone, for a body map that keeps its findings in an
 * image and draws what changes with every pointer move over it.
 */
void
palpate_chart_render_selection (cairo_t                   *cr,
                                PalpateAtlas              *atlas,
                                const PalpateChartOptions *options,
                                double                     width,
                                double                     height)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (PALPATE_IS_ATLAS (atlas));
  g_return_if_fail (options != NULL);

  if (options->selected == NULL)
    return;

  draw_each_view (cr, atlas, options, width, height, draw_view_selection);
}

/**
 * palpate_chart_render:
 * @width: the chart's size in the units of @cr (pixels on screen, points on paper)
 *
 * Draws the chart: the figure of each view with "L"/"R" marks, its findings, and the legend.
 */
void
palpate_chart_render (cairo_t                   *cr,
                      PalpateAtlas              *atlas,
                      const PalpateChartOptions *options,
                      double                     width,
                      double                     height)
{
  PalpateChartLayout layout;

  palpate_chart_render_figure (cr, atlas, options, width, height);
  palpate_chart_render_marks (cr, atlas, options, width, height);

  palpate_chart_layout (options, width, height, &layout);
  if (options->show_legend)
    palpate_chart_render_legend (cr, options->style, layout.legend_x, layout.legend_y,
                                 layout.legend_width, layout.legend_height);
}

/**
 * palpate_chart_write_png:
 *
 * Draws the chart on white into a PNG file: no display needed.
 */
gboolean
palpate_chart_write_png (PalpateAtlas              *atlas,
                         const PalpateChartOptions *options,
                         int                        width,
                         int                        height,
                         const char                *path,
                         GError                   **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  palpate_chart_render (cr, atlas, options, width, height);
  cairo_destroy (cr);

  status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The chart could not be written to “%s”."), path);
      return FALSE;
    }

  return TRUE;
}


void
palpate_chart_pair_init (PalpateChartPair *pair)
{
  *pair = (PalpateChartPair) {
    .style = PALPATE_CHART_STYLE_CLINICAL,
    .n_panels = 2,
    .caption_size = 12,
    .caption_height = 24,
    .show_legend = TRUE,
  };
}

/**
 * palpate_chart_render_pair_full:
 * @pair: what to draw in each panel, and how
 * @width: both panels' width, with the gap between them, in the units of @cr
 * @height: a panel's height, with its caption
 *
 * Both views of the body, once per visit, side by side, each under its caption: the first
 * visit beside the latest one. The client page, the patient view and both kinds of report draw
 * their "then and now" with it.
 */
void
palpate_chart_render_pair_full (cairo_t                *cr,
                                PalpateAtlas           *atlas,
                                const PalpateChartPair *pair,
                                double                  width,
                                double                  height)
{
  guint n_panels = MIN (pair->n_panels, 2);
  double panel = (width - pair->gap * (MAX (n_panels, 1) - 1)) / MAX (n_panels, 1);
  double chart_height = height - pair->caption_height;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PALPATE_IS_ATLAS (atlas));
  g_return_if_fail (pair != NULL);

  for (guint i = 0; i < n_panels; i++)
    {
      g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
      PalpateChartOptions options;

      pango_font_description_set_absolute_size (font, pair->caption_size * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (int) ((panel - pair->caption_indent) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_markup (layout, pair->captions[i] ? pair->captions[i] : "", -1);

      cairo_save (cr);
      cairo_translate (cr, i * (panel + pair->gap), 0);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_move_to (cr, pair->caption_indent, 0);
      pango_cairo_show_layout (cr, layout);

      palpate_chart_options_init (&options);
      options.style = pair->style;
      options.views[0] = PALPATE_VIEW_ANTERIOR;
      options.views[1] = PALPATE_VIEW_POSTERIOR;
      options.n_views = 2;
      options.show_legend = pair->show_legend;
      options.findings = pair->findings[i];
      cairo_translate (cr, 0, pair->caption_height);
      if (pair->framed)
        {
          cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
          cairo_set_line_width (cr, 0.5);
          cairo_rectangle (cr, 0, 0, panel, chart_height);
          cairo_stroke (cr);
        }
      palpate_chart_render (cr, atlas, &options, panel, chart_height);
      cairo_restore (cr);
    }
}

/**
 * palpate_chart_render_pair:
 * @findings: the findings of each panel: the first visit's, then the latest's
 * @captions: what heads each panel, in bold ("Then · 3 October 2025")
 * @n_panels: 2, or 1 when there is only one visit
 * @caption_size: the captions' size, in the units of @cr
 *
 * palpate_chart_render_pair_full() for the screen: plain-text captions, a legend under each
 * chart, the panels side by side with no gap.
 */
void
palpate_chart_render_pair (cairo_t           *cr,
                           PalpateAtlas      *atlas,
                           PalpateChartStyle  style,
                           GListModel        *findings[2],
                           const char        *captions[2],
                           guint              n_panels,
                           double             caption_size,
                           double             width,
                           double             height)
{
  g_autofree char *first = g_markup_printf_escaped ("<b>%s</b>", captions[0]);
  g_autofree char *latest = n_panels > 1 ? g_markup_printf_escaped ("<b>%s</b>", captions[1])
                                         : NULL;
  PalpateChartPair pair;

  palpate_chart_pair_init (&pair);
  pair.style = style;
  pair.findings[0] = findings[0];
  pair.findings[1] = n_panels > 1 ? findings[1] : NULL;
  pair.captions[0] = first;
  pair.captions[1] = latest;
  pair.n_panels = n_panels;
  pair.caption_size = caption_size;
  pair.caption_height = caption_size * 2;
  pair.caption_indent = caption_size * 0.6;
  palpate_chart_render_pair_full (cr, atlas, &pair, width, height);
}
