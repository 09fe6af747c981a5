/* palpate-trend-chart.c — the pain trend: before and after each visit on the 0–10 scale
 *
 * Visits sit at their dates along the time axis (in order, evenly, when they all fall on one
 * day); pain before is a grey line, pain after the accent; an unsigned draft is a hollow dot,
 * named in the legend. The chart marks a meaningful improvement only where the report's
 * sentence says there is one: pain before stayed meaningfully below the baseline (≥ 2 points
 * or ≥ 30 % from at least 4, Farrar 2001) from the marked visit to the latest. A chart with no
 * visits says so; one visit is a pair of points, not an empty axis.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-trend-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "palpate-date.h"
#include "palpate-outcome.h"
#include "palpate-pain.h"
#include "palpate-trend-chart.h"

static const double ink[3] = { 0.30, 0.29, 0.31 };
static const double before_color[3] = { 0.55, 0.55, 0.60 };
static const double meaningful_color[3] = { 0.15, 0.56, 0.30 };

void
palpate_trend_style_init (PalpateTrendStyle *style,
                          double             font_size)
{
  *style = (PalpateTrendStyle) {
    .accent = { 0.21, 0.52, 0.89 },
    .font_size = font_size,
    .baseline = -1,
  };
}

/**
 * palpate_trend_first_meaningful:
 * @baseline: pain before at the start of care, or -1 for the first rated visit of @visits
 *
 * The visit from which the improvement held: pain before was meaningfully lower than the
 * baseline there and at every rated visit after it, to the latest. A dip that did not last is
 * not marked, so that the chart never contradicts the sentence that compares the baseline with
 * the latest visit.
 *
 * Returns: the index of that visit, or -1 when the latest visit is not meaningfully better
 */
int
palpate_trend_first_meaningful (const PalpateVisitSummary *visits,
                                guint                      n_visits,
                                int                        baseline)
{
  int first = baseline;
  int held_from = -1;
  gboolean skipped_baseline = baseline >= 0;

  for (guint i = 0; i < n_visits; i++)
    {
      if (visits[i].pain_before < 0)
        continue;
      if (first < 0 || !skipped_baseline)
        {
          first = first < 0 ? visits[i].pain_before : first;
          skipped_baseline = TRUE;
          continue;
        }
      if (palpate_outcome_nrs_change (first, visits[i].pain_before) == PALPATE_CHANGE_IMPROVED)
        {
          if (held_from < 0)
            held_from = (int) i;
        }
      else
        held_from = -1;
    }

  return held_from;
}

static void
text (cairo_t    *cr,
      const char *string,
      double      size,
      gboolean    bold,
      double      x,
      double      y,
      double      xalign,
      double      yalign)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (bold ? "Sans Bold" : "Sans");
  int width, height;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, string, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - xalign * width, y - yalign * height);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static double
text_width (cairo_t    *cr,
            const char *string,
            double      size)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  int width;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, string, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  pango_font_description_free (font);
  g_object_unref (layout);
  return width;
}

static char *
scale_label (int pain)
{
  return g_strdup_printf ("%d %s", pain, pain == 5 ? _("Moderate") : palpate_pain_get_word (pain));
}

/* Where visit @i sits along the axis: at its time, or in order when the visits span less than a
 * day (a day of many visits would otherwise be one stack of dots). */
static double
visit_x (const PalpateVisitSummary *visits,
         guint                      n,
         guint                      i,
         double                     x0,
         double                     x1,
         gint64                     t0,
         gint64                     t1)
{
  if (t1 - t0 < 86400 && n > 1)
    return x0 + (x1 - x0) * i / (double) (n - 1);
  if (t1 <= t0)
    return (x0 + x1) / 2;
  return x0 + (x1 - x0) * (double) (visits[i].started_at - t0) / (t1 - t0);
}

