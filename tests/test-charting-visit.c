/* test-charting-visit.c — charting a visit by hand: a whole session, the technique form, the
 * duration, the kinetic chain, a refused write, amendments and the review of earlier findings
 *
 * One named subtest per path, each through real clicks, keys and drags sent through the X
 * server (palpate-test-input), each on a clinic file of its own (palpate-test-charting.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-test-charting.h"

/* The unsigned visit a path charts on. */
static gint64 draft_visit_id;

/* The technique form */

static const char *
region_name (const char *region_id)
{
  return palpate_region_name_for_id (region_id);
}

static gboolean
chooser_lists (GtkWidget  *chooser,
               const char *region_id)
{
  GtkWidget *list = palpate_test_find_widget_of_type (chooser, GTK_TYPE_LIST_BOX);

  return list != NULL && palpate_test_find_label (list, region_name (region_id)) != NULL;
}

static void
technique_form_body (Clinic        *clinic,
                     gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *chooser;
  GtkWidget *apply;
  GtkWidget *minutes;
  PalpateBodyMap *map;

  palpate_test_open_latest_visit (clinic, "Anna Berg");
  page = GTK_WIDGET (visit_page (clinic));
  chooser = palpate_test_child (page, "region_chooser");
  apply = palpate_test_child (page, "apply_button");
  map = palpate_visit_page_get_body_map (visit_page (clinic));

  /* Nothing charted yet: no region is made up, and Apply waits for one. */
  g_assert_null (palpate_region_chooser_get_region_id (PALPATE_REGION_CHOOSER (chooser)));
  g_assert_false (gtk_widget_is_sensitive (apply));

  /* Charting a region makes it the technique's region, listed first as charted today. */
  palpate_test_chart_by_hand (map, PALPATE_FINDING_TRIGGER_POINT_ACTIVE, "hamstrings-right", 1, 3);
  WAIT_UNTIL (g_strcmp0 (palpate_region_chooser_get_region_id (PALPATE_REGION_CHOOSER (chooser)),
                         "hamstrings-right") == 0);
  g_assert_true (gtk_widget_is_sensitive (apply));

  /* Any word start, in any order, whatever the case and accents. */
  palpate_test_input_click (chooser);
  WAIT_UNTIL (palpate_test_find_label (chooser, "Charted today") != NULL);
  palpate_test_input_type ("upper trap");
  WAIT_UNTIL (!chooser_lists (chooser, "hamstrings-right"));
  g_assert_true (chooser_lists (chooser, "trapezius-upper-left"));
  g_assert_true (chooser_lists (chooser, "trapezius-upper-right"));
  palpate_test_input_key ("<Control>a");
  palpate_test_input_type ("trapezius");
  WAIT_UNTIL (chooser_lists (chooser, "trapezius-upper-left"));
  palpate_test_input_key ("<Control>a");
  palpate_test_input_type ("TRAPÉZIUS left upper");
  WAIT_UNTIL (chooser_lists (chooser, "trapezius-upper-left") &&
              !chooser_lists (chooser, "trapezius-upper-right"));
  palpate_test_input_key ("Return");
  WAIT_UNTIL (g_strcmp0 (palpate_region_chooser_get_region_id (PALPATE_REGION_CHOOSER (chooser)),
                         "trapezius-upper-left") == 0);

  /* The technique, its minutes and a firm pressure, then Apply. */
  palpate_test_choose_from_dropdown (palpate_test_child (page, "technique_dropdown"), "Trigger point therapy");
  palpate_test_choose_from_dropdown (palpate_test_child (page, "pressure_dropdown"), "Firm");
  minutes = palpate_test_child (page, "minutes_spin");
  palpate_test_input_move_to (minutes, 4, 4);
  palpate_test_input_click (minutes);
  palpate_test_input_key ("<Control>a");
  palpate_test_input_type ("12\t");
  WAIT_UNTIL (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (minutes)) == 12);
  palpate_test_input_click (apply);

  /* The row says it with the menu's own word. */
  WAIT_UNTIL (palpate_test_tree_contains_text (palpate_test_child (page, "applied_list"),
                                               "Left upper trapezius · 12 min · Firm"));
  {
    g_autoptr(GPtrArray) applied = palpate_store_list_applied_techniques (clinic->store,
                                                                          draft_visit_id, NULL);

    g_assert_cmpuint (applied->len, ==, 1);
    g_assert_cmpstr (palpate_applied_technique_get_region_id (applied->pdata[0]), ==,
                     "trapezius-upper-left");
    g_assert_cmpint (palpate_applied_technique_get_minutes (applied->pdata[0]), ==, 12);
    g_assert_cmpint (palpate_applied_technique_get_pressure (applied->pdata[0]), ==, 2);
  }
}

