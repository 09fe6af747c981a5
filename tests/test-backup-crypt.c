/* test-backup-crypt.c — encrypted backups: the file format, refusals, and the copies that leave
 * the computer (second folder, chosen file, restore from either)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "palpate-backup.h"
#include "palpate-backup-copies.h"
#include "palpate-backup-crypt.h"
#include "palpate-store-error.h"
#include "palpate-store-files.h"

#define PASSPHRASE "correct horse battery staple"

/* The cheapest Argon2id libsodium allows, so that the format cases run quickly; the cost the
 * application uses is tested once, through palpate_backup_copies_set_passphrase(). */
#define TEST_OPSLIMIT crypto_pwhash_OPSLIMIT_MIN
#define TEST_MEMLIMIT (8 * 1024 * 1024)

typedef struct
{
  char *tmpdir;
  char *plain;
  char *encrypted;
  char *decrypted;
  PalpateBackupKey *key;
} Fixture;

static void
write_random (const char *path,
              gsize       length)
{
  g_autofree guint8 *bytes = g_malloc (MAX (length, 1));
  g_autoptr(GError) error = NULL;

  randombytes_buf (bytes, length);
  g_file_set_contents (path, (const char *) bytes, length, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp ("palpate-crypt-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->plain = g_build_filename (fixture->tmpdir, "clinic.sqlite3", NULL);
  fixture->encrypted = g_build_filename (fixture->tmpdir, "clinic.sqlite3.palpate-backup", NULL);
  fixture->decrypted = g_build_filename (fixture->tmpdir, "decrypted.sqlite3", NULL);
  /* Three chunks and a bit: chunk boundaries, and a last chunk of its own. */
  write_random (fixture->plain, 3 * 64 * 1024 + 1234);
  fixture->key = palpate_backup_key_derive_full (PASSPHRASE, TEST_OPSLIMIT, TEST_MEMLIMIT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->key);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_free (fixture->plain);
  g_free (fixture->encrypted);
  g_free (fixture->decrypted);
  palpate_backup_key_free (fixture->key);
}

static void
assert_same_contents (const char *a,
                      const char *b)
{
  g_autofree char *contents_a = NULL;
  g_autofree char *contents_b = NULL;
  gsize length_a = 0, length_b = 0;

  g_assert_true (g_file_get_contents (a, &contents_a, &length_a, NULL));
  g_assert_true (g_file_get_contents (b, &contents_b, &length_b, NULL));
  g_assert_cmpmem (contents_a, length_a, contents_b, length_b);
}

static void
assert_mode_0600 (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
encrypt (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (palpate_backup_crypt_encrypt (fixture->key, fixture->plain, fixture->encrypted,
                                               &error));
  g_assert_no_error (error);
}

/* Decryption of the (changed) encrypted file fails with @code and leaves nothing behind. */
static void
assert_refused (Fixture    *fixture,
                const char *passphrase,
                int         code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (palpate_backup_crypt_decrypt (fixture->encrypted, passphrase,
                                                fixture->decrypted, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, "Nothing was changed") != NULL
                    ? error->message : strstr (error->message, "nothing was changed"));
  g_assert_false (g_file_test (fixture->decrypted, G_FILE_TEST_EXISTS));
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  const gsize lengths[] = { 0, 1, 64 * 1024, 2 * 64 * 1024, 3 * 64 * 1024 + 1234 };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length = 0;

      write_random (fixture->plain, lengths[i]);
      encrypt (fixture);
      assert_mode_0600 (fixture->encrypted);
      g_assert_true (palpate_backup_crypt_is_encrypted (fixture->encrypted));
      g_assert_false (palpate_backup_crypt_is_encrypted (fixture->plain) && lengths[i] < 8);

      /* The encrypted file holds none of the clear bytes where they were. */
      g_assert_true (g_file_get_contents (fixture->encrypted, &contents, &length, NULL));
      g_assert_cmpuint (length, >, lengths[i]);

      g_assert_true (palpate_backup_crypt_decrypt (fixture->encrypted, PASSPHRASE,
                                                   fixture->decrypted, &error));
      g_assert_no_error (error);
      assert_mode_0600 (fixture->decrypted);
      assert_same_contents (fixture->plain, fixture->decrypted);
      g_unlink (fixture->decrypted);
    }
}

static void
test_wrong_passphrase (Fixture       *fixture,
                       gconstpointer  data)
{
  encrypt (fixture);
  assert_refused (fixture, "correct horse battery stapler", PALPATE_STORE_ERROR_PASSPHRASE);
  assert_refused (fixture, "", PALPATE_STORE_ERROR_PASSPHRASE);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  /* Inside the header; just after it; inside the first chunk; at a chunk boundary (the final
   * chunk missing); one byte short of the end. */
  gsize cuts[] = { 0, 5, 20, 64, 64 + 100, 64 + 64 * 1024 + 17, 0 };

  encrypt (fixture);
  g_assert_true (g_file_get_contents (fixture->encrypted, &contents, &length, NULL));
  cuts[G_N_ELEMENTS (cuts) - 1] = length - 1;

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (fixture->encrypted, contents, cuts[i], NULL));
      g_assert_false (palpate_backup_crypt_decrypt (fixture->encrypted, PASSPHRASE,
                                                    fixture->decrypted, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == PALPATE_STORE_ERROR);
      g_assert_false (g_file_test (fixture->decrypted, G_FILE_TEST_EXISTS));
    }

  /* Cut at a chunk boundary, the stream simply ends without its last chunk: that is damage. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (g_file_set_contents (fixture->encrypted, contents, 64 + 2 * (64 * 1024 + 17),
                                        NULL));
    g_assert_false (palpate_backup_crypt_decrypt (fixture->encrypted, PASSPHRASE,
                                                  fixture->decrypted, &error));
    g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP);
    g_assert_nonnull (strstr (error->message, "damaged or cut short"));
  }
}

static void
test_tampered (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  /* A parameter (the salt), the stream header, the first chunk, a later chunk, the last tag. */
  gsize places[] = { 30, 50, 64 + 10, 64 + 64 * 1024 + 17 + 500, 0 };

  encrypt (fixture);
  g_assert_true (g_file_get_contents (fixture->encrypted, &contents, &length, NULL));
  places[G_N_ELEMENTS (places) - 1] = length - 1;

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autoptr(GError) error = NULL;

      contents[places[i]] ^= 0x01;
      g_assert_true (g_file_set_contents (fixture->encrypted, contents, length, NULL));
      contents[places[i]] ^= 0x01;

      g_assert_false (palpate_backup_crypt_decrypt (fixture->encrypted, PASSPHRASE,
                                                    fixture->decrypted, &error));
      g_assert_nonnull (error);
      g_assert_false (g_file_test (fixture->decrypted, G_FILE_TEST_EXISTS));
    }

  /* A later chunk changed is damage, never a wrong passphrase. */
  {
    g_autoptr(GError) error = NULL;

    contents[64 + 64 * 1024 + 17 + 500] ^= 0x80;
    g_assert_true (g_file_set_contents (fixture->encrypted, contents, length, NULL));
    contents[64 + 64 * 1024 + 17 + 500] ^= 0x80;
    assert_refused (fixture, PASSPHRASE, PALPATE_STORE_ERROR_NO_BACKUP);
  }

  /* Anything after the last chunk. */
  {
    g_autofree char *longer = g_malloc (length + 3);

    memcpy (longer, contents, length);
    memcpy (longer + length, "abc", 3);
    g_assert_true (g_file_set_contents (fixture->encrypted, longer, length + 3, NULL));
    assert_refused (fixture, PASSPHRASE, PALPATE_STORE_ERROR_NO_BACKUP);
  }

  /* A newer format version is refused as such. */
  {
    contents[8] = 2;
    g_assert_true (g_file_set_contents (fixture->encrypted, contents, length, NULL));
    assert_refused (fixture, PASSPHRASE, PALPATE_STORE_ERROR_TOO_NEW);
  }

  /* A hostile memory limit is refused before anything is allocated. */
  {
    contents[8] = 1;
    memset (contents + 16, 0xff, 8);
    g_assert_true (g_file_set_contents (fixture->encrypted, contents, length, NULL));
    assert_refused (fixture, PASSPHRASE, PALPATE_STORE_ERROR_NO_BACKUP);
  }
}

