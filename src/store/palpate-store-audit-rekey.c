/* palpate-store-audit-rekey.c — the migration to schema 5, which keys the audit chain: the
 * unkeyed chain written so far is checked, rewritten keyed, and closed with an entry that says
 * whether it was whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include "palpate-store-private.h"

/**
 * palpate_store_audit_rekey:
 *
 * For the migration to schema 5: gives the clinic its identity and key, checks the unkeyed
 * chain written so far, rewrites its hashes keyed, and appends a "rekey" entry saying how many
 * entries were keyed and, as its entity id, the first entry that did not match (0 if none), so
 * that a log altered before it was keyed can never pass as intact.
 */
gboolean
palpate_store_audit_rekey (PalpateStore  *self,
                           GError       **error)
{
  PalpateStoreAudit *audit = palpate_store_get_audit (self);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *old_prev = g_strdup (PALPATE_STORE_AUDIT_GENESIS_HASH);
  g_autofree char *new_prev = g_strdup (PALPATE_STORE_AUDIT_GENESIS_HASH);
  g_autofree char *detail = NULL;
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) pending = NULL;
  gint64 first_broken = 0;
  gint64 expected_id = 1;
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  stmt = palpate_store_db_prepare (self, "INSERT INTO clinic_identity (uuid) VALUES (?)", error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_text (stmt, 1, uuid);
  if (!palpate_store_db_step_done (stmt, error))
    return FALSE;

  /* What the transaction appended so far is written at its commit, with the new key. */
  pending = g_steal_pointer (&audit->pending);
  palpate_store_audit_clear (audit);
  audit->pending = g_steal_pointer (&pending);
  if (!palpate_store_audit_open (self, error))
    return FALSE;

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id, at, actor, action, entity, entity_id, detail, "
                                   "prev_hash, hash FROM audit_log ORDER BY id",
                                   error);
  if (stmt == NULL)
    return FALSE;

  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      gint64 id = palpate_db_column_int64 (stmt, 0);
      gint64 at = palpate_db_column_int64 (stmt, 1);
      const char *actor = palpate_store_db_column_text (stmt, 2) ?: "";
      const char *action = palpate_store_db_column_text (stmt, 3) ?: "";
      const char *entity = palpate_store_db_column_text (stmt, 4) ?: "";
      gint64 entity_id = palpate_db_column_int64 (stmt, 5);
      const char *detail_text = palpate_store_db_column_text (stmt, 6);
      g_autofree char *old_hash = palpate_store_audit_compute_hash (NULL, id, at, actor, action,
                                                                    entity, entity_id,
                                                                    detail_text, old_prev);
      char *new_hash = palpate_store_audit_compute_hash (audit, id, at, actor, action, entity,
                                                         entity_id, detail_text, new_prev);

      if (first_broken == 0 &&
          (id != expected_id ||
           g_strcmp0 (palpate_store_db_column_text (stmt, 7), old_prev) != 0 ||
           g_strcmp0 (palpate_store_db_column_text (stmt, 8), old_hash) != 0))
        first_broken = expected_id;

      g_free (old_prev);
      old_prev = g_strdup (palpate_store_db_column_text (stmt, 8) ?: "");
      g_free (new_prev);
      new_prev = g_strdup (new_hash);
      g_array_append_val (ids, id);
      g_ptr_array_add (hashes, new_hash);
      expected_id++;
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      stmt = palpate_store_db_prepare (self,
                                       "UPDATE audit_log SET prev_hash = ?, hash = ? "
                                       "WHERE id = ?",
                                       error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_text (stmt, 1,
                            i == 0 ? PALPATE_STORE_AUDIT_GENESIS_HASH : hashes->pdata[i - 1]);
      palpate_db_bind_text (stmt, 2, hashes->pdata[i]);
      palpate_db_bind_int64 (stmt, 3, g_array_index (ids, gint64, i));
      if (!palpate_store_db_step_done (stmt, error))
        return FALSE;
    }

  if (first_broken == 0)
    detail = g_strdup_printf ("%u entries keyed; the earlier log was whole", ids->len);
  else
    detail = g_strdup_printf ("%u entries keyed; the earlier log did not match from entry %"
                              G_GINT64_FORMAT, ids->len, first_broken);

  return palpate_store_audit_append (self, "rekey", "audit-log", first_broken, detail, error);
}
