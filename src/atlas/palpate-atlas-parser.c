/* palpate-atlas-parser.c — reads the body atlas (data/atlas/body.xml) with GLib's markup parser
 *
 * Region and area names and chain reasons are translated as they are read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-atlas"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-atlas-private.h"

void
palpate_region_free (gpointer data)
{
  PalpateRegion *region = data;

  g_free (region->id);
  g_free (region->name);
  g_free (region->bpi);
  g_free (region->wpi);
  g_ptr_array_unref (region->polygons);
  g_free (region);
}

void
palpate_atlas_chain_free (gpointer data)
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

/* Reads the atlas markup into @self, which is still empty. */
gboolean
palpate_atlas_parse (PalpateAtlas  *self,
                     GBytes        *bytes,
                     GError       **error)
{
  static const GMarkupParser parser = {
    .start_element = start_element_cb,
    .end_element = end_element_cb,
    .text = text_cb,
  };
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
      return FALSE;
    }
  g_free (state.area_id);

  return TRUE;
}
