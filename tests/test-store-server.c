/* test-store-server.c — the store opened on a clinic server (a real PostgreSQL 15 server): an
 * empty database becomes a clinic, what is written is there when it is opened again (from
 * "another computer": a second store), a database that holds no clinic is refused, rooms
 * saving at once share the audit chain, and a server that never answers is given up on,
 * cancelled or after its timeout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>

#include "palpate-store.h"
#include "palpate-test-clinic.h"
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

/* A room: a store of its own, saving findings on a visit, each in a transaction of its own. */
typedef struct
{
  PalpateStore *store;
  gint64        visit_id;
  int           n_saves;
  GError       *error;
} Room;

static gpointer
room_saves (gpointer data)
{
  Room *room = data;
  const PalpatePoint points[] = { { 200, 400 }, { 210, 410 }, { 205, 420 } };

  for (int i = 0; i < room->n_saves; i++)
    {
      g_autoptr(PalpateFinding) finding = palpate_finding_new (PALPATE_FINDING_SPASM_ZONE,
                                                               PALPATE_VIEW_POSTERIOR, points,
                                                               G_N_ELEMENTS (points));

      palpate_finding_set_visit_id (finding, room->visit_id);
      palpate_finding_set_region_id (finding, "erector-spinae-lumbar-left");
      if (!palpate_store_save_finding (room->store, finding, &room->error))
        break;
    }
  return NULL;
}

static char *
query_text (PGconn     *conn,
            const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  char *value;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  value = PQntuples (result) > 0 ? g_strdup (PQgetvalue (result, 0, 0)) : NULL;
  PQclear (result);
  return value;
}

#define CHAIN_KEY "'audit_log'::regclass::oid::bigint"

/* Every room appends to the one audit chain. A save takes the chain at its commit only, after
 * its row is written, so that the chain is held for the commit's round trip and not for the
 * row's work: held elsewhere, the save waits for it with its row written. Nothing the chain's
 * holder does then waits for a row (it appends to the log and commits), so no two rooms wait
 * for each other. Four rooms saving at once all commit, and the chain they wrote is whole. */
static void
test_rooms_share_the_chain (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *findings_locks = NULL;
  g_autofree char *entries = NULL;
  Room rooms[4] = { { NULL } };
  GThread *threads[G_N_ELEMENTS (rooms)];
  PGconn *holder;
  gint64 visit_id;
  gint64 n_audit = 0;

  if (fixture->conninfo == NULL)
    return;

  store = palpate_store_open (fixture->location, &error);
  g_assert_no_error (error);
  visit_id = palpate_test_clinic_add_visit (store,
                                            palpate_test_clinic_add_client (store, "Inès Okafor"),
                                            0);
  for (guint r = 0; r < G_N_ELEMENTS (rooms); r++)
    {
      rooms[r].store = palpate_store_open (fixture->location, &error);
      g_assert_no_error (error);
      rooms[r].visit_id = visit_id;
    }

  /* The chain held by another session: the room's save waits for it, its row written. */
  holder = PQconnectdb (fixture->conninfo);
  g_assert_cmpint (PQstatus (holder), ==, CONNECTION_OK);
  g_free (query_text (holder, "SELECT pg_advisory_lock (" CHAIN_KEY ")"));
  rooms[0].n_saves = 1;
  threads[0] = g_thread_new ("room", room_saves, &rooms[0]);
  for (int i = 0; i < 1000 && waiting == NULL; i++)
    {
      waiting = query_text (holder, "SELECT pid FROM pg_locks WHERE locktype = 'advisory' "
                                    "AND NOT granted AND database = (SELECT oid FROM "
                                    "pg_database WHERE datname = current_database ())");
      if (waiting == NULL)
        g_usleep (10000);
    }
  g_assert_nonnull (waiting);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM pg_locks WHERE pid = %s "
                                            "AND relation = 'findings'::regclass", waiting);

    findings_locks = query_text (holder, sql);
  }
  g_assert_cmpstr (findings_locks, !=, "0");
  g_free (query_text (holder, "SELECT pg_advisory_unlock (" CHAIN_KEY ")"));
  g_thread_join (threads[0]);
  g_assert_no_error (rooms[0].error);

  /* Four rooms at once. */
  for (guint r = 0; r < G_N_ELEMENTS (rooms); r++)
    {
      rooms[r].n_saves = 25;
      threads[r] = g_thread_new ("room", room_saves, &rooms[r]);
    }
  for (guint r = 0; r < G_N_ELEMENTS (rooms); r++)
    {
      g_thread_join (threads[r]);
      g_assert_no_error (rooms[r].error);
      g_clear_object (&rooms[r].store);
    }

  entries = query_text (holder, "SELECT count (*) FROM audit_log WHERE entity = 'finding'");
  g_assert_cmpstr (entries, ==, "101");
  PQfinish (holder);
  g_assert_true (palpate_store_verify_audit (store, &n_audit, &error));
  g_assert_no_error (error);
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

