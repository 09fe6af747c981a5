/* palpate-report-flow.c — the page flow of a report: text, headings, paragraphs and tables that
 * go on to the next page, and each page's foot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-report"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-date.h"
#include "palpate-report-private.h"

#define FOOTER 24.0
#define ROW_PAD 3.0

gboolean
palpate_flow_is_drawing (PalpateFlow *flow)
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

PangoLayout *
palpate_flow_make_layout (PalpateFlow *flow,
                          const char  *markup,
                          double       size,
                          double       width)
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

double
palpate_flow_text_height (PalpateFlow *flow,
                          const char  *markup,
                          double       size,
                          double       width)
{
  g_autoptr(PangoLayout) layout = palpate_flow_make_layout (flow, markup, size, width);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

void
palpate_flow_draw_text (PalpateFlow *flow,
                        const char  *markup,
                        double       size,
                        double       x,
                        double       y,
                        double       width,
                        double       grey)
{
  g_autoptr(PangoLayout) layout = NULL;

  if (!palpate_flow_is_drawing (flow))
    return;

  layout = palpate_flow_make_layout (flow, markup, size, width);
  cairo_set_source_rgb (flow->cr, grey, grey, grey);
  cairo_move_to (flow->cr, x, y);
  pango_cairo_show_layout (flow->cr, layout);
}


/* The foot of every page: whose report, what it counted, the page; below, in smaller type, the
 * head of the clinic's audit chain as the report was made (DESIGN.md §4). */
void
palpate_flow_draw_footer (PalpateFlow *flow)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;

  if (!palpate_flow_is_drawing (flow))
    return;

  /* Translators: the foot of each page of a report, "Layla Haddad · Progress report · signed
   * notes only · page 2 of 3" */
  text = g_strdup_printf (flow->report->for_client ? _("%s · My progress · %s · page %d of %d")
                                                  : _("%s · Progress report · %s · page %d of %d"),
                          palpate_client_get_name (flow->report->client),
                          palpate_visit_selection_describe (flow->report->selection),
                          flow->page + 1, MAX (flow->n_pages, flow->page + 1));
  markup = g_markup_escape_text (text, -1);
  palpate_flow_draw_text (flow, markup, 7.5, MARGIN, flow->height - MARGIN + 6,
                          flow->width - 2 * MARGIN, 0.4);

  if (flow->report->audit_head != NULL)
    {
      /* Translators: the audit log's head printed at the foot of a report, "Audit log: 1204
       * entries · 3fa9c01b22de" */
      g_autofree char *head = g_strdup_printf (_("Audit log: %s"), flow->report->audit_head);
      g_autofree char *head_markup = g_markup_escape_text (head, -1);

      palpate_flow_draw_text (flow, head_markup, 6, MARGIN, flow->height - MARGIN + 17,
                              flow->width - 2 * MARGIN, 0.4);
    }
}

static void
new_page (PalpateFlow *flow)
{
  palpate_flow_draw_footer (flow);
  if (flow->target == DRAW_ALL)
    cairo_show_page (flow->cr);
  flow->page++;
  flow->y = MARGIN;
}

/* Makes room for @height on the page, starting a new one when it does not fit. */
void
palpate_flow_need (PalpateFlow *flow,
                   double       height)
{
  if (flow->y + height > flow->height - MARGIN - FOOTER && flow->y > MARGIN)
    new_page (flow);
}

/* A heading never ends a page: it comes with @following points of what it heads. */
void
palpate_flow_heading_with (PalpateFlow *flow,
                           const char  *title,
                           double       following)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", title);
  double size = flow->report->for_client ? 15 : 11.5;

  palpate_flow_need (flow, 30 + following);
  flow->y += 10;
  palpate_flow_draw_text (flow, markup, size, MARGIN, flow->y, flow->width - 2 * MARGIN, 0.1);
  flow->y += palpate_flow_text_height (flow, markup, size, flow->width - 2 * MARGIN) + 4;
}

void
palpate_flow_heading (PalpateFlow *flow,
                      const char  *title)
{
  palpate_flow_heading_with (flow, title, 60);
}

static double
page_bottom (PalpateFlow *flow)
{
  return flow->height - MARGIN - FOOTER;
}

/* Draws @layout at @x from the flow's place down, line by line, going on to the next page
 * wherever a line would not fit: text of any length is printed whole, never cut. */
