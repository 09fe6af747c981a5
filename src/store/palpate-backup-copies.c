/* palpate-backup-copies.c — backups that leave the computer: a second folder, a chosen file, and
 * restoring from either
 *
 * The daily backup stays beside the clinic file (palpate-backup.c); when the clinic chose a
 * second folder — a USB stick, a synced folder — it is also copied there. A copy that leaves
 * the computer can be encrypted (palpate-backup-crypt.c). The passphrase itself is never kept:
 * only the key derived from it, in `$XDG_CONFIG_HOME/palpate/backup-passphrase.key` (0600),
 * beside the clinic's audit key. A clinic expects the daily copy to be made without anyone
 * at the keyboard, so asking at each backup would leave the stick without copies; the key file
 * never leaves the computer, so the copies that do stay unreadable without the passphrase.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include "palpate-backup-copies.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <string.h>
#include <unistd.h>

#include "palpate-backup.h"
#include "palpate-backup-crypt.h"
#include "palpate-store-error.h"
#include "palpate-store-files.h"

G_LOCK_DEFINE_STATIC (second_folder);
static char *second_folder;

/**
 * palpate_backup_copies_set_folder:
 * @folder: (nullable): the second folder, or %NULL or "" for none
 *
 * Where the daily backup is also copied, for every clinic of this process (the application
 * sets it from its settings; the daily backup reads it in a worker thread).
 */
void
palpate_backup_copies_set_folder (const char *folder)
{
  G_LOCK (second_folder);
  g_free (second_folder);
  second_folder = folder != NULL && *folder != '\0' ? g_strdup (folder) : NULL;
  G_UNLOCK (second_folder);
}

/**
 * palpate_backup_copies_dup_folder:
 *
 * Returns: (transfer full) (nullable): the second folder
 */
char *
palpate_backup_copies_dup_folder (void)
{
  char *folder;

  G_LOCK (second_folder);
  folder = g_strdup (second_folder);
  G_UNLOCK (second_folder);

  return folder;
}

char *
palpate_backup_copies_dup_key_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "palpate", "backup-passphrase.key", NULL);
}

/**
 * palpate_backup_copies_set_passphrase:
 * @passphrase: (nullable): the passphrase, or %NULL to stop encrypting
 *
 * Remembers the key of @passphrase (not the passphrase) for the backups that leave the computer.
 */
gboolean
palpate_backup_copies_set_passphrase (const char  *passphrase,
                                      GError     **error)
{
  g_autofree char *path = palpate_backup_copies_dup_key_path ();
  g_autoptr(PalpateBackupKey) key = NULL;

  if (passphrase == NULL)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                       _("The passphrase could not be forgotten: %s."), g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  key = palpate_backup_key_derive (passphrase, error);
  if (key == NULL)
    return FALSE;

  return palpate_backup_key_save (key, path, error);
}

gboolean
palpate_backup_copies_has_passphrase (void)
{
  g_autofree char *path = palpate_backup_copies_dup_key_path ();

  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* Copies @from to @to through a temporary file: 0600, on disk, then renamed. */
static gboolean
copy_plain (const char  *from,
            const char  *to,
            GError     **error)
{
  g_autofree char *temporary = palpate_store_files_temporary (to, "part");
  g_autofree char *folder = g_path_get_dirname (to);
  g_autofree char *display = palpate_store_files_display (to);
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (temporary);
  g_autoptr(GError) local_error = NULL;
  int fd;

  palpate_store_files_remove (temporary);
  fd = palpate_store_files_create (temporary, error);
  if (fd < 0)
    return FALSE;
  close (fd);

  if (!g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL,
                     _("The disk is full, so “%s” could not be written."), display);
      else
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                     _("“%s” could not be written: %s."), display, local_error->message);
      palpate_store_files_remove (temporary);
      return FALSE;
    }

  if (g_chmod (temporary, 0600) != 0 || !palpate_store_files_fsync (temporary, FALSE, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                     _("“%s” could not be written."), display);
      palpate_store_files_remove (temporary);
      return FALSE;
    }

  if (g_rename (temporary, to) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("“%s” could not be written: %s."), display, g_strerror (saved_errno));
      palpate_store_files_remove (temporary);
      return FALSE;
    }

  return palpate_store_files_fsync (folder, TRUE, error);
}

