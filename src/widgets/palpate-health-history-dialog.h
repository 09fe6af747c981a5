/* palpate-health-history-dialog.h — a new version of the client's health history, filled in
 * by the therapist or the client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-health-history.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_HEALTH_HISTORY_DIALOG (palpate_health_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PalpateHealthHistoryDialog, palpate_health_history_dialog,
                      PALPATE, HEALTH_HISTORY_DIALOG, AdwWindow)

PalpateHealthHistoryDialog *palpate_health_history_dialog_new        (GtkWindow                  *parent,
                                                                      PalpateHealthHistory       *history);
PalpateHealthHistory       *palpate_health_history_dialog_get_history (PalpateHealthHistoryDialog *self);
void                        palpate_health_history_dialog_show_error (PalpateHealthHistoryDialog *self,
                                                                      const char                 *message);

G_END_DECLS
