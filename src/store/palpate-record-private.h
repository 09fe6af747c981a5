/* palpate-record-private.h — what the export and the import of records share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-record.h"

G_BEGIN_DECLS

JsonObject *palpate_record_export_visit (PalpateStore  *store,
                                         gint64         visit_id,
                                         GError       **error);

G_END_DECLS
