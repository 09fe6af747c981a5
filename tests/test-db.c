/* test-db.c — the statement API of both back ends: the same cases on a real SQLite file and on
 * a database of the throwaway PostgreSQL server, which must answer alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "test-db-private.h"


void
fixture_free (Fixture *fixture)
{
  g_clear_pointer (&fixture->db, palpate_db_free);
  if (fixture->sqlite != NULL)
    sqlite3_close (fixture->sqlite);
  if (fixture->path != NULL)
    {
      g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

      g_unlink (fixture->path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (fixture->tmpdir);
    }
  palpate_test_server_drop_database (fixture->conninfo);
  g_free (fixture->conninfo);
  g_free (fixture->path);
  g_free (fixture->tmpdir);
  g_free (fixture);
}

/* A fresh clinic of the kind the test runs on, or NULL when the test was skipped. */
Fixture *
fixture_new (gconstpointer data)
{
  g_autoptr(Fixture) fixture = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;

  fixture->kind = GPOINTER_TO_INT (data);
  if (fixture->kind == PALPATE_DB_SQLITE)
    {
      fixture->tmpdir = palpate_test_make_tmpdir ();
      fixture->path = g_build_filename (fixture->tmpdir, "clinic.sqlite3", NULL);
      g_assert_cmpint (sqlite3_open (fixture->path, &fixture->sqlite), ==, SQLITE_OK);
      sqlite3_extended_result_codes (fixture->sqlite, 1);
      fixture->db = palpate_db_new_sqlite (fixture->sqlite);
    }
  else
    {
      fixture->conninfo = palpate_test_server_new_database ();
      if (fixture->conninfo == NULL)
        return NULL;
      fixture->db = palpate_db_connect_postgresql (fixture->conninfo, &error);
      g_assert_no_error (error);
    }

  g_assert_cmpint (palpate_db_get_kind (fixture->db), ==, fixture->kind);
  return g_steal_pointer (&fixture);
}

void
exec (PalpateDb  *db,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (palpate_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

/* The table most cases use: a CHECK on the score, and an id the database gives. */
void
create_notes (Fixture *fixture)
{
  if (fixture->kind == PALPATE_DB_SQLITE)
    exec (fixture->db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, "
                       "score INTEGER CHECK (score BETWEEN 0 AND 10))");
  else
    exec (fixture->db, "CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                       "body text NOT NULL, score integer CHECK (score BETWEEN 0 AND 10))");
}

gint64
insert_note (PalpateDb  *db,
             const char *body,
             int         score)
{
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *stmt;
  gint64 id;

  stmt = palpate_db_prepare (db, "INSERT INTO notes (body, score) VALUES (?, ?) RETURNING id",
                             &error);
  g_assert_no_error (error);
  palpate_db_bind_text (stmt, 1, body);
  palpate_db_bind_int (stmt, 2, score);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ROW);
  g_assert_no_error (error);
  id = palpate_db_column_int64 (stmt, 0);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_no_error (error);
  return id;
}

gint64
query_int64 (PalpateDb  *db,
             const char *sql)
{
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *stmt = palpate_db_prepare (db, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ROW);
  g_assert_no_error (error);
  value = palpate_db_column_int64 (stmt, 0);
  palpate_db_reset (stmt);
  return value;
}

static void
test_returning_id (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *stmt;
  gint64 first, second;

  if (fixture == NULL)
    return;
  create_notes (fixture);

  first = insert_note (fixture->db, "Tight left trapezius", 4);
  second = insert_note (fixture->db, "Better after the stretch", 2);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (second, >, first);

  stmt = palpate_db_prepare (fixture->db, "SELECT body, score FROM notes WHERE id = ?", &error);
  g_assert_no_error (error);
  palpate_db_bind_int64 (stmt, 1, second);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ROW);
  g_assert_cmpstr (palpate_db_column_text (stmt, 0), ==, "Better after the stretch");
  g_assert_cmpint (palpate_db_column_int (stmt, 1), ==, 2);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_no_error (error);

  /* The cache gives the same statement back for the same SQL, without its bindings. */
  g_assert_true (palpate_db_prepare (fixture->db, "SELECT body, score FROM notes WHERE id = ?",
                                     &error) == stmt);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_no_error (error);
}

