/* bench-clinic-server.c — a clinic on a PostgreSQL server charted from eight rooms at once
 *
 *   _build/tests/bench/bench-clinic-server [--passes N] postgresql:///EMPTY-DATABASE?host=…
 *
 * Makes a clinic in the empty database, adds clients up to 10,000, then starts eight processes
 * that each chart a visit of their own through the store: a finding, a technique and a SOAP
 * save, over and over, each a commit. Prints the commits' p50 and p99, in all and per kind,
 * against a bare libpq single-row INSERT commit measured on the same server in the same run
 * (goal: p99 ≤ 2× the bare p99), from one process alone and from eight at once, which tells
 * what the store adds from what eight busy processes cost the machine. The eight bare
 * processes and the eight rooms take turns, in passes, so that a disk that is slower for a
 * while weighs on both alike; each pass runs them flat out (a commit as soon as the last one
 * returned: on two cores, sixteen busy processes) and then at a charting pace (a commit every
 * 25 ms per process, forty times faster than a therapist's hand, which leaves the machine the
 * time to serve them), both kinds alike. Checks that no update was lost (every finding and
 * technique there, each visit's last SOAP save kept), and times the client search per
 * keystroke over the 10,000 clients (goal ≤ 5 ms on a local server): as the window's list does
 * it (every match, by name, and the first rows shown), as the command line's does (the first
 * fifty), and the window's first keystroke after its room saved a visit or a client. The
 * clients have names and numbers drawn from lists with a fixed seed, as varied as a clinic's.
 *
 * --passes N runs N turns instead of 8: eight give each pace 11,520 of the rooms' commits,
 * whose p99 (the 116th slowest) a few stalls of the machine move less than a pass's (1,440
 * commits, the 15th slowest). The p95s are printed beside the p99s.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libpq-fe.h>
#include <locale.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "bench-utils.h"
#include "palpate-client-list.h"
#include "palpate-store.h"

#define N_ROOMS 8
#define N_PASSES 8     /* turns of the eight bare processes and the eight rooms, by default */
#define MAX_PASSES 50
#define N_ROUNDS 60    /* per pass, each: a finding, a technique, a SOAP save */
#define N_BARE 180     /* bare commits per process and pass */
#define N_PACES 2      /* flat out, then at a charting pace */
#define PACE_MS 25     /* at a charting pace: one commit every PACE_MS per process */
#define N_KINDS 3      /* a finding, a technique, a SOAP save */
#define N_SEARCH_WAYS 2  /* the window's client list, the command line's search */

/* Waits for the next commit's turn at @pace_ms (0: none); a process starts at a random point
 * of its first period, so that the processes do not all commit at the same instant. */
static void
wait_turn (double *next,
           int     pace_ms)
{
  double now = now_ms ();

  if (pace_ms <= 0)
    return;
  if (*next == 0)
    *next = now + g_random_double_range (0, pace_ms);
  if (*next > now)
    g_usleep ((gulong) ((*next - now) * 1000));
  *next = MAX (*next, now) + pace_ms;
}

/* Bare single-row commits on the same server: BEGIN, INSERT, COMMIT, @n times, into a table of
 * their own (made by the caller), printing each one's time in ms, one per line. */
static int
bare_commits (const char *location,
              int         n,
              int         pace_ms)
{
  PGconn *conn = PQconnectdb (location);
  double next = 0;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  PQclear (PQprepare (conn, "insert", "INSERT INTO bench_bare (visit_id, view, kind, region_id, "
                                      "intensity, points) VALUES (1, 'posterior', "
                                      "'spasm-zone', 'erector-spinae-lumbar-left', 6, "
                                      "'[1,2,3,4,5,6]')", 0, NULL));
  for (int i = 0; i < n; i++)
    {
      PGresult *results[3];
      double start;

      wait_turn (&next, pace_ms);
      start = now_ms ();
      results[0] = PQexec (conn, "BEGIN");
      results[1] = PQexecPrepared (conn, "insert", 0, NULL, NULL, NULL, 0);
      results[2] = PQexec (conn, "COMMIT");
      for (int r = 0; r < 3; r++)
        {
          if (PQresultStatus (results[r]) != PGRES_COMMAND_OK)
            g_error ("bare commit: %s", PQresultErrorMessage (results[r]));
          PQclear (results[r]);
        }
      g_print ("%.3f\n", now_ms () - start);
    }
  PQfinish (conn);
  return EXIT_SUCCESS;
}

