/* palpate-report.c — a client's progress, read once: for the window, print and PDF
 *
 * The report reads what the client's progress needs from the store in a few queries: the
 * visits of the period with their ratings, the techniques by technique and by region, each
 * finding's course, the first and latest body charts, everyday activities, questionnaires and
 * amendments. It counts only the visits palpate_visit_selection_counts() counts: signed notes,
 * drafts when asked for; the client's own self-ratings are kept apart as theirs. The baseline
 * is the first rated visit of the whole course of care, even when the period starts later.
 * What is counted visit by visit is palpate-report-tally.c's. The client page and the patient
 * view show it; palpate-report-pages.c lays it out on pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-report"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-date.h"
#include "palpate-outcome.h"
#include "palpate-pain.h"
#include "palpate-report-private.h"

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
  g_free (report->audit_head);
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
  g_clear_pointer (&report->plan, palpate_treatment_plan_free);
  g_clear_pointer (&report->self_ratings, g_array_unref);
  g_clear_pointer (&report->client_places, g_ptr_array_unref);
  g_clear_pointer (&report->amendments, g_hash_table_unref);
  g_clear_pointer (&report->consents, g_ptr_array_unref);
  g_free (report->therapists);
  g_free (report->made_on);
  g_free (report);
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


/**
 * palpate_report_new:
 *
 * The report of signed notes: palpate_report_new_full() with %PALPATE_VISITS_SIGNED.
 */
PalpateReport *
palpate_report_new (PalpateStore  *store,
                    gint64         client_id,
                    GDate         *from,
                    GDate         *to,
                    GError       **error)
{
  return palpate_report_new_full (store, client_id, from, to, PALPATE_VISITS_SIGNED, error);
}

/**
 * palpate_report_new_full:
 * @from: (nullable): the first day of the period, or %NULL for the start of care
 * @to: (nullable): the last day of the period, or %NULL for today
 * @selection: which visits count: signed notes, or drafts too (then marked)
 *
 * Reads everything the report of @client_id shows.
 */
