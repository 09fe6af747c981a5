/* palpate-report.c — a client's progress report, for print and PDF
 *
 * The report reads what it needs from the store once, then lays itself out on pages of any
 * size: the clinic's header, the client, the outcome in one sentence, the pain trend, the body
 * charts of the first and the latest visit, each finding's history, the techniques and the
 * visits, and a signature line. Long tables flow onto more pages with their headings repeated.
 * The same drawing serves the print dialog (one page at a time) and the PDF (all pages).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-report"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-chart.h"
#include "palpate-outcome.h"
#include "palpate-pain.h"
#include "palpate-report.h"
#include "palpate-trend-chart.h"
#include "palpate-vocabulary.h"

#define MARGIN 48.0
#define FOOTER 28.0
#define BODY_SIZE 9.5
#define ROW_PAD 3.0
#define DRAW_ALL (-1)
#define MEASURE (-2)


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
} Flow;

static void
technique_row_clear (gpointer data)
{
  g_free (((PalpateReportTechnique *) data)->technique);
  g_free (((PalpateReportTechnique *) data)->region_id);
}

static void
history_row_clear (gpointer data)
{
  g_free (((PalpateReportHistory *) data)->region_id);
}

void
palpate_report_free (PalpateReport *report)
{
  if (report == NULL)
    return;

  g_free (report->clinic_name);
  g_free (report->clinic_address);
  g_free (report->clinic_phone);
  g_clear_object (&report->client);
  g_clear_pointer (&report->visits, g_ptr_array_unref);
  g_clear_pointer (&report->summaries, g_array_unref);
  g_clear_pointer (&report->visit_techniques, g_ptr_array_unref);
  g_clear_object (&report->first_findings);
  g_clear_object (&report->latest_findings);
  g_clear_pointer (&report->techniques, g_array_unref);
  g_clear_pointer (&report->history, g_array_unref);
  g_clear_pointer (&report->by_region, g_array_unref);
  g_clear_pointer (&report->psfs_points, g_array_unref);
  g_clear_pointer (&report->psfs_series, g_array_unref);
  g_clear_pointer (&report->psfs_names, g_ptr_array_unref);
  g_clear_pointer (&report->outcomes, g_array_unref);
  g_free (report->therapists);
  g_free (report->made_on);
  g_free (report);
}

static char *
format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%-d %b %Y");
}

static const char *
region_name (const char *region_id)
{
  const PalpateRegion *region = region_id ? palpate_atlas_lookup_region (palpate_atlas_get_default (),
                                                                         region_id)
                                          : NULL;

  return region ? palpate_region_get_name (region) : _("Unknown region");
}

static gboolean
in_period (GDateTime *when,
           GDate     *from,
           GDate     *to)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (when), g_date_time_get_month (when),
                  g_date_time_get_year (when));

  return (from == NULL || !g_date_valid (from) || g_date_compare (&day, from) >= 0) &&
         (to == NULL || !g_date_valid (to) || g_date_compare (&day, to) <= 0);
}

static void
add_findings (GListStore *store,
              GPtrArray  *findings)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    g_list_store_append (store, findings->pdata[i]);
}

/* Where each technique, technique on a region, and finding has its row, by key. */
typedef struct
{
  GHashTable *techniques;
  GHashTable *by_region;
  GHashTable *history;
} ReportIndexes;

static void
report_indexes_clear (ReportIndexes *indexes)
{
  g_clear_pointer (&indexes->techniques, g_hash_table_unref);
  g_clear_pointer (&indexes->by_region, g_hash_table_unref);
  g_clear_pointer (&indexes->history, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ReportIndexes, report_indexes_clear)

static gint64
applied_visit_id (gpointer item)
{
  return palpate_applied_technique_get_visit_id (item);
}

static gint64
finding_visit_id (gpointer item)
{
  return palpate_finding_get_visit_id (item);
}

/* The items of a client's whole history, by visit id: a GPtrArray each, borrowing the items. */
static GHashTable *
group_by_visit (GPtrArray *items,
                gint64   (*visit_id_of) (gpointer item))
{
  GHashTable *groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < items->len; i++)
    {
      gint64 id = visit_id_of (items->pdata[i]);
      GPtrArray *group = g_hash_table_lookup (groups, &id);

      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (groups, g_memdup2 (&id, sizeof id), group);
        }
      g_ptr_array_add (group, items->pdata[i]);
    }

  return groups;
}

/* The row of @key in @rows, added with @technique and @region when there is none yet. */
static PalpateReportTechnique *
technique_row (GArray     *rows,
               GHashTable *index,
               const char *key,
               const char *technique,
               const char *region)
{
  gpointer position;

  if (!g_hash_table_lookup_extended (index, key, NULL, &position))
    {
      PalpateReportTechnique row = { g_strdup (technique), g_strdup (region), 0, 0, 0, 0 };

      g_array_append_val (rows, row);
      position = GUINT_TO_POINTER (rows->len - 1);
      g_hash_table_insert (index, g_strdup (key), position);
    }

  return &g_array_index (rows, PalpateReportTechnique, GPOINTER_TO_UINT (position));
}

static void
count_session (PalpateReportTechnique *row,
               PalpateVisit           *visit)
{
  row->sessions++;
  if (palpate_visit_get_pain_before (visit) >= 0 && palpate_visit_get_pain_after (visit) >= 0)
    {
      row->pain_change_sum += palpate_visit_get_pain_after (visit) -
                              palpate_visit_get_pain_before (visit);
      row->pain_change_n++;
    }
}

/* Counts the techniques of one visit in the report's summaries; returns the visit's line of
 * the visit table, each technique named once. */
