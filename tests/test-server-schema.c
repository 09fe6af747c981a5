/* test-server-schema.c — the clinic's schema on a PostgreSQL server: it is made on an empty
 * database and says its version; it has the clinic file's tables and columns, so that a real
 * clinic's rows copy one to one; identities continue after copied ids; the clients' search uses
 * its trigram index; a refusal is told in words. Its rules are in test-server-schema-rules.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-demo-clinic.h"
#include "palpate-server-schema.h"
#include "palpate-store-private.h"
#include "palpate-test-server.h"
#include "test-server-schema-private.h"

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->conninfo = palpate_test_server_new_database ();
  if (fixture->conninfo == NULL)
    return;
  fixture->conn = PQconnectdb (fixture->conninfo);
  g_assert_cmpint (PQstatus (fixture->conn), ==, CONNECTION_OK);
  run_ok (fixture->conn, "SET client_min_messages = warning");
}

void
fixture_set_up_clinic (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture_set_up (fixture, user_data);
  if (fixture->conn == NULL)
    return;
  run_ok (fixture->conn, "BEGIN");
  g_assert_true (palpate_server_schema_create (fixture->conn, &error));
  g_assert_no_error (error);
  run_ok (fixture->conn, "COMMIT");
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->conn, PQfinish);
  palpate_test_server_drop_database (fixture->conninfo);
  g_free (fixture->conninfo);
}

void
run_ok (PGconn     *conn,
        const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s\nfailed: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
}

/* The statement fails, with @phrase in the server's message and the SQLSTATE @sqlstate. */
void
run_refused (PGconn     *conn,
             const char *sql,
             const char *phrase,
             const char *sqlstate)
{
  PGresult *result = PQexec (conn, sql);
  const char *message = PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY);

  if (PQresultStatus (result) != PGRES_FATAL_ERROR)
    g_error ("%s\nwas not refused", sql);
  g_assert_nonnull (message);
  if (strstr (message, phrase) == NULL)
    g_error ("%s\nwas refused with “%s”, which does not say “%s”", sql, message, phrase);
  g_assert_cmpstr (PQresultErrorField (result, PG_DIAG_SQLSTATE), ==, sqlstate);
  PQclear (result);
}

/* The first value of the first row, or NULL for SQL NULL. */
char *
query_value (PGconn     *conn,
             const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  char *value = NULL;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s\nfailed: %s", sql, PQresultErrorMessage (result));
  g_assert_cmpint (PQntuples (result), >=, 1);
  if (!PQgetisnull (result, 0, 0))
    value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return value;
}

