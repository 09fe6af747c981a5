/* palpate-backup-restore.c — putting a backup back into the clinic
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
#include "palpate-store-files.h"
#include "palpate-store-private.h"

/* Pages copied per step of a restore: between steps the copy can be stopped. */
#define RESTORE_PAGES_PER_STEP 64

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
        integrity = palpate_backup_integrity_of (palpate_store_get_db (store));

      if (g_strcmp0 (integrity, "ok") == 0)
        {
          kept = palpate_backup_unique (store, "before-restore", error);
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
