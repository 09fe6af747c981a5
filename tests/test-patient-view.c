/* test-patient-view.c — the client's own view: only their data, over the whole screen, closed
 * only by the therapist, named for screen readers and usable on a narrow screen
 *
 * A real application window under Xvfb on a temporary clinic with two clients. Every user
 * action goes through the X server as a hand's would (tests/palpate-test-input.h): clicks on
 * the header button, the rating buttons and the body map, typed PINs, real Escape, Ctrl+W and
 * Ctrl+Q. Each user path is a subtest of its own; the clinic and the hand's ways into the view
 * are in palpate-test-patient-view.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <string.h>

#include "palpate-application.h"
#include "palpate-atlas.h"
#include "palpate-pain-scale.h"
#include "palpate-preferences-window.h"
#include "palpate-screenshot.h"
#include "palpate-store-private.h"
#include "palpate-test-input.h"
#include "palpate-test-patient-view.h"
#include "palpate-test-utils.h"

/* 7: no view without a PIN; the way to set one */

static gboolean
has_pin_cb (gpointer user_data)
{
  return palpate_store_has_pin (user_data);
}

static void
check_needs_a_pin (Fixture       *fixture,
                   PalpateWindow *window)
{
  PalpateStore *store = palpate_window_get_store (window);
  AdwMessageDialog *dialog;
  GtkWindow *preferences;
  GtkWidget *pin_row;

  click_show_client (window);
  dialog = ADW_MESSAGE_DIALOG (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_null (palpate_window_get_patient_view (window));
  g_assert_null (palpate_test_find_toplevel (PALPATE_TYPE_PATIENT_VIEW));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Set a PIN First");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "only your PIN closes it"));

  /* It leads to Preferences, where the PIN is set with the keyboard. */
  click_button (GTK_WIDGET (dialog), "Open Preferences");
  preferences = wait_for_toplevel (PALPATE_TYPE_PREFERENCES_WINDOW);
  pin_row = palpate_test_find_widget_by_name (GTK_WIDGET (preferences), "pin_row");
  g_assert_nonnull (pin_row);
  /* The keys go to Preferences only once it has them, however busy the machine. */
  g_assert_true (palpate_test_input_focus_window (preferences));
  palpate_test_input_click (pin_row);
  palpate_test_input_type (PIN);
  palpate_test_input_key ("Return");
  g_assert_true (palpate_test_wait_for (has_pin_cb, store, 10000));
  g_assert_true (palpate_store_check_pin (store, PIN));
  palpate_test_input_key ("Escape");
  g_assert_true (palpate_test_wait_for (toplevel_gone_cb,
                                        GSIZE_TO_POINTER (PALPATE_TYPE_PREFERENCES_WINDOW), 5000));

  /* Now the view opens. */
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
  g_assert_nonnull (open_view (window));
  leave_view (window, palpate_window_get_patient_view (window));
}

static void
test_needs_a_pin (void)
{
  Fixture fixture = { .with_pin = FALSE };

  run (&fixture, check_needs_a_pin);
}

/* 7: the view covers the screen; nothing of the clinic is visible */

static void
check_covers_the_screen (Fixture       *fixture,
                         PalpateWindow *window)
{
  PalpatePatientView *view = open_view (window);
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (view));
  GdkMonitor *monitor = gdk_display_get_monitor_at_surface (display,
                                                            gtk_native_get_surface (GTK_NATIVE (view)));
  GListModel *toplevels = gtk_window_get_toplevels ();
  GdkRectangle geometry;
  GdkSurface *surface;
  g_autofree char *text = NULL;
  Window child;
  int x, y;

  g_assert_nonnull (monitor);
  gdk_monitor_get_geometry (monitor, &geometry);
  g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (view)));
  /* The window's surface is the monitor's whole area (a window manager then draws it without
   * decorations; without one it is there all the same). */
  surface = gtk_native_get_surface (GTK_NATIVE (view));
  g_assert_cmpint (gdk_surface_get_width (surface), ==, geometry.width);
  g_assert_cmpint (gdk_surface_get_height (surface), ==, geometry.height);
  XTranslateCoordinates (gdk_x11_display_get_xdisplay (display), gdk_x11_surface_get_xid (surface),
                         gdk_x11_display_get_xrootwindow (display), 0, 0, &x, &y, &child);
  g_assert_cmpint (x, ==, geometry.x);
  g_assert_cmpint (y, ==, geometry.y);

  /* The therapist's window, with the client list, is not on screen at all. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window)));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_mapped (toplevel))
        g_assert_false (palpate_test_tree_contains_text (toplevel, OTHER_CLIENT));
    }

  /* Only this client's own data: no other client, no SOAP note. */
  text = palpate_test_tree_dup_text (GTK_WIDGET (view));
  g_assert_nonnull (strstr (text, "Margaret\u2069, here is your progress"));
  g_assert_nonnull (strstr (text, "went from 7 to 3"));
  g_assert_nonnull (strstr (text, HOME_CARE));
  g_assert_null (strstr (text, OTHER_CLIENT));
  g_assert_null (strstr (text, SOAP_SENTENCE));

  /* Closed with the PIN, the therapist's window is back. */
  leave_view (window, view);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
}

