/* palpate-server-schema.h — the clinic's schema on a PostgreSQL server
 *
 * The same tables and columns, in the same order, as the clinic file's (so that rows copy one to
 * one: SELECT * on one side, INSERT on the other), and the same rules as PL/pgSQL triggers.
 *
 * To move a clinic file to a server, in one transaction: palpate_server_schema_create_tables(),
 * then the rows of every table but clients_search* and sqlite_* (the foreign keys are
 * DEFERRABLE, so SET CONSTRAINTS ALL DEFERRED lets the tables come in any order), then
 * palpate_server_schema_create_rules(), which checks the foreign keys, makes the rules and
 * records the schema version. The rules come last so that signed visits, amendments and the
 * audit log can be copied as they are, and the indexes are built once over all the rows.
 *
 * What a query on the server uses in place of the file's:
 * - the clients' search: `search_text LIKE '%' || folded || '%'`, where folded is the typed
 *   text through palpate_store_fold_for_search() with `\`, `%` and `_` escaped by a `\` (the
 *   file's clients_search indexes the same search_text). The trigram index clients_search
 *   answers three characters or more; fewer read the table, as the file does;
 * - the clients in their list's order: `ORDER BY lower (name), id` (index clients_by_name).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* Each runs inside the caller's open transaction (no BEGIN/COMMIT inside), so that a failure
 * leaves nothing behind once the caller rolls back. create() is for a new, empty clinic: the
 * tables, the built-in techniques a new file also starts with, then the rules. */
gboolean palpate_server_schema_create_tables (PGconn  *conn,
                                              GError **error);
gboolean palpate_server_schema_create_rules  (PGconn  *conn,
                                              GError **error);
gboolean palpate_server_schema_create        (PGconn  *conn,
                                              GError **error);
/* The schema version create_rules() recorded: PALPATE_STORE_SCHEMA_VERSION, or 0 for an empty
 * database or one that is not Palpate's (and on an error). */
gint64   palpate_server_schema_version       (PGconn  *conn,
                                              GError **error);

G_END_DECLS
