/* palpate-store-health.c — the checks of an open clinic file that can wait: integrity and the
 * daily backup, in a worker thread
 *
 * A quick check reads every page of the file and the first open of a day copies it whole: on a
 * clinic of ten years each takes seconds. Opening therefore does neither when the file needs no
 * change (palpate-store.c); the window runs both here once it is shown, on a connection of its
 * own in a worker thread, and says something only when something is wrong. The command line's
 * reports and audit check never pay for them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store-health"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "palpate-backup.h"
#include "palpate-store-files.h"
#include "palpate-store-health.h"
#include "palpate-store-private.h"

typedef struct
{
  char      *path;
  GDateTime *now;
  gboolean   backup;
  gboolean   written;   /* set by the worker: a new daily backup, for the audit log */
} HealthCheck;

static void
health_check_free (gpointer data)
{
  HealthCheck *check = data;

  g_free (check->path);
  g_date_time_unref (check->now);
  g_free (check);
}

static char *
quick_check (sqlite3 *db,
             int     *rc)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  *rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (*rc == SQLITE_OK)
    {
      *rc = sqlite3_step (stmt);
      if (*rc == SQLITE_ROW)
        {
          result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          *rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  return result;
}

/* Runs in any thread: it touches nothing of the store but the file's name. */
static gboolean
check_file (HealthCheck  *check,
            GError      **error)
{
  g_autofree char *result = NULL;
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (check->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (db, 5000);
  if (rc == SQLITE_OK)
    result = quick_check (db, &rc);

  if (rc != SQLITE_OK)
    {
      palpate_store_set_error_from_rc (db, rc, check->path, error);
      sqlite3_close_v2 (db);
      return FALSE;
    }

  if (g_strcmp0 (result, "ok") != 0)
    {
      g_autofree char *display = palpate_store_files_display (check->path);

      sqlite3_close_v2 (db);
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The clinic file “%s” is damaged and cannot be used safely."), display);
      return FALSE;
    }

  /* Once a day, a copy; a damaged file never gets this far, so it never replaces a good one. */
  ok = !check->backup || palpate_backup_daily_copy (db, check->path, check->now, &check->written,
                                                     error);
  sqlite3_close_v2 (db);

  return ok;
}

/* In the clinic's audit log, as every backup is; back on the store's own thread. A store closed
 * meanwhile, or one that cannot be written to, still has its backup. */
static void
log_backup (PalpateStore      *self,
            const HealthCheck *check)
{
  if (check->written && palpate_store_get_conn (self) != NULL)
    palpate_store_log_event (self, "backup", "clinic", 0, NULL, NULL);
}

static HealthCheck *
health_check_new (PalpateStore *self,
                  GDateTime    *now)
{
  HealthCheck *check = g_new0 (HealthCheck, 1);

  check->path = g_strdup (palpate_store_get_path (self));
  check->now = now ? g_date_time_ref (now) : g_date_time_new_now_local ();
  /* A clinic made by this run has nothing in it to keep yet; one only read is not backed up,
   * as it was not before. */
  check->backup = !palpate_store_get_created (self) && !palpate_store_is_read_only (self);

  return check;
}

static void
check_health_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;

  if (check_file (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * palpate_store_check_health:
 * @now: (nullable): the current time, for the daily backup's name; %NULL for now
 *
 * Checks the whole clinic file with SQLite's quick check, then makes today's backup if there is
 * none yet and rotates the older ones. Both read the file on a connection of their own.
 *
 * Returns: whether the file is healthy and backed up; %PALPATE_STORE_ERROR_CORRUPT when it is
 *   damaged (no backup is made then), another store error when the backup failed
 */
gboolean
palpate_store_check_health (PalpateStore  *self,
                            GDateTime     *now,
                            GError       **error)
{
  HealthCheck *check;
  gboolean ok;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  /* A clinic on a server has no file to check or copy: the server keeps its own pages whole,
   * and `palpate migrate --from postgresql://… --to FILE` is its backup. */
  if (palpate_store_is_on_server (self))
    return TRUE;

  check = health_check_new (self, now);
  ok = check_file (check, error);
  log_backup (self, check);
  health_check_free (check);

  return ok;
}

/**
 * palpate_store_check_health_async:
 * @now: (nullable): the current time, for the daily backup's name; %NULL for now
 *
 * palpate_store_check_health() in a worker thread. The store may be used meanwhile.
 */
void
palpate_store_check_health_async (PalpateStore        *self,
                                  GDateTime           *now,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PALPATE_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, palpate_store_check_health_async);
  /* No file on a server (see palpate_store_check_health()): nothing for a worker to do. */
  if (palpate_store_is_on_server (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_task_set_task_data (task, health_check_new (self, now), health_check_free);
  g_task_run_in_thread (task, check_health_thread);
}

gboolean
palpate_store_check_health_finish (PalpateStore  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* The worker has finished, whether or not the check was cancelled meanwhile (a server's
   * clinic had none, and no task data). */
  if (g_task_get_task_data (G_TASK (result)) != NULL)
    log_backup (self, g_task_get_task_data (G_TASK (result)));

  return g_task_propagate_boolean (G_TASK (result), error);
}
