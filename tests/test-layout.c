/* test-layout.c — every page is usable on a 360 pixels wide screen (GNOME's small-screen size),
 * and the body figures are large enough to read on a 1366 × 768 laptop
 *
 * The main window is made 360 × 720 on the X server, as a window manager would on a phone, and
 * the therapist goes through the pages with real keys: the client list, the client's page,
 * a new visit (Ctrl+N) and the client editor (Ctrl+E). Each page must fit the width without
 * forcing the window wider, the client's name in the header must not be cut, and the body
 * map must keep at least half the width.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "palpate-application.h"
#include "palpate-client-editor.h"
#include "palpate-screenshot.h"
#include "palpate-test-input.h"
#include "palpate-test-utils.h"
#include "palpate-window.h"

#define CLIENT "Aiko Nakamura"
#define WIDTH 360
#define HEIGHT 720

typedef struct
{
  char     *tmpdir;
  char     *database_path;
  gboolean  checked;
} Fixture;

static void
write_clinic (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_assert_no_error (error);
  palpate_client_set_name (client, CLIENT);
  palpate_client_set_birth_date (client, "1978-04-02");
  palpate_client_set_goals (client, "Sit through a working day without a sore neck.");
  g_assert_true (palpate_store_save_client (store, client, &error));

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(PalpateVisit) visit = palpate_visit_new ();
      g_autoptr(GDateTime) when = g_date_time_add_days (now, -21 + 7 * i);

      palpate_visit_set_client_id (visit, palpate_client_get_id (client));
      palpate_visit_set_started_at (visit, when);
      palpate_visit_set_pain_before (visit, 7 - i);
      palpate_visit_set_pain_after (visit, 5 - i);
      g_assert_true (palpate_store_save_visit (store, visit, &error));
      g_assert_true (palpate_store_sign_visit (store, visit, "Maria Rossi", &error));
    }
  g_assert_no_error (error);
}

typedef struct
{
  GtkWindow *window;
  int        width;
  int        height;
} SizeWanted;

static int width = WIDTH;
static int height = HEIGHT;

static gboolean
has_size_cb (gpointer user_data)
{
  SizeWanted *wanted = user_data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (wanted->window));

  return gdk_surface_get_width (surface) == wanted->width &&
         gdk_surface_get_height (surface) == wanted->height;
}

static void
assert_fits (GtkWindow *window)
{

  SizeWanted wanted = { window, width, height };
  int minimum;

  palpate_test_input_settle ();
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                      NULL);
  g_assert_cmpint (minimum, <=, width);
  g_assert_true (palpate_test_wait_for (has_size_cb, &wanted, 5000));
}

/* Makes @window width × height on the X server, as a window manager would, and checks that
 * nothing in it makes it wider. */
static void
make_narrow (GtkWindow *window)
{
  SizeWanted wanted = { window, width, height };
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  XResizeWindow (gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window))),
                 gdk_x11_surface_get_xid (surface), width, height);
  palpate_test_input_settle ();
  g_assert_true (palpate_test_wait_for (has_size_cb, &wanted, 5000));
  assert_fits (window);
}

/* The title label of @title shows all of its text. */
static void
assert_title_whole (AdwWindowTitle *title,
                    const char     *text)
{
  gboolean found = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (title)); child != NULL;
       child = gtk_widget_get_first_child (child) ? gtk_widget_get_first_child (child)
                                                   : gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
      {
        g_assert_true (gtk_widget_get_mapped (child));
        g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (child))));
        found = TRUE;
        break;
      }

  g_assert_true (found);
}

static gboolean
visit_shown_cb (gpointer user_data)
{
  PalpateVisitPage *page = palpate_window_get_visit_page (user_data);

  return palpate_visit_page_get_visit (page) != NULL && gtk_widget_get_mapped (GTK_WIDGET (page));
}

static gboolean
editor_shown_cb (gpointer user_data)
{
  GtkWindow *editor = palpate_test_find_toplevel (PALPATE_TYPE_CLIENT_EDITOR);

  return editor != NULL && gtk_widget_get_mapped (GTK_WIDGET (editor));
}

static void
check_pages (Fixture       *fixture,
             PalpateWindow *window)
{
  PalpateClientPage *client_page = palpate_window_get_client_page (window);
  PalpateVisitPage *visit_page = palpate_window_get_visit_page (window);
  GtkWidget *title;
  GtkWidget *map;
  GtkWindow *editor;

  make_narrow (GTK_WINDOW (window));

  /* The client list fits (a list of one client, then the client). */
  palpate_window_show_latest (window, FALSE);
  assert_fits (GTK_WINDOW (window));

  /* The client's page: the whole name in the header. */
  g_assert_true (palpate_test_input_wait_visible (GTK_WIDGET (client_page), 5000));
  title = palpate_test_find_widget_by_name (GTK_WIDGET (client_page), "title");
  assert_title_whole (ADW_WINDOW_TITLE (title), CLIENT);

  /* A new visit, with Ctrl+N: the map keeps at least half the width, the header on screen. */
  palpate_test_input_key ("<Control>n");
  g_assert_true (palpate_test_wait_for (visit_shown_cb, window, 5000));
  assert_fits (GTK_WINDOW (window));
  map = palpate_test_find_widget_by_name (GTK_WIDGET (visit_page), "body_map");
  g_assert_true (palpate_test_input_wait_visible (map, 5000));
  g_assert_cmpint (gtk_widget_get_width (map), >=, WIDTH / 2);
  {
    GtkWidget *sign = palpate_test_find_widget_by_name (GTK_WIDGET (visit_page), "sign_button");
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (sign, GTK_WIDGET (window), &bounds));
    g_assert_cmpfloat (bounds.origin.y, >=, 0);
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, WIDTH);
  }

  /* Back to the client, and the editor with Ctrl+E: it fits a narrow screen too. */
  palpate_test_input_key ("<Alt>Left");
  palpate_test_input_key ("<Control>e");
  g_assert_true (palpate_test_wait_for (editor_shown_cb, NULL, 5000));
  editor = palpate_test_find_toplevel (PALPATE_TYPE_CLIENT_EDITOR);
  make_narrow (editor);
  gtk_window_destroy (editor);

  gtk_window_close (GTK_WINDOW (window));
  fixture->checked = TRUE;
}

