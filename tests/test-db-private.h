/* test-db-private.h — what the parts of the db test share: a fresh clinic of either kind and
 * the table most cases use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-db-private.h"
#include "palpate-store-error.h"
#include "palpate-test-server.h"
#include "palpate-test-utils.h"

G_BEGIN_DECLS

typedef struct
{
  PalpateDbKind  kind;
  char          *tmpdir;
  char          *path;
  sqlite3       *sqlite;
  char          *conninfo;
  PalpateDb     *db;
} Fixture;

void     fixture_free   (Fixture       *fixture);
Fixture *fixture_new    (gconstpointer  data);
void     exec           (PalpateDb     *db,
                         const char    *sql);
void     create_notes   (Fixture       *fixture);
gint64   insert_note    (PalpateDb     *db,
                         const char    *body,
                         int            score);
gint64   query_int64    (PalpateDb     *db,
                         const char    *sql);

void     test_db_add_session_tests (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

G_END_DECLS
