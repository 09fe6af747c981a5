/* test-store-files-private.h — what the parts of the store-files test share: the fixture and
 * the helpers that run `palpate` on real files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-store-private.h"

G_BEGIN_DECLS

/* The clinic holds "Old" clients, its backup "Backup" ones. */
#define OLD_CLIENTS "SELECT count(*) FROM clients WHERE name LIKE 'Old %'"
#define OLD_CLIENT_ID "SELECT min(id) FROM clients WHERE name LIKE 'Old %'"
#define BACKUP_CLIENTS "SELECT count(*) FROM clients WHERE name LIKE 'Backup %'"

typedef struct
{
  char *tmpdir;
  char *path;      /* the clinic */
  char *backup;    /* a backup of it, with other records */
} Fixture;

int    raw_exec                        (const char *path,
                                        const char *sql);
gint64 count_rows                      (const char *path,
                                        const char *sql);
void   fixture_set_up                  (Fixture       *fixture,
                                        gconstpointer  user_data);
void   remove_tree                     (const char *path);
void   fixture_tear_down               (Fixture       *fixture,
                                        gconstpointer  user_data);
int    run_palpate_on_small_disk       (const char * const  *args,
                                        gsize                bytes,
                                        char               **err);
int    run_palpate_full                (const char * const  *args,
                                        const char          *fail_at,
                                        gboolean             as_nobody,
                                        char               **out,
                                        char               **err);
int    run_palpate                     (const char * const  *args,
                                        const char          *fail_at,
                                        char               **out,
                                        char               **err);
guint  count_files                     (const char *folder,
                                        const char *fragment);

void   test_store_files_add_disk_tests (void);

G_END_DECLS
