/* palpate-migrate.c — a clinic file copied into an empty clinic server in one transaction, and
 * what both directions of a move share: the server session, the tables, the comparison
 *
 * A move copies every row of every table as it is (ids, seals, the audit chain), so that the
 * copy is the same clinic. It is checked before it is committed: the rows of each table on
 * both sides are compared value by value, in key order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include "palpate-migrate.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-migrate-private.h"
#include "palpate-server-schema.h"
#include "palpate-store-error.h"
#include "palpate-store-private.h"

/* COPY sends its rows in pieces of about this size. */
#define COPY_CHUNK (256 * 1024)

gboolean
palpate_migrate_is_server_location (const char *location)
{
  return location != NULL &&
         (g_str_has_prefix (location, "postgresql://") ||
          g_str_has_prefix (location, "postgres://"));
}

void
palpate_migrate_table_free (PalpateMigrateTable *table)
{
  if (table == NULL)
    return;
  g_free (table->name);
  g_ptr_array_unref (table->columns);
  g_array_unref (table->types);
  g_free (table->column_list);
  g_free (table->sqlite_order);
  g_free (table->server_order);
  g_free (table);
}

/* The first line of libpq's message: the server's own words, without the context lines
 * (which may quote a row's values). */
static char *
first_line (const char *message)
{
  const char *end;

  if (message == NULL || *message == '\0')
    return g_strdup (_("no reason given"));
  end = strchr (message, '\n');
  return end ? g_strndup (message, end - message) : g_strdup (message);
}

/**
 * palpate_migrate_connect:
 *
 * Opens a session on the server, in UTF-8. Unless the location says otherwise the server's
 * certificate must be valid and match its name (sslmode=verify-full); sessions over a Unix
 * socket use no TLS.
 */
PGconn *
palpate_migrate_connect (const char  *conninfo,
                         GError     **error)
{
  const char *keywords[] = { "sslmode", "dbname", "client_encoding", NULL };
  const char *values[] = { "verify-full", conninfo, "UTF8", NULL };
  g_autofree char *reason = NULL;
  PGconn *conn;

  conn = PQconnectdbParams (keywords, values, TRUE);
  if (conn != NULL && PQstatus (conn) == CONNECTION_OK)
    return conn;

  reason = first_line (conn ? PQerrorMessage (conn) : NULL);
  if (strstr (reason, "does not match host name") != NULL)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                 _("The clinic server’s certificate does not match its name, so Palpate did "
                   "not connect. Check the server’s name, or ask whoever runs the server for "
                   "its certificate (%s)."), reason);
  else
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                 _("The clinic server cannot be reached: %s"), reason);
  PQfinish (conn);
  return NULL;
}

/* The server's refusal in a sentence. A refused value is not quoted: the server's own words
 * would show it, and it may be a client's. */
void
palpate_migrate_set_server_error (PGconn          *conn,
                                  const PGresult  *result,
                                  const char      *table,
                                  GError         **error)
{
  const char *primary = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *table_field = result ? PQresultErrorField (result, PG_DIAG_TABLE_NAME) : NULL;
  g_autofree char *reason = NULL;

  if (state != NULL && (g_str_has_prefix (state, "22") || g_str_has_prefix (state, "23")))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                   _("The clinic server refused the copy: a value in “%s” breaks one of the "
                     "clinic’s rules or is not of its column’s kind (code %s). Nothing was "
                     "copied."), table_field ? table_field : table ? table : "?", state);
      return;
    }
  reason = first_line (primary ? primary : PQerrorMessage (conn));
  g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
               _("The clinic server refused the copy: %s"), reason);
}

gboolean
palpate_migrate_server_exec (PGconn      *conn,
                             const char  *sql,
                             GError     **error)
{
  PGresult *result = PQexec (conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK ||
                PQresultStatus (result) == PGRES_TUPLES_OK;

  if (!ok)
    palpate_migrate_set_server_error (conn, result, NULL, error);
  PQclear (result);
  return ok;
}

static PalpateMigrateType
type_of_server_column (const char *data_type)
{
  if (g_str_equal (data_type, "bigint") || g_str_equal (data_type, "integer") ||
      g_str_equal (data_type, "smallint"))
    return PALPATE_MIGRATE_INTEGER;
  if (g_str_equal (data_type, "double precision") || g_str_equal (data_type, "real"))
    return PALPATE_MIGRATE_REAL;
  if (g_str_equal (data_type, "bytea"))
    return PALPATE_MIGRATE_BLOB;
  return PALPATE_MIGRATE_TEXT;
}

/* Every name of the clinic's schema is lower-case letters and underscores: any other name (a
 * table added to the file by hand) is not the clinic's, and is never put into SQL. */
static gboolean
is_plain_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *c = name; *c != '\0'; c++)
    if (!g_ascii_islower (*c) && *c != '_')
      return FALSE;
  return TRUE;
}

