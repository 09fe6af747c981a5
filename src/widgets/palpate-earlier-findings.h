/* palpate-earlier-findings.h — the previous visit's findings to mark Same, Better or Gone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_EARLIER_FINDINGS (palpate_earlier_findings_get_type ())

G_DECLARE_FINAL_TYPE (PalpateEarlierFindings, palpate_earlier_findings, PALPATE, EARLIER_FINDINGS,
                      AdwPreferencesGroup)

void        palpate_earlier_findings_load         (PalpateEarlierFindings *self,
                                                   PalpateStore           *store,
                                                   PalpateVisit           *visit,
                                                   PalpateVisit           *previous,
                                                   GListStore             *findings);
void        palpate_earlier_findings_unload       (PalpateEarlierFindings *self);
void        palpate_earlier_findings_refresh      (PalpateEarlierFindings *self);
GListModel *palpate_earlier_findings_get_ghosts   (PalpateEarlierFindings *self);

G_END_DECLS
