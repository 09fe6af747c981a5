/* palpate-chart-symbols.c — the marks of a body chart's findings, and their colours
 *
 * Symbols follow the legend: trigger point ✕ in a circle (filled when active, hollow when
 * latent), tender point ○, adhesion a wavy line, spasm zone a hatched area, referred pain an
 * arrow from the source to where it is felt, numbness or tingling a dotted area, cleared ✓,
 * local contraindication a red no-touch outline. Intensity shows as colour strength and, for
 * points, size. For clients, the plain style shows a soft red glow instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-chart"

#include "config.h"

#include <math.h>

#include "palpate-chart-private.h"

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


void
palpate_chart_get_kind_color (PalpateFindingKind kind,
                              double             rgb[3])
{
  g_return_if_fail (kind < PALPATE_N_FINDING_KINDS);

  rgb[0] = kind_colors[kind][0];
  rgb[1] = kind_colors[kind][1];
  rgb[2] = kind_colors[kind][2];
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
      palpate_chart_smooth_open_path (cr, p, n);
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
      palpate_chart_smooth_closed_path (cr, p, n);
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
      palpate_chart_smooth_closed_path (cr, p, n);
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
      palpate_chart_smooth_closed_path (cr, p, n);
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

void
palpate_chart_draw_selection (cairo_t                   *cr,
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
    palpate_chart_smooth_closed_path (cr, p, n);
  else
    palpate_chart_smooth_open_path (cr, p, n);
  cairo_set_source_rgba (cr, options->accent[0], options->accent[1], options->accent[2], 0.55);
  cairo_set_line_width (cr, 7);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
}

void
palpate_chart_draw_findings (cairo_t                   *cr,
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
        palpate_chart_draw_selection (cr, options, finding);

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
