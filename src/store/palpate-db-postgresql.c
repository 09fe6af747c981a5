/* palpate-db-postgresql.c — PalpateDb on a PostgreSQL server through libpq: statements
 * prepared once on the server, run at their first step, their rows walked by the next ones;
 * the server's errors become the store's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <string.h>

#include "palpate-db-postgresql-private.h"
#include "palpate-store-private.h"

/* Type oids of pg_type.h, which is not among libpq's headers. */
#define BOOL_OID  16
#define BYTEA_OID 17


void
palpate_db_pg_set_unreachable_error (GError **error)
{
  g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE,
               _("The clinic server cannot be reached. Your changes stay on screen and are "
                 "saved when it answers again."));
}

/* The server's message goes into the error only where it names a rule of the schema (a
 * constraint, a trigger): other messages may quote the values of a client's record, and an
 * error may end up in a log. */
static void
set_error_from_state (const char  *sqlstate,
                      const char  *message,
                      GError     **error)
{
  if (sqlstate == NULL)
    sqlstate = "";

  if (g_str_has_prefix (sqlstate, "23") || strcmp (sqlstate, "P0001") == 0)
    /* Constraints, and triggers' RAISE EXCEPTION (SQLite's RAISE(ABORT) is a constraint). */
    palpate_store_set_constraint_error (message, error);
  else if (strcmp (sqlstate, "53100") == 0)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL,
                 _("The disk is full, so the change could not be saved. Free some space and "
                   "try again; nothing already saved was lost."));
  else if (strcmp (sqlstate, "25006") == 0)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_READ_ONLY,
                 _("The clinic server only lets this computer read the clinic, so changes "
                   "cannot be saved."));
  else if (strcmp (sqlstate, "40001") == 0 || strcmp (sqlstate, "40P01") == 0)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CONFLICT,
                 _("Another room changed this at the same moment; try again."));
  else if (g_str_has_prefix (sqlstate, "08") || g_str_has_prefix (sqlstate, "57P"))
    /* Connection exceptions, and the server shutting down or ending the session. */
    palpate_db_pg_set_unreachable_error (error);
  else if (strcmp (sqlstate, "55P03") == 0)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_LOCKED,
                 _("Another room is changing this on the clinic server. Try again in a "
                   "moment."));
  else
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                 _("The clinic server could not read or write the clinic (error %s)."),
                 sqlstate);
}

/* After a failed command: @before is the transaction status the command started in. */
void
palpate_db_pg_set_error (Connection               *self,
                         const PGresult           *result,
                         PGTransactionStatusType   before,
                         GError                  **error)
{
  if (PQstatus (self->conn) == CONNECTION_BAD)
    {
      if (before != PQTRANS_IDLE)
        self->lost_transaction = TRUE;
      palpate_db_pg_set_unreachable_error (error);
      return;
    }

  set_error_from_state (result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL,
                        result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL,
                        error);
}

/* Makes the session again if it was lost; fails while a lost transaction is not rolled back. */
gboolean
palpate_db_pg_ensure_session (Connection  *self,
                              GError     **error)
{
  if (self->lost_transaction)
    {
      palpate_db_pg_set_unreachable_error (error);
      return FALSE;
    }

  if (PQstatus (self->conn) == CONNECTION_OK)
    return TRUE;

  PQreset (self->conn);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      palpate_db_pg_set_unreachable_error (error);
      return FALSE;
    }

  /* What others wrote while the session was away was not heard of. */
  self->session++;
  self->parent.writes++;
  return TRUE;
}

/* The transaction status a command starts in, as the caller sees it: a BEGIN not sent yet has
 * opened one. */
PGTransactionStatusType
palpate_db_pg_status_before (Connection *self)
{
  return self->begin_pending ? PQTRANS_INTRANS : PQtransactionStatus (self->conn);
}

void
palpate_db_pg_note_changes (Connection     *self,
                            const PGresult *result)
{
  const char *command = PQcmdStatus ((PGresult *) result);

  /* SQLite counts only the rows of INSERT, UPDATE and DELETE; PQcmdTuples counts a SELECT's
   * too. */
  if (g_str_has_prefix (command, "INSERT ") || g_str_has_prefix (command, "UPDATE ") ||
      g_str_has_prefix (command, "DELETE ") || g_str_has_prefix (command, "MERGE "))
    self->changes = g_ascii_strtoll (PQcmdTuples ((PGresult *) result), NULL, 10);
}

