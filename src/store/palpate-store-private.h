/* palpate-store-private.h — what the store's own files share: statements, transactions, errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "palpate-store.h"

G_BEGIN_DECLS

/* Opens a clinic whose lock the caller already holds exclusively (a restore). */
#define PALPATE_STORE_OPEN_LOCKED (1 << 8)

/* How long a write waits for another program holding the file before it gives up. */
#define PALPATE_STORE_BUSY_TIMEOUT_MS 2000

sqlite3      *palpate_store_get_db          (PalpateStore  *self);
sqlite3_stmt *palpate_store_prepare         (PalpateStore  *self,
                                             const char    *sql,
                                             GError       **error);
gboolean      palpate_store_step_done       (PalpateStore  *self,
                                             sqlite3_stmt  *stmt,
                                             GError       **error);
gboolean      palpate_store_exec            (PalpateStore  *self,
                                             const char    *sql,
                                             GError       **error);
gboolean      palpate_store_begin           (PalpateStore  *self,
                                             GError       **error);
gboolean      palpate_store_commit          (PalpateStore  *self,
                                             GError       **error);
void          palpate_store_rollback        (PalpateStore  *self);
void          palpate_store_set_sqlite_error (PalpateStore *self,
                                              int           rc,
                                              GError      **error);
gboolean      palpate_store_audit_append    (PalpateStore  *self,
                                             const char    *action,
                                             const char    *entity,
                                             gint64         entity_id,
                                             const char    *detail,
                                             GError       **error);
void          palpate_store_set_error_from_rc (sqlite3     *db,
                                               int          rc,
                                               const char  *path,
                                               GError     **error);

/* The PIN, tried at a given time (palpate-store-pin.c). */
gboolean      palpate_store_try_pin_at      (PalpateStore  *self,
                                             const char    *pin,
                                             gint64         now,
                                             GError       **error);

/* Schema steps, each taking user_version from N - 1 to N (palpate-store-schema.c). */
const char   *palpate_store_schema_step     (guint          version);
gboolean      palpate_store_schema_finish_step (PalpateStore *self,
                                                guint         version,
                                                GError      **error);

/* Helpers for binding and reading the common column kinds. */
char         *palpate_store_fold_for_search (const char    *text);
char         *palpate_store_strv_to_json    (const char * const *strv);
char        **palpate_store_strv_from_json  (const char    *json);
GDateTime    *palpate_store_column_datetime (sqlite3_stmt  *stmt,
                                             int            column);
gint64        palpate_store_column_time     (sqlite3_stmt  *stmt,
                                             int            column);
const char   *palpate_store_column_text     (sqlite3_stmt  *stmt,
                                             int            column);
void          palpate_store_bind_text       (sqlite3_stmt  *stmt,
                                             int            column,
                                             const char    *text);
void          palpate_store_bind_datetime   (sqlite3_stmt  *stmt,
                                             int            column,
                                             GDateTime     *datetime);
void          palpate_store_bind_pain       (sqlite3_stmt  *stmt,
                                             int            column,
                                             int            pain);
int           palpate_store_column_pain     (sqlite3_stmt  *stmt,
                                             int            column);

char         *palpate_store_points_to_text  (const PalpatePoint *points,
                                             guint               n_points);

G_END_DECLS
