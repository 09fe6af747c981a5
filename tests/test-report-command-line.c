/* test-report-command-line.c — `palpate report` from the command line, and where a report may
 * never be written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "palpate-atlas.h"
#include "palpate-date.h"
#include "palpate-demo-clinic.h"
#include "palpate-report.h"
#include "palpate-rules.h"
#include "palpate-store-private.h"
#include "palpate-test-report.h"
#include "palpate-test-utils.h"

static void
umask_zero_cb (gpointer user_data)
{
  umask (0);
}

/* Runs palpate report … without a display, under umask 000; returns whether it succeeded. */
static gboolean
run_report_command (const char * const  *args,
                    char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) PALPATE_EXE);
  g_ptr_array_add (argv, (gpointer) "report");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDOUT_TO_DEV_NULL, umask_zero_cb,
                NULL, NULL, err, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* The command line, without a display: one client, and a month's batch. */
static void
test_report_command_line (PalpateTestReport *fixture,
                          gconstpointer      user_data)
{
  gint64 seen = palpate_test_report_add_client (fixture, "Ingrid Larsen");
  gint64 also_seen = palpate_test_report_add_client (fixture, "Tomás García");
  gint64 not_seen = palpate_test_report_add_client (fixture, "Zoë Wilson");
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "ingrid.pdf", NULL);
  g_autofree char *dir = g_build_filename (fixture->tmpdir, "month", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *month = g_date_time_format (now, "%Y-%m");
  const char **envp = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;
  int status;

  palpate_test_report_add_visit (fixture, seen, 0, 5, 2);
  palpate_test_report_add_visit (fixture, also_seen, 0, 7, 3);
  palpate_test_report_add_visit (fixture, not_seen, 100, 4, 4);
  /* Seen this month only in an unsigned draft: nothing a report of signed notes counts. */
  palpate_test_report_add_draft (fixture, palpate_test_report_add_client (fixture, "Dara Quinn"),
                                 0, 6, 4);
  g_clear_object (&fixture->store);

  {
    const char *argv[] = { PALPATE_EXE, "report", "--database", fixture->path,
                           "--client", "Ingrid Larsen", "--output", pdf, NULL };
    g_autoptr(GError) error = NULL;

    /* No display: the report never needs one. */
    envp = (const char **) g_get_environ ();
    envp = (const char **) g_environ_unsetenv ((char **) envp, "DISPLAY");
    envp = (const char **) g_environ_unsetenv ((char **) envp, "WAYLAND_DISPLAY");
    /* The clinic's audit key lives in the config folder: the test's own, not /dev/null. */
    envp = (const char **) g_environ_setenv ((char **) envp, "XDG_CONFIG_HOME",
                                             g_get_user_config_dir (), TRUE);
    g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  text = palpate_test_pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Ingrid Larsen"));
  g_assert_true (palpate_test_contains (text, "5 → 2"));

  {
    const char *argv[] = { PALPATE_EXE, "report", "--database", fixture->path,
                           "--month", month, "--output-dir", dir, NULL };
    g_autoptr(GError) error = NULL;

    g_clear_pointer (&out, g_free);
    g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  /* One file per client seen that month, and only those. */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  for (const char *name; (name = g_dir_read_name (listing)) != NULL;)
    {
      g_assert_true (g_str_has_suffix (name, ".pdf"));
      g_assert_null (strstr (name, "Wilson"));
      g_assert_null (strstr (name, "Quinn"));
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 2);
  {
    g_autofree char *month_name = palpate_format_month (now);
    g_autofree char *made_for = g_strdup_printf ("Made for %s.", month_name);
    g_autoptr(GDir) again = g_dir_open (dir, 0, NULL);
    const char *name = g_dir_read_name (again);
    g_autofree char *path = g_build_filename (dir, name, NULL);
    g_autofree char *batch_text = palpate_test_pdf_text (path);

    g_assert_true (palpate_test_contains (batch_text, made_for));
  }

  /* A client that is not there: a clear message, a failed exit. */
  {
    g_autofree char *nobody = g_build_filename (fixture->tmpdir, "nobody.pdf", NULL);
    const char *argv[] = { PALPATE_EXE, "report", "--database", fixture->path,
                           "--client", "Nobody Here", "--output", nobody, NULL };
    g_autoptr(GError) error = NULL;
    g_autofree char *err = NULL;

    g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "No client matches “Nobody Here”"));
  }

  g_strfreev ((char **) envp);
}

/* `report --output` never replaces the clinic, a backup or any SQLite file, nor an existing
 * file without --force; what it writes is 0600 under umask 000, with a title and author. */
