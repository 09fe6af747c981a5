/* palpate-backup.h — copies of the clinic file: before migrations, daily, and on request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-store.h"

G_BEGIN_DECLS

/* How many daily backups and weekly ones (the newest of each older week) are kept. */
#define PALPATE_BACKUP_KEEP_DAILY 7
#define PALPATE_BACKUP_KEEP_WEEKLY 4

gboolean  palpate_backup_before_migration (PalpateStore  *store,
                                           guint          version,
                                           char         **path,
                                           GError       **error);
gboolean  palpate_backup_daily            (PalpateStore  *store,
                                           GDateTime     *now,
                                           GError       **error);
gboolean  palpate_backup_rotate           (const char    *backups_dir,
                                           const char    *stem,
                                           GDateTime     *now,
                                           GError       **error);
char     *palpate_backup_find_newest      (const char    *database_path,
                                           GError       **error);
gboolean  palpate_backup_check_file       (const char    *path,
                                           GError       **error);
gboolean  palpate_backup_restore          (const char    *backup_path,
                                           const char    *database_path,
                                           char         **kept_path,
                                           GError       **error);
char     *palpate_backup_dup_stem         (const char    *database_path);

G_END_DECLS
