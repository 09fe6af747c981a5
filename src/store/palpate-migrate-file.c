/* palpate-migrate-file.c — a clinic server copied into a new clinic file: how a clinic leaves
 * its server, and how a server clinic is backed up
 *
 * The file is made by the store (its schema, at this version), emptied with its rules set
 * aside, filled from one consistent snapshot of the server, given its rules and search index
 * back, compared with the server row by row, checked (audit chain and seals) and only then
 * renamed into place: a failure at any point leaves no file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include "palpate-migrate.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "palpate-migrate-private.h"
#include "palpate-server-schema.h"
#include "palpate-store-error.h"
#include "palpate-store-files.h"
#include "palpate-store-private.h"

static gboolean
file_exec (sqlite3     *db,
           const char  *sql,
           GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      palpate_store_set_error_from_rc (db, rc, "", error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
bind_server_value (sqlite3_stmt        *stmt,
                   int                  index,
                   const PGresult      *result,
                   int                  column,
                   PalpateMigrateType   type)
{
  const char *value;
  guint8 *bytes;
  gsize length;

  if (PQgetisnull (result, 0, column))
    return sqlite3_bind_null (stmt, index) == SQLITE_OK;
  value = PQgetvalue (result, 0, column);
  switch (type)
    {
    case PALPATE_MIGRATE_INTEGER:
      return sqlite3_bind_int64 (stmt, index, g_ascii_strtoll (value, NULL, 10)) == SQLITE_OK;
    case PALPATE_MIGRATE_REAL:
      return sqlite3_bind_double (stmt, index, g_ascii_strtod (value, NULL)) == SQLITE_OK;
    case PALPATE_MIGRATE_BLOB:
      bytes = palpate_migrate_decode_bytea (value, &length);
      return sqlite3_bind_blob64 (stmt, index, bytes, length, g_free) == SQLITE_OK;
    case PALPATE_MIGRATE_TEXT:
    default:
      return sqlite3_bind_text64 (stmt, index, value, PQgetlength (result, 0, column),
                                  SQLITE_TRANSIENT, SQLITE_UTF8) == SQLITE_OK;
    }
}

static gboolean
copy_table_to_file (PGconn               *conn,
                    sqlite3              *db,
                    PalpateMigrateTable  *table,
                    GError              **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s %s", table->column_list,
                                             table->name, table->server_order);
  g_autoptr(GString) insert = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  PGresult *result;
  gboolean ok = TRUE;

  g_string_printf (insert, "INSERT INTO %s (%s) VALUES (", table->name, table->column_list);
  for (guint i = 0; i < table->columns->len; i++)
    g_string_append (insert, i ? ", ?" : "?");
  g_string_append_c (insert, ')');

  if (sqlite3_prepare_v2 (db, insert->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      palpate_store_set_error_from_rc (db, sqlite3_errcode (db), "", error);
      return FALSE;
    }
  if (!PQsendQuery (conn, select) || !PQsetSingleRowMode (conn))
    {
      sqlite3_finalize (stmt);
      palpate_migrate_set_server_error (conn, NULL, NULL, error);
      return FALSE;
    }

  while ((result = PQgetResult (conn)) != NULL)
    {
      ExecStatusType status = PQresultStatus (result);

      if (status == PGRES_SINGLE_TUPLE && ok)
        {
          int rc;

          for (guint i = 0; ok && i < table->columns->len; i++)
            ok = bind_server_value (stmt, (int) i + 1, result, (int) i,
                                    g_array_index (table->types, PalpateMigrateType, i));
          rc = ok ? sqlite3_step (stmt) : sqlite3_errcode (db);
          if (rc != SQLITE_DONE)
            {
              palpate_store_set_error_from_rc (db, rc, "", error);
              ok = FALSE;
            }
          sqlite3_reset (stmt);
          sqlite3_clear_bindings (stmt);
        }
      else if (status != PGRES_SINGLE_TUPLE && status != PGRES_TUPLES_OK && ok)
        {
          palpate_migrate_set_server_error (conn, result, table->name, error);
          ok = FALSE;
        }
      PQclear (result);
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* The new file's rules, set aside while it is filled: their SQL, to make them again. */
static GPtrArray *
take_rules_away (sqlite3  *db,
                 GError  **error)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                              "ORDER BY rowid", -1, &stmt, NULL) != SQLITE_OK)
    {
      palpate_store_set_error_from_rc (db, sqlite3_errcode (db), "", error);
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (rules, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER \"%s\"", (char *) names->pdata[i]);

      if (!file_exec (db, drop, error))
        return NULL;
    }
  return g_steal_pointer (&rules);
}

