/* bench-startup.c — how long Palpate takes to show its window, against a bare window
 *
 *   xvfb-run -a _build/tests/bench/bench-startup [--runs N] [FOLDER]
 *
 * Times exec → first frame of the main window with its picture saved (`palpate --screenshot`,
 * which quits right after) on the empty clinic, the demo clinic and the ten-year clinic, and the
 * same for bench-startup-window, a bare libadwaita window that draws one frame and saves it the
 * same way, in the same run, alternating the two. Prints the median CPU time (user + system,
 * from wait4) and wall time of each and their ratios; the goal is 1.3× the bare window or less
 * on all three clinics. Then times `palpate report --client` on the ten-year clinic against the
 * demo clinic: goal 1.5× or less.
 *
 * The clinics are written to FOLDER (a new temporary one by default) and reused from there when
 * they are already in it: the ten-year clinic takes some seconds to write. Needs a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "bench-utils.h"
#include "palpate-store.h"

#define STARTUP_GOAL 1.3
#define REPORT_GOAL 1.5

typedef struct
{
  double cpu_ms;
  double wall_ms;
} Run;

/* Runs @argv to its end; fails the benchmark if it does not succeed. */
static Run
run_program (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  GPid pid;
  int status = 0;
  double start = now_ms ();
  Run run;

  if (!g_spawn_async (NULL, (char **) argv, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid,
                      &error))
    g_error ("%s", error->message);

  if (wait4 (pid, &status, 0, &usage) != pid)
    g_error ("wait4 failed");
  run.wall_ms = now_ms () - start;
  run.cpu_ms = usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 +
               usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;

  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s failed (status %d)", argv[0], status);

  return run;
}

typedef struct
{
  GArray *cpu;
  GArray *wall;
} Samples;

static void
samples_init (Samples *samples)
{
  samples->cpu = g_array_new (FALSE, FALSE, sizeof (double));
  samples->wall = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
samples_clear (Samples *samples)
{
  g_array_unref (samples->cpu);
  g_array_unref (samples->wall);
}

static void
samples_add (Samples *samples,
             Run      run)
{
  g_array_append_val (samples->cpu, run.cpu_ms);
  g_array_append_val (samples->wall, run.wall_ms);
}

static void
print_ratio (const char *name,
             Samples    *samples,
             Samples    *baseline,
             double      goal)
{
  double cpu = median (samples->cpu);
  double wall = median (samples->wall);
  double cpu_ratio = cpu / median (baseline->cpu);
  double wall_ratio = wall / median (baseline->wall);

  g_print ("  %-26s %6.0f ms CPU %6.0f ms wall   %.2f× CPU  %.2f× wall  (goal ≤ %.1f×: %s)\n",
           name, cpu, wall, cpu_ratio, wall_ratio, goal,
           cpu_ratio <= goal && wall_ratio <= goal ? "met" : "NOT MET");
}

static void
write_clinic (const char *path,
              const char *size)
{
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  if (size == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PalpateStore) store = palpate_store_open (path, &error);

      if (store == NULL)
        g_error ("%s", error->message);
    }
  else
    {
      const char *argv[] = { PALPATE_EXE, "--demo", path, "--demo-size", size, NULL };

      g_print ("Writing the %s demo clinic to %s …\n", size, path);
      run_program (argv);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *picture = NULL;
  g_autofree char *pdf = NULL;
  const char *names[] = { "empty clinic", "demo clinic (2 years)", "ten-year clinic" };
  const char *files[] = { "empty.sqlite3", "demo.sqlite3", "large.sqlite3" };
  const char *sizes[] = { NULL, "small", "large" };
  char *paths[G_N_ELEMENTS (files)];
  Samples bare;
  Samples clinics[G_N_ELEMENTS (files)];
  Samples reports[2];
  int runs = 7;
  int first_arg = 1;

  setlocale (LC_ALL, "");

  if (argc > 2 && g_str_equal (argv[1], "--runs"))
    {
      runs = MAX (1, atoi (argv[2]));
      first_arg = 3;
    }
  dir = argc > first_arg ? g_strdup (argv[first_arg])
                         : g_dir_make_tmp ("palpate-bench-startup-XXXXXX", NULL);
  g_mkdir_with_parents (dir, 0700);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-startup needs a display: run it under xvfb-run -a.\n");
      return EXIT_FAILURE;
    }

  /* The same settings for both programs. The renderer is GTK's own choice, as on a therapist's
   * desktop, unless GSK_RENDERER names one (cairo is the steadier under Xvfb, and its ratios
   * the stricter, since the bare window then costs less). */
  g_setenv ("GSETTINGS_SCHEMA_DIR", TEST_BUILDDIR "/data", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);

  picture = g_build_filename (dir, "frame.png", NULL);
  pdf = g_build_filename (dir, "report.pdf", NULL);
  for (guint c = 0; c < G_N_ELEMENTS (files); c++)
    {
      paths[c] = g_build_filename (dir, files[c], NULL);
      write_clinic (paths[c], sizes[c]);
      samples_init (&clinics[c]);
    }
  samples_init (&bare);
  samples_init (&reports[0]);
  samples_init (&reports[1]);

  /* One run of each first, untimed, so that every run finds the files and fonts in the cache. */
  for (int i = -1; i < runs; i++)
    for (guint c = 0; c < G_N_ELEMENTS (files); c++)
      {
        const char *bare_argv[] = { BENCH_WINDOW_EXE, picture, "1366x768", NULL };
        const char *palpate_argv[] = { PALPATE_EXE, "--database", paths[c], "--screenshot",
                                       picture, "--window-size", "1366x768", NULL };
        Run bare_run = run_program (bare_argv);
        Run palpate_run = run_program (palpate_argv);

        if (i >= 0)
          {
            samples_add (&bare, bare_run);
            samples_add (&clinics[c], palpate_run);
          }
      }

  for (int i = -1; i < runs; i++)
    for (guint r = 0; r < 2; r++)
      {
        /* Each run writes over the report the one before it made. */
        const char *report_argv[] = { PALPATE_EXE, "report", "--database", paths[r + 1],
                                      "--client", "1", "--output", pdf, "--force", NULL };
        Run run = run_program (report_argv);

        if (i >= 0)
          samples_add (&reports[r], run);
      }

  g_print ("Start-up: exec → first frame of the window, its picture saved (GSK_RENDERER=%s); "
           "median of %d runs\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default",
           runs);
  g_print ("  %-26s %6.0f ms CPU %6.0f ms wall\n", "bare libadwaita window",
           median (bare.cpu), median (bare.wall));
  for (guint c = 0; c < G_N_ELEMENTS (files); c++)
    print_ratio (names[c], &clinics[c], &bare, STARTUP_GOAL);

  g_print ("palpate report --client 1: ten-year clinic against the demo clinic; median of %d runs\n",
           runs);
  g_print ("  %-26s %6.0f ms CPU %6.0f ms wall\n", "demo clinic",
           median (reports[0].cpu), median (reports[0].wall));
  print_ratio ("ten-year clinic", &reports[1], &reports[0], REPORT_GOAL);

  for (guint c = 0; c < G_N_ELEMENTS (files); c++)
    {
      samples_clear (&clinics[c]);
      g_free (paths[c]);
    }
  samples_clear (&bare);
  samples_clear (&reports[0]);
  samples_clear (&reports[1]);

  return EXIT_SUCCESS;
}
