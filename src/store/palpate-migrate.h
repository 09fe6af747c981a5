/* palpate-migrate.h — a clinic moved between a clinic file and a clinic server (PostgreSQL)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a move copied and checked. */
typedef struct
{
  guint  n_tables;
  gint64 n_rows;
  gint64 n_audit_entries;   /* the audit chain verified, entry by entry */
} PalpateMigrateSummary;

gboolean palpate_migrate_is_server_location (const char             *location);

gboolean palpate_migrate_file_to_server     (const char             *file,
                                             const char             *conninfo,
                                             PalpateMigrateSummary  *summary,
                                             GError                **error);
gboolean palpate_migrate_server_to_file     (const char             *conninfo,
                                             const char             *file,
                                             PalpateMigrateSummary  *summary,
                                             GError                **error);

G_END_DECLS
