/* palpate-visit-selection.h — which visits a report or a clinic figure counts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "palpate-types.h"

G_BEGIN_DECLS

/* What the user asked a report or figure to count: signed visits (the default), or signed
 * visits and unsigned drafts, each draft then marked wherever it shows. */
typedef enum
{
  PALPATE_VISITS_SIGNED,
  PALPATE_VISITS_WITH_DRAFTS,
} PalpateVisitSelection;

gboolean    palpate_visit_selection_counts      (PalpateVisitSelection  selection,
                                                 PalpateVisitStatus     status,
                                                 gboolean               reported_by_client);
gboolean    palpate_visit_selection_is_clients_own (gboolean            reported_by_client);
const char *palpate_visit_selection_describe    (PalpateVisitSelection  selection);

G_END_DECLS
