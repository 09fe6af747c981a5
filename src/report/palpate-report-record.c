/* palpate-report-record.c — the report's sections from the record: the body charts of the first
 * and the latest visit, each finding's history, the visits with their amendments, the consents
 * on file and what the client reported themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-report"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-atlas.h"
#include "palpate-chart.h"
#include "palpate-date.h"
#include "palpate-report-private.h"
#include "palpate-signature.h"

#define CONSENT_SIGNATURE_WIDTH 110.0
#define CONSENT_ROW_HEIGHT 30.0

/* "First visit · 3 Mar 2025": what heads the body chart of the first or the latest visit. */
static char *
body_chart_caption (PalpateReport *report,
                    gboolean       first)
{
  PalpateVisit *visit = report->visits->pdata[first ? 0 : report->visits->len - 1];
  g_autofree char *date = palpate_format_day (palpate_visit_get_started_at (visit));
  const char *label = !first ? _("Latest visit")
                    : g_date_valid (&report->from) ? _("First visit of the period")
                    : _("First visit");

  return g_markup_printf_escaped ("<b>%s</b> · %s%s", label, date,
                                  palpate_visit_get_status (visit) == PALPATE_VISIT_DRAFT
                                  ? _(" · Draft") : "");
}

/* The body charts of the first and the latest visit side by side, framed, with one legend
 * under both. */
void
palpate_report_draw_body_charts (PalpateFlow *flow)
{
  PalpateReport *report = flow->report;
  double width = flow->width - 2 * MARGIN;
  double chart_width = (width - 16) / 2;
  double chart_height = chart_width * 0.78;
  double caption_height = 14;
  double legend_height = 58;
  guint n_panels = report->visits->len > 1 ? 2 : 1;

  if (report->visits->len == 0)
    return;

  palpate_flow_heading_with (flow, report->visits->len > 1 ? _("Body Chart: First and Latest Visit")
                                                           : _("Body Chart"),
                             caption_height + chart_height + legend_height);
  palpate_flow_need (flow, caption_height + chart_height + legend_height);

  if (palpate_flow_is_drawing (flow))
    {
      g_autofree char *first = body_chart_caption (report, TRUE);
      g_autofree char *latest = n_panels > 1 ? body_chart_caption (report, FALSE) : NULL;
      PalpateChartPair pair;

      palpate_chart_pair_init (&pair);
      pair.findings[0] = G_LIST_MODEL (report->first_findings);
      pair.findings[1] = G_LIST_MODEL (report->latest_findings);
      pair.captions[0] = first;
      pair.captions[1] = latest;
      pair.n_panels = n_panels;
      pair.caption_size = BODY_SIZE;
      pair.caption_height = caption_height;
      pair.gap = 16;
      pair.framed = TRUE;
      pair.show_legend = FALSE;
      cairo_save (flow->cr);
      cairo_translate (flow->cr, MARGIN, flow->y);
      palpate_chart_render_pair_full (flow->cr, palpate_atlas_get_default (), &pair,
                                      n_panels * chart_width + (n_panels - 1) * pair.gap,
                                      caption_height + chart_height);
      cairo_restore (flow->cr);
    }
  flow->y += caption_height + chart_height + 6;

  if (palpate_flow_is_drawing (flow))
    {
      cairo_save (flow->cr);
      palpate_chart_render_legend (flow->cr, PALPATE_CHART_STYLE_CLINICAL, MARGIN, flow->y, width,
                                   legend_height);
      cairo_restore (flow->cr);
    }
  flow->y += legend_height + 4;
}

void
palpate_report_draw_history (PalpateFlow *flow)
{
  PalpateReport *report = flow->report;
  const char *header[] = { _("Region"), _("Finding"), _("First found"), _("Latest") };
  const double widths[] = { 0.36, 0.22, 0.17, 0.25 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (report->history->len == 0)
    return;

  for (guint i = 0; i < report->history->len; i++)
    {
      PalpateReportHistory *row = &g_array_index (report->history, PalpateReportHistory, i);
      g_autofree char *first = palpate_report_format_day (row->first_seen);
      g_autofree char *last = palpate_report_format_day (row->last_seen);
      char **cells = g_new0 (char *, 5);

      cells[0] = g_strdup (palpate_region_name_for_id (row->region_id));
      cells[1] = g_strdup (palpate_finding_kind_get_name (row->kind));
      cells[2] = g_strdup (first);
      cells[3] = g_strdup_printf ("%s, %s", palpate_finding_status_get_name (row->last_status), last);
      g_ptr_array_add (rows, cells);
    }
  palpate_flow_table (flow, _("Findings Over Time"), header, widths, 4, rows);
}

/* Whether another visit of the report falls on the same day as visit @i: then rows show times. */
static gboolean
shares_day (PalpateReport *report,
            guint          i)
{
  GDateTime *when = palpate_visit_get_started_at (report->visits->pdata[i]);

  for (guint j = i > 0 ? i - 1 : i + 1; j <= i + 1 && j < report->visits->len; j += 2)
    {
      GDateTime *other = palpate_visit_get_started_at (report->visits->pdata[j]);
      g_autoptr(GDateTime) a = g_date_time_to_local (when);
      g_autoptr(GDateTime) b = g_date_time_to_local (other);

      if (g_date_time_get_year (a) == g_date_time_get_year (b) &&
          g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b))
        return TRUE;
    }

  return FALSE;
}

