/* palpate-preferences-backups.h — the Backups page of Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_PREFERENCES_BACKUPS (palpate_preferences_backups_get_type ())

G_DECLARE_FINAL_TYPE (PalpatePreferencesBackups, palpate_preferences_backups, PALPATE,
                      PREFERENCES_BACKUPS, AdwPreferencesPage)

PalpatePreferencesBackups *palpate_preferences_backups_new (GSettings *settings);
void                       palpate_preferences_backups_set_store (PalpatePreferencesBackups *self,
                                                                  PalpateStore *store);

G_END_DECLS
