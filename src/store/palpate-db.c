/* palpate-db.c — the statement API both back ends share: the statement cache, the checks on
 * every call, transactions and savepoints, and the numbering of '?' parameters for PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include "palpate-db.h"

#include <string.h>

#include "palpate-db-private.h"

static void
free_statement (gpointer data)
{
  PalpateDbStatement *stmt = data;

  stmt->db->klass->free_statement (stmt);
}

void
palpate_db_init (PalpateDb            *db,
                 const PalpateDbClass *klass)
{
  db->klass = klass;
  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, free_statement);
  db->table_writes = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

static gboolean
is_identifier_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$' || (guchar) c >= 0x80;
}

/* The table an INSERT [OR …] INTO, UPDATE [OR …] or DELETE FROM statement writes (the last part
 * of a qualified name), interned; %NULL for any other statement. */
static const char *
find_written_table (const char *sql)
{
  g_auto(GStrv) words = g_strsplit_set (sql, " \t\n\r", -1);
  const char *name = NULL;
  guint w = 0;
  gsize length = 0;

  while (words[w] != NULL && *words[w] == '\0')
    w++;
  if (words[w] == NULL)
    return NULL;

  if (g_ascii_strcasecmp (words[w], "INSERT") == 0 || g_ascii_strcasecmp (words[w], "DELETE") == 0)
    {
      const char *before = g_ascii_strcasecmp (words[w], "INSERT") == 0 ? "INTO" : "FROM";

      for (w++; words[w] != NULL && name == NULL; w++)
        if (g_ascii_strcasecmp (words[w], before) == 0)
          name = words[w + 1];
    }
  else if (g_ascii_strcasecmp (words[w], "UPDATE") == 0)
    {
      for (w++; words[w] != NULL && *words[w] == '\0'; w++)
        ;
      /* SQLite's UPDATE OR REPLACE and the like */
      if (words[w] != NULL && g_ascii_strcasecmp (words[w], "OR") == 0 && words[w + 1] != NULL)
        w += 2;
      name = words[w];
    }

  if (name == NULL)
    return NULL;
  for (const char *dot; (dot = strchr (name, '.')) != NULL;)
    name = dot + 1;
  while (is_identifier_char (name[length]) && name[length] != '$')
    length++;
  if (length == 0)
    return NULL;
  {
    g_autofree char *table = g_ascii_strdown (name, (gssize) length);

    return g_intern_string (table);
  }
}

/* Counts a write @stmt may make, when it runs or is kept to run later. */
static void
note_write (PalpateDbStatement *stmt)
{
  guint64 *count;

  if (!stmt->may_write)
    return;
  if (stmt->written_table == NULL)
    {
      stmt->db->writes++;
      return;
    }

  count = g_hash_table_lookup (stmt->db->table_writes, stmt->written_table);
  if (count == NULL)
    {
      count = g_new0 (guint64, 1);
      g_hash_table_insert (stmt->db->table_writes, (gpointer) stmt->written_table, count);
    }
  (*count)++;
}

/* The length of a dollar quote's delimiter ($$ or $tag$) at @p, or 0 if none starts there. */
static gsize
dollar_tag_length (const char *p)
{
  gsize n = 1;

  if (p[0] != '$')
    return 0;
  if (g_ascii_isdigit (p[1]))
    return 0;   /* $1: a parameter, not a quote */
  while (g_ascii_isalnum (p[n]) || p[n] == '_' || (guchar) p[n] >= 0x80)
    n++;
  return p[n] == '$' ? n + 1 : 0;
}

