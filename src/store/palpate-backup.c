/* palpate-backup.c — copies of the clinic file: before migrations, daily, and on request
 *
 * A backup is written with SQLite's online backup API to a temporary file, checked with
 * integrity_check, flushed to disk and only then renamed into place, so a damaged clinic never
 * replaces a good copy. Backups live in a "backups" folder beside the clinic file, mode 0600:
 * `<stem>-daily-YYYY-MM-DD.sqlite3` and `<stem>-before-vN-YYYYMMDD-HHMMSS.sqlite3`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "palpate-backup.h"
#include "palpate-store-private.h"

static gboolean
fsync_path (const char  *path,
            gboolean     is_dir,
            GError     **error)
{
  int fd = g_open (path, (is_dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);
  int rc;

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("“%s” could not be opened to be saved to disk: %s."), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  rc = fsync (fd);
  close (fd);

  if (rc != 0 && !is_dir)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR,
                   saved_errno == ENOSPC ? PALPATE_STORE_ERROR_DISK_FULL : PALPATE_STORE_ERROR_IO,
                   _("“%s” could not be saved to disk: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static char *
integrity_of (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return result;
}

char *
palpate_backup_dup_stem (const char *database_path)
{
  g_autofree char *base = g_path_get_basename (database_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_steal_pointer (&base);
}

/**
 * palpate_backup_copy:
 * @source: an open connection to the clinic; the store's own, or one of a worker thread
 * @destination: the backup file to write; replaced only once the copy is known to be good
 *
 * Copies the clinic while it stays open, with SQLite's online backup API.
 */
gboolean
palpate_backup_copy (sqlite3     *source,
                     const char  *destination,
                     GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *integrity = NULL;
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  folder = g_path_get_dirname (destination);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The folder “%s” for the backup cannot be created: %s."), folder,
                   g_strerror (saved_errno));
      return FALSE;
    }

  temporary = g_strdup_printf ("%s.part-%d", destination, (int) getpid ());
  g_unlink (temporary);
  fd = g_open (temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR,
                   saved_errno == ENOSPC ? PALPATE_STORE_ERROR_DISK_FULL : PALPATE_STORE_ERROR_IO,
                   _("The backup “%s” cannot be written: %s."), destination,
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (temporary, &copy, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", source, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (copy);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          if (sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_OK)
            rc = sqlite3_errcode (copy);
        }
    }

  /* The copy is a plain file on its own: no WAL that could be left behind. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      palpate_store_set_error_from_rc (copy, rc, destination, error);
      sqlite3_close_v2 (copy);
      g_unlink (temporary);
      return FALSE;
    }

  integrity = integrity_of (copy);
  sqlite3_close_v2 (copy);

  if (g_strcmp0 (integrity, "ok") != 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The clinic file is damaged, so no backup was made; the earlier backups "
                     "were kept."));
      g_unlink (temporary);
      return FALSE;
    }

  if (!fsync_path (temporary, FALSE, error))
    {
      g_unlink (temporary);
      return FALSE;
    }

  if (g_rename (temporary, destination) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The backup “%s” cannot be written: %s."), destination,
                   g_strerror (saved_errno));
      g_unlink (temporary);
      return FALSE;
    }

  return fsync_path (folder, TRUE, error);
}

/**
 * palpate_store_backup_to:
 * @destination: the backup file to write; replaced only once the copy is known to be good
 *
 * Copies the clinic while it stays open, with SQLite's online backup API.
 */
gboolean
palpate_store_backup_to (PalpateStore  *self,
                         const char    *destination,
                         GError       **error)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  return palpate_backup_copy (palpate_store_get_db (self), destination, error);
}

/**
 * palpate_backup_dup_folder:
 *
 * Backups are kept in a folder named "backups" beside the clinic file: for the default clinic,
 * `$XDG_DATA_HOME/palpate/backups/`.
 */
char *
palpate_backup_dup_folder (const char *database_path)
{
  g_autofree char *folder = g_path_get_dirname (database_path);

  return g_build_filename (folder, "backups", NULL);
}

gboolean
palpate_backup_before_migration (PalpateStore  *store,
                                 guint          version,
                                 GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *folder = palpate_store_dup_backups_dir (store);
  g_autofree char *stem = palpate_backup_dup_stem (palpate_store_get_path (store));
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("%s-before-v%u-%s.sqlite3", stem, version, stamp);
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return palpate_store_backup_to (store, path, error);
}

