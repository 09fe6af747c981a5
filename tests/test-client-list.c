/* test-client-list.c — the clinic's clients as a list model: every client by name, rows read
 * only when asked for and kept a few pages at a time, searches, and views told only what changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-atlas.h"
#include "palpate-client-list.h"
#include "palpate-store-private.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"
#include "palpate-test-utils.h"

#define N_CLIENTS 700

/* --server: the cases run on a clinic on the test's PostgreSQL server instead of a file. */
static gboolean test_on_server;

typedef struct
{
  char         *tmpdir;
  char         *conninfo;  /* the server database, with --server */
  PalpateStore *store;
  gint64        anna;      /* "Anna Berg", with a contraindication and a no-touch zone */
} Fixture;

typedef struct
{
  guint n_signals;
  guint position;
  guint removed;
  guint added;
} Change;

static gint64
add_client (PalpateStore *store,
            const char   *name,
            const char   *phone)
{
  g_autoptr(PalpateClient) client = palpate_client_new ();

  palpate_client_set_name (client, name);
  palpate_client_set_phone (client, phone);
  g_assert_true (palpate_store_save_client (store, client, NULL));
  return palpate_client_get_id (client);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateClient) anna = NULL;
  g_autoptr(GListStore) zones = g_list_store_new (PALPATE_TYPE_FINDING);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(PalpateFinding) zone = NULL;
  const char *contraindications[] = { "anticoagulants", NULL };
  PalpatePoint points[6];
  PalpateView view;

  fixture->tmpdir = palpate_test_make_tmpdir ();
  if (test_on_server)
    {
      fixture->conninfo = palpate_test_server_new_database ();
      g_assert_nonnull (fixture->conninfo);
      path = palpate_test_store_server_location (fixture->conninfo);
    }
  else
    path = g_build_filename (fixture->tmpdir, "clinic.sqlite3", NULL);
  fixture->store = palpate_store_open (path, &error);
  g_assert_no_error (error);

  /* Names that sort differently by case and by number, so that the order is the store's. */
  g_assert_true (palpate_store_transaction_begin (&transaction, fixture->store, &error));
  for (int i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %04d", i % 2 ? "client" : "Client", i);
      g_autofree char *phone = g_strdup_printf ("(416) 555-%04d", i);

      add_client (fixture->store, name, phone);
    }
  g_assert_true (palpate_store_transaction_commit (&transaction, &error));

  anna = palpate_client_new ();
  palpate_client_set_name (anna, "Anna Berg");
  palpate_client_set_phone (anna, "(647) 555-0199");
  palpate_client_set_contraindications (anna, contraindications);
  g_assert_true (palpate_store_save_client (fixture->store, anna, &error));
  fixture->anna = palpate_client_get_id (anna);

  g_assert_true (palpate_atlas_place_in_region ("shin-left", rand, &view, points, 6,
                                                palpate_atlas_get_default ()));
  zone = palpate_finding_new (PALPATE_FINDING_CONTRAINDICATION, view, points, 6);
  palpate_finding_set_region_id (zone, "shin-left");
  g_list_store_append (zones, zone);
  g_assert_true (palpate_store_set_client_zones (fixture->store, fixture->anna,
                                                 G_LIST_MODEL (zones), &error));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  palpate_store_close (fixture->store);
  g_assert_finalize_object (fixture->store);
  palpate_test_remove_tree (fixture->tmpdir);
  palpate_test_server_drop_database (fixture->conninfo);
  g_free (fixture->conninfo);
  g_free (fixture->tmpdir);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->n_signals++;
  change->position = position;
  change->removed = removed;
  change->added = added;
}

static const char *
name_at (GListModel *model,
         guint       position)
{
  g_autoptr(PalpateClient) client = g_list_model_get_item (model, position);

  /* The list keeps its rows: the name lives on after the reference goes. */
  return palpate_client_get_name (client);
}

static void
test_every_client_by_name (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(PalpateClientList) clients = palpate_client_list_new (fixture->store);
  GListModel *model = G_LIST_MODEL (clients);
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (palpate_client_list_set_search (clients, NULL, &error));
  g_assert_no_error (error);

  /* Every client, no cap; by name whatever the case, so "client 0001" after "Client 0000". */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_CLIENTS + 1);
  g_assert_cmpstr (name_at (model, 0), ==, "Anna Berg");
  g_assert_cmpstr (name_at (model, 1), ==, "Client 0000");
  g_assert_cmpstr (name_at (model, 2), ==, "client 0001");
  g_assert_cmpstr (name_at (model, N_CLIENTS), ==, "client 0699");
  g_assert_null (g_list_model_get_item (model, N_CLIENTS + 1));
  g_assert_cmpint (palpate_client_list_get_id (clients, 0), ==, fixture->anna);
  g_assert_cmpuint (palpate_client_list_find (clients, fixture->anna), ==, 0);
  g_assert_cmpuint (palpate_client_list_find (clients, 999999), ==, G_MAXUINT);
}

