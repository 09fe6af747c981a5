/* palpate-date.c — reading the dates a therapist types or the file holds, and writing them in
 * the words of the reader's language
 *
 * Dates are read strictly: "2026-03-31" and nothing after it, a day that exists, a year a
 * clinical record can hold. Every date shown goes through one of the format functions here, so
 * that a translation sets the order of day, month and year once for the whole program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-date"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-core-error.h"
#include "palpate-date.h"

/* Years outside this range are typing mistakes in a clinical record, and GDateTime cannot hold
 * all of them. */
#define FIRST_YEAR 1850
#define LAST_YEAR 2200

/* Reads @n_digits digits at *@p, and moves past them. */
static gboolean
read_number (const char **p,
             guint        n_digits,
             int         *value)
{
  *value = 0;
  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      *value = *value * 10 + g_ascii_digit_value ((*p)[i]);
    }

  *p += n_digits;
  return TRUE;
}

/**
 * palpate_date_parse:
 * @text: a date written as year-month-day ("2026-03-31")
 * @date: (out caller-allocates): the day
 * @error: a sentence saying how to write the date, when @text is not one
 *
 * Returns: whether @text is a day that exists, with nothing before or after it
 */
gboolean
palpate_date_parse (const char *text,
                    GDate      *date,
                    GError    **error)
{
  const char *p = text;
  int year, month, day;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL ||
      !read_number (&p, 4, &year) || *p++ != '-' ||
      !read_number (&p, 2, &month) || *p++ != '-' ||
      !read_number (&p, 2, &day) || *p != '\0' ||
      year < FIRST_YEAR || year > LAST_YEAR ||
      !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("“%s” is not a date; write it as year-month-day, for example 2026-03-31."),
                   text ? text : "");
      return FALSE;
    }

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/**
 * palpate_date_parse_month:
 * @text: a month written as year-month ("2026-03")
 *
 * Returns: whether @text is a month, with nothing before or after it
 */
gboolean
palpate_date_parse_month (const char *text,
                          int        *year,
                          int        *month,
                          GError    **error)
{
  const char *p = text;
  int y, m;

  if (text == NULL ||
      !read_number (&p, 4, &y) || *p++ != '-' ||
      !read_number (&p, 2, &m) || *p != '\0' ||
      y < FIRST_YEAR || y > LAST_YEAR || m < 1 || m > 12)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("“%s” is not a month; write it as year-month, for example 2026-03."),
                   text ? text : "");
      return FALSE;
    }

  *year = y;
  *month = m;
  return TRUE;
}

/* Whole years from @birth to @day: a birthday not yet reached this year does not count. */
int
palpate_date_age_on (const GDate *birth,
                     const GDate *day)
{
  int age;

  g_return_val_if_fail (g_date_valid (birth) && g_date_valid (day), 0);

  age = g_date_get_year (day) - g_date_get_year (birth);
  if (g_date_get_month (day) < g_date_get_month (birth) ||
      (g_date_get_month (day) == g_date_get_month (birth) &&
       g_date_get_day (day) < g_date_get_day (birth)))
    age--;

  return age;
}

static char *
format_local (GDateTime  *when,
              const char *format)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  local = g_date_time_to_local (when);
  return g_date_time_format (local != NULL ? local : when, format);
}

/* A day in lists and charts: "31 Mar 2026". */
char *
palpate_format_day (GDateTime *when)
{
  /* Translators: a day in lists and charts, as g_date_time_format () writes it ("31 Mar 2026");
   * put the day, month and year in your language's order, keeping %-d, %b and %Y. */
  return format_local (when, C_("date format", "%-d %b %Y"));
}

/* A day in sentences and headings: "31 March 2026". */
char *
palpate_format_day_long (GDateTime *when)
{
  /* Translators: a day in sentences and headings ("31 March 2026"); keep %-d, %B and %Y. */
  return format_local (when, C_("date format", "%-d %B %Y"));
}

/* A visit's day and time: "31 March 2026, 14:30". */
char *
palpate_format_day_time (GDateTime *when)
{
  /* Translators: a visit's day and time ("31 March 2026, 14:30"); keep %-d, %B, %Y, %H and
   * %M. */
  return format_local (when, C_("date format", "%-d %B %Y, %H:%M"));
}

/* A month in headings: "March 2026". */
char *
palpate_format_month (GDateTime *when)
{
  /* Translators: a month in headings ("March 2026"); keep %B and %Y. */
  return format_local (when, C_("date format", "%B %Y"));
}

/* A month on a chart's axis: "Mar 2026". */
char *
palpate_format_month_short (GDateTime *when)
{
  /* Translators: a month on a chart's axis ("Mar 2026"); keep %b and %Y. */
  return format_local (when, C_("date format", "%b %Y"));
}
