/* palpate-record-pdf.h — a client's whole record on paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "palpate-report.h"

G_BEGIN_DECLS

gboolean palpate_record_write_pdf (PalpateStore  *store,
                                   JsonNode      *record,
                                   PalpatePaper   paper,
                                   const char    *path,
                                   GError       **error);

G_END_DECLS
