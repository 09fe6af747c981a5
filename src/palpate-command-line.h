/* palpate-command-line.h — what palpate does from the command line, without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

extern const GOptionEntry palpate_command_line_entries[];

int         palpate_command_line_run          (GVariantDict *options,
                                               const char   *database_path);
int         palpate_command_line_report       (int           argc,
                                               char        **argv);

G_END_DECLS
