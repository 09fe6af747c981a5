/* palpate-atlas.h — the body atlas: views, regions, hit testing, kinetic-chain links
 *
 * Atlas coordinates: each view is PALPATE_ATLAS_WIDTH × PALPATE_ATLAS_HEIGHT units, origin at
 * the top left, the figure's midline at x = 200. Left and right are always the patient's: on the
 * anterior view the patient's right is on the viewer's left, on the posterior view on the
 * viewer's right. Findings keep their points in these units.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "palpate-finding.h"

G_BEGIN_DECLS

#define PALPATE_ATLAS_WIDTH 400.0
#define PALPATE_ATLAS_HEIGHT 1000.0

#define PALPATE_ATLAS_ERROR (palpate_atlas_error_quark ())

typedef enum
{
  PALPATE_ATLAS_ERROR_INVALID,
} PalpateAtlasError;

typedef struct _PalpateRegion PalpateRegion;

typedef struct
{
  const PalpateRegion *partner;
  const char          *reason;   /* translated */
} PalpateChainLink;

#define PALPATE_TYPE_ATLAS (palpate_atlas_get_type ())

G_DECLARE_FINAL_TYPE (PalpateAtlas, palpate_atlas, PALPATE, ATLAS, GObject)

GQuark               palpate_atlas_error_quark       (void);
PalpateAtlas        *palpate_atlas_get_default       (void);
PalpateAtlas        *palpate_atlas_new_from_bytes    (GBytes              *bytes,
                                                      GError             **error);
gboolean             palpate_atlas_has_view          (PalpateAtlas        *self,
                                                      PalpateView          view);
const PalpateRegion *palpate_atlas_hit_test          (PalpateAtlas        *self,
                                                      PalpateView          view,
                                                      double               x,
                                                      double               y);
const char          *palpate_atlas_region_for_shape  (PalpateAtlas        *self,
                                                      PalpateView          view,
                                                      PalpateGeometry      geometry,
                                                      const PalpatePoint  *points,
                                                      guint                n_points);
const PalpateRegion *palpate_atlas_lookup_region     (PalpateAtlas        *self,
                                                      const char          *region_id);
GPtrArray           *palpate_atlas_get_regions       (PalpateAtlas        *self,
                                                      PalpateView          view);
const PalpatePoint  *palpate_atlas_get_outline       (PalpateAtlas        *self,
                                                      PalpateView          view,
                                                      guint               *n_points);
guint                palpate_atlas_get_n_details     (PalpateAtlas        *self,
                                                      PalpateView          view);
const PalpatePoint  *palpate_atlas_get_detail        (PalpateAtlas        *self,
                                                      PalpateView          view,
                                                      guint                index,
                                                      guint               *n_points);
GArray              *palpate_atlas_get_chain_links   (PalpateAtlas        *self,
                                                      const char          *region_id);
const char          *palpate_atlas_get_bpi_area_name (PalpateAtlas        *self,
                                                      const char          *area_id);
const char          *palpate_atlas_get_wpi_area_name (PalpateAtlas        *self,
                                                      const char          *area_id);
GStrv                palpate_atlas_dup_bpi_areas     (PalpateAtlas        *self);
GStrv                palpate_atlas_dup_wpi_areas     (PalpateAtlas        *self);
gboolean             palpate_atlas_place_in_region   (const char          *region_id,
                                                      GRand               *rand,
                                                      PalpateView         *view,
                                                      PalpatePoint        *points,
                                                      guint                n_points,
                                                      gpointer             atlas);

const char          *palpate_region_name_for_id      (const char          *region_id);
const char          *palpate_region_get_id           (const PalpateRegion *region);
const char          *palpate_region_get_name         (const PalpateRegion *region);
PalpateView          palpate_region_get_view         (const PalpateRegion *region);
gboolean             palpate_region_is_left          (const PalpateRegion *region);
const char          *palpate_region_get_bpi_area     (const PalpateRegion *region);
const char          *palpate_region_get_wpi_area     (const PalpateRegion *region);
void                 palpate_region_get_centroid     (const PalpateRegion *region,
                                                      double              *x,
                                                      double              *y);
guint                palpate_region_get_n_polygons   (const PalpateRegion *region);
const PalpatePoint  *palpate_region_get_polygon      (const PalpateRegion *region,
                                                      guint                index,
                                                      guint               *n_points);
gboolean             palpate_region_contains         (const PalpateRegion *region,
                                                      double               x,
                                                      double               y);

G_END_DECLS
