/* palpate-store-audit.c — the audit log: who did what, when, in a keyed, tamper-evident chain
 *
 * Each row's hash is an HMAC-SHA-256 over its own fields and the previous row's hash, keyed
 * with a secret of the clinic that is kept outside the clinic file: 32 random bytes in
 * `$XDG_CONFIG_HOME/palpate/clinics/UUID.key` (0600), UUID being the clinic's identity stored in
 * the file. Changing, removing, inserting or backdating a row breaks every hash after it, and
 * a chain recomputed after an edit does not match without the key. Rows are appended inside
 * the same transaction as the change they record.
 *
 * Removing the last rows leaves a shorter chain that is still whole, so the head of the chain
 * (its count and last hash) is also written outside the file after every commit, beside the
 * key (`UUID.head`), and into every backup; `--verify-audit` checks the chain still holds that
 * head. Clinics from before schema 5 had an unkeyed chain (plain SHA-256): the migration checks
 * it, keys it and records in a "rekey" entry whether it was whole (palpate-store-audit-rekey.c).
 *
 * On a clinic server every room appends to the one chain, which is held from the moment its
 * head is read until the transaction ends: the entries of a transaction are therefore written
 * at its commit, in the COMMIT's own round trip, so that the chain is held for that round trip
 * and the commit's flush alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "palpate-backup.h"
#include "palpate-store-private.h"

/* How many hex digits of the head's hash are shown on reports. */
#define SHORT_HASH_LENGTH 12

/* The server's lock on the chain, held until the transaction ends: an advisory lock keyed by
 * the audit_log table's own oid (a clinic has a database of its own), which needs no
 * privilege beyond inserting into the log. */
#define AUDIT_CHAIN_LOCK_SQL \
  "SELECT pg_advisory_xact_lock ('audit_log'::regclass::oid::bigint)"

/* The head to append to, and the hash of the entry the head recorded outside the file names. */
#define HEAD_TO_APPEND_SQL \
  "SELECT id, hash, (SELECT hash FROM audit_log WHERE id = %s) " \
  "FROM audit_log ORDER BY id DESC LIMIT 1"

static char *
entry_content (gint64      id,
               gint64      at,
               const char *actor,
               const char *action,
               const char *entity,
               gint64      entity_id,
               const char *detail,
               const char *prev_hash)
{
  /* Lengths before each text, so that moving characters between fields changes the hash. */
  return g_strdup_printf ("%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%zu:%s|%zu:%s|%zu:%s|"
                          "%" G_GINT64_FORMAT "|%zu:%s|%s",
                          id, at,
                          strlen (actor), actor,
                          strlen (action), action,
                          strlen (entity), entity,
                          entity_id,
                          detail ? strlen (detail) : 0, detail ? detail : "",
                          prev_hash);
}

/* The hash of a row: keyed when the clinic has its key, plain SHA-256 (schema < 5) before. */
char *
palpate_store_audit_compute_hash (const PalpateStoreAudit *audit,
                                  gint64                   id,
                                  gint64                   at,
                                  const char              *actor,
                                  const char              *action,
                                  const char              *entity,
                                  gint64                   entity_id,
                                  const char              *detail,
                                  const char              *prev_hash)
{
  g_autofree char *content = entry_content (id, at, actor, action, entity, entity_id, detail,
                                            prev_hash);

  if (audit != NULL && audit->has_key)
    {
      g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, audit->key, sizeof audit->key);

      g_hmac_update (hmac, (const guchar *) content, -1);
      return g_strdup (g_hmac_get_string (hmac));
    }

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
}