static void
connection_free (PalpateDb *db)
{
  Connection *self = CONNECTION (db);

  PQfinish (self->conn);
  g_ptr_array_unref (self->with_next);
  g_ptr_array_unref (self->at_commit);
  g_free (self);
}

gboolean
palpate_db_pg_prepare_on_server (Connection  *self,
                                 Statement   *stmt,
                                 GError     **error)
{
  PGTransactionStatusType before = palpate_db_pg_status_before (self);
  PGresult *result;

  result = PQprepare (self->conn, stmt->name, stmt->numbered_sql, stmt->parent.n_params, NULL);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      palpate_db_pg_set_error (self, result, before, error);
      PQclear (result);
      return FALSE;
    }

  PQclear (result);
  stmt->session = self->session;
  return TRUE;
}

static void
clear_row (Statement *stmt)
{
  int n = stmt->result ? PQnfields (stmt->result) : 0;

  if (stmt->blobs == NULL)
    return;
  for (int i = 0; i < n; i++)
    g_clear_pointer (&stmt->blobs[i], PQfreemem);
  g_clear_pointer (&stmt->blobs, g_free);
  g_clear_pointer (&stmt->blob_sizes, g_free);
}

static void
reset (PalpateDbStatement *base)
{
  Statement *stmt = STATEMENT (base);

  clear_row (stmt);
  g_clear_pointer (&stmt->result, PQclear);
  stmt->row = -1;
}

static void
clear_bindings (PalpateDbStatement *base)
{
  Statement *stmt = STATEMENT (base);

  for (int i = 0; i < base->n_params; i++)
    {
      g_clear_pointer (&stmt->values[i], g_free);
      stmt->lengths[i] = 0;
      stmt->formats[i] = 0;
    }
}

static void
free_statement (PalpateDbStatement *base)
{
  Statement *stmt = STATEMENT (base);

  /* Statements are freed only with their connection, whose session ends with them: no
   * DEALLOCATE, which would cost a round trip each. */
  reset (base);
  clear_bindings (base);
  g_clear_pointer (&stmt->description, PQclear);
  g_free (stmt->values);
  g_free (stmt->lengths);
  g_free (stmt->formats);
  g_free (stmt->name);
  g_free (stmt->numbered_sql);
  g_free (base->sql);
  g_free (stmt);
}

static PalpateDbStatement *
prepare (PalpateDb   *db,
         const char  *sql,
         GError     **error)
{
  Connection *self = CONNECTION (db);
  Statement *stmt;

  if (!palpate_db_pg_ensure_session (self, error))
    {
      self->lost_transaction = self->lost_transaction || self->begin_pending;
      return NULL;
    }

  stmt = g_new0 (Statement, 1);
  stmt->numbered_sql = palpate_db_number_placeholders (sql, &stmt->parent.n_params);
  stmt->name = g_strdup_printf ("palpate_%u", ++self->next_name);
  stmt->values = g_new0 (char *, MAX (stmt->parent.n_params, 1));
  stmt->lengths = g_new0 (int, MAX (stmt->parent.n_params, 1));
  stmt->formats = g_new0 (int, MAX (stmt->parent.n_params, 1));
  stmt->row = -1;

  if (!palpate_db_pg_prepare_on_server (self, stmt, error))
    {
      self->lost_transaction = self->lost_transaction || self->begin_pending;
      g_free (stmt->values);
      g_free (stmt->lengths);
      g_free (stmt->formats);
      g_free (stmt->name);
      g_free (stmt->numbered_sql);
      g_free (stmt);
      return NULL;
    }

  return &stmt->parent;
}

static void
bind_value (PalpateDbStatement *base,
            int                 index,
            char               *value,
            int                 length,
            int                 format)
{
  Statement *stmt = STATEMENT (base);

  g_free (stmt->values[index - 1]);
  stmt->values[index - 1] = value;
  stmt->lengths[index - 1] = length;
  stmt->formats[index - 1] = format;
}

static void
bind_int64 (PalpateDbStatement *stmt,
            int                 index,
            gint64              value)
{
  bind_value (stmt, index, g_strdup_printf ("%" G_GINT64_FORMAT, value), 0, 0);
}

