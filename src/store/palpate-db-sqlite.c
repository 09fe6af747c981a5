/* palpate-db-sqlite.c — PalpateDb on a SQLite connection: each call is the sqlite3 one, and
 * errors are the store's (palpate_store_set_error_from_rc)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include "palpate-db-private.h"
#include "palpate-store-private.h"

typedef struct
{
  PalpateDb  parent;
  sqlite3   *sqlite;
} Connection;

typedef struct
{
  PalpateDbStatement  parent;
  sqlite3_stmt       *stmt;
} Statement;

#define CONNECTION(db) ((Connection *) (db))
#define STMT(s) (((Statement *) (s))->stmt)

static void
set_error (Connection  *self,
           int          rc,
           GError     **error)
{
  palpate_store_set_error_from_rc (self->sqlite, rc, sqlite3_db_filename (self->sqlite, "main"),
                                   error);
}

static void
connection_free (PalpateDb *db)
{
  g_free (db);
}

static PalpateDbStatement *
prepare (PalpateDb   *db,
         const char  *sql,
         GError     **error)
{
  Connection *self = CONNECTION (db);
  sqlite3_stmt *stmt = NULL;
  Statement *statement;
  int rc;

  rc = sqlite3_prepare_v3 (self->sqlite, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, error);
      return NULL;
    }

  statement = g_new0 (Statement, 1);
  statement->stmt = stmt;
  statement->parent.n_params = sqlite3_bind_parameter_count (stmt);
  return &statement->parent;
}

static void
free_statement (PalpateDbStatement *stmt)
{
  sqlite3_finalize (STMT (stmt));
  g_free (stmt->sql);
  g_free (stmt);
}

static void
bind_int64 (PalpateDbStatement *stmt,
            int                 index,
            gint64              value)
{
  sqlite3_bind_int64 (STMT (stmt), index, value);
}

static void
bind_double (PalpateDbStatement *stmt,
             int                 index,
             double              value)
{
  sqlite3_bind_double (STMT (stmt), index, value);
}

static void
bind_text (PalpateDbStatement *stmt,
           int                 index,
           const char         *text)
{
  sqlite3_bind_text (STMT (stmt), index, text, -1, SQLITE_TRANSIENT);
}

static void
bind_null (PalpateDbStatement *stmt,
           int                 index)
{
  sqlite3_bind_null (STMT (stmt), index);
}

static void
bind_blob (PalpateDbStatement *stmt,
           int                 index,
           const void         *data,
           gsize               size)
{
  sqlite3_bind_blob64 (STMT (stmt), index, data, size, SQLITE_TRANSIENT);
}

static void
clear_bindings (PalpateDbStatement *stmt)
{
  sqlite3_clear_bindings (STMT (stmt));
}

static PalpateDbStep
step (PalpateDbStatement  *stmt,
      GError             **error)
{
  int rc = sqlite3_step (STMT (stmt));

  if (rc == SQLITE_ROW)
    return PALPATE_DB_ROW;
  if (rc == SQLITE_DONE)
    return PALPATE_DB_DONE;

  set_error (CONNECTION (stmt->db), rc, error);
  sqlite3_reset (STMT (stmt));
  return PALPATE_DB_ERROR;
}

static void
reset (PalpateDbStatement *stmt)
{
  sqlite3_reset (STMT (stmt));
}

static gint64
column_int64 (PalpateDbStatement *stmt,
              int                 column)
{
  return sqlite3_column_int64 (STMT (stmt), column);
}

static double
column_double (PalpateDbStatement *stmt,
               int                 column)
{
  return sqlite3_column_double (STMT (stmt), column);
}

static const char *
column_text (PalpateDbStatement *stmt,
             int                 column)
{
  return (const char *) sqlite3_column_text (STMT (stmt), column);
}

static const void *
column_blob (PalpateDbStatement *stmt,
             int                 column,
             gsize              *size)
{
  const void *data = sqlite3_column_blob (STMT (stmt), column);

  *size = sqlite3_column_bytes (STMT (stmt), column);
  return data;
}

static gboolean
column_is_null (PalpateDbStatement *stmt,
                int                 column)
{
  return sqlite3_column_type (STMT (stmt), column) == SQLITE_NULL;
}

static int
column_count (PalpateDbStatement *stmt)
{
  return sqlite3_column_count (STMT (stmt));
}

static const char *
column_name (PalpateDbStatement *stmt,
             int                 column)
{
  return sqlite3_column_name (STMT (stmt), column);
}

static gint64
changes (PalpateDb *db)
{
  return sqlite3_changes64 (CONNECTION (db)->sqlite);
}

static gboolean
exec (PalpateDb   *db,
      const char  *sql,
      GError     **error)
{
  Connection *self = CONNECTION (db);
  int rc = sqlite3_exec (self->sqlite, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
in_transaction (PalpateDb *db)
{
  return !sqlite3_get_autocommit (CONNECTION (db)->sqlite);
}

static void
rollback (PalpateDb *db)
{
  Connection *self = CONNECTION (db);

  /* After an I/O error SQLite may already have rolled the whole transaction back. */
  if (in_transaction (db))
    sqlite3_exec (self->sqlite, "ROLLBACK", NULL, NULL, NULL);
}

static const PalpateDbClass sqlite_class = {
  .kind = PALPATE_DB_SQLITE,
  .begin_sql = "BEGIN IMMEDIATE",
  .free = connection_free,
  .prepare = prepare,
  .free_statement = free_statement,
  .bind_int64 = bind_int64,
  .bind_double = bind_double,
  .bind_text = bind_text,
  .bind_null = bind_null,
  .bind_blob = bind_blob,
  .clear_bindings = clear_bindings,
  .step = step,
  .reset = reset,
  .column_int64 = column_int64,
  .column_double = column_double,
  .column_text = column_text,
  .column_blob = column_blob,
  .column_is_null = column_is_null,
  .column_count = column_count,
  .column_name = column_name,
  .changes = changes,
  .exec = exec,
  .rollback = rollback,
  .in_transaction = in_transaction,
};

PalpateDb *
palpate_db_sqlite_new (sqlite3 *borrowed)
{
  Connection *self = g_new0 (Connection, 1);

  palpate_db_init (&self->parent, &sqlite_class);
  self->sqlite = borrowed;
  return &self->parent;
}
