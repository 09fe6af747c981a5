/* test-server-schema-rules.c — the clinic's rules on a PostgreSQL server: signed visits and
 * their rows, amendments, the audit log, consents, health histories, client reports, the clinic's
 * identity, the CHECK constraints, and destroying a record past its retention
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-server-schema-private.h"

/* A client with a signed visit (1) that has one row of each kind and an amendment, and a draft
 * visit (2) with one finding. Technique 1 is a built-in one. */
static const char signed_visit[] =
  "INSERT INTO clients (id, name, created_at) VALUES (1, 'Ann Client', 0);"
  "INSERT INTO therapists (id, name, created_at) VALUES (1, 'Tess Therapist', 0);"
  "INSERT INTO psfs_activities (id, client_id, position, name) VALUES (1, 1, 0, 'Lifting');"
  "INSERT INTO visits (id, client_id, therapist_id, started_at) VALUES (1, 1, 1, 0), (2, 1, 1, 0);"
  "INSERT INTO findings (id, visit_id, view, kind, intensity, points) VALUES"
  "  (1, 1, 'anterior', 'tender-point', 5, '[1,2]'),"
  "  (2, 2, 'anterior', 'tender-point', 5, '[1,2]');"
  "INSERT INTO applied_techniques (id, visit_id, technique_id, region_id, minutes, pressure)"
  "  VALUES (1, 1, 1, 'neck', 10, 'light');"
  "INSERT INTO psfs_ratings (visit_id, activity_id, rating) VALUES (1, 1, 4);"
  "INSERT INTO outcome_measures (id, visit_id, instrument, answers)"
  "  VALUES (1, 1, 'ndi', '[0,0,0,0,0,0,0,0,0,0]');"
  "INSERT INTO verbal_consents (id, visit_id, area, given_at, obtained_by)"
  "  VALUES (1, 1, 'gluteal', 0, 'Tess');"
  "UPDATE visits SET status = 'signed', signed_at = 1, signed_by = 'Tess Therapist',"
  "  seal = repeat ('a', 64) WHERE id = 1;"
  "INSERT INTO amendments (id, visit_id, created_at, author, text)"
  "  VALUES (1, 1, 2, 'Tess', 'Also the left side.');";

#define SIGNED "signed visit"
#define RESTRICT "23001"
#define CHECK "23514"

static void
test_signed_visit_kept (Fixture       *fixture,
                        gconstpointer  user_data)
{
  PGconn *conn = fixture->conn;
  g_autofree char *plan = NULL;
  g_autofree char *left = NULL;

  if (conn == NULL)
    return;
  run_ok (conn, signed_visit);

  run_refused (conn, "UPDATE visits SET plan = 'Changed' WHERE id = 1",
               "signed visit: visits cannot change", RESTRICT);
  run_refused (conn, "UPDATE visits SET status = 'draft' WHERE id = 1", SIGNED, RESTRICT);
  run_refused (conn, "DELETE FROM visits WHERE id = 1", SIGNED, RESTRICT);
  run_refused (conn,
               "INSERT INTO visits (id, client_id, started_at) VALUES (1, 1, 5) "
               "ON CONFLICT (id) DO UPDATE SET started_at = 5",
               SIGNED, RESTRICT);
  run_refused (conn, "INSERT INTO visits (id, client_id, started_at) VALUES (1, 1, 5)",
               "duplicate key", "23505");
  run_refused (conn, "TRUNCATE visits CASCADE", SIGNED, RESTRICT);
  plan = query_value (conn, "SELECT coalesce (plan, '(none)') FROM visits WHERE id = 1");
  g_assert_cmpstr (plan, ==, "(none)");

  /* A draft stays its therapist's to change, and to delete. */
  run_ok (conn, "UPDATE visits SET plan = 'Stretch daily', version = version + 1 WHERE id = 2");
  run_ok (conn, "DELETE FROM visits WHERE id = 2");
  left = query_value (conn, "SELECT count(*) FROM visits");
  g_assert_cmpstr (left, ==, "1");
}

