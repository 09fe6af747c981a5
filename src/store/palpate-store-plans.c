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
bind_day (sqlite3_stmt *stmt,
          int           column,
          const GDate  *day)
{
  char text[16];

  if (!g_date_valid (day))
    {
      sqlite3_bind_null (stmt, column);
      return;
    }
  g_snprintf (text, sizeof text, "%04d-%02d-%02d", g_date_get_year (day),
              g_date_get_month (day), g_date_get_day (day));
  sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

static void
column_day (sqlite3_stmt *stmt,
            int           column,
            GDate        *day)
{
  /* A day that is not one is left cleared: the plan then has no such date. */
  palpate_date_parse (palpate_store_column_text (stmt, column), day, NULL);
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
  sqlite3_stmt *stmt;
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

      stmt = palpate_store_prepare (self, "SELECT discharged_on IS NOT NULL FROM treatment_plans "
                                          "WHERE id = ? AND client_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, plan->id);
      sqlite3_bind_int64 (stmt, 2, plan->client_id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND,
                       _("This treatment plan is no longer in the clinic file."));
          return FALSE;
        }
      was_discharged = sqlite3_column_int (stmt, 0);
      sqlite3_reset (stmt);
      action = !was_discharged && palpate_treatment_plan_is_discharged (plan)
               ? "discharge" : "update";
    }

  stmt = palpate_store_prepare (self,
                                "INSERT OR REPLACE INTO treatment_plans (id, client_id, created_at, "
                                "psfs_position, psfs_target, pain_target, frequency, period, "
                                "n_sessions, techniques, home_care, reassess_on, discharged_on, "
                                "discharge_reason, discharge_summary) VALUES (?1, ?2, ?3, ?4, ?5, "
                                "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                                error);
  if (stmt == NULL)
    return FALSE;
  if (plan->id != 0)
    sqlite3_bind_int64 (stmt, 1, plan->id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, plan->client_id);
  sqlite3_bind_int64 (stmt, 3, created_at);
  sqlite3_bind_int (stmt, 4, plan->psfs_target == PALPATE_PLAN_NO_TARGET ? -1 : plan->psfs_position);
  sqlite3_bind_int (stmt, 5, plan->psfs_target);
  sqlite3_bind_int (stmt, 6, plan->pain_target);
  sqlite3_bind_int (stmt, 7, plan->frequency);
  sqlite3_bind_text (stmt, 8, plan->period == PALPATE_PLAN_PER_WEEK ? "week" : "month", -1,
                     SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, plan->n_sessions);
  sqlite3_bind_text (stmt, 10, plan->techniques ? plan->techniques : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, plan->home_care ? plan->home_care : "", -1, SQLITE_TRANSIENT);
  bind_day (stmt, 12, &plan->reassess_on);
  bind_day (stmt, 13, &plan->discharged_on);
  if (plan->discharge_reason == PALPATE_DISCHARGE_NONE)
    sqlite3_bind_null (stmt, 14);
  else
    sqlite3_bind_text (stmt, 14, palpate_discharge_reason_get_key (plan->discharge_reason), -1,
                       SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, plan->discharge_summary ? plan->discharge_summary : "", -1,
                     SQLITE_TRANSIENT);
  if (!palpate_store_step_done (self, stmt, error))
    return FALSE;

  id = plan->id != 0 ? plan->id : sqlite3_last_insert_rowid (palpate_store_get_db (self));
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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT id, created_at, psfs_position, psfs_target, pain_target, "
                                "frequency, period, n_sessions, techniques, home_care, "
                                "reassess_on, discharged_on, discharge_reason, discharge_summary "
                                "FROM treatment_plans WHERE client_id = ? ORDER BY id DESC LIMIT 1",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      plan = palpate_treatment_plan_new (client_id);
      plan->id = sqlite3_column_int64 (stmt, 0);
      plan->created_at = sqlite3_column_int64 (stmt, 1);
      plan->psfs_position = sqlite3_column_int (stmt, 2);
      plan->psfs_target = sqlite3_column_int (stmt, 3);
      plan->pain_target = sqlite3_column_int (stmt, 4);
      plan->frequency = sqlite3_column_int (stmt, 5);
      plan->period = g_strcmp0 (palpate_store_column_text (stmt, 6), "month") == 0
                     ? PALPATE_PLAN_PER_MONTH : PALPATE_PLAN_PER_WEEK;
      plan->n_sessions = sqlite3_column_int (stmt, 7);
      g_free (plan->techniques);
      plan->techniques = g_strdup (palpate_store_column_text (stmt, 8) ?: "");
      g_free (plan->home_care);
      plan->home_care = g_strdup (palpate_store_column_text (stmt, 9) ?: "");
      column_day (stmt, 10, &plan->reassess_on);
      column_day (stmt, 11, &plan->discharged_on);
      plan->discharge_reason =
        palpate_discharge_reason_from_key (palpate_store_column_text (stmt, 12));
      g_free (plan->discharge_summary);
      plan->discharge_summary = g_strdup (palpate_store_column_text (stmt, 13) ?: "");
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&plan);
}

static gboolean
read_int (PalpateStore  *self,
          const char    *sql,
          gint64         client_id,
          gint64         arg,
          int           *value,
          GError       **error)
{
  sqlite3_stmt *stmt = palpate_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_int64 (stmt, 2, arg);
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL
           ? sqlite3_column_int (stmt, 0) : -1;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
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
                 plan->client_id, plan->psfs_position, &progress->latest_psfs, error))
    return FALSE;

  if (!read_int (self,
                 "SELECT coalesce (pain_after, pain_before) FROM visits "
                 "WHERE client_id = ?1 AND status = 'signed' AND ?2 = ?2 "
                 "AND coalesce (pain_after, pain_before) IS NOT NULL "
                 "ORDER BY started_at DESC, id DESC LIMIT 1",
                 plan->client_id, 0, &progress->latest_pain, error))
    return FALSE;

  if (!read_int (self,
                 "SELECT count(*) FROM visits WHERE client_id = ?1 AND status = 'signed' "
                 "AND started_at >= ?2",
                 plan->client_id, since, &progress->sessions_done, error))
    return FALSE;

  return TRUE;
}
