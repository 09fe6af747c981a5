/* test-store-crash.c — what is committed survives a crash and a full disk
 *
 * A child process (this program, re-run with --crash-child) writes visits and findings in a
 * loop and reports each committed id through a pipe; the test kills it with SIGKILL at random
 * moments, then checks the file and every reported id. The disk-full test runs a child under a
 * file size limit.
 *
 *   test-store-crash --rounds 1000     more kills than the suite's 200
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

#include "palpate-store-private.h"

static guint rounds = 200;

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

static gboolean
row_exists (PalpateStore *store,
            const char   *table,
            gint64        id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
  sqlite3_stmt *stmt = palpate_store_prepare (store, sql, NULL);
  gboolean exists;

  sqlite3_bind_int64 (stmt, 1, id);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return exists;
}

static void
test_store_crash_kill_loop (void)
{
  g_autofree char *tmpdir = g_dir_make_tmp ("palpate-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "clinic.sqlite3", NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  g_auto(GStrv) child_environ = dup_child_environ ();
  guint total_ids = 0;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
    g_autoptr(PalpateClient) client = palpate_client_new ();

    g_assert_no_error (error);
    palpate_client_set_name (client, "Crash Test Client");
    g_assert_true (palpate_store_save_client (store, client, &error));
  }

  for (guint round = 0; round < rounds; round++)
    {
      const char *argv[] = { "/proc/self/exe", "--crash-child", path, NULL };
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

      /* One round in eight kills it anywhere while it opens the file; the others wait until
       * it is writing and kill it anywhere from its first commit to dozens of commits in. */
      if (round % 8 != 0)
        while (strstr (output->str, "ready\n") == NULL &&
               (n = read (out_fd, buffer, sizeof buffer)) > 0)
          g_string_append_len (output, buffer, n);
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

      store = palpate_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (palpate_store_check_integrity (store, &error));
      g_assert_no_error (error);

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

  g_test_message ("%u kills, %u committed ids checked", rounds, total_ids);
  g_assert_cmpuint (total_ids, >, rounds);

  g_remove (path);
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

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/StoreCrash/kill-loop", test_store_crash_kill_loop);
  g_test_add_func ("/Palpate/StoreCrash/disk-full", test_store_crash_disk_full);

  return g_test_run ();
}
