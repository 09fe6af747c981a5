/* test-report.c — progress reports as PDF: what they say, how they flow, the command line
 *
 * The PDFs are read back with pdftotext and pdfinfo (poppler-utils), so the tests check the
 * text a physician would read, not the drawing calls.
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
#include "palpate-test-utils.h"

typedef struct
{
  char         *tmpdir;
  char         *path;
  PalpateStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = palpate_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->tmpdir, "clinic.sqlite3", NULL);
  fixture->store = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  palpate_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_free (fixture->path);
}

static gint64
add_client (Fixture    *fixture,
            const char *name)
{
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(GError) error = NULL;

  palpate_client_set_name (client, name);
  palpate_client_set_goals (client, "Lift the grandchildren again.");
  g_assert_true (palpate_store_save_client (fixture->store, client, &error));
  g_assert_no_error (error);
  return palpate_client_get_id (client);
}

/* An unsigned draft @days_ago days ago with the pain ratings given (-1: not rated). */
static gint64
add_draft (Fixture *fixture,
           gint64   client_id,
           int      days_ago,
           int      before,
           int      after)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = g_date_time_add_days (now, -days_ago);
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(GError) error = NULL;

  palpate_visit_set_client_id (visit, client_id);
  palpate_visit_set_started_at (visit, when);
  palpate_visit_set_pain_before (visit, before);
  palpate_visit_set_pain_after (visit, after);
  g_assert_true (palpate_store_save_visit (fixture->store, visit, &error));
  g_assert_no_error (error);
  return palpate_visit_get_id (visit);
}

static void
sign (Fixture *fixture,
      gint64   visit_id)
{
  g_autoptr(PalpateVisit) visit = palpate_store_get_visit (fixture->store, visit_id, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (palpate_store_sign_visit (fixture->store, visit, "Maria Rossi", &error));
  g_assert_no_error (error);
}

/* A signed visit: what reports count. */
static gint64
add_visit (Fixture *fixture,
           gint64   client_id,
           int      days_ago,
           int      before,
           int      after)
{
  gint64 id = add_draft (fixture, client_id, days_ago, before, after);

  sign (fixture, id);
  return id;
}

/* The client's own rating from the patient view, today. */
static void
add_self_rating (Fixture *fixture,
                 gint64   client_id,
                 int      pain)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();

  palpate_visit_set_client_id (visit, client_id);
  palpate_visit_set_started_at (visit, now);
  palpate_visit_set_pain_before (visit, pain);
  palpate_visit_set_reported_by_client (visit, TRUE);
  g_assert_true (palpate_store_save_visit (fixture->store, visit, NULL));
}

static char *
run (const char * const *argv,
     int                *status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, status, &error);
  g_assert_no_error (error);
  return out;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status;
  char *text = run (argv, &status);

  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

static int
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  int status;
  g_autofree char *info = run (argv, &status);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return atoi (pages + strlen ("Pages:"));
}

/* @text without the foot of each page (both its lines), so that text flowing over a page break reads on. */
static char *
without_footers (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) kept = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], " · page ") == NULL && strstr (lines[i], "Audit log: ") == NULL)
      g_string_append_printf (kept, "%s\n", lines[i]);

  return g_string_free (g_steal_pointer (&kept), FALSE);
}

/* Whether @needle is in @text, ignoring spaces: pdftotext places them by the glyphs' gaps. */
static gboolean
contains (const char *text,
          const char *needle)
{
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (a, *p);
  for (const char *p = needle; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (b, *p);

  return strstr (a->str, b->str) != NULL;
}

static char *
write_report_full (Fixture               *fixture,
                   gint64                 client_id,
                   const char            *name,
                   PalpateVisitSelection  selection,
                   gboolean               handout,
                   PalpatePaper           paper)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateReport) report = palpate_report_new_full (fixture->store, client_id, NULL, NULL,
                                                             selection, &error);
  char *pdf = g_build_filename (fixture->tmpdir, name, NULL);

  g_assert_no_error (error);
  palpate_report_set_for_client (report, handout);
  g_assert_true (palpate_report_write_pdf (report, paper, pdf, &error));
  g_assert_no_error (error);

  /* PALPATE_TEST_KEEP=DIR keeps a copy of every PDF, to look at. */
  if (g_getenv ("PALPATE_TEST_KEEP") != NULL)
    {
      g_autofree char *kept = g_build_filename (g_getenv ("PALPATE_TEST_KEEP"), name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (kept, contents, length, NULL));
    }
  return pdf;
}

static char *
write_report (Fixture    *fixture,
              gint64      client_id,
              const char *name)
{
  return write_report_full (fixture, client_id, name, PALPATE_VISITS_SIGNED, FALSE,
                            PALPATE_PAPER_A4);
}

