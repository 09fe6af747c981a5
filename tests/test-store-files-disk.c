/* test-store-files-disk.c — the clinic's files on a full disk, reports that cannot be written,
 * backups onto themselves, an older program's file, out-of-range dates, broken text, and a
 * demo clinic that does not fit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "palpate-backup.h"
#include "palpate-store-files.h"
#include "palpate-store-health.h"
#include "test-store-files-private.h"

/* A full disk, for SQLite in this process: its writes to files whose path holds
 * full_fragment fail with ENOSPC. */
typedef ssize_t (*PwriteFunc) (int, const void *, size_t, off_t);
typedef ssize_t (*WriteFunc) (int, const void *, size_t);

static const char *full_fragment;
static sqlite3_syscall_ptr real_pwrite;
static sqlite3_syscall_ptr real_pwrite64;
static sqlite3_syscall_ptr real_write;

static gboolean
disk_is_full_for (int fd)
{
  g_autofree char *link = g_strdup_printf ("/proc/self/fd/%d", fd);
  g_autofree char *target = g_file_read_link (link, NULL);

  return full_fragment != NULL && target != NULL && strstr (target, full_fragment) != NULL;
}

static ssize_t
full_pwrite (int fd, const void *data, size_t n, off_t offset)
{
  if (disk_is_full_for (fd))
    {
      errno = ENOSPC;
      return -1;
    }
  return ((PwriteFunc) real_pwrite) (fd, data, n, offset);
}

static ssize_t
full_pwrite64 (int fd, const void *data, size_t n, off_t offset)
{
  if (disk_is_full_for (fd))
    {
      errno = ENOSPC;
      return -1;
    }
  return ((PwriteFunc) real_pwrite64) (fd, data, n, offset);
}

static ssize_t
full_write (int fd, const void *data, size_t n)
{
  if (disk_is_full_for (fd))
    {
      errno = ENOSPC;
      return -1;
    }
  return ((WriteFunc) real_write) (fd, data, n);
}

static void
fill_disk (const char *fragment)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);

  if (real_write == NULL)
    {
      real_pwrite = vfs->xGetSystemCall (vfs, "pwrite");
      real_pwrite64 = vfs->xGetSystemCall (vfs, "pwrite64");
      real_write = vfs->xGetSystemCall (vfs, "write");
      g_assert_nonnull (real_write);
      if (real_pwrite != NULL)
        vfs->xSetSystemCall (vfs, "pwrite", (sqlite3_syscall_ptr) full_pwrite);
      if (real_pwrite64 != NULL)
        vfs->xSetSystemCall (vfs, "pwrite64", (sqlite3_syscall_ptr) full_pwrite64);
      vfs->xSetSystemCall (vfs, "write", (sqlite3_syscall_ptr) full_write);
    }
  full_fragment = fragment;
}

/* Opening on a full disk says so, in words; a failed daily backup says that the backup
 * failed, not that a change was lost, and leaves nothing behind. */
static void
test_disk_full_messages (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backups = g_build_filename (fixture->tmpdir, "backups", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  PalpateStore *store;

  /* A clinic closed cleanly, without its shared memory file, and no backup of today. */
  g_assert_cmpint (raw_exec (fixture->path, "PRAGMA wal_checkpoint(TRUNCATE)"), ==, SQLITE_OK);
  remove_tree (backups);
  g_unlink (shm);

  fill_disk (fixture->tmpdir);
  store = palpate_store_open (fixture->path, &error);
  fill_disk (NULL);
  g_assert_null (store);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "The disk is full, so the clinic file"));
  g_assert_nonnull (strstr (error->message, "could not be opened"));
  g_assert_null (strstr (error->message, "disk I/O error"));
  g_clear_error (&error);

  /* The daily backup comes after opening, with the file's check (palpate-store-health.c). */
  store = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fill_disk ("/backups/");
  g_assert_false (palpate_store_check_health (store, NULL, &error));
  fill_disk (NULL);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message,
                                   "Today’s backup of the clinic could not be made."));
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_null (strstr (error->message, "change could not be saved"));
  g_assert_cmpuint (count_files (backups, ".part-"), ==, 0);
  g_assert_cmpuint (count_files (backups, "-journal"), ==, 0);
  g_assert_finalize_object (store);
}

/* A file whose version number was lowered by hand: a sentence, and no copy left behind by
 * each attempt. */
static void
test_lower_version (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *backups = g_build_filename (fixture->tmpdir, "backups", NULL);
  g_autofree char *stamp = g_strdup_printf ("PRAGMA user_version = %d",
                                            PALPATE_STORE_SCHEMA_VERSION - 1);

  g_assert_cmpint (raw_exec (fixture->path, stamp), ==, SQLITE_OK);
  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(GError) error = NULL;
      PalpateStore *store = palpate_store_open (fixture->path, &error);

      g_assert_null (store);
      g_assert_nonnull (error);
      if (strstr (error->message, "SQL") != NULL ||
          strstr (error->message, "could not be brought up to date") == NULL)
        g_error ("%s", error->message);
    }
  g_assert_cmpuint (count_files (backups, "-before-v"), ==, 0);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, PALPATE_STORE_SCHEMA_VERSION - 1);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

