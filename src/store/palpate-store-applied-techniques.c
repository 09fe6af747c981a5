/* palpate-store-applied-techniques.c — the applied techniques table: the techniques a visit
 * used, where, how long and how firmly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-rules.h"
#include "palpate-store-private.h"
#include "palpate-store-returning-private.h"

static const char *pressure_ids[] = {
  [PALPATE_PRESSURE_LIGHT] = "light",
  [PALPATE_PRESSURE_MODERATE] = "moderate",
  [PALPATE_PRESSURE_FIRM] = "firm",
  [PALPATE_PRESSURE_DEEP] = "deep",
};


gboolean
palpate_store_save_applied_technique (PalpateStore             *self,
                                      PalpateAppliedTechnique  *applied,
                                      GError                  **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  gboolean is_new;
  PalpateDbStatement *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (applied), FALSE);

  if (!palpate_applied_technique_validate (applied, error))
    return FALSE;

  is_new = palpate_applied_technique_get_id (applied) == 0;

  if (!palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  if (is_new)
    stmt = palpate_store_db_prepare (self,
                                     "INSERT INTO applied_techniques (visit_id, technique_id, "
                                     "region_id, minutes, pressure, note) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
                                     error);
  else
    stmt = palpate_store_db_prepare (self,
                                     "UPDATE applied_techniques SET visit_id = ?1, "
                                     "technique_id = ?2, region_id = ?3, minutes = ?4, "
                                     "pressure = ?5, note = ?6 WHERE id = ?7",
                                     error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, palpate_applied_technique_get_visit_id (applied));
  palpate_db_bind_int64 (stmt, 2, palpate_applied_technique_get_technique_id (applied));
  palpate_db_bind_text (stmt, 3, palpate_applied_technique_get_region_id (applied));
  palpate_db_bind_int (stmt, 4, palpate_applied_technique_get_minutes (applied));
  palpate_db_bind_text (stmt, 5, pressure_ids[palpate_applied_technique_get_pressure (applied)]);
  palpate_db_bind_text (stmt, 6, palpate_applied_technique_get_note (applied));
  if (!is_new)
    palpate_db_bind_int64 (stmt, 7, palpate_applied_technique_get_id (applied));

  if (is_new)
    {
      gint64 id;

      if (!palpate_store_db_step_returning_id (stmt, &id, error))
        return FALSE;
      palpate_applied_technique_set_id (applied, id);
    }
  else if (!palpate_store_db_step_done (stmt, error))
    return FALSE;

  if (palpate_store_transaction_finish (&transaction, is_new ? "create" : "change",
                                        "applied-technique",
                                        palpate_applied_technique_get_id (applied), error))
    return TRUE;

  if (is_new)
    palpate_applied_technique_set_id (applied, 0);
  return FALSE;
}

gboolean
palpate_store_delete_applied_technique (PalpateStore  *self,
                                        gint64         applied_id,
                                        GError       **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  PalpateDbStatement *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  if (!palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  stmt = palpate_store_db_prepare (self, "DELETE FROM applied_techniques WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, applied_id);
  if (!palpate_store_db_step_done (stmt, error))
    return FALSE;

  return palpate_store_transaction_finish (&transaction, "delete", "applied-technique",
                                           applied_id, error);
}

/* A signed visit names each technique as it was named when the visit was signed. */
#define APPLIED_COLUMNS \
  "a.id, a.technique_id, coalesce (a.technique_name, t.name), t.builtin, a.region_id, " \
  "a.minutes, a.pressure, a.note, " \
  "a.visit_id"

/* The applied techniques the prepared @stmt (selecting APPLIED_COLUMNS) returns. */
static GPtrArray *
applied_of_query (PalpateStore        *self,
                  PalpateDbStatement  *stmt,
                  GError             **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  PalpateDbStep step;

  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      PalpateAppliedTechnique *applied = palpate_applied_technique_new ();
      const char *name = palpate_store_db_column_text (stmt, 2);
      guint pressure;

      palpate_applied_technique_set_id (applied, palpate_db_column_int64 (stmt, 0));
      palpate_applied_technique_set_visit_id (applied, palpate_db_column_int64 (stmt, 8));
      palpate_applied_technique_set_technique_id (applied, palpate_db_column_int64 (stmt, 1));
      palpate_applied_technique_set_technique_name (applied, palpate_db_column_int (stmt, 3)
                                                             ? _(name) : name);
      palpate_applied_technique_set_region_id (applied, palpate_store_db_column_text (stmt, 4));
      palpate_applied_technique_set_minutes (applied, palpate_db_column_int (stmt, 5));
      pressure = palpate_store_index_of (pressure_ids, G_N_ELEMENTS (pressure_ids),
                                         palpate_store_db_column_text (stmt, 6));
      palpate_applied_technique_set_pressure (applied, pressure);
      palpate_applied_technique_set_note (applied, palpate_store_db_column_text (stmt, 7));
      g_ptr_array_add (list, applied);
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&list);
}

GPtrArray *
palpate_store_list_applied_techniques (PalpateStore  *self,
                                       gint64         visit_id,
                                       GError       **error)
{
  PalpateDbStatement *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT " APPLIED_COLUMNS " FROM applied_techniques a "
                                   "JOIN techniques t ON t.id = a.technique_id "
                                   "WHERE a.visit_id = ? ORDER BY a.id",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, visit_id);
  return applied_of_query (self, stmt, error);
}

/**
 * palpate_store_list_client_applied_techniques:
 *
 * Every technique applied at every visit of the client, in one query.
 *
 * Returns: (transfer full) (element-type PalpateAppliedTechnique): visit by visit, oldest first
 */
GPtrArray *
palpate_store_list_client_applied_techniques (PalpateStore  *self,
                                              gint64         client_id,
                                              GError       **error)
{
  PalpateDbStatement *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT " APPLIED_COLUMNS " FROM applied_techniques a "
                                   "JOIN techniques t ON t.id = a.technique_id "
                                   "JOIN visits v ON v.id = a.visit_id WHERE v.client_id = ? "
                                   "ORDER BY v.started_at, v.id, a.id",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, client_id);
  return applied_of_query (self, stmt, error);
}