static void
test_rows_kept_a_few_pages (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(PalpateClientList) clients = palpate_client_list_new (fixture->store);
  GListModel *model = G_LIST_MODEL (clients);
  g_autoptr(PalpateClient) first = NULL;
  g_autoptr(PalpateClient) again = NULL;
  g_autoptr(PalpateClient) later = NULL;

  g_assert_true (palpate_client_list_set_search (clients, "", NULL));

  /* Asked again soon, a row is the one read before … */
  first = g_list_model_get_item (model, 5);
  again = g_list_model_get_item (model, 5);
  g_assert_true (first == again);

  /* … but after scrolling through the whole list, the first rows were let go and are read
   * afresh: the list holds a few pages, not the clinic. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_object_unref (g_list_model_get_item (model, i));
  later = g_list_model_get_item (model, 5);
  g_assert_true (later != first);
  g_assert_cmpstr (palpate_client_get_name (later), ==, palpate_client_get_name (first));
}

static void
test_search_filters (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(PalpateClientList) clients = palpate_client_list_new (fixture->store);
  GListModel *model = G_LIST_MODEL (clients);
  Change change = { 0 };

  g_assert_true (palpate_client_list_set_search (clients, "", NULL));
  g_signal_connect (clients, "items-changed", G_CALLBACK (items_changed_cb), &change);

  /* Three letters or more: the trigram index; "berg" is one client. */
  g_assert_true (palpate_client_list_set_search (clients, "berg", NULL));
  g_assert_cmpstr (palpate_client_list_get_search (clients), ==, "berg");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (name_at (model, 0), ==, "Anna Berg");
  g_assert_cmpuint (change.n_signals, ==, 1);
  g_assert_cmpuint (change.removed + change.added, <, 2 * (N_CLIENTS + 1));

  /* By phone, and with fewer than three characters. */
  g_assert_true (palpate_client_list_set_search (clients, "(647", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (palpate_client_list_set_search (clients, "555-069", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10);
  g_assert_true (palpate_client_list_set_search (clients, "an", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* Nobody, then everybody again. */
  g_assert_true (palpate_client_list_set_search (clients, "zzzz", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (palpate_client_list_set_search (clients, "", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_CLIENTS + 1);
}

static void
test_reload_tells_what_moved (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(PalpateClientList) clients = palpate_client_list_new (fixture->store);
  GListModel *model = G_LIST_MODEL (clients);
  g_autoptr(PalpateClient) client = NULL;
  g_autoptr(GError) error = NULL;
  Change change = { 0 };
  gint64 zoe;

  g_assert_true (palpate_client_list_set_search (clients, "", NULL));
  g_signal_connect (clients, "items-changed", G_CALLBACK (items_changed_cb), &change);

  /* Nothing changed: nothing to tell. */
  g_assert_true (palpate_client_list_reload (clients, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (change.n_signals, ==, 0);

  /* A client added at the end of the alphabet is one row added there. */
  zoe = add_client (fixture->store, "Zoë Zhang", NULL);
  g_assert_true (palpate_client_list_reload (clients, NULL));
  g_assert_cmpuint (change.n_signals, ==, 1);
  g_assert_cmpuint (change.position, ==, N_CLIENTS + 1);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  g_assert_cmpint (palpate_client_list_get_id (clients, N_CLIENTS + 1), ==, zoe);

  /* Renamed from the last place to the first, every row between moves. */
  client = palpate_store_get_client (fixture->store, zoe, NULL);
  palpate_client_set_name (client, "Aaron Abbott");
  g_assert_true (palpate_store_save_client (fixture->store, client, NULL));
  g_assert_true (palpate_client_list_reload (clients, NULL));
  g_assert_cmpuint (change.n_signals, ==, 2);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, N_CLIENTS + 2);
  g_assert_cmpuint (change.added, ==, N_CLIENTS + 2);
  g_assert_cmpstr (name_at (model, 0), ==, "Aaron Abbott");

  /* A visit recorded changes one row, read again. */
  palpate_client_list_client_changed (clients, fixture->anna);
  g_assert_cmpuint (change.n_signals, ==, 3);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 1);
}

static void
test_search_sees_own_writes (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(PalpateClientList) clients = palpate_client_list_new (fixture->store);
  GListModel *model = G_LIST_MODEL (clients);
  g_autoptr(PalpateClient) anna = NULL;

  g_assert_true (palpate_client_list_set_search (clients, "", NULL));
  g_assert_true (palpate_client_list_set_search (clients, "zhang", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* What the clinic's own connection writes, the next keystroke finds, with no reload: a
   * client added at reception, another renamed. */
  add_client (fixture->store, "Zoë Zhang", "(905) 555-7788");
  g_assert_true (palpate_client_list_set_search (clients, "zhan", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (name_at (model, 0), ==, "Zoë Zhang");
  g_assert_true (palpate_client_list_set_search (clients, "5-778", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  anna = palpate_store_get_client (fixture->store, fixture->anna, NULL);
  palpate_client_set_name (anna, "Anna Lindqvist");
  g_assert_true (palpate_store_save_client (fixture->store, anna, NULL));
  g_assert_true (palpate_client_list_set_search (clients, "lindq", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpint (palpate_client_list_get_id (clients, 0), ==, fixture->anna);
  g_assert_true (palpate_client_list_set_search (clients, "berg", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  /* Accents and case fold as the search text does: "zoe" finds Zoë. */
  g_assert_true (palpate_client_list_set_search (clients, "ZOE", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
}

static void
test_search_again_sees_other_rooms (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autoptr(PalpateClientList) clients = palpate_client_list_new (fixture->store);
  g_autofree char *location = NULL;
  g_autoptr(PalpateStore) other_room = NULL;
  g_autoptr(GError) error = NULL;

  if (!test_on_server)
    {
      g_test_skip ("a clinic file is open in one program at a time");
      return;
    }

  g_assert_true (palpate_client_list_set_search (clients, "zhang", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 0);

  /* Another room adds a client; told of it, this one lists them, whatever is typed. */
  location = palpate_test_store_server_location (fixture->conninfo);
  other_room = palpate_store_open (location, &error);
  g_assert_no_error (error);
  add_client (other_room, "Zoë Zhang", NULL);
  g_assert_true (palpate_client_list_search_again (clients, "zhang", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, 1);
  g_assert_true (palpate_client_list_search_again (clients, "", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, N_CLIENTS + 2);
  add_client (other_room, "Yara Young", NULL);
  g_assert_true (palpate_client_list_reload (clients, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, N_CLIENTS + 3);
  palpate_store_close (other_room);
}

static void
test_care_marks (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(PalpateClientList) clients = palpate_client_list_new (fixture->store);
  g_autoptr(PalpateClient) anna = NULL;
  g_autoptr(PalpateClient) other = NULL;
  const char * const *contraindications;

  g_assert_true (palpate_client_list_set_search (clients, "", NULL));
  anna = g_list_model_get_item (G_LIST_MODEL (clients), 0);
  other = g_list_model_get_item (G_LIST_MODEL (clients), 1);

  /* The row carries what the sidebar marks: contraindications and standing no-touch zones. */
  contraindications = palpate_client_get_contraindications (anna);
  g_assert_nonnull (contraindications);
  g_assert_cmpstr (contraindications[0], ==, "anticoagulants");
  g_assert_true (palpate_client_list_has_zones (clients, fixture->anna));
  g_assert_cmpstr (palpate_client_get_phone (anna), ==, "(647) 555-0199");
  g_assert_cmpint (palpate_client_get_visit_count (anna), ==, 0);
  g_assert_null (palpate_client_get_last_visit_at (anna));
  g_assert_false (palpate_client_list_has_zones (clients, palpate_client_get_id (other)));
}

static void
read_failed_cb (PalpateClientList *clients,
                const char        *message,
                char             **reported)
{
  g_free (*reported);
  *reported = g_strdup (message);
}

static void
test_read_failure_reported (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(PalpateClientList) clients = palpate_client_list_new (fixture->store);
  g_autoptr(PalpateClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reported = NULL;

  g_assert_true (palpate_client_list_set_search (clients, "", NULL));
  g_signal_connect (clients, "read-failed", G_CALLBACK (read_failed_cb), &reported);
  palpate_store_close (fixture->store);

  /* A row that cannot be read keeps its place and its id, and the reason is told. */
  client = g_list_model_get_item (G_LIST_MODEL (clients), 3);
  g_assert_nonnull (client);
  g_assert_cmpint (palpate_client_get_id (client), ==, palpate_client_list_get_id (clients, 3));
  g_assert_null (palpate_client_get_name (client));
  g_assert_nonnull (reported);

  /* A search that cannot be read leaves the list as it was, and says why. */
  g_assert_false (palpate_client_list_set_search (clients, "berg", &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (clients)), ==, N_CLIENTS + 1);
  g_assert_cmpstr (palpate_client_list_get_search (clients), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  test_on_server = palpate_test_store_parse_server_arg (&argc, &argv);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (test_on_server && palpate_test_store_skip_program_without_server ())
    return 0;

#define ADD(path, func) \
  g_test_add ("/Palpate/ClientList/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("every-client-by-name", test_every_client_by_name);
  ADD ("rows-kept-a-few-pages", test_rows_kept_a_few_pages);
  ADD ("search-filters", test_search_filters);
  ADD ("reload-tells-what-moved", test_reload_tells_what_moved);
  ADD ("search-sees-own-writes", test_search_sees_own_writes);
  ADD ("search-again-sees-other-rooms", test_search_again_sees_other_rooms);
  ADD ("care-marks", test_care_marks);
  ADD ("read-failure-reported", test_read_failure_reported);

  return g_test_run ();
}