/* The hash of entry @id, or %NULL when there is none. */
static char *
dup_entry_hash (PalpateStore  *self,
                gint64         id,
                GError       **error)
{
  PalpateDbStatement *stmt;
  char *hash = NULL;

  stmt = palpate_store_db_prepare (self, "SELECT hash FROM audit_log WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, id);
  if (palpate_db_step (stmt, error) == PALPATE_DB_ROW)
    hash = g_strdup (palpate_store_db_column_text (stmt, 0));
  palpate_db_reset (stmt);

  return hash;
}

static gboolean
read_head (PalpateStore  *self,
           gint64        *count,
           char         **hash,
           GError       **error)
{
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
                                   error);
  if (stmt == NULL)
    return FALSE;

  *count = 0;
  *hash = NULL;
  step = palpate_db_step (stmt, error);
  if (step == PALPATE_DB_ROW)
    {
      *count = palpate_db_column_int64 (stmt, 0);
      *hash = g_strdup (palpate_store_db_column_text (stmt, 1));
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return FALSE;

  if (*hash == NULL)
    *hash = g_strdup (PALPATE_STORE_AUDIT_GENESIS_HASH);
  return TRUE;
}

/* Whether the chain still holds @count entries ending in @hash. */
gboolean
palpate_store_audit_chain_holds (PalpateStore  *self,
                                 gint64         count,
                                 const char    *hash,
                                 gboolean      *holds,
                                 GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *found = dup_entry_hash (self, count, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *holds = g_strcmp0 (found, hash) == 0;
  return TRUE;
}

void
palpate_store_audit_clear (PalpateStoreAudit *audit)
{
  g_clear_pointer (&audit->pending, g_ptr_array_unref);
  g_clear_pointer (&audit->clinic_uuid, g_free);
  g_clear_pointer (&audit->recorded_hash, g_free);
  g_clear_pointer (&audit->appended_hash, g_free);
  audit->appended_id = 0;
  sodium_memzero (audit->key, sizeof audit->key);
  audit->has_key = FALSE;
  audit->recorded_count = 0;
}

/**
 * palpate_store_audit_open:
 *
 * Finds the clinic's identity and loads its audit key from the user's config folder, making
 * a key when the clinic has none on this computer yet (a chain written with another key will
 * then not verify: that is the point). A clinic on a server is written from several computers
 * that share one key: a computer without it imports it, and one with another key is refused
 * (palpate_store_audit_share_key()). Reads the head recorded outside the file.
 */
gboolean
palpate_store_audit_open (PalpateStore  *self,
                          GError       **error)
{
  PalpateStoreAudit *audit = palpate_store_get_audit (self);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  PalpateDbStatement *stmt;
  PalpateDbStep step;
  gsize length = 0;
  gboolean on_server = palpate_store_is_on_server (self);
  g_autofree char *clinic_key = NULL;
  gboolean made_here = FALSE;

  if (audit->has_key)
    return TRUE;

  if (sodium_init () < 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The random numbers for the audit log’s key are not available."));
      return FALSE;
    }

  stmt = palpate_store_db_prepare (self, "SELECT uuid FROM clinic_identity LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  step = palpate_db_step (stmt, error);
  if (step == PALPATE_DB_ROW)
    audit->clinic_uuid = g_strdup (palpate_store_db_column_text (stmt, 0));
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return FALSE;

  if (audit->clinic_uuid == NULL || !g_uuid_string_is_valid (audit->clinic_uuid))
    {
      g_clear_pointer (&audit->clinic_uuid, g_free);
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The clinic file has lost its identity, so its audit log cannot be "
                     "checked. Restore it from a backup."));
      return FALSE;
    }

  /* On a server, the name of the key every computer of the clinic shares, if one is named. */
  if (on_server && !palpate_store_audit_read_key_name (self, &clinic_key, error))
    return FALSE;

  path = palpate_store_audit_dup_clinic_file (audit->clinic_uuid, ".key");
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                       _("The key of the clinic’s audit log cannot be read from “%s”: %s."),
                       path, local_error->message);
          return FALSE;
        }

      /* A clinic server whose chain another computer keys: this one must import that key,
       * not make one of its own. */
      if (clinic_key != NULL)
        {
          palpate_store_audit_set_key_missing_error (error);
          return FALSE;
        }
      if (!palpate_store_audit_create_key (path, audit->key, sizeof audit->key, error))
        return FALSE;
      made_here = TRUE;
    }
  else if (length != sizeof audit->key)
    {
      sodium_memzero (contents, length);
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The key of the clinic’s audit log in “%s” is damaged."), path);
      return FALSE;
    }
  else
    {
      memcpy (audit->key, contents, sizeof audit->key);
      sodium_memzero (contents, length);
    }

  if (on_server && !palpate_store_audit_share_key (self, path, clinic_key, made_here, error))
    {
      sodium_memzero (audit->key, sizeof audit->key);
      return FALSE;
    }

  audit->has_key = TRUE;
  palpate_store_audit_read_recorded_head (audit);
  return TRUE;
}

