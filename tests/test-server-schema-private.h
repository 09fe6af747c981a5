/* test-server-schema-private.h — what the parts of the server schema test share: a fresh
 * database on the test server, and statements that must pass or be refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct
{
  char   *conninfo;
  PGconn *conn;
} Fixture;

/* An empty database; conn is NULL when there is no test server (the test is skipped). */
void   fixture_set_up        (Fixture       *fixture,
                              gconstpointer  user_data);
/* A database with the whole schema, made by palpate_server_schema_create(). */
void   fixture_set_up_clinic (Fixture       *fixture,
                              gconstpointer  user_data);
void   fixture_tear_down     (Fixture       *fixture,
                              gconstpointer  user_data);

void   run_ok                (PGconn     *conn,
                              const char *sql);
void   run_refused           (PGconn     *conn,
                              const char *sql,
                              const char *phrase,
                              const char *sqlstate);
char  *query_value           (PGconn     *conn,
                              const char *sql);

void   add_rule_tests        (void);

G_END_DECLS