static void
test_signing_needs_seal (Fixture       *fixture,
                         gconstpointer  user_data)
{
  PGconn *conn = fixture->conn;

  if (conn == NULL)
    return;
  run_ok (conn, signed_visit);

  run_refused (conn,
               "UPDATE visits SET status = 'signed', signed_at = 1, signed_by = 'Tess' "
               "WHERE id = 2",
               "signed visit: a visit is signed with its seal", CHECK);
  /* The table's own rule: a signed visit says when and by whom. */
  run_refused (conn, "UPDATE visits SET status = 'signed', seal = repeat ('b', 64) WHERE id = 2",
               "check constraint", CHECK);
  run_ok (conn,
          "UPDATE visits SET status = 'signed', signed_at = 1, signed_by = 'Tess', "
          "seal = repeat ('b', 64) WHERE id = 2");
}

/* Every row of a signed visit: none added, changed, moved in or out, or removed. */
static void
test_signed_visit_rows (Fixture       *fixture,
                        gconstpointer  user_data)
{
  PGconn *conn = fixture->conn;
  g_autofree char *n_findings = NULL;

  if (conn == NULL)
    return;
  run_ok (conn, signed_visit);

  run_refused (conn,
               "INSERT INTO findings (id, visit_id, view, kind, intensity, points) "
               "VALUES (10, 1, 'posterior', 'adhesion', 3, '[5,6]')",
               "signed visit: findings cannot change", RESTRICT);
  run_refused (conn, "UPDATE findings SET intensity = 9 WHERE id = 1", SIGNED, RESTRICT);
  run_refused (conn, "DELETE FROM findings WHERE id = 1", SIGNED, RESTRICT);
  run_refused (conn, "UPDATE findings SET visit_id = 1 WHERE id = 2", SIGNED, RESTRICT);
  run_refused (conn, "UPDATE findings SET visit_id = 2 WHERE id = 1", SIGNED, RESTRICT);
  run_refused (conn, "TRUNCATE findings", SIGNED, RESTRICT);

  run_refused (conn,
               "INSERT INTO applied_techniques (id, visit_id, technique_id, region_id, minutes, "
               "pressure) VALUES (10, 1, 2, 'back', 5, 'firm')",
               "signed visit: applied_techniques cannot change", RESTRICT);
  run_refused (conn, "DELETE FROM applied_techniques WHERE id = 1", SIGNED, RESTRICT);
  run_refused (conn, "UPDATE psfs_ratings SET rating = 9", "signed visit: psfs_ratings",
               RESTRICT);
  run_refused (conn, "DELETE FROM psfs_ratings", SIGNED, RESTRICT);
  run_refused (conn, "UPDATE outcome_measures SET answers = '[1,1,1,1,1,1,1,1,1,1]'",
               "signed visit: outcome_measures", RESTRICT);
  run_refused (conn,
               "INSERT INTO verbal_consents (id, visit_id, area, given_at, obtained_by) "
               "VALUES (10, 1, 'chest-wall', 0, 'Tess')",
               "signed visit: verbal_consents", RESTRICT);

  /* The draft visit takes new rows. */
  run_ok (conn,
          "INSERT INTO findings (id, visit_id, view, kind, intensity, points) "
          "VALUES (10, 2, 'posterior', 'adhesion', 3, '[5,6]');"
          "UPDATE findings SET intensity = 2 WHERE id = 2;"
          "INSERT INTO verbal_consents (id, visit_id, area, given_at, obtained_by) "
          "VALUES (10, 2, 'chest-wall', 0, 'Tess')");
  n_findings = query_value (conn, "SELECT count(*) FROM findings");
  g_assert_cmpstr (n_findings, ==, "3");
}

static void
test_amendments_append_only (Fixture       *fixture,
                             gconstpointer  user_data)
{
  PGconn *conn = fixture->conn;

  if (conn == NULL)
    return;
  run_ok (conn, signed_visit);

  run_ok (conn, "INSERT INTO amendments (id, visit_id, created_at, author, text, part, reason, "
                "original) VALUES (2, 1, 3, 'Tess', 'Right side.', 'plan', 'Typo', 'Left')");
  run_refused (conn, "DELETE FROM amendments WHERE id = 1",
               "signed visit: amendments cannot change", RESTRICT);
  run_refused (conn, "UPDATE amendments SET text = 'Nothing' WHERE id = 2", SIGNED, RESTRICT);
  run_refused (conn, "TRUNCATE amendments", SIGNED, RESTRICT);
}

