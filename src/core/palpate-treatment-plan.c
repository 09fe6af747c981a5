/* palpate-treatment-plan.c — a course of care as planned: measurable targets, how often and how
 * many sessions, techniques, home care, when to reassess, and how it ended
 *
 * The CMTO record-keeping standard asks for the treatment plan in the client's record; the
 * targets are made measurable with what Palpate already records: a rating of one of the
 * client's PSFS activities to reach (0 = unable, 10 = as before the problem), and a pain rating
 * to get below. Progress is read from the latest signed visit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-treatment-plan"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-core-error.h"
#include "palpate-treatment-plan.h"

static const struct
{
  const char *key;
  const char *name;
} discharge_reasons[PALPATE_N_DISCHARGE_REASONS] = {
  { "", "" },
  { "goals-met", N_("Goals met") },
  { "client-choice", N_("The client's choice") },
  { "referred", N_("Referred to another practitioner") },
  { "no-progress", N_("No further progress expected") },
  { "other", N_("Other reason") },
};

PalpateTreatmentPlan *
palpate_treatment_plan_new (gint64 client_id)
{
  PalpateTreatmentPlan *plan = g_new0 (PalpateTreatmentPlan, 1);

  plan->client_id = client_id;
  plan->psfs_position = -1;
  plan->psfs_target = PALPATE_PLAN_NO_TARGET;
  plan->pain_target = PALPATE_PLAN_NO_TARGET;
  plan->frequency = 1;
  plan->period = PALPATE_PLAN_PER_WEEK;
  plan->n_sessions = 6;
  plan->techniques = g_strdup ("");
  plan->home_care = g_strdup ("");
  plan->discharge_summary = g_strdup ("");
  g_date_clear (&plan->reassess_on, 1);
  g_date_clear (&plan->discharged_on, 1);

  return plan;
}

PalpateTreatmentPlan *
palpate_treatment_plan_copy (const PalpateTreatmentPlan *plan)
{
  PalpateTreatmentPlan *copy = g_memdup2 (plan, sizeof *plan);

  copy->techniques = g_strdup (plan->techniques);
  copy->home_care = g_strdup (plan->home_care);
  copy->discharge_summary = g_strdup (plan->discharge_summary);

  return copy;
}

void
palpate_treatment_plan_free (PalpateTreatmentPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->techniques);
  g_free (plan->home_care);
  g_free (plan->discharge_summary);
  g_free (plan);
}

static gboolean
check_text (const char  *text,
            const char  *what,
            GError     **error)
{
  if (text != NULL && g_utf8_strlen (text, -1) > PALPATE_PLAN_MAX_CHARS)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_TOO_LONG,
                   _("The %s are longer than %d characters."), what, PALPATE_PLAN_MAX_CHARS);
      return FALSE;
    }
  return TRUE;
}

/**
 * palpate_treatment_plan_validate:
 *
 * The rules of a plan: a PSFS target names one of the client's activities and a rating from 1
 * to 10; a pain target is a rating from 1 to 10 to get below; 1 to 14 sessions a week or 1 to 31
 * a month, 1 to 200 in all; a discharge has its reason and is not dated before the reassessment
 * could have been planned (any valid day).
 */
gboolean
palpate_treatment_plan_validate (const PalpateTreatmentPlan  *plan,
                                 GError                     **error)
{
  g_return_val_if_fail (plan != NULL, FALSE);

  if (plan->psfs_target != PALPATE_PLAN_NO_TARGET &&
      (plan->psfs_target < 1 || plan->psfs_target > 10))
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("An activity's target is a rating from 1 to 10."));
      return FALSE;
    }
  if (plan->psfs_target != PALPATE_PLAN_NO_TARGET &&
      (plan->psfs_position < 0 || plan->psfs_position > 4))
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("Choose the activity whose rating the plan aims for."));
      return FALSE;
    }
  if (plan->pain_target != PALPATE_PLAN_NO_TARGET &&
      (plan->pain_target < 1 || plan->pain_target > 10))
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("The pain target is a rating from 1 to 10 to get below."));
      return FALSE;
    }
  if (plan->frequency < 1 ||
      plan->frequency > (plan->period == PALPATE_PLAN_PER_WEEK ? 14 : 31))
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   plan->period == PALPATE_PLAN_PER_WEEK
                   ? _("Plan from 1 to 14 sessions a week.")
                   : _("Plan from 1 to 31 sessions a month."));
      return FALSE;
    }
  if (plan->n_sessions < 1 || plan->n_sessions > 200)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("Plan from 1 to 200 sessions."));
      return FALSE;
    }
  if (!check_text (plan->techniques, _("planned techniques"), error) ||
      !check_text (plan->home_care, _("home care instructions"), error) ||
      !check_text (plan->discharge_summary, _("discharge summary words"), error))
    return FALSE;
  if (g_date_valid (&plan->discharged_on) && plan->discharge_reason == PALPATE_DISCHARGE_NONE)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("Say why the client is discharged."));
      return FALSE;
    }
  if (!g_date_valid (&plan->discharged_on) && plan->discharge_reason != PALPATE_DISCHARGE_NONE)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("A discharge needs its date."));
      return FALSE;
    }

  return TRUE;
}

