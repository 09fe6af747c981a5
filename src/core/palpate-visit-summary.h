/* palpate-visit-summary.h — the rows that lists, charts and reports draw from: a visit without
 * its notes, and the visits of one month by one therapist
 *
 * They live in the core so that the render layer can draw them without knowing the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "palpate-types.h"

G_BEGIN_DECLS

/* What the visit list and the pain trend need of each visit, without the notes. */
typedef struct
{
  gint64             id;
  gint64             started_at;   /* seconds since 1970, UTC */
  int                pain_before;  /* -1 when not rated */
  int                pain_after;
  PalpateVisitStatus status;
  int                n_findings;
} PalpateVisitSummary;

/* Visits of one month by one therapist: the clinic dashboard. */
typedef struct
{
  char  month[8];      /* "YYYY-MM" */
  char *therapist;     /* "" when the visit has none */
  int   visits;
} PalpateMonthVisits;

G_END_DECLS