static void
test_not_encrypted (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (palpate_backup_crypt_is_encrypted (fixture->plain));
  g_assert_false (palpate_backup_crypt_decrypt (fixture->plain, PASSPHRASE, fixture->decrypted,
                                                &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP);
  g_assert_nonnull (strstr (error->message, "not an encrypted Palpate backup"));
  g_assert_false (g_file_test (fixture->decrypted, G_FILE_TEST_EXISTS));
}

static void
test_key_file (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "config", "backup.key", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(PalpateBackupKey) loaded = NULL;
  g_autoptr(PalpateBackupKey) missing = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (palpate_backup_key_save (fixture->key, path, &error));
  g_assert_no_error (error);
  assert_mode_0600 (path);

  /* The passphrase is not in it. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_null (g_strstr_len (contents, length, "horse"));

  loaded = palpate_backup_key_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_true (palpate_backup_crypt_encrypt (loaded, fixture->plain, fixture->encrypted,
                                               &error));
  g_assert_no_error (error);
  g_assert_true (palpate_backup_crypt_decrypt (fixture->encrypted, PASSPHRASE,
                                               fixture->decrypted, &error));
  g_assert_no_error (error);
  assert_same_contents (fixture->plain, fixture->decrypted);

  /* No key file is no key, and no error; a damaged one is an error. */
  g_unlink (path);
  missing = palpate_backup_key_load (path, &error);
  g_assert_no_error (error);
  g_assert_null (missing);
  g_assert_true (g_file_set_contents (path, "short", 5, NULL));
  g_assert_null (palpate_backup_key_load (path, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT);
}

static void
test_short_passphrase (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateBackupKey) key = NULL;

  key = palpate_backup_key_derive_full ("1234567", TEST_OPSLIMIT, TEST_MEMLIMIT, &error);
  g_assert_null (key);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID);
}

