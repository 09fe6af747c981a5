/* bench-report.c — how long progress reports take to write
 *
 *   _build/tests/bench/bench-report [FOLDER]
 *
 * Prints the time to write the PDF of a 100-visit client (median of several runs, against the
 * time to lay the same report out without drawing it, measured in the same run), then writes
 * the large demo clinic (2,000 clients, ten years) and times the batch of a busy month.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#include "bench-utils.h"
#include "palpate-atlas.h"
#include "palpate-demo-clinic.h"
#include "palpate-report.h"
#include "palpate-store.h"

static gint64
hundred_visit_client (PalpateStore *store)
{
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  const char *regions[] = { "trapezius-upper-left", "erector-spinae-lumbar-right",
                            "gluteus-medius-left", "hamstrings-right" };

  palpate_client_set_name (client, "Benchmark Client");
  palpate_client_set_goals (client, "Garden for an hour without pain.");
  g_assert (palpate_store_save_client (store, client, NULL));

  for (int i = 0; i < 100; i++)
    {
      g_autoptr(PalpateVisit) visit = palpate_visit_new ();
      g_autoptr(GDateTime) when = g_date_time_add_days (now, -7 * (100 - i));

      palpate_visit_set_client_id (visit, palpate_client_get_id (client));
      palpate_visit_set_started_at (visit, when);
      palpate_visit_set_pain_before (visit, 8 - i / 15);
      palpate_visit_set_pain_after (visit, 5 - i / 25);
      palpate_visit_set_subjective (visit, "Stiff in the morning, better after moving.");
      g_assert (palpate_store_save_visit (store, visit, NULL));

      for (guint r = 0; r < G_N_ELEMENTS (regions); r++)
        {
          PalpatePoint point;
          PalpateView view;
          g_autoptr(PalpateFinding) finding = NULL;

          palpate_atlas_place_in_region (regions[r], rand, &view, &point, 1,
                                         palpate_atlas_get_default ());
          finding = palpate_finding_new (PALPATE_FINDING_TRIGGER_POINT_ACTIVE, view, &point, 1);
          palpate_finding_set_visit_id (finding, palpate_visit_get_id (visit));
          palpate_finding_set_region_id (finding, regions[r]);
          g_assert (palpate_store_save_finding (store, finding, NULL));
        }
    }

  return palpate_client_get_id (client);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = argc > 1 ? g_strdup (argv[1]) : g_dir_make_tmp ("palpate-bench-XXXXXX", NULL);
  g_autofree char *small_path = g_build_filename (dir, "hundred.sqlite3", NULL);
  g_autofree char *large_path = g_build_filename (dir, "large.sqlite3", NULL);
  g_autofree char *pdf = g_build_filename (dir, "hundred.pdf", NULL);
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) layouts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  gint64 client_id;
  double start;
  int pages = 0;

  setlocale (LC_ALL, "");

  store = palpate_store_open (small_path, &error);
  g_assert_no_error (error);
  client_id = hundred_visit_client (store);

  for (int run = 0; run < 7; run++)
    {
      g_autoptr(PalpateReport) report = NULL;
      double width, height, t;

      start = now_ms ();
      report = palpate_report_new (store, client_id, NULL, NULL, &error);
      g_assert_no_error (error);
      palpate_paper_get_size (PALPATE_PAPER_A4, &width, &height);
      t = now_ms ();
      pages = palpate_report_count_pages (report, width, height);
      t = now_ms () - t;
      g_array_append_val (layouts, t);
      g_assert (palpate_report_write_pdf (report, PALPATE_PAPER_A4, pdf, &error));
      t = now_ms () - start;
      g_array_append_val (writes, t);
    }

  g_print ("PDF of a 100-visit client (%d pages, read from the store and written): median %.1f ms "
           "(goal ≤ 250 ms); laying it out alone: %.1f ms, so drawing and writing take %.1f× that\n",
           pages, median (writes), median (layouts), median (writes) / median (layouts));
  g_clear_object (&store);

  /* The month's batch on a ten-year clinic. */
  start = now_ms ();
  store = palpate_store_open (large_path, &error);
  g_assert_no_error (error);
  g_assert (palpate_demo_clinic_write (store, PALPATE_DEMO_LARGE, 20261122,
                                       palpate_atlas_place_in_region, palpate_atlas_get_default (),
                                       &error));
  g_print ("large demo clinic written in %.1f s\n", (now_ms () - start) / 1000);

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) month_start = g_date_time_new_local (g_date_time_get_year (now),
                                                              g_date_time_get_month (now), 1, 0, 0, 0);
    g_autoptr(GDateTime) first = g_date_time_add_months (month_start, -1);
    g_autoptr(GArray) ids = NULL;
    g_autofree char *batch_dir = g_build_filename (dir, "batch", NULL);
    GDate last_day;

    g_date_clear (&last_day, 1);
    g_date_set_dmy (&last_day, g_date_get_days_in_month (g_date_time_get_month (first),
                                                         g_date_time_get_year (first)),
                    g_date_time_get_month (first), g_date_time_get_year (first));
    g_mkdir_with_parents (batch_dir, 0700);

    start = now_ms ();
    ids = palpate_store_list_clients_seen (store, g_date_time_to_unix (first),
                                           g_date_time_to_unix (month_start), &error);
    g_assert_no_error (error);
    for (guint i = 0; i < ids->len; i++)
      {
        g_autoptr(PalpateReport) report = palpate_report_new (store, g_array_index (ids, gint64, i),
                                                              NULL, &last_day, &error);
        g_autofree char *name = g_strdup_printf ("%u.pdf", i);
        g_autofree char *path = g_build_filename (batch_dir, name, NULL);

        g_assert_no_error (error);
        g_assert (palpate_report_write_pdf (report, PALPATE_PAPER_A4, path, &error));
        g_unlink (path);
      }
    g_print ("a month's batch on the large clinic: %u clients seen, %.1f s in all, %.0f ms per "
             "report\n", ids->len, (now_ms () - start) / 1000,
             ids->len ? (now_ms () - start) / ids->len : 0);
    g_rmdir (batch_dir);
  }

  g_clear_object (&store);
  if (argc <= 1)
    {
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      const char *name;

      while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (dir);
    }

  return 0;
}
