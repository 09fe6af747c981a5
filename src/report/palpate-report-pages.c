/* palpate-report-pages.c — a progress report laid out on pages, for print and PDF
 *
 * The report lays itself out on pages of any size: the clinic's header, the client, the
 * outcome in one sentence, the pain trend, everyday activities, the body charts of the first and
 * the latest visit, each finding's history, the techniques, the visits, the questionnaires and
 * a signature line. Long tables flow onto more pages with their headings repeated; long text
 * flows on line by line, so that a field of any allowed length is printed whole. Every page
 * says in its foot what the report counted. One pass measures (how many pages), another draws
 * one page (the print dialog) or all of them (PDF). The client's handout has its own, plainer
 * flow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-report"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>

#include "palpate-atlas.h"
#include "palpate-chart.h"
#include "palpate-outcome.h"
#include "palpate-pain.h"
#include "palpate-report-private.h"
#include "palpate-signature.h"
#include "palpate-trend-chart.h"
#include "palpate-vocabulary.h"

#define MARGIN 48.0
#define FOOTER 24.0
#define BODY_SIZE 9.5
#define ROW_PAD 3.0
#define DRAW_ALL (-1)
#define CONSENT_SIGNATURE_WIDTH 110.0
#define CONSENT_ROW_HEIGHT 30.0
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

static gboolean
drawing (Flow *flow)
{
  return flow->target == DRAW_ALL || flow->target == flow->page;
}

/* Text is measured the same way whatever it is drawn on (the recording surface that counts
 * pages, a PDF, a printer): unhinted metrics, unrounded positions. Otherwise the pass that
 * counts the pages and the one that draws them would break lines differently. */
static void
set_device_independent (PangoLayout *layout)
{
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);
}

