/* test-store-files.c — the clinic's files under bad luck: restores killed at every step, a
 * mistyped --database, read-only files and folders, the PIN; full disks, write errors and
 * unreadable values are in test-store-files-disk.c
 *
 * Most cases run the real `palpate` program on real files, as a therapist would, and look at
 * the files afterwards. A kill is injected at a named step with PALPATE_TEST_FAIL_AT; a full
 * disk by making SQLite's writes fail with ENOSPC (sqlite3_vfs.xSetSystemCall).
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
#include "palpate-store-private.h"
#include "test-store-files-private.h"

/* Running as root (as CI does), permissions do not stop anything: the read-only cases then
 * run the program as this user. */
#define NOBODY_UID 65534
#define NOBODY_GID 65534

int
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 2000);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  sqlite3_close (db);

  return rc;
}

/* Writes SQL that stays in the write-ahead log: committed, never checkpointed into the file. */
static void
commit_into_wal (const char *path,
                 const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

gint64
count_rows (const char *path,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open_full (path, PALPATE_STORE_OPEN_READ_ONLY,
                                                           &error);
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_no_error (error);
  stmt = palpate_store_prepare (store, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/* @n clients named "@prefix N" in one transaction, as another program would write them. */
static void
add_clients (const char *path,
             const char *prefix,
             int         n)
{
  g_autofree char *sql = g_strdup_printf (
    "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %d) "
    "INSERT INTO clients (name, goals, created_at) "
    "SELECT '%s ' || i, printf ('%%.*c', 1000, 'g'), 0 FROM n", n, prefix);

  g_assert_cmpint (raw_exec (path, sql), ==, SQLITE_OK);
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp ("palpate-files-XXXXXX", &error);
  g_assert_no_error (error);
  g_chmod (fixture->tmpdir, 0755);
  fixture->path = g_build_filename (fixture->tmpdir, "clinic.sqlite3", NULL);
  fixture->backup = g_build_filename (fixture->tmpdir, "kept.sqlite3", NULL);

  /* The backup holds "Backup" clients, enough pages for a copy of several steps. */
  {
    g_autoptr(PalpateStore) store = palpate_store_open (fixture->path, &error);

    g_assert_no_error (error);
    add_clients (fixture->path, "Backup", 600);
    g_assert_true (palpate_store_backup_to (store, fixture->backup, &error));
    g_assert_no_error (error);
  }
  raw_exec (fixture->path, "DELETE FROM clients");

  /* The clinic holds "Old" clients, the last ones only in its write-ahead log. */
  add_clients (fixture->path, "Old", 50);
  commit_into_wal (fixture->path,
                   "INSERT INTO clients (name, created_at) VALUES ('Old in WAL 1', 0);"
                   "INSERT INTO clients (name, created_at) VALUES ('Old in WAL 2', 0);");
}

void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_chmod (child, 0700);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
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
  g_chmod (fixture->tmpdir, 0700);
  remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_free (fixture->path);
  g_free (fixture->backup);
}

static void
become_nobody_cb (gpointer user_data)
{
  if (getuid () == 0 && GPOINTER_TO_INT (user_data))
    {
      if (setgid (NOBODY_GID) != 0 || setuid (NOBODY_UID) != 0)
        _exit (99);
    }
}

/* Runs the child with a file size limit: a disk that is full after @user_data bytes. */
static void
small_disk_cb (gpointer user_data)
{
  struct rlimit limit = { GPOINTER_TO_SIZE (user_data), RLIM_INFINITY };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

int
run_palpate_on_small_disk (const char * const  *args,
                           gsize                bytes,
                           char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_CONFIG_HOME",
                                         g_get_user_config_dir (), TRUE);
  int status = -1;

  g_ptr_array_add (argv, (char *) PALPATE_EXE);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, small_disk_cb,
                GSIZE_TO_POINTER (bytes), &out, err, &status, &error);
  g_assert_no_error (error);

  return status;
}

/* A config folder that the user "nobody" may read, holding copies of the clinics' audit keys:
 * a child run as nobody reads its own, as a second user of the computer would. */
static char *
dup_config_for_nobody (void)
{
  g_autofree char *keys = g_build_filename (g_get_user_config_dir (), "palpate", "clinics", NULL);
  char *config = g_dir_make_tmp ("palpate-nobody-XXXXXX", NULL);
  g_autofree char *copies = g_build_filename (config, "palpate", "clinics", NULL);
  g_autoptr(GDir) dir = g_dir_open (keys, 0, NULL);
  const char *name;

  g_assert_cmpint (g_mkdir_with_parents (copies, 0700), ==, 0);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (keys, name, NULL);
      g_autofree char *to = g_build_filename (copies, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
      g_assert_true (g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_NONE,
                                               0600, NULL));
      g_assert_cmpint (chown (to, NOBODY_UID, NOBODY_GID), ==, 0);
    }

  for (char *p = copies; strlen (p) >= strlen (config); )
    {
      g_assert_cmpint (chown (p, NOBODY_UID, NOBODY_GID), ==, 0);
      if (strcmp (p, config) == 0)
        break;
      *strrchr (p, '/') = '\0';
    }

  return config;
}

