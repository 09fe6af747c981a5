/* test-chart.c — the chart drawing: every finding shows in its colour where it was charted,
 * the layout maps back to atlas coordinates, the legend and the patient style draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "palpate-chart.h"
#include "palpate-chart.h"

#define WIDTH 1000
#define HEIGHT 1300

static cairo_surface_t *
render (const PalpateChartOptions *options)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  palpate_chart_render (cr, palpate_atlas_get_default (), options, WIDTH, HEIGHT);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* Pixels within @radius of (x, y) whose colour is near @rgb. */
static guint
count_colour (cairo_surface_t *surface,
              double           x,
              double           y,
              double           radius,
              const double     rgb[3])
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint count = 0;

  for (int py = (int) (y - radius); py <= (int) (y + radius); py++)
    for (int px = (int) (x - radius); px <= (int) (x + radius); px++)
      {
        guint32 pixel;
        double r, g, b;

        if (px < 0 || py < 0 || px >= WIDTH || py >= HEIGHT)
          continue;

        pixel = *(guint32 *) (gpointer) (data + py * stride + px * 4);
        r = ((pixel >> 16) & 0xff) / 255.0;
        g = ((pixel >> 8) & 0xff) / 255.0;
        b = (pixel & 0xff) / 255.0;
        if (fabs (r - rgb[0]) < 0.12 && fabs (g - rgb[1]) < 0.12 && fabs (b - rgb[2]) < 0.12)
          count++;
      }

  return count;
}

static void
test_chart_findings_at_their_positions (void)
{
  g_autoptr(GListStore) findings = palpate_chart_sample_findings ();
  PalpateChartOptions options;
  PalpateChartLayout layout;
  cairo_surface_t *with;
  cairo_surface_t *without;

  palpate_chart_options_init (&options);
  without = render (&options);
  options.findings = G_LIST_MODEL (findings);
  with = render (&options);
  palpate_chart_layout (&options, WIDTH, HEIGHT, &layout);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (findings)); i++)
    {
      g_autoptr(PalpateFinding) finding = g_list_model_get_item (G_LIST_MODEL (findings), i);
      PalpateFindingKind kind = palpate_finding_get_kind (finding);
      const PalpatePoint *points;
      double rgb[3];
      double x, y;
      guint n;

      points = palpate_finding_get_points (finding, &n);
      palpate_chart_layout_from_atlas (&layout, palpate_finding_get_view (finding), &points[0],
                                       &x, &y);
      palpate_chart_get_kind_color (kind, rgb);

      if (count_colour (with, x, y, 12, rgb) < 4)
        g_error ("%s is not drawn at (%g, %g)", palpate_finding_kind_to_string (kind), x, y);
      g_assert_cmpuint (count_colour (without, x, y, 12, rgb), ==, 0);
    }

  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
}

static void
test_chart_layout_round_trip (void)
{
  PalpateChartOptions options;
  PalpateChartLayout layout;
  PalpatePoint point = { 123.5, 456.25 };
  PalpatePoint back;
  PalpateView view;
  double x, y;

  palpate_chart_options_init (&options);
  palpate_chart_layout (&options, 640, 480, &layout);
  g_assert_cmpuint (layout.n_views, ==, 2);
  g_assert_cmpfloat (layout.x[0], <, layout.x[1]);

  palpate_chart_layout_from_atlas (&layout, PALPATE_VIEW_POSTERIOR, &point, &x, &y);
  g_assert_true (palpate_chart_layout_to_atlas (&layout, x, y, &view, &back));
  g_assert_cmpint (view, ==, PALPATE_VIEW_POSTERIOR);
  g_assert_cmpfloat_with_epsilon (back.x, point.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (back.y, point.y, 1e-9);

  /* The margins belong to no view. */
  g_assert_false (palpate_chart_layout_to_atlas (&layout, 1, 1, &view, &back));
}

static void
test_chart_plain_style_has_no_symbols (void)
{
  g_autoptr(GListStore) findings = palpate_chart_sample_findings ();
  PalpateChartOptions options;
  PalpateChartLayout layout;
  cairo_surface_t *surface;
  double active[3];
  guint reds = 0;

  palpate_chart_options_init (&options);
  options.findings = G_LIST_MODEL (findings);
  options.style = PALPATE_CHART_STYLE_PLAIN;
  surface = render (&options);
  palpate_chart_layout (&options, WIDTH, HEIGHT, &layout);
  palpate_chart_get_kind_color (PALPATE_FINDING_TRIGGER_POINT_ACTIVE, active);

  /* No clinical symbol colours, but a red glow where it hurt. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (findings)); i++)
    {
      g_autoptr(PalpateFinding) finding = g_list_model_get_item (G_LIST_MODEL (findings), i);
      const PalpatePoint *points;
      double x, y;
      double spasm[3];
      guint n;

      palpate_chart_get_kind_color (PALPATE_FINDING_SPASM_ZONE, spasm);
      points = palpate_finding_get_points (finding, &n);
      palpate_chart_layout_from_atlas (&layout, palpate_finding_get_view (finding), &points[0],
                                       &x, &y);
      g_assert_cmpuint (count_colour (surface, x, y, 12, spasm), ==, 0);
      if (palpate_finding_get_kind (finding) == PALPATE_FINDING_TRIGGER_POINT_ACTIVE)
        {
          double glow[3] = { 0.92, 0.55, 0.53 };

          reds = count_colour (surface, x, y, 10, glow) + count_colour (surface, x, y, 10, active);
        }
    }

  g_assert_cmpuint (reds, >, 0);
  cairo_surface_destroy (surface);
}

static void
test_chart_png (void)
{
  g_autofree char *tmpdir = g_dir_make_tmp ("palpate-chart-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "chart.png", NULL);
  g_autofree char *bad = g_build_filename (tmpdir, "missing", "chart.png", NULL);
  g_autoptr(GError) error = NULL;
  PalpateChartOptions options;
  cairo_surface_t *png;

  palpate_chart_options_init (&options);
  g_assert_true (palpate_chart_write_png (palpate_atlas_get_default (), &options, 400, 520,
                                          path, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 400);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 520);
  cairo_surface_destroy (png);

  g_assert_false (palpate_chart_write_png (palpate_atlas_get_default (), &options, 40, 52, bad,
                                           &error));
  g_assert_nonnull (error);

  g_remove (path);
  g_rmdir (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/Chart/findings-at-their-positions",
                   test_chart_findings_at_their_positions);
  g_test_add_func ("/Palpate/Chart/layout-round-trip", test_chart_layout_round_trip);
  g_test_add_func ("/Palpate/Chart/plain-style-has-no-symbols",
                   test_chart_plain_style_has_no_symbols);
  g_test_add_func ("/Palpate/Chart/png", test_chart_png);

  return g_test_run ();
}
