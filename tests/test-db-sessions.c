/* test-db-sessions.c — the clinic server's sessions: a commit after an error, two rooms on one
 * row, a session lost at every point of a transaction, no server at all, and statements the
 * server plans with their values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "test-db-private.h"

/* After an error in a transaction, PostgreSQL keeps nothing of it: COMMIT says so rather than
 * rolling back in silence. */
static void
test_commit_after_error (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *stmt;

  if (fixture == NULL)
    return;
  create_notes (fixture);

  g_assert_true (palpate_db_begin (fixture->db, &error));
  insert_note (fixture->db, "first half", 1);
  stmt = palpate_db_prepare (fixture->db, "INSERT INTO notes (body, score) VALUES ('x', 99)",
                             &error);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ERROR);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (palpate_db_commit (fixture->db, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO);
  g_assert_false (palpate_db_in_transaction (fixture->db));
  g_assert_cmpint (query_int64 (fixture->db, "SELECT count(*) FROM notes"), ==, 0);
}

/* Two rooms change the same row in REPEATABLE READ transactions: the one that commits second
 * is told to try again. */
static void
test_conflict (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(PalpateDb) other = NULL;
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *stmt;

  if (fixture == NULL)
    return;
  exec (fixture->db, "CREATE TABLE counters (id integer PRIMARY KEY, n integer NOT NULL);"
                     "INSERT INTO counters VALUES (1, 0)");
  other = palpate_db_connect_postgresql (fixture->conninfo, &error);
  g_assert_no_error (error);

  exec (fixture->db, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  exec (other, "BEGIN ISOLATION LEVEL REPEATABLE READ");
  g_assert_cmpint (query_int64 (fixture->db, "SELECT n FROM counters WHERE id = 1"), ==, 0);
  g_assert_cmpint (query_int64 (other, "SELECT n FROM counters WHERE id = 1"), ==, 0);

  exec (fixture->db, "UPDATE counters SET n = n + 1 WHERE id = 1");
  g_assert_true (palpate_db_commit (fixture->db, &error));
  g_assert_no_error (error);

  stmt = palpate_db_prepare (other, "UPDATE counters SET n = n + ? WHERE id = 1", &error);
  g_assert_no_error (error);
  palpate_db_bind_int (stmt, 1, 10);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ERROR);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==,
                   "Another room changed this at the same moment; try again.");
  g_clear_error (&error);
  palpate_db_rollback (other);

  /* Tried again, it sees the first room's change and adds to it. */
  g_assert_true (palpate_db_begin (other, &error));
  palpate_db_reset (stmt);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_DONE);
  g_assert_true (palpate_db_commit (other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int64 (fixture->db, "SELECT n FROM counters WHERE id = 1"), ==, 11);
}

/* Ends the session of @victim from another one, and waits until it is gone. */
static void
terminate_session (Fixture   *fixture,
                   PalpateDb *victim)
{
  g_autoptr(PalpateDb) other = NULL;
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *stmt;
  gint64 pid = query_int64 (victim, "SELECT pg_backend_pid ()");

  other = palpate_db_connect_postgresql (fixture->conninfo, &error);
  g_assert_no_error (error);
  stmt = palpate_db_prepare (other, "SELECT pg_terminate_backend (?, 5000)", &error);
  g_assert_no_error (error);
  palpate_db_bind_int64 (stmt, 1, pid);
  g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ROW);
  g_assert_no_error (error);
  g_assert_true (palpate_db_column_int (stmt, 0));
}

/* In a transaction whose session was lost: the insert fails as unreachable, and so does the
 * commit, until the caller rolls back. */