/* The text of one page of @pdf. */
static char *
pdf_page_text (const char *pdf,
               int         page)
{
  g_autofree char *number = g_strdup_printf ("%d", page);
  const char *argv[] = { "pdftotext", "-layout", "-f", number, "-l", number, pdf, "-", NULL };
  int status;
  char *text = run (argv, &status);

  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

/* The report of a demo client says what the file holds: name, dates, every before/after. */
static void
test_report_demo_client (Fixture       *fixture,
                         gconstpointer  user_data)
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

  pdf = write_report (fixture, palpate_client_get_id (client), "demo.pdf");
  text = pdf_text (pdf);

  g_assert_nonnull (strstr (text, "Progress Report"));
  g_assert_nonnull (strstr (text, palpate_client_get_name (client)));
  g_assert_nonnull (strstr (text, "Riverside Massage Therapy"));
  for (guint i = 0; i < visits->len; i++)
    {
      PalpateVisit *visit = visits->pdata[i];
      g_autofree char *date = g_date_time_format (palpate_visit_get_started_at (visit), "%-d %b %Y");
      g_autofree char *pain = g_strdup_printf ("%d → %d", palpate_visit_get_pain_before (visit),
                                               palpate_visit_get_pain_after (visit));

      /* Signed visits, every one; a draft has no place in a report of signed notes. */
      if (palpate_visit_get_status (visit) != PALPATE_VISIT_SIGNED)
        continue;
      g_assert_nonnull (strstr (text, date));
      g_assert_true (contains (text, pain));
    }
  g_assert_false (contains (text, "Draft (unsigned)"));
  g_assert_true (contains (text, "signed notes only"));
  g_assert_nonnull (strstr (text, "Body Chart: First and Latest Visit"));
  g_assert_nonnull (strstr (text, "page 1 of"));
}

/* No visits, or one: a sensible report, no empty axis or division by zero. */
static void
test_report_few_visits (Fixture       *fixture,
                        gconstpointer  user_data)
{
  gint64 none = add_client (fixture, "Nadia Novak");
  gint64 one = add_client (fixture, "Owen Okafor");
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  pdf = write_report (fixture, none, "none.pdf");
  text = pdf_text (pdf);
  g_assert_cmpint (pdf_pages (pdf), ==, 1);
  g_assert_nonnull (strstr (text, "Nadia Novak"));
  g_assert_nonnull (strstr (text, "No visits in this period"));
  /* No chart with an empty axis. */
  g_assert_null (strstr (text, "Worst imaginable"));
  g_assert_null (strstr (text, "nan"));
  g_clear_pointer (&pdf, g_free);
  g_clear_pointer (&text, g_free);

  add_visit (fixture, one, 3, 6, 4);
  pdf = write_report (fixture, one, "one.pdf");
  text = pdf_text (pdf);
  g_assert_cmpint (pdf_pages (pdf), <=, 2);
  g_assert_true (contains (text, "6 → 4"));
  g_assert_nonnull (strstr (text, "Body Chart"));
  g_assert_true (contains (text, "No later rating to compare yet"));
  g_assert_null (strstr (text, "nan"));
  g_assert_null (strstr (text, "inf"));
}

/* A hundred visits flow onto several pages, the table's heading repeated on each. */
static void
test_report_flows_onto_pages (Fixture       *fixture,
                              gconstpointer  user_data)
{
  gint64 client = add_client (fixture, "Priya Patel");
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  guint headings = 0;

  for (int i = 0; i < 100; i++)
    add_visit (fixture, client, 400 - 4 * i, 8 - i / 20, 5 - i / 25);

  pdf = write_report (fixture, client, "hundred.pdf");
  text = pdf_text (pdf);
  g_assert_cmpint (pdf_pages (pdf), >=, 3);
  for (const char *p = text; (p = strstr (p, "Therapist")) != NULL; p++)
    headings++;
  g_assert_cmpuint (headings, >=, 3);
  g_assert_nonnull (strstr (text, "page 3 of"));
}

/* The sentence and the chart agree on every pair of (first, latest), and say no more than the
 * rule: a fall of ≥ 2 points or ≥ 30 % from a baseline of at least 4 (Farrar 2001). */
