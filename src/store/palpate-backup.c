/* palpate-backup.c — copies of the clinic file: before migrations, daily, on request; restores
 *
 * A backup is written with SQLite's online backup API to a temporary file, checked with
 * integrity_check, flushed to disk and only then renamed into place, so a damaged clinic never
 * replaces a good copy. Backups live in a "backups" folder beside the clinic file, mode 0600:
 * `<stem>-daily-YYYY-MM-DD.sqlite3`, `<stem>-before-vN-YYYYMMDD-HHMMSS.sqlite3` and
 * `<stem>-before-restore-YYYYMMDD-HHMMSS.sqlite3`; copies made before a change never replace
 * one another.
 *
 * A restore never renames the clinic away: it first keeps a checked copy of the clinic as it is
 * (with everything in its write-ahead log), then copies the backup into the open clinic with
 * the online backup API in one transaction. A kill at any moment leaves the old clinic or the
 * restored one, never none. It runs only while no other Palpate has the clinic open.
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
#include "palpate-backup-copies.h"
#include "palpate-store-files.h"
#include "palpate-store-private.h"

/* Pages copied per step of a restore: between steps the copy can be stopped. */
#define RESTORE_PAGES_PER_STEP 64

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

/* Why a copy could not be written, as a sentence about the copy, not about the clinic. */
static void
set_copy_error (sqlite3     *copy,
                int          rc,
                const char  *destination,
                GError     **error)
{
  g_autoptr(GError) reason = NULL;
  g_autofree char *display = palpate_store_files_display (destination);

  palpate_store_set_error_from_rc (copy, rc, destination, &reason);
  if (g_error_matches (reason, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL))
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL,
                 _("The disk is full, so the backup “%s” could not be written. The clinic "
                   "itself was not changed; free some space and try again."), display);
  else
    g_set_error (error, PALPATE_STORE_ERROR, reason->code,
                 _("The backup “%s” could not be written (%s). The clinic itself was not "
                   "changed."), display, sqlite3_errstr (rc));
}

/* Copies @db into a new temporary file beside @destination, checks it and flushes it to disk.
 * @self is the store whose connection @db is, or %NULL for a connection of a worker thread.
 * Returns the temporary file, which the caller renames; nothing is left behind on failure. */
static char *
write_checked_copy (PalpateStore  *self,
                    sqlite3       *db,
                    const char    *destination,
                    const char    *stale_prefix,
                    GError       **error)
{
  g_autofree char *folder = g_path_get_dirname (destination);
  g_autofree char *temporary = palpate_store_files_temporary (destination, "part");
  g_autofree char *integrity = NULL;
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = palpate_store_files_display (folder);

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The folder “%s” for the backup cannot be created: %s."), display,
                   g_strerror (saved_errno));
      return NULL;
    }

  palpate_store_files_remove_stale (folder, stale_prefix);
  palpate_store_files_remove (temporary);
  fd = palpate_store_files_create (temporary, error);
  if (fd < 0)
    return NULL;
  close (fd);

  rc = sqlite3_open_v2 (temporary, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (copy, 1);
      backup = sqlite3_backup_init (copy, "main", db, "main");
      if (backup == NULL)
        rc = sqlite3_extended_errcode (copy);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          if (sqlite3_backup_finish (backup) != SQLITE_OK && rc == SQLITE_OK)
            rc = sqlite3_extended_errcode (copy);
        }
    }

  /* The copy records the head of its audit chain (count and hash), against which a later
   * clinic can be checked for a cut-short log. */
  if (rc == SQLITE_OK)
    rc = self != NULL ? palpate_store_audit_stamp_backup (self, copy)
                      : palpate_store_audit_stamp_copy (copy);

  /* The copy is a plain file on its own: no WAL that could be left behind. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (copy, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_copy_error (copy, rc, destination, error);
      sqlite3_close_v2 (copy);
      palpate_store_files_remove (temporary);
      return NULL;
    }

  integrity = integrity_of (copy);
  sqlite3_close_v2 (copy);

  if (g_strcmp0 (integrity, "ok") != 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The clinic file is damaged, so no backup was made; the earlier backups "
                     "were kept."));
      palpate_store_files_remove (temporary);
      return NULL;
    }

  if (!palpate_store_files_fsync (temporary, FALSE, error))
    {
      palpate_store_files_remove (temporary);
      return NULL;
    }

  return g_steal_pointer (&temporary);
}

static gboolean
is_clinic_file (PalpateStore *self,
                const char   *destination)
{
  const char *path = palpate_store_get_path (self);
  g_autofree char *canonical = g_canonicalize_filename (destination, NULL);
  const char *companions[] = { "", "-wal", "-shm", "-journal", ".lock" };

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (path, companions[i], NULL);

      if (g_str_equal (canonical, companion) || palpate_store_files_same (destination, companion))
        return TRUE;
    }

  return FALSE;
}

/**
 * palpate_store_backup_to:
 * @destination: the backup file to write; replaced only once the copy is known to be good
 *
 * Copies the clinic while it stays open, with SQLite's online backup API. The clinic file
 * itself (or its journal) is refused as the destination.
 */
