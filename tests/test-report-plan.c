/* test-report-plan.c — the physician report shows the client's treatment plan and the progress
 * against each of its targets, read back from the PDF with pdftotext
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "palpate-report.h"
#include "palpate-store.h"
#include "palpate-test-utils.h"

typedef struct
{
  char         *tmpdir;
  PalpateStore *store;
  gint64        client_id;
} Fixture;

static void
add_signed_visit (Fixture *fixture,
                  int      pain,
                  int      psfs)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(PalpateVisit) stored = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  palpate_visit_set_client_id (visit, fixture->client_id);
  palpate_visit_set_started_at (visit, now);
  palpate_visit_set_pain_before (visit, pain + 1);
  palpate_visit_set_pain_after (visit, pain);
  g_assert_true (palpate_store_save_visit (fixture->store, visit, &error));
  ids = palpate_store_list_activity_ids (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_true (palpate_store_set_psfs_rating (fixture->store, palpate_visit_get_id (visit),
                                                g_array_index (ids, gint64, 0), psfs, &error));
  stored = palpate_store_get_visit (fixture->store, palpate_visit_get_id (visit), &error);
  g_assert_true (palpate_store_sign_visit (fixture->store, stored, "Maria Rossi", &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autofree char *path = NULL;
  const char *activities[] = { "Lifting my child", "Running 5 km", NULL };

  fixture->tmpdir = palpate_test_make_tmpdir ();
  path = g_build_filename (fixture->tmpdir, "clinic.sqlite3", NULL);
  fixture->store = palpate_store_open (path, &error);
  g_assert_no_error (error);
  palpate_client_set_name (client, "Rosa Delgado");
  palpate_client_set_activities (client, activities);
  g_assert_true (palpate_store_save_client (fixture->store, client, &error));
  fixture->client_id = palpate_client_get_id (client);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  palpate_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

/* The report's text, its spaces removed: pdftotext places them by the glyphs' gaps. */
static char *
report_text (Fixture    *fixture,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateReport) report = palpate_report_new (fixture->store, fixture->client_id,
                                                        NULL, NULL, &error);
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, name, NULL);
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  int status;

  g_assert_no_error (error);
  g_assert_true (palpate_report_write_pdf (report, PALPATE_PAPER_A4, pdf, &error));
  g_assert_no_error (error);
  if (g_getenv ("PALPATE_TEST_KEEP") != NULL)
    {
      g_autofree char *kept = g_build_filename (g_getenv ("PALPATE_TEST_KEEP"), name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (kept, contents, length, NULL));
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (const char *p = out; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (text, *p);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_has (const char *text,
            const char *needle)
{
  g_autoptr(GString) squeezed = g_string_new (NULL);

  for (const char *p = needle; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (squeezed, *p);
  if (strstr (text, squeezed->str) == NULL)
    g_error ("The report does not say “%s”:\n%s", needle, text);
}

static void
test_report_plan (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PalpateTreatmentPlan) plan = palpate_treatment_plan_new (fixture->client_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *without = NULL;
  g_autofree char *with = NULL;
  g_autofree char *discharged = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  add_signed_visit (fixture, 5, 3);
  without = report_text (fixture, "without-plan.pdf");
  g_assert_null (strstr (without, "TreatmentPlan"));

  plan->psfs_position = 0;
  plan->psfs_target = 7;
  plan->pain_target = 3;
  plan->frequency = 2;
  plan->n_sessions = 8;
  g_free (plan->techniques);
  plan->techniques = g_strdup ("Myofascial release of the upper trapezius");
  g_free (plan->home_care);
  plan->home_care = g_strdup ("Chin tucks, ten twice a day");
  g_date_set_dmy (&plan->reassess_on, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  g_assert_true (palpate_store_save_treatment_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
  add_signed_visit (fixture, 4, 5);
  add_signed_visit (fixture, 2, 6);

  with = report_text (fixture, "with-plan.pdf");
  assert_has (with, "Treatment Plan");
  assert_has (with, "Activity: Lifting my child");
  assert_has (with, "rated 7 or more");
  assert_has (with, "Now 6 — not reached yet");
  assert_has (with, "below 3");
  assert_has (with, "Now 2 — reached");
  assert_has (with, "Sessions, 2 sessions a week");
  assert_has (with, "8 planned");
  assert_has (with, "Reassessment");
  assert_has (with, "Due");
  assert_has (with, "Techniques planned: Myofascial release of the upper trapezius");
  assert_has (with, "Home care plan: Chin tucks, ten twice a day");

  plan->discharge_reason = PALPATE_DISCHARGE_CLIENT_CHOICE;
  plan->discharged_on = plan->reassess_on;
  g_free (plan->discharge_summary);
  plan->discharge_summary = g_strdup ("Moving away; exercises to keep up.");
  g_assert_true (palpate_store_save_treatment_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
  discharged = report_text (fixture, "discharged.pdf");
  assert_has (discharged, "(The client's choice): Moving away; exercises to keep up.");
  assert_has (discharged, "Not needed after discharge");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/report-plan/physician", Fixture, NULL, fixture_set_up, test_report_plan,
              fixture_tear_down);

  return g_test_run ();
}
