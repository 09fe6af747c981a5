/* test-charting-body-map.c — the body chart and pain scales by hand: undoing a deleted finding,
 * the pain scale from the keyboard, the chart reached by Tab
 *
 * One named subtest per path, each through real clicks, keys and drags sent through the X
 * server (palpate-test-input), each on a clinic file of its own (palpate-test-charting.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-test-charting.h"

static gint64 draft_visit_id;

static void
undo_deleted_finding_body (Clinic        *clinic,
                           gconstpointer  data)
{
  PalpateBodyMap *map;
  GtkWidget *undo;

  palpate_test_open_latest_visit (clinic, "Anna Berg");
  map = palpate_visit_page_get_body_map (visit_page (clinic));
  palpate_test_chart_by_hand (map, PALPATE_FINDING_TRIGGER_POINT_ACTIVE, "trapezius-upper-left", 1, 7);
  WAIT_UNTIL (palpate_test_n_stored_findings (clinic, draft_visit_id) == 1);

  /* Delete takes the chosen finding off; the toast brings it back. */
  palpate_test_input_key ("Delete");
  WAIT_UNTIL (palpate_test_n_stored_findings (clinic, draft_visit_id) == 0);
  WAIT_UNTIL (palpate_test_has_toast (clinic->window, "Finding removed: Left upper trapezius"));
  undo = palpate_test_find_button (win (clinic), "Undo");
  g_assert_nonnull (undo);
  palpate_test_input_click (undo);
  WAIT_UNTIL (palpate_test_n_stored_findings (clinic, draft_visit_id) == 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (palpate_body_map_get_findings (map))), ==, 1);
}

static void
test_undo_deleted_finding (Clinic        *clinic,
                           gconstpointer  data)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");

  draft_visit_id = palpate_test_clinic_add_visit (clinic->seed, anna, 0);
  palpate_test_clinic_run (clinic, undo_deleted_finding_body);
}

/* The keyboard */

static GtkWidget *
focus_widget (Clinic *clinic)
{
  return gtk_root_get_focus (GTK_ROOT (clinic->window));
}

static void
pain_scale_keyboard_body (Clinic        *clinic,
                          gconstpointer  data)
{
  GtkWidget *before;
  GtkWidget *after;
  GtkWidget *subjective;

  palpate_test_open_latest_visit (clinic, "Anna Berg");
  before = palpate_test_child (GTK_WIDGET (visit_page (clinic)), "pain_before_scale");
  after = palpate_test_child (GTK_WIDGET (visit_page (clinic)), "pain_after_scale");

  /* A tap rates; the arrow keys go on from there, on the scale as one keyboard stop. */
  palpate_test_input_click (palpate_test_pain_button (before, 7));
  WAIT_UNTIL (pain_of (before) == 7);
  g_assert_true (focus_widget (clinic) == before);
  palpate_test_input_key ("Right");
  WAIT_UNTIL (pain_of (before) == 8);
  palpate_test_input_key ("Left");
  palpate_test_input_key ("Left");
  WAIT_UNTIL (pain_of (before) == 6);
  palpate_test_input_key ("End");
  WAIT_UNTIL (pain_of (before) == 10);
  palpate_test_input_key ("Home");
  WAIT_UNTIL (pain_of (before) == 0);
  palpate_test_input_key ("Right");
  palpate_test_input_key ("Right");
  WAIT_UNTIL (pain_of (before) == 2);
  g_assert_true (focus_widget (clinic) == before);

  /* One Tab leaves the scale; one Shift+Tab comes back to it. */
  palpate_test_input_key ("Tab");
  WAIT_UNTIL (focus_widget (clinic) != before);
  g_assert_false (gtk_widget_is_ancestor (focus_widget (clinic), before));
  palpate_test_input_key ("<Shift>Tab");
  WAIT_UNTIL (focus_widget (clinic) == before);

  /* A stray Space after a tap, or typing with spaces in a note, changes no rating. */
  palpate_test_input_click (palpate_test_pain_button (after, 3));
  WAIT_UNTIL (pain_of (after) == 3);
  palpate_test_input_type (" ");
  subjective = soap (clinic, "subjective");
  palpate_test_input_click (subjective);
  palpate_test_input_type ("tight left trapezius");
  {
    g_autofree char *text = palpate_test_text_of (GTK_TEXT_VIEW (subjective));

    g_assert_cmpstr (text, ==, "Stiff neck after a long drive.tight left trapezius");
  }
  g_assert_cmpint (pain_of (after), ==, 3);
  g_assert_cmpint (pain_of (before), ==, 2);
  g_assert_true (palpate_window_save_now (clinic->window));
  {
    g_autoptr(PalpateVisit) stored = palpate_store_get_visit (clinic->store, draft_visit_id, NULL);

    g_assert_cmpint (palpate_visit_get_pain_before (stored), ==, 2);
    g_assert_cmpint (palpate_visit_get_pain_after (stored), ==, 3);
  }
}

static void
test_pain_scale_keyboard (Clinic        *clinic,
                          gconstpointer  data)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");

  draft_visit_id = palpate_test_clinic_add_visit (clinic->seed, anna, 0);
  palpate_test_clinic_run (clinic, pain_scale_keyboard_body);
}

static void
body_map_focus_body (Clinic        *clinic,
                     gconstpointer  data)
{
  PalpateBodyMap *map;
  GtkWidget *canvas;
  g_autofree char *start = NULL;

  palpate_test_open_latest_visit (clinic, "Anna Berg");
  map = palpate_visit_page_get_body_map (visit_page (clinic));
  canvas = palpate_body_map_get_canvas (map);

  /* From the palette, Tab reaches the chart. */
  palpate_test_input_click (palpate_test_find_by_tooltip (GTK_WIDGET (map),
                                                          palpate_finding_kind_get_name (PALPATE_FINDING_TENDER_POINT)));
  for (int i = 0; i < 30 && focus_widget (clinic) != canvas; i++)
    palpate_test_input_key ("Tab");
  g_assert_true (focus_widget (clinic) == canvas);

  /* Before any arrow: the ring, and the region the arrows start from, named. */
  g_assert_true (gtk_widget_get_state_flags (canvas) & GTK_STATE_FLAG_FOCUS_VISIBLE);
  start = g_strdup (palpate_body_map_get_focused_region (map));
  g_assert_nonnull (start);
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (map),
                                                  palpate_region_name_for_id (start)));

  /* The arrows walk, Enter charts there. */
  palpate_test_input_key ("Down");
  WAIT_UNTIL (g_strcmp0 (palpate_body_map_get_focused_region (map), start) != 0);
  palpate_test_input_key ("Return");
  WAIT_UNTIL (palpate_test_n_stored_findings (clinic, draft_visit_id) == 1);
}

static void
test_body_map_focus (Clinic        *clinic,
                     gconstpointer  data)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");

  draft_visit_id = palpate_test_clinic_add_visit (clinic->seed, anna, 0);
  palpate_test_clinic_run (clinic, body_map_focus_body);
}

int
main (int   argc,
      char *argv[])
{
  palpate_test_charting_init (&argc, &argv);

  PALPATE_TEST_CHARTING_ADD ("undo-deleted-finding", test_undo_deleted_finding);
  PALPATE_TEST_CHARTING_ADD ("pain-scale-keyboard", test_pain_scale_keyboard);
  PALPATE_TEST_CHARTING_ADD ("body-map-focus", test_body_map_focus);

  return g_test_run ();
}
