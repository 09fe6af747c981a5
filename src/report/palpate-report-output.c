/* palpate-report-output.c — where a report may be written, and writing it privately
 *
 * A progress report is a health record: it is written 0600, whatever the umask, and never over
 * the clinic file, one of its journals, a backup or any other SQLite file. An existing file is
 * replaced only when the user said so (a file chooser's confirmation, `--force`).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "palpate-report.h"

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return a != NULL && b != NULL && g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Whether @path is an SQLite database: a clinic, a backup, or anyone's. */
static gboolean
is_sqlite_file (const char *path)
{
  static const char header[16] = "SQLite format 3";
  char start[16] = { 0 };
  gssize n;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    return FALSE;
  n = read (fd, start, sizeof start);
  close (fd);
  return n == (gssize) sizeof start && memcmp (start, header, sizeof header) == 0;
}

/**
 * palpate_report_check_output:
 * @path: where the report is to be written
 * @clinic_path: (nullable): the clinic file open now
 * @replace: whether an existing file (not a database) may be replaced
 *
 * Returns: %TRUE when a report may be written at @path; otherwise %FALSE with a sentence
 *   saying why: %G_IO_ERROR_PERMISSION_DENIED for the clinic file or a database, which nothing
 *   replaces, %G_IO_ERROR_EXISTS for another file, which @replace would allow
 */
gboolean
palpate_report_check_output (const char  *path,
                             const char  *clinic_path,
                             gboolean     replace,
                             GError     **error)
{
  static const char * const journals[] = { "", "-wal", "-shm", "-journal" };

  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; clinic_path != NULL && i < G_N_ELEMENTS (journals); i++)
    {
      g_autofree char *journal = g_strconcat (clinic_path, journals[i], NULL);

      if (same_file (path, journal) || g_strcmp0 (path, journal) == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                       _("“%s” is the clinic file; a report is never written over it. Choose "
                         "another file name."), path);
          return FALSE;
        }
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder; give the report a file name."), path);
      return FALSE;
    }

  if (is_sqlite_file (path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("“%s” is a database (a clinic file or a backup); a report is never written "
                     "over it. Choose another file name."), path);
      return FALSE;
    }

  if (!replace)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("“%s” already exists; a report does not replace a file unless asked to."),
                   path);
      return FALSE;
    }

  return TRUE;
}

/**
 * palpate_report_create_private_file:
 *
 * Creates (or empties) the file at @path readable and writable by its owner only, whatever the
 * umask, so that a PDF written into it by another library keeps that mode.
 *
 * Returns: an open descriptor, or -1 with @error set
 */
int
palpate_report_create_private_file (const char  *path,
                                    GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  if (fd < 0 || fchmod (fd, 0600) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The report could not be written to “%s”: %s."), path, g_strerror (saved));
      return -1;
    }

  return fd;
}