static int
newest_name_first (gconstpointer a,
                   gconstpointer b)
{
  return -g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The second folder keeps as many daily copies as the backups folder does in all; names carry
 * the date (YYYY-MM-DD), so the newest sort last. */
static void
rotate_copies (const char *folder,
               const char *stem,
               const char *suffix)
{
  g_autofree char *prefix = g_strdup_printf ("%s-daily-", stem);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, suffix) &&
        strlen (name) == strlen (prefix) + strlen ("YYYY-MM-DD") + strlen (suffix))
      g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, newest_name_first);
  for (guint i = PALPATE_BACKUP_KEEP_DAILY + PALPATE_BACKUP_KEEP_WEEKLY; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, names->pdata[i], NULL);

      g_unlink (path);
    }
}

/**
 * palpate_backup_copies_write_daily:
 * @daily_path: today's checked backup in the clinic's backups folder
 *
 * Copies today's backup into the second folder, if one is chosen and it has no copy of it yet:
 * encrypted (`….sqlite3.palpate-backup`) when a passphrase is set. A folder that is not there
 * (a USB stick not plugged in) is an error that says so; the backup on the computer stands.
 */
gboolean
palpate_backup_copies_write_daily (const char  *daily_path,
                                   GError     **error)
{
  g_autofree char *folder = palpate_backup_copies_dup_folder ();
  g_autofree char *key_path = palpate_backup_copies_dup_key_path ();
  g_autofree char *name = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *display = NULL;
  g_autoptr(PalpateBackupKey) key = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (daily_path != NULL, FALSE);

  if (folder == NULL)
    return TRUE;

  display = palpate_store_files_display (folder);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_FILE,
                   _("Today’s backup was made on this computer, but the second backup folder "
                     "“%s” is not there. If it is on a USB stick, plug it in and open Palpate "
                     "again."), display);
      return FALSE;
    }

  key = palpate_backup_key_load (key_path, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  name = g_path_get_basename (daily_path);
  destination = g_strconcat (folder, G_DIR_SEPARATOR_S, name,
                             key != NULL ? PALPATE_BACKUP_CRYPT_SUFFIX : "", NULL);
  if (g_file_test (destination, G_FILE_TEST_EXISTS))
    return TRUE;

  if (key != NULL)
    ok = palpate_backup_crypt_encrypt (key, daily_path, destination, &local_error);
  else
    ok = copy_plain (daily_path, destination, &local_error);
  if (!ok)
    {
      g_set_error (error, PALPATE_STORE_ERROR, local_error->code,
                   _("Today’s backup was made on this computer, but its copy in the second "
                     "backup folder “%s” could not be written. %s"), display,
                   local_error->message);
      return FALSE;
    }

  /* The daily backups are named after the clinic file: `<stem>-daily-YYYY-MM-DD.sqlite3`. */
  stem = g_strndup (name, strlen (name) - MIN (strlen (name),
                                               strlen ("-daily-YYYY-MM-DD.sqlite3")));
  rotate_copies (folder, stem, key != NULL ? ".sqlite3" PALPATE_BACKUP_CRYPT_SUFFIX : ".sqlite3");
  return TRUE;
}

/**
 * palpate_backup_copies_export:
 * @destination: the file chosen; replaced only once the new backup is whole
 * @encrypt: whether to encrypt it with the key of the remembered passphrase
 *
 * Backs the clinic up now to a file of the therapist's choosing.
 */
