/* palpate-store-plans.c — the clients' treatment plans in the clinic file, and where each client
 * stands against theirs
 *
 * A plan is one row changed in place; each save is an audit entry ("add", "update" or
 * "discharge") with who and when, without the plan's content.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-date.h"
#include "palpate-store-private.h"

static void
bind_day (PalpateDbStatement *stmt,
          int                 column,
          const GDate        *day)
{
  char text[16];

  if (!g_date_valid (day))
    {
      palpate_db_bind_null (stmt, column);
      return;
    }
  g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (day),
              g_date_get_month (day), g_date_get_day (day));
  palpate_db_bind_text (stmt, column, text);
}

static void
column_day (PalpateDbStatement *stmt,
            int                 column,
            GDate              *day)
{
  /* A day that is not one is left cleared: the plan then has no such date. */
  palpate_date_parse (palpate_store_db_column_text (stmt, column), day, NULL);
}

/* Whether the plan @id of @client_id is discharged, or NOT_FOUND when it is not in the file. */
static gboolean
read_discharged (PalpateStore  *self,
                 gint64         id,
                 gint64         client_id,
                 gboolean      *discharged,
                 GError       **error)
{
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  stmt = palpate_store_db_prepare (self, "SELECT discharged_on IS NOT NULL FROM treatment_plans "
                                         "WHERE id = ? AND client_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, id);
  palpate_db_bind_int64 (stmt, 2, client_id);
  step = palpate_db_step (stmt, error);
  if (step == PALPATE_DB_ROW)
    *discharged = palpate_db_column_int (stmt, 0) != 0;
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_DONE)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND,
                 _("This treatment plan is no longer in the clinic file."));
  return step == PALPATE_DB_ROW;
}

/**
 * palpate_store_save_treatment_plan:
 * @plan: a new plan (id 0) or one read from the store
 *
 * Adds or updates @plan in one transaction with its audit entry; a plan that gets its discharge
 * is logged as "discharge". The rules of the core are checked first.
 */
gboolean
palpate_store_save_treatment_plan (PalpateStore          *self,
                                   PalpateTreatmentPlan  *plan,
                                   GError               **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  PalpateDbStatement *stmt;
  const char *action = "add";
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 created_at = plan->id == 0 ? now : plan->created_at;
  gint64 id;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (plan != NULL && plan->client_id > 0, FALSE);

  if (!palpate_treatment_plan_validate (plan, error) ||
      !palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  if (plan->id != 0)
    {
      gboolean was_discharged = FALSE;

      if (!read_discharged (self, plan->id, plan->client_id, &was_discharged, error))
        return FALSE;
      action = !was_discharged && palpate_treatment_plan_is_discharged (plan)
               ? "discharge" : "update";
    }

  /* A new plan gets its id from the file; a plan read from it is changed in place. Both take
   * the same values in the same order (?15 is the plan's id) and give back the plan's id. */
  if (plan->id == 0)
    stmt = palpate_store_db_prepare (self,
                                     "INSERT INTO treatment_plans (client_id, created_at, "
                                     "psfs_position, psfs_target, pain_target, frequency, "
                                     "period, n_sessions, techniques, home_care, reassess_on, "
                                     "discharged_on, discharge_reason, discharge_summary) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                                     "?12, ?13, ?14) RETURNING id",
                                     error);
  else
    stmt = palpate_store_db_prepare (self,
                                     "UPDATE treatment_plans SET created_at = ?2, "
                                     "psfs_position = ?3, psfs_target = ?4, pain_target = ?5, "
                                     "frequency = ?6, period = ?7, n_sessions = ?8, "
                                     "techniques = ?9, home_care = ?10, reassess_on = ?11, "
                                     "discharged_on = ?12, discharge_reason = ?13, "
                                     "discharge_summary = ?14 "
                                     "WHERE id = ?15 AND client_id = ?1 RETURNING id",
                                     error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, plan->client_id);
  palpate_db_bind_int64 (stmt, 2, created_at);
  palpate_db_bind_int (stmt, 3,
                       plan->psfs_target == PALPATE_PLAN_NO_TARGET ? -1 : plan->psfs_position);
  palpate_db_bind_int (stmt, 4, plan->psfs_target);
  palpate_db_bind_int (stmt, 5, plan->pain_target);
  palpate_db_bind_int (stmt, 6, plan->frequency);
  palpate_db_bind_text (stmt, 7, plan->period == PALPATE_PLAN_PER_WEEK ? "week" : "month");
  palpate_db_bind_int (stmt, 8, plan->n_sessions);
  palpate_db_bind_text (stmt, 9, plan->techniques ? plan->techniques : "");
  palpate_db_bind_text (stmt, 10, plan->home_care ? plan->home_care : "");
  bind_day (stmt, 11, &plan->reassess_on);
  bind_day (stmt, 12, &plan->discharged_on);
  /* NULL for PALPATE_DISCHARGE_NONE. */
  palpate_db_bind_text (stmt, 13, plan->discharge_reason == PALPATE_DISCHARGE_NONE
                                  ? NULL
                                  : palpate_discharge_reason_get_key (plan->discharge_reason));
  palpate_db_bind_text (stmt, 14, plan->discharge_summary ? plan->discharge_summary : "");
  if (plan->id != 0)
    palpate_db_bind_int64 (stmt, 15, plan->id);

  switch (palpate_db_step (stmt, error))
    {
    case PALPATE_DB_ROW:
      id = palpate_db_column_int64 (stmt, 0);
      palpate_db_reset (stmt);
      break;
    case PALPATE_DB_DONE:
      /* Read above in this transaction: not reached, unless the file is changed by hand. */
      palpate_db_reset (stmt);
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND,
                   _("This treatment plan is no longer in the clinic file."));
      return FALSE;
    case PALPATE_DB_ERROR:
    default:
      palpate_db_reset (stmt);
      return FALSE;
    }

  if (!palpate_store_audit_append (self, action, "treatment-plan", id, NULL, error) ||
      !palpate_store_transaction_commit (&transaction, error))
    return FALSE;

  plan->id = id;
  plan->created_at = created_at;
  return TRUE;
}

