/* palpate-outcome.c — outcome rules: when a change in pain is meaningful, questionnaire scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-outcome.h"

/**
 * palpate_outcome_nrs_rule_applies:
 * @first: the baseline rating (0–10)
 *
 * Farrar et al. (2001) derived "≥ 2 points or ≥ 30 %" from patients whose pain started at
 * moderate or worse; from a lower baseline a one-point fall is 30 % or more and means little,
 * so the rule is not used there.
 */
gboolean
palpate_outcome_nrs_rule_applies (int first)
{
  return first >= PALPATE_NRS_MEANINGFUL_BASELINE && first <= 10;
}

/**
 * palpate_outcome_nrs_change:
 * @first: the first rating (0–10), the baseline
 * @current: a later rating
 *
 * A fall is a meaningful improvement when it is at least 2 points or at least 30 % of the first
 * rating (Farrar 2001) and the first rating was at least moderate pain (4 or more). Any other
 * fall is only lower; a rise is only higher: the rule is about improvement, so no rise is
 * called meaningful.
 *
 * Returns: what the change from @first to @current is, by that rule
 */
PalpateChange
palpate_outcome_nrs_change (int first,
                            int current)
{
  int fall = first - current;

  if (first < 0 || current < 0 || first > 10 || current > 10 || fall == 0)
    return PALPATE_CHANGE_NONE;

  if (fall < 0)
    return PALPATE_CHANGE_HIGHER;

  if (palpate_outcome_nrs_rule_applies (first) &&
      (fall >= PALPATE_NRS_MEANINGFUL_POINTS ||
       fall >= PALPATE_NRS_MEANINGFUL_SHARE * first - 1e-9))
    return PALPATE_CHANGE_IMPROVED;

  return PALPATE_CHANGE_LOWER;
}

/**
 * palpate_outcome_nrs_rule_text:
 *
 * The rule in one sentence, as every page that applies it states it.
 */
const char *
palpate_outcome_nrs_rule_text (void)
{
  return _("A meaningful improvement is a fall in pain of at least 2 points or 30 % from a "
           "first rating of at least 4 out of 10 (Farrar et al. 2001). Below 4 the rule does "
           "not apply, and no rise in pain is called meaningful.");
}

/**
 * palpate_outcome_ndi_score:
 * @answers: ten items of 0–5; -1 for an item not answered
 *
 * The Neck Disability Index: the sum of the answered items (0–50).
 */
int
palpate_outcome_ndi_score (const int  answers[10],
                           guint     *n_answered)
{
  int sum = 0;
  guint answered = 0;

  for (guint i = 0; i < 10; i++)
    if (answers[i] >= 0 && answers[i] <= 5)
      {
        sum += answers[i];
        answered++;
      }

  if (n_answered != NULL)
    *n_answered = answered;
  return sum;
}

/* Bands of Vernon and Mior (1991): 0–4 none, 5–14 mild, 15–24 moderate, 25–34 severe, > 34
 * complete. */
const char *
palpate_outcome_ndi_band (int score)
{
  if (score <= 4)
    return _("No disability");
  if (score <= 14)
    return _("Mild disability");
  if (score <= 24)
    return _("Moderate disability");
  if (score <= 34)
    return _("Severe disability");
  return _("Complete disability");
}

/**
 * palpate_outcome_odi_percent:
 *
 * The Oswestry Disability Index: sum ÷ (5 × sections answered) × 100 %, so that an unanswered
 * section does not count against the client. -1 when nothing was answered.
 */
double
palpate_outcome_odi_percent (const int  answers[10],
                             guint     *n_answered)
{
  guint answered = 0;
  int sum = palpate_outcome_ndi_score (answers, &answered);

  if (n_answered != NULL)
    *n_answered = answered;
  if (answered == 0)
    return -1;

  return 100.0 * sum / (5.0 * answered);
}

/* Bands of Fairbank and Pynsent (2000): 0–20, 21–40, 41–60, 61–80, 81–100 %. */
const char *
palpate_outcome_odi_band (double percent)
{
  if (percent <= 20)
    return _("Minimal disability");
  if (percent <= 40)
    return _("Moderate disability");
  if (percent <= 60)
    return _("Severe disability");
  if (percent <= 80)
    return _("Very severe disability");
  return _("Bed-bound or exaggerating");
}