static void
test_report_meaningful_change (Fixture       *fixture,
                               gconstpointer  user_data)
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
      gint64 client = add_client (fixture, name);
      g_autofree char *pdf = NULL;
      g_autofree char *text = NULL;
      g_autofree char *handout = NULL;
      g_autofree char *handout_text = NULL;
      g_autofree char *expected = NULL;

      add_visit (fixture, client, 30, cases[i].first, cases[i].first);
      if (cases[i].middle >= 0)
        add_visit (fixture, client, 15, cases[i].middle, cases[i].middle);
      add_visit (fixture, client, 1, cases[i].latest, cases[i].latest);
      pdf = write_report (fixture, client, file);
      text = pdf_text (pdf);
      expected = cases[i].first == cases[i].latest
                 ? g_strdup_printf ("was %d at the first rated visit", cases[i].first)
                 : g_strdup_printf ("went from %d at the first rated visit", cases[i].first);
      if (!contains (text, cases[i].words) || !contains (text, expected))
        g_error ("%d → %d: expected “%s” in: %s", cases[i].first, cases[i].latest,
                 cases[i].words, text);
      /* The chart's label says what the sentence says, and nothing says more. */
      g_assert_cmpint (contains (text, "Meaningful improvement from here"), ==,
                       cases[i].meaningful);
      g_assert_cmpint (contains (text, "a meaningful improvement by"), ==, cases[i].meaningful);
      g_assert_false (contains (text, "worsening"));
      g_assert_true (contains (text, "from a first rating of at least 4 out of 10"));

      /* The handout too: a "real improvement" and "clearly better" only where it is. */
      handout = write_report_full (fixture, client, handout_file, PALPATE_VISITS_SIGNED, TRUE,
                                   PALPATE_PAPER_A4);
      handout_text = pdf_text (handout);
      g_assert_cmpint (contains (handout_text, "real improvement"), ==, cases[i].meaningful);
      g_assert_cmpint (contains (handout_text, "Clearly better from here"), ==,
                       cases[i].meaningful);
    }
}

/* Drafts and the client's own self-rating are not counted unless asked for, and are marked
 * when they show: a signed 8 → 7 stays 8 → 7 whatever the waiting room said, and a draft does
 * not hide a signed 7 → 5. */
static void
test_report_drafts_and_self_ratings (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  gint64 rated = add_client (fixture, "Rania Saleh");
  gint64 drafted = add_client (fixture, "Dmitri Volkov");
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *with_drafts = NULL;
  g_autofree char *handout = NULL;

  add_visit (fixture, rated, 30, 8, 6);
  add_visit (fixture, rated, 7, 7, 5);
  add_self_rating (fixture, rated, 2);
  add_visit (fixture, drafted, 30, 7, 6);
  add_visit (fixture, drafted, 7, 5, 4);
  add_draft (fixture, drafted, 1, 7, 7);

  pdf = write_report (fixture, rated, "rated.pdf");
  text = pdf_text (pdf);
  g_assert_true (contains (text, "went from 8 at the first rated visit"));
  g_assert_true (contains (text, "to 7 at the latest visit"));
  g_assert_true (contains (text, "lower, but not a meaningful change"));
  g_assert_false (contains (text, "Meaningful improvement from here"));
  g_assert_true (contains (text, "2 visits"));
  /* The self-rating: shown as the client's own, not as a visit. */
  g_assert_true (contains (text, "The Client’s Own Ratings"));
  g_assert_true (contains (text, "pain 2 of 10, rated by the client"));
  g_assert_false (contains (text, "2 → –"));
  g_clear_pointer (&pdf, g_free);
  g_clear_pointer (&text, g_free);

  handout = write_report_full (fixture, rated, "rated-handout.pdf", PALPATE_VISITS_SIGNED, TRUE,
                               PALPATE_PAPER_A4);
  text = pdf_text (handout);
  g_assert_true (contains (text, "went from 8 to 7"));
  g_assert_false (contains (text, "real improvement"));
  g_clear_pointer (&text, g_free);

  pdf = write_report (fixture, drafted, "drafted.pdf");
  text = pdf_text (pdf);
  g_assert_true (contains (text, "to 5 at the latest visit"));
  g_assert_true (contains (text, "a meaningful improvement by the rule below"));
  g_assert_false (contains (text, "Draft"));
  g_assert_true (contains (text, "signed notes only"));

  /* Asked for, the draft counts and is marked: in the sentence, the table, the chart, each
   * page's foot. */
  with_drafts = write_report_full (fixture, drafted, "drafted-with-drafts.pdf",
                                   PALPATE_VISITS_WITH_DRAFTS, FALSE, PALPATE_PAPER_A4);
  g_clear_pointer (&text, g_free);
  text = pdf_text (with_drafts);
  g_assert_true (contains (text, "and 7 at the latest visit"));
  g_assert_true (contains (text, "no change"));
  g_assert_true (contains (text, "This counts 1 unsigned draft"));
  g_assert_true (contains (text, "Draft (unsigned)"));
  g_assert_true (contains (text, "Unsigned draft"));
  g_assert_true (contains (text, "signed notes and unsigned drafts"));
  g_assert_true (contains (text, "Latest visit") && contains (text, "· Draft"));
}

/* An amendment is printed beside the visit it corrects: marked, dated, with its author and the
 * corrected value. */
