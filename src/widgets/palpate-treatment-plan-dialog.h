/* palpate-treatment-plan-dialog.h — a client's treatment plan written or changed, or its course
 * of care ended with a discharge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_TREATMENT_PLAN_DIALOG (palpate_treatment_plan_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PalpateTreatmentPlanDialog, palpate_treatment_plan_dialog,
                      PALPATE, TREATMENT_PLAN_DIALOG, AdwWindow)

PalpateTreatmentPlanDialog *palpate_treatment_plan_dialog_new (GtkWindow                  *parent,
                                                               PalpateStore               *store,
                                                               const PalpateTreatmentPlan *plan,
                                                               const char * const         *activities,
                                                               gboolean                    discharge);

G_END_DECLS