static void
exec_on (const char *location,
         const char *sql)
{
  PGconn *conn = PQconnectdb (location);

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  PQclear (PQexec (conn, sql));
  PQfinish (conn);
}

/* Runs this program as @n processes at once, each with its @args after the location and
 * @pace_ms after that, and gathers
 * the times they print into @samples: an array per kind of line (line i is of kind
 * i % @n_kinds), and all of them in samples[@n_kinds]. */
static void
run_at_once (const char  *self_path,
             const char  *mode,
             const char  *location,
             const char **args,
             int          pace_ms,
             int          n,
             int          n_kinds,
             GArray     **samples)
{
  g_autofree char *pace = g_strdup_printf ("%d", pace_ms);
  g_autoptr(GError) error = NULL;
  g_autofree GPid *pids = g_new (GPid, n);
  g_autofree int *outs = g_new (int, n);

  for (int r = 0; r < n; r++)
    {
      const char *child[] = { self_path, mode, location, args[r], pace, NULL };

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) child, NULL,
                                               G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                               &pids[r], NULL, &outs[r], NULL, &error));
    }
  for (int r = 0; r < n; r++)
    {
      g_autoptr(GIOChannel) channel = g_io_channel_unix_new (outs[r]);
      g_autofree char *all = NULL;
      g_auto(GStrv) lines = NULL;
      int status = 0;

      g_io_channel_set_close_on_unref (channel, TRUE);
      g_io_channel_read_to_end (channel, &all, NULL, &error);
      g_assert_no_error (error);
      waitpid (pids[r], &status, 0);
      g_spawn_close_pid (pids[r]);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      lines = g_strsplit (all, "\n", -1);
      for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
        {
          double ms = g_ascii_strtod (lines[i], NULL);

          g_array_append_val (samples[i % n_kinds], ms);
          g_array_append_val (samples[n_kinds], ms);
        }
    }
}