static PangoLayout *
make_layout (Flow       *flow,
             const char *markup,
             double      size,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (flow->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  set_device_independent (layout);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  {
    /* A word broken over two lines gets no hyphen: the record reads exactly as written. */
    PangoAttrList *attributes = pango_layout_get_attributes (layout);
    g_autoptr(PangoAttrList) own = attributes ? pango_attr_list_copy (attributes)
                                              : pango_attr_list_new ();

    pango_attr_list_insert (own, pango_attr_insert_hyphens_new (FALSE));
    pango_layout_set_attributes (layout, own);
  }
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

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format (local, "%-d %b %Y %H:%M");
}

/* The foot of every page: whose report, what it counted, the page; below, in smaller type, the
 * head of the clinic's audit chain as the report was made (DESIGN.md §4). */
static void
draw_footer (Flow *flow)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  if (!drawing (flow))
    return;

  /* Translators: the foot of each page of a report, "Layla Haddad · Progress report · signed
   * notes only · page 2 of 3" */
  text = g_strdup_printf (flow->report->for_client ? _("%s · My progress · %s · page %d of %d")
                                                  : _("%s · Progress report · %s · page %d of %d"),
                          palpate_client_get_name (flow->report->client),
                          palpate_visit_selection_describe (flow->report->selection),
                          flow->page + 1, MAX (flow->n_pages, flow->page + 1));
  markup = g_markup_escape_text (text, -1);
  draw_text (flow, markup, 7.5, MARGIN, flow->height - MARGIN + 6, flow->width - 2 * MARGIN, 0.4);

  if (flow->report->audit_head != NULL)
    {
      /* Translators: the audit log's head printed at the foot of a report, "Audit log: 1204
       * entries · 3fa9c01b22de" */
      g_autofree char *head = g_strdup_printf (_("Audit log: %s"), flow->report->audit_head);
      g_autofree char *head_markup = g_markup_escape_text (head, -1);

      draw_text (flow, head_markup, 6, MARGIN, flow->height - MARGIN + 17,
                 flow->width - 2 * MARGIN, 0.4);
    }
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

static double
page_bottom (Flow *flow)
{
  return flow->height - MARGIN - FOOTER;
}

/* Draws @layout at @x from the flow's place down, line by line, going on to the next page
 * wherever a line would not fit: text of any length is printed whole, never cut. */
static void
flow_layout (Flow        *flow,
             PangoLayout *layout,
             double       x,
             double       grey)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double offset = 0;       /* where in the layout the current page's part starts */
  double top = flow->y;    /* where on the page it starts */
  int layout_height;

  pango_layout_get_pixel_size (layout, NULL, &layout_height);
  do
    {
      PangoRectangle logical;
      double line_top, line_height, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_top = logical.y / (double) PANGO_SCALE;
      line_height = logical.height / (double) PANGO_SCALE;
      baseline = pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;

      if (top + (line_top - offset) + line_height > page_bottom (flow) &&
          (top + (line_top - offset) > MARGIN))
        {
          new_page (flow);
          offset = line_top;
          top = flow->y;
        }
      if (drawing (flow))
        {
          cairo_set_source_rgb (flow->cr, grey, grey, grey);
          cairo_move_to (flow->cr, x + logical.x / (double) PANGO_SCALE,
                         top + baseline - offset);
          pango_cairo_show_layout_line (flow->cr, pango_layout_iter_get_line_readonly (iter));
        }
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  flow->y = top + layout_height - offset;
}

/* Pango does not wrap a paragraph of some hundred thousand characters (it comes out as one
 * line, cut at the margin), so a long line of text is laid out in pieces of at most this many
 * bytes, split at a space outside any markup tag. */
#define PIECE_BYTES 4000

static void
flow_piece (Flow       *flow,
            const char *markup,
            double      size,
            double      indent,
            double      grey)
{
  double width = flow->width - 2 * MARGIN - indent;
  g_autoptr(PangoLayout) layout = make_layout (flow, markup, size, width);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  if (height <= page_bottom (flow) - MARGIN)
    need (flow, height);
  flow_layout (flow, layout, MARGIN + indent, grey);
}

/* A paragraph that moves to the next page whole when it fits on one, and otherwise flows. */
static void
paragraph_at (Flow       *flow,
              const char *markup,
              double      size,
              double      indent,
              double      grey)
{
  const char *start = markup;
  gsize length = strlen (markup);

  while (length > PIECE_BYTES)
    {
      gsize cut = 0, boundary = 0;
      gboolean in_tag = FALSE, in_entity = FALSE;
      g_autofree char *piece = NULL;

      /* The last space outside a tag, or else the last character boundary outside a tag or
       * an entity: text without spaces is split too, never lost. */
      for (gsize i = 1; i < PIECE_BYTES; i++)
        {
          char c = start[i];

          if (c == '<')
            in_tag = TRUE;
          else if (c == '>')
            in_tag = FALSE;
          else if (c == '&')
            in_entity = TRUE;
          else if (c == ';')
            in_entity = FALSE;
          if (in_tag || in_entity)
            continue;
          if (c == ' ' || c == '\n')
            cut = i;
          else if ((c & 0xc0) != 0x80 && c != '>' && c != ';')
            boundary = i;
        }
      if (cut > 0)
        {
          piece = g_strndup (start, cut);
          start += cut + 1;
          length -= cut + 1;
        }
      else if (boundary > 0)
        {
          piece = g_strndup (start, boundary);
          start += boundary;
          length -= boundary;
        }
      else
        break;
      flow_piece (flow, piece, size, indent, grey);
    }

  flow_piece (flow, start, size, indent, grey);
  flow->y += 4;
}

static void
paragraph (Flow       *flow,
           const char *markup,
           double      size)
{
  paragraph_at (flow, markup, size, 0, 0.15);
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

static double
row_height (Flow          *flow,
            const char   **cells,
            const double  *widths,
            guint          n,
            gboolean       header)
{
  double text_width = flow->width - 2 * MARGIN;
  double height = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *markup = header ? g_markup_printf_escaped ("<b>%s</b>", cells[i])
                                       : g_markup_escape_text (cells[i] ? cells[i] : "", -1);

      height = MAX (height, text_height (flow, markup, BODY_SIZE - 0.5,
                                         widths[i] * text_width - 6));
    }

  return height + 2 * ROW_PAD;
}

/* A table whose rows are @n_columns cells, then optionally a note (markup) printed under the
 * row across the whole width: an amendment under the visit it corrects. The heading row comes
 * again at the top of each page the table reaches, never alone at a page's foot; the last row
 * keeps @keep_with_last points of what follows on its page. */
static void
table_keeping (Flow          *flow,
               const char    *title,
               const char   **header,
               const double  *widths,
               guint          n_columns,
               GPtrArray     *rows,
               double         keep_with_last)
{
  int header_page = -1;
  double header_height = row_height (flow, header, widths, n_columns, TRUE);

  /* The title comes with the heading row and the first row (and, for a one-row table, what
   * that row keeps with it): never alone at the foot of a page. */
  if (rows->len > 0)
    heading_with (flow, title,
                  header_height + row_height (flow, rows->pdata[0], widths, n_columns, FALSE) +
                  (rows->len == 1 ? keep_with_last : 0));

  for (guint r = 0; r < rows->len; r++)
    {
      const char **cells = rows->pdata[r];
      double height = row_height (flow, cells, widths, n_columns, FALSE);

      if (r + 1 == rows->len)
        height += keep_with_last;
      /* The heading row again at the top of each page the table reaches, with a row under it. */
      need (flow, height + (header_page != flow->page ? header_height : 0));
      if (header_page != flow->page)
        {
          table_row (flow, header, widths, n_columns, TRUE);
          header_page = flow->page;
        }
      table_row (flow, cells, widths, n_columns, FALSE);
      if (cells[n_columns] != NULL)
        {
          paragraph_at (flow, cells[n_columns], BODY_SIZE - 0.5, 14, 0.15);
          if (header_page != flow->page)
            header_page = -1;
        }
    }
}

static void
table (Flow          *flow,
       const char    *title,
       const char   **header,
       const double  *widths,
       guint          n_columns,
       GPtrArray     *rows)          /* const char ** of n_columns cells, each */
{
  table_keeping (flow, title, header, widths, n_columns, rows, 0);
}

static char *
format_gdate (const GDate *date)
{
  char buffer[64];

  g_date_strftime (buffer, sizeof buffer, "%-d %b %Y", date);
  return g_strdup (buffer);
}

/* "Visits from 3 Mar 2025 to 2 Dec 2026, signed notes only: 12 visits": the period, always. */
static char *
dup_period (PalpateReport *report)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *counted = NULL;
  g_autofree char *period = NULL;
  guint n = report->visits->len;

  if (g_date_valid (&report->from))
    from = format_gdate (&report->from);
  else
    from = g_strdup (_("the start of care"));
  if (g_date_valid (&report->to))
    to = format_gdate (&report->to);
  else
    to = g_strdup (report->made_on);

  counted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit", "%u visits", n), n);
  /* Translators: "Visits from 1 Jan 2026 to 30 Jun 2026, signed notes only: 12 visits" */
  period = g_strdup_printf (_("Visits from %s to %s, %s: %s"), from, to,
                            palpate_visit_selection_describe (report->selection), counted);
  if (report->month_year > 0)
    {
      g_autoptr(GDateTime) month = g_date_time_new_local (report->month_year, report->month, 1,
                                                          0, 0, 0);
      g_autofree char *month_name = g_date_time_format (month, "%B %Y");
      g_autofree char *with_month = NULL;

      /* Translators: a month's batch of reports, "Made for November 2026. Visits from …" */
      with_month = g_strdup_printf (_("Made for %s. %s"), month_name, period);
      return g_steal_pointer (&with_month);
    }

  return g_steal_pointer (&period);
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
  {
    g_autofree char *period = dup_period (report);

    g_string_append (details, period);
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

static void
draw_outcome (Flow *flow)
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

  heading (flow, _("Outcome"));
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
      g_autofree char *date = format_date (report->baseline_when);

      g_string_append_printf (text, _("Pain before treatment at the first rated visit of the course "
                                      "of care (%s, the baseline): %d of 10 (%s). No later rating "
                                      "to compare yet."),
                              date, report->baseline, palpate_pain_get_word (report->baseline));
    }
  else
    {
      g_autofree char *first_date = format_date (report->baseline_when);
      g_autofree char *latest_date = format_date (latest_when);

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
  paragraph (flow, markup, BODY_SIZE + 0.5);
  g_free (markup);
  markup = g_markup_escape_text (palpate_outcome_nrs_rule_text (), -1);
  paragraph_at (flow, markup, BODY_SIZE - 1, 0, 0.35);
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

static void
draw_psfs (Flow *flow)
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
  heading_with (flow, _("Everyday Activities (PSFS, 0 unable to 10 as before)"), height);
  need (flow, height);
  if (drawing (flow))
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
static void
draw_plan (Flow *flow)
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
      cells[1] = format_gdate (&plan->reassess_on);
      cells[2] = g_strdup (palpate_treatment_plan_reassessment_due (plan, &today)
                           ? _("Due") : palpate_treatment_plan_is_discharged (plan)
                           ? _("Not needed after discharge") : _("Not yet due"));
      g_ptr_array_add (rows, cells);
    }
  table (flow, _("Treatment Plan"), header, widths, 3, rows);

  if (plan->techniques != NULL && *plan->techniques != '\0')
    g_string_append_printf (text, "%s: %s\n", _("Techniques planned"), plan->techniques);
  if (plan->home_care != NULL && *plan->home_care != '\0')
    g_string_append_printf (text, "%s: %s\n", _("Home care plan"), plan->home_care);
  if (palpate_treatment_plan_is_discharged (plan))
    {
      g_autofree char *day = format_gdate (&plan->discharged_on);

      /* Translators: "Discharged on 3 Dec 2026 (Goals met): Back to running." */
      g_string_append_printf (text, _("Discharged on %s (%s): %s"), day,
                              palpate_discharge_reason_get_name (plan->discharge_reason),
                              plan->discharge_summary);
    }
  if (text->len == 0)
    return;
  markup = g_markup_escape_text (text->str, -1);
  paragraph (flow, markup, 9.5);
  flow->y += 6;
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
  table (flow, _("Outcome Measures"), header, widths, 4, rows);
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
      g_autofree char *caption = g_markup_printf_escaped ("<b>%s</b> · %s%s",
                                                          i == 0
                                                          ? (g_date_valid (&report->from)
                                                             ? _("First visit of the period")
                                                             : _("First visit"))
                                                          : _("Latest visit"),
                                                          date,
                                                          palpate_visit_get_status (visit) == PALPATE_VISIT_DRAFT
                                                          ? _(" · Draft") : "");
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

  for (guint i = 0; i < report->history->len; i++)
    {
      PalpateReportHistory *row = &g_array_index (report->history, PalpateReportHistory, i);
      g_autofree char *first = format_date (row->first_seen);
      g_autofree char *last = format_date (row->last_seen);
      char **cells = g_new0 (char *, 5);

      cells[0] = g_strdup (palpate_region_name_for_id (row->region_id));
      cells[1] = g_strdup (palpate_finding_kind_get_name (row->kind));
      cells[2] = g_strdup (first);
      cells[3] = g_strdup_printf ("%s, %s", palpate_finding_status_get_name (row->last_status), last);
      g_ptr_array_add (rows, cells);
    }
  table (flow, _("Findings Over Time"), header, widths, 4, rows);
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
  table (flow, _("Techniques"), header, widths, 4, rows);
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
      g_autofree char *date = format_time (g_date_time_to_unix (palpate_amendment_get_created_at (amendment)));
      /* Translators: above an amendment's text in a report, "Amended 4 Dec 2026 10:12 by Maria Rossi" */
      g_autofree char *label = g_strdup_printf (_("Amended %s by %s"), date,
                                                palpate_amendment_get_author (amendment));
      g_autofree char *entry = g_markup_printf_escaped ("%s<b>▶ %s:</b> %s", a > 0 ? "\n" : "",
                                                        label, palpate_amendment_get_text (amendment));

      g_string_append (markup, entry);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
draw_visits (Flow *flow,
             double keep_with_last)
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

      cells[0] = shares_day (report, i) ? format_time (started) : format_date (started);
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
  table_keeping (flow, _("Visits"), header, widths, 5, rows, keep_with_last);
}

