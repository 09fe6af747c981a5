/* test-stats.c — the clinic overview's figures, on a small clinic whose answers are known
 *
 * Each client's course of care in the period is first against latest counted visit; signed
 * visits count, drafts only when asked for, a client's own self-rating never.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "palpate-store-private.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"
#include "palpate-test-utils.h"

/* --server: the cases run on a clinic on the test's PostgreSQL server instead of a file. */
static gboolean test_on_server;

typedef struct
{
  char         *tmpdir;
  char         *path;
  char         *conninfo;   /* the server database, with --server */
  PalpateStore *store;
  gint64        therapists[2];
  gint64        techniques[2];
} Fixture;

static gint64
add_client (Fixture    *fixture,
            const char *name,
            const char *condition)
{
  g_autoptr(PalpateClient) client = palpate_client_new ();
  const char *conditions[] = { condition, NULL };

  palpate_client_set_name (client, name);
  palpate_client_set_conditions (client, conditions);
  g_assert_true (palpate_store_save_client (fixture->store, client, NULL));
  return palpate_client_get_id (client);
}

static gint64
add_visit (Fixture *fixture,
           gint64   client,
           int      therapist,
           int      days_ago,
           int      before,
           int      after)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = g_date_time_add_days (now, -days_ago);
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();

  palpate_visit_set_client_id (visit, client);
  palpate_visit_set_therapist_id (visit, fixture->therapists[therapist]);
  palpate_visit_set_started_at (visit, when);
  palpate_visit_set_pain_before (visit, before);
  palpate_visit_set_pain_after (visit, after);
  g_assert_true (palpate_store_save_visit (fixture->store, visit, NULL));
  return palpate_visit_get_id (visit);
}

static void
sign (Fixture *fixture,
      gint64   visit_id)
{
  g_autoptr(PalpateVisit) visit = palpate_store_get_visit (fixture->store, visit_id, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (palpate_store_sign_visit (fixture->store, visit, "Maria Rossi", &error));
  g_assert_no_error (error);
}

/* A signed visit: add_visit() then sign(), with no techniques. */
static gint64
add_signed (Fixture *fixture,
            gint64   client,
            int      days_ago,
            int      before)
{
  gint64 v = add_visit (fixture, client, 0, days_ago, before, -1);

  sign (fixture, v);
  return v;
}

static void
apply (Fixture *fixture,
       gint64   visit,
       int      technique,
       const char *region)
{
  g_autoptr(PalpateAppliedTechnique) applied = palpate_applied_technique_new ();

  palpate_applied_technique_set_visit_id (applied, visit);
  palpate_applied_technique_set_technique_id (applied, fixture->techniques[technique]);
  palpate_applied_technique_set_region_id (applied, region);
  palpate_applied_technique_set_minutes (applied, 10);
  g_assert_true (palpate_store_save_applied_technique (fixture->store, applied, NULL));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) techniques = NULL;
  const char *names[] = { "Maria Rossi", "David Okafor" };

  fixture->tmpdir = palpate_test_make_tmpdir ();
  if (test_on_server)
    {
      fixture->conninfo = palpate_test_server_new_database ();
      g_assert_nonnull (fixture->conninfo);
      fixture->path = palpate_test_store_server_location (fixture->conninfo);
    }
  else
    fixture->path = g_build_filename (fixture->tmpdir, "clinic.sqlite3", NULL);
  fixture->store = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PalpateTherapist) therapist = palpate_therapist_new ();

      palpate_therapist_set_name (therapist, names[i]);
      g_assert_true (palpate_store_save_therapist (fixture->store, therapist, NULL));
      fixture->therapists[i] = palpate_therapist_get_id (therapist);
    }

  techniques = palpate_store_list_techniques (fixture->store, &error);
  g_assert_cmpuint (techniques->len, >=, 2);
  fixture->techniques[0] = palpate_technique_get_id (techniques->pdata[0]);
  fixture->techniques[1] = palpate_technique_get_id (techniques->pdata[1]);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  palpate_test_remove_tree (fixture->tmpdir);
  palpate_test_server_drop_database (fixture->conninfo);
  g_free (fixture->conninfo);
  g_free (fixture->path);
  g_free (fixture->tmpdir);
}