/**
 * palpate_backup_daily:
 * @now: the current time (tests pass their own)
 *
 * Makes today's backup if there is none yet, then rotates the daily backups.
 */
gboolean
palpate_backup_daily (PalpateStore  *store,
                      GDateTime     *now,
                      GError       **error)
{
  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);

  return palpate_backup_daily_copy (palpate_store_get_db (store), palpate_store_get_path (store),
                                    now, error);
}

/**
 * palpate_backup_daily_copy:
 * @source: an open connection to the clinic at @database_path
 * @now: the current time (tests pass their own)
 *
 * palpate_backup_daily() for a connection of its own, as a worker thread has.
 */
gboolean
palpate_backup_daily_copy (sqlite3     *source,
                           const char  *database_path,
                           GDateTime   *now,
                           GError     **error)
{
  g_autofree char *folder = palpate_backup_dup_folder (database_path);
  g_autofree char *stem = palpate_backup_dup_stem (database_path);
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("%s-daily-%s.sqlite3", stem, day);
  g_autofree char *path = g_build_filename (folder, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS) &&
      !palpate_backup_copy (source, path, error))
    return FALSE;

  return palpate_backup_rotate (folder, stem, now, error);
}

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
 * Whether @path is a healthy Palpate clinic, opened read-only.
 */
gboolean
palpate_backup_check_file (const char  *path,
                           GError     **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *integrity = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 application_id = 0;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP,
                   _("The backup “%s” does not exist."), path);
      return FALSE;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          application_id = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_OK)
    integrity = integrity_of (db);
  sqlite3_close_v2 (db);

  if (rc != SQLITE_OK || application_id != PALPATE_STORE_APPLICATION_ID ||
      g_strcmp0 (integrity, "ok") != 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP,
                   _("“%s” is not a good Palpate backup."), path);
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

static gboolean
set_aside (const char  *path,
           const char  *suffix,
           GError     **error)
{
  g_autofree char *target = g_strconcat (path, suffix, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (g_rename (path, target) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("“%s” could not be set aside: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/**
 * palpate_backup_restore:
 * @backup_path: a backup, checked before anything is touched
 * @database_path: the clinic file to replace; it is set aside (renamed with a ".replaced-…"
 *   suffix), never deleted
 *
 * Puts a backup in place of the clinic file. The clinic must not be open.
 */
gboolean
palpate_backup_restore (const char  *backup_path,
                        const char  *database_path,
                        GError     **error)
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) temporary_file = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *suffix = g_strdup_printf (".replaced-%s", stamp);
  g_autofree char *temporary = g_strdup_printf ("%s.restoring-%d", database_path, (int) getpid ());
  g_autofree char *folder = g_path_get_dirname (database_path);
  g_autoptr(GError) local_error = NULL;
  const char *companions[] = { "-wal", "-shm", "-journal" };

  g_return_val_if_fail (backup_path != NULL && database_path != NULL, FALSE);

  if (!palpate_backup_check_file (backup_path, error))
    return FALSE;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The folder “%s” cannot be created: %s."), folder, g_strerror (saved_errno));
      return FALSE;
    }

  source = g_file_new_for_path (backup_path);
  temporary_file = g_file_new_for_path (temporary);
  if (!g_file_copy (source, temporary_file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL,
                    &local_error))
    {
      g_set_error (error, PALPATE_STORE_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE)
                   ? PALPATE_STORE_ERROR_DISK_FULL : PALPATE_STORE_ERROR_IO,
                   _("The backup could not be copied: %s."), local_error->message);
      g_unlink (temporary);
      return FALSE;
    }

  if (g_chmod (temporary, 0600) != 0 || !fsync_path (temporary, FALSE, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                     _("The restored clinic file could not be protected."));
      g_unlink (temporary);
      return FALSE;
    }

  /* The clinic being replaced, with its journal, is kept under another name. */
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (database_path, companions[i], NULL);
      g_autofree char *companion_suffix = g_strconcat (suffix, NULL);

      if (!set_aside (companion, companion_suffix, error))
        {
          g_unlink (temporary);
          return FALSE;
        }
    }

  if (!set_aside (database_path, suffix, error))
    {
      g_unlink (temporary);
      return FALSE;
    }

  if (g_rename (temporary, database_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The backup could not be put in place: %s."), g_strerror (saved_errno));
      return FALSE;
    }

  return fsync_path (folder, TRUE, error);
}