gboolean
palpate_treatment_plan_is_discharged (const PalpateTreatmentPlan *plan)
{
  return g_date_valid (&plan->discharged_on);
}

/* Whether the plan, still running, is due its reassessment on @today. */
gboolean
palpate_treatment_plan_reassessment_due (const PalpateTreatmentPlan *plan,
                                         const GDate                *today)
{
  g_return_val_if_fail (plan != NULL && g_date_valid (today), FALSE);

  return !palpate_treatment_plan_is_discharged (plan) && g_date_valid (&plan->reassess_on) &&
         g_date_compare (today, &plan->reassess_on) >= 0;
}

/* The PSFS target is met once the latest rating (-1: none yet) reaches it. */
PalpateTargetState
palpate_treatment_plan_psfs_state (const PalpateTreatmentPlan *plan,
                                   int                         latest_rating)
{
  if (plan->psfs_target == PALPATE_PLAN_NO_TARGET || plan->psfs_position < 0)
    return PALPATE_TARGET_NOT_SET;
  if (latest_rating < 0)
    return PALPATE_TARGET_NOT_MEASURED;
  return latest_rating >= plan->psfs_target ? PALPATE_TARGET_MET : PALPATE_TARGET_NOT_YET;
}

/* The pain target is met once the latest pain (-1: none yet) is below it. */
PalpateTargetState
palpate_treatment_plan_pain_state (const PalpateTreatmentPlan *plan,
                                   int                         latest_pain)
{
  if (plan->pain_target == PALPATE_PLAN_NO_TARGET)
    return PALPATE_TARGET_NOT_SET;
  if (latest_pain < 0)
    return PALPATE_TARGET_NOT_MEASURED;
  return latest_pain < plan->pain_target ? PALPATE_TARGET_MET : PALPATE_TARGET_NOT_YET;
}

char *
palpate_treatment_plan_describe_frequency (const PalpateTreatmentPlan *plan)
{
  if (plan->period == PALPATE_PLAN_PER_WEEK)
    return g_strdup_printf (ngettext ("%d session a week",
                                         "%d sessions a week", plan->frequency),
                            plan->frequency);
  return g_strdup_printf (ngettext ("%d session a month",
                                       "%d sessions a month", plan->frequency),
                          plan->frequency);
}

/* "Now 5 — met", "Now 2 — not yet", "Not rated yet". */
char *
palpate_treatment_plan_describe_progress (PalpateTargetState state,
                                          int                latest)
{
  switch (state)
    {
    case PALPATE_TARGET_NOT_SET:
      return g_strdup (_("No target"));
    case PALPATE_TARGET_NOT_MEASURED:
      return g_strdup (_("Not rated at a signed visit yet"));
    case PALPATE_TARGET_NOT_YET:
      return g_strdup_printf (_("Now %d — not reached yet"), latest);
    case PALPATE_TARGET_MET:
      return g_strdup_printf (_("Now %d — reached"), latest);
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
palpate_discharge_reason_get_key (PalpateDischargeReason reason)
{
  g_return_val_if_fail (reason < PALPATE_N_DISCHARGE_REASONS, "");
  return discharge_reasons[reason].key;
}

PalpateDischargeReason
palpate_discharge_reason_from_key (const char *key)
{
  for (guint i = 1; key != NULL && i < PALPATE_N_DISCHARGE_REASONS; i++)
    if (g_str_equal (key, discharge_reasons[i].key))
      return i;
  return PALPATE_DISCHARGE_NONE;
}

const char *
palpate_discharge_reason_get_name (PalpateDischargeReason reason)
{
  g_return_val_if_fail (reason < PALPATE_N_DISCHARGE_REASONS, "");
  return reason == PALPATE_DISCHARGE_NONE ? "" : _(discharge_reasons[reason].name);
}