PalpateReport *
palpate_report_new_full (PalpateStore          *store,
                         gint64                 client_id,
                         GDate                 *from,
                         GDate                 *to,
                         PalpateVisitSelection  selection,
                         GError               **error)
{
  g_autoptr(PalpateReport) report = g_new0 (PalpateReport, 1);
  g_autoptr(GPtrArray) all_visits = NULL;
  g_autoptr(GArray) all_summaries = NULL;
  g_autoptr(GPtrArray) all_applied = NULL;
  g_autoptr(GPtrArray) all_findings = NULL;
  g_autoptr(GHashTable) applied_by_visit = NULL;
  g_autoptr(GHashTable) findings_by_visit = NULL;
  g_autoptr(GHashTable) summary_by_visit = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_auto(PalpateReportIndexes) indexes = {
    .techniques = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .by_region = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    .history = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  g_autoptr(GPtrArray) therapist_names = g_ptr_array_new ();
  g_autoptr(GHashTable) in_report = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) all_amendments = NULL;

  g_return_val_if_fail (PALPATE_IS_STORE (store), NULL);

  g_date_clear (&report->from, 1);
  g_date_clear (&report->to, 1);
  if (from != NULL && g_date_valid (from))
    report->from = *from;
  if (to != NULL && g_date_valid (to))
    report->to = *to;
  if (g_date_valid (&report->from) && g_date_valid (&report->to) &&
      g_date_compare (&report->from, &report->to) > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The period ends before it begins: give the earlier day first."));
      return NULL;
    }
  report->selection = selection;
  report->baseline = -1;
  report->self_ratings = g_array_new (FALSE, FALSE, sizeof (PalpateReportSelfRating));
  report->client_places = g_ptr_array_new_with_free_func (g_free);
  report->amendments = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);

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
  {
    g_autofree char *hash = NULL;
    gint64 n_entries = 0;

    /* The head of the audit chain as this report was made: a later copy of the clinic that
     * no longer holds it was cut short or rewritten. Without one, the foot says nothing. */
    if (palpate_store_get_audit_head (store, &n_entries, &hash, NULL))
      {
        g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, n_entries);

        /* Translators: the audit log's head, "1204 entries · 3fa9c01b22de" */
        report->audit_head = g_strdup_printf (_("%s entries · %s"), count, hash);
      }
  }
  report->clinic_address = palpate_store_dup_setting (store, "clinic-address");
  report->clinic_phone = palpate_store_dup_setting (store, "clinic-phone");
  report->made_on = palpate_format_day_long (now);
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
  /* Another therapist's notes, when the clinic keeps them to their own therapist. */
  palpate_store_keep_readable_notes (store, all_visits, all_summaries, all_findings,
                                     all_applied);
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
      gboolean clients_own = palpate_visit_selection_is_clients_own (palpate_visit_get_reported_by_client (visit));
      gboolean after_start = !g_date_valid (&report->from) ||
                             in_period (palpate_visit_get_started_at (visit), &report->from, NULL);
      gboolean before_end = in_period (palpate_visit_get_started_at (visit), NULL, &report->to);
      gint64 started = g_date_time_to_unix (palpate_visit_get_started_at (visit));
      char *places;

      /* The client's own rating: theirs, shown apart, never a visit's outcome. */
      if (clients_own)
        {
          if (after_start && before_end && palpate_visit_get_pain_before (visit) >= 0)
            {
              PalpateReportSelfRating rating = { started, palpate_visit_get_pain_before (visit) };

              g_array_append_val (report->self_ratings, rating);
            }
          continue;
        }

      if (!palpate_visit_selection_counts (selection, palpate_visit_get_status (visit), FALSE) ||
          !before_end)
        continue;

      /* The baseline is the course of care's first rated visit, wherever the period starts. */
      if (report->baseline < 0 && palpate_visit_get_pain_before (visit) >= 0)
        {
          report->baseline = palpate_visit_get_pain_before (visit);
          report->baseline_when = started;
          report->baseline_before_period = !after_start;
        }

      if (!after_start)
        continue;

      if (summary != NULL)
        g_array_append_vals (report->summaries, summary, 1);
      g_ptr_array_add (report->visits, g_object_ref (visit));
      if (palpate_visit_get_status (visit) == PALPATE_VISIT_DRAFT)
        report->n_drafts++;
      if (therapist != NULL && !g_ptr_array_find_with_equal_func (therapist_names, therapist,
                                                                 g_str_equal, NULL))
        g_ptr_array_add (therapist_names, (gpointer) therapist);

      g_ptr_array_add (report->visit_techniques,
                       palpate_report_count_techniques (report, &indexes, visit, applied));

      if (report->visits->len == 1)
        palpate_report_add_therapist_findings (report->first_findings, findings);
      g_list_store_remove_all (report->latest_findings);
      palpate_report_add_therapist_findings (report->latest_findings, findings);
      for (guint f = 0; findings != NULL && f < findings->len; f++)
        if (!palpate_finding_get_reported_by_client (findings->pdata[f]))
          palpate_report_add_history (report, indexes.history, findings->pdata[f], started);
      if ((places = palpate_report_dup_client_places (visit, findings)) != NULL)
        g_ptr_array_add (report->client_places, places);
    }

  /* Amendments, beside the visits of the report they correct. */
  all_amendments = palpate_store_list_client_amendments (store, client_id, error);
  if (all_amendments == NULL)
    return NULL;
  for (guint i = 0; i < report->visits->len; i++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = palpate_visit_get_id (report->visits->pdata[i]);
      g_hash_table_insert (report->amendments, id, g_ptr_array_new_with_free_func (g_object_unref));
    }
  for (guint i = 0; i < all_amendments->len; i++)
    {
      gint64 visit_id = palpate_amendment_get_visit_id (all_amendments->pdata[i]);
      GPtrArray *list = g_hash_table_lookup (report->amendments, &visit_id);

      if (list != NULL)
        g_ptr_array_add (list, g_object_ref (all_amendments->pdata[i]));
    }

  /* The consents and refusals on file, with their signatures. */
  report->consents = palpate_store_list_consents (store, client_id, error);
  if (report->consents == NULL)
    return NULL;

  /* PSFS: a line per activity, at the visits of the period that rated it. */
  for (guint i = 0; i < report->summaries->len; i++)
    g_hash_table_insert (in_report, &g_array_index (report->summaries, PalpateVisitSummary, i).id,
                         &g_array_index (report->summaries, PalpateVisitSummary, i).started_at);
  if (!palpate_report_read_psfs (report, store, client_id, in_report, error))
    return NULL;

  /* The treatment plan as it stands, and where the signed visits put the client against it. */
  report->plan = palpate_store_get_treatment_plan (store, client_id, error);
  if ((report->plan == NULL && error != NULL && *error != NULL) ||
      (report->plan != NULL &&
       !palpate_store_read_plan_progress (store, report->plan, &report->plan_progress, error)))
    return NULL;

  /* The questionnaires, scored and banded. */
  if (!palpate_report_read_outcomes (report, store, client_id, in_report, error))
    return NULL;

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

PalpateVisitSelection
palpate_report_get_selection (PalpateReport *report)
{
  return report->selection;
}

/**
 * palpate_report_get_baseline:
 * @when: (out) (optional): when it was rated
 * @before_period: (out) (optional): whether that visit comes before the report's period
 *
 * Returns: pain before treatment at the first rated visit of the course of care, or -1
 */
