/* palpate-atlas.c — the body atlas: views, regions, hit testing, kinetic-chain links
 *
 * The atlas is data (data/atlas/body.xml, compiled into the GResource), read once with GLib's
 * markup parser. Region and area names and chain reasons are translated as they are read.
 * Hit testing checks each region's bounding box first, then its polygons (even-odd rule).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-atlas"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-atlas-private.h"

G_DEFINE_FINAL_TYPE (PalpateAtlas, palpate_atlas, G_TYPE_OBJECT)

G_DEFINE_QUARK (palpate-atlas-error-quark, palpate_atlas_error)

static void
palpate_atlas_finalize (GObject *object)
{
  PalpateAtlas *self = PALPATE_ATLAS (object);

  for (guint i = 0; i < N_VIEWS; i++)
    {
      g_clear_pointer (&self->views[i].outline, g_array_unref);
      g_clear_pointer (&self->views[i].details, g_ptr_array_unref);
      g_clear_pointer (&self->views[i].regions, g_ptr_array_unref);
    }
  g_clear_pointer (&self->regions, g_hash_table_unref);
  g_clear_pointer (&self->bpi_areas, g_hash_table_unref);
  g_clear_pointer (&self->wpi_areas, g_hash_table_unref);
  g_clear_pointer (&self->bpi_order, g_ptr_array_unref);
  g_clear_pointer (&self->wpi_order, g_ptr_array_unref);
  g_clear_pointer (&self->chains, g_ptr_array_unref);

  G_OBJECT_CLASS (palpate_atlas_parent_class)->finalize (object);
}

static void
palpate_atlas_class_init (PalpateAtlasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = palpate_atlas_finalize;
}

static void
palpate_atlas_init (PalpateAtlas *self)
{
  for (guint i = 0; i < N_VIEWS; i++)
    {
      self->views[i].details = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      self->views[i].regions = g_ptr_array_new ();
    }
  self->regions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, palpate_region_free);
  self->bpi_areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->wpi_areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->bpi_order = g_ptr_array_new_with_free_func (g_free);
  self->wpi_order = g_ptr_array_new_with_free_func (g_free);
  self->chains = g_ptr_array_new_with_free_func (palpate_atlas_chain_free);
}

PalpateAtlas *
palpate_atlas_new_from_bytes (GBytes  *bytes,
                              GError **error)
{
  g_autoptr(PalpateAtlas) self = g_object_new (PALPATE_TYPE_ATLAS, NULL);

  if (!palpate_atlas_parse (self, bytes, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * palpate_atlas_get_default:
 *
 * Returns: (transfer none): the atlas compiled into Palpate, read on first use
 */
PalpateAtlas *
palpate_atlas_get_default (void)
{
  static PalpateAtlas *atlas;

  if (g_once_init_enter (&atlas))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      PalpateAtlas *loaded;

      bytes = g_resources_lookup_data (RESOURCE_PREFIX "/atlas/body.xml",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        g_error ("The body atlas is missing from the program: %s", error->message);

      loaded = palpate_atlas_new_from_bytes (bytes, &error);
      if (loaded == NULL)
        g_error ("The body atlas cannot be read: %s", error->message);

      g_once_init_leave (&atlas, loaded);
    }

  return atlas;
}

gboolean
palpate_atlas_has_view (PalpateAtlas *self,
                        PalpateView   view)
{
  g_return_val_if_fail (PALPATE_IS_ATLAS (self), FALSE);

  return view < N_VIEWS && self->views[view].present;
}

/**
 * palpate_atlas_hit_test:
 *
 * Returns: (nullable): the region at the point, in atlas coordinates of @view, or %NULL off the
 *   body
 */
const PalpateRegion *
palpate_atlas_hit_test (PalpateAtlas *self,
                        PalpateView   view,
                        double        x,
                        double        y)
{
  GPtrArray *regions;

  g_return_val_if_fail (PALPATE_IS_ATLAS (self), NULL);

  if (!palpate_atlas_has_view (self, view))
    return NULL;

  regions = self->views[view].regions;
  for (guint i = 0; i < regions->len; i++)
    if (palpate_region_contains (regions->pdata[i], x, y))
      return regions->pdata[i];

  return NULL;
}

/**
 * palpate_atlas_region_for_shape:
 * @geometry: the shape's kind: a point, a line or an area
 * @points: (array length=n_points): the shape, in atlas units of @view
 *
 * Which region a drawn shape belongs to. An area belongs to the region under its middle; a
 * point or a line to the region under its first point (for referred pain, the source). An area
 * whose middle falls outside every region (a crescent, say) belongs to its first point's.
 *
 * Returns: (nullable): the region's id, or %NULL outside the figure
 */