static void
test_technique_form (Clinic        *clinic,
                     gconstpointer  data)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");

  draft_visit_id = palpate_test_clinic_add_visit (clinic->seed, anna, 0);
  palpate_test_clinic_run (clinic, technique_form_body);
}

/* The session's duration */

static int
stored_duration (Clinic *clinic)
{
  g_autoptr(PalpateVisit) visit = palpate_store_get_visit (clinic->store, draft_visit_id, NULL);

  return palpate_visit_get_duration_minutes (visit);
}

static void
duration_body (Clinic        *clinic,
               gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *timer;
  GtkWidget *spin;

  palpate_test_open_latest_visit (clinic, "Anna Berg");
  page = GTK_WIDGET (visit_page (clinic));
  timer = palpate_test_child (page, "timer_label");
  spin = palpate_test_child (page, "duration_spin");

  /* Reopened twenty minutes after it started: the timer goes on from there. */
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (timer)), "20:") ||
                 g_str_has_prefix (gtk_label_get_text (GTK_LABEL (timer)), "21:"));

  /* Typing saves the note, not a duration nobody gave. */
  palpate_test_input_click (soap (clinic, "plan"));
  palpate_test_input_type ("Weekly for three weeks.");
  g_assert_true (palpate_window_save_now (clinic->window));
  g_assert_cmpint (stored_duration (clinic), ==, 0);

  /* The therapist takes the timer's minutes, or types their own. */
  palpate_test_input_click (palpate_test_child (page, "take_time_button"));
  WAIT_UNTIL (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)) >= 20);
  WAIT_UNTIL (stored_duration (clinic) >= 20);
  palpate_test_input_click (spin);
  palpate_test_input_key ("<Control>a");
  palpate_test_input_type ("45\t");
  WAIT_UNTIL (stored_duration (clinic) == 45);
}

static void
test_duration (Clinic        *clinic,
               gconstpointer  data)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) started = g_date_time_add_minutes (now, -20);

  palpate_visit_set_client_id (visit, anna);
  palpate_visit_set_started_at (visit, started);
  g_assert_true (palpate_store_save_visit (clinic->seed, visit, NULL));
  draft_visit_id = palpate_visit_get_id (visit);
  palpate_test_clinic_run (clinic, duration_body);
}

/* The kinetic chain */

static double
y_in (GtkWidget *widget,
      GtkWidget *ancestor)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, ancestor, &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.y;
}

static void
also_assess_body (Clinic        *clinic,
                  gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *panel;
  GtkWidget *group;
  PalpateBodyMap *map;
  double pain_y, techniques_y;

  palpate_test_open_latest_visit (clinic, "Anna Berg");
  page = GTK_WIDGET (visit_page (clinic));
  panel = palpate_test_child (page, "side_panel");
  group = palpate_test_child (page, "chain_group");
  map = palpate_visit_page_get_body_map (visit_page (clinic));
  /* Where pain and techniques are once the page is at rest: the groups above them (health
   * history, questionnaires) fill in as the visit loads. */
  techniques_y = -1;
  for (int still = 0; still < 5; )
    {
      double y = y_in (palpate_test_child (page, "techniques_group"), panel);

      still = y == techniques_y ? still + 1 : 0;
      techniques_y = y;
      palpate_test_iterate (5);
    }
  pain_y = y_in (palpate_test_child (page, "pain_before_scale"), panel);

  /* Three findings with partners along the chain: one compact reminder, pain and techniques
   * stay about where they were. */
  palpate_test_chart_by_hand (map, PALPATE_FINDING_SPASM_ZONE, "erector-spinae-lumbar-left", 6, 5);
  palpate_test_chart_by_hand (map, PALPATE_FINDING_TRIGGER_POINT_ACTIVE, "trapezius-upper-left", 1, 5);
  palpate_test_chart_by_hand (map, PALPATE_FINDING_ADHESION, "hamstrings-right", 3, 5);
  WAIT_UNTIL (palpate_test_n_stored_findings (clinic, draft_visit_id) == 3);
  WAIT_UNTIL (gtk_widget_get_mapped (group));
  g_assert_cmpfloat (y_in (palpate_test_child (page, "pain_before_scale"), panel) - pain_y, <, 100);
  g_assert_cmpfloat (y_in (palpate_test_child (page, "techniques_group"), panel) - techniques_y, <, 100);

  /* Dismissed in one click: nothing of it stays on the figure. */
  palpate_test_input_click (palpate_test_find_by_tooltip (group, "Dismiss All"));
  WAIT_UNTIL (!gtk_widget_get_visible (group));
  g_assert_null (palpate_body_map_get_highlighted_regions (map));

  /* Asked again by a new finding; gone once the visit is signed. */
  palpate_test_chart_by_hand (map, PALPATE_FINDING_TRIGGER_POINT_ACTIVE, "gluteus-medius-left", 1, 9);
  WAIT_UNTIL (gtk_widget_get_visible (group) ||
              palpate_test_n_stored_findings (clinic, draft_visit_id) == 4);
  palpate_test_sign_by_hand (clinic);
  g_assert_false (gtk_widget_get_visible (group));
  g_assert_null (palpate_body_map_get_highlighted_regions (map));
}