static void
test_audit_log_append_only (Fixture       *fixture,
                            gconstpointer  user_data)
{
  PGconn *conn = fixture->conn;
  g_autofree char *n_entries = NULL;

  if (conn == NULL)
    return;

  run_ok (conn,
          "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail, prev_hash, hash) "
          "VALUES (1, 'Tess', 'sign', 'visit', 1, NULL, '', 'abc'),"
          "       (2, 'Tess', 'amend', 'visit', 1, NULL, 'abc', 'def')");
  run_refused (conn, "UPDATE audit_log SET actor = 'Someone else'", "audit log cannot change",
               RESTRICT);
  run_refused (conn, "DELETE FROM audit_log WHERE at = 2", "audit log cannot change", RESTRICT);
  run_refused (conn, "TRUNCATE audit_log", "audit log cannot change", RESTRICT);
  n_entries = query_value (conn, "SELECT count(*) FROM audit_log");
  g_assert_cmpstr (n_entries, ==, "2");
}

/* The CHECK constraints mean what the file's do (GLOB patterns included). */
static void
test_checks (Fixture       *fixture,
             gconstpointer  user_data)
{
  PGconn *conn = fixture->conn;

  if (conn == NULL)
    return;
  run_ok (conn, signed_visit);

  run_refused (conn, "UPDATE visits SET pain_before = 11 WHERE id = 2", "pain_before", CHECK);
  run_refused (conn, "UPDATE visits SET pain_after = -1 WHERE id = 2", "pain_after", CHECK);
  run_ok (conn, "UPDATE visits SET pain_before = 10, pain_after = 0 WHERE id = 2");

  run_refused (conn, "UPDATE findings SET points = '[1,2,3]' WHERE id = 2", "points", CHECK);
  run_refused (conn, "UPDATE findings SET points = '[1,2]x' WHERE id = 2", "points", CHECK);
  run_refused (conn, "UPDATE findings SET points = '1,2' WHERE id = 2", "points", CHECK);
  run_ok (conn, "UPDATE findings SET points = '[-1,2,30,-40]' WHERE id = 2");
  run_refused (conn, "UPDATE findings SET kind = 'bruise' WHERE id = 2", "kind", CHECK);

  run_refused (conn, "UPDATE clients SET birth_date = '1899-12-31'", "birth_date", CHECK);
  run_refused (conn, "UPDATE clients SET birth_date = '1980-2-3'", "birth_date", CHECK);
  run_refused (conn, "UPDATE clients SET birth_date = '1980-02-03 '", "birth_date", CHECK);
  run_ok (conn, "UPDATE clients SET birth_date = '1980-02-03'");
  run_refused (conn, "UPDATE clients SET conditions = 'asthma'", "conditions", CHECK);
  run_ok (conn, "UPDATE clients SET conditions = '[\"asthma\"]'");
  run_refused (conn, "UPDATE clients SET name = '   '", "name", CHECK);

  run_refused (conn, "UPDATE therapists SET active = 2", "active", CHECK);
  run_refused (conn,
               "INSERT INTO consents (client_id, kind, given_at, obtained_by, signature) "
               "VALUES (1, 'sensitive-area', 0, 'Tess', '[]')",
               "check constraint", CHECK);
  run_refused (conn,
               "INSERT INTO consents (client_id, kind, area, given_at, obtained_by) "
               "VALUES (1, 'sensitive-area', 'gluteal', 0, 'Tess')",
               "check constraint", CHECK);
  run_refused (conn,
               "INSERT INTO treatment_plans (client_id, created_at, frequency, period, "
               "n_sessions, discharged_on) VALUES (1, 0, 1, 'week', 6, '2026-01-02')",
               "check constraint", CHECK);
  run_refused (conn,
               "INSERT INTO outcome_measures (visit_id, instrument, answers) "
               "VALUES (2, 'odi', '[0,0,0,0,0,0,0,0,0]')",
               "answers", CHECK);
  run_refused (conn,
               "INSERT INTO client_reports (client_id, reported_at, pain) VALUES (1, 0, 11)",
               "pain", CHECK);
}