/* A clinic with one client and its daily backup copied, encrypted, to a second folder; that copy
 * opened with the passphrase, previewed and restored. */
static void
test_second_folder (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *clinic = g_build_filename (fixture->tmpdir, "clinic", "clinic.sqlite3", NULL);
  g_autofree char *second = g_build_filename (fixture->tmpdir, "usb-stick", NULL);
  g_autofree char *copy = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *clinic_folder = g_path_get_dirname (clinic);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 3, 9, 0, 0);
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(PalpateClient) later = palpate_client_new ();
  g_autoptr(PalpateBackupPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  g_assert_cmpint (g_mkdir_with_parents (clinic_folder, 0700), ==, 0);
  store = palpate_store_open (clinic, &error);
  g_assert_no_error (error);
  palpate_client_set_name (client, "Ada Lovelace");
  g_assert_true (palpate_store_save_client (store, client, &error));
  g_assert_no_error (error);

  /* A second folder that is not there (the stick is not plugged in) is said so. */
  palpate_backup_copies_set_folder (second);
  g_assert_false (palpate_backup_daily (store, now, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_FILE);
  g_assert_nonnull (strstr (error->message, "USB stick"));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir_with_parents (second, 0700), ==, 0);
  g_assert_true (palpate_backup_copies_set_passphrase (PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_true (palpate_backup_copies_has_passphrase ());
  {
    g_autofree char *key_path = palpate_backup_copies_dup_key_path ();

    assert_mode_0600 (key_path);
  }

  g_assert_true (palpate_backup_daily (store, now, &error));
  g_assert_no_error (error);
  copy = g_build_filename (second, "clinic-daily-2026-12-03.sqlite3.palpate-backup", NULL);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  assert_mode_0600 (copy);
  g_assert_true (palpate_backup_crypt_is_encrypted (copy));

  /* A change after the backup, which the restore takes back. */
  palpate_client_set_name (later, "Grace Hopper");
  g_assert_true (palpate_store_save_client (store, later, &error));
  g_assert_no_error (error);
  g_assert_cmpint (palpate_store_count_clients (store), ==, 2);

  /* Without or with a wrong passphrase, nothing opens and nothing is left in the folder. */
  g_assert_null (palpate_backup_copies_open (copy, NULL, clinic, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_assert_null (palpate_backup_copies_open (copy, "not the passphrase", clinic, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PASSPHRASE);
  g_clear_error (&error);

  opened = palpate_backup_copies_open (copy, PASSPHRASE, clinic, &error);
  g_assert_no_error (error);
  g_assert_nonnull (opened);
  preview = palpate_backup_preview_read (opened, copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->n_clients, ==, 1);
  g_assert_cmpint (preview->n_visits, ==, 0);
  g_assert_cmpint (preview->audit_entries, >, 0);
  g_assert_cmpuint (strlen (preview->audit_hash), ==, 64);
  g_assert_true (preview->encrypted);
  g_assert_nonnull (preview->made);

  g_clear_object (&store);
  g_assert_true (palpate_backup_restore (opened, clinic, &kept, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  palpate_backup_copies_close (copy, opened);
  g_assert_false (g_file_test (opened, G_FILE_TEST_EXISTS));

  store = palpate_store_open (clinic, &error);
  g_assert_no_error (error);
  g_assert_cmpint (palpate_store_count_clients (store), ==, 1);

  g_assert_true (palpate_backup_copies_set_passphrase (NULL, &error));
  g_assert_false (palpate_backup_copies_has_passphrase ());
  palpate_backup_copies_set_folder (NULL);
}

/* Back up now to a chosen file, encrypted; and a file that is no backup refused. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *clinic = g_build_filename (fixture->tmpdir, "own.sqlite3", NULL);
  g_autofree char *key_path = palpate_backup_copies_dup_key_path ();
  g_autofree char *chosen = g_build_filename (fixture->tmpdir, "chosen.palpate-backup", NULL);
  g_autofree char *plain_chosen = g_build_filename (fixture->tmpdir, "chosen.sqlite3", NULL);
  g_autofree char *opened = NULL;
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = palpate_store_open (clinic, &error);
  g_assert_no_error (error);

  /* Without a passphrase there is nothing to encrypt with. */
  g_assert_false (palpate_backup_copies_export (store, chosen, TRUE, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (chosen, G_FILE_TEST_EXISTS));

  g_assert_true (palpate_backup_key_save (fixture->key, key_path, &error));
  g_assert_no_error (error);
  g_assert_true (palpate_backup_copies_export (store, chosen, TRUE, &error));
  g_assert_no_error (error);
  assert_mode_0600 (chosen);
  g_assert_true (palpate_backup_crypt_is_encrypted (chosen));
  opened = palpate_backup_copies_open (chosen, PASSPHRASE, clinic, &error);
  g_assert_no_error (error);
  palpate_backup_copies_close (chosen, opened);

  g_assert_true (palpate_backup_copies_export (store, plain_chosen, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (palpate_backup_crypt_is_encrypted (plain_chosen));

  /* A random file is refused, not opened. */
  g_assert_null (palpate_backup_copies_open (fixture->plain, NULL, clinic, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP);
  g_assert_true (palpate_backup_copies_set_passphrase (NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/Palpate/BackupCrypt/round-trip", test_round_trip);
  ADD ("/Palpate/BackupCrypt/wrong-passphrase", test_wrong_passphrase);
  ADD ("/Palpate/BackupCrypt/truncated", test_truncated);
  ADD ("/Palpate/BackupCrypt/tampered", test_tampered);
  ADD ("/Palpate/BackupCrypt/not-encrypted", test_not_encrypted);
  ADD ("/Palpate/BackupCrypt/key-file", test_key_file);
  ADD ("/Palpate/BackupCrypt/second-folder", test_second_folder);
  ADD ("/Palpate/BackupCrypt/export", test_export);
#undef ADD
  g_test_add_func ("/Palpate/BackupCrypt/short-passphrase", test_short_passphrase);

  return g_test_run ();
}