static void
test_types (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  const char *unicode = "Douleur 😖 ألم الكتف 肩の痛み — ½ «épaule»";
  const guint8 blob[] = { 0x00, 0x01, 0x00, 0xff, 0x5c, 0x27, 0x00 };
  const guint8 empty[] = { 0 };
  const struct { gint64 i; double r; } rows[] = {
    { G_MAXINT64, 3.141592653589793 },
    { G_MININT64, -1.5e-300 },
    { 0, 1e308 },
  };
  PalpateDbStatement *stmt;
  const void *bytes;
  gsize size;

  if (fixture == NULL)
    return;

  while (long_text->len < 1024 * 1024)
    g_string_append (long_text, "Palpation of the upper fibres: tender, 6 of 10. ");

  if (fixture->kind == PALPATE_DB_SQLITE)
    exec (fixture->db, "CREATE TABLE kinds (k INTEGER, i INTEGER, r REAL, t TEXT, b BLOB, "
                       "n TEXT)");
  else
    exec (fixture->db, "CREATE TABLE kinds (k integer, i bigint, r double precision, t text, "
                       "b bytea, n text)");

  stmt = palpate_db_prepare (fixture->db,
                             "INSERT INTO kinds (k, i, r, t, b, n) VALUES (?, ?, ?, ?, ?, ?)",
                             &error);
  g_assert_no_error (error);
  for (guint k = 0; k < G_N_ELEMENTS (rows); k++)
    {
      palpate_db_reset (stmt);
      palpate_db_bind_int (stmt, 1, k);
      palpate_db_bind_int64 (stmt, 2, rows[k].i);
      palpate_db_bind_double (stmt, 3, rows[k].r);
      palpate_db_bind_text (stmt, 4, k == 0 ? unicode : k == 1 ? long_text->str : "");
      if (k == 2)
        palpate_db_bind_blob (stmt, 5, empty, 0);
      else
        palpate_db_bind_blob (stmt, 5, blob, sizeof blob);
      if (k == 2)
        palpate_db_bind_text (stmt, 6, "not null");
      else
        palpate_db_bind_null (stmt, 6);
      g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
      g_assert_no_error (error);
    }

  stmt = palpate_db_prepare (fixture->db, "SELECT k, i, r, t, b, n FROM kinds ORDER BY k",
                             &error);
  g_assert_no_error (error);
  g_assert_cmpint (palpate_db_column_count (stmt), ==, 6);
  g_assert_cmpstr (palpate_db_column_name (stmt, 3), ==, "t");

  for (guint k = 0; k < G_N_ELEMENTS (rows); k++)
    {
      g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ROW);
      g_assert_no_error (error);
      g_assert_cmpint (palpate_db_column_count (stmt), ==, 6);
      g_assert_cmpint (palpate_db_column_int (stmt, 0), ==, k);
      g_assert_cmpint (palpate_db_column_int64 (stmt, 1), ==, rows[k].i);
      g_assert_true (palpate_db_column_double (stmt, 2) == rows[k].r);
      g_assert_cmpstr (palpate_db_column_text (stmt, 3), ==,
                       k == 0 ? unicode : k == 1 ? long_text->str : "");
      g_assert_false (palpate_db_column_is_null (stmt, 3));

      bytes = palpate_db_column_blob (stmt, 4, &size);
      g_assert_false (palpate_db_column_is_null (stmt, 4));
      if (k == 2)
        g_assert_cmpuint (size, ==, 0);
      else
        g_assert_cmpmem (bytes, size, blob, sizeof blob);

      if (k == 2)
        {
          g_assert_false (palpate_db_column_is_null (stmt, 5));
          g_assert_cmpstr (palpate_db_column_text (stmt, 5), ==, "not null");
        }
      else
        {
          g_assert_true (palpate_db_column_is_null (stmt, 5));
          g_assert_null (palpate_db_column_text (stmt, 5));
          g_assert_cmpint (palpate_db_column_int64 (stmt, 5), ==, 0);
          g_assert_null (palpate_db_column_blob (stmt, 5, &size));
          g_assert_cmpuint (size, ==, 0);
        }
    }
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_no_error (error);
}