/* Consents are withdrawn once, health histories accepted once, client reports never changed,
 * the clinic's identity set once; every client gets a random UUID. */
static void
test_kept_rows (Fixture       *fixture,
                gconstpointer  user_data)
{
  PGconn *conn = fixture->conn;
  g_autofree char *uuid = NULL;
  g_autofree char *other_uuid = NULL;

  if (conn == NULL)
    return;
  run_ok (conn, signed_visit);

  uuid = query_value (conn, "SELECT uuid FROM clients WHERE id = 1");
  g_assert_nonnull (uuid);
  g_assert_true (g_uuid_string_is_valid (uuid));
  g_assert_cmpint (uuid[14], ==, '4');
  run_ok (conn, "INSERT INTO clients (id, name, created_at) VALUES (2, 'Bo', 0)");
  other_uuid = query_value (conn, "SELECT uuid FROM clients WHERE id = 2");
  g_assert_cmpstr (other_uuid, !=, uuid);

  run_ok (conn, "INSERT INTO consents (id, client_id, kind, given_at, obtained_by) "
                "VALUES (1, 1, 'treatment', 0, 'Tess')");
  run_refused (conn, "UPDATE consents SET obtained_by = 'Someone'", "consents cannot change",
               RESTRICT);
  run_ok (conn, "UPDATE consents SET withdrawn_at = 5");
  run_refused (conn, "UPDATE consents SET withdrawn_at = 6", "consents cannot change", RESTRICT);

  run_ok (conn, "INSERT INTO health_histories (id, client_id, recorded_at, recorded_by, "
                "reported_by_client, medications) VALUES (1, 1, 0, 'Ann', 1, 'None')");
  run_refused (conn, "UPDATE health_histories SET medications = 'Aspirin'",
               "health history versions cannot change", RESTRICT);
  run_ok (conn, "UPDATE health_histories SET accepted_at = 3, accepted_by = 'Tess'");
  run_refused (conn, "UPDATE health_histories SET accepted_at = 4",
               "health history versions cannot change", RESTRICT);

  run_ok (conn, "INSERT INTO client_reports (id, client_id, reported_at, pain) VALUES (1, 1, 0, 3);"
                "INSERT INTO client_report_places (report_id, view, x, y)"
                "  VALUES (1, 'anterior', 0.5, 0.25);"
                "INSERT INTO client_report_ratings (report_id, activity_id, rating)"
                "  VALUES (1, 1, 6)");
  run_refused (conn, "UPDATE client_reports SET pain = 4", "client report", RESTRICT);
  run_refused (conn, "UPDATE client_report_places SET x = 0.75", "client report", RESTRICT);
  run_refused (conn, "UPDATE client_report_ratings SET rating = 2", "client report", RESTRICT);

  run_ok (conn, "INSERT INTO clinic_identity (uuid) VALUES (gen_random_uuid ()::text)");
  run_refused (conn, "INSERT INTO clinic_identity (uuid) VALUES (gen_random_uuid ()::text)",
               "audit log cannot change", RESTRICT);
  run_refused (conn, "UPDATE clinic_identity SET uuid = gen_random_uuid ()::text",
               "audit log cannot change", RESTRICT);
  run_refused (conn, "DELETE FROM clinic_identity", "audit log cannot change", RESTRICT);
}

/* Destroying a record past its retention: with the client named in record_destruction (in
 * the same transaction), its signed visits and amendments go; any other time, they stay. */
static void
test_record_destruction (Fixture       *fixture,
                         gconstpointer  user_data)
{
  PGconn *conn = fixture->conn;
  g_autofree char *n_visits = NULL;

  if (conn == NULL)
    return;
  run_ok (conn, signed_visit);

  run_ok (conn,
          "BEGIN;"
          "INSERT INTO record_destruction (client_id) VALUES (1);"
          "DELETE FROM amendments WHERE visit_id IN (SELECT id FROM visits WHERE client_id = 1);"
          "DELETE FROM findings WHERE id = 1;"
          "DELETE FROM visits WHERE client_id = 1;"
          "DELETE FROM psfs_activities WHERE client_id = 1;"
          "DELETE FROM clients WHERE id = 1;"
          "DELETE FROM record_destruction;"
          "COMMIT");
  n_visits = query_value (conn, "SELECT count(*) FROM visits");
  g_assert_cmpstr (n_visits, ==, "0");
}

