/* palpate-record-package.h — a client's record or a clinic written out for someone to take away
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-record.h"
#include "palpate-report.h"

G_BEGIN_DECLS

gboolean palpate_record_package_client (PalpateStore  *store,
                                        gint64         client_id,
                                        const char    *output,
                                        const char    *recipient,
                                        const char    *reason,
                                        PalpatePaper   paper,
                                        GError       **error);
gboolean palpate_record_package_clinic (PalpateStore  *store,
                                        const char    *directory,
                                        gboolean       with_fhir,
                                        GError       **error);
gboolean palpate_record_write_fhir     (PalpateStore  *store,
                                        gint64         client_id,
                                        const char    *path,
                                        GError       **error);
gboolean palpate_record_region_check   (const char    *region_id,
                                        gpointer       user_data);

G_END_DECLS
