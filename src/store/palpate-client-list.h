/* palpate-client-list.h — the clinic's clients as a list model: every id at once, rows on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_CLIENT_LIST (palpate_client_list_get_type ())

G_DECLARE_FINAL_TYPE (PalpateClientList, palpate_client_list, PALPATE, CLIENT_LIST, GObject)

PalpateClientList *palpate_client_list_new            (PalpateStore       *store);
PalpateStore      *palpate_client_list_get_store      (PalpateClientList  *self);
const char        *palpate_client_list_get_search     (PalpateClientList  *self);
gboolean           palpate_client_list_set_search     (PalpateClientList  *self,
                                                       const char         *text,
                                                       GError            **error);
gboolean           palpate_client_list_search_again   (PalpateClientList  *self,
                                                       const char         *text,
                                                       GError            **error);
gboolean           palpate_client_list_reload         (PalpateClientList  *self,
                                                       GError            **error);
void               palpate_client_list_client_changed (PalpateClientList  *self,
                                                       gint64              client_id);
gint64             palpate_client_list_get_id         (PalpateClientList  *self,
                                                       guint               position);
guint              palpate_client_list_find           (PalpateClientList  *self,
                                                       gint64              client_id);
gboolean           palpate_client_list_has_zones      (PalpateClientList  *self,
                                                       gint64              client_id);

G_END_DECLS