static gboolean
schema_differs (const char  *table,
                GError     **error)
{
  g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_TOO_NEW,
               _("The clinic server’s table “%s” is not the one this version of Palpate "
                 "knows, so nothing was copied."), table);
  return FALSE;
}

/* One table's columns on the clinic file, checked against the server's; and its key. */
static PalpateMigrateTable *
describe_table (sqlite3     *db,
                PGconn      *conn,
                const char  *name,
                GError     **error)
{
  g_autoptr(PalpateMigrateTable) table = g_new0 (PalpateMigrateTable, 1);
  g_autoptr(GString) sqlite_order = g_string_new (NULL);
  g_autoptr(GString) server_order = g_string_new (NULL);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autofree char *sql = g_strdup_printf ("SELECT name, pk FROM pragma_table_info('%s') "
                                          "ORDER BY cid", name);
  const char *params[] = { name };
  sqlite3_stmt *stmt = NULL;
  PGresult *result;
  int n_server;

  table->name = g_strdup (name);
  table->columns = g_ptr_array_new_with_free_func (g_free);
  table->types = g_array_new (FALSE, FALSE, sizeof (PalpateMigrateType));

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      palpate_store_set_error_from_rc (db, sqlite3_errcode (db), "", error);
      return NULL;
    }
  g_ptr_array_set_size (keys, 8);   /* keys->pdata[pk]: the key's columns by position */
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int pk = sqlite3_column_int (stmt, 1);

      if (!is_plain_name ((const char *) sqlite3_column_text (stmt, 0)))
        {
          sqlite3_finalize (stmt);
          schema_differs (name, error);
          return NULL;
        }

      g_ptr_array_add (table->columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      if (pk > 0 && pk < 8)
        keys->pdata[pk] = table->columns->pdata[table->columns->len - 1];
    }
  sqlite3_finalize (stmt);

  result = PQexecParams (conn,
                         "SELECT column_name, data_type FROM information_schema.columns "
                         "WHERE table_schema = current_schema() AND table_name = $1 "
                         "ORDER BY ordinal_position",
                         1, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      palpate_migrate_set_server_error (conn, result, NULL, error);
      PQclear (result);
      return NULL;
    }
  n_server = PQntuples (result);
  if (n_server == 0 || (guint) n_server != table->columns->len)
    {
      PQclear (result);
      schema_differs (name, error);
      return NULL;
    }
  for (int i = 0; i < n_server; i++)
    {
      PalpateMigrateType type = type_of_server_column (PQgetvalue (result, i, 1));

      if (!g_str_equal (PQgetvalue (result, i, 0), table->columns->pdata[i]))
        {
          PQclear (result);
          schema_differs (name, error);
          return NULL;
        }
      g_array_append_val (table->types, type);
    }
  PQclear (result);

  /* Key order on both sides; text in byte order on the server too (SQLite's BINARY). A
   * table without a key (the clinic's identity, one row) is ordered by all its columns. */
  for (guint i = 1; i < 8; i++)
    if (keys->pdata[i] != NULL)
      g_ptr_array_add (keys, keys->pdata[i]);
  g_ptr_array_remove_range (keys, 0, 8);
  if (keys->len == 0)
    g_ptr_array_extend (keys, table->columns, NULL, NULL);
  for (guint i = 0; i < keys->len; i++)
    {
      guint column;
      gboolean is_text;

      g_ptr_array_find_with_equal_func (table->columns, keys->pdata[i], g_str_equal, &column);
      is_text = g_array_index (table->types, PalpateMigrateType, column) == PALPATE_MIGRATE_TEXT;
      g_string_append_printf (sqlite_order, "%s%s", i ? ", " : "ORDER BY ",
                              (char *) keys->pdata[i]);
      g_string_append_printf (server_order, "%s%s%s", i ? ", " : "ORDER BY ",
                              (char *) keys->pdata[i], is_text ? " COLLATE \"C\"" : "");
    }
  table->sqlite_order = g_string_free (g_steal_pointer (&sqlite_order), FALSE);
  table->server_order = g_string_free (g_steal_pointer (&server_order), FALSE);
  {
    g_autoptr(GString) list = g_string_new (NULL);

    for (guint i = 0; i < table->columns->len; i++)
      g_string_append_printf (list, "%s%s", i ? ", " : "", (char *) table->columns->pdata[i]);
    table->column_list = g_string_free (g_steal_pointer (&list), FALSE);
  }

  return g_steal_pointer (&table);
}

