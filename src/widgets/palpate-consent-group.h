/* palpate-consent-group.h — the client's consents and refusals on the client's page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_CONSENT_GROUP (palpate_consent_group_get_type ())

G_DECLARE_FINAL_TYPE (PalpateConsentGroup, palpate_consent_group, PALPATE, CONSENT_GROUP,
                      AdwPreferencesGroup)

gboolean palpate_consent_group_load (PalpateConsentGroup  *self,
                                     PalpateStore         *store,
                                     gint64                client_id,
                                     GError              **error);

G_END_DECLS