static void
new_samples (GArray **samples,
             int      n)
{
  for (int k = 0; k < n; k++)
    samples[k] = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
print_time (gboolean timed,
            double   start)
{
  if (timed)
    g_print ("%.3f\n", now_ms () - start);
}

/* One room: charts its visit for a pass, a commit each @pace_ms (0: flat out), printing each
 * commit's time in ms, one per line. */
static int
room (const char *location,
      gint64      visit_id,
      int         pace_ms)
{
  double next = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (location, &error);
  g_autoptr(PalpateVisit) visit = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  int first;

  if (store == NULL)
    g_error ("room: %s", error->message);
  palpate_store_set_actor (store, "Room");
  visit = palpate_store_get_visit (store, visit_id, &error);
  g_assert_no_error (error);
  findings = palpate_store_list_findings (store, visit_id, &error);
  g_assert_no_error (error);
  first = (int) findings->len;   /* the rounds of the passes before */

  /* The first round prepares the store's statements on the session, as the bare processes
   * prepare theirs before they start: it is not timed. */
  for (int round = first; round <= first + N_ROUNDS; round++)
    {
      const PalpatePoint points[] = { { 200, 400 }, { 210, 410 }, { 205, 420 } };
      g_autoptr(PalpateFinding) finding = palpate_finding_new (PALPATE_FINDING_SPASM_ZONE,
                                                               PALPATE_VIEW_POSTERIOR, points, 3);
      g_autoptr(PalpateAppliedTechnique) applied = palpate_applied_technique_new ();
      g_autofree char *soap = g_strdup_printf ("Round %d: low back easing.", round);
      double start;

      palpate_finding_set_visit_id (finding, visit_id);
      palpate_finding_set_region_id (finding, "erector-spinae-lumbar-left");
      wait_turn (&next, pace_ms);
      start = now_ms ();
      palpate_store_save_finding (store, finding, &error);
      print_time (round > first, start);
      g_assert_no_error (error);

      palpate_applied_technique_set_visit_id (applied, visit_id);
      palpate_applied_technique_set_technique_id (applied, 1);
      palpate_applied_technique_set_region_id (applied, "erector-spinae-lumbar-left");
      palpate_applied_technique_set_minutes (applied, 5);
      palpate_applied_technique_set_pressure (applied, PALPATE_PRESSURE_MODERATE);
      wait_turn (&next, pace_ms);
      start = now_ms ();
      palpate_store_save_applied_technique (store, applied, &error);
      print_time (round > first, start);
      g_assert_no_error (error);

      palpate_visit_set_subjective (visit, soap);
      wait_turn (&next, pace_ms);
      start = now_ms ();
      palpate_store_save_visit (store, visit, &error);
      print_time (round > first, start);
      g_assert_no_error (error);
    }
  return EXIT_SUCCESS;
}

/* The figures of one pace: the rooms' commits (per kind, then all) against the eight bare
 * processes' at the same pace, and against one bare process alone; then the p99s' ratio pass by
 * pass, each against the bare commits run just before, and its median, which a stretch of the
 * run when the machine or its disk was busier moves less than the pooled ratio. */
static void
print_pace (int           pace_ms,
            int           n_passes,
            GArray      **commits,
            GArray       *bare_at_once,
            GArray       *bare_alone,
            const double *pass_ratios)
{
  static const char *kinds[N_KINDS] = { "finding", "technique", "SOAP save" };
  GArray *all = commits[N_KINDS];
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) each = g_string_new (NULL);

  if (pace_ms == 0)
    g_print ("flat out (a commit as soon as the last one returned):\n");
  else
    g_print ("at a charting pace (a commit every %d ms per process):\n", pace_ms);
  g_print ("  bare commits, %d processes at once: p50 %.3f ms, p95 %.3f ms, p99 %.3f ms\n",
           N_ROOMS, percentile (bare_at_once, 0.5), percentile (bare_at_once, 0.95),
           percentile (bare_at_once, 0.99));
  g_print ("  %d rooms charting at once, %u commits: p50 %.3f ms, p95 %.3f ms, p99 %.3f ms\n",
           N_ROOMS, all->len, percentile (all, 0.5), percentile (all, 0.95),
           percentile (all, 0.99));
  for (int k = 0; k < N_KINDS; k++)
    g_print ("    %s: p50 %.3f ms, p99 %.3f ms\n", kinds[k], percentile (commits[k], 0.5),
             percentile (commits[k], 0.99));
  g_print ("  p99: %.2f× the %d bare commits at the same pace (goal ≤ 2×), %.2f× the bare "
           "commit alone; p50: %.2f× and %.2f×\n",
           percentile (all, 0.99) / percentile (bare_at_once, 0.99), N_ROOMS,
           percentile (all, 0.99) / percentile (bare_alone, 0.99),
           percentile (all, 0.5) / percentile (bare_at_once, 0.5),
           percentile (all, 0.5) / percentile (bare_alone, 0.5));
  g_print ("  p95: %.2f× the %d bare commits at the same pace\n",
           percentile (all, 0.95) / percentile (bare_at_once, 0.95), N_ROOMS);
  for (int pass = 0; pass < n_passes; pass++)
    {
      g_string_append_printf (each, "%s%.2f×", pass > 0 ? ", " : "", pass_ratios[pass]);
      g_array_append_val (ratios, pass_ratios[pass]);
    }
  g_print ("  p99 ratio to the bare commits of the same pass, pass by pass: %s (median %.2f×)\n",
           each->str, median (ratios));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;
  static const char *search_ways[N_SEARCH_WAYS] = {
    "the window’s list (the matches and the first rows shown)",
    "the command line’s (the first 50 matches)",
  };
  g_autoptr(PalpateClientList) client_list = NULL;
  GArray *searches[N_SEARCH_WAYS];
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  static const char *given_names[] = {
    "Olivia", "Liam", "Emma", "Noah", "Amélie", "Mohammed", "Zoë", "Chloé", "Lucas", "Aiko",
    "Fatima", "Mateo", "Ingrid", "Kwame", "Priya", "Sven", "Lucía", "Dmitri", "Ama", "Yusuf",
    "Hannah", "Jamal", "Sofia", "Ethan", "Mei", "Oluwaseun", "Grace", "Tomás", "Leila", "Owen",
    "Anaïs", "Rafael", "Nadia", "Henrik", "Siobhan", "Kenji", "Marta", "Ibrahim", "Claire",
    "Diego",
  };
  static const char *surnames[] = {
    "Martin", "Kowalski", "Haddad", "Mensah", "Yusuf", "García", "Nguyễn", "Müller", "Tremblay",
    "Roy", "Gagnon", "Smith", "Chen", "Singh", "Patel", "O'Brien", "Ødegaard", "Rossi", "Silva",
    "Kim", "Wang", "Ahmed", "Okafor", "Johansson", "Dubois", "Lefèvre", "Brown", "Wilson",
    "Taylor", "Lee", "Côté", "Bouchard", "Morin", "Lavoie", "Fortin", "Ivanova", "Novak",
    "Horvat", "Papadopoulos", "Kaya", "Fernández", "López", "Santos", "Costa", "Sato", "Tanaka",
    "Mbeki", "Abebe", "Hassan", "Cohen",
  };
  static const char *area_codes[] = { "416", "647", "437", "905", "289", "613" };
  static const char *typed[] = { "olivia martin", "kowalski", "555-012", "haddad", "zoë",
                                 "mensah", "yusuf", "garcía" };
  g_autoptr(GRand) rand = NULL;
  char *slowest_text[N_SEARCH_WAYS] = { NULL, NULL };
  double slowest[N_SEARCH_WAYS] = { 0, 0 };
  double after_save[2];
  double pass_ratios[N_PACES][MAX_PASSES];
  int n_passes = N_PASSES;
  guint n_runs;   /* runs of each room, each with a round more, untimed */
  static const int paces[N_PACES] = { 0, PACE_MS };
  GArray *commits[N_PACES][N_KINDS + 1];
  GArray *bare_alone[2];
  GArray *bare_at_once[N_PACES][2];
  char *visit_ids[N_ROOMS];
  const char *counts[N_ROOMS];
  guint lost = 0;
  double start;

  setlocale (LC_ALL, "");

  if (argc == 5 && g_str_equal (argv[1], "--room"))
    return room (argv[2], g_ascii_strtoll (argv[3], NULL, 10), atoi (argv[4]));
  if (argc == 5 && g_str_equal (argv[1], "--bare"))
    return bare_commits (argv[2], atoi (argv[3]), atoi (argv[4]));
  if (argc == 4 && g_str_equal (argv[1], "--passes"))
    {
      n_passes = atoi (argv[2]);
      argv[1] = argv[3];
      argc = 2;
    }
  if (argc != 2 || !g_str_has_prefix (argv[1], "postgresql://") || n_passes < 1 ||
      n_passes > MAX_PASSES)
    {
      g_printerr ("Usage: bench-clinic-server [--passes N] postgresql:///EMPTY-DATABASE?host=…\n"
                  "  N: turns of the bare processes and the rooms, 1 to %d (%d by default)\n",
                  MAX_PASSES, N_PASSES);
      return EXIT_FAILURE;
    }
  n_runs = N_PACES * (guint) n_passes;

  store = palpate_store_open (argv[1], &error);
  g_assert_no_error (error);
  palpate_store_set_actor (store, "Bench");

  start = now_ms ();
  rand = g_rand_new_with_seed (17);
  for (int i = palpate_store_count_clients (store); i < 10000; i++)
    {
      g_autoptr(PalpateClient) client = palpate_client_new ();
      g_autofree char *name = NULL;
      g_autofree char *phone = NULL;

      /* A clinic's clients: given names and surnames drawn apart, numbers spread over area
       * codes; every text typed below names some of them. Drawn, not cycled: names that
       * repeat with a period would tell the server's planner that they never match. */
      g_rand_set_seed (rand, 17 + i);
      name = g_strdup_printf ("%s %s",
                              given_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (given_names))],
                              surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))]);
      phone = g_strdup_printf ("(%s) 555-%04d",
                               area_codes[g_rand_int_range (rand, 0, G_N_ELEMENTS (area_codes))],
                               g_rand_int_range (rand, 0, 10000));

      palpate_client_set_name (client, name);
      palpate_client_set_phone (client, phone);
      palpate_store_save_client (store, client, &error);
      g_assert_no_error (error);
    }
  g_print ("clients added up to %d in %.1f s\n", palpate_store_count_clients (store),
           (now_ms () - start) / 1000);

  /* A draft visit for each room. */
  for (int r = 0; r < N_ROOMS; r++)
    {
      g_autoptr(PalpateVisit) visit = palpate_visit_new ();

      palpate_visit_set_client_id (visit, r + 1);
      palpate_visit_set_started_at (visit, now);
      palpate_store_save_visit (store, visit, &error);
      g_assert_no_error (error);
      visit_ids[r] = g_strdup_printf ("%" G_GINT64_FORMAT, palpate_visit_get_id (visit));
      counts[r] = G_STRINGIFY (N_BARE);
    }

  /* The baseline: one process committing alone; then, in turns with the eight rooms, as many
   * processes as there are rooms at once, flat out and at a charting pace. */
  new_samples (bare_alone, 2);
  for (int p = 0; p < N_PACES; p++)
    {
      new_samples (bare_at_once[p], 2);
      new_samples (commits[p], N_KINDS + 1);
    }
  exec_on (argv[1], "CREATE TABLE bench_bare (id bigint GENERATED BY DEFAULT AS IDENTITY "
                    "PRIMARY KEY, visit_id bigint, view text, kind text, region_id text, "
                    "intensity bigint, points text)");
  run_at_once (argv[0], "--bare", argv[1], counts, 0, 1, 1, bare_alone);
  for (int pass = 0; pass < n_passes; pass++)
    for (int p = 0; p < N_PACES; p++)
      {
        GArray *bare_pass[2];
        GArray *rooms_pass[N_KINDS + 1];

        new_samples (bare_pass, 2);
        new_samples (rooms_pass, N_KINDS + 1);
        run_at_once (argv[0], "--bare", argv[1], counts, paces[p], N_ROOMS, 1, bare_pass);
        run_at_once (argv[0], "--room", argv[1], (const char **) visit_ids, paces[p], N_ROOMS,
                     N_KINDS, rooms_pass);
        pass_ratios[p][pass] = percentile (rooms_pass[N_KINDS], 0.99) /
                               percentile (bare_pass[1], 0.99);
        for (int k = 0; k < 2; k++)
          {
            g_array_append_vals (bare_at_once[p][k], bare_pass[k]->data, bare_pass[k]->len);
            g_array_unref (bare_pass[k]);
          }
        for (int k = 0; k <= N_KINDS; k++)
          {
            g_array_append_vals (commits[p][k], rooms_pass[k]->data, rooms_pass[k]->len);
            g_array_unref (rooms_pass[k]);
          }
      }
  exec_on (argv[1], "DROP TABLE bench_bare");

  /* Nothing lost: each room's rows all there, its last SOAP save kept. */
  for (int r = 0; r < N_ROOMS; r++)
    {
      gint64 visit_id = g_ascii_strtoll (visit_ids[r], NULL, 10);
      g_autoptr(GPtrArray) findings = palpate_store_list_findings (store, visit_id, &error);
      g_autoptr(GPtrArray) applied = palpate_store_list_applied_techniques (store, visit_id,
                                                                          &error);
      g_autoptr(PalpateVisit) visit = palpate_store_get_visit (store, visit_id, &error);
      g_autofree char *last = g_strdup_printf ("Round %d: low back easing.",
                                               n_runs * (N_ROUNDS + 1) - 1);

      if (findings->len != n_runs * (N_ROUNDS + 1) || applied->len != n_runs * (N_ROUNDS + 1) ||
          g_strcmp0 (palpate_visit_get_subjective (visit), last) != 0)
        lost++;
    }

  /* Typing in the window's search: each keystroke lists the matching clients and reads the
   * rows the list shows first; then the same words through the command line's search, which
   * reads the first fifty clients only. The window lists every client when the clinic opens:
   * here too, before the typing. */
  client_list = palpate_client_list_new (store);
  if (!palpate_client_list_set_search (client_list, "", &error))
    g_error ("client list: %s", error->message);
  for (int way = 0; way < N_SEARCH_WAYS; way++)
    {
      searches[way] = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
        for (glong len = 1; len <= g_utf8_strlen (typed[t], -1); len++)
          {
            g_autofree char *prefix = g_utf8_substring (typed[t], 0, len);
            g_autoptr(GPtrArray) found = NULL;
            g_autoptr(PalpateClient) first_row = NULL;
            double took;

            start = now_ms ();
            if (way == 0)
              {
                if (palpate_client_list_set_search (client_list, prefix, &error))
                  first_row = g_list_model_get_item (G_LIST_MODEL (client_list), 0);
              }
            else
              {
                found = palpate_store_search_clients (store, prefix, 50, &error);
              }
            took = now_ms () - start;
            g_assert_no_error (error);
            g_array_append_val (searches[way], took);
            if (slowest_text[way] == NULL || took > slowest[way])
              {
                slowest[way] = took;
                g_free (slowest_text[way]);
                slowest_text[way] = g_steal_pointer (&prefix);
              }
          }
    }

  g_print ("bare libpq single-row commit, one process alone: p50 %.3f ms, p99 %.3f ms\n",
           percentile (bare_alone[1], 0.5), percentile (bare_alone[1], 0.99));
  for (int p = 0; p < N_PACES; p++)
    print_pace (paces[p], n_passes, commits[p], bare_at_once[p][1], bare_alone[1],
                pass_ratios[p]);
  g_print ("lost updates: %u of %d rooms (goal 0)\n", lost, N_ROOMS);
  /* The first keystroke after the room saved a visit, which leaves the window's list as it
   * was, and after it saved a client, which has the list read every client again. */
  {
    g_autoptr(PalpateClient) client = palpate_store_get_client (store, 1, &error);
    g_autoptr(PalpateVisit) visit = palpate_store_get_visit (store, 1, &error);

    g_assert_no_error (error);
    palpate_visit_set_subjective (visit, "Saved before a search.");
    g_assert_true (palpate_store_save_visit (store, visit, &error));
    for (int saved = 0; saved < 2; saved++)
      {
        g_autoptr(PalpateClient) first_row = NULL;

        if (saved == 1)
          g_assert_true (palpate_store_save_client (store, client, &error));
        start = now_ms ();
        g_assert_true (palpate_client_list_set_search (client_list, saved ? "k" : "h", &error));
        first_row = g_list_model_get_item (G_LIST_MODEL (client_list), 0);
        after_save[saved] = now_ms () - start;
      }
  }

  for (int way = 0; way < N_SEARCH_WAYS; way++)
    {
      g_print ("client search over %d clients, per keystroke, %s: median %.3f ms, 95th "
               "percentile %.3f ms, slowest %.3f ms (“%s”) (goal ≤ 5 ms)\n",
               palpate_store_count_clients (store), search_ways[way], median (searches[way]),
               percentile (searches[way], 0.95), slowest[way], slowest_text[way]);
      g_array_unref (searches[way]);
      g_free (slowest_text[way]);
    }
  g_print ("  the window’s first keystroke after its room saved a visit: %.3f ms; after it saved "
           "a client, which reads every client again: %.3f ms\n", after_save[0], after_save[1]);

  for (int r = 0; r < N_ROOMS; r++)
    g_free (visit_ids[r]);
  for (int k = 0; k < 2; k++)
    g_array_unref (bare_alone[k]);
  for (int p = 0; p < N_PACES; p++)
    {
      for (int k = 0; k <= N_KINDS; k++)
        g_array_unref (commits[p][k]);
      for (int k = 0; k < 2; k++)
        g_array_unref (bare_at_once[p][k]);
    }
  return lost == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