static void
test_report_amendment (Fixture       *fixture,
                       gconstpointer  user_data)
{
  gint64 client = add_client (fixture, "Amara Nwosu");
  gint64 visit;
  g_autoptr(PalpateAmendment) amendment = palpate_amendment_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = palpate_format_day_long (now);
  g_autofree char *amended_today = g_strdup_printf ("Amended %s", today);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  add_visit (fixture, client, 20, 7, 5);
  visit = add_visit (fixture, client, 3, 8, 6);
  palpate_amendment_set_visit_id (amendment, visit);
  palpate_amendment_set_author (amendment, "Maria Rossi");
  palpate_amendment_set_text (amendment, "Pain before treatment was 4, not 8: entered wrongly.");
  g_assert_true (palpate_store_add_amendment (fixture->store, amendment, &error));
  g_assert_no_error (error);

  pdf = write_report (fixture, client, "amended.pdf");
  text = pdf_text (pdf);
  g_assert_true (contains (text, "Signed, amended below"));
  g_assert_true (contains (text, "Some visits were amended afterwards"));
  g_assert_true (contains (text, "Amended"));
  /* The amendment's day and time: "Amended 3 December 2026, 10:12 by Maria Rossi". */
  g_assert_true (contains (text, amended_today));
  g_assert_true (contains (text, "by Maria Rossi"));
  g_assert_true (contains (text, "Pain before treatment was 4, not 8: entered wrongly."));

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
    g_assert_true (palpate_store_add_amendment (fixture->store, long_one, &error));
    g_clear_pointer (&pdf, g_free);
    g_clear_pointer (&text, g_free);
    pdf = write_report (fixture, client, "amended-long.pdf");
    all_text = pdf_text (pdf);
    text = without_footers (all_text);
    g_assert_true (contains (text, digits->str));
  }
}

/* The consents on file are listed with what, when and who; a withdrawn one says so. */
static void
test_report_consents (Fixture       *fixture,
                      gconstpointer  user_data)
{
  gint64 client = add_client (fixture, "Amara Nwosu");
  g_autoptr(PalpateConsent) written = palpate_consent_new ();
  g_autoptr(PalpateConsent) treatment = palpate_consent_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%-d %b %Y");
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  GArray *stroke = g_array_new (FALSE, FALSE, sizeof (double));
  const double points[] = { 0.1, 0.7, 0.3, 0.2, 0.5, 0.8, 0.9, 0.4 };

  add_visit (fixture, client, 3, 6, 4);
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

  pdf = write_report (fixture, client, "consents.pdf");
  text = pdf_text (pdf);
  g_assert_true (contains (text, "Consent on File"));
  g_assert_true (contains (text, "Written consent: Gluteal region"));
  g_assert_true (contains (text, "signed by the guardian Ada Nwosu"));
  g_assert_true (contains (text, "obtained by Maria Rossi"));
  g_assert_true (contains (text, today));
  g_assert_true (contains (text, "Consent to treatment, explained: The risks"));
  g_assert_true (contains (text, "withdrawn"));
}

/* The period is printed; the baseline is the first rated visit of the course of care, even
 * before the period; a reversed period is refused. */
static void
test_report_period (Fixture       *fixture,
                    gconstpointer  user_data)
{
  gint64 client = add_client (fixture, "Pita Tane");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -60);
  g_autofree char *start_text = g_date_time_format (start, "%-d %b %Y");
  g_autofree char *end_text = g_date_time_format (now, "%-d %b %Y");
  g_autoptr(GDateTime) first = g_date_time_add_days (now, -100);
  g_autofree char *first_text = g_date_time_format (first, "%-d %b %Y");
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "period.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(PalpateReport) report = NULL;
  g_autoptr(PalpateReport) reversed = NULL;
  g_autoptr(GError) error = NULL;
  GDate from, to;

  add_visit (fixture, client, 100, 8, 6);
  add_visit (fixture, client, 30, 6, 5);
  add_visit (fixture, client, 5, 5, 3);

  g_date_clear (&from, 1);
  g_date_set_dmy (&from, g_date_time_get_day_of_month (start), g_date_time_get_month (start),
                  g_date_time_get_year (start));
  g_date_clear (&to, 1);
  g_date_set_dmy (&to, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  report = palpate_report_new (fixture->store, client, &from, &to, &error);
  g_assert_no_error (error);
  g_assert_true (palpate_report_write_pdf (report, PALPATE_PAPER_A4, pdf, &error));
  text = pdf_text (pdf);
  expected = g_strdup_printf ("Visits from %s to %s, signed notes only: 2 visits", start_text,
                              end_text);
  g_assert_true (contains (text, expected));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("went from 8 at the first rated visit of the course of care (%s, "
                              "the baseline) to 5", first_text);
  g_assert_true (contains (text, expected));
  g_assert_true (contains (text, "First visit of the period"));

  reversed = palpate_report_new (fixture->store, client, &to, &from, &error);
  g_assert_null (reversed);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* No period given: from the start of care to the day it was made. */
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&pdf, g_free);
  pdf = write_report (fixture, client, "whole.pdf");
  text = pdf_text (pdf);
  g_assert_true (contains (text, "Visits from the start of care to"));
  g_assert_true (contains (text, "3 visits"));
}

