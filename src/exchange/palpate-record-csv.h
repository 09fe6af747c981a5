/* palpate-record-csv.h — a record's tables as CSV files, one per table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

GHashTable *palpate_record_to_csv (JsonNode *record);

G_END_DECLS
