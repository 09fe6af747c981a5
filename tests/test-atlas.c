/* test-atlas.c — the body atlas: landmarks land in the right region and side, regions are
 * named, inside the figure and never overlap, and map to the BPI and WPI areas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "palpate-atlas.h"

typedef struct
{
  PalpateView  view;
  double       x;
  double       y;
  const char  *region;
} Landmark;

static void
test_atlas_landmarks (void)
{
  PalpateAtlas *atlas = palpate_atlas_get_default ();
  /* From the front the patient's right is on the viewer's left; from behind, on the right. */
  static const Landmark landmarks[] = {
    { PALPATE_VIEW_ANTERIOR, 108, 232, "deltoid-anterior-right" },
    { PALPATE_VIEW_ANTERIOR, 292, 232, "deltoid-anterior-left" },
    { PALPATE_VIEW_POSTERIOR, 108, 232, "deltoid-left" },
    { PALPATE_VIEW_POSTERIOR, 292, 232, "deltoid-right" },
    { PALPATE_VIEW_POSTERIOR, 236, 198, "trapezius-upper-right" },
    { PALPATE_VIEW_POSTERIOR, 164, 198, "trapezius-upper-left" },
    { PALPATE_VIEW_POSTERIOR, 192, 410, "erector-spinae-lumbar-left" },
    { PALPATE_VIEW_POSTERIOR, 245, 420, "quadratus-lumborum-right" },
    { PALPATE_VIEW_POSTERIOR, 150, 620, "hamstrings-left" },
    { PALPATE_VIEW_POSTERIOR, 250, 780, "gastrocnemius-right" },
    { PALPATE_VIEW_POSTERIOR, 250, 270, "infraspinatus-right" },
    { PALPATE_VIEW_POSTERIOR, 226, 270, "rhomboids-right" },
    { PALPATE_VIEW_ANTERIOR, 157, 706, "knee-anterior-right" },
    { PALPATE_VIEW_ANTERIOR, 240, 600, "quadriceps-left" },
    { PALPATE_VIEW_ANTERIOR, 230, 230, "pectoralis-left" },
    { PALPATE_VIEW_ANTERIOR, 180, 60, "head-anterior-right" },
    { PALPATE_VIEW_ANTERIOR, 92, 540, "hand-palm-right" },
    { PALPATE_VIEW_ANTERIOR, 205, 160, "scm-left" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (landmarks); i++)
    {
      const PalpateRegion *region = palpate_atlas_hit_test (atlas, landmarks[i].view,
                                                            landmarks[i].x, landmarks[i].y);

      if (region == NULL || g_strcmp0 (palpate_region_get_id (region), landmarks[i].region) != 0)
        g_error ("(%g, %g) on the %s view is %s, not %s", landmarks[i].x, landmarks[i].y,
                 palpate_view_to_string (landmarks[i].view),
                 region ? palpate_region_get_id (region) : "off the body", landmarks[i].region);
    }

  g_assert_null (palpate_atlas_hit_test (atlas, PALPATE_VIEW_ANTERIOR, 10, 10));
  g_assert_null (palpate_atlas_hit_test (atlas, PALPATE_VIEW_POSTERIOR, 200, 990));
  g_assert_cmpstr (palpate_region_get_name (palpate_atlas_lookup_region (atlas,
                                                                         "trapezius-upper-right")),
                   ==, "Right upper trapezius");
}

static gboolean
inside_outline (const PalpatePoint *p,
                guint               n,
                double              x,
                double              y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    if (((p[i].y > y) != (p[j].y > y)) &&
        (x < (p[j].x - p[i].x) * (y - p[i].y) / (p[j].y - p[i].y) + p[i].x))
      inside = !inside;

  return inside;
}

