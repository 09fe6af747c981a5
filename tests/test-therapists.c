/* test-therapists.c — therapist profiles, passcodes, signing in, and who wrote each entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <string.h>

#include "palpate-core-error.h"
#include "palpate-report.h"
#include "palpate-store-private.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"

/* --server: the cases run on a clinic on the test's PostgreSQL server instead of a file. */
static gboolean test_on_server;

static gboolean
skip_on_server (const char *why)
{
  if (!test_on_server)
    return FALSE;
  g_test_skip (why);
  return TRUE;
}

typedef struct
{
  char         *tmpdir;
  char         *path;
  char         *conninfo;   /* the server database, with --server */
  PalpateStore *store;
} Fixture;

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
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp ("palpate-therapists-XXXXXX", NULL);
  if (test_on_server)
    {
      fixture->conninfo = palpate_test_server_new_database ();
      g_assert_nonnull (fixture->conninfo);
      fixture->path = palpate_test_store_server_location (fixture->conninfo);
    }
  else
    fixture->path = g_build_filename (fixture->tmpdir, "clinic.sqlite3", NULL);
  fixture->store = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  palpate_store_close (fixture->store);
  g_assert_finalize_object (fixture->store);
  remove_tree (fixture->tmpdir);
  palpate_test_server_drop_database (fixture->conninfo);
  g_free (fixture->conninfo);
  g_free (fixture->path);
  g_free (fixture->tmpdir);
}

static PalpateTherapist *
add_therapist (PalpateStore *store,
               const char   *name,
               const char   *registration,
               gboolean      owner,
               const char   *passcode)
{
  g_autoptr(PalpateTherapist) therapist = palpate_therapist_new ();
  g_autoptr(GError) error = NULL;

  palpate_therapist_set_name (therapist, name);
  palpate_therapist_set_credentials (therapist, "RMT");
  palpate_therapist_set_registration (therapist, registration);
  palpate_therapist_set_college (therapist, "CMTO");
  palpate_therapist_set_owner (therapist, owner);
  g_assert_true (palpate_store_save_therapist (store, therapist, &error));
  g_assert_no_error (error);
  if (passcode != NULL)
    {
      g_assert_true (palpate_store_set_passcode (store, palpate_therapist_get_id (therapist),
                                                 passcode, &error));
      g_assert_no_error (error);
      palpate_therapist_set_has_passcode (therapist, TRUE);
    }
  return g_steal_pointer (&therapist);
}

/* How many entries of the audit log have @action, and the actor of the last one. */
static int
count_logged (PalpateStore  *store,
              const char    *action,
              char         **last_actor)
{
  PalpateDbStatement *stmt = palpate_store_db_prepare (store,
                                                       "SELECT count (*), (SELECT actor FROM "
                                                       "audit_log WHERE action = ?1 "
                                                       "ORDER BY id DESC LIMIT 1) "
                                                       "FROM audit_log WHERE action = ?1",
                                                       NULL);
  int count;

  g_assert_nonnull (stmt);
  palpate_db_bind_text (stmt, 1, action);
  g_assert_cmpint (palpate_db_step (stmt, NULL), ==, PALPATE_DB_ROW);
  count = palpate_db_column_int (stmt, 0);
  if (last_actor != NULL)
    *last_actor = g_strdup (palpate_db_column_text (stmt, 1));
  palpate_db_reset (stmt);
  return count;
}

