/* test-preferences-pin.c — setting the patient view's PIN in Preferences, by hand
 *
 * The test clicks into the PIN row and types through the X server (XTEST), as a therapist
 * would: a PIN that is too short is marked while it is typed and refused with a sentence; six
 * digits are kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include "palpate-preferences-window.h"
#include "palpate-store.h"
#include "palpate-test-utils.h"

static Display *
x_display (GtkWidget *widget)
{
  return gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
}

static gboolean
window_is_active (gpointer user_data)
{
  return gtk_window_is_active (GTK_WINDOW (user_data));
}

/* A real click at the middle of @widget: the pointer moves there through the X server. */
static void
click (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  Display *display = x_display (widget);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (root));
  graphene_rect_t bounds;
  double surface_x = 0;
  double surface_y = 0;
  int x = 0;
  int y = 0;
  Window child;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (root), &bounds));
  gtk_native_get_surface_transform (GTK_NATIVE (root), &surface_x, &surface_y);
  XTranslateCoordinates (display, gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (display),
                         (int) (surface_x + bounds.origin.x + bounds.size.width / 2),
                         (int) (surface_y + bounds.origin.y + bounds.size.height / 2),
                         &x, &y, &child);

  XTestFakeMotionEvent (display, -1, x, y, CurrentTime);
  XTestFakeButtonEvent (display, 1, True, CurrentTime);
  XTestFakeButtonEvent (display, 1, False, CurrentTime);
  XSync (display, False);
  palpate_test_iterate (200);
}

static void
press (GtkWidget *widget,
       KeySym     keysym)
{
  Display *display = x_display (widget);
  KeyCode code = XKeysymToKeycode (display, keysym);

  XTestFakeKeyEvent (display, code, True, CurrentTime);
  XTestFakeKeyEvent (display, code, False, CurrentTime);
  XSync (display, False);
  palpate_test_iterate (30);
}

static void
type (GtkWidget  *widget,
      const char *digits)
{
  for (const char *p = digits; *p; p++)
    press (widget, XK_0 + (*p - '0'));
  palpate_test_iterate (100);
}

typedef struct
{
  PalpateStore *store;
  gboolean      expected;
} PinState;

static gboolean
pin_is (gpointer user_data)
{
  PinState *state = user_data;

  return palpate_store_has_pin (state->store) == state->expected;
}

static gboolean
shows_short_pin_message (gpointer user_data)
{
  return palpate_test_tree_contains_text (user_data, "A PIN is 6 to 12 digits.");
}

static void
test_preferences_pin (void)
{
  g_autofree char *tmpdir = palpate_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "clinic.sqlite3", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
  PalpatePreferencesWindow *window;
  GtkWidget *row;
  PinState state = { store, FALSE };

  g_assert_no_error (error);
  window = palpate_preferences_window_new (settings);
  palpate_preferences_window_set_store (window, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (palpate_test_wait_for (window_is_active, window, 5000));
  palpate_test_iterate (300);

  row = palpate_test_find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_PASSWORD_ENTRY_ROW);
  g_assert_nonnull (row);
  g_assert_true (palpate_test_tree_contains_text (row, "New PIN, 6 to 12 Digits"));

  /* Four digits: marked as they are typed, refused on Enter with the reason. */
  click (row);
  type (row, "4321");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "4321");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  press (row, XK_Return);
  g_assert_true (palpate_test_wait_for (shows_short_pin_message, window, 5000));
  g_assert_false (palpate_store_has_pin (store));

  /* Two more digits make six: no longer marked, and kept on Enter. */
  type (row, "65");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  press (row, XK_Return);
  state.expected = TRUE;
  g_assert_true (palpate_test_wait_for (pin_is, &state, 10000));
  g_assert_true (palpate_store_check_pin (store, "432165"));

  gtk_window_destroy (GTK_WINDOW (window));
  palpate_test_iterate (50);
  g_clear_object (&store);
  palpate_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Palpate/PreferencesPin/typed-by-hand", test_preferences_pin);

  return g_test_run ();
}