static void
bind_double (PalpateDbStatement *stmt,
             int                 index,
             double              value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Shortest text that reads back as the same double, with '.' in any locale. */
  bind_value (stmt, index, g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)), 0, 0);
}

static void
bind_text (PalpateDbStatement *stmt,
           int                 index,
           const char         *text)
{
  bind_value (stmt, index, g_strdup (text), 0, 0);
}

static void
bind_null (PalpateDbStatement *stmt,
           int                 index)
{
  bind_value (stmt, index, NULL, 0, 0);
}

static void
bind_blob (PalpateDbStatement *stmt,
           int                 index,
           const void         *data,
           gsize               size)
{
  g_return_if_fail (size <= G_MAXINT);

  /* Binary, so that 0x00 bytes need no escaping; g_malloc so that an empty blob is not NULL. */
  bind_value (stmt, index, memcpy (g_malloc (MAX (size, 1)), data, size), (int) size, 1);
}

static PalpateDbStep
step (PalpateDbStatement  *base,
      GError             **error)
{
  Statement *stmt = STATEMENT (base);
  Connection *self = CONNECTION (base->db);

  if (stmt->result == NULL)
    {
      PGTransactionStatusType before;
      PGresult *result;

      if (self->begin_pending || self->with_next->len > 0)
        {
          /* The transaction's first statement, with its BEGIN, or a statement with those
           * kept for it. */
          if (!palpate_db_pg_run_pipeline (self, stmt, &result, error))
            return PALPATE_DB_ERROR;
          before = PQTRANS_INTRANS;
        }
      else
        {
          if (!palpate_db_pg_ensure_session (self, error))
            return PALPATE_DB_ERROR;
          if (stmt->session != self->session && !palpate_db_pg_prepare_on_server (self, stmt, error))
            return PALPATE_DB_ERROR;
          before = PQtransactionStatus (self->conn);
          /* The statement stays prepared for its description; run unnamed, it is planned with
           * its values. */
          if (base->plan_each_run)
            result = PQexecParams (self->conn, stmt->numbered_sql, base->n_params, NULL,
                                   (const char * const *) stmt->values, stmt->lengths,
                                   stmt->formats, 0);
          else
            result = PQexecPrepared (self->conn, stmt->name, base->n_params,
                                     (const char * const *) stmt->values, stmt->lengths,
                                     stmt->formats, 0);
        }

      switch (PQresultStatus (result))
        {
        case PGRES_COMMAND_OK:
          palpate_db_pg_note_changes (self, result);
          PQclear (result);
          return PALPATE_DB_DONE;

        case PGRES_TUPLES_OK:
          palpate_db_pg_note_changes (self, result);
          stmt->result = result;
          stmt->row = -1;
          break;

        default:
          palpate_db_pg_set_error (self, result, before, error);
          PQclear (result);
          return PALPATE_DB_ERROR;
        }
    }

  clear_row (stmt);
  stmt->row++;
  if (stmt->row < PQntuples (stmt->result))
    return PALPATE_DB_ROW;

  reset (base);
  return PALPATE_DB_DONE;
}

/* Whether there is a current row with @column; a programmer's error if not. */
static gboolean
has_value (Statement *stmt,
           int        column)
{
  g_return_val_if_fail (stmt->result != NULL, FALSE);
  g_return_val_if_fail (stmt->row >= 0 && stmt->row < PQntuples (stmt->result), FALSE);
  g_return_val_if_fail (column < PQnfields (stmt->result), FALSE);

  return TRUE;
}

static gboolean
column_is_null (PalpateDbStatement *base,
                int                 column)
{
  Statement *stmt = STATEMENT (base);

  return !has_value (stmt, column) || PQgetisnull (stmt->result, stmt->row, column);
}

static const char *
column_text (PalpateDbStatement *base,
             int                 column)
{
  Statement *stmt = STATEMENT (base);

  if (column_is_null (base, column))
    return NULL;
  return PQgetvalue (stmt->result, stmt->row, column);
}

