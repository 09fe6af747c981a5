/* test-date.c — dates are read strictly and written through the translatable formats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "palpate-core-error.h"
#include "palpate-date.h"

static void
test_date_parse_valid (void)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_assert_true (palpate_date_parse ("2024-02-29", &date, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_year (&date), ==, 2024);
  g_assert_cmpint (g_date_get_month (&date), ==, 2);
  g_assert_cmpint (g_date_get_day (&date), ==, 29);
}

static void
test_date_parse_refused (void)
{
  const char *bad[] = {
    "", "2026", "2026-3-31", "2026-03-31x", "2026-03-31 ", " 2026-03-31", "2026-02-30",
    "2023-02-29", "2026-13-01", "2026-00-10", "0000-01-01", "9999-12-31", "2026/03/31",
    "+026-03-31", "2026-03-3١",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      g_assert_false (palpate_date_parse (bad[i], &date, &error));
      g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
      g_assert_true (strstr (error->message, "year-month-day") != NULL);
      g_assert_false (g_date_valid (&date));
    }
}

static void
test_date_parse_month (void)
{
  g_autoptr(GError) error = NULL;
  int year = 0, month = 0;

  g_assert_true (palpate_date_parse_month ("2026-03", &year, &month, &error));
  g_assert_cmpint (year, ==, 2026);
  g_assert_cmpint (month, ==, 3);

  g_assert_false (palpate_date_parse_month ("2026-13", &year, &month, &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (palpate_date_parse_month ("2026-03-01", &year, &month, &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
}

static void
test_date_age (void)
{
  GDate birth, day;

  g_date_set_dmy (&birth, 29, 2, 2000);
  g_date_set_dmy (&day, 28, 2, 2026);
  g_assert_cmpint (palpate_date_age_on (&birth, &day), ==, 25);
  g_date_set_dmy (&day, 1, 3, 2026);
  g_assert_cmpint (palpate_date_age_on (&birth, &day), ==, 26);
}

static void
test_date_formats (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = g_date_time_new (utc, 2026, 3, 31, 14, 30, 0);
  g_autofree char *day = NULL;
  g_autofree char *day_long = NULL;
  g_autofree char *month = NULL;

  /* The tests run in UTC, so that the local day is the one written. */
  day = palpate_format_day (when);
  day_long = palpate_format_day_long (when);
  month = palpate_format_month (when);
  g_assert_cmpstr (day, ==, "31 Mar 2026");
  g_assert_cmpstr (day_long, ==, "31 March 2026");
  g_assert_cmpstr (month, ==, "March 2026");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/Date/parse-valid", test_date_parse_valid);
  g_test_add_func ("/Palpate/Date/parse-refused", test_date_parse_refused);
  g_test_add_func ("/Palpate/Date/parse-month", test_date_parse_month);
  g_test_add_func ("/Palpate/Date/age", test_date_age);
  g_test_add_func ("/Palpate/Date/formats", test_date_formats);

  return g_test_run ();
}
