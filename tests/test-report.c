/* test-report.c — progress reports as PDF: what they say of the visits, the outcome,
 * drafts, amendments, consents and the client's own ratings
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

/* The report of a demo client says what the file holds: name, dates, every before/after. */
static void
test_report_demo_client (PalpateTestReport *fixture,
                         gconstpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  PalpateClient *client;

  g_assert_true (palpate_demo_clinic_write (fixture->store, PALPATE_DEMO_SMALL, 1,
                                            palpate_atlas_place_in_region,
                                            palpate_atlas_get_default (), &error));
  clients = palpate_store_search_clients (fixture->store, NULL, 1, &error);
  client = clients->pdata[0];
  visits = palpate_store_list_visits (fixture->store, palpate_client_get_id (client), &error);
  g_assert_cmpuint (visits->len, >, 3);

  pdf = palpate_test_report_write (fixture, palpate_client_get_id (client), "demo.pdf");
  text = palpate_test_pdf_text (pdf);

  g_assert_nonnull (strstr (text, "Progress Report"));
  g_assert_nonnull (strstr (text, palpate_client_get_name (client)));
  g_assert_nonnull (strstr (text, "Riverside Massage Therapy"));
  for (guint i = 0; i < visits->len; i++)
    {
      PalpateVisit *visit = visits->pdata[i];
      g_autofree char *date = palpate_format_day (palpate_visit_get_started_at (visit));
      g_autofree char *pain = g_strdup_printf ("%d → %d", palpate_visit_get_pain_before (visit),
                                               palpate_visit_get_pain_after (visit));

      /* Signed visits, every one; a draft has no place in a report of signed notes. */
      if (palpate_visit_get_status (visit) != PALPATE_VISIT_SIGNED)
        continue;
      g_assert_nonnull (strstr (text, date));
      g_assert_true (palpate_test_contains (text, pain));
    }
  g_assert_false (palpate_test_contains (text, "Draft (unsigned)"));
  g_assert_true (palpate_test_contains (text, "signed notes only"));
  g_assert_nonnull (strstr (text, "Body Chart: First and Latest Visit"));
  g_assert_nonnull (strstr (text, "page 1 of"));
}

/* No visits, or one: a sensible report, no empty axis or division by zero. */
static void
test_report_few_visits (PalpateTestReport *fixture,
                        gconstpointer      user_data)
{
  gint64 none = palpate_test_report_add_client (fixture, "Nadia Novak");
  gint64 one = palpate_test_report_add_client (fixture, "Owen Okafor");
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  pdf = palpate_test_report_write (fixture, none, "none.pdf");
  text = palpate_test_pdf_text (pdf);
  g_assert_cmpint (palpate_test_pdf_pages (pdf), ==, 1);
  g_assert_nonnull (strstr (text, "Nadia Novak"));
  g_assert_nonnull (strstr (text, "No visits in this period"));
  /* No chart with an empty axis. */
  g_assert_null (strstr (text, "Worst imaginable"));
  g_assert_null (strstr (text, "nan"));
  g_clear_pointer (&pdf, g_free);
  g_clear_pointer (&text, g_free);

  palpate_test_report_add_visit (fixture, one, 3, 6, 4);
  pdf = palpate_test_report_write (fixture, one, "one.pdf");
  text = palpate_test_pdf_text (pdf);
  g_assert_cmpint (palpate_test_pdf_pages (pdf), <=, 2);
  g_assert_true (palpate_test_contains (text, "6 → 4"));
  g_assert_nonnull (strstr (text, "Body Chart"));
  g_assert_true (palpate_test_contains (text, "No later rating to compare yet"));
  g_assert_null (strstr (text, "nan"));
  g_assert_null (strstr (text, "inf"));
}

/* The sentence and the chart agree on every pair of (first, latest), and say no more than the
 * rule: a fall of ≥ 2 points or ≥ 30 % from a baseline of at least 4 (Farrar 2001). */
