/* test-stats.c — the clinic overview's figures, on a small clinic whose answers are known
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "palpate-store-private.h"
#include "palpate-test-utils.h"

typedef struct
{
  char         *tmpdir;
  char         *path;
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
  g_free (fixture->path);
  g_free (fixture->tmpdir);
}

static void
test_stats_figures (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) months = NULL;
  g_autoptr(GArray) techniques = NULL;
  g_autoptr(GArray) conditions = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) year_ago = g_date_time_add_days (now, -365);
  gint64 better = add_client (fixture, "Better", "muscle-strain");
  gint64 same = add_client (fixture, "Same", "stress");
  gint64 once = add_client (fixture, "Once", "muscle-strain");
  gint64 v;
  guint n_rated, n_improved;
  int total = 0;

  /* Better: 8 → 5, meaningful. Same: 6 → 5, not. Once: a single rating, not counted. */
  v = add_visit (fixture, better, 0, 40, 8, 5);
  apply (fixture, v, 0, "trapezius-upper-left");
  apply (fixture, v, 0, "trapezius-upper-right");   /* one session of technique 0, not two */
  v = add_visit (fixture, better, 0, 5, 5, 4);
  apply (fixture, v, 1, "hamstrings-left");
  v = add_visit (fixture, same, 1, 30, 6, 6);
  apply (fixture, v, 1, "hamstrings-left");
  add_visit (fixture, same, 1, 2, 5, -1);
  add_visit (fixture, once, 1, 1, 4, 2);
  add_visit (fixture, once, 1, 500, -1, -1);         /* older than a year, and unrated */

  g_assert_true (palpate_store_count_improved (fixture->store, &n_rated, &n_improved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rated, ==, 2);
  g_assert_cmpuint (n_improved, ==, 1);

  months = palpate_store_list_visits_per_month (fixture->store, g_date_time_to_unix (year_ago),
                                                &error);
  g_assert_no_error (error);
  for (guint i = 0; i < months->len; i++)
    {
      PalpateMonthVisits *row = &g_array_index (months, PalpateMonthVisits, i);

      g_assert_true (g_str_equal (row->therapist, "Maria Rossi") ||
                     g_str_equal (row->therapist, "David Okafor"));
      total += row->visits;
    }
  g_assert_cmpint (total, ==, 5);

  /* Technique 0: one session, −3. Technique 1: two sessions, −1 and 0. */
  techniques = palpate_store_list_change_by_technique (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (techniques->len, ==, 2);
  g_assert_cmpint (g_array_index (techniques, PalpatePainChange, 0).sessions, ==, 1);
  g_assert_cmpfloat_with_epsilon (g_array_index (techniques, PalpatePainChange, 0).average_change,
                                  -3.0, 1e-9);
  g_assert_cmpint (g_array_index (techniques, PalpatePainChange, 1).sessions, ==, 2);
  g_assert_cmpfloat_with_epsilon (g_array_index (techniques, PalpatePainChange, 1).average_change,
                                  -0.5, 1e-9);

  /* Muscle strain: −3, −1, −2 → −2; stress and tension: 0. */
  conditions = palpate_store_list_change_by_condition (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conditions->len, ==, 2);
  g_assert_cmpstr (g_array_index (conditions, PalpatePainChange, 0).name, ==, "muscle-strain");
  g_assert_cmpint (g_array_index (conditions, PalpatePainChange, 0).sessions, ==, 3);
  g_assert_cmpfloat_with_epsilon (g_array_index (conditions, PalpatePainChange, 0).average_change,
                                  -2.0, 1e-9);
  g_assert_cmpstr (g_array_index (conditions, PalpatePainChange, 1).name, ==, "stress");
  g_assert_cmpfloat_with_epsilon (g_array_index (conditions, PalpatePainChange, 1).average_change,
                                  0.0, 1e-9);
}

static void
test_stats_empty (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GArray) techniques = palpate_store_list_change_by_technique (fixture->store, NULL);
  guint n_rated = 9, n_improved = 9;

  g_assert_true (palpate_store_count_improved (fixture->store, &n_rated, &n_improved, NULL));
  g_assert_cmpuint (n_rated, ==, 0);
  g_assert_cmpuint (n_improved, ==, 0);
  g_assert_cmpuint (techniques->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/Palpate/Stats/figures", Fixture, NULL, fixture_set_up, test_stats_figures,
              fixture_tear_down);
  g_test_add ("/Palpate/Stats/empty", Fixture, NULL, fixture_set_up, test_stats_empty,
              fixture_tear_down);

  return g_test_run ();
}
