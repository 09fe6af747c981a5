/* palpate-pain.c — the 0–10 numeric pain rating scale and its words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-pain.h"

/**
 * palpate_pain_get_word:
 * @pain: a rating from 0 to 10
 *
 * The words of the numeric rating scale as clients are asked it: 0 no pain, 1–3 mild,
 * 4–6 moderate, 7–9 severe, 10 the worst pain imaginable.
 *
 * Returns: the translated word for @pain, or %NULL if it is not a rating
 */
const char *
palpate_pain_get_word (int pain)
{
  if (pain == 0)
    return _("No pain");
  if (pain >= 1 && pain <= 3)
    return _("Mild");
  if (pain >= 4 && pain <= 6)
    return _("Moderate");
  if (pain >= 7 && pain <= 9)
    return _("Severe");
  if (pain == 10)
    return _("Worst imaginable");

  return NULL;
}

gboolean
palpate_pain_is_valid (int pain)
{
  return pain >= PALPATE_PAIN_MIN && pain <= PALPATE_PAIN_MAX;
}
