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
 * it, keys it and records in a "rekey" entry whether it was whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "palpate-backup.h"
#include "palpate-store-private.h"

/* The first row chains to this. */
#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* How many hex digits of the head's hash are shown on reports. */
#define SHORT_HASH_LENGTH 12

/* How many visit ids a failed verification names before it says "and N more". */
#define MAX_NAMED_VISITS 20

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
static char *
compute_hash (const PalpateStoreAudit *audit,
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

static char *
dup_clinic_file (const char *uuid,
                 const char *suffix)
{
  g_autofree char *name = g_strconcat (uuid, suffix, NULL);

  return g_build_filename (g_get_user_config_dir (), "palpate", "clinics", name, NULL);
}

static gboolean
make_key_folder (GError **error)
{
  g_autofree char *folder = g_build_filename (g_get_user_config_dir (), "palpate", "clinics",
                                              NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The folder “%s” for the key of the clinic’s audit log cannot be "
                     "created: %s."), folder, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Writes a new random key, 0600, never over an existing one. */
static gboolean
create_key (const char  *path,
            guint8      *key,
            gsize        key_size,
            GError     **error)
{
  int fd;
  gboolean written;

  if (!make_key_folder (error))
    return FALSE;

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The key of the clinic’s audit log cannot be written to “%s”: %s."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  randombytes_buf (key, key_size);
  written = write (fd, key, key_size) == (ssize_t) key_size && fsync (fd) == 0;
  close (fd);

  if (!written)
    {
      g_unlink (path);
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The key of the clinic’s audit log cannot be written to “%s”."), path);
      return FALSE;
    }

  return TRUE;
}

/* Reads the head recorded outside the file, if there is one: "COUNT HASH". */
static void
read_recorded_head (PalpateStoreAudit *audit)
{
  g_autofree char *path = dup_clinic_file (audit->clinic_uuid, ".head");
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  guint64 count = 0;

  audit->recorded_count = 0;
  g_clear_pointer (&audit->recorded_hash, g_free);

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return;

  fields = g_strsplit (g_strstrip (contents), " ", 2);
  if (g_strv_length (fields) == 2 && strlen (fields[1]) == 64 &&
      g_ascii_string_to_unsigned (fields[0], 10, 1, G_MAXINT64, &count, NULL))
    {
      audit->recorded_count = (gint64) count;
      audit->recorded_hash = g_strdup (fields[1]);
    }
}

/* The hash of entry @id, or %NULL when there is none. */
static char *
dup_entry_hash (PalpateStore  *self,
                gint64         id,
                GError       **error)
{
  sqlite3_stmt *stmt;
  char *hash = NULL;
  int rc;

  stmt = palpate_store_prepare (self, "SELECT hash FROM audit_log WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    hash = g_strdup (palpate_store_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    palpate_store_set_sqlite_error (self, rc, error);

  return hash;
}

static gboolean
read_head (PalpateStore  *self,
           gint64        *count,
           char         **hash,
           GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = palpate_store_prepare (self, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;

  *count = 0;
  *hash = NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *count = sqlite3_column_int64 (stmt, 0);
      *hash = g_strdup (palpate_store_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  if (*hash == NULL)
    *hash = g_strdup (GENESIS_HASH);
  return TRUE;
}

/* Whether the chain still holds @count entries ending in @hash. */
static gboolean
chain_holds (PalpateStore  *self,
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

/* The record is one line of fixed width, written over the old one in place with one small
 * write: no rename (which the file system flushes, doubling the cost of every save) and no
 * flush. After a power cut it may lag behind the clinic file, which verification tolerates, or
 * be unreadable, which counts as no record. */
static void
write_recorded_head (PalpateStore *self,
                     gint64        count,
                     const char   *hash)
{
  PalpateStoreAudit *audit = palpate_store_get_audit (self);
  g_autofree char *path = dup_clinic_file (audit->clinic_uuid, ".head");
  g_autofree char *contents = g_strdup_printf ("%020" G_GINT64_FORMAT " %s\n", count, hash);
  gsize length = strlen (contents);
  g_autoptr(GError) error = NULL;
  gboolean written;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 && errno == ENOENT && make_key_folder (&error))
    fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      /* The change itself is saved; only the outside record lags. */
      g_warning ("The head of the audit log could not be recorded in %s: %s", path,
                 error != NULL ? error->message : g_strerror (errno));
      return;
    }

  written = pwrite (fd, contents, length, 0) == (ssize_t) length;
  close (fd);
  if (!written)
    {
      g_warning ("The head of the audit log could not be recorded in %s", path);
      return;
    }

  audit->recorded_count = count;
  g_free (audit->recorded_hash);
  audit->recorded_hash = g_strdup (hash);
}

void
palpate_store_audit_clear (PalpateStoreAudit *audit)
{
  g_clear_pointer (&audit->clinic_uuid, g_free);
  g_clear_pointer (&audit->recorded_hash, g_free);
  sodium_memzero (audit->key, sizeof audit->key);
  audit->has_key = FALSE;
  audit->recorded_count = 0;
}

/**
 * palpate_store_audit_open:
 *
 * Finds the clinic's identity and loads its audit key from the user's config folder, making
 * a key when the clinic has none on this computer yet (a chain written with another key will
 * then not verify: that is the point). Reads the head recorded outside the file.
 */
gboolean
palpate_store_audit_open (PalpateStore  *self,
                          GError       **error)
{
  PalpateStoreAudit *audit = palpate_store_get_audit (self);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gsize length = 0;
  int rc;

  if (audit->has_key)
    return TRUE;

  if (sodium_init () < 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The random numbers for the audit log’s key are not available."));
      return FALSE;
    }

  stmt = palpate_store_prepare (self, "SELECT uuid FROM clinic_identity LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    audit->clinic_uuid = g_strdup (palpate_store_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  if (audit->clinic_uuid == NULL || !g_uuid_string_is_valid (audit->clinic_uuid))
    {
      g_clear_pointer (&audit->clinic_uuid, g_free);
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The clinic file has lost its identity, so its audit log cannot be "
                     "checked. Restore it from a backup."));
      return FALSE;
    }

  path = dup_clinic_file (audit->clinic_uuid, ".key");
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                       _("The key of the clinic’s audit log cannot be read from “%s”: %s."),
                       path, local_error->message);
          return FALSE;
        }

      if (!create_key (path, audit->key, sizeof audit->key, error))
        return FALSE;
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

  audit->has_key = TRUE;
  read_recorded_head (audit);
  return TRUE;
}

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
  g_autofree char *old_prev = g_strdup (GENESIS_HASH);
  g_autofree char *new_prev = g_strdup (GENESIS_HASH);
  g_autofree char *detail = NULL;
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 first_broken = 0;
  gint64 expected_id = 1;
  sqlite3_stmt *stmt;
  int rc;

  stmt = palpate_store_prepare (self, "INSERT INTO clinic_identity (uuid) VALUES (?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (!palpate_store_step_done (self, stmt, error))
    return FALSE;

  palpate_store_audit_clear (audit);
  if (!palpate_store_audit_open (self, error))
    return FALSE;

  stmt = palpate_store_prepare (self,
                                "SELECT id, at, actor, action, entity, entity_id, detail, "
                                "prev_hash, hash FROM audit_log ORDER BY id",
                                error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 at = sqlite3_column_int64 (stmt, 1);
      const char *actor = palpate_store_column_text (stmt, 2) ?: "";
      const char *action = palpate_store_column_text (stmt, 3) ?: "";
      const char *entity = palpate_store_column_text (stmt, 4) ?: "";
      gint64 entity_id = sqlite3_column_int64 (stmt, 5);
      const char *detail_text = palpate_store_column_text (stmt, 6);
      g_autofree char *old_hash = compute_hash (NULL, id, at, actor, action, entity, entity_id,
                                                detail_text, old_prev);
      char *new_hash = compute_hash (audit, id, at, actor, action, entity, entity_id,
                                     detail_text, new_prev);

      if (first_broken == 0 &&
          (id != expected_id ||
           g_strcmp0 (palpate_store_column_text (stmt, 7), old_prev) != 0 ||
           g_strcmp0 (palpate_store_column_text (stmt, 8), old_hash) != 0))
        first_broken = expected_id;

      g_free (old_prev);
      old_prev = g_strdup (palpate_store_column_text (stmt, 8) ?: "");
      g_free (new_prev);
      new_prev = g_strdup (new_hash);
      g_array_append_val (ids, id);
      g_ptr_array_add (hashes, new_hash);
      expected_id++;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      stmt = palpate_store_prepare (self, "UPDATE audit_log SET prev_hash = ?, hash = ? "
                                          "WHERE id = ?",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, i == 0 ? GENESIS_HASH : hashes->pdata[i - 1], -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, hashes->pdata[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, g_array_index (ids, gint64, i));
      if (!palpate_store_step_done (self, stmt, error))
        return FALSE;
    }

  if (first_broken == 0)
    detail = g_strdup_printf ("%u entries keyed; the earlier log was whole", ids->len);
  else
    detail = g_strdup_printf ("%u entries keyed; the earlier log did not match from entry %"
                              G_GINT64_FORMAT, ids->len, first_broken);

  return palpate_store_audit_append (self, "rekey", "audit-log", first_broken, detail, error);
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
  g_autofree char *actor = palpate_store_dup_audit_actor (self);
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

  hash = compute_hash (palpate_store_get_audit (self), id, at, actor, action, entity, entity_id,
                       detail, prev_hash);

  stmt = palpate_store_prepare (self,
                                "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, "
                                "detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, at);
  sqlite3_bind_text (stmt, 3, actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, entity_id);
  palpate_store_bind_text (stmt, 7, detail);
  sqlite3_bind_text (stmt, 8, prev_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, hash, -1, SQLITE_TRANSIENT);

  if (!palpate_store_step_done (self, stmt, error))
    return FALSE;

  palpate_store_note_audit_appended (self);
  return TRUE;
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

  if (!audit->has_key || !read_head (self, &count, &hash, NULL))
    return;

  if (audit->recorded_count > 0 &&
      (!chain_holds (self, audit->recorded_count, audit->recorded_hash, &holds, NULL) || !holds))
    return;

  write_recorded_head (self, count, hash);
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
    write_recorded_head (self, count, hash);
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

  return write_stamp (copy, count, hash != NULL ? hash : GENESIS_HASH);
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

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Compares every signed visit with its seal: the one in its row and the one in the audit
 * entry of its signing, and finds seals in the log whose visit is gone or no longer signed. */
static gboolean
verify_seals (PalpateStore  *self,
              GHashTable    *logged_seals,
              GError       **error)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) row_seals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) named = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;
  sqlite3_stmt *stmt;
  int rc;

  stmt = palpate_store_prepare (self,
                                "SELECT id, seal FROM visits WHERE status = 'signed' ORDER BY id",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (row_seals, g_strdup (palpate_store_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *id = &g_array_index (ids, gint64, i);
      g_autofree char *seal = palpate_store_seal_compute (self, *id, error);

      if (seal == NULL)
        return FALSE;

      g_hash_table_add (seen, id);
      if (g_strcmp0 (seal, row_seals->pdata[i]) != 0 ||
          g_strcmp0 (seal, g_hash_table_lookup (logged_seals, id)) != 0)
        g_array_append_val (changed, *id);
    }

  g_hash_table_iter_init (&iter, logged_seals);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (seen, key))
      g_array_append_val (changed, *(gint64 *) key);

  if (changed->len == 0)
    return TRUE;

  g_array_sort (changed, compare_ids);
  for (guint i = 0; i < changed->len && i < MAX_NAMED_VISITS; i++)
    g_string_append_printf (named, "%s%" G_GINT64_FORMAT, i ? ", " : "",
                            g_array_index (changed, gint64, i));
  if (changed->len > MAX_NAMED_VISITS)
    g_string_append_printf (named, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                                changed->len - MAX_NAMED_VISITS),
                            changed->len - MAX_NAMED_VISITS);

  g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
               g_dngettext (GETTEXT_PACKAGE,
                            "A signed visit was changed, removed or replaced after it was "
                            "signed: visit %s.",
                            "Signed visits were changed, removed or replaced after they were "
                            "signed: visits %s.",
                            changed->len),
               named->str);
  return FALSE;
}