static void
test_covers_the_screen (void)
{
  Fixture fixture = { .with_pin = TRUE };

  run (&fixture, check_covers_the_screen);
}

/* Only the therapist leaves: real keys lead nowhere, a wrong PIN is refused, then waits */

static void
check_only_the_therapist_leaves (Fixture       *fixture,
                                 PalpateWindow *window)
{
  PalpatePatientView *view = open_view (window);
  const char *keys[] = { "Escape", "<Control>w", "<Control>q", "<Alt>F4", "F11" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      palpate_test_input_key (keys[i]);
      palpate_test_iterate (50);
      g_assert_true (palpate_window_get_patient_view (window) == view);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
      g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (view)));
      g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window)));
    }
  g_assert_true (shows_text (GTK_WIDGET (view), "Your therapist will close this view for you"));

  /* A wrong PIN is refused and says so; the right one closes the view. */
  type_wrong_pin (view, "1111");
  g_assert_true (shows_text (GTK_WIDGET (view), "That PIN is not right"));
  g_assert_true (palpate_window_get_patient_view (window) == view);
  g_assert_true (palpate_patient_view_is_locked (view));

  /* Two more wrong tries: the third says how long the next one must wait. */
  type_wrong_pin (view, "2222");
  type_wrong_pin (view, "3333");
  g_assert_true (shows_text (GTK_WIDGET (view), "Wait 1 second before trying again"));
  g_assert_true (palpate_window_get_patient_view (window) == view);
  g_assert_true (palpate_patient_view_is_locked (view));
  g_usleep (2 * G_USEC_PER_SEC);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (view)));
  leave_view (window, view);

  /* The hash, never the PIN, is in the file. */
  {
    g_autofree char *hash = palpate_store_dup_setting (palpate_window_get_store (window),
                                                       "pin-hash");

    g_assert_nonnull (hash);
    g_assert_null (strstr (hash, PIN));
    g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  }
}

static void
test_only_the_therapist_leaves (void)
{
  Fixture fixture = { .with_pin = TRUE };

  run (&fixture, check_only_the_therapist_leaves);
}


/* 12: a right-to-left name does not reorder the sentences around it */

static gboolean
visit_shown_cb (gpointer user_data)
{
  PalpateVisitPage *page = palpate_window_get_visit_page (user_data);

  return palpate_visit_page_get_visit (page) != NULL && gtk_widget_get_mapped (GTK_WIDGET (page));
}

static void
check_names_isolated (Fixture       *fixture,
                      PalpateWindow *window)
{
  PalpatePatientView *view = open_view (window);
  GtkWidget *greeting = palpate_test_find_widget_by_name (GTK_WIDGET (view), "greeting_label");
  GtkWidget *title;

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (greeting)), ==,
                   "\u2068ليلى\u2069, here is your progress");
  leave_view (window, view);

  /* The visit's subtitle: the name, then the date, each in its place. */
  palpate_test_input_key ("<Control>n");
  g_assert_true (palpate_test_wait_for (visit_shown_cb, window, 5000));
  title = palpate_test_find_widget_by_name (GTK_WIDGET (palpate_window_get_visit_page (window)),
                                            "title");
  g_assert_true (g_str_has_prefix (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)),
                                   "\u2068" ARABIC_CLIENT "\u2069 · "));
}

