/* palpate-backup-crypt.h — backups encrypted with a passphrase, for copies that leave the computer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The name an encrypted backup is given, so that it is never taken for a clinic file. */
#define PALPATE_BACKUP_CRYPT_SUFFIX ".palpate-backup"

typedef struct _PalpateBackupKey PalpateBackupKey;

PalpateBackupKey *palpate_backup_key_derive      (const char              *passphrase,
                                                  GError                 **error);
PalpateBackupKey *palpate_backup_key_derive_full (const char              *passphrase,
                                                  guint64                  opslimit,
                                                  guint64                  memlimit,
                                                  GError                 **error);
void              palpate_backup_key_free        (PalpateBackupKey        *key);
gboolean          palpate_backup_key_save        (const PalpateBackupKey  *key,
                                                  const char              *path,
                                                  GError                 **error);
PalpateBackupKey *palpate_backup_key_load        (const char              *path,
                                                  GError                 **error);

gboolean          palpate_backup_crypt_is_encrypted (const char           *path);
gboolean          palpate_backup_crypt_encrypt   (const PalpateBackupKey  *key,
                                                  const char              *plain_path,
                                                  const char              *encrypted_path,
                                                  GError                 **error);
gboolean          palpate_backup_crypt_decrypt   (const char              *encrypted_path,
                                                  const char              *passphrase,
                                                  const char              *plain_path,
                                                  GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PalpateBackupKey, palpate_backup_key_free)

G_END_DECLS
