/* palpate-backup.c — copies of the clinic file: before migrations, daily, on request
 *
 * A backup is written with SQLite's online backup API to a temporary file, checked with
 * integrity_check, flushed to disk and only then renamed into place, so a damaged clinic never
 * replaces a good copy. Backups live in a "backups" folder beside the clinic file, mode 0600:
 * `<stem>-daily-YYYY-MM-DD.sqlite3`, `<stem>-before-vN-YYYYMMDD-HHMMSS.sqlite3` and
 * `<stem>-before-restore-YYYYMMDD-HHMMSS.sqlite3`; copies made before a change never replace
 * one another. Which are kept: palpate-backup-keep.c; putting one back:
 * palpate-backup-restore.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-backup"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "palpate-backup.h"
#include "palpate-backup-copies.h"
#include "palpate-store-files.h"
#include "palpate-store-private.h"

/* SQLite's full integrity check of @db: "ok" when it is whole. */
char *
palpate_backup_integrity_of (sqlite3 *db)
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

  integrity = palpate_backup_integrity_of (copy);
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
char *
palpate_backup_unique (PalpateStore  *store,
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
  g_autofree char *written = palpate_backup_unique (store, what, error);

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
