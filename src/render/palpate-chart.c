/* palpate-chart.c — draws a body chart with its findings: for the screen, paper and PNG alike
 *
 * Everything is drawn in atlas units under the view's transform, with curves through the
 * atlas's points, so the chart is crisp at any size. Symbols follow the legend: trigger point
 * ✕ in a circle (filled when active, hollow when latent), tender point ○, adhesion a wavy
 * line, spasm zone a hatched area, referred pain an arrow from the source to where it is
 * felt, numbness or tingling a dotted area, cleared ✓, local contraindication a red no-touch
 * outline. Intensity shows as colour strength and, for points, size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "palpate-chart.h"

static const double kind_colors[PALPATE_N_FINDING_KINDS][3] = {
  [PALPATE_FINDING_TRIGGER_POINT_ACTIVE] = { 0.75, 0.11, 0.16 },
  [PALPATE_FINDING_TRIGGER_POINT_LATENT] = { 0.75, 0.11, 0.16 },
  [PALPATE_FINDING_TENDER_POINT]         = { 0.90, 0.38, 0.00 },
  [PALPATE_FINDING_ADHESION]             = { 0.51, 0.24, 0.61 },
  [PALPATE_FINDING_SPASM_ZONE]           = { 0.11, 0.44, 0.85 },
  [PALPATE_FINDING_REFERRED_PAIN]        = { 0.65, 0.11, 0.45 },
  [PALPATE_FINDING_NUMBNESS]             = { 0.15, 0.56, 0.41 },
  [PALPATE_FINDING_CLEARED]              = { 0.18, 0.63, 0.30 },
  [PALPATE_FINDING_CONTRAINDICATION]     = { 0.88, 0.11, 0.14 },
};

static const double skin[3] = { 0.965, 0.93, 0.905 };
static const double ink[3] = { 0.30, 0.29, 0.31 };

void
palpate_chart_get_kind_color (PalpateFindingKind kind,
                              double             rgb[3])
{
  g_return_if_fail (kind < PALPATE_N_FINDING_KINDS);

  rgb[0] = kind_colors[kind][0];
  rgb[1] = kind_colors[kind][1];
  rgb[2] = kind_colors[kind][2];
}

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

/* A closed curve through the points (Catmull-Rom as Bézier segments). */
static void
smooth_closed_path (cairo_t            *cr,
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

static void
smooth_open_path (cairo_t            *cr,
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

static void
draw_text (cairo_t    *cr,
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
  smooth_closed_path (cr, outline, n);
  cairo_set_source_rgb (cr, skin[0], skin[1], skin[2]);
  cairo_fill_preserve (cr);

  if (options->show_regions)
    {
      cairo_new_path (cr);
      for (guint i = 0; i < regions->len; i++)
        region_path (cr, regions->pdata[i]);
      cairo_set_source_rgba (cr, ink[0], ink[1], ink[2], 0.16);
      cairo_set_line_width (cr, 0.7);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < palpate_atlas_get_n_details (atlas, view); i++)
    {
      const PalpatePoint *detail = palpate_atlas_get_detail (atlas, view, i, &n);

      cairo_new_path (cr);
      smooth_open_path (cr, detail, n);
      cairo_set_source_rgba (cr, ink[0], ink[1], ink[2], 0.42);
      cairo_set_line_width (cr, 1.1);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
    }

  cairo_new_path (cr);
  outline = palpate_atlas_get_outline (atlas, view, &n);
  smooth_closed_path (cr, outline, n);
  cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
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
          cairo_set_source_rgba (cr, ink[0], ink[1], ink[2], 0.10);
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
      cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
      cairo_set_line_width (cr, 1.6);
      cairo_stroke (cr);
      draw_text (cr, i == 0 ? viewer_left : viewer_right, "Sans Bold", 22, x, y, 0.5);
    }
}

/* Intensity shows as size for points, width for lines and fill strength for areas; outlines
 * stay in full colour so that every mark reads at a glance and in print. */
static double
intensity_fill (PalpateFinding *finding)
{
  return 0.10 + 0.035 * palpate_finding_get_intensity (finding);
}

static void
draw_cross_in_circle (cairo_t *cr,
                      double   x,
                      double   y,
                      double   r,
                      gboolean filled,
                      double   rgb[3],
                      double   alpha)
{
  double d = r * 0.52;

  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  if (filled)
    {
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], alpha);
      cairo_fill_preserve (cr);
    }
  else
    {
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_fill_preserve (cr);
    }
  cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], alpha);
  cairo_set_line_width (cr, r * 0.22);
  cairo_stroke (cr);

  cairo_move_to (cr, x - d, y - d);
  cairo_line_to (cr, x + d, y + d);
  cairo_move_to (cr, x + d, y - d);
  cairo_line_to (cr, x - d, y + d);
  if (filled)
    cairo_set_source_rgba (cr, 1, 1, 1, 1);
  cairo_set_line_width (cr, r * 0.26);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
}

