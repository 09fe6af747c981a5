/* palpate-applied-technique.h — a technique applied during a visit: where, how long, how firmly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "palpate-types.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_APPLIED_TECHNIQUE (palpate_applied_technique_get_type ())

G_DECLARE_FINAL_TYPE (PalpateAppliedTechnique, palpate_applied_technique, PALPATE, APPLIED_TECHNIQUE, GObject)

PalpateAppliedTechnique*palpate_applied_technique_new                (void);
gint64                  palpate_applied_technique_get_id             (PalpateAppliedTechnique *self);
void                    palpate_applied_technique_set_id             (PalpateAppliedTechnique *self,
                                                                      gint64 id);
gint64                  palpate_applied_technique_get_visit_id       (PalpateAppliedTechnique *self);
void                    palpate_applied_technique_set_visit_id       (PalpateAppliedTechnique *self,
                                                                      gint64 visit_id);
gint64                  palpate_applied_technique_get_technique_id   (PalpateAppliedTechnique *self);
void                    palpate_applied_technique_set_technique_id   (PalpateAppliedTechnique *self,
                                                                      gint64 technique_id);
const char             *palpate_applied_technique_get_technique_name (PalpateAppliedTechnique *self);
void                    palpate_applied_technique_set_technique_name (PalpateAppliedTechnique *self,
                                                                      const char *technique_name);
const char             *palpate_applied_technique_get_region_id      (PalpateAppliedTechnique *self);
void                    palpate_applied_technique_set_region_id      (PalpateAppliedTechnique *self,
                                                                      const char *region_id);
int                     palpate_applied_technique_get_minutes        (PalpateAppliedTechnique *self);
void                    palpate_applied_technique_set_minutes        (PalpateAppliedTechnique *self,
                                                                      int minutes);
PalpatePressure         palpate_applied_technique_get_pressure       (PalpateAppliedTechnique *self);
void                    palpate_applied_technique_set_pressure       (PalpateAppliedTechnique *self,
                                                                      PalpatePressure pressure);
const char             *palpate_applied_technique_get_note           (PalpateAppliedTechnique *self);
void                    palpate_applied_technique_set_note           (PalpateAppliedTechnique *self,
                                                                      const char *note);

G_END_DECLS
