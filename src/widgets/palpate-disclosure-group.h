/* palpate-disclosure-group.h — the disclosures of a client's record, on the client's page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_DISCLOSURE_GROUP (palpate_disclosure_group_get_type ())

G_DECLARE_FINAL_TYPE (PalpateDisclosureGroup, palpate_disclosure_group, PALPATE,
                      DISCLOSURE_GROUP, AdwPreferencesGroup)

gboolean palpate_disclosure_group_load (PalpateDisclosureGroup  *self,
                                        PalpateStore            *store,
                                        gint64                   client_id,
                                        GError                 **error);

G_END_DECLS
