/* test-health-history.c — a client's health history: versions kept in the clinic file, never
 * rewritten, the changes between two versions named, the client's own version accepted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <sqlite3.h>
#include <string.h>

#include "palpate-core-error.h"
#include "palpate-health-history.h"
#include "palpate-store-error.h"
#include "palpate-store-private.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"

typedef struct
{
  char         *path;       /* the clinic file, or on a server its postgresql:// location */
  char         *conninfo;   /* on a server: its database, dropped at the end */
  PalpateStore *store;
  gint64        client_id;
} Fixture;

/* The same cases run on a clinic file and, with --server, on a clinic on the test's
 * PostgreSQL server. */
static gboolean test_on_server;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateClient) client = palpate_client_new ();

  if (test_on_server)
    {
      fixture->conninfo = palpate_test_server_new_database ();
      g_assert_nonnull (fixture->conninfo);
      fixture->path = palpate_test_store_server_location (fixture->conninfo);
    }
  else
    {
      fixture->path = g_build_filename (g_get_user_data_dir (), "clinic.sqlite3", NULL);
      g_mkdir_with_parents (g_get_user_data_dir (), 0700);
    }
  fixture->store = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);
  palpate_client_set_name (client, "Rosa Delgado");
  g_assert_true (palpate_store_save_client (fixture->store, client, &error));
  fixture->client_id = palpate_client_get_id (client);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  palpate_test_server_drop_database (fixture->conninfo);
  g_free (fixture->conninfo);
  g_free (fixture->path);
}

/* Runs @sql by hand, as the sqlite3 shell or psql would: on a file through the store's own
 * connection, on a server through a session of its own. The primary result code: the file
 * reports extended ones (a trigger, a check). */
static int
exec (PalpateStore  *store,
      const char    *sql,
      char         **message)
{
  char *errmsg = NULL;
  int rc;

  if (test_on_server)
    return palpate_test_store_server_exec (palpate_store_get_path (store), sql, message);
  rc = sqlite3_exec (palpate_store_get_db (store), sql, NULL, NULL, &errmsg);
  if (message != NULL)
    *message = g_strdup (errmsg);
  sqlite3_free (errmsg);
  return rc & 0xff;
}

static PalpateHealthHistory *
first_version (gint64 client_id)
{
  PalpateHealthHistory *history = palpate_health_history_new ();
  const char *conditions[] = { "high-blood-pressure", NULL };

  palpate_health_history_set_client_id (history, client_id);
  palpate_health_history_set_text (history, PALPATE_HISTORY_MEDICATIONS, "Ramipril 5 mg daily");
  palpate_health_history_set_text (history, PALPATE_HISTORY_ALLERGIES, "Nut oils (almond)");
  palpate_health_history_set_text (history, PALPATE_HISTORY_EMERGENCY_CONTACT,
                                   "Luis Delgado, 555-0134");
  palpate_health_history_set_conditions (history, conditions);
  palpate_health_history_set_pregnancy (history, PALPATE_PREGNANCY_NO);
  return history;
}

static void
test_health_history_versions (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateHealthHistory) first = first_version (fixture->client_id);
  g_autoptr(PalpateHealthHistory) second = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(PalpateStore) reopened = NULL;
  g_auto(GStrv) changes = NULL;
  const char *more[] = { "high-blood-pressure", "diabetes", NULL };
  PalpateHealthHistory *read;

  g_assert_true (palpate_store_add_health_history (fixture->store, first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (palpate_health_history_get_id (first), >, 0);

  second = palpate_health_history_copy (first);
  palpate_health_history_set_text (second, PALPATE_HISTORY_MEDICATIONS,
                                   "Ramipril 5 mg daily; metformin 500 mg");
  palpate_health_history_set_conditions (second, more);
  g_assert_true (palpate_store_add_health_history (fixture->store, second, &error));

  /* Both versions survive a restart, oldest first, with every answer. */
  g_clear_object (&fixture->store);
  reopened = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);
  versions = palpate_store_list_health_histories (reopened, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  read = versions->pdata[0];
  g_assert_cmpstr (palpate_health_history_get_text (read, PALPATE_HISTORY_MEDICATIONS), ==,
                   "Ramipril 5 mg daily");
  g_assert_cmpstr (palpate_health_history_get_text (read, PALPATE_HISTORY_ALLERGIES), ==,
                   "Nut oils (almond)");
  g_assert_cmpint (palpate_health_history_get_pregnancy (read), ==, PALPATE_PREGNANCY_NO);
  g_assert_nonnull (palpate_health_history_get_recorded_at (read));
  g_assert_nonnull (palpate_health_history_get_recorded_by (read));
  g_assert_cmpuint (g_strv_length ((char **) palpate_health_history_get_conditions (versions->pdata[1])),
                    ==, 2);

  changes = palpate_health_history_dup_changes (versions->pdata[0], versions->pdata[1]);
  g_assert_cmpuint (g_strv_length (changes), ==, 2);
  g_assert_cmpstr (changes[0], ==, "Medications");
  g_assert_cmpstr (changes[1], ==, "Medical conditions");

  fixture->store = g_steal_pointer (&reopened);
}

/* A version is never rewritten, even with SQL typed into the sqlite3 shell or psql. */
static void
test_health_history_kept (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateHealthHistory) history = first_version (fixture->client_id);
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *message = NULL;

  g_assert_true (palpate_store_add_health_history (fixture->store, history, &error));
  g_assert_cmpint (exec (fixture->store, "UPDATE health_histories SET medications = 'none'",
                         &message), ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (message, "cannot change"));

  versions = palpate_store_list_health_histories (fixture->store, fixture->client_id, &error);
  g_assert_cmpstr (palpate_health_history_get_text (versions->pdata[0],
                                                    PALPATE_HISTORY_MEDICATIONS), ==,
                   "Ramipril 5 mg daily");
}