static void
draw_check (cairo_t *cr,
            double   x,
            double   y,
            double   r,
            double   rgb[3],
            double   alpha)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], alpha);
  cairo_set_line_width (cr, r * 0.18);
  cairo_stroke (cr);
  cairo_move_to (cr, x - r * 0.5, y + r * 0.02);
  cairo_line_to (cr, x - r * 0.12, y + r * 0.42);
  cairo_line_to (cr, x + r * 0.55, y - r * 0.4);
  cairo_set_line_width (cr, r * 0.28);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
}

/* A wavy line along the points: an adhesion. */
static void
wavy_path (cairo_t            *cr,
           const PalpatePoint *p,
           guint               n,
           double              amplitude,
           double              wavelength)
{
  double travelled = 0;
  gboolean started = FALSE;

  for (guint i = 0; i + 1 < n; i++)
    {
      double dx = p[i + 1].x - p[i].x;
      double dy = p[i + 1].y - p[i].y;
      double length = hypot (dx, dy);
      guint steps = MAX (1, (guint) (length / 2.0));

      if (length <= 0)
        continue;

      for (guint s = 0; s <= steps; s++)
        {
          double t = (double) s / steps;
          double offset = amplitude * sin (2 * G_PI * (travelled + t * length) / wavelength);
          double x = p[i].x + dx * t - dy / length * offset;
          double y = p[i].y + dy * t + dx / length * offset;

          if (!started)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
          started = TRUE;
        }
      travelled += length;
    }
}

static void
hatch (cairo_t *cr,
       double   spacing,
       gboolean both_ways)
{
  double x0, y0, x1, y1;

  cairo_clip_extents (cr, &x0, &y0, &x1, &y1);
  for (double d = -(y1 - y0); d < (x1 - x0) + (y1 - y0); d += spacing)
    {
      cairo_move_to (cr, x0 + d, y0);
      cairo_line_to (cr, x0 + d + (y1 - y0), y1);
      if (both_ways)
        {
          cairo_move_to (cr, x1 - d, y0);
          cairo_line_to (cr, x1 - d - (y1 - y0), y1);
        }
    }
}

static void
dots (cairo_t *cr,
      double   spacing,
      double   radius)
{
  double x0, y0, x1, y1;
  int row = 0;

  cairo_clip_extents (cr, &x0, &y0, &x1, &y1);
  for (double y = y0; y <= y1; y += spacing, row++)
    for (double x = x0 + (row % 2) * spacing / 2; x <= x1; x += spacing)
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      }
}

static void
arrow_head (cairo_t            *cr,
            const PalpatePoint *from,
            const PalpatePoint *to,
            double              size)
{
  double angle = atan2 (to->y - from->y, to->x - from->x);

  cairo_move_to (cr, to->x, to->y);
  cairo_line_to (cr, to->x - size * cos (angle - 0.45), to->y - size * sin (angle - 0.45));
  cairo_line_to (cr, to->x - size * cos (angle + 0.45), to->y - size * sin (angle + 0.45));
  cairo_close_path (cr);
}

