/* test-body-map.c — charting in a real window: a click places a finding in the right region,
 * a drag paints an area, the keyboard charts too, and undo takes it back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "palpate-body-map.h"
#include "palpate-test-utils.h"

typedef struct
{
  GtkWidget      *window;
  PalpateBodyMap *map;
  GListStore     *findings;
  guint           added;
  guint           removed;
  guint           changed;
} Fixture;

static void
added_cb (PalpateBodyMap *map, PalpateFinding *finding, Fixture *fixture) { fixture->added++; }
static void
removed_cb (PalpateBodyMap *map, PalpateFinding *finding, Fixture *fixture) { fixture->removed++; }
static void
changed_cb (PalpateBodyMap *map, PalpateFinding *finding, Fixture *fixture) { fixture->changed++; }

static gboolean
canvas_is_sized (gpointer user_data)
{
  return gtk_widget_get_width (user_data) > 300;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->window = gtk_window_new ();
  fixture->map = PALPATE_BODY_MAP (palpate_body_map_new ());
  fixture->findings = g_list_store_new (PALPATE_TYPE_FINDING);
  palpate_body_map_set_findings (fixture->map, fixture->findings);
  g_signal_connect (fixture->map, "finding-added", G_CALLBACK (added_cb), fixture);
  g_signal_connect (fixture->map, "finding-removed", G_CALLBACK (removed_cb), fixture);
  g_signal_connect (fixture->map, "finding-changed", G_CALLBACK (changed_cb), fixture);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 1000);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->map));
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (palpate_test_wait_for (canvas_is_sized,
                                        palpate_body_map_get_canvas (fixture->map), 5000));
  palpate_test_iterate (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_object_ref (fixture->window);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_assert_finalize_object (fixture->window);
  g_assert_finalize_object (fixture->findings);
}

/* A press, moves through @path and a release, as the drag gesture reports them. */
static void
drag_through (Fixture            *fixture,
              PalpateView         view,
              const PalpatePoint *path,
              guint               n)
{
  GtkWidget *canvas = palpate_body_map_get_canvas (fixture->map);
  GtkGesture *drag = palpate_test_find_drag (canvas);
  double x0, y0;

  g_assert_nonnull (drag);
  g_assert_true (palpate_body_map_atlas_to_widget (fixture->map, view, &path[0], &x0, &y0));
  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  for (guint i = 1; i < n; i++)
    {
      double x, y;

      palpate_body_map_atlas_to_widget (fixture->map, view, &path[i], &x, &y);
      g_signal_emit_by_name (drag, "drag-update", x - x0, y - y0);
    }
  {
    double x, y;

    palpate_body_map_atlas_to_widget (fixture->map, view, &path[n - 1], &x, &y);
    g_signal_emit_by_name (drag, "drag-end", x - x0, y - y0);
  }
  palpate_test_iterate (20);
}

static PalpateFinding *
nth_finding (Fixture *fixture,
             guint    n)
{
  g_autoptr(PalpateFinding) finding = g_list_model_get_item (G_LIST_MODEL (fixture->findings), n);
  return finding;
}

static void
test_body_map_click_places_finding (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  /* The patient's right upper trapezius, seen from behind: on the viewer's right. */
  const PalpatePoint spot[] = { { 236, 198 } };
  PalpateFinding *finding;

  palpate_body_map_set_current_kind (fixture->map, PALPATE_FINDING_TRIGGER_POINT_ACTIVE);
  drag_through (fixture, PALPATE_VIEW_POSTERIOR, spot, 1);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->findings)), ==, 1);
  g_assert_cmpuint (fixture->added, ==, 1);
  finding = nth_finding (fixture, 0);
  g_assert_cmpstr (palpate_finding_get_region_id (finding), ==, "trapezius-upper-right");
  g_assert_cmpint (palpate_finding_get_view (finding), ==, PALPATE_VIEW_POSTERIOR);
  g_assert_cmpint (palpate_finding_get_kind (finding), ==, PALPATE_FINDING_TRIGGER_POINT_ACTIVE);
  g_assert_true (palpate_body_map_get_selected_finding (fixture->map) == finding);

  /* Keys 0–9 set the intensity; 0 is ten. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->map), "body-map.intensity", "i",
                                             8));
  g_assert_cmpint (palpate_finding_get_intensity (finding), ==, 8);
  g_assert_cmpuint (fixture->changed, ==, 1);

  /* Undo takes back the intensity, then the finding; redo brings it back. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "body-map.undo", NULL);
  g_assert_cmpint (palpate_finding_get_intensity (finding), ==, 5);
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "body-map.undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->findings)), ==, 0);
  g_assert_cmpuint (fixture->removed, ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "body-map.redo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->findings)), ==, 1);
  g_assert_cmpuint (fixture->added, ==, 2);

  /* Delete removes the selected finding. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "body-map.delete", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->findings)), ==, 0);
}

static void
test_body_map_front_is_mirrored (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  /* From the front, the patient's right shoulder is on the viewer's left. */
  const PalpatePoint spot[] = { { 108, 232 } };

  palpate_body_map_set_current_kind (fixture->map, PALPATE_FINDING_TENDER_POINT);
  drag_through (fixture, PALPATE_VIEW_ANTERIOR, spot, 1);
  g_assert_cmpstr (palpate_finding_get_region_id (nth_finding (fixture, 0)), ==,
                   "deltoid-anterior-right");
}

