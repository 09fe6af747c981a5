/* bench-store.c — the store on a ten-year clinic: durable commits, search, opening a client
 *
 *   _build/tests/bench/bench-store [FOLDER]
 *
 * Writes the large demo clinic (2,000 clients, 60,000 visits, 600,000 findings) into a
 * temporary folder (or FOLDER), adds clients up to 10,000 and one client with 200 visits, then
 * prints: a finding's durable commit against a bare SQLite single-row commit with the same
 * pragmas on the same disk; the client search per keystroke; and opening the 200-visit client
 * with its trend.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "bench-utils.h"
#include "palpate-atlas.h"
#include "palpate-demo-clinic.h"
#include "palpate-report.h"
#include "palpate-store.h"

/* A bare single-row commit: the same journal, sync and lock as the store's writes. */
static GArray *
bare_commits (const char *path,
              int         n)
{
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  sqlite3_open (path, &db);
  sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                    "PRAGMA foreign_keys = ON;"
                    "CREATE TABLE rows (id INTEGER PRIMARY KEY, visit_id INTEGER, view TEXT, "
                    "kind TEXT, region_id TEXT, intensity INTEGER, points TEXT)",
                NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "INSERT INTO rows (visit_id, view, kind, region_id, intensity, points) "
                          "VALUES (1, 'posterior', 'spasm-zone', 'erector-spinae-lumbar-left', 6,"
                          " '[1,2,3,4,5,6]')", -1, &stmt, NULL);

  for (int i = 0; i < n; i++)
    {
      double start = now_ms ();

      sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
      g_array_append_val (samples, (double) { now_ms () - start });
    }

  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return samples;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = argc > 1 ? g_strdup (argv[1])
                                     : g_dir_make_tmp ("palpate-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "large-clinic.sqlite3", NULL);
  g_autofree char *bare_path = g_build_filename (folder, "bare.sqlite3", NULL);
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(PalpateClient) long_client = palpate_client_new ();
  g_autoptr(PalpateVisit) draft = palpate_visit_new ();
  g_autoptr(GArray) commits = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare = NULL;
  g_autoptr(GArray) searches = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  static const char *typed[] = { "olivia martin", "kowalski", "416 555-1", "haddad", "zoë",
                                 "mensah", "yusuf", "garcía" };
  double start;

  setlocale (LC_ALL, "");

  g_unlink (path);
  store = palpate_store_open (path, &error);
  g_assert_no_error (error);

  start = now_ms ();
  palpate_demo_clinic_write (store, PALPATE_DEMO_LARGE, 1, palpate_atlas_place_in_region,
                             palpate_atlas_get_default (), &error);
  g_assert_no_error (error);
  g_print ("large demo clinic written in %.1f s\n", (now_ms () - start) / 1000);

  /* Up to 10,000 clients for the search. */
  start = now_ms ();
  for (int i = palpate_store_count_clients (store); i < 10000; i++)
    {
      g_autoptr(PalpateClient) client = palpate_client_new ();
      g_autofree char *name = g_strdup_printf ("Client %05d %s", i, typed[i % G_N_ELEMENTS (typed)]);
      g_autofree char *phone = g_strdup_printf ("(647) 555-%04d", i);

      palpate_client_set_name (client, name);
      palpate_client_set_phone (client, phone);
      palpate_store_save_client (store, client, &error);
      g_assert_no_error (error);
    }
  g_print ("clients added up to %d in %.1f s\n", palpate_store_count_clients (store),
           (now_ms () - start) / 1000);

  /* A client with 200 visits. */
  palpate_client_set_name (long_client, "Two Hundred Visits");
  palpate_store_save_client (store, long_client, &error);
  for (int i = 0; i < 200; i++)
    {
      g_autoptr(PalpateVisit) visit = palpate_visit_new ();
      g_autoptr(GDateTime) when = g_date_time_add_days (now, -3 * (200 - i));

      palpate_visit_set_client_id (visit, palpate_client_get_id (long_client));
      palpate_visit_set_started_at (visit, when);
      palpate_visit_set_pain_before (visit, 8 - i / 40);
      palpate_visit_set_pain_after (visit, 5 - i / 50);
      palpate_visit_set_subjective (visit, "Low back tight after gardening.");
      palpate_store_save_visit (store, visit, &error);
      g_assert_no_error (error);
    }

  /* Durable commits of one finding, against the bare baseline on the same disk. */
  palpate_visit_set_client_id (draft, palpate_client_get_id (long_client));
  palpate_visit_set_started_at (draft, now);
  palpate_store_save_visit (store, draft, &error);
  g_assert_no_error (error);

  bare = bare_commits (bare_path, 400);
  for (int i = 0; i < 400; i++)
    {
      const PalpatePoint points[] = { { 200, 400 }, { 210, 410 }, { 205, 420 } };
      g_autoptr(PalpateFinding) finding = palpate_finding_new (PALPATE_FINDING_SPASM_ZONE,
                                                               PALPATE_VIEW_POSTERIOR, points, 3);

      palpate_finding_set_visit_id (finding, palpate_visit_get_id (draft));
      palpate_finding_set_region_id (finding, "erector-spinae-lumbar-left");
      start = now_ms ();
      palpate_store_save_finding (store, finding, &error);
      g_array_append_val (commits, (double) { now_ms () - start });
      g_assert_no_error (error);
    }

  /* Search as the therapist types: every prefix of each name. */
  for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
    for (glong len = 1; len <= g_utf8_strlen (typed[t], -1); len++)
      {
        g_autofree char *prefix = g_utf8_substring (typed[t], 0, len);
        g_autoptr(GPtrArray) found = NULL;

        start = now_ms ();
        found = palpate_store_search_clients (store, prefix, 50, &error);
        g_array_append_val (searches, (double) { now_ms () - start });
        g_assert_no_error (error);
      }

  /* Opening the 200-visit client: the client, then its trend. */
  for (int i = 0; i < 50; i++)
    {
      g_autoptr(PalpateClient) client = NULL;
      g_autoptr(GArray) trend = NULL;

      start = now_ms ();
      client = palpate_store_get_client (store, palpate_client_get_id (long_client), &error);
      trend = palpate_store_list_visit_summaries (store, palpate_client_get_id (long_client),
                                                  &error);
      g_array_append_val (opens, (double) { now_ms () - start });
      g_assert_cmpuint (trend->len, ==, 201);
    }

  /* Everything the client page reads: the client, its no-touch zones, and its visits with
   * their progress (the report's data: techniques, findings, activities and questionnaires). */
  for (int i = 0; i < 20; i++)
    {
      g_autoptr(PalpateClient) client = NULL;
      g_autoptr(GPtrArray) zones = NULL;
      g_autoptr(PalpateReport) report = NULL;

      start = now_ms ();
      client = palpate_store_get_client (store, palpate_client_get_id (long_client), &error);
      zones = palpate_store_list_client_zones (store, palpate_client_get_id (long_client), &error);
      report = palpate_report_new (store, palpate_client_get_id (long_client), NULL, NULL, &error);
      g_array_append_val (pages, (double) { now_ms () - start });
      g_assert_cmpuint (palpate_report_get_n_visits (report), ==, 201);
    }

  g_print ("durable commit of a finding: median %.3f ms; bare single-row commit: median %.3f ms;"
           " ratio %.2f× (goal ≤ 1.5×)\n",
           median (commits), median (bare), median (commits) / median (bare));
  g_print ("client search over %d clients, per keystroke: median %.3f ms, 95th percentile "
           "%.3f ms, slowest %.3f ms (goal ≤ 2 ms)\n", palpate_store_count_clients (store),
           median (searches), percentile (searches, 0.95), percentile (searches, 1.0));
  g_print ("opening a 200-visit client with its trend: median %.3f ms (goal ≤ 10 ms); with "
           "everything its page shows, progress included: median %.3f ms\n",
           median (opens), median (pages));

  if (argc <= 1)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", folder);

      g_clear_object (&store);
      if (system (command) != 0)
        g_printerr ("could not remove %s\n", folder);
    }

  return 0;
}