static void
insert_in_lost_transaction (PalpateDb  *db,
                            const char *body,
                            int         score)
{
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *insert;

  insert = palpate_db_prepare (db, "INSERT INTO notes (body, score) VALUES (?, ?) RETURNING id",
                               &error);
  g_assert_no_error (error);
  palpate_db_bind_text (insert, 1, body);
  palpate_db_bind_int (insert, 2, score);
  g_assert_cmpint (palpate_db_step (insert, &error), ==, PALPATE_DB_ERROR);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_false (palpate_db_commit (db, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE);
}

/* Runs the statement counting the notes, with the bindings it has, and gives its count. */
static gint64
step_count (PalpateDbStatement *count)
{
  g_autoptr(GError) error = NULL;
  gint64 n;

  g_assert_cmpint (palpate_db_step (count, &error), ==, PALPATE_DB_ROW);
  g_assert_no_error (error);
  n = palpate_db_column_int64 (count, 0);
  palpate_db_reset (count);
  return n;
}

static void
test_terminated (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *count;
  PalpateDbStatement *insert;

  if (fixture == NULL)
    return;
  create_notes (fixture);
  insert_note (fixture->db, "before", 1);

  count = palpate_db_prepare (fixture->db, "SELECT count(*) FROM notes WHERE score >= ?",
                              &error);
  palpate_db_bind_int (count, 1, 0);
  g_assert_cmpint (step_count (count), ==, 1);

  terminate_session (fixture, fixture->db);

  g_assert_cmpint (palpate_db_step (count, &error), ==, PALPATE_DB_ERROR);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE);
  g_assert_cmpstr (error->message, ==,
                   "The clinic server cannot be reached. Your changes stay on screen and are "
                   "saved when it answers again.");
  g_clear_error (&error);

  /* The next step makes a new session; the cached statement, bindings and all, runs on it. */
  g_assert_cmpint (palpate_db_step (count, &error), ==, PALPATE_DB_ROW);
  g_assert_no_error (error);
  g_assert_cmpint (palpate_db_column_int64 (count, 0), ==, 1);
  g_assert_true (palpate_db_prepare (fixture->db, "SELECT count(*) FROM notes WHERE score >= ?",
                                     &error) == count);

  /* A transaction the lost session had open is gone: nothing runs, and above all nothing
   * commits, until the caller has rolled it back. */
  g_assert_true (palpate_db_begin (fixture->db, &error));
  insert_note (fixture->db, "lost", 2);
  terminate_session (fixture, fixture->db);

  insert_in_lost_transaction (fixture->db, "after", 3);
  palpate_db_rollback (fixture->db);
  palpate_db_reset (count);
  palpate_db_bind_int (count, 1, 0);   /* prepare () above gave it back without bindings */
  g_assert_cmpint (step_count (count), ==, 1);

  /* Lost before the transaction's first statement, which carries its BEGIN: the same. */
  terminate_session (fixture, fixture->db);
  g_assert_true (palpate_db_begin (fixture->db, &error));
  insert_in_lost_transaction (fixture->db, "lost with its begin", 4);
  palpate_db_rollback (fixture->db);

  /* Lost before the commit, with what waits for it: nothing of it is kept. */
  g_assert_true (palpate_db_begin (fixture->db, &error));
  insert_note (fixture->db, "sent before the loss", 5);
  insert = palpate_db_prepare (fixture->db, "INSERT INTO notes (body, score) VALUES (?, ?)",
                               &error);
  palpate_db_bind_text (insert, 1, "waiting for the commit");
  palpate_db_bind_int (insert, 2, 6);
  g_assert_true (palpate_db_step_at_commit (insert, &error));
  terminate_session (fixture, fixture->db);
  g_assert_false (palpate_db_commit (fixture->db, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_true (palpate_db_in_transaction (fixture->db));
  palpate_db_rollback (fixture->db);

  palpate_db_bind_int (count, 1, 0);
  g_assert_cmpint (step_count (count), ==, 1);

  /* Lost as a statement is first prepared, before anything of the transaction was sent: once
   * rolled back, the next transaction runs. */
  terminate_session (fixture, fixture->db);
  g_assert_true (palpate_db_begin (fixture->db, &error));
  g_assert_null (palpate_db_prepare (fixture->db, "DELETE FROM notes WHERE score = ?", &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);
  palpate_db_rollback (fixture->db);
  g_assert_true (palpate_db_begin (fixture->db, &error));
  insert_note (fixture->db, "after the lost prepare", 7);
  g_assert_true (palpate_db_commit (fixture->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (step_count (count), ==, 2);

  /* The server away as the transaction's first statement would carry its BEGIN, and back
   * before the next: that one fails too, and nothing commits until the rollback. */
  {
    g_autoptr(PalpateDb) admin = NULL;
    g_autofree char *name = NULL;
    g_autofree char *refuse = NULL;
    g_autofree char *allow = NULL;
    g_autofree char *terminate = NULL;
    PalpateDbStatement *current = palpate_db_prepare (fixture->db, "SELECT current_database ()",
                                                      &error);

    /* From the server's own database: a database cannot refuse its own sessions. */
    g_assert_cmpint (palpate_db_step (current, &error), ==, PALPATE_DB_ROW);
    name = g_strdup (palpate_db_column_text (current, 0));
    palpate_db_reset (current);
    refuse = g_strdup_printf ("ALTER DATABASE \"%s\" ALLOW_CONNECTIONS false", name);
    allow = g_strdup_printf ("ALTER DATABASE \"%s\" ALLOW_CONNECTIONS true", name);
    terminate = g_strdup_printf ("SELECT pg_terminate_backend (%" G_GINT64_FORMAT ", 5000)",
                                 query_int64 (fixture->db, "SELECT pg_backend_pid ()"));
    admin = palpate_db_connect_postgresql (g_getenv ("PALPATE_TEST_POSTGRESQL"), &error);
    g_assert_no_error (error);
    exec (admin, refuse);
    g_assert_cmpint (query_int64 (admin, terminate), ==, 1);
    g_assert_cmpint (palpate_db_step (count, &error), ==, PALPATE_DB_ERROR);
    g_clear_error (&error);
    g_assert_true (palpate_db_begin (fixture->db, &error));
    insert = palpate_db_prepare (fixture->db,
                                 "INSERT INTO notes (body, score) VALUES (?, ?) RETURNING id",
                                 &error);
    g_assert_no_error (error);
    palpate_db_bind_text (insert, 1, "while away");
    palpate_db_bind_int (insert, 2, 8);
    g_assert_cmpint (palpate_db_step (insert, &error), ==, PALPATE_DB_ERROR);
    g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE);
    g_clear_error (&error);
    exec (admin, allow);
    insert_in_lost_transaction (fixture->db, "after the server came back", 9);
    palpate_db_rollback (fixture->db);
    g_assert_cmpint (step_count (count), ==, 2);
  }
}

static void
test_no_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = palpate_test_make_tmpdir ();
  g_autofree char *conninfo = g_strdup_printf ("host=%s port=1 dbname=clinic "
                                               "connect_timeout=5", folder);

  g_assert_null (palpate_db_connect_postgresql (conninfo, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE);
  g_rmdir (folder);
}

/* Runs @sql, with @text for its parameter, seven times (the server settles on a generic plan
 * after five), the last in a transaction, whose first statement goes with its BEGIN; returns
 * the plans the server made for the prepared statement. */
static gint64
plans_of_prepared (Fixture    *fixture,
                   const char *sql,
                   const char *text,
                   gboolean    each_run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *numbered = NULL;
  g_autofree char *plans = NULL;
  PalpateDbStatement *stmt = palpate_db_prepare (fixture->db, sql, &error);
  int n_params;

  g_assert_no_error (error);
  if (each_run)
    palpate_db_plan_each_run (stmt);
  for (int run = 0; run < 7; run++)
    {
      if (run == 6)
        g_assert_true (palpate_db_begin (fixture->db, &error));
      palpate_db_bind_text (stmt, 1, text);
      g_assert_cmpint (palpate_db_step (stmt, &error), ==, PALPATE_DB_ROW);
      g_assert_no_error (error);
      g_assert_cmpint (palpate_db_column_int64 (stmt, 0), ==, 1);
      palpate_db_reset (stmt);
    }
  g_assert_true (palpate_db_commit (fixture->db, &error));
  g_assert_no_error (error);

  numbered = palpate_db_number_placeholders (sql, &n_params);
  g_assert_cmpint (n_params, ==, 1);
  plans = g_strdup_printf ("SELECT COALESCE (sum (generic_plans + custom_plans), 0) "
                           "FROM pg_prepared_statements WHERE statement = '%s'", numbered);
  return query_int64 (fixture->db, plans);
}

/* A statement planned with its values at each run is run unnamed: the server keeps no plan of
 * it. The others it plans as a prepared statement. */
static void
test_plan_each_run (gconstpointer data)
{
  g_autoptr(Fixture) fixture = fixture_new (data);

  if (fixture == NULL)
    return;
  create_notes (fixture);
  insert_note (fixture->db, "neck", 2);
  insert_note (fixture->db, "low back", 5);

  g_assert_cmpint (plans_of_prepared (fixture, "SELECT count (*) FROM notes WHERE body = ?",
                                      "neck", FALSE), ==, 7);
  g_assert_cmpint (plans_of_prepared (fixture, "SELECT count (*) FROM notes WHERE body LIKE ?",
                                      "%back%", TRUE), ==, 0);
}

void
test_db_add_session_tests (void)
{
  g_test_add_func ("/Palpate/Db/postgresql/no-server", test_no_server);
  g_test_add_data_func ("/Palpate/Db/postgresql/commit-after-error",
                        GINT_TO_POINTER (PALPATE_DB_POSTGRESQL), test_commit_after_error);
  g_test_add_data_func ("/Palpate/Db/postgresql/conflict",
                        GINT_TO_POINTER (PALPATE_DB_POSTGRESQL), test_conflict);
  g_test_add_data_func ("/Palpate/Db/postgresql/terminated",
                        GINT_TO_POINTER (PALPATE_DB_POSTGRESQL), test_terminated);
  g_test_add_data_func ("/Palpate/Db/postgresql/plan-each-run",
                        GINT_TO_POINTER (PALPATE_DB_POSTGRESQL), test_plan_each_run);
}
