/* palpate-client-search-private.h — the search text of a client search, as each back end's
 * index reads it (palpate-store-clients.c, palpate-client-list.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Searches of this many characters or more use an index: the file's FTS5 trigram table
 * (clients_search MATCH a phrase), the server's trigram GIN index on clients.search_text
 * (LIKE a pattern). Shorter ones scan the folded search text. */
#define PALPATE_CLIENT_SEARCH_INDEXED_LENGTH 3

char *palpate_client_search_phrase  (const char *folded);
char *palpate_client_search_pattern (const char *folded);

G_END_DECLS
