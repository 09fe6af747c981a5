/* bench-body-map.c — how fast the chart redraws and how fast a point finds its region
 *
 *   _build/tests/bench/bench-body-map
 *
 * Prints the CPU time to draw the chart with 300 findings at a typical on-screen size (the
 * figure alone drawn the same way as the baseline), and the time of one hit test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <time.h>

#include "palpate-atlas.h"
#include "palpate-chart.h"

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A redraw as the body map does it: the figure and the findings kept in images; hover,
 * highlights and selection drawn over them. With @changed, the findings' image is drawn again
 * first, as after an edit. */
static double
draw_ms (PalpateChartOptions *options,
         cairo_surface_t     *surface,
         cairo_surface_t     *figure,
         cairo_surface_t     *marks,
         gboolean             changed,
         int                  rounds)
{
  PalpateAtlas *atlas = palpate_atlas_get_default ();
  PalpateChartOptions overlays = *options;
  double start = cpu_seconds ();

  overlays.findings = overlays.ghosts = NULL;

  for (int i = 0; i < rounds; i++)
    {
      cairo_t *cr;

      if (changed)
        {
          PalpateChartOptions findings = *options;

          findings.selected = NULL;
          findings.hovered_region = NULL;
          cr = cairo_create (marks);
          cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
          cairo_paint (cr);
          cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
          palpate_chart_render_marks (cr, atlas, &findings, 700, 820);
          cairo_destroy (cr);
        }

      cr = cairo_create (surface);
      cairo_set_source_surface (cr, figure, 0, 0);
      cairo_paint (cr);
      palpate_chart_render_marks (cr, atlas, &overlays, 700, 820);
      cairo_set_source_surface (cr, marks, 0, 0);
      cairo_paint (cr);
      palpate_chart_render_selection (cr, atlas, options, 700, 820);
      cairo_destroy (cr);
    }
  cairo_surface_flush (surface);

  return (cpu_seconds () - start) * 1000 / rounds;
}

int
main (int   argc,
      char *argv[])
{
  PalpateAtlas *atlas = palpate_atlas_get_default ();
  g_autoptr(GListStore) findings = g_list_store_new (PALPATE_TYPE_FINDING);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 700, 820);
  cairo_surface_t *figure = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 700, 820);
  cairo_surface_t *marks = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 700, 820);
  PalpateChartOptions options;
  double edited, empty, full, start, per_hit;
  const int hits = 200000;
  GPtrArray *regions = palpate_atlas_get_regions (atlas, PALPATE_VIEW_POSTERIOR);
  guint found = 0;

  setlocale (LC_ALL, "");

  /* 300 findings of every kind in random regions of both views. */
  for (guint i = 0; i < 300; i++)
    {
      PalpateFindingKind kind = i % PALPATE_N_FINDING_KINDS;
      PalpateGeometry geometry = palpate_finding_kind_get_geometry (kind);
      guint n = geometry == PALPATE_GEOMETRY_POINT ? 1 : geometry == PALPATE_GEOMETRY_LINE ? 3 : 7;
      const PalpateRegion *region = regions->pdata[g_rand_int_range (rand, 0, regions->len)];
      PalpatePoint points[8];
      PalpateView view;
      g_autoptr(PalpateFinding) finding = NULL;

      palpate_atlas_place_in_region (palpate_region_get_id (region), rand, &view, points, n,
                                     atlas);
      finding = palpate_finding_new (kind, i % 2 ? view : PALPATE_VIEW_ANTERIOR, points, n);
      palpate_finding_set_intensity (finding, g_rand_int_range (rand, 1, 11));
      g_list_store_append (findings, finding);
    }

  palpate_chart_options_init (&options);
  options.show_legend = FALSE;
  {
    cairo_t *cr = cairo_create (figure);

    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    palpate_chart_render_figure (cr, atlas, &options, 700, 820);
    cairo_destroy (cr);
  }
  options.hovered_region = "trapezius-upper-right";
  draw_ms (&options, surface, figure, marks, TRUE, 5);
  empty = draw_ms (&options, surface, figure, marks, TRUE, 200);
  options.findings = G_LIST_MODEL (findings);
  options.selected = g_list_model_get_item (G_LIST_MODEL (findings), 0);
  edited = draw_ms (&options, surface, figure, marks, TRUE, 50);
  full = draw_ms (&options, surface, figure, marks, FALSE, 200);
  g_object_unref (options.selected);

  start = cpu_seconds ();
  for (int i = 0; i < hits; i++)
    {
      double x = g_rand_double_range (rand, 0, PALPATE_ATLAS_WIDTH);
      double y = g_rand_double_range (rand, 0, PALPATE_ATLAS_HEIGHT);

      if (palpate_atlas_hit_test (atlas, i % 2 ? PALPATE_VIEW_ANTERIOR : PALPATE_VIEW_POSTERIOR,
                                  x, y) != NULL)
        found++;
    }
  per_hit = (cpu_seconds () - start) * 1e6 / hits;

  g_print ("redraw, 700x820 px, no findings:             %7.2f ms CPU\n", empty);
  g_print ("redraw, 700x820 px, 300 findings:            %7.2f ms CPU  (goal <= 2 ms; hover and "
           "selection change, findings kept; %.1fx the empty chart)\n", full, full / empty);
  g_print ("redraw after an edit, 300 findings redrawn:  %7.2f ms CPU  (%.1fx the plain "
           "redraw)\n", edited, edited / full);
  g_print ("hit test, one point:                        %7.3f us CPU  (goal <= 20 us; %u of %d "
           "random points on the body)\n", per_hit, found, hits);

  cairo_surface_destroy (surface);
  cairo_surface_destroy (figure);
  cairo_surface_destroy (marks);
  return 0;
}
