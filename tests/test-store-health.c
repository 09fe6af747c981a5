/* test-store-health.c — opening a clinic reads only what it needs; the whole-file check and the
 * daily backup come afterwards, from palpate_store_check_health()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include "palpate-backup.h"
#include "palpate-store-error.h"
#include "palpate-store-health.h"
#include "palpate-store-private.h"
#include "palpate-test-utils.h"

#define PAGE_SIZE 4096

static gint64
page_count (PalpateStore *store)
{
  sqlite3_stmt *stmt = palpate_store_prepare (store, "PRAGMA page_count", NULL);
  gint64 count;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/* A clinic of some clients in a WAL file, as the app leaves it; returns how many pages the
 * empty schema took, so that the pages after them hold only the clients. */
static gint64
make_clinic (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
  gint64 schema_pages;

  g_assert_no_error (error);
  schema_pages = page_count (store);
  for (int i = 0; i < 200; i++)
    {
      g_autoptr(PalpateClient) client = palpate_client_new ();
      g_autofree char *name = g_strdup_printf ("Client %d, whose name fills a row of its own", i);

      palpate_client_set_name (client, name);
      g_assert_true (palpate_store_save_client (store, client, &error));
      g_assert_no_error (error);
    }
  g_assert_true (palpate_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_assert_cmpint (page_count (store), >, schema_pages + 4);

  return schema_pages;
}

static void
async_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static guint
count_daily_backups (const char *clinic_path)
{
  g_autofree char *folder = palpate_backup_dup_folder (clinic_path);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, "-daily-") != NULL && g_str_has_suffix (name, ".sqlite3"))
      n++;

  return n;
}

static void
test_health_damage_found_after_open (void)
{
  g_autofree char *tmpdir = palpate_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "clinic.sqlite3", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 schema_pages = make_clinic (path);
  gsize length = 0;

  /* Scribble over the clients' pages only: the header and the schema stay readable. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize page = schema_pages * PAGE_SIZE; page + PAGE_SIZE <= length; page += PAGE_SIZE)
    memset (contents + page + 8, 0x5a, 600);
  g_assert_true (g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE,
                                           0600, NULL));

  /* Opening a file that needs no change does not read it whole: a report or the window's
   * first frame does not wait for the check. */
  store = palpate_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_false (palpate_store_get_created (store));

  g_assert_false (palpate_store_check_health (store, NULL, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));

  /* A damaged file is never copied over the backups. */
  g_assert_cmpuint (count_daily_backups (path), ==, 0);

  g_clear_object (&store);
  palpate_test_remove_tree (tmpdir);
}

static void
test_health_damage_refused_before_change (void)
{
  g_autofree char *tmpdir = palpate_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "clinic.sqlite3", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 schema_pages = make_clinic (path);
  PalpateStore *store;
  gsize length = 0;

  /* A file that opening would change (here from an older journal back to WAL) is checked
   * first, so nothing is written to a damaged one. */
  {
    g_autoptr(PalpateStore) healthy = palpate_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (palpate_store_exec (healthy, "PRAGMA journal_mode = DELETE", &error));
  }
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize page = schema_pages * PAGE_SIZE; page + PAGE_SIZE <= length; page += PAGE_SIZE)
    memset (contents + page + 8, 0x5a, 600);
  g_assert_true (g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE,
                                           0600, NULL));

  store = palpate_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT);

  palpate_test_remove_tree (tmpdir);
}

static gint64
count_backup_events (PalpateStore *store)
{
  sqlite3_stmt *stmt = palpate_store_prepare (store, "SELECT count(*) FROM audit_log "
                                                     "WHERE action = 'backup'", NULL);
  gint64 count;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/* The backup's "audit-head" ("COUNT HASH") names an entry of the clinic's own chain. */
static void
assert_stamped_from (PalpateStore *store,
                     const char   *backup)
{
  g_auto(GStrv) parts = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (backup, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM clinic_settings "
                                           "WHERE key = 'audit-head'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  parts = g_strsplit ((const char *) sqlite3_column_text (stmt, 0), " ", 2);
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  g_assert_cmpuint (strlen (parts[1]), ==, 64);

  stmt = palpate_store_prepare (store, "SELECT hash FROM audit_log WHERE id = ?", NULL);
  sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (parts[0], NULL, 10));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, parts[1]);
  sqlite3_reset (stmt);
}

static void
test_health_daily_backup (void)
{
  g_autofree char *tmpdir = palpate_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "clinic.sqlite3", NULL);
  g_autofree char *folder = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 11, 23, 9, 0, 0);
  g_autoptr(GDateTime) next_day = g_date_time_add_days (day, 1);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  /* A new clinic holds nothing to keep: no backup. */
  {
    g_autoptr(PalpateStore) store = palpate_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (palpate_store_get_created (store));
    g_assert_true (palpate_store_check_health (store, day, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_daily_backups (path), ==, 0);
  }

  /* The next opening copies nothing by itself; the check makes the day's backup, once. */
  for (int run = 0; run < 2; run++)
    {
      g_autoptr(PalpateStore) store = palpate_store_open (path, &error);

      g_assert_no_error (error);
      g_assert_false (palpate_store_get_created (store));
      g_assert_cmpuint (count_daily_backups (path), ==, run);
      g_assert_true (palpate_store_check_health (store, day, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count_daily_backups (path), ==, 1);
    }

  folder = palpate_backup_dup_folder (path);
  backup = g_build_filename (folder, "clinic-daily-2026-11-23.sqlite3", NULL);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (palpate_backup_check_file (backup, &error));
  g_assert_no_error (error);

  /* In a worker thread, as the window runs it, while the store stays in use. */
  {
    g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
    g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(PalpateClient) client = palpate_client_new ();

    g_assert_no_error (error);
    palpate_store_check_health_async (store, next_day, NULL, async_result_cb,
                                      &result);
    palpate_client_set_name (client, "Added while the check runs");
    g_assert_true (palpate_store_save_client (store, client, &error));
    g_assert_no_error (error);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (palpate_store_check_health_finish (store, result, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_daily_backups (path), ==, 2);

    /* Audited like every backup: one "backup" entry in the clinic's log (the first check made
     * one too), a chain that still verifies, and in the copy the head of the chain it was made
     * from, an entry the clinic's log holds. */
    g_assert_cmpint (count_backup_events (store), ==, 2);
    g_assert_true (palpate_store_verify_audit (store, NULL, &error));
    g_assert_no_error (error);
    g_clear_pointer (&backup, g_free);
    backup = g_build_filename (folder, "clinic-daily-2026-11-24.sqlite3", NULL);
    assert_stamped_from (store, backup);
  }

  palpate_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/StoreHealth/damage-found-after-open",
                   test_health_damage_found_after_open);
  g_test_add_func ("/Palpate/StoreHealth/damage-refused-before-change",
                   test_health_damage_refused_before_change);
  g_test_add_func ("/Palpate/StoreHealth/daily-backup", test_health_daily_backup);

  return g_test_run ();
}
