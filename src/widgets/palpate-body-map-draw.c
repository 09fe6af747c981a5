/* palpate-body-map-draw.c — drawing the body chart: the figure once per size, the findings
 * again only when they change, the hover, focus and selection over them, and the stroke being
 * drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-body-map"

#include "config.h"

#include "palpate-body-map-private.h"
#include "palpate-chart.h"

/* What the findings and ghosts look like, in a number: when it changes, they are drawn again. */
static guint64
marks_signature (PalpateBodyMap            *self,
                 const PalpateChartOptions *options,
                 int                        width,
                 int                        height)
{
  GListModel *models[] = { options->findings, options->ghosts };
  guint64 signature = (guint64) width * 7919 + height;

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      guint n_items = models[m] ? g_list_model_get_n_items (models[m]) : 0;

      signature = signature * 31 + GPOINTER_TO_SIZE (models[m]) + n_items;
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(PalpateFinding) finding = g_list_model_get_item (models[m], i);
          const PalpatePoint *points;
          guint n;

          points = palpate_finding_get_points (finding, &n);
          signature = signature * 131 + GPOINTER_TO_SIZE (finding);
          signature = signature * 131 + n * 17 + palpate_finding_get_intensity (finding) * 3 +
                      palpate_finding_get_kind (finding) + palpate_finding_get_view (finding) * 11;
          for (guint k = 0; k < n; k++)
            signature = signature * 1000003 + (guint64) (points[k].x * 64) * 131 +
                        (guint64) (points[k].y * 64);
        }
    }

  return signature;
}

/* Hover, highlights and focus over the figure, then the findings (from their image while
 * they stay the same), then the selection. */
static void
draw_marks_layer (PalpateBodyMap            *self,
                  const PalpateChartOptions *options,
                  cairo_t                   *cr,
                  int                        width,
                  int                        height)
{
  PalpateChartOptions overlays = *options;
  PalpateChartOptions findings = *options;
  guint64 signature = marks_signature (self, options, width, height);

  overlays.findings = overlays.ghosts = NULL;
  palpate_chart_render_marks (cr, self->atlas, &overlays, width, height);

  if (self->marks == NULL || signature != self->marks_signature)
    {
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
      cairo_t *marks_cr;

      g_clear_pointer (&self->marks, cairo_surface_destroy);
      self->marks = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale,
                                                height * scale);
      cairo_surface_set_device_scale (self->marks, scale, scale);
      self->marks_signature = signature;

      findings.highlighted = NULL;
      findings.hovered_region = findings.focused_region = NULL;
      findings.selected = NULL;
      marks_cr = cairo_create (self->marks);
      palpate_chart_render_marks (marks_cr, self->atlas, &findings, width, height);
      cairo_destroy (marks_cr);
    }

  cairo_set_source_surface (cr, self->marks, 0, 0);
  cairo_paint (cr);
  palpate_chart_render_selection (cr, self->atlas, options, width, height);
}

void
_palpate_body_map_draw_cb (GtkDrawingArea *area,
                           cairo_t        *cr,
                           int             width,
                           int             height,
                           gpointer        user_data)
{
  PalpateBodyMap *self = PALPATE_BODY_MAP (user_data);
  PalpateChartOptions options;
  GdkRGBA accent;

  palpate_chart_options_init (&options);
  options.show_legend = FALSE;
  options.findings = self->findings ? G_LIST_MODEL (self->findings) : NULL;
  options.ghosts = self->ghosts;
  options.highlighted = (const char * const *) self->highlighted;
  options.hovered_region = self->hovered_region;
  options.focused_region = gtk_widget_has_focus (self->canvas) ? self->focused_region : NULL;
  options.selected = self->selected;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                      "accent_color", &accent))
    {
      options.accent[0] = accent.red;
      options.accent[1] = accent.green;
      options.accent[2] = accent.blue;
    }
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (self->figure == NULL || self->figure_width != width || self->figure_height != height)
    {
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
      cairo_t *figure_cr;

      g_clear_pointer (&self->figure, cairo_surface_destroy);
      self->figure = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width * scale,
                                                 height * scale);
      cairo_surface_set_device_scale (self->figure, scale, scale);
      self->figure_width = width;
      self->figure_height = height;

      /* The chart is paper: white in light and dark style alike, so its colours read the
       * same. */
      figure_cr = cairo_create (self->figure);
      cairo_set_source_rgb (figure_cr, 1, 1, 1);
      cairo_paint (figure_cr);
      palpate_chart_render_figure (figure_cr, self->atlas, &options, width, height);
      cairo_destroy (figure_cr);
    }

  cairo_set_source_surface (cr, self->figure, 0, 0);
  cairo_paint (cr);
  draw_marks_layer (self, &options, cr, width, height);

  /* The stroke being drawn. */
  if (self->pressing && self->moving == NULL && self->stroke->len > 1)
    {
      double rgb[3];

      palpate_chart_get_kind_color (self->kind, rgb);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.8);
      cairo_set_line_width (cr, 2.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < self->stroke->len; i++)
        {
          double x, y;

          palpate_body_map_atlas_to_widget (self, self->drag_view,
                                            &g_array_index (self->stroke, PalpatePoint, i),
                                            &x, &y);
          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
    }
}

void
_palpate_body_map_draw_symbol_cb (GtkDrawingArea *area,
                                  cairo_t        *cr,
                                  int             width,
                                  int             height,
                                  gpointer        user_data)
{
  palpate_chart_draw_finding_symbol (cr, GPOINTER_TO_INT (user_data), width / 2.0, height / 2.0,
                                     MIN (width, height));
}
