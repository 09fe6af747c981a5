/* palpate-finding-history.h — the undo and redo history of a body chart's findings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "palpate-finding.h"

G_BEGIN_DECLS

/**
 * PalpateFindingStep:
 * @PALPATE_FINDING_STEP_NONE: nothing to undo or redo
 * @PALPATE_FINDING_STEP_REMOVE: the finding comes off the chart
 * @PALPATE_FINDING_STEP_RESTORE: the finding goes back on the chart
 * @PALPATE_FINDING_STEP_CHANGE: the finding's values were set back (or forward) in place
 *
 * What an undo or a redo asks of the chart that shows the findings.
 */
typedef enum
{
  PALPATE_FINDING_STEP_NONE,
  PALPATE_FINDING_STEP_REMOVE,
  PALPATE_FINDING_STEP_RESTORE,
  PALPATE_FINDING_STEP_CHANGE,
} PalpateFindingStep;

#define PALPATE_TYPE_FINDING_HISTORY (palpate_finding_history_get_type ())

G_DECLARE_FINAL_TYPE (PalpateFindingHistory, palpate_finding_history, PALPATE, FINDING_HISTORY,
                      GObject)

PalpateFindingHistory *palpate_finding_history_new            (void);
void                   palpate_finding_history_record_add     (PalpateFindingHistory  *self,
                                                               PalpateFinding         *finding);
void                   palpate_finding_history_record_remove  (PalpateFindingHistory  *self,
                                                               PalpateFinding         *finding);
void                   palpate_finding_history_record_change  (PalpateFindingHistory  *self,
                                                               PalpateFinding         *finding,
                                                               PalpateFinding         *before);
gboolean               palpate_finding_history_can_undo       (PalpateFindingHistory  *self);
gboolean               palpate_finding_history_can_redo       (PalpateFindingHistory  *self);
PalpateFindingStep     palpate_finding_history_undo           (PalpateFindingHistory  *self,
                                                               PalpateFinding        **finding);
PalpateFindingStep     palpate_finding_history_redo           (PalpateFindingHistory  *self,
                                                               PalpateFinding        **finding);
gboolean               palpate_finding_history_last_removed   (PalpateFindingHistory  *self,
                                                               PalpateFinding         *finding);
void                   palpate_finding_history_clear          (PalpateFindingHistory  *self);

G_END_DECLS