static void
series (cairo_t                   *cr,
        const PalpateVisitSummary *visits,
        guint                      n,
        gboolean                   after,
        const double               rgb[3],
        double                     x0,
        double                     x1,
        double                     y0,
        double                     y1,
        gint64                     t0,
        gint64                     t1,
        double                     dot)
{
  gboolean started = FALSE;

  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      int pain = after ? visits[i].pain_after : visits[i].pain_before;
      double x = visit_x (visits, n, i, x0, x1, t0, t1);
      double y;

      if (pain < 0)
        continue;
      y = y1 - (y1 - y0) * pain / 10.0;
      if (!started)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
      started = TRUE;
    }
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
  cairo_set_line_width (cr, dot * 0.55);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  /* Dots: all of them for a short history, fewer as it grows. */
  for (guint i = 0; i < n; i++)
    {
      int pain = after ? visits[i].pain_after : visits[i].pain_before;
      double x = visit_x (visits, n, i, x0, x1, t0, t1);
      gboolean draft = visits[i].status == PALPATE_VISIT_DRAFT;

      /* A draft always shows, hollow, so that it is never mistaken for a signed note. */
      if (pain < 0 || (!draft && n > 40 && i % (n / 20) != 0 && i != n - 1))
        continue;
      cairo_new_path (cr);
      cairo_arc (cr, x, y1 - (y1 - y0) * pain / 10.0, dot, 0, 2 * G_PI);
      if (draft)
        {
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
          cairo_set_line_width (cr, dot * 0.5);
          cairo_stroke (cr);
        }
      else
        cairo_fill (cr);
    }
}

/**
 * palpate_trend_chart_render:
 * @visits: the client's visits, oldest first
 *
 * Draws the trend in the rectangle (0, 0, @width, @height) of @cr.
 */
void
palpate_trend_chart_render (cairo_t                   *cr,
                            const PalpateVisitSummary *visits,
                            guint                      n_visits,
                            const PalpateTrendStyle   *style,
                            double                     width,
                            double                     height)
{
  double f = style->font_size;
  double left = 0;
  double right = width - f * 1.2;
  double top = f * 2.2;
  double bottom = height - f * 2.6;
  gint64 t0 = G_MAXINT64;
  gint64 t1 = G_MININT64;
  guint rated = 0;
  int meaningful;

  cairo_save (cr);

  /* Room on the left for the widest of the scale's words, in any language. */
  for (int pain = 0; pain <= 10; pain += 5)
    {
      g_autofree char *label = scale_label (pain);

      left = MAX (left, text_width (cr, label, f * 0.85) + f * 0.8);
    }

  for (guint i = 0; i < n_visits; i++)
    {
      if (visits[i].pain_before < 0 && visits[i].pain_after < 0)
        continue;
      t0 = MIN (t0, visits[i].started_at);
      t1 = MAX (t1, visits[i].started_at);
      rated++;
    }

  /* The scale, with words at 0, 5 and 10. */
  for (int pain = 0; pain <= 10; pain += 5)
    {
      double y = bottom - (bottom - top) * pain / 10.0;
      g_autofree char *label = scale_label (pain);

      cairo_set_source_rgba (cr, ink[0], ink[1], ink[2], pain == 0 ? 0.5 : 0.15);
      cairo_set_line_width (cr, f * 0.08);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
      text (cr, label, f * 0.85, FALSE, left - f * 0.4, y, 1.0, 0.5);
    }

  if (rated == 0)
    {
      cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
      text (cr, _("No visits recorded yet"), f * 1.1, TRUE, (left + right) / 2,
            (top + bottom) / 2, 0.5, 0.5);
      cairo_restore (cr);
      return;
    }

  /* Dates: the first and the last, and the middle for a longer history; the times when the
   * visits all fall on one day. */
  {
    g_autoptr(GDateTime) first = g_date_time_new_from_unix_local (t0);
    g_autoptr(GDateTime) last = g_date_time_new_from_unix_local (t1);
    gboolean one_day = t1 - t0 < 86400 && rated > 1;
    g_autofree char *first_text = one_day ? palpate_format_day_time (first)
                                          : palpate_format_day (first);
    g_autofree char *last_text = one_day ? g_date_time_format (last, "%H:%M")
                                         : palpate_format_day (last);

    cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
    text (cr, g_strstrip (first_text), f * 0.85, FALSE, rated > 1 ? left : (left + right) / 2,
          bottom + f * 0.6, rated > 1 ? 0.0 : 0.5, 0.0);
    if (rated > 1)
      text (cr, g_strstrip (last_text), f * 0.85, FALSE, right, bottom + f * 0.6, 1.0, 0.0);
    if (one_day)
      {
        /* Translators: under a chart of many visits on one day, "200 visits, in order" */
        g_autofree char *middle_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                     "%u visit, in order",
                                                                     "%u visits, in order",
                                                                     rated), rated);

        text (cr, middle_text, f * 0.85, FALSE, (left + right) / 2, bottom + f * 0.6, 0.5, 0.0);
      }
    else if (rated > 2 && t1 - t0 > 60 * 86400)
      {
        g_autoptr(GDateTime) middle = g_date_time_new_from_unix_local (t0 + (t1 - t0) / 2);
        g_autofree char *middle_text = palpate_format_month_short (middle);

        text (cr, middle_text, f * 0.85, FALSE, (left + right) / 2, bottom + f * 0.6, 0.5, 0.0);
      }
  }

  series (cr, visits, n_visits, FALSE, before_color, left + f, right - f, top, bottom, t0, t1,
          f * 0.32);
  series (cr, visits, n_visits, TRUE, style->accent, left + f, right - f, top, bottom, t0, t1,
          f * 0.32);

  /* Marked only when the latest visit is meaningfully better than the baseline: the same
   * comparison the sentence above the chart makes. */
  meaningful = palpate_trend_first_meaningful (visits, n_visits, style->baseline);
  if (meaningful >= 0)
    {
      double x = visit_x (visits, n_visits, meaningful, left + f, right - f, t0, t1);
      double y = bottom - (bottom - top) * visits[meaningful].pain_before / 10.0;
      const char *label = style->plain_words ? _("Clearly better from here")
                                             : _("Meaningful improvement from here");

      cairo_set_source_rgb (cr, meaningful_color[0], meaningful_color[1], meaningful_color[2]);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, f * 0.6, 0, 2 * G_PI);
      cairo_set_line_width (cr, f * 0.18);
      cairo_stroke (cr);
      text (cr, label, f * 0.85, TRUE,
            MAX (left, MIN (x + f * 0.8, right - text_width (cr, label, f * 0.85) - f)),
            MAX (y - f * 0.8, top), 0.0, 1.0);
    }

  /* The legend, above the chart; a draft's hollow dot is named when there is one. */
  {
    double x = left;
    gboolean any_draft = FALSE;
    const char *labels[] = {
      style->plain_words ? _("Pain before your session") : _("Pain before"),
      style->plain_words ? _("Pain after your session") : _("Pain after"),
    };
    const double *colors[] = { before_color, style->accent };

    for (guint i = 0; i < n_visits; i++)
      any_draft |= visits[i].status == PALPATE_VISIT_DRAFT;

    for (guint i = 0; i < 2; i++)
      {
        cairo_set_source_rgb (cr, colors[i][0], colors[i][1], colors[i][2]);
        cairo_rectangle (cr, x, f * 0.45, f * 1.4, f * 0.5);
        cairo_fill (cr);
        cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
        text (cr, labels[i], f * 0.85, FALSE, x + f * 1.8, f * 0.7, 0.0, 0.5);
        x += f * 2.8 + text_width (cr, labels[i], f * 0.85);
      }
    if (any_draft)
      {
        cairo_new_path (cr);
        cairo_arc (cr, x + f * 0.5, f * 0.7, f * 0.32, 0, 2 * G_PI);
        cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
        cairo_set_line_width (cr, f * 0.16);
        cairo_stroke (cr);
        text (cr, _("Unsigned draft"), f * 0.85, FALSE, x + f * 1.3, f * 0.7, 0.0, 0.5);
      }
  }

  cairo_restore (cr);
}

