/* palpate-window.h — the main window of a clinic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-types.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_WINDOW (palpate_window_get_type ())

G_DECLARE_FINAL_TYPE (PalpateWindow, palpate_window, PALPATE, WINDOW, AdwApplicationWindow)

PalpateWindow *palpate_window_new (PalpateApplication *application,
                                   GSettings          *settings);

G_END_DECLS