/* A "server" on 127.0.0.1 that takes connections (the kernel completes them) and never
 * answers, as one behind a firewall that swallows its replies; *@port is where. */
static GSocket *
new_silent_server (guint16 *port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  GSocket *socket;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any_port, TRUE, &error));
  g_socket_set_listen_backlog (socket, 8);
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_set_blocking (socket, FALSE);
  return socket;
}

/* How many connections @server was asked for, taken now. */
static guint
count_connections (GSocket *server)
{
  guint n = 0;

  for (;;)
    {
      g_autoptr(GSocket) connection = g_socket_accept (server, NULL, NULL);

      if (connection == NULL)
        return n;
      n++;
    }
}

static void
store_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(PalpateStore) store = palpate_store_open_with_password_finish (result, error);

  g_assert_null (store);
  g_assert_nonnull (*error);
}

/* Cancel stops the attempt itself: with a timeout of ten minutes, the store's thread returns
 * as soon as it is cancelled, and says so. Waiting out the timeout, the test would time out. */
static void
test_cancel_connecting (void)
{
  guint16 port = 0;
  g_autoptr(GSocket) server = new_silent_server (&port);
  g_autofree char *location = g_strdup_printf ("postgresql://127.0.0.1:%u/clinic?"
                                               "connect_timeout=600&sslmode=disable", port);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  palpate_store_open_with_password_async (location, NULL, PALPATE_STORE_OPEN_DEFAULT, cancellable,
                                          store_opened_cb, &error);

  /* Cancelled once the attempt reached the server. */
  while (!g_socket_condition_check (server, G_IO_IN))
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_cancellable_cancel (cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_connections (server), ==, 1);
}

/* A server that does not answer within the timeout is unreachable, and is not asked again why
 * (with another TLS mode, then for the server's own database): one attempt, not three, so
 * that the sentence comes after the timeout and not three times it. */
static void
test_no_answer (void)
{
  guint16 port = 0;
  g_autoptr(GSocket) server = new_silent_server (&port);
  g_autofree char *location = g_strdup_printf ("postgresql://127.0.0.1:%u/clinic?"
                                               "connect_timeout=2", port);
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = palpate_store_open (location, &error);
  g_assert_null (store);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE);
  g_assert_cmpuint (count_connections (server), ==, 1);
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
  g_test_add ("/Palpate/StoreServer/rooms-share-the-chain", Fixture, NULL, fixture_set_up,
              test_rooms_share_the_chain, fixture_tear_down);
  g_test_add_func ("/Palpate/StoreServer/unreachable", test_unreachable);
  g_test_add_func ("/Palpate/StoreServer/cancel-connecting", test_cancel_connecting);
  g_test_add_func ("/Palpate/StoreServer/no-answer", test_no_answer);

  return g_test_run ();
}
