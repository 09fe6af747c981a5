/* palpate-store-health-history.c — the clients' health histories in the clinic file
 *
 * Each update adds a version; none is changed afterwards (the database refuses it), except that
 * a version the client filled in is marked accepted once the therapist has reviewed it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include "palpate-store-private.h"

/**
 * palpate_store_add_health_history:
 * @history: a new version (id 0) of a client's health history
 *
 * Records @history with the time and the author (the store's actor) as a new version, in one
 * transaction with its audit entry. The rules of the core are checked first.
 */
gboolean
palpate_store_add_health_history (PalpateStore          *self,
                                  PalpateHealthHistory  *history,
                                  GError               **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *conditions = NULL;
  PalpateDbStatement *stmt;
  gint64 id;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY (history), FALSE);
  g_return_val_if_fail (palpate_health_history_get_id (history) == 0, FALSE);

  if (!palpate_health_history_validate (history, error))
    return FALSE;

  conditions = palpate_store_strv_to_json (palpate_health_history_get_conditions (history));

  if (!palpate_store_begin (self, error))
    return FALSE;

  stmt = palpate_store_db_prepare (self,
                                   "INSERT INTO health_histories (client_id, recorded_at, "
                                   "recorded_by, reported_by_client, medications, allergies, "
                                   "other_conditions, surgeries, emergency_contact, referral, "
                                   "conditions, pregnancy) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                                   "RETURNING id",
                                   error);
  if (stmt == NULL)
    goto failed;

  palpate_db_bind_int64 (stmt, 1, palpate_health_history_get_client_id (history));
  palpate_store_db_bind_datetime (stmt, 2, now);
  palpate_db_bind_text (stmt, 3, palpate_store_get_actor (self));
  palpate_db_bind_int (stmt, 4, palpate_health_history_get_reported_by_client (history));
  for (guint i = 0; i < PALPATE_HISTORY_N_FIELDS; i++)
    palpate_db_bind_text (stmt, 5 + i, palpate_health_history_get_text (history, i));
  palpate_db_bind_text (stmt, 11, conditions);
  palpate_db_bind_text (stmt, 12,
                        palpate_pregnancy_get_key (palpate_health_history_get_pregnancy (history)));

  /* The new version's id comes back as its one row. */
  if (palpate_db_step (stmt, error) != PALPATE_DB_ROW)
    {
      palpate_db_reset (stmt);
      goto failed;
    }
  id = palpate_db_column_int64 (stmt, 0);
  palpate_db_reset (stmt);

  if (!palpate_store_audit_append (self, "add", "health-history", id, NULL, error) ||
      !palpate_store_commit (self, error))
    goto failed;

  palpate_health_history_set_id (history, id);
  palpate_health_history_set_recorded_at (history, now);
  palpate_health_history_set_recorded_by (history, palpate_store_get_actor (self));
  return TRUE;

failed:
  palpate_store_rollback (self);
  return FALSE;
}

/* Marks a version the client filled in as reviewed and accepted by the therapist. */
gboolean
palpate_store_accept_health_history (PalpateStore  *self,
                                     gint64         history_id,
                                     GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  PalpateDbStatement *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  if (!palpate_store_begin (self, error))
    return FALSE;

  stmt = palpate_store_db_prepare (self,
                                   "UPDATE health_histories SET accepted_at = ?, accepted_by = ? "
                                   "WHERE id = ? AND accepted_at IS NULL",
                                   error);
  if (stmt == NULL)
    goto failed;

  palpate_store_db_bind_datetime (stmt, 1, now);
  palpate_db_bind_text (stmt, 2, palpate_store_get_actor (self));
  palpate_db_bind_int64 (stmt, 3, history_id);
  if (!palpate_store_db_step_done (stmt, error))
    goto failed;

  if (!palpate_store_audit_append (self, "accept", "health-history", history_id, NULL, error) ||
      !palpate_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  palpate_store_rollback (self);
  return FALSE;
}

/**
 * palpate_store_list_health_histories:
 *
 * Returns: (transfer full) (element-type PalpateHealthHistory): the client's versions, oldest
 *   first, or %NULL on error
 */
GPtrArray *
palpate_store_list_health_histories (PalpateStore  *self,
                                     gint64         client_id,
                                     GError       **error)
{
  g_autoptr(GPtrArray) histories = g_ptr_array_new_with_free_func (g_object_unref);
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id, recorded_at, recorded_by, reported_by_client, "
                                   "medications, allergies, other_conditions, surgeries, "
                                   "emergency_contact, referral, conditions, pregnancy, "
                                   "accepted_at "
                                   "FROM health_histories WHERE client_id = ? "
                                   "ORDER BY recorded_at, id",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, client_id);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      g_autoptr(PalpateHealthHistory) history = palpate_health_history_new ();
      g_autoptr(GDateTime) recorded_at = palpate_store_db_column_datetime (stmt, 1);
      g_autoptr(GDateTime) accepted_at = palpate_store_db_column_datetime (stmt, 12);
      g_auto(GStrv) conditions =
        palpate_store_strv_from_json (palpate_store_db_column_text (stmt, 10));

      palpate_health_history_set_id (history, palpate_db_column_int64 (stmt, 0));
      palpate_health_history_set_client_id (history, client_id);
      palpate_health_history_set_recorded_at (history, recorded_at);
      palpate_health_history_set_recorded_by (history, palpate_store_db_column_text (stmt, 2));
      palpate_health_history_set_reported_by_client (history,
                                                     palpate_db_column_int (stmt, 3) != 0);
      palpate_health_history_set_accepted_at (history, accepted_at);
      for (guint i = 0; i < PALPATE_HISTORY_N_FIELDS; i++)
        palpate_health_history_set_text (history, i,
                                         palpate_store_db_column_text (stmt, 4 + i));
      palpate_health_history_set_conditions (history, (const char * const *) conditions);
      palpate_health_history_set_pregnancy (history,
                                            palpate_pregnancy_from_key (
                                              palpate_store_db_column_text (stmt, 11)));
      g_ptr_array_add (histories, g_steal_pointer (&history));
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&histories);
}