static void
test_atlas_regions_partition_the_figure (void)
{
  PalpateAtlas *atlas = palpate_atlas_get_default ();

  for (PalpateView view = PALPATE_VIEW_ANTERIOR; view <= PALPATE_VIEW_POSTERIOR; view++)
    {
      GPtrArray *regions = palpate_atlas_get_regions (atlas, view);
      const PalpatePoint *outline;
      guint n_outline;
      guint in_figure = 0;
      guint covered = 0;

      outline = palpate_atlas_get_outline (atlas, view, &n_outline);
      g_assert_cmpuint (regions->len, >=, 40);

      for (double y = 1; y < PALPATE_ATLAS_HEIGHT; y += 2.5)
        for (double x = 1; x < PALPATE_ATLAS_WIDTH; x += 2.5)
          {
            guint hits = 0;

            for (guint i = 0; i < regions->len; i++)
              if (palpate_region_contains (regions->pdata[i], x, y))
                hits++;

            if (hits > 1)
              g_error ("(%g, %g) on the %s view lies in %u regions", x, y,
                       palpate_view_to_string (view), hits);

            if (inside_outline (outline, n_outline, x, y))
              {
                in_figure++;
                covered += hits;
              }
            else if (hits > 0)
              {
                const PalpateRegion *region = palpate_atlas_hit_test (atlas, view, x, y);

                /* Region edges and the outline are simplified separately: allow a hair. */
                if (!inside_outline (outline, n_outline, x + 1.5, y) &&
                    !inside_outline (outline, n_outline, x - 1.5, y) &&
                    !inside_outline (outline, n_outline, x, y + 1.5) &&
                    !inside_outline (outline, n_outline, x, y - 1.5))
                  g_error ("%s reaches outside the figure at (%g, %g)",
                           palpate_region_get_id (region), x, y);
              }
          }

      /* Nearly all of the figure belongs to a region. */
      g_assert_cmpfloat ((double) covered / in_figure, >, 0.985);
    }
}

static void
test_atlas_names_sides_and_scores (void)
{
  PalpateAtlas *atlas = palpate_atlas_get_default ();
  g_auto(GStrv) bpi = palpate_atlas_dup_bpi_areas (atlas);
  g_auto(GStrv) wpi = palpate_atlas_dup_wpi_areas (atlas);
  g_autoptr(GHashTable) bpi_used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) wpi_used = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_regions = 0;

  g_assert_cmpuint (g_strv_length (bpi), ==, 25);
  g_assert_cmpuint (g_strv_length (wpi), ==, 19);

  for (PalpateView view = PALPATE_VIEW_ANTERIOR; view <= PALPATE_VIEW_POSTERIOR; view++)
    {
      GPtrArray *regions = palpate_atlas_get_regions (atlas, view);

      for (guint i = 0; i < regions->len; i++)
        {
          const PalpateRegion *region = regions->pdata[i];
          const char *id = palpate_region_get_id (region);
          const char *name = palpate_region_get_name (region);
          gboolean left = palpate_region_is_left (region);
          double cx, cy;

          n_regions++;
          g_assert_true (g_str_has_suffix (id, left ? "-left" : "-right"));
          g_assert_true (g_str_has_prefix (name, left ? "Left " : "Right "));
          g_assert_true (palpate_atlas_lookup_region (atlas, id) == region);
          g_assert_cmpint (palpate_region_get_view (region), ==, view);

          /* The patient's left is on the viewer's right from the front. */
          palpate_region_get_centroid (region, &cx, &cy);
          if ((view == PALPATE_VIEW_ANTERIOR) == left)
            g_assert_cmpfloat (cx, >, 200);
          else
            g_assert_cmpfloat (cx, <, 200);

          if (palpate_atlas_get_bpi_area_name (atlas, palpate_region_get_bpi_area (region)) == NULL)
            g_error ("%s maps to no BPI area (%s)", id, palpate_region_get_bpi_area (region));
          if (palpate_atlas_get_wpi_area_name (atlas, palpate_region_get_wpi_area (region)) == NULL)
            g_error ("%s maps to no WPI area (%s)", id, palpate_region_get_wpi_area (region));
          g_hash_table_add (bpi_used, (gpointer) palpate_region_get_bpi_area (region));
          g_hash_table_add (wpi_used, (gpointer) palpate_region_get_wpi_area (region));
        }
    }

  /* About 45 areas a side, as on the Margolis grid. */
  g_assert_cmpuint (n_regions, >=, 80);
  g_assert_cmpuint (g_hash_table_size (bpi_used), ==, 25);
  g_assert_cmpuint (g_hash_table_size (wpi_used), ==, 19);
}

