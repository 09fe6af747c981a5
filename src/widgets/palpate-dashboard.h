/* palpate-dashboard.h — the clinic at a glance, for the clinic owner
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_DASHBOARD (palpate_dashboard_get_type ())

G_DECLARE_FINAL_TYPE (PalpateDashboard, palpate_dashboard, PALPATE, DASHBOARD, GtkBox)

gboolean palpate_dashboard_load          (PalpateDashboard  *self,
                                          PalpateStore      *store,
                                          GError           **error);
gboolean palpate_dashboard_set_selection (PalpateDashboard       *self,
                                          PalpateVisitSelection   selection,
                                          GError                **error);
void     palpate_dashboard_set_show_back (PalpateDashboard  *self,
                                          gboolean           show_back);

G_END_DECLS