/* What the client rated or marked themselves on the patient view: theirs, apart. */
/* The consents and refusals on file: what, when, who obtained it, and the client's signature
 * drawn small beside it. */
static void
draw_consents (Flow *flow)
{
  PalpateReport *report = flow->report;
  double width = flow->width - 2 * MARGIN;
  double text_width = width - CONSENT_SIGNATURE_WIDTH - 12;

  if (report->consents == NULL || report->consents->len == 0)
    return;

  heading_with (flow, _("Consent on File"), CONSENT_ROW_HEIGHT);
  for (guint i = 0; i < report->consents->len; i++)
    {
      PalpateConsent *consent = report->consents->pdata[i];
      g_autofree char *given = format_date (g_date_time_to_unix (consent->given_at));
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
          g_autofree char *withdrawn = format_date (g_date_time_to_unix (consent->withdrawn_at));

          /* Translators: in a report, "; withdrawn 5 Dec 2026" */
          g_string_append_printf (text, _("; withdrawn %s"), withdrawn);
        }

      markup = g_markup_escape_text (text->str, -1);
      height = MAX (text_height (flow, markup, BODY_SIZE, text_width), CONSENT_ROW_HEIGHT);
      need (flow, height + 6);
      draw_text (flow, markup, BODY_SIZE, MARGIN, flow->y, text_width, 0.15);
      if (drawing (flow) && palpate_consent_is_signed (consent))
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

static void
draw_clients_own (Flow *flow)
{
  PalpateReport *report = flow->report;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *markup = NULL;

  if (report->self_ratings->len == 0 && report->client_places->len == 0)
    return;

  heading (flow, _("The Client’s Own Ratings"));
  for (guint i = 0; i < report->self_ratings->len; i++)
    {
      const PalpateReportSelfRating *rating = &g_array_index (report->self_ratings,
                                                              PalpateReportSelfRating, i);
      g_autofree char *when = format_time (rating->when);

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
  paragraph (flow, markup, BODY_SIZE);
}

/* The signature block's height, kept on the page of what precedes it. */
#define SIGNATURE_HEIGHT 100.0

/* Under the signature line, who signed the visits: each as their entries name them, with
 * credentials and registration. */
static char *
dup_signers (PalpateReport *report)
{
  g_autoptr(GPtrArray) signers = g_ptr_array_new ();

  for (guint i = 0; i < report->visits->len; i++)
    {
      const char *signer = palpate_visit_get_signed_by (report->visits->pdata[i]);

      if (signer != NULL && *signer != '\0' &&
          !g_ptr_array_find_with_equal_func (signers, signer, g_str_equal, NULL))
        g_ptr_array_add (signers, (gpointer) signer);
    }
  if (signers->len == 0)
    return NULL;

  g_ptr_array_add (signers, NULL);
  return g_strjoinv ("; ", (char **) signers->pdata);
}

static void
draw_signature (Flow *flow)
{
  g_autofree char *markup = NULL;
  g_autofree char *signers = dup_signers (flow->report);
  double width = flow->width - 2 * MARGIN;

  need (flow, SIGNATURE_HEIGHT);
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
  if (signers != NULL)
    {
      flow->y += 12;
      markup = g_markup_escape_text (signers, -1);
      draw_text (flow, markup, 8, MARGIN, flow->y, width, 0.2);
      g_free (markup);
    }
  flow->y += 18;
  markup = g_markup_escape_text (flow->report->n_drafts > 0
                                 ? _("Made from the clinic’s records. Signed visit notes are never "
                                     "altered; corrections are dated amendments, printed beside "
                                     "the visit they correct. Unsigned drafts may still change.")
                                 : _("Made from the clinic’s records. Signed visit notes are never "
                                     "altered; corrections are dated amendments, printed beside "
                                     "the visit they correct."), -1);
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
  gboolean home_care_draft = FALSE;
  char *space;

  if ((space = strchr (first_name, ' ')) != NULL)
    *space = '\0';

  markup = g_markup_printf_escaped ("<b>%s</b>\n<span size='smaller'>%s</span>",
                                    report->clinic_name ? report->clinic_name : "",
                                    report->made_on);
  draw_text (flow, markup, 11, MARGIN, flow->y, width, 0.3);
  flow->y += text_height (flow, markup, 11, width) + 4;
  g_free (markup);
  {
    g_autofree char *period = dup_period (report);

    markup = g_markup_escape_text (period, -1);
    paragraph_at (flow, markup, 9, 0, 0.4);
    g_clear_pointer (&markup, g_free);
    /* Who treated the client, by name. */
    if (report->therapists != NULL && *report->therapists != '\0')
      {
        g_autofree char *treating = g_strdup_printf (_("Your therapist: %s"), report->therapists);

        markup = g_markup_escape_text (treating, -1);
        paragraph_at (flow, markup, 9, 0, 0.4);
        g_clear_pointer (&markup, g_free);
      }
    flow->y += 8;
  }

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
          caption = g_markup_printf_escaped ("<b>%s</b> · %s%s",
                                             panels == 1 ? _("Your first session")
                                             : i == 0 ? _("Then") : _("Now"), date,
                                             palpate_visit_get_status (visit) == PALPATE_VISIT_DRAFT
                                             ? _(" · not yet signed") : "");
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

  if (report->client_places->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      heading (flow, _("Where You Said It Hurt"));
      for (guint i = 0; i < report->client_places->len; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "",
                                (const char *) report->client_places->pdata[i]);
      g_string_append_printf (text, "\n%s", _("These are your own marks, kept as you made them."));
      markup = g_markup_escape_text (text->str, -1);
      paragraph (flow, markup, 13);
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
      heading (flow, home_care_draft ? _("Your Home Care (not yet signed)") : _("Your Home Care"));
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
  draw_plan (flow);
  draw_body_charts (flow);
  draw_history (flow);
  draw_techniques (flow);
  draw_outcome_measures (flow);
  draw_consents (flow);
  draw_clients_own (flow);
  draw_visits (flow, SIGNATURE_HEIGHT);
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

/* Where the PDF goes: a file of our own, and why a write failed. */
typedef struct
{
  int fd;
  int saved_errno;
} PdfFile;

static cairo_status_t
write_pdf_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  PdfFile *file = closure;

  while (length > 0)
    {
      ssize_t n = write (file->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          file->saved_errno = n < 0 ? errno : ENOSPC;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }

  return CAIRO_STATUS_SUCCESS;
}

/* Why a report could not be written, in words, rather than cairo's "error while writing to
 * output stream". */
static void
set_write_error (const char  *path,
                 int          saved_errno,
                 GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *folder = g_path_get_dirname (display);

  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("The disk is full, so the report “%s” could not be written. Nothing was "
                     "left behind; free some space and try again."), display);
      break;

    case ENOENT:
    case ENOTDIR:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The folder “%s” does not exist, so the report “%s” could not be "
                     "written."), folder, display);
      break;

    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("You may not write in the folder “%s”, so the report “%s” could not be "
                     "written."), folder, display);
      break;

    case EISDIR:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder; give the report a file name."), display);
      break;

    default:
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The report “%s” could not be written: %s."), display,
                   g_strerror (saved_errno));
    }
}