char *
palpate_db_number_placeholders (const char *sql,
                                int        *n_params)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  const char *p = sql;
  int count = 0;

  while (*p != '\0')
    {
      gboolean after_identifier = p > sql && is_identifier_char (p[-1]);

      /* As in SQLite, ?N is the Nth parameter and a bare ? the one after the largest so far. */
      if (*p == '?' && g_ascii_isdigit (p[1]))
        {
          char *end;
          guint64 number = g_ascii_strtoull (p + 1, &end, 10);

          number = MIN (number, G_MAXINT16);
          g_string_append_printf (out, "$%d", (int) number);
          count = MAX (count, (int) number);
          p = end;
        }
      else if (*p == '?')
        {
          g_string_append_printf (out, "$%d", ++count);
          p++;
        }
      else if (*p == '\'' || *p == '"')
        {
          char quote = *p;
          /* E'…' strings take backslash escapes; the E must stand alone, not end a name. */
          gboolean backslash = quote == '\'' && p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
                               (p - 1 == sql || !is_identifier_char (p[-2]));

          g_string_append_c (out, *p++);
          while (*p != '\0')
            {
              if (backslash && *p == '\\' && p[1] != '\0')
                {
                  g_string_append_len (out, p, 2);
                  p += 2;
                  continue;
                }
              if (*p == quote && p[1] == quote)
                {
                  g_string_append_len (out, p, 2);
                  p += 2;
                  continue;
                }
              g_string_append_c (out, *p);
              if (*p++ == quote)
                break;
            }
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          while (*p != '\0' && *p != '\n')
            g_string_append_c (out, *p++);
        }
      else if (p[0] == '/' && p[1] == '*')
        {
          /* PostgreSQL's block comments nest. */
          guint depth = 0;

          do
            {
              if (p[0] == '/' && p[1] == '*')
                {
                  depth++;
                  g_string_append_len (out, p, 2);
                  p += 2;
                }
              else if (p[0] == '*' && p[1] == '/')
                {
                  depth--;
                  g_string_append_len (out, p, 2);
                  p += 2;
                }
              else
                g_string_append_c (out, *p++);
            }
          while (*p != '\0' && depth > 0);
        }
      else if (*p == '$' && !after_identifier && dollar_tag_length (p) > 0)
        {
          /* $$…$$ and $tag$…$tag$: function bodies. */
          gsize tag_length = dollar_tag_length (p);
          g_autofree char *tag = g_strndup (p, tag_length);
          const char *end = strstr (p + tag_length, tag);

          end = end != NULL ? end + tag_length : p + strlen (p);
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else
        g_string_append_c (out, *p++);
    }

  *n_params = count;
  return g_string_free (out, FALSE);
}

/**
 * palpate_db_new_sqlite:
 * @borrowed: an open SQLite connection, which must outlive the #PalpateDb
 *
 * Returns: (transfer full): a connection that runs its statements on @borrowed
 */
PalpateDb *
palpate_db_new_sqlite (sqlite3 *borrowed)
{
  g_return_val_if_fail (borrowed != NULL, NULL);

  return palpate_db_sqlite_new (borrowed);
}

/**
 * palpate_db_connect_postgresql:
 * @conninfo: a libpq connection string or URI
 *
 * Returns: (transfer full): the connection, or %NULL with @error in PALPATE_STORE_ERROR
 */
PalpateDb *
palpate_db_connect_postgresql (const char  *conninfo,
                               GError     **error)
{
  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return palpate_db_postgresql_connect (conninfo, error);
}

/* Frees the statements, then the connection (not the sqlite3 one a SQLite #PalpateDb borrows). */
void
palpate_db_free (PalpateDb *db)
{
  if (db == NULL)
    return;

  g_hash_table_unref (db->statements);
  g_hash_table_unref (db->table_writes);
  db->klass->free (db);
}

PalpateDbKind
palpate_db_get_kind (PalpateDb *db)
{
  g_return_val_if_fail (db != NULL, PALPATE_DB_SQLITE);

  return db->klass->kind;
}

gpointer
palpate_db_get_pgconn (PalpateDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);

  return db->klass->kind == PALPATE_DB_POSTGRESQL ? palpate_db_postgresql_get_pgconn (db) : NULL;
}

/**
 * palpate_db_prepare:
 * @sql: one statement, with '?' for its parameters
 *
 * Returns: (transfer none): the statement, owned by @db; reset and without bindings when it was
 *   prepared before
 */
PalpateDbStatement *
palpate_db_prepare (PalpateDb   *db,
                    const char  *sql,
                    GError     **error)
{
  PalpateDbStatement *stmt;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (db->statements, sql);
  if (stmt != NULL)
    {
      palpate_db_reset (stmt);
      db->klass->clear_bindings (stmt);
      return stmt;
    }

  stmt = db->klass->prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  stmt->db = db;
  stmt->sql = g_strdup (sql);
  stmt->may_write = g_ascii_strncasecmp (sql, "SELECT ", 7) != 0;
  stmt->written_table = stmt->may_write ? find_written_table (sql) : NULL;
  g_hash_table_insert (db->statements, stmt->sql, stmt);
  return stmt;
}

