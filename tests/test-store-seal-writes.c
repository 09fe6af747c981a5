/* test-store-seal-writes.c — writes of several rows atomic, and saves from two windows that
 * never silently undo each other
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-store-seal-private.h"

static gint64
count_rows (PalpateStore *store,
            const char   *sql)
{
  PalpateDbStatement *stmt = palpate_store_db_prepare (store, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (palpate_db_step (stmt, NULL), ==, PALPATE_DB_ROW);
  n = palpate_db_column_int64 (stmt, 0);
  palpate_db_reset (stmt);
  return n;
}

static void
test_nested_transactions (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *undone = NULL;

  {
    g_auto(PalpateStoreTransaction) outer = PALPATE_STORE_TRANSACTION_INIT;

    g_assert_true (palpate_store_transaction_begin (&outer, fixture->store, &error));
    /* A store function with its own transaction, inside: a SAVEPOINT. */
    g_assert_true (palpate_store_set_setting (fixture->store, "clinic-name", "Kept", &error));
    {
      g_auto(PalpateStoreTransaction) inner = PALPATE_STORE_TRANSACTION_INIT;

      g_assert_true (palpate_store_transaction_begin (&inner, fixture->store, &error));
      g_assert_true (palpate_store_set_setting (fixture->store, "clinic-phone", "555", &error));
      /* Leaves without committing: rolled back to its savepoint. */
    }
    g_assert_true (palpate_store_transaction_commit (&outer, &error));
    g_assert_no_error (error);
  }
  kept = palpate_store_dup_setting (fixture->store, "clinic-name");
  undone = palpate_store_dup_setting (fixture->store, "clinic-phone");
  g_assert_cmpstr (kept, ==, "Kept");
  g_assert_null (undone);

  {
    g_auto(PalpateStoreTransaction) outer = PALPATE_STORE_TRANSACTION_INIT;

    g_assert_true (palpate_store_transaction_begin (&outer, fixture->store, &error));
    g_assert_true (palpate_store_set_setting (fixture->store, "clinic-name", "Gone", &error));
  }
  g_clear_pointer (&kept, g_free);
  kept = palpate_store_dup_setting (fixture->store, "clinic-name");
  g_assert_cmpstr (kept, ==, "Kept");
  g_assert_true (palpate_store_verify_audit (fixture->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_start_visit_atomic (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListStore) zones = g_list_store_new (PALPATE_TYPE_FINDING);
  g_autoptr(PalpateFinding) zone = new_finding (0, PALPATE_FINDING_CONTRAINDICATION, 50);
  g_autoptr(PalpateFinding) same_place = new_finding (fixture->draft_id,
                                                      PALPATE_FINDING_CONTRAINDICATION, 50);
  g_autoptr(PalpateFinding) elsewhere = new_finding (fixture->draft_id,
                                                     PALPATE_FINDING_CONTRAINDICATION, 300);
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(PalpateVisit) second = palpate_visit_new ();
  g_autoptr(GPtrArray) carried = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 n_visits;
  gint64 n_findings;

  g_list_store_append (zones, zone);
  g_assert_true (palpate_store_set_client_zones (fixture->store, fixture->client_id,
                                                 G_LIST_MODEL (zones), &error));
  g_assert_true (palpate_store_save_finding (fixture->store, same_place, &error));
  g_assert_true (palpate_store_save_finding (fixture->store, elsewhere, &error));
  g_assert_no_error (error);

  /* The standing zone, and the previous visit's other zone, once each. */
  palpate_visit_set_client_id (visit, fixture->client_id);
  palpate_visit_set_started_at (visit, now);
  g_assert_true (palpate_store_start_visit (fixture->store, visit, &error));
  g_assert_no_error (error);
  carried = palpate_store_list_findings (fixture->store, palpate_visit_get_id (visit), &error);
  g_assert_cmpuint (carried->len, ==, 2);
  for (guint i = 0; i < carried->len; i++)
    {
      g_assert_cmpint (palpate_finding_get_kind (carried->pdata[i]), ==,
                       PALPATE_FINDING_CONTRAINDICATION);
      g_assert_cmpint (palpate_finding_get_status (carried->pdata[i]), ==,
                       PALPATE_FINDING_STATUS_PERSISTING);
    }

  /* A zone that cannot be written: no visit starts without it. */
  n_visits = count_rows (fixture->store, "SELECT count (*) FROM visits");
  n_findings = count_rows (fixture->store, "SELECT count (*) FROM findings");
  inject_failure (fixture->path, "findings", "NEW.kind = 'contraindication'");
  palpate_visit_set_client_id (second, fixture->client_id);
  palpate_visit_set_started_at (second, now);
  g_assert_false (palpate_store_start_visit (fixture->store, second, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (palpate_visit_get_id (second), ==, 0);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM visits"), ==, n_visits);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM findings"), ==, n_findings);
  inject_failure (fixture->path, NULL, NULL);

  /* The zones cannot be read: that is an error, never "no zones". */
  raw_exec_ok (fixture->path, "ALTER TABLE client_zones RENAME TO client_zones_hidden");
  g_assert_false (palpate_store_start_visit (fixture->store, second, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM visits"), ==, n_visits);
  raw_exec_ok (fixture->path, "ALTER TABLE client_zones_hidden RENAME TO client_zones");

  g_assert_true (palpate_store_start_visit (fixture->store, second, &error));
  g_assert_no_error (error);
  g_assert_true (palpate_store_verify_audit (fixture->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_client_report_atomic (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) activities = NULL;
  g_autoptr(PalpateVisit) visit = NULL;
  g_autoptr(PalpateClientReport) report = palpate_client_report_new (fixture->client_id);
  g_autoptr(PalpateClientReport) again = palpate_client_report_new (fixture->client_id);
  g_autoptr(GPtrArray) reports = NULL;
  const PalpatePoint here = { 80, 230.25 };
  const PalpatePoint there = { 90, 230.25 };
  const PalpateClientActivityRating *rated;
  gint64 n_reports, n_places, n_visits, n_findings;
  guint n = 0;

  activities = palpate_store_list_activity_ids (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  n_visits = count_rows (fixture->store, "SELECT count (*) FROM visits");
  n_findings = count_rows (fixture->store, "SELECT count (*) FROM findings");

  /* The report is kept whole: pain, places and the rating, as the client's own. */
  palpate_client_report_set_pain (report, 6);
  palpate_client_report_add_place (report, PALPATE_VIEW_POSTERIOR, "trapezius-upper-right", &here);
  palpate_client_report_add_place (report, PALPATE_VIEW_POSTERIOR, "trapezius-upper-right",
                                   &there);
  palpate_client_report_add_rating (report, g_array_index (activities, gint64, 0), 6);
  g_assert_true (palpate_store_add_client_report (fixture->store, report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (palpate_client_report_get_id (report), >, 0);
  reports = palpate_store_list_client_reports (fixture->store, fixture->client_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 1);
  g_assert_cmpint (palpate_client_report_get_pain (reports->pdata[0]), ==, 6);
  g_assert_cmpuint (palpate_client_report_get_places (reports->pdata[0])->len, ==, 2);
  rated = palpate_client_report_get_ratings (reports->pdata[0], &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (rated[0].rating, ==, 6);

  /* It leaves today's draft as the therapist wrote it. */
  visit = palpate_store_get_visit (fixture->store, fixture->draft_id, &error);
  g_assert_cmpstr (palpate_visit_get_subjective (visit), ==, "Stiff neck after a long drive.");
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM visits"), ==, n_visits);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM findings"), ==, n_findings);

  /* A failure at the last row leaves nothing of the report. */
  n_reports = count_rows (fixture->store, "SELECT count (*) FROM client_reports");
  n_places = count_rows (fixture->store, "SELECT count (*) FROM client_report_places");
  inject_failure (fixture->path, "client_report_ratings", "true");
  palpate_client_report_set_pain (again, 8);
  palpate_client_report_add_place (again, PALPATE_VIEW_POSTERIOR, "trapezius-upper-right", &here);
  palpate_client_report_add_rating (again, g_array_index (activities, gint64, 0), 8);
  g_assert_false (palpate_store_add_client_report (fixture->store, again, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (palpate_client_report_get_id (again), ==, 0);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM client_reports"), ==,
                   n_reports);
  g_assert_cmpint (count_rows (fixture->store, "SELECT count (*) FROM client_report_places"), ==,
                   n_places);
  g_assert_true (palpate_store_verify_audit (fixture->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_two_windows (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) other = palpate_store_open (fixture->path, &error);
  g_autoptr(PalpateVisit) here = NULL;
  g_autoptr(PalpateVisit) there = NULL;
  g_autoptr(PalpateVisit) now_in_file = NULL;

  g_assert_no_error (error);
  here = palpate_store_get_visit (fixture->store, fixture->draft_id, &error);
  there = palpate_store_get_visit (other, fixture->draft_id, &error);
  g_assert_no_error (error);

  /* The other window saves first. */
  palpate_visit_set_objective (there, "Hypertonic upper trapezius, right.");
  g_assert_true (palpate_store_save_visit (other, there, &error));
  g_assert_no_error (error);

  /* This window's save, over a row newer than the one it read, is refused. */
  palpate_visit_set_plan (here, "Weekly for a month.");
  g_assert_false (palpate_store_save_visit (fixture->store, here, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "another window"));
  g_clear_error (&error);

  now_in_file = palpate_store_get_visit (fixture->store, fixture->draft_id, &error);
  g_assert_cmpstr (palpate_visit_get_objective (now_in_file), ==,
                   "Hypertonic upper trapezius, right.");
  g_assert_null (palpate_visit_get_plan (now_in_file));

  /* Nor can it sign what it has not seen. */
  g_assert_false (palpate_store_sign_visit (fixture->store, here, "Maria Rossi", &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CHANGED);
  g_clear_error (&error);

  /* Reloaded, the edit goes in on top of the other window's. */
  palpate_visit_set_plan (now_in_file, "Weekly for a month.");
  g_assert_true (palpate_store_save_visit (fixture->store, now_in_file, &error));
  g_assert_no_error (error);
  g_clear_object (&now_in_file);
  now_in_file = palpate_store_get_visit (other, fixture->draft_id, &error);
  g_assert_cmpstr (palpate_visit_get_objective (now_in_file), ==,
                   "Hypertonic upper trapezius, right.");
  g_assert_cmpstr (palpate_visit_get_plan (now_in_file), ==, "Weekly for a month.");
  g_assert_true (palpate_store_verify_audit (other, NULL, &error));
  g_assert_no_error (error);
}

void
test_store_seal_add_writes_tests (void)
{
#define ADD(path, func) \
  g_test_add ("/Palpate/StoreSeal/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("nested-transactions", test_nested_transactions);
  ADD ("start-visit-atomic", test_start_visit_atomic);
  ADD ("client-report-atomic", test_client_report_atomic);
  ADD ("two-windows", test_two_windows);

#undef ADD
}