static void
test_also_assess (Clinic        *clinic,
                  gconstpointer  data)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");

  draft_visit_id = palpate_test_clinic_add_visit (clinic->seed, anna, 0);
  palpate_test_clinic_run (clinic, also_assess_body);
}

/* A whole session: charted, rated, treated, written, signed; then found again in the next
 * run, with the client's progress, the clinic overview and the report */

#define SUBJECTIVE "Stiff neck after a long drive; headache behind the left eye."
#define ASSESSMENT "Upper trapezius trigger point refers to the temple."
#define PLAN "Weekly for three weeks."

static char *long_objective;

static void
type_into (Clinic     *clinic,
           const char *field,
           const char *text)
{
  palpate_test_input_click (soap (clinic, field));
  palpate_test_input_type (text);
}

static void
choose_region (GtkWidget  *chooser,
               const char *search,
               const char *region_id)
{
  palpate_test_input_click (chooser);
  WAIT_UNTIL (gtk_widget_get_mapped (palpate_test_find_widget_of_type (chooser, GTK_TYPE_LIST_BOX)));
  palpate_test_input_type (search);
  palpate_test_input_key ("Return");
  WAIT_UNTIL (g_strcmp0 (palpate_region_chooser_get_region_id (PALPATE_REGION_CHOOSER (chooser)),
                         region_id) == 0);
}

static guint
n_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

/* Apply, right after a menu closed: X can still route that first press to the closing menu,
 * so a hand that sees no new row clicks once more. The row appears as the click is handled. */
static void
click_apply (GtkWidget *page)
{
  GtkWidget *list = palpate_test_child (page, "applied_list");
  guint before = n_rows (list);

  palpate_test_input_click (palpate_test_child (page, "apply_button"));
  if (n_rows (list) == before)
    palpate_test_input_click (palpate_test_child (page, "apply_button"));
  WAIT_UNTIL (n_rows (list) == before + 1);
}