static gboolean
links_contain (GArray     *links,
               const char *region_id)
{
  for (guint i = 0; i < links->len; i++)
    if (g_str_equal (palpate_region_get_id (g_array_index (links, PalpateChainLink, i).partner),
                     region_id))
      return TRUE;

  return FALSE;
}

static void
test_atlas_kinetic_chains (void)
{
  PalpateAtlas *atlas = palpate_atlas_get_default ();
  g_autoptr(GArray) low_back = palpate_atlas_get_chain_links (atlas, "erector-spinae-lumbar-left");
  g_autoptr(GArray) ql = palpate_atlas_get_chain_links (atlas, "quadratus-lumborum-right");
  g_autoptr(GArray) neck = palpate_atlas_get_chain_links (atlas, "levator-scapulae-right");
  g_autoptr(GArray) unknown = palpate_atlas_get_chain_links (atlas, "no-such-region");

  g_assert_true (links_contain (low_back, "hamstrings-left"));
  g_assert_true (links_contain (low_back, "gluteus-medius-left"));
  g_assert_true (links_contain (low_back, "iliopsoas-left"));
  g_assert_true (links_contain (low_back, "gastrocnemius-left"));
  g_assert_false (links_contain (low_back, "hamstrings-right"));
  g_assert_true (links_contain (ql, "quadratus-lumborum-left"));
  g_assert_true (links_contain (neck, "trapezius-upper-right"));
  g_assert_true (links_contain (neck, "pectoralis-right"));
  g_assert_cmpuint (unknown->len, ==, 0);

  for (guint i = 0; i < low_back->len; i++)
    if (g_str_equal (palpate_region_get_id (g_array_index (low_back, PalpateChainLink, i).partner),
                     "hamstrings-left"))
      g_assert_nonnull (strstr (g_array_index (low_back, PalpateChainLink, i).reason,
                                "hamstrings"));
}