static void
test_create_and_version (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *n_techniques = NULL;
  g_autofree char *next_technique = NULL;
  PGconn *conn = fixture->conn;

  if (conn == NULL)
    return;

  g_assert_cmpint (palpate_server_schema_version (conn, &error), ==, 0);
  g_assert_no_error (error);

  /* Only inside the caller's transaction, so that a failure leaves nothing behind. */
  g_test_expect_message ("palpate-store", G_LOG_LEVEL_CRITICAL, "*PQTRANS_INTRANS*");
  g_assert_false (palpate_server_schema_create (conn, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);

  run_ok (conn, "BEGIN");
  g_assert_true (palpate_server_schema_create_tables (conn, &error));
  g_assert_no_error (error);
  /* Tables without their rules are not yet a clinic. */
  g_assert_cmpint (palpate_server_schema_version (conn, &error), ==, 0);
  g_assert_no_error (error);
  run_ok (conn, "ROLLBACK");

  run_ok (conn, "BEGIN");
  g_assert_true (palpate_server_schema_create (conn, &error));
  g_assert_no_error (error);
  run_ok (conn, "COMMIT");
  g_assert_cmpint (palpate_server_schema_version (conn, &error), ==, PALPATE_STORE_SCHEMA_VERSION);
  g_assert_no_error (error);

  /* A new clinic starts with the built-in techniques, as a new file does. */
  n_techniques = query_value (conn, "SELECT count(*) FROM techniques WHERE builtin = 1");
  g_assert_cmpstr (n_techniques, ==, "7");
  next_technique = query_value (conn, "INSERT INTO techniques (name) VALUES ('Hot stones') "
                                      "RETURNING id");
  g_assert_cmpstr (next_technique, ==, "8");

  /* Twice is refused, in words. */
  run_ok (conn, "BEGIN");
  g_assert_false (palpate_server_schema_create (conn, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_PALPATE);
  g_assert_null (strstr (error->message, "CREATE"));
  g_assert_nonnull (strstr (error->message, "database of its own"));
  run_ok (conn, "ROLLBACK");
  g_clear_error (&error);
  g_assert_cmpint (palpate_server_schema_version (conn, &error), ==, PALPATE_STORE_SCHEMA_VERSION);
  g_assert_no_error (error);
}

/* A database of someone else's with a table named schema_version is not a clinic. */
static void
test_version_of_other_database (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  PGconn *conn = fixture->conn;

  if (conn == NULL)
    return;
  run_ok (conn, "CREATE TABLE schema_version (version integer); "
                "INSERT INTO schema_version VALUES (12)");
  g_assert_cmpint (palpate_server_schema_version (conn, &error), ==, 0);
  g_assert_no_error (error);
}

static gint64
file_first_id (PalpateStore *store,
               const char   *sql)
{
  sqlite3_stmt *stmt;
  gint64 id;

  g_assert_cmpint (sqlite3_prepare_v2 (palpate_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/* What the demo lacks, written by the store: an amendment that corrects a part of a note, a
 * consent withdrawn, an accepted health history, a treatment plan with a reassessment day. */
static void
add_records_of_every_kind (PalpateStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateAmendment) amendment = palpate_amendment_new ();
  g_autoptr(PalpateConsent) consent = palpate_consent_new ();
  g_autoptr(PalpateHealthHistory) history = palpate_health_history_new ();
  g_autoptr(PalpateTreatmentPlan) plan = NULL;
  const char *conditions[] = { "high-blood-pressure", NULL };
  gint64 client_id = file_first_id (store, "SELECT min (id) FROM clients");
  gint64 visit_id = file_first_id (store, "SELECT min (id) FROM visits WHERE status = 'signed'");

  palpate_amendment_set_visit_id (amendment, visit_id);
  palpate_amendment_set_author (amendment, "Test Therapist");
  palpate_amendment_set_text (amendment, "Stretch the right side twice a day.");
  palpate_amendment_set_part (amendment, PALPATE_NOTE_PART_HOME_CARE);
  palpate_amendment_set_reason (amendment, "Wrong side");
  g_assert_true (palpate_store_add_amendment (store, amendment, &error));
  g_assert_no_error (error);

  consent->client_id = client_id;
  consent->kind = PALPATE_CONSENT_TREATMENT;
  consent->explained = PALPATE_EXPLAINED_RISKS | PALPATE_EXPLAINED_WITHDRAW;
  g_assert_true (palpate_store_add_consent (store, consent, &error));
  g_assert_true (palpate_store_withdraw_consent (store, consent->id, &error));
  g_assert_no_error (error);

  palpate_health_history_set_client_id (history, client_id);
  palpate_health_history_set_text (history, PALPATE_HISTORY_MEDICATIONS, "Ramipril 5 mg daily");
  palpate_health_history_set_conditions (history, conditions);
  palpate_health_history_set_pregnancy (history, PALPATE_PREGNANCY_NO);
  g_assert_true (palpate_store_add_health_history (store, history, &error));
  g_assert_true (palpate_store_accept_health_history (store,
                                                      palpate_health_history_get_id (history),
                                                      &error));
  g_assert_no_error (error);

  plan = palpate_treatment_plan_new (client_id);
  g_date_set_dmy (&plan->reassess_on, 2, 3, 2027);
  g_assert_true (palpate_store_save_treatment_plan (store, plan, &error));
  g_assert_no_error (error);
}

/* A real clinic file as the store makes it, read with SQLite itself. */
static sqlite3 *
open_clinic_file (char **tmpdir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PalpateStore *store;
  sqlite3 *db = NULL;

  *tmpdir = g_dir_make_tmp ("palpate-server-schema-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*tmpdir, "clinic.sqlite3", NULL);
  store = palpate_store_open (path, &error);
  g_assert_no_error (error);
  palpate_store_set_actor (store, "Test Therapist");
  g_assert_true (palpate_demo_clinic_write (store, PALPATE_DEMO_SMALL, 3,
                                            palpate_atlas_place_in_region,
                                            palpate_atlas_get_default (), &error));
  g_assert_no_error (error);
  add_records_of_every_kind (store);
  g_assert_finalize_object (store);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static void
remove_clinic_file (sqlite3    *db,
                    const char *tmpdir)
{
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  sqlite3_close (db);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (tmpdir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (tmpdir);
}

/* The file's tables but its FTS5 search tables, by name. */
static GPtrArray *
file_tables (sqlite3 *db)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'clients\\_search%' ESCAPE '\\' "
                                       "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                                       "ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return names;
}

static const char *
server_type (const char *file_type)
{
  if (g_str_equal (file_type, "INTEGER"))
    return "bigint";
  if (g_str_equal (file_type, "TEXT"))
    return "text";
  if (g_str_equal (file_type, "REAL"))
    return "double precision";
  if (g_str_equal (file_type, "BLOB"))
    return "bytea";
  return file_type;
}

/* Every table of the file has one of the same name on the server, with the same columns in the
 * same order, of the matching types, NOT NULL and with a default where the file's are; the
 * server has no other table but schema_version. */
static void
test_same_tables (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) tables = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *n_server_tables = NULL;
  PGconn *conn = fixture->conn;
  sqlite3 *db;

  if (conn == NULL)
    return;
  db = open_clinic_file (&tmpdir);
  tables = file_tables (db);
  g_assert_cmpuint (tables->len, ==, 22);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = tables->pdata[i];
      const char *param[] = { table };
      g_autoptr(GString) file_columns = g_string_new (NULL);
      g_autoptr(GString) server_columns = g_string_new (NULL);
      sqlite3_stmt *stmt;
      PGresult *result;

      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "SELECT name, type, \"notnull\" OR pk > 0, "
                                           "  dflt_value IS NOT NULL "
                                           "FROM pragma_table_info (?1) ORDER BY cid",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (file_columns, "%s %s%s%s, ", sqlite3_column_text (stmt, 0),
                                server_type ((const char *) sqlite3_column_text (stmt, 1)),
                                sqlite3_column_int (stmt, 2) ? " not null" : "",
                                sqlite3_column_int (stmt, 3) ? " default" : "");
      sqlite3_finalize (stmt);

      /* An identity column is the file's INTEGER PRIMARY KEY, which has no default there. */
      result = PQexecParams (conn,
                             "SELECT column_name, data_type, is_nullable = 'NO', "
                             "  column_default IS NOT NULL "
                             "FROM information_schema.columns "
                             "WHERE table_schema = current_schema () AND table_name = $1 "
                             "ORDER BY ordinal_position",
                             1, NULL, param, NULL, NULL, 0);
      g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
      for (int row = 0; row < PQntuples (result); row++)
        g_string_append_printf (server_columns, "%s %s%s%s, ", PQgetvalue (result, row, 0),
                                PQgetvalue (result, row, 1),
                                g_str_equal (PQgetvalue (result, row, 2), "t") ? " not null" : "",
                                g_str_equal (PQgetvalue (result, row, 3), "t") ? " default" : "");
      PQclear (result);

      g_test_message ("%s: %s", table, file_columns->str);
      g_assert_cmpstr (server_columns->str, ==, file_columns->str);
    }

  n_server_tables = query_value (conn,
                                 "SELECT count(*) FROM information_schema.tables "
                                 "WHERE table_schema = current_schema () "
                                 "  AND table_name <> 'schema_version'");
  g_assert_cmpint (atoi (n_server_tables), ==, tables->len);

  remove_clinic_file (db, tmpdir);
}

/* Every row of a demo clinic's file, copied with SELECT * and a plain INSERT between the
 * tables and the rules; then the rules hold on the copied rows. */
static void
test_file_rows_copy (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *signed_visit = NULL;
  g_autofree char *refusal = NULL;
  PGconn *conn = fixture->conn;
  sqlite3 *db;

  if (conn == NULL)
    return;
  db = open_clinic_file (&tmpdir);
  tables = file_tables (db);

  run_ok (conn, "BEGIN");
  g_assert_true (palpate_server_schema_create_tables (conn, &error));
  g_assert_no_error (error);
  run_ok (conn, "SET CONSTRAINTS ALL DEFERRED");

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = tables->pdata[i];
      g_autofree char *select = g_strdup_printf ("SELECT * FROM %s", table);
      g_autoptr(GString) insert = g_string_new (NULL);
      g_autofree char *n_server = NULL;
      g_autofree char *count = NULL;
      sqlite3_stmt *stmt;
      int n_columns;
      int n_rows = 0;

      g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL), ==, SQLITE_OK);
      n_columns = sqlite3_column_count (stmt);
      g_string_printf (insert, "INSERT INTO %s VALUES (", table);
      for (int c = 0; c < n_columns; c++)
        g_string_append_printf (insert, "%s$%d", c > 0 ? ", " : "", c + 1);
      g_string_append (insert, ")");

      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autofree const char **values = g_new0 (const char *, n_columns);
          PGresult *result;

          for (int c = 0; c < n_columns; c++)
            values[c] = (const char *) sqlite3_column_text (stmt, c);
          result = PQexecParams (conn, insert->str, n_columns, NULL, values, NULL, NULL, 0);
          if (PQresultStatus (result) != PGRES_COMMAND_OK)
            g_error ("A row of %s was refused: %s", table, PQresultErrorMessage (result));
          PQclear (result);
          n_rows++;
        }
      sqlite3_finalize (stmt);

      count = g_strdup_printf ("SELECT count(*) FROM %s", table);
      n_server = query_value (conn, count);
      g_assert_cmpint (atoi (n_server), ==, n_rows);
      g_test_message ("%s: %d rows", table, n_rows);
    }

  g_assert_true (palpate_server_schema_create_rules (conn, &error));
  g_assert_no_error (error);
  run_ok (conn, "COMMIT");
  g_assert_cmpint (palpate_server_schema_version (conn, &error), ==, PALPATE_STORE_SCHEMA_VERSION);

  /* The demo has signed visits, sealed; the copies are as protected as the originals. */
  signed_visit = query_value (conn, "SELECT min (id) FROM visits WHERE status = 'signed' "
                                    "AND seal IS NOT NULL");
  g_assert_nonnull (signed_visit);
  refusal = g_strdup_printf ("UPDATE visits SET plan = 'x' WHERE id = %s", signed_visit);
  run_refused (conn, refusal, "signed visit", "23001");
  run_refused (conn, "DELETE FROM audit_log", "audit log", "23001");

  remove_clinic_file (db, tmpdir);
}