static void
chart_session_body (Clinic        *clinic,
                    gconstpointer  data)
{
  GtkWidget *page;
  PalpateBodyMap *map;
  gint64 visit_id;

  palpate_test_click_client (clinic, "Anna Berg");
  WAIT_UNTIL (palpate_test_client_shown (clinic, "Anna Berg"));
  palpate_test_input_key ("<Control>n");
  WAIT_UNTIL (page_is (clinic, "visit"));
  page = GTK_WIDGET (visit_page (clinic));
  map = palpate_visit_page_get_body_map (visit_page (clinic));
  visit_id = palpate_visit_get_id (palpate_visit_page_get_visit (visit_page (clinic)));

  /* A click, a line and a painted area on the figure. */
  palpate_test_chart_by_hand (map, PALPATE_FINDING_TRIGGER_POINT_ACTIVE, "trapezius-upper-left", 1, 7);
  palpate_test_chart_by_hand (map, PALPATE_FINDING_ADHESION, "hamstrings-right", 3, 7);
  palpate_test_chart_by_hand (map, PALPATE_FINDING_SPASM_ZONE, "erector-spinae-lumbar-left", 6, 7);
  WAIT_UNTIL (palpate_test_n_stored_findings (clinic, visit_id) == 3);

  palpate_test_input_click (palpate_test_pain_button (palpate_test_child (page, "pain_before_scale"), 7));
  palpate_test_input_click (palpate_test_pain_button (palpate_test_child (page, "pain_after_scale"), 3));

  /* Two techniques: where was charted last, then a region searched for. */
  palpate_test_choose_from_dropdown (palpate_test_child (page, "technique_dropdown"), "Deep tissue");
  click_apply (page);
  choose_region (palpate_test_child (page, "region_chooser"), "upper trap left",
                 "trapezius-upper-left");
  palpate_test_choose_from_dropdown (palpate_test_child (page, "technique_dropdown"), "Trigger point therapy");
  click_apply (page);
  WAIT_UNTIL (palpate_test_tree_contains_text (palpate_test_child (page, "applied_list"),
                                               "Left upper trapezius"));

  /* The note, typed, and a long objective pasted. */
  type_into (clinic, "subjective", SUBJECTIVE);
  type_into (clinic, "assessment", ASSESSMENT);
  type_into (clinic, "plan", PLAN);
  palpate_test_input_paste (soap (clinic, "objective"), long_objective);

  /* In the file before signing, without any Save. */
  {
    g_autoptr(PalpateVisit) stored = NULL;
    g_autoptr(GPtrArray) applied = NULL;

    WAIT_UNTIL (palpate_visit_page_get_save_error (visit_page (clinic)) == NULL &&
                g_strcmp0 (gtk_label_get_text (GTK_LABEL (palpate_test_child (page, "saved_label"))),
                           "Saved") == 0);
    stored = palpate_store_get_visit (clinic->store, visit_id, NULL);
    g_assert_cmpint (palpate_visit_get_pain_before (stored), ==, 7);
    g_assert_cmpint (palpate_visit_get_pain_after (stored), ==, 3);
    g_assert_cmpstr (palpate_visit_get_subjective (stored), ==, SUBJECTIVE);
    g_assert_cmpuint (strlen (palpate_visit_get_objective (stored)), ==, strlen (long_objective));
    g_assert_true (g_str_equal (palpate_visit_get_objective (stored), long_objective));
    g_assert_cmpstr (palpate_visit_get_plan (stored), ==, PLAN);
    applied = palpate_store_list_applied_techniques (clinic->store, visit_id, NULL);
    g_assert_cmpuint (applied->len, ==, 2);
  }

  palpate_test_sign_by_hand (clinic);
  g_assert_false (palpate_body_map_get_editable (map));
  g_assert_false (gtk_widget_is_sensitive (palpate_test_child (page, "pain_before_scale")));
  palpate_test_input_key ("<Control>w");
}

static void
session_again_body (Clinic        *clinic,
                    gconstpointer  data)
{
  GtkWidget *page = GTK_WIDGET (visit_page (clinic));
  GtkWidget *client_page = GTK_WIDGET (palpate_window_get_client_page (clinic->window));
  g_autofree char *objective = NULL;

  /* Everything came back, read-only. */
  palpate_test_open_latest_visit (clinic, "Anna Berg");
  g_assert_cmpint (pain_of (palpate_test_child (page, "pain_before_scale")), ==, 7);
  g_assert_cmpint (pain_of (palpate_test_child (page, "pain_after_scale")), ==, 3);
  objective = palpate_test_text_of (GTK_TEXT_VIEW (soap (clinic, "objective")));
  g_assert_true (g_str_equal (objective, long_objective));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (palpate_body_map_get_findings (palpate_visit_page_get_body_map (visit_page (clinic))))), ==, 3);
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (soap (clinic, "plan"))));

  /* Back to the client with Alt+Left, the hand on the body map; the progress tab: each
   * finding's history. */
  palpate_test_input_click (GTK_WIDGET (palpate_visit_page_get_body_map (visit_page (clinic))));
  palpate_test_input_key ("<Alt>Left");
  WAIT_UNTIL (palpate_test_client_shown (clinic, "Anna Berg"));
  palpate_test_input_click (palpate_test_find_label (client_page, "Progress"));
  WAIT_UNTIL (gtk_widget_get_mapped (palpate_test_child (client_page, "history_list")));
  g_assert_true (palpate_test_tree_contains_text (palpate_test_child (client_page, "history_list"),
                                                  "Left upper trapezius"));
  g_assert_true (palpate_test_tree_contains_text (palpate_test_child (client_page, "region_list"),
                                                  "Left lumbar erector spinae"));

  /* The clinic overview from the main menu counts signed visits over care: one signed visit
   * is no course of care yet, however much pain fell within it; each figure says what it is. */
  {
    GtkWidget *menu = palpate_test_find_by_tooltip (palpate_test_child (win (clinic), "sidebar"),
                                                    "Main Menu");
    GtkWidget *item;
    GtkWidget *dashboard;

    palpate_test_input_click (menu);
    WAIT_UNTIL ((item = palpate_test_find_label (menu, "Clinic Overview")) != NULL);
    palpate_test_input_click (item);
    WAIT_UNTIL (page_is (clinic, "dashboard"));
    dashboard = palpate_test_find_widget_of_type (win (clinic), PALPATE_TYPE_DASHBOARD);
    g_assert_true (palpate_test_tree_contains_text (dashboard, "Change over Care by Technique"));
    g_assert_true (palpate_test_tree_contains_text (dashboard,
                                                    "No client who received a technique had pain rated at two counted visits in this period"));
    g_assert_true (palpate_test_tree_contains_text (dashboard, "signed notes only"));
    g_assert_false (palpate_test_tree_contains_text (dashboard, "-4.0"));
  }
}

