/* test-server.c — the throwaway PostgreSQL server the clinic server tests run on: it answers,
 * it is PostgreSQL 15 or newer, it offers pg_trgm, and each test gets a database of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpq-fe.h>

#include "palpate-test-server.h"

static void
test_fresh_database (void)
{
  g_autofree char *conninfo = palpate_test_server_new_database ();
  PGconn *conn;
  PGresult *result;

  if (conninfo == NULL)
    return;

  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  g_assert_cmpint (PQserverVersion (conn), >=, 150000);

  /* Empty: no table of its own. */
  result = PQexec (conn, "SELECT count(*) FROM information_schema.tables "
                         "WHERE table_schema = 'public'");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "0");
  PQclear (result);

  /* The client search needs trigram indexes. */
  result = PQexec (conn, "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpint (PQntuples (result), ==, 1);
  PQclear (result);
  PQfinish (conn);

  palpate_test_server_drop_database (conninfo);

  /* Dropped: it no longer accepts sessions. */
  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), !=, CONNECTION_OK);
  PQfinish (conn);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Palpate/Server/fresh-database", test_fresh_database);

  return g_test_run ();
}