static void
test_report_meaningful_change (PalpateTestReport *fixture,
                               gconstpointer      user_data)
{
  const struct { int first, middle, latest; gboolean meaningful; const char *words; } cases[] = {
    { 7, -1, 5, TRUE, "a meaningful improvement by the rule below" },
    { 8, -1, 7, FALSE, "lower, but not a meaningful change" },
    { 1, -1, 0, FALSE, "from a first rating below 4 the rule below does not apply" },
    { 2, -1, 1, FALSE, "from a first rating below 4 the rule below does not apply" },
    { 3, -1, 2, FALSE, "from a first rating below 4 the rule below does not apply" },
    { 3, -1, 4, FALSE, "higher than at the first visit" },
    { 4, -1, 6, FALSE, "higher than at the first visit" },
    { 4, -1, 2, TRUE, "a meaningful improvement by the rule below" },
    { 10, -1, 8, TRUE, "a meaningful improvement by the rule below" },
    { 7, -1, 6, FALSE, "lower, but not a meaningful change" },
    { 6, -1, 6, FALSE, "and 6 at the latest visit" },
    { 8, 5, 7, FALSE, "lower, but not a meaningful change" },   /* a dip that did not last */
    { 8, 7, 5, TRUE, "a meaningful improvement by the rule below" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("Client %u", i);
      g_autofree char *file = g_strdup_printf ("change-%u.pdf", i);
      g_autofree char *handout_file = g_strdup_printf ("handout-%u.pdf", i);
      gint64 client = palpate_test_report_add_client (fixture, name);
      g_autofree char *pdf = NULL;
      g_autofree char *text = NULL;
      g_autofree char *handout = NULL;
      g_autofree char *handout_text = NULL;
      g_autofree char *expected = NULL;

      palpate_test_report_add_visit (fixture, client, 30, cases[i].first, cases[i].first);
      if (cases[i].middle >= 0)
        palpate_test_report_add_visit (fixture, client, 15, cases[i].middle, cases[i].middle);
      palpate_test_report_add_visit (fixture, client, 1, cases[i].latest, cases[i].latest);
      pdf = palpate_test_report_write (fixture, client, file);
      text = palpate_test_pdf_text (pdf);
      expected = cases[i].first == cases[i].latest
                 ? g_strdup_printf ("was %d at the first rated visit", cases[i].first)
                 : g_strdup_printf ("went from %d at the first rated visit", cases[i].first);
      if (!palpate_test_contains (text, cases[i].words) || !palpate_test_contains (text, expected))
        g_error ("%d → %d: expected “%s” in: %s", cases[i].first, cases[i].latest,
                 cases[i].words, text);
      /* The chart's label says what the sentence says, and nothing says more. */
      g_assert_cmpint (palpate_test_contains (text, "Meaningful improvement from here"), ==,
                       cases[i].meaningful);
      g_assert_cmpint (palpate_test_contains (text, "a meaningful improvement by"), ==,
                       cases[i].meaningful);
      g_assert_false (palpate_test_contains (text, "worsening"));
      g_assert_true (palpate_test_contains (text, "from a first rating of at least 4 out of 10"));

      /* The handout too: a "real improvement" and "clearly better" only where it is. */
      handout = palpate_test_report_write_full (fixture, client, handout_file,
                                                PALPATE_VISITS_SIGNED, TRUE, PALPATE_PAPER_A4);
      handout_text = palpate_test_pdf_text (handout);
      g_assert_cmpint (palpate_test_contains (handout_text, "real improvement"), ==,
                       cases[i].meaningful);
      g_assert_cmpint (palpate_test_contains (handout_text, "Clearly better from here"), ==,
                       cases[i].meaningful);
    }
}

/* Drafts and the client's own self-rating are not counted unless asked for, and are marked
 * when they show: a signed 8 → 7 stays 8 → 7 whatever the waiting room said, and a draft does
 * not hide a signed 7 → 5. */
static void
test_report_drafts_and_self_ratings (PalpateTestReport *fixture,
                                     gconstpointer      user_data)
{
  gint64 rated = palpate_test_report_add_client (fixture, "Rania Saleh");
  gint64 drafted = palpate_test_report_add_client (fixture, "Dmitri Volkov");
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *with_drafts = NULL;
  g_autofree char *handout = NULL;

  palpate_test_report_add_visit (fixture, rated, 30, 8, 6);
  palpate_test_report_add_visit (fixture, rated, 7, 7, 5);
  palpate_test_report_add_self_rating (fixture, rated, 2);
  palpate_test_report_add_visit (fixture, drafted, 30, 7, 6);
  palpate_test_report_add_visit (fixture, drafted, 7, 5, 4);
  palpate_test_report_add_draft (fixture, drafted, 1, 7, 7);

  pdf = palpate_test_report_write (fixture, rated, "rated.pdf");
  text = palpate_test_pdf_text (pdf);
  g_assert_true (palpate_test_contains (text, "went from 8 at the first rated visit"));
  g_assert_true (palpate_test_contains (text, "to 7 at the latest visit"));
  g_assert_true (palpate_test_contains (text, "lower, but not a meaningful change"));
  g_assert_false (palpate_test_contains (text, "Meaningful improvement from here"));
  g_assert_true (palpate_test_contains (text, "2 visits"));
  /* The self-rating: shown as the client's own, not as a visit. */
  g_assert_true (palpate_test_contains (text, "The Client’s Own Ratings"));
  g_assert_true (palpate_test_contains (text, "pain 2 of 10, rated by the client"));
  g_assert_false (palpate_test_contains (text, "2 → –"));
  g_clear_pointer (&pdf, g_free);
  g_clear_pointer (&text, g_free);

  handout = palpate_test_report_write_full (fixture, rated, "rated-handout.pdf",
                                            PALPATE_VISITS_SIGNED, TRUE, PALPATE_PAPER_A4);
  text = palpate_test_pdf_text (handout);
  g_assert_true (palpate_test_contains (text, "went from 8 to 7"));
  g_assert_false (palpate_test_contains (text, "real improvement"));
  g_clear_pointer (&text, g_free);

  pdf = palpate_test_report_write (fixture, drafted, "drafted.pdf");
  text = palpate_test_pdf_text (pdf);
  g_assert_true (palpate_test_contains (text, "to 5 at the latest visit"));
  g_assert_true (palpate_test_contains (text, "a meaningful improvement by the rule below"));
  g_assert_false (palpate_test_contains (text, "Draft"));
  g_assert_true (palpate_test_contains (text, "signed notes only"));

  /* Asked for, the draft counts and is marked: in the sentence, the table, the chart, each
   * page's foot. */
  with_drafts = palpate_test_report_write_full (fixture, drafted, "drafted-with-drafts.pdf",
                                                PALPATE_VISITS_WITH_DRAFTS, FALSE,
                                                PALPATE_PAPER_A4);
  g_clear_pointer (&text, g_free);
  text = palpate_test_pdf_text (with_drafts);
  g_assert_true (palpate_test_contains (text, "and 7 at the latest visit"));
  g_assert_true (palpate_test_contains (text, "no change"));
  g_assert_true (palpate_test_contains (text, "This counts 1 unsigned draft"));
  g_assert_true (palpate_test_contains (text, "Draft (unsigned)"));
  g_assert_true (palpate_test_contains (text, "Unsigned draft"));
  g_assert_true (palpate_test_contains (text, "signed notes and unsigned drafts"));
  g_assert_true (palpate_test_contains (text, "Latest visit") &&
                 palpate_test_contains (text, "· Draft"));
}

/* An amendment is printed beside the visit it corrects: marked, dated, with its author and the
 * corrected value. */
static void
test_report_amendment (PalpateTestReport *fixture,
                       gconstpointer      user_data)
{
  gint64 client = palpate_test_report_add_client (fixture, "Amara Nwosu");
  gint64 visit;
  g_autoptr(PalpateAmendment) amendment = palpate_amendment_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = palpate_format_day_long (now);
  g_autofree char *amended_today = g_strdup_printf ("Amended %s", today);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  palpate_test_report_add_visit (fixture, client, 20, 7, 5);
  visit = palpate_test_report_add_visit (fixture, client, 3, 8, 6);
  palpate_amendment_set_visit_id (amendment, visit);
  palpate_amendment_set_author (amendment, "Maria Rossi");
  palpate_amendment_set_text (amendment, "Pain before treatment was 4, not 8: entered wrongly.");
  palpate_amendment_set_reason (amendment, "Typing error");
  g_assert_true (palpate_store_add_amendment (fixture->store, amendment, &error));
  g_assert_no_error (error);

  pdf = palpate_test_report_write (fixture, client, "amended.pdf");
  text = palpate_test_pdf_text (pdf);
  g_assert_true (palpate_test_contains (text, "Signed, amended below"));
  g_assert_true (palpate_test_contains (text, "Some visits were amended afterwards"));
  g_assert_true (palpate_test_contains (text, "Amended"));
  /* The amendment's day and time: "Amended 3 December 2026, 10:12 by Maria Rossi". */
  g_assert_true (palpate_test_contains (text, amended_today));
  g_assert_true (palpate_test_contains (text, "by Maria Rossi"));
  g_assert_true (palpate_test_contains (text,
                                        "Pain before treatment was 4, not 8: entered wrongly."));

  /* A long amendment without a single space still prints whole. */
  {
    g_autoptr(PalpateAmendment) long_one = palpate_amendment_new ();
    g_autoptr(GString) digits = g_string_new (NULL);
    g_autofree char *all_text = NULL;

    for (guint i = 0; digits->len < 30000; i++)
      g_string_append_printf (digits, "%u", i);
    palpate_amendment_set_visit_id (long_one, visit);
    palpate_amendment_set_author (long_one, "Maria Rossi");
    palpate_amendment_set_text (long_one, digits->str);
    palpate_amendment_set_reason (long_one, "Added detail");
    g_assert_true (palpate_store_add_amendment (fixture->store, long_one, &error));
    g_clear_pointer (&pdf, g_free);
    g_clear_pointer (&text, g_free);
    pdf = palpate_test_report_write (fixture, client, "amended-long.pdf");
    all_text = palpate_test_pdf_text (pdf);
    text = palpate_test_without_footers (all_text);
    g_assert_true (palpate_test_contains (text, digits->str));
  }
}

/* The consents on file are listed with what, when and who; a withdrawn one says so. */
static void
test_report_consents (PalpateTestReport *fixture,
                      gconstpointer      user_data)
{
  gint64 client = palpate_test_report_add_client (fixture, "Amara Nwosu");
  g_autoptr(PalpateConsent) written = palpate_consent_new ();
  g_autoptr(PalpateConsent) treatment = palpate_consent_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = palpate_format_day (now);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  GArray *stroke = g_array_new (FALSE, FALSE, sizeof (double));
  const double points[] = { 0.1, 0.7, 0.3, 0.2, 0.5, 0.8, 0.9, 0.4 };

  palpate_test_report_add_visit (fixture, client, 3, 6, 4);
  palpate_store_set_actor (fixture->store, "Maria Rossi");

  g_array_append_vals (stroke, points, G_N_ELEMENTS (points));
  written->client_id = client;
  written->kind = PALPATE_CONSENT_SENSITIVE_AREA;
  written->area = PALPATE_SENSITIVE_AREA_GLUTEAL;
  written->guardian = g_strdup ("Ada Nwosu");
  written->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_ptr_array_add (written->strokes, stroke);
  g_assert_true (palpate_store_add_consent (fixture->store, written, &error));
  g_assert_no_error (error);

  treatment->client_id = client;
  treatment->kind = PALPATE_CONSENT_TREATMENT;
  treatment->explained = PALPATE_EXPLAINED_RISKS;
  g_assert_true (palpate_store_add_consent (fixture->store, treatment, &error));
  g_assert_true (palpate_store_withdraw_consent (fixture->store, treatment->id, &error));
  g_assert_no_error (error);

  pdf = palpate_test_report_write (fixture, client, "consents.pdf");
  text = palpate_test_pdf_text (pdf);
  g_assert_true (palpate_test_contains (text, "Consent on File"));
  g_assert_true (palpate_test_contains (text, "Written consent: Gluteal region"));
  g_assert_true (palpate_test_contains (text, "signed by the guardian Ada Nwosu"));
  g_assert_true (palpate_test_contains (text, "obtained by Maria Rossi"));
  g_assert_true (palpate_test_contains (text, today));
  g_assert_true (palpate_test_contains (text, "Consent to treatment, explained: The risks"));
  g_assert_true (palpate_test_contains (text, "withdrawn"));
}

/* The period is printed; the baseline is the first rated visit of the course of care, even
 * before the period; a reversed period is refused. */
static void
test_report_period (PalpateTestReport *fixture,
                    gconstpointer      user_data)
{
  gint64 client = palpate_test_report_add_client (fixture, "Pita Tane");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -60);
  g_autofree char *start_text = palpate_format_day (start);
  g_autofree char *end_text = palpate_format_day (now);
  g_autoptr(GDateTime) first = g_date_time_add_days (now, -100);
  g_autofree char *first_text = palpate_format_day (first);
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "period.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(PalpateReport) report = NULL;
  g_autoptr(PalpateReport) reversed = NULL;
  g_autoptr(GError) error = NULL;
  GDate from, to;

  palpate_test_report_add_visit (fixture, client, 100, 8, 6);
  palpate_test_report_add_visit (fixture, client, 30, 6, 5);
  palpate_test_report_add_visit (fixture, client, 5, 5, 3);

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, g_date_time_get_day_of_month (start), g_date_time_get_month (start),
                  g_date_time_get_year (start));
  g_date_clear (&to, 1);
  g_date_set_dmy (&to, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  report = palpate_report_new (fixture->store, client, &from, &to, &error);
  g_assert_no_error (error);
  g_assert_true (palpate_report_write_pdf (report, PALPATE_PAPER_A4, pdf, &error));
  text = palpate_test_pdf_text (pdf);
  expected = g_strdup_printf ("Visits from %s to %s, signed notes only: 2 visits", start_text,
                              end_text);
  g_assert_true (palpate_test_contains (text, expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("went from 8 at the first rated visit of the course of care (%s, "
                              "the baseline) to 5", first_text);
  g_assert_true (palpate_test_contains (text, expected));
  g_assert_true (palpate_test_contains (text, "First visit of the period"));

  reversed = palpate_report_new (fixture->store, client, &to, &from, &error);
  g_assert_null (reversed);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* No period given: from the start of care to the day it was made. */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&pdf, g_free);
  pdf = palpate_test_report_write (fixture, client, "whole.pdf");
  text = palpate_test_pdf_text (pdf);
  g_assert_true (palpate_test_contains (text, "Visits from the start of care to"));
  g_assert_true (palpate_test_contains (text, "3 visits"));
}

/* Two hundred visits on one day: the chart spreads them in order and says so, each row has its
 * time; the signature never stands alone on the last page; long and Arabic names lay out. */
static void
test_report_crowded_day (PalpateTestReport *fixture,
                         gconstpointer      user_data)
{
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (now),
                                                    g_date_time_get_month (now),
                                                    g_date_time_get_day_of_month (now), 7, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last_page = NULL;
  int n_pages;

  palpate_client_set_name (client, "ليلى حداد");
  g_assert_true (palpate_store_save_client (fixture->store, client, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 200; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_add_minutes (day, i * 3);
      g_autoptr(PalpateVisit) visit = palpate_visit_new ();

      palpate_visit_set_client_id (visit, palpate_client_get_id (client));
      palpate_visit_set_started_at (visit, when);
      palpate_visit_set_pain_before (visit, 8 - i % 5);
      palpate_visit_set_pain_after (visit, 6 - i % 5);
      g_assert_true (palpate_store_save_visit (fixture->store, visit, &error));
      palpate_test_report_sign (fixture, palpate_visit_get_id (visit));
    }

  pdf = palpate_test_report_write (fixture, palpate_client_get_id (client), "crowded.pdf");
  text = palpate_test_pdf_text (pdf);
  g_assert_true (palpate_test_contains (text, "200 visits, in order"));
  g_assert_true (palpate_test_contains (text, "07:00"));
  g_assert_true (palpate_test_contains (text, "16:57"));
  n_pages = palpate_test_pdf_pages (pdf);
  last_page = palpate_test_pdf_page_text (pdf, n_pages);
  g_assert_true (palpate_test_contains (last_page, "Therapist’s signature"));
  g_assert_true (palpate_test_contains (last_page, "16:57"));
}

/* Pain before not rated: the pain after stays in the table, the Outcome says why there is no
 * change, the handout does not wait for a "first session" after three. */
static void
test_report_unrated (PalpateTestReport *fixture,
                     gconstpointer      user_data)
{
  gint64 client = palpate_test_report_add_client (fixture, "Kwame Mensah");
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  palpate_test_report_add_visit (fixture, client, 30, -1, 6);
  palpate_test_report_add_visit (fixture, client, 20, -1, 4);
  palpate_test_report_add_visit (fixture, client, 10, -1, 3);
  pdf = palpate_test_report_write (fixture, client, "unrated.pdf");
  text = palpate_test_pdf_text (pdf);
  g_assert_true (palpate_test_contains (text, "– → 6"));
  g_assert_true (palpate_test_contains (text, "– → 3"));
  g_assert_true (palpate_test_contains (text, "Pain before treatment was not rated, so there is "
                                              "no change over care to report"));
  g_clear_pointer (&pdf, g_free);
  g_clear_pointer (&text, g_free);

  pdf = palpate_test_report_write_full (fixture, client, "unrated-handout.pdf",
                                        PALPATE_VISITS_SIGNED, TRUE, PALPATE_PAPER_A4);
  text = palpate_test_pdf_text (pdf);
  g_assert_true (palpate_test_contains (text, "You have had 3 sessions"));
  g_assert_false (palpate_test_contains (text, "after your first session"));
}

/* Where the client marked pain themselves is shown as theirs, not as the therapist's findings. */
static void
test_report_clients_own_marks (PalpateTestReport *fixture,
                               gconstpointer      user_data)
{
  gint64 client = palpate_test_report_add_client (fixture, "Olga Petrenko");
  gint64 visit;
  const PalpatePoint point = { 240, 196 };
  g_autoptr(PalpateFinding) finding = palpate_finding_new (PALPATE_FINDING_TENDER_POINT,
                                                           PALPATE_VIEW_POSTERIOR, &point, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  palpate_test_report_add_visit (fixture, client, 20, 6, 4);
  visit = palpate_test_report_add_draft (fixture, client, 2, 5, 3);
  palpate_finding_set_visit_id (finding, visit);
  palpate_finding_set_region_id (finding, "trapezius-upper-left");
  palpate_finding_set_intensity (finding, 5);
  palpate_finding_set_reported_by_client (finding, TRUE);
  g_assert_true (palpate_store_save_finding (fixture->store, finding, &error));
  g_assert_no_error (error);
  palpate_test_report_sign (fixture, visit);

  pdf = palpate_test_report_write (fixture, client, "marks.pdf");
  text = palpate_test_pdf_text (pdf);
  g_assert_true (palpate_test_contains (text, "Marked as painful by the client on"));
  g_assert_true (palpate_test_contains (text, "Left upper trapezius"));
  /* Not a finding of the therapist's in the findings' history. */
  g_assert_false (palpate_test_contains (text, "Findings Over Time"));
  g_clear_pointer (&pdf, g_free);
  g_clear_pointer (&text, g_free);

  pdf = palpate_test_report_write_full (fixture, client, "marks-handout.pdf",
                                        PALPATE_VISITS_SIGNED, TRUE, PALPATE_PAPER_A4);
  text = palpate_test_pdf_text (pdf);
  g_assert_true (palpate_test_contains (text, "Where You Said It Hurt"));
  g_assert_true (palpate_test_contains (text, "These are your own marks"));
}

/* The foot of each page carries the head of the clinic's audit chain as the report was made,
 * so that a later copy of the clinic that no longer holds it shows it was cut short. */
static void
test_report_audit_head (PalpateTestReport *fixture,
                        gconstpointer      user_data)
{
  gint64 client_id = palpate_test_report_add_client (fixture, "Noor Haddad");
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *expected = NULL;
  gint64 n_entries = 0;

  palpate_test_report_add_visit (fixture, client_id, 20, 7, 5);
  palpate_test_report_add_visit (fixture, client_id, 10, 6, 3);
  g_assert_true (palpate_store_get_audit_head (fixture->store, &n_entries, &hash, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_entries, >, 0);

  pdf = palpate_test_report_write (fixture, client_id, "audit-head.pdf");
  text = palpate_test_pdf_text (pdf);
  expected = g_strdup_printf ("Audit log: %" G_GINT64_FORMAT " entries · %s", n_entries, hash);
  g_assert_true (palpate_test_contains (text, expected));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/Palpate/Report/" name, PalpateTestReport, NULL, palpate_test_report_set_up, \
              func, palpate_test_report_tear_down)

  ADD ("demo-client", test_report_demo_client);
  ADD ("few-visits", test_report_few_visits);
  ADD ("meaningful-change", test_report_meaningful_change);
  ADD ("drafts-and-self-ratings", test_report_drafts_and_self_ratings);
  ADD ("amendment", test_report_amendment);
  ADD ("consents", test_report_consents);
  ADD ("period", test_report_period);
  ADD ("crowded-day", test_report_crowded_day);
  ADD ("unrated", test_report_unrated);
  ADD ("clients-own-marks", test_report_clients_own_marks);
  ADD ("audit-head", test_report_audit_head);

  return g_test_run ();
}