/* How tall the body figures are drawn in @widget: the rows of its picture that hold the
 * figures' skin colour. */
static int
figure_height (Fixture    *fixture,
               GtkWidget  *widget)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "figure.png", NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *pixels = NULL;
  int w, h, top = -1, bottom = -1;

  g_assert_true (palpate_test_input_wait_visible (widget, 5000));
  paintable = gtk_widget_paintable_new (widget);
  gtk_widget_queue_draw (widget);
  palpate_test_input_settle ();
  while (!palpate_screenshot_save_png (widget, paintable, path, &error))
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
      g_clear_error (&error);
      gtk_widget_queue_draw (widget);
      palpate_test_input_settle ();
    }
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);

  w = gdk_texture_get_width (texture);
  h = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, pixels, w * 4);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        /* B G R A in memory; the figures' fill is a light warm skin tone. */
        const guchar *p = pixels + ((gsize) y * w + x) * 4;

        if (p[2] >= 230 && p[1] >= 215 && p[1] <= 245 && p[0] >= 200 && p[0] <= 238 &&
            p[2] - p[0] >= 8)
          {
            if (top < 0)
              top = y;
            bottom = y;
            break;
          }
      }

  return top < 0 ? 0 : bottom - top + 1;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return child;
      if ((found = find_label (child, text)) != NULL)
        return found;
    }

  return NULL;
}

/* The smallest a figure may be drawn for its regions, markers and the "L" and "R" beside it to be
 * read at arm's length on a 1366 × 768 laptop: more than half the screen's height. */
#define READABLE_FIGURE 400

static void
check_figures (Fixture       *fixture,
               PalpateWindow *window)
{
  PalpateClientPage *client_page = palpate_window_get_client_page (window);
  GtkWidget *progress;
  GtkWindow *editor;
  GtkWidget *zones_map;
  int figure;

  make_narrow (GTK_WINDOW (window));
  palpate_window_show_latest (window, FALSE);

  /* The client's progress: the first and latest body charts. */
  g_assert_true (palpate_test_input_wait_visible (GTK_WIDGET (client_page), 5000));
  progress = find_label (GTK_WIDGET (client_page), "Progress");
  g_assert_nonnull (progress);
  palpate_test_input_click (gtk_widget_get_ancestor (progress, GTK_TYPE_BUTTON));
  figure = figure_height (fixture, palpate_test_find_widget_by_name (GTK_WIDGET (client_page),
                                                                     "body_area"));
  g_assert_cmpint (figure, >=, READABLE_FIGURE);

  /* The client editor's no-touch zones. */
  palpate_test_input_key ("<Control>e");
  g_assert_true (palpate_test_wait_for (editor_shown_cb, NULL, 5000));
  editor = palpate_test_find_toplevel (PALPATE_TYPE_CLIENT_EDITOR);
  make_narrow (editor);
  zones_map = palpate_test_find_widget_by_name (GTK_WIDGET (editor), "zones_map");
  figure = figure_height (fixture, palpate_body_map_get_canvas (PALPATE_BODY_MAP (zones_map)));
  g_assert_cmpint (figure, >=, READABLE_FIGURE);
  gtk_window_destroy (editor);

  gtk_window_close (GTK_WINDOW (window));
  fixture->checked = TRUE;
}

static void
activate_cb (GApplication *app,
             Fixture      *fixture)
{
  PalpateWindow *window = PALPATE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
  if (width == WIDTH)
    check_pages (fixture, window);
  else
    check_figures (fixture, window);
}

static void
run (void)
{
  Fixture fixture = { 0 };
  g_autoptr(PalpateApplication) app = NULL;
  char *argv[] = { (char *) "palpate", NULL };

  fixture.tmpdir = palpate_test_make_tmpdir ();
  fixture.database_path = g_build_filename (fixture.tmpdir, "clinic.sqlite3", NULL);
  write_clinic (fixture.database_path);

  app = palpate_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  palpate_application_set_database_path (app, fixture.database_path);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (fixture.checked);

  palpate_test_remove_tree (fixture.tmpdir);
  g_free (fixture.tmpdir);
  g_free (fixture.database_path);
}

static void
test_narrow_pages (void)
{
  width = WIDTH;
  height = HEIGHT;
  run ();
}

static void
test_figures (void)
{
  width = 1366;
  height = 768;
  run ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  palpate_test_input_init ();

  /* GNOME's title buttons (org.gnome.desktop.wm.preferences button-layout "appmenu:close"),
   * not GTK's fallback with minimize and maximize, which no small screen shows. */
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "menu:close", NULL);

  g_test_add_func ("/Palpate/Layout/every-page-at-360-pixels", test_narrow_pages);
  g_test_add_func ("/Palpate/Layout/figures-readable-at-1366x768", test_figures);

  return g_test_run ();
}
