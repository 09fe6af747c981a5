/* palpate-client-page.h — a client: contraindications, conditions, goals, trend, visits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_CLIENT_PAGE (palpate_client_page_get_type ())

G_DECLARE_FINAL_TYPE (PalpateClientPage, palpate_client_page, PALPATE, CLIENT_PAGE, GtkBox)

gboolean       palpate_client_page_load       (PalpateClientPage  *self,
                                               PalpateStore       *store,
                                               gint64              client_id,
                                               GError            **error);
PalpateClient *palpate_client_page_get_client (PalpateClientPage  *self);
void           palpate_client_page_set_show_back (PalpateClientPage *self,
                                                  gboolean           show_back);

void           palpate_client_page_show_view (PalpateClientPage *self,
                                              const char        *name);

G_END_DECLS
