/* test-store.c — the clinic store: round trips, rules, search, points and no-touch zones;
 * its protections are in test-store-safety.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "palpate-backup.h"
#include "palpate-core-error.h"
#include "palpate-store-health.h"
#include "palpate-store-private.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"
#include "test-store-private.h"

gboolean test_on_server;

gboolean
skip_on_server (const char *why)
{
  if (!test_on_server)
    return FALSE;
  g_test_skip (why);
  return TRUE;
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp ("palpate-store-XXXXXX", &error);
  g_assert_no_error (error);
  if (test_on_server)
    {
      fixture->conninfo = palpate_test_server_new_database ();
      g_assert_nonnull (fixture->conninfo);
      fixture->path = palpate_test_store_server_location (fixture->conninfo);
    }
  else
    fixture->path = g_build_filename (fixture->tmpdir, "clinic", "clinic.sqlite3", NULL);
  fixture->store = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);
  palpate_store_set_actor (fixture->store, "Test Therapist");
}

void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  palpate_test_server_drop_database (fixture->conninfo);
  g_free (fixture->conninfo);
  remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_free (fixture->path);
}

PalpateClient *
add_client (PalpateStore *store,
            const char   *name)
{
  g_autoptr(GError) error = NULL;
  PalpateClient *client = palpate_client_new ();

  palpate_client_set_name (client, name);
  palpate_store_save_client (store, client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (palpate_client_get_id (client), >, 0);

  return client;
}

PalpateVisit *
add_visit (PalpateStore *store,
           gint64        client_id,
           int           days_ago)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) started = g_date_time_add_days (now, -days_ago);
  PalpateVisit *visit = palpate_visit_new ();

  palpate_visit_set_client_id (visit, client_id);
  palpate_visit_set_started_at (visit, started);
  palpate_visit_set_duration_minutes (visit, 60);
  palpate_visit_set_pain_before (visit, 7);
  palpate_visit_set_pain_after (visit, 4);
  palpate_store_save_visit (store, visit, &error);
  g_assert_no_error (error);

  return visit;
}

PalpateFinding *
add_finding (PalpateStore       *store,
             gint64              visit_id,
             PalpateFindingKind  kind)
{
  g_autoptr(GError) error = NULL;
  const PalpatePoint points[] = { { 120.5, 230.25 }, { 140, 250 }, { 130, 270 } };
  guint n = palpate_finding_kind_get_geometry (kind) == PALPATE_GEOMETRY_POINT ? 1 :
            palpate_finding_kind_get_geometry (kind) == PALPATE_GEOMETRY_LINE ? 2 : 3;
  PalpateFinding *finding = palpate_finding_new (kind, PALPATE_VIEW_POSTERIOR, points, n);

  palpate_finding_set_visit_id (finding, visit_id);
  palpate_finding_set_region_id (finding, "trapezius-upper-right");
  palpate_finding_set_intensity (finding, 6);
  palpate_store_save_finding (store, finding, &error);
  g_assert_no_error (error);

  return finding;
}

/* Runs SQL on the file through a connection of its own, as another program would. */
int
raw_exec (const char *path,
          const char *sql,
          char      **message)
{
  sqlite3 *db = NULL;
  char *errmsg = NULL;
  int rc;

  if (g_str_has_prefix (path, "postgresql://"))
    return palpate_test_store_server_exec (path, sql, message);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 1000);
  rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);
  if (message != NULL)
    *message = g_strdup (errmsg);
  sqlite3_free (errmsg);
  sqlite3_close (db);

  return rc;
}