/* After the copy, each table's next id comes after the largest copied one. */
static void
test_identities_continue (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *client = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *therapist = NULL;
  PGconn *conn = fixture->conn;

  if (conn == NULL)
    return;

  run_ok (conn, "BEGIN");
  g_assert_true (palpate_server_schema_create_tables (conn, &error));
  g_assert_no_error (error);
  run_ok (conn,
          "INSERT INTO clients (id, name, created_at) VALUES (41, 'Ann', 0), (3, 'Bo', 0);"
          "INSERT INTO audit_log (id, at, actor, action, entity, prev_hash, hash) "
          "  VALUES (7, 0, 'Tess', 'add', 'client', '', 'abc')");
  g_assert_true (palpate_server_schema_create_rules (conn, &error));
  g_assert_no_error (error);
  run_ok (conn, "COMMIT");

  client = query_value (conn, "INSERT INTO clients (name, created_at) VALUES ('Cy', 0) "
                              "RETURNING id");
  g_assert_cmpstr (client, ==, "42");
  entry = query_value (conn, "INSERT INTO audit_log (at, actor, action, entity, prev_hash, hash) "
                             "VALUES (1, 'Tess', 'add', 'client', 'abc', 'def') RETURNING id");
  g_assert_cmpstr (entry, ==, "8");
  /* An empty table starts at 1. */
  therapist = query_value (conn, "INSERT INTO therapists (name, created_at) VALUES ('Tess', 0) "
                                 "RETURNING id");
  g_assert_cmpstr (therapist, ==, "1");
}

