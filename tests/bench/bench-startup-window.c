/* bench-startup-window.c — the baseline of bench-startup: a bare libadwaita window
 *
 *   _build/tests/bench/bench-startup-window FILE.png WIDTHxHEIGHT
 *
 * Shows an application window with a header bar and a status page, draws one frame, saves it to
 * FILE.png the way `palpate --screenshot` does (palpate_screenshot_save_png) and quits: the
 * least a GNOME program of ours can do to show a window, to hold Palpate's start-up against.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "palpate-screenshot.h"

static const char *picture_path;
static int width = 1366;
static int height = 768;
static GdkPaintable *paintable;
static int exit_status = EXIT_FAILURE;

static void after_paint_cb (GdkFrameClock *frame_clock,
                            GtkWidget     *window);

static gboolean
save_cb (gpointer user_data)
{
  GtkWidget *window = user_data;
  g_autoptr(GError) error = NULL;

  if (palpate_screenshot_save_png (window, paintable, picture_path, &error))
    {
      exit_status = EXIT_SUCCESS;
      g_application_quit (g_application_get_default ());
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    {
      g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                        G_CALLBACK (after_paint_cb), window);
      gtk_widget_queue_draw (window);
    }
  else
    {
      g_printerr ("%s\n", error->message);
      g_application_quit (g_application_get_default ());
    }

  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                GtkWidget     *window)
{
  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, window);
  g_idle_add_full (G_PRIORITY_LOW, save_cb, window, NULL);
}

static void
mapped_cb (GtkWidget *window)
{
  paintable = gtk_widget_paintable_new (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), window);
  gtk_widget_queue_draw (window);
}

static void
activate_cb (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (status), "A bare window");
  adw_status_page_set_description (ADW_STATUS_PAGE (status), "One frame, saved as a picture.");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "document-open-symbolic");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);

  g_object_set (gtk_widget_get_settings (window), "gtk-enable-animations", FALSE, NULL);
  g_signal_connect (window, "map", G_CALLBACK (mapped_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = NULL;

  if (argc != 3 || sscanf (argv[2], "%dx%d", &width, &height) != 2)
    {
      g_printerr ("usage: bench-startup-window FILE.png WIDTHxHEIGHT\n");
      return EXIT_FAILURE;
    }
  picture_path = argv[1];

  application = adw_application_new ("org.palpate.Palpate.BenchWindow", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "activate", G_CALLBACK (activate_cb), NULL);
  g_application_run (G_APPLICATION (application), 1, argv);
  g_clear_object (&paintable);

  return exit_status;
}