gboolean
palpate_backup_copies_export (PalpateStore  *store,
                              const char    *destination,
                              gboolean       encrypt,
                              GError       **error)
{
  g_autofree char *key_path = NULL;
  g_autofree char *backups = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  g_autofree char *plain = NULL;
  g_autoptr(PalpateBackupKey) key = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (!encrypt)
    return palpate_store_backup_to (store, destination, error);

  key_path = palpate_backup_copies_dup_key_path ();
  key = palpate_backup_key_load (key_path, &local_error);
  if (key == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                     _("Set a passphrase for backups first. Nothing was written."));
      return FALSE;
    }

  /* The clear copy is made in the clinic's own backups folder (0700), never beside the
   * destination, and removed once encrypted. */
  backups = palpate_store_dup_backups_dir (store);
  if (g_mkdir_with_parents (backups, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = palpate_store_files_display (backups);

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The folder “%s” for the backup cannot be created: %s."), display,
                   g_strerror (saved_errno));
      return FALSE;
    }
  stem = palpate_backup_dup_stem (palpate_store_get_path (store));
  name = g_strdup_printf ("%s-encrypting.sqlite3", stem);
  plain = g_build_filename (backups, name, NULL);
  palpate_store_files_remove (plain);

  ok = palpate_store_backup_to (store, plain, error) &&
       palpate_backup_crypt_encrypt (key, plain, destination, error);
  palpate_store_files_remove (plain);

  return ok;
}

/**
 * palpate_backup_copies_open:
 * @backup_path: a backup chosen by the therapist: a clinic file, or an encrypted one
 * @passphrase: (nullable): the passphrase of an encrypted backup
 * @database_path: the clinic it is for; an encrypted backup is opened in its backups folder
 *
 * Makes a chosen backup ready to be previewed and restored: checked, and decrypted when it is
 * encrypted. Remove what this returns with palpate_backup_copies_close().
 *
 * Returns: (transfer full): the path of the clinic file inside the backup, or %NULL with @error
 *   (%PALPATE_STORE_ERROR_PASSPHRASE when a passphrase is needed or does not fit)
 */
char *
palpate_backup_copies_open (const char  *backup_path,
                            const char  *passphrase,
                            const char  *database_path,
                            GError     **error)
{
  g_autofree char *backups = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (backup_path != NULL && database_path != NULL, NULL);

  if (!palpate_backup_crypt_is_encrypted (backup_path))
    {
      if (!palpate_backup_check_file (backup_path, error))
        return NULL;
      return g_strdup (backup_path);
    }

  display = palpate_store_files_display (backup_path);
  if (passphrase == NULL || *passphrase == '\0')
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PASSPHRASE,
                   _("The backup “%s” is encrypted. Type its passphrase to open it."), display);
      return NULL;
    }

  backups = palpate_backup_dup_folder (database_path);
  if (g_mkdir_with_parents (backups, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *backups_display = palpate_store_files_display (backups);

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The folder “%s” for the backup cannot be created: %s."), backups_display,
                   g_strerror (saved_errno));
      return NULL;
    }
  stem = palpate_backup_dup_stem (database_path);
  name = g_strdup_printf ("%s-decrypted-%d.sqlite3", stem, (int) getpid ());
  plain = g_build_filename (backups, name, NULL);
  palpate_store_files_remove (plain);

  if (!palpate_backup_crypt_decrypt (backup_path, passphrase, plain, error))
    return NULL;

  if (!palpate_backup_check_file (plain, NULL))
    {
      palpate_store_files_remove (plain);
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP,
                   _("“%s” is not a good Palpate backup. Nothing was changed."), display);
      return NULL;
    }

  return g_steal_pointer (&plain);
}

/**
 * palpate_backup_copies_close:
 *
 * Removes the clear copy palpate_backup_copies_open() made of an encrypted backup.
 */
void
palpate_backup_copies_close (const char *backup_path,
                             const char *plain_path)
{
  if (plain_path != NULL && g_strcmp0 (backup_path, plain_path) != 0)
    palpate_store_files_remove (plain_path);
}
