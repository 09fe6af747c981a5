/* palpate-backup-crypt.c — backups encrypted with a passphrase, for copies that leave the computer
 *
 * A backup on a USB stick or in a synced folder leaves the clinic's disk encryption behind, so
 * it can be encrypted: libsodium's secretstream (XChaCha20-Poly1305) with a key derived from a
 * passphrase by Argon2id. The file is
 *
 *   magic "PALPBKUP" (8) · version 1 (1) · algorithm 1 = Argon2id v1.3 (1) · 0 (2)
 *   opslimit (4, little-endian) · memlimit in bytes (8, little-endian) · salt (16)
 *   secretstream header (24)
 *   chunks of 64 KiB of the clinic file each, + 17 bytes of tag; the last one, shorter or
 *   empty, tagged FINAL
 *
 * The first 40 bytes (magic to salt) are the additional data of every chunk, so a changed
 * parameter fails like a changed byte. A file that ends before its FINAL chunk, or goes on
 * after it, is refused: a cut-short copy never restores as a smaller clinic.
 *
 * The key file that remembers a passphrase for the daily copies holds the same 40 bytes and the
 * 32-byte derived key, never the passphrase.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include "palpate-backup-crypt.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "palpate-store-error.h"
#include "palpate-store-files.h"

#define MAGIC "PALPBKUP"
#define MAGIC_LENGTH 8
#define FORMAT_VERSION 1
#define ALGORITHM_ARGON2ID13 1
#define PARAMS_LENGTH 40
#define HEADER_LENGTH (PARAMS_LENGTH + crypto_secretstream_xchacha20poly1305_HEADERBYTES)
#define CHUNK_LENGTH (64 * 1024)
#define SEALED_CHUNK_LENGTH (CHUNK_LENGTH + crypto_secretstream_xchacha20poly1305_ABYTES)

G_STATIC_ASSERT (crypto_pwhash_SALTBYTES == 16);
G_STATIC_ASSERT (crypto_secretstream_xchacha20poly1305_KEYBYTES == 32);

struct _PalpateBackupKey
{
  guint8  params[PARAMS_LENGTH];
  guint8  key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
};

static void
put_params (guint8       *params,
            guint64       opslimit,
            guint64       memlimit,
            const guint8 *salt)
{
  memset (params, 0, PARAMS_LENGTH);
  memcpy (params, MAGIC, MAGIC_LENGTH);
  params[8] = FORMAT_VERSION;
  params[9] = ALGORITHM_ARGON2ID13;
  for (guint i = 0; i < 4; i++)
    params[12 + i] = (opslimit >> (8 * i)) & 0xff;
  for (guint i = 0; i < 8; i++)
    params[16 + i] = (memlimit >> (8 * i)) & 0xff;
  memcpy (params + 24, salt, crypto_pwhash_SALTBYTES);
}

/* Reads the parameters of a header, refusing what this version did not write and limits that
 * would make a hostile file take all the computer's memory or hours to open. */
static gboolean
get_params (const guint8  *params,
            const char    *display,
            guint64       *opslimit,
            guint64       *memlimit,
            GError       **error)
{
  if (memcmp (params, MAGIC, MAGIC_LENGTH) != 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP,
                   _("“%s” is not an encrypted Palpate backup. Nothing was changed."), display);
      return FALSE;
    }

  if (params[8] != FORMAT_VERSION || params[9] != ALGORITHM_ARGON2ID13)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_TOO_NEW,
                   _("The backup “%s” was encrypted by a newer version of Palpate. Update Palpate "
                     "to restore it; nothing was changed."), display);
      return FALSE;
    }

  *opslimit = 0;
  *memlimit = 0;
  for (guint i = 0; i < 4; i++)
    *opslimit |= (guint64) params[12 + i] << (8 * i);
  for (guint i = 0; i < 8; i++)
    *memlimit |= (guint64) params[16 + i] << (8 * i);

  if (*opslimit < crypto_pwhash_OPSLIMIT_MIN || *opslimit > crypto_pwhash_OPSLIMIT_SENSITIVE ||
      *memlimit < crypto_pwhash_MEMLIMIT_MIN || *memlimit > crypto_pwhash_MEMLIMIT_SENSITIVE)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP,
                   _("The backup “%s” is damaged: its encryption cannot be read. Nothing was "
                     "changed."), display);
      return FALSE;
    }

  return TRUE;
}