static void
test_chart_session (Clinic        *clinic,
                    gconstpointer  data)
{
  g_autoptr(GString) objective = g_string_new (NULL);
  /* A long note mixing scripts: 20,000 characters, or 200,000 with PALPATE_TEST_LONG_NOTE=1
   * (laying out that much text takes the window a while under a loaded X server). */
  glong length = g_strcmp0 (g_getenv ("PALPATE_TEST_LONG_NOTE"), "1") == 0 ? 200000 : 20000;

  while (g_utf8_strlen (objective->str, -1) < length - 20)
    g_string_append (objective, "Tender QL. ألم 疼痛 💆 ");
  while (g_utf8_strlen (objective->str, -1) < length)
    g_string_append_c (objective, '.');
  long_objective = objective->str;

  palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  palpate_test_clinic_run (clinic, chart_session_body);
  palpate_test_clinic_run (clinic, session_again_body);
  long_objective = NULL;
}

/* A file that refuses writes */

static gboolean
is_saved (Clinic *clinic)
{
  return palpate_visit_page_get_save_error (visit_page (clinic)) == NULL;
}

static void
refused_write_body (Clinic        *clinic,
                    gconstpointer  data)
{
  GtkWidget *subjective;
  g_autofree char *kept = NULL;

  palpate_test_open_latest_visit (clinic, "Anna Berg");
  subjective = soap (clinic, "subjective");

  /* The edit stays on screen with the reason, and nothing lets the visit go unsaved. */
  g_assert_true (palpate_store_exec (clinic->store, "PRAGMA query_only = ON", NULL));
  palpate_test_input_click (subjective);
  palpate_test_input_key ("<Control>a");
  palpate_test_input_type ("Typed while the file was read-only");
  WAIT_UNTIL (!is_saved (clinic));
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (visit_page (clinic)), "Not saved"));
  kept = palpate_test_text_of (GTK_TEXT_VIEW (subjective));
  g_assert_cmpstr (kept, ==, "Typed while the file was read-only");

  /* Saved as soon as the file takes writes again. */
  g_assert_true (palpate_store_exec (clinic->store, "PRAGMA query_only = OFF", NULL));
  palpate_test_input_type (".");
  WAIT_UNTIL (is_saved (clinic));
  {
    g_autoptr(PalpateVisit) stored = palpate_store_get_visit (clinic->store, draft_visit_id, NULL);

    g_assert_cmpstr (palpate_visit_get_subjective (stored), ==, "Typed while the file was read-only.");
  }
}

static void
test_refused_write (Clinic        *clinic,
                    gconstpointer  data)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");

  draft_visit_id = palpate_test_clinic_add_visit (clinic->seed, anna, 0);
  palpate_test_clinic_run (clinic, refused_write_body);
}

/* Signed visits and amendments */

static gint64 signed_visit_id;