static const PalpateCareChange *
find_change (GArray     *rows,
             const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (g_array_index (rows, PalpateCareChange, i).name, name))
      return &g_array_index (rows, PalpateCareChange, i);

  g_error ("no row for “%s”", name);
  return NULL;
}

static void
test_stats_figures (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateOverview) signed_only = NULL;
  g_autoptr(PalpateOverview) with_drafts = NULL;
  g_autoptr(PalpateOverview) whole = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) year_ago = g_date_time_add_days (now, -365);
  gint64 from = g_date_time_to_unix (year_ago), to = g_date_time_to_unix (now) + 60;
  gint64 better = add_client (fixture, "Better", "muscle-strain");
  gint64 same = add_client (fixture, "Same", "stress");
  gint64 low = add_client (fixture, "Low", "muscle-strain");
  gint64 drafty = add_client (fixture, "Drafty", "stress");
  gint64 self_rated = add_client (fixture, "Self-rated", "stress");
  gint64 old = add_client (fixture, "Old", "sports-injury");
  g_autofree char *technique0 = NULL;
  g_autofree char *technique1 = NULL;
  const PalpateCareChange *row;
  gint64 v;
  int total = 0;

  /* Better: 8 → 5, meaningful; technique 0 on two regions (one client), then technique 1. */
  v = add_visit (fixture, better, 0, 40, 8, 5);
  apply (fixture, v, 0, "trapezius-upper-left");
  apply (fixture, v, 0, "trapezius-upper-right");
  sign (fixture, v);
  v = add_visit (fixture, better, 0, 5, 5, 4);
  apply (fixture, v, 1, "hamstrings-left");
  sign (fixture, v);
  /* Same: 6 → 5, lower but not meaningful. */
  v = add_visit (fixture, same, 1, 30, 6, 6);
  apply (fixture, v, 1, "hamstrings-left");
  sign (fixture, v);
  add_signed (fixture, same, 2, 5);
  /* Low: 3 → 1, from below 4, where the rule does not apply. */
  add_signed (fixture, low, 20, 3);
  add_signed (fixture, low, 1, 1);
  /* Drafty: signed 7, then an unsigned draft at 4: a course only when drafts count. */
  add_signed (fixture, drafty, 20, 7);
  add_visit (fixture, drafty, 1, 1, 4, 3);
  /* Self-rated: signed 8 → 7, then the client's own 2 from the waiting room: never counted. */
  add_signed (fixture, self_rated, 25, 8);
  add_signed (fixture, self_rated, 3, 7);
  {
    g_autoptr(PalpateVisit) visit = palpate_visit_new ();

    palpate_visit_set_client_id (visit, self_rated);
    palpate_visit_set_started_at (visit, now);
    palpate_visit_set_pain_before (visit, 2);
    palpate_visit_set_reported_by_client (visit, TRUE);
    g_assert_true (palpate_store_save_visit (fixture->store, visit, NULL));
  }
  /* Old: 9 → 2 more than a year ago: outside the past twelve months. */
  add_signed (fixture, old, 500, 9);
  add_signed (fixture, old, 400, 2);

  signed_only = palpate_store_read_overview (fixture->store, from, to, PALPATE_VISITS_SIGNED,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpint (signed_only->from, ==, from);
  g_assert_cmpint (signed_only->to, ==, to);
  g_assert_cmpuint (signed_only->n_clients_seen, ==, 5);
  g_assert_cmpuint (signed_only->n_courses, ==, 4);      /* not Drafty: one signed rating */
  g_assert_cmpuint (signed_only->n_eligible, ==, 3);     /* not Low: started at 3 */
  g_assert_cmpuint (signed_only->n_improved, ==, 1);     /* Better only; Self-rated is 8 → 7 */

  /* Visits per month: the nine signed visits of the year, every one with its therapist; the
   * self-rating is no "No therapist" visit. */
  for (guint i = 0; i < signed_only->months->len; i++)
    {
      PalpateMonthVisits *month = &g_array_index (signed_only->months, PalpateMonthVisits, i);

      g_assert_cmpstr (month->therapist, !=, "");
      total += month->visits;
    }
  g_assert_cmpint (total, ==, 9);

  /* By technique, over care: technique 0 reached Better (−3); technique 1 Better and Same
   * (−3 and −1: −2). Best first. */
  technique0 = g_strdup (g_array_index (signed_only->by_technique, PalpateCareChange, 0).name);
  g_assert_cmpuint (signed_only->by_technique->len, ==, 2);
  row = &g_array_index (signed_only->by_technique, PalpateCareChange, 0);
  g_assert_cmpuint (row->clients, ==, 1);
  g_assert_cmpfloat_with_epsilon (row->average_change, -3.0, 1e-9);
  g_assert_cmpuint (row->improved, ==, 1);
  row = &g_array_index (signed_only->by_technique, PalpateCareChange, 1);
  technique1 = g_strdup (row->name);
  g_assert_cmpstr (technique0, !=, technique1);
  g_assert_cmpuint (row->clients, ==, 2);
  g_assert_cmpfloat_with_epsilon (row->average_change, -2.0, 1e-9);
  g_assert_cmpuint (row->eligible, ==, 2);
  g_assert_cmpuint (row->improved, ==, 1);

  /* By condition: muscle strain is Better and Low (−3, −2); stress is Same and Self-rated
   * (−1, −1), Drafty having no course of signed visits. */
  g_assert_cmpuint (signed_only->by_condition->len, ==, 2);
  g_assert_cmpstr (g_array_index (signed_only->by_condition, PalpateCareChange, 0).name, ==,
                   "muscle-strain");
  row = find_change (signed_only->by_condition, "muscle-strain");
  g_assert_cmpuint (row->clients, ==, 2);
  g_assert_cmpfloat_with_epsilon (row->average_change, -2.5, 1e-9);
  g_assert_cmpuint (row->eligible, ==, 1);
  g_assert_cmpuint (row->improved, ==, 1);
  row = find_change (signed_only->by_condition, "stress");
  g_assert_cmpuint (row->clients, ==, 2);
  g_assert_cmpfloat_with_epsilon (row->average_change, -1.0, 1e-9);
  g_assert_cmpuint (row->improved, ==, 0);

  /* Drafts when asked for: Drafty's 7 → 4 counts; the self-rating still does not. */
  with_drafts = palpate_store_read_overview (fixture->store, from, to, PALPATE_VISITS_WITH_DRAFTS,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (with_drafts->n_courses, ==, 5);
  g_assert_cmpuint (with_drafts->n_eligible, ==, 4);
  g_assert_cmpuint (with_drafts->n_improved, ==, 2);
  row = find_change (with_drafts->by_condition, "stress");
  g_assert_cmpuint (row->clients, ==, 3);
  g_assert_cmpfloat_with_epsilon (row->average_change, -5.0 / 3, 1e-9);

  /* The whole history takes in Old's 9 → 2. */
  whole = palpate_store_read_overview (fixture->store, 0, to, PALPATE_VISITS_SIGNED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (whole->n_courses, ==, 5);
  g_assert_cmpuint (whole->n_improved, ==, 2);
  row = find_change (whole->by_condition, "sports-injury");
  g_assert_cmpfloat_with_epsilon (row->average_change, -7.0, 1e-9);
}

static void
test_stats_empty (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(PalpateOverview) overview = palpate_store_read_overview (fixture->store, 0,
                                                                     G_MAXINT64,
                                                                     PALPATE_VISITS_SIGNED, NULL);

  g_assert_nonnull (overview);
  g_assert_cmpuint (overview->n_courses, ==, 0);
  g_assert_cmpuint (overview->n_improved, ==, 0);
  g_assert_cmpuint (overview->by_technique->len, ==, 0);
  g_assert_cmpuint (overview->months->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  test_on_server = palpate_test_store_parse_server_arg (&argc, &argv);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (test_on_server && palpate_test_store_skip_program_without_server ())
    return 0;

  g_test_add ("/Palpate/Stats/figures", Fixture, NULL, fixture_set_up, test_stats_figures,
              fixture_tear_down);
  g_test_add ("/Palpate/Stats/empty", Fixture, NULL, fixture_set_up, test_stats_empty,
              fixture_tear_down);

  return g_test_run ();
}
