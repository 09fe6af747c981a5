/* test-store-private.h — what the parts of the store test share: the fixture and helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  char         *tmpdir;
  char         *path;       /* the clinic file, or on a server its postgresql:// location */
  char         *conninfo;   /* on a server: its database, dropped at the end */
  PalpateStore *store;
} Fixture;

/* The same cases run on a clinic file and, with --server, on a clinic on the test's
 * PostgreSQL server; what only a file has (its mode, its bytes, its backups) is skipped there. */
extern gboolean test_on_server;
gboolean         skip_on_server              (const char *why);

void             fixture_set_up              (Fixture       *fixture,
                                              gconstpointer  user_data);
void             remove_tree                 (const char *path);
void             fixture_tear_down           (Fixture       *fixture,
                                              gconstpointer  user_data);
PalpateClient   *add_client                  (PalpateStore *store,
                                              const char   *name);
PalpateVisit    *add_visit                   (PalpateStore *store,
                                              gint64        client_id,
                                              int           days_ago);
PalpateFinding  *add_finding                 (PalpateStore       *store,
                                              gint64              visit_id,
                                              PalpateFindingKind  kind);
int              raw_exec                    (const char  *path,
                                              const char  *sql,
                                              char       **message);
char            *checksum_file               (const char *path);

void             test_store_add_safety_tests (void);

G_END_DECLS
