/* palpate-test-report.c — what the report tests share: a temporary clinic with clients and
 * visits, reports written from it, and their PDFs read back as text
 *
 * The PDFs are read back with pdftotext and pdfinfo (poppler-utils), so the tests check the
 * text a physician would read, not the drawing calls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "palpate-test-report.h"
#include "palpate-test-utils.h"

void
palpate_test_report_set_up (PalpateTestReport *fixture,
                            gconstpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = palpate_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->tmpdir, "clinic.sqlite3", NULL);
  fixture->store = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

void
palpate_test_report_tear_down (PalpateTestReport *fixture,
                               gconstpointer      user_data)
{
  g_clear_object (&fixture->store);
  palpate_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_free (fixture->path);
}

gint64
palpate_test_report_add_client (PalpateTestReport *fixture,
                                const char        *name)
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
gint64
palpate_test_report_add_draft (PalpateTestReport *fixture,
                               gint64             client_id,
                               int                days_ago,
                               int                before,
                               int                after)
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

void
palpate_test_report_sign (PalpateTestReport *fixture,
                          gint64             visit_id)
{
  g_autoptr(PalpateVisit) visit = palpate_store_get_visit (fixture->store, visit_id, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (palpate_store_sign_visit (fixture->store, visit, "Maria Rossi", &error));
  g_assert_no_error (error);
}

/* A signed visit: what reports count. */
gint64
palpate_test_report_add_visit (PalpateTestReport *fixture,
                               gint64             client_id,
                               int                days_ago,
                               int                before,
                               int                after)
{
  gint64 id = palpate_test_report_add_draft (fixture, client_id, days_ago, before, after);

  palpate_test_report_sign (fixture, id);
  return id;
}

/* The client's own rating from the patient view, today. */
void
palpate_test_report_add_self_rating (PalpateTestReport *fixture,
                                     gint64             client_id,
                                     int                pain)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();

  palpate_visit_set_client_id (visit, client_id);
  palpate_visit_set_started_at (visit, now);
  palpate_visit_set_pain_before (visit, pain);
  palpate_visit_set_reported_by_client (visit, TRUE);
  g_assert_true (palpate_store_save_visit (fixture->store, visit, NULL));
}

char *
palpate_test_run (const char * const *argv,
                  int                *status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, status, &error);
  g_assert_no_error (error);
  return out;
}

char *
palpate_test_pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status;
  char *text = palpate_test_run (argv, &status);

  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

int
palpate_test_pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  int status;
  g_autofree char *info = palpate_test_run (argv, &status);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return atoi (pages + strlen ("Pages:"));
}

/* @text without the foot of each page (both its lines), so that text flowing over a page break
 * reads on. */
char *
palpate_test_without_footers (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) kept = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], " · page ") == NULL && strstr (lines[i], "Audit log: ") == NULL)
      g_string_append_printf (kept, "%s\n", lines[i]);

  return g_string_free (g_steal_pointer (&kept), FALSE);
}

/* Whether @needle is in @text, ignoring spaces: pdftotext places them by the glyphs' gaps. */
gboolean
palpate_test_contains (const char *text,
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

char *
palpate_test_report_write_full (PalpateTestReport     *fixture,
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

char *
palpate_test_report_write (PalpateTestReport *fixture,
                           gint64             client_id,
                           const char        *name)
{
  return palpate_test_report_write_full (fixture, client_id, name, PALPATE_VISITS_SIGNED, FALSE,
                                         PALPATE_PAPER_A4);
}

/* The text of one page of @pdf. */
char *
palpate_test_pdf_page_text (const char *pdf,
                            int         page)
{
  g_autofree char *number = g_strdup_printf ("%d", page);
  const char *argv[] = { "pdftotext", "-layout", "-f", number, "-l", number, pdf, "-", NULL };
  int status;
  char *text = palpate_test_run (argv, &status);

  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}
