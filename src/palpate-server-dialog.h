/* palpate-server-dialog.h — Connect to a Clinic Server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-window.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_SERVER_DIALOG (palpate_server_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PalpateServerDialog, palpate_server_dialog, PALPATE, SERVER_DIALOG,
                      AdwWindow)

PalpateServerDialog *palpate_server_dialog_new (PalpateWindow *window,
                                                const char    *location);

G_END_DECLS