/* 10,000 clients; a search for part of a name is answered from the trigram index. */
static void
test_search_uses_index (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GString) plan = g_string_new (NULL);
  g_autofree char *n_found = NULL;
  PGconn *conn = fixture->conn;
  PGresult *result;

  if (conn == NULL)
    return;

  run_ok (conn,
          "INSERT INTO clients (name, phone, search_text, created_at) "
          "SELECT name, phone, lower (name) || ' ' || phone, 0 FROM "
          "  (SELECT CASE WHEN i % 1000 = 0 THEN 'Joanna Client ' || i "
          "          ELSE 'Client ' || i END AS name, "
          "          '555-' || lpad (i::text, 5, '0') AS phone "
          "   FROM generate_series (1, 10000) AS i) AS made;"
          "ANALYZE clients");

  result = PQexec (conn, "EXPLAIN SELECT id FROM clients WHERE search_text ILIKE '%ann%'");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  for (int row = 0; row < PQntuples (result); row++)
    g_string_append_printf (plan, "%s\n", PQgetvalue (result, row, 0));
  PQclear (result);
  g_test_message ("%s", plan->str);
  g_assert_nonnull (strstr (plan->str, "Index Scan on clients_search"));
  g_assert_null (strstr (plan->str, "Seq Scan"));

  n_found = query_value (conn, "SELECT count(*) FROM clients WHERE search_text ILIKE '%ann%'");
  g_assert_cmpstr (n_found, ==, "10");
}

