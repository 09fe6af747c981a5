/* palpate-region.c — one named area of the body atlas: its name, side, pain-drawing areas and
 * shape, and whether a point lies in it (bounding box first, then the polygons, even-odd rule)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-atlas"

#include "config.h"

#include "palpate-atlas.h"
#include "palpate-atlas-private.h"

static gboolean
polygon_contains (GArray *polygon,
                  double  x,
                  double  y)
{
  const PalpatePoint *p = (const PalpatePoint *) (gpointer) polygon->data;
  gboolean inside = FALSE;

  for (guint i = 0, j = polygon->len - 1; i < polygon->len; j = i++)
    {
      if (((p[i].y > y) != (p[j].y > y)) &&
          (x < (p[j].x - p[i].x) * (y - p[i].y) / (p[j].y - p[i].y) + p[i].x))
        inside = !inside;
    }

  return inside;
}

gboolean
palpate_region_contains (const PalpateRegion *region,
                         double               x,
                         double               y)
{
  g_return_val_if_fail (region != NULL, FALSE);

  if (x < region->x0 || x > region->x1 || y < region->y0 || y > region->y1)
    return FALSE;

  for (guint i = 0; i < region->polygons->len; i++)
    if (polygon_contains (region->polygons->pdata[i], x, y))
      return TRUE;

  return FALSE;
}

const char *
palpate_region_get_id (const PalpateRegion *region)
{
  g_return_val_if_fail (region != NULL, NULL);

  return region->id;
}

const char *
palpate_region_get_name (const PalpateRegion *region)
{
  g_return_val_if_fail (region != NULL, NULL);

  return region->name;
}

PalpateView
palpate_region_get_view (const PalpateRegion *region)
{
  g_return_val_if_fail (region != NULL, 0);

  return region->view;
}

/* Whether the region is on the patient's left. */
gboolean
palpate_region_is_left (const PalpateRegion *region)
{
  g_return_val_if_fail (region != NULL, FALSE);

  return region->left;
}

const char *
palpate_region_get_bpi_area (const PalpateRegion *region)
{
  g_return_val_if_fail (region != NULL, NULL);

  return region->bpi;
}

const char *
palpate_region_get_wpi_area (const PalpateRegion *region)
{
  g_return_val_if_fail (region != NULL, NULL);

  return region->wpi;
}

void
palpate_region_get_centroid (const PalpateRegion *region,
                             double              *x,
                             double              *y)
{
  g_return_if_fail (region != NULL);

  *x = region->cx;
  *y = region->cy;
}

guint
palpate_region_get_n_polygons (const PalpateRegion *region)
{
  g_return_val_if_fail (region != NULL, 0);

  return region->polygons->len;
}

const PalpatePoint *
palpate_region_get_polygon (const PalpateRegion *region,
                            guint                index,
                            guint               *n_points)
{
  GArray *polygon;

  g_return_val_if_fail (region != NULL, NULL);
  g_return_val_if_fail (index < region->polygons->len, NULL);

  polygon = region->polygons->pdata[index];
  *n_points = polygon->len;
  return (const PalpatePoint *) (gpointer) polygon->data;
}
