/* test-store-crash.c — what is committed survives a crash and a full disk
 *
 * A child process (this program, re-run with --crash-child) writes visits and findings in a
 * loop and reports each committed id through a pipe; the test kills it with SIGKILL at random
 * moments, then checks the file and every reported id. The disk-full test runs a child under a
 * file size limit.
 *
 *   test-store-crash --rounds 1000     more kills than the suite's 200
 *
 * The same kills run against a clinic on the test's PostgreSQL server (PALPATE_TEST_POSTGRESQL,
 * skipped with the reason without it), half as many rounds: 100 in the suite.
 *
 * The demo and restore tests kill the real `palpate --demo` and `palpate --restore` at random
 * moments (--other-rounds N, 12 by default): afterwards there is no demo file or a whole one,
 * and the old clinic or the restored one, never none and never half of one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "palpate-store-files.h"
#include "palpate-store-private.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"

static guint rounds = 200;
static guint other_rounds = 12;

/* The children keep the clinic's audit key where the test does: in the test's own config
 * folder, which GLib does not put in the environment. */
static char **
dup_child_environ (void)
{
  return g_environ_setenv (g_get_environ (), "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
}

static PalpateVisit *
new_visit (gint64 client_id,
           int    n)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PalpateVisit *visit = palpate_visit_new ();

  palpate_visit_set_client_id (visit, client_id);
  palpate_visit_set_started_at (visit, now);
  palpate_visit_set_pain_before (visit, n % 11);
  palpate_visit_set_subjective (visit, "Low back pain after gardening, worse in the morning.");
  return visit;
}

/* The child: writes until it is killed, reporting "v ID" and "f ID" after each commit. */
static int
crash_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
  gint64 client_id;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  {
    g_autoptr(GPtrArray) clients = palpate_store_search_clients (store, NULL, 1, &error);
    client_id = palpate_client_get_id (clients->pdata[0]);
  }

  /* The parent times its kill from here, so that slow start-ups (sanitizers) still commit. */
  printf ("ready\n");
  fflush (stdout);

  for (int n = 0; ; n++)
    {
      g_autoptr(PalpateVisit) visit = new_visit (client_id, n);
      const PalpatePoint points[] = { { 100 + n % 50, 300 }, { 120, 320 }, { 110, 340 } };
      g_autoptr(PalpateFinding) finding = palpate_finding_new (PALPATE_FINDING_SPASM_ZONE,
                                                               PALPATE_VIEW_POSTERIOR, points, 3);

      if (!palpate_store_save_visit (store, visit, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("v %" G_GINT64_FORMAT "\n", palpate_visit_get_id (visit));
      fflush (stdout);

      palpate_finding_set_visit_id (finding, palpate_visit_get_id (visit));
      palpate_finding_set_region_id (finding, "erector-spinae-lumbar-left");
      if (!palpate_store_save_finding (store, finding, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("f %" G_GINT64_FORMAT "\n", palpate_finding_get_id (finding));
      fflush (stdout);
    }
}

/* Through the statement API of both back ends (palpate-db.h): a file or a server clinic. */
static gboolean
row_exists (PalpateStore *store,
            const char   *table,
            gint64        id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
  PalpateDbStatement *stmt = palpate_store_db_prepare (store, sql, &error);
  PalpateDbStep step;

  g_assert_no_error (error);
  palpate_db_bind_int64 (stmt, 1, id);
  step = palpate_db_step (stmt, &error);
  g_assert_no_error (error);
  palpate_db_reset (stmt);

  return step == PALPATE_DB_ROW;
}

/* Kills a child writing to the clinic at @location @n_rounds times; after each kill the clinic
 * opens, is whole (the file's integrity check; the audit chain on both) and holds every id the
 * child reported committed. */
static void
kill_loop (const char *location,
           gboolean    on_server,
           guint       n_rounds)
{
  g_autoptr(GRand) rand = g_rand_new ();
  g_auto(GStrv) child_environ = dup_child_environ ();
  guint total_ids = 0;
  guint n_writing = 0;
  gint64 n_entries = 0;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PalpateStore) store = palpate_store_open (location, &error);
    g_autoptr(PalpateClient) client = palpate_client_new ();

    g_assert_no_error (error);
    palpate_client_set_name (client, "Crash Test Client");
    g_assert_true (palpate_store_save_client (store, client, &error));
  }

  for (guint round = 0; round < n_rounds; round++)
    {
      const char *argv[] = { "/proc/self/exe", "--crash-child", location, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) output = g_string_new (NULL);
      g_autoptr(PalpateStore) store = NULL;
      g_auto(GStrv) lines = NULL;
      gint64 deadline;
      GPid pid;
      int out_fd;
      int status;
      char buffer[4096];
      ssize_t n;

      g_spawn_async_with_pipes (NULL, (char **) argv, child_environ, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL,
                                &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      /* One round in eight kills it anywhere while it opens the clinic; the others wait until
       * it has reported its first commit and kill it anywhere from there to dozens of commits
       * in, however busy the machine is. */
      if (round % 8 != 0)
        {
          const char *ready;

          while (((ready = strstr (output->str, "ready\n")) == NULL ||
                  strchr (ready + strlen ("ready\n"), '\n') == NULL) &&
                 (n = read (out_fd, buffer, sizeof buffer)) > 0)
            g_string_append_len (output, buffer, n);
          n_writing++;
        }
      deadline = g_get_monotonic_time () + g_rand_int_range (rand, 1000, 40000);
      while (g_get_monotonic_time () < deadline)
        g_usleep (200);
      kill (pid, SIGKILL);

      while ((n = read (out_fd, buffer, sizeof buffer)) > 0)
        g_string_append_len (output, buffer, n);
      close (out_fd);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status));

      store = palpate_store_open (location, &error);
      g_assert_no_error (error);
      /* A server has no file to check: its own storage is the server's; the chain is ours. */
      if (!on_server)
        {
          g_assert_true (palpate_store_check_integrity (store, &error));
          g_assert_no_error (error);
        }
      if (!palpate_store_verify_audit (store, &n_entries, &error))
        g_error ("round %u: the audit chain does not verify: %s", round, error->message);

      lines = g_strsplit (output->str, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          gint64 id;

          /* Only complete lines were reported as committed. */
          if (lines[i + 1] == NULL || strlen (lines[i]) < 3 || g_str_equal (lines[i], "ready"))
            continue;

          id = g_ascii_strtoll (lines[i] + 2, NULL, 10);
          if (!row_exists (store, lines[i][0] == 'v' ? "visits" : "findings", id))
            g_error ("round %u: committed %s is missing", round, lines[i]);
          total_ids++;
        }
    }

  g_test_message ("%u kills, %u committed ids checked, %" G_GINT64_FORMAT " audit entries "
                  "verified", n_rounds, total_ids, n_entries);
  /* Every round killed while writing had at least its first commit reported, and found. */
  g_assert_cmpuint (total_ids, >=, n_writing);
  g_assert_cmpuint (n_writing, >=, n_rounds * 7 / 8);
}

