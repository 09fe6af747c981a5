/* palpate-store-statements.c — the connection at work: prepared statements, nested
 * transactions, and the errors SQLite's result codes become
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "palpate-store-private.h"

/* A rule of the database refused the change: the triggers of signed visits and of the audit
 * log name them in their message, on SQLite and on PostgreSQL alike. */
void
palpate_store_set_constraint_error (const char  *message,
                                    GError     **error)
{
  if (message != NULL && strstr (message, "signed visit") != NULL)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_SIGNED,
                 _("This visit is signed, so it cannot be changed. Add an amendment "
                   "instead."));
  else if (message != NULL && strstr (message, "audit log") != NULL)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                 _("The audit log cannot be changed."));
  else
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                 _("A value is outside what the record allows (%s)."), message);
}

void
palpate_store_set_error_from_rc (sqlite3     *db,
                                 int          rc,
                                 const char  *path,
                                 GError     **error)
{
  int primary = rc & 0xff;
  const char *message = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (primary)
    {
    case SQLITE_FULL:
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL,
                   _("The disk is full, so the change could not be saved. Free some space and "
                     "try again; nothing already saved was lost."));
      break;

    case SQLITE_IOERR:
      /* A file size limit shows as a failed write: for the user it is the same as a full disk.
       * A full disk may also show first where the journal's shared memory grows. */
      if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC || rc == SQLITE_IOERR_TRUNCATE ||
          (db != NULL && (sqlite3_system_errno (db) == ENOSPC ||
                          sqlite3_system_errno (db) == EDQUOT ||
                          sqlite3_system_errno (db) == EFBIG)))
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL,
                     _("The change could not be written to the disk, which may be full. Free "
                       "some space and try again; nothing already saved was lost."));
      else
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                     _("The clinic file could not be read or written (%s)."), sqlite3_errstr (rc));
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_LOCKED,
                   _("The clinic file is in use by another program. Close it there and try "
                     "again."));
      break;

    case SQLITE_READONLY:
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_READ_ONLY,
                   _("The clinic file “%s” is read-only, so changes cannot be saved. Check the "
                     "file’s permissions."), path);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The clinic file “%s” is damaged and cannot be used safely."), path);
      break;

    case SQLITE_NOTADB:
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_PALPATE,
                   _("“%s” is not a Palpate clinic file."), path);
      break;

    case SQLITE_CONSTRAINT:
      palpate_store_set_constraint_error (message, error);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The clinic file “%s” cannot be opened (%s)."), path, sqlite3_errstr (rc));
      break;

    default:
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The clinic file could not be read or written (%s)."), sqlite3_errstr (rc));
    }
}

void
palpate_store_set_sqlite_error (PalpateStore  *self,
                                int            rc,
                                GError       **error)
{
  palpate_store_set_error_from_rc (self->db, rc, self->path, error);
}

/* Prepared statements are kept for the life of the connection, keyed by their SQL. */
sqlite3_stmt *
palpate_store_prepare (PalpateStore  *self,
                       const char    *sql,
                       GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (self->db == NULL)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The clinic file is closed."));
      return NULL;
    }

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
palpate_store_step_done (PalpateStore  *self,
                         sqlite3_stmt  *stmt,
                         GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
check_open (PalpateStore  *self,
            GError       **error)
{
  if (self->conn == NULL)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The clinic file is closed."));
      return FALSE;
    }

  return TRUE;
}

/* Statements through PalpateDb (palpate-db.h), cached by the connection like the others. */
PalpateDbStatement *
palpate_store_db_prepare (PalpateStore  *self,
                          const char    *sql,
                          GError       **error)
{
  if (!check_open (self, error))
    return NULL;

  return palpate_db_prepare (self->conn, sql, error);
}

/* Runs a statement whose rows, if any, are not wanted, and resets it. */
gboolean
palpate_store_db_step_done (PalpateDbStatement  *stmt,
                            GError             **error)
{
  gboolean done = palpate_db_step (stmt, error) != PALPATE_DB_ERROR;

  palpate_db_reset (stmt);
  return done;
}

gboolean
palpate_store_exec (PalpateStore  *self,
                    const char    *sql,
                    GError       **error)
{
  return check_open (self, error) && palpate_db_exec (self->conn, sql, error);
}

static char *
savepoint_name (guint depth)
{
  return g_strdup_printf ("palpate_%u", depth);
}

