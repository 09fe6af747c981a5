/* palpate-report-tally.c — what a report counts and gathers from the client's history
 *
 * Visit by visit, the report tallies the techniques (by technique and by technique on a region,
 * each a session at most once a visit), follows each finding's course from the visit it was
 * first charted to its latest status, and keeps apart the places the client marked themselves.
 * Over the period it draws a line per everyday activity (PSFS) and scores the questionnaires.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-report"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-atlas.h"
#include "palpate-date.h"
#include "palpate-outcome.h"
#include "palpate-report-private.h"

void
palpate_report_indexes_clear (PalpateReportIndexes *indexes)
{
  g_clear_pointer (&indexes->techniques, g_hash_table_unref);
  g_clear_pointer (&indexes->by_region, g_hash_table_unref);
  g_clear_pointer (&indexes->history, g_hash_table_unref);
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
char *
palpate_report_count_techniques (PalpateReport        *report,
                                 PalpateReportIndexes *indexes,
                                 PalpateVisit         *visit,
                                 GPtrArray            *applied)
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
void
palpate_report_add_history (PalpateReport  *report,
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

/* "3 Dec 2026: right upper trapezius, left gluteus medius": where the client marked pain. */
char *
palpate_report_dup_client_places (PalpateVisit *visit,
                                  GPtrArray    *findings)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *date = palpate_format_day (palpate_visit_get_started_at (visit));

  for (guint f = 0; findings != NULL && f < findings->len; f++)
    {
      PalpateFinding *finding = findings->pdata[f];
      const char *id = palpate_finding_get_region_id (finding);
      const PalpateRegion *region = id ? palpate_atlas_lookup_region (palpate_atlas_get_default (),
                                                                      id) : NULL;

      if (!palpate_finding_get_reported_by_client (finding))
        continue;
      g_string_append_printf (line, "%s%s", line->len ? ", " : "",
                              region ? palpate_region_get_name (region) : _("an unnamed place"));
    }

  if (line->len == 0)
    return NULL;
  g_string_prepend (line, ": ");
  g_string_prepend (line, date);
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* The therapist's findings of a visit, without the places the client marked themselves. */
void
palpate_report_add_therapist_findings (GListStore *store,
                                       GPtrArray  *findings)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    if (!palpate_finding_get_reported_by_client (findings->pdata[i]))
      g_list_store_append (store, findings->pdata[i]);
}

/* PSFS: a line per activity, at the visits of the period that rated it (@in_report: the
 * period's visit ids, each to its start). */
gboolean
palpate_report_read_psfs (PalpateReport  *report,
                          PalpateStore   *store,
                          gint64          client_id,
                          GHashTable     *in_report,
                          GError        **error)
{
  const char * const *activities = palpate_client_get_activities (report->client);
  g_autoptr(GArray) ratings = NULL;
  g_autoptr(GArray) activity_ids = NULL;

  ratings = palpate_store_list_psfs_ratings (store, client_id, error);
  if (ratings == NULL)
    return FALSE;
  activity_ids = palpate_store_list_activity_ids (store, client_id, error);
  if (activity_ids == NULL)
    return FALSE;

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

  return TRUE;
}

/* The questionnaires of the period's visits, scored and banded. */
gboolean
palpate_report_read_outcomes (PalpateReport  *report,
                              PalpateStore   *store,
                              gint64          client_id,
                              GHashTable     *in_report,
                              GError        **error)
{
  g_autoptr(GArray) outcomes = palpate_store_list_outcomes (store, client_id, error);

  if (outcomes == NULL)
    return FALSE;

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

  return TRUE;
}
