/* test-store-seal.c — signed notes sealed; the audit chain keyed outside the file is in
 * test-store-seal-chain.c, writes of several rows and saves from two windows in
 * test-store-seal-writes.c
 *
 * Each tampering here is done as someone with the sqlite3 shell would: through a connection of
 * its own, dropping the protecting triggers where they stand in the way. What must hold is
 * that --verify-audit names the visit, or the cut or rebuilt chain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "palpate-report.h"
#include "palpate-store-health.h"
#include "palpate-store-private.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"
#include "test-store-seal-private.h"

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

void
raw_exec_ok (const char *path,
             const char *sql)
{
  g_autofree char *message = NULL;
  int rc = raw_exec (path, sql, &message);

  if (rc != SQLITE_OK)
    g_error ("“%s” failed: %s", sql, message);
}

/* Runs @sql with "VISIT", "DRAFT", "FINDING", "DRAFT_FINDING" and "TECHNIQUE" replaced by the
 * fixture's ids. */
static int
raw_exec_ids (Fixture    *fixture,
              const char *sql,
              char      **message)
{
  const struct { const char *word; gint64 id; } ids[] = {
    { "DRAFT_FINDING", fixture->draft_finding },
    { "FINDING", fixture->signed_finding },
    { "TECHNIQUE", fixture->technique_id },
    { "VISIT", fixture->signed_id },
    { "DRAFT", fixture->draft_id },
  };
  g_autofree char *statement = g_strdup (sql);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, ids[i].id);
      g_auto(GStrv) parts = g_strsplit (statement, ids[i].word, -1);

      g_free (statement);
      statement = g_strjoinv (id, parts);
    }

  return raw_exec (fixture->path, statement, message);
}

/* What someone would run first: every trigger that protects signed visits or the log goes. On
 * a server the tables' owner disables them, as psql would. */
static const char drop_protections_of_file[] =
  "DROP TRIGGER visits_insert_signed; DROP TRIGGER visits_update_signed;"
  "DROP TRIGGER visits_delete_signed; DROP TRIGGER visits_sign_sealed;"
  "DROP TRIGGER findings_insert_signed; DROP TRIGGER findings_update_signed;"
  "DROP TRIGGER findings_delete_signed;"
  "DROP TRIGGER applied_techniques_insert_signed; DROP TRIGGER applied_techniques_update_signed;"
  "DROP TRIGGER applied_techniques_delete_signed;"
  "DROP TRIGGER psfs_ratings_insert_signed; DROP TRIGGER psfs_ratings_update_signed;"
  "DROP TRIGGER psfs_ratings_delete_signed;"
  "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
  "DROP TRIGGER audit_log_no_replace;";

static const char drop_protections_on_server[] =
  "ALTER TABLE visits DISABLE TRIGGER USER; ALTER TABLE findings DISABLE TRIGGER USER;"
  "ALTER TABLE applied_techniques DISABLE TRIGGER USER;"
  "ALTER TABLE psfs_ratings DISABLE TRIGGER USER; ALTER TABLE audit_log DISABLE TRIGGER USER;";

const char *
drop_protections (void)
{
  return test_on_server ? drop_protections_on_server : drop_protections_of_file;
}

const char *
drop_audit_log_no_delete (void)
{
  return test_on_server ? "ALTER TABLE audit_log DISABLE TRIGGER audit_log_kept;"
                        : "DROP TRIGGER audit_log_no_delete;";
}

void
inject_failure (const char *path,
                const char *table,
                const char *condition)
{
  static char *injected_on;
  g_autofree char *sql = NULL;

  if (table == NULL)
    sql = test_on_server ? g_strdup_printf ("DROP TRIGGER injected ON %s", injected_on)
                         : g_strdup ("DROP TRIGGER injected");
  else if (test_on_server)
    sql = g_strdup_printf ("CREATE OR REPLACE FUNCTION injected () RETURNS trigger "
                           "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; "
                           "END $$; CREATE TRIGGER injected BEFORE INSERT ON %s FOR EACH ROW "
                           "WHEN (%s) EXECUTE FUNCTION injected ();", table, condition);
  else
    sql = g_strdup_printf ("CREATE TRIGGER injected BEFORE INSERT ON %s WHEN %s "
                           "BEGIN SELECT RAISE (ABORT, 'injected failure'); END;",
                           table, condition);
  g_free (injected_on);
  injected_on = g_strdup (table);
  raw_exec_ok (path, sql);
}

