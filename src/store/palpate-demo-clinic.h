/* palpate-demo-clinic.h — writes a realistic demo clinic, for trying Palpate and for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-store.h"

G_BEGIN_DECLS

typedef enum
{
  PALPATE_DEMO_SMALL,  /* 3 therapists, 40 clients, about 600 visits over two years */
  PALPATE_DEMO_LARGE,  /* 10 years: 2,000 clients, 60,000 visits, 600,000 findings */
} PalpateDemoSize;

/**
 * PalpateDemoPlaceFunc:
 * @region_id: where the finding is
 * @rand: the generator's random numbers
 * @view: (out): the view the region is drawn on
 * @points: (out): @n_points points inside the region, in atlas coordinates
 *
 * Places a finding inside a region; the body atlas provides it.
 *
 * Returns: %FALSE if the region is unknown
 */
typedef gboolean (*PalpateDemoPlaceFunc) (const char   *region_id,
                                          GRand        *rand,
                                          PalpateView  *view,
                                          PalpatePoint *points,
                                          guint         n_points,
                                          gpointer      user_data);

gboolean palpate_demo_clinic_write (PalpateStore         *store,
                                    PalpateDemoSize       size,
                                    guint32               seed,
                                    PalpateDemoPlaceFunc  place,
                                    gpointer              place_data,
                                    GError              **error);

gboolean palpate_demo_clinic_create (const char           *path,
                                     PalpateDemoSize       size,
                                     guint32               seed,
                                     PalpateDemoPlaceFunc  place,
                                     gpointer              place_data,
                                     const char           *actor,
                                     int                  *n_clients,
                                     GError              **error);

G_END_DECLS