/* The amendments of a visit, each marked, dated and signed, in full. */
static char *
amendments_markup (PalpateReport *report,
                   PalpateVisit  *visit)
{
  GPtrArray *amendments = palpate_report_get_amendments (report, palpate_visit_get_id (visit));
  g_autoptr(GString) markup = NULL;

  if (amendments == NULL)
    return NULL;

  markup = g_string_new (NULL);
  for (guint a = 0; a < amendments->len; a++)
    {
      PalpateAmendment *amendment = amendments->pdata[a];
      GDateTime *created = palpate_amendment_get_created_at (amendment);
      g_autofree char *date = palpate_format_day_time (created);
      /* Translators: above an amendment's text in a report, "Amended 4 December 2026, 10:12 by
       * Maria Rossi" */
      g_autofree char *label = g_strdup_printf (_("Amended %s by %s"), date,
                                                palpate_amendment_get_author (amendment));
      PalpateNotePart part = palpate_amendment_get_part (amendment);
      const char *reason = palpate_amendment_get_reason (amendment);
      g_autofree char *entry = NULL;

      if (part == PALPATE_NOTE_PART_NONE)
        entry = g_markup_printf_escaped ("%s<b>▶ %s:</b> %s", a > 0 ? "\n" : "", label,
                                         palpate_amendment_get_text (amendment));
      else
        /* Translators: a correction of one part of a signed note in a report: "▶ Amended 4
         * December 2026, 10:12 by Maria Rossi — Objective", then what it read before (struck
         * through, still readable) and the correction */
        entry = g_markup_printf_escaped ("%s<b>▶ %s — %s</b>\n%s <s>%s</s>\n%s %s",
                                         a > 0 ? "\n" : "", label,
                                         palpate_note_part_get_name (part), _("Before:"),
                                         palpate_amendment_get_original (amendment) != NULL
                                         ? palpate_amendment_get_original (amendment) : "",
                                         _("Corrected:"), palpate_amendment_get_text (amendment));
      g_string_append (markup, entry);
      if (reason != NULL && *reason != '\0')
        {
          g_autofree char *because = g_markup_printf_escaped ("\n<i>%s %s</i>", _("Reason:"),
                                                              reason);

          g_string_append (markup, because);
        }
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

void
palpate_report_draw_visits (PalpateFlow *flow,
                            double       keep_with_last)
{
  PalpateReport *report = flow->report;
  const char *header[] = { _("Date"), _("Therapist"), _("Pain before → after"), _("Techniques"),
                           _("Status") };
  const double widths[] = { 0.17, 0.18, 0.13, 0.38, 0.14 };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (report->visits->len == 0)
    return;

  for (guint i = 0; i < report->visits->len; i++)
    {
      PalpateVisit *visit = report->visits->pdata[i];
      gint64 started = g_date_time_to_unix (palpate_visit_get_started_at (visit));
      int before = palpate_visit_get_pain_before (visit);
      int after = palpate_visit_get_pain_after (visit);
      g_autofree char *before_text = before >= 0 ? g_strdup_printf ("%d", before) : g_strdup ("–");
      g_autofree char *after_text = after >= 0 ? g_strdup_printf ("%d", after) : g_strdup ("–");
      gboolean amended = palpate_report_get_amendments (report, palpate_visit_get_id (visit)) != NULL;
      char **cells = g_new0 (char *, 7);

      cells[0] = shares_day (report, i) ? palpate_report_format_day_time (started)
                                        : palpate_report_format_day (started);
      cells[1] = g_strdup (palpate_visit_get_therapist_name (visit) ?: "");
      cells[2] = before < 0 && after < 0 ? g_strdup ("–")
                                         : g_strdup_printf ("%s → %s", before_text, after_text);
      cells[3] = g_strdup (report->visit_techniques->pdata[i]);
      cells[4] = g_strdup (palpate_visit_get_status (visit) == PALPATE_VISIT_DRAFT
                           ? _("Draft (unsigned)")
                           : amended ? _("Signed, amended below") : _("Signed"));
      cells[5] = amendments_markup (report, visit);
      g_ptr_array_add (rows, cells);
    }
  palpate_flow_table_keeping (flow, _("Visits"), header, widths, 5, rows, keep_with_last);
}

/* The consents and refusals on file: what, when, who obtained it, and the client's signature
 * drawn small beside it. */
void
palpate_report_draw_consents (PalpateFlow *flow)
{
  PalpateReport *report = flow->report;
  double width = flow->width - 2 * MARGIN;
  double text_width = width - CONSENT_SIGNATURE_WIDTH - 12;

  if (report->consents == NULL || report->consents->len == 0)
    return;

  palpate_flow_heading_with (flow, _("Consent on File"), CONSENT_ROW_HEIGHT);
  for (guint i = 0; i < report->consents->len; i++)
    {
      PalpateConsent *consent = report->consents->pdata[i];
      g_autofree char *given = palpate_format_day (consent->given_at);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *markup = NULL;
      double height;

      switch (consent->kind)
        {
        case PALPATE_CONSENT_SENSITIVE_AREA:
          /* Translators: in a report, "Written consent: Gluteal region" */
          g_string_append_printf (text, _("Written consent: %s"),
                                  palpate_sensitive_area_get_name (consent->area));
          break;
        case PALPATE_CONSENT_REFUSAL:
          /* Translators: in a report, "Refused: Gluteal region" */
          g_string_append_printf (text, _("Refused: %s"),
                                  palpate_sensitive_area_get_name (consent->area));
          break;
        case PALPATE_CONSENT_TREATMENT:
        default:
          g_string_append (text, _("Consent to treatment"));
          for (guint k = 0, n = 0; k < PALPATE_N_EXPLAINED; k++)
            if ((consent->explained & (1u << k)) != 0)
              g_string_append_printf (text, "%s%s", n++ == 0 ? _(", explained: ") : "; ",
                                      palpate_consent_explained_get_name (k));
          break;
        }
      g_string_append (text, "\n");
      /* Translators: in a report, "Given 3 Dec 2026, obtained by Maria Rossi" */
      g_string_append_printf (text, _("Given %s, obtained by %s"), given, consent->obtained_by);
      if (consent->guardian != NULL)
        /* Translators: in a report, "; signed by the guardian Ana Delgado" */
        g_string_append_printf (text, _("; signed by the guardian %s"), consent->guardian);
      if (consent->withdrawn_at != NULL)
        {
          g_autofree char *withdrawn = palpate_format_day (consent->withdrawn_at);

          /* Translators: in a report, "; withdrawn 5 Dec 2026" */
          g_string_append_printf (text, _("; withdrawn %s"), withdrawn);
        }

      markup = g_markup_escape_text (text->str, -1);
      height = MAX (palpate_flow_text_height (flow, markup, BODY_SIZE, text_width),
                    CONSENT_ROW_HEIGHT);
      palpate_flow_need (flow, height + 6);
      palpate_flow_draw_text (flow, markup, BODY_SIZE, MARGIN, flow->y, text_width, 0.15);
      if (palpate_flow_is_drawing (flow) && palpate_consent_is_signed (consent))
        {
          double x = MARGIN + width - CONSENT_SIGNATURE_WIDTH;

          cairo_set_source_rgb (flow->cr, 0.1, 0.1, 0.3);
          palpate_signature_draw (flow->cr, consent->strokes, x, flow->y,
                                  CONSENT_SIGNATURE_WIDTH, CONSENT_ROW_HEIGHT, 0.8);
          cairo_set_source_rgb (flow->cr, 0.6, 0.6, 0.6);
          cairo_set_line_width (flow->cr, 0.4);
          cairo_move_to (flow->cr, x, flow->y + CONSENT_ROW_HEIGHT);
          cairo_line_to (flow->cr, x + CONSENT_SIGNATURE_WIDTH, flow->y + CONSENT_ROW_HEIGHT);
          cairo_stroke (flow->cr);
        }
      flow->y += height + 6;
    }
}

/* What the client rated or marked themselves on the patient view: theirs, apart. */
void
palpate_report_draw_clients_own (PalpateFlow *flow)
{
  PalpateReport *report = flow->report;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *markup = NULL;

  if (report->self_ratings->len == 0 && report->client_places->len == 0)
    return;

  palpate_flow_heading (flow, _("The Client’s Own Ratings"));
  for (guint i = 0; i < report->self_ratings->len; i++)
    {
      const PalpateReportSelfRating *rating = &g_array_index (report->self_ratings,
                                                              PalpateReportSelfRating, i);
      g_autofree char *when = palpate_report_format_day_time (rating->when);

      g_string_append_printf (text, _("%s: pain %d of 10, rated by the client"), when,
                              rating->pain);
      g_string_append_c (text, '\n');
    }
  for (guint i = 0; i < report->client_places->len; i++)
    {
      g_string_append_printf (text, _("Marked as painful by the client on %s"),
                              (const char *) report->client_places->pdata[i]);
      g_string_append_c (text, '\n');
    }
  g_string_append (text, _("What the client reports on the patient view is kept as theirs; it is "
                           "not a visit’s outcome and is not counted above."));
  markup = g_markup_escape_text (text->str, -1);
  palpate_flow_paragraph (flow, markup, BODY_SIZE);
}
