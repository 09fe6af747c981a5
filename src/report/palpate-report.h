/* palpate-report.h — a client's progress report, for print and PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "palpate-store.h"
#include "palpate-trend-chart.h"
#include "palpate-visit-selection.h"

G_BEGIN_DECLS

typedef enum
{
  PALPATE_PAPER_A4,
  PALPATE_PAPER_LETTER,
} PalpatePaper;

typedef struct _PalpateReport PalpateReport;

/* A technique's use: over the period, or on one region (@region_id set). */
typedef struct
{
  char   *technique;
  char   *region_id;
  int     sessions;
  int     minutes;
  int     pain_change_sum;   /* pain after minus before, over the rated sessions */
  int     pain_change_n;
} PalpateReportTechnique;

/* One finding's course: a region and kind, first seen, and how it stood when last charted. */
typedef struct
{
  char                *region_id;
  PalpateFindingKind   kind;
  gint64               first_seen;
  gint64               last_seen;
  PalpateFindingStatus last_status;
} PalpateReportHistory;

typedef struct
{
  gint64            when;
  PalpateInstrument instrument;
  double            score;        /* NDI 0–50, ODI 0–100 % */
  const char       *band;
} PalpateReportOutcome;

/* What the client rated themselves on the patient view: shown as theirs, never counted. */
typedef struct
{
  gint64 when;
  int    pain;
} PalpateReportSelfRating;

PalpateReport *palpate_report_new          (PalpateStore   *store,
                                            gint64          client_id,
                                            GDate          *from,
                                            GDate          *to,
                                            GError        **error);
PalpateReport *palpate_report_new_full     (PalpateStore   *store,
                                            gint64          client_id,
                                            GDate          *from,
                                            GDate          *to,
                                            PalpateVisitSelection selection,
                                            GError        **error);
PalpateVisitSelection palpate_report_get_selection (PalpateReport *report);
int            palpate_report_get_baseline (PalpateReport  *report,
                                            gint64         *when,
                                            gboolean       *before_period);
const PalpateReportSelfRating *palpate_report_get_self_ratings (PalpateReport *report,
                                                                guint         *n);
GPtrArray     *palpate_report_get_amendments (PalpateReport *report,
                                              gint64         visit_id);
gboolean       palpate_report_has_visit_between (PalpateReport *report,
                                                 gint64         from,
                                                 gint64         to);
void           palpate_report_set_month    (PalpateReport  *report,
                                            int             year,
                                            int             month);
void           palpate_report_free         (PalpateReport  *report);
PalpateClient *palpate_report_get_client   (PalpateReport  *report);
const char    *palpate_report_get_client_name (PalpateReport *report);
guint          palpate_report_get_n_visits (PalpateReport  *report);
PalpateVisit  *palpate_report_get_visit    (PalpateReport  *report,
                                            guint           index);
const PalpateVisitSummary *palpate_report_get_summaries (PalpateReport *report,
                                                         guint         *n);
GListModel    *palpate_report_get_first_findings  (PalpateReport *report);
GListModel    *palpate_report_get_latest_findings (PalpateReport *report);
const PalpateReportHistory   *palpate_report_get_history (PalpateReport *report,
                                                          guint         *n);
const PalpateReportTechnique *palpate_report_get_techniques_by_region (PalpateReport *report,
                                                                       guint         *n);
const PalpatePsfsSeries      *palpate_report_get_psfs    (PalpateReport *report,
                                                          guint         *n);
const PalpateReportOutcome   *palpate_report_get_outcomes (PalpateReport *report,
                                                           guint         *n);
char          *palpate_report_dup_client_sentence (PalpateReport *report);
char          *palpate_report_dup_file_name (const char     *client_name,
                                             const char     *suffix);
void           palpate_report_set_for_client (PalpateReport *report,
                                              gboolean       for_client);
void           palpate_paper_get_size      (PalpatePaper    paper,
                                            double         *width,
                                            double         *height);
int            palpate_report_count_pages  (PalpateReport  *report,
                                            double          width,
                                            double          height);
void           palpate_report_draw_page    (PalpateReport  *report,
                                            cairo_t        *cr,
                                            double          width,
                                            double          height,
                                            int             page,
                                            int             n_pages);
gboolean       palpate_report_write_pdf    (PalpateReport  *report,
                                            PalpatePaper    paper,
                                            const char     *path,
                                            GError        **error);
char          *palpate_report_dup_title    (PalpateReport  *report);
char          *palpate_report_dup_author   (PalpateReport  *report);

/* palpate-report-output.c: where a report may be written */
gboolean       palpate_report_check_output (const char     *path,
                                            const char     *clinic_path,
                                            gboolean        replace,
                                            GError        **error);
int            palpate_report_create_private_file (const char *path,
                                                   GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PalpateReport, palpate_report_free)

G_END_DECLS
