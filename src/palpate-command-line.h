/* palpate-command-line.h — what palpate does from the command line, without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "palpate-store.h"

G_BEGIN_DECLS

extern const GOptionEntry palpate_command_line_entries[];

int         palpate_command_line_run          (GVariantDict *options,
                                               const char   *database_path);
int         palpate_command_line_report       (int           argc,
                                               char        **argv);
int         palpate_command_line_export       (int           argc,
                                               char        **argv);
int         palpate_command_line_import       (int           argc,
                                               char        **argv);
int         palpate_command_line_migrate      (int           argc,
                                               char        **argv);

PalpateStore *palpate_command_line_open_store (const char             *database,
                                               PalpateStoreOpenFlags   flags,
                                               GError                **error);
gint64      palpate_command_line_find_client  (PalpateStore  *store,
                                               const char    *name_or_id,
                                               GError       **error);

G_END_DECLS
