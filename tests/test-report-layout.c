/* test-report-layout.c — progress reports laid out on pages: long tables and fields flow
 * onto more pages, long names wrap, and the client's handout stays plain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "palpate-atlas.h"
#include "palpate-date.h"
#include "palpate-demo-clinic.h"
#include "palpate-report.h"
#include "palpate-rules.h"
#include "palpate-store-private.h"
#include "palpate-test-report.h"
#include "palpate-test-utils.h"

/* Text made of numbered sentences, exactly @length characters long. */
static char *
long_text (const char *what,
           glong       length)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 1; (glong) text->len < length; i++)
    g_string_append_printf (text, "%s sentence %u says something worth keeping. ", what, i);
  g_string_truncate (text, length - 1);
  g_string_append_c (text, '.');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A name of @length characters made of words, so that it wraps. */
static char *
long_name (const char *word,
           glong       length)
{
  g_autoptr(GString) name = g_string_new (NULL);

  while ((glong) name->len < length)
    g_string_append_printf (name, "%s%s", name->len ? " " : "", word);
  g_string_truncate (name, length);
  g_strchomp (name->str);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* A hundred visits flow onto several pages, the table's heading repeated on each. */
static void
test_report_flows_onto_pages (PalpateTestReport *fixture,
                              gconstpointer      user_data)
{
  gint64 client = palpate_test_report_add_client (fixture, "Priya Patel");
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  guint headings = 0;

  for (int i = 0; i < 100; i++)
    palpate_test_report_add_visit (fixture, client, 400 - 4 * i, 8 - i / 20, 5 - i / 25);

  pdf = palpate_test_report_write (fixture, client, "hundred.pdf");
  text = palpate_test_pdf_text (pdf);
  g_assert_cmpint (palpate_test_pdf_pages (pdf), >=, 3);
  for (const char *p = text; (p = strstr (p, "Therapist")) != NULL; p++)
    headings++;
  g_assert_cmpuint (headings, >=, 3);
  g_assert_nonnull (strstr (text, "page 3 of"));
}

/* The client's handout: plain words, their own data, no clinical notes. */
static void
test_report_handout (PalpateTestReport *fixture,
                     gconstpointer      user_data)
{
  gint64 client = palpate_test_report_add_client (fixture, "Leila Haddad");
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "handout.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(PalpateReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 visit;

  palpate_test_report_add_visit (fixture, client, 40, 8, 6);
  visit = palpate_test_report_add_draft (fixture, client, 2, 4, 2);
  {
    g_autoptr(PalpateVisit) stored = palpate_store_get_visit (fixture->store, visit, NULL);

    palpate_visit_set_objective (stored, "Hypertonic QL, guarding on palpation");
    palpate_visit_set_home_care (stored, "Cat-cow stretch, ten times each morning");
    g_assert_true (palpate_store_save_visit (fixture->store, stored, NULL));
    g_assert_true (palpate_store_sign_visit (fixture->store, stored, "Maria Rossi", NULL));
  }

  report = palpate_report_new (fixture->store, client, NULL, NULL, &error);
  g_assert_no_error (error);
  palpate_report_set_for_client (report, TRUE);
  g_assert_true (palpate_report_write_pdf (report, PALPATE_PAPER_LETTER, pdf, &error));
  g_assert_no_error (error);
  text = palpate_test_pdf_text (pdf);

  g_assert_true (palpate_test_contains (text, "Leila, here is your progress"));
  g_assert_true (palpate_test_contains (text, "went from 8 to 4"));
  g_assert_true (palpate_test_contains (text, "a real improvement"));
  g_assert_true (palpate_test_contains (text, "Cat-cow stretch, ten times each morning"));
  g_assert_true (palpate_test_contains (text, "Lift the grandchildren again."));
  g_assert_false (palpate_test_contains (text, "Hypertonic"));
  g_assert_false (palpate_test_contains (text, "signature"));
  g_assert_false (palpate_test_contains (text, "Active trigger point"));
}

/* A field at its longest allowed length is printed whole, flowing over pages, on A4 and
 * Letter, in the report and the handout. */
static void
test_report_long_fields (PalpateTestReport *fixture,
                         gconstpointer      user_data)
{
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autofree char *goals = long_text ("Goal", PALPATE_SHORT_TEXT_MAX_CHARS);
  /* Home care may hold 500,000 characters; at that length the test takes minutes under the
   * sanitizers, so the suite checks 60,000 (some fifteen pages, far past where the handout used
   * to cut) and PALPATE_TEST_FULL_LENGTH=1 checks the whole allowed length. */
  glong home_care_length = g_getenv ("PALPATE_TEST_FULL_LENGTH") ? PALPATE_NOTE_MAX_CHARS : 60000;
  g_autofree char *home_care = long_text ("Home care", home_care_length);
  g_autoptr(GError) error = NULL;
  gint64 visit;
  const PalpatePaper papers[] = { PALPATE_PAPER_A4, PALPATE_PAPER_LETTER };

  palpate_client_set_name (client, "Ngozi Adeyemi-Okonkwo");
  palpate_client_set_goals (client, goals);
  g_assert_true (palpate_store_save_client (fixture->store, client, &error));
  g_assert_no_error (error);
  palpate_test_report_add_visit (fixture, palpate_client_get_id (client), 20, 7, 5);
  visit = palpate_test_report_add_draft (fixture, palpate_client_get_id (client), 2, 5, 3);
  {
    g_autoptr(PalpateVisit) stored = palpate_store_get_visit (fixture->store, visit, NULL);

    palpate_visit_set_home_care (stored, home_care);
    g_assert_true (palpate_store_save_visit (fixture->store, stored, &error));
    g_assert_no_error (error);
  }
  palpate_test_report_sign (fixture, visit);

  for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
    for (guint handout = 0; handout < 2; handout++)
      {
        g_autofree char *name = g_strdup_printf ("long-%u-%u.pdf", p, handout);
        g_autofree char *pdf = palpate_test_report_write_full (fixture,
                                                               palpate_client_get_id (client),
                                                               name, PALPATE_VISITS_SIGNED,
                                                               handout, papers[p]);
        g_autofree char *all_text = palpate_test_pdf_text (pdf);
        g_autofree char *text = palpate_test_without_footers (all_text);

        /* Every sentence, in full and in order: nothing cut at a page's foot. */
        if (!palpate_test_contains (text, goals))
          g_error ("The goals are not whole on paper %u (handout %u)", p, handout);
        if (handout && !palpate_test_contains (text, home_care))
          g_error ("The home care is not whole on paper %u", p);
        g_assert_cmpint (palpate_test_pdf_pages (pdf), >=, 3);
      }
}

/* Names at their longest: the client's, five everyday activities' and the therapist's are
 * printed whole (the activities' legend wraps, never cut), in the report and the handout. */
static void
test_report_long_names (PalpateTestReport *fixture,
                        gconstpointer      user_data)
{
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(PalpateTherapist) therapist = palpate_therapist_new ();
  g_autofree char *client_name = long_name ("Guðmundsdóttir-Wolfeschlegelsteinhausen",
                                            PALPATE_NAME_MAX_CHARS);
  g_autofree char *therapist_name = long_name ("Anastasiya", PALPATE_NAME_MAX_CHARS);
  g_auto(GStrv) activities = g_new0 (char *, PALPATE_PSFS_MAX_ACTIVITIES + 1);
  g_autoptr(GArray) activity_ids = NULL;
  g_autoptr(GError) error = NULL;

  for (guint a = 0; a < PALPATE_PSFS_MAX_ACTIVITIES; a++)
    {
      g_autofree char *word = g_strdup_printf ("activity%u", a + 1);

      activities[a] = long_name (word, PALPATE_NAME_MAX_CHARS);
    }
  palpate_client_set_name (client, client_name);
  palpate_client_set_activities (client, (const char * const *) activities);
  g_assert_true (palpate_store_save_client (fixture->store, client, &error));
  g_assert_no_error (error);
  palpate_therapist_set_name (therapist, therapist_name);
  g_assert_true (palpate_store_save_therapist (fixture->store, therapist, &error));
  g_assert_no_error (error);
  activity_ids = palpate_store_list_activity_ids (fixture->store, palpate_client_get_id (client),
                                                  &error);
  g_assert_no_error (error);

  for (int v = 0; v < 3; v++)
    {
      gint64 id = palpate_test_report_add_draft (fixture, palpate_client_get_id (client),
                                                 30 - 10 * v, 7 - v, 5 - v);
      g_autoptr(PalpateVisit) visit = palpate_store_get_visit (fixture->store, id, NULL);

      palpate_visit_set_therapist_id (visit, palpate_therapist_get_id (therapist));
      g_assert_true (palpate_store_save_visit (fixture->store, visit, &error));
      for (guint a = 0; a < activity_ids->len; a++)
        g_assert_true (palpate_store_set_psfs_rating (fixture->store, id,
                                                      g_array_index (activity_ids, gint64, a),
                                                      2 + v + a, &error));
      palpate_test_report_sign (fixture, id);
    }

  for (guint handout = 0; handout < 2; handout++)
    {
      g_autofree char *name = g_strdup_printf ("long-names-%u.pdf", handout);
      g_autofree char *pdf = palpate_test_report_write_full (fixture,
                                                             palpate_client_get_id (client),
                                                             name, PALPATE_VISITS_SIGNED,
                                                             handout, PALPATE_PAPER_A4);
      g_autofree char *all_text = palpate_test_pdf_text (pdf);
      g_autofree char *text = palpate_test_without_footers (all_text);

      if (!handout)
        {
          g_assert_true (palpate_test_contains (text, client_name));
          g_assert_true (palpate_test_contains (text, therapist_name));
        }
      for (guint a = 0; a < PALPATE_PSFS_MAX_ACTIVITIES; a++)
        if (!palpate_test_contains (text, activities[a]))
          g_error ("Activity %u is cut (handout %u)", a + 1, handout);
    }

  /* PALPATE_TEST_KEEP=DIR keeps the clinic too, to look at its overview. */
  if (g_getenv ("PALPATE_TEST_KEEP") != NULL)
    {
      g_autofree char *kept = g_build_filename (g_getenv ("PALPATE_TEST_KEEP"),
                                                "long-names.sqlite3", NULL);

      g_assert_true (palpate_store_backup_to (fixture->store, kept, &error));
    }
}

/* The handout says how pain went, not "stayed at 7" when it ranged from 5 to 8. */
static void
test_report_handout_range (PalpateTestReport *fixture,
                           gconstpointer      user_data)
{
  gint64 client = palpate_test_report_add_client (fixture, "Sione Taufa");
  gint64 steady = palpate_test_report_add_client (fixture, "Hana Kobayashi");
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  palpate_test_report_add_visit (fixture, client, 40, 7, 6);
  palpate_test_report_add_visit (fixture, client, 30, 5, 4);
  palpate_test_report_add_visit (fixture, client, 20, 8, 6);
  palpate_test_report_add_visit (fixture, client, 10, 7, 5);
  pdf = palpate_test_report_write_full (fixture, client, "range.pdf", PALPATE_VISITS_SIGNED, TRUE,
                                        PALPATE_PAPER_A4);
  text = palpate_test_pdf_text (pdf);
  g_assert_false (palpate_test_contains (text, "stayed at"));
  g_assert_true (palpate_test_contains (text, "in between it went from 5 to 8"));
  g_clear_pointer (&pdf, g_free);
  g_clear_pointer (&text, g_free);

  palpate_test_report_add_visit (fixture, steady, 20, 6, 5);
  palpate_test_report_add_visit (fixture, steady, 10, 6, 4);
  pdf = palpate_test_report_write_full (fixture, steady, "steady.pdf", PALPATE_VISITS_SIGNED, TRUE,
                                        PALPATE_PAPER_A4);
  text = palpate_test_pdf_text (pdf);
  g_assert_true (palpate_test_contains (text, "has stayed at 6 out of 10"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/Palpate/Report/" name, PalpateTestReport, NULL, palpate_test_report_set_up, \
              func, palpate_test_report_tear_down)

  ADD ("flows-onto-pages", test_report_flows_onto_pages);
  ADD ("handout", test_report_handout);
  ADD ("long-fields", test_report_long_fields);
  ADD ("long-names", test_report_long_names);
  ADD ("handout-range", test_report_handout_range);

  return g_test_run ();
}