/* A repeating tile of the area textures, in atlas units: hatching, cross-hatching, dots. */
static cairo_pattern_t *
texture_tile (cairo_t           *target,
              PalpateFindingKind kind,
              const double       rgb[3],
              double             alpha)
{
  static GHashTable *tiles;
  const double units = kind == PALPATE_FINDING_CONTRAINDICATION ? 12 : 9;
  double scale_x = 1, scale_y = 0;
  int size;
  char key[64];
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;

  /* The tile is made at the target's resolution, so that it is copied, not resampled. */
  cairo_user_to_device_distance (target, &scale_x, &scale_y);
  scale_x = hypot (scale_x, scale_y);
  size = MAX (4, (int) lround (units * scale_x));
  g_snprintf (key, sizeof key, "%d-%d-%d", kind, (int) lround (alpha * 100), size);

  if (tiles == NULL)
    tiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) cairo_pattern_destroy);
  pattern = g_hash_table_lookup (tiles, key);
  if (pattern != NULL)
    return cairo_pattern_reference (pattern);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cr = cairo_create (surface);

  cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], alpha);
  if (kind == PALPATE_FINDING_NUMBNESS)
    {
      cairo_arc (cr, size * 0.25, size * 0.25, size * 0.13, 0, 2 * G_PI);
      cairo_new_sub_path (cr);
      cairo_arc (cr, size * 0.75, size * 0.75, size * 0.13, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  else
    {
      cairo_set_line_width (cr, MAX (1.0, size * 0.12));
      for (int k = -1; k <= 1; k++)
        {
          cairo_move_to (cr, k * size, size);
          cairo_line_to (cr, (k + 1) * size, 0);
          if (kind == PALPATE_FINDING_SPASM_ZONE)
            {
              cairo_move_to (cr, k * size + size / 2.0, size);
              cairo_line_to (cr, (k + 1) * size + size / 2.0, 0);
            }
          if (kind == PALPATE_FINDING_CONTRAINDICATION)
            {
              cairo_move_to (cr, k * size, 0);
              cairo_line_to (cr, (k + 1) * size, size);
            }
        }
      cairo_stroke (cr);
    }
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (surface);
  cairo_surface_destroy (surface);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_matrix_init_scale (&matrix, size / units, size / units);
  cairo_pattern_set_matrix (pattern, &matrix);
  g_hash_table_insert (tiles, g_strdup (key), cairo_pattern_reference (pattern));

  return pattern;
}

static void
finding_center (PalpateFinding *finding,
                double         *x,
                double         *y)
{
  guint n;
  const PalpatePoint *p = palpate_finding_get_points (finding, &n);

  *x = *y = 0;
  for (guint i = 0; i < n; i++)
    {
      *x += p[i].x / n;
      *y += p[i].y / n;
    }
}

static void
draw_finding_clinical (cairo_t        *cr,
                       PalpateFinding *finding,
                       gboolean        ghost)
{
  PalpateFindingKind kind = palpate_finding_get_kind (finding);
  double rgb[3];
  double alpha = ghost ? 0.32 : 1.0;
  double fill = ghost ? 0.06 : intensity_fill (finding);
  double width = 1.8 + 0.12 * palpate_finding_get_intensity (finding);
  double size = 7 + 0.45 * palpate_finding_get_intensity (finding);
  guint n;
  const PalpatePoint *p = palpate_finding_get_points (finding, &n);

  if (n == 0)
    return;

  palpate_chart_get_kind_color (kind, rgb);

  /* A finding that has resolved since the last visit shows as cleared where it was. */
  if (palpate_finding_get_status (finding) == PALPATE_FINDING_STATUS_RESOLVED)
    {
      double x, y;

      finding_center (finding, &x, &y);
      palpate_chart_get_kind_color (PALPATE_FINDING_CLEARED, rgb);
      draw_check (cr, x, y, 9, rgb, ghost ? alpha : 1.0);
      return;
    }

  if (ghost)
    cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);

  switch (kind)
    {
    case PALPATE_FINDING_TRIGGER_POINT_ACTIVE:
    case PALPATE_FINDING_TRIGGER_POINT_LATENT:
      draw_cross_in_circle (cr, p[0].x, p[0].y, size,
                            kind == PALPATE_FINDING_TRIGGER_POINT_ACTIVE, rgb, alpha);
      break;

    case PALPATE_FINDING_TENDER_POINT:
      cairo_new_path (cr);
      cairo_arc (cr, p[0].x, p[0].y, size * 0.85, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], alpha);
      cairo_set_line_width (cr, 2.6);
      cairo_stroke (cr);
      break;

    case PALPATE_FINDING_CLEARED:
      draw_check (cr, p[0].x, p[0].y, size, rgb, ghost ? alpha : 1.0);
      break;

    case PALPATE_FINDING_ADHESION:
      cairo_new_path (cr);
      wavy_path (cr, p, n, 3.2, 9);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], alpha);
      cairo_set_line_width (cr, width);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      break;

    case PALPATE_FINDING_REFERRED_PAIN:
      cairo_new_path (cr);
      smooth_open_path (cr, p, n);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], alpha);
      cairo_set_line_width (cr, width);
      cairo_set_dash (cr, (double[]) { 6, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (n >= 2)
        {
          arrow_head (cr, &p[n - 2], &p[n - 1], 11);
          cairo_fill (cr);
          cairo_new_path (cr);
          cairo_arc (cr, p[0].x, p[0].y, 3.2, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      break;

    case PALPATE_FINDING_SPASM_ZONE:
    case PALPATE_FINDING_NUMBNESS:
    case PALPATE_FINDING_CONTRAINDICATION:
      if (n < 3)
        break;

      cairo_save (cr);
      cairo_new_path (cr);
      smooth_closed_path (cr, p, n);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], fill);
      cairo_fill_preserve (cr);

      if (cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE)
        {
          /* On screen, the texture is one fill with a repeating tile; on paper it is drawn
           * line by line so that it stays sharp at any zoom. */
          cairo_pattern_t *tile = texture_tile (cr, kind, rgb,
                                                ghost ? alpha : 0.5 + 3 * fill / 2);

          cairo_set_source (cr, tile);
          cairo_fill (cr);
          cairo_pattern_destroy (tile);
          cairo_restore (cr);
        }
      else
        {
      cairo_clip_preserve (cr);
      cairo_new_path (cr);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], ghost ? alpha : 0.5 + 3 * fill / 2);
      if (kind == PALPATE_FINDING_NUMBNESS)
        {
          dots (cr, 5.5, 1.2);
          cairo_fill (cr);
        }
      else
        {
          hatch (cr, kind == PALPATE_FINDING_CONTRAINDICATION ? 6 : 4.5,
                 kind == PALPATE_FINDING_CONTRAINDICATION);
          cairo_set_line_width (cr, 1.1);
          cairo_stroke (cr);
        }
      cairo_restore (cr);
        }

      cairo_new_path (cr);
      smooth_closed_path (cr, p, n);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], alpha);
      if (kind == PALPATE_FINDING_CONTRAINDICATION)
        {
          cairo_set_line_width (cr, 2.8);
          cairo_set_dash (cr, (double[]) { 7, 3.5 }, 2, 0);
        }
      else
        cairo_set_line_width (cr, kind == PALPATE_FINDING_NUMBNESS ? 1.2 : 1.6);
      if (kind == PALPATE_FINDING_NUMBNESS)
        cairo_set_dash (cr, (double[]) { 1.5, 2.5 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;

    default:
      break;
    }

  cairo_set_dash (cr, NULL, 0, 0);
}

