/* test-store-server.c — the store opened on a clinic server (a real PostgreSQL 15 server): an
 * empty database becomes a clinic, what is written is there when it is opened again (from
 * "another computer": a second store), and a database that holds no clinic is refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>

#include "palpate-store.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"

typedef struct
{
  char *conninfo;
  char *location;     /* the postgresql:// location the store opens */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->conninfo = palpate_test_server_new_database ();
  if (fixture->conninfo != NULL)
    fixture->location = palpate_test_store_server_location (fixture->conninfo);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  palpate_test_server_drop_database (fixture->conninfo);
  g_free (fixture->conninfo);
  g_free (fixture->location);
}

static void
test_create_and_reopen (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(PalpateStore) other = NULL;
  g_autoptr(PalpateTherapist) therapist = palpate_therapist_new ();
  g_autoptr(GPtrArray) therapists = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  gint64 n_audit = 0;

  if (fixture->conninfo == NULL)
    return;

  store = palpate_store_open (fixture->location, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (palpate_store_is_on_server (store));
  g_assert_true (palpate_store_get_created (store));

  g_assert_true (palpate_store_set_setting (store, "clinic-name", "Clinique du Parc — 東京",
                                            &error));
  g_assert_no_error (error);
  palpate_therapist_set_name (therapist, "Ana Souza");
  g_assert_true (palpate_store_save_therapist (store, therapist, &error));
  g_assert_no_error (error);

  /* Another room opens the same clinic: it is not made again, and it sees both. */
  other = palpate_store_open (fixture->location, &error);
  g_assert_no_error (error);
  g_assert_false (palpate_store_get_created (other));
  value = palpate_store_dup_setting (other, "clinic-name");
  g_assert_cmpstr (value, ==, "Clinique du Parc — 東京");
  therapists = palpate_store_list_therapists (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (therapists->len, ==, 1);
  g_assert_cmpstr (palpate_therapist_get_name (therapists->pdata[0]), ==, "Ana Souza");

  /* The audit chain written on the server holds, read from the other room. */
  g_assert_true (palpate_store_verify_audit (other, &n_audit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_audit, >=, 3);
}

static void
test_not_a_clinic (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *conn;

  if (fixture->conninfo == NULL)
    return;

  /* Opening without making a clinic: an empty database holds none. */
  store = palpate_store_open_full (fixture->location, PALPATE_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_FILE);
  g_clear_error (&error);

  /* Nor is a database with tables of someone else's. */
  conn = PQconnectdb (fixture->conninfo);
  PQclear (PQexec (conn, "CREATE TABLE invoices (id bigint PRIMARY KEY)"));
  PQfinish (conn);
  store = palpate_store_open (fixture->location, &error);
  g_assert_null (store);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_PALPATE);
  /* And they are still all there is. */
  conn = PQconnectdb (fixture->conninfo);
  {
    PGresult *result = PQexec (conn, "SELECT count(*) FROM information_schema.tables "
                                     "WHERE table_schema = 'public'");

    g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "1");
    PQclear (result);
  }
  PQfinish (conn);
}

static void
test_unreachable (void)
{
  g_autofree char *tmpdir = g_dir_make_tmp ("palpate-store-server-XXXXXX", NULL);
  g_autofree char *location = g_strdup_printf ("postgresql:///clinic?host=%s", tmpdir);
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = palpate_store_open (location, &error);
  g_assert_null (store);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE);
  g_rmdir (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/Palpate/StoreServer/create-and-reopen", Fixture, NULL, fixture_set_up,
              test_create_and_reopen, fixture_tear_down);
  g_test_add ("/Palpate/StoreServer/not-a-clinic", Fixture, NULL, fixture_set_up,
              test_not_a_clinic, fixture_tear_down);
  g_test_add_func ("/Palpate/StoreServer/unreachable", test_unreachable);

  return g_test_run ();
}
