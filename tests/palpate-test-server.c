/* palpate-test-server.c — a fresh database on the throwaway PostgreSQL server that
 * build-aux/test starts, for the tests of a clinic on a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-test-server.h"

#include <libpq-fe.h>
#include <string.h>
#include <unistd.h>

#define SERVER_VARIABLE "PALPATE_TEST_POSTGRESQL"

/* A session on the server's maintenance database, or NULL with the reason in *why. */
static PGconn *
connect_to_server (char **why)
{
  const char *conninfo = g_getenv (SERVER_VARIABLE);
  PGconn *conn;

  if (conninfo == NULL || *conninfo == '\0')
    {
      *why = g_strdup (SERVER_VARIABLE " is not set: no PostgreSQL test server (build-aux/test "
                       "starts one when /usr/lib/postgresql/15/bin has its binaries)");
      return NULL;
    }
  conn = PQconnectdb (conninfo);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      *why = g_strdup_printf ("the PostgreSQL test server did not answer: %s",
                              PQerrorMessage (conn));
      PQfinish (conn);
      return NULL;
    }
  return conn;
}

/* Whether the test server answers; if not, g_test_skip() says why. For a test that runs its
 * cases in subprocesses, whose skip the parent would take for a failure. */
gboolean
palpate_test_server_available (void)
{
  g_autofree char *why = NULL;
  PGconn *conn = connect_to_server (&why);

  if (conn == NULL)
    {
      g_test_skip (why);
      return FALSE;
    }
  PQfinish (conn);
  return TRUE;
}

static gboolean
run (PGconn     *conn,
     const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK;

  if (!ok)
    g_printerr ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  return ok;
}

char *
palpate_test_server_new_database (void)
{
  static guint counter;
  g_autofree char *why = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;
  PGconn *conn = connect_to_server (&why);

  if (conn == NULL)
    {
      g_test_skip (why);
      return NULL;
    }
  /* Unique across the test programs that run at once: the process id and a counter. */
  name = g_strdup_printf ("palpate_test_%d_%u_%u", (int) getpid (), ++counter,
                          g_random_int_range (0, 1000000));
  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'", name);
  if (!run (conn, sql))
    {
      PQfinish (conn);
      g_test_skip ("the PostgreSQL test server refused to create a database");
      return NULL;
    }
  PQfinish (conn);
  return g_strdup_printf ("%s dbname=%s", g_getenv (SERVER_VARIABLE), name);
}

void
palpate_test_server_drop_database (const char *conninfo)
{
  g_autofree char *why = NULL;
  g_autofree char *sql = NULL;
  const char *name;
  PGconn *conn;

  if (conninfo == NULL)
    return;
  name = g_strrstr (conninfo, "dbname=");
  g_return_if_fail (name != NULL);
  name += strlen ("dbname=");
  conn = connect_to_server (&why);
  if (conn == NULL)
    return;
  sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
  run (conn, sql);
  PQfinish (conn);
}
