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

#define N_VIEWS (PALPATE_VIEW_RIGHT_LATERAL + 1)

struct _PalpateRegion
{
  char        *id;
  char        *name;
  PalpateView  view;
  gboolean     left;
  char        *bpi;
  char        *wpi;
  GPtrArray   *polygons;   /* GArray of PalpatePoint */
  double       x0, y0, x1, y1;
  double       cx, cy;
};

typedef struct
{
  gboolean   present;
  GArray    *outline;      /* PalpatePoint */
  GPtrArray *details;      /* GArray of PalpatePoint */
  GPtrArray *regions;      /* PalpateRegion, owned by the atlas's region table */
} View;

typedef struct
{
  GPtrArray *regions;      /* patterns: "erector-spinae-lumbar-*" */
  GPtrArray *partners;
  char      *reason;
} Chain;

struct _PalpateAtlas
{
  GObject      parent_instance;

  View         views[N_VIEWS];
  GHashTable  *regions;    /* id → PalpateRegion */
  GHashTable  *bpi_areas;  /* id → translated name */
  GHashTable  *wpi_areas;
  GPtrArray   *bpi_order;
  GPtrArray   *wpi_order;
  GPtrArray   *chains;     /* Chain */
};

G_DEFINE_FINAL_TYPE (PalpateAtlas, palpate_atlas, G_TYPE_OBJECT)

G_DEFINE_QUARK (palpate-atlas-error-quark, palpate_atlas_error)

static void
region_free (gpointer data)
{
  PalpateRegion *region = data;

  g_free (region->id);
  g_free (region->name);
  g_free (region->bpi);
  g_free (region->wpi);
  g_ptr_array_unref (region->polygons);
  g_free (region);
}

static void
chain_free (gpointer data)
{
  Chain *chain = data;

  g_ptr_array_unref (chain->regions);
  g_ptr_array_unref (chain->partners);
  g_free (chain->reason);
  g_free (chain);
}

static GArray *
parse_points (const char  *text,
              gsize        length,
              GError     **error)
{
  g_autofree char *copy = g_strndup (text, length);
  g_auto(GStrv) pairs = g_strsplit_set (g_strstrip (copy), " \n\t", -1);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (PalpatePoint));

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      PalpatePoint point;
      char *end;

      if (*pairs[i] == '\0')
        continue;

      point.x = g_ascii_strtod (pairs[i], &end);
      if (*end != ',')
        goto invalid;
      point.y = g_ascii_strtod (end + 1, &end);
      if (*end != '\0' || !isfinite (point.x) || !isfinite (point.y))
        goto invalid;
      g_array_append_val (points, point);
    }

  if (points->len < 2)
    goto invalid;

  return g_steal_pointer (&points);

invalid:
  g_set_error (error, PALPATE_ATLAS_ERROR, PALPATE_ATLAS_ERROR_INVALID,
               "The body atlas has points that cannot be read");
  return NULL;
}

typedef struct
{
  PalpateAtlas  *atlas;
  View          *view;
  PalpateView    view_id;
  PalpateRegion *region;
  Chain         *chain;
  char          *area_id;
  GHashTable    *area_table;
  GPtrArray     *area_order;
  GString       *text;
  gboolean       collecting;
} ParseState;

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  ParseState *state = user_data;
  const char *id = NULL;
  const char *side = NULL;
  const char *bpi = NULL;
  const char *wpi = NULL;
  const char *ref = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "id"))
        id = values[i];
      else if (g_str_equal (names[i], "side"))
        side = values[i];
      else if (g_str_equal (names[i], "bpi"))
        bpi = values[i];
      else if (g_str_equal (names[i], "wpi"))
        wpi = values[i];
      else if (g_str_equal (names[i], "ref"))
        ref = values[i];
    }

  g_string_truncate (state->text, 0);
  state->collecting = FALSE;

  if (g_str_equal (element, "view"))
    {
      if (!palpate_view_from_string (id, &state->view_id))
        {
          g_set_error (error, PALPATE_ATLAS_ERROR, PALPATE_ATLAS_ERROR_INVALID,
                       "The body atlas has an unknown view “%s”", id ? id : "");
          return;
        }
      state->view = &state->atlas->views[state->view_id];
      state->view->present = TRUE;
    }
  else if (g_str_equal (element, "region") && state->chain != NULL)
    g_ptr_array_add (state->chain->regions, g_strdup (ref));
  else if (g_str_equal (element, "partner") && state->chain != NULL)
    g_ptr_array_add (state->chain->partners, g_strdup (ref));
  else if (g_str_equal (element, "region"))
    {
      if (state->view == NULL || id == NULL || side == NULL ||
          g_hash_table_contains (state->atlas->regions, id))
        {
          g_set_error (error, PALPATE_ATLAS_ERROR, PALPATE_ATLAS_ERROR_INVALID,
                       "The body atlas has a region without a view, id or side, or twice");
          return;
        }
      state->region = g_new0 (PalpateRegion, 1);
      state->region->id = g_strdup (id);
      state->region->view = state->view_id;
      state->region->left = g_str_equal (side, "left");
      state->region->bpi = g_strdup (bpi);
      state->region->wpi = g_strdup (wpi);
      state->region->polygons = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      state->region->x0 = state->region->y0 = G_MAXDOUBLE;
      state->region->x1 = state->region->y1 = -G_MAXDOUBLE;
      g_hash_table_insert (state->atlas->regions, state->region->id, state->region);
      g_ptr_array_add (state->view->regions, state->region);
    }
  else if (g_str_equal (element, "bpi-area") || g_str_equal (element, "wpi-area"))
    {
      gboolean bpi_area = g_str_equal (element, "bpi-area");

      g_free (state->area_id);
      state->area_id = g_strdup (id);
      state->area_table = bpi_area ? state->atlas->bpi_areas : state->atlas->wpi_areas;
      state->area_order = bpi_area ? state->atlas->bpi_order : state->atlas->wpi_order;
    }
  else if (g_str_equal (element, "chain"))
    {
      state->chain = g_new0 (Chain, 1);
      state->chain->regions = g_ptr_array_new_with_free_func (g_free);
      state->chain->partners = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (state->atlas->chains, state->chain);
    }
  else if (g_str_equal (element, "outline") || g_str_equal (element, "detail") ||
           g_str_equal (element, "polygon") || g_str_equal (element, "name") ||
           g_str_equal (element, "reason"))
    state->collecting = TRUE;
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  ParseState *state = user_data;

  if (state->collecting)
    g_string_append_len (state->text, text, length);
}

