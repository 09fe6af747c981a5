/* palpate-test-input.c — a hand's input for end-to-end tests: real X events (XTEST) aimed at
 * widgets on screen, typing, accelerators and drags, then waiting for the expected state
 *
 * The events go to the X server on a connection of their own and come back to GTK through its
 * whole event path — picking, gestures, focus, key bindings — exactly as a mouse and keyboard
 * deliver them. A test that activates an action instead passes while a click does nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/XKBlib.h>
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>

#include "palpate-test-input.h"

/* Our own connection: what we send is not mixed into GDK's event queue, and XSync on it
 * returns once the server has turned the fake input into events for GTK's windows. */
static Display *input_display;

static Display *
display (void)
{
  if (input_display == NULL)
    palpate_test_input_init ();
  return input_display;
}

void
palpate_test_input_init (void)
{
  int event_base, error_base, major, minor;

  if (input_display != NULL)
    return;

  g_assert_true (GDK_IS_X11_DISPLAY (gdk_display_get_default ()));
  input_display = XOpenDisplay (gdk_display_get_name (gdk_display_get_default ()));
  g_assert_nonnull (input_display);
  if (!XTestQueryExtension (input_display, &event_base, &error_base, &major, &minor))
    g_error ("the X server has no XTEST extension: real input cannot be sent");
}

/* Lets GTK read and dispatch what the server sent back: once XSync returns, the server has
 * turned our requests into events on GTK's connection, so dispatching whatever is ready (for a
 * few milliseconds at least) delivers them. This is not a wait for any state; callers wait for
 * theirs. */
void
palpate_test_input_settle (void)
{
  gint64 start, now;

  /* What GTK asked of the server (a grab released as a menu closes) reaches it before what
   * we send next: a click right after a menu closed would otherwise go to the menu's grab. */
  XSync (gdk_x11_display_get_xdisplay (gdk_display_get_default ()), False);
  XSync (display (), False);
  start = g_get_monotonic_time ();
  for (now = start; now - start < 500000; now = g_get_monotonic_time ())
    {
      if (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      else if (now - start >= 5000)
        break;
      else
        g_usleep (500);
    }
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  int *frames = user_data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

/* Waits for the next frame of @widget's window, so that a scroll the wheel asked for has been
 * laid out before its place is read again: between frames nothing is pending, and a settled
 * main loop would report the place from before the scroll (and the wheel would then turn too
 * far). The frame's layout comes right after its tick, in the same turn of the main loop. */
static void
wait_frames (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  int frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame_cb, &frames, NULL);

  while (frames < 1 && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (500);
  gtk_widget_remove_tick_callback (widget, id);
  palpate_test_input_settle ();
}

static gboolean
widget_to_root (GtkWidget *widget,
                double     x,
                double     y,
                int       *root_x,
                int       *root_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y);
  graphene_point_t out;
  GdkSurface *surface;
  double surface_x, surface_y;
  Window child;

  if (native == NULL || !gtk_widget_compute_point (widget, GTK_WIDGET (native), &in, &out))
    return FALSE;

  surface = gtk_native_get_surface (native);
  if (surface == NULL)
    return FALSE;

  gtk_native_get_surface_transform (native, &surface_x, &surface_y);
  XTranslateCoordinates (display (), gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (display ()),
                         (int) (out.x + surface_x), (int) (out.y + surface_y),
                         root_x, root_y, &child);
  return TRUE;
}

static gboolean
is_visible_cb (gpointer user_data)
{
  GtkWidget *widget = user_data;
  GtkNative *native = gtk_widget_get_native (widget);

  return gtk_widget_get_mapped (widget) &&
         gtk_widget_get_width (widget) > 0 &&
         gtk_widget_get_height (widget) > 0 &&
         native != NULL &&
         gtk_native_get_surface (native) != NULL &&
         gdk_surface_get_mapped (gtk_native_get_surface (native));
}

/* Waits until @widget is on screen with a size, so that it can be aimed at. */
gboolean
palpate_test_input_wait_visible (GtkWidget *widget,
                                 guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!is_visible_cb (widget))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  /* One more frame, so that the allocation we aim at is the one on screen. */
  palpate_test_input_settle ();
  return TRUE;
}