/* The client's own version is accepted once; acceptance changes nothing it says. */
static void
test_health_history_accept (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateHealthHistory) history = first_version (fixture->client_id);
  PalpateDbStatement *stmt;

  palpate_health_history_set_reported_by_client (history, TRUE);
  g_assert_true (palpate_store_add_health_history (fixture->store, history, &error));
  g_assert_true (palpate_store_accept_health_history (fixture->store,
                                                      palpate_health_history_get_id (history),
                                                      &error));
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) versions = palpate_store_list_health_histories (fixture->store,
                                                                         fixture->client_id,
                                                                         &error);

    g_assert_nonnull (palpate_health_history_get_accepted_at (versions->pdata[0]));
  }
  stmt = palpate_store_db_prepare (fixture->store, "SELECT accepted_at IS NOT NULL, "
                                                   "reported_by_client FROM health_histories",
                                   &error);
  g_assert_no_error (error);
  g_assert_cmpint (palpate_db_step (stmt, NULL), ==, PALPATE_DB_ROW);
  g_assert_cmpint (palpate_db_column_int (stmt, 0), ==, 1);
  g_assert_cmpint (palpate_db_column_int (stmt, 1), ==, 1);
  palpate_db_reset (stmt);

  /* Once accepted, not again and not back. */
  g_assert_cmpint (exec (fixture->store, "UPDATE health_histories SET accepted_at = NULL", NULL),
                   ==, SQLITE_CONSTRAINT);
}

static void
test_health_history_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateHealthHistory) history = first_version (fixture->client_id);
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(GPtrArray) versions = NULL;
  const char *unknown[] = { "'; DROP TABLE clients; --", NULL };

  for (int i = 0; i < PALPATE_HISTORY_MAX_CHARS + 1; i++)
    g_string_append_unichar (long_text, 0x00e9);
  palpate_health_history_set_text (history, PALPATE_HISTORY_SURGERIES, long_text->str);
  g_assert_false (palpate_store_add_health_history (fixture->store, history, &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "Surgeries and injuries"));
  g_clear_error (&error);

  palpate_health_history_set_text (history, PALPATE_HISTORY_SURGERIES, "");
  palpate_health_history_set_conditions (history, unknown);
  g_assert_false (palpate_store_add_health_history (fixture->store, history, &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
  g_clear_error (&error);

  versions = palpate_store_list_health_histories (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 0);
}

static void
test_health_history_changes_from_nothing (void)
{
  g_autoptr(PalpateHealthHistory) history = first_version (1);
  g_autoptr(PalpateHealthHistory) same = palpate_health_history_copy (history);
  g_auto(GStrv) all = palpate_health_history_dup_changes (NULL, history);
  g_auto(GStrv) none = palpate_health_history_dup_changes (history, same);

  /* Medications, allergies, conditions, emergency contact and pregnancy were answered. */
  g_assert_cmpuint (g_strv_length (all), ==, 5);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  test_on_server = palpate_test_store_parse_server_arg (&argc, &argv);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (test_on_server && palpate_test_store_skip_program_without_server ())
    return 0;

  g_test_add ("/Palpate/HealthHistory/versions", Fixture, NULL,
              fixture_set_up, test_health_history_versions, fixture_tear_down);
  g_test_add ("/Palpate/HealthHistory/kept", Fixture, NULL,
              fixture_set_up, test_health_history_kept, fixture_tear_down);
  g_test_add ("/Palpate/HealthHistory/accept", Fixture, NULL,
              fixture_set_up, test_health_history_accept, fixture_tear_down);
  g_test_add ("/Palpate/HealthHistory/refused", Fixture, NULL,
              fixture_set_up, test_health_history_refused, fixture_tear_down);
  g_test_add_func ("/Palpate/HealthHistory/changes-from-nothing",
                   test_health_history_changes_from_nothing);

  return g_test_run ();
}