/* For clients: where it hurt, as a soft red glow, stronger where it hurt more. */
static void
draw_finding_plain (cairo_t        *cr,
                    PalpateFinding *finding)
{
  PalpateFindingKind kind = palpate_finding_get_kind (finding);
  double strength = 0.25 + 0.06 * palpate_finding_get_intensity (finding);
  double x, y;
  guint n;
  const PalpatePoint *p = palpate_finding_get_points (finding, &n);
  cairo_pattern_t *glow;
  double radius;

  /* What has gone ("Gone" since the last visit) no longer hurts: it is left out. */
  if (kind == PALPATE_FINDING_CLEARED || kind == PALPATE_FINDING_CONTRAINDICATION || n == 0 ||
      palpate_finding_get_status (finding) == PALPATE_FINDING_STATUS_RESOLVED)
    return;

  if (palpate_finding_kind_get_geometry (kind) == PALPATE_GEOMETRY_AREA && n >= 3)
    {
      cairo_new_path (cr);
      smooth_closed_path (cr, p, n);
      cairo_set_source_rgba (cr, 0.88, 0.20, 0.18, strength * 0.6);
      cairo_fill (cr);
    }

  finding_center (finding, &x, &y);
  radius = 14 + 1.4 * palpate_finding_get_intensity (finding);
  glow = cairo_pattern_create_radial (x, y, 0, x, y, radius);
  cairo_pattern_add_color_stop_rgba (glow, 0, 0.85, 0.12, 0.12, strength);
  cairo_pattern_add_color_stop_rgba (glow, 1, 0.85, 0.12, 0.12, 0);
  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_set_source (cr, glow);
  cairo_fill (cr);
  cairo_pattern_destroy (glow);
}

