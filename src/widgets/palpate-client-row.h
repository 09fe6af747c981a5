/* palpate-client-row.h — a client as the sidebar lists them: name, visits, a mark for care
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-client.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_CLIENT_ROW (palpate_client_row_get_type ())

G_DECLARE_FINAL_TYPE (PalpateClientRow, palpate_client_row, PALPATE, CLIENT_ROW, AdwActionRow)

GtkWidget *palpate_client_row_new        (void);
void       palpate_client_row_set_client (PalpateClientRow *self,
                                          PalpateClient    *client,
                                          gboolean          zoned);

G_END_DECLS
