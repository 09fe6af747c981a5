/* palpate-amendment-list.h — a signed visit's amendments, and the field to add one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_AMENDMENT_LIST (palpate_amendment_list_get_type ())

G_DECLARE_FINAL_TYPE (PalpateAmendmentList, palpate_amendment_list, PALPATE, AMENDMENT_LIST,
                      AdwPreferencesGroup)

void palpate_amendment_list_load   (PalpateAmendmentList *self,
                                    PalpateStore         *store,
                                    PalpateVisit         *visit);
void palpate_amendment_list_unload (PalpateAmendmentList *self);

G_END_DECLS
