/* palpate-report-handout.c — the client's take-home "My progress": their own words, large,
 * nothing clinical
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-chart.h"
#include "palpate-date.h"
#include "palpate-report-private.h"
#include "palpate-trend-chart.h"

/* "Then · 3 October 2025": what heads the body chart of the first or the latest visit. */
static char *
body_chart_caption (PalpateReport *report,
                    gboolean       first)
{
  PalpateVisit *visit = report->visits->pdata[first ? 0 : report->visits->len - 1];
  g_autofree char *date = palpate_format_day_long (palpate_visit_get_started_at (visit));
  const char *label = report->visits->len == 1 ? _("Your first session")
                    : first ? _("Then") : _("Now");

  return g_markup_printf_escaped ("<b>%s</b> · %s%s", label, date,
                                  palpate_visit_get_status (visit) == PALPATE_VISIT_DRAFT
                                  ? _(" · not yet signed") : "");
}

/* The take-home handout: the client's own words, large, nothing clinical. */
void
palpate_report_draw_handout (PalpateFlow *flow)
{
  PalpateReport *report = flow->report;
  PalpateClient *client = report->client;
  double width = flow->width - 2 * MARGIN;
  g_autofree char *first_name = g_strdup (palpate_client_get_name (client));
  g_autofree char *isolated = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *sentence = palpate_report_dup_client_sentence (report);
  const char *goals = palpate_client_get_goals (client);
  const char *home_care = NULL;
  gboolean home_care_draft = FALSE;
  char *space;

  if ((space = strchr (first_name, ' ')) != NULL)
    *space = '\0';

  markup = g_markup_printf_escaped ("<b>%s</b>\n<span size='smaller'>%s</span>",
                                    report->clinic_name ? report->clinic_name : "",
                                    report->made_on);
  palpate_flow_draw_text (flow, markup, 11, MARGIN, flow->y, width, 0.3);
  flow->y += palpate_flow_text_height (flow, markup, 11, width) + 4;
  g_free (markup);
  {
    g_autofree char *period = palpate_report_dup_period (report);

    markup = g_markup_escape_text (period, -1);
    palpate_flow_paragraph_at (flow, markup, 9, 0, 0.4);
    g_clear_pointer (&markup, g_free);
    /* Who treated the client, by name. */
    if (report->therapists != NULL && *report->therapists != '\0')
      {
        g_autofree char *treating = g_strdup_printf (_("Your therapist: %s"), report->therapists);

        markup = g_markup_escape_text (treating, -1);
        palpate_flow_paragraph_at (flow, markup, 9, 0, 0.4);
        g_clear_pointer (&markup, g_free);
      }
    flow->y += 8;
  }

  /* The name isolated (FSI … PDI), so that a right-to-left name keeps the sentence in order. */
  isolated = g_strdup_printf ("\u2068%s\u2069", first_name);
  markup = g_markup_printf_escaped (_("<b>%s, here is your progress</b>"), isolated);
  palpate_flow_paragraph (flow, markup, 22);
  g_free (markup);
  markup = g_markup_escape_text (sentence, -1);
  palpate_flow_paragraph (flow, markup, 15);
  g_clear_pointer (&markup, g_free);
  flow->y += 8;

  if (report->summaries->len > 0)
    {
      PalpateTrendStyle style;
      double height = 230;

      palpate_flow_heading_with (flow, _("Your Pain, Session by Session"), height);
      if (palpate_flow_is_drawing (flow))
        {
          palpate_trend_style_init (&style, 12);
          style.plain_words = TRUE;
          if (report->baseline_before_period)
            style.baseline = report->baseline;
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
      double caption_height = 22;
      double chart_height = 250;

      palpate_flow_heading_with (flow, _("Where It Hurt: Then and Now"),
                                 caption_height + chart_height);
      if (palpate_flow_is_drawing (flow))
        {
          g_autofree char *then = body_chart_caption (report, TRUE);
          g_autofree char *now = panels > 1 ? body_chart_caption (report, FALSE) : NULL;
          PalpateChartPair pair;

          palpate_chart_pair_init (&pair);
          pair.style = PALPATE_CHART_STYLE_PLAIN;
          pair.findings[0] = G_LIST_MODEL (report->first_findings);
          pair.findings[1] = G_LIST_MODEL (report->latest_findings);
          pair.captions[0] = then;
          pair.captions[1] = now;
          pair.n_panels = panels;
          pair.caption_size = 12;
          pair.caption_height = caption_height;
          pair.gap = 16;
          cairo_save (flow->cr);
          cairo_translate (flow->cr, MARGIN, flow->y);
          palpate_chart_render_pair_full (flow->cr, palpate_atlas_get_default (), &pair, width,
                                          caption_height + chart_height);
          cairo_restore (flow->cr);
        }
      flow->y += caption_height + chart_height + 8;
    }

  if (goals != NULL && *goals != '\0')
    {
      palpate_flow_heading (flow, _("Your Goals"));
      markup = g_markup_escape_text (goals, -1);
      palpate_flow_paragraph (flow, markup, 13);
      g_clear_pointer (&markup, g_free);
    }

  if (report->psfs_series->len > 0)
    {
      palpate_flow_heading (flow, _("Your Everyday Activities"));
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
          palpate_flow_paragraph (flow, markup, 13);
          g_clear_pointer (&markup, g_free);
        }
    }

  if (report->client_places->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      palpate_flow_heading (flow, _("Where You Said It Hurt"));
      for (guint i = 0; i < report->client_places->len; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "",
                                (const char *) report->client_places->pdata[i]);
      g_string_append_printf (text, "\n%s", _("These are your own marks, kept as you made them."));
      markup = g_markup_escape_text (text->str, -1);
      palpate_flow_paragraph (flow, markup, 13);
      g_clear_pointer (&markup, g_free);
    }

  /* Home care from the same visits as everything above: the latest that gave some. */
  for (guint i = report->visits->len; i-- > 0 && home_care == NULL;)
    {
      PalpateVisit *visit = report->visits->pdata[i];

      if (palpate_visit_get_home_care (visit) != NULL && *palpate_visit_get_home_care (visit))
        {
          home_care = palpate_visit_get_home_care (visit);
          home_care_draft = palpate_visit_get_status (visit) == PALPATE_VISIT_DRAFT;
        }
    }
  if (home_care != NULL)
    {
      palpate_flow_heading (flow, home_care_draft ? _("Your Home Care (not yet signed)")
                                                  : _("Your Home Care"));
      markup = g_markup_escape_text (home_care, -1);
      palpate_flow_paragraph (flow, markup, 13);
      g_clear_pointer (&markup, g_free);
    }

  palpate_flow_draw_footer (flow);
}
