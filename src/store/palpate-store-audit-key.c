/* palpate-store-audit-key.c — the key of a clinic's audit chain and the head of the
 * chain last recorded, both kept outside the clinic file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "palpate-store-private.h"

char *
palpate_store_audit_dup_clinic_file (const char *uuid,
                                     const char *suffix)
{
  g_autofree char *name = g_strconcat (uuid, suffix, NULL);

  return g_build_filename (g_get_user_config_dir (), "palpate", "clinics", name, NULL);
}

static gboolean
make_key_folder (GError **error)
{
  g_autofree char *folder = g_build_filename (g_get_user_config_dir (), "palpate", "clinics",
                                              NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The folder “%s” for the key of the clinic’s audit log cannot be "
                     "created: %s."), folder, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Writes a new random key, 0600, never over an existing one. */
gboolean
palpate_store_audit_create_key (const char  *path,
                                guint8      *key,
                                gsize        key_size,
                                GError     **error)
{
  int fd;
  gboolean written;

  if (!make_key_folder (error))
    return FALSE;

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The key of the clinic’s audit log cannot be written to “%s”: %s."),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  randombytes_buf (key, key_size);
  written = write (fd, key, key_size) == (ssize_t) key_size && fsync (fd) == 0;
  close (fd);

  if (!written)
    {
      g_unlink (path);
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The key of the clinic’s audit log cannot be written to “%s”."), path);
      return FALSE;
    }

  return TRUE;
}

/* Reads the head recorded outside the file, if there is one: "COUNT HASH". */
void
palpate_store_audit_read_recorded_head (PalpateStoreAudit *audit)
{
  g_autofree char *path = palpate_store_audit_dup_clinic_file (audit->clinic_uuid, ".head");
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  guint64 count = 0;

  audit->recorded_count = 0;
  g_clear_pointer (&audit->recorded_hash, g_free);

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return;

  fields = g_strsplit (g_strstrip (contents), " ", 2);
  if (g_strv_length (fields) == 2 && strlen (fields[1]) == 64 &&
      g_ascii_string_to_unsigned (fields[0], 10, 1, G_MAXINT64, &count, NULL))
    {
      audit->recorded_count = (gint64) count;
      audit->recorded_hash = g_strdup (fields[1]);
    }
}

/* The record is one line of fixed width, written over the old one in place with one small
 * write: no rename (which the file system flushes, doubling the cost of every save) and no
 * flush. After a power cut it may lag behind the clinic file, which verification tolerates, or
 * be unreadable, which counts as no record. */
void
palpate_store_audit_write_recorded_head (PalpateStore *self,
                                         gint64        count,
                                         const char   *hash)
{
  PalpateStoreAudit *audit = palpate_store_get_audit (self);
  g_autofree char *path = palpate_store_audit_dup_clinic_file (audit->clinic_uuid, ".head");
  g_autofree char *contents = g_strdup_printf ("%020" G_GINT64_FORMAT " %s\n", count, hash);
  gsize length = strlen (contents);
  g_autoptr(GError) error = NULL;
  gboolean written;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 && errno == ENOENT && make_key_folder (&error))
    fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      /* The change itself is saved; only the outside record lags. */
      g_warning ("The head of the audit log could not be recorded in %s: %s", path,
                 error != NULL ? error->message : g_strerror (errno));
      return;
    }

  written = pwrite (fd, contents, length, 0) == (ssize_t) length;
  close (fd);
  if (!written)
    {
      g_warning ("The head of the audit log could not be recorded in %s", path);
      return;
    }

  audit->recorded_count = count;
  g_free (audit->recorded_hash);
  audit->recorded_hash = g_strdup (hash);
}