const char *
palpate_atlas_region_for_shape (PalpateAtlas       *self,
                                PalpateView         view,
                                PalpateGeometry     geometry,
                                const PalpatePoint *points,
                                guint               n_points)
{
  const PalpateRegion *region = NULL;

  g_return_val_if_fail (PALPATE_IS_ATLAS (self), NULL);
  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  if (geometry == PALPATE_GEOMETRY_AREA)
    {
      double x = 0, y = 0;

      for (guint i = 0; i < n_points; i++)
        {
          x += points[i].x / n_points;
          y += points[i].y / n_points;
        }
      region = palpate_atlas_hit_test (self, view, x, y);
    }

  if (region == NULL && n_points > 0)
    region = palpate_atlas_hit_test (self, view, points[0].x, points[0].y);

  return region ? palpate_region_get_id (region) : NULL;
}

const PalpateRegion *
palpate_atlas_lookup_region (PalpateAtlas *self,
                             const char   *region_id)
{
  g_return_val_if_fail (PALPATE_IS_ATLAS (self), NULL);

  if (region_id == NULL)
    return NULL;

  return g_hash_table_lookup (self->regions, region_id);
}

/**
 * palpate_region_name_for_id:
 * @region_id: (nullable): a region id as the clinic file holds it
 *
 * The one name a region is shown and printed by, everywhere: the default atlas's name for the
 * region, "No region" when there is no id, and "Unknown region" for an id the atlas does not
 * know (a file written with a later atlas).
 *
 * Returns: (transfer none): the region's name
 */
const char *
palpate_region_name_for_id (const char *region_id)
{
  const PalpateRegion *region;

  if (region_id == NULL || *region_id == '\0')
    return _("No region");

  region = palpate_atlas_lookup_region (palpate_atlas_get_default (), region_id);
  return region != NULL ? palpate_region_get_name (region) : _("Unknown region");
}

/**
 * palpate_atlas_get_regions:
 *
 * Returns: (transfer none) (element-type PalpateRegion): the view's regions, head to foot
 */
GPtrArray *
palpate_atlas_get_regions (PalpateAtlas *self,
                           PalpateView   view)
{
  g_return_val_if_fail (PALPATE_IS_ATLAS (self), NULL);
  g_return_val_if_fail (view < N_VIEWS, NULL);

  return self->views[view].regions;
}

const PalpatePoint *
palpate_atlas_get_outline (PalpateAtlas *self,
                           PalpateView   view,
                           guint        *n_points)
{
  g_return_val_if_fail (PALPATE_IS_ATLAS (self), NULL);

  if (!palpate_atlas_has_view (self, view) || self->views[view].outline == NULL)
    {
      *n_points = 0;
      return NULL;
    }

  *n_points = self->views[view].outline->len;
  return (const PalpatePoint *) (gpointer) self->views[view].outline->data;
}

guint
palpate_atlas_get_n_details (PalpateAtlas *self,
                             PalpateView   view)
{
  g_return_val_if_fail (PALPATE_IS_ATLAS (self), 0);

  return view < N_VIEWS ? self->views[view].details->len : 0;
}

const PalpatePoint *
palpate_atlas_get_detail (PalpateAtlas *self,
                          PalpateView   view,
                          guint         index,
                          guint        *n_points)
{
  GArray *detail;

  g_return_val_if_fail (PALPATE_IS_ATLAS (self), NULL);
  g_return_val_if_fail (index < palpate_atlas_get_n_details (self, view), NULL);

  detail = self->views[view].details->pdata[index];
  *n_points = detail->len;
  return (const PalpatePoint *) (gpointer) detail->data;
}

static gboolean
pattern_matches (const char *pattern,
                 const char *region_id)
{
  return g_pattern_match_simple (pattern, region_id);
}

/* "quadratus-lumborum-left" and "quadratus-lumborum-right" are the same muscle. */
static gboolean
same_muscle (const PalpateRegion *a,
             const PalpateRegion *b)
{
  const char *dash_a = strrchr (a->id, '-');
  const char *dash_b = strrchr (b->id, '-');

  return dash_a != NULL && dash_b != NULL && dash_a - a->id == dash_b - b->id &&
         strncmp (a->id, b->id, dash_a - a->id) == 0;
}

/**
 * palpate_atlas_get_chain_links:
 * @region_id: a region where a finding was charted
 *
 * The regions linked to @region_id along the kinetic chain, on the same side first, with the
 * reason to assess them; the region itself is not listed.
 *
 * Returns: (transfer full) (element-type PalpateChainLink): the links, without repeats
 */
