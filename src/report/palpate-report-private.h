/* palpate-report-private.h — what the report's data and its pages share
 *
 * The report's data is read once (palpate-report.c, with the tallies of palpate-report-tally.c)
 * and laid out on pages by a flow (palpate-report-flow.c) through which each section draws
 * itself: the clinical report's order of sections is palpate-report-pages.c's, the client's
 * handout is palpate-report-handout.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

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
  GPtrArray     *consents;        /* PalpateConsent, oldest first, withdrawn ones too */

  PalpateTreatmentPlan *plan;     /* the client's current plan, or NULL */
  PalpatePlanProgress   plan_progress;
};

/* Where each technique, technique on a region, and finding has its row, by key. */
typedef struct
{
  GHashTable *techniques;
  GHashTable *by_region;
  GHashTable *history;
} PalpateReportIndexes;

void      palpate_report_indexes_clear          (PalpateReportIndexes  *indexes);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PalpateReportIndexes, palpate_report_indexes_clear)

/* What the report counts and gathers, in palpate-report-tally.c. */
char     *palpate_report_count_techniques       (PalpateReport         *report,
                                                 PalpateReportIndexes  *indexes,
                                                 PalpateVisit          *visit,
                                                 GPtrArray             *applied);
void      palpate_report_add_history            (PalpateReport         *report,
                                                 GHashTable            *index,
                                                 PalpateFinding        *finding,
                                                 gint64                 started);
char     *palpate_report_dup_client_places      (PalpateVisit          *visit,
                                                 GPtrArray             *findings);
void      palpate_report_add_therapist_findings (GListStore            *store,
                                                 GPtrArray             *findings);
gboolean  palpate_report_read_psfs              (PalpateReport         *report,
                                                 PalpateStore          *store,
                                                 gint64                 client_id,
                                                 GHashTable            *in_report,
                                                 GError               **error);
gboolean  palpate_report_read_outcomes          (PalpateReport         *report,
                                                 PalpateStore          *store,
                                                 gint64                 client_id,
                                                 GHashTable            *in_report,
                                                 GError               **error);

/* The page: its margin and the size of body text, in points. */
#define MARGIN 48.0
#define BODY_SIZE 9.5

/* What a flow's pass is for, besides drawing one page. */
#define DRAW_ALL (-1)
#define MEASURE (-2)

/* One pass over the report's sections: laying them out on pages of a size, to count the pages
 * or to draw one page or all of them. */
typedef struct
{
  PalpateReport *report;
  cairo_t       *cr;
  double         width;
  double         height;
  double         y;
  int            page;
  int            target;   /* a page to draw, DRAW_ALL, or MEASURE */
  int            n_pages;
} PalpateFlow;

gboolean     palpate_flow_is_drawing    (PalpateFlow   *flow);
PangoLayout *palpate_flow_make_layout   (PalpateFlow   *flow,
                                         const char    *markup,
                                         double         size,
                                         double         width);
double       palpate_flow_text_height   (PalpateFlow   *flow,
                                         const char    *markup,
                                         double         size,
                                         double         width);
void         palpate_flow_draw_text     (PalpateFlow   *flow,
                                         const char    *markup,
                                         double         size,
                                         double         x,
                                         double         y,
                                         double         width,
                                         double         grey);
void         palpate_flow_draw_footer   (PalpateFlow   *flow);
void         palpate_flow_need          (PalpateFlow   *flow,
                                         double         height);
void         palpate_flow_heading_with  (PalpateFlow   *flow,
                                         const char    *title,
                                         double         following);
void         palpate_flow_heading       (PalpateFlow   *flow,
                                         const char    *title);
void         palpate_flow_paragraph_at  (PalpateFlow   *flow,
                                         const char    *markup,
                                         double         size,
                                         double         indent,
                                         double         grey);
void         palpate_flow_paragraph     (PalpateFlow   *flow,
                                         const char    *markup,
                                         double         size);
void         palpate_flow_table_keeping (PalpateFlow   *flow,
                                         const char    *title,
                                         const char   **header,
                                         const double  *widths,
                                         guint          n_columns,
                                         GPtrArray     *rows,
                                         double         keep_with_last);
void         palpate_flow_table         (PalpateFlow   *flow,
                                         const char    *title,
                                         const char   **header,
                                         const double  *widths,
                                         guint          n_columns,
                                         GPtrArray     *rows);

char        *palpate_report_format_day      (gint64         unix_time);
char        *palpate_report_format_day_time (gint64         unix_time);
char        *palpate_report_format_date     (const GDate   *date);
char        *palpate_report_dup_period      (PalpateReport *report);

/* The sections, each in the file of its kind. */
void         palpate_report_draw_outcome          (PalpateFlow *flow);
void         palpate_report_draw_trend            (PalpateFlow *flow);
void         palpate_report_draw_psfs             (PalpateFlow *flow);
void         palpate_report_draw_plan             (PalpateFlow *flow);
void         palpate_report_draw_outcome_measures (PalpateFlow *flow);
void         palpate_report_draw_techniques       (PalpateFlow *flow);
void         palpate_report_draw_body_charts      (PalpateFlow *flow);
void         palpate_report_draw_history          (PalpateFlow *flow);
void         palpate_report_draw_visits           (PalpateFlow *flow,
                                                   double       keep_with_last);
void         palpate_report_draw_consents         (PalpateFlow *flow);
void         palpate_report_draw_clients_own      (PalpateFlow *flow);
void         palpate_report_draw_handout          (PalpateFlow *flow);

G_END_DECLS
