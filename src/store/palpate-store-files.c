/* palpate-store-files.c — the files around a clinic: its lock, temporary files, set-aside copies
 *
 * Every Palpate that writes a clinic holds a shared lock on "<clinic>.lock" for as long as it
 * has the clinic open; a restore takes it exclusively, so it never runs under an open window.
 * Temporary files are named "<file>.part-<pid>" or "<file>.new-<pid>", created 0600, removed
 * on every failure, and those of a process that no longer runs (one that was killed) are
 * removed the next time the folder is used. Copies that are set aside get names of their own
 * and never replace an earlier copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

/* renameat2() and RENAME_NOREPLACE */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "palpate-store-error.h"
#include "palpate-store-files.h"

static const char * const companions[] = { "-wal", "-shm", "-journal" };

/**
 * palpate_store_files_display:
 *
 * Returns: (transfer full): @path as it can be shown in a message: valid UTF-8 whatever bytes
 *   the file name holds
 */
char *
palpate_store_files_display (const char *path)
{
  return g_filename_display_name (path);
}

/**
 * palpate_store_files_lock:
 * @exclusive: %TRUE for a restore, which must be alone; %FALSE for a Palpate that writes
 *
 * Returns: the descriptor that holds the lock, or -1 with @error
 */
int
palpate_store_files_lock (const char  *database_path,
                          gboolean     exclusive,
                          GError     **error)
{
  g_autofree char *lock_path = g_strconcat (database_path, ".lock", NULL);
  g_autofree char *display = palpate_store_files_display (database_path);
  gint64 deadline = g_get_monotonic_time () + PALPATE_STORE_LOCK_WAIT_MS * 1000;
  int fd;

  fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS ? PALPATE_STORE_ERROR_READ_ONLY
                                                                 : PALPATE_STORE_ERROR_IO,
                   _("The folder of the clinic file “%s” cannot be written (%s), so changes "
                     "cannot be saved there."), display, g_strerror (saved_errno));
      return -1;
    }

  /* A restore is refused at once while the clinic is open; a window that opens during a
   * restore waits for it a moment. */
  while (flock (fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0)
    {
      if (errno != EWOULDBLOCK && errno != EINTR)
        break;

      if (exclusive || g_get_monotonic_time () > deadline)
        {
          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_LOCKED,
                       exclusive
                       ? _("Palpate has the clinic “%s” open. Close its window first; nothing "
                           "was changed.")
                       : _("The clinic “%s” is being restored from a backup. Try again in a "
                           "moment."), display);
          close (fd);
          return -1;
        }
      g_usleep (50 * 1000);
    }

  return fd;
}

void
palpate_store_files_unlock (int fd)
{
  if (fd >= 0)
    close (fd);
}

/**
 * palpate_store_files_fsync:
 * @is_dir: a folder, whose entries (a rename) are made durable
 */
gboolean
palpate_store_files_fsync (const char  *path,
                           gboolean     is_dir,
                           GError     **error)
{
  int fd = g_open (path, (is_dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);
  int rc;

  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = palpate_store_files_display (path);

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("“%s” could not be opened to be saved to disk: %s."), display,
                   g_strerror (saved_errno));
      return FALSE;
    }

  rc = fsync (fd);
  close (fd);

  /* Some file systems cannot sync a folder; the rename is done all the same. */
  if (rc != 0 && !is_dir)
    {
      int saved_errno = errno;
      g_autofree char *display = palpate_store_files_display (path);

      g_set_error (error, PALPATE_STORE_ERROR,
                   saved_errno == ENOSPC || saved_errno == EDQUOT ? PALPATE_STORE_ERROR_DISK_FULL
                                                                  : PALPATE_STORE_ERROR_IO,
                   _("“%s” could not be saved to disk: %s."), display, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/**
 * palpate_store_files_temporary:
 * @kind: "part" for a copy being written, "new" for a clinic being made
 *
 * Returns: (transfer full): the temporary name of @path for this process
 */
char *
palpate_store_files_temporary (const char *path,
                               const char *kind)
{
  return g_strdup_printf ("%s.%s-%d", path, kind, (int) getpid ());
}

/**
 * palpate_store_files_create:
 *
 * Creates @path, which must not exist, readable by its owner only.
 *
 * Returns: an open descriptor, or -1 with @error
 */
int
palpate_store_files_create (const char  *path,
                            GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *display = palpate_store_files_display (path);
      g_autofree char *folder = g_path_get_dirname (display);

      if (saved_errno == ENOSPC || saved_errno == EDQUOT)
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL,
                     _("The disk is full, so “%s” could not be written."), display);
      else if (saved_errno == ENOENT)
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                     _("The folder “%s” does not exist."), folder);
      else if (saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM)
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_READ_ONLY,
                     _("You may not write in the folder “%s”."), folder);
      else
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                     _("“%s” could not be written: %s."), display, g_strerror (saved_errno));
    }

  return fd;
}