static void
draw_selection (cairo_t                   *cr,
                const PalpateChartOptions *options,
                PalpateFinding            *finding)
{
  double x, y;
  guint n;
  const PalpatePoint *p = palpate_finding_get_points (finding, &n);

  finding_center (finding, &x, &y);
  cairo_new_path (cr);
  if (palpate_finding_kind_get_geometry (palpate_finding_get_kind (finding)) ==
      PALPATE_GEOMETRY_POINT)
    cairo_arc (cr, x, y, 16, 0, 2 * G_PI);
  else if (n >= 3)
    smooth_closed_path (cr, p, n);
  else
    smooth_open_path (cr, p, n);
  cairo_set_source_rgba (cr, options->accent[0], options->accent[1], options->accent[2], 0.55);
  cairo_set_line_width (cr, 7);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
}

static void
draw_findings (cairo_t                   *cr,
               const PalpateChartOptions *options,
               GListModel                *model,
               PalpateView                view,
               gboolean                   ghost)
{
  guint n_items = model ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PalpateFinding) finding = g_list_model_get_item (model, i);

      if (palpate_finding_get_view (finding) != view)
        continue;

      if (finding == options->selected)
        draw_selection (cr, options, finding);

      if (options->style == PALPATE_CHART_STYLE_PLAIN)
        draw_finding_plain (cr, finding);
      else
        draw_finding_clinical (cr, finding, ghost);
    }
}

/**
 * palpate_chart_draw_finding_symbol:
 * @size: the symbol's height in the current units
 *
 * Draws a kind's legend symbol centred on (@x, @y): for the legend and the palette's buttons.
 */
