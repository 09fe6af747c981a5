/* palpate-report-pages.c — a progress report laid out on pages, for print and PDF
 *
 * The report lays itself out on pages of any size: the clinic's header, the client, the
 * outcome in one sentence, the pain trend, everyday activities, the body charts of the first and
 * the latest visit, each finding's history, the techniques, the visits, the questionnaires and
 * a signature line. Long tables flow onto more pages with their headings repeated. One pass
 * measures (how many pages), another draws one page (the print dialog) or all of them (PDF).
 * The client's handout has its own, plainer flow.
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
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-chart.h"
#include "palpate-outcome.h"
#include "palpate-pain.h"
#include "palpate-report-private.h"
#include "palpate-trend-chart.h"
#include "palpate-vocabulary.h"

#define MARGIN 48.0
#define FOOTER 28.0
#define BODY_SIZE 9.5
#define ROW_PAD 3.0
#define DRAW_ALL (-1)
#define MEASURE (-2)

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
  g_autofree char *isolated = NULL;
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

  /* The name isolated (FSI … PDI), so that a right-to-left name keeps the sentence in order. */
  isolated = g_strdup_printf ("\u2068%s\u2069", first_name);
  markup = g_markup_printf_escaped (_("<b>%s, here is your progress</b>"), isolated);
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