gboolean
palpate_store_backup_to (PalpateStore  *self,
                         const char    *destination,
                         GError       **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  display = palpate_store_files_display (destination);
  if (is_clinic_file (self, destination))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                   _("“%s” is the clinic file itself; a backup goes to another file. Nothing was "
                     "changed."), display);
      return FALSE;
    }

  /* In the clinic's backups folder, what any backup of it left behind; elsewhere, only what
   * an earlier copy to the same name left. */
  {
    g_autofree char *backups = palpate_store_dup_backups_dir (self);
    g_autofree char *stem = palpate_backup_dup_stem (palpate_store_get_path (self));
    g_autofree char *destination_folder = g_path_get_dirname (destination);
    g_autofree char *prefix = g_str_equal (backups, destination_folder)
                              ? g_strconcat (stem, "-", NULL)
                              : g_path_get_basename (destination);

    temporary = write_checked_copy (self, palpate_store_get_db (self), destination, prefix,
                                    error);
  }
  if (temporary == NULL)
    return FALSE;

  if (g_rename (temporary, destination) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The backup “%s” cannot be written: %s."), display,
                   g_strerror (saved_errno));
      palpate_store_files_remove (temporary);
      return FALSE;
    }

  folder = g_path_get_dirname (destination);
  if (!palpate_store_files_fsync (folder, TRUE, error))
    return FALSE;

  /* In the audit log; a clinic that cannot be written to still gets its backup. */
  palpate_store_log_event (self, "backup", "clinic", 0, NULL, NULL);
  return TRUE;
}

/* A copy of the clinic under a name of its own in its backups folder, never replacing one. */
static char *
backup_unique (PalpateStore  *store,
               const char    *what,
               GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *folder = palpate_store_dup_backups_dir (store);
  g_autofree char *stem = palpate_backup_dup_stem (palpate_store_get_path (store));
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("%s-%s-%s", stem, what, stamp);
  g_autofree char *destination = g_build_filename (folder, name, NULL);
  g_autofree char *prefix = g_strconcat (stem, "-", NULL);
  g_autofree char *temporary = write_checked_copy (store, palpate_store_get_db (store),
                                                   destination, prefix, error);

  if (temporary == NULL)
    return NULL;

  palpate_store_fail_point ("backup-written");
  {
    char *path = palpate_store_files_rename_unique (temporary, folder, name, ".sqlite3", error);

    if (path == NULL)
      palpate_store_files_remove (temporary);
    else
      palpate_store_log_event (store, "backup", "clinic", 0, NULL, NULL);
    return path;
  }
}

