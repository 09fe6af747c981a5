/* palpate-retention-dialog.h — the records past their retention period, any of which may be
 * destroyed after two confirmations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_RETENTION_DIALOG (palpate_retention_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PalpateRetentionDialog, palpate_retention_dialog,
                      PALPATE, RETENTION_DIALOG, AdwWindow)

PalpateRetentionDialog *palpate_retention_dialog_new (GtkWindow    *parent,
                                                      PalpateStore *store);

G_END_DECLS