#define CHECK_INDEX(stmt, index) \
  g_return_if_fail (stmt != NULL); \
  g_return_if_fail (index >= 1 && index <= stmt->n_params)

void
palpate_db_bind_int64 (PalpateDbStatement *stmt,
                       int                 index,
                       gint64              value)
{
  CHECK_INDEX (stmt, index);

  stmt->db->klass->bind_int64 (stmt, index, value);
}

void
palpate_db_bind_int (PalpateDbStatement *stmt,
                     int                 index,
                     int                 value)
{
  palpate_db_bind_int64 (stmt, index, value);
}

void
palpate_db_bind_double (PalpateDbStatement *stmt,
                        int                 index,
                        double              value)
{
  CHECK_INDEX (stmt, index);

  stmt->db->klass->bind_double (stmt, index, value);
}

/* A %NULL @text binds NULL. */
void
palpate_db_bind_text (PalpateDbStatement *stmt,
                      int                 index,
                      const char         *text)
{
  CHECK_INDEX (stmt, index);

  if (text == NULL)
    stmt->db->klass->bind_null (stmt, index);
  else
    stmt->db->klass->bind_text (stmt, index, text);
}

void
palpate_db_bind_null (PalpateDbStatement *stmt,
                      int                 index)
{
  CHECK_INDEX (stmt, index);

  stmt->db->klass->bind_null (stmt, index);
}

/* A %NULL @data binds NULL; any other, even of @size 0, a blob. */
void
palpate_db_bind_blob (PalpateDbStatement *stmt,
                      int                 index,
                      const void         *data,
                      gsize               size)
{
  CHECK_INDEX (stmt, index);

  if (data == NULL)
    stmt->db->klass->bind_null (stmt, index);
  else
    stmt->db->klass->bind_blob (stmt, index, data, size);
}

#undef CHECK_INDEX

/**
 * palpate_db_step:
 *
 * Runs the statement (at the first step) and moves to its next row. After DONE it says DONE
 * again until palpate_db_reset(); after ERROR the statement is reset, keeping its bindings, so
 * that the next step runs it again.
 */
PalpateDbStep
palpate_db_step (PalpateDbStatement  *stmt,
                 GError             **error)
{
  PalpateDbStep step;

  g_return_val_if_fail (stmt != NULL, PALPATE_DB_ERROR);
  g_return_val_if_fail (error == NULL || *error == NULL, PALPATE_DB_ERROR);

  if (stmt->finished)
    return PALPATE_DB_DONE;

  if (!stmt->running)
    note_write (stmt);
  step = stmt->db->klass->step (stmt, error);
  stmt->running = step == PALPATE_DB_ROW;
  if (step == PALPATE_DB_DONE)
    stmt->finished = TRUE;
  return step;
}

/**
 * palpate_db_plan_each_run:
 *
 * Has the server plan @stmt anew with its values at each run, rather than settle on the plan
 * it keeps for any values after a few runs: for a statement whose best plan depends on them,
 * such as a search whose text matches most rows or almost none. SQLite plans once.
 */
void
palpate_db_plan_each_run (PalpateDbStatement *stmt)
{
  g_return_if_fail (stmt != NULL);

  stmt->plan_each_run = TRUE;
}

/* Back to before the first step, keeping the bindings. */
void
palpate_db_reset (PalpateDbStatement *stmt)
{
  g_return_if_fail (stmt != NULL);

  stmt->finished = FALSE;
  stmt->running = FALSE;
  stmt->db->klass->reset (stmt);
}

#define CHECK_COLUMN(stmt, column, value) \
  g_return_val_if_fail (stmt != NULL, value); \
  g_return_val_if_fail (column >= 0, value)

gint64
palpate_db_column_int64 (PalpateDbStatement *stmt,
                         int                 column)
{
  CHECK_COLUMN (stmt, column, 0);

  return stmt->db->klass->column_int64 (stmt, column);
}

