/* test-record-rules.c — how long a record is kept, and which areas need written consent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "palpate-core-error.h"
#include "palpate-record-rules.h"

static void
assert_date (const GDate *date,
             int          year,
             int          month,
             int          day)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpint (g_date_get_year (date), ==, year);
  g_assert_cmpint (g_date_get_month (date), ==, month);
  g_assert_cmpint (g_date_get_day (date), ==, day);
}

static void
test_retention_adult (void)
{
  GDate last, birth, until, today;

  g_date_set_dmy (&last, 15, 6, 2020);
  g_date_set_dmy (&birth, 2, 1, 1970);
  g_assert_true (palpate_retention_keep_until (PALPATE_JURISDICTION_ONTARIO, 0, &last, &birth,
                                               &until));
  assert_date (&until, 2030, 6, 15);

  g_date_set_dmy (&today, 14, 6, 2030);
  g_assert_false (palpate_retention_is_due (&until, &today));
  g_date_set_dmy (&today, 15, 6, 2030);
  g_assert_true (palpate_retention_is_due (&until, &today));
}

/* A client last seen at 12 is kept ten years from their 18th birthday, not from the visit. */
static void
test_retention_minor (void)
{
  GDate last, birth, until;

  g_date_set_dmy (&last, 1, 9, 2020);
  g_date_set_dmy (&birth, 10, 3, 2008);
  g_assert_true (palpate_retention_keep_until (PALPATE_JURISDICTION_ONTARIO, 0, &last, &birth,
                                               &until));
  assert_date (&until, 2036, 3, 10);

  /* Unknown birth date: from the last visit. */
  g_assert_true (palpate_retention_keep_until (PALPATE_JURISDICTION_ONTARIO, 0, &last, NULL,
                                               &until));
  assert_date (&until, 2030, 9, 1);
}

static void
test_retention_custom (void)
{
  GDate last, until;

  g_date_set_dmy (&last, 29, 2, 2024);
  g_assert_true (palpate_retention_keep_until (PALPATE_JURISDICTION_CUSTOM, 7, &last, NULL,
                                               &until));
  assert_date (&until, 2031, 2, 28);

  g_assert_false (palpate_retention_keep_until (PALPATE_JURISDICTION_CUSTOM, 7, NULL, NULL,
                                                &until));
  g_assert_false (g_date_valid (&until));
}

static void
test_sensitive_regions (void)
{
  g_assert_cmpint (palpate_sensitive_area_for_region ("pectoralis-left"), ==,
                   PALPATE_SENSITIVE_AREA_CHEST_WALL);
  g_assert_cmpint (palpate_sensitive_area_for_region ("adductors-right"), ==,
                   PALPATE_SENSITIVE_AREA_INNER_THIGH);
  g_assert_cmpint (palpate_sensitive_area_for_region ("gluteus-maximus-left"), ==,
                   PALPATE_SENSITIVE_AREA_GLUTEAL);
  g_assert_cmpint (palpate_sensitive_area_for_region ("piriformis-right"), ==,
                   PALPATE_SENSITIVE_AREA_GLUTEAL);
  g_assert_cmpint (palpate_sensitive_area_for_region ("trapezius-upper-left"), ==,
                   PALPATE_SENSITIVE_AREA_NONE);
  g_assert_cmpint (palpate_sensitive_area_for_region (NULL), ==, PALPATE_SENSITIVE_AREA_NONE);

  for (guint a = PALPATE_SENSITIVE_AREA_CHEST_WALL; a < PALPATE_N_SENSITIVE_AREAS; a++)
    g_assert_cmpint (palpate_sensitive_area_from_key (palpate_sensitive_area_get_key (a)), ==, a);
}

static void
test_sensitive_consent (void)
{
  g_autoptr(GError) error = NULL;
  PalpateSensitiveArea gluteal = PALPATE_SENSITIVE_AREA_GLUTEAL;

  g_assert_true (palpate_sensitive_area_check (PALPATE_SENSITIVE_AREA_NONE, FALSE, FALSE, FALSE,
                                               &error));
  g_assert_no_error (error);

  g_assert_false (palpate_sensitive_area_check (gluteal, FALSE, FALSE, TRUE, &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "written consent"));
  g_clear_error (&error);

  g_assert_false (palpate_sensitive_area_check (gluteal, TRUE, FALSE, FALSE, &error));
  g_assert_nonnull (strstr (error->message, "verbal consent"));
  g_clear_error (&error);

  g_assert_false (palpate_sensitive_area_check (gluteal, TRUE, TRUE, TRUE, &error));
  g_assert_nonnull (strstr (error->message, "refused"));
  g_clear_error (&error);

  g_assert_true (palpate_sensitive_area_check (gluteal, TRUE, FALSE, TRUE, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/RecordRules/retention-adult", test_retention_adult);
  g_test_add_func ("/Palpate/RecordRules/retention-minor", test_retention_minor);
  g_test_add_func ("/Palpate/RecordRules/retention-custom", test_retention_custom);
  g_test_add_func ("/Palpate/RecordRules/sensitive-regions", test_sensitive_regions);
  g_test_add_func ("/Palpate/RecordRules/sensitive-consent", test_sensitive_consent);

  return g_test_run ();
}