/**
 * palpate_store_get_treatment_plan:
 *
 * Returns: (transfer full) (nullable): the client's newest plan, or %NULL when there is none
 *   (@error unset) or it cannot be read (@error set)
 */
PalpateTreatmentPlan *
palpate_store_get_treatment_plan (PalpateStore  *self,
                                  gint64         client_id,
                                  GError       **error)
{
  g_autoptr(PalpateTreatmentPlan) plan = NULL;
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id, created_at, psfs_position, psfs_target, "
                                   "pain_target, frequency, period, n_sessions, techniques, "
                                   "home_care, reassess_on, discharged_on, discharge_reason, "
                                   "discharge_summary FROM treatment_plans WHERE client_id = ? "
                                   "ORDER BY id DESC LIMIT 1",
                                   error);
  if (stmt == NULL)
    return NULL;
  palpate_db_bind_int64 (stmt, 1, client_id);
  step = palpate_db_step (stmt, error);
  if (step == PALPATE_DB_ROW)
    {
      plan = palpate_treatment_plan_new (client_id);
      plan->id = palpate_db_column_int64 (stmt, 0);
      plan->created_at = palpate_db_column_int64 (stmt, 1);
      plan->psfs_position = palpate_db_column_int (stmt, 2);
      plan->psfs_target = palpate_db_column_int (stmt, 3);
      plan->pain_target = palpate_db_column_int (stmt, 4);
      plan->frequency = palpate_db_column_int (stmt, 5);
      plan->period = g_strcmp0 (palpate_store_db_column_text (stmt, 6), "month") == 0
                     ? PALPATE_PLAN_PER_MONTH : PALPATE_PLAN_PER_WEEK;
      plan->n_sessions = palpate_db_column_int (stmt, 7);
      g_free (plan->techniques);
      plan->techniques = g_strdup (palpate_store_db_column_text (stmt, 8) ?: "");
      g_free (plan->home_care);
      plan->home_care = g_strdup (palpate_store_db_column_text (stmt, 9) ?: "");
      column_day (stmt, 10, &plan->reassess_on);
      column_day (stmt, 11, &plan->discharged_on);
      plan->discharge_reason =
        palpate_discharge_reason_from_key (palpate_store_db_column_text (stmt, 12));
      g_free (plan->discharge_summary);
      plan->discharge_summary = g_strdup (palpate_store_db_column_text (stmt, 13) ?: "");
    }
  palpate_db_reset (stmt);
  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&plan);
}

/* The first column of the first row of @sql, or -1 for no row or NULL. ?1 is the client; a
 * second parameter, when @sql has one, is @arg. */
static gboolean
read_int (PalpateStore  *self,
          const char    *sql,
          gint64         client_id,
          gboolean       has_arg,
          gint64         arg,
          int           *value,
          GError       **error)
{
  PalpateDbStatement *stmt = palpate_store_db_prepare (self, sql, error);
  PalpateDbStep step;

  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, client_id);
  if (has_arg)
    palpate_db_bind_int64 (stmt, 2, arg);
  step = palpate_db_step (stmt, error);
  *value = step == PALPATE_DB_ROW && !palpate_db_column_is_null (stmt, 0)
           ? palpate_db_column_int (stmt, 0) : -1;
  palpate_db_reset (stmt);

  return step != PALPATE_DB_ERROR;
}

/**
 * palpate_store_read_plan_progress:
 *
 * What the signed visits say of @plan: the latest rating of its PSFS activity, the latest pain
 * (after the treatment when rated, else before), and the signed visits since the day the plan
 * was made (up to its discharge).
 */
gboolean
palpate_store_read_plan_progress (PalpateStore                *self,
                                  const PalpateTreatmentPlan  *plan,
                                  PalpatePlanProgress         *progress,
                                  GError                     **error)
{
  gint64 since = plan->created_at - plan->created_at % 86400;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  progress->latest_psfs = -1;
  if (plan->psfs_position >= 0 &&
      !read_int (self,
                 "SELECT r.rating FROM psfs_ratings r JOIN visits v ON v.id = r.visit_id "
                 "JOIN psfs_activities a ON a.id = r.activity_id "
                 "WHERE v.client_id = ?1 AND v.status = 'signed' AND a.position = ?2 "
                 "ORDER BY v.started_at DESC, v.id DESC LIMIT 1",
                 plan->client_id, TRUE, plan->psfs_position, &progress->latest_psfs, error))
    return FALSE;

  if (!read_int (self,
                 "SELECT coalesce (pain_after, pain_before) FROM visits "
                 "WHERE client_id = ?1 AND status = 'signed' "
                 "AND coalesce (pain_after, pain_before) IS NOT NULL "
                 "ORDER BY started_at DESC, id DESC LIMIT 1",
                 plan->client_id, FALSE, 0, &progress->latest_pain, error))
    return FALSE;

  if (!read_int (self,
                 "SELECT count(*) FROM visits WHERE client_id = ?1 AND status = 'signed' "
                 "AND started_at >= ?2",
                 plan->client_id, TRUE, since, &progress->sessions_done, error))
    return FALSE;

  return TRUE;
}
