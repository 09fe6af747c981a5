/* test-input.c — the real-input harness reaches GTK the way a hand does: a click on a button,
 * text typed into an entry (with a paste for scripts no key makes), an accelerator, a drag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "palpate-test-input.h"
#include "palpate-test-utils.h"

typedef struct
{
  GtkWidget *window;
  GtkWidget *button;
  GtkWidget *entry;
  GtkWidget *area;
  int        clicks;
  int        accelerators;
  double     drag_dx;
  double     drag_dy;
  gboolean   drag_ended;
} Fixture;

static void
on_clicked_cb (GtkButton *button,
               Fixture   *fixture)
{
  fixture->clicks++;
}

static gboolean
on_shortcut_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  Fixture *fixture = user_data;

  fixture->accelerators++;
  return TRUE;
}

static void
on_drag_end_cb (GtkGestureDrag *drag,
                double          dx,
                double          dy,
                Fixture        *fixture)
{
  fixture->drag_dx = dx;
  fixture->drag_dy = dy;
  fixture->drag_ended = TRUE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 400, 400);
  fixture->button = gtk_button_new_with_label ("Press");
  fixture->entry = gtk_entry_new ();
  fixture->area = gtk_drawing_area_new ();
  gtk_widget_set_size_request (fixture->area, 300, 200);
  gtk_box_append (GTK_BOX (box), fixture->button);
  gtk_box_append (GTK_BOX (box), fixture->entry);
  gtk_box_append (GTK_BOX (box), fixture->area);
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);

  g_signal_connect (fixture->button, "clicked", G_CALLBACK (on_clicked_cb), fixture);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), fixture);
  gtk_widget_add_controller (fixture->area, GTK_EVENT_CONTROLLER (drag));
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>k"),
                                                          gtk_callback_action_new (on_shortcut_cb,
                                                                                   fixture, NULL)));
  gtk_widget_add_controller (fixture->window, shortcuts);

  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (fixture->window)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  palpate_test_input_settle ();
}

static gboolean
clicked_once_cb (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->clicks == 1;
}

static void
test_input_click (Fixture       *fixture,
                  gconstpointer  data)
{
  palpate_test_input_click (fixture->button);
  g_assert_true (palpate_test_wait_for (clicked_once_cb, fixture, 5000));
}

typedef struct
{
  GtkWidget  *entry;
  const char *expected;
} EntryText;

static gboolean
entry_has_text_cb (gpointer user_data)
{
  EntryText *wanted = user_data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (wanted->entry)), wanted->expected) == 0;
}

static void
test_input_type (Fixture       *fixture,
                 gconstpointer  data)
{
  EntryText wanted = { fixture->entry, "Neck, left side (C5–6): لیلا 李明 🌿 done!" };

  palpate_test_input_click (fixture->entry);
  palpate_test_input_type (wanted.expected);
  g_assert_true (palpate_test_wait_for (entry_has_text_cb, &wanted, 5000));
}

static gboolean
accelerator_seen_cb (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->accelerators == 1;
}

static void
test_input_accelerator (Fixture       *fixture,
                        gconstpointer  data)
{
  palpate_test_input_key ("<Control>k");
  g_assert_true (palpate_test_wait_for (accelerator_seen_cb, fixture, 5000));
}

static gboolean
drag_ended_cb (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->drag_ended;
}

static void
test_input_drag (Fixture       *fixture,
                 gconstpointer  data)
{
  const graphene_point_t stroke[] = { { 20, 20 }, { 120, 60 }, { 220, 140 } };

  palpate_test_input_drag (fixture->area, stroke, G_N_ELEMENTS (stroke));
  g_assert_true (palpate_test_wait_for (drag_ended_cb, fixture, 5000));
  g_assert_cmpfloat_with_epsilon (fixture->drag_dx, 200, 2);
  g_assert_cmpfloat_with_epsilon (fixture->drag_dy, 120, 2);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  palpate_test_input_init ();

  g_test_add ("/Palpate/Input/click", Fixture, NULL,
              fixture_set_up, test_input_click, fixture_tear_down);
  g_test_add ("/Palpate/Input/type-and-paste", Fixture, NULL,
              fixture_set_up, test_input_type, fixture_tear_down);
  g_test_add ("/Palpate/Input/accelerator", Fixture, NULL,
              fixture_set_up, test_input_accelerator, fixture_tear_down);
  g_test_add ("/Palpate/Input/drag", Fixture, NULL,
              fixture_set_up, test_input_drag, fixture_tear_down);

  return g_test_run ();
}
