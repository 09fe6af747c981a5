/* palpate-visit-selection.c — which visits a report or a clinic figure counts
 *
 * One rule for every report, handout, chart and clinic figure: a signed visit counts; an
 * unsigned draft counts only where the user asked for drafts, and is then marked; what the
 * client rated themselves on the patient view is the client's own and never a visit's outcome.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-visit-selection.h"

/**
 * palpate_visit_selection_is_clients_own:
 * @reported_by_client: whether the client entered the visit's rating on the patient view
 *
 * A self-rating from the waiting room is the client's word, not the therapist's record of a
 * session: it is shown as the client's own, if at all.
 */
gboolean
palpate_visit_selection_is_clients_own (gboolean reported_by_client)
{
  return reported_by_client;
}

/**
 * palpate_visit_selection_counts:
 * @selection: what the user asked for
 * @status: the visit's status
 * @reported_by_client: whether the visit holds the client's own self-rating
 *
 * Returns: whether a visit counts in a report or figure made with @selection
 */
gboolean
palpate_visit_selection_counts (PalpateVisitSelection selection,
                                PalpateVisitStatus    status,
                                gboolean              reported_by_client)
{
  if (palpate_visit_selection_is_clients_own (reported_by_client))
    return FALSE;

  if (status == PALPATE_VISIT_SIGNED)
    return TRUE;

  return selection == PALPATE_VISITS_WITH_DRAFTS;
}

/**
 * palpate_visit_selection_describe:
 *
 * Returns: the words a page uses for what it counted: "signed notes only", …
 */
const char *
palpate_visit_selection_describe (PalpateVisitSelection selection)
{
  return selection == PALPATE_VISITS_WITH_DRAFTS
         ? _("signed notes and unsigned drafts (each draft marked “Draft”)")
         : _("signed notes only");
}