/* Runs palpate with @args; returns its wait status. */
int
run_palpate_full (const char * const  *args,
                  const char          *fail_at,
                  gboolean             as_nobody,
                  char               **out,
                  char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ignored_out = NULL;
  g_autofree char *ignored_err = NULL;
  g_autofree char *nobody_config = NULL;
  int status = -1;

  /* Their output is kept from the test's own (TAP) output. */
  if (out == NULL)
    out = &ignored_out;
  if (err == NULL)
    err = &ignored_err;

  g_ptr_array_add (argv, (char *) PALPATE_EXE);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DBUS_SESSION_BUS_ADDRESS");
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  /* The clinic's audit key is kept in the config folder: the test's own, or a copy of it for
   * nobody. */
  if (as_nobody && getuid () == 0)
    {
      nobody_config = dup_config_for_nobody ();
      envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", nobody_config, TRUE);
    }
  else
    envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  if (fail_at != NULL)
    envp = g_environ_setenv (envp, "PALPATE_TEST_FAIL_AT", fail_at, TRUE);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, become_nobody_cb,
                GINT_TO_POINTER (as_nobody), out, err, &status, &error);
  g_assert_no_error (error);
  if (nobody_config != NULL)
    remove_tree (nobody_config);

  return status;
}

int
run_palpate (const char * const  *args,
             const char          *fail_at,
             char               **out,
             char               **err)
{
  return run_palpate_full (args, fail_at, FALSE, out, err);
}

guint
count_files (const char *folder,
             const char *fragment)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, fragment) != NULL)
      n++;

  return n;
}

static char *
find_file (const char *folder,
           const char *fragment)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, fragment) != NULL && g_str_has_suffix (name, ".sqlite3"))
      return g_build_filename (folder, name, NULL);

  return NULL;
}

/* A kill at each step of a restore leaves the clinic as it was (every committed row, those in
 * its write-ahead log too) or the backup, never no clinic; the copy kept of it is whole. */
static void
test_restore_killed_at_each_step (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  static const struct { const char *step; gboolean restored; } steps[] = {
    { "restore-locked", FALSE },
    { "backup-written", FALSE },
    { "restore-kept", FALSE },
    { "restore-copy", FALSE },
    { "restore-copied", TRUE },
    { NULL, TRUE },
  };
  g_autofree char *backups = g_build_filename (fixture->tmpdir, "backups", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      const char *args[] = { "--database", fixture->path, "--restore", fixture->backup, NULL };
      g_autofree char *err = NULL;
      g_autofree char *kept = NULL;
      int status;

      status = run_palpate (args, steps[i].step, NULL, &err);
      if (steps[i].step != NULL)
        {
          if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
            g_error ("%s: the restore was not killed there (%d): %s", steps[i].step, status, err);
        }
      else
        g_assert_true (g_spawn_check_wait_status (status, NULL));

      /* There is a clinic, healthy, and it is one or the other, whole. */
      g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
      if (steps[i].restored)
        {
          g_assert_cmpint (count_rows (fixture->path, OLD_CLIENTS), ==, 0);
          g_assert_cmpint (count_rows (fixture->path, BACKUP_CLIENTS), ==, 600);
        }
      else
        {
          g_assert_cmpint (count_rows (fixture->path, OLD_CLIENTS), ==, 52);
          g_assert_cmpint (count_rows (fixture->path, BACKUP_CLIENTS), ==, 0);
        }

      /* The copy kept of the clinic, once there is one, has every row it had. */
      kept = find_file (backups, "before-restore");
      if (i >= 2)
        {
          g_assert_nonnull (kept);
          g_assert_cmpint (count_rows (kept, OLD_CLIENTS), ==, 52);
        }
      else
        g_assert_null (kept);
      if (kept != NULL)
        palpate_store_files_remove (kept);

      /* Back to the old clinic for the next step. */
      if (steps[i].restored)
        {
          raw_exec (fixture->path, "DELETE FROM clients");
          add_clients (fixture->path, "Old", 50);
          commit_into_wal (fixture->path,
                           "INSERT INTO clients (name, created_at) VALUES ('Old in WAL 1', 0);"
                           "INSERT INTO clients (name, created_at) VALUES ('Old in WAL 2', 0);");
        }
    }

  /* What the killed restores left behind is gone once a restore has run. */
  g_assert_cmpuint (count_files (backups, ".part-"), ==, 0);
  g_assert_cmpuint (count_files (fixture->tmpdir, ".part-"), ==, 0);
}

