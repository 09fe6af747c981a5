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

/* Writes @key to the new file at @path, 0600, never over an existing one. */
gboolean
palpate_store_audit_write_key (const char    *path,
                               const guint8  *key,
                               gsize          key_size,
                               GError       **error)
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

/* Writes a new random key, 0600, never over an existing one. */
gboolean
palpate_store_audit_create_key (const char  *path,
                                guint8      *key,
                                gsize        key_size,
                                GError     **error)
{
  randombytes_buf (key, key_size);
  return palpate_store_audit_write_key (path, key, key_size, error);
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

/* A clinic on a server: one key for every computer */

/* The clinic setting that names the key a server clinic's chain is keyed with. */
#define KEY_ID_SETTING "audit-key-id"

/* What names a key without telling it: the start of an HMAC of a fixed text. */
static char *
dup_key_id (const guint8 *key,
            gsize         key_size)
{
  g_autofree char *digest = g_compute_hmac_for_string (G_CHECKSUM_SHA256, key, key_size,
                                                       "palpate audit key id", -1);

  return g_strndup (digest, 16);
}

/**
 * palpate_store_audit_read_key_name:
 * @key_id: (out) (nullable): the name of the key the clinic's chain is keyed with, or %NULL
 *   while no computer has opened the clinic on its server yet
 */
gboolean
palpate_store_audit_read_key_name (PalpateStore  *self,
                     char         **key_id,
                     GError       **error)
{
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  *key_id = NULL;
  stmt = palpate_store_db_prepare (self, "SELECT value FROM clinic_settings WHERE key = '"
                                         KEY_ID_SETTING "'", error);
  if (stmt == NULL)
    return FALSE;
  step = palpate_db_step (stmt, error);
  if (step == PALPATE_DB_ROW)
    *key_id = g_strdup (palpate_store_db_column_text (stmt, 0));
  palpate_db_reset (stmt);
  return step != PALPATE_DB_ERROR;
}

void
palpate_store_audit_set_key_missing_error (GError **error)
{
  g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_KEY,
               _("This computer does not hold the key of the clinic’s audit log, which every "
                 "computer of the clinic shares. On a computer that opens the clinic, choose "
                 "Export the Audit Key… in the main menu (or run “palpate --database LOCATION "
                 "--export-audit-key FILE”); bring the file here and import it with Import the "
                 "Audit Key… (or “palpate --import-audit-key FILE”)."));
}

/**
 * palpate_store_audit_share_key:
 * @clinic_key: (nullable): the name of the clinic's key, as read before the key was loaded
 * @key_made_here: the key was just made on this computer
 *
 * On a clinic server, the chain is written from every computer of the clinic, so every one
 * holds the same key. The clinic keeps the name of its key (never the key): the first computer
 * gives it; any other computer's key must bear that name. A computer that made a key while
 * another computer's key was being named at the same moment gives its own up.
 */
gboolean
palpate_store_audit_share_key (PalpateStore  *self,
                               const char    *path,
                               const char    *clinic_key_read,
                               gboolean       key_made_here,
                               GError       **error)
{
  PalpateStoreAudit *audit = palpate_store_get_audit (self);
  g_autofree char *mine = dup_key_id (audit->key, sizeof audit->key);
  g_autofree char *clinic_key = g_strdup (clinic_key_read);

  if (clinic_key == NULL && !palpate_store_is_read_only (self))
    {
      PalpateDbStatement *stmt = palpate_store_db_prepare (self,
                                   "INSERT INTO clinic_settings (key, value) VALUES ('"
                                   KEY_ID_SETTING "', ?) ON CONFLICT (key) DO NOTHING", error);

      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_text (stmt, 1, mine);
      /* Read again: another computer may have named its key at the same moment. */
      if (!palpate_store_db_step_done (stmt, error) ||
          !palpate_store_audit_read_key_name (self, &clinic_key, error))
        return FALSE;
    }

  if (clinic_key == NULL || g_str_equal (clinic_key, mine))
    return TRUE;

  if (key_made_here)
    {
      g_unlink (path);
      palpate_store_audit_set_key_missing_error (error);
    }
  else
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_KEY,
                 _("The key of the clinic’s audit log on this computer (“%s”) is not the one "
                   "the clinic’s other computers use. Move it away, then import the clinic’s "
                   "key with “palpate --import-audit-key FILE”."), path);
  return FALSE;
}

/* The key carried from one computer to another: a small text file, 0600. */
#define KEY_FILE_HEADER "Palpate audit key"

/**
 * palpate_store_export_audit_key:
 *
 * Writes the clinic's audit key, with the clinic's identity, to the new file at @path (0600),
 * for palpate_store_import_audit_key() on another computer of the clinic.
 */
gboolean
palpate_store_export_audit_key (PalpateStore  *self,
                                const char    *path,
                                GError       **error)
{
  PalpateStoreAudit *audit;
  g_autofree char *encoded = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gboolean written;
  int fd;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  audit = palpate_store_get_audit (self);
  if (!audit->has_key)
    {
      palpate_store_audit_set_key_missing_error (error);
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The clinic’s key cannot be written to “%s”: %s."), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  encoded = g_base64_encode (audit->key, sizeof audit->key);
  contents = g_strdup_printf (KEY_FILE_HEADER "\n%s\n%s\n", audit->clinic_uuid, encoded);
  length = strlen (contents);
  written = write (fd, contents, length) == (ssize_t) length && fsync (fd) == 0;
  close (fd);
  sodium_memzero (encoded, strlen (encoded));
  sodium_memzero (contents, length);

  if (!written)
    {
      g_unlink (path);
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The clinic’s key cannot be written to “%s”."), path);
      return FALSE;
    }

  return TRUE;
}

/**
 * palpate_store_import_audit_key:
 * @uuid: (out) (optional): the identity of the clinic the key is for
 *
 * Puts the key exported on another computer of the clinic (palpate_store_export_audit_key())
 * where this computer looks for it. A key this computer already holds for the clinic is kept:
 * the same key is imported without a word, another one is refused.
 */
gboolean
palpate_store_import_audit_key (const char  *path,
                                char       **uuid,
                                GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *present = NULL;
  g_autofree guchar *key = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length = 0, key_size = 0, present_size = 0;
  gboolean ok = FALSE;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The file “%s” cannot be read."), path);
      return FALSE;
    }

  lines = g_strsplit (contents, "\n", 4);
  sodium_memzero (contents, length);
  if (g_strv_length (lines) >= 3 && g_str_equal (lines[0], KEY_FILE_HEADER) &&
      g_uuid_string_is_valid (lines[1]))
    {
      key = g_base64_decode (lines[2], &key_size);
      sodium_memzero (lines[2], strlen (lines[2]));
    }
  if (key == NULL || key_size != sizeof ((PalpateStoreAudit *) NULL)->key)
    {
      if (key != NULL)
        sodium_memzero (key, key_size);
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("“%s” is not a clinic’s key exported by Palpate."), path);
      return FALSE;
    }

  key_path = palpate_store_audit_dup_clinic_file (lines[1], ".key");
  if (g_file_get_contents (key_path, &present, &present_size, NULL))
    {
      ok = present_size == key_size && sodium_memcmp (present, key, key_size) == 0;
      sodium_memzero (present, present_size);
      if (!ok)
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_KEY,
                     _("This computer already holds another key for this clinic, in “%s”. "
                       "Move it away first."), key_path);
    }
  else
    ok = palpate_store_audit_write_key (key_path, key, key_size, error);

  sodium_memzero (key, key_size);
  if (ok && uuid != NULL)
    *uuid = g_strdup (lines[1]);
  return ok;
}