static void
test_placeholders (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *stmt;

  if (fixture == NULL)
    return;

  /* '?' in a string, a quoted name and comments is text; the two others are parameters. */
  stmt = palpate_db_prepare (fixture->db,
                             "SELECT '?' AS q, ? AS \"what?\", 'it''s ?' /* ? */ AS r, "
                             "? AS s -- is this ?\n",
                             &error);
  g_assert_no_error (error);
  palpate_db_bind_text (stmt, 1, "first");
  palpate_db_bind_text (stmt, 2, "second ?");
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ROW);
  g_assert_no_error (error);
  g_assert_cmpstr (palpate_db_column_text (stmt, 0), ==, "?");
  g_assert_cmpstr (palpate_db_column_name (stmt, 1), ==, "what?");
  g_assert_cmpstr (palpate_db_column_text (stmt, 1), ==, "first");
  g_assert_cmpstr (palpate_db_column_text (stmt, 2), ==, "it's ?");
  g_assert_cmpstr (palpate_db_column_text (stmt, 3), ==, "second ?");

  /* ?N names a parameter by its number, as many times as needed. */
  stmt = palpate_db_prepare (fixture->db, "SELECT ?2 AS b, ?1 AS a, ?1 AS again", &error);
  g_assert_no_error (error);
  palpate_db_bind_text (stmt, 1, "left");
  palpate_db_bind_text (stmt, 2, "right");
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ROW);
  g_assert_no_error (error);
  g_assert_cmpstr (palpate_db_column_text (stmt, 0), ==, "right");
  g_assert_cmpstr (palpate_db_column_text (stmt, 1), ==, "left");
  g_assert_cmpstr (palpate_db_column_text (stmt, 2), ==, "left");
}

static void
test_numbering (void)
{
  const struct { const char *sql; const char *numbered; int n; } cases[] = {
    { "SELECT ?", "SELECT $1", 1 },
    { "UPDATE t SET a = ?, b = ? WHERE id = ?", "UPDATE t SET a = $1, b = $2 WHERE id = $3", 3 },
    { "SELECT '?', \"?\", ?", "SELECT '?', \"?\", $1", 1 },
    { "SELECT 'a''?', ?", "SELECT 'a''?', $1", 1 },
    { "SELECT E'\\'?', ?", "SELECT E'\\'?', $1", 1 },
    { "SELECT 'a\\', ?", "SELECT 'a\\', $1", 1 },
    { "SELECT ? -- ?\n, ?", "SELECT $1 -- ?\n, $2", 2 },
    { "SELECT /* ? /* ? */ ? */ ?", "SELECT /* ? /* ? */ ? */ $1", 1 },
    { "SELECT $$ ? $$, $x$ ?$$? $x$, ?", "SELECT $$ ? $$, $x$ ?$$? $x$, $1", 1 },
    { "SELECT a$b, ?", "SELECT a$b, $1", 1 },
    { "SELECT '?", "SELECT '?", 0 },
    { "SELECT ?2, ?1, ?", "SELECT $2, $1, $3", 3 },
    { "SELECT ?1 || ?1", "SELECT $1 || $1", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int n = -1;
      g_autofree char *numbered = palpate_db_number_placeholders (cases[i].sql, &n);

      g_assert_cmpstr (numbered, ==, cases[i].numbered);
      g_assert_cmpint (n, ==, cases[i].n);
    }
}

static void
test_step_after_done (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *stmt;

  if (fixture == NULL)
    return;
  create_notes (fixture);

  stmt = palpate_db_prepare (fixture->db, "INSERT INTO notes (body, score) VALUES (?, 1)",
                             &error);
  g_assert_no_error (error);
  palpate_db_bind_text (stmt, 1, "once");
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_no_error (error);

  /* Stepping on does not run the insert again. */
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM notes"), ==, 1);

  /* Nor does a query's end start it over. */
  stmt = palpate_db_prepare (fixture->db, "SELECT body FROM notes", &error);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ROW);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_no_error (error);
}