/* Values beyond int are cut to its range rather than wrapped. */
int
palpate_db_column_int (PalpateDbStatement *stmt,
                       int                 column)
{
  gint64 value = palpate_db_column_int64 (stmt, column);

  return (int) CLAMP (value, G_MININT, G_MAXINT);
}

double
palpate_db_column_double (PalpateDbStatement *stmt,
                          int                 column)
{
  CHECK_COLUMN (stmt, column, 0.0);

  return stmt->db->klass->column_double (stmt, column);
}

/* Returns: (nullable): the text, %NULL for NULL */
const char *
palpate_db_column_text (PalpateDbStatement *stmt,
                        int                 column)
{
  CHECK_COLUMN (stmt, column, NULL);

  return stmt->db->klass->column_text (stmt, column);
}

/* Returns: (nullable): the bytes (*@size of them), %NULL for NULL or an empty blob */
const void *
palpate_db_column_blob (PalpateDbStatement *stmt,
                        int                 column,
                        gsize              *size)
{
  gsize ignored;

  if (size == NULL)
    size = &ignored;
  *size = 0;
  CHECK_COLUMN (stmt, column, NULL);

  return stmt->db->klass->column_blob (stmt, column, size);
}

gboolean
palpate_db_column_is_null (PalpateDbStatement *stmt,
                           int                 column)
{
  CHECK_COLUMN (stmt, column, TRUE);

  return stmt->db->klass->column_is_null (stmt, column);
}

int
palpate_db_column_count (PalpateDbStatement *stmt)
{
  g_return_val_if_fail (stmt != NULL, 0);

  return stmt->db->klass->column_count (stmt);
}

const char *
palpate_db_column_name (PalpateDbStatement *stmt,
                        int                 column)
{
  CHECK_COLUMN (stmt, column, NULL);

  return stmt->db->klass->column_name (stmt, column);
}

#undef CHECK_COLUMN

/* The rows changed by the last INSERT, UPDATE or DELETE that ran to its end. */
gint64
palpate_db_changes (PalpateDb *db)
{
  g_return_val_if_fail (db != NULL, 0);

  return db->klass->changes (db);
}

/**
 * palpate_db_get_writes:
 * @table: a table's name, in lower case
 *
 * Counts what may have changed @table through this connection: the INSERT, UPDATE and DELETE
 * statements naming it, each when it runs or is kept to run later; any other statement but a
 * SELECT (and every palpate_db_exec()); each rollback; and, on a server, each session made
 * again, during whose absence other rooms' changes went unheard. What was read of @table
 * outside a transaction when the count was the same as now is still what this connection
 * would read, unless another program wrote meanwhile.
 *
 * Returns: the count, which only grows
 */
guint64
palpate_db_get_writes (PalpateDb  *db,
                       const char *table)
{
  const guint64 *count;

  g_return_val_if_fail (db != NULL, 0);
  g_return_val_if_fail (table != NULL, 0);

  count = g_hash_table_lookup (db->table_writes, g_intern_string (table));
  return db->writes + (count != NULL ? *count : 0);
}

/* Runs one statement or several, separated by ';', none with parameters. */
gboolean
palpate_db_exec (PalpateDb   *db,
                 const char  *sql,
                 GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  db->writes++;
  return db->klass->exec (db, sql, error);
}

/* A transaction's BEGIN, COMMIT, SAVEPOINT or RELEASE: it changes no table by itself. */
static gboolean
exec_control (PalpateDb   *db,
              const char  *sql,
              GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return db->klass->exec (db, sql, error);
}

/*
 * Transactions. SQLite's is BEGIN IMMEDIATE: it takes the file's write lock at once, so that
 * two programs never both read and then fail to write. PostgreSQL's is its default, READ
 * COMMITTED, which is what most clients use: each statement sees what was committed before it
 * began, and an UPDATE … WHERE version = ? re-checks its condition on the row as it is when
 * the lock is granted, so the store's version checks (PALPATE_STORE_ERROR_CHANGED) hold
 * without REPEATABLE READ's serialization failures, which every caller would have to retry.
 * A store function that reads and then writes what it read takes the row with
 * SELECT … FOR UPDATE.
 */
