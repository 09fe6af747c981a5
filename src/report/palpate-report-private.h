/* palpate-report-private.h — what the report's data and its pages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-report.h"

G_BEGIN_DECLS

struct _PalpateReport
{
  char          *clinic_name;
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
};

G_END_DECLS