GArray *
palpate_atlas_get_chain_links (PalpateAtlas *self,
                               const char   *region_id)
{
  GArray *links = g_array_new (FALSE, FALSE, sizeof (PalpateChainLink));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  const PalpateRegion *region;

  g_return_val_if_fail (PALPATE_IS_ATLAS (self), links);

  region = palpate_atlas_lookup_region (self, region_id);
  if (region == NULL)
    return links;

  for (guint c = 0; c < self->chains->len; c++)
    {
      Chain *chain = self->chains->pdata[c];
      gboolean applies = FALSE;

      for (guint i = 0; i < chain->regions->len && !applies; i++)
        applies = pattern_matches (chain->regions->pdata[i], region_id);
      if (!applies)
        continue;

      for (guint i = 0; i < chain->partners->len; i++)
        {
          const char *pattern = chain->partners->pdata[i];
          GHashTableIter iter;
          gpointer value;

          /* Partners on the same side, and the other side's match of the region itself. */
          g_hash_table_iter_init (&iter, self->regions);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              const PalpateRegion *partner = value;
              gboolean same_side = partner->left == region->left;

              if (partner == region || g_hash_table_contains (seen, partner) ||
                  !pattern_matches (pattern, partner->id))
                continue;

              /* The other side is a partner only as the same muscle, as when one tight
               * quadratus lumborum asks to check the other. */
              if (!same_side && !same_muscle (partner, region))
                continue;

              g_hash_table_add (seen, (gpointer) partner);
              g_array_append_val (links, ((PalpateChainLink) { partner, chain->reason }));
            }
        }
    }

  return links;
}

const char *
palpate_atlas_get_bpi_area_name (PalpateAtlas *self,
                                 const char   *area_id)
{
  g_return_val_if_fail (PALPATE_IS_ATLAS (self), NULL);

  return area_id ? g_hash_table_lookup (self->bpi_areas, area_id) : NULL;
}

const char *
palpate_atlas_get_wpi_area_name (PalpateAtlas *self,
                                 const char   *area_id)
{
  g_return_val_if_fail (PALPATE_IS_ATLAS (self), NULL);

  return area_id ? g_hash_table_lookup (self->wpi_areas, area_id) : NULL;
}

static GStrv
dup_ids (GPtrArray *ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < ids->len; i++)
    g_strv_builder_add (builder, ids->pdata[i]);

  return g_strv_builder_end (builder);
}

GStrv
palpate_atlas_dup_bpi_areas (PalpateAtlas *self)
{
  g_return_val_if_fail (PALPATE_IS_ATLAS (self), NULL);

  return dup_ids (self->bpi_order);
}

GStrv
palpate_atlas_dup_wpi_areas (PalpateAtlas *self)
{
  g_return_val_if_fail (PALPATE_IS_ATLAS (self), NULL);

  return dup_ids (self->wpi_order);
}

static void
random_point_in (const PalpateRegion *region,
                 GRand               *rand,
                 double               margin,
                 PalpatePoint        *point)
{
  /* Rejection sampling inside the bounding box; the centroid if the region is a sliver. */
  for (int tries = 0; tries < 200; tries++)
    {
      double x = g_rand_double_range (rand, region->x0, region->x1);
      double y = g_rand_double_range (rand, region->y0, region->y1);

      if (palpate_region_contains (region, x, y) &&
          palpate_region_contains (region, x - margin, y) &&
          palpate_region_contains (region, x + margin, y) &&
          palpate_region_contains (region, x, y - margin) &&
          palpate_region_contains (region, x, y + margin))
        {
          point->x = x;
          point->y = y;
          return;
        }
    }

  point->x = region->cx;
  point->y = region->cy;
}

/**
 * palpate_atlas_place_in_region:
 * @atlas: (type PalpateAtlas): the atlas
 *
 * Places a finding inside a region: one point, a short stroke of @n_points for a line, a small
 * closed shape of @n_points for an area. Used to write demo clinics.
 *
 * Returns: %FALSE if the region is unknown
 */
gboolean
palpate_atlas_place_in_region (const char   *region_id,
                               GRand        *rand,
                               PalpateView  *view,
                               PalpatePoint *points,
                               guint         n_points,
                               gpointer      atlas)
{
  const PalpateRegion *region = palpate_atlas_lookup_region (atlas, region_id);
  PalpatePoint center;
  double size;

  if (region == NULL || n_points == 0)
    return FALSE;

  *view = region->view;
  size = MIN (region->x1 - region->x0, region->y1 - region->y0);
  random_point_in (region, rand, MIN (6, size / 4), &center);

  if (n_points == 1)
    {
      points[0] = center;
      return TRUE;
    }

  if (n_points <= 4)
    {
      /* A short stroke along the region's longer side. */
      gboolean vertical = region->y1 - region->y0 > region->x1 - region->x0;
      double length = MIN (36, MAX (region->x1 - region->x0, region->y1 - region->y0) * 0.5);

      for (guint i = 0; i < n_points; i++)
        {
          double t = (double) i / (n_points - 1) - 0.5;
          double wobble = g_rand_double_range (rand, -2, 2);

          points[i].x = center.x + (vertical ? wobble : t * length);
          points[i].y = center.y + (vertical ? t * length : wobble);
        }
      return TRUE;
    }

  /* A small blob around the point, kept inside the region. */
  {
    double radius = MIN (14, size * 0.3);

    for (guint i = 0; i < n_points; i++)
      {
        double angle = 2 * G_PI * i / n_points;
        double r = radius * g_rand_double_range (rand, 0.75, 1.1);

        points[i].x = center.x + r * cos (angle);
        points[i].y = center.y + r * 1.2 * sin (angle);
      }
  }

  return TRUE;
}