/**
 * palpate_migrate_tables:
 *
 * The clinic's tables in the order they were made (each after those it refers to), without
 * the file's own search index, each checked against the server's schema.
 */
GPtrArray *
palpate_migrate_tables (sqlite3  *db,
                        PGconn   *conn,
                        GError  **error)
{
  g_autoptr(GPtrArray) tables =
    g_ptr_array_new_with_free_func ((GDestroyNotify) palpate_migrate_table_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  PGresult *result;

  if (sqlite3_prepare_v2 (db,
                          "SELECT name FROM sqlite_master WHERE type = 'table' "
                          "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                          "AND name NOT LIKE 'clients\\_search%' ESCAPE '\\' ORDER BY rowid",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      palpate_store_set_error_from_rc (db, sqlite3_errcode (db), "", error);
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < names->len; i++)
    {
      PalpateMigrateTable *table;

      if (!is_plain_name (names->pdata[i]))
        {
          schema_differs (names->pdata[i], error);
          return NULL;
        }
      table = describe_table (db, conn, names->pdata[i], error);

      if (table == NULL)
        return NULL;
      g_ptr_array_add (tables, table);
    }

  /* The server holds nothing else of the clinic's. */
  result = PQexec (conn, "SELECT table_name FROM information_schema.tables "
                         "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
                         "AND table_name <> 'schema_version'");
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      palpate_migrate_set_server_error (conn, result, NULL, error);
      PQclear (result);
      return NULL;
    }
  for (int i = 0; i < PQntuples (result); i++)
    if (!g_ptr_array_find_with_equal_func (names, PQgetvalue (result, i, 0), g_str_equal, NULL))
      {
        g_autofree char *name = g_strdup (PQgetvalue (result, i, 0));

        PQclear (result);
        schema_differs (name, error);
        return NULL;
      }
  PQclear (result);

  return g_steal_pointer (&tables);
}

guint8 *
palpate_migrate_decode_bytea (const char *text,
                              gsize      *length)
{
  gsize n;
  guint8 *bytes;

  if (!g_str_has_prefix (text, "\\x"))
    {
      *length = strlen (text);
      return (guint8 *) g_strdup (text);
    }
  text += 2;
  n = strlen (text) / 2;
  bytes = g_malloc (n + 1);
  for (gsize i = 0; i < n; i++)
    bytes[i] = (guint8) (g_ascii_xdigit_value (text[2 * i]) << 4 |
                         g_ascii_xdigit_value (text[2 * i + 1]));
  *length = n;
  return bytes;
}

static void
append_hex (GString      *out,
            const guint8 *bytes,
            gsize         length)
{
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (out, "%02x", bytes[i]);
}

/* One value of the clinic file as the comparison sees it, or NULL for NULL. */
static char *
canonical_of_file (sqlite3_stmt       *stmt,
                   int                 column,
                   PalpateMigrateType  type)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  GString *out;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  switch (type)
    {
    case PALPATE_MIGRATE_REAL:
      return g_strdup (g_ascii_formatd (number, sizeof number, "%.17g",
                                        sqlite3_column_double (stmt, column)));
    case PALPATE_MIGRATE_BLOB:
      out = g_string_new (NULL);
      append_hex (out, sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column));
      return g_string_free (out, FALSE);
    case PALPATE_MIGRATE_INTEGER:
    case PALPATE_MIGRATE_TEXT:
    default:
      return g_strndup ((const char *) sqlite3_column_text (stmt, column),
                        sqlite3_column_bytes (stmt, column));
    }
}

static char *
canonical_of_server (const PGresult     *result,
                     int                 column,
                     PalpateMigrateType  type)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  const char *value;

  if (PQgetisnull (result, 0, column))
    return NULL;
  value = PQgetvalue (result, 0, column);
  switch (type)
    {
    case PALPATE_MIGRATE_REAL:
      return g_strdup (g_ascii_formatd (number, sizeof number, "%.17g",
                                        g_ascii_strtod (value, NULL)));
    case PALPATE_MIGRATE_BLOB:
      return g_ascii_strdown (g_str_has_prefix (value, "\\x") ? value + 2 : value, -1);
    case PALPATE_MIGRATE_INTEGER:
    case PALPATE_MIGRATE_TEXT:
    default:
      return g_strndup (value, PQgetlength (result, 0, column));
    }
}

static gboolean
differs (const char  *table,
         gint64       row,
         GError     **error)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, row);

  g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
               _("The copy of the clinic differs from it in “%s” (row %s), so it was not "
                 "kept."), table, number);
  return FALSE;
}

