/* palpate-report-private.h — what the report's data and its pages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-report.h"
#include "palpate-visit-selection.h"

G_BEGIN_DECLS

struct _PalpateReport
{
  char          *clinic_name;
  char          *audit_head;      /* "N entries · hash" of the clinic's audit chain, or NULL */
  char          *clinic_address;
  char          *clinic_phone;
  PalpateClient *client;
  GPtrArray     *visits;          /* PalpateVisit, oldest first, within the period */
  GArray        *summaries;       /* PalpateVisitSummary of the same visits */
  GPtrArray     *visit_techniques;/* char *, a line per visit */
  GListStore    *first_findings;
  GListStore    *latest_findings;
  GArray        *techniques;      /* PalpateReportTechnique, by technique */
  GArray        *by_region;       /* PalpateReportTechnique, by technique and region */
  GArray        *psfs_points;     /* PalpatePsfsPoint, grouped by activity */
  GArray        *psfs_series;     /* PalpatePsfsSeries, pointing into psfs_points */
  GPtrArray     *psfs_names;
  GArray        *outcomes;        /* PalpateReportOutcome */
  GArray        *history;         /* PalpateReportHistory */
  char          *therapists;
  char          *made_on;
  gboolean       for_client;      /* the take-home "My progress", in plain words */

  /* What the report counts and over which days (palpate_visit_selection_counts()). */
  PalpateVisitSelection selection;
  GDate          from;            /* invalid: from the start of care */
  GDate          to;              /* invalid: to the day the report is made */
  int            month_year;      /* the month a batch report was made for, or 0 */
  int            month;
  guint          n_drafts;        /* unsigned drafts among the visits, when asked for */

  /* The baseline: pain before at the first rated, counted visit of the course of care, which
   * may come before the period. */
  int            baseline;        /* -1: none */
  gint64         baseline_when;
  gboolean       baseline_before_period;

  GArray        *self_ratings;    /* PalpateReportSelfRating: the client's own, never counted */
  GPtrArray     *client_places;   /* char *: where the client marked pain themselves, a line a day */
  GHashTable    *amendments;      /* visit id → GPtrArray of PalpateAmendment */
};

G_END_DECLS
