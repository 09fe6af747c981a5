/* palpate-atlas-private.h — what the atlas's files share: the atlas's and its regions' insides
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-atlas.h"

G_BEGIN_DECLS

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

void     palpate_region_free       (gpointer       data);
void     palpate_atlas_chain_free  (gpointer       data);
gboolean palpate_atlas_parse       (PalpateAtlas  *self,
                                    GBytes        *bytes,
                                    GError       **error);

G_END_DECLS
