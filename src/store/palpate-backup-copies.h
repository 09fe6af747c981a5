/* palpate-backup-copies.h — backups that leave the computer: a second folder, a chosen file, and
 * restoring from either
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-store.h"

G_BEGIN_DECLS

/* What a backup holds, shown before it is restored. */
typedef struct
{
  GDateTime *made;            /* when the file was written */
  GDateTime *last_change;     /* the last entry of its audit log, or NULL */
  gint64     n_clients;
  gint64     n_visits;
  gint64     audit_entries;   /* the head of its audit chain: how many entries … */
  char      *audit_hash;      /* … and the last one's hash */
  gboolean   encrypted;
} PalpateBackupPreview;

void                  palpate_backup_copies_set_folder     (const char            *folder);
char                 *palpate_backup_copies_dup_folder     (void);
char                 *palpate_backup_copies_dup_key_path   (void);
gboolean              palpate_backup_copies_set_passphrase (const char            *passphrase,
                                                            GError               **error);
gboolean              palpate_backup_copies_has_passphrase (void);
gboolean              palpate_backup_copies_write_daily    (const char            *daily_path,
                                                            GError               **error);
gboolean              palpate_backup_copies_export         (PalpateStore          *store,
                                                            const char            *destination,
                                                            gboolean               encrypt,
                                                            GError               **error);
char                 *palpate_backup_copies_open           (const char            *backup_path,
                                                            const char            *passphrase,
                                                            const char            *database_path,
                                                            GError               **error);
void                  palpate_backup_copies_close          (const char            *backup_path,
                                                            const char            *plain_path);

PalpateBackupPreview *palpate_backup_preview_read          (const char            *plain_path,
                                                            const char            *backup_path,
                                                            GError               **error);
void                  palpate_backup_preview_free          (PalpateBackupPreview  *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PalpateBackupPreview, palpate_backup_preview_free)

G_END_DECLS
