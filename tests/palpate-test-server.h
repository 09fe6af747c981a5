/* palpate-test-server.h — a fresh database on the throwaway PostgreSQL server that
 * build-aux/test starts (PALPATE_TEST_POSTGRESQL), for the tests of a clinic on a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The conninfo of a new empty database, to pass to libpq; or NULL after g_test_skip() says
 * why there is none (no server binaries, the variable unset, the server unreachable). */
char    *palpate_test_server_new_database  (void);

gboolean palpate_test_server_available (void);

/* Drops the database palpate_test_server_new_database() made (closing its sessions first). */
void     palpate_test_server_drop_database (const char *conninfo);

G_END_DECLS
