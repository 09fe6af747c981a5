/* palpate-health-history-group.h — the client's health history as the therapist reads it: in
 * full on the client's page, or what changed since the last visit on the visit page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_HEALTH_HISTORY_GROUP (palpate_health_history_group_get_type ())

G_DECLARE_FINAL_TYPE (PalpateHealthHistoryGroup, palpate_health_history_group,
                      PALPATE, HEALTH_HISTORY_GROUP, AdwPreferencesGroup)

gboolean palpate_health_history_group_load (PalpateHealthHistoryGroup  *self,
                                            PalpateStore               *store,
                                            gint64                      client_id,
                                            GDateTime                  *changes_since,
                                            GError                    **error);

G_END_DECLS