static void
test_record_kept_without_destruction (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  PGconn *conn = fixture->conn;

  if (conn == NULL)
    return;
  run_ok (conn, signed_visit);
  run_ok (conn, "INSERT INTO clients (id, name, created_at) VALUES (2, 'Bo', 0);"
                "INSERT INTO record_destruction (client_id) VALUES (2)");

  run_refused (conn, "DELETE FROM amendments", SIGNED, RESTRICT);
  run_refused (conn, "DELETE FROM findings WHERE id = 1", SIGNED, RESTRICT);
  run_refused (conn, "DELETE FROM visits WHERE id = 1", SIGNED, RESTRICT);
}

/* Two therapists at once: a finding added while the visit is being signed elsewhere waits for
 * the signature, then is refused; SQLite has one writer at a time, a server several. */
static void
test_row_waits_for_signature (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *n_waiting = NULL;
  PGconn *signer;
  PGconn *writer;
  PGresult *result;

  if (fixture->conn == NULL)
    return;
  run_ok (fixture->conn, signed_visit);
  signer = PQconnectdb (fixture->conninfo);
  writer = PQconnectdb (fixture->conninfo);
  g_assert_cmpint (PQstatus (signer), ==, CONNECTION_OK);
  g_assert_cmpint (PQstatus (writer), ==, CONNECTION_OK);

  run_ok (signer, "BEGIN;"
                  "UPDATE visits SET status = 'signed', signed_at = 1, signed_by = 'Tess', "
                  "  seal = repeat ('c', 64) WHERE id = 2");
  g_assert_true (PQsendQuery (writer,
                              "INSERT INTO findings (id, visit_id, view, kind, intensity, points) "
                              "VALUES (20, 2, 'posterior', 'spasm-zone', 4, '[7,8]')"));
  /* Until the writer waits on the signer's lock (or, wrongly, is done). */
  do
    {
      g_free (n_waiting);
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
      n_waiting = query_value (fixture->conn,
                               "SELECT count(*) FROM pg_stat_activity "
                               "WHERE datname = current_database () AND wait_event_type = 'Lock'");
    }
  while (g_str_equal (n_waiting, "0") && PQconsumeInput (writer) && PQisBusy (writer));
  run_ok (signer, "COMMIT");

  result = PQgetResult (writer);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_FATAL_ERROR);
  g_assert_nonnull (strstr (PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY),
                            "signed visit: findings cannot change"));
  PQclear (result);
  g_assert_null (PQgetResult (writer));

  PQfinish (writer);
  PQfinish (signer);
}

void
add_rule_tests (void)
{
  struct
  {
    const char *path;
    void (*test) (Fixture *, gconstpointer);
  } tests[] = {
    { "/Palpate/ServerSchema/signed-visit-kept", test_signed_visit_kept },
    { "/Palpate/ServerSchema/signing-needs-seal", test_signing_needs_seal },
    { "/Palpate/ServerSchema/signed-visit-rows", test_signed_visit_rows },
    { "/Palpate/ServerSchema/amendments-append-only", test_amendments_append_only },
    { "/Palpate/ServerSchema/audit-log-append-only", test_audit_log_append_only },
    { "/Palpate/ServerSchema/checks", test_checks },
    { "/Palpate/ServerSchema/kept-rows", test_kept_rows },
    { "/Palpate/ServerSchema/record-destruction", test_record_destruction },
    { "/Palpate/ServerSchema/record-kept-without-destruction",
      test_record_kept_without_destruction },
    { "/Palpate/ServerSchema/row-waits-for-signature", test_row_waits_for_signature },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
    g_test_add (tests[i].path, Fixture, NULL, fixture_set_up_clinic, tests[i].test,
                fixture_tear_down);
}
