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
  char         *path;
  PalpateStore *store;
  gint64        client_id;
  gint64        signed_id;        /* a signed visit with a finding, a technique, a rating */
  gint64        signed_finding;
  gint64        draft_id;         /* a draft visit of the same client, with a finding */
  gint64        draft_finding;
  gint64        technique_id;     /* a technique of the clinic's own, applied at signed_id */
} Fixture;

void   remove_tree                     (const char *path);
void   raw_exec_ok                     (const char *path,
                                        const char *sql);
void   fixture_set_up                  (Fixture       *fixture,
                                        gconstpointer  user_data);
void   fixture_tear_down               (Fixture       *fixture,
                                        gconstpointer  user_data);
void   close_store                     (Fixture *fixture);
char  *verify_fails                    (Fixture *fixture);

/* Every trigger that protects signed visits or the log, dropped. */
extern const char drop_protections[];

void   test_store_seal_add_chain_tests (void);

G_END_DECLS
