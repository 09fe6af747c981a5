/* palpate-db-private.h — what the two back ends of PalpateDb implement: the connection's and
 * the statement's common part, and the table of functions each back end fills
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-db.h"

G_BEGIN_DECLS

typedef struct
{
  PalpateDbKind kind;

  /* The SQL that opens a transaction. */
  const char *begin_sql;

  /* Optional: what opens and ends a transaction, when more than begin_sql and COMMIT. */
  gboolean            (*begin)           (PalpateDb           *db,
                                          GError             **error);
  gboolean            (*commit)          (PalpateDb           *db,
                                          GError             **error);
  /* Optional: palpate_db_step_at_commit() and palpate_db_step_with_next(), when not a step at
   * once. */
  gboolean            (*step_at_commit)  (PalpateDbStatement  *stmt,
                                          GError             **error);
  gboolean            (*step_with_next)  (PalpateDbStatement  *stmt,
                                          GError             **error);

  void                (*free)            (PalpateDb           *db);
  PalpateDbStatement *(*prepare)         (PalpateDb           *db,
                                          const char          *sql,
                                          GError             **error);
  void                (*free_statement)  (PalpateDbStatement  *stmt);

  void                (*bind_int64)      (PalpateDbStatement  *stmt,
                                          int                  index,
                                          gint64               value);
  void                (*bind_double)     (PalpateDbStatement  *stmt,
                                          int                  index,
                                          double               value);
  void                (*bind_text)       (PalpateDbStatement  *stmt,
                                          int                  index,
                                          const char          *text);
  void                (*bind_null)       (PalpateDbStatement  *stmt,
                                          int                  index);
  void                (*bind_blob)       (PalpateDbStatement  *stmt,
                                          int                  index,
                                          const void          *data,
                                          gsize                size);
  void                (*clear_bindings)  (PalpateDbStatement  *stmt);

  PalpateDbStep       (*step)            (PalpateDbStatement  *stmt,
                                          GError             **error);
  void                (*reset)           (PalpateDbStatement  *stmt);

  gint64              (*column_int64)    (PalpateDbStatement  *stmt,
                                          int                  column);
  double              (*column_double)   (PalpateDbStatement  *stmt,
                                          int                  column);
  const char         *(*column_text)     (PalpateDbStatement  *stmt,
                                          int                  column);
  const void         *(*column_blob)     (PalpateDbStatement  *stmt,
                                          int                  column,
                                          gsize               *size);
  gboolean            (*column_is_null)  (PalpateDbStatement  *stmt,
                                          int                  column);
  int                 (*column_count)    (PalpateDbStatement  *stmt);
  const char         *(*column_name)     (PalpateDbStatement  *stmt,
                                          int                  column);

  gint64              (*changes)         (PalpateDb           *db);
  gboolean            (*exec)            (PalpateDb           *db,
                                          const char          *sql,
                                          GError             **error);
  /* Ends the transaction without keeping anything; nothing to report if it cannot. */
  void                (*rollback)        (PalpateDb           *db);
  gboolean            (*in_transaction)  (PalpateDb           *db);
} PalpateDbClass;

/* The start of every back end's connection. */
struct _PalpateDb
{
  const PalpateDbClass *klass;
  GHashTable           *statements;   /* SQL text → PalpateDbStatement */
  guint64               writes;       /* what may have changed any table: palpate_db_get_writes() */
  GHashTable           *table_writes; /* interned table name → guint64 *: writes naming it */
};

/* The start of every back end's statement. */
struct _PalpateDbStatement
{
  PalpateDb *db;
  char      *sql;
  int        n_params;
  gboolean   may_write;  /* anything but a SELECT */
  const char *written_table;  /* interned: the table an INSERT, UPDATE or DELETE names; NULL
                               * for any other statement that may write */
  gboolean   running;    /* its rows are being read */
  gboolean   plan_each_run;  /* palpate_db_plan_each_run() */
  gboolean   finished;   /* DONE came: later steps say DONE again until a reset, rather than
                          * run the statement once more (a second insert) */
};

void      palpate_db_init                  (PalpateDb            *db,
                                            const PalpateDbClass *klass);

/* The SQL with its '?' and '?N' numbered $1…$n for PostgreSQL; *n_params gets the largest. */
char     *palpate_db_number_placeholders   (const char           *sql,
                                            int                  *n_params);

PalpateDb *palpate_db_sqlite_new           (sqlite3              *borrowed);
PalpateDb *palpate_db_postgresql_connect   (const char           *conninfo,
                                            GError              **error);
/* A new libpq session (a PGconn *) with the server @conninfo names (palpate-db-postgresql-
 * connect.c), or %NULL with @error saying what to check. */
gpointer   palpate_db_postgresql_open_session (const char         *conninfo,
                                              GError            **error);
gpointer   palpate_db_postgresql_get_pgconn (PalpateDb            *db);
G_END_DECLS