PalpateFinding *
new_finding (gint64             visit_id,
             PalpateFindingKind kind,
             double             x)
{
  const PalpatePoint points[] = { { x, 230.25 }, { x + 20, 250 }, { x + 10, 270 } };
  guint n = palpate_finding_kind_get_geometry (kind) == PALPATE_GEOMETRY_POINT ? 1 :
            palpate_finding_kind_get_geometry (kind) == PALPATE_GEOMETRY_LINE ? 2 : 3;
  PalpateFinding *finding = palpate_finding_new (kind, PALPATE_VIEW_POSTERIOR, points, n);

  palpate_finding_set_visit_id (finding, visit_id);
  palpate_finding_set_region_id (finding, "trapezius-upper-right");
  palpate_finding_set_intensity (finding, 6);
  return finding;
}

static gint64
add_visit (PalpateStore *store,
           gint64        client_id,
           int           days_ago)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) started = g_date_time_add_days (now, -days_ago);
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();

  palpate_visit_set_client_id (visit, client_id);
  palpate_visit_set_started_at (visit, started);
  palpate_visit_set_pain_before (visit, 7);
  palpate_visit_set_subjective (visit, "Stiff neck after a long drive.");
  g_assert_true (palpate_store_save_visit (store, visit, &error));
  g_assert_no_error (error);
  return palpate_visit_get_id (visit);
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(PalpateTherapist) therapist = palpate_therapist_new ();
  g_autoptr(PalpateTechnique) technique = palpate_technique_new ();
  g_autoptr(PalpateFinding) finding = NULL;
  g_autoptr(PalpateFinding) draft_finding = NULL;
  g_autoptr(PalpateAppliedTechnique) applied = palpate_applied_technique_new ();
  g_autoptr(PalpateVisit) visit = NULL;
  g_autoptr(GArray) activities = NULL;
  const char *names[] = { "Sleep through the night", NULL };
  PalpateOutcomeAnswers answers = { 0 };

  fixture->tmpdir = g_dir_make_tmp ("palpate-seal-XXXXXX", &error);
  g_assert_no_error (error);
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
  palpate_store_set_actor (fixture->store, "Maria Rossi");

  palpate_therapist_set_name (therapist, "Maria Rossi");
  g_assert_true (palpate_store_save_therapist (fixture->store, therapist, &error));
  palpate_client_set_name (client, "Noor Khan");
  palpate_client_set_activities (client, names);
  g_assert_true (palpate_store_save_client (fixture->store, client, &error));
  g_assert_no_error (error);
  fixture->client_id = palpate_client_get_id (client);

  palpate_technique_set_name (technique, "Hot stones");
  g_assert_true (palpate_store_save_technique (fixture->store, technique, &error));
  fixture->technique_id = palpate_technique_get_id (technique);

  fixture->signed_id = add_visit (fixture->store, fixture->client_id, 3);
  visit = palpate_store_get_visit (fixture->store, fixture->signed_id, &error);
  palpate_visit_set_therapist_id (visit, palpate_therapist_get_id (therapist));
  g_assert_true (palpate_store_save_visit (fixture->store, visit, &error));

  finding = new_finding (fixture->signed_id, PALPATE_FINDING_SPASM_ZONE, 120);
  g_assert_true (palpate_store_save_finding (fixture->store, finding, &error));
  fixture->signed_finding = palpate_finding_get_id (finding);

  palpate_applied_technique_set_visit_id (applied, fixture->signed_id);
  palpate_applied_technique_set_technique_id (applied, fixture->technique_id);
  palpate_applied_technique_set_region_id (applied, "trapezius-upper-right");
  palpate_applied_technique_set_minutes (applied, 10);
  g_assert_true (palpate_store_save_applied_technique (fixture->store, applied, &error));
  g_assert_no_error (error);

  activities = palpate_store_list_activity_ids (fixture->store, fixture->client_id, &error);
  g_assert_cmpuint (activities->len, ==, 1);
  g_assert_true (palpate_store_set_psfs_rating (fixture->store, fixture->signed_id,
                                                g_array_index (activities, gint64, 0), 4, &error));
  answers.visit_id = fixture->signed_id;
  answers.instrument = PALPATE_INSTRUMENT_NDI;
  g_assert_true (palpate_store_save_outcome (fixture->store, &answers, &error));
  g_assert_no_error (error);

  g_assert_true (palpate_store_sign_visit (fixture->store, visit, "Maria Rossi, RMT", &error));
  g_assert_no_error (error);

  fixture->draft_id = add_visit (fixture->store, fixture->client_id, 0);
  draft_finding = new_finding (fixture->draft_id, PALPATE_FINDING_TRIGGER_POINT_ACTIVE, 200);
  g_assert_true (palpate_store_save_finding (fixture->store, draft_finding, &error));
  fixture->draft_finding = palpate_finding_get_id (draft_finding);

  g_assert_true (palpate_store_verify_audit (fixture->store, NULL, &error));
  g_assert_no_error (error);
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