/* Transactions nest: the outermost is palpate_db_begin() … COMMIT (on SQLite BEGIN IMMEDIATE),
 * the ones inside it are SAVEPOINTs, so that a store function writing several rows can call
 * others that write one, and all of it is kept or none. */
gboolean
palpate_store_begin (PalpateStore  *self,
                     GError       **error)
{
  if (!check_open (self, error))
    return FALSE;

  if (self->transaction_depth == 0)
    {
      if (!palpate_db_begin (self->conn, error))
        return FALSE;
      self->audit_appended = FALSE;
      palpate_store_get_audit (self)->appended_id = 0;
      palpate_store_audit_drop_pending (self, 0);
    }
  else
    {
      g_autofree char *savepoint = savepoint_name (self->transaction_depth);

      if (!palpate_db_savepoint (self->conn, savepoint, error))
        return FALSE;
    }

  self->transaction_depth++;
  return TRUE;
}

gboolean
palpate_store_commit (PalpateStore  *self,
                      GError       **error)
{
  g_assert (self->transaction_depth > 0);

  if (!check_open (self, error))
    return FALSE;

  if (self->transaction_depth > 1)
    {
      g_autofree char *release = savepoint_name (self->transaction_depth - 1);

      if (!palpate_db_release (self->conn, release, error))
        return FALSE;
      self->transaction_depth--;
      palpate_store_audit_keep_pending (self, self->transaction_depth);
      return TRUE;
    }

  /* On a server the audit entries go with the COMMIT. */
  if (!palpate_store_audit_write_pending (self, error) ||
      !palpate_db_commit (self->conn, error))
    return FALSE;

  self->transaction_depth = 0;

  /* Only now is the new head of the audit chain on disk: record it outside the file. */
  if (self->audit_appended)
    palpate_store_audit_committed (self);
  self->audit_appended = FALSE;

  return TRUE;
}

void
palpate_store_rollback (PalpateStore *self)
{
  if (self->transaction_depth == 0)
    return;

  self->transaction_depth--;
  palpate_store_audit_drop_pending (self, self->transaction_depth);

  /* After an I/O error SQLite may already have rolled back the whole transaction (and a
   * server its lost session's): then there is nothing left to undo at any depth. */
  if (self->conn == NULL || !palpate_db_in_transaction (self->conn))
    return;

  if (self->transaction_depth == 0)
    palpate_db_rollback (self->conn);
  else
    {
      g_autofree char *savepoint = savepoint_name (self->transaction_depth);

      if (palpate_db_rollback_to (self->conn, savepoint, NULL))
        palpate_db_release (self->conn, savepoint, NULL);
      /* The entry last appended may be undone: the head is read again after the commit. */
      palpate_store_get_audit (self)->appended_id = 0;
    }
}

void
palpate_store_note_audit_appended (PalpateStore *self)
{
  self->audit_appended = TRUE;
}

/**
 * palpate_store_transaction_begin:
 * @transaction: a guard declared with g_auto(PalpateStoreTransaction)
 *
 * Opens a transaction (or a SAVEPOINT inside one) that is rolled back when @transaction goes
 * out of scope without palpate_store_transaction_commit().
 */
gboolean
palpate_store_transaction_begin (PalpateStoreTransaction  *transaction,
                                 PalpateStore             *self,
                                 GError                  **error)
{
  g_assert (transaction->store == NULL);

  if (!palpate_store_begin (self, error))
    return FALSE;

  transaction->store = self;
  return TRUE;
}

gboolean
palpate_store_transaction_commit (PalpateStoreTransaction  *transaction,
                                  GError                  **error)
{
  g_assert (transaction->store != NULL);

  if (!palpate_store_commit (transaction->store, error))
    return FALSE;

  transaction->store = NULL;
  return TRUE;
}

void
palpate_store_transaction_clear (PalpateStoreTransaction *transaction)
{
  if (transaction->store == NULL)
    return;

  palpate_store_rollback (transaction->store);
  transaction->store = NULL;
}

/* Appends the change to the audit log and commits the transaction it belongs to. */
gboolean
palpate_store_transaction_finish (PalpateStoreTransaction  *transaction,
                                  const char               *action,
                                  const char               *entity,
                                  gint64                    entity_id,
                                  GError                  **error)
{
  return palpate_store_audit_append (transaction->store, action, entity, entity_id, NULL,
                                     error) &&
         palpate_store_transaction_commit (transaction, error);
}