/**
 * palpate_backup_before_migration:
 * @path: (out) (optional): where the copy was written
 */
gboolean
palpate_backup_before_migration (PalpateStore  *store,
                                 guint          version,
                                 char         **path,
                                 GError       **error)
{
  g_autofree char *what = g_strdup_printf ("before-v%u", version);
  g_autofree char *written = backup_unique (store, what, error);

  if (written == NULL)
    return FALSE;

  if (path != NULL)
    *path = g_steal_pointer (&written);
  return TRUE;
}

/* Puts a checked copy in place under its own name in the clinic's backups folder. */
static gboolean
put_in_place (const char  *temporary,
              const char  *destination,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (destination);

  if (g_rename (temporary, destination) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = palpate_store_files_display (destination);

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The backup “%s” cannot be written: %s."), display,
                   g_strerror (saved_errno));
      palpate_store_files_remove (temporary);
      return FALSE;
    }

  return palpate_store_files_fsync (folder, TRUE, error);
}

/* Today's backup of the clinic at @database_path, from the store (which logs it) or from @db, a
 * connection of a worker thread (whose caller logs it: @written says whether there is a new
 * copy). */
static gboolean
daily (PalpateStore  *store,
       sqlite3       *db,
       const char    *database_path,
       GDateTime     *now,
       gboolean      *written,
       GError       **error)
{
  g_autofree char *folder = palpate_backup_dup_folder (database_path);
  g_autofree char *stem = palpate_backup_dup_stem (database_path);
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("%s-daily-%s.sqlite3", stem, day);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;

  if (written != NULL)
    *written = FALSE;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (store != NULL)
        ok = palpate_store_backup_to (store, path, &local_error);
      else
        {
          g_autofree char *prefix = g_strconcat (stem, "-", NULL);
          g_autofree char *temporary = write_checked_copy (NULL, db, path, prefix, &local_error);

          ok = temporary != NULL && put_in_place (temporary, path, &local_error);
          if (ok && written != NULL)
            *written = TRUE;
        }
    }

  if (!ok || !palpate_backup_rotate (folder, stem, now, &local_error))
    {
      g_set_error (error, PALPATE_STORE_ERROR, local_error->code,
                   _("Today’s backup of the clinic could not be made. Your records are safe and "
                     "every change is still saved, but there is no new copy of them. %s"),
                   local_error->message);
      return FALSE;
    }

  /* Also into the second folder, when one is chosen (palpate-backup-copies.c). */
  return palpate_backup_copies_write_daily (path, error);
}

/**
 * palpate_backup_daily:
 * @now: the current time (tests pass their own)
 *
 * Makes today's backup if there is none yet, then rotates the daily backups. A failure says
 * that the backup failed, in words of its own: the clinic itself opened and is unchanged.
 */
gboolean
palpate_backup_daily (PalpateStore  *store,
                      GDateTime     *now,
                      GError       **error)
{
  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);

  return daily (store, palpate_store_get_db (store), palpate_store_get_path (store), now, NULL,
                error);
}

/**
 * palpate_backup_daily_copy:
 * @source: an open connection to the clinic at @database_path, as a worker thread has
 * @now: the current time (tests pass their own)
 * @written: (out) (optional): whether a new copy was made, for the caller to record in the
 *   clinic's audit log (the copy carries the head of the chain it was made from)
 *
 * palpate_backup_daily() for a connection of its own; it touches no store.
 */