/* Closes the fixture's store so another program can write, as in real life. */
void
close_store (Fixture *fixture)
{
  g_clear_object (&fixture->store);
}

char *
verify_fails (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (fixture->path, &error);

  g_assert_no_error (error);
  g_assert_false (palpate_store_verify_audit (store, NULL, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT);
  return g_strdup (error->message);
}

/* --verify-audit names exactly this visit. */
static void
assert_names_visit (Fixture *fixture,
                    gint64   visit_id)
{
  g_autofree char *message = verify_fails (fixture);
  g_autofree char *expected = g_strdup_printf ("visit %" G_GINT64_FORMAT ".", visit_id);

  if (strstr (message, expected) == NULL)
    g_error ("“%s” does not name visit %" G_GINT64_FORMAT, message, visit_id);
}

static void
test_seal_at_signing (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *seal = NULL;
  g_autofree char *logged = NULL;
  g_autofree char *computed = NULL;
  PalpateDbStatement *stmt;

  stmt = palpate_store_db_prepare (fixture->store, "SELECT seal FROM visits WHERE id = ?", NULL);
  palpate_db_bind_int64 (stmt, 1, fixture->signed_id);
  g_assert_cmpint (palpate_db_step (stmt, NULL), ==, PALPATE_DB_ROW);
  seal = g_strdup (palpate_db_column_text (stmt, 0));
  palpate_db_reset (stmt);
  g_assert_cmpuint (strlen (seal), ==, 64);

  stmt = palpate_store_db_prepare (fixture->store,
                                   "SELECT detail FROM audit_log WHERE action = 'sign' "
                                   "AND entity = 'visit' AND entity_id = ?", NULL);
  palpate_db_bind_int64 (stmt, 1, fixture->signed_id);
  g_assert_cmpint (palpate_db_step (stmt, NULL), ==, PALPATE_DB_ROW);
  logged = g_strdup (palpate_db_column_text (stmt, 0));
  palpate_db_reset (stmt);
  g_assert_cmpstr (logged, ==, seal);

  computed = palpate_store_seal_compute (fixture->store, fixture->signed_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (computed, ==, seal);

  /* A draft has no seal, and the database refuses to sign without one. */
  close_store (fixture);
  {
    g_autofree char *message = NULL;

    g_assert_cmpint (raw_exec_ids (fixture, "UPDATE visits SET status = 'signed', signed_at = 1, "
                                            "signed_by = 'x' WHERE id = DRAFT", &message) & 0xff,
                     ==, SQLITE_CONSTRAINT);
    g_assert_nonnull (strstr (message, "signed visit"));
  }
}

static void
test_seal_replace (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *replacements[] = {
    "INSERT OR REPLACE INTO visits (id, client_id, started_at, subjective) "
    "VALUES (VISIT, 1, 0, 'rewritten')",
    "REPLACE INTO findings (id, visit_id, view, kind, intensity, points) "
    "VALUES (FINDING, DRAFT, 'anterior', 'cleared', 0, '[1,1]')",
    "INSERT OR REPLACE INTO audit_log (id, at, actor, action, entity, prev_hash, hash) "
    "VALUES (1, 0, 'x', 'x', 'x', 'x', 'x')",
  };
  /* PostgreSQL has no INSERT OR REPLACE: its two ways to put a row over one that is there are
   * a plain INSERT of the same id, and INSERT … ON CONFLICT DO UPDATE. */
  const char *replacements_on_server[] = {
    "INSERT INTO visits (id, client_id, started_at, subjective) "
    "VALUES (VISIT, 1, 0, 'rewritten') ON CONFLICT (id) DO UPDATE "
    "SET client_id = EXCLUDED.client_id, started_at = EXCLUDED.started_at, "
    "subjective = EXCLUDED.subjective",
    "INSERT INTO findings (id, visit_id, view, kind, intensity, points) "
    "VALUES (FINDING, DRAFT, 'anterior', 'cleared', 0, '[1,1]') ON CONFLICT (id) DO UPDATE "
    "SET visit_id = EXCLUDED.visit_id, view = EXCLUDED.view, kind = EXCLUDED.kind, "
    "intensity = EXCLUDED.intensity, points = EXCLUDED.points",
    "INSERT INTO audit_log (id, at, actor, action, entity, prev_hash, hash) "
    "VALUES (1, 0, 'x', 'x', 'x', 'x', 'x') ON CONFLICT (id) DO UPDATE "
    "SET at = EXCLUDED.at, actor = EXCLUDED.actor, action = EXCLUDED.action, "
    "entity = EXCLUDED.entity, prev_hash = EXCLUDED.prev_hash, hash = EXCLUDED.hash",
    "INSERT INTO visits (id, client_id, started_at, subjective) "
    "VALUES (VISIT, 1, 0, 'rewritten')",
    "INSERT INTO findings (id, visit_id, view, kind, intensity, points) "
    "VALUES (FINDING, DRAFT, 'anterior', 'cleared', 0, '[1,1]')",
    "INSERT INTO audit_log (id, at, actor, action, entity, prev_hash, hash) "
    "VALUES (1, 0, 'x', 'x', 'x', 'x', 'x')",
  };
  const char **tried = test_on_server ? replacements_on_server : replacements;
  guint n_tried = test_on_server ? G_N_ELEMENTS (replacements_on_server)
                                 : G_N_ELEMENTS (replacements);

  close_store (fixture);
  for (guint i = 0; i < n_tried; i++)
    {
      g_autofree char *message = NULL;
      int rc = raw_exec_ids (fixture, tried[i], &message);

      if ((rc & 0xff) != SQLITE_CONSTRAINT)
        g_error ("“%s” was not refused (%d: %s)", tried[i], rc, message);
    }

  /* Without the triggers the row is replaced, and the seal shows it. */
  raw_exec_ok (fixture->path, drop_protections ());
  g_assert_cmpint (raw_exec_ids (fixture, tried[0], NULL), ==, SQLITE_OK);
  assert_names_visit (fixture, fixture->signed_id);
}

static void
test_seal_reparent (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *message = NULL;

  close_store (fixture);

  /* Into the signed visit, and out of it. */
  g_assert_cmpint (raw_exec_ids (fixture, "UPDATE findings SET visit_id = VISIT "
                                          "WHERE id = DRAFT_FINDING", &message) & 0xff,
                   ==, SQLITE_CONSTRAINT);
  g_assert_nonnull (strstr (message, "signed visit"));
  g_assert_cmpint (raw_exec_ids (fixture, "UPDATE findings SET visit_id = DRAFT "
                                          "WHERE id = FINDING", NULL) & 0xff,
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_exec_ids (fixture, "UPDATE applied_techniques SET visit_id = DRAFT "
                                          "WHERE visit_id = VISIT", NULL) & 0xff,
                   ==, SQLITE_CONSTRAINT);

  raw_exec_ok (fixture->path, drop_protections ());
  g_assert_cmpint (raw_exec_ids (fixture, "UPDATE findings SET visit_id = VISIT "
                                          "WHERE id = DRAFT_FINDING", NULL), ==, SQLITE_OK);
  assert_names_visit (fixture, fixture->signed_id);

  /* Moved back, and the one it had moved out instead. */
  g_assert_cmpint (raw_exec_ids (fixture, "UPDATE findings SET visit_id = DRAFT "
                                          "WHERE id = DRAFT_FINDING;"
                                          "UPDATE findings SET visit_id = DRAFT "
                                          "WHERE id = FINDING", NULL), ==, SQLITE_OK);
  assert_names_visit (fixture, fixture->signed_id);
}

static void
test_seal_rename (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateTechnique) technique = palpate_technique_new ();
  g_autoptr(GPtrArray) therapists = NULL;
  g_autoptr(GPtrArray) applied = NULL;
  g_autoptr(PalpateVisit) visit = NULL;

  /* Renames through the program: the signed note keeps the names it was signed with. */
  palpate_technique_set_id (technique, fixture->technique_id);
  palpate_technique_set_name (technique, "Cold stones");
  g_assert_true (palpate_store_save_technique (fixture->store, technique, &error));
  g_assert_no_error (error);
  therapists = palpate_store_list_therapists (fixture->store, &error);
  palpate_therapist_set_name (therapists->pdata[0], "Someone Else");
  g_assert_true (palpate_store_save_therapist (fixture->store, therapists->pdata[0], &error));
  g_assert_no_error (error);

  applied = palpate_store_list_applied_techniques (fixture->store, fixture->signed_id, &error);
  g_assert_cmpuint (applied->len, ==, 1);
  g_assert_cmpstr (palpate_applied_technique_get_technique_name (applied->pdata[0]), ==,
                   "Hot stones");
  visit = palpate_store_get_visit (fixture->store, fixture->signed_id, &error);
  g_assert_cmpstr (palpate_visit_get_therapist_name (visit), ==, "Maria Rossi");
  g_assert_true (palpate_store_verify_audit (fixture->store, NULL, &error));
  g_assert_no_error (error);

  /* Renames behind the program's back: the names the note was signed with are not the
   * technique's, the therapist's or the activity's any more, and the seal still holds. */
  close_store (fixture);
  raw_exec_ok (fixture->path, "UPDATE techniques SET name = 'Ice' WHERE builtin = 0;"
                              "UPDATE psfs_activities SET name = 'Run a marathon';"
                              "UPDATE therapists SET name = 'Nobody';");
  {
    g_autoptr(PalpateStore) store = palpate_store_open (fixture->path, &error);

    g_assert_true (palpate_store_verify_audit (store, NULL, &error));
    g_assert_no_error (error);
  }

  /* The copied name itself changed: that is a change of the signed note. */
  raw_exec_ok (fixture->path, drop_protections ());
  g_assert_cmpint (raw_exec_ids (fixture, "UPDATE applied_techniques SET technique_name = 'Ice' "
                                          "WHERE visit_id = VISIT", NULL), ==, SQLITE_OK);
  assert_names_visit (fixture, fixture->signed_id);
}

static void
test_seal_direct_update (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *forged_seal = NULL;

  close_store (fixture);
  raw_exec_ok (fixture->path, drop_protections ());
  g_assert_cmpint (raw_exec_ids (fixture, "UPDATE visits SET subjective = 'Never had neck pain.' "
                                          "WHERE id = VISIT", NULL), ==, SQLITE_OK);
  assert_names_visit (fixture, fixture->signed_id);

  /* Someone who knows how seals are made writes a matching one into the row: the seal in the
   * keyed audit log still tells. */
  {
    g_autoptr(PalpateStore) store = palpate_store_open (fixture->path, &error);

    forged_seal = palpate_store_seal_compute (store, fixture->signed_id, &error);
    g_assert_no_error (error);
  }
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE visits SET seal = '%s' WHERE id = VISIT",
                                            forged_seal);

    g_assert_cmpint (raw_exec_ids (fixture, sql, NULL), ==, SQLITE_OK);
  }
  assert_names_visit (fixture, fixture->signed_id);

  /* And the command line says so, with the visit's id. */
  {
    const char *argv[] = { PALPATE_EXE, "--database", fixture->path, "--verify-audit", NULL };
    g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_CONFIG_HOME",
                                           g_get_user_config_dir (), TRUE);
    g_autofree char *err = NULL;
    g_autofree char *expected = g_strdup_printf ("visit %" G_GINT64_FORMAT ".",
                                                 fixture->signed_id);
    int status = 0;

    envp = g_environ_unsetenv (envp, "DISPLAY");
    g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                 NULL, NULL, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    if (strstr (err, expected) == NULL)
      g_error ("--verify-audit said “%s”", err);
  }
}