static void
test_reset_keeps_bindings (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *stmt;

  if (fixture == NULL)
    return;
  create_notes (fixture);

  stmt = palpate_db_prepare (fixture->db, "INSERT INTO notes (body, score) VALUES (?, ?)",
                             &error);
  g_assert_no_error (error);
  palpate_db_bind_text (stmt, 1, "twice");
  palpate_db_bind_int (stmt, 2, 7);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  palpate_db_reset (stmt);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_no_error (error);

  g_assert_cmpint (query_int64 (fixture->db,
                                "SELECT count(*) FROM notes WHERE body = 'twice' AND score = 7"),
                   ==, 2);

  /* A query reset in the middle of its rows starts again at the first. */
  stmt = palpate_db_prepare (fixture->db, "SELECT score FROM notes WHERE body = ?", &error);
  palpate_db_bind_text (stmt, 1, "twice");
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ROW);
  palpate_db_reset (stmt);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ROW);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ROW);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_no_error (error);
}

static void
test_changes (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *stmt;

  if (fixture == NULL)
    return;
  create_notes (fixture);

  insert_note (fixture->db, "a", 1);
  g_assert_cmpint (palpate_db_changes (fixture->db), ==, 1);
  insert_note (fixture->db, "b", 2);
  insert_note (fixture->db, "c", 3);

  stmt = palpate_db_prepare (fixture->db, "UPDATE notes SET score = score + 1 WHERE score >= ?",
                             &error);
  palpate_db_bind_int (stmt, 1, 2);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_no_error (error);
  g_assert_cmpint (palpate_db_changes (fixture->db), ==, 2);

  /* A query changes nothing, and does not change the count. */
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM notes"), ==, 3);
  g_assert_cmpint (palpate_db_changes (fixture->db), ==, 2);

  stmt = palpate_db_prepare (fixture->db, "DELETE FROM notes WHERE body = ?", &error);
  palpate_db_bind_text (stmt, 1, "nobody");
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_cmpint (palpate_db_changes (fixture->db), ==, 0);

  exec (fixture->db, "UPDATE notes SET body = body || '.'");
  g_assert_cmpint (palpate_db_changes (fixture->db), ==, 3);
}

static void
test_check_violation (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *stmt;

  if (fixture == NULL)
    return;
  create_notes (fixture);

  stmt = palpate_db_prepare (fixture->db, "INSERT INTO notes (body, score) VALUES (?, ?)",
                             &error);
  palpate_db_bind_text (stmt, 1, "out of range");
  palpate_db_bind_int (stmt, 2, 11);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ERROR);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "A value is outside what the record allows"));
  g_clear_error (&error);

  /* The statement was reset with its bindings: fixed, it runs. */
  palpate_db_bind_int (stmt, 2, 10);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM notes"), ==, 1);

  /* A mistake in the SQL shows when it is prepared. */
  g_assert_null (palpate_db_prepare (fixture->db, "SELEKT 1", &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO);
}

