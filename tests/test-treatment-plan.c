/* test-treatment-plan.c — treatment plans (rules, progress against targets, kept in the clinic
 * file) and retention (the clinic's rule, keep-until dates, destroying a record past it while
 * signed visits stay protected from any other deletion)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "palpate-core-error.h"
#include "palpate-store-error.h"
#include "palpate-store-private.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"
#include "palpate-treatment-plan.h"

typedef struct
{
  char         *path;       /* the clinic file, or on a server its postgresql:// location */
  char         *conninfo;   /* on a server: its database, dropped at the end */
  PalpateStore *store;
  gint64        client_id;
} Fixture;

/* The same cases run on a clinic file and, with --server, on a clinic on the test's
 * PostgreSQL server. */
static gboolean test_on_server;

static gint64
add_client (PalpateStore *store,
            const char   *name,
            const char   *birth)
{
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(GError) error = NULL;
  const char *activities[] = { "Lifting my child", "Running 5 km", NULL };

  palpate_client_set_name (client, name);
  palpate_client_set_activities (client, activities);
  if (birth != NULL)
    palpate_client_set_birth_date (client, birth);
  g_assert_true (palpate_store_save_client (store, client, &error));
  g_assert_no_error (error);
  return palpate_client_get_id (client);
}

/* A signed visit @days_ago days ago with @pain after it and @psfs for the first activity
 * (-1: not rated). */
static gint64
add_signed_visit (PalpateStore *store,
                  gint64        client_id,
                  int           days_ago,
                  int           pain,
                  int           psfs)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = g_date_time_add_days (now, -days_ago);
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(PalpateVisit) stored = NULL;
  g_autoptr(GError) error = NULL;

  palpate_visit_set_client_id (visit, client_id);
  palpate_visit_set_started_at (visit, when);
  palpate_visit_set_pain_before (visit, pain);
  palpate_visit_set_pain_after (visit, pain);
  g_assert_true (palpate_store_save_visit (store, visit, &error));
  g_assert_no_error (error);
  if (psfs >= 0)
    {
      g_autoptr(GArray) ids = palpate_store_list_activity_ids (store, client_id, &error);

      g_assert_no_error (error);
      g_assert_true (palpate_store_set_psfs_rating (store, palpate_visit_get_id (visit),
                                                    g_array_index (ids, gint64, 0), psfs, &error));
      g_assert_no_error (error);
    }
  stored = palpate_store_get_visit (store, palpate_visit_get_id (visit), &error);
  g_assert_true (palpate_store_sign_visit (store, stored, "Maria Rossi", &error));
  g_assert_no_error (error);
  return palpate_visit_get_id (visit);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (test_on_server)
    {
      fixture->conninfo = palpate_test_server_new_database ();
      g_assert_nonnull (fixture->conninfo);
      fixture->path = palpate_test_store_server_location (fixture->conninfo);
    }
  else
    {
      g_mkdir_with_parents (g_get_user_data_dir (), 0700);
      fixture->path = g_build_filename (g_get_user_data_dir (), "clinic.sqlite3", NULL);
      g_unlink (fixture->path);
    }
  fixture->store = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->client_id = add_client (fixture->store, "Rosa Delgado", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  if (fixture->conninfo == NULL)
    g_unlink (fixture->path);
  palpate_test_server_drop_database (fixture->conninfo);
  g_free (fixture->conninfo);
  g_free (fixture->path);
}

/* Runs @sql by hand, as the sqlite3 shell or psql would: on a file through the store's own
 * connection, on a server through a session of its own. The primary result code: the file
 * reports extended ones (a trigger, a check). */
static int
exec (PalpateStore  *store,
      const char    *sql,
      char         **message)
{
  char *errmsg = NULL;
  int rc;

  if (test_on_server)
    return palpate_test_store_server_exec (palpate_store_get_path (store), sql, message);
  rc = sqlite3_exec (palpate_store_get_db (store), sql, NULL, NULL, &errmsg);
  if (message != NULL)
    *message = g_strdup (errmsg);
  sqlite3_free (errmsg);
  return rc & 0xff;
}

