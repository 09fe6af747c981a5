/* palpate-outcome.h — outcome rules: when a change in pain is meaningful, questionnaire scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fall in NRS pain of at least this many points, or this share of the first rating, is
 * clinically meaningful (Farrar et al. 2001, Pain 94:149–158), for a first rating of at least
 * moderate pain: the study's patients started at 4 or more. */
#define PALPATE_NRS_MEANINGFUL_POINTS 2
#define PALPATE_NRS_MEANINGFUL_SHARE 0.30
#define PALPATE_NRS_MEANINGFUL_BASELINE 4

typedef enum
{
  PALPATE_CHANGE_NONE,       /* the same, or a rating missing */
  PALPATE_CHANGE_IMPROVED,   /* a meaningful fall, by the rule, from a baseline where it holds */
  PALPATE_CHANGE_LOWER,      /* lower, but not a meaningful change by the rule, or from a
                              * baseline below moderate pain, where the rule does not apply */
  PALPATE_CHANGE_HIGHER,     /* higher: the rule says nothing of a rise, and neither do we */
} PalpateChange;

PalpateChange palpate_outcome_nrs_change   (int first,
                                            int current);
gboolean      palpate_outcome_nrs_rule_applies (int first);
const char   *palpate_outcome_nrs_rule_text (void);
int           palpate_outcome_ndi_score    (const int answers[10],
                                            guint    *n_answered);
const char   *palpate_outcome_ndi_band     (int score);
double        palpate_outcome_odi_percent  (const int answers[10],
                                            guint    *n_answered);
const char   *palpate_outcome_odi_band     (double percent);

G_END_DECLS