void
palpate_chart_draw_finding_symbol (cairo_t            *cr,
                                   PalpateFindingKind  kind,
                                   double              x,
                                   double              y,
                                   double              size)
{
  g_autoptr(PalpateFinding) finding = NULL;
  PalpatePoint points[8];
  guint n = 1;
  double s = size / 24.0;

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, s, s);

  switch (palpate_finding_kind_get_geometry (kind))
    {
    case PALPATE_GEOMETRY_POINT:
      points[0] = (PalpatePoint) { 0, 0 };
      break;

    case PALPATE_GEOMETRY_LINE:
      points[0] = (PalpatePoint) { -13, 6 };
      points[1] = (PalpatePoint) { 0, -1 };
      points[2] = (PalpatePoint) { 13, -6 };
      n = 3;
      break;

    case PALPATE_GEOMETRY_AREA:
      for (guint i = 0; i < 8; i++)
        points[i] = (PalpatePoint) { 13 * cos (i * G_PI / 4), 10 * sin (i * G_PI / 4) };
      n = 8;
      break;

    default:
      break;
    }

  finding = palpate_finding_new (kind, PALPATE_VIEW_ANTERIOR, points, n);
  palpate_finding_set_intensity (finding, 8);
  if (palpate_finding_kind_get_geometry (kind) == PALPATE_GEOMETRY_POINT)
    {
      /* Points are sized for the figure; scale them to the symbol box. */
      cairo_scale (cr, 0.95, 0.95);
    }
  draw_finding_clinical (cr, finding, FALSE);

  cairo_restore (cr);
}

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

      cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
      draw_text (cr, _("A little"), "Sans", height * 0.2, x + width * 0.23, bar_y + height * 0.11,
                 1.0);
      draw_text (cr, _("A lot"), "Sans", height * 0.2, x + width * 0.77, bar_y + height * 0.11,
                 0.0);
      draw_text (cr, _("Red shows where it hurt"), "Sans Bold", height * 0.2, x + width / 2,
                 y + height * 0.75, 0.5);
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
      cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
      draw_text (cr, palpate_finding_kind_get_name (order[i]), "Sans", font,
                 cx + symbol * 0.9, cy, 0.0);
    }

  cairo_restore (cr);
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
  PalpateChartLayout layout;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PALPATE_IS_ATLAS (atlas));
  g_return_if_fail (options != NULL);

  palpate_chart_layout (options, width, height, &layout);

  for (guint i = 0; i < layout.n_views; i++)
    {
      PalpateView view = layout.views[i];

      if (!palpate_atlas_has_view (atlas, view))
        continue;

      if (options->show_view_titles)
        {
          const char *title = view == PALPATE_VIEW_ANTERIOR ? _("Front")
                            : view == PALPATE_VIEW_POSTERIOR ? _("Back")
                            : view == PALPATE_VIEW_LEFT_LATERAL ? _("Left side")
                            : _("Right side");

          cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
          draw_text (cr, title, "Sans Bold", TITLE_SHARE * height * 0.55,
                     layout.x[i] + PALPATE_ATLAS_WIDTH * layout.scale / 2,
                     layout.y[i] - TITLE_SHARE * height * 0.45, 0.5);
        }

      cairo_save (cr);
      cairo_translate (cr, layout.x[i], layout.y[i]);
      cairo_scale (cr, layout.scale, layout.scale);
      draw_figure (cr, atlas, options, view);
      draw_side_marks (cr, view);
      cairo_restore (cr);
    }
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
  PalpateChartLayout layout;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PALPATE_IS_ATLAS (atlas));
  g_return_if_fail (options != NULL);

  palpate_chart_layout (options, width, height, &layout);

  for (guint i = 0; i < layout.n_views; i++)
    {
      PalpateView view = layout.views[i];

      if (!palpate_atlas_has_view (atlas, view))
        continue;

      cairo_save (cr);
      cairo_translate (cr, layout.x[i], layout.y[i]);
      cairo_scale (cr, layout.scale, layout.scale);
      draw_region_overlays (cr, atlas, options, view);
      draw_findings (cr, options, options->ghosts, view, TRUE);
      draw_findings (cr, options, options->findings, view, FALSE);
      cairo_restore (cr);
    }
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
  PalpateChartLayout layout;

  g_return_if_fail (cr != NULL);

  if (options->selected == NULL)
    return;

  palpate_chart_layout (options, width, height, &layout);
  for (guint i = 0; i < layout.n_views; i++)
    {
      if (layout.views[i] != palpate_finding_get_view (options->selected))
        continue;

      cairo_save (cr);
      cairo_translate (cr, layout.x[i], layout.y[i]);
      cairo_scale (cr, layout.scale, layout.scale);
      draw_selection (cr, options, options->selected);
      cairo_restore (cr);
    }
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

/**
 * palpate_chart_render_pair:
 * @findings: the findings of each panel: the first visit's, then the latest's
 * @captions: what heads each panel ("Then · 3 October 2025")
 * @n_panels: 2, or 1 when there is only one visit
 * @caption_size: the captions' size, in the units of @cr
 *
 * Both views of the body, once per visit, side by side, each under its caption: the first
 * visit beside the latest one.
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
  double panel = width / MAX (n_panels, 1);
  double caption_height = caption_size * 2;

  for (guint i = 0; i < MIN (n_panels, 2); i++)
    {
      PangoLayout *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string ("Sans Bold");
      PalpateChartOptions options;

      pango_font_description_set_absolute_size (font, caption_size * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, captions[i], -1);

      cairo_save (cr);
      cairo_translate (cr, i * panel, 0);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_move_to (cr, caption_size * 0.6, 0);
      pango_cairo_show_layout (cr, layout);

      palpate_chart_options_init (&options);
      options.style = style;
      options.views[0] = PALPATE_VIEW_ANTERIOR;
      options.views[1] = PALPATE_VIEW_POSTERIOR;
      options.n_views = 2;
      options.findings = findings[i];
      cairo_translate (cr, 0, caption_height);
      palpate_chart_render (cr, atlas, &options, panel, height - caption_height);
      cairo_restore (cr);

      pango_font_description_free (font);
      g_object_unref (layout);
    }
}
