/* palpate-outcome.h — outcome rules: when a change in pain is meaningful, questionnaire scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fall in NRS pain of at least this many points, or this share of the first rating, is
 * clinically meaningful (Farrar et al. 2001, Pain 94:149–158). */
#define PALPATE_NRS_MEANINGFUL_POINTS 2
#define PALPATE_NRS_MEANINGFUL_SHARE 0.30

typedef enum
{
  PALPATE_CHANGE_NONE,
  PALPATE_CHANGE_IMPROVED,   /* a meaningful fall in pain */
  PALPATE_CHANGE_WORSE,      /* a meaningful rise */
} PalpateChange;

PalpateChange palpate_outcome_nrs_change   (int first,
                                            int current);
int           palpate_outcome_ndi_score    (const int answers[10],
                                            guint    *n_answered);
const char   *palpate_outcome_ndi_band     (int score);
double        palpate_outcome_odi_percent  (const int answers[10],
                                            guint    *n_answered);
const char   *palpate_outcome_odi_band     (double percent);

G_END_DECLS