static PalpateBackupKey *
derive (const char    *passphrase,
        const guint8  *params,
        guint64        opslimit,
        guint64        memlimit,
        GError       **error)
{
  PalpateBackupKey *key = g_new0 (PalpateBackupKey, 1);

  memcpy (key->params, params, PARAMS_LENGTH);
  if (crypto_pwhash (key->key, sizeof key->key, passphrase, strlen (passphrase), params + 24,
                     opslimit, (size_t) memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("There is not enough memory to work out the key of the passphrase. Close "
                     "other programs and try again."));
      palpate_backup_key_free (key);
      return NULL;
    }

  return key;
}

static gboolean
write_all (int            fd,
           const guint8  *bytes,
           gsize          length,
           const char    *display,
           GError       **error)
{
  while (length > 0)
    {
      gssize written = write (fd, bytes, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          int saved_errno = written < 0 ? errno : ENOSPC;

          if (saved_errno == ENOSPC || saved_errno == EDQUOT || saved_errno == EFBIG)
            g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL,
                         _("The disk is full, so “%s” could not be written."), display);
          else
            g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                         _("“%s” could not be written: %s."), display, g_strerror (saved_errno));
          return FALSE;
        }
      bytes += written;
      length -= (gsize) written;
    }

  return TRUE;
}

/* Reads as much of @length as there is; a short count means the end of the file. */
static gboolean
read_up_to (FILE        *file,
            guint8      *bytes,
            gsize        length,
            gsize       *n_read,
            const char  *display,
            GError     **error)
{
  *n_read = fread (bytes, 1, length, file);
  if (*n_read < length && ferror (file))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("“%s” could not be read."), display);
      return FALSE;
    }

  return TRUE;
}

static void
set_damaged (GError     **error,
             const char  *display)
{
  g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP,
               _("The backup “%s” is damaged or cut short, so it cannot be restored. Nothing was "
                 "changed."), display);
}

/**
 * palpate_backup_key_derive:
 *
 * Derives the key of @passphrase with a new random salt and Argon2id at libsodium's "moderate"
 * cost (256 MiB, about a second): a backup that leaves the computer may be attacked offline.
 *
 * Returns: (transfer full): the key, or %NULL with @error
 */
PalpateBackupKey *
palpate_backup_key_derive (const char  *passphrase,
                           GError     **error)
{
  return palpate_backup_key_derive_full (passphrase, crypto_pwhash_OPSLIMIT_MODERATE,
                                         crypto_pwhash_MEMLIMIT_MODERATE, error);
}

/**
 * palpate_backup_key_derive_full:
 * @opslimit: Argon2id's passes
 * @memlimit: Argon2id's memory, in bytes
 *
 * palpate_backup_key_derive() at a cost of the caller's (tests use a small one).
 */
PalpateBackupKey *
palpate_backup_key_derive_full (const char  *passphrase,
                                guint64      opslimit,
                                guint64      memlimit,
                                GError     **error)
{
  guint8 params[PARAMS_LENGTH];
  guint8 salt[crypto_pwhash_SALTBYTES];

  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (opslimit >= crypto_pwhash_OPSLIMIT_MIN &&
                        opslimit <= crypto_pwhash_OPSLIMIT_SENSITIVE, NULL);
  g_return_val_if_fail (memlimit >= crypto_pwhash_MEMLIMIT_MIN &&
                        memlimit <= crypto_pwhash_MEMLIMIT_SENSITIVE, NULL);

  if (sodium_init () < 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("Encryption is not available on this computer."));
      return NULL;
    }

  if (g_utf8_strlen (passphrase, -1) < 8)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                   _("A passphrase has at least 8 characters; a few words are easier to remember "
                     "and harder to guess."));
      return NULL;
    }

  randombytes_buf (salt, sizeof salt);
  put_params (params, opslimit, memlimit, salt);

  return derive (passphrase, params, opslimit, memlimit, error);
}

void
palpate_backup_key_free (PalpateBackupKey *key)
{
  if (key == NULL)
    return;

  sodium_memzero (key, sizeof *key);
  g_free (key);
}

/**
 * palpate_backup_key_save:
 *
 * Writes the derived key (not the passphrase) to @path, 0600, replacing it whole.
 */
gboolean
palpate_backup_key_save (const PalpateBackupKey  *key,
                         const char              *path,
                         GError                 **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *temporary = palpate_store_files_temporary (path, "part");
  g_autofree char *display = palpate_store_files_display (path);
  int fd;

  g_return_val_if_fail (key != NULL && path != NULL, FALSE);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("“%s” could not be written: %s."), display, g_strerror (saved_errno));
      return FALSE;
    }

  palpate_store_files_remove (temporary);
  fd = palpate_store_files_create (temporary, error);
  if (fd < 0)
    return FALSE;

  if (!write_all (fd, key->params, PARAMS_LENGTH, display, error) ||
      !write_all (fd, key->key, sizeof key->key, display, error) ||
      fsync (fd) != 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                     _("“%s” could not be written."), display);
      close (fd);
      palpate_store_files_remove (temporary);
      return FALSE;
    }
  close (fd);

  if (g_rename (temporary, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("“%s” could not be written: %s."), display, g_strerror (saved_errno));
      palpate_store_files_remove (temporary);
      return FALSE;
    }

  return palpate_store_files_fsync (folder, TRUE, error);
}