gboolean
palpate_backup_daily_copy (sqlite3     *source,
                           const char  *database_path,
                           GDateTime   *now,
                           gboolean    *written,
                           GError     **error)
{
  g_return_val_if_fail (source != NULL && database_path != NULL, FALSE);

  return daily (NULL, source, database_path, now, written, error);
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
    integrity = integrity_of (db);
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

/* Copies @from to a new file @to, 0600, flushed to disk. */
static gboolean
copy_bytes (const char  *from,
            const char  *to,
            GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);
  g_autoptr(GError) local_error = NULL;
  int fd = palpate_store_files_create (to, error);

  if (fd < 0)
    return FALSE;
  close (fd);

  if (!g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      g_autofree char *display = palpate_store_files_display (to);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL,
                     _("The disk is full, so “%s” could not be written. Nothing was changed."),
                     display);
      else
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                     _("“%s” could not be written: %s."), display, local_error->message);
      g_unlink (to);
      return FALSE;
    }

  if (g_chmod (to, 0600) != 0 || !palpate_store_files_fsync (to, FALSE, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                     _("The copy could not be protected."));
      g_unlink (to);
      return FALSE;
    }

  return TRUE;
}

/* A clinic that cannot be read cannot be copied with SQLite: its bytes, with its write-ahead
 * log, are kept as they are. */