static void
test_report_output_safety (PalpateTestReport *fixture,
                           gconstpointer      user_data)
{
  gint64 client = palpate_test_report_add_client (fixture, "Ingrid Larsen");
  g_autofree char *backup = g_build_filename (fixture->tmpdir, "clinic-backup.sqlite3", NULL);
  g_autofree char *disguised = g_build_filename (fixture->tmpdir, "notes.pdf", NULL);
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "ingrid.pdf", NULL);
  g_autofree char *clinic_before = NULL;
  g_autofree char *clinic_after = NULL;
  g_autofree char *backup_before = NULL;
  g_autofree char *backup_after = NULL;
  g_autofree char *pdf_before = NULL;
  g_autofree char *pdf_after = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  int status;

  palpate_test_report_add_visit (fixture, client, 3, 6, 3);
  g_assert_true (palpate_store_backup_to (fixture->store, backup, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (backup, &backup_before, NULL, NULL));
  g_assert_true (g_file_set_contents (disguised, backup_before, 4096, NULL));
  g_clear_pointer (&backup_before, g_free);
  g_clear_object (&fixture->store);
  clinic_before = file_checksum (fixture->path);
  backup_before = file_checksum (backup);

  {
    const char * const targets[] = { fixture->path, backup, disguised };

    for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
      {
        const char *args[] = { "--database", fixture->path, "--client", "Ingrid Larsen",
                               "--output", targets[i], "--force", NULL };
        g_autofree char *err = NULL;

        g_assert_false (run_report_command (args, &err));
        g_assert_true (strstr (err, "is the clinic file") != NULL ||
                       strstr (err, "is a database") != NULL);
      }
  }
  clinic_after = file_checksum (fixture->path);
  backup_after = file_checksum (backup);
  g_assert_cmpstr (clinic_before, ==, clinic_after);
  g_assert_cmpstr (backup_before, ==, backup_after);

  /* A new file: written, 0600 under umask 000, with a title and an author. */
  {
    const char *args[] = { "--database", fixture->path, "--client", "Ingrid Larsen",
                           "--output", pdf, NULL };
    const char *pdfinfo[] = { "pdfinfo", pdf, NULL };
    g_autofree char *err = NULL;

    g_assert_true (run_report_command (args, &err));
    g_assert_cmpint (g_stat (pdf, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    info = palpate_test_run (pdfinfo, &status);
    g_assert_true (palpate_test_contains (info, "Title: Progress Report — Ingrid Larsen"));
    g_assert_true (palpate_test_contains (info, "Author: Maria Rossi"));
    pdf_before = file_checksum (pdf);

    /* There now: refused without --force, and left as it was. */
    g_clear_pointer (&err, g_free);
    g_assert_false (run_report_command (args, &err));
    g_assert_nonnull (strstr (err, "already exists"));
    g_assert_nonnull (strstr (err, "--force"));
    pdf_after = file_checksum (pdf);
    g_assert_cmpstr (pdf_before, ==, pdf_after);
  }
  {
    const char *args[] = { "--database", fixture->path, "--client", "Ingrid Larsen",
                           "--output", pdf, "--force", "--paper", "letter", NULL };

    g_assert_true (run_report_command (args, NULL));
    g_assert_cmpint (g_stat (pdf, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* A reversed period: a clear message and a failed exit, no file. */
  {
    g_autofree char *other = g_build_filename (fixture->tmpdir, "reversed.pdf", NULL);
    const char *args[] = { "--database", fixture->path, "--client", "Ingrid Larsen",
                           "--from", "2026-06-30", "--to", "2026-01-01", "--output", other, NULL };
    g_autofree char *err = NULL;

    g_assert_false (run_report_command (args, &err));
    g_assert_nonnull (strstr (err, "ends before it begins"));
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }

  /* In-process too: a report written under umask 000 is 0600. */
  {
    g_autofree char *own = g_build_filename (fixture->tmpdir, "own.pdf", NULL);
    mode_t old = umask (0);
    g_autoptr(PalpateStore) store = palpate_store_open (fixture->path, &error);
    g_autoptr(PalpateReport) report = palpate_report_new (store, client, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (palpate_report_write_pdf (report, PALPATE_PAPER_A4, own, &error));
    umask (old);
    g_assert_cmpint (g_stat (own, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_false (palpate_report_check_output (fixture->path, NULL, TRUE, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/Palpate/Report/" name, PalpateTestReport, NULL, palpate_test_report_set_up, \
              func, palpate_test_report_tear_down)

  ADD ("command-line", test_report_command_line);
  ADD ("output-safety", test_report_output_safety);

  return g_test_run ();
}