gboolean
palpate_db_begin (PalpateDb  *db,
                  GError    **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  if (db->klass->begin != NULL)
    return db->klass->begin (db, error);
  return exec_control (db, db->klass->begin_sql, error);
}

gboolean
palpate_db_commit (PalpateDb  *db,
                   GError    **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  if (db->klass->commit != NULL)
    return db->klass->commit (db, error);
  return exec_control (db, "COMMIT", error);
}

/* Runs @stmt, with the bindings it has now, in the round trip of the next statement stepped
 * (or of the commit): at once on SQLite. It is run for what it does, such as taking a lock: its
 * rows are not read, and an error it meets is that next step's (or, at once, its own). @stmt
 * is left reset and without bindings. */
gboolean
palpate_db_step_with_next (PalpateDbStatement  *stmt,
                           GError             **error)
{
  PalpateDbStep step;

  g_return_val_if_fail (stmt != NULL, FALSE);

  if (stmt->db->klass->step_with_next != NULL)
    {
      gboolean kept;

      note_write (stmt);
      kept = stmt->db->klass->step_with_next (stmt, error);

      palpate_db_reset (stmt);
      return kept;
    }

  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    ;
  palpate_db_reset (stmt);
  stmt->db->klass->clear_bindings (stmt);
  return step == PALPATE_DB_DONE;
}

/* Runs @stmt, with the bindings it has now, as part of the open transaction's commit: at once
 * on SQLite, in the COMMIT's own round trip on a server, so that a lock it takes is held for
 * that round trip only. It must give no row; an error it meets is the commit's (or, at once,
 * its own). @stmt is left reset and without bindings. */
gboolean
palpate_db_step_at_commit (PalpateDbStatement  *stmt,
                           GError             **error)
{
  PalpateDbStep step;

  g_return_val_if_fail (stmt != NULL, FALSE);
  g_return_val_if_fail (palpate_db_in_transaction (stmt->db), FALSE);

  if (stmt->db->klass->step_at_commit != NULL)
    {
      gboolean kept;

      note_write (stmt);
      kept = stmt->db->klass->step_at_commit (stmt, error);

      palpate_db_reset (stmt);
      return kept;
    }

  step = palpate_db_step (stmt, error);
  g_warn_if_fail (step != PALPATE_DB_ROW);
  palpate_db_reset (stmt);
  stmt->db->klass->clear_bindings (stmt);
  return step == PALPATE_DB_DONE;
}

void
palpate_db_rollback (PalpateDb *db)
{
  g_return_if_fail (db != NULL);

  db->writes++;
  db->klass->rollback (db);
}

/* Whether a transaction is open: after some errors (a full disk on SQLite, a lost session on
 * PostgreSQL) it has already ended, and there is nothing left to roll back to a savepoint. */
gboolean
palpate_db_in_transaction (PalpateDb *db)
{
  g_return_val_if_fail (db != NULL, FALSE);

  return db->klass->in_transaction (db);
}

static gboolean
is_savepoint_name (const char *name)
{
  if (name == NULL || !(g_ascii_isalpha (*name) || *name == '_'))
    return FALSE;
  for (; *name != '\0'; name++)
    if (!g_ascii_isalnum (*name) && *name != '_')
      return FALSE;
  return TRUE;
}

static gboolean
exec_savepoint (PalpateDb   *db,
                const char  *verb,
                const char  *name,
                GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (is_savepoint_name (name), FALSE);

  sql = g_strdup_printf ("%s %s", verb, name);
  return exec_control (db, sql, error);
}

/* @name: a plain name (letters, digits, '_'), used as it is in the SQL */
gboolean
palpate_db_savepoint (PalpateDb   *db,
                      const char  *name,
                      GError     **error)
{
  return exec_savepoint (db, "SAVEPOINT", name, error);
}

gboolean
palpate_db_release (PalpateDb   *db,
                    const char  *name,
                    GError     **error)
{
  return exec_savepoint (db, "RELEASE SAVEPOINT", name, error);
}

/* Undoes what followed the savepoint, which stays open (release it after). */
gboolean
palpate_db_rollback_to (PalpateDb   *db,
                        const char  *name,
                        GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  db->writes++;
  return exec_savepoint (db, "ROLLBACK TO SAVEPOINT", name, error);
}