/**
 * palpate_store_files_remove:
 *
 * Removes a database file with its journal, write-ahead log and shared memory.
 */
void
palpate_store_files_remove (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *companion = g_strconcat (path, companions[i], NULL);

      g_unlink (companion);
    }
  g_unlink (path);
}

/* "<anything>.part-1234" or ".new-1234", perhaps with a companion suffix: the process id. */
static int
temporary_owner (const char *name)
{
  const char *kinds[] = { ".part-", ".new-" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const char *at = g_strrstr (name, kinds[i]);
      const char *end;
      guint64 pid;

      if (at == NULL)
        continue;

      at += strlen (kinds[i]);
      for (end = at; g_ascii_isdigit (*end); end++)
        ;
      if (end == at || (*end != '\0' && strcmp (end, "-wal") != 0 && strcmp (end, "-shm") != 0 &&
                        strcmp (end, "-journal") != 0 && strcmp (end, ".lock") != 0))
        continue;

      pid = g_ascii_strtoull (at, NULL, 10);
      if (pid > 0 && pid < G_MAXINT)
        return (int) pid;
    }

  return 0;
}

/**
 * palpate_store_files_remove_stale:
 * @prefix: how the names of the files concerned begin: the clinic's own, or its backups'
 *
 * Removes the temporary files in @folder that a Palpate which is no longer running left behind
 * when it was killed. Only names that begin with @prefix are looked at: the folder may hold
 * other files of the user's.
 */
void
palpate_store_files_remove_stale (const char *folder,
                                  const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      int pid = g_str_has_prefix (name, prefix) ? temporary_owner (name) : 0;

      if (pid > 0 && pid != (int) getpid () && kill (pid, 0) != 0 && errno == ESRCH)
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);

          g_unlink (path);
        }
    }
}

static int
rename_no_replace (const char *from,
                   const char *to)
{
  int rc = renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);

  if (rc != 0 && (errno == EINVAL || errno == ENOSYS))
    {
      /* A file system without the flag: a hard link fails the same way on a taken name. */
      rc = link (from, to);
      if (rc == 0)
        g_unlink (from);
    }

  return rc;
}

/**
 * palpate_store_files_rename_unique:
 * @temporary: a complete file, flushed to disk
 * @stem: the name to give it, without @suffix
 *
 * Renames @temporary into @folder as "<stem><suffix>", or "<stem>-2<suffix>" and so on when
 * that name is taken: an earlier copy is never replaced, not even by a rename in the same
 * second from another process.
 *
 * Returns: (transfer full): the path given, or %NULL with @error
 */
char *
palpate_store_files_rename_unique (const char  *temporary,
                                   const char  *folder,
                                   const char  *stem,
                                   const char  *suffix,
                                   GError     **error)
{
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strconcat (stem, suffix, NULL)
                                     : g_strdup_printf ("%s-%u%s", stem, n, suffix);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      int rc = rename_no_replace (temporary, path);

      if (rc == 0)
        {
          if (!palpate_store_files_fsync (folder, TRUE, error))
            return NULL;
          return g_steal_pointer (&path);
        }

      if (errno != EEXIST)
        {
          int saved_errno = errno;
          g_autofree char *display = palpate_store_files_display (path);

          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                       _("The copy “%s” could not be put in place: %s."), display,
                       g_strerror (saved_errno));
          return NULL;
        }
    }

  g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
               _("There are too many copies named “%s” in “%s”."), stem, folder);
  return NULL;
}

/**
 * palpate_store_files_rename_new:
 * @temporary: a complete file, flushed to disk
 * @path: its name from now on; refused if a file of that name appeared meanwhile
 */
gboolean
palpate_store_files_rename_new (const char  *temporary,
                                const char  *path,
                                GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (rename_no_replace (temporary, path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = palpate_store_files_display (path);

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   saved_errno == EEXIST ? _("“%s” already exists.")
                                         : _("“%s” could not be put in place."), display);
      return FALSE;
    }

  return palpate_store_files_fsync (folder, TRUE, error);
}

/**
 * palpate_store_files_same:
 *
 * Returns: whether @a and @b are the same file (also through links), when both exist
 */
gboolean
palpate_store_files_same (const char *a,
                          const char *b)
{
  GStatBuf sa;
  GStatBuf sb;

  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;

  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/**
 * palpate_store_fail_point:
 * @step: the name of a step of a multi-file operation, such as "restore-copy"
 *
 * The crash tests set PALPATE_TEST_FAIL_AT to a step's name; the process is then killed there,
 * as a power cut or a kill would stop it. Without the variable this does nothing.
 */
void
palpate_store_fail_point (const char *step)
{
  const char *at = g_getenv ("PALPATE_TEST_FAIL_AT");

  if (at != NULL && g_str_equal (at, step))
    raise (SIGKILL);
}
