/* palpate-backup-keep.c — which backups are kept, and finding the newest good one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-backup"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "palpate-backup.h"
#include "palpate-store-files.h"
#include "palpate-store-private.h"

typedef struct
{
  char  *name;
  GDate  date;
} DailyBackup;

static void
daily_backup_clear (gpointer data)
{
  g_free (((DailyBackup *) data)->name);
}

static int
daily_backup_newest_first (gconstpointer a,
                           gconstpointer b)
{
  return g_date_compare (&((const DailyBackup *) b)->date, &((const DailyBackup *) a)->date);
}

/**
 * palpate_backup_rotate:
 *
 * Keeps the newest PALPATE_BACKUP_KEEP_DAILY daily backups, then the newest backup of each of
 * the PALPATE_BACKUP_KEEP_WEEKLY weeks before them; removes the other daily backups. Backups
 * made before migrations and by hand are never removed.
 */
gboolean
palpate_backup_rotate (const char  *backups_dir,
                       const char  *stem,
                       GDateTime   *now,
                       GError     **error)
{
  g_autoptr(GArray) backups = g_array_new (FALSE, TRUE, sizeof (DailyBackup));
  g_autoptr(GHashTable) weeks = g_hash_table_new (NULL, NULL);
  g_autofree char *prefix = g_strdup_printf ("%s-daily-", stem);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_array_set_clear_func (backups, daily_backup_clear);

  dir = g_dir_open (backups_dir, 0, NULL);
  if (dir == NULL)
    return TRUE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *day = NULL;
      DailyBackup backup = { 0 };

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".sqlite3"))
        continue;

      day = g_strndup (name + strlen (prefix), strlen (name) - strlen (prefix) - strlen (".sqlite3"));
      g_date_clear (&backup.date, 1);
      g_date_set_parse (&backup.date, day);
      if (!g_date_valid (&backup.date) || strlen (day) != 10)
        continue;

      backup.name = g_strdup (name);
      g_array_append_val (backups, backup);
    }

  g_array_sort (backups, daily_backup_newest_first);

  for (guint i = 0; i < backups->len; i++)
    {
      DailyBackup *backup = &g_array_index (backups, DailyBackup, i);
      guint week = g_date_get_year (&backup->date) * 100 + g_date_get_iso8601_week_of_year (&backup->date);
      gboolean keep = FALSE;

      if (i < PALPATE_BACKUP_KEEP_DAILY)
        keep = TRUE;
      else if (!g_hash_table_contains (weeks, GUINT_TO_POINTER (week)) &&
               g_hash_table_size (weeks) < PALPATE_BACKUP_KEEP_WEEKLY)
        {
          g_hash_table_add (weeks, GUINT_TO_POINTER (week));
          keep = TRUE;
        }

      if (!keep)
        {
          g_autofree char *path = g_build_filename (backups_dir, backup->name, NULL);

          if (g_unlink (path) != 0)
            {
              int saved_errno = errno;

              g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                           _("The old backup “%s” could not be removed: %s."), path,
                           g_strerror (saved_errno));
              return FALSE;
            }
        }
    }

  return TRUE;
}

/**
 * palpate_backup_check_file:
 *
 * Whether @path is a healthy Palpate clinic this version can open, opened read-only.
 */
gboolean
palpate_backup_check_file (const char  *path,
                           GError     **error)
{
  g_autofree char *integrity = NULL;
  g_autofree char *display = palpate_store_files_display (path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 application_id = 0;
  gint64 version = 0;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP,
                   _("The backup “%s” does not exist."), display);
      return FALSE;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT * FROM pragma_application_id, pragma_user_version",
                             -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          application_id = sqlite3_column_int64 (stmt, 0);
          version = sqlite3_column_int64 (stmt, 1);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_OK && application_id == PALPATE_STORE_APPLICATION_ID &&
      version <= PALPATE_STORE_SCHEMA_VERSION)
    integrity = palpate_backup_integrity_of (db);
  sqlite3_close_v2 (db);

  if (rc == SQLITE_OK && application_id == PALPATE_STORE_APPLICATION_ID &&
      version > PALPATE_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_TOO_NEW,
                   _("The backup “%s” was made by a newer version of Palpate. Update Palpate to "
                     "restore it; nothing was changed."), display);
      return FALSE;
    }

  if (rc != SQLITE_OK || application_id != PALPATE_STORE_APPLICATION_ID ||
      g_strcmp0 (integrity, "ok") != 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP,
                   _("“%s” is not a good Palpate backup."), display);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  char   *path;
  gint64  mtime;
} BackupCandidate;

static int
candidate_newest_first (gconstpointer a,
                        gconstpointer b)
{
  const BackupCandidate *ca = a;
  const BackupCandidate *cb = b;

  /* Made in the same second: the dated names sort in time order. */
  if (ca->mtime == cb->mtime)
    return -g_strcmp0 (ca->path, cb->path);

  return ca->mtime < cb->mtime ? 1 : -1;
}

static void
candidate_clear (gpointer data)
{
  g_free (((BackupCandidate *) data)->path);
}

/**
 * palpate_backup_find_newest:
 * @database_path: the clinic whose backups are looked for
 *
 * Returns: (transfer full): the newest backup of the clinic that passes the integrity check,
 *   or %NULL with PALPATE_STORE_ERROR_NO_BACKUP
 */
char *
palpate_backup_find_newest (const char  *database_path,
                            GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (database_path);
  g_autofree char *backups_dir = g_build_filename (folder, "backups", NULL);
  g_autofree char *stem = palpate_backup_dup_stem (database_path);
  g_autofree char *prefix = g_strdup_printf ("%s-", stem);
  g_autoptr(GArray) candidates = g_array_new (FALSE, TRUE, sizeof (BackupCandidate));
  g_autoptr(GDir) dir = g_dir_open (backups_dir, 0, NULL);
  const char *name;

  g_array_set_clear_func (candidates, candidate_clear);

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      BackupCandidate candidate;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".sqlite3"))
        continue;

      candidate.path = g_build_filename (backups_dir, name, NULL);
      candidate.mtime = g_stat (candidate.path, &st) == 0 ? (gint64) st.st_mtime : 0;
      g_array_append_val (candidates, candidate);
    }

  g_array_sort (candidates, candidate_newest_first);

  for (guint i = 0; i < candidates->len; i++)
    {
      BackupCandidate *candidate = &g_array_index (candidates, BackupCandidate, i);

      if (palpate_backup_check_file (candidate->path, NULL))
        return g_strdup (candidate->path);
    }

  g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP,
               _("There is no good backup of this clinic to restore."));
  return NULL;
}