/* A role that may not create tables hears so in a sentence, not in SQL. */
static void
test_refusal_in_words (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *role = NULL;
  g_autofree char *create_role = NULL;
  g_autofree char *drop_role = NULL;
  g_autofree char *conninfo = NULL;
  PGconn *conn;

  if (fixture->conn == NULL)
    return;

  role = g_strdup_printf ("%s_reader", PQdb (fixture->conn));
  create_role = g_strdup_printf ("CREATE ROLE %s LOGIN", role);
  drop_role = g_strdup_printf ("DROP ROLE %s", role);
  run_ok (fixture->conn, create_role);
  conninfo = g_strdup_printf ("%s user=%s", fixture->conninfo, role);

  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  g_assert_cmpint (palpate_server_schema_version (conn, &error), ==, 0);
  g_assert_no_error (error);
  run_ok (conn, "BEGIN");
  g_assert_false (palpate_server_schema_create (conn, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "may not create tables"));
  g_assert_null (strstr (error->message, "permission denied"));
  g_assert_null (strstr (error->message, "CREATE TABLE"));
  run_ok (conn, "ROLLBACK");
  g_clear_error (&error);

  /* Nor may it read the clinic's tables once the owner has made them. */
  run_ok (fixture->conn, "BEGIN");
  g_assert_true (palpate_server_schema_create (fixture->conn, &error));
  g_assert_no_error (error);
  run_ok (fixture->conn, "COMMIT");
  g_assert_cmpint (palpate_server_schema_version (conn, &error), ==, 0);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "may not read the clinic’s tables"));
  PQfinish (conn);

  run_ok (fixture->conn, drop_role);
}

/* A role that may create tables but not add extensions to the database hears which one the
 * clinic needs. */
static void
test_extension_refusal_in_words (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *role = NULL;
  g_autofree char *create_role = NULL;
  g_autofree char *drop_role = NULL;
  g_autofree char *conninfo = NULL;
  PGconn *conn;

  if (fixture->conn == NULL)
    return;

  role = g_strdup_printf ("%s_writer", PQdb (fixture->conn));
  create_role = g_strdup_printf ("CREATE ROLE %s LOGIN; GRANT CREATE ON SCHEMA public TO %s",
                                 role, role);
  drop_role = g_strdup_printf ("DROP OWNED BY %s; DROP ROLE %s", role, role);
  run_ok (fixture->conn, create_role);
  conninfo = g_strdup_printf ("%s user=%s", fixture->conninfo, role);

  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  run_ok (conn, "BEGIN");
  g_assert_false (palpate_server_schema_create (conn, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "may not add the pg_trgm extension"));
  run_ok (conn, "ROLLBACK");
  PQfinish (conn);

  run_ok (fixture->conn, drop_role);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/Palpate/ServerSchema/create-and-version", Fixture, NULL,
              fixture_set_up, test_create_and_version, fixture_tear_down);
  g_test_add ("/Palpate/ServerSchema/version-of-other-database", Fixture, NULL,
              fixture_set_up, test_version_of_other_database, fixture_tear_down);
  g_test_add ("/Palpate/ServerSchema/same-tables", Fixture, NULL,
              fixture_set_up_clinic, test_same_tables, fixture_tear_down);
  g_test_add ("/Palpate/ServerSchema/file-rows-copy", Fixture, NULL,
              fixture_set_up, test_file_rows_copy, fixture_tear_down);
  g_test_add ("/Palpate/ServerSchema/identities-continue", Fixture, NULL,
              fixture_set_up, test_identities_continue, fixture_tear_down);
  g_test_add ("/Palpate/ServerSchema/search-uses-index", Fixture, NULL,
              fixture_set_up_clinic, test_search_uses_index, fixture_tear_down);
  g_test_add ("/Palpate/ServerSchema/refusal-in-words", Fixture, NULL,
              fixture_set_up, test_refusal_in_words, fixture_tear_down);
  g_test_add ("/Palpate/ServerSchema/extension-refusal-in-words", Fixture, NULL,
              fixture_set_up, test_extension_refusal_in_words, fixture_tear_down);
  add_rule_tests ();

  return g_test_run ();
}