static void
test_store_crash_kill_loop (void)
{
  g_autofree char *tmpdir = g_dir_make_tmp ("palpate-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "clinic.sqlite3", NULL);

  kill_loop (path, FALSE, rounds);
  g_remove (path);
}

/* The same kills against a clinic on the test's PostgreSQL server: what a room was told is
 * committed is on the server, whatever moment the room's program dies at. Half the file's
 * rounds: each child opens a session on the server. */
static void
test_store_crash_server_kill_loop (void)
{
  g_autofree char *conninfo = palpate_test_server_new_database ();
  g_autofree char *location = NULL;

  if (conninfo == NULL)
    return;  /* skipped, with the reason */
  location = palpate_test_store_server_location (conninfo);
  kill_loop (location, TRUE, MAX (rounds / 2, 1));
  palpate_test_server_drop_database (conninfo);
}

/* The child: writes big notes under a file size limit until the disk is "full". */
static int
disk_full_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
  g_autoptr(GString) note = g_string_new (NULL);
  struct rlimit limit;
  GStatBuf st;
  gint64 client_id;
  int committed = 0;

  if (store == NULL)
    return 10;

  {
    g_autoptr(GPtrArray) clients = palpate_store_search_clients (store, NULL, 1, &error);
    client_id = palpate_client_get_id (clients->pdata[0]);
  }

  for (int i = 0; i < 4000; i++)
    g_string_append (note, "Tenderness over the left quadratus lumborum. ");

  /* Writing past the limit must fail the write, not kill the process. */
  signal (SIGXFSZ, SIG_IGN);
  g_stat (path, &st);
  limit.rlim_cur = st.st_size + 1024 * 1024;
  limit.rlim_max = RLIM_INFINITY;
  setrlimit (RLIMIT_FSIZE, &limit);

  for (int n = 0; n < 1000; n++)
    {
      g_autoptr(PalpateVisit) visit = new_visit (client_id, n);

      palpate_visit_set_objective (visit, note->str);
      if (!palpate_store_save_visit (store, visit, &error))
        break;
      committed++;
    }

  if (!g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL))
    {
      g_printerr ("expected the disk-full error, got: %s\n", error ? error->message : "none");
      return 11;
    }
  printf ("%s\n", error->message);
  g_clear_error (&error);

  /* Still usable: it reads, and once there is room again, it writes. */
  {
    g_autoptr(GArray) visits = palpate_store_list_visit_summaries (store, client_id, &error);
    g_autoptr(PalpateVisit) visit = new_visit (client_id, 0);

    if (visits == NULL || (int) visits->len != committed)
      return 12;

    limit.rlim_cur = RLIM_INFINITY;
    setrlimit (RLIMIT_FSIZE, &limit);
    if (!palpate_store_save_visit (store, visit, &error))
      {
        g_printerr ("no write after the disk was freed: %s\n", error->message);
        return 13;
      }
    committed++;
  }

  printf ("%d\n", committed);
  return 0;
}

