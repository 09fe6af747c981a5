/* test-record.c — a client's record and a whole clinic, exported and imported
 *
 * Round trips through the exchange format on a demo clinic and a record moved to another clinic
 * and back; hostile files refused with a located reason and the clinic left as it was are in
 * test-record-hostile.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-demo-clinic.h"
#include "palpate-record.h"
#include "palpate-store.h"
#include "palpate-test-clinic.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"
#include "test-record-private.h"

gboolean test_on_server;

gboolean
region_check (const char *region_id,
              gpointer    user_data)
{
  return palpate_atlas_lookup_region (palpate_atlas_get_default (), region_id) != NULL;
}

/* A clinic: the file @name in the test's folder, or with --server the database @conninfo
 * (a new empty one when NULL), dropped at the end of the test. */
static PalpateStore *
open_store (Fixture    *fixture,
            const char *name,
            char       *conninfo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PalpateStore *store;

  if (test_on_server)
    {
      if (conninfo == NULL)
        conninfo = palpate_test_server_new_database ();
      g_assert_nonnull (conninfo);
      g_ptr_array_add (fixture->databases, conninfo);
      path = palpate_test_store_server_location (conninfo);
    }
  else
    path = g_build_filename (fixture->dir, name, NULL);
  store = palpate_store_open (path, &error);

  g_assert_no_error (error);
  palpate_store_set_actor (store, "Test");
  return store;
}

/* The demo clinic is written once, by the first test, and copied for each test: writing it is
 * the slow part. Each test has a config folder of its own, so the key of the demo's audit log
 * (and the head recorded beside it) is kept here and written into every test's folder. With
 * --server, the demo is a database that the server copies for each test. */
static char *demo_dir;
static char *demo_template;     /* the file, or with --server the database's conninfo */
static GHashTable *demo_keys;   /* file name → GBytes, of config/palpate/clinics/ */

static char *
clinic_keys_folder (void)
{
  return g_build_filename (g_get_user_config_dir (), "palpate", "clinics", NULL);
}

static void
keep_demo_keys (void)
{
  g_autofree char *folder = clinic_keys_folder ();
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  demo_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_bytes_unref);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_hash_table_insert (demo_keys, g_strdup (name),
                           g_bytes_new_take (g_steal_pointer (&contents), length));
    }
  g_assert_cmpuint (g_hash_table_size (demo_keys), >, 0);
}

static void
put_demo_keys (void)
{
  g_autofree char *folder = clinic_keys_folder ();
  GHashTableIter iter;
  gpointer name, bytes;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_hash_table_iter_init (&iter, demo_keys);
  while (g_hash_table_iter_next (&iter, &name, &bytes))
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GError) error = NULL;

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      g_assert_true (g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL),
                                               g_bytes_get_size (bytes),
                                               G_FILE_SET_CONTENTS_NONE, 0600, &error));
      g_assert_no_error (error);
    }
}

/* The demo has no health histories: two versions for the busiest client (the second filled in
 * by the client and accepted), one for another. */
static void
add_health_histories (PalpateStore *store)
{
  static const char *conditions[] = { "high-blood-pressure", "asthma", NULL };
  g_autoptr(GPtrArray) clients = palpate_store_search_clients (store, NULL, 2, NULL);
  g_autoptr(GError) error = NULL;
  gint64 busiest = busiest_client (store);

  g_assert_nonnull (clients);
  g_assert_cmpuint (clients->len, ==, 2);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PalpateHealthHistory) history = palpate_health_history_new ();
      gint64 other = palpate_client_get_id (clients->pdata[0]) != busiest
                     ? palpate_client_get_id (clients->pdata[0])
                     : palpate_client_get_id (clients->pdata[1]);
      gint64 client_id = i == 2 ? other : busiest;

      palpate_health_history_set_client_id (history, client_id);
      palpate_health_history_set_text (history, PALPATE_HISTORY_MEDICATIONS,
                                       i == 0 ? "Ramipril 5 mg" : "Ramipril 10 mg, \"as needed\"");
      palpate_health_history_set_text (history, PALPATE_HISTORY_ALLERGIES, "Latex");
      palpate_health_history_set_text (history, PALPATE_HISTORY_EMERGENCY_CONTACT,
                                       "Ana Delgado, 555-0134");
      palpate_health_history_set_conditions (history, i == 2 ? NULL : conditions);
      palpate_health_history_set_pregnancy (history, i == 2 ? PALPATE_PREGNANCY_NO
                                                            : PALPATE_PREGNANCY_NOT_ASKED);
      palpate_health_history_set_reported_by_client (history, i == 1);
      g_assert_true (palpate_store_add_health_history (store, history, &error));
      g_assert_no_error (error);
      if (i == 1)
        g_assert_true (palpate_store_accept_health_history (store,
                                                            palpate_health_history_get_id (history),
                                                            &error));
      g_assert_no_error (error);
    }
}