static void
add_polygon (PalpateRegion *region,
             GArray        *points)
{
  double area = 0;
  double cx = 0;
  double cy = 0;

  for (guint i = 0; i < points->len; i++)
    {
      const PalpatePoint *a = &g_array_index (points, PalpatePoint, i);
      const PalpatePoint *b = &g_array_index (points, PalpatePoint, (i + 1) % points->len);
      double cross = a->x * b->y - b->x * a->y;

      region->x0 = MIN (region->x0, a->x);
      region->y0 = MIN (region->y0, a->y);
      region->x1 = MAX (region->x1, a->x);
      region->y1 = MAX (region->y1, a->y);
      area += cross;
      cx += (a->x + b->x) * cross;
      cy += (a->y + b->y) * cross;
    }

  /* The centroid of the largest polygon stands for the region. */
  if (region->polygons->len == 0 || fabs (area) > 0)
    {
      gboolean largest = TRUE;

      for (guint i = 0; i < region->polygons->len; i++)
        {
          GArray *other = region->polygons->pdata[i];
          if (other->len > points->len)
            largest = FALSE;
        }

      if (largest && fabs (area) > 1e-9)
        {
          region->cx = cx / (3 * area);
          region->cy = cy / (3 * area);
        }
    }

  g_ptr_array_add (region->polygons, g_array_ref (points));
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element,
                gpointer              user_data,
                GError              **error)
{
  ParseState *state = user_data;
  g_autoptr(GArray) points = NULL;

  if (g_str_equal (element, "outline") || g_str_equal (element, "detail") ||
      g_str_equal (element, "polygon"))
    {
      points = parse_points (state->text->str, state->text->len, error);
      if (points == NULL)
        return;

      if (g_str_equal (element, "outline") && state->view != NULL)
        {
          g_clear_pointer (&state->view->outline, g_array_unref);
          state->view->outline = g_steal_pointer (&points);
        }
      else if (g_str_equal (element, "detail") && state->view != NULL)
        g_ptr_array_add (state->view->details, g_steal_pointer (&points));
      else if (state->region != NULL)
        add_polygon (state->region, points);
    }
  else if (g_str_equal (element, "name"))
    {
      g_autofree char *name = g_strstrip (g_strdup (state->text->str));
      const char *translated = g_dgettext (GETTEXT_PACKAGE, name);

      if (state->region != NULL)
        {
          g_free (state->region->name);
          state->region->name = g_strdup (translated);
        }
      else if (state->area_id != NULL)
        {
          g_hash_table_insert (state->area_table, g_strdup (state->area_id), g_strdup (translated));
          g_ptr_array_add (state->area_order, g_strdup (state->area_id));
        }
    }
  else if (g_str_equal (element, "reason") && state->chain != NULL)
    {
      g_autofree char *reason = g_strstrip (g_strdup (state->text->str));
      state->chain->reason = g_strdup (g_dgettext (GETTEXT_PACKAGE, reason));
    }
  else if (g_str_equal (element, "region") && state->chain == NULL)
    {
      if (state->region->polygons->len == 0 || state->region->name == NULL)
        g_set_error (error, PALPATE_ATLAS_ERROR, PALPATE_ATLAS_ERROR_INVALID,
                     "The body atlas's region “%s” has no name or shape", state->region->id);
      state->region = NULL;
    }
  else if (g_str_equal (element, "view"))
    state->view = NULL;
  else if (g_str_equal (element, "chain"))
    state->chain = NULL;
  else if (g_str_equal (element, "bpi-area") || g_str_equal (element, "wpi-area"))
    g_clear_pointer (&state->area_id, g_free);

  state->collecting = FALSE;
}

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
  self->regions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, region_free);
  self->bpi_areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->wpi_areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->bpi_order = g_ptr_array_new_with_free_func (g_free);
  self->wpi_order = g_ptr_array_new_with_free_func (g_free);
  self->chains = g_ptr_array_new_with_free_func (chain_free);
}

PalpateAtlas *
palpate_atlas_new_from_bytes (GBytes  *bytes,
                              GError **error)
{
  static const GMarkupParser parser = {
    .start_element = start_element_cb,
    .end_element = end_element_cb,
    .text = text_cb,
  };
  g_autoptr(PalpateAtlas) self = g_object_new (PALPATE_TYPE_ATLAS, NULL);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  ParseState state = { .atlas = self, .text = text };
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  context = g_markup_parse_context_new (&parser, 0, &state, NULL);
  if (!g_markup_parse_context_parse (context, data, length, error) ||
      !g_markup_parse_context_end_parse (context, error))
    {
      g_free (state.area_id);
      return NULL;
    }
  g_free (state.area_id);

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