/* The command line, without a display: one client, and a month's batch. */
static void
test_report_command_line (Fixture       *fixture,
                          gconstpointer  user_data)
{
  gint64 seen = add_client (fixture, "Ingrid Larsen");
  gint64 also_seen = add_client (fixture, "Tomás García");
  gint64 not_seen = add_client (fixture, "Zoë Wilson");
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "ingrid.pdf", NULL);
  g_autofree char *dir = g_build_filename (fixture->tmpdir, "month", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *month = g_date_time_format (now, "%Y-%m");
  const char **envp = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;
  int status;

  add_visit (fixture, seen, 0, 5, 2);
  add_visit (fixture, also_seen, 0, 7, 3);
  add_visit (fixture, not_seen, 100, 4, 4);
  /* Seen this month only in an unsigned draft: nothing a report of signed notes counts. */
  add_draft (fixture, add_client (fixture, "Dara Quinn"), 0, 6, 4);
  g_clear_object (&fixture->store);

  {
    const char *argv[] = { PALPATE_EXE, "report", "--database", fixture->path,
                           "--client", "Ingrid Larsen", "--output", pdf, NULL };
    g_autoptr(GError) error = NULL;

    /* No display: the report never needs one. */
    envp = (const char **) g_get_environ ();
    envp = (const char **) g_environ_unsetenv ((char **) envp, "DISPLAY");
    envp = (const char **) g_environ_unsetenv ((char **) envp, "WAYLAND_DISPLAY");
    /* The clinic's audit key lives in the config folder: the test's own, not /dev/null. */
    envp = (const char **) g_environ_setenv ((char **) envp, "XDG_CONFIG_HOME",
                                             g_get_user_config_dir (), TRUE);
    g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Ingrid Larsen"));
  g_assert_true (contains (text, "5 → 2"));

  {
    const char *argv[] = { PALPATE_EXE, "report", "--database", fixture->path,
                           "--month", month, "--output-dir", dir, NULL };
    g_autoptr(GError) error = NULL;

    g_clear_pointer (&out, g_free);
    g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  /* One file per client seen that month, and only those. */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  for (const char *name; (name = g_dir_read_name (listing)) != NULL;)
    {
      g_assert_true (g_str_has_suffix (name, ".pdf"));
      g_assert_null (strstr (name, "Wilson"));
      g_assert_null (strstr (name, "Quinn"));
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 2);
  {
    g_autofree char *month_name = g_date_time_format (now, "%B %Y");
    g_autofree char *made_for = g_strdup_printf ("Made for %s.", month_name);
    g_autoptr(GDir) again = g_dir_open (dir, 0, NULL);
    const char *name = g_dir_read_name (again);
    g_autofree char *path = g_build_filename (dir, name, NULL);
    g_autofree char *batch_text = pdf_text (path);

    g_assert_true (contains (batch_text, made_for));
  }

  /* A client that is not there: a clear message, a failed exit. */
  {
    g_autofree char *nobody = g_build_filename (fixture->tmpdir, "nobody.pdf", NULL);
    const char *argv[] = { PALPATE_EXE, "report", "--database", fixture->path,
                           "--client", "Nobody Here", "--output", nobody, NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *err = NULL;

    g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "No client matches “Nobody Here”"));
  }

  g_strfreev ((char **) envp);
}


static void
umask_zero_cb (gpointer user_data)
{
  umask (0);
}

/* Runs palpate report … without a display, under umask 000; returns whether it succeeded. */
static gboolean
run_report_command (const char * const *args,
                    char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) PALPATE_EXE);
  g_ptr_array_add (argv, (gpointer) "report");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDOUT_TO_DEV_NULL, umask_zero_cb,
                NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* `report --output` never replaces the clinic, a backup or any SQLite file, nor an existing
 * file without --force; what it writes is 0600 under umask 000, with a title and author. */