/* The rows of one table, side by side in key order. */
static gboolean
compare_table (sqlite3              *db,
               PGconn               *conn,
               PalpateMigrateTable  *table,
               gint64               *n_rows,
               GError              **error)
{
  g_autofree char *sqlite_sql = g_strdup_printf ("SELECT %s FROM %s %s", table->column_list,
                                                 table->name, table->sqlite_order);
  g_autofree char *server_sql = g_strdup_printf ("SELECT %s FROM %s %s", table->column_list,
                                                 table->name, table->server_order);
  sqlite3_stmt *stmt = NULL;
  PGresult *result;
  gboolean same = TRUE;
  gboolean file_done = FALSE;
  gint64 row = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, sqlite_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      palpate_store_set_error_from_rc (db, sqlite3_errcode (db), "", error);
      return FALSE;
    }
  if (!PQsendQuery (conn, server_sql) || !PQsetSingleRowMode (conn))
    {
      sqlite3_finalize (stmt);
      palpate_migrate_set_server_error (conn, NULL, NULL, error);
      return FALSE;
    }

  while ((result = PQgetResult (conn)) != NULL)
    {
      ExecStatusType status = PQresultStatus (result);

      if (status == PGRES_SINGLE_TUPLE && same)
        {
          rc = file_done ? SQLITE_DONE : sqlite3_step (stmt);
          row++;
          if (rc != SQLITE_ROW)
            {
              file_done = TRUE;
              same = differs (table->name, row, error);
            }
          for (guint i = 0; same && i < table->columns->len; i++)
            {
              PalpateMigrateType type = g_array_index (table->types, PalpateMigrateType, i);
              g_autofree char *a = canonical_of_file (stmt, (int) i, type);
              g_autofree char *b = canonical_of_server (result, (int) i, type);

              if (g_strcmp0 (a, b) != 0)
                same = differs (table->name, row, error);
            }
        }
      else if (status == PGRES_TUPLES_OK && same)
        {
          /* The server's rows are done: so must the file's be. */
          if (!file_done && sqlite3_step (stmt) != SQLITE_DONE)
            same = differs (table->name, row + 1, error);
        }
      else if (status != PGRES_SINGLE_TUPLE && status != PGRES_TUPLES_OK && same)
        {
          palpate_migrate_set_server_error (conn, result, NULL, error);
          same = FALSE;
        }
      PQclear (result);
    }
  sqlite3_finalize (stmt);

  *n_rows += row;
  return same;
}

/**
 * palpate_migrate_compare:
 *
 * Compares every table of the clinic file with the server's, row by row and value by value,
 * and counts the rows.
 */
gboolean
palpate_migrate_compare (sqlite3               *db,
                         PGconn                *conn,
                         GPtrArray             *tables,
                         PalpateMigrateSummary *summary,
                         GError               **error)
{
  summary->n_tables = tables->len;
  summary->n_rows = 0;
  for (guint i = 0; i < tables->len; i++)
    if (!compare_table (db, conn, tables->pdata[i], &summary->n_rows, error))
      return FALSE;
  return TRUE;
}

/* One value in COPY's text format. */
static void
append_copy_value (GString            *out,
                   sqlite3_stmt       *stmt,
                   int                 column,
                   PalpateMigrateType  type)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  const char *text;
  int length;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      g_string_append (out, "\\N");
      return;
    }
  switch (type)
    {
    case PALPATE_MIGRATE_REAL:
      g_string_append (out, g_ascii_formatd (number, sizeof number, "%.17g",
                                             sqlite3_column_double (stmt, column)));
      return;
    case PALPATE_MIGRATE_BLOB:
      g_string_append (out, "\\\\x");
      append_hex (out, sqlite3_column_blob (stmt, column), sqlite3_column_bytes (stmt, column));
      return;
    case PALPATE_MIGRATE_INTEGER:
    case PALPATE_MIGRATE_TEXT:
    default:
      text = (const char *) sqlite3_column_text (stmt, column);
      length = sqlite3_column_bytes (stmt, column);
      for (int i = 0; i < length; i++)
        switch (text[i])
          {
          case '\\': g_string_append (out, "\\\\"); break;
          case '\n': g_string_append (out, "\\n"); break;
          case '\r': g_string_append (out, "\\r"); break;
          case '\t': g_string_append (out, "\\t"); break;
          default: g_string_append_c (out, text[i]);
          }
    }
}