static gint64
column_int64 (PalpateDbStatement *base,
              int                 column)
{
  Statement *stmt = STATEMENT (base);
  const char *text = column_text (base, column);

  if (text == NULL)
    return 0;
  /* A boolean reads as SQLite's 1 and 0. */
  if (PQftype (stmt->result, column) == BOOL_OID)
    return text[0] == 't';
  return g_ascii_strtoll (text, NULL, 10);
}

static double
column_double (PalpateDbStatement *base,
               int                 column)
{
  const char *text = column_text (base, column);

  return text != NULL ? g_ascii_strtod (text, NULL) : 0.0;
}

static const void *
column_blob (PalpateDbStatement *base,
             int                 column,
             gsize              *size)
{
  Statement *stmt = STATEMENT (base);
  const char *text = column_text (base, column);

  if (text == NULL)
    return NULL;

  /* The rows come as text: bytea as its hex form, unescaped once per row and column. */
  if (PQftype (stmt->result, column) != BYTEA_OID)
    {
      *size = strlen (text);
      return text;
    }

  if (stmt->blobs == NULL)
    {
      stmt->blobs = g_new0 (guchar *, PQnfields (stmt->result));
      stmt->blob_sizes = g_new0 (size_t, PQnfields (stmt->result));
    }
  if (stmt->blobs[column] == NULL)
    stmt->blobs[column] = PQunescapeBytea ((const guchar *) text, &stmt->blob_sizes[column]);

  *size = stmt->blob_sizes[column];
  return *size > 0 ? stmt->blobs[column] : NULL;
}

/* The statement's columns, known from the server before it runs. */
static const PGresult *
description (Statement *stmt)
{
  Connection *self = CONNECTION (stmt->parent.db);

  if (stmt->result != NULL)
    return stmt->result;

  if (stmt->description != NULL && stmt->description_session == self->session)
    return stmt->description;

  g_clear_pointer (&stmt->description, PQclear);
  if (stmt->session != self->session || PQstatus (self->conn) != CONNECTION_OK)
    return NULL;

  stmt->description = PQdescribePrepared (self->conn, stmt->name);
  stmt->description_session = self->session;
  if (PQresultStatus (stmt->description) != PGRES_COMMAND_OK)
    g_clear_pointer (&stmt->description, PQclear);
  return stmt->description;
}

static int
column_count (PalpateDbStatement *base)
{
  const PGresult *result = description (STATEMENT (base));

  return result != NULL ? PQnfields (result) : 0;
}

static const char *
column_name (PalpateDbStatement *base,
             int                 column)
{
  const PGresult *result = description (STATEMENT (base));

  g_return_val_if_fail (result != NULL && column < PQnfields (result), NULL);

  return PQfname (result, column);
}

static gint64
changes (PalpateDb *db)
{
  return CONNECTION (db)->changes;
}

/* @sql in the simple query protocol, after the transaction's BEGIN if it is not sent yet. */
static PGresult *
exec_with_begin (Connection *self,
                 const char *sql)
{
  g_autofree char *with_begin = NULL;

  /* What waits for the next statement goes with a step, not in the simple protocol. */
  g_warn_if_fail (self->with_next->len == 0);

  if (!self->begin_pending)
    return PQexec (self->conn, sql);

  self->begin_pending = FALSE;
  with_begin = g_strconcat ("BEGIN; ", sql, NULL);
  return PQexec (self->conn, with_begin);
}

static gboolean
exec (PalpateDb   *db,
      const char  *sql,
      GError     **error)
{
  Connection *self = CONNECTION (db);
  PGTransactionStatusType before;
  PGresult *result;
  ExecStatusType status;

  if (!palpate_db_pg_ensure_session (self, error))
    return FALSE;

  before = palpate_db_pg_status_before (self);
  result = exec_with_begin (self, sql);
  status = PQresultStatus (result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      palpate_db_pg_set_error (self, result, before, error);
      PQclear (result);
      return FALSE;
    }

  /* COMMIT in a transaction an error aborted ends it as ROLLBACK, without an error. */
  if (g_ascii_strcasecmp (sql, "COMMIT") == 0 && strcmp (PQcmdStatus (result), "ROLLBACK") == 0)
    {
      PQclear (result);
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The change was not saved, because an earlier step of it failed. Try "
                     "again."));
      return FALSE;
    }

  palpate_db_pg_note_changes (self, result);
  PQclear (result);
  return TRUE;
}