static void
test_store_crash_disk_full (void)
{
  g_autofree char *tmpdir = g_dir_make_tmp ("palpate-full-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "clinic.sqlite3", NULL);
  const char *argv[] = { "/proc/self/exe", "--disk-full-child", path, NULL };
  g_auto(GStrv) child_environ = dup_child_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;

  {
    g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
    g_autoptr(PalpateClient) client = palpate_client_new ();

    g_assert_no_error (error);
    palpate_client_set_name (client, "Disk Full Client");
    g_assert_true (palpate_store_save_client (store, client, &error));
  }

  g_spawn_sync (NULL, (char **) argv, child_environ, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the child failed (%d): %s", status, err);

  lines = g_strsplit (out, "\n", -1);
  g_assert_nonnull (strstr (lines[0], "disk"));
  g_assert_nonnull (strstr (lines[0], "nothing already saved was lost"));

  /* Everything the child saw committed is in the file, and it is healthy. */
  {
    g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
    g_autoptr(GPtrArray) clients = palpate_store_search_clients (store, NULL, 1, &error);
    g_autoptr(GArray) visits = NULL;

    g_assert_no_error (error);
    g_assert_true (palpate_store_check_integrity (store, &error));
    visits = palpate_store_list_visit_summaries (store, palpate_client_get_id (clients->pdata[0]),
                                                 &error);
    g_assert_cmpint ((int) visits->len, ==, atoi (lines[1]));
    g_assert_cmpint ((int) visits->len, >, 1);
  }
}

/* Spawns palpate with @args and kills it after a random moment up to @max_us, unless it is
 * done first; returns how long it ran, negative when it was killed. */
static gint64
kill_palpate (const char * const *args,
              GRand              *rand,
              int                 max_us)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = dup_child_environ ();
  gint64 start = g_get_monotonic_time ();
  gint64 deadline;
  GPid pid;
  int status;
  int rc;

  g_ptr_array_add (argv, (char *) PALPATE_EXE);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_async (NULL, (char **) argv->pdata, envp,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                 G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  deadline = start + g_rand_int_range (rand, 0, max_us);
  while ((rc = waitpid (pid, &status, WNOHANG)) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (200);
  if (rc == 0)
    {
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
    }
  g_spawn_close_pid (pid);

  if (WIFSIGNALED (status))
    return -1;
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_get_monotonic_time () - start;
}

static gint64
count_clients_named (const char *path,
                     const char *pattern)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open_full (path, PALPATE_STORE_OPEN_DEFAULT,
                                                           &error);
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_no_error (error);
  g_assert_true (palpate_store_check_integrity (store, &error));
  stmt = palpate_store_prepare (store, "SELECT count(*) FROM clients WHERE name LIKE ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/* --demo killed anywhere: no file, or a whole demo clinic; never an empty one that the next
 * --demo refuses. */
static void
test_store_crash_demo (void)
{
  g_autofree char *tmpdir = g_dir_make_tmp ("palpate-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "demo.sqlite3", NULL);
  const char *args[] = { "--demo", path, NULL };
  g_autoptr(GRand) rand = g_rand_new ();
  guint n_killed = 0;
  guint n_whole = 0;
  gint64 duration;

  /* One run undisturbed tells how long a run takes: the kills fall within it. */
  duration = kill_palpate (args, rand, G_MAXINT);
  g_assert_cmpint (duration, >, 0);
  palpate_store_files_remove (path);

  for (guint round = 0; round < other_rounds; round++)
    {
      if (kill_palpate (args, rand, (int) (duration * 13 / 10)) < 0)
        n_killed++;

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_assert_cmpint (count_clients_named (path, "%"), ==, 40);
          n_whole++;
          palpate_store_files_remove (path);
        }
    }

  /* What the killed ones left is removed by the next one, which succeeds. */
  {
    g_autofree char *out = NULL;
    int status;
    const char *argv[] = { PALPATE_EXE, "--demo", path, NULL };

    g_auto(GStrv) envp = dup_child_environ ();

    palpate_store_files_remove (path);
    g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                  NULL, &status, NULL);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpint (count_clients_named (path, "%"), ==, 40);
  }
  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      if (strstr (name, ".part-") != NULL || strstr (name, ".new-") != NULL)
        g_error ("left behind: %s", name);
  }

  g_test_message ("%u --demo runs, %u killed, %u whole demo clinics", other_rounds, n_killed,
                  n_whole);
}

static void
write_clinic (const char *path,
              const char *prefix,
              int         n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
  g_autofree char *sql = g_strdup_printf (
    "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %d) "
    "INSERT INTO clients (name, goals, created_at) "
    "SELECT '%s ' || i, printf ('%%.*c', 1000, 'g'), 0 FROM n", n, prefix);

  g_assert_no_error (error);
  g_assert_true (palpate_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

/* --restore killed anywhere: the clinic is the old one or the restored one, whole. */
static void
test_store_crash_restore (void)
{
  g_autofree char *tmpdir = g_dir_make_tmp ("palpate-restore-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "clinic.sqlite3", NULL);
  g_autofree char *backup_a = g_build_filename (tmpdir, "a.sqlite3", NULL);
  g_autofree char *backup_b = g_build_filename (tmpdir, "b.sqlite3", NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  gboolean is_a = TRUE;
  guint n_killed = 0;
  guint n_restored = 0;
  gint64 duration = 0;

  write_clinic (backup_a, "A", 800);
  write_clinic (backup_b, "B", 1200);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PalpateStore) store = palpate_store_open (backup_a, &error);

    g_assert_true (palpate_store_backup_to (store, path, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  }

  for (guint round = 0; round < other_rounds; round++)
    {
      const char *args[] = { "--database", path, "--restore", is_a ? backup_b : backup_a,
                             NULL };
      gint64 a;
      gint64 b;

      /* The first round runs undisturbed and tells how long a restore takes. */
      gint64 ran = kill_palpate (args, rand, round == 0 ? G_MAXINT : (int) (duration * 13 / 10));

      if (round == 0)
        duration = ran;
      if (ran < 0)
        n_killed++;

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      a = count_clients_named (path, "A %");
      b = count_clients_named (path, "B %");
      if (!((a == 800 && b == 0) || (a == 0 && b == 1200)))
        g_error ("round %u: %" G_GINT64_FORMAT " A and %" G_GINT64_FORMAT " B clients", round,
                 a, b);
      if ((a == 800) != is_a)
        n_restored++;
      is_a = a == 800;
    }

  g_test_message ("%u restores, %u killed, %u restored", other_rounds, n_killed, n_restored);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--crash-child"))
    return crash_child (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "--disk-full-child"))
    return disk_full_child (argv[2]);

  for (int i = 1; i < argc - 1; i++)
    if (g_str_equal (argv[i], "--rounds"))
      {
        rounds = (guint) g_ascii_strtoull (argv[i + 1], NULL, 10);
        argv[i] = argv[i + 1] = (char *) "";
      }
    else if (g_str_equal (argv[i], "--other-rounds"))
      {
        other_rounds = (guint) g_ascii_strtoull (argv[i + 1], NULL, 10);
        argv[i] = argv[i + 1] = (char *) "";
      }

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/StoreCrash/kill-loop", test_store_crash_kill_loop);
  g_test_add_func ("/Palpate/StoreCrash/server-kill-loop", test_store_crash_server_kill_loop);
  g_test_add_func ("/Palpate/StoreCrash/disk-full", test_store_crash_disk_full);
  g_test_add_func ("/Palpate/StoreCrash/demo-killed", test_store_crash_demo);
  g_test_add_func ("/Palpate/StoreCrash/restore-killed", test_store_crash_restore);

  return g_test_run ();
}