static void wheel (GtkWidget *widget, double x, double y, int steps);

/* Scrolls with the mouse wheel, over the scroll bar, until the point of @widget is inside
 * every scrolled window around it: a hand scrolls to what it wants to click. */
static void
reveal (GtkWidget *widget,
        double     x,
        double     y)
{
  for (GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
       scrolled != NULL;
       scrolled = gtk_widget_get_ancestor (gtk_widget_get_parent (scrolled),
                                           GTK_TYPE_SCROLLED_WINDOW))
    {
      GtkWidget *bar = gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (scrolled));

      for (int tries = 0; tries < 80; tries++)
        {
          graphene_point_t point;
          double height = gtk_widget_get_height (scrolled);

          if (!gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (x, y), &point))
            break;
          if (point.y >= 8 && point.y <= height - 8)
            break;

          if (bar != NULL && gtk_widget_get_mapped (bar) && gtk_widget_get_width (bar) > 0)
            wheel (bar, gtk_widget_get_width (bar) / 2.0, gtk_widget_get_height (bar) / 2.0,
                   point.y < 8 ? -1 : 1);
          else
            wheel (scrolled, gtk_widget_get_width (scrolled) - 2, height / 2.0,
                   point.y < 8 ? -1 : 1);
        }
      if (gtk_widget_get_parent (scrolled) == NULL)
        break;
    }
}

/* Where the point of @widget lies against the visible part of its scrolled window: -1 above
 * it, 1 below it, 0 in view (or not in a scrolled window). */
static int
place_in_view (GtkWidget *widget,
               double     x,
               double     y,
               GtkWidget **scrolled)
{
  GtkWidget *ancestor = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y);
  graphene_point_t out;

  *scrolled = ancestor;
  if (ancestor == NULL || !gtk_widget_compute_point (widget, ancestor, &in, &out))
    return 0;
  if (out.y < 0)
    return -1;
  if (out.y >= gtk_widget_get_height (ancestor))
    return 1;
  return 0;
}

/* Turns the mouse wheel over the scrolled window that holds @widget until the point aimed at
 * is in view, as a hand scrolls to what it wants to click. */
static void
scroll_into_view (GtkWidget *widget,
                  double     x,
                  double     y)
{
  GtkWidget *scrolled;
  int where;

  for (int step = 0; step < 400 && (where = place_in_view (widget, x, y, &scrolled)) != 0; step++)
    {
      int root_x, root_y;

      widget_to_root (scrolled, gtk_widget_get_width (scrolled) / 2.0,
                      gtk_widget_get_height (scrolled) / 2.0, &root_x, &root_y);
      XTestFakeMotionEvent (display (), -1, root_x, root_y, CurrentTime);
      XTestFakeButtonEvent (display (), where > 0 ? 5 : 4, True, CurrentTime);
      XTestFakeButtonEvent (display (), where > 0 ? 5 : 4, False, CurrentTime);
      palpate_test_input_settle ();
      wait_frames (scrolled);
    }

  /* Clear of the edge, so that the click does not land on a shadow or a neighbour. */
  if (scrolled != NULL)
    {
      graphene_point_t in = GRAPHENE_POINT_INIT (x, y);
      graphene_point_t out;

      for (int step = 0; step < 4 && gtk_widget_compute_point (widget, scrolled, &in, &out) &&
                         (out.y < 8 || out.y > gtk_widget_get_height (scrolled) - 8); step++)
        {
          int root_x, root_y;

          widget_to_root (scrolled, gtk_widget_get_width (scrolled) / 2.0,
                          gtk_widget_get_height (scrolled) / 2.0, &root_x, &root_y);
          XTestFakeMotionEvent (display (), -1, root_x, root_y, CurrentTime);
          XTestFakeButtonEvent (display (), out.y < 8 ? 4 : 5, True, CurrentTime);
          XTestFakeButtonEvent (display (), out.y < 8 ? 4 : 5, False, CurrentTime);
          palpate_test_input_settle ();
          wait_frames (scrolled);
        }
    }
}