static void
test_names_isolated (void)
{
  Fixture fixture = { .with_pin = TRUE, .client_name = ARABIC_CLIENT };

  run (&fixture, check_names_isolated);
}

/* Every control of the view has a name and is reached with Tab */

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_ENTRY (widget) || GTK_IS_TEXT (widget) ||
         PALPATE_IS_BODY_MAP (widget) || PALPATE_IS_PAIN_SCALE (widget);
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* The controls on screen under @root, the pain scale and the body map as one each (their own
 * tests cover what is inside them). */
static void
collect_controls (GtkWidget *root,
                  GPtrArray *controls)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child) || !gtk_widget_is_sensitive (child))
        continue;
      if (is_control (child))
        {
          g_ptr_array_add (controls, child);
          if (PALPATE_IS_BODY_MAP (child) || PALPATE_IS_PAIN_SCALE (child))
            continue;
        }
      collect_controls (child, controls);
    }
}

static void
check_tab_reaches (PalpatePatientView *view)
{
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);

  collect_controls (GTK_WIDGET (view), controls);
  g_assert_cmpuint (controls->len, >, 1);

  for (guint i = 0; i < controls->len; i++)
    if (!has_accessible_name (controls->pdata[i]))
      g_error ("a %s has no accessible name", G_OBJECT_TYPE_NAME (controls->pdata[i]));

  /* Tab through the view twice round; after each press the focus is read once it has moved,
   * however slowly the machine lets GTK handle the key. */
  for (guint presses = 0; presses < controls->len * 2 + 10; presses++)
    {
      GtkWidget *before = gtk_root_get_focus (GTK_ROOT (view));
      GtkWidget *focus;
      gint64 deadline;

      palpate_test_input_key ("Tab");
      deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
      while ((focus = gtk_root_get_focus (GTK_ROOT (view))) == before &&
             g_get_monotonic_time () < deadline)
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (1000);
      if (focus == NULL)
        continue;
      for (guint i = 0; i < controls->len; i++)
        if (focus == controls->pdata[i] || gtk_widget_is_ancestor (focus, controls->pdata[i]))
          g_hash_table_add (reached, controls->pdata[i]);
    }

  for (guint i = 0; i < controls->len; i++)
    if (!g_hash_table_contains (reached, controls->pdata[i]))
      g_error ("Tab does not reach the %s “%s”", G_OBJECT_TYPE_NAME (controls->pdata[i]),
               GTK_IS_BUTTON (controls->pdata[i]) && gtk_button_get_label (controls->pdata[i])
               ? gtk_button_get_label (controls->pdata[i]) : "");
}

static gboolean
main_page_gone_cb (gpointer user_data)
{
  GtkWidget *view = user_data;
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();

  collect_controls (view, controls);
  for (guint i = 0; i < controls->len; i++)
    if (GTK_IS_BUTTON (controls->pdata[i]) &&
        g_strcmp0 (gtk_button_get_label (controls->pdata[i]), "Tell Us How You Feel Today") == 0)
      return FALSE;

  return TRUE;
}

static void
check_accessible (Fixture       *fixture,
                  PalpateWindow *window)
{
  PalpatePatientView *view = open_view (window);

  check_tab_reaches (view);
  click_button (GTK_WIDGET (view), "Tell Us How You Feel Today");
  g_assert_true (palpate_test_input_wait_visible (palpate_test_find_widget_by_name (GTK_WIDGET (view),
                                                                                    "body_map"),
                                                  5000));
  /* The page before has slid away, so that only the rating page's controls are counted. */
  g_assert_true (palpate_test_wait_for (main_page_gone_cb, view, 10000));
  check_tab_reaches (view);
  leave_view (window, view);
}

static void
test_accessible (void)
{
  Fixture fixture = { .with_pin = TRUE };

  run (&fixture, check_accessible);
}

/* 10: the view is usable on a 360 pixels wide screen */

typedef struct
{
  GtkWidget *widget;
  int        width;
} WidthWanted;

static gboolean
has_width_cb (gpointer user_data)
{
  WidthWanted *wanted = user_data;

  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (wanted->widget));

  /* The surface: without a window manager the window draws a resize border inside it. */
  return gdk_surface_get_width (surface) == wanted->width;
}