/* The head of the chain an entry is appended to (0 and the genesis hash when it is empty), and
 * whether the chain still holds the head last recorded outside the file.
 *
 * On a server, two rooms appending at once would both read the same head and one of them
 * would then fail on the id: the chain is taken for the rest of the transaction first, so that
 * the second reads the head the first committed. Both statements go in one round trip
 * (palpate_db_step_with_next()), prepared once; each still takes its own snapshot (READ
 * COMMITTED), so the read follows the lock. SQLite's BEGIN IMMEDIATE already holds the whole
 * file. */
static gboolean
read_head_to_append (PalpateStore  *self,
                     gint64        *count,
                     char         **hash,
                     gboolean      *holds,
                     GError       **error)
{
  PalpateStoreAudit *audit = palpate_store_get_audit (self);
  g_autofree char *head_sql = g_strdup_printf (HEAD_TO_APPEND_SQL, "?");
  g_autofree char *recorded_there = NULL;
  gboolean has_row = FALSE;
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  *count = 0;
  *hash = NULL;
  if (palpate_store_is_on_server (self))
    {
      stmt = palpate_store_db_prepare (self, AUDIT_CHAIN_LOCK_SQL, error);
      if (stmt == NULL || !palpate_db_step_with_next (stmt, error))
        return FALSE;
    }

  stmt = palpate_store_db_prepare (self, head_sql, error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, audit->recorded_count);
  step = palpate_db_step (stmt, error);
  if (step == PALPATE_DB_ROW)
    {
      has_row = TRUE;
      *count = palpate_db_column_int64 (stmt, 0);
      *hash = g_strdup (palpate_store_db_column_text (stmt, 1));
      recorded_there = g_strdup (palpate_store_db_column_text (stmt, 2));
    }
  palpate_db_reset (stmt);
  if (step == PALPATE_DB_ERROR)
    return FALSE;

  if (!has_row || *hash == NULL)
    {
      g_free (*hash);
      *hash = g_strdup (PALPATE_STORE_AUDIT_GENESIS_HASH);
    }
  *holds = audit->recorded_count == 0 || g_strcmp0 (recorded_there, audit->recorded_hash) == 0;
  return TRUE;
}

/* An entry appended on a server: written at the commit (palpate_store_audit_write_pending()). */
typedef struct
{
  gint64  at;
  char   *actor;
  char   *action;
  char   *entity;
  gint64  entity_id;
  char   *detail;
  guint   depth;     /* the store's transaction depth when it was appended */
} PendingEntry;

static void
pending_entry_free (gpointer data)
{
  PendingEntry *entry = data;

  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->entity);
  g_free (entry->detail);
  g_free (entry);
}

/* Appends entry @id after @prev_hash: in the COMMIT's round trip on a server
 * (palpate_db_step_at_commit()), at once on SQLite or outside a transaction. The chain's head
 * is then that entry. */
static gboolean
insert_entry (PalpateStore  *self,
              gint64         id,
              gint64         at,
              const char    *actor,
              const char    *action,
              const char    *entity,
              gint64         entity_id,
              const char    *detail,
              const char    *prev_hash,
              gboolean       holds,
              GError       **error)
{
  PalpateStoreAudit *audit = palpate_store_get_audit (self);
  g_autofree char *hash = palpate_store_audit_compute_hash (audit, id, at, actor, action, entity,
                                                            entity_id, detail, prev_hash);
  PalpateDbStatement *stmt;

  stmt = palpate_store_db_prepare (self,
                                   "INSERT INTO audit_log (id, at, actor, action, entity, "
                                   "entity_id, detail, prev_hash, hash) "
                                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, id);
  palpate_db_bind_int64 (stmt, 2, at);
  palpate_db_bind_text (stmt, 3, actor);
  palpate_db_bind_text (stmt, 4, action);
  palpate_db_bind_text (stmt, 5, entity);
  palpate_db_bind_int64 (stmt, 6, entity_id);
  palpate_db_bind_text (stmt, 7, detail);
  palpate_db_bind_text (stmt, 8, prev_hash);
  palpate_db_bind_text (stmt, 9, hash);

  if (palpate_db_in_transaction (palpate_store_get_conn (self))
        ? !palpate_db_step_at_commit (stmt, error)
        : !palpate_store_db_step_done (stmt, error))
    return FALSE;

  /* What the commit records outside the file, without reading the chain again. */
  audit->appended_holds = (audit->appended_id == 0 || audit->appended_holds) && holds;
  audit->appended_id = id;
  g_free (audit->appended_hash);
  audit->appended_hash = g_steal_pointer (&hash);
  return TRUE;
}

