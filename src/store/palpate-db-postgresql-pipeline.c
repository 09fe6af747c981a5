/* palpate-db-postgresql-pipeline.c — several statements in one round trip to the server
 * (libpq's pipeline mode): a transaction's BEGIN with its first statement, what was kept for
 * the next statement before it (palpate_db_step_with_next()), and what was kept for the commit
 * with the COMMIT (palpate_db_step_at_commit())
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-db-postgresql-private.h"
#include "palpate-store-error.h"

void
palpate_db_pg_execution_free (gpointer data)
{
  Execution *execution = data;

  for (int i = 0; i < execution->n_params; i++)
    g_free (execution->values[i]);
  g_free (execution->values);
  g_free (execution->lengths);
  g_free (execution->formats);
  g_free (execution);
}

/* Keeps @base with its bindings, which go with it, in @executions; the statement is left with
 * none. */
void
palpate_db_pg_keep_execution (PalpateDbStatement *base,
                              GPtrArray          *executions)
{
  Statement *stmt = STATEMENT (base);
  Execution *execution = g_new0 (Execution, 1);
  int n = MAX (base->n_params, 1);

  execution->stmt = stmt;
  execution->n_params = base->n_params;
  execution->values = g_steal_pointer (&stmt->values);
  execution->lengths = g_steal_pointer (&stmt->lengths);
  execution->formats = g_steal_pointer (&stmt->formats);
  stmt->values = g_new0 (char *, n);
  stmt->lengths = g_new0 (int, n);
  stmt->formats = g_new0 (int, n);
  g_ptr_array_add (executions, execution);
}

static void
send_prepared (Connection  *self,
               Statement   *stmt,
               char       **values,
               int         *lengths,
               int         *formats,
               guint       *n_sent,
               gboolean    *sent)
{
  if (stmt->parent.plan_each_run)
    *sent = *sent && PQsendQueryParams (self->conn, stmt->numbered_sql, stmt->parent.n_params,
                                        NULL, (const char * const *) values, lengths, formats, 0);
  else
    *sent = *sent && PQsendQueryPrepared (self->conn, stmt->name, stmt->parent.n_params,
                                          (const char * const *) values, lengths, formats, 0);
  (*n_sent)++;
}

static void
send_command (Connection *self,
              const char *sql,
              guint      *n_sent,
              gboolean   *sent)
{
  *sent = *sent && PQsendQueryParams (self->conn, sql, 0, NULL, NULL, NULL, NULL, 0);
  (*n_sent)++;
}

/* What run_pipeline() needs before it sends: a session, every statement prepared on it, and
 * pipeline mode. */
