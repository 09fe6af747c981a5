/* palpate-report-outcome.c — the report's sections on how care went: the outcome in one sentence,
 * the pain trend, everyday activities, the treatment plan, the questionnaires and the techniques
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-report"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-outcome.h"
#include "palpate-pain.h"
#include "palpate-report-private.h"
#include "palpate-trend-chart.h"

/* The verdict on a change over care, by the rule and no stronger than the rule allows. */
static const char *
change_verdict (int first,
                int latest)
{
  switch (palpate_outcome_nrs_change (first, latest))
    {
    case PALPATE_CHANGE_IMPROVED:
      return _("a meaningful improvement by the rule below");
    case PALPATE_CHANGE_LOWER:
      return palpate_outcome_nrs_rule_applies (first)
             ? _("lower, but not a meaningful change by the rule below")
             : _("lower; from a first rating below 4 the rule below does not apply");
    case PALPATE_CHANGE_HIGHER:
      return _("higher than at the first visit");
    case PALPATE_CHANGE_NONE:
    default:
      return _("no change");
    }
}

void
palpate_report_draw_outcome (PalpateFlow *flow)
{
  PalpateReport *report = flow->report;
  int latest = -1;
  gint64 latest_when = 0;
  guint n_rated = 0, n_after = 0;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *markup = NULL;

  for (guint i = 0; i < report->summaries->len; i++)
    {
      const PalpateVisitSummary *visit = &g_array_index (report->summaries, PalpateVisitSummary, i);

      n_after += visit->pain_after >= 0;
      if (visit->pain_before < 0)
        continue;
      latest = visit->pain_before;
      latest_when = visit->started_at;
      n_rated++;
    }
  if (report->baseline_before_period && report->baseline >= 0)
    n_rated++;

  palpate_flow_heading (flow, _("Outcome"));
  if (report->visits->len == 0)
    g_string_append (text, _("No visits in this period, so there is no change to report."));
  else if (report->baseline < 0 && n_after > 0)
    g_string_append (text, _("Pain before treatment was not rated, so there is no change over "
                             "care to report. The chart shows the pain after treatment that "
                             "was rated."));
  else if (report->baseline < 0)
    g_string_append (text, _("Pain was not rated in this period."));
  else if (n_rated == 1)
    {
      g_autofree char *date = palpate_report_format_day (report->baseline_when);

      g_string_append_printf (text, _("Pain before treatment at the first rated visit of the course "
                                      "of care (%s, the baseline): %d of 10 (%s). No later rating "
                                      "to compare yet."),
                              date, report->baseline, palpate_pain_get_word (report->baseline));
    }
  else
    {
      g_autofree char *first_date = palpate_report_format_day (report->baseline_when);
      g_autofree char *latest_date = palpate_report_format_day (latest_when);

      /* Translators: "Pain before treatment went from 7 at the first rated visit of the course of
       * care (3 Mar 2025, the baseline) to 3 at the latest visit (2 Dec 2026): a meaningful
       * improvement by the rule below." */
      if (latest == report->baseline)
        g_string_append_printf (text, _("Pain before treatment was %d at the first rated visit of "
                                        "the course of care (%s, the baseline) and %d at the latest "
                                        "visit (%s): no change."),
                                report->baseline, first_date, latest, latest_date);
      else
        g_string_append_printf (text, _("Pain before treatment went from %d at the first rated "
                                        "visit of the course of care (%s, the baseline) to %d at "
                                        "the latest visit (%s): %s."),
                                report->baseline, first_date, latest, latest_date,
                                change_verdict (report->baseline, latest));
    }
  if (report->n_drafts > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "This counts %u unsigned draft, marked “Draft”.",
                                                 "This counts %u unsigned drafts, each marked "
                                                 "“Draft”.", report->n_drafts),
                              report->n_drafts);
    }
  for (guint i = 0; i < report->visits->len; i++)
    if (palpate_report_get_amendments (report, palpate_visit_get_id (report->visits->pdata[i])))
      {
        g_string_append_c (text, ' ');
        g_string_append (text, _("Some visits were amended afterwards: each amendment is printed "
                                 "under its visit in the table of visits; the figures here are "
                                 "as signed."));
        break;
      }
  if (report->self_ratings->len > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "The client also rated their own pain once on "
                                                 "the patient view; that is shown below as the "
                                                 "client’s own and not counted.",
                                                 "The client also rated their own pain %u times "
                                                 "on the patient view; those are shown below as "
                                                 "the client’s own and not counted.",
                                                 report->self_ratings->len),
                              report->self_ratings->len);
    }
  markup = g_markup_escape_text (text->str, -1);
  palpate_flow_paragraph (flow, markup, BODY_SIZE + 0.5);
  g_free (markup);
  markup = g_markup_escape_text (palpate_outcome_nrs_rule_text (), -1);
  palpate_flow_paragraph_at (flow, markup, BODY_SIZE - 1, 0, 0.35);
}