static void
test_plan_rules (void)
{
  g_autoptr(PalpateTreatmentPlan) plan = palpate_treatment_plan_new (1);
  g_autoptr(GError) error = NULL;
  g_autofree char *weekly = NULL;
  g_autofree char *progress = NULL;
  GDate today, day;

  g_assert_true (palpate_treatment_plan_validate (plan, &error));

  plan->psfs_target = 7;
  g_assert_false (palpate_treatment_plan_validate (plan, &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
  g_clear_error (&error);
  plan->psfs_position = 0;
  g_assert_true (palpate_treatment_plan_validate (plan, NULL));
  plan->psfs_target = 11;
  g_assert_false (palpate_treatment_plan_validate (plan, NULL));
  plan->psfs_target = 7;

  plan->pain_target = 0;
  g_assert_false (palpate_treatment_plan_validate (plan, NULL));
  plan->pain_target = 3;

  plan->frequency = 15;
  g_assert_false (palpate_treatment_plan_validate (plan, NULL));
  plan->period = PALPATE_PLAN_PER_MONTH;
  g_assert_true (palpate_treatment_plan_validate (plan, NULL));
  plan->frequency = 2;
  plan->period = PALPATE_PLAN_PER_WEEK;
  plan->n_sessions = 0;
  g_assert_false (palpate_treatment_plan_validate (plan, NULL));
  plan->n_sessions = 8;

  /* Targets: PSFS reached at the target, pain only below it. */
  g_assert_cmpint (palpate_treatment_plan_psfs_state (plan, -1), ==, PALPATE_TARGET_NOT_MEASURED);
  g_assert_cmpint (palpate_treatment_plan_psfs_state (plan, 6), ==, PALPATE_TARGET_NOT_YET);
  g_assert_cmpint (palpate_treatment_plan_psfs_state (plan, 7), ==, PALPATE_TARGET_MET);
  g_assert_cmpint (palpate_treatment_plan_pain_state (plan, 3), ==, PALPATE_TARGET_NOT_YET);
  g_assert_cmpint (palpate_treatment_plan_pain_state (plan, 2), ==, PALPATE_TARGET_MET);
  progress = palpate_treatment_plan_describe_progress (PALPATE_TARGET_NOT_YET, 5);
  g_assert_cmpstr (progress, ==, "Now 5 — not reached yet");
  weekly = palpate_treatment_plan_describe_frequency (plan);
  g_assert_cmpstr (weekly, ==, "2 sessions a week");

  /* Reassessment: due on its day and after, not before, not once discharged. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 10, 3, 2026);
  g_assert_false (palpate_treatment_plan_reassessment_due (plan, &today));
  g_date_set_dmy (&plan->reassess_on, 11, 3, 2026);
  g_assert_false (palpate_treatment_plan_reassessment_due (plan, &today));
  day = today;
  g_date_add_days (&day, 1);
  g_assert_true (palpate_treatment_plan_reassessment_due (plan, &day));

  /* A discharge has its reason, and a reason its date. */
  plan->discharged_on = today;
  g_assert_false (palpate_treatment_plan_validate (plan, &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
  plan->discharge_reason = PALPATE_DISCHARGE_GOALS_MET;
  g_assert_true (palpate_treatment_plan_validate (plan, NULL));
  g_assert_false (palpate_treatment_plan_reassessment_due (plan, &day));
  g_date_clear (&plan->discharged_on, 1);
  g_assert_false (palpate_treatment_plan_validate (plan, NULL));
  g_assert_cmpint (palpate_discharge_reason_from_key ("goals-met"), ==, PALPATE_DISCHARGE_GOALS_MET);
  g_assert_cmpint (palpate_discharge_reason_from_key ("nonsense"), ==, PALPATE_DISCHARGE_NONE);
}

static gint64
count_audit (PalpateStore *store,
             const char   *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE %s", where);
  g_autoptr(GError) error = NULL;
  PalpateDbStatement *stmt = palpate_store_db_prepare (store, sql, &error);
  gint64 n;

  g_assert_no_error (error);
  g_assert_cmpint (palpate_db_step (stmt, NULL), ==, PALPATE_DB_ROW);
  n = palpate_db_column_int64 (stmt, 0);
  palpate_db_reset (stmt);
  return n;
}

static void
test_plan_store (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PalpateTreatmentPlan) plan = palpate_treatment_plan_new (fixture->client_id);
  g_autoptr(PalpateTreatmentPlan) read = NULL;
  g_autoptr(PalpateStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  PalpatePlanProgress progress;

  read = palpate_store_get_treatment_plan (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_null (read);

  plan->psfs_position = 0;
  plan->psfs_target = 7;
  plan->pain_target = 3;
  plan->frequency = 2;
  plan->n_sessions = 8;
  g_free (plan->techniques);
  plan->techniques = g_strdup ("Myofascial release of the upper trapezius");
  g_free (plan->home_care);
  plan->home_care = g_strdup ("Chin tucks, ten twice a day");
  g_date_set_dmy (&plan->reassess_on, 1, 4, 2026);
  g_assert_true (palpate_store_save_treatment_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (plan->id, >, 0);

  /* Progress comes from signed visits only, the latest one. */
  add_signed_visit (fixture->store, fixture->client_id, 0, 5, 4);
  add_signed_visit (fixture->store, fixture->client_id, 0, 2, 7);
  g_assert_true (palpate_store_read_plan_progress (fixture->store, plan, &progress, &error));
  g_assert_cmpint (progress.latest_psfs, ==, 7);
  g_assert_cmpint (progress.latest_pain, ==, 2);
  g_assert_cmpint (progress.sessions_done, ==, 2);
  g_assert_cmpint (palpate_treatment_plan_psfs_state (plan, progress.latest_psfs), ==,
                   PALPATE_TARGET_MET);

  /* Discharged: saved in place, logged as a discharge without its content. */
  plan->discharge_reason = PALPATE_DISCHARGE_GOALS_MET;
  g_date_set_dmy (&plan->discharged_on, 2, 4, 2026);
  g_free (plan->discharge_summary);
  plan->discharge_summary = g_strdup ("Back to running without pain.");
  g_assert_true (palpate_store_save_treatment_plan (fixture->store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_audit (fixture->store, "entity = 'treatment-plan' AND action = 'add'"),
                   ==, 1);
  g_assert_cmpint (count_audit (fixture->store,
                                "entity = 'treatment-plan' AND action = 'discharge' "
                                "AND detail IS NULL"), ==, 1);

  g_clear_object (&fixture->store);
  reopened = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);
  read = palpate_store_get_treatment_plan (reopened, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  g_assert_cmpint (read->id, ==, plan->id);
  g_assert_cmpint (read->psfs_target, ==, 7);
  g_assert_cmpint (read->pain_target, ==, 3);
  g_assert_cmpint (read->frequency, ==, 2);
  g_assert_cmpint (read->n_sessions, ==, 8);
  g_assert_cmpstr (read->home_care, ==, "Chin tucks, ten twice a day");
  g_assert_cmpint (g_date_get_day (&read->reassess_on), ==, 1);
  g_assert_cmpint (read->discharge_reason, ==, PALPATE_DISCHARGE_GOALS_MET);
  g_assert_cmpstr (read->discharge_summary, ==, "Back to running without pain.");
  g_assert_true (palpate_treatment_plan_is_discharged (read));

  /* The rules hold in the file too. */
  g_assert_cmpint (exec (reopened, "UPDATE treatment_plans SET discharge_reason = NULL", NULL),
                   ==, SQLITE_CONSTRAINT);
  fixture->store = g_steal_pointer (&reopened);
}

static void
test_retention (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(PalpateAmendment) amendment = palpate_amendment_new ();
  g_autoptr(PalpateClient) gone = NULL;
  PalpateJurisdiction jurisdiction;
  gint64 old_client, minor, visit_id;
  guint years;
  g_autofree char *message = NULL;

  palpate_store_get_retention_rule (fixture->store, &jurisdiction, &years);
  g_assert_cmpint (jurisdiction, ==, PALPATE_JURISDICTION_ONTARIO);

  /* Seen 11 years ago: past Ontario's ten years. A minor seen as long ago is not. */
  old_client = add_client (fixture->store, "Walter Brandt", "1960-05-01");
  visit_id = add_signed_visit (fixture->store, old_client, 11 * 366, 4, 5);
  palpate_amendment_set_visit_id (amendment, visit_id);
  palpate_amendment_set_author (amendment, "Maria Rossi");
  palpate_amendment_set_text (amendment, "Pressure was moderate, not firm.");
  palpate_amendment_set_reason (amendment, "Wrong pressure");
  g_assert_true (palpate_store_add_amendment (fixture->store, amendment, &error));
  g_assert_no_error (error);
  minor = add_client (fixture->store, "Lena Brandt", "2012-06-01");
  add_signed_visit (fixture->store, minor, 11 * 366, 3, -1);
  add_signed_visit (fixture->store, fixture->client_id, 30, 3, -1);

  entries = palpate_store_list_retention (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (entries->len, ==, 3);
  g_assert_cmpint (g_array_index (entries, PalpateRetentionEntry, 0).client_id, ==, old_client);
  /* The minor's record is kept ten years from their 18th birthday: 2040-06-01. */
  for (guint i = 0; i < entries->len; i++)
    {
      PalpateRetentionEntry *e = &g_array_index (entries, PalpateRetentionEntry, i);

      if (e->client_id == minor)
        g_assert_cmpint (g_date_get_year (&e->keep_until), ==, 2040);
    }

  /* Ordinary SQL still cannot remove a signed visit or an amendment. */
  g_assert_cmpint (exec (fixture->store, "DELETE FROM visits WHERE status = 'signed'",
                         &message), ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (message, "signed visit"));
  g_assert_cmpint (exec (fixture->store, "DELETE FROM amendments", NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec (fixture->store, "DELETE FROM psfs_ratings", NULL), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (count_audit (fixture->store, "true"), >, 0);

  /* A record still within its period is not destroyed. */
  g_assert_false (palpate_store_destroy_client_record (fixture->store, minor, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (palpate_store_destroy_client_record (fixture->store, old_client, &error));
  g_assert_no_error (error);
  gone = palpate_store_get_client (fixture->store, old_client, NULL);
  g_assert_null (gone);
  {
    g_autofree char *where = g_strdup_printf ("action = 'destroy' AND entity = 'client' AND "
                                              "entity_id = %" G_GINT64_FORMAT " AND "
                                              "detail = 'visits %" G_GINT64_FORMAT "' AND "
                                              "actor IS NOT NULL", old_client, visit_id);

    g_assert_cmpint (count_audit (fixture->store, where), ==, 1);
  }
  g_assert_true (palpate_store_verify_audit (fixture->store, NULL, &error));
  g_assert_no_error (error);

  /* The way stays shut afterwards: the other clients' signed visits are still protected. */
  g_assert_cmpint (exec (fixture->store, "DELETE FROM visits WHERE status = 'signed'", NULL),
                   ==, SQLITE_CONSTRAINT);
  g_clear_pointer (&entries, g_array_unref);
  entries = palpate_store_list_retention (fixture->store, 0, &error);
  g_assert_cmpint (entries->len, ==, 2);

  /* A custom rule of 20 years keeps the remaining adult's record. */
  g_assert_true (palpate_store_set_retention_rule (fixture->store, PALPATE_JURISDICTION_CUSTOM,
                                                   20, &error));
  palpate_store_get_retention_rule (fixture->store, &jurisdiction, &years);
  g_assert_cmpint (jurisdiction, ==, PALPATE_JURISDICTION_CUSTOM);
  g_assert_cmpint (years, ==, 20);
}

int
main (int   argc,
      char *argv[])
{
  test_on_server = palpate_test_store_parse_server_arg (&argc, &argv);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (test_on_server && palpate_test_store_skip_program_without_server ())
    return 0;

  g_test_add_func ("/treatment-plan/rules", test_plan_rules);
  g_test_add ("/treatment-plan/store", Fixture, NULL, fixture_set_up, test_plan_store,
              fixture_tear_down);
  g_test_add ("/treatment-plan/retention", Fixture, NULL, fixture_set_up, test_retention,
              fixture_tear_down);

  return g_test_run ();
}