/*
 * Appends an entry to the chain, in the open transaction.
 *
 * On a server the entry waits for the commit: the chain is taken then, its head read, and the
 * entries written with the COMMIT (palpate_store_audit_write_pending()), so that the chain,
 * which every room's saves share, is held for one round trip instead of from the first entry
 * to the end of the transaction. The entry is still written in the transaction of the change
 * it records, or not at all.
 */
gboolean
palpate_store_audit_append (PalpateStore  *self,
                            const char    *action,
                            const char    *entity,
                            gint64         entity_id,
                            const char    *detail,
                            GError       **error)
{
  PalpateStoreAudit *audit = palpate_store_get_audit (self);
  g_autofree char *prev_hash = NULL;
  g_autofree char *actor = palpate_store_dup_audit_actor (self);
  gint64 id;
  gint64 at = g_get_real_time () / G_USEC_PER_SEC;
  gboolean holds;

  if (palpate_store_is_on_server (self) && self->transaction_depth > 0)
    {
      PendingEntry *entry = g_new0 (PendingEntry, 1);

      entry->at = at;
      entry->actor = g_steal_pointer (&actor);
      entry->action = g_strdup (action);
      entry->entity = g_strdup (entity);
      entry->entity_id = entity_id;
      entry->detail = g_strdup (detail);
      entry->depth = self->transaction_depth;
      if (audit->pending == NULL)
        audit->pending = g_ptr_array_new_with_free_func (pending_entry_free);
      g_ptr_array_add (audit->pending, entry);
      palpate_store_note_audit_appended (self);
      return TRUE;
    }

  if (!read_head_to_append (self, &id, &prev_hash, &holds, error) ||
      !insert_entry (self, id + 1, at, actor, action, entity, entity_id, detail, prev_hash,
                     holds, error))
    return FALSE;

  palpate_store_note_audit_appended (self);
  return TRUE;
}

/**
 * palpate_store_audit_write_pending:
 *
 * Before a server's COMMIT: takes the chain (until the transaction ends), reads its head and
 * sends the entries the transaction appended with the COMMIT.
 */
gboolean
palpate_store_audit_write_pending (PalpateStore  *self,
                                   GError       **error)
{
  PalpateStoreAudit *audit = palpate_store_get_audit (self);
  g_autoptr(GPtrArray) pending = g_steal_pointer (&audit->pending);
  g_autofree char *prev_hash = NULL;
  gboolean holds;
  gint64 id;

  if (pending == NULL || pending->len == 0)
    return TRUE;

  if (!read_head_to_append (self, &id, &prev_hash, &holds, error))
    return FALSE;

  for (guint i = 0; i < pending->len; i++)
    {
      PendingEntry *entry = pending->pdata[i];

      if (!insert_entry (self, ++id, entry->at, entry->actor, entry->action, entry->entity,
                         entry->entity_id, entry->detail, prev_hash, holds, error))
        return FALSE;
      g_free (prev_hash);
      prev_hash = g_strdup (audit->appended_hash);
    }
  return TRUE;
}

/* A savepoint released: what was appended inside it now belongs to the level around it,
 * @depth. */
void
palpate_store_audit_keep_pending (PalpateStore *self,
                                  guint         depth)
{
  GPtrArray *pending = palpate_store_get_audit (self)->pending;

  for (guint i = 0; pending != NULL && i < pending->len; i++)
    {
      PendingEntry *entry = pending->pdata[i];

      entry->depth = MIN (entry->depth, depth);
    }
}

/* Rolled back to @depth (0: the whole transaction): what was appended deeper is undone. */
void
palpate_store_audit_drop_pending (PalpateStore *self,
                                  guint         depth)
{
  GPtrArray *pending = palpate_store_get_audit (self)->pending;

  for (guint i = pending != NULL ? pending->len : 0; i > 0; i--)
    if (((PendingEntry *) pending->pdata[i - 1])->depth > depth)
      g_ptr_array_remove_index (pending, i - 1);
}

/* After a commit that appended entries: the new head is recorded outside the file, unless the
 * chain no longer holds the head recorded before (it was cut short, or a backup restored
 * without saying so), which must stay visible to verification. */