static void
test_savepoint (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(GError) error = NULL;

  if (fixture == NULL)
    return;
  create_notes (fixture);

  g_assert_true (palpate_db_begin (fixture->db, &error));
  g_assert_true (palpate_db_in_transaction (fixture->db));
  insert_note (fixture->db, "kept", 1);
  g_assert_true (palpate_db_savepoint (fixture->db, "palpate_1", &error));
  insert_note (fixture->db, "undone", 2);
  g_assert_true (palpate_db_rollback_to (fixture->db, "palpate_1", &error));
  g_assert_true (palpate_db_release (fixture->db, "palpate_1", &error));
  insert_note (fixture->db, "kept too", 3);
  g_assert_true (palpate_db_commit (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_false (palpate_db_in_transaction (fixture->db));

  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM notes"), ==, 2);
  g_assert_cmpint (query_int64 (fixture->db,
                                "SELECT count(*) FROM notes WHERE body = 'undone'"), ==, 0);

  /* A rolled-back transaction keeps nothing. */
  g_assert_true (palpate_db_begin (fixture->db, &error));
  insert_note (fixture->db, "dropped", 4);
  palpate_db_rollback (fixture->db);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM notes"), ==, 2);
}

/* What is to run at the commit runs with the bindings it had, after what ran before; an error
 * there fails the commit and keeps nothing; a rollback forgets it. */
static void
test_step_at_commit (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *stmt;
  gboolean kept;

  if (fixture == NULL)
    return;
  create_notes (fixture);

  g_assert_true (palpate_db_begin (fixture->db, &error));
  insert_note (fixture->db, "first", 1);
  stmt = palpate_db_prepare (fixture->db, "INSERT INTO notes (body, score) VALUES (?, ?)",
                             &error);
  g_assert_no_error (error);
  palpate_db_bind_text (stmt, 1, "second");
  palpate_db_bind_int (stmt, 2, 2);
  g_assert_true (palpate_db_step_at_commit (stmt, &error));
  palpate_db_bind_text (stmt, 1, "third");
  palpate_db_bind_int (stmt, 2, 3);
  g_assert_true (palpate_db_step_at_commit (stmt, &error));
  g_assert_true (palpate_db_commit (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_false (palpate_db_in_transaction (fixture->db));
  g_assert_cmpint (query_int64 (fixture->db,
                                "SELECT count(*) FROM notes WHERE (body, score) IN "
                                "(('first', 1), ('second', 2), ('third', 3))"), ==, 3);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT score FROM notes ORDER BY id DESC LIMIT 1"),
                   ==, 3);

  /* A rule broken at the commit: the commit fails (on SQLite the step already), and the
   * rollback keeps nothing of the transaction. */
  g_assert_true (palpate_db_begin (fixture->db, &error));
  insert_note (fixture->db, "before the broken one", 4);
  palpate_db_bind_text (stmt, 1, "broken");
  palpate_db_bind_int (stmt, 2, 99);
  kept = palpate_db_step_at_commit (stmt, &error) && palpate_db_commit (fixture->db, &error);
  g_assert_false (kept);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  palpate_db_rollback (fixture->db);
  g_assert_false (palpate_db_in_transaction (fixture->db));
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM notes"), ==, 3);

  /* Rolled back before its commit, it is forgotten: the next commit does not run it. */
  g_assert_true (palpate_db_begin (fixture->db, &error));
  palpate_db_bind_text (stmt, 1, "forgotten");
  palpate_db_bind_int (stmt, 2, 5);
  g_assert_true (palpate_db_step_at_commit (stmt, &error));
  palpate_db_rollback (fixture->db);
  g_assert_true (palpate_db_begin (fixture->db, &error));
  insert_note (fixture->db, "after", 6);
  g_assert_true (palpate_db_commit (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (fixture->db,
                                "SELECT count(*) FROM notes WHERE body = 'forgotten'"), ==, 0);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM notes"), ==, 4);

  /* A transaction that ran nothing commits, and leaves none open. */
  g_assert_true (palpate_db_begin (fixture->db, &error));
  g_assert_true (palpate_db_in_transaction (fixture->db));
  g_assert_true (palpate_db_commit (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_false (palpate_db_in_transaction (fixture->db));
}

/* What is to run with the next statement runs before it, in its round trip; an error there is
 * that statement's (on SQLite, its own at once). */
static void
test_step_with_next (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *stmt;
  gboolean ran;

  if (fixture == NULL)
    return;
  create_notes (fixture);

  g_assert_true (palpate_db_begin (fixture->db, &error));
  stmt = palpate_db_prepare (fixture->db, "INSERT INTO notes (body, score) VALUES (?, ?)",
                             &error);
  g_assert_no_error (error);
  palpate_db_bind_text (stmt, 1, "before the count");
  palpate_db_bind_int (stmt, 2, 1);
  g_assert_true (palpate_db_step_with_next (stmt, &error));
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM notes"), ==, 1);
  g_assert_true (palpate_db_commit (fixture->db, &error));
  g_assert_no_error (error);

  g_assert_true (palpate_db_begin (fixture->db, &error));
  palpate_db_bind_text (stmt, 1, "broken");
  palpate_db_bind_int (stmt, 2, 99);
  ran = palpate_db_step_with_next (stmt, &error);
  if (ran)
    {
      PalpateDbStatement *count = palpate_db_prepare (fixture->db, "SELECT count(*) FROM notes",
                                                      &error);

      g_assert_cmpint (palpate_db_step (count, &error), ==, PALPATE_DB_ERROR);
      palpate_db_reset (count);
    }
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  palpate_db_rollback (fixture->db);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM notes"), ==, 1);
}

static void
test_signed_trigger (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *stmt;

  if (fixture == NULL)
    return;

  if (fixture->kind == PALPATE_DB_SQLITE)
    exec (fixture->db,
          "CREATE TABLE visits (id INTEGER PRIMARY KEY, note TEXT, signed INTEGER);"
          "CREATE TRIGGER visits_signed BEFORE UPDATE ON visits WHEN OLD.signed = 1 "
          "BEGIN SELECT RAISE (ABORT, 'a signed visit cannot change'); END;");
  else
    exec (fixture->db,
          "CREATE TABLE visits (id integer PRIMARY KEY, note text, signed integer);"
          "CREATE FUNCTION visits_signed () RETURNS trigger LANGUAGE plpgsql AS $$ "
          "BEGIN RAISE EXCEPTION 'a signed visit cannot change'; END $$;"
          "CREATE TRIGGER visits_signed BEFORE UPDATE ON visits FOR EACH ROW "
          "WHEN (OLD.signed = 1) EXECUTE FUNCTION visits_signed ();");
  exec (fixture->db, "INSERT INTO visits VALUES (1, 'open', 0), (2, 'closed', 1)");

  stmt = palpate_db_prepare (fixture->db, "UPDATE visits SET note = ? WHERE id = ?", &error);
  palpate_db_bind_text (stmt, 1, "changed");
  palpate_db_bind_int64 (stmt, 2, 1);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_no_error (error);

  palpate_db_reset (stmt);
  palpate_db_bind_int64 (stmt, 2, 2);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ERROR);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_SIGNED);
  g_assert_cmpint (query_int64 (fixture->db,
                                "SELECT count(*) FROM visits WHERE note = 'changed'"), ==, 1);
}

/* A connection that may only read is told so, with the same code on both back ends. */
static void
test_read_only (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(PalpateDb) reader = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *read_only = NULL;
  PalpateDbStatement *stmt;

  if (fixture == NULL)
    return;
  create_notes (fixture);

  if (fixture->kind == PALPATE_DB_SQLITE)
    {
      g_assert_cmpint (sqlite3_open_v2 (fixture->path, &read_only, SQLITE_OPEN_READONLY, NULL),
                       ==, SQLITE_OK);
      sqlite3_extended_result_codes (read_only, 1);
      reader = palpate_db_new_sqlite (read_only);
    }
  else
    {
      reader = palpate_db_connect_postgresql (fixture->conninfo, &error);
      g_assert_no_error (error);
      exec (reader, "SET default_transaction_read_only = on");
    }

  stmt = palpate_db_prepare (reader, "INSERT INTO notes (body, score) VALUES (?, 1)", &error);
  g_assert_no_error (error);
  palpate_db_bind_text (stmt, 1, "not written");
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ERROR);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (query_int64 (reader, "SELECT count(*) FROM notes"), ==, 0);

  g_clear_pointer (&reader, palpate_db_free);
  if (read_only != NULL)
    sqlite3_close (read_only);
}

/* Runs @sql, prepared, and says by how much it moved the write counts of notes and tags. */
static void
assert_writes (Fixture    *fixture,
               const char *sql,
               guint64     notes,
               guint64     tags)
{
  g_autoptr(GError) error = NULL;
  guint64 notes_before = palpate_db_get_writes (fixture->db, "notes");
  guint64 tags_before = palpate_db_get_writes (fixture->db, "tags");
  PalpateDbStatement *stmt = palpate_db_prepare (fixture->db, sql, &error);

  g_assert_no_error (error);
  while (palpate_db_step (stmt, &error) == PALPATE_DB_ROW)
    ;
  g_assert_no_error (error);
  palpate_db_reset (stmt);
  g_assert_cmpuint (palpate_db_get_writes (fixture->db, "notes") - notes_before, ==, notes);
  g_assert_cmpuint (palpate_db_get_writes (fixture->db, "tags") - tags_before, ==, tags);
}

static void
test_writes_by_table (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(GError) error = NULL;
  guint64 notes, tags;

  if (fixture == NULL)
    return;
  create_notes (fixture);
  exec (fixture->db, "CREATE TABLE tags (id integer PRIMARY KEY, name text)");

  /* A statement naming a table counts for it alone, however it is spelled. */
  assert_writes (fixture, "INSERT INTO notes (body, score) VALUES ('a', 1)", 1, 0);
  assert_writes (fixture, "insert into TAGS (id, name) values (1, 'neck')", 0, 1);
  assert_writes (fixture, "UPDATE\n  tags SET name = 'back'", 0, 1);
  assert_writes (fixture, fixture->kind == PALPATE_DB_SQLITE
                          ? "DELETE FROM main.notes WHERE score > 5"
                          : "DELETE FROM public.notes WHERE score > 5", 1, 0);
  assert_writes (fixture, "SELECT count (*) FROM notes", 0, 0);
  /* What it cannot tell counts for every table. */
  assert_writes (fixture, "CREATE INDEX tags_by_name ON tags (name)", 1, 1);

  /* A transaction's own statements count nothing more; undoing one counts for every table. */
  notes = palpate_db_get_writes (fixture->db, "notes");
  tags = palpate_db_get_writes (fixture->db, "tags");
  g_assert_true (palpate_db_begin (fixture->db, &error));
  insert_note (fixture->db, "b", 2);
  g_assert_true (palpate_db_savepoint (fixture->db, "part", &error));
  g_assert_true (palpate_db_release (fixture->db, "part", &error));
  g_assert_true (palpate_db_commit (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (palpate_db_get_writes (fixture->db, "notes"), ==, notes + 1);
  g_assert_cmpuint (palpate_db_get_writes (fixture->db, "tags"), ==, tags);

  g_assert_true (palpate_db_begin (fixture->db, &error));
  g_assert_true (palpate_db_savepoint (fixture->db, "part", &error));
  insert_note (fixture->db, "c", 3);
  g_assert_true (palpate_db_rollback_to (fixture->db, "part", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (palpate_db_get_writes (fixture->db, "notes"), ==, notes + 3);
  g_assert_cmpuint (palpate_db_get_writes (fixture->db, "tags"), ==, tags + 1);
  palpate_db_rollback (fixture->db);
  g_assert_cmpuint (palpate_db_get_writes (fixture->db, "tags"), ==, tags + 2);

  /* So does SQL run as it is. */
  exec (fixture->db, "UPDATE notes SET score = 0");
  g_assert_cmpuint (palpate_db_get_writes (fixture->db, "tags"), ==, tags + 3);
}

static void
add_both (const char   *name,
          GTestDataFunc test)
{
  g_autofree char *on_sqlite = g_strdup_printf ("/Palpate/Db/sqlite/%s", name);
  g_autofree char *on_server = g_strdup_printf ("/Palpate/Db/postgresql/%s", name);

  g_test_add_data_func (on_sqlite, GINT_TO_POINTER (PALPATE_DB_SQLITE), test);
  g_test_add_data_func (on_server, GINT_TO_POINTER (PALPATE_DB_POSTGRESQL), test);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/Db/numbering", test_numbering);
  add_both ("returning-id", test_returning_id);
  add_both ("types", test_types);
  add_both ("placeholders", test_placeholders);
  add_both ("step-after-done", test_step_after_done);
  add_both ("reset-keeps-bindings", test_reset_keeps_bindings);
  add_both ("changes", test_changes);
  add_both ("check-violation", test_check_violation);
  add_both ("savepoint", test_savepoint);
  add_both ("step-at-commit", test_step_at_commit);
  add_both ("step-with-next", test_step_with_next);
  add_both ("signed-trigger", test_signed_trigger);
  add_both ("read-only", test_read_only);
  add_both ("writes-by-table", test_writes_by_table);

  test_db_add_session_tests ();

  return g_test_run ();
}