static void
test_report_output_safety (Fixture       *fixture,
                           gconstpointer  user_data)
{
  gint64 client = add_client (fixture, "Ingrid Larsen");
  g_autofree char *backup = g_build_filename (fixture->tmpdir, "clinic-backup.sqlite3", NULL);
  g_autofree char *disguised = g_build_filename (fixture->tmpdir, "notes.pdf", NULL);
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "ingrid.pdf", NULL);
  g_autofree char *clinic_before = NULL;
  g_autofree char *clinic_after = NULL;
  g_autofree char *backup_before = NULL;
  g_autofree char *backup_after = NULL;
  g_autofree char *pdf_before = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  int status;

  add_visit (fixture, client, 3, 6, 3);
  g_assert_true (palpate_store_backup_to (fixture->store, backup, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (backup, &backup_before, NULL, NULL));
  g_assert_true (g_file_set_contents (disguised, backup_before, 4096, NULL));
  g_clear_pointer (&backup_before, g_free);
  g_clear_object (&fixture->store);
  clinic_before = file_checksum (fixture->path);
  backup_before = file_checksum (backup);

  {
    const char * const targets[] = { fixture->path, backup, disguised };

    for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
      {
        const char *args[] = { "--database", fixture->path, "--client", "Ingrid Larsen",
                               "--output", targets[i], "--force", NULL };
        g_autofree char *err = NULL;

        g_assert_false (run_report_command (args, &err));
        g_assert_true (strstr (err, "is the clinic file") != NULL ||
                       strstr (err, "is a database") != NULL);
      }
  }
  clinic_after = file_checksum (fixture->path);
  backup_after = file_checksum (backup);
  g_assert_cmpstr (clinic_before, ==, clinic_after);
  g_assert_cmpstr (backup_before, ==, backup_after);

  /* A new file: written, 0600 under umask 000, with a title and an author. */
  {
    const char *args[] = { "--database", fixture->path, "--client", "Ingrid Larsen",
                           "--output", pdf, NULL };
    const char *pdfinfo[] = { "pdfinfo", pdf, NULL };
    g_autofree char *err = NULL;

    g_assert_true (run_report_command (args, &err));
    g_assert_cmpint (g_stat (pdf, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    info = run (pdfinfo, &status);
    g_assert_true (contains (info, "Title: Progress Report — Ingrid Larsen"));
    g_assert_true (contains (info, "Author: Maria Rossi"));
    pdf_before = file_checksum (pdf);

    /* There now: refused without --force, and left as it was. */
    g_clear_pointer (&err, g_free);
    g_assert_false (run_report_command (args, &err));
    g_assert_nonnull (strstr (err, "already exists"));
    g_assert_nonnull (strstr (err, "--force"));
    g_assert_cmpstr (pdf_before, ==, file_checksum (pdf));
  }
  {
    const char *args[] = { "--database", fixture->path, "--client", "Ingrid Larsen",
                           "--output", pdf, "--force", "--paper", "letter", NULL };

    g_assert_true (run_report_command (args, NULL));
    g_assert_cmpint (g_stat (pdf, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* A reversed period: a clear message and a failed exit, no file. */
  {
    g_autofree char *other = g_build_filename (fixture->tmpdir, "reversed.pdf", NULL);
    const char *args[] = { "--database", fixture->path, "--client", "Ingrid Larsen",
                           "--from", "2026-06-30", "--to", "2026-01-01", "--output", other, NULL };
    g_autofree char *err = NULL;

    g_assert_false (run_report_command (args, &err));
    g_assert_nonnull (strstr (err, "ends before it begins"));
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }

  /* In-process too: a report written under umask 000 is 0600. */
  {
    g_autofree char *own = g_build_filename (fixture->tmpdir, "own.pdf", NULL);
    mode_t old = umask (0);
    g_autoptr(PalpateStore) store = palpate_store_open (fixture->path, &error);
    g_autoptr(PalpateReport) report = palpate_report_new (store, client, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (palpate_report_write_pdf (report, PALPATE_PAPER_A4, own, &error));
    umask (old);
    g_assert_cmpint (g_stat (own, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_false (palpate_report_check_output (fixture->path, NULL, TRUE, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  }
}

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

/* A field at its longest allowed length is printed whole, flowing over pages, on A4 and
 * Letter, in the report and the handout. */
static void
test_report_long_fields (Fixture       *fixture,
                         gconstpointer  user_data)
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
  add_visit (fixture, palpate_client_get_id (client), 20, 7, 5);
  visit = add_draft (fixture, palpate_client_get_id (client), 2, 5, 3);
  {
    g_autoptr(PalpateVisit) stored = palpate_store_get_visit (fixture->store, visit, NULL);

    palpate_visit_set_home_care (stored, home_care);
    g_assert_true (palpate_store_save_visit (fixture->store, stored, &error));
    g_assert_no_error (error);
  }
  sign (fixture, visit);

  for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
    for (guint handout = 0; handout < 2; handout++)
      {
        g_autofree char *name = g_strdup_printf ("long-%u-%u.pdf", p, handout);
        g_autofree char *pdf = write_report_full (fixture, palpate_client_get_id (client), name,
                                                  PALPATE_VISITS_SIGNED, handout, papers[p]);
        g_autofree char *all_text = pdf_text (pdf);
        g_autofree char *text = without_footers (all_text);

        /* Every sentence, in full and in order: nothing cut at a page's foot. */
        if (!contains (text, goals))
          g_error ("The goals are not whole on paper %u (handout %u)", p, handout);
        if (handout && !contains (text, home_care))
          g_error ("The home care is not whole on paper %u", p);
        g_assert_cmpint (pdf_pages (pdf), >=, 3);
      }
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

/* Names at their longest: the client's, five everyday activities' and the therapist's are
 * printed whole (the activities' legend wraps, never cut), in the report and the handout. */
static void
test_report_long_names (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(PalpateTherapist) therapist = palpate_therapist_new ();
  g_autofree char *client_name = long_name ("Guðmundsdóttir-Wolfeschlegelsteinhausen",
                                            PALPATE_NAME_MAX_CHARS);
  g_autofree char *therapist_name = long_name ("Anastasiya", PALPATE_NAME_MAX_CHARS);
  g_autofree char *activities[PALPATE_PSFS_MAX_ACTIVITIES + 1] = { NULL };
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
      gint64 id = add_draft (fixture, palpate_client_get_id (client), 30 - 10 * v, 7 - v, 5 - v);
      g_autoptr(PalpateVisit) visit = palpate_store_get_visit (fixture->store, id, NULL);

      palpate_visit_set_therapist_id (visit, palpate_therapist_get_id (therapist));
      g_assert_true (palpate_store_save_visit (fixture->store, visit, &error));
      for (guint a = 0; a < activity_ids->len; a++)
        g_assert_true (palpate_store_set_psfs_rating (fixture->store, id,
                                                      g_array_index (activity_ids, gint64, a),
                                                      2 + v + a, &error));
      sign (fixture, id);
    }

  for (guint handout = 0; handout < 2; handout++)
    {
      g_autofree char *name = g_strdup_printf ("long-names-%u.pdf", handout);
      g_autofree char *pdf = write_report_full (fixture, palpate_client_get_id (client), name,
                                                PALPATE_VISITS_SIGNED, handout, PALPATE_PAPER_A4);
      g_autofree char *all_text = pdf_text (pdf);
      g_autofree char *text = without_footers (all_text);

      if (!handout)
        {
          g_assert_true (contains (text, client_name));
          g_assert_true (contains (text, therapist_name));
        }
      for (guint a = 0; a < PALPATE_PSFS_MAX_ACTIVITIES; a++)
        if (!contains (text, activities[a]))
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


/* Pain before not rated: the pain after stays in the table, the Outcome says why there is no
 * change, the handout does not wait for a "first session" after three. */
static void
test_report_unrated (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 client = add_client (fixture, "Kwame Mensah");
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  add_visit (fixture, client, 30, -1, 6);
  add_visit (fixture, client, 20, -1, 4);
  add_visit (fixture, client, 10, -1, 3);
  pdf = write_report (fixture, client, "unrated.pdf");
  text = pdf_text (pdf);
  g_assert_true (contains (text, "– → 6"));
  g_assert_true (contains (text, "– → 3"));
  g_assert_true (contains (text, "Pain before treatment was not rated, so there is no change over "
                                 "care to report"));
  g_clear_pointer (&pdf, g_free);
  g_clear_pointer (&text, g_free);

  pdf = write_report_full (fixture, client, "unrated-handout.pdf", PALPATE_VISITS_SIGNED, TRUE,
                           PALPATE_PAPER_A4);
  text = pdf_text (pdf);
  g_assert_true (contains (text, "You have had 3 sessions"));
  g_assert_false (contains (text, "after your first session"));
}

/* The handout says how pain went, not "stayed at 7" when it ranged from 5 to 8. */
static void
test_report_handout_range (Fixture       *fixture,
                           gconstpointer  user_data)
{
  gint64 client = add_client (fixture, "Sione Taufa");
  gint64 steady = add_client (fixture, "Hana Kobayashi");
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  add_visit (fixture, client, 40, 7, 6);
  add_visit (fixture, client, 30, 5, 4);
  add_visit (fixture, client, 20, 8, 6);
  add_visit (fixture, client, 10, 7, 5);
  pdf = write_report_full (fixture, client, "range.pdf", PALPATE_VISITS_SIGNED, TRUE,
                           PALPATE_PAPER_A4);
  text = pdf_text (pdf);
  g_assert_false (contains (text, "stayed at"));
  g_assert_true (contains (text, "in between it went from 5 to 8"));
  g_clear_pointer (&pdf, g_free);
  g_clear_pointer (&text, g_free);

  add_visit (fixture, steady, 20, 6, 5);
  add_visit (fixture, steady, 10, 6, 4);
  pdf = write_report_full (fixture, steady, "steady.pdf", PALPATE_VISITS_SIGNED, TRUE,
                           PALPATE_PAPER_A4);
  text = pdf_text (pdf);
  g_assert_true (contains (text, "has stayed at 6 out of 10"));
}

/* Where the client marked pain themselves is shown as theirs, not as the therapist's findings. */
static void
test_report_clients_own_marks (Fixture       *fixture,
                               gconstpointer  user_data)
{
  gint64 client = add_client (fixture, "Olga Petrenko");
  gint64 visit;
  const PalpatePoint point = { 240, 196 };
  g_autoptr(PalpateFinding) finding = palpate_finding_new (PALPATE_FINDING_TENDER_POINT,
                                                           PALPATE_VIEW_POSTERIOR, &point, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  add_visit (fixture, client, 20, 6, 4);
  visit = add_draft (fixture, client, 2, 5, 3);
  palpate_finding_set_visit_id (finding, visit);
  palpate_finding_set_region_id (finding, "trapezius-upper-left");
  palpate_finding_set_intensity (finding, 5);
  palpate_finding_set_reported_by_client (finding, TRUE);
  g_assert_true (palpate_store_save_finding (fixture->store, finding, &error));
  g_assert_no_error (error);
  sign (fixture, visit);

  pdf = write_report (fixture, client, "marks.pdf");
  text = pdf_text (pdf);
  g_assert_true (contains (text, "Marked as painful by the client on"));
  g_assert_true (contains (text, "Left upper trapezius"));
  /* Not a finding of the therapist's in the findings' history. */
  g_assert_false (contains (text, "Findings Over Time"));
  g_clear_pointer (&pdf, g_free);
  g_clear_pointer (&text, g_free);

  pdf = write_report_full (fixture, client, "marks-handout.pdf", PALPATE_VISITS_SIGNED, TRUE,
                           PALPATE_PAPER_A4);
  text = pdf_text (pdf);
  g_assert_true (contains (text, "Where You Said It Hurt"));
  g_assert_true (contains (text, "These are your own marks"));
}

/* Two hundred visits on one day: the chart spreads them in order and says so, each row has its
 * time; the signature never stands alone on the last page; long and Arabic names lay out. */
static void
test_report_crowded_day (Fixture       *fixture,
                         gconstpointer  user_data)
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
      sign (fixture, palpate_visit_get_id (visit));
    }

  pdf = write_report (fixture, palpate_client_get_id (client), "crowded.pdf");
  text = pdf_text (pdf);
  g_assert_true (contains (text, "200 visits, in order"));
  g_assert_true (contains (text, "07:00"));
  g_assert_true (contains (text, "16:57"));
  n_pages = pdf_pages (pdf);
  last_page = pdf_page_text (pdf, n_pages);
  g_assert_true (contains (last_page, "Therapist’s signature"));
  g_assert_true (contains (last_page, "16:57"));
}

/* The client's handout: plain words, their own data, no clinical notes. */
static void
test_report_handout (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 client = add_client (fixture, "Leila Haddad");
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "handout.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr(PalpateReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 visit;

  add_visit (fixture, client, 40, 8, 6);
  visit = add_draft (fixture, client, 2, 4, 2);
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
  text = pdf_text (pdf);

  g_assert_true (contains (text, "Leila, here is your progress"));
  g_assert_true (contains (text, "went from 8 to 4"));
  g_assert_true (contains (text, "a real improvement"));
  g_assert_true (contains (text, "Cat-cow stretch, ten times each morning"));
  g_assert_true (contains (text, "Lift the grandchildren again."));
  g_assert_false (contains (text, "Hypertonic"));
  g_assert_false (contains (text, "signature"));
  g_assert_false (contains (text, "Active trigger point"));
}

/* The foot of each page carries the head of the clinic's audit chain as the report was made,
 * so that a later copy of the clinic that no longer holds it shows it was cut short. */
static void
test_report_audit_head (Fixture       *fixture,
                        gconstpointer  user_data)
{
  gint64 client_id = add_client (fixture, "Noor Haddad");
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *expected = NULL;
  gint64 n_entries = 0;

  add_visit (fixture, client_id, 20, 7, 5);
  add_visit (fixture, client_id, 10, 6, 3);
  g_assert_true (palpate_store_get_audit_head (fixture->store, &n_entries, &hash, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_entries, >, 0);

  pdf = write_report (fixture, client_id, "audit-head.pdf");
  text = pdf_text (pdf);
  expected = g_strdup_printf ("Audit log: %" G_GINT64_FORMAT " entries · %s", n_entries, hash);
  g_assert_true (contains (text, expected));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/Palpate/Report/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("demo-client", test_report_demo_client);
  ADD ("few-visits", test_report_few_visits);
  ADD ("flows-onto-pages", test_report_flows_onto_pages);
  ADD ("meaningful-change", test_report_meaningful_change);
  ADD ("command-line", test_report_command_line);
  ADD ("handout", test_report_handout);
  ADD ("drafts-and-self-ratings", test_report_drafts_and_self_ratings);
  ADD ("amendment", test_report_amendment);
  ADD ("consents", test_report_consents);
  ADD ("period", test_report_period);
  ADD ("output-safety", test_report_output_safety);
  ADD ("long-fields", test_report_long_fields);
  ADD ("crowded-day", test_report_crowded_day);
  ADD ("long-names", test_report_long_names);
  ADD ("unrated", test_report_unrated);
  ADD ("handout-range", test_report_handout_range);
  ADD ("clients-own-marks", test_report_clients_own_marks);
  ADD ("audit-head", test_report_audit_head);

  return g_test_run ();
}