void
palpate_report_draw_trend (PalpateFlow *flow)
{
  PalpateTrendStyle style;
  double width = flow->width - 2 * MARGIN;
  double height = 170;

  /* No visits, no chart: an empty axis says nothing. */
  if (flow->report->summaries->len == 0)
    return;

  palpate_flow_heading_with (flow, _("Pain Before and After Each Visit"), height);
  palpate_flow_need (flow, height);
  if (palpate_flow_is_drawing (flow))
    {
      palpate_trend_style_init (&style, 8.5);
      if (flow->report->baseline_before_period)
        style.baseline = flow->report->baseline;
      cairo_save (flow->cr);
      cairo_translate (flow->cr, MARGIN, flow->y);
      palpate_trend_chart_render (flow->cr,
                                  (const PalpateVisitSummary *) (gpointer) flow->report->summaries->data,
                                  flow->report->summaries->len, &style, width, height);
      cairo_restore (flow->cr);
    }
  flow->y += height + 6;
}

void
palpate_report_draw_psfs (PalpateFlow *flow)
{
  PalpateTrendStyle style;
  double width = flow->width - 2 * MARGIN;
  double height;

  if (flow->report->psfs_series->len == 0)
    return;

  /* Room for the legend however long the activities' names, then the chart. */
  palpate_trend_style_init (&style, 8.5);
  height = 120 + palpate_psfs_legend_height (flow->cr,
                                             (const PalpatePsfsSeries *) (gpointer) flow->report->psfs_series->data,
                                             flow->report->psfs_series->len, &style, width);
  palpate_flow_heading_with (flow, _("Everyday Activities (PSFS, 0 unable to 10 as before)"),
                             height);
  palpate_flow_need (flow, height);
  if (palpate_flow_is_drawing (flow))
    {
      cairo_save (flow->cr);
      cairo_translate (flow->cr, MARGIN, flow->y);
      palpate_psfs_chart_render (flow->cr,
                                 (const PalpatePsfsSeries *) (gpointer) flow->report->psfs_series->data,
                                 flow->report->psfs_series->len, &style, width, height);
      cairo_restore (flow->cr);
    }
  flow->y += height + 6;
}

/* The treatment plan: each target with where the latest signed visit puts the client, the
 * sessions planned and done, the reassessment, the care planned, and the discharge. */
