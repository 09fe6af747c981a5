/* palpate-store-files.h — the files around a clinic: its lock, temporary files, set-aside copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long opening a clinic waits for a restore in another Palpate to finish. */
#define PALPATE_STORE_LOCK_WAIT_MS 3000

int       palpate_store_files_lock          (const char  *database_path,
                                             gboolean     exclusive,
                                             GError     **error);
void      palpate_store_files_unlock        (int          fd);
gboolean  palpate_store_files_fsync         (const char  *path,
                                             gboolean     is_dir,
                                             GError     **error);
char     *palpate_store_files_temporary     (const char  *path,
                                             const char  *kind);
int       palpate_store_files_create        (const char  *path,
                                             GError     **error);
void      palpate_store_files_remove        (const char  *path);
void      palpate_store_files_remove_stale  (const char  *folder,
                                             const char  *prefix);
char     *palpate_store_files_rename_unique (const char  *temporary,
                                             const char  *folder,
                                             const char  *stem,
                                             const char  *suffix,
                                             GError     **error);
gboolean  palpate_store_files_rename_new    (const char  *temporary,
                                             const char  *path,
                                             GError     **error);
gboolean  palpate_store_files_same          (const char  *a,
                                             const char  *b);
char     *palpate_store_files_display       (const char  *path);
void      palpate_store_fail_point          (const char  *step);

G_END_DECLS