/**
 * palpate_backup_key_load:
 *
 * Returns: (transfer full) (nullable): the key saved at @path; %NULL without an error when
 *   there is none
 */
PalpateBackupKey *
palpate_backup_key_load (const char  *path,
                         GError     **error)
{
  g_autofree char *display = palpate_store_files_display (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  PalpateBackupKey *key;
  guint64 opslimit, memlimit;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                     _("The key of the backup passphrase could not be read: %s."),
                     local_error->message);
      return NULL;
    }

  if (length != PARAMS_LENGTH + crypto_secretstream_xchacha20poly1305_KEYBYTES ||
      !get_params ((const guint8 *) contents, display, &opslimit, &memlimit, NULL))
    {
      sodium_memzero (contents, length);
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The key of the backup passphrase is damaged. Set the passphrase again."));
      return NULL;
    }

  key = g_new0 (PalpateBackupKey, 1);
  memcpy (key->params, contents, PARAMS_LENGTH);
  memcpy (key->key, contents + PARAMS_LENGTH, sizeof key->key);
  sodium_memzero (contents, length);
  return key;
}

/**
 * palpate_backup_crypt_is_encrypted:
 *
 * Whether @path begins as an encrypted Palpate backup does.
 */
gboolean
palpate_backup_crypt_is_encrypted (const char *path)
{
  guint8 magic[MAGIC_LENGTH];
  FILE *file;
  gboolean encrypted;

  g_return_val_if_fail (path != NULL, FALSE);

  file = g_fopen (path, "rbe");
  if (file == NULL)
    return FALSE;
  encrypted = fread (magic, 1, sizeof magic, file) == sizeof magic &&
              memcmp (magic, MAGIC, MAGIC_LENGTH) == 0;
  fclose (file);

  return encrypted;
}

/**
 * palpate_backup_crypt_encrypt:
 * @plain_path: a checked backup
 * @encrypted_path: the file to write, 0600; replaced only once it is whole and on disk
 *
 * Encrypts a backup with @key.
 */
gboolean
palpate_backup_crypt_encrypt (const PalpateBackupKey  *key,
                              const char              *plain_path,
                              const char              *encrypted_path,
                              GError                 **error)
{
  g_autofree char *display = palpate_store_files_display (encrypted_path);
  g_autofree char *temporary = palpate_store_files_temporary (encrypted_path, "part");
  g_autofree char *folder = g_path_get_dirname (encrypted_path);
  g_autofree guint8 *plain = g_malloc (CHUNK_LENGTH);
  g_autofree guint8 *sealed = g_malloc (SEALED_CHUNK_LENGTH);
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  FILE *source;
  gboolean ok = FALSE;
  gboolean last = FALSE;
  int fd;

  g_return_val_if_fail (key != NULL && plain_path != NULL && encrypted_path != NULL, FALSE);

  source = g_fopen (plain_path, "rbe");
  if (source == NULL)
    {
      g_autofree char *plain_display = palpate_store_files_display (plain_path);
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("“%s” could not be read: %s."), plain_display, g_strerror (saved_errno));
      return FALSE;
    }

  palpate_store_files_remove (temporary);
  fd = palpate_store_files_create (temporary, error);
  if (fd < 0)
    {
      fclose (source);
      return FALSE;
    }

  crypto_secretstream_xchacha20poly1305_init_push (&state, header, key->key);
  if (!write_all (fd, key->params, PARAMS_LENGTH, display, error) ||
      !write_all (fd, header, sizeof header, display, error))
    goto out;

  while (!last)
    {
      unsigned long long sealed_length;
      unsigned char tag;
      gsize n_read;

      if (!read_up_to (source, plain, CHUNK_LENGTH, &n_read, plain_path, error))
        goto out;
      /* A full chunk may be the last one too: the next read then finds nothing, and an empty
       * FINAL chunk closes the stream. */
      last = n_read < CHUNK_LENGTH;
      tag = last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0;
      crypto_secretstream_xchacha20poly1305_push (&state, sealed, &sealed_length, plain, n_read,
                                                  key->params, PARAMS_LENGTH, tag);
      if (!write_all (fd, sealed, (gsize) sealed_length, display, error))
        goto out;
    }

  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("“%s” could not be written: %s."), display, g_strerror (saved_errno));
      goto out;
    }

  ok = TRUE;