/* A restore in the window's process and one from the command line: refused while a Palpate
 * has the clinic open; two in the same second keep two copies. */
static void
test_restore_refused_while_open (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *args[] = { "--database", fixture->path, "--restore", fixture->backup, NULL };

  {
    g_autoptr(PalpateStore) open = palpate_store_open (fixture->path, &error);
    int status;

    g_assert_no_error (error);
    status = run_palpate (args, NULL, NULL, &err);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "Palpate has the clinic"));
    g_assert_nonnull (strstr (err, "open. Close its window first; nothing was changed."));
    g_assert_cmpint (count_rows (fixture->path, OLD_CLIENTS), ==, 52);
  }

  g_assert_true (palpate_backup_restore (fixture->backup, fixture->path, &first, &error));
  g_assert_no_error (error);
  g_assert_true (palpate_backup_restore (fixture->backup, fixture->path, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);
  g_assert_cmpint (count_rows (first, OLD_CLIENTS), ==, 52);
  g_assert_cmpint (count_rows (second, BACKUP_CLIENTS), ==, 600);
}

/* A backup that a newer Palpate made is refused, and the clinic stays as it is. */
static void
test_restore_refuses_newer (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stamp = g_strdup_printf ("PRAGMA user_version = %d",
                                            PALPATE_STORE_SCHEMA_VERSION + 1);

  g_assert_cmpint (raw_exec (fixture->backup, stamp), ==, SQLITE_OK);
  g_assert_false (palpate_backup_restore (fixture->backup, fixture->path, NULL, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Palpate"));
  g_assert_cmpint (count_rows (fixture->path, OLD_CLIENTS), ==, 52);
}

/* On a new computer, the default clinic is made from a backup. */
static void
test_restore_on_new_computer (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *clinic = g_build_filename (g_get_user_data_dir (), "palpate", "clinic.sqlite3",
                                              NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *args[] = { "--restore", fixture->backup, NULL };
  int status;

  g_assert_false (g_file_test (clinic, G_FILE_TEST_EXISTS));
  status = run_palpate (args, NULL, &out, &err);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s", err);
  g_assert_true (g_str_has_prefix (out, "Restored “"));
  g_assert_cmpint (count_rows (clinic, BACKUP_CLIENTS), ==, 600);
}

/* A mistyped --database is refused by every task and creates nothing. */
static void
test_missing_database (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *missing = g_build_filename (fixture->tmpdir, "clinc.sqlite3", NULL);
  g_autofree char *no_folder = g_build_filename (fixture->tmpdir, "Clinic", "clinic.sqlite3",
                                                 NULL);
  g_autofree char *copy = g_build_filename (fixture->tmpdir, "copy.sqlite3", NULL);
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "report.pdf", NULL);
  const char *paths[] = { missing, no_folder };

  for (guint p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      const char *tasks[][8] = {
        { "--database", paths[p], "--verify-audit", NULL },
        { "--database", paths[p], "--backup", copy, NULL },
        { "--database", paths[p], "--restore", fixture->backup, NULL },
        { "report", "--database", paths[p], "--client", "1", "--output", pdf, NULL },
        { "--database", paths[p], NULL },
      };

      for (guint t = 0; t < G_N_ELEMENTS (tasks); t++)
        {
          g_autofree char *err = NULL;
          int status = run_palpate (tasks[t], NULL, NULL, &err);

          if (g_spawn_check_wait_status (status, NULL) || strstr (err, "There is no") == NULL ||
              strstr (err, "nothing was") == NULL)
            g_error ("%s %s: %s", paths[p], tasks[t][2], err);
          g_assert_false (g_file_test (paths[p], G_FILE_TEST_EXISTS));
          g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
        }
    }

  {
    g_autofree char *folder = g_path_get_dirname (no_folder);

    g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  }
}

/* Reading tasks work on a read-only file, in a read-only folder and while another program
 * holds the write lock, and change nothing. */
static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *folder = g_build_filename (fixture->tmpdir, "shelf", NULL);
  g_autofree char *clinic = g_build_filename (folder, "clinic.sqlite3", NULL);
  g_autofree char *out_dir = g_build_filename (fixture->tmpdir, "out", NULL);
  g_autofree char *copy = g_build_filename (out_dir, "copy.sqlite3", NULL);
  g_autofree char *pdf = g_build_filename (out_dir, "report.pdf", NULL);
  const char *modes[] = { "read-only file", "read-only folder", "write lock held" };
  g_autofree char *client = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             count_rows (fixture->path, OLD_CLIENT_ID));

  /* A checkpointed clinic (no write-ahead log), readable by anyone. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (out_dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (out_dir, 0777), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *contents = NULL;
    gsize length;

    /* The clinic itself, moved: its audit log as long as this computer last saw it (a backup
     * would hold one entry fewer than the log that recorded it, and fail the check for a log
     * cut short). */
    g_assert_cmpint (raw_exec (fixture->path, "PRAGMA wal_checkpoint(TRUNCATE)"), ==, SQLITE_OK);
    g_assert_true (g_file_get_contents (fixture->path, &contents, &length, &error));
    g_assert_true (g_file_set_contents (clinic, contents, length, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (raw_exec (clinic, "PRAGMA journal_mode = WAL"), ==, SQLITE_OK);
  g_assert_cmpint (g_chmod (clinic, 0644), ==, 0);
  if (getuid () == 0)
    {
      g_assert_cmpint (chown (folder, NOBODY_UID, NOBODY_GID), ==, 0);
      g_assert_cmpint (chown (clinic, NOBODY_UID, NOBODY_GID), ==, 0);
    }

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      const char *tasks[][8] = {
        { "--database", clinic, "--verify-audit", NULL },
        { "--database", clinic, "--backup", copy, NULL },
        { "report", "--database", clinic, "--client", client, "--output", pdf, NULL },
      };
      sqlite3 *writer = NULL;
      g_autofree char *before = NULL;
      guint n_files;

      g_chmod (clinic, m == 0 ? 0444 : 0644);
      g_chmod (folder, m == 1 ? 0555 : 0755);
      if (m == 2)
        {
          g_assert_cmpint (sqlite3_open (clinic, &writer), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_exec (writer, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==,
                           SQLITE_OK);
        }
      g_assert_true (g_file_get_contents (clinic, &before, NULL, NULL));
      n_files = count_files (folder, "");

      for (guint t = 0; t < G_N_ELEMENTS (tasks); t++)
        {
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;
          int status = run_palpate_full (tasks[t], NULL, m < 2, &out, &err);

          if (!g_spawn_check_wait_status (status, NULL))
            g_error ("%s, %s: %s", modes[m], tasks[t][2], err);
          g_unlink (copy);
          g_unlink (pdf);
        }

      if (writer != NULL)
        {
          sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL);
          sqlite3_close (writer);
        }

      /* Nothing was written: not the file, and nothing beside it in a read-only folder. */
      {
        g_autofree char *after = NULL;

        g_assert_true (g_file_get_contents (clinic, &after, NULL, NULL));
        g_assert_true (memcmp (before, after, 4096) == 0);
      }
      if (m == 1)
        g_assert_cmpuint (count_files (folder, ""), ==, n_files);
    }

  g_chmod (folder, 0755);
}

static gint64
count_audit (PalpateStore *store,
             const char   *action)
{
  sqlite3_stmt *stmt = palpate_store_prepare (store,
                                              "SELECT count(*) FROM audit_log WHERE action = ?",
                                              NULL);
  gint64 n;

  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/* At least six digits; wrong tries wait longer and longer, then lock; each is logged without
 * the PIN; the count survives a restart; editing the file does not remove or replace it. */
static void
test_pin (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (fixture->path, &error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_no_error (error);

  g_assert_false (palpate_store_set_pin (store, "4321", &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A PIN is 6 to 12 digits.");
  g_clear_error (&error);
  g_assert_false (palpate_store_has_pin (store));
  g_assert_true (palpate_store_set_pin (store, "824613", &error));
  g_assert_no_error (error);

  /* Two slips cost nothing; the third wrong try makes the next one wait, even the right one. */
  for (int i = 0; i < 2; i++)
    {
      g_assert_false (palpate_store_try_pin_at (store, "111111", now, &error));
      g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_false (palpate_store_try_pin_at (store, "111111", now, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT);
  g_assert_nonnull (strstr (error->message, "Wait 1 second"));
  g_clear_error (&error);
  g_assert_false (palpate_store_try_pin_at (store, "824613", now, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT);
  g_clear_error (&error);

  /* The wait holds after a restart, and it grows. */
  g_clear_object (&store);
  store = palpate_store_open (fixture->path, &error);
  g_assert_false (palpate_store_try_pin_at (store, "222222", now + 1, &error));
  g_assert_nonnull (strstr (error->message, "Wait 2 seconds"));
  g_clear_error (&error);
  g_assert_true (palpate_store_try_pin_at (store, "824613", now + 3, &error));
  g_assert_no_error (error);

  /* Ten wrong tries in a row lock it for a quarter of an hour. */
  for (int i = 0; i < 10; i++)
    {
      now += 120;
      g_assert_false (palpate_store_try_pin_at (store, "333333", now, &error));
      g_clear_error (&error);
    }
  g_assert_false (palpate_store_try_pin_at (store, "824613", now + 60, &error));
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);
  g_assert_true (palpate_store_try_pin_at (store, "824613", now + 15 * 60, &error));

  /* Every wrong try is in the audit log, and no PIN is. */
  g_assert_cmpint (count_audit (store, "pin-failed") + count_audit (store, "pin-locked"), ==,
                   14);
  g_assert_cmpint (count_audit (store, "pin-locked"), ==, 1);
  {
    sqlite3_stmt *stmt = palpate_store_prepare (store,
                                                "SELECT count(*) FROM audit_log WHERE "
                                                "coalesce (detail, '') || entity || action "
                                                "GLOB '*[0-9][0-9][0-9][0-9][0-9][0-9]*'",
                                                NULL);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_reset (stmt);
  }
  g_clear_object (&store);

  /* Deleting the hash from the file, or putting a known one in, does not open the view. */
  g_assert_cmpint (raw_exec (fixture->path, "DELETE FROM clinic_settings WHERE key = 'pin-hash'"),
                   ==, SQLITE_OK);
  store = palpate_store_open (fixture->path, &error);
  g_assert_true (palpate_store_has_pin (store));
  g_assert_true (palpate_store_pin_was_removed (store));
  g_assert_false (palpate_store_check_pin (store, NULL));
  g_assert_false (palpate_store_check_pin (store, ""));
  g_assert_true (palpate_store_check_pin (store, "824613"));
  g_clear_object (&store);

  {
    g_autofree char *other = g_build_filename (fixture->tmpdir, "other.sqlite3", NULL);
    g_autoptr(PalpateStore) other_store = palpate_store_open (other, &error);
    g_autofree char *forged = NULL;
    g_autofree char *sql = NULL;

    g_assert_true (palpate_store_set_pin (other_store, "000000", &error));
    forged = palpate_store_dup_setting (other_store, "pin-hash");
    sql = g_strdup_printf ("INSERT INTO clinic_settings (key, value) VALUES ('pin-hash', '%s')",
                           forged);
    g_assert_cmpint (raw_exec (fixture->path, sql), ==, SQLITE_OK);
  }
  store = palpate_store_open (fixture->path, &error);
  g_assert_true (palpate_store_pin_was_removed (store));
  g_assert_false (palpate_store_check_pin (store, "000000"));
  g_assert_true (palpate_store_check_pin (store, "824613"));
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/Palpate/StoreFiles/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("restore-killed-at-each-step", test_restore_killed_at_each_step);
  ADD ("restore-refused-while-open", test_restore_refused_while_open);
  ADD ("restore-refuses-newer", test_restore_refuses_newer);
  ADD ("restore-on-new-computer", test_restore_on_new_computer);
  ADD ("missing-database", test_missing_database);
  ADD ("read-only", test_read_only);
  ADD ("pin", test_pin);
  test_store_files_add_disk_tests ();

#undef ADD

  return g_test_run ();
}