static gboolean
copy_table_to_server (sqlite3              *db,
                      PGconn               *conn,
                      PalpateMigrateTable  *table,
                      GError              **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s %s", table->column_list,
                                             table->name, table->sqlite_order);
  g_autofree char *copy = g_strdup_printf ("COPY %s (%s) FROM STDIN", table->name,
                                           table->column_list);
  g_autoptr(GString) buffer = g_string_sized_new (COPY_CHUNK + 4096);
  sqlite3_stmt *stmt = NULL;
  PGresult *result;
  gboolean sent = TRUE;
  int rc;

  if (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL) != SQLITE_OK)
    {
      palpate_store_set_error_from_rc (db, sqlite3_errcode (db), "", error);
      return FALSE;
    }
  result = PQexec (conn, copy);
  if (PQresultStatus (result) != PGRES_COPY_IN)
    {
      palpate_migrate_set_server_error (conn, result, table->name, error);
      PQclear (result);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  PQclear (result);

  while (sent && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < table->columns->len; i++)
        {
          if (i > 0)
            g_string_append_c (buffer, '\t');
          append_copy_value (buffer, stmt, (int) i,
                             g_array_index (table->types, PalpateMigrateType, i));
        }
      g_string_append_c (buffer, '\n');
      if (buffer->len >= COPY_CHUNK)
        {
          sent = PQputCopyData (conn, buffer->str, (int) buffer->len) == 1;
          g_string_truncate (buffer, 0);
        }
    }
  sqlite3_finalize (stmt);
  if (sent && buffer->len > 0)
    sent = PQputCopyData (conn, buffer->str, (int) buffer->len) == 1;
  PQputCopyEnd (conn, sent && rc == SQLITE_DONE ? NULL : "the clinic file could not be read");

  while ((result = PQgetResult (conn)) != NULL)
    {
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          sent = FALSE;
          if (error != NULL && *error == NULL)
            palpate_migrate_set_server_error (conn, result, table->name, error);
        }
      PQclear (result);
    }
  return sent;
}

/**
 * palpate_migrate_file_to_server:
 * @file: a clinic file
 * @conninfo: an empty database on a clinic server (a libpq connection URI)
 *
 * Checks the clinic file's audit chain and seals, then copies it into the server's database
 * in one transaction: the schema, every row, the rules; and compares the copy with the file
 * before committing. On any failure the server's database is left as empty as it was.
 */
gboolean
palpate_migrate_file_to_server (const char             *file,
                                const char             *conninfo,
                                PalpateMigrateSummary  *summary,
                                GError                **error)
{
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GPtrArray) tables = NULL;
  PalpateMigrateSummary local = { 0 };
  gint64 n_audit = 0;
  gint64 version;
  PGconn *conn;
  gboolean ok;

  store = palpate_store_open_full (file, PALPATE_STORE_OPEN_READ_ONLY, error);
  if (store == NULL)
    return FALSE;
  if (!palpate_store_verify_audit (store, &n_audit, error))
    return FALSE;

  conn = palpate_migrate_connect (conninfo, error);
  if (conn == NULL)
    return FALSE;

  ok = palpate_migrate_server_exec (conn, "BEGIN", error);
  if (ok)
    {
      version = palpate_server_schema_version (conn, error);
      ok = version == 0 && (error == NULL || *error == NULL);
      if (ok)
        {
          PGresult *result = PQexec (conn, "SELECT count(*) FROM information_schema.tables "
                                           "WHERE table_schema = current_schema()");

          ok = PQresultStatus (result) == PGRES_TUPLES_OK &&
               g_str_equal (PQgetvalue (result, 0, 0), "0");
          PQclear (result);
        }
      if (!ok && (error == NULL || *error == NULL))
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                     _("The clinic server’s database is not empty. A clinic is moved only "
                       "into a new, empty database; nothing was copied."));
    }

  ok = ok && palpate_server_schema_create_tables (conn, error);
  ok = ok && (tables = palpate_migrate_tables (palpate_store_get_db (store), conn, error)) != NULL;
  for (guint i = 0; ok && i < tables->len; i++)
    ok = copy_table_to_server (palpate_store_get_db (store), conn, tables->pdata[i], error);
  ok = ok && palpate_server_schema_create_rules (conn, error);
  ok = ok && palpate_migrate_compare (palpate_store_get_db (store), conn, tables, &local, error);
  ok = ok && palpate_migrate_server_exec (conn, "COMMIT", error);
  if (!ok)
    palpate_migrate_server_exec (conn, "ROLLBACK", NULL);
  PQfinish (conn);

  if (ok && summary != NULL)
    {
      *summary = local;
      summary->n_audit_entries = n_audit;
    }
  return ok;
}