int
palpate_report_get_baseline (PalpateReport *report,
                             gint64        *when,
                             gboolean      *before_period)
{
  if (when != NULL)
    *when = report->baseline_when;
  if (before_period != NULL)
    *before_period = report->baseline_before_period;
  return report->baseline;
}

const PalpateReportSelfRating *
palpate_report_get_self_ratings (PalpateReport *report,
                                 guint         *n)
{
  *n = report->self_ratings->len;
  return (const PalpateReportSelfRating *) (gpointer) report->self_ratings->data;
}

/**
 * palpate_report_get_amendments:
 *
 * Returns: (transfer none) (nullable) (element-type PalpateAmendment): the amendments of a
 *   visit of the report, oldest first
 */
GPtrArray *
palpate_report_get_amendments (PalpateReport *report,
                               gint64         visit_id)
{
  GPtrArray *list = g_hash_table_lookup (report->amendments, &visit_id);

  return list != NULL && list->len > 0 ? list : NULL;
}

/**
 * palpate_report_has_visit_between:
 * @from: seconds since 1970
 * @to: seconds since 1970, excluded
 *
 * Whether the report counts a visit in that time: a month's batch leaves out the clients whose
 * only visits of the month it does not count (a draft, a self-rating).
 */
gboolean
palpate_report_has_visit_between (PalpateReport *report,
                                  gint64         from,
                                  gint64         to)
{
  for (guint i = 0; i < report->visits->len; i++)
    {
      gint64 when = g_date_time_to_unix (palpate_visit_get_started_at (report->visits->pdata[i]));

      if (when >= from && when < to)
        return TRUE;
    }

  return FALSE;
}

/**
 * palpate_report_set_month:
 *
 * Says on the report which month's batch it was made for.
 */
void
palpate_report_set_month (PalpateReport *report,
                          int            year,
                          int            month)
{
  report->month_year = year;
  report->month = month;
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

  return palpate_format_month (date);
}

/**
 * palpate_report_dup_client_sentence:
 *
 * The client's progress in one sentence, for the client: "Your pain before sessions went from
 * 7 to 3 since March 2026." It compares the same visits as the physician's report: the first
 * rated visit of the course of care with the latest of the period, and calls a change a real
 * improvement only where the rule of a meaningful change holds.
 */
char *
palpate_report_dup_client_sentence (PalpateReport *report)
{
  const PalpateVisitSummary *visits;
  const PalpateVisitSummary *latest = NULL;
  guint n, n_rated = 0;
  int lowest = 11, highest = -1;
  int first = report->baseline;
  g_autofree char *since = NULL;

  visits = palpate_report_get_summaries (report, &n);
  for (guint i = 0; i < n; i++)
    if (visits[i].pain_before >= 0)
      {
        latest = &visits[i];
        lowest = MIN (lowest, visits[i].pain_before);
        highest = MAX (highest, visits[i].pain_before);
        n_rated++;
      }
  if (report->baseline_before_period && first >= 0)
    {
      n_rated++;
      lowest = MIN (lowest, first);
      highest = MAX (highest, first);
    }

  if (n == 0 && report->baseline >= 0)
    return g_strdup (_("You had no sessions in this period."));
  if (n == 0)
    return g_strdup (_("Your progress will show here after your first session."));
  if (n_rated == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "You have had %u session. Your pain before it was not "
                                         "rated, so there is no change to show yet.",
                                         "You have had %u sessions. Your pain before them was "
                                         "not rated, so there is no change to show yet.", n),
                            n);
  if (n_rated == 1)
    return g_strdup_printf (_("Before your first session, your pain was %d out of 10: %s."),
                            first, palpate_pain_get_word (first));

  since = month_and_year (report->baseline_when);
  switch (palpate_outcome_nrs_change (first, latest->pain_before))
    {
    case PALPATE_CHANGE_IMPROVED:
      return g_strdup_printf (_("Your pain before sessions went from %d to %d since %s. That is a "
                                "real improvement."),
                              first, latest->pain_before, since);
    case PALPATE_CHANGE_LOWER:
      return g_strdup_printf (_("Your pain before sessions went from %d to %d since %s."),
                              first, latest->pain_before, since);
    case PALPATE_CHANGE_HIGHER:
      return g_strdup_printf (_("Your pain before sessions went from %d to %d since %s. Your "
                                "therapist will talk it through with you."),
                              first, latest->pain_before, since);
    case PALPATE_CHANGE_NONE:
    default:
      if (lowest == highest)
        return g_strdup_printf (_("Your pain before sessions has stayed at %d out of 10 since %s."),
                                first, since);
      return g_strdup_printf (_("Your pain before sessions was %d out of 10 in %s and %d at your "
                                "latest session; in between it went from %d to %d."),
                              first, since, latest->pain_before, lowest, highest);
    }
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