static void
test_profiles (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PalpateTherapist) owner = add_therapist (fixture->store, "Maria Rossi", "A1234",
                                                     TRUE, NULL);
  g_autoptr(PalpateTherapist) read = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *author = palpate_therapist_dup_author (owner);

  g_assert_cmpstr (author, ==, "Maria Rossi, RMT, CMTO reg. A1234");

  read = palpate_store_get_therapist (fixture->store, palpate_therapist_get_id (owner), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (palpate_therapist_get_registration (read), ==, "A1234");
  g_assert_cmpstr (palpate_therapist_get_college (read), ==, "CMTO");
  g_assert_true (palpate_therapist_get_owner (read));
  g_assert_true (palpate_therapist_get_active (read));
  g_assert_false (palpate_therapist_get_has_passcode (read));

  /* The last owner stays an active owner. */
  palpate_therapist_set_active (read, FALSE);
  g_assert_false (palpate_store_save_therapist (fixture->store, read, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A therapist who left is deactivated and stays listed, with their history. */
  {
    g_autoptr(PalpateTherapist) other = add_therapist (fixture->store, "David Okafor", "B77",
                                                       FALSE, "246810");

    palpate_therapist_set_active (other, FALSE);
    g_assert_true (palpate_store_save_therapist (fixture->store, other, &error));
    g_assert_no_error (error);
    g_assert_cmpint (palpate_store_count_active_therapists (fixture->store), ==, 1);
    g_assert_false (palpate_store_sign_in (fixture->store, palpate_therapist_get_id (other),
                                           "246810", &error));
    g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* A profile that is not in the clinic is not saved, nor logged as changed. */
  {
    g_autoptr(PalpateTherapist) missing = palpate_therapist_new ();
    int changes = count_logged (fixture->store, "change", NULL);

    palpate_therapist_set_id (missing, 9999);
    palpate_therapist_set_name (missing, "Nobody Here");
    palpate_therapist_set_owner (missing, TRUE);
    g_assert_false (palpate_store_save_therapist (fixture->store, missing, &error));
    g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (count_logged (fixture->store, "change", NULL), ==, changes);
  }

  /* By name, whatever its case. */
  {
    g_autoptr(PalpateTherapist) lower = add_therapist (fixture->store, "anna Berg", "C5", FALSE,
                                                       "135790");
  }
  all = palpate_store_list_therapists (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (palpate_therapist_get_name (all->pdata[0]), ==, "anna Berg");
  g_assert_cmpstr (palpate_therapist_get_name (all->pdata[1]), ==, "David Okafor");
  g_assert_cmpstr (palpate_therapist_get_name (all->pdata[2]), ==, "Maria Rossi");
}

static void
test_passcode_rule (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (palpate_passcode_validate ("123456", NULL));
  g_assert_true (palpate_passcode_validate ("0123456789", NULL));
  g_assert_true (palpate_passcode_validate ("green tea at noon", NULL));
  g_assert_true (palpate_passcode_validate ("mot-clé!", NULL));
  g_assert_false (palpate_passcode_validate ("12345", &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (palpate_passcode_validate ("abc123", NULL));
  g_assert_false (palpate_passcode_validate ("", NULL));
  g_assert_false (palpate_passcode_validate (NULL, NULL));
}

static void
test_sign_in (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(PalpateTherapist) owner = add_therapist (fixture->store, "Maria Rossi", "A1234",
                                                     TRUE, "135790");
  g_autoptr(PalpateTherapist) other = add_therapist (fixture->store, "David Okafor", "B77",
                                                     FALSE, "quiet harbour");
  gint64 id = palpate_therapist_get_id (other);
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  gint64 now = 1800000000;

  /* Nobody alone without a passcode: the clinic asks. */
  g_assert_false (palpate_store_sign_in_alone (fixture->store));
  g_assert_null (palpate_store_get_signed_in (fixture->store));

  /* Without a passcode, with more than one therapist, nobody signs in. */
  g_assert_false (palpate_store_set_passcode (fixture->store, id, NULL, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A wrong passcode is refused and logged, and the next try waits a second… */
  g_assert_false (palpate_store_sign_in_at (fixture->store, id, "quiet harbor", now, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT);
  g_clear_error (&error);
  g_assert_cmpint (count_logged (fixture->store, "passcode-failed", NULL), ==, 1);
  g_assert_false (palpate_store_sign_in_at (fixture->store, id, "quiet harbour", now, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT);
  g_clear_error (&error);
  g_assert_null (palpate_store_get_signed_in (fixture->store));

  /* … then the right one signs in, and every entry names the therapist. */
  g_assert_true (palpate_store_sign_in_at (fixture->store, id, "quiet harbour", now + 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (palpate_therapist_get_id (palpate_store_get_signed_in (fixture->store)), ==,
                   id);
  g_assert_cmpstr (palpate_store_get_actor (fixture->store), ==,
                   "David Okafor, RMT, CMTO reg. B77");
  g_assert_cmpint (count_logged (fixture->store, "sign-in", &actor), ==, 1);
  g_assert_nonnull (strstr (actor, "David Okafor, RMT, CMTO reg. B77 [therapist "));

  /* Signing asks the passcode again. */
  g_assert_false (palpate_store_confirm_passcode (fixture->store, "135790", "sign", &error));
  g_clear_error (&error);
  g_assert_cmpint (count_logged (fixture->store, "passcode-failed", NULL), ==, 2);

  palpate_store_sign_out (fixture->store, "switch");
  g_assert_null (palpate_store_get_signed_in (fixture->store));
  g_assert_cmpint (count_logged (fixture->store, "sign-out", NULL), ==, 1);

  /* Ten wrong tries in a row lock the profile for a quarter of an hour, the right passcode
   * included; each wait grows. */
  for (int i = 0; i < 10; i++)
    {
      now += 120;
      g_assert_false (palpate_store_sign_in_at (fixture->store, palpate_therapist_get_id (owner),
                                                "000000", now, &error));
      g_clear_error (&error);
    }
  g_assert_cmpint (count_logged (fixture->store, "passcode-locked", NULL), ==, 1);
  g_assert_false (palpate_store_sign_in_at (fixture->store, palpate_therapist_get_id (owner),
                                            "135790", now + 600, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT);
  g_clear_error (&error);
  g_assert_true (palpate_store_sign_in_at (fixture->store, palpate_therapist_get_id (owner),
                                           "135790", now + 15 * 60, &error));
  g_assert_no_error (error);
}

static void
test_alone (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PalpateTherapist) owner = add_therapist (fixture->store, "Maria Rossi", NULL, TRUE,
                                                     NULL);
  g_autoptr(GError) error = NULL;

  /* One therapist without a passcode is signed in on opening, and named plainly. */
  g_assert_true (palpate_store_sign_in_alone (fixture->store));
  g_assert_cmpstr (palpate_store_get_actor (fixture->store), ==, "Maria Rossi, RMT");
  g_assert_cmpint (count_logged (fixture->store, "sign-in", NULL), ==, 1);

  /* A second therapist needs one, and so does the first then. */
  g_assert_true (palpate_store_set_passcode (fixture->store, palpate_therapist_get_id (owner),
                                             "112233", &error));
  g_assert_no_error (error);
  g_assert_true (palpate_therapist_get_has_passcode (palpate_store_get_signed_in (fixture->store)));
  g_assert_false (palpate_store_set_passcode (fixture->store, palpate_therapist_get_id (owner),
                                              "12345", &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
}

static void
test_authorship (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(PalpateTherapist) owner = add_therapist (fixture->store, "Maria Rossi", "A1234",
                                                     TRUE, "135790");
  g_autoptr(PalpateTherapist) other = add_therapist (fixture->store, "David Okafor", "B77",
                                                     FALSE, "246810");
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(PalpateVisit) read = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *actor = NULL;
  PalpateDbStatement *stmt;

  g_assert_true (palpate_store_sign_in (fixture->store, palpate_therapist_get_id (other),
                                        "246810", &error));
  palpate_client_set_name (client, "Zoë Ölander");
  g_assert_true (palpate_store_save_client (fixture->store, client, &error));
  palpate_visit_set_client_id (visit, palpate_client_get_id (client));
  palpate_visit_set_started_at (visit, now);
  palpate_visit_set_therapist_id (visit, palpate_therapist_get_id (other));
  palpate_visit_set_subjective (visit, "Sore after gardening.");
  palpate_visit_set_pain_before (visit, 6);
  g_assert_true (palpate_store_save_visit (fixture->store, visit, &error));
  g_assert_true (palpate_store_sign_visit (fixture->store, visit,
                                           palpate_store_get_actor (fixture->store), &error));
  g_assert_no_error (error);

  read = palpate_store_get_visit (fixture->store, palpate_visit_get_id (visit), &error);
  g_assert_cmpstr (palpate_visit_get_signed_by (read), ==, "David Okafor, RMT, CMTO reg. B77");
  g_assert_cmpstr (palpate_visit_get_therapist_name (read), ==, "David Okafor");
  stmt = palpate_store_db_prepare (fixture->store, "SELECT signer_id FROM visits WHERE id = ?",
                                   NULL);
  palpate_db_bind_int64 (stmt, 1, palpate_visit_get_id (visit));
  g_assert_cmpint (palpate_db_step (stmt, NULL), ==, PALPATE_DB_ROW);
  g_assert_cmpint (palpate_db_column_int64 (stmt, 0), ==, palpate_therapist_get_id (other));
  palpate_db_reset (stmt);

  g_assert_cmpint (count_logged (fixture->store, "sign", &actor), ==, 1);
  g_assert_nonnull (strstr (actor, "David Okafor, RMT, CMTO reg. B77"));

  /* Who sees what: off by default; when on, another therapist's notes are the owner's to
   * read, not the other therapists'. */
  g_assert_true (palpate_store_may_read_notes (fixture->store, palpate_therapist_get_id (owner)));
  g_assert_true (palpate_store_set_own_notes_only (fixture->store, TRUE, &error));
  g_assert_true (palpate_store_get_own_notes_only (fixture->store));
  g_assert_false (palpate_store_may_read_notes (fixture->store,
                                                palpate_therapist_get_id (owner)));
  g_assert_true (palpate_store_may_read_notes (fixture->store, palpate_therapist_get_id (other)));

  /* A report made by another therapist keeps of David's visit only its date and therapist. */
  palpate_store_sign_out (fixture->store, "switch");
  {
    g_autoptr(PalpateTherapist) third = add_therapist (fixture->store, "Hannah Lee", "C9",
                                                       FALSE, "975310");
    g_autoptr(PalpateReport) report = NULL;
    const PalpateVisitSummary *summaries;
    guint n = 0;

    g_assert_true (palpate_store_sign_in (fixture->store, palpate_therapist_get_id (third),
                                          "975310", &error));
    report = palpate_report_new (fixture->store, palpate_client_get_id (client), NULL, NULL,
                                 &error);
    g_assert_no_error (error);
    g_assert_cmpuint (palpate_report_get_n_visits (report), ==, 1);
    g_assert_null (palpate_visit_get_subjective (palpate_report_get_visit (report, 0)));
    g_assert_cmpint (palpate_visit_get_pain_before (palpate_report_get_visit (report, 0)), ==, -1);
    summaries = palpate_report_get_summaries (report, &n);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpint (summaries[0].pain_before, ==, -1);
    palpate_store_sign_out (fixture->store, "switch");
  }

  g_assert_true (palpate_store_sign_in (fixture->store, palpate_therapist_get_id (owner),
                                        "135790", &error));
  g_assert_true (palpate_store_may_read_notes (fixture->store, palpate_therapist_get_id (other)));

  /* Leaving the client's view asks the signed-in therapist's passcode. */
  g_assert_true (palpate_store_has_view_lock (fixture->store));
  g_assert_false (palpate_store_try_view_lock (fixture->store, "246810", NULL));
  g_assert_false (palpate_store_try_view_lock (fixture->store, "135790", &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT);
  g_clear_error (&error);
  g_usleep (1100 * 1000);
  g_assert_true (palpate_store_try_view_lock (fixture->store, "135790", &error));
  g_assert_no_error (error);
}

/* A clinic file made by the version before profiles: two signers by login name, one of them
 * also a therapist of the clinic, and a draft. */
static void
write_v4_clinic (const char *path)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3 *db = NULL;
  char *message = NULL;

  for (guint version = 1; version <= 4; version++)
    g_string_append (sql, palpate_store_schema_step (version));
  g_string_append_printf (sql, "PRAGMA application_id = %d; PRAGMA user_version = 4;",
                          PALPATE_STORE_APPLICATION_ID);
  g_string_append (sql,
                   "INSERT INTO therapists (id, name, created_at) VALUES (1, 'Maria Rossi', 0);"
                   "INSERT INTO clients (id, name, created_at) VALUES (1, 'Zoë Ölander', 0);"
                   "INSERT INTO visits (id, client_id, therapist_id, started_at, subjective, "
                   "status, signed_at, signed_by) VALUES "
                   "(1, 1, 1, 1700000000, 'Low back', 'signed', 1700007200, 'Maria Rossi'),"
                   "(2, 1, NULL, 1700100000, 'Neck', 'signed', 1700107200, 'root'),"
                   "(3, 1, 1, 1700200000, 'Shoulder', 'signed', 1700207200, 'root');"
                   "INSERT INTO visits (id, client_id, started_at) VALUES (4, 1, 1700600000);");

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql->str, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
}

static void
test_migration_from_v4 (void)
{
  g_autofree char *tmpdir = g_dir_make_tmp ("palpate-therapists-v4-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "clinic.sqlite3", NULL);
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GPtrArray) therapists = NULL;
  g_autoptr(GError) error = NULL;
  const char *expected_by[] = { NULL, "Maria Rossi", "root", "root" };
  gint64 root_id = 0;
  gint64 n_rows = 0;

  if (skip_on_server ("a clinic of the version before profiles is a file; a server clinic is "
                      "made at the newest schema"))
    {
      g_rmdir (tmpdir);
      return;
    }
  write_v4_clinic (path);
  store = palpate_store_open (path, &error);
  g_assert_no_error (error);

  /* A profile named after each signer; the first one owns the clinic. */
  therapists = palpate_store_list_therapists (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (therapists->len, ==, 2);
  g_assert_cmpstr (palpate_therapist_get_name (therapists->pdata[0]), ==, "Maria Rossi");
  g_assert_true (palpate_therapist_get_owner (therapists->pdata[0]));
  g_assert_cmpstr (palpate_therapist_get_name (therapists->pdata[1]), ==, "root");
  g_assert_false (palpate_therapist_get_owner (therapists->pdata[1]));
  g_assert_false (palpate_therapist_get_has_passcode (therapists->pdata[1]));
  root_id = palpate_therapist_get_id (therapists->pdata[1]);

  /* Nothing lost: each visit keeps its "signed by" text, attached to that profile. */
  for (gint64 id = 1; id <= 3; id++)
    {
      g_autoptr(PalpateVisit) visit = palpate_store_get_visit (store, id, &error);
      sqlite3_stmt *stmt = palpate_store_prepare (store,
                                                  "SELECT signer_id, t.name FROM visits v "
                                                  "JOIN therapists t ON t.id = v.signer_id "
                                                  "WHERE v.id = ?", NULL);

      g_assert_no_error (error);
      g_assert_cmpint (palpate_visit_get_status (visit), ==, PALPATE_VISIT_SIGNED);
      g_assert_cmpstr (palpate_visit_get_signed_by (visit), ==, expected_by[id]);
      sqlite3_bind_int64 (stmt, 1, id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, expected_by[id]);
      sqlite3_reset (stmt);
    }

  /* The visit signed by nobody's profile is now that signer's; the others keep theirs. */
  {
    g_autoptr(PalpateVisit) neck = palpate_store_get_visit (store, 2, &error);
    g_autoptr(PalpateVisit) shoulder = palpate_store_get_visit (store, 3, &error);
    g_autoptr(PalpateVisit) draft = palpate_store_get_visit (store, 4, &error);

    g_assert_cmpint (palpate_visit_get_therapist_id (neck), ==, root_id);
    g_assert_cmpint (palpate_visit_get_therapist_id (shoulder), ==, 1);
    g_assert_cmpstr (palpate_visit_get_subjective (shoulder), ==, "Shoulder");
    g_assert_cmpint (palpate_visit_get_status (draft), ==, PALPATE_VISIT_DRAFT);
  }

  /* The signed visits are sealed as they are now, and the audit chain holds. */
  g_assert_true (palpate_store_verify_audit (store, &n_rows, &error));
  g_assert_no_error (error);

  palpate_store_close (store);
  remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  test_on_server = palpate_test_store_parse_server_arg (&argc, &argv);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (test_on_server && palpate_test_store_skip_program_without_server ())
    return 0;

  g_test_add_func ("/Palpate/Therapists/passcode-rule", test_passcode_rule);
  g_test_add ("/Palpate/Therapists/profiles", Fixture, NULL, fixture_set_up, test_profiles,
              fixture_tear_down);
  g_test_add ("/Palpate/Therapists/sign-in", Fixture, NULL, fixture_set_up, test_sign_in,
              fixture_tear_down);
  g_test_add ("/Palpate/Therapists/alone", Fixture, NULL, fixture_set_up, test_alone,
              fixture_tear_down);
  g_test_add ("/Palpate/Therapists/authorship", Fixture, NULL, fixture_set_up,
              test_authorship, fixture_tear_down);
  g_test_add_func ("/Palpate/Therapists/migration-from-v4", test_migration_from_v4);

  return g_test_run ();
}
