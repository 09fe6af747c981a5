/* palpate-migrate-private.h — what the two directions of a move share: the server session,
 * the tables and their columns, and the row-by-row comparison
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libpq-fe.h>
#include <sqlite3.h>

#include "palpate-migrate.h"

G_BEGIN_DECLS

typedef enum
{
  PALPATE_MIGRATE_INTEGER,
  PALPATE_MIGRATE_REAL,
  PALPATE_MIGRATE_TEXT,
  PALPATE_MIGRATE_BLOB,
} PalpateMigrateType;

/* One table as both sides hold it: its columns (in order), their types, its key. */
typedef struct
{
  char      *name;
  GPtrArray *columns;       /* char * */
  GArray    *types;         /* PalpateMigrateType */
  char      *column_list;   /* "a, b, c" */
  char      *sqlite_order;  /* "ORDER BY …" */
  char      *server_order;  /* the same order on the server, text in byte order */
} PalpateMigrateTable;

void       palpate_migrate_table_free     (PalpateMigrateTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PalpateMigrateTable, palpate_migrate_table_free)

PGconn    *palpate_migrate_connect        (const char   *conninfo,
                                           GError      **error);
gboolean   palpate_migrate_server_exec    (PGconn       *conn,
                                           const char   *sql,
                                           GError      **error);
void       palpate_migrate_set_server_error (PGconn          *conn,
                                             const PGresult  *result,
                                             const char      *table,
                                             GError         **error);
GPtrArray *palpate_migrate_tables         (sqlite3      *db,
                                           PGconn       *conn,
                                           GError      **error);
gboolean   palpate_migrate_compare        (sqlite3               *db,
                                           PGconn                *conn,
                                           GPtrArray             *tables,
                                           PalpateMigrateSummary *summary,
                                           GError               **error);
guint8    *palpate_migrate_decode_bytea   (const char   *text,
                                           gsize        *length);

G_END_DECLS
