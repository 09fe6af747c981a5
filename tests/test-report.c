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

#include "palpate-atlas.h"
#include "palpate-demo-clinic.h"
#include "palpate-report.h"
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

/* A visit @days_ago days ago with the pain ratings given (-1: not rated). */
static gint64
add_visit (Fixture *fixture,
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
write_report (Fixture    *fixture,
              gint64      client_id,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateReport) report = palpate_report_new (fixture->store, client_id, NULL, NULL,
                                                        &error);
  char *pdf = g_build_filename (fixture->tmpdir, name, NULL);

  g_assert_no_error (error);
  g_assert_true (palpate_report_write_pdf (report, PALPATE_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  return pdf;
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

      g_assert_nonnull (strstr (text, date));
      g_assert_true (contains (text, pain));
    }
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
  g_assert_nonnull (strstr (text, "No change to compare yet"));
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

/* The meaningful-change sentence follows the rule: at least 2 points or 30 % of the first. */
static void
test_report_meaningful_change (Fixture       *fixture,
                               gconstpointer  user_data)
{
  const struct { int first, latest; const char *expected; } cases[] = {
    { 7, 5, "a meaningful improvement" },
    { 7, 6, "not yet a meaningful change" },
    { 3, 2, "a meaningful improvement" },     /* 33 % */
    { 10, 8, "a meaningful improvement" },
    { 4, 6, "a meaningful worsening" },
    { 5, 6, "not yet a meaningful change" },
    { 6, 6, "not yet a meaningful change" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("Client %u", i);
      g_autofree char *file = g_strdup_printf ("change-%u.pdf", i);
      gint64 client = add_client (fixture, name);
      g_autofree char *pdf = NULL;
      g_autofree char *text = NULL;

      add_visit (fixture, client, 30, cases[i].first, cases[i].first);
      add_visit (fixture, client, 1, cases[i].latest, cases[i].latest);
      pdf = write_report (fixture, client, file);
      text = pdf_text (pdf);
      if (!contains (text, cases[i].expected))
        g_error ("%d → %d: expected “%s” in: %s", cases[i].first, cases[i].latest,
                 cases[i].expected, text);
    }
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
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 2);

  /* A client that is not there: a clear message, a failed exit. */
  {
    const char *argv[] = { PALPATE_EXE, "report", "--database", fixture->path,
                           "--client", "Nobody Here", "--output", pdf, NULL };
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
  visit = add_visit (fixture, client, 2, 4, 2);
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

  return g_test_run ();
}