/* A transaction's BEGIN goes with its first statement. */
static gboolean
begin (PalpateDb  *db,
       GError    **error)
{
  Connection *self = CONNECTION (db);

  g_return_val_if_fail (!self->begin_pending, FALSE);

  if (self->lost_transaction)
    {
      palpate_db_pg_set_unreachable_error (error);
      return FALSE;
    }

  self->begin_pending = TRUE;
  return TRUE;
}

static gboolean
step_at_commit (PalpateDbStatement  *base,
                GError             **error)
{
  palpate_db_pg_keep_execution (base, CONNECTION (base->db)->at_commit);
  return TRUE;
}

static gboolean
step_with_next (PalpateDbStatement  *base,
                GError             **error)
{
  palpate_db_pg_keep_execution (base, CONNECTION (base->db)->with_next);
  return TRUE;
}

static gboolean
commit (PalpateDb  *db,
        GError    **error)
{
  Connection *self = CONNECTION (db);

  if (self->lost_transaction)
    {
      palpate_db_pg_set_unreachable_error (error);
      return FALSE;
    }

  if (self->at_commit->len > 0)
    return palpate_db_pg_run_pipeline (self, NULL, NULL, error);

  /* Nothing was sent: there is nothing to commit. */
  if (self->begin_pending)
    {
      self->begin_pending = FALSE;
      return TRUE;
    }

  return exec (db, "COMMIT", error);
}

static void
rollback (PalpateDb *db)
{
  Connection *self = CONNECTION (db);

  g_ptr_array_set_size (self->at_commit, 0);
  g_ptr_array_set_size (self->with_next, 0);

  /* Nothing was sent (a statement prepared meanwhile may still have lost the session). */
  if (self->begin_pending)
    {
      self->begin_pending = FALSE;
      self->lost_transaction = FALSE;
      return;
    }

  /* The lost session took its transaction with it: the caller now knows. A transaction that
   * failed on a session still there is rolled back on it below. */
  self->lost_transaction = FALSE;

  if (PQstatus (self->conn) == CONNECTION_OK &&
      PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    PQclear (PQexec (self->conn, "ROLLBACK"));
}

static gboolean
in_transaction (PalpateDb *db)
{
  Connection *self = CONNECTION (db);

  return self->lost_transaction || self->begin_pending ||
         (PQstatus (self->conn) == CONNECTION_OK &&
          PQtransactionStatus (self->conn) != PQTRANS_IDLE);
}

static const PalpateDbClass postgresql_class = {
  .kind = PALPATE_DB_POSTGRESQL,
  .begin_sql = "BEGIN",
  .begin = begin,
  .commit = commit,
  .step_at_commit = step_at_commit,
  .step_with_next = step_with_next,
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

/* The server's notices (a ROLLBACK outside a transaction, …) would go to stderr: they may quote
 * a client's values, and nothing acts on them. */
static void
ignore_notice (void       *data,
               const char *message)
{
}

PalpateDb *
palpate_db_postgresql_connect (const char  *conninfo,
                               GError     **error)
{
  Connection *self;
  PGconn *conn = palpate_db_postgresql_open_session (conninfo, error);

  if (conn == NULL)
    return NULL;

  self = g_new0 (Connection, 1);
  palpate_db_init (&self->parent, &postgresql_class);
  self->conn = conn;
  self->session = 1;
  self->with_next = g_ptr_array_new_with_free_func (palpate_db_pg_execution_free);
  self->at_commit = g_ptr_array_new_with_free_func (palpate_db_pg_execution_free);
  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  return &self->parent;
}

/* The session's PGconn (a lost session is made again: ask each time, keep it no longer). */
gpointer
palpate_db_postgresql_get_pgconn (PalpateDb *db)
{
  Connection *self = CONNECTION (db);

  /* What is done through the session itself belongs to the transaction the caller opened. */
  if (self->begin_pending)
    {
      PGresult *result;

      self->begin_pending = FALSE;
      if (!palpate_db_pg_ensure_session (self, NULL))
        self->lost_transaction = TRUE;
      else
        {
          result = PQexec (self->conn, "BEGIN");
          if (PQresultStatus (result) != PGRES_COMMAND_OK)
            self->lost_transaction = TRUE;
          PQclear (result);
        }
    }

  return self->conn;
}