/**
 * palpate_report_dup_title:
 *
 * The document's title, for the PDF's metadata and the print job: "Progress Report — Layla
 * Haddad".
 */
char *
palpate_report_dup_title (PalpateReport *report)
{
  /* Translators: a PDF's title, "Progress Report — Layla Haddad" */
  return g_strdup_printf (report->for_client ? _("My Progress — %s") : _("Progress Report — %s"),
                          palpate_client_get_name (report->client));
}

/**
 * palpate_report_dup_author:
 *
 * Who the document comes from: the clinic, and the therapists whose visits it holds.
 */
char *
palpate_report_dup_author (PalpateReport *report)
{
  const char *clinic = report->clinic_name != NULL && *report->clinic_name ? report->clinic_name
                                                                          : NULL;
  g_autoptr(GPtrArray) signers = g_ptr_array_new ();
  g_autofree char *signed_by = NULL;
  const char *therapists = report->therapists != NULL && *report->therapists ? report->therapists
                                                                             : NULL;

  /* Without therapists on the visits, those who signed them. */
  for (guint i = 0; therapists == NULL && i < report->visits->len; i++)
    {
      const char *signer = palpate_visit_get_signed_by (report->visits->pdata[i]);

      if (signer != NULL && *signer &&
          !g_ptr_array_find_with_equal_func (signers, signer, g_str_equal, NULL))
        g_ptr_array_add (signers, (gpointer) signer);
    }
  if (signers->len > 0)
    {
      g_ptr_array_add (signers, NULL);
      signed_by = g_strjoinv (", ", (char **) signers->pdata);
      therapists = signed_by;
    }

  if (clinic != NULL && therapists != NULL)
    return g_strdup_printf ("%s (%s)", clinic, therapists);
  return g_strdup (clinic ? clinic : therapists ? therapists : "Palpate");
}