void
palpate_store_audit_committed (PalpateStore *self)
{
  PalpateStoreAudit *audit = palpate_store_get_audit (self);
  g_autofree char *hash = NULL;
  gint64 count = 0;
  gboolean holds = TRUE;

  if (!audit->has_key)
    return;

  /* The transaction's own last entry is the head it committed. */
  if (audit->appended_id > 0)
    {
      if (audit->appended_holds)
        palpate_store_audit_write_recorded_head (self, audit->appended_id, audit->appended_hash);
      audit->appended_id = 0;
      return;
    }

  if (!read_head (self, &count, &hash, NULL))
    return;

  if (audit->recorded_count > 0 &&
      (!palpate_store_audit_chain_holds (self, audit->recorded_count, audit->recorded_hash,
                                         &holds, NULL) ||
       !holds))
    return;

  palpate_store_audit_write_recorded_head (self, count, hash);
}

/**
 * palpate_store_audit_accept_head:
 *
 * Records the chain's present head outside the file even when it does not hold the one
 * recorded before: for a restore, which takes the clinic back to an earlier state on
 * purpose (and logs that it did).
 */
void
palpate_store_audit_accept_head (PalpateStore *self)
{
  PalpateStoreAudit *audit = palpate_store_get_audit (self);
  g_autofree char *hash = NULL;
  gint64 count = 0;

  if (audit->has_key && read_head (self, &count, &hash, NULL))
    palpate_store_audit_write_recorded_head (self, count, hash);
}

/* Writes "COUNT HASH" into the backup's settings as its "audit-head". */
static int
write_stamp (sqlite3    *copy,
             gint64      count,
             const char *hash)
{
  g_autofree char *head = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  head = g_strdup_printf ("%" G_GINT64_FORMAT " %s", count, hash);
  rc = sqlite3_prepare_v2 (copy,
                           "INSERT INTO clinic_settings (key, value) VALUES ('audit-head', ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, head, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  return rc;
}

/**
 * palpate_store_audit_stamp_backup:
 * @copy: the backup being made, a connection of its own
 *
 * Writes the head of the clinic's audit chain into the backup's settings ("audit-head":
 * "COUNT HASH"), so every backup says how far the log reached when it was made.
 *
 * Returns: an SQLite result code
 */
int
palpate_store_audit_stamp_backup (PalpateStore *self,
                                  sqlite3      *copy)
{
  g_autofree char *hash = NULL;
  gint64 count = 0;

  if (!read_head (self, &count, &hash, NULL))
    return SQLITE_ERROR;

  return write_stamp (copy, count, hash);
}

/**
 * palpate_store_audit_stamp_copy:
 * @copy: a backup made from a connection of its own (a worker thread's), not the store's
 *
 * palpate_store_audit_stamp_backup() with the head read from the copy itself: the chain as it
 * was when the copy was taken.
 *
 * Returns: an SQLite result code
 */
int
palpate_store_audit_stamp_copy (sqlite3 *copy)
{
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count = 0;
  int rc;

  rc = sqlite3_prepare_v2 (copy, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", -1,
                           &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          count = sqlite3_column_int64 (stmt, 0);
          hash = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return rc;

  return write_stamp (copy, count, hash != NULL ? hash : PALPATE_STORE_AUDIT_GENESIS_HASH);
}

/**
 * palpate_store_log_event:
 * @action: what happened: "export", "print", "backup", "restore", …
 * @entity: what it happened to: "client", "visit", "report", "clinic", …
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
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL && entity != NULL, FALSE);

  if (!palpate_store_transaction_begin (&transaction, self, error) ||
      !palpate_store_audit_append (self, action, entity, entity_id, detail, error) ||
      !palpate_store_transaction_commit (&transaction, error))
    return FALSE;

  if (g_str_equal (action, "restore"))
    palpate_store_audit_accept_head (self);

  return TRUE;
}

/**
 * palpate_store_get_audit_head:
 * @n_entries: (out): how many entries the audit log holds
 * @short_hash: (out) (transfer full): the first digits of the last entry's hash
 *
 * The head of the audit chain, to print on reports and store with backups: a later copy that
 * does not hold this head was cut short or rewritten.
 */
gboolean
palpate_store_get_audit_head (PalpateStore  *self,
                              gint64        *n_entries,
                              char         **short_hash,
                              GError       **error)
{
  g_autofree char *hash = NULL;
  gint64 count = 0;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  if (!read_head (self, &count, &hash, error))
    return FALSE;

  if (n_entries != NULL)
    *n_entries = count;
  if (short_hash != NULL)
    *short_hash = g_strndup (hash, SHORT_HASH_LENGTH);
  return TRUE;
}
