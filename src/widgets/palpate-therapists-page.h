/* palpate-therapists-page.h — Preferences' page of the clinic's therapists, who sees what, and
 * when the window locks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_THERAPISTS_PAGE (palpate_therapists_page_get_type ())

G_DECLARE_FINAL_TYPE (PalpateTherapistsPage, palpate_therapists_page, PALPATE, THERAPISTS_PAGE,
                      AdwPreferencesPage)

GtkWidget *palpate_therapists_page_new       (GSettings             *settings);
void       palpate_therapists_page_set_store (PalpateTherapistsPage *self,
                                              PalpateStore          *store);

G_END_DECLS
