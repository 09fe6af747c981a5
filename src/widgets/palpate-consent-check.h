/* palpate-consent-check.h — the consent asked for before a sensitive area is treated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

gboolean palpate_consent_check_region (GtkWidget    *widget,
                                       PalpateStore *store,
                                       gint64        client_id,
                                       gint64        visit_id,
                                       const char   *region_id,
                                       const char   *action_name);

G_END_DECLS