static char *
set_aside_damaged (const char  *database_path,
                   GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *folder = g_path_get_dirname (database_path);
  g_autofree char *backups = g_build_filename (folder, "backups", NULL);
  g_autofree char *stem = palpate_backup_dup_stem (database_path);
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("%s-damaged-%s", stem, stamp);
  g_autofree char *temporary = NULL;
  g_autofree char *wal = g_strconcat (database_path, "-wal", NULL);
  char *kept;

  if (g_mkdir_with_parents (backups, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = palpate_store_files_display (backups);

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The folder “%s” for the backup cannot be created: %s."), display,
                   g_strerror (saved_errno));
      return NULL;
    }

  temporary = palpate_store_files_temporary (database_path, "part");
  palpate_store_files_remove (temporary);
  if (!copy_bytes (database_path, temporary, error))
    return NULL;

  kept = palpate_store_files_rename_unique (temporary, backups, name, ".sqlite3", error);
  if (kept == NULL)
    {
      palpate_store_files_remove (temporary);
      return NULL;
    }

  if (g_file_test (wal, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *kept_wal = g_strconcat (kept, "-wal", NULL);

      if (!copy_bytes (wal, kept_wal, error))
        {
          g_free (kept);
          return NULL;
        }
    }

  return kept;
}

/* The clinic could not be read: the backup replaces it by a rename, which leaves the old file
 * or the new one. Its write-ahead log is removed first (it was kept with the damaged copy), so
 * that it is never applied to the restored file. */
static gboolean
replace_damaged (const char  *backup_path,
                 const char  *database_path,
                 GError     **error)
{
  g_autofree char *temporary = palpate_store_files_temporary (database_path, "part");
  g_autofree char *folder = g_path_get_dirname (database_path);
  const char *companions[] = { "-wal", "-shm", "-journal" };

  palpate_store_files_remove (temporary);
  if (!copy_bytes (backup_path, temporary, error))
    return FALSE;

  palpate_store_fail_point ("restore-copy");

  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (database_path, companions[i], NULL);

      g_unlink (companion);
    }

  if (g_rename (temporary, database_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The backup could not be put in place: %s."), g_strerror (saved_errno));
      palpate_store_files_remove (temporary);
      return FALSE;
    }

  return palpate_store_files_fsync (folder, TRUE, error);
}

/* Copies the backup into the open clinic in one write transaction: until it commits, the
 * clinic is the old one; once it has, the restored one. */
static gboolean
copy_into (sqlite3     *clinic,
           const char  *backup_path,
           const char  *database_path,
           GError     **error)
{
  sqlite3 *source = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (backup_path, &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      palpate_store_set_error_from_rc (source, rc, backup_path, error);
      sqlite3_close_v2 (source);
      return FALSE;
    }

  backup = sqlite3_backup_init (clinic, "main", source, "main");
  if (backup == NULL)
    {
      palpate_store_set_error_from_rc (clinic, sqlite3_extended_errcode (clinic), database_path,
                                       error);
      sqlite3_close_v2 (source);
      return FALSE;
    }

  do
    {
      rc = sqlite3_backup_step (backup, RESTORE_PAGES_PER_STEP);
      if (rc == SQLITE_OK)
        palpate_store_fail_point ("restore-copy");
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  sqlite3_close_v2 (source);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_error_from_rc (clinic, rc, database_path, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * palpate_backup_restore:
 * @backup_path: a backup, checked before anything is touched
 * @database_path: the clinic to put it back into
 * @kept_path: (out) (optional) (nullable): where the clinic as it was is kept
 *
 * Puts a backup back. The clinic as it was, with every committed change, is first copied into
 * its backups folder under a name no other copy has (`<stem>-before-restore-…`, or
 * `<stem>-damaged-…` when it cannot be read); then the backup is copied into the clinic in one
 * transaction. Refused while another Palpate has the clinic open, and for a backup a newer
 * Palpate made.
 */
gboolean
palpate_backup_restore (const char  *backup_path,
                        const char  *database_path,
                        char       **kept_path,
                        GError     **error)
{
  g_autofree char *canonical = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *integrity = NULL;
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(PalpateStore) restored = NULL;
  sqlite3 *clinic = NULL;
  int lock_fd;

  g_return_val_if_fail (backup_path != NULL && database_path != NULL, FALSE);

  canonical = g_canonicalize_filename (database_path, NULL);
  folder = g_path_get_dirname (canonical);

  if (!palpate_backup_check_file (backup_path, error))
    return FALSE;

  if (palpate_store_files_same (backup_path, canonical))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                   _("That backup is the clinic file itself; nothing was changed."));
      return FALSE;
    }

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = palpate_store_files_display (folder);

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_FILE,
                   _("There is no folder “%s”. Check the name; nothing was changed."), display);
      return FALSE;
    }

  lock_fd = palpate_store_files_lock (canonical, TRUE, error);
  if (lock_fd < 0)
    return FALSE;
  palpate_store_fail_point ("restore-locked");

  if (g_file_test (canonical, G_FILE_TEST_EXISTS))
    {
      /* The clinic as it is, kept first: opened as Palpate opens it, checked, copied. */
      store = palpate_store_open_full (canonical, PALPATE_STORE_OPEN_LOCKED, NULL);
      if (store != NULL)
        integrity = integrity_of (palpate_store_get_db (store));

      if (g_strcmp0 (integrity, "ok") == 0)
        {
          kept = backup_unique (store, "before-restore", error);
          if (kept == NULL)
            goto failed;
          palpate_store_fail_point ("restore-kept");

          clinic = palpate_store_get_db (store);
          if (!copy_into (clinic, backup_path, canonical, error))
            goto failed;
          g_clear_object (&store);
        }
      else
        {
          g_clear_object (&store);
          kept = set_aside_damaged (canonical, error);
          if (kept == NULL)
            goto failed;
          palpate_store_fail_point ("restore-kept");

          if (!replace_damaged (backup_path, canonical, error))
            goto failed;
        }
    }
  else if (!replace_damaged (backup_path, canonical, error))
    goto failed;

  palpate_store_fail_point ("restore-copied");

  /* The restored clinic opens as Palpate opens it (an earlier version is brought up to date)
   * and its audit log says that it was restored. */
  restored = palpate_store_open_full (canonical, PALPATE_STORE_OPEN_LOCKED, error);
  if (restored == NULL)
    goto failed;
  {
    g_autofree char *name = g_path_get_basename (backup_path);
    g_autofree char *name_display = palpate_store_files_display (name);

    if (!palpate_store_log_event (restored, "restore", "clinic", 0, name_display, error))
      goto failed;
  }
  g_clear_object (&restored);

  palpate_store_files_unlock (lock_fd);
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;

failed:
  g_clear_object (&store);
  g_clear_object (&restored);
  palpate_store_files_unlock (lock_fd);
  return FALSE;
}