/* Whether the point of @widget lies inside every scrolled window around it. */
static gboolean
in_view (GtkWidget *widget,
         double     x,
         double     y)
{
  for (GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
       scrolled != NULL;
       scrolled = gtk_widget_get_parent (scrolled) != NULL
                  ? gtk_widget_get_ancestor (gtk_widget_get_parent (scrolled),
                                             GTK_TYPE_SCROLLED_WINDOW)
                  : NULL)
    {
      graphene_point_t point;

      if (!gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (x, y), &point))
        return FALSE;
      if (point.y < 0 || point.y >= gtk_widget_get_height (scrolled))
        return FALSE;
    }
  return TRUE;
}

static void
aim (GtkWidget *widget,
     double     x,
     double     y)
{
  int root_x, root_y;

  if (!palpate_test_input_wait_visible (widget, 15000))
    g_error ("%s is not on screen: it cannot be clicked", G_OBJECT_TYPE_NAME (widget));

  /* Scrolled into view, then checked again once everything has come to rest: under load a
   * scroll can still be under way when its place is first read. */
  for (int attempt = 0; ; attempt++)
    {
      /* The scrolled window right around the widget first, then any around that. */
      scroll_into_view (widget, x, y);
      reveal (widget, x, y);
      if (!widget_to_root (widget, x, y, &root_x, &root_y))
        g_error ("%s has no place on screen", G_OBJECT_TYPE_NAME (widget));

      /* A widget sliding in (a toast, a popover) is aimed at once it has come to rest. */
      for (int tries = 0; tries < 60; tries++)
        {
          int again_x, again_y;

          wait_frames (widget);
          if (!widget_to_root (widget, x, y, &again_x, &again_y))
            g_error ("%s has no place on screen", G_OBJECT_TYPE_NAME (widget));
          if (again_x == root_x && again_y == root_y)
            break;
          root_x = again_x;
          root_y = again_y;
        }

      if (in_view (widget, x, y))
        break;
      if (attempt == 5)
        g_error ("%s does not stay in view: it cannot be clicked", G_OBJECT_TYPE_NAME (widget));
    }

  /* Arriving over the widget, then a pixel's move on it: the first motion after a menu closed
   * only tells GTK where the pointer is, and a press must come after GTK knows. */
  XTestFakeMotionEvent (display (), -1, root_x + 1, root_y, CurrentTime);
  palpate_test_input_settle ();
  XTestFakeMotionEvent (display (), -1, root_x, root_y, CurrentTime);
  palpate_test_input_settle ();
}

void
palpate_test_input_move_to (GtkWidget *widget,
                            double     x,
                            double     y)
{
  aim (widget, x, y);
}

static void
button (guint button_number)
{
  palpate_test_input_settle ();
  XTestFakeButtonEvent (display (), button_number, True, CurrentTime);
  palpate_test_input_settle ();
  XTestFakeButtonEvent (display (), button_number, False, CurrentTime);
  palpate_test_input_settle ();
}

void
palpate_test_input_click_at (GtkWidget *widget,
                             double     x,
                             double     y)
{
  aim (widget, x, y);
  button (1);
}

void
palpate_test_input_click (GtkWidget *widget)
{
  palpate_test_input_wait_visible (widget, 15000);
  palpate_test_input_click_at (widget,
                               gtk_widget_get_width (widget) / 2.0,
                               gtk_widget_get_height (widget) / 2.0);
}