out:
  sodium_memzero (&state, sizeof state);
  sodium_memzero (plain, CHUNK_LENGTH);
  fclose (source);
  close (fd);

  if (ok && g_rename (temporary, encrypted_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("“%s” could not be written: %s."), display, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    {
      palpate_store_files_remove (temporary);
      return FALSE;
    }

  return palpate_store_files_fsync (folder, TRUE, error);
}

/**
 * palpate_backup_crypt_decrypt:
 * @plain_path: the file to write, which must not exist; 0600, removed again on failure
 *
 * Decrypts a backup with @passphrase. A wrong passphrase, a changed byte, a file cut short or
 * one with anything after its end is refused, and @plain_path is then not left behind.
 */
gboolean
palpate_backup_crypt_decrypt (const char  *encrypted_path,
                              const char  *passphrase,
                              const char  *plain_path,
                              GError     **error)
{
  g_autofree char *display = palpate_store_files_display (encrypted_path);
  g_autofree char *plain_display = palpate_store_files_display (plain_path);
  g_autofree guint8 *plain = g_malloc (CHUNK_LENGTH);
  g_autofree guint8 *sealed = g_malloc (SEALED_CHUNK_LENGTH + 1);
  g_autoptr(PalpateBackupKey) key = NULL;
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 header[HEADER_LENGTH];
  guint64 opslimit, memlimit;
  gboolean ok = FALSE;
  gboolean first = TRUE;
  FILE *source;
  gsize n_read;
  int fd = -1;

  g_return_val_if_fail (encrypted_path != NULL && passphrase != NULL && plain_path != NULL,
                        FALSE);

  if (sodium_init () < 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("Encryption is not available on this computer."));
      return FALSE;
    }

  source = g_fopen (encrypted_path, "rbe");
  if (source == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP,
                   _("“%s” could not be read: %s."), display, g_strerror (saved_errno));
      return FALSE;
    }

  if (!read_up_to (source, header, sizeof header, &n_read, display, error))
    goto out;
  if (n_read < MAGIC_LENGTH || memcmp (header, MAGIC, MAGIC_LENGTH) != 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP,
                   _("“%s” is not an encrypted Palpate backup. Nothing was changed."), display);
      goto out;
    }
  if (n_read < sizeof header)
    {
      set_damaged (error, display);
      goto out;
    }
  if (!get_params (header, display, &opslimit, &memlimit, error))
    goto out;

  key = derive (passphrase, header, opslimit, memlimit, error);
  if (key == NULL)
    goto out;
  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, header + PARAMS_LENGTH,
                                                       key->key) != 0)
    {
      set_damaged (error, display);
      goto out;
    }

  fd = palpate_store_files_create (plain_path, error);
  if (fd < 0)
    goto out;

  for (;;)
    {
      unsigned long long plain_length;
      unsigned char tag = 0;

      /* One byte more than a chunk: a full read means the file is not what was written. */
      if (!read_up_to (source, sealed, SEALED_CHUNK_LENGTH, &n_read, display, error))
        goto out;
      if (crypto_secretstream_xchacha20poly1305_pull (&state, plain, &plain_length, &tag,
                                                      sealed, n_read, header, PARAMS_LENGTH) != 0)
        {
          /* The first chunk is where a wrong key shows; a later one can only be damage. */
          if (first && n_read == SEALED_CHUNK_LENGTH)
            g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PASSPHRASE,
                         _("The passphrase does not open the backup “%s”. Check it and try "
                           "again; nothing was changed."), display);
          else if (first)
            g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PASSPHRASE,
                         _("The passphrase does not open the backup “%s”, or the file is "
                           "damaged. Check the passphrase and try again; nothing was changed."),
                         display);
          else
            set_damaged (error, display);
          goto out;
        }
      first = FALSE;

      if (!write_all (fd, plain, (gsize) plain_length, plain_display, error))
        goto out;

      if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        break;
      if (n_read < SEALED_CHUNK_LENGTH)
        {
          set_damaged (error, display);
          goto out;
        }
    }

  /* Nothing may follow the last chunk. */
  if (fgetc (source) != EOF)
    {
      set_damaged (error, display);
      goto out;
    }

  if (fsync (fd) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("“%s” could not be written: %s."), plain_display, g_strerror (saved_errno));
      goto out;
    }

  ok = TRUE;

out:
  sodium_memzero (&state, sizeof state);
  sodium_memzero (plain, CHUNK_LENGTH);
  fclose (source);
  if (fd >= 0)
    {
      close (fd);
      if (!ok)
        palpate_store_files_remove (plain_path);
    }

  return ok;
}
