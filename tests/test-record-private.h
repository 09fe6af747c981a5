/* test-record-private.h — what the parts of the record test share: the fixture on a small demo
 * clinic and its helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-store.h"

G_BEGIN_DECLS

typedef struct
{
  char         *dir;
  PalpateStore *store;      /* a small demo clinic */
  GPtrArray    *databases;  /* with --server: the conninfos of the test's server databases */
} Fixture;

/* With --server, the clinics are on the test's PostgreSQL server instead of in files. */
extern gboolean test_on_server;

void      fixture_set_up                (Fixture       *fixture,
                                         gconstpointer  user_data);
void      fixture_tear_down             (Fixture       *fixture,
                                         gconstpointer  user_data);
gboolean  region_check                  (const char    *region_id,
                                         gpointer       user_data);
gint64    busiest_client                (PalpateStore  *store);

void      test_record_add_hostile_tests (void);

G_END_DECLS