static void
test_atlas_place_in_region (void)
{
  PalpateAtlas *atlas = palpate_atlas_get_default ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const char *ids[] = { "piriformis-right", "scm-left", "hand-dorsal-left", "heel-right",
                        "trapezius-upper-left" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    for (guint n = 1; n <= 7; n += 3)
      {
        PalpatePoint points[8];
        PalpateView view;
        const PalpateRegion *region = palpate_atlas_lookup_region (atlas, ids[i]);
        const PalpateRegion *hit;
        double cx = 0, cy = 0;

        g_assert_true (palpate_atlas_place_in_region (ids[i], rand, &view, points, n, atlas));
        g_assert_cmpint (view, ==, palpate_region_get_view (region));
        for (guint k = 0; k < n; k++)
          {
            cx += points[k].x / n;
            cy += points[k].y / n;
          }
        hit = palpate_atlas_hit_test (atlas, view, cx, cy);
        g_assert_true (hit == region);
      }

  {
    PalpatePoint point;
    PalpateView view;

    g_assert_false (palpate_atlas_place_in_region ("no-such-region", rand, &view, &point, 1,
                                                   atlas));
  }
}

/* An area belongs to the region under its middle, a point or a line to its first point's. */
static void
test_atlas_region_for_shape (void)
{
  PalpateAtlas *atlas = palpate_atlas_get_default ();
  /* The first point on the right deltoid; the middle of the four on the left one. */
  const PalpatePoint spread[] = {
    { 108, 232 }, { (4 * 292 - 108) / 3.0, 232 }, { (4 * 292 - 108) / 3.0, 232 },
    { (4 * 292 - 108) / 3.0, 232 },
  };
  /* The first point on the right deltoid; the middle at the corner, outside the figure. */
  const PalpatePoint crescent[] = {
    { 108, 232 }, { -36, -232 / 3.0 }, { -36, -232 / 3.0 }, { -36, -232 / 3.0 },
  };
  const PalpatePoint outside[] = { { 1, 1 }, { 3, 1 }, { 2, 3 } };

  g_assert_null (palpate_atlas_hit_test (atlas, PALPATE_VIEW_ANTERIOR, 0, 0));
  g_assert_null (palpate_atlas_hit_test (atlas, PALPATE_VIEW_ANTERIOR, 2, 5.0 / 3));

  g_assert_cmpstr (palpate_atlas_region_for_shape (atlas, PALPATE_VIEW_ANTERIOR,
                                                   PALPATE_GEOMETRY_POINT, spread, 1),
                   ==, "deltoid-anterior-right");
  g_assert_cmpstr (palpate_atlas_region_for_shape (atlas, PALPATE_VIEW_ANTERIOR,
                                                   PALPATE_GEOMETRY_LINE, spread, 4),
                   ==, "deltoid-anterior-right");
  g_assert_cmpstr (palpate_atlas_region_for_shape (atlas, PALPATE_VIEW_ANTERIOR,
                                                   PALPATE_GEOMETRY_AREA, spread, 4),
                   ==, "deltoid-anterior-left");
  /* Left and right are the patient's: the same spot from behind is the other side. */
  g_assert_cmpstr (palpate_atlas_region_for_shape (atlas, PALPATE_VIEW_POSTERIOR,
                                                   PALPATE_GEOMETRY_AREA, spread, 4),
                   ==, "deltoid-right");
  g_assert_cmpstr (palpate_atlas_region_for_shape (atlas, PALPATE_VIEW_ANTERIOR,
                                                   PALPATE_GEOMETRY_AREA, crescent, 4),
                   ==, "deltoid-anterior-right");
  g_assert_null (palpate_atlas_region_for_shape (atlas, PALPATE_VIEW_ANTERIOR,
                                                 PALPATE_GEOMETRY_AREA, outside, 3));
  g_assert_null (palpate_atlas_region_for_shape (atlas, PALPATE_VIEW_ANTERIOR,
                                                 PALPATE_GEOMETRY_LINE, outside, 2));
  g_assert_null (palpate_atlas_region_for_shape (atlas, PALPATE_VIEW_ANTERIOR,
                                                 PALPATE_GEOMETRY_AREA, NULL, 0));
}

static void
test_atlas_bad_data (void)
{
  const char *bad[] = {
    "<atlas><view id=\"upside-down\"/></atlas>",
    "<atlas><view id=\"anterior\"><region id=\"x-left\" side=\"left\"><name>X</name>"
    "<polygon>1,2 3</polygon></region></view></atlas>",
    "<atlas><view id=\"anterior\"><region id=\"x-left\" side=\"left\"></region></view></atlas>",
    "<atlas><view",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(PalpateAtlas) atlas = palpate_atlas_new_from_bytes (bytes, &error);

      g_assert_null (atlas);
      g_assert_nonnull (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/Atlas/landmarks", test_atlas_landmarks);
  g_test_add_func ("/Palpate/Atlas/regions-partition-the-figure",
                   test_atlas_regions_partition_the_figure);
  g_test_add_func ("/Palpate/Atlas/names-sides-and-scores", test_atlas_names_sides_and_scores);
  g_test_add_func ("/Palpate/Atlas/kinetic-chains", test_atlas_kinetic_chains);
  g_test_add_func ("/Palpate/Atlas/place-in-region", test_atlas_place_in_region);
  g_test_add_func ("/Palpate/Atlas/region-for-shape", test_atlas_region_for_shape);
  g_test_add_func ("/Palpate/Atlas/bad-data", test_atlas_bad_data);

  return g_test_run ();
}