static char *
count_techniques (PalpateReport *report,
                  ReportIndexes *indexes,
                  PalpateVisit  *visit,
                  GPtrArray     *applied)
{
  g_autoptr(GHashTable) seen_in_visit = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint a = 0; applied != NULL && a < applied->len; a++)
    {
      PalpateAppliedTechnique *technique = applied->pdata[a];
      const char *name = palpate_applied_technique_get_technique_name (technique);
      const char *region = palpate_applied_technique_get_region_id (technique);
      int minutes = palpate_applied_technique_get_minutes (technique);
      g_autofree char *region_key = NULL;
      PalpateReportTechnique *row;

      if (name == NULL)
        continue;

      region_key = g_strdup_printf ("%s/%s", name, region ? region : "");
      row = technique_row (report->by_region, indexes->by_region, region_key, name, region);
      row->minutes += minutes;
      count_session (row, visit);

      row = technique_row (report->techniques, indexes->techniques, name, name, NULL);
      row->minutes += minutes;

      /* A technique used on two regions in one visit is one session of it. */
      if (!g_hash_table_add (seen_in_visit, (gpointer) name))
        continue;
      count_session (row, visit);
      g_string_append_printf (line, "%s%s", line->len ? ", " : "", name);
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* A finding's course: where and what, first seen, and how it stood when last charted. */
static void
add_history (PalpateReport  *report,
             GHashTable     *index,
             PalpateFinding *finding,
             gint64          started)
{
  g_autofree char *key = NULL;
  gpointer position;
  PalpateReportHistory *row;

  if (palpate_finding_get_kind (finding) == PALPATE_FINDING_CONTRAINDICATION ||
      palpate_finding_get_region_id (finding) == NULL)
    return;

  key = g_strdup_printf ("%s/%d", palpate_finding_get_region_id (finding),
                         palpate_finding_get_kind (finding));
  if (!g_hash_table_lookup_extended (index, key, NULL, &position))
    {
      PalpateReportHistory new_row = { g_strdup (palpate_finding_get_region_id (finding)),
                                       palpate_finding_get_kind (finding), started, started,
                                       palpate_finding_get_status (finding) };

      g_array_append_val (report->history, new_row);
      position = GUINT_TO_POINTER (report->history->len - 1);
      g_hash_table_insert (index, g_steal_pointer (&key), position);
    }

  row = &g_array_index (report->history, PalpateReportHistory, GPOINTER_TO_UINT (position));
  row->last_seen = started;
  row->last_status = palpate_finding_get_status (finding);
}

/**
 * palpate_report_new:
 * @from: (nullable): the first day of the period, or %NULL for the client's first visit
 * @to: (nullable): the last day of the period, or %NULL for today
 *
 * Reads everything the report of @client_id shows.
 */
PalpateReport *
palpate_report_new (PalpateStore  *store,
                    gint64         client_id,
                    GDate         *from,
                    GDate         *to,
                    GError       **error)
{
  g_autoptr(PalpateReport) report = g_new0 (PalpateReport, 1);
  g_autoptr(GPtrArray) all_visits = NULL;
  g_autoptr(GArray) all_summaries = NULL;
  g_autoptr(GPtrArray) all_applied = NULL;
  g_autoptr(GPtrArray) all_findings = NULL;
  g_autoptr(GHashTable) applied_by_visit = NULL;
  g_autoptr(GHashTable) findings_by_visit = NULL;
  g_autoptr(GHashTable) summary_by_visit = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_auto(ReportIndexes) indexes = {
    .techniques = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .by_region = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .history = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  g_autoptr(GPtrArray) therapist_names = g_ptr_array_new ();
  g_autoptr(GHashTable) in_report = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ratings = NULL;
  g_autoptr(GArray) outcomes = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (PALPATE_IS_STORE (store), NULL);

  report->client = palpate_store_get_client (store, client_id, error);
  if (report->client == NULL)
    return NULL;
  all_visits = palpate_store_list_visits (store, client_id, error);
  if (all_visits == NULL)
    return NULL;
  all_summaries = palpate_store_list_visit_summaries (store, client_id, error);
  if (all_summaries == NULL)
    return NULL;

  report->clinic_name = palpate_store_dup_setting (store, "clinic-name");
  report->clinic_address = palpate_store_dup_setting (store, "clinic-address");
  report->clinic_phone = palpate_store_dup_setting (store, "clinic-phone");
  report->made_on = g_date_time_format (now, "%-d %B %Y");
  report->visits = g_ptr_array_new_with_free_func (g_object_unref);
  report->summaries = g_array_new (FALSE, FALSE, sizeof (PalpateVisitSummary));
  report->visit_techniques = g_ptr_array_new_with_free_func (g_free);
  report->first_findings = g_list_store_new (PALPATE_TYPE_FINDING);
  report->latest_findings = g_list_store_new (PALPATE_TYPE_FINDING);
  report->techniques = g_array_new (FALSE, TRUE, sizeof (PalpateReportTechnique));
  g_array_set_clear_func (report->techniques, technique_row_clear);
  report->by_region = g_array_new (FALSE, TRUE, sizeof (PalpateReportTechnique));
  g_array_set_clear_func (report->by_region, technique_row_clear);
  report->psfs_points = g_array_new (FALSE, FALSE, sizeof (PalpatePsfsPoint));
  report->psfs_series = g_array_new (FALSE, FALSE, sizeof (PalpatePsfsSeries));
  report->psfs_names = g_ptr_array_new_with_free_func (g_free);
  report->outcomes = g_array_new (FALSE, FALSE, sizeof (PalpateReportOutcome));
  report->history = g_array_new (FALSE, TRUE, sizeof (PalpateReportHistory));
  g_array_set_clear_func (report->history, history_row_clear);

  all_applied = palpate_store_list_client_applied_techniques (store, client_id, error);
  if (all_applied == NULL)
    return NULL;
  all_findings = palpate_store_list_client_findings (store, client_id, error);
  if (all_findings == NULL)
    return NULL;
  applied_by_visit = group_by_visit (all_applied, applied_visit_id);
  findings_by_visit = group_by_visit (all_findings, finding_visit_id);
  for (guint s = 0; s < all_summaries->len; s++)
    g_hash_table_insert (summary_by_visit, &g_array_index (all_summaries, PalpateVisitSummary, s).id,
                         &g_array_index (all_summaries, PalpateVisitSummary, s));

  for (guint i = 0; i < all_visits->len; i++)
    {
      PalpateVisit *visit = all_visits->pdata[i];
      gint64 visit_id = palpate_visit_get_id (visit);
      const PalpateVisitSummary *summary = g_hash_table_lookup (summary_by_visit, &visit_id);
      GPtrArray *applied = g_hash_table_lookup (applied_by_visit, &visit_id);
      GPtrArray *findings = g_hash_table_lookup (findings_by_visit, &visit_id);
      const char *therapist = palpate_visit_get_therapist_name (visit);

      if (!in_period (palpate_visit_get_started_at (visit), from, to))
        continue;

      if (summary != NULL)
        g_array_append_vals (report->summaries, summary, 1);
      g_ptr_array_add (report->visits, g_object_ref (visit));
      if (therapist != NULL && !g_ptr_array_find_with_equal_func (therapist_names, therapist,
                                                                 g_str_equal, NULL))
        g_ptr_array_add (therapist_names, (gpointer) therapist);

      g_ptr_array_add (report->visit_techniques, count_techniques (report, &indexes, visit, applied));

      if (report->visits->len == 1)
        add_findings (report->first_findings, findings);
      g_list_store_remove_all (report->latest_findings);
      add_findings (report->latest_findings, findings);
      for (guint f = 0; findings != NULL && f < findings->len; f++)
        add_history (report, indexes.history, findings->pdata[f],
                     g_date_time_to_unix (palpate_visit_get_started_at (visit)));
    }

  /* PSFS: a line per activity, at the visits of the period that rated it. */
  for (guint i = 0; i < report->summaries->len; i++)
    g_hash_table_insert (in_report, &g_array_index (report->summaries, PalpateVisitSummary, i).id,
                         &g_array_index (report->summaries, PalpateVisitSummary, i).started_at);
  ratings = palpate_store_list_psfs_ratings (store, client_id, error);
  if (ratings == NULL)
    return NULL;
  {
    const char * const *activities = palpate_client_get_activities (report->client);
    g_autoptr(GArray) activity_ids = palpate_store_list_activity_ids (store, client_id, error);

    if (activity_ids == NULL)
      return NULL;
    for (guint a = 0; a < activity_ids->len && activities != NULL && activities[a] != NULL; a++)
      {
        gint64 activity_id = g_array_index (activity_ids, gint64, a);
        PalpatePsfsSeries series = { NULL, NULL, 0 };
        guint start = report->psfs_points->len;

        for (guint r = 0; r < ratings->len; r++)
          {
            PalpatePsfsRating *rating = &g_array_index (ratings, PalpatePsfsRating, r);
            gint64 *when = g_hash_table_lookup (in_report, &rating->visit_id);
            PalpatePsfsPoint point;

            if (rating->activity_id != activity_id || when == NULL)
              continue;
            point.when = *when;
            point.rating = rating->rating;
            g_array_append_val (report->psfs_points, point);
          }

        series.n_points = report->psfs_points->len - start;
        if (series.n_points == 0)
          continue;
        g_ptr_array_add (report->psfs_names, g_strdup (activities[a]));
        series.name = report->psfs_names->pdata[report->psfs_names->len - 1];
        series.points = GUINT_TO_POINTER (start);  /* made a pointer below, once the array is whole */
        g_array_append_val (report->psfs_series, series);
      }
    for (guint s = 0; s < report->psfs_series->len; s++)
      {
        PalpatePsfsSeries *series = &g_array_index (report->psfs_series, PalpatePsfsSeries, s);

        series->points = &g_array_index (report->psfs_points, PalpatePsfsPoint,
                                         GPOINTER_TO_UINT (series->points));
      }
  }

  /* The questionnaires, scored and banded. */
  outcomes = palpate_store_list_outcomes (store, client_id, error);
  if (outcomes == NULL)
    return NULL;
  for (guint o = 0; o < outcomes->len; o++)
    {
      PalpateOutcomeAnswers *answers = &g_array_index (outcomes, PalpateOutcomeAnswers, o);
      gint64 *when = g_hash_table_lookup (in_report, &answers->visit_id);
      PalpateReportOutcome outcome = { 0 };
      guint n_answered = 0;

      if (when == NULL)
        continue;
      outcome.when = *when;
      outcome.instrument = answers->instrument;
      if (answers->instrument == PALPATE_INSTRUMENT_NDI)
        {
          int score = palpate_outcome_ndi_score (answers->answers, &n_answered);

          outcome.score = score;
          outcome.band = palpate_outcome_ndi_band (score);
        }
      else
        {
          double percent = palpate_outcome_odi_percent (answers->answers, &n_answered);

          outcome.score = percent;
          outcome.band = palpate_outcome_odi_band (percent);
        }
      if (n_answered > 0)
        g_array_append_val (report->outcomes, outcome);
    }

  g_ptr_array_add (therapist_names, NULL);
  report->therapists = g_strjoinv (", ", (char **) therapist_names->pdata);

  return g_steal_pointer (&report);
}

/**
 * palpate_report_get_client:
 *
 * Returns: (transfer none): the client, as read with the rest of the report
 */
PalpateClient *
palpate_report_get_client (PalpateReport *report)
{
  return report->client;
}

const char *
palpate_report_get_client_name (PalpateReport *report)
{
  return palpate_client_get_name (report->client);
}

guint
palpate_report_get_n_visits (PalpateReport *report)
{
  return report->visits->len;
}

const PalpateVisitSummary *
palpate_report_get_summaries (PalpateReport *report,
                              guint         *n)
{
  *n = report->summaries->len;
  return (const PalpateVisitSummary *) (gpointer) report->summaries->data;
}

GListModel *
palpate_report_get_first_findings (PalpateReport *report)
{
  return G_LIST_MODEL (report->first_findings);
}

GListModel *
palpate_report_get_latest_findings (PalpateReport *report)
{
  return G_LIST_MODEL (report->latest_findings);
}

PalpateVisit *
palpate_report_get_visit (PalpateReport *report,
                          guint          index)
{
  return index < report->visits->len ? report->visits->pdata[index] : NULL;
}

const PalpateReportHistory *
palpate_report_get_history (PalpateReport *report,
                            guint         *n)
{
  *n = report->history->len;
  return (const PalpateReportHistory *) (gpointer) report->history->data;
}

const PalpateReportTechnique *
palpate_report_get_techniques_by_region (PalpateReport *report,
                                         guint         *n)
{
  *n = report->by_region->len;
  return (const PalpateReportTechnique *) (gpointer) report->by_region->data;
}

const PalpatePsfsSeries *
palpate_report_get_psfs (PalpateReport *report,
                         guint         *n)
{
  *n = report->psfs_series->len;
  return (const PalpatePsfsSeries *) (gpointer) report->psfs_series->data;
}

const PalpateReportOutcome *
palpate_report_get_outcomes (PalpateReport *report,
                             guint         *n)
{
  *n = report->outcomes->len;
  return (const PalpateReportOutcome *) (gpointer) report->outcomes->data;
}

/**
 * palpate_report_dup_file_name:
 * @suffix: what follows the name, "-progress-report.pdf" say
 *
 * A file name for a client's PDF: the name kept readable but safe on any disk.
 */
char *
palpate_report_dup_file_name (const char *client_name,
                              const char *suffix)
{
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = client_name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (name, c);
      else if (name->len > 0 && name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
    }
  g_string_append (name, suffix);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/**
 * palpate_report_set_for_client:
 *
 * Makes the report the client's take-home "My progress": plain words and large type, the
 * trend, then and now, goals, activities and home care; no notes, no clinical tables.
 */
void
palpate_report_set_for_client (PalpateReport *report,
                               gboolean       for_client)
{
  report->for_client = for_client;
}

static char *
month_and_year (gint64 when)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (when);

  return g_date_time_format (date, "%B %Y");
}

/**
 * palpate_report_dup_client_sentence:
 *
 * The client's progress in one sentence, for the client: "Your pain before sessions went from
 * 7 to 3 since March 2026."
 */
char *
palpate_report_dup_client_sentence (PalpateReport *report)
{
  const PalpateVisitSummary *visits;
  const PalpateVisitSummary *first = NULL, *latest = NULL;
  guint n, n_rated = 0;
  g_autofree char *since = NULL;

  visits = palpate_report_get_summaries (report, &n);
  for (guint i = 0; i < n; i++)
    if (visits[i].pain_before >= 0)
      {
        if (first == NULL)
          first = &visits[i];
        latest = &visits[i];
        n_rated++;
      }

  if (n_rated == 0)
    return g_strdup (_("Your progress will show here after your first session."));
  if (n_rated == 1)
    return g_strdup_printf (_("Before your first session, your pain was %d out of 10: %s."),
                            first->pain_before, palpate_pain_get_word (first->pain_before));

  since = month_and_year (first->started_at);
  if (latest->pain_before < first->pain_before)
    {
      gboolean meaningful = palpate_outcome_nrs_change (first->pain_before, latest->pain_before) ==
                            PALPATE_CHANGE_IMPROVED;

      return g_strdup_printf (meaningful
                              ? _("Your pain before sessions went from %d to %d since %s. That is a real improvement.")
                              : _("Your pain before sessions went from %d to %d since %s."),
                              first->pain_before, latest->pain_before, since);
    }
  if (latest->pain_before == first->pain_before)
    return g_strdup_printf (_("Your pain before sessions has stayed at %d out of 10 since %s."),
                            first->pain_before, since);

  return g_strdup_printf (_("Your pain before sessions went from %d to %d since %s. Your therapist "
                            "will talk it through with you."),
                          first->pain_before, latest->pain_before, since);
}

void
palpate_paper_get_size (PalpatePaper  paper,
                        double       *width,
                        double       *height)
{
  /* In points, as PDF and the print dialog measure. */
  *width = paper == PALPATE_PAPER_LETTER ? 612 : 595.28;
  *height = paper == PALPATE_PAPER_LETTER ? 792 : 841.89;
}

/* Drawing */

static gboolean
drawing (Flow *flow)
{
  return flow->target == DRAW_ALL || flow->target == flow->page;
}

static PangoLayout *
make_layout (Flow       *flow,
             const char *markup,
             double      size,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (flow->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static double
text_height (Flow       *flow,
             const char *markup,
             double      size,
             double      width)
{
  g_autoptr(PangoLayout) layout = make_layout (flow, markup, size, width);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
draw_text (Flow       *flow,
           const char *markup,
           double      size,
           double      x,
           double      y,
           double      width,
           double      grey)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (!drawing (flow))
    return;

  layout = make_layout (flow, markup, size, width);
  cairo_set_source_rgb (flow->cr, grey, grey, grey);
  cairo_move_to (flow->cr, x, y);
  pango_cairo_show_layout (flow->cr, layout);
}

static void
draw_footer (Flow *flow)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  if (!drawing (flow))
    return;

  /* Translators: the foot of each page of a report, "Layla Haddad · Progress report · page 2 of 3" */
  text = g_strdup_printf (flow->report->for_client ? _("%s · My progress · page %d of %d")
                                                  : _("%s · Progress report · page %d of %d"),
                          palpate_client_get_name (flow->report->client), flow->page + 1,
                          MAX (flow->n_pages, flow->page + 1));
  markup = g_markup_escape_text (text, -1);
  draw_text (flow, markup, 7.5, MARGIN, flow->height - MARGIN + 10, flow->width - 2 * MARGIN, 0.4);
}

static void
new_page (Flow *flow)
{
  draw_footer (flow);
  if (flow->target == DRAW_ALL)
    cairo_show_page (flow->cr);
  flow->page++;
  flow->y = MARGIN;
}

/* Makes room for @height on the page, starting a new one when it does not fit. */
static void
need (Flow   *flow,
      double  height)
{
  if (flow->y + height > flow->height - MARGIN - FOOTER && flow->y > MARGIN)
    new_page (flow);
}

/* A heading never ends a page: it comes with @following points of what it heads. */
static void
heading_with (Flow       *flow,
              const char *title,
              double      following)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", title);
  double size = flow->report->for_client ? 15 : 11.5;

  need (flow, 30 + following);
  flow->y += 10;
  draw_text (flow, markup, size, MARGIN, flow->y, flow->width - 2 * MARGIN, 0.1);
  flow->y += text_height (flow, markup, size, flow->width - 2 * MARGIN) + 4;
}

static void
heading (Flow       *flow,
         const char *title)
{
  heading_with (flow, title, 60);
}

static void
paragraph (Flow       *flow,
           const char *markup,
           double      size)
{
  double height = text_height (flow, markup, size, flow->width - 2 * MARGIN);

  need (flow, height);
  draw_text (flow, markup, size, MARGIN, flow->y, flow->width - 2 * MARGIN, 0.15);
  flow->y += height + 4;
}

/* A table row: cells of the given widths (fractions of the text width). */
static void
table_row (Flow          *flow,
           const char   **cells,
           const double  *widths,
           guint          n,
           gboolean       header)
{
  double text_width = flow->width - 2 * MARGIN;
  double height = 0;
  double x = MARGIN;
  g_autofree char **markups = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      markups[i] = header ? g_markup_printf_escaped ("<b>%s</b>", cells[i])
                          : g_markup_escape_text (cells[i] ? cells[i] : "", -1);
      height = MAX (height, text_height (flow, markups[i], BODY_SIZE - 0.5,
                                         widths[i] * text_width - 6));
    }

  need (flow, height + 2 * ROW_PAD);
  if (drawing (flow) && header)
    {
      cairo_set_source_rgb (flow->cr, 0.93, 0.93, 0.93);
      cairo_rectangle (flow->cr, MARGIN, flow->y, text_width, height + 2 * ROW_PAD);
      cairo_fill (flow->cr);
    }

  for (guint i = 0; i < n; i++)
    {
      draw_text (flow, markups[i], BODY_SIZE - 0.5, x + 3, flow->y + ROW_PAD,
                 widths[i] * text_width - 6, 0.1);
      x += widths[i] * text_width;
      g_free (markups[i]);
    }

  flow->y += height + 2 * ROW_PAD;
  if (drawing (flow))
    {
      cairo_set_source_rgb (flow->cr, 0.85, 0.85, 0.85);
      cairo_set_line_width (flow->cr, 0.5);
      cairo_move_to (flow->cr, MARGIN, flow->y);
      cairo_line_to (flow->cr, MARGIN + text_width, flow->y);
      cairo_stroke (flow->cr);
    }
}

static void
table (Flow          *flow,
       const char   **header,
       const double  *widths,
       guint          n_columns,
       GPtrArray     *rows)          /* const char ** of n_columns cells, each */
{
  int header_page = -1;

  for (guint r = 0; r < rows->len; r++)
    {
      /* The heading row again at the top of each page the table reaches. */
      need (flow, 2 * 20);
      if (header_page != flow->page)
        {
          table_row (flow, header, widths, n_columns, TRUE);
          header_page = flow->page;
        }
      table_row (flow, rows->pdata[r], widths, n_columns, FALSE);
      if (header_page != flow->page)
        header_page = -1;
    }
}

static void
draw_header (Flow *flow)
{
  PalpateReport *report = flow->report;
  PalpateClient *client = report->client;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *clinic = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  double width = flow->width - 2 * MARGIN;

  clinic = g_markup_printf_escaped ("<b>%s</b>\n<span size='smaller'>%s%s%s</span>",
                                    report->clinic_name ? report->clinic_name : "",
                                    report->clinic_address ? report->clinic_address : "",
                                    report->clinic_address && report->clinic_phone ? " · " : "",
                                    report->clinic_phone ? report->clinic_phone : "");
  draw_text (flow, clinic, 11, MARGIN, flow->y, width * 0.65, 0.15);
  title = g_markup_printf_escaped ("<b>%s</b>\n<span size='smaller'>%s</span>",
                                   _("Progress Report"), report->made_on);
  {
    g_autoptr(PangoLayout) layout = make_layout (flow, title, 13, width * 0.35);

    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
    if (drawing (flow))
      {
        cairo_set_source_rgb (flow->cr, 0.1, 0.1, 0.1);
        cairo_move_to (flow->cr, MARGIN + width * 0.65, flow->y);
        pango_cairo_show_layout (flow->cr, layout);
      }
  }
  flow->y += MAX (text_height (flow, clinic, 11, width * 0.65), text_height (flow, title, 13, width * 0.35)) + 8;
  if (drawing (flow))
    {
      cairo_set_source_rgb (flow->cr, 0.2, 0.45, 0.75);
      cairo_set_line_width (flow->cr, 1.5);
      cairo_move_to (flow->cr, MARGIN, flow->y);
      cairo_line_to (flow->cr, MARGIN + width, flow->y);
      cairo_stroke (flow->cr);
    }
  flow->y += 12;

  name = g_markup_printf_escaped ("<b>%s</b>", palpate_client_get_name (client));
  paragraph (flow, name, 15);

  if (palpate_client_get_birth_date (client) != NULL)
    g_string_append_printf (details, "%s %s\n", _("Born"), palpate_client_get_birth_date (client));
  if (report->visits->len > 0)
    {
      g_autofree char *first = format_date (g_date_time_to_unix (palpate_visit_get_started_at (report->visits->pdata[0])));
      g_autofree char *last = format_date (g_date_time_to_unix (palpate_visit_get_started_at (g_ptr_array_index (report->visits, report->visits->len - 1))));

      g_string_append_printf (details,
                              g_dngettext (GETTEXT_PACKAGE, "%s – %s · %u visit", "%s – %s · %u visits",
                                           report->visits->len),
                              first, last, report->visits->len);
      g_string_append_c (details, '\n');
    }
  if (report->therapists != NULL && *report->therapists != '\0')
    g_string_append_printf (details, "%s: %s\n", _("Therapist"), report->therapists);
  {
    const PalpateVocabularyEntry *entries;
    guint n_entries;
    const char * const *conditions = palpate_client_get_conditions (client);
    g_autoptr(GString) list = g_string_new (NULL);

    entries = palpate_conditions_get (&n_entries);
    for (guint i = 0; conditions != NULL && conditions[i] != NULL; i++)
      g_string_append_printf (list, "%s%s", list->len ? ", " : "",
                              palpate_vocabulary_get_name (entries, n_entries, conditions[i]));
    if (list->len)
      g_string_append_printf (details, "%s: %s\n", _("Conditions"), list->str);
  }
  if (palpate_client_get_goals (client) != NULL && *palpate_client_get_goals (client) != '\0')
    g_string_append_printf (details, "%s: %s\n", _("Goals"), palpate_client_get_goals (client));

  if (details->len > 0)
    {
      g_autofree char *markup = NULL;

      g_strchomp (details->str);
      markup = g_markup_escape_text (details->str, -1);
      paragraph (flow, markup, BODY_SIZE);
    }
}

static void
draw_outcome (Flow *flow)
{
  PalpateReport *report = flow->report;
  int first = -1, latest = -1;
  guint n_rated = 0;
  g_autofree char *sentence = NULL;
  g_autofree char *markup = NULL;

  for (guint i = 0; i < report->summaries->len; i++)
    {
      int before = g_array_index (report->summaries, PalpateVisitSummary, i).pain_before;

      if (before < 0)
        continue;
      if (first < 0)
        first = before;
      latest = before;
      n_rated++;
    }

  heading (flow, _("Outcome"));
  if (report->visits->len == 0)
    sentence = g_strdup (_("No visits in this period, so there is no change to report."));
  else if (first < 0)
    sentence = g_strdup (_("Pain was not rated in this period."));
  else if (n_rated == 1)
    sentence = g_strdup_printf (_("Pain before treatment: %d of 10 (%s). No change to compare yet."),
                                first, palpate_pain_get_word (first));
  else
    {
      PalpateChange change = palpate_outcome_nrs_change (first, latest);
      const char *verdict = change == PALPATE_CHANGE_IMPROVED
        ? _("a meaningful improvement (a fall of at least 2 points or 30 %)")
        : change == PALPATE_CHANGE_WORSE
        ? _("a meaningful worsening (a rise of at least 2 points or 30 %)")
        : _("not yet a meaningful change (at least 2 points or 30 %)");

      /* Translators: "Pain before treatment went from 7 at the first visit to 3 at the latest: a meaningful improvement (…)." */
      sentence = g_strdup_printf (_("Pain before treatment went from %d at the first visit to %d at the latest: %s."),
                                  first, latest, verdict);
    }
  markup = g_markup_escape_text (sentence, -1);
  paragraph (flow, markup, BODY_SIZE + 0.5);
}

static void
draw_trend (Flow *flow)
{
  PalpateTrendStyle style;
  double width = flow->width - 2 * MARGIN;
  double height = 170;

  /* No visits, no chart: an empty axis says nothing. */
  if (flow->report->summaries->len == 0)
    return;

  heading_with (flow, _("Pain Before and After Each Visit"), height);
  need (flow, height);
  if (drawing (flow))
    {
      palpate_trend_style_init (&style, 8.5);
      cairo_save (flow->cr);
      cairo_translate (flow->cr, MARGIN, flow->y);
      palpate_trend_chart_render (flow->cr,
                                  (const PalpateVisitSummary *) (gpointer) flow->report->summaries->data,
                                  flow->report->summaries->len, &style, width, height);
      cairo_restore (flow->cr);
    }
  flow->y += height + 6;
}

static void
draw_psfs (Flow *flow)
{
  PalpateTrendStyle style;
  double width = flow->width - 2 * MARGIN;
  double height = 140;

  if (flow->report->psfs_series->len == 0)
    return;

  heading_with (flow, _("Everyday Activities (PSFS, 0 unable to 10 as before)"), height);
  need (flow, height);
  if (drawing (flow))
    {
      palpate_trend_style_init (&style, 8.5);
      cairo_save (flow->cr);
      cairo_translate (flow->cr, MARGIN, flow->y);
      palpate_psfs_chart_render (flow->cr,
                                 (const PalpatePsfsSeries *) (gpointer) flow->report->psfs_series->data,
                                 flow->report->psfs_series->len, &style, width, height);
      cairo_restore (flow->cr);
    }
  flow->y += height + 6;
}

static void
draw_outcome_measures (Flow *flow)
{
  PalpateReport *report = flow->report;
  const char *header[] = { _("Date"), _("Questionnaire"), _("Score"), _("Band") };
  const double widths[] = { 0.2, 0.35, 0.15, 0.3 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (report->outcomes->len == 0)
    return;

  heading (flow, _("Outcome Measures"));
  for (guint i = 0; i < report->outcomes->len; i++)
    {
      PalpateReportOutcome *outcome = &g_array_index (report->outcomes, PalpateReportOutcome, i);
      char **cells = g_new0 (char *, 5);

      cells[0] = format_date (outcome->when);
      cells[1] = g_strdup (outcome->instrument == PALPATE_INSTRUMENT_NDI
                           ? _("Neck Disability Index") : _("Oswestry Disability Index"));
      cells[2] = outcome->instrument == PALPATE_INSTRUMENT_NDI
                 ? g_strdup_printf ("%.0f / 50", outcome->score)
                 : g_strdup_printf ("%.0f %%", outcome->score);
      cells[3] = g_strdup (outcome->band);
      g_ptr_array_add (rows, cells);
    }
  table (flow, header, widths, 4, rows);
}

static void
draw_body_charts (Flow *flow)
{
  PalpateReport *report = flow->report;
  double width = flow->width - 2 * MARGIN;
  double chart_width = (width - 16) / 2;
  double chart_height = chart_width * 0.78;
  double legend_height = 58;

  if (report->visits->len == 0)
    return;

  heading_with (flow, report->visits->len > 1 ? _("Body Chart: First and Latest Visit")
                                              : _("Body Chart"),
                14 + chart_height + legend_height);
  need (flow, 14 + chart_height + legend_height);

  for (guint i = 0; i < (report->visits->len > 1 ? 2u : 1u); i++)
    {
      PalpateVisit *visit = i == 0 ? report->visits->pdata[0]
                                   : g_ptr_array_index (report->visits, report->visits->len - 1);
      g_autofree char *date = format_date (g_date_time_to_unix (palpate_visit_get_started_at (visit)));
      g_autofree char *caption = g_markup_printf_escaped ("<b>%s</b> · %s",
                                                          i == 0 ? _("First visit") : _("Latest visit"),
                                                          date);
      double x = MARGIN + i * (chart_width + 16);
      PalpateChartOptions options;

      draw_text (flow, caption, BODY_SIZE, x, flow->y, chart_width, 0.15);
      if (!drawing (flow))
        continue;

      palpate_chart_options_init (&options);
      options.views[0] = PALPATE_VIEW_ANTERIOR;
      options.views[1] = PALPATE_VIEW_POSTERIOR;
      options.n_views = 2;
      options.show_legend = FALSE;
      options.findings = G_LIST_MODEL (i == 0 ? report->first_findings : report->latest_findings);
      cairo_save (flow->cr);
      cairo_translate (flow->cr, x, flow->y + 14);
      cairo_set_source_rgb (flow->cr, 0.8, 0.8, 0.8);
      cairo_set_line_width (flow->cr, 0.5);
      cairo_rectangle (flow->cr, 0, 0, chart_width, chart_height);
      cairo_stroke (flow->cr);
      palpate_chart_render (flow->cr, palpate_atlas_get_default (), &options, chart_width, chart_height);
      cairo_restore (flow->cr);
    }
  flow->y += 14 + chart_height + 6;

  if (drawing (flow))
    {
      cairo_save (flow->cr);
      palpate_chart_render_legend (flow->cr, PALPATE_CHART_STYLE_CLINICAL, MARGIN, flow->y, width,
                                   legend_height);
      cairo_restore (flow->cr);
    }
  flow->y += legend_height + 4;
}

static void
draw_history (Flow *flow)
{
  PalpateReport *report = flow->report;
  const char *header[] = { _("Region"), _("Finding"), _("First found"), _("Latest") };
  const double widths[] = { 0.36, 0.22, 0.17, 0.25 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (report->history->len == 0)
    return;

  heading (flow, _("Findings Over Time"));
  for (guint i = 0; i < report->history->len; i++)
    {
      PalpateReportHistory *row = &g_array_index (report->history, PalpateReportHistory, i);
      g_autofree char *first = format_date (row->first_seen);
      g_autofree char *last = format_date (row->last_seen);
      char **cells = g_new0 (char *, 5);

      cells[0] = g_strdup (region_name (row->region_id));
      cells[1] = g_strdup (palpate_finding_kind_get_name (row->kind));
      cells[2] = g_strdup (first);
      cells[3] = g_strdup_printf ("%s, %s", palpate_finding_status_get_name (row->last_status), last);
      g_ptr_array_add (rows, cells);
    }
  table (flow, header, widths, 4, rows);
}

static void
draw_techniques (Flow *flow)
{
  PalpateReport *report = flow->report;
  const char *header[] = { _("Technique"), _("Sessions"), _("Minutes"), _("Average pain change") };
  const double widths[] = { 0.4, 0.15, 0.15, 0.3 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (report->techniques->len == 0)
    return;

  heading (flow, _("Techniques"));
  for (guint i = 0; i < report->techniques->len; i++)
    {
      PalpateReportTechnique *row = &g_array_index (report->techniques, PalpateReportTechnique, i);
      char **cells = g_new0 (char *, 5);

      cells[0] = g_strdup (row->technique);
      cells[1] = g_strdup_printf ("%d", row->sessions);
      cells[2] = g_strdup_printf ("%d", row->minutes);
      cells[3] = row->pain_change_n > 0
        ? g_strdup_printf ("%+.1f", (double) row->pain_change_sum / row->pain_change_n)
        : g_strdup ("—");
      g_ptr_array_add (rows, cells);
    }
  table (flow, header, widths, 4, rows);
}

static void
draw_visits (Flow *flow)
{
  PalpateReport *report = flow->report;
  const char *header[] = { _("Date"), _("Therapist"), _("Pain"), _("Techniques"), _("Status") };
  const double widths[] = { 0.16, 0.18, 0.11, 0.43, 0.12 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (report->visits->len == 0)
    return;

  heading (flow, _("Visits"));
  for (guint i = 0; i < report->visits->len; i++)
    {
      PalpateVisit *visit = report->visits->pdata[i];
      int before = palpate_visit_get_pain_before (visit);
      int after = palpate_visit_get_pain_after (visit);
      char **cells = g_new0 (char *, 6);

      cells[0] = format_date (g_date_time_to_unix (palpate_visit_get_started_at (visit)));
      cells[1] = g_strdup (palpate_visit_get_therapist_name (visit) ?: "");
      if (before >= 0 && after >= 0)
        cells[2] = g_strdup_printf ("%d → %d", before, after);
      else if (before >= 0)
        cells[2] = g_strdup_printf ("%d → –", before);
      else
        cells[2] = g_strdup ("–");
      cells[3] = g_strdup (report->visit_techniques->pdata[i]);
      cells[4] = g_strdup (palpate_visit_get_status (visit) == PALPATE_VISIT_SIGNED
                           ? _("Signed") : _("Draft"));
      g_ptr_array_add (rows, cells);
    }
  table (flow, header, widths, 5, rows);
}

static void
draw_signature (Flow *flow)
{
  g_autofree char *markup = NULL;
  double width = flow->width - 2 * MARGIN;

  need (flow, 80);
  flow->y += 36;
  if (drawing (flow))
    {
      cairo_set_source_rgb (flow->cr, 0.2, 0.2, 0.2);
      cairo_set_line_width (flow->cr, 0.7);
      cairo_move_to (flow->cr, MARGIN, flow->y);
      cairo_line_to (flow->cr, MARGIN + width * 0.55, flow->y);
      cairo_move_to (flow->cr, MARGIN + width * 0.65, flow->y);
      cairo_line_to (flow->cr, MARGIN + width, flow->y);
      cairo_stroke (flow->cr);
    }
  flow->y += 3;
  markup = g_markup_escape_text (_("Therapist’s signature"), -1);
  draw_text (flow, markup, 8, MARGIN, flow->y, width * 0.55, 0.35);
  g_free (markup);
  markup = g_markup_escape_text (_("Date"), -1);
  draw_text (flow, markup, 8, MARGIN + width * 0.65, flow->y, width * 0.35, 0.35);
  g_free (markup);
  flow->y += 18;
  markup = g_markup_escape_text (_("Made from the clinic’s records. Signed visit notes are never "
                                   "altered; corrections are dated amendments."), -1);
  paragraph (flow, markup, 7.5);
}

/* The take-home handout: the client's own words, large, nothing clinical. */
static void
run_client_flow (Flow *flow)
{
  PalpateReport *report = flow->report;
  PalpateClient *client = report->client;
  double width = flow->width - 2 * MARGIN;
  g_autofree char *first_name = g_strdup (palpate_client_get_name (client));
  g_autofree char *markup = NULL;
  g_autofree char *sentence = palpate_report_dup_client_sentence (report);
  const char *goals = palpate_client_get_goals (client);
  const char *home_care = NULL;
  char *space;

  if ((space = strchr (first_name, ' ')) != NULL)
    *space = '\0';

  markup = g_markup_printf_escaped ("<b>%s</b>\n<span size='smaller'>%s</span>",
                                    report->clinic_name ? report->clinic_name : "",
                                    report->made_on);
  draw_text (flow, markup, 11, MARGIN, flow->y, width, 0.3);
  flow->y += text_height (flow, markup, 11, width) + 16;
  g_free (markup);

  markup = g_markup_printf_escaped (_("<b>%s, here is your progress</b>"), first_name);
  paragraph (flow, markup, 22);
  g_free (markup);
  markup = g_markup_escape_text (sentence, -1);
  paragraph (flow, markup, 15);
  g_clear_pointer (&markup, g_free);
  flow->y += 8;

  if (report->summaries->len > 0)
    {
      PalpateTrendStyle style;
      double height = 230;

      heading_with (flow, _("Your Pain, Session by Session"), height);
      if (drawing (flow))
        {
          palpate_trend_style_init (&style, 12);
          style.plain_words = TRUE;
          cairo_save (flow->cr);
          cairo_translate (flow->cr, MARGIN, flow->y);
          palpate_trend_chart_render (flow->cr,
                                      (const PalpateVisitSummary *) (gpointer) report->summaries->data,
                                      report->summaries->len, &style, width, height);
          cairo_restore (flow->cr);
        }
      flow->y += height + 8;
    }

  if (report->visits->len > 0)
    {
      guint panels = report->visits->len > 1 ? 2 : 1;
      double panel = (width - 16 * (panels - 1)) / panels;
      double chart_height = 250;

      heading_with (flow, _("Where It Hurt: Then and Now"), 22 + chart_height);
      for (guint i = 0; i < panels; i++)
        {
          PalpateVisit *visit = i == 0 ? report->visits->pdata[0]
                                       : g_ptr_array_index (report->visits, report->visits->len - 1);
          g_autofree char *date = NULL;
          g_autofree char *caption = NULL;
          double x = MARGIN + i * (panel + 16);
          PalpateChartOptions options;

          {
            g_autoptr(GDateTime) local = g_date_time_to_local (palpate_visit_get_started_at (visit));

            date = g_date_time_format (local, "%-d %B %Y");
          }
          caption = g_markup_printf_escaped ("<b>%s</b> · %s",
                                             panels == 1 ? _("Your first session")
                                             : i == 0 ? _("Then") : _("Now"), date);
          draw_text (flow, caption, 12, x, flow->y, panel, 0.15);
          if (!drawing (flow))
            continue;

          palpate_chart_options_init (&options);
          options.style = PALPATE_CHART_STYLE_PLAIN;
          options.views[0] = PALPATE_VIEW_ANTERIOR;
          options.views[1] = PALPATE_VIEW_POSTERIOR;
          options.n_views = 2;
          options.findings = G_LIST_MODEL (i == 0 ? report->first_findings : report->latest_findings);
          cairo_save (flow->cr);
          cairo_translate (flow->cr, x, flow->y + 22);
          palpate_chart_render (flow->cr, palpate_atlas_get_default (), &options, panel, chart_height);
          cairo_restore (flow->cr);
        }
      flow->y += 22 + chart_height + 8;
    }

  if (goals != NULL && *goals != '\0')
    {
      heading (flow, _("Your Goals"));
      markup = g_markup_escape_text (goals, -1);
      paragraph (flow, markup, 13);
      g_clear_pointer (&markup, g_free);
    }

  if (report->psfs_series->len > 0)
    {
      heading (flow, _("Your Everyday Activities"));
      for (guint i = 0; i < report->psfs_series->len; i++)
        {
          PalpatePsfsSeries *series = &g_array_index (report->psfs_series, PalpatePsfsSeries, i);
          int first = series->points[0].rating;
          int latest = series->points[series->n_points - 1].rating;
          g_autofree char *line = series->n_points > 1
            ? g_strdup_printf (_("%s: from %d to %d out of 10 (10: as well as before)"),
                               series->name, first, latest)
            : g_strdup_printf (_("%s: %d out of 10 (10: as well as before)"), series->name, latest);

          markup = g_markup_escape_text (line, -1);
          paragraph (flow, markup, 13);
          g_clear_pointer (&markup, g_free);
        }
    }

  for (guint i = report->visits->len; i-- > 0 && home_care == NULL;)
    {
      PalpateVisit *visit = report->visits->pdata[i];

      if (palpate_visit_get_status (visit) == PALPATE_VISIT_SIGNED &&
          palpate_visit_get_home_care (visit) != NULL && *palpate_visit_get_home_care (visit))
        home_care = palpate_visit_get_home_care (visit);
    }
  if (home_care != NULL)
    {
      heading (flow, _("Your Home Care"));
      markup = g_markup_escape_text (home_care, -1);
      paragraph (flow, markup, 13);
      g_clear_pointer (&markup, g_free);
    }

  draw_footer (flow);
}

static void
run_flow (Flow *flow)
{
  if (flow->report->for_client)
    {
      flow->y = MARGIN;
      flow->page = 0;
      run_client_flow (flow);
      return;
    }

  flow->y = MARGIN;
  flow->page = 0;

  draw_header (flow);
  draw_outcome (flow);
  draw_trend (flow);
  draw_psfs (flow);
  draw_body_charts (flow);
  draw_history (flow);
  draw_techniques (flow);
  draw_outcome_measures (flow);
  draw_visits (flow);
  draw_signature (flow);
  draw_footer (flow);
}

int
palpate_report_count_pages (PalpateReport *report,
                            double         width,
                            double         height)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  Flow flow = { report, cr, width, height, 0, 0, MEASURE, 0 };

  run_flow (&flow);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return flow.page + 1;
}

/**
 * palpate_report_draw_page:
 * @page: from 0
 * @n_pages: what palpate_report_count_pages() said for this size, for the page numbers
 *
 * Draws one page, for the print dialog.
 */
void
palpate_report_draw_page (PalpateReport *report,
                          cairo_t       *cr,
                          double         width,
                          double         height,
                          int            page,
                          int            n_pages)
{
  Flow flow = { report, cr, width, height, 0, 0, page, n_pages };

  run_flow (&flow);
}

/**
 * palpate_report_write_pdf:
 *
 * Writes the whole report to a PDF at @path, under a temporary name first so that a failed
 * write never leaves half a report.
 */
gboolean
palpate_report_write_pdf (PalpateReport  *report,
                          PalpatePaper    paper,
                          const char     *path,
                          GError        **error)
{
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  cairo_surface_t *surface;
  cairo_status_t status;
  double width, height;
  Flow flow = { report, NULL, 0, 0, 0, 0, DRAW_ALL, 0 };

  palpate_paper_get_size (paper, &width, &height);
  flow.width = width;
  flow.height = height;
  flow.n_pages = palpate_report_count_pages (report, width, height);

  surface = cairo_pdf_surface_create (partial, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  report->for_client ? _("My Progress") : _("Progress Report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Palpate");
  flow.cr = cairo_create (surface);
  run_flow (&flow);
  cairo_show_page (flow.cr);
  cairo_destroy (flow.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS || g_rename (partial, path) != 0)
    {
      g_unlink (partial);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The report could not be written to “%s”: %s."), path,
                   status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status)
                                                  : g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}