static void
check_narrow (Fixture       *fixture,
              PalpateWindow *window)
{
  PalpatePatientView *view = open_view (window);
  WidthWanted narrow = { GTK_WIDGET (view), 360 };
  GtkWidget *map;
  int minimum;

  /* A phone-sized screen: the window is made that size on the X server, as a window manager
   * would. */
  XResizeWindow (gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (view))),
                 gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (view))), 360, 720);
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_true (palpate_test_wait_for (has_width_cb, &narrow, 5000));

  click_button (GTK_WIDGET (view), "Tell Us How You Feel Today");
  map = palpate_test_find_widget_by_name (GTK_WIDGET (view), "body_map");
  g_assert_true (palpate_test_input_wait_visible (map, 5000));
  g_assert_cmpint (gtk_widget_get_width (map), >=, 180);

  /* Still works by hand at that size. */
  click_button (palpate_test_find_widget_by_name (GTK_WIDGET (view), "pain_scale"), "4");
  g_assert_cmpint (palpate_pain_scale_get_value (PALPATE_PAIN_SCALE (palpate_test_find_widget_by_name (GTK_WIDGET (view),
                                                                                                      "pain_scale"))),
                   ==, 4);
  leave_view (window, view);
}

static void
test_narrow (void)
{
  Fixture fixture = { .with_pin = TRUE };

  run (&fixture, check_narrow);
}

/* 15: the PIN's messages do not pile up over its field */

static gboolean
has_toast (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget") || has_toast (child))
      return TRUE;

  return FALSE;
}

static void
check_pin_messages (Fixture       *fixture,
                    PalpateWindow *window)
{
  GtkWindow *preferences;
  GtkWidget *pin_row;

  palpate_test_input_key ("<Control>comma");
  preferences = wait_for_toplevel (PALPATE_TYPE_PREFERENCES_WINDOW);
  pin_row = palpate_test_find_widget_by_name (GTK_WIDGET (preferences), "pin_row");

  /* Too short, three times: the reason shows at the field, once, and covers nothing. */
  for (int i = 0; i < 3; i++)
    {
      palpate_test_input_click (pin_row);
      palpate_test_input_key ("<Control>a");
      palpate_test_input_type ("12");
      palpate_test_input_key ("Return");
    }
  g_assert_true (shows_text (GTK_WIDGET (preferences), "A PIN is 6 to 12 digits."));
  g_assert_false (has_toast (GTK_WIDGET (preferences)));
  g_assert_true (gtk_widget_has_css_class (pin_row, "error"));
  g_assert_false (palpate_store_has_pin (palpate_window_get_store (window)));

  /* A good PIN: said at the field too. */
  palpate_test_input_click (pin_row);
  palpate_test_input_key ("<Control>a");
  palpate_test_input_type (PIN);
  palpate_test_input_key ("Return");
  g_assert_true (palpate_test_wait_for (has_pin_cb, palpate_window_get_store (window), 10000));
  g_assert_false (has_toast (GTK_WIDGET (preferences)));
  g_assert_false (gtk_widget_has_css_class (pin_row, "error"));
  g_assert_false (shows_text (GTK_WIDGET (preferences), "A PIN is 6 to 12 digits."));
}

static void
test_pin_messages (void)
{
  Fixture fixture = { .with_pin = FALSE };

  run (&fixture, check_pin_messages);
}


int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK's test accessibility back end, to read the accessible names. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  palpate_test_input_init ();

  g_test_add_func ("/Palpate/PatientView/needs-a-pin", test_needs_a_pin);
  g_test_add_func ("/Palpate/PatientView/covers-the-screen", test_covers_the_screen);
  g_test_add_func ("/Palpate/PatientView/only-the-therapist-leaves", test_only_the_therapist_leaves);
  g_test_add_func ("/Palpate/PatientView/names-isolated", test_names_isolated);
  g_test_add_func ("/Palpate/PatientView/accessible-and-tab-reachable", test_accessible);
  g_test_add_func ("/Palpate/PatientView/narrow-screen", test_narrow);
  g_test_add_func ("/Palpate/PatientView/pin-messages-at-the-field", test_pin_messages);

  patient_view_templates_init ();
  status = g_test_run ();
  patient_view_templates_clear ();

  return status;
}