static void
empty_amendment_body (Clinic        *clinic,
                      gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *add;
  GtkWidget *plan;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  palpate_test_open_latest_visit (clinic, "Anna Berg");
  page = GTK_WIDGET (visit_page (clinic));

  /* Nothing typed: Add Amendment is not offered, and a click on it changes nothing. */
  add = palpate_test_find_button (page, "Add Amendment");
  g_assert_nonnull (add);
  g_assert_false (gtk_widget_is_sensitive (add));
  palpate_test_input_click (add);
  g_assert_false (palpate_test_tree_contains_text (page, "Not saved"));

  /* The signed note looks like a record and takes no typing. */
  plan = soap (clinic, "subjective");
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (plan), "read-only"));
  before = palpate_test_text_of (GTK_TEXT_VIEW (plan));
  palpate_test_input_click (plan);
  palpate_test_input_type ("x");
  after = palpate_test_text_of (GTK_TEXT_VIEW (plan));
  g_assert_cmpstr (before, ==, after);

  /* Back to the client and on to another, without a word about unsaved changes. */
  palpate_test_input_click (palpate_test_find_by_tooltip (page, "Back to the Client (Alt+Left)"));
  WAIT_UNTIL (palpate_test_client_shown (clinic, "Anna Berg"));
  palpate_test_click_client (clinic, "Bruno Costa");
  WAIT_UNTIL (palpate_test_client_shown (clinic, "Bruno Costa"));

  /* A real amendment is saved and listed beside the original. */
  palpate_test_open_latest_visit (clinic, "Anna Berg");
  palpate_test_input_click (palpate_test_child (page, "amendment_view"));
  palpate_test_input_type ("Client called: headache gone the next morning.");
  /* Not without its reason. */
  palpate_test_input_settle ();
  g_assert_false (gtk_widget_is_sensitive (add));
  palpate_test_input_click (palpate_test_child (page, "reason_row"));
  palpate_test_input_type ("Follow-up call");
  WAIT_UNTIL (gtk_widget_is_sensitive (add));
  palpate_test_input_click (add);
  WAIT_UNTIL (palpate_test_tree_contains_text (palpate_test_child (page, "amendment_list"),
                                               "headache gone the next morning"));
  {
    g_autoptr(GPtrArray) amendments = palpate_store_list_amendments (clinic->store,
                                                                     signed_visit_id, NULL);

    g_assert_cmpuint (amendments->len, ==, 1);
  }
  g_assert_false (gtk_widget_is_sensitive (add));
}

static void
test_empty_amendment (Clinic        *clinic,
                      gconstpointer  data)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");

  palpate_test_clinic_add_client (clinic->seed, "Bruno Costa");
  signed_visit_id = palpate_test_clinic_add_visit (clinic->seed, anna, 0);
  palpate_test_clinic_sign_visit (clinic->seed, signed_visit_id);
  palpate_test_clinic_run (clinic, empty_amendment_body);
}

/* Since Last Visit */

static gint64 earlier_ids[3];
static gint64 today_visit_id;

static PalpateFinding *
carried_from (PalpateStore *store,
              const char   *region_id)
{
  g_autoptr(GPtrArray) findings = palpate_store_list_findings (store, today_visit_id, NULL);

  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (palpate_finding_get_region_id (findings->pdata[i]), region_id) == 0)
      return g_object_ref (findings->pdata[i]);

  return NULL;
}

static GtkWidget *
review_button (Clinic     *clinic,
               guint       row,
               const char *label)
{
  GtkWidget *list = palpate_test_child (GTK_WIDGET (visit_page (clinic)), "ghost_list");
  GtkListBoxRow *r = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), row);

  g_assert_nonnull (r);
  return palpate_test_find_button (GTK_WIDGET (r), label);
}

