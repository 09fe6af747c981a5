/* palpate-preferences-window.h — the Preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"
#include "palpate-types.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_PREFERENCES_WINDOW (palpate_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (PalpatePreferencesWindow, palpate_preferences_window,
                      PALPATE, PREFERENCES_WINDOW, AdwPreferencesWindow)

PalpatePreferencesWindow *palpate_preferences_window_new       (GSettings                *settings);
void                      palpate_preferences_window_set_store (PalpatePreferencesWindow *self,
                                                                PalpateStore             *store);

G_END_DECLS
