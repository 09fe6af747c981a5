/* palpate-finding.h — a finding: one mark on the body chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "palpate-types.h"

G_BEGIN_DECLS

/**
 * PalpatePoint:
 * @x: horizontal atlas coordinate of the finding's view
 * @y: vertical atlas coordinate of the finding's view
 *
 * A point in atlas coordinates: independent of the size the chart is drawn at.
 */
typedef struct
{
  double x;
  double y;
} PalpatePoint;

#define PALPATE_FINDING_INTENSITY_MAX 10
#define PALPATE_FINDING_NOTE_MAX_CHARS 10000
#define PALPATE_FINDING_MAX_POINTS 2000

#define PALPATE_TYPE_FINDING (palpate_finding_get_type ())

G_DECLARE_FINAL_TYPE (PalpateFinding, palpate_finding, PALPATE, FINDING, GObject)

PalpateFinding       *palpate_finding_new              (PalpateFindingKind   kind,
                                                        PalpateView          view,
                                                        const PalpatePoint  *points,
                                                        guint                n_points);
PalpateFinding       *palpate_finding_copy             (PalpateFinding      *self);
gint64                palpate_finding_get_id           (PalpateFinding      *self);
void                  palpate_finding_set_id           (PalpateFinding      *self,
                                                        gint64               id);
gint64                palpate_finding_get_visit_id     (PalpateFinding      *self);
void                  palpate_finding_set_visit_id     (PalpateFinding      *self,
                                                        gint64               visit_id);
PalpateFindingKind    palpate_finding_get_kind         (PalpateFinding      *self);
void                  palpate_finding_set_kind         (PalpateFinding      *self,
                                                        PalpateFindingKind   kind);
PalpateView           palpate_finding_get_view         (PalpateFinding      *self);
void                  palpate_finding_set_view         (PalpateFinding      *self,
                                                        PalpateView          view);
const char           *palpate_finding_get_region_id    (PalpateFinding      *self);
void                  palpate_finding_set_region_id    (PalpateFinding      *self,
                                                        const char          *region_id);
int                   palpate_finding_get_intensity    (PalpateFinding      *self);
void                  palpate_finding_set_intensity    (PalpateFinding      *self,
                                                        int                  intensity);
const char           *palpate_finding_get_note         (PalpateFinding      *self);
void                  palpate_finding_set_note         (PalpateFinding      *self,
                                                        const char          *note);
PalpateFindingStatus  palpate_finding_get_status       (PalpateFinding      *self);
void                  palpate_finding_set_status       (PalpateFinding      *self,
                                                        PalpateFindingStatus status);
gboolean              palpate_finding_get_reported_by_client (PalpateFinding *self);
void                  palpate_finding_set_reported_by_client (PalpateFinding *self,
                                                              gboolean        reported_by_client);
const PalpatePoint   *palpate_finding_get_points       (PalpateFinding      *self,
                                                        guint               *n_points);
void                  palpate_finding_set_points       (PalpateFinding      *self,
                                                        const PalpatePoint  *points,
                                                        guint                n_points);
void                  palpate_finding_translate        (PalpateFinding      *self,
                                                        double               dx,
                                                        double               dy);
gboolean              palpate_finding_validate         (PalpateFinding      *self,
                                                        GError             **error);

PalpateGeometry       palpate_finding_kind_get_geometry (PalpateFindingKind kind);
const char           *palpate_finding_kind_get_name     (PalpateFindingKind kind);
const char           *palpate_finding_kind_to_string    (PalpateFindingKind kind);
gboolean              palpate_finding_kind_from_string  (const char         *text,
                                                         PalpateFindingKind *kind);
const char           *palpate_view_to_string            (PalpateView         view);
gboolean              palpate_view_from_string          (const char         *text,
                                                         PalpateView        *view);
const char           *palpate_finding_status_get_name   (PalpateFindingStatus status);

G_END_DECLS