static void
since_last_visit_body (Clinic        *clinic,
                       gconstpointer  data)
{
  GtkWidget *list;
  GtkWidget *better;
  graphene_point_t where;
  g_autofree char *first_region = NULL;
  g_autofree char *second_region = NULL;

  palpate_test_open_latest_visit (clinic, "Anna Berg");
  list = palpate_test_child (GTK_WIDGET (visit_page (clinic)), "ghost_list");
  first_region = g_strdup (adw_preferences_row_get_title (
    ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))));
  second_region = g_strdup (adw_preferences_row_get_title (
    ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1))));

  /* Where the second row's Better is now: the hand goes there a second after Gone. */
  better = review_button (clinic, 1, "Better");
  palpate_test_input_wait_visible (better, 5000);
  g_assert_true (gtk_widget_compute_point (better, list,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (better) / 2.0,
                                                                 gtk_widget_get_height (better) / 2.0),
                                           &where));

  palpate_test_input_click (review_button (clinic, 0, "Gone"));
  palpate_test_input_click_at (list, where.x, where.y);

  {
    g_autoptr(PalpateFinding) first = NULL;
    g_autoptr(PalpateFinding) second = NULL;
    g_autoptr(GPtrArray) findings = NULL;
    const char *first_id = NULL;
    const char *second_id = NULL;
    const char *ids[] = { "trapezius-upper-left", "hamstrings-right", "erector-spinae-lumbar-left" };

    for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
      {
        const char *name = palpate_region_name_for_id (ids[i]);

        if (g_str_equal (name, first_region))
          first_id = ids[i];
        if (g_str_equal (name, second_region))
          second_id = ids[i];
      }
    g_assert_nonnull (first_id);
    g_assert_nonnull (second_id);

    WAIT_UNTIL ((second = carried_from (clinic->store, second_id)) != NULL);
    first = carried_from (clinic->store, first_id);
    g_assert_nonnull (first);
    g_assert_cmpint (palpate_finding_get_status (first), ==, PALPATE_FINDING_STATUS_RESOLVED);
    g_assert_cmpint (palpate_finding_get_status (second), ==, PALPATE_FINDING_STATUS_IMPROVED);
    findings = palpate_store_list_findings (clinic->store, today_visit_id, NULL);
    g_assert_cmpuint (findings->len, ==, 2);

    /* The rows stayed put, each showing its mark. */
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (review_button (clinic, 0, "Gone"))));
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (review_button (clinic, 1, "Better"))));

    /* A mark changed, then taken back. */
    palpate_test_input_click (review_button (clinic, 0, "Same"));
    WAIT_UNTIL (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (review_button (clinic, 0, "Same"))));
    g_clear_object (&first);
    first = carried_from (clinic->store, first_id);
    g_assert_cmpint (palpate_finding_get_status (first), ==, PALPATE_FINDING_STATUS_PERSISTING);
    g_clear_object (&first);

    palpate_test_input_click (review_button (clinic, 0, "Same"));
    WAIT_UNTIL (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (review_button (clinic, 0, "Same"))));
    first = carried_from (clinic->store, first_id);
    g_assert_null (first);
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (review_button (clinic, 0, "Gone"))));
  }
}

static void
test_since_last_visit (Clinic        *clinic,
                       gconstpointer  data)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  gint64 earlier = palpate_test_clinic_add_visit (clinic->seed, anna, 7);

  earlier_ids[0] = palpate_test_clinic_add_finding (clinic->seed, earlier,
                                                    PALPATE_FINDING_TRIGGER_POINT_ACTIVE,
                                                    "trapezius-upper-left", 7);
  earlier_ids[1] = palpate_test_clinic_add_finding (clinic->seed, earlier,
                                                    PALPATE_FINDING_ADHESION,
                                                    "hamstrings-right", 5);
  earlier_ids[2] = palpate_test_clinic_add_finding (clinic->seed, earlier,
                                                    PALPATE_FINDING_SPASM_ZONE,
                                                    "erector-spinae-lumbar-left", 6);
  palpate_test_clinic_sign_visit (clinic->seed, earlier);
  today_visit_id = palpate_test_clinic_add_visit (clinic->seed, anna, 0);
  palpate_test_clinic_run (clinic, since_last_visit_body);
}

int
main (int   argc,
      char *argv[])
{
  palpate_test_charting_init (&argc, &argv);

  PALPATE_TEST_CHARTING_ADD ("chart-session", test_chart_session);
  PALPATE_TEST_CHARTING_ADD ("empty-amendment", test_empty_amendment);
  PALPATE_TEST_CHARTING_ADD ("since-last-visit", test_since_last_visit);
  PALPATE_TEST_CHARTING_ADD ("technique-form", test_technique_form);
  PALPATE_TEST_CHARTING_ADD ("duration", test_duration);
  PALPATE_TEST_CHARTING_ADD ("also-assess", test_also_assess);
  PALPATE_TEST_CHARTING_ADD ("refused-write", test_refused_write);

  return g_test_run ();
}