static gboolean
prepare_executions (Connection  *self,
                    GPtrArray   *executions,
                    GError     **error)
{
  for (guint i = 0; i < executions->len; i++)
    {
      Execution *execution = executions->pdata[i];

      if (execution->stmt->session != self->session &&
          !palpate_db_pg_prepare_on_server (self, execution->stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
send_executions (Connection *self,
                 GPtrArray  *executions,
                 guint      *n_sent,
                 gboolean   *sent)
{
  for (guint i = 0; i < executions->len; i++)
    {
      Execution *execution = executions->pdata[i];

      send_prepared (self, execution->stmt, execution->values, execution->lengths,
                     execution->formats, n_sent, sent);
    }
}

static gboolean
prepare_round_trip (Connection  *self,
                    Statement   *last,
                    GPtrArray   *with_next,
                    GPtrArray   *at_commit,
                    GError     **error)
{
  if (!palpate_db_pg_ensure_session (self, error))
    return FALSE;
  if (last != NULL && last->session != self->session && !palpate_db_pg_prepare_on_server (self, last, error))
    return FALSE;
  if (!prepare_executions (self, with_next, error) ||
      !prepare_executions (self, at_commit, error))
    return FALSE;

  if (!PQenterPipelineMode (self->conn))
    {
      palpate_db_pg_set_error (self, NULL, palpate_db_pg_status_before (self), error);
      return FALSE;
    }
  return TRUE;
}

/*
 * One round trip: a pending BEGIN, the statements kept for the next one
 * (palpate_db_step_with_next()), then @last with its bindings and its result in *@last_result,
 * or (with @last %NULL) the statements kept for the commit and the COMMIT.
 * Every statement is prepared already (a statement is prepared again on a new session only
 * while nothing of its transaction was sent: then this is its first round trip). The first
 * error is the one reported; the server skips what follows it up to the end of the round trip.
 */
gboolean
palpate_db_pg_run_pipeline (Connection  *self,
                            Statement   *last,
                            PGresult   **last_result,
                            GError     **error)
{
  g_autoptr(GPtrArray) at_commit = NULL;
  g_autoptr(GPtrArray) with_next = NULL;
  PGTransactionStatusType before = palpate_db_pg_status_before (self);
  PGresult *failed = NULL;
  gboolean sent = TRUE;
  gboolean synced = FALSE;
  gboolean rolled_back = FALSE;
  gboolean committed = FALSE;
  guint n_sent = 0;
  guint query = 0;

  if (last_result != NULL)
    *last_result = NULL;

  /* A statement's own round trip leaves what waits for the commit where it is. */
  at_commit = last != NULL ? g_ptr_array_new () : g_steal_pointer (&self->at_commit);
  if (last == NULL)
    self->at_commit = g_ptr_array_new_with_free_func (palpate_db_pg_execution_free);
  with_next = g_steal_pointer (&self->with_next);
  self->with_next = g_ptr_array_new_with_free_func (palpate_db_pg_execution_free);

  if (!prepare_round_trip (self, last, with_next, at_commit, error))
    {
      /* Failed before anything was sent: the transaction fails all the same, and nothing
       * commits until it is rolled back. */
      self->lost_transaction = TRUE;
      return FALSE;
    }

  if (self->begin_pending)
    send_command (self, "BEGIN", &n_sent, &sent);
  self->begin_pending = FALSE;
  send_executions (self, with_next, &n_sent, &sent);
  if (last != NULL)
    send_prepared (self, last, last->values, last->lengths, last->formats, &n_sent, &sent);
  else
    {
      send_executions (self, at_commit, &n_sent, &sent);
      send_command (self, "COMMIT", &n_sent, &sent);
    }
  sent = sent && PQpipelineSync (self->conn);

  /* Each statement's result, then NULL; then the round trip's end. */
  while (sent && !synced && query <= n_sent)
    {
      PGresult *result = PQgetResult (self->conn);
      ExecStatusType status;

      if (result == NULL)
        {
          if (PQstatus (self->conn) == CONNECTION_BAD)
            break;
          query++;
          continue;
        }

      status = PQresultStatus (result);
      if (status == PGRES_PIPELINE_SYNC)
        synced = TRUE;
      else if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK &&
               status != PGRES_PIPELINE_ABORTED && failed == NULL)
        {
          failed = result;
          continue;
        }
      else if (status != PGRES_PIPELINE_ABORTED)
        palpate_db_pg_note_changes (self, result);

      if (last != NULL && query == n_sent - 1 && status != PGRES_PIPELINE_SYNC &&
          status != PGRES_PIPELINE_ABORTED)
        {
          *last_result = result;
          continue;
        }
      if (last == NULL && query == n_sent - 1 && status == PGRES_COMMAND_OK)
        {
          rolled_back = strcmp (PQcmdStatus (result), "ROLLBACK") == 0;
          committed = !rolled_back;
        }
      PQclear (result);
    }

  if (!synced)
    {
      /* The session was lost, or half a round trip left it where it cannot be trusted: the
       * transaction, open or opened here, is gone with it, unless the server said it
       * committed. */
      if (PQstatus (self->conn) != CONNECTION_BAD)
        {
          PQreset (self->conn);
          self->session++;
          self->parent.writes++;
        }
      if (committed && failed == NULL)
        return TRUE;
      self->lost_transaction = TRUE;
      g_clear_pointer (&failed, PQclear);
      if (last_result != NULL)
        g_clear_pointer (last_result, PQclear);
      palpate_db_pg_set_unreachable_error (error);
      return FALSE;
    }

  PQexitPipelineMode (self->conn);
  if (failed != NULL || rolled_back)
    {
      if (last != NULL && *last_result != NULL)
        g_clear_pointer (last_result, PQclear);
      if (rolled_back && failed == NULL)
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                     _("The change was not saved, because an earlier step of it failed. Try "
                       "again."));
      else
        palpate_db_pg_set_error (self, failed, before, error);
      g_clear_pointer (&failed, PQclear);
      return FALSE;
    }

  return TRUE;
}