/**
 * palpate_report_write_pdf:
 *
 * Writes the whole report to a PDF at @path, readable by its owner only, under a temporary name
 * first so that a failed write never leaves half a report. Whether @path may be written at all
 * is palpate_report_check_output()'s to say, before.
 */
gboolean
palpate_report_write_pdf (PalpateReport  *report,
                          PalpatePaper    paper,
                          const char     *path,
                          GError        **error)
{
  g_autofree char *partial = g_strdup_printf ("%s.part-%d", path, (int) getpid ());
  g_autofree char *title = palpate_report_dup_title (report);
  g_autofree char *author = palpate_report_dup_author (report);
  cairo_surface_t *surface;
  cairo_status_t status;
  PdfFile file = { -1, 0 };
  double width, height;
  Flow flow = { report, NULL, 0, 0, 0, 0, DRAW_ALL, 0 };

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      set_write_error (path, EISDIR, error);
      return FALSE;
    }

  file.fd = g_open (partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (file.fd < 0)
    {
      set_write_error (path, errno, error);
      return FALSE;
    }

  palpate_paper_get_size (paper, &width, &height);
  flow.width = width;
  flow.height = height;
  flow.n_pages = palpate_report_count_pages (report, width, height);

  surface = cairo_pdf_surface_create_for_stream (write_pdf_cb, &file, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Palpate");
  flow.cr = cairo_create (surface);
  run_flow (&flow);
  cairo_show_page (flow.cr);
  cairo_destroy (flow.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS && fsync (file.fd) != 0)
    file.saved_errno = errno;
  if (close (file.fd) != 0 && file.saved_errno == 0)
    file.saved_errno = errno;
  if (status != CAIRO_STATUS_SUCCESS && file.saved_errno == 0)
    file.saved_errno = EIO;

  if (file.saved_errno == 0 && g_rename (partial, path) != 0)
    file.saved_errno = errno;

  if (file.saved_errno != 0)
    {
      g_unlink (partial);
      set_write_error (path, file.saved_errno, error);
      return FALSE;
    }

  return TRUE;
}
