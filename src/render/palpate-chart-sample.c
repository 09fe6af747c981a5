/* palpate-chart-sample.c — one finding of every kind on a sample client, for
 * `palpate --render-chart`, the README's picture and the chart tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-chart"

#include "config.h"

#include "palpate-atlas.h"
#include "palpate-chart.h"

static void
add_sample (GListStore         *store,
            PalpateFindingKind  kind,
            PalpateView         view,
            const PalpatePoint *points,
            guint               n_points,
            int                 intensity)
{
  PalpateAtlas *atlas = palpate_atlas_get_default ();
  g_autoptr(PalpateFinding) finding = palpate_finding_new (kind, view, points, n_points);
  const PalpateRegion *region = palpate_atlas_hit_test (atlas, view, points[0].x, points[0].y);

  palpate_finding_set_intensity (finding, intensity);
  palpate_finding_set_region_id (finding, region ? palpate_region_get_id (region) : NULL);
  g_list_store_append (store, finding);
}

/**
 * palpate_chart_sample_findings:
 *
 * One finding of every kind, where a therapist would chart them on a low-back and neck client:
 * for `--render-chart`, the README and the tests.
 *
 * Returns: (transfer full): a list of PalpateFinding
 */
GListStore *
palpate_chart_sample_findings (void)
{
  GListStore *store = g_list_store_new (PALPATE_TYPE_FINDING);

  add_sample (store, PALPATE_FINDING_TRIGGER_POINT_ACTIVE, PALPATE_VIEW_POSTERIOR,
              (PalpatePoint[]) { { 240, 196 } }, 1, 8);
  add_sample (store, PALPATE_FINDING_TRIGGER_POINT_LATENT, PALPATE_VIEW_POSTERIOR,
              (PalpatePoint[]) { { 252, 268 } }, 1, 5);
  add_sample (store, PALPATE_FINDING_TENDER_POINT, PALPATE_VIEW_POSTERIOR,
              (PalpatePoint[]) { { 168, 462 } }, 1, 6);
  add_sample (store, PALPATE_FINDING_ADHESION, PALPATE_VIEW_POSTERIOR,
              (PalpatePoint[]) { { 226, 244 }, { 229, 268 }, { 231, 292 } }, 3, 6);
  add_sample (store, PALPATE_FINDING_SPASM_ZONE, PALPATE_VIEW_POSTERIOR,
              (PalpatePoint[]) { { 204, 380 }, { 216, 376 }, { 224, 396 }, { 222, 428 },
                                 { 210, 440 }, { 203, 420 } }, 6, 8);
  add_sample (store, PALPATE_FINDING_REFERRED_PAIN, PALPATE_VIEW_POSTERIOR,
              (PalpatePoint[]) { { 164, 492 }, { 160, 560 }, { 156, 640 } }, 3, 7);
  add_sample (store, PALPATE_FINDING_NUMBNESS, PALPATE_VIEW_ANTERIOR,
              (PalpatePoint[]) { { 96, 420 }, { 108, 416 }, { 114, 440 }, { 110, 470 },
                                 { 98, 474 }, { 92, 446 } }, 6, 5);
  add_sample (store, PALPATE_FINDING_CLEARED, PALPATE_VIEW_ANTERIOR,
              (PalpatePoint[]) { { 226, 220 } }, 1, 0);
  add_sample (store, PALPATE_FINDING_CONTRAINDICATION, PALPATE_VIEW_ANTERIOR,
              (PalpatePoint[]) { { 150, 790 }, { 162, 782 }, { 168, 810 }, { 166, 850 },
                                 { 154, 858 }, { 148, 824 } }, 6, 5);
  return store;
}