static gboolean
fill_file (PGconn     *conn,
           sqlite3    *db,
           GPtrArray **tables_out,
           GError    **error)
{
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) rules = NULL;

  tables = palpate_migrate_tables (db, conn, error);
  if (tables == NULL || !file_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  rules = take_rules_away (db, error);
  if (rules == NULL)
    return FALSE;

  /* Emptied of what the store put in a new clinic (its own identity, the built-in
   * techniques, the first audit entries), children first. */
  for (guint i = tables->len; i > 0; i--)
    {
      PalpateMigrateTable *table = tables->pdata[i - 1];
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s", table->name);

      if (!file_exec (db, sql, error))
        return FALSE;
    }
  if (!file_exec (db, "DELETE FROM clients_search", error))
    return FALSE;

  for (guint i = 0; i < tables->len; i++)
    if (!copy_table_to_file (conn, db, tables->pdata[i], error))
      return FALSE;

  if (!file_exec (db, "INSERT INTO clients_search (rowid, search_text) "
                      "SELECT id, search_text FROM clients", error))
    return FALSE;
  for (guint i = 0; i < rules->len; i++)
    if (!file_exec (db, rules->pdata[i], error))
      return FALSE;

  if (!file_exec (db, "COMMIT", error))
    return FALSE;

  *tables_out = g_steal_pointer (&tables);
  return TRUE;
}

/* The identity the store gave the new file before it was filled. */
static char *
dup_identity (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *uuid = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT uuid FROM clinic_identity", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return uuid;
}

/* Copies, compares and checks the clinic into @temporary, a new clinic file. */
static gboolean
copy_into (PGconn                 *conn,
           const char             *temporary,
           PalpateMigrateSummary  *summary,
           GError                **error)
{
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  g_autofree char *made_identity = NULL;
  g_autofree char *identity = NULL;
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  store = palpate_store_open_full (temporary, PALPATE_STORE_OPEN_CREATE, error);
  if (store == NULL)
    return FALSE;
  palpate_store_close (store);
  g_clear_object (&store);

  rc = sqlite3_open_v2 (temporary, &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      palpate_store_set_error_from_rc (db, rc, temporary, error);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  made_identity = dup_identity (db);
  ok = fill_file (conn, db, &tables, error) &&
       palpate_migrate_compare (db, conn, tables, summary, error);
  identity = dup_identity (db);
  sqlite3_close_v2 (db);

  /* The key the store made for the file's first identity is no longer anyone's. */
  if (made_identity != NULL && g_strcmp0 (made_identity, identity) != 0)
    {
      g_autofree char *key = palpate_store_audit_dup_clinic_file (made_identity, ".key");
      g_autofree char *head = palpate_store_audit_dup_clinic_file (made_identity, ".head");

      g_unlink (key);
      g_unlink (head);
    }
  if (!ok)
    return FALSE;

  /* The copy is the same clinic: its chain and seals hold as they held on the server. */
  store = palpate_store_open_full (temporary, PALPATE_STORE_OPEN_DEFAULT, error);
  if (store == NULL ||
      !palpate_store_verify_audit (store, &summary->n_audit_entries, error) ||
      !palpate_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    return FALSE;
  palpate_store_close (store);
  return TRUE;
}

/**
 * palpate_migrate_server_to_file:
 * @conninfo: a clinic server's database (a libpq connection URI)
 * @file: the clinic file to make; it must not exist yet
 *
 * Copies the clinic on the server, as one consistent snapshot, into a new clinic file; it
 * appears only once it is whole, compared with the server and checked.
 */
gboolean
palpate_migrate_server_to_file (const char             *conninfo,
                                const char             *file,
                                PalpateMigrateSummary  *summary,
                                GError                **error)
{
  g_autofree char *canonical = g_canonicalize_filename (file, NULL);
  g_autofree char *display = palpate_store_files_display (canonical);
  g_autofree char *temporary = palpate_store_files_temporary (canonical, "part");
  g_autofree char *temporary_lock = g_strconcat (temporary, ".lock", NULL);
  PalpateMigrateSummary local = { 0 };
  g_autoptr(GError) local_error = NULL;
  gint64 version;
  PGconn *conn;
  gboolean ok;

  if (g_file_test (canonical, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                   _("“%s” already exists; the clinic is copied into a new file."), display);
      return FALSE;
    }

  conn = palpate_migrate_connect (conninfo, error);
  if (conn == NULL)
    return FALSE;

  ok = palpate_migrate_server_exec (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                                    &local_error);
  if (ok)
    {
      version = palpate_server_schema_version (conn, &local_error);
      if (local_error == NULL && version != PALPATE_STORE_SCHEMA_VERSION)
        {
          g_set_error (&local_error, PALPATE_STORE_ERROR,
                       version > PALPATE_STORE_SCHEMA_VERSION ? PALPATE_STORE_ERROR_TOO_NEW
                                                              : PALPATE_STORE_ERROR_NOT_PALPATE,
                       version > PALPATE_STORE_SCHEMA_VERSION
                         ? _("A newer version of Palpate keeps the clinic on this server; "
                             "update Palpate to copy it.")
                         : _("This database on the clinic server holds no Palpate clinic."));
        }
      ok = local_error == NULL;
    }

  palpate_store_files_remove (temporary);
  ok = ok && copy_into (conn, temporary, &local, &local_error);
  if (conn != NULL)
    palpate_migrate_server_exec (conn, "ROLLBACK", NULL);
  PQfinish (conn);

  ok = ok &&
       palpate_store_files_fsync (temporary, FALSE, &local_error) &&
       palpate_store_files_rename_new (temporary, canonical, &local_error);
  palpate_store_files_remove (temporary);
  g_unlink (temporary_lock);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (summary != NULL)
    *summary = local;
  return TRUE;
}