void
palpate_report_draw_plan (PalpateFlow *flow)
{
  PalpateReport *report = flow->report;
  PalpateTreatmentPlan *plan = report->plan;
  const PalpatePlanProgress *progress = &report->plan_progress;
  const char *header[] = { _("Plan"), _("Target"), _("Progress") };
  const double widths[] = { 0.4, 0.25, 0.35 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *frequency = NULL;
  g_autofree char *markup = NULL;
  PalpateTargetState state;
  char **cells;

  if (plan == NULL)
    return;

  state = palpate_treatment_plan_psfs_state (plan, progress->latest_psfs);
  if (state != PALPATE_TARGET_NOT_SET)
    {
      const char * const *activities = palpate_client_get_activities (report->client);
      const char *activity = activities != NULL &&
                             (guint) plan->psfs_position < g_strv_length ((char **) activities)
                             ? activities[plan->psfs_position] : "";

      cells = g_new0 (char *, 4);
      /* Translators: a PSFS activity as a treatment plan's target */
      cells[0] = g_strdup_printf (_("Activity: %s"), activity);
      cells[1] = g_strdup_printf (_("rated %d or more"), plan->psfs_target);
      cells[2] = palpate_treatment_plan_describe_progress (state, progress->latest_psfs);
      g_ptr_array_add (rows, cells);
    }
  state = palpate_treatment_plan_pain_state (plan, progress->latest_pain);
  if (state != PALPATE_TARGET_NOT_SET)
    {
      cells = g_new0 (char *, 4);
      cells[0] = g_strdup (_("Pain"));
      cells[1] = g_strdup_printf (_("below %d"), plan->pain_target);
      cells[2] = palpate_treatment_plan_describe_progress (state, progress->latest_pain);
      g_ptr_array_add (rows, cells);
    }
  frequency = palpate_treatment_plan_describe_frequency (plan);
  cells = g_new0 (char *, 4);
  cells[0] = g_strdup_printf (_("Sessions, %s"), frequency);
  cells[1] = g_strdup_printf (ngettext ("%d planned", "%d planned", plan->n_sessions),
                              plan->n_sessions);
  cells[2] = g_strdup_printf (ngettext ("%d done", "%d done", progress->sessions_done),
                              progress->sessions_done);
  g_ptr_array_add (rows, cells);
  if (g_date_valid (&plan->reassess_on))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      cells = g_new0 (char *, 4);
      cells[0] = g_strdup (_("Reassessment"));
      cells[1] = palpate_report_format_date (&plan->reassess_on);
      cells[2] = g_strdup (palpate_treatment_plan_reassessment_due (plan, &today)
                           ? _("Due") : palpate_treatment_plan_is_discharged (plan)
                           ? _("Not needed after discharge") : _("Not yet due"));
      g_ptr_array_add (rows, cells);
    }
  palpate_flow_table (flow, _("Treatment Plan"), header, widths, 3, rows);

  if (plan->techniques != NULL && *plan->techniques != '\0')
    g_string_append_printf (text, "%s: %s\n", _("Techniques planned"), plan->techniques);
  if (plan->home_care != NULL && *plan->home_care != '\0')
    g_string_append_printf (text, "%s: %s\n", _("Home care plan"), plan->home_care);
  if (palpate_treatment_plan_is_discharged (plan))
    {
      g_autofree char *day = palpate_report_format_date (&plan->discharged_on);

      /* Translators: "Discharged on 3 Dec 2026 (Goals met): Back to running." */
      g_string_append_printf (text, _("Discharged on %s (%s): %s"), day,
                              palpate_discharge_reason_get_name (plan->discharge_reason),
                              plan->discharge_summary);
    }
  if (text->len == 0)
    return;
  markup = g_markup_escape_text (text->str, -1);
  palpate_flow_paragraph (flow, markup, 9.5);
  flow->y += 6;
}

void
palpate_report_draw_outcome_measures (PalpateFlow *flow)
{
  PalpateReport *report = flow->report;
  const char *header[] = { _("Date"), _("Questionnaire"), _("Score"), _("Band") };
  const double widths[] = { 0.2, 0.35, 0.15, 0.3 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (report->outcomes->len == 0)
    return;

  for (guint i = 0; i < report->outcomes->len; i++)
    {
      PalpateReportOutcome *outcome = &g_array_index (report->outcomes, PalpateReportOutcome, i);
      char **cells = g_new0 (char *, 5);

      cells[0] = palpate_report_format_day (outcome->when);
      cells[1] = g_strdup (outcome->instrument == PALPATE_INSTRUMENT_NDI
                           ? _("Neck Disability Index") : _("Oswestry Disability Index"));
      cells[2] = outcome->instrument == PALPATE_INSTRUMENT_NDI
                 ? g_strdup_printf ("%.0f / 50", outcome->score)
                 : g_strdup_printf ("%.0f %%", outcome->score);
      cells[3] = g_strdup (outcome->band);
      g_ptr_array_add (rows, cells);
    }
  palpate_flow_table (flow, _("Outcome Measures"), header, widths, 4, rows);
}

void
palpate_report_draw_techniques (PalpateFlow *flow)
{
  PalpateReport *report = flow->report;
  const char *header[] = { _("Technique"), _("Sessions"), _("Minutes"), _("Average pain change") };
  const double widths[] = { 0.4, 0.15, 0.15, 0.3 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (report->techniques->len == 0)
    return;

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
  palpate_flow_table (flow, _("Techniques"), header, widths, 4, rows);
}