static void
flow_layout (PalpateFlow *flow,
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
      if (palpate_flow_is_drawing (flow))
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
flow_piece (PalpateFlow *flow,
            const char  *markup,
            double       size,
            double       indent,
            double       grey)
{
  double width = flow->width - 2 * MARGIN - indent;
  g_autoptr(PangoLayout) layout = palpate_flow_make_layout (flow, markup, size, width);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  if (height <= page_bottom (flow) - MARGIN)
    palpate_flow_need (flow, height);
  flow_layout (flow, layout, MARGIN + indent, grey);
}

/* A paragraph that moves to the next page whole when it fits on one, and otherwise flows. */
void
palpate_flow_paragraph_at (PalpateFlow *flow,
                           const char  *markup,
                           double       size,
                           double       indent,
                           double       grey)
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

void
palpate_flow_paragraph (PalpateFlow *flow,
                        const char  *markup,
                        double       size)
{
  palpate_flow_paragraph_at (flow, markup, size, 0, 0.15);
}

/* A table row: cells of the given widths (fractions of the text width). */
static void
table_row (PalpateFlow   *flow,
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
      height = MAX (height, palpate_flow_text_height (flow, markups[i], BODY_SIZE - 0.5,
                                                      widths[i] * text_width - 6));
    }

  palpate_flow_need (flow, height + 2 * ROW_PAD);
  if (palpate_flow_is_drawing (flow) && header)
    {
      cairo_set_source_rgb (flow->cr, 0.93, 0.93, 0.93);
      cairo_rectangle (flow->cr, MARGIN, flow->y, text_width, height + 2 * ROW_PAD);
      cairo_fill (flow->cr);
    }

  for (guint i = 0; i < n; i++)
    {
      palpate_flow_draw_text (flow, markups[i], BODY_SIZE - 0.5, x + 3, flow->y + ROW_PAD,
                              widths[i] * text_width - 6, 0.1);
      x += widths[i] * text_width;
      g_free (markups[i]);
    }

  flow->y += height + 2 * ROW_PAD;
  if (palpate_flow_is_drawing (flow))
    {
      cairo_set_source_rgb (flow->cr, 0.85, 0.85, 0.85);
      cairo_set_line_width (flow->cr, 0.5);
      cairo_move_to (flow->cr, MARGIN, flow->y);
      cairo_line_to (flow->cr, MARGIN + text_width, flow->y);
      cairo_stroke (flow->cr);
    }
}

static double
row_height (PalpateFlow   *flow,
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

      height = MAX (height, palpate_flow_text_height (flow, markup, BODY_SIZE - 0.5,
                                                      widths[i] * text_width - 6));
    }

  return height + 2 * ROW_PAD;
}

/* A table whose rows are @n_columns cells, then optionally a note (markup) printed under the
 * row across the whole width: an amendment under the visit it corrects. The heading row comes
 * again at the top of each page the table reaches, never alone at a page's foot; the last row
 * keeps @keep_with_last points of what follows on its page. */
void
palpate_flow_table_keeping (PalpateFlow   *flow,
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
    palpate_flow_heading_with (flow, title,
                               header_height +
                               row_height (flow, rows->pdata[0], widths, n_columns, FALSE) +
                               (rows->len == 1 ? keep_with_last : 0));

  for (guint r = 0; r < rows->len; r++)
    {
      const char **cells = rows->pdata[r];
      double height = row_height (flow, cells, widths, n_columns, FALSE);

      if (r + 1 == rows->len)
        height += keep_with_last;
      /* The heading row again at the top of each page the table reaches, with a row under it. */
      palpate_flow_need (flow, height + (header_page != flow->page ? header_height : 0));
      if (header_page != flow->page)
        {
          table_row (flow, header, widths, n_columns, TRUE);
          header_page = flow->page;
        }
      table_row (flow, cells, widths, n_columns, FALSE);
      if (cells[n_columns] != NULL)
        {
          palpate_flow_paragraph_at (flow, cells[n_columns], BODY_SIZE - 0.5, 14, 0.15);
          if (header_page != flow->page)
            header_page = -1;
        }
    }
}

void
palpate_flow_table (PalpateFlow   *flow,
                    const char    *title,
                    const char   **header,
                    const double  *widths,
                    guint          n_columns,
                    GPtrArray     *rows)          /* const char ** of n_columns cells, each */
{
  palpate_flow_table_keeping (flow, title, header, widths, n_columns, rows, 0);
}

/* Dates on the page, in the reader's language (palpate-date.h): "31 Mar 2026". */
char *
palpate_report_format_day (gint64 unix_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (unix_time);

  return palpate_format_day (when);
}

/* "31 March 2026, 14:30": where two visits fall on one day, and for amendments. */
char *
palpate_report_format_day_time (gint64 unix_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (unix_time);

  return palpate_format_day_time (when);
}

char *
palpate_report_format_date (const GDate *date)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (g_date_get_year (date),
                                                     g_date_get_month (date),
                                                     g_date_get_day (date), 0, 0, 0);

  return palpate_format_day (when);
}
