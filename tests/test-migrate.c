/* test-migrate.c — a clinic moved onto a clinic server and back: the demo clinic copied to a
 * real PostgreSQL server and into a new file is the same clinic row by row, its chain and
 * seals verify, the server keeps its rules; and every refusal leaves both sides as they were
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-demo-clinic.h"
#include "palpate-migrate.h"
#include "palpate-store.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"

typedef struct
{
  char *tmpdir;
  char *clinic;       /* the demo clinic file */
  char *conninfo;     /* an empty database on the test server, or NULL (skipped) */
} Fixture;

/* The demo clinic is written once (slow under the sanitizers) and copied for each case, with
 * its audit key and recorded head into the case's own config folder. */
static char *template_dir;

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (from, &contents, &length, NULL))
    return;   /* a head not recorded yet */
  g_assert_true (g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE,
                                           0600, NULL));
}

static char *
clinic_uuid (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *uuid = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT uuid FROM clinic_identity", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return uuid;
}

/* Copies the clinic's key and head between config folders: "palpate/clinics/UUID.key". */
static void
copy_keys (const char *uuid,
           const char *from_config,
           const char *to_config)
{
  const char *suffixes[] = { ".key", ".head" };
  g_autofree char *to_folder = g_build_filename (to_config, "palpate", "clinics", NULL);

  g_assert_cmpint (g_mkdir_with_parents (to_folder, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (uuid, suffixes[i], NULL);
      g_autofree char *from = g_build_filename (from_config, "palpate", "clinics", name, NULL);
      g_autofree char *to = g_build_filename (to_folder, name, NULL);

      copy_file (from, to);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = NULL;
  g_autofree char *template_config = NULL;
  g_autofree char *uuid = NULL;

  fixture->tmpdir = g_dir_make_tmp ("palpate-migrate-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->clinic = g_build_filename (fixture->tmpdir, "clinic.sqlite3", NULL);

  if (template_dir == NULL)
    {
      template_dir = g_dir_make_tmp ("palpate-migrate-demo-XXXXXX", &error);
      g_assert_no_error (error);
      template = g_build_filename (template_dir, "clinic.sqlite3", NULL);
      g_assert_true (palpate_demo_clinic_create (template, PALPATE_DEMO_SMALL, 20261203,
                                                 palpate_atlas_place_in_region,
                                                 palpate_atlas_get_default (), "Demo", NULL,
                                                 &error));
      g_assert_no_error (error);
      uuid = clinic_uuid (template);
      template_config = g_build_filename (template_dir, "config", NULL);
      copy_keys (uuid, g_get_user_config_dir (), template_config);
    }
  else
    {
      template = g_build_filename (template_dir, "clinic.sqlite3", NULL);
      template_config = g_build_filename (template_dir, "config", NULL);
      uuid = clinic_uuid (template);
    }

  copy_file (template, fixture->clinic);
  copy_keys (uuid, template_config, g_get_user_config_dir ());
  fixture->conninfo = palpate_test_server_new_database ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", fixture->tmpdir);

  palpate_test_server_drop_database (fixture->conninfo);
  if (system (command) != 0)
    g_printerr ("could not remove %s\n", fixture->tmpdir);
  g_free (fixture->conninfo);
  g_free (fixture->clinic);
  g_free (fixture->tmpdir);
}

static gint64
server_count (const char *conninfo,
              const char *sql)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;
  gint64 count;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  count = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  PQfinish (conn);
  return count;
}

static gint64
file_count (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

#define N_SERVER_TABLES \
  "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"

/* Every table of two clinic files holds the same rows, value by value (EXCEPT both ways, and
 * the same count). Returns how many rows were compared. */
static gint64
assert_same_clinic (const char *a,
                    const char *b)
{
  g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS b", b);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 n_rows = 0;

  g_assert_cmpint (sqlite3_open_v2 (a, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, attach, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM main.sqlite_master "
                                           "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                           "ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >=, 20);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *t = tables->pdata[i];
      g_autofree char *count_a = g_strdup_printf ("SELECT count(*) FROM main.%s", t);
      g_autofree char *count_b = g_strdup_printf ("SELECT count(*) FROM b.%s", t);
      g_autofree char *a_not_b = g_strdup_printf ("SELECT count(*) FROM (SELECT * FROM main.%s "
                                                  "EXCEPT SELECT * FROM b.%s)", t, t);
      g_autofree char *b_not_a = g_strdup_printf ("SELECT count(*) FROM (SELECT * FROM b.%s "
                                                  "EXCEPT SELECT * FROM main.%s)", t, t);
      gint64 n = file_count (db, count_a);

      if (g_str_has_prefix (t, "clients_search"))
        continue;
      g_test_message ("%s: %" G_GINT64_FORMAT " rows", t, n);
      g_assert_cmpint (file_count (db, count_b), ==, n);
      g_assert_cmpint (file_count (db, a_not_b), ==, 0);
      g_assert_cmpint (file_count (db, b_not_a), ==, 0);
      n_rows += n;
    }

  /* The search index of the copy finds what the original's finds. */
  g_assert_cmpint (file_count (db, "SELECT count(*) FROM b.clients_search"), ==,
                   file_count (db, "SELECT count(*) FROM main.clients"));

  sqlite3_close_v2 (db);
  return n_rows;
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *uri = NULL;
  g_autofree char *back = g_build_filename (fixture->tmpdir, "back.sqlite3", NULL);
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PalpateMigrateSummary to_server = { 0 }, to_file = { 0 };
  gint64 n_audit = 0;
  gint64 n_rows;
  PGconn *conn;
  PGresult *result;

  if (fixture->conninfo == NULL)
    return;
  uri = palpate_test_store_server_location (fixture->conninfo);

  {
    gboolean ok = palpate_migrate_file_to_server (fixture->clinic, uri, &to_server, &error);

    g_assert_no_error (error);
    g_assert_true (ok);
  }
  g_assert_cmpuint (to_server.n_tables, >=, 20);
  g_assert_cmpint (to_server.n_rows, >, 1000);
  g_assert_cmpint (to_server.n_audit_entries, >, 100);
  g_assert_cmpint (server_count (fixture->conninfo, "SELECT count(*) FROM clients"), ==, 40);

  /* The rules came along: a signed visit is refused a change, the audit log too. */
  conn = PQconnectdb (fixture->conninfo);
  result = PQexec (conn, "UPDATE visits SET subjective = 'changed' WHERE id = "
                         "(SELECT min(id) FROM visits WHERE status = 'signed')");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_FATAL_ERROR);
  g_assert_nonnull (strstr (PQresultErrorMessage (result), "signed visit"));
  PQclear (result);
  result = PQexec (conn, "DELETE FROM audit_log");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_FATAL_ERROR);
  PQclear (result);
  /* New rows get ids after the copied ones. */
  result = PQexec (conn, "INSERT INTO techniques (key, name, builtin) "
                         "VALUES ('new-one', 'New', 0) RETURNING id");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10), >, 
                   server_count (fixture->conninfo, "SELECT count(*) FROM techniques") - 1);
  PQclear (result);
  result = PQexec (conn, "DELETE FROM techniques WHERE key = 'new-one'");
  PQclear (result);
  PQfinish (conn);

  {
    gboolean ok = palpate_migrate_server_to_file (uri, back, &to_file, &error);

    g_assert_no_error (error);
    g_assert_true (ok);
  }
  g_assert_cmpuint (to_file.n_tables, ==, to_server.n_tables);
  g_assert_cmpint (to_file.n_rows, ==, to_server.n_rows);
  g_assert_cmpint (to_file.n_audit_entries, ==, to_server.n_audit_entries);

  n_rows = assert_same_clinic (fixture->clinic, back);
  g_assert_cmpint (n_rows, ==, to_server.n_rows);

  /* The copy opens in Palpate, and its chain and seals verify. */
  store = palpate_store_open (back, &error);
  g_assert_no_error (error);
  g_assert_true (palpate_store_verify_audit (store, &n_audit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_audit, ==, to_server.n_audit_entries);
  g_assert_cmpint (palpate_store_count_clients (store), ==, 40);
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = NULL;
  g_autofree char *back = g_build_filename (fixture->tmpdir, "back.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  gint64 n_rows;

  if (fixture->conninfo == NULL)
    return;
  uri = palpate_test_store_server_location (fixture->conninfo);

  /* An empty database holds no clinic to copy out. */
  g_assert_false (palpate_migrate_server_to_file (uri, back, NULL, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_PALPATE);
  g_assert_false (g_file_test (back, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  {
    gboolean ok = palpate_migrate_file_to_server (fixture->clinic, uri, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (ok);
  }
  n_rows = server_count (fixture->conninfo, "SELECT count(*) FROM audit_log");

  /* A second clinic does not go into a database that holds one. */
  g_assert_false (palpate_migrate_file_to_server (fixture->clinic, uri, NULL, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not empty"));
  g_clear_error (&error);
  g_assert_cmpint (server_count (fixture->conninfo, "SELECT count(*) FROM audit_log"), ==,
                   n_rows);

  /* Copying out does not overwrite a file. */
  g_assert_true (g_file_set_contents (back, "mine", -1, NULL));
  g_assert_false (palpate_migrate_server_to_file (uri, back, NULL, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (back, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "mine");
  }
}

/* A clinic file whose signed note was rewritten behind Palpate's back is not moved. */
static void
test_tampered_file (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;

  if (fixture->conninfo == NULL)
    return;
  uri = palpate_test_store_server_location (fixture->conninfo);

  g_assert_cmpint (sqlite3_open_v2 (fixture->clinic, &db, SQLITE_OPEN_READWRITE, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER visits_update_signed;"
                                     "UPDATE visits SET subjective = 'rewritten' WHERE id = "
                                     "(SELECT min(id) FROM visits WHERE status = 'signed')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close_v2 (db);

  g_assert_false (palpate_migrate_file_to_server (fixture->clinic, uri, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (server_count (fixture->conninfo, N_SERVER_TABLES), ==, 0);
}

/* A table added to the file by hand, with a name made to break SQL, is not copied: the move
 * is refused and the server left empty. */
static void
test_foreign_table (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;

  if (fixture->conninfo == NULL)
    return;
  uri = palpate_test_store_server_location (fixture->conninfo);

  g_assert_cmpint (sqlite3_open_v2 (fixture->clinic, &db, SQLITE_OPEN_READWRITE, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE \"x'); DROP TABLE clients; --\" (id INTEGER)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close_v2 (db);

  g_assert_false (palpate_migrate_file_to_server (fixture->clinic, uri, NULL, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_TOO_NEW);
  g_assert_cmpint (server_count (fixture->conninfo, N_SERVER_TABLES), ==, 0);

  /* The file is as it was: its clients are all there. */
  g_assert_cmpint (sqlite3_open_v2 (fixture->clinic, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (file_count (db, "SELECT count(*) FROM clients"), ==, 40);
  sqlite3_close_v2 (db);
}

/* A value the server cannot take stops the copy half way: the server is left empty. */
static void
test_failed_copy_rolls_back (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;

  if (fixture->conninfo == NULL)
    return;
  uri = palpate_test_store_server_location (fixture->conninfo);

  /* A client's date in words (not part of any seal, so the file still verifies). */
  g_assert_cmpint (sqlite3_open_v2 (fixture->clinic, &db, SQLITE_OPEN_READWRITE, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE clients SET created_at = 'last spring' "
                                     "WHERE id = (SELECT max(id) FROM clients)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close_v2 (db);

  g_assert_false (palpate_migrate_file_to_server (fixture->clinic, uri, NULL, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "refused the copy"));
  g_assert_nonnull (strstr (error->message, "“clients”"));
  /* No row's values in the message. */
  g_assert_null (strstr (error->message, "last spring"));
  g_assert_cmpint (server_count (fixture->conninfo, N_SERVER_TABLES), ==, 0);
}

static void
test_unreachable (void)
{
  g_autofree char *tmpdir = g_dir_make_tmp ("palpate-migrate-XXXXXX", NULL);
  g_autofree char *uri = g_strdup_printf ("postgresql:///clinic?host=%s&connect_timeout=2",
                                          tmpdir);
  g_autofree char *back = g_build_filename (tmpdir, "back.sqlite3", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (palpate_migrate_server_to_file (uri, back, NULL, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_assert_false (g_file_test (back, G_FILE_TEST_EXISTS));
  g_rmdir (tmpdir);
}

/* The command line, as a clinic owner types it. */
static void
test_command_line (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *uri = NULL;
  g_autofree char *back = g_build_filename (fixture->tmpdir, "back.sqlite3", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  /* The clinic's audit key lives in the config folder: the test's own, not /dev/null. */
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_CONFIG_HOME",
                                         g_get_user_config_dir (), TRUE);
  int status;

  if (fixture->conninfo == NULL)
    return;
  uri = palpate_test_store_server_location (fixture->conninfo);

  {
    const char *argv[] = { PALPATE_EXE, "migrate", "--from", fixture->clinic, "--to", uri,
                           NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (err, ==, "");
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "tables"));
    /* The server's location is not printed. */
    g_assert_null (strstr (out, "host="));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *argv[] = { PALPATE_EXE, "migrate", "--from", uri, "--to", back, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_file_test (back, G_FILE_TEST_IS_REGULAR));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    /* A computer connected to the server: the tasks without --database work on the server's
     * clinic, as the window does (the clinic file there is none of this computer's). */
    g_autofree char *settings_dir = g_build_filename (g_get_user_config_dir (), "glib-2.0",
                                                      "settings", NULL);
    g_autofree char *keyfile = g_build_filename (settings_dir, "keyfile", NULL);
    g_autofree char *contents = g_strdup_printf ("[org/palpate/Palpate]\n"
                                                 "clinic-server='%s'\n", uri);
    g_autofree char *pdf = g_build_filename (fixture->tmpdir, "report.pdf", NULL);
    g_autofree char *own_file = g_build_filename (g_get_user_data_dir (), "palpate",
                                                  "clinic.sqlite3", NULL);
    g_auto(GStrv) connected = g_environ_setenv (g_strdupv (envp), "GSETTINGS_BACKEND",
                                                "keyfile", TRUE);
    const char *report[] = { PALPATE_EXE, "report", "--client", "1", "--output", pdf, NULL };
    const char *verify[] = { PALPATE_EXE, "--verify-audit", NULL };

    g_assert_cmpint (g_mkdir_with_parents (settings_dir, 0700), ==, 0);
    g_assert_true (g_file_set_contents (keyfile, contents, -1, NULL));

    g_assert_true (g_spawn_sync (NULL, (char **) report, connected, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_true (g_spawn_sync (NULL, (char **) verify, connected, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (out, "The audit log is intact"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    /* No clinic file was made on the way. */
    g_assert_false (g_file_test (own_file, G_FILE_TEST_EXISTS));
    g_unlink (keyfile);
  }
  {
    /* Two files: nothing to do, and it says so. */
    const char *argv[] = { PALPATE_EXE, "migrate", "--from", fixture->clinic, "--to", back,
                           NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "postgresql://"));
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/Palpate/Migrate/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round-trip", test_round_trip);
  ADD ("refusals", test_refusals);
  ADD ("tampered-file", test_tampered_file);
  ADD ("failed-copy-rolls-back", test_failed_copy_rolls_back);
  ADD ("foreign-table", test_foreign_table);
  ADD ("command-line", test_command_line);
  g_test_add_func ("/Palpate/Migrate/unreachable", test_unreachable);

  status = g_test_run ();
  if (template_dir != NULL)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", template_dir);

      if (system (command) != 0)
        g_printerr ("could not remove %s\n", template_dir);
    }
  return status;
}