static void
write_demo_template (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) demo = NULL;

  demo_dir = g_dir_make_tmp ("palpate-record-demo-XXXXXX", &error);
  g_assert_no_error (error);
  if (test_on_server)
    {
      g_autofree char *location = NULL;

      demo_template = palpate_test_server_new_database ();
      g_assert_nonnull (demo_template);
      location = palpate_test_store_server_location (demo_template);
      demo = palpate_store_open (location, &error);
    }
  else
    {
      demo_template = g_build_filename (demo_dir, "demo.sqlite3", NULL);
      demo = palpate_store_open (demo_template, &error);
    }
  g_assert_no_error (error);
  g_assert_true (palpate_demo_clinic_write (demo, PALPATE_DEMO_SMALL, 7,
                                            palpate_atlas_place_in_region,
                                            palpate_atlas_get_default (), &error));
  g_assert_no_error (error);
  add_health_histories (demo);
  /* Closed, so that the file is the whole clinic (nothing left in the WAL), and nobody is
   * connected to the database the server copies. */
  g_assert_finalize_object (g_steal_pointer (&demo));
  keep_demo_keys ();
}

/* A copy of the demo database, made by the server: its conninfo. */
static char *
copy_demo_database (void)
{
  static guint counter;
  const char *server = g_getenv ("PALPATE_TEST_POSTGRESQL");
  const char *template = g_strrstr (demo_template, "dbname=") + strlen ("dbname=");
  g_autofree char *name = g_strdup_printf ("%s_copy_%u", template, ++counter);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE %s", name, template);
  PGconn *conn = PQconnectdb (server);
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
  return g_strdup_printf ("%s dbname=%s", server, name);
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (demo_template == NULL)
    write_demo_template ();
  put_demo_keys ();

  fixture->dir = g_dir_make_tmp ("palpate-record-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->databases = g_ptr_array_new_with_free_func (g_free);
  if (test_on_server)
    {
      fixture->store = open_store (fixture, NULL, copy_demo_database ());
      return;
    }

  g_assert_true (g_file_get_contents (demo_template, &contents, &length, &error));
  path = g_build_filename (fixture->dir, "demo.sqlite3", NULL);
  g_assert_true (g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE,
                                           0600, &error));
  g_assert_no_error (error);
  fixture->store = open_store (fixture, "demo.sqlite3", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  for (guint i = 0; i < fixture->databases->len; i++)
    palpate_test_server_drop_database (fixture->databases->pdata[i]);
  g_ptr_array_unref (fixture->databases);
}

/* The document as text, without the moment it was written. */
static char *
to_text (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) copy = json_node_copy (root);

  json_object_remove_member (json_node_get_object (copy), "exported_at");
  json_generator_set_root (generator, copy);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static char *
export_clinic_text (PalpateStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = palpate_record_export_clinic (store, &error);

  g_assert_no_error (error);
  return to_text (root);
}

/* One text a query makes of the whole clinic, read through a connection of its own as another
 * program would: on a server, a libpq session. */
static char *
query_text (PalpateStore *store,
            const char   *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  if (test_on_server)
    {
      PGconn *conn = PQconnectdb (palpate_store_get_path (store));
      PGresult *result;

      g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
      result = PQexec (conn, sql);
      if (PQresultStatus (result) != PGRES_TUPLES_OK)
        g_error ("%s: %s", sql, PQresultErrorMessage (result));
      g_assert_cmpint (PQntuples (result), ==, 1);
      text = PQgetisnull (result, 0, 0) ? NULL : g_strdup (PQgetvalue (result, 0, 0));
      PQclear (result);
      PQfinish (conn);
      return text;
    }

  g_assert_cmpint (sqlite3_open_v2 (palpate_store_get_path (store), &db, SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static JsonNode *
reparse (JsonNode *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length;
  JsonNode *parsed;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  parsed = palpate_record_parse (text, length, &error);
  g_assert_no_error (error);
  return parsed;
}

static gint64
count_rows (PalpateStore *store,
            const char   *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autofree char *n = query_text (store, sql);

  return g_ascii_strtoll (n, NULL, 10);
}

/* Demo clinic → JSON → new clinic → JSON: the same document, row by row. */
static void
test_record_clinic_round_trip (Fixture       *fixture,
                               gconstpointer  user_data)
{
  static const char *tables[] = { "clients", "therapists", "techniques", "visits", "findings",
                                  "applied_techniques", "amendments", "psfs_activities",
                                  "psfs_ratings", "outcome_measures", "client_zones",
                                  "health_histories", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) exported = palpate_record_export_clinic (fixture->store, &error);
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(PalpateStore) copy = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PalpateImportSummary summary;
  gint64 n_audit;

  g_assert_no_error (error);
  before = to_text (exported);
  /* Every signed visit carries its seal; the health histories come with their versions. */
  g_assert_nonnull (strstr (before, "\"seal\" : \""));
  g_assert_nonnull (strstr (before, "\"health_histories\" : ["));
  g_assert_nonnull (strstr (before, "Ramipril 10 mg"));
  g_assert_cmpint (count_rows (fixture->store, "health_histories"), ==, 3);

  parsed = reparse (exported);
  copy = open_store (fixture, "copy.sqlite3", NULL);
  g_assert_true (palpate_record_import (copy, parsed, region_check, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_clients_added, ==, palpate_store_count_clients (fixture->store));
  g_assert_cmpuint (summary.n_clients_merged, ==, 0);
  g_assert_cmpuint (summary.duplicates->len, ==, 0);
  palpate_import_summary_clear (&summary);

  after = export_clinic_text (copy);
  g_assert_cmpstr (before, ==, after);
  for (guint i = 0; tables[i] != NULL; i++)
    g_assert_cmpint (count_rows (copy, tables[i]), ==, count_rows (fixture->store, tables[i]));

  /* Signed visits come over sealed as they were, with the names they were signed with. */
  {
    /* The same text on a server, where the aggregate is string_agg (SQLite has it only from
     * 3.44) and the order is said in it. */
    const char *sealed = test_on_server ?
      "SELECT string_agg (id || ' ' || seal || ' ' || coalesce (therapist_name, '-'), ';' "
      "                   ORDER BY id) FROM visits WHERE status = 'signed'" :
      "SELECT group_concat (id || ' ' || seal || ' ' || ifnull (therapist_name, '-'), ';') "
      "FROM (SELECT id, seal, therapist_name FROM visits WHERE status = 'signed' ORDER BY id)";
    const char *names = test_on_server ?
      "SELECT count (*) || ' ' || string_agg (coalesce (a.technique_name, '-'), ';' "
      "                                       ORDER BY a.id) "
      "FROM applied_techniques a JOIN visits v ON v.id = a.visit_id "
      "WHERE v.status = 'signed'" :
      "SELECT count (*) || ' ' || group_concat (ifnull (technique_name, '-'), ';') "
      "FROM (SELECT a.technique_name FROM applied_techniques a "
      "      JOIN visits v ON v.id = a.visit_id WHERE v.status = 'signed' ORDER BY a.id)";
    g_autofree char *seals_before = query_text (fixture->store, sealed);
    g_autofree char *seals_after = query_text (copy, sealed);
    g_autofree char *names_before = query_text (fixture->store, names);
    g_autofree char *names_after = query_text (copy, names);

    g_assert_nonnull (seals_before);
    g_assert_cmpstr (seals_before, ==, seals_after);
    g_assert_cmpstr (names_before, ==, names_after);
  }

  /* The import is in the new clinic's audit log, and the log holds. */
  n_audit = count_rows (copy, "audit_log");
  g_assert_cmpint (n_audit, >, count_rows (copy, "visits"));
  g_assert_true (palpate_store_verify_audit (copy, NULL, &error));
  g_assert_no_error (error);

  /* Imported again, everything is already there: reported, nothing added. */
  g_assert_true (palpate_record_import (copy, parsed, region_check, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_clients_merged, ==, palpate_store_count_clients (fixture->store));
  g_assert_cmpuint (summary.n_visits_added, ==, 0);
  g_assert_cmpint (summary.duplicates->len, ==, count_rows (fixture->store, "visits"));
  palpate_import_summary_clear (&summary);
  g_clear_pointer (&after, g_free);
  after = export_clinic_text (copy);
  g_assert_cmpstr (before, ==, after);

  g_assert_finalize_object (g_steal_pointer (&copy));
}

gint64
busiest_client (PalpateStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = palpate_store_search_clients (store, NULL, 1000, &error);
  gint64 best = 0;
  int most = -1;

  g_assert_no_error (error);
  for (guint i = 0; i < clients->len; i++)
    if (palpate_client_get_visit_count (clients->pdata[i]) > most)
      {
        most = palpate_client_get_visit_count (clients->pdata[i]);
        best = palpate_client_get_id (clients->pdata[i]);
      }
  return best;
}

/* The visits of the one client of a client document, as text, ids left out. */
static char *
record_visits_text (JsonNode *root)
{
  JsonObject *client = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "clients"), 0);
  JsonArray *visits = json_object_get_array_member (client, "visits");
  GString *text = g_string_new (json_object_get_string_member (client, "uuid"));

  for (guint i = 0; i < json_array_get_length (visits); i++)
    {
      g_autofree char *seal = palpate_record_compute_seal (json_array_get_object_element (visits,
                                                                                          i));

      g_string_append_printf (text, "\n%s", seal);
    }
  return g_string_free (text, FALSE);
}

/* One client's record to another clinic and back: the same visits there, nothing doubled here. */
static void
test_record_client_moves (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) other = open_store (fixture, "other.sqlite3", NULL);
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(JsonNode) there = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autofree char *here_text = NULL;
  g_autofree char *there_text = NULL;
  g_autofree char *clinic_before = NULL;
  g_autofree char *clinic_after = NULL;
  PalpateImportSummary summary;
  gint64 client_id = busiest_client (fixture->store);
  gint64 moved_id;

  /* The other clinic has a client of its own, so that ids differ between the two. */
  {
    g_autoptr(PalpateClient) own = palpate_client_new ();

    palpate_client_set_name (own, "Oona Other");
    g_assert_true (palpate_store_save_client (other, own, &error));
  }

  /* The client's health history travels with them, once, and comes back without a copy. */
  {
    g_autoptr(PalpateHealthHistory) history = palpate_health_history_new ();

    palpate_health_history_set_client_id (history, client_id);
    palpate_health_history_set_text (history, PALPATE_HISTORY_SURGERIES, "Knee, 2019");
    g_assert_true (palpate_store_add_health_history (fixture->store, history, &error));
    g_assert_no_error (error);
  }

  record = palpate_record_export_client (fixture->store, client_id, &error);
  g_assert_no_error (error);
  here_text = record_visits_text (record);
  parsed = reparse (record);
  g_assert_true (palpate_record_import (other, parsed, region_check, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_clients_added, ==, 1);
  g_assert_cmpuint (summary.n_visits_added, >, 3);
  palpate_import_summary_clear (&summary);

  clients = palpate_store_search_clients (other, NULL, 10, &error);
  g_assert_cmpuint (clients->len, ==, 2);
  moved_id = palpate_client_get_id (clients->pdata[0]) == client_id
             ? palpate_client_get_id (clients->pdata[1]) : palpate_client_get_id (clients->pdata[0]);
  if (g_strcmp0 (palpate_client_get_name (clients->pdata[0]), "Oona Other") != 0)
    moved_id = palpate_client_get_id (clients->pdata[0]);
  else
    moved_id = palpate_client_get_id (clients->pdata[1]);

  there = palpate_record_export_client (other, moved_id, &error);
  g_assert_no_error (error);
  there_text = record_visits_text (there);
  g_assert_cmpstr (here_text, ==, there_text);
  {
    g_autofree char *moved = to_text (there);

    g_assert_nonnull (strstr (moved, "Knee, 2019"));
  }

  /* Back home: the same client (by UUID), every visit already here. */
  clinic_before = export_clinic_text (fixture->store);
  back = reparse (there);
  g_assert_true (palpate_record_import (fixture->store, back, region_check, NULL, &summary,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_clients_added, ==, 0);
  g_assert_cmpuint (summary.n_clients_merged, ==, 1);
  g_assert_cmpuint (summary.n_visits_added, ==, 0);
  g_assert_cmpuint (summary.duplicates->len, >, 3);
  palpate_import_summary_clear (&summary);
  clinic_after = export_clinic_text (fixture->store);
  g_assert_cmpstr (clinic_before, ==, clinic_after);

  /* The disclosure is logged, with to whom and why. */
  g_assert_true (palpate_record_log_disclosure (fixture->store, client_id, "Dr. Lee",
                                                "Referral", &error));
  {
    g_autoptr(GArray) disclosures = palpate_record_list_disclosures (fixture->store, client_id,
                                                                     &error);

    g_assert_no_error (error);
    g_assert_cmpuint (disclosures->len, ==, 1);
    g_assert_cmpstr (g_array_index (disclosures, PalpateDisclosure, 0).recipient, ==, "Dr. Lee");
    g_assert_cmpstr (g_array_index (disclosures, PalpateDisclosure, 0).reason, ==, "Referral");
    g_assert_cmpstr (g_array_index (disclosures, PalpateDisclosure, 0).actor, ==, "Test");
  }

  g_assert_finalize_object (g_steal_pointer (&other));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  test_on_server = palpate_test_store_parse_server_arg (&argc, &argv);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (test_on_server && palpate_test_store_skip_program_without_server ())
    return 0;

  g_test_add ("/Palpate/Record/clinic-round-trip", Fixture, NULL, fixture_set_up,
              test_record_clinic_round_trip, fixture_tear_down);
  g_test_add ("/Palpate/Record/client-moves-and-back", Fixture, NULL, fixture_set_up,
              test_record_client_moves, fixture_tear_down);
  test_record_add_hostile_tests ();

  status = g_test_run ();
  if (test_on_server)
    palpate_test_server_drop_database (demo_template);
  if (demo_dir != NULL)
    remove_tree (demo_dir);
  g_free (demo_template);
  g_clear_pointer (&demo_keys, g_hash_table_unref);
  g_free (demo_dir);
  return status;
}