/* Reports that cannot be written say why, leave nothing, and those written are private. */
static void
test_report_write_errors (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *missing = g_build_filename (fixture->tmpdir, "Reprots", "r.pdf", NULL);
  g_autofree char *locked_dir = g_build_filename (fixture->tmpdir, "locked", NULL);
  g_autofree char *locked = g_build_filename (locked_dir, "r.pdf", NULL);
  g_autofree char *full_dir = g_build_filename (fixture->tmpdir, "full", NULL);
  g_autofree char *full = g_build_filename (full_dir, "r.pdf", NULL);
  g_autofree char *err = NULL;
  g_autofree char *client = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             count_rows (fixture->path, OLD_CLIENT_ID));
  GStatBuf st;
  int status;

  g_assert_cmpint (g_mkdir (locked_dir, 0555), ==, 0);
  g_assert_cmpint (g_mkdir (full_dir, 0700), ==, 0);
  g_assert_cmpint (g_chmod (fixture->path, 0644), ==, 0);
  g_assert_cmpint (raw_exec (fixture->path, "PRAGMA wal_checkpoint(TRUNCATE)"), ==, SQLITE_OK);

  {
    const char *args[] = { "report", "--database", fixture->path, "--client", client,
                           "--output", missing, NULL };

    status = run_palpate (args, NULL, NULL, &err);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "Reprots” does not exist, so the report"));
    g_clear_pointer (&err, g_free);
  }

  {
    const char *args[] = { "report", "--database", fixture->path, "--client", client,
                           "--output", locked, NULL };

    status = run_palpate_full (args, NULL, TRUE, NULL, &err);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    if (strstr (err, "You may not write in the folder") == NULL)
      g_error ("%s", err);
    g_assert_cmpuint (count_files (locked_dir, ""), ==, 0);
    g_clear_pointer (&err, g_free);
  }

  {
    const char *args[] = { "report", "--database", fixture->path, "--client", client,
                           "--output", full, NULL };

    status = run_palpate_on_small_disk (args, 8192, &err);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    if (strstr (err, "The disk is full, so the report") == NULL ||
        strstr (err, "output stream") != NULL)
      g_error ("%s", err);
    g_assert_cmpuint (count_files (full_dir, ""), ==, 0);
    g_clear_pointer (&err, g_free);

    status = run_palpate (args, NULL, NULL, &err);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpint (g_stat (full, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_cmpuint (count_files (full_dir, ""), ==, 1);
  }
}

/* --backup onto the clinic itself is refused, and the clinic keeps its records and its
 * write-ahead journal. */
static void
test_backup_onto_itself (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *err = NULL;
  g_autofree char *link = g_build_filename (fixture->tmpdir, "link.sqlite3", NULL);
  const char *targets[] = { fixture->path, link };

  g_assert_cmpint (symlink (fixture->path, link), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      const char *args[] = { "--database", fixture->path, "--backup", targets[i], NULL };
      int status = run_palpate (args, NULL, NULL, &err);

      g_assert_false (g_spawn_check_wait_status (status, NULL));
      g_assert_nonnull (strstr (err, "is the clinic file itself"));
      g_clear_pointer (&err, g_free);
    }

  g_assert_cmpint (count_rows (fixture->path, OLD_CLIENTS), ==, 52);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

/* A backup from the command line is in the clinic's audit log, under the copy's name. */
static void
test_backup_logged (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *copy = g_build_filename (fixture->tmpdir, "taken-away.sqlite3", NULL);
  const char *args[] = { "--database", fixture->path, "--backup", copy, NULL };
  int status = run_palpate (args, NULL, NULL, NULL);

  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM audit_log WHERE "
                                              "action = 'backup' AND detail = "
                                              "'taken-away.sqlite3'"), ==, 1);
}

/* Visits at times no calendar holds (a file edited by hand) are read, shown and reported
 * without GLib criticals, none dropped. */
