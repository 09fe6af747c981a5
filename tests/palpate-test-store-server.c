/* palpate-test-store-server.c — what the store test programs share to run their cases on a
 * clinic on the test's PostgreSQL server too (--server)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-test-store-server.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <string.h>

gboolean
palpate_test_store_parse_server_arg (int    *argc,
                                     char ***argv)
{
  gboolean found = FALSE;
  int kept = 1;

  g_return_val_if_fail (argc != NULL && argv != NULL, FALSE);

  for (int i = 1; i < *argc; i++)
    if (g_str_equal ((*argv)[i], "--server"))
      found = TRUE;
    else
      (*argv)[kept++] = (*argv)[i];
  if (kept < *argc)
    (*argv)[kept] = NULL;
  *argc = kept;
  return found;
}

char *
palpate_test_store_server_location (const char *conninfo)
{
  g_auto(GStrv) words = NULL;
  const char *host = "", *user = "", *dbname = "";

  g_return_val_if_fail (conninfo != NULL, NULL);

  /* libpq's URI form of the same words; the test server's values have no spaces or quotes. */
  words = g_strsplit (conninfo, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (words[i], "host="))
      host = words[i] + strlen ("host=");
    else if (g_str_has_prefix (words[i], "user="))
      user = words[i] + strlen ("user=");
    else if (g_str_has_prefix (words[i], "dbname="))
      dbname = words[i] + strlen ("dbname=");
  return g_strdup_printf ("postgresql:///%s?host=%s&user=%s", dbname, host, user);
}

gboolean
palpate_test_store_skip_program_without_server (void)
{
  const char *conninfo = g_getenv ("PALPATE_TEST_POSTGRESQL");

  if (conninfo != NULL && *conninfo != '\0')
    return FALSE;
  /* TAP: the whole program skipped, and why. */
  g_print ("1..0 # SKIP PALPATE_TEST_POSTGRESQL is not set: no PostgreSQL test server\n");
  return TRUE;
}

int
palpate_test_store_server_exec (const char  *location,
                                const char  *sql,
                                char       **message)
{
  PGconn *conn;
  PGresult *result;
  int rc = SQLITE_OK;

  g_return_val_if_fail (location != NULL && sql != NULL, SQLITE_MISUSE);

  conn = PQconnectdb (location);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  while (g_str_has_prefix (sql, "PRAGMA ") && strchr (sql, ';') != NULL)
    {
      sql = strchr (sql, ';') + 1;
      while (*sql == ' ')
        sql++;
    }
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);

      /* Integrity violations (class 23) and the triggers' RAISE EXCEPTION (P0001) are what
       * SQLite reports as a constraint. */
      rc = state != NULL && (g_str_has_prefix (state, "23") || g_str_equal (state, "P0001"))
             ? SQLITE_CONSTRAINT : SQLITE_ERROR;
    }
  if (message != NULL)
    *message = g_strdup (PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
  return rc;
}