static void
test_hostile_text (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateClient) client = NULL;
  const char *lists[] = {
    "[\"\\u12\"]", "[\"a\\u", "[\"\\u00zz\"]", "[\"\\ud800\"]", "[1, \"x\", null]", "not json",
    "[\"\\\\\", \"", "", "[\"\xf0\"]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_auto(GStrv) strv = palpate_store_strv_from_json (lists[i]);

      for (guint k = 0; strv[k] != NULL; k++)
        g_assert_true (g_utf8_validate (strv[k], -1, NULL));
    }
  {
    g_auto(GStrv) strv = palpate_store_strv_from_json ("[1, \"x\", null, \"a\\\"b\"]");

    g_assert_cmpuint (g_strv_length (strv), ==, 2);
    g_assert_cmpstr (strv[0], ==, "x");
    g_assert_cmpstr (strv[1], ==, "a\"b");
  }

  /* A name ending in the first byte of a four-byte sequence, and a list with a cut escape. */
  close_store (fixture);
  if (test_on_server)
    {
      g_autofree char *message = NULL;

      /* A server database in UTF-8 refuses bytes that are not, so only the list gets in. */
      g_assert_cmpint (raw_exec (fixture->path, "UPDATE clients SET name = convert_from "
                                                "('\\x4e6f6f72f0'::bytea, 'UTF8')", &message),
                       ==, SQLITE_ERROR);
      g_assert_nonnull (strstr (message, "UTF8"));
      raw_exec_ok (fixture->path, "UPDATE clients SET conditions = '[\"\\u12\"]'");
    }
  else
    raw_exec_ok (fixture->path, "UPDATE clients SET name = CAST (X'4E6F6F72F0' AS TEXT), "
                                "conditions = '[\"\\u12\"]'");
  fixture->store = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);
  client = palpate_store_get_client (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (palpate_client_get_name (client), -1, NULL));
  g_assert_cmpstr (palpate_client_get_name (client), ==,
                   test_on_server ? "Noor Khan" : "Noor\xef\xbf\xbd");
  {
    g_autofree char *file_name = palpate_report_dup_file_name (palpate_client_get_name (client),
                                                               ".pdf");

    g_assert_true (g_str_has_prefix (file_name, "Noor"));
  }
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
  g_test_add ("/Palpate/StoreSeal/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("seal-at-signing", test_seal_at_signing);
  ADD ("replace", test_seal_replace);
  ADD ("reparent", test_seal_reparent);
  ADD ("rename", test_seal_rename);
  ADD ("direct-update", test_seal_direct_update);
  test_store_seal_add_chain_tests ();
  test_store_seal_add_writes_tests ();
  ADD ("hostile-text", test_hostile_text);

#undef ADD

  return g_test_run ();
}