/**
 * palpate_store_verify_audit:
 * @n_rows: (out) (optional): how many rows were checked
 *
 * Walks the whole chain with the clinic's key, checks it still holds the head recorded outside
 * the file, and computes the seal of every signed visit again.
 *
 * Returns: %TRUE if no row was changed, removed or inserted since it was written and no signed
 *   visit changed; otherwise %FALSE with @error naming the first entry that does not match or
 *   the visits whose seal does not
 */
gboolean
palpate_store_verify_audit (PalpateStore  *self,
                            gint64        *n_rows,
                            GError       **error)
{
  PalpateStoreAudit *audit;
  g_autofree char *prev_hash = g_strdup (GENESIS_HASH);
  g_autoptr(GHashTable) logged_seals = NULL;
  sqlite3_stmt *stmt;
  gint64 expected_id = 1;
  gint64 count = 0;
  gint64 broken_before_key = 0;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  if (!palpate_store_audit_open (self, error))
    return FALSE;
  audit = palpate_store_get_audit (self);

  logged_seals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  stmt = palpate_store_prepare (self,
                                "SELECT id, at, actor, action, entity, entity_id, detail, "
                                "prev_hash, hash FROM audit_log ORDER BY id",
                                error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *action = palpate_store_column_text (stmt, 3) ?: "";
      const char *entity = palpate_store_column_text (stmt, 4) ?: "";
      gint64 entity_id = sqlite3_column_int64 (stmt, 5);
      const char *detail = palpate_store_column_text (stmt, 6);
      g_autofree char *hash = compute_hash (audit, id,
                                            sqlite3_column_int64 (stmt, 1),
                                            palpate_store_column_text (stmt, 2) ?: "",
                                            action, entity, entity_id, detail, prev_hash);

      if (id != expected_id ||
          g_strcmp0 (palpate_store_column_text (stmt, 7), prev_hash) != 0 ||
          g_strcmp0 (palpate_store_column_text (stmt, 8), hash) != 0)
        {
          sqlite3_reset (stmt);
          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                       _("The audit log was altered: entry %lu does not match the history "
                         "before it or this clinic’s key."), (gulong) expected_id);
          return FALSE;
        }

      if (g_str_equal (entity, "visit") &&
          (g_str_equal (action, "sign") || g_str_equal (action, "seal")))
        g_hash_table_insert (logged_seals, g_memdup2 (&entity_id, sizeof entity_id),
                             g_strdup (detail));
      else if (g_str_equal (action, "destroy") && g_str_equal (entity, "client") &&
               detail != NULL && g_str_has_prefix (detail, "visits"))
        {
          /* A record destroyed past its retention: its signed visits are gone, by right. */
          g_auto(GStrv) ids = g_strsplit (detail + strlen ("visits"), " ", -1);

          for (guint i = 0; ids[i] != NULL; i++)
            {
              gint64 visit_id = g_ascii_strtoll (ids[i], NULL, 10);

              if (visit_id > 0)
                g_hash_table_remove (logged_seals, &visit_id);
            }
        }
      else if (g_str_equal (action, "rekey") && entity_id > 0 && broken_before_key == 0)
        broken_before_key = entity_id;

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

  read_recorded_head (audit);
  if (audit->recorded_count > count)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The audit log was cut short: it had %lu entries when this computer last "
                     "wrote to it, and now has %lu."),
                   (gulong) audit->recorded_count, (gulong) count);
      return FALSE;
    }
  if (audit->recorded_count > 0)
    {
      gboolean holds = FALSE;

      if (!chain_holds (self, audit->recorded_count, audit->recorded_hash, &holds, error))
        return FALSE;
      if (!holds)
        {
          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                       _("The audit log was rewritten: entry %lu is not the one this computer "
                         "recorded."), (gulong) audit->recorded_count);
          return FALSE;
        }
    }

  /* A clinic always has the steps that made it in its log. */
  if (count == 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The audit log was emptied: a clinic file always has the entries that "
                     "made it."));
      return FALSE;
    }

  if (broken_before_key > 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The audit log was altered before it was keyed: entry %lu did not match "
                     "the history before it."), (gulong) broken_before_key);
      return FALSE;
    }

  if (!verify_seals (self, logged_seals, error))
    return FALSE;

  if (n_rows != NULL)
    *n_rows = count;

  return TRUE;
}