static void
test_body_map_drag_paints_area (Fixture       *fixture,
                                gconstpointer  user_data)
{
  PalpatePoint path[24];
  const PalpatePoint *points;
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    path[i] = (PalpatePoint) { 210 + 10 * cos (i * G_PI / 11), 410 + 24 * sin (i * G_PI / 11) };

  palpate_body_map_set_current_kind (fixture->map, PALPATE_FINDING_SPASM_ZONE);
  drag_through (fixture, PALPATE_VIEW_POSTERIOR, path, G_N_ELEMENTS (path));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->findings)), ==, 1);
  points = palpate_finding_get_points (nth_finding (fixture, 0), &n);
  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpuint (n, <, G_N_ELEMENTS (path));
  g_assert_nonnull (points);
  g_assert_cmpstr (palpate_finding_get_region_id (nth_finding (fixture, 0)), ==,
                   "erector-spinae-lumbar-right");

  /* Pressing on a finding and dragging moves it. */
  {
    const PalpatePoint move[] = { points[0], { points[0].x, points[0].y - 40 } };
    double y_before = points[0].y;

    drag_through (fixture, PALPATE_VIEW_POSTERIOR, move, 2);
    points = palpate_finding_get_points (nth_finding (fixture, 0), &n);
    g_assert_cmpfloat_with_epsilon (points[0].y, y_before - 40, 1.0);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->findings)), ==, 1);
    g_assert_cmpuint (fixture->changed, ==, 1);
  }
}

static void
test_body_map_keyboard (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *first;

  gtk_widget_grab_focus (palpate_body_map_get_canvas (fixture->map));
  palpate_body_map_focus_region (fixture->map, "erector-spinae-lumbar-left");
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "body-map.move-focus", "s", "down");
  first = palpate_body_map_get_focused_region (fixture->map);
  g_assert_cmpstr (first, !=, "erector-spinae-lumbar-left");
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "body-map.move-focus", "s", "up");
  g_assert_cmpstr (palpate_body_map_get_focused_region (fixture->map), ==,
                   "erector-spinae-lumbar-left");

  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "body-map.kind", "s", "adhesion");
  g_assert_cmpint (palpate_body_map_get_current_kind (fixture->map), ==,
                   PALPATE_FINDING_ADHESION);
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "body-map.place", NULL);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->findings)), ==, 1);
  g_assert_cmpstr (palpate_finding_get_region_id (nth_finding (fixture, 0)), ==,
                   "erector-spinae-lumbar-left");
  g_assert_cmpint (palpate_finding_get_kind (nth_finding (fixture, 0)), ==,
                   PALPATE_FINDING_ADHESION);
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (fixture->map),
                                                  "Left lumbar erector spinae: Adhesion"));

  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "body-map.undo", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->findings)), ==, 0);
}

static void
test_body_map_read_only (Fixture       *fixture,
                         gconstpointer  user_data)
{
  const PalpatePoint spot[] = { { 236, 198 } };

  palpate_body_map_set_editable (fixture->map, FALSE);
  drag_through (fixture, PALPATE_VIEW_POSTERIOR, spot, 1);
  palpate_body_map_focus_region (fixture->map, "deltoid-left");
  gtk_widget_activate_action (GTK_WIDGET (fixture->map), "body-map.place", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->findings)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/Palpate/BodyMap/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("click-places-finding", test_body_map_click_places_finding);
  ADD ("front-is-mirrored", test_body_map_front_is_mirrored);
  ADD ("drag-paints-area", test_body_map_drag_paints_area);
  ADD ("keyboard", test_body_map_keyboard);
  ADD ("read-only", test_body_map_read_only);

#undef ADD

  return g_test_run ();
}