static void
test_out_of_range_dates (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "dates.pdf", NULL);
  g_autofree char *month_dir = g_build_filename (fixture->tmpdir, "month", NULL);
  g_autofree char *err = NULL;
  gint64 client_id = count_rows (fixture->path, "SELECT min(id) FROM clients");
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO visits (client_id, started_at, pain_before) VALUES "
    "(%" G_GINT64_FORMAT ", 1764000000, 6), (%" G_GINT64_FORMAT ", 253402300800000, 5), "
    "(%" G_GINT64_FORMAT ", -70000000000, 4), (%" G_GINT64_FORMAT ", 9.9e300, 3)",
    client_id, client_id, client_id, client_id);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);

  g_assert_cmpint (raw_exec (fixture->path, sql), ==, SQLITE_OK);

  {
    g_autoptr(PalpateStore) store = palpate_store_open (fixture->path, &error);
    g_autoptr(GPtrArray) visits = palpate_store_list_visits (store, client_id, &error);
    g_autoptr(GArray) summaries = palpate_store_list_visit_summaries (store, client_id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (visits->len, ==, 4);
    g_assert_cmpuint (summaries->len, ==, 4);
    for (guint i = 0; i < visits->len; i++)
      g_assert_nonnull (palpate_visit_get_started_at (visits->pdata[i]));
  }

  {
    const char *client_args[] = { "report", "--database", fixture->path, "--client", id,
                                  "--output", pdf, NULL };
    const char *month_args[] = { "report", "--database", fixture->path, "--month", "2025-11",
                                 "--output-dir", month_dir, NULL };
    const char * const *runs[] = { client_args, month_args };

    g_setenv ("G_DEBUG", "gc-friendly,fatal-criticals,fatal-warnings", TRUE);
    for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
      {
        int status = run_palpate (runs[i], NULL, NULL, &err);

        if (!g_spawn_check_wait_status (status, NULL) || strstr (err, "CRITICAL") != NULL)
          g_error ("%s", err);
        g_clear_pointer (&err, g_free);
      }
    g_setenv ("G_DEBUG", "gc-friendly", TRUE);
  }
}

/* A name with a broken character, in the file or on the command line, never reaches the
 * terminal as invalid UTF-8. */
static void
test_invalid_utf8 (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "name.pdf", NULL);
  g_autofree char *month_dir = g_build_filename (fixture->tmpdir, "month", NULL);
  g_autofree char *broken_missing = g_build_filename (fixture->tmpdir, "clin\xf0ic.sqlite3",
                                                      NULL);
  const char *client_args[] = { "report", "--database", fixture->path, "--client",
                                "Zo\xc3\x28", "--output", pdf, NULL };
  const char *month_args[] = { "report", "--database", fixture->path, "--month", "2025-11",
                               "--output-dir", month_dir, NULL };
  const char *database_args[] = { "--database", broken_missing, "--verify-audit", NULL };
  const char * const *runs[] = { client_args, month_args, database_args };
  g_autofree char *sql = g_strdup_printf (
    "UPDATE clients SET name = CAST (X'4f6c6420f0' AS TEXT) WHERE name = 'Old 3';"
    "INSERT INTO visits (client_id, started_at, pain_before) "
    "SELECT id, 1764000000, 6 FROM clients WHERE name = CAST (X'4f6c6420f0' AS TEXT)");

  g_assert_cmpint (raw_exec (fixture->path, sql), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      run_palpate (runs[i], NULL, &out, &err);
      if (!g_utf8_validate (err, -1, NULL) || !g_utf8_validate (out, -1, NULL))
        g_error ("run %u printed invalid UTF-8: %s", i, err);
    }
}

/* --demo on a full disk says so truthfully and leaves nothing behind. */
static void
test_demo_disk_full (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *folder = g_build_filename (fixture->tmpdir, "demo", NULL);
  g_autofree char *demo = g_build_filename (folder, "demo.sqlite3", NULL);
  g_autofree char *err = NULL;
  const char *args[] = { "--demo", demo, NULL };
  int status;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  status = run_palpate_on_small_disk (args, 256 * 1024, &err);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  if (strstr (err, "The disk is full, so the demo clinic") == NULL ||
      strstr (err, "Nothing was left behind") == NULL ||
      strstr (err, "nothing already saved was lost") != NULL)
    g_error ("%s", err);
  g_assert_cmpuint (count_files (folder, ""), ==, 0);
  g_clear_pointer (&err, g_free);

  /* With room again, the next --demo is not refused by what the first one left. */
  status = run_palpate (args, NULL, NULL, &err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpuint (count_files (folder, ""), ==, 1);
  g_assert_cmpint (count_rows (demo, "SELECT count(*) FROM clients"), ==, 40);
}

void
test_store_files_add_disk_tests (void)
{
#define ADD(path, func) \
  g_test_add ("/Palpate/StoreFiles/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("disk-full-messages", test_disk_full_messages);
  ADD ("lower-version", test_lower_version);
  ADD ("report-write-errors", test_report_write_errors);
  ADD ("backup-onto-itself", test_backup_onto_itself);
  ADD ("backup-logged", test_backup_logged);
  ADD ("out-of-range-dates", test_out_of_range_dates);
  ADD ("invalid-utf8", test_invalid_utf8);
  ADD ("demo-disk-full", test_demo_disk_full);

#undef ADD
}
