/* palpate-treatment-plan-group.h — the client's treatment plan on their page: the plan, progress
 * against its targets, sessions done, reassessment and discharge, and how long the record is kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_TREATMENT_PLAN_GROUP (palpate_treatment_plan_group_get_type ())

G_DECLARE_FINAL_TYPE (PalpateTreatmentPlanGroup, palpate_treatment_plan_group,
                      PALPATE, TREATMENT_PLAN_GROUP, AdwPreferencesGroup)

gboolean palpate_treatment_plan_group_load (PalpateTreatmentPlanGroup  *self,
                                            PalpateStore               *store,
                                            gint64                      client_id,
                                            GError                    **error);

G_END_DECLS