static const double psfs_colors[][3] = {
  { 0.21, 0.52, 0.89 }, { 0.90, 0.45, 0.10 }, { 0.15, 0.56, 0.30 },
  { 0.57, 0.25, 0.67 }, { 0.75, 0.16, 0.20 },
};

/* The PSFS legend: a swatch and the activity each, side by side while they fit, a long name
 * wrapped over lines of its own, never cut. Draws when @draw, and returns its height. */
static double
psfs_legend (cairo_t                 *cr,
             const PalpatePsfsSeries *series_list,
             guint                    n_series,
             double                   size,
             double                   x0,
             double                   width,
             gboolean                 draw)
{
  double lx = x0, line_y = 0, line_height = 0;

  for (guint s = 0; s < n_series; s++)
    {
      PangoLayout *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string ("Sans");
      const double *rgb = psfs_colors[s % G_N_ELEMENTS (psfs_colors)];
      double room = width - x0 - size * 1.8;
      int w, h;

      pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (int) (room * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (layout, series_list[s].name, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      if (lx + size * 1.8 + w > width && lx > x0)
        {
          lx = x0;
          line_y += line_height + 2;
          line_height = 0;
        }
      if (draw)
        {
          cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
          cairo_rectangle (cr, lx, line_y + size * 0.6 - 2, size * 1.4, 4);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
          cairo_move_to (cr, lx + size * 1.8, line_y);
          pango_cairo_show_layout (cr, layout);
        }
      lx += size * 3 + w;
      line_height = MAX (line_height, h);
      pango_font_description_free (font);
      g_object_unref (layout);
    }

  return n_series > 0 ? line_y + line_height + 2 : 0;
}

/**
 * palpate_psfs_legend_height:
 *
 * How tall the legend of palpate_psfs_chart_render() is at @width: a page gives the chart this
 * much more room, so that long activity names never squeeze the chart away.
 */
double
palpate_psfs_legend_height (cairo_t                 *cr,
                            const PalpatePsfsSeries *series_list,
                            guint                    n_series,
                            const PalpateTrendStyle *style,
                            double                   width)
{
  return psfs_legend (cr, series_list, n_series, style->font_size, style->font_size * 7, width,
                      FALSE);
}

/**
 * palpate_psfs_chart_render:
 * @series: one line per activity, its ratings at the visits that rated it
 *
 * The Patient-Specific Functional Scale over time: how able the client is at each of their
 * activities, 0 (unable) to 10 (as before), a coloured line each, named in a legend above.
 */
void
palpate_psfs_chart_render (cairo_t                 *cr,
                           const PalpatePsfsSeries *series_list,
                           guint                    n_series,
                           const PalpateTrendStyle *style,
                           double                   width,
                           double                   height)
{
  double size = style->font_size;
  double legend_height;
  double x0 = size * 7, x1 = width - size, y0, y1;
  gint64 t0 = G_MAXINT64, t1 = G_MININT64;

  legend_height = psfs_legend (cr, series_list, n_series, size, x0, width, TRUE);
  for (guint s = 0; s < n_series; s++)
    for (guint p = 0; p < series_list[s].n_points; p++)
      {
        t0 = MIN (t0, series_list[s].points[p].when);
        t1 = MAX (t1, series_list[s].points[p].when);
      }

  y0 = legend_height + size * 1.2;
  y1 = height - size * 2;

  /* The scale: 0 unable, 5, 10 as before. */
  cairo_set_line_width (cr, 1);
  for (int level = 0; level <= 10; level += 5)
    {
      double y = y1 - (y1 - y0) * level / 10.0;
      g_autofree char *label = g_strdup_printf ("%d %s", level,
                                                level == 0 ? _("Unable") :
                                                level == 10 ? _("As before") : "");

      cairo_set_source_rgba (cr, ink[0], ink[1], ink[2], level == 0 ? 0.6 : 0.15);
      cairo_move_to (cr, x0, floor (y) + 0.5);
      cairo_line_to (cr, x1, floor (y) + 0.5);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
      text (cr, g_strstrip (label), size * 0.9, FALSE, x0 - size * 0.5, y, 1, 0.5);
    }

  if (n_series == 0 || t0 > t1)
    {
      cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
      text (cr, _("No activities rated yet"), size, FALSE, (x0 + x1) / 2, (y0 + y1) / 2, 0.5, 0.5);
      return;
    }

  for (guint s = 0; s < n_series; s++)
    {
      const double *rgb = psfs_colors[s % G_N_ELEMENTS (psfs_colors)];

      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_set_line_width (cr, 2);
      cairo_new_path (cr);
      for (guint p = 0; p < series_list[s].n_points; p++)
        {
          const PalpatePsfsPoint *point = &series_list[s].points[p];
          double x = t1 > t0 ? x0 + (x1 - x0) * (double) (point->when - t0) / (t1 - t0)
                             : (x0 + x1) / 2;
          double y = y1 - (y1 - y0) * point->rating / 10.0;

          if (p == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
      for (guint p = 0; p < series_list[s].n_points; p++)
        {
          const PalpatePsfsPoint *point = &series_list[s].points[p];
          double x = t1 > t0 ? x0 + (x1 - x0) * (double) (point->when - t0) / (t1 - t0)
                             : (x0 + x1) / 2;
          double y = y1 - (y1 - y0) * point->rating / 10.0;

          cairo_arc (cr, x, y, 2.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }

  /* The dates at both ends. */
  {
    g_autoptr(GDateTime) first = g_date_time_new_from_unix_local (t0);
    g_autoptr(GDateTime) last = g_date_time_new_from_unix_local (t1);
    g_autofree char *first_text = palpate_format_day (first);
    g_autofree char *last_text = palpate_format_day (last);

    cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
    text (cr, first_text, size * 0.9, FALSE, x0, y1 + size * 0.4, 0, 0);
    if (t1 > t0)
      text (cr, last_text, size * 0.9, FALSE, x1, y1 + size * 0.4, 1, 0);
  }
}

/**
 * palpate_visits_chart_render:
 * @rows: visits by month and therapist, ordered by month
 * @months: the months to show, "YYYY-MM", oldest first
 *
 * Visits per month as bars, each split by therapist, with a legend of the therapists.
 */
void
palpate_visits_chart_render (cairo_t                  *cr,
                             const PalpateMonthVisits *rows,
                             guint                     n_rows,
                             const char * const       *months,
                             const PalpateTrendStyle  *style,
                             double                    width,
                             double                    height)
{
  g_autoptr(GPtrArray) therapists = g_ptr_array_new ();
  guint n_months = g_strv_length ((char **) months);
  double size = style->font_size;
  double x0 = size * 3, x1 = width - size * 0.5, y0, y1;
  double lx = x0, ly = 0, line_height = size * 1.2;
  int top = 0;

  for (guint r = 0; r < n_rows; r++)
    if (!g_ptr_array_find_with_equal_func (therapists, rows[r].therapist, g_str_equal, NULL))
      g_ptr_array_add (therapists, rows[r].therapist);

  for (guint m = 0; m < n_months; m++)
    {
      int total = 0;

      for (guint r = 0; r < n_rows; r++)
        if (g_str_equal (rows[r].month, months[m]))
          total += rows[r].visits;
      top = MAX (top, total);
    }
  top = MAX (10, ((top + 9) / 10) * 10);

  /* The legend, wrapping onto more lines for many or long names. */
  for (guint t = 0; t < therapists->len; t++)
    {
      const double *rgb = psfs_colors[t % G_N_ELEMENTS (psfs_colors)];
      const char *name = *(const char *) therapists->pdata[t] ? therapists->pdata[t]
                                                               : _("No therapist");
      PangoLayout *layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string ("Sans");
      int w, h;

      pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (int) ((width - x0 - size * 1.2) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (layout, name, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      if (lx + size * 1.2 + w > width && lx > x0)
        {
          lx = x0;
          ly += line_height + 2;
          line_height = 0;
        }
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_rectangle (cr, lx, ly + size * 0.2, size * 0.8, size * 0.8);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
      cairo_move_to (cr, lx + size * 1.2, ly);
      pango_cairo_show_layout (cr, layout);
      lx += size * 2.5 + w;
      line_height = MAX (line_height, h);
      pango_font_description_free (font);
      g_object_unref (layout);
    }

  y0 = ly + line_height + size * 1.0;
  y1 = height - size * 1.8;

  cairo_set_line_width (cr, 1);
  for (int level = 0; level <= top; level += top / 2)
    {
      double y = y1 - (y1 - y0) * level / top;
      g_autofree char *label = g_strdup_printf ("%d", level);

      cairo_set_source_rgba (cr, ink[0], ink[1], ink[2], level == 0 ? 0.6 : 0.15);
      cairo_move_to (cr, x0, floor (y) + 0.5);
      cairo_line_to (cr, x1, floor (y) + 0.5);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
      text (cr, label, size * 0.9, FALSE, x0 - size * 0.4, y, 1, 0.5);
    }

  for (guint m = 0; m < n_months; m++)
    {
      double slot = (x1 - x0) / MAX (n_months, 1);
      double bx = x0 + slot * m + slot * 0.18;
      double bw = slot * 0.64;
      double y = y1;
      int year, month;

      for (guint t = 0; t < therapists->len; t++)
        for (guint r = 0; r < n_rows; r++)
          if (g_str_equal (rows[r].month, months[m]) &&
              g_str_equal (rows[r].therapist, therapists->pdata[t]))
            {
              const double *rgb = psfs_colors[t % G_N_ELEMENTS (psfs_colors)];
              double h = (y1 - y0) * rows[r].visits / top;

              cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
              cairo_rectangle (cr, bx, y - h, bw, h);
              cairo_fill (cr);
              y -= h;
            }

      if (palpate_date_parse_month (months[m], &year, &month, NULL))
        {
          g_autoptr(GDateTime) date = g_date_time_new_local (year, month, 1, 0, 0, 0);
          /* The year under January and the first bar; the other bars need the month alone. */
          g_autofree char *label = month == 1 || m == 0 ? palpate_format_month_short (date)
                                                        : g_date_time_format (date, "%b");

          cairo_set_source_rgb (cr, ink[0], ink[1], ink[2]);
          text (cr, label, size * 0.85, FALSE, bx + bw / 2, y1 + size * 0.3, 0.5, 0);
        }
    }
}
