/* test-store-rooms.c — two treatment rooms on one clinic server (a real PostgreSQL 15 server):
 * what one room writes reaches the other as its store's "changed" signal within a second,
 * while the other room's main context runs, and a room is not told of its own writes; which
 * drafts another room has open; a server's location as a therapist is shown it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "palpate-store-private.h"
#include "palpate-store.h"
#include "palpate-test-clinic.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"

typedef struct
{
  char *conninfo;
  char *location;
} Fixture;

typedef struct
{
  GPtrArray *changes;   /* "table id" strings, in the order they came */
} Changes;

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

/* A room's store on the fixture's clinic. */
static PalpateStore *
open_room (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  PalpateStore *store = palpate_store_open (fixture->location, &error);

  g_assert_no_error (error);
  return store;
}

static void
changed_cb (PalpateStore *store,
            const char   *table,
            gint64        id,
            Changes      *changes)
{
  g_ptr_array_add (changes->changes,
                   g_strdup_printf ("%s %" G_GINT64_FORMAT, table, id));
}

static gboolean
has_change (Changes    *changes,
            const char *change)
{
  for (guint i = 0; i < changes->changes->len; i++)
    if (g_str_equal (changes->changes->pdata[i], change))
      return TRUE;
  return FALSE;
}

/* Runs the main context until @change came, for at most a second. */
static gboolean
wait_for_change (Changes    *changes,
                 const char *change)
{
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

  while (!has_change (changes, change) && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);

  return has_change (changes, change);
}

static void
test_client_reaches_other_room (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(PalpateStore) reception = NULL;
  g_autoptr(PalpateStore) room = NULL;
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) other = g_ptr_array_new_with_free_func (g_free);
  Changes reception_changes = { own };
  Changes room_changes = { other };
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 id;

  if (fixture->conninfo == NULL)
    return;

  reception = open_room (fixture);
  room = open_room (fixture);
  g_signal_connect (reception, "changed", G_CALLBACK (changed_cb), &reception_changes);
  g_signal_connect (room, "changed", G_CALLBACK (changed_cb), &room_changes);

  id = palpate_test_clinic_add_client (reception, "Ana Souza");
  expected = g_strdup_printf ("clients %" G_GINT64_FORMAT, id);
  g_assert_true (wait_for_change (&room_changes, expected));

  /* The room that wrote the client already shows it: it is not told. A session hears the
   * notifications in the order of the commits, so once the room's own client reached
   * reception, reception's notification of its own write would have come before. */
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("clients %" G_GINT64_FORMAT, palpate_test_clinic_add_client (room, "Ben Okafor"));
  g_assert_true (wait_for_change (&reception_changes, expected));
  g_assert_cmpuint (own->len, ==, 1);
  g_assert_cmpuint (other->len, ==, 1);
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* A room opened on a thread of its own (as the window connects) hears the others on the main
 * context of whoever finished opening it, and nothing before. */