void
palpate_test_input_right_click (GtkWidget *widget)
{
  palpate_test_input_wait_visible (widget, 15000);
  aim (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
  button (3);
}

void
palpate_test_input_double_click (GtkWidget *widget)
{
  palpate_test_input_wait_visible (widget, 15000);
  aim (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
  XTestFakeButtonEvent (display (), 1, True, CurrentTime);
  XTestFakeButtonEvent (display (), 1, False, CurrentTime);
  XTestFakeButtonEvent (display (), 1, True, CurrentTime);
  XTestFakeButtonEvent (display (), 1, False, CurrentTime);
  palpate_test_input_settle ();
}

static KeyCode
keycode_for (KeySym    keysym,
             gboolean *needs_shift)
{
  KeyCode keycode = XKeysymToKeycode (display (), keysym);

  if (keycode == 0)
    g_error ("no key on the keyboard makes %s; paste such text with palpate_test_input_paste",
             XKeysymToString (keysym) ? XKeysymToString (keysym) : "that character");

  *needs_shift = XkbKeycodeToKeysym (display (), keycode, 0, 0) != keysym &&
                 XkbKeycodeToKeysym (display (), keycode, 0, 1) == keysym;
  return keycode;
}

static void
modifier_keys (GdkModifierType modifiers,
               gboolean        press)
{
  static const struct { GdkModifierType mask; KeySym keysym; } keys[] = {
    { GDK_CONTROL_MASK, XK_Control_L },
    { GDK_SHIFT_MASK, XK_Shift_L },
    { GDK_ALT_MASK, XK_Alt_L },
    { GDK_SUPER_MASK, XK_Super_L },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (modifiers & keys[i].mask)
      XTestFakeKeyEvent (display (), XKeysymToKeycode (display (), keys[i].keysym), press,
                         CurrentTime);
}

static void
press_keysym (KeySym          keysym,
              GdkModifierType modifiers)
{
  gboolean needs_shift;
  KeyCode keycode = keycode_for (keysym, &needs_shift);

  if (needs_shift)
    modifiers |= GDK_SHIFT_MASK;

  modifier_keys (modifiers, True);
  XTestFakeKeyEvent (display (), keycode, True, CurrentTime);
  XTestFakeKeyEvent (display (), keycode, False, CurrentTime);
  modifier_keys (modifiers, False);
}

void
palpate_test_input_click_with (GtkWidget       *widget,
                               GdkModifierType  modifiers)
{
  palpate_test_input_wait_visible (widget, 15000);
  aim (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
  modifier_keys (modifiers, True);
  button (1);
  modifier_keys (modifiers, False);
  palpate_test_input_settle ();
}

/* Presses a key with its modifiers, written as GTK writes accelerators: "<Control>q",
 * "Return", "<Shift>Tab", "<Control><Shift>s". */
void
palpate_test_input_key (const char *accelerator)
{
  guint keyval = 0;
  GdkModifierType modifiers = 0;

  if (!gtk_accelerator_parse (accelerator, &keyval, &modifiers) || keyval == 0)
    g_error ("“%s” is not a key", accelerator);

  press_keysym (keyval, modifiers);
  palpate_test_input_settle ();
}

static gboolean
types_on_keyboard (gunichar c)
{
  return c == '\n' || c == '\t' || (c >= 0x20 && c < 0x7f);
}

/* Types @text into whatever has the keyboard focus, key by key. Runs of text that no key of a
 * US keyboard makes (Arabic, CJK, emoji) go through the clipboard and a real Ctrl+V, as the
 * XTEST keyboard cannot type them reliably. */
void
palpate_test_input_type (const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);

      if (types_on_keyboard (c))
        {
          KeySym keysym = c == '\n' ? XK_Return : c == '\t' ? XK_Tab : gdk_unicode_to_keyval (c);

          press_keysym (keysym, 0);
          p = g_utf8_next_char (p);
          /* Flush now and then so that long text does not overrun GTK's input. */
          if ((p - text) % 32 == 0)
            palpate_test_input_settle ();
        }
      else
        {
          const char *end = p;
          g_autofree char *run = NULL;

          while (*end != '\0' && !types_on_keyboard (g_utf8_get_char (end)))
            end = g_utf8_next_char (end);
          run = g_strndup (p, end - p);
          palpate_test_input_settle ();
          palpate_test_input_paste (NULL, run);
          p = end;
        }
    }

  palpate_test_input_settle ();
}

/* Puts @text on the clipboard and pastes it with a real Ctrl+V into the focus widget (or,
 * given @target, into @target after clicking it). */
void
palpate_test_input_paste (GtkWidget  *target,
                          const char *text)
{
  GdkClipboard *clipboard = gdk_display_get_clipboard (gdk_display_get_default ());

  if (target != NULL)
    palpate_test_input_click (target);

  gdk_clipboard_set_text (clipboard, text);
  palpate_test_input_settle ();
  palpate_test_input_key ("<Control>v");
  palpate_test_input_settle ();
}

/* Drags with the primary button through @points (in @widget's coordinates), moving in small
 * steps as a hand does so that gestures see a continuous stroke. */
void
palpate_test_input_drag (GtkWidget              *widget,
                         const graphene_point_t *points,
                         guint                   n_points)
{
  g_return_if_fail (n_points > 0);

  aim (widget, points[0].x, points[0].y);
  XTestFakeButtonEvent (display (), 1, True, CurrentTime);
  palpate_test_input_settle ();

  for (guint i = 1; i < n_points; i++)
    {
      double dx = points[i].x - points[i - 1].x;
      double dy = points[i].y - points[i - 1].y;
      int steps = MAX (1, (int) (sqrt (dx * dx + dy * dy) / 4.0));

      for (int s = 1; s <= steps; s++)
        {
          int root_x, root_y;

          widget_to_root (widget,
                          points[i - 1].x + dx * s / steps,
                          points[i - 1].y + dy * s / steps,
                          &root_x, &root_y);
          XTestFakeMotionEvent (display (), -1, root_x, root_y, CurrentTime);
          XSync (display (), False);
          g_main_context_iteration (NULL, FALSE);
        }
      palpate_test_input_settle ();
    }

  XTestFakeButtonEvent (display (), 1, False, CurrentTime);
  palpate_test_input_settle ();
}

static void
wheel (GtkWidget *widget,
       double     x,
       double     y,
       int        steps)
{
  int root_x, root_y;

  if (!widget_to_root (widget, x, y, &root_x, &root_y))
    return;
  XTestFakeMotionEvent (display (), -1, root_x, root_y, CurrentTime);
  palpate_test_input_settle ();
  for (int i = 0; i < ABS (steps); i++)
    {
      XTestFakeButtonEvent (display (), steps > 0 ? 5 : 4, True, CurrentTime);
      XTestFakeButtonEvent (display (), steps > 0 ? 5 : 4, False, CurrentTime);
    }
  palpate_test_input_settle ();
  wait_frames (widget);
}

/* Turns the mouse wheel over @widget: positive steps scroll down. */
void
palpate_test_input_scroll (GtkWidget *widget,
                           int        steps)
{
  palpate_test_input_wait_visible (widget, 15000);
  aim (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
  for (int i = 0; i < ABS (steps); i++)
    {
      XTestFakeButtonEvent (display (), steps > 0 ? 5 : 4, True, CurrentTime);
      XTestFakeButtonEvent (display (), steps > 0 ? 5 : 4, False, CurrentTime);
    }
  palpate_test_input_settle ();
  wait_frames (widget);
}

/* Shows @window and gives it the keyboard, as a person's click on it would: without a window
 * manager under Xvfb nobody else does. */
gboolean
palpate_test_input_focus_window (GtkWindow *window)
{
  gint64 deadline;
  GdkSurface *surface;

  gtk_window_present (window);
  if (!palpate_test_input_wait_visible (GTK_WIDGET (window), 15000))
    return FALSE;

  surface = gtk_native_get_surface (GTK_NATIVE (window));
  XRaiseWindow (display (), gdk_x11_surface_get_xid (surface));
  XSetInputFocus (display (), gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (!gtk_window_is_active (window))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      XSync (display (), False);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  palpate_test_input_settle ();
  return TRUE;
}
