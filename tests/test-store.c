/* test-store.c — the clinic store: round trips, rules, protections, audit chain, bad files,
 * migrations and backups
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
#include "palpate-store-private.h"

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

  fixture->tmpdir = g_dir_make_tmp ("palpate-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->tmpdir, "clinic", "clinic.sqlite3", NULL);
  fixture->store = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);
  palpate_store_set_actor (fixture->store, "Test Therapist");
}

static void
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

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->store != NULL)
    g_assert_finalize_object (fixture->store);
  remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_free (fixture->path);
}

static PalpateClient *
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

static PalpateVisit *
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

static PalpateFinding *
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
static int
raw_exec (const char *path,
          const char *sql,
          char      **message)
{
  sqlite3 *db = NULL;
  char *errmsg = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 1000);
  rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);
  if (message != NULL)
    *message = g_strdup (errmsg);
  sqlite3_free (errmsg);
  sqlite3_close (db);

  return rc;
}

static char *
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
test_store_signed_visits (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateClient) client = add_client (fixture->store, "Noor Khan");
  g_autoptr(PalpateVisit) visit = add_visit (fixture->store, palpate_client_get_id (client), 2);
  g_autoptr(PalpateFinding) finding = add_finding (fixture->store, palpate_visit_get_id (visit),
                                                   PALPATE_FINDING_SPASM_ZONE);
  g_autoptr(PalpateAmendment) amendment = palpate_amendment_new ();
  g_autoptr(PalpateVisit) loaded = NULL;
  g_autoptr(GPtrArray) amendments = NULL;
  g_autofree char *sql = NULL;
  /* "VISIT" stands for the signed visit's id. */
  const char *refused[] = {
    "UPDATE visits SET subjective = 'rewritten' WHERE id = VISIT",
    "DELETE FROM visits WHERE id = VISIT",
    "UPDATE findings SET intensity = 1 WHERE visit_id = VISIT",
    "DELETE FROM findings WHERE visit_id = VISIT",
    "INSERT INTO findings (visit_id, view, kind, intensity, points) "
    "VALUES (VISIT, 'anterior', 'cleared', 0, '[1,1]')",
    "INSERT INTO applied_techniques (visit_id, technique_id, region_id, minutes, pressure) "
    "VALUES (VISIT, 1, 'deltoid-left', 5, 'light')",
  };

  palpate_visit_set_subjective (visit, "Neck stiff after a long drive.");
  palpate_store_save_visit (fixture->store, visit, &error);
  g_assert_no_error (error);
  palpate_store_sign_visit (fixture->store, visit, "Maria Rossi, RMT", &error);
  g_assert_no_error (error);
  g_assert_cmpint (palpate_visit_get_status (visit), ==, PALPATE_VISIT_SIGNED);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *message = NULL;
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, palpate_visit_get_id (visit));
      g_auto(GStrv) parts = g_strsplit (refused[i], "VISIT", -1);
      g_autofree char *statement = g_strjoinv (id, parts);
      int rc = raw_exec (fixture->path, statement, &message);

      g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
      g_assert_nonnull (strstr (message, "signed visit"));
    }

  /* Through the store: the refusal says what to do instead. */
  palpate_visit_set_subjective (visit, "rewritten");
  g_assert_false (palpate_store_save_visit (fixture->store, visit, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_SIGNED);
  g_assert_nonnull (strstr (error->message, "Add an amendment"));
  g_clear_error (&error);
  g_assert_false (palpate_store_delete_finding (fixture->store, palpate_finding_get_id (finding),
                                                &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_SIGNED);
  g_clear_error (&error);

  palpate_amendment_set_visit_id (amendment, palpate_visit_get_id (visit));
  palpate_amendment_set_author (amendment, "Maria Rossi, RMT");
  palpate_amendment_set_text (amendment, "Correction: the drive was on Sunday, not Saturday.");
  palpate_store_add_amendment (fixture->store, amendment, &error);
  g_assert_no_error (error);
  g_assert_nonnull (palpate_amendment_get_created_at (amendment));

  loaded = palpate_store_get_visit (fixture->store, palpate_visit_get_id (visit), &error);
  g_assert_cmpstr (palpate_visit_get_subjective (loaded), ==, "Neck stiff after a long drive.");
  g_assert_cmpint (palpate_visit_get_status (loaded), ==, PALPATE_VISIT_SIGNED);
  g_assert_cmpstr (palpate_visit_get_signed_by (loaded), ==, "Maria Rossi, RMT");
  g_assert_nonnull (palpate_visit_get_signed_at (loaded));

  amendments = palpate_store_list_amendments (fixture->store, palpate_visit_get_id (visit), &error);
  g_assert_cmpuint (amendments->len, ==, 1);
  g_assert_cmpstr (palpate_amendment_get_text (amendments->pdata[0]), ==,
                   "Correction: the drive was on Sunday, not Saturday.");

  /* Amendments do not change either. */
  sql = g_strdup_printf ("UPDATE amendments SET text = 'x' WHERE visit_id = %" G_GINT64_FORMAT,
                         palpate_visit_get_id (visit));
  g_assert_cmpint (raw_exec (fixture->path, sql, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
}

static void
test_store_audit_chain (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateClient) client = add_client (fixture->store, "Eva Novak");
  g_autoptr(PalpateVisit) visit = add_visit (fixture->store, palpate_client_get_id (client), 0);
  g_autoptr(PalpateFinding) finding = add_finding (fixture->store, palpate_visit_get_id (visit),
                                                   PALPATE_FINDING_TRIGGER_POINT_LATENT);
  gint64 n_rows = 0;

  palpate_store_sign_visit (fixture->store, visit, "Maria Rossi", &error);
  g_assert_no_error (error);
  palpate_store_log_event (fixture->store, "export", "report", palpate_client_get_id (client),
                           "pdf", &error);
  g_assert_no_error (error);

  g_assert_true (palpate_store_verify_audit (fixture->store, &n_rows, &error));
  g_assert_no_error (error);
  /* one row per schema step and the keying of the chain, then client, visit, finding, sign,
   * export */
  g_assert_cmpint (n_rows, ==, PALPATE_STORE_SCHEMA_VERSION + 6);

  /* Someone with the sqlite3 shell removes the protection and edits one row. */
  g_clear_object (&fixture->store);
  g_assert_cmpint (raw_exec (fixture->path,
                             "DROP TRIGGER audit_log_no_update;"
                             "UPDATE audit_log SET actor = 'Someone Else' WHERE id = 5;",
                             NULL), ==, SQLITE_OK);

  fixture->store = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_false (palpate_store_verify_audit (fixture->store, NULL, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "entry 5"));
}

typedef struct
{
  const char        *name;
  PalpateStoreError  code;
  const char        *fragment;
} BadFile;

static void
make_bad_file (const char *path,
               const char *kind,
               const char *good_path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (g_str_equal (kind, "text"))
    g_assert_true (g_file_set_contents (path, "Appointments for Monday\nJ. Smith 10:00\n", -1,
                                        NULL));
  else if (g_str_equal (kind, "random"))
    {
      g_autofree guchar *bytes = g_malloc (8192);

      for (guint i = 0; i < 8192; i++)
        bytes[i] = (guchar) g_random_int ();
      g_assert_true (g_file_set_contents (path, (char *) bytes, 8192, NULL));
    }
  else if (g_str_equal (kind, "other-database"))
    g_assert_cmpint (raw_exec (path, "CREATE TABLE recipes (name TEXT);"
                                     "INSERT INTO recipes VALUES ('bread')", NULL), ==, SQLITE_OK);
  else if (g_str_equal (kind, "empty"))
    g_assert_true (g_file_set_contents (path, "", 0, NULL));
  else
    {
      g_assert_true (g_file_get_contents (good_path, &contents, &length, NULL));

      if (g_str_equal (kind, "truncated"))
        length = length / 2 + 100;
      else if (g_str_equal (kind, "corrupt"))
        {
          /* Scribble over the middle of every page after the first: the b-trees break. */
          for (gsize page = 4096; page + 4096 <= length; page += 4096)
            memset (contents + page + 8, 0x5a, 600);
        }
      else if (g_str_equal (kind, "too-new"))
        {
          /* user_version lives at offset 60 of the header. */
          contents[60] = 0;
          contents[61] = 0;
          contents[62] = 0;
          contents[63] = 99;
        }

      g_assert_true (g_file_set_contents (path, contents, length, NULL));
    }
}

static void
test_store_bad_files (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *good_path = g_build_filename (fixture->tmpdir, "good.sqlite3", NULL);
  static const BadFile cases[] = {
    { "text", PALPATE_STORE_ERROR_NOT_PALPATE, "is not a Palpate clinic file" },
    { "random", PALPATE_STORE_ERROR_NOT_PALPATE, "is not a Palpate clinic file" },
    { "other-database", PALPATE_STORE_ERROR_NOT_PALPATE, "not a Palpate clinic file" },
    { "empty", PALPATE_STORE_ERROR_TRUNCATED, "is empty" },
    { "truncated", PALPATE_STORE_ERROR_TRUNCATED, "cut short" },
    { "corrupt", PALPATE_STORE_ERROR_CORRUPT, "is damaged" },
    { "too-new", PALPATE_STORE_ERROR_TOO_NEW, "newer version of Palpate" },
  };

  /* A good clinic of a few pages, checkpointed into one plain file, to damage. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PalpateStore) good = palpate_store_open (good_path, &error);

    g_assert_no_error (error);
    for (int i = 0; i < 60; i++)
      {
        g_autofree char *name = g_strdup_printf ("Client %d with a long enough name", i);
        g_autoptr(PalpateClient) client = add_client (good, name);
        g_autoptr(PalpateVisit) visit = add_visit (good, palpate_client_get_id (client), i);
      }
    g_assert_true (palpate_store_exec (good, "PRAGMA wal_checkpoint(TRUNCATE);"
                                             "PRAGMA journal_mode = DELETE", NULL));
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.sqlite3", fixture->tmpdir, cases[i].name);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      PalpateStore *store;

      make_bad_file (path, cases[i].name, good_path);
      before = checksum_file (path);

      store = palpate_store_open (path, &error);
      g_assert_null (store);
      if (!g_error_matches (error, PALPATE_STORE_ERROR, cases[i].code) ||
          strstr (error->message, cases[i].fragment) == NULL)
        g_error ("%s: got “%s”", cases[i].name, error ? error->message : "no error");

      after = checksum_file (path);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_store_read_only_and_locked (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PalpateStore *store;
  sqlite3 *other = NULL;

  g_clear_object (&fixture->store);
  before = checksum_file (fixture->path);

  g_assert_cmpint (g_chmod (fixture->path, 0400), ==, 0);
  store = palpate_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_assert_cmpint (g_chmod (fixture->path, 0600), ==, 0);

  /* Another program holds the write lock. */
  g_assert_cmpint (sqlite3_open (fixture->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);
  store = palpate_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "in use by another program"));
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);

  after = checksum_file (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_store_migrations (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("palpate-migrate-XXXXXX", NULL);

  /* A fixture at every earlier version, written with the schema steps of that time. */
  for (guint from = 1; from < PALPATE_STORE_SCHEMA_VERSION; from++)
    {
      g_autofree char *path = g_strdup_printf ("%s/v%u.sqlite3", tmpdir, from);
      g_autoptr(GString) sql = g_string_new (NULL);
      g_autoptr(PalpateStore) store = NULL;
      g_autoptr(GPtrArray) found = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      g_autofree char *backups = NULL;
      g_autoptr(GDir) dir = NULL;
      const char *name;
      guint n_backups = 0;
      gint64 n_rows = 0;

      for (guint version = 1; version <= from; version++)
        g_string_append (sql, palpate_store_schema_step (version));
      g_string_append_printf (sql, "PRAGMA application_id = %d; PRAGMA user_version = %u;",
                              PALPATE_STORE_APPLICATION_ID, from);
      g_string_append (sql,
                       "INSERT INTO clients (id, name, phone, created_at) "
                       "VALUES (1, 'Zoë Ölander', '555-0101', 0);"
                       "INSERT INTO visits (id, client_id, started_at, pain_before) "
                       "VALUES (1, 1, 1700000000, 6);"
                       "INSERT INTO findings (visit_id, view, kind, intensity, points) "
                       "VALUES (1, 'posterior', 'trigger-point-active', 7, '[100,200]');");
      if (from >= 2)
        g_string_append (sql, "UPDATE clients SET search_text = 'zoe olander 555-0101';"
                              "INSERT INTO clients_search (rowid, search_text) "
                              "VALUES (1, 'zoe olander 555-0101');");
      g_assert_cmpint (raw_exec (path, sql->str, NULL), ==, SQLITE_OK);

      store = palpate_store_open (path, &error);
      g_assert_no_error (error);

      {
        sqlite3_stmt *stmt = palpate_store_prepare (store, "PRAGMA user_version", NULL);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, PALPATE_STORE_SCHEMA_VERSION);
        sqlite3_reset (stmt);
      }

      /* The records came through, and the new search finds the old client. */
      found = palpate_store_search_clients (store, "olan", 10, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpstr (palpate_client_get_name (found->pdata[0]), ==, "Zoë Ölander");
      findings = palpate_store_list_findings (store, 1, &error);
      g_assert_cmpuint (findings->len, ==, 1);
      g_assert_false (palpate_finding_get_reported_by_client (findings->pdata[0]));
      {
        g_autoptr(GPtrArray) zones = palpate_store_list_client_zones (store, 1, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (zones->len, ==, 0);
      }
      g_assert_true (palpate_store_check_integrity (store, &error));

      /* One backup before each step. */
      backups = palpate_store_dup_backups_dir (store);
      dir = g_dir_open (backups, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *prefix = g_strdup_printf ("v%u-before-v", from);

          if (g_str_has_prefix (name, prefix))
            n_backups++;
        }
      g_assert_cmpuint (n_backups, ==, PALPATE_STORE_SCHEMA_VERSION - from);

      /* Migration steps are in the audit log, each with the backup before it, then the keying
       * of the chain (step 5) and the day's backup. */
      g_assert_true (palpate_store_verify_audit (store, &n_rows, &error));
      g_assert_no_error (error);
      g_assert_cmpint (n_rows, ==, 2 * (PALPATE_STORE_SCHEMA_VERSION - from) + 2);
    }

  remove_tree (tmpdir);
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

static guint
count_daily_backups (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (strstr (name, "-daily-") != NULL)
      n++;

  return n;
}

static void
test_store_backups (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateClient) client = add_client (fixture->store, "Before Backup");
  g_autofree char *backups = palpate_store_dup_backups_dir (fixture->store);
  g_autofree char *newest = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_local (2026, 1, 1, 9, 0, 0);
  g_autoptr(GPtrArray) clients = NULL;
  GStatBuf st;

  /* Sixty days of daily backups: 7 daily and 4 weekly ones stay. */
  for (int day = 0; day < 60; day++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_days (start, day);

      palpate_backup_daily (fixture->store, now, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (count_daily_backups (backups), ==,
                    PALPATE_BACKUP_KEEP_DAILY + PALPATE_BACKUP_KEEP_WEEKLY);

  {
    g_autofree char *newest_name = g_build_filename (backups, "clinic-daily-2026-03-01.sqlite3",
                                                     NULL);
    g_autofree char *oldest_daily = g_build_filename (backups, "clinic-daily-2026-02-23.sqlite3",
                                                      NULL);
    g_autofree char *dropped = g_build_filename (backups, "clinic-daily-2026-02-22.sqlite3", NULL);

    g_assert_true (g_file_test (newest_name, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (oldest_daily, G_FILE_TEST_EXISTS));
    g_assert_cmpint (g_stat (newest_name, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    /* 2026-02-22 is a Sunday: it is the newest of its week, so it stays as a weekly backup. */
    g_assert_true (g_file_test (dropped, G_FILE_TEST_EXISTS));
  }

  /* A later change, then restore: the client added after the backup is gone, the clinic as
   * it was is kept, with that client, in the backups folder. */
  {
    g_autoptr(PalpateClient) later = add_client (fixture->store, "After Backup");
  }
  g_clear_object (&fixture->store);

  newest = palpate_backup_find_newest (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (newest, "clinic-daily-2026-03-01.sqlite3"));

  {
    g_autofree char *kept = NULL;
    g_autoptr(PalpateStore) kept_store = NULL;
    g_autoptr(GPtrArray) kept_clients = NULL;

    palpate_backup_restore (newest, fixture->path, &kept, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (kept, "/backups/clinic-before-restore-"));
    kept_store = palpate_store_open_full (kept, PALPATE_STORE_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    kept_clients = palpate_store_search_clients (kept_store, NULL, 10, &error);
    g_assert_cmpuint (kept_clients->len, ==, 2);
    g_assert_cmpint (g_stat (kept, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  fixture->store = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);
  clients = palpate_store_search_clients (fixture->store, NULL, 10, &error);
  g_assert_cmpuint (clients->len, ==, 1);
  g_assert_cmpstr (palpate_client_get_name (clients->pdata[0]), ==, "Before Backup");
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A damaged file is refused as a backup. */
  {
    g_autofree char *bad = g_build_filename (fixture->tmpdir, "bad-backup.sqlite3", NULL);

    g_assert_true (g_file_set_contents (bad, "not a backup", -1, NULL));
    g_assert_false (palpate_backup_restore (bad, fixture->path, NULL, &error));
    g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP);
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
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/Palpate/Store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("new-file-is-private", test_store_new_file_is_private);
  ADD ("client-round-trip", test_store_client_round_trip);
  ADD ("visit-round-trip", test_store_visit_round_trip);
  ADD ("outcomes-and-settings", test_store_outcomes_and_settings);
  ADD ("rules", test_store_rules);
  ADD ("check-constraints", test_store_check_constraints);
  ADD ("signed-visits", test_store_signed_visits);
  ADD ("audit-chain", test_store_audit_chain);
  ADD ("bad-files", test_store_bad_files);
  ADD ("read-only-and-locked", test_store_read_only_and_locked);
  ADD ("search", test_store_search);
  ADD ("backups", test_store_backups);
  ADD ("points-any-locale", test_store_points_any_locale);
  ADD ("client-zones", test_store_client_zones);
  g_test_add_func ("/Palpate/Store/migrations", test_store_migrations);

#undef ADD

  return g_test_run ();
}
