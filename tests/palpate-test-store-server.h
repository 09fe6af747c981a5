/* palpate-test-store-server.h — what the store test programs share to run their cases on a
 * clinic on the test's PostgreSQL server too (--server)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether the program was given --server; takes it out of the arguments, before
 * g_test_init() sees them. */
gboolean  palpate_test_store_parse_server_arg            (int    *argc,
                                                          char ***argv);

/* The postgresql:// location palpate_store_open() takes for the conninfo
 * ("host=… user=… dbname=…") of palpate_test_server_new_database(). */
char     *palpate_test_store_server_location             (const char *conninfo);

/* TRUE, after printing the TAP line that skips the whole program and says why, when there is
 * no test server (PALPATE_TEST_POSTGRESQL unset); the caller then returns 0 from main(). */
gboolean  palpate_test_store_skip_program_without_server (void);

/* Runs SQL on the server clinic at @location through a session of its own, as another program
 * (psql) would; the result as SQLite's code (SQLITE_OK, SQLITE_CONSTRAINT for a refused row,
 * SQLITE_ERROR), the server's message in @message. Leading PRAGMAs, SQLite's own settings, are
 * left out. */
int       palpate_test_store_server_exec                 (const char  *location,
                                                          const char  *sql,
                                                          char       **message);

G_END_DECLS
