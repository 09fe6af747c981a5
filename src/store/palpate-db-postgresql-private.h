/* palpate-db-postgresql-private.h — what the files of the PostgreSQL back end share: its
 * connection, statement and kept execution, the session's errors, and the round trips that
 * carry several statements (palpate-db-postgresql-pipeline.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libpq-fe.h>

#include "palpate-db-private.h"

G_BEGIN_DECLS

/*
 * A lost connection is made again by the next statement (PQreset): the cached statements stay
 * the caller's, and each is prepared again on the new session at its next step. A transaction
 * the lost session had open is gone with it: until palpate_db_rollback() says the caller knows,
 * every statement fails as unreachable, so that nothing after the loss commits half a change.
 *
 * Round trips are what a save costs over a network, so a transaction's BEGIN waits for its
 * first statement and goes with it, and what is to run at the commit
 * (palpate_db_step_at_commit()) goes with the COMMIT: a save that writes a row, takes the
 * audit chain and appends to it is three round trips, the chain held for the last one only.
 */
typedef struct
{
  PalpateDb  parent;
  PGconn    *conn;
  guint      session;            /* counts the sessions made: 1 for the first */
  guint      next_name;
  gint64     changes;
  gboolean   lost_transaction;
  gboolean   begin_pending;      /* BEGIN said, not yet sent */
  GPtrArray *with_next;          /* of Execution, to send before the next statement */
  GPtrArray *at_commit;          /* of Execution, to send with the COMMIT */
} Connection;

typedef struct
{
  PalpateDbStatement  parent;
  char               *name;
  char               *numbered_sql;
  guint               session;   /* the session it is prepared on */

  char              **values;    /* n_params each, NULL for NULL */
  int                *lengths;
  int                *formats;   /* 0 text, 1 binary (blobs) */

  PGresult           *result;    /* between the first step and DONE */
  int                 row;
  PGresult           *description;
  guint               description_session;
  guchar            **blobs;     /* the current row's unescaped bytea, by column */
  size_t             *blob_sizes;
} Statement;

/* A statement to run later with the bindings it had (palpate_db_step_at_commit()). */
typedef struct
{
  Statement  *stmt;
  int         n_params;
  char      **values;
  int        *lengths;
  int        *formats;
} Execution;

#define CONNECTION(db) ((Connection *) (db))
#define STATEMENT(s) ((Statement *) (s))

void      palpate_db_pg_execution_free        (gpointer                 data);
void      palpate_db_pg_keep_execution        (PalpateDbStatement      *base,
                                               GPtrArray               *executions);
gboolean  palpate_db_pg_run_pipeline          (Connection              *self,
                                               Statement               *last,
                                               PGresult               **last_result,
                                               GError                 **error);

void      palpate_db_pg_set_unreachable_error (GError                 **error);
void      palpate_db_pg_set_error             (Connection              *self,
                                               const PGresult          *result,
                                               PGTransactionStatusType  before,
                                               GError                 **error);
gboolean  palpate_db_pg_ensure_session        (Connection              *self,
                                               GError                 **error);
PGTransactionStatusType
          palpate_db_pg_status_before         (Connection              *self);
void      palpate_db_pg_note_changes          (Connection              *self,
                                               const PGresult          *result);
gboolean  palpate_db_pg_prepare_on_server     (Connection              *self,
                                               Statement               *stmt,
                                               GError                 **error);

G_END_DECLS
