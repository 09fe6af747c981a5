/* test-store-safety.c — the store's protections: signed visits, the audit chain, bad and
 * locked files, migrations and backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "palpate-backup.h"
#include "palpate-core-error.h"
#include "palpate-store-health.h"
#include "test-store-private.h"

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
  palpate_amendment_set_reason (amendment, "Wrong day");
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
  /* A file: one row per schema step and the keying of the chain; a server clinic, made at
   * once: the keying and its schema. Then client, visit, finding, sign, export. */
  g_assert_cmpint (n_rows, ==, test_on_server ? 2 + 5 : PALPATE_STORE_SCHEMA_VERSION + 6);

  /* Someone with the sqlite3 shell (or psql, as the tables' owner) removes the protection and
   * edits one row. */
  g_clear_object (&fixture->store);
  g_assert_cmpint (raw_exec (fixture->path,
                             test_on_server
                               ? "ALTER TABLE audit_log DISABLE TRIGGER USER;"
                                 "UPDATE audit_log SET actor = 'Someone Else' WHERE id = 5;"
                               : "DROP TRIGGER audit_log_no_update;"
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

  if (skip_on_server ("a server clinic has no file to damage"))
    return;

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

  if (skip_on_server ("a server clinic has no file mode or lock"))
    return;

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
  g_autofree char *tmpdir = NULL;

  if (skip_on_server ("a server clinic is made at the latest version"))
    return;
  tmpdir = g_dir_make_tmp ("palpate-migrate-XXXXXX", NULL);

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
      /* Today's backup comes with the file's check, once the clinic is open. */
      g_assert_true (palpate_store_check_health (store, NULL, &error));
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

  if (skip_on_server ("a server clinic is backed up with palpate migrate"))
    return;

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

void
test_store_add_safety_tests (void)
{
#define ADD(path, func) \
  g_test_add ("/Palpate/Store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("signed-visits", test_store_signed_visits);
  ADD ("audit-chain", test_store_audit_chain);
  ADD ("bad-files", test_store_bad_files);
  ADD ("read-only-and-locked", test_store_read_only_and_locked);
  ADD ("backups", test_store_backups);
  g_test_add_func ("/Palpate/Store/migrations", test_store_migrations);

#undef ADD
}
