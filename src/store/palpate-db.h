/* palpate-db.h — one statement API for the clinic's two homes: a SQLite file on this computer
 * or a PostgreSQL server that several rooms share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/*
 * A connection (PalpateDb) owns the statements prepared on it, cached by their SQL text: a
 * store function prepares its SQL each time it runs and gets the same statement back, reset
 * and with no bindings. The SQL is written once for both back ends:
 *
 * - parameters are '?' or '?N' (the PostgreSQL back end numbers them $1…$n, leaving alone any
 *   '?' inside a string literal, a quoted identifier or a comment); every number up to the
 *   largest must appear in the SQL, as PostgreSQL infers each parameter's type from its use;
 *   PostgreSQL's jsonb operators that contain '?' cannot be written, use jsonb_exists() and
 *   its kin instead;
 * - a new row's id is read back as a row: "INSERT … RETURNING id", stepped once for the id
 *   (SQLite has RETURNING since 3.35); there is no last-insert-rowid;
 * - errors are PALPATE_STORE_ERROR, with the same codes on both back ends;
 * - after an error inside a transaction, roll it back (or back to a savepoint): SQLite undoes
 *   only the failed statement, but PostgreSQL refuses every other until then, and its COMMIT
 *   would end the transaction as a rollback (which palpate_db_commit() reports as an error);
 * - on PostgreSQL a transaction's BEGIN is sent with its first statement, and what
 *   palpate_db_step_at_commit() was given is sent with its COMMIT: an error may therefore come
 *   from a later call than the statement that caused it, and fails the transaction as well.
 *
 * Columns are numbered from 0, parameters from 1, as in SQLite. What a column function returns
 * (text, blob) stays valid until the next step or reset of its statement.
 */

typedef enum
{
  PALPATE_DB_SQLITE,
  PALPATE_DB_POSTGRESQL,
} PalpateDbKind;

typedef enum
{
  PALPATE_DB_ROW,
  PALPATE_DB_DONE,
  PALPATE_DB_ERROR,
} PalpateDbStep;

typedef struct _PalpateDb          PalpateDb;
typedef struct _PalpateDbStatement PalpateDbStatement;

PalpateDb          *palpate_db_new_sqlite          (sqlite3             *borrowed);
PalpateDb          *palpate_db_connect_postgresql  (const char          *conninfo,
                                                    GError             **error);
void                palpate_db_free                (PalpateDb           *db);
PalpateDbKind       palpate_db_get_kind            (PalpateDb           *db);
/* The libpq session of a PostgreSQL connection (a PGconn *), for what only the server's own
 * API does (its schema, COPY); NULL for SQLite. */
gpointer            palpate_db_get_pgconn          (PalpateDb           *db);

PalpateDbStatement *palpate_db_prepare             (PalpateDb           *db,
                                                    const char          *sql,
                                                    GError             **error);

void                palpate_db_bind_int64          (PalpateDbStatement  *stmt,
                                                    int                  index,
                                                    gint64               value);
void                palpate_db_bind_int            (PalpateDbStatement  *stmt,
                                                    int                  index,
                                                    int                  value);
void                palpate_db_bind_double         (PalpateDbStatement  *stmt,
                                                    int                  index,
                                                    double               value);
void                palpate_db_bind_text           (PalpateDbStatement  *stmt,
                                                    int                  index,
                                                    const char          *text);
void                palpate_db_bind_null           (PalpateDbStatement  *stmt,
                                                    int                  index);
void                palpate_db_bind_blob           (PalpateDbStatement  *stmt,
                                                    int                  index,
                                                    const void          *data,
                                                    gsize                size);

PalpateDbStep       palpate_db_step                (PalpateDbStatement  *stmt,
                                                    GError             **error);
void                palpate_db_reset               (PalpateDbStatement  *stmt);

gint64              palpate_db_column_int64        (PalpateDbStatement  *stmt,
                                                    int                  column);
int                 palpate_db_column_int          (PalpateDbStatement  *stmt,
                                                    int                  column);
double              palpate_db_column_double       (PalpateDbStatement  *stmt,
                                                    int                  column);
const char         *palpate_db_column_text         (PalpateDbStatement  *stmt,
                                                    int                  column);
const void         *palpate_db_column_blob         (PalpateDbStatement  *stmt,
                                                    int                  column,
                                                    gsize               *size);
gboolean            palpate_db_column_is_null      (PalpateDbStatement  *stmt,
                                                    int                  column);
int                 palpate_db_column_count        (PalpateDbStatement  *stmt);
const char         *palpate_db_column_name         (PalpateDbStatement  *stmt,
                                                    int                  column);

gint64              palpate_db_changes             (PalpateDb           *db);
void                palpate_db_plan_each_run       (PalpateDbStatement  *stmt);
guint64             palpate_db_get_writes          (PalpateDb           *db,
                                                    const char          *table);
gboolean            palpate_db_exec                (PalpateDb           *db,
                                                    const char          *sql,
                                                    GError             **error);

gboolean            palpate_db_begin               (PalpateDb           *db,
                                                    GError             **error);
gboolean            palpate_db_commit              (PalpateDb           *db,
                                                    GError             **error);
void                palpate_db_rollback            (PalpateDb           *db);
gboolean            palpate_db_step_at_commit      (PalpateDbStatement  *stmt,
                                                    GError             **error);
gboolean            palpate_db_step_with_next      (PalpateDbStatement  *stmt,
                                                    GError             **error);
gboolean            palpate_db_in_transaction      (PalpateDb           *db);
gboolean            palpate_db_savepoint           (PalpateDb           *db,
                                                    const char          *name,
                                                    GError             **error);
gboolean            palpate_db_release             (PalpateDb           *db,
                                                    const char          *name,
                                                    GError             **error);
gboolean            palpate_db_rollback_to         (PalpateDb           *db,
                                                    const char          *name,
                                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PalpateDb, palpate_db_free)

G_END_DECLS
