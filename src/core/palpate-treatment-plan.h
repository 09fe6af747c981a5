/* palpate-treatment-plan.h — a course of care as planned: measurable targets, how often and how
 * many sessions, techniques, home care, when to reassess, and how it ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PALPATE_PLAN_MAX_CHARS 10000
#define PALPATE_PLAN_NO_TARGET (-1)

typedef enum
{
  PALPATE_PLAN_PER_WEEK,
  PALPATE_PLAN_PER_MONTH,
} PalpatePlanPeriod;

typedef enum
{
  PALPATE_DISCHARGE_NONE,
  PALPATE_DISCHARGE_GOALS_MET,
  PALPATE_DISCHARGE_CLIENT_CHOICE,
  PALPATE_DISCHARGE_REFERRED,
  PALPATE_DISCHARGE_NO_PROGRESS,
  PALPATE_DISCHARGE_OTHER,
} PalpateDischargeReason;

#define PALPATE_N_DISCHARGE_REASONS (PALPATE_DISCHARGE_OTHER + 1)

/* One course of care. Days are GDates, cleared when not set; a target is
 * PALPATE_PLAN_NO_TARGET when the plan has none. */
typedef struct
{
  gint64                 id;
  gint64                 client_id;
  gint64                 created_at;        /* seconds since 1970, UTC; set by the store */
  int                    psfs_position;     /* the client's PSFS activity (0–4), or -1 */
  int                    psfs_target;       /* rating to reach (1–10), or -1 */
  int                    pain_target;       /* pain to get below (1–10), or -1 */
  int                    frequency;         /* sessions per period */
  PalpatePlanPeriod      period;
  int                    n_sessions;        /* sessions planned */
  char                  *techniques;
  char                  *home_care;
  GDate                  reassess_on;
  GDate                  discharged_on;
  PalpateDischargeReason discharge_reason;
  char                  *discharge_summary;
} PalpateTreatmentPlan;

/* Where the client stands against one target. */
typedef enum
{
  PALPATE_TARGET_NOT_SET,
  PALPATE_TARGET_NOT_MEASURED,
  PALPATE_TARGET_NOT_YET,
  PALPATE_TARGET_MET,
} PalpateTargetState;

PalpateTreatmentPlan *palpate_treatment_plan_new           (gint64                 client_id);
PalpateTreatmentPlan *palpate_treatment_plan_copy          (const PalpateTreatmentPlan *plan);
void                  palpate_treatment_plan_free          (PalpateTreatmentPlan  *plan);
gboolean              palpate_treatment_plan_validate      (const PalpateTreatmentPlan *plan,
                                                            GError               **error);
gboolean              palpate_treatment_plan_is_discharged (const PalpateTreatmentPlan *plan);
gboolean              palpate_treatment_plan_reassessment_due (const PalpateTreatmentPlan *plan,
                                                               const GDate          *today);
PalpateTargetState    palpate_treatment_plan_psfs_state    (const PalpateTreatmentPlan *plan,
                                                            int                    latest_rating);
PalpateTargetState    palpate_treatment_plan_pain_state    (const PalpateTreatmentPlan *plan,
                                                            int                    latest_pain);
char                 *palpate_treatment_plan_describe_frequency (const PalpateTreatmentPlan *plan);
char                 *palpate_treatment_plan_describe_progress  (PalpateTargetState     state,
                                                                 int                    latest);

const char           *palpate_discharge_reason_get_key     (PalpateDischargeReason reason);
PalpateDischargeReason palpate_discharge_reason_from_key   (const char            *key);
const char           *palpate_discharge_reason_get_name    (PalpateDischargeReason reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PalpateTreatmentPlan, palpate_treatment_plan_free)

G_END_DECLS