char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
test_store_new_file_is_private (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autofree char *folder = g_path_get_dirname (fixture->path);
  GStatBuf st;

  if (skip_on_server ("a server clinic has no file"))
    return;
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
test_store_client_round_trip (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(PalpateClient) loaded = NULL;
  g_autoptr(PalpateStore) reopened = NULL;
  const char *conditions[] = { "disc", "stress", "Whiplash 2019 — “rear-ended”", NULL };
  const char *contraindications[] = { "anticoagulants", NULL };
  const char *practitioners[] = { "chiropractor=Dr. Amira Haddad", NULL };
  const char *activities[] = { "Sleep through the night", "Sit at work for an hour",
                               "Lift my grandson", NULL };

  palpate_client_set_name (client, "محمد الأحمد 王小明 🙂");
  palpate_client_set_birth_date (client, "1968-04-23");
  palpate_client_set_phone (client, "+1 416 555 0199");
  palpate_client_set_email (client, "client@example.org");
  palpate_client_set_conditions (client, conditions);
  palpate_client_set_contraindications (client, contraindications);
  palpate_client_set_practitioners (client, practitioners);
  palpate_client_set_goals (client, "Garden without pain by May.\nBack to yoga.");
  palpate_client_set_activities (client, activities);
  palpate_store_save_client (fixture->store, client, &error);
  g_assert_no_error (error);

  g_clear_object (&fixture->store);
  reopened = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);

  loaded = palpate_store_get_client (reopened, palpate_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (palpate_client_get_name (loaded), ==, "محمد الأحمد 王小明 🙂");
  g_assert_cmpstr (palpate_client_get_birth_date (loaded), ==, "1968-04-23");
  g_assert_cmpstr (palpate_client_get_phone (loaded), ==, "+1 416 555 0199");
  g_assert_cmpstr (palpate_client_get_email (loaded), ==, "client@example.org");
  g_assert_true (g_strv_equal (palpate_client_get_conditions (loaded), conditions));
  g_assert_true (g_strv_equal (palpate_client_get_contraindications (loaded), contraindications));
  g_assert_true (g_strv_equal (palpate_client_get_practitioners (loaded), practitioners));
  g_assert_true (g_strv_equal (palpate_client_get_activities (loaded), activities));
  g_assert_cmpstr (palpate_client_get_goals (loaded), ==,
                   "Garden without pain by May.\nBack to yoga.");
  g_assert_nonnull (palpate_client_get_created_at (loaded));

  /* An update keeps the id and the activities' ids. */
  {
    g_autoptr(GArray) ids_before = palpate_store_list_activity_ids (reopened,
                                                                   palpate_client_get_id (loaded),
                                                                   NULL);
    g_autoptr(GArray) ids_after = NULL;
    const char *renamed[] = { "Sleep through the night", "Sit at my desk for an hour",
                              "Lift my grandson", NULL };

    palpate_client_set_activities (loaded, renamed);
    palpate_client_set_phone (loaded, NULL);
    palpate_store_save_client (reopened, loaded, &error);
    g_assert_no_error (error);
    ids_after = palpate_store_list_activity_ids (reopened, palpate_client_get_id (loaded), NULL);
    g_assert_cmpuint (ids_after->len, ==, 3);
    g_assert_cmpmem (ids_before->data, 3 * sizeof (gint64), ids_after->data, 3 * sizeof (gint64));
  }

  g_assert_finalize_object (g_steal_pointer (&reopened));
}

static void
test_store_visit_round_trip (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateClient) client = add_client (fixture->store, "Jordan Smith");
  g_autoptr(PalpateTherapist) therapist = palpate_therapist_new ();
  g_autoptr(PalpateVisit) visit = NULL;
  g_autoptr(PalpateVisit) loaded = NULL;
  g_autoptr(PalpateFinding) finding = NULL;
  g_autoptr(PalpateFinding) line = NULL;
  g_autoptr(PalpateAppliedTechnique) applied = palpate_applied_technique_new ();
  g_autoptr(PalpateTechnique) custom = palpate_technique_new ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) techniques = NULL;
  g_autoptr(GPtrArray) applied_list = NULL;
  g_autoptr(GArray) summaries = NULL;
  g_autoptr(GString) long_note = g_string_new (NULL);
  const PalpatePoint *points;
  guint n_points;

  palpate_therapist_set_name (therapist, "Maria Rossi");
  palpate_therapist_set_credentials (therapist, "RMT");
  palpate_store_save_therapist (fixture->store, therapist, &error);
  g_assert_no_error (error);

  visit = add_visit (fixture->store, palpate_client_get_id (client), 3);
  palpate_visit_set_therapist_id (visit, palpate_therapist_get_id (therapist));
  for (int i = 0; i < 20000; i++)
    g_string_append (long_note, "Tight upper trapezius. ");
  palpate_visit_set_subjective (visit, long_note->str);
  palpate_visit_set_objective (visit, "Hypertonic R upper trapezius, TrP with referral to temple.");
  palpate_visit_set_assessment (visit, "Good response; ROM improved.");
  palpate_visit_set_plan (visit, "Weekly for 4 weeks.");
  palpate_visit_set_home_care (visit, "Heat 15 min, chin tucks 3×10 daily.");
  palpate_visit_set_consent_sensitive (visit, TRUE);
  palpate_store_save_visit (fixture->store, visit, &error);
  g_assert_no_error (error);

  finding = add_finding (fixture->store, palpate_visit_get_id (visit),
                         PALPATE_FINDING_TRIGGER_POINT_ACTIVE);
  line = add_finding (fixture->store, palpate_visit_get_id (visit), PALPATE_FINDING_ADHESION);
  palpate_finding_set_note (line, "Along the medial border");
  palpate_finding_set_status (line, PALPATE_FINDING_STATUS_IMPROVED);
  palpate_store_save_finding (fixture->store, line, &error);
  g_assert_no_error (error);

  palpate_technique_set_name (custom, "Gua sha");
  palpate_store_save_technique (fixture->store, custom, &error);
  g_assert_no_error (error);
  techniques = palpate_store_list_techniques (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (techniques->len, ==, 8);
  g_assert_cmpstr (palpate_technique_get_name (techniques->pdata[0]), ==, "Myofascial release");
  g_assert_cmpstr (palpate_technique_get_name (techniques->pdata[7]), ==, "Gua sha");

  palpate_applied_technique_set_visit_id (applied, palpate_visit_get_id (visit));
  palpate_applied_technique_set_technique_id (applied, palpate_technique_get_id (custom));
  palpate_applied_technique_set_region_id (applied, "trapezius-upper-right");
  palpate_applied_technique_set_minutes (applied, 12);
  palpate_applied_technique_set_pressure (applied, PALPATE_PRESSURE_FIRM);
  palpate_store_save_applied_technique (fixture->store, applied, &error);
  g_assert_no_error (error);

  loaded = palpate_store_get_visit (fixture->store, palpate_visit_get_id (visit), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (palpate_visit_get_subjective (loaded), ==, long_note->str);
  g_assert_cmpstr (palpate_visit_get_home_care (loaded), ==, "Heat 15 min, chin tucks 3×10 daily.");
  g_assert_cmpstr (palpate_visit_get_therapist_name (loaded), ==, "Maria Rossi");
  g_assert_cmpint (palpate_visit_get_pain_before (loaded), ==, 7);
  g_assert_cmpint (palpate_visit_get_pain_after (loaded), ==, 4);
  g_assert_cmpint (palpate_visit_get_duration_minutes (loaded), ==, 60);
  g_assert_true (palpate_visit_get_consent_sensitive (loaded));
  g_assert_cmpint (palpate_visit_get_status (loaded), ==, PALPATE_VISIT_DRAFT);
  g_assert_true (g_date_time_equal (palpate_visit_get_started_at (loaded),
                                    palpate_visit_get_started_at (visit)) ||
                 g_date_time_to_unix (palpate_visit_get_started_at (loaded)) ==
                 g_date_time_to_unix (palpate_visit_get_started_at (visit)));

  findings = palpate_store_list_findings (fixture->store, palpate_visit_get_id (visit), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 2);
  points = palpate_finding_get_points (findings->pdata[0], &n_points);
  g_assert_cmpuint (n_points, ==, 1);
  g_assert_cmpfloat_with_epsilon (points[0].x, 120.5, 0.001);
  g_assert_cmpfloat_with_epsilon (points[0].y, 230.25, 0.001);
  g_assert_cmpint (palpate_finding_get_kind (findings->pdata[1]), ==, PALPATE_FINDING_ADHESION);
  g_assert_cmpint (palpate_finding_get_view (findings->pdata[1]), ==, PALPATE_VIEW_POSTERIOR);
  g_assert_cmpint (palpate_finding_get_status (findings->pdata[1]), ==,
                   PALPATE_FINDING_STATUS_IMPROVED);
  g_assert_cmpstr (palpate_finding_get_note (findings->pdata[1]), ==, "Along the medial border");
  g_assert_cmpstr (palpate_finding_get_region_id (findings->pdata[1]), ==,
                   "trapezius-upper-right");
  points = palpate_finding_get_points (findings->pdata[1], &n_points);
  g_assert_cmpuint (n_points, ==, 2);

  applied_list = palpate_store_list_applied_techniques (fixture->store,
                                                        palpate_visit_get_id (visit), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (applied_list->len, ==, 1);
  g_assert_cmpstr (palpate_applied_technique_get_technique_name (applied_list->pdata[0]), ==,
                   "Gua sha");
  g_assert_cmpint (palpate_applied_technique_get_minutes (applied_list->pdata[0]), ==, 12);
  g_assert_cmpint (palpate_applied_technique_get_pressure (applied_list->pdata[0]), ==,
                   PALPATE_PRESSURE_FIRM);

  summaries = palpate_store_list_visit_summaries (fixture->store, palpate_client_get_id (client),
                                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 1);
  g_assert_cmpint (g_array_index (summaries, PalpateVisitSummary, 0).n_findings, ==, 2);

  /* Deleting a finding from a draft works. */
  palpate_store_delete_finding (fixture->store, palpate_finding_get_id (finding), &error);
  g_assert_no_error (error);
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = palpate_store_list_findings (fixture->store, palpate_visit_get_id (visit), &error);
  g_assert_cmpuint (findings->len, ==, 1);
}

static void
test_store_outcomes_and_settings (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateClient) client = add_client (fixture->store, "Ana Souza");
  g_autoptr(PalpateVisit) visit = add_visit (fixture->store, palpate_client_get_id (client), 1);
  g_autoptr(GArray) activity_ids = NULL;
  g_autoptr(GArray) ratings = NULL;
  g_autoptr(GArray) outcomes = NULL;
  g_autofree char *name = NULL;
  const char *activities[] = { "Run 5 km", "Carry groceries", NULL };
  PalpateOutcomeAnswers ndi = { .visit_id = palpate_visit_get_id (visit),
                                .instrument = PALPATE_INSTRUMENT_NDI,
                                .answers = { 1, 2, 3, 0, 1, -1, 2, 2, 1, 0 } };

  palpate_client_set_activities (client, activities);
  palpate_store_save_client (fixture->store, client, &error);
  g_assert_no_error (error);
  activity_ids = palpate_store_list_activity_ids (fixture->store, palpate_client_get_id (client),
                                                  &error);
  g_assert_cmpuint (activity_ids->len, ==, 2);

  palpate_store_set_psfs_rating (fixture->store, palpate_visit_get_id (visit),
                                 g_array_index (activity_ids, gint64, 1), 4, &error);
  g_assert_no_error (error);
  palpate_store_set_psfs_rating (fixture->store, palpate_visit_get_id (visit),
                                 g_array_index (activity_ids, gint64, 1), 11, &error);
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
  g_clear_error (&error);

  ratings = palpate_store_list_psfs_ratings (fixture->store, palpate_client_get_id (client),
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ratings->len, ==, 1);
  g_assert_cmpint (g_array_index (ratings, PalpatePsfsRating, 0).rating, ==, 4);
  g_assert_cmpuint (g_array_index (ratings, PalpatePsfsRating, 0).position, ==, 1);

  palpate_store_save_outcome (fixture->store, &ndi, &error);
  g_assert_no_error (error);
  outcomes = palpate_store_list_outcomes (fixture->store, palpate_client_get_id (client), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcomes->len, ==, 1);
  g_assert_cmpmem (g_array_index (outcomes, PalpateOutcomeAnswers, 0).answers,
                   sizeof ndi.answers, ndi.answers, sizeof ndi.answers);

  ndi.answers[0] = 6;
  g_assert_false (palpate_store_save_outcome (fixture->store, &ndi, &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
  g_clear_error (&error);

  palpate_store_set_setting (fixture->store, "clinic-name", "Riverside Massage Therapy", &error);
  g_assert_no_error (error);
  name = palpate_store_dup_setting (fixture->store, "clinic-name");
  g_assert_cmpstr (name, ==, "Riverside Massage Therapy");
}

static void
expect_invalid (gboolean     saved,
                GError     **error,
                const char  *fragment)
{
  g_assert_false (saved);
  g_assert_nonnull (*error);
  g_assert_true ((*error)->domain == PALPATE_CORE_ERROR);
  if (strstr ((*error)->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", (*error)->message, fragment);
  g_clear_error (error);
}

static void
test_store_rules (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(PalpateClient) good = add_client (fixture->store, "Lee Chen");
  g_autoptr(PalpateVisit) visit = add_visit (fixture->store, palpate_client_get_id (good), 0);
  g_autoptr(PalpateAppliedTechnique) applied = palpate_applied_technique_new ();
  g_autoptr(PalpateAmendment) amendment = palpate_amendment_new ();
  g_autoptr(PalpateTherapist) therapist = palpate_therapist_new ();
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(GDateTime) future = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *six[] = { "a", "b", "c", "d", "e", "f", NULL };

  palpate_client_set_name (client, "   ");
  expect_invalid (palpate_store_save_client (fixture->store, client, &error), &error,
                  "The client’s name cannot be empty");
  g_assert_cmpint (palpate_client_get_id (client), ==, 0);

  for (int i = 0; i < 201; i++)
    g_string_append (long_name, "ä");
  palpate_client_set_name (client, long_name->str);
  expect_invalid (palpate_store_save_client (fixture->store, client, &error), &error,
                  "up to 200 characters; this one has 201");

  palpate_client_set_name (client, "Sam Taylor");
  future = g_date_time_add_years (now, 1);
  {
    g_autofree char *text = g_date_time_format (future, "%Y-%m-%d");
    palpate_client_set_birth_date (client, text);
  }
  expect_invalid (palpate_store_save_client (fixture->store, client, &error), &error,
                  "in the future");
  palpate_client_set_birth_date (client, "1968-02-30");
  expect_invalid (palpate_store_save_client (fixture->store, client, &error), &error,
                  "is not a date");
  palpate_client_set_birth_date (client, "1850-01-01");
  expect_invalid (palpate_store_save_client (fixture->store, client, &error), &error,
                  "before 1900");
  palpate_client_set_birth_date (client, NULL);
  palpate_client_set_activities (client, six);
  expect_invalid (palpate_store_save_client (fixture->store, client, &error), &error,
                  "up to 5 entries");
  palpate_client_set_activities (client, NULL);
  g_assert_true (palpate_store_save_client (fixture->store, client, &error));

  palpate_visit_set_pain_before (visit, 11);
  expect_invalid (palpate_store_save_visit (fixture->store, visit, &error), &error,
                  "Pain before is rated from 0");
  palpate_visit_set_pain_before (visit, 3);
  palpate_visit_set_pain_after (visit, -5);
  expect_invalid (palpate_store_save_visit (fixture->store, visit, &error), &error,
                  "Pain after is rated from 0");
  palpate_visit_set_pain_after (visit, 2);
  palpate_visit_set_duration_minutes (visit, 900);
  expect_invalid (palpate_store_save_visit (fixture->store, visit, &error), &error,
                  "from 0 to 600 minutes");
  palpate_visit_set_duration_minutes (visit, 60);
  palpate_visit_set_started_at (visit, future);
  expect_invalid (palpate_store_save_visit (fixture->store, visit, &error), &error,
                  "not plausible");

  palpate_applied_technique_set_visit_id (applied, palpate_visit_get_id (visit));
  expect_invalid (palpate_store_save_applied_technique (fixture->store, applied, &error), &error,
                  "Choose the technique");
  palpate_applied_technique_set_technique_id (applied, 1);
  palpate_applied_technique_set_region_id (applied, "deltoid-left");
  palpate_applied_technique_set_minutes (applied, 0);
  expect_invalid (palpate_store_save_applied_technique (fixture->store, applied, &error), &error,
                  "1 to 240 minutes");

  palpate_amendment_set_visit_id (amendment, palpate_visit_get_id (visit));
  palpate_amendment_set_author (amendment, "Maria Rossi");
  palpate_amendment_set_text (amendment, "\n\t ");
  expect_invalid (palpate_store_add_amendment (fixture->store, amendment, &error), &error,
                  "The amendment cannot be empty");

  expect_invalid (palpate_store_save_therapist (fixture->store, therapist, &error), &error,
                  "The therapist’s name cannot be empty");
}

/* The database keeps its own rules, whatever program writes to it. */
static void
test_store_check_constraints (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(PalpateClient) client = add_client (fixture->store, "Kim Park");
  g_autoptr(PalpateVisit) visit = add_visit (fixture->store, palpate_client_get_id (client), 0);
  g_autoptr(PalpateFinding) finding = add_finding (fixture->store, palpate_visit_get_id (visit),
                                                   PALPATE_FINDING_TENDER_POINT);
  const char *bad[] = {
    "UPDATE visits SET pain_before = 11",
    "UPDATE visits SET pain_after = -1",
    "UPDATE visits SET duration_minutes = 601",
    "UPDATE visits SET status = 'approved'",
    "UPDATE visits SET status = 'signed'",
    "UPDATE clients SET name = '  '",
    "UPDATE clients SET birth_date = '23/04/1968'",
    "UPDATE clients SET conditions = 'not json'",
    "UPDATE findings SET intensity = 12",
    "UPDATE findings SET kind = 'bruise'",
    "UPDATE findings SET view = 'top'",
    "UPDATE findings SET points = '[1,2,3]'",
    "INSERT INTO applied_techniques (visit_id, technique_id, region_id, minutes, pressure) "
    "VALUES (1, 1, 'deltoid-left', 5, 'crushing')",
    "INSERT INTO psfs_ratings (visit_id, activity_id, rating) VALUES (1, 1, 11)",
    "PRAGMA foreign_keys = ON; INSERT INTO visits (client_id, started_at) VALUES (999, 0)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *message = NULL;
      int rc = raw_exec (fixture->path, bad[i], &message);

      if ((rc & 0xff) != SQLITE_CONSTRAINT)
        g_error ("“%s” was not refused (%d: %s)", bad[i], rc, message);
    }
}

static void
test_store_search (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  const char *names[] = { "José Álvarez", "Joseph King", "Mei Lin 林美", "Ola Nordmann" };
  struct { const char *text; guint count; } queries[] = {
    { "jose", 2 }, { "ALVA", 1 }, { "林美", 1 }, { "ol", 1 }, { "0142", 1 }, { "", 4 },
    { "zzz", 0 }, { "\"", 0 }, { "jos*", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(PalpateClient) client = palpate_client_new ();

      palpate_client_set_name (client, names[i]);
      if (i == 3)
        palpate_client_set_phone (client, "+47 555 0142");
      palpate_store_save_client (fixture->store, client, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) found = palpate_store_search_clients (fixture->store, queries[i].text,
                                                                 50, &error);
      g_assert_no_error (error);
      if (found->len != queries[i].count)
        g_error ("“%s” found %u clients, not %u", queries[i].text, found->len, queries[i].count);
    }
}

/* A desktop in German writes decimals with a comma; the file keeps a dot, and the finding
 * comes back where it was drawn. */
static void
test_store_points_any_locale (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(PalpateClient) client = add_client (fixture->store, "Jürgen Weiß");
  g_autoptr(PalpateVisit) visit = add_visit (fixture->store, palpate_client_get_id (client), 1);
  const PalpatePoint drawn[] = { { 112.5, 301.25 }, { 130.75, 322.5 }, { 118.25, 340.0 } };
  g_autoptr(PalpateFinding) finding = palpate_finding_new (PALPATE_FINDING_SPASM_ZONE,
                                                           PALPATE_VIEW_POSTERIOR, drawn, 3);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved_locale = g_strdup (setlocale (LC_NUMERIC, NULL));
  const PalpatePoint *points;
  guint n_points;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not installed (build-aux/test generates it)");
      return;
    }

  palpate_finding_set_visit_id (finding, palpate_visit_get_id (visit));
  palpate_finding_set_region_id (finding, "erector-spinae-lumbar-left");
  g_assert_true (palpate_store_save_finding (fixture->store, finding, &error));
  g_assert_no_error (error);
  findings = palpate_store_list_findings (fixture->store, palpate_visit_get_id (visit), &error);
  setlocale (LC_NUMERIC, saved_locale);

  g_assert_cmpuint (findings->len, ==, 1);
  points = palpate_finding_get_points (findings->pdata[0], &n_points);
  g_assert_cmpuint (n_points, ==, 3);
  for (guint i = 0; i < n_points; i++)
    {
      g_assert_cmpfloat_with_epsilon (points[i].x, drawn[i].x, 0.01);
      g_assert_cmpfloat_with_epsilon (points[i].y, drawn[i].y, 0.01);
    }
}

/* Standing no-touch zones: saved with the client, replaced all at once, gone with nothing. */
static void
test_store_client_zones (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(PalpateClient) client = add_client (fixture->store, "Ana Zones");
  g_autoptr(GListStore) zones = g_list_store_new (PALPATE_TYPE_FINDING);
  const PalpatePoint area[] = { { 100, 200 }, { 120, 210 }, { 110, 230 } };
  const PalpatePoint bad[] = { { 100, 200 } };
  g_autoptr(PalpateFinding) zone = palpate_finding_new (PALPATE_FINDING_CONTRAINDICATION,
                                                        PALPATE_VIEW_ANTERIOR, area, 3);
  g_autoptr(PalpateFinding) broken = palpate_finding_new (PALPATE_FINDING_SPASM_ZONE,
                                                          PALPATE_VIEW_ANTERIOR, bad, 1);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = palpate_client_get_id (client);

  palpate_finding_set_region_id (zone, "shin-left");
  palpate_finding_set_note (zone, "Varicose veins");
  g_list_store_append (zones, zone);
  g_assert_true (palpate_store_set_client_zones (fixture->store, id, G_LIST_MODEL (zones), &error));
  g_assert_no_error (error);

  found = palpate_store_list_client_zones (fixture->store, id, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (palpate_finding_get_kind (found->pdata[0]), ==, PALPATE_FINDING_CONTRAINDICATION);
  g_assert_cmpstr (palpate_finding_get_region_id (found->pdata[0]), ==, "shin-left");
  g_assert_cmpstr (palpate_finding_get_note (found->pdata[0]), ==, "Varicose veins");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A broken zone refuses the whole change: the old zones stay. */
  g_list_store_append (zones, broken);
  g_assert_false (palpate_store_set_client_zones (fixture->store, id, G_LIST_MODEL (zones), &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  found = palpate_store_list_client_zones (fixture->store, id, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  g_list_store_remove_all (zones);
  g_assert_true (palpate_store_set_client_zones (fixture->store, id, G_LIST_MODEL (zones), &error));
  found = palpate_store_list_client_zones (fixture->store, id, NULL);
  g_assert_cmpuint (found->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  test_on_server = palpate_test_store_parse_server_arg (&argc, &argv);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (test_on_server && palpate_test_store_skip_program_without_server ())
    return 0;

#define ADD(path, func) \
  g_test_add ("/Palpate/Store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("new-file-is-private", test_store_new_file_is_private);
  ADD ("client-round-trip", test_store_client_round_trip);
  ADD ("visit-round-trip", test_store_visit_round_trip);
  ADD ("outcomes-and-settings", test_store_outcomes_and_settings);
  ADD ("rules", test_store_rules);
  ADD ("check-constraints", test_store_check_constraints);
  test_store_add_safety_tests ();
  ADD ("search", test_store_search);
  ADD ("points-any-locale", test_store_points_any_locale);
  ADD ("client-zones", test_store_client_zones);

#undef ADD

  return g_test_run ();
}