static void
test_open_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PalpateStore) reception = NULL;
  g_autoptr(PalpateStore) room = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) heard = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Changes room_changes = { heard };
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  if (fixture->conninfo == NULL)
    return;

  reception = open_room (fixture);
  palpate_store_open_with_password_async (fixture->location, NULL, PALPATE_STORE_OPEN_DEFAULT,
                                          NULL, opened_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  room = palpate_store_open_with_password_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (palpate_store_is_on_server (room));
  g_signal_connect (room, "changed", G_CALLBACK (changed_cb), &room_changes);

  expected = g_strdup_printf ("clients %" G_GINT64_FORMAT,
                              palpate_test_clinic_add_client (reception, "Ana Souza"));
  g_assert_true (wait_for_change (&room_changes, expected));

  /* Given up on before it is finished: the store it opened is closed, and said cancelled. */
  g_clear_object (&result);
  palpate_store_open_with_password_async (fixture->location, NULL, PALPATE_STORE_OPEN_DEFAULT,
                                          cancellable, opened_cb, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (palpate_store_open_with_password_finish (result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_visit_reaches_other_room (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(PalpateStore) reception = NULL;
  g_autoptr(PalpateStore) room = NULL;
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  Changes reception_changes = { changes };
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gint64 client_id;

  if (fixture->conninfo == NULL)
    return;

  reception = open_room (fixture);
  room = open_room (fixture);
  g_signal_connect (reception, "changed", G_CALLBACK (changed_cb), &reception_changes);

  client_id = palpate_test_clinic_add_client (reception, "Ben Okafor");
  palpate_visit_set_client_id (visit, client_id);
  palpate_visit_set_started_at (visit, now);
  palpate_visit_set_subjective (visit, "Stiff neck after a long drive.");
  g_assert_true (palpate_store_save_visit (room, visit, &error));
  g_assert_no_error (error);

  expected = g_strdup_printf ("visits %" G_GINT64_FORMAT, palpate_visit_get_id (visit));
  g_assert_true (wait_for_change (&reception_changes, expected));

  /* Signing is a change too, which reception hears of again. */
  g_ptr_array_set_size (changes, 0);
  g_assert_true (palpate_store_sign_visit (room, visit, "Maria Rossi", &error));
  g_assert_no_error (error);
  g_assert_true (wait_for_change (&reception_changes, expected));
}

static gboolean
lists (GArray *ids,
       gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* A draft open in one room is listed as such in the other, never in its own; the other room
 * hears when it is opened and left; a room that goes away takes its drafts with it. */
static void
test_draft_open_elsewhere (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PalpateStore) reception = NULL;
  g_autoptr(PalpateStore) room = NULL;
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  Changes reception_changes = { changes };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *expected = NULL;
  gint64 visit_id;

  if (fixture->conninfo == NULL)
    return;

  reception = open_room (fixture);
  room = open_room (fixture);
  g_signal_connect (reception, "changed", G_CALLBACK (changed_cb), &reception_changes);

  palpate_visit_set_client_id (visit, palpate_test_clinic_add_client (reception, "Ben Okafor"));
  palpate_visit_set_started_at (visit, now);
  g_assert_true (palpate_store_save_visit (room, visit, &error));
  g_assert_no_error (error);
  visit_id = palpate_visit_get_id (visit);
  expected = g_strdup_printf ("charting %" G_GINT64_FORMAT, visit_id);

  /* Open in the room, twice over (a page reloaded): listed at reception, not in the room. */
  g_assert_true (palpate_store_set_charting (room, visit_id, TRUE, &error));
  g_assert_true (palpate_store_set_charting (room, visit_id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for_change (&reception_changes, expected));
  ids = palpate_store_list_charted_elsewhere (reception, &error);
  g_assert_no_error (error);
  g_assert_true (lists (ids, visit_id));
  g_clear_pointer (&ids, g_array_unref);
  ids = palpate_store_list_charted_elsewhere (room, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  /* Left once: still open once. Left again: no longer, and reception hears of it. */
  g_assert_true (palpate_store_set_charting (room, visit_id, FALSE, &error));
  ids = palpate_store_list_charted_elsewhere (reception, &error);
  g_assert_true (lists (ids, visit_id));
  g_clear_pointer (&ids, g_array_unref);
  g_ptr_array_set_size (changes, 0);
  g_assert_true (palpate_store_set_charting (room, visit_id, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for_change (&reception_changes, expected));
  ids = palpate_store_list_charted_elsewhere (reception, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  /* A room that closes without leaving its draft (a crash, the network gone) leaves it. */
  g_assert_true (palpate_store_set_charting (room, visit_id, TRUE, &error));
  palpate_store_close (room);
  g_clear_object (&room);
  for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       g_get_monotonic_time () < deadline; g_usleep (10000))
    {
      g_clear_pointer (&ids, g_array_unref);
      ids = palpate_store_list_charted_elsewhere (reception, &error);
      g_assert_no_error (error);
      if (ids->len == 0)
        break;
    }
  g_assert_cmpuint (ids->len, ==, 0);
}

/* A closed store stops listening: nothing is emitted for it after, and its session is gone. */
static void
test_closed_store_is_quiet (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(PalpateStore) reception = NULL;
  g_autoptr(PalpateStore) room = NULL;
  g_autoptr(PalpateStore) watcher = NULL;
  g_autoptr(GPtrArray) closed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_free);
  Changes closed_changes = { closed };
  Changes open_changes = { open };
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  if (fixture->conninfo == NULL)
    return;

  reception = open_room (fixture);
  room = open_room (fixture);
  watcher = open_room (fixture);
  g_signal_connect (room, "changed", G_CALLBACK (changed_cb), &closed_changes);
  g_signal_connect (watcher, "changed", G_CALLBACK (changed_cb), &open_changes);
  palpate_store_close (room);

  expected = g_strdup_printf ("clients %" G_GINT64_FORMAT, palpate_test_clinic_add_client (reception, "Chloé"));
  g_assert_true (wait_for_change (&open_changes, expected));
  g_assert_cmpuint (closed->len, ==, 0);
}

/* What a therapist is shown of a location: the database and the host, never who connects nor
 * with what password. */
static void
test_describe_server (void)
{
  struct {
    const char *location;
    const char *shown;
  } cases[] = {
    { "postgresql://ana:s3cret@db.example.org:5433/clinic?sslmode=require",
      "“clinic” on db.example.org" },
    { "postgresql:///clinic?host=/run/postgresql&user=ana&password=s3cret",
      "“clinic” on /run/postgresql" },
    { "postgresql:///clinic", "“clinic” on this computer" },
    { "postgresql://db.example.org", "the clinic server" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = palpate_store_describe_server (cases[i].location);

      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

/* A password goes to the server beside the location, whatever characters it holds, and never
 * into the location the store shows and the settings keep. (The test server trusts its local
 * users, so it reads no password: what is checked is that one with '&', '=', '%' and spaces
 * arrives whole.) */
static void
test_open_with_password (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;

  if (fixture->location == NULL)
    return;

  store = palpate_store_open_with_password (fixture->location, "p&ss=w rd%20?x#",
                                            PALPATE_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (PQpass (palpate_db_get_pgconn (palpate_store_get_conn (store))), ==,
                   "p&ss=w rd%20?x#");
  g_assert_true (palpate_store_is_on_server (store));
  g_assert_cmpstr (palpate_store_get_path (store), ==, fixture->location);
  g_assert_null (strstr (palpate_store_get_path (store), "p&ss"));
  g_assert_cmpint (palpate_store_count_clients (store), ==, 0);
  palpate_store_close (store);
  g_clear_object (&store);

  /* No password at all, as a server that trusts the workstation takes it. */
  store = palpate_store_open_with_password (fixture->location, NULL, PALPATE_STORE_OPEN_DEFAULT,
                                            &error);
  g_assert_no_error (error);
  palpate_store_close (store);
}

#define PASSWORD_ROLE "palpate_password"
#define PASSWORD "s3cret ñ&=%"

/* The test server's role that must give a password (build-aux/setup.sh), made here. */
static gboolean
make_password_role (const char *conninfo)
{
  PGconn *conn = PQconnectdb (conninfo);
  g_autofree char *sql = NULL;
  char *literal;
  gboolean made;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  literal = PQescapeLiteral (conn, PASSWORD, strlen (PASSWORD));
  /* Several test programs may make it at once: a role already there is one made so. */
  sql = g_strdup_printf ("DO $$ BEGIN CREATE ROLE " PASSWORD_ROLE " LOGIN PASSWORD %s; "
                         "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
                         literal);
  PQfreemem (literal);
  PQclear (PQexec (conn, sql));
  {
    PGresult *result = PQexec (conn, "SELECT 1 FROM pg_hba_file_rules "
                                     "WHERE '" PASSWORD_ROLE "' = ANY (user_name) "
                                     "AND auth_method = 'scram-sha-256'");

    made = PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1;
    PQclear (result);
  }
  PQfinish (conn);
  return made;
}

/* A server that asks a password: the right one opens the session, a wrong or missing one is
 * refused in words, and a database it does not have is named as such, not as the password. */
static void
test_server_asks_password (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *host = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *location = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;

  if (fixture->location == NULL)
    return;
  if (!make_password_role (fixture->conninfo))
    {
      g_test_skip ("the test server has no role that must give a password");
      return;
    }
  g_assert_true (palpate_store_server_location_parts (fixture->location, &host, NULL, &dbname,
                                                      NULL));
  location = palpate_store_server_location_new (host, NULL, dbname, PASSWORD_ROLE);
  missing = palpate_store_server_location_new (host, NULL, "no_such_clinic", PASSWORD_ROLE);

  store = palpate_store_open_with_password (location, "wrong", PALPATE_STORE_OPEN_DEFAULT,
                                            &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "did not accept this computer’s user name or "
                                            "password"));
  g_clear_error (&error);

  store = palpate_store_open_with_password (location, NULL, PALPATE_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "did not accept"));
  g_clear_error (&error);

  store = palpate_store_open_with_password (missing, PASSWORD, PALPATE_STORE_OPEN_DEFAULT,
                                            &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "no database of that name"));
  g_clear_error (&error);

  /* The right password reaches the database, which holds no clinic yet: opened without making
   * one, it says so. */
  store = palpate_store_open_with_password (location, PASSWORD, PALPATE_STORE_OPEN_DEFAULT,
                                            &error);
  g_assert_null (store);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_FILE);
  g_assert_nonnull (strstr (error->message, "holds no Palpate clinic"));
}

/* The location the Connect dialog makes from its fields reads back the same, whatever the
 * fields hold: an IPv6 address, a socket folder, spaces, '&', '=' and accents. */
static void
test_server_location (void)
{
  struct {
    const char *host, *port, *dbname, *user;
  } cases[] = {
    { "db.example.org", "5433", "clinic", "room1" },
    { "/run/postgresql", NULL, "Clinique du Parc", NULL },
    { "fe80::1", "", "clinic", "ana&bo=1" },
    { "serveur.clinique.example", NULL, "cliniqué?x=1", "Zoë Müller" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *location = palpate_store_server_location_new (cases[i].host,
                                                                     cases[i].port,
                                                                     cases[i].dbname,
                                                                     cases[i].user);
      g_autofree char *host = NULL;
      g_autofree char *port = NULL;
      g_autofree char *dbname = NULL;
      g_autofree char *user = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *expected = NULL;

      g_assert_true (g_str_has_prefix (location, "postgresql://"));
      g_assert_true (palpate_store_server_location_parts (location, &host, &port, &dbname,
                                                          &user));
      g_assert_cmpstr (host, ==, cases[i].host);
      g_assert_cmpstr (port, ==, cases[i].port && *cases[i].port ? cases[i].port : NULL);
      g_assert_cmpstr (dbname, ==, cases[i].dbname);
      g_assert_cmpstr (user, ==, cases[i].user);
      shown = palpate_store_describe_server (location);
      expected = g_strdup_printf ("“%s” on %s", cases[i].dbname, cases[i].host);
      g_assert_cmpstr (shown, ==, expected);
    }

  g_assert_false (palpate_store_server_location_parts ("/home/ana/clinic.sqlite3", NULL, NULL,
                                                       NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/Palpate/StoreRooms/client-reaches-other-room", Fixture, NULL, fixture_set_up,
              test_client_reaches_other_room, fixture_tear_down);
  g_test_add ("/Palpate/StoreRooms/open-async", Fixture, NULL, fixture_set_up,
              test_open_async, fixture_tear_down);
  g_test_add ("/Palpate/StoreRooms/visit-reaches-other-room", Fixture, NULL, fixture_set_up,
              test_visit_reaches_other_room, fixture_tear_down);
  g_test_add ("/Palpate/StoreRooms/closed-store-is-quiet", Fixture, NULL, fixture_set_up,
              test_closed_store_is_quiet, fixture_tear_down);

  g_test_add ("/Palpate/StoreRooms/draft-open-elsewhere", Fixture, NULL, fixture_set_up,
              test_draft_open_elsewhere, fixture_tear_down);
  g_test_add ("/Palpate/StoreRooms/open-with-password", Fixture, NULL, fixture_set_up,
              test_open_with_password, fixture_tear_down);
  g_test_add ("/Palpate/StoreRooms/server-asks-password", Fixture, NULL, fixture_set_up,
              test_server_asks_password, fixture_tear_down);
  g_test_add_func ("/Palpate/StoreRooms/describe-server", test_describe_server);
  g_test_add_func ("/Palpate/StoreRooms/server-location", test_server_location);

  return g_test_run ();
}
