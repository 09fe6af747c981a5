/* palpate-store-audit.c — the audit log: who did what, when, in a tamper-evident chain
 *
 * Each row's hash is SHA-256 over its own fields and the previous row's hash, so that changing,
 * removing or inserting any row breaks every hash after it. Rows are appended inside the same
 * transaction as the change they record.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-store-private.h"

/* The first row chains to this. */
#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

static char *
compute_hash (gint64      id,
              gint64      at,
              const char *actor,
              const char *action,
              const char *entity,
              gint64      entity_id,
              const char *detail,
              const char *prev_hash)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *content = NULL;

  /* Lengths before each text, so that moving characters between fields changes the hash. */
  content = g_strdup_printf ("%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%zu:%s|%zu:%s|%zu:%s|"
                             "%" G_GINT64_FORMAT "|%zu:%s|%s",
                             id, at,
                             strlen (actor), actor,
                             strlen (action), action,
                             strlen (entity), entity,
                             entity_id,
                             detail ? strlen (detail) : 0, detail ? detail : "",
                             prev_hash);
  g_checksum_update (checksum, (const guchar *) content, -1);

  return g_strdup (g_checksum_get_string (checksum));
}

gboolean
palpate_store_audit_append (PalpateStore  *self,
                            const char    *action,
                            const char    *entity,
                            gint64         entity_id,
                            const char    *detail,
                            GError       **error)
{
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  const char *actor = palpate_store_get_actor (self) ?: "";
  gint64 id = 1;
  gint64 at = g_get_real_time () / G_USEC_PER_SEC;
  int rc;

  stmt = palpate_store_prepare (self, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0) + 1;
      prev_hash = g_strdup (palpate_store_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  if (prev_hash == NULL)
    prev_hash = g_strdup (GENESIS_HASH);

  hash = compute_hash (id, at, actor, action, entity, entity_id, detail, prev_hash);

  stmt = palpate_store_prepare (self,
                                "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, "
                                "detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_text (stmt, 3, actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, entity, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, entity_id);
  palpate_store_bind_text (stmt, 7, detail);
  sqlite3_bind_text (stmt, 8, prev_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, hash, -1, SQLITE_TRANSIENT);

  return palpate_store_step_done (self, stmt, error);
}

/**
 * palpate_store_log_event:
 * @action: what happened: "export", "print", "view", …
 * @entity: what it happened to: "client", "visit", "report", …
 * @detail: (nullable): a few words more; never clinical text
 *
 * Records an event that changes nothing in the records, such as a printed report.
 */
gboolean
palpate_store_log_event (PalpateStore  *self,
                         const char    *action,
                         const char    *entity,
                         gint64         entity_id,
                         const char    *detail,
                         GError       **error)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL && entity != NULL, FALSE);

  if (!palpate_store_begin (self, error))
    return FALSE;

  if (!palpate_store_audit_append (self, action, entity, entity_id, detail, error) ||
      !palpate_store_commit (self, error))
    {
      palpate_store_rollback (self);
      return FALSE;
    }

  return TRUE;
}

/**
 * palpate_store_verify_audit:
 * @n_rows: (out) (optional): how many rows were checked
 *
 * Walks the whole chain.
 *
 * Returns: %TRUE if no row was changed, removed or inserted since it was written; otherwise
 *   %FALSE with @error naming the first row that does not match
 */
gboolean
palpate_store_verify_audit (PalpateStore  *self,
                            gint64        *n_rows,
                            GError       **error)
{
  g_autofree char *prev_hash = g_strdup (GENESIS_HASH);
  sqlite3_stmt *stmt;
  gint64 expected_id = 1;
  gint64 count = 0;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  stmt = palpate_store_prepare (self,
                                "SELECT id, at, actor, action, entity, entity_id, detail, "
                                "prev_hash, hash FROM audit_log ORDER BY id",
                                error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autofree char *hash = compute_hash (id,
                                            sqlite3_column_int64 (stmt, 1),
                                            palpate_store_column_text (stmt, 2) ?: "",
                                            palpate_store_column_text (stmt, 3) ?: "",
                                            palpate_store_column_text (stmt, 4) ?: "",
                                            sqlite3_column_int64 (stmt, 5),
                                            palpate_store_column_text (stmt, 6),
                                            prev_hash);

      if (id != expected_id ||
          g_strcmp0 (palpate_store_column_text (stmt, 7), prev_hash) != 0 ||
          g_strcmp0 (palpate_store_column_text (stmt, 8), hash) != 0)
        {
          sqlite3_reset (stmt);
          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                       _("The audit log was altered: entry %lu does not match the history "
                         "before it."), (gulong) expected_id);
          return FALSE;
        }

      g_free (prev_hash);
      prev_hash = g_strdup (palpate_store_column_text (stmt, 8));
      expected_id++;
      count++;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  if (n_rows != NULL)
    *n_rows = count;

  return TRUE;
}
