/* test-questionnaire.c — the NDI and the Oswestry as the client reads and the report scores
 * them, checked against the instruments' published worked examples
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "palpate-questionnaire.h"

static void
test_questionnaire_wording (void)
{
  for (int q = PALPATE_INSTRUMENT_NDI; q <= PALPATE_INSTRUMENT_ODI; q++)
    {
      g_assert_nonnull (palpate_questionnaire_get_source (q));
      g_assert_cmpuint (strlen (palpate_questionnaire_get_instructions (q)), >, 100);
      for (guint s = 0; s < PALPATE_QUESTIONNAIRE_N_SECTIONS; s++)
        {
          g_assert_cmpuint (strlen (palpate_questionnaire_get_section (q, s)), >, 3);
          for (guint i = 0; i < PALPATE_QUESTIONNAIRE_N_STATEMENTS; i++)
            g_assert_cmpuint (strlen (palpate_questionnaire_get_statement (q, s, i)), >, 10);
        }
    }

  /* The sections that tell the two instruments apart. */
  g_assert_cmpstr (palpate_questionnaire_get_section (PALPATE_INSTRUMENT_NDI, 4), ==,
                   "Headaches");
  g_assert_cmpstr (palpate_questionnaire_get_section (PALPATE_INSTRUMENT_ODI, 3), ==,
                   "Walking");
  g_assert_cmpstr (palpate_questionnaire_get_statement (PALPATE_INSTRUMENT_ODI, 9, 5), ==,
                   "Pain prevents me from travelling except to receive treatment.");
  g_assert_true (palpate_questionnaire_section_optional (PALPATE_INSTRUMENT_ODI, 7));
  g_assert_false (palpate_questionnaire_section_optional (PALPATE_INSTRUMENT_NDI, 7));
}

/* Fairbank and Pynsent's scoring instructions: "16 (total scored) ÷ 50 (total possible) × 100
 * = 32 %"; with one section missed, "16 ÷ 45 × 100 = 35.5 %". */
static void
test_questionnaire_odi_worked_example (void)
{
  const int all[10] = { 2, 2, 1, 2, 2, 1, 2, 1, 2, 1 };
  const int one_missed[10] = { 2, 2, 1, 2, 2, 1, 2, -1, 2, 2 };
  g_autofree char *text = NULL;
  guint answered;

  g_assert_cmpfloat_with_epsilon (palpate_questionnaire_score (PALPATE_INSTRUMENT_ODI, all,
                                                               &answered), 32.0, 1e-9);
  g_assert_cmpuint (answered, ==, 10);
  g_assert_cmpfloat_with_epsilon (palpate_questionnaire_score (PALPATE_INSTRUMENT_ODI,
                                                               one_missed, &answered),
                                  100.0 * 16 / 45, 1e-9);
  g_assert_cmpuint (answered, ==, 9);
  g_assert_cmpfloat (palpate_questionnaire_score (PALPATE_INSTRUMENT_ODI,
                                                 (const int[10]) { 2, 2, 1, 2, 2, 1, 2, -1, -1, -1 },
                                                 NULL), <, 0);
  g_assert_cmpstr (palpate_questionnaire_band (PALPATE_INSTRUMENT_ODI, 32), ==,
                   "Moderate disability");

  text = palpate_questionnaire_describe_score (PALPATE_INSTRUMENT_ODI, all);
  g_assert_cmpstr (text, ==, "32 % · Moderate disability");
}

/* Vernon and Mior: the sum of ten sections, 0–50; 16 points is moderate (15–24). Prorated to 50
 * with one or two sections unanswered, not scored with more (Vernon 2008). */
static void
test_questionnaire_ndi_worked_example (void)
{
  const int all[10] = { 2, 2, 1, 2, 2, 1, 2, 1, 2, 1 };
  const int one_missed[10] = { 2, 2, 1, 2, 2, 1, 2, -1, 2, 2 };
  const int three_missed[10] = { 2, 2, 1, 2, 2, 1, 2, -1, -1, -1 };
  g_autofree char *text = NULL;
  g_autofree char *not_scored = NULL;

  g_assert_cmpfloat_with_epsilon (palpate_questionnaire_score (PALPATE_INSTRUMENT_NDI, all,
                                                               NULL), 16.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (palpate_questionnaire_score (PALPATE_INSTRUMENT_NDI,
                                                               one_missed, NULL),
                                  50.0 * 16 / 45, 1e-9);
  g_assert_cmpfloat (palpate_questionnaire_score (PALPATE_INSTRUMENT_NDI, three_missed, NULL),
                     <, 0);

  text = palpate_questionnaire_describe_score (PALPATE_INSTRUMENT_NDI, all);
  g_assert_cmpstr (text, ==, "16 of 50 · Moderate disability");
  not_scored = palpate_questionnaire_describe_score (PALPATE_INSTRUMENT_NDI, three_missed);
  g_assert_true (g_str_has_prefix (not_scored, "Not scored"));
}

/* NDI 7.5 of 50 points (Young et al. 2009); ODI 10 percentage points (Ostelo et al. 2008). */
static void
test_questionnaire_minimal_change (void)
{
  g_assert_true (palpate_questionnaire_change_meaningful (PALPATE_INSTRUMENT_NDI, 20, 12));
  g_assert_true (palpate_questionnaire_change_meaningful (PALPATE_INSTRUMENT_NDI, 20, 12.5));
  g_assert_false (palpate_questionnaire_change_meaningful (PALPATE_INSTRUMENT_NDI, 20, 13));
  g_assert_true (palpate_questionnaire_change_meaningful (PALPATE_INSTRUMENT_ODI, 40, 30));
  g_assert_false (palpate_questionnaire_change_meaningful (PALPATE_INSTRUMENT_ODI, 40, 31));
  g_assert_false (palpate_questionnaire_change_meaningful (PALPATE_INSTRUMENT_ODI, -1, 31));
}

static void
test_questionnaire_keys (void)
{
  PalpateInstrument    q;

  g_assert_true (palpate_questionnaire_from_key ("ndi", &q));
  g_assert_cmpint (q, ==, PALPATE_INSTRUMENT_NDI);
  g_assert_true (palpate_questionnaire_from_key ("odi", &q));
  g_assert_cmpstr (palpate_questionnaire_get_key (q), ==, "odi");
  g_assert_false (palpate_questionnaire_from_key ("sf-36", &q));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/Questionnaire/wording", test_questionnaire_wording);
  g_test_add_func ("/Palpate/Questionnaire/odi-worked-example",
                   test_questionnaire_odi_worked_example);
  g_test_add_func ("/Palpate/Questionnaire/ndi-worked-example",
                   test_questionnaire_ndi_worked_example);
  g_test_add_func ("/Palpate/Questionnaire/minimal-change", test_questionnaire_minimal_change);
  g_test_add_func ("/Palpate/Questionnaire/keys", test_questionnaire_keys);

  return g_test_run ();
}
