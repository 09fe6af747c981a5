/* test-store-seal-private.h — what the parts of the store-seal test share: the fixture, a
 * clinic with a signed visit and a draft, and the helpers that tamper with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-store-private.h"

G_BEGIN_DECLS

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct
{
  char         *tmpdir;
  char         *path;       /* the clinic file, or on a server its postgresql:// location */
  char         *conninfo;   /* on a server: its database, dropped at the end */
  PalpateStore *store;
  gint64        client_id;
  gint64        signed_id;        /* a signed visit with a finding, a technique, a rating */
  gint64        signed_finding;
  gint64        draft_id;         /* a draft visit of the same client, with a finding */
  gint64        draft_finding;
  gint64        technique_id;     /* a technique of the clinic's own, applied at signed_id */
} Fixture;

/* The same cases run on a clinic file and, with --server, on a clinic on the test's
 * PostgreSQL server; what only a file has is skipped there. */
extern gboolean test_on_server;
gboolean skip_on_server                (const char *why);

void   remove_tree                     (const char *path);
void   raw_exec_ok                     (const char *path,
                                        const char *sql);
void   fixture_set_up                  (Fixture       *fixture,
                                        gconstpointer  user_data);
void   fixture_tear_down               (Fixture       *fixture,
                                        gconstpointer  user_data);
void   close_store                     (Fixture *fixture);
char  *verify_fails                    (Fixture *fixture);

/* Every trigger that protects signed visits or the log, dropped (on a server: disabled by the
 * tables' owner, as psql would). */
const char *drop_protections          (void);
/* What stops the audit log's rows from being deleted, dropped. */
const char *drop_audit_log_no_delete  (void);

/* A finding of @kind, drawn at @x on the back of the upper right trapezius. */
PalpateFinding *new_finding          (gint64             visit_id,
                                      PalpateFindingKind kind,
                                      double             x);
/* A trigger that makes every insert into @table WHERE @condition fail, as a full disk or a
 * broken row would; inject_failure (path, NULL, NULL) removes it again. */
void   inject_failure                  (const char *path,
                                        const char *table,
                                        const char *condition);
int    raw_exec                        (const char *path,
                                        const char *sql,
                                        char      **message);

void   test_store_seal_add_chain_tests  (void);
void   test_store_seal_add_writes_tests (void);

G_END_DECLS
