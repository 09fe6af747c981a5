/* palpate-screenshot.c — writes what a widget shows on screen to a PNG file
 *
 * Used by `palpate --screenshot`, by the README's pictures and by the tests: the widget's own
 * render nodes are drawn by the window's renderer, so the PNG is exactly what the screen shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-screenshot"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-screenshot.h"

/**
 * palpate_screenshot_save_png:
 * @widget: the widget to take a picture of
 * @paintable: a #GtkWidgetPaintable of @widget, created before its last frame was drawn
 * @path: the PNG file to write
 * @error: return location for a #GError
 *
 * A widget paintable holds an image of its widget only once a frame has been drawn after it was
 * created; until then this fails with %G_IO_ERROR_PENDING and the caller tries again after the
 * next frame.
 *
 * Returns: whether the picture was written
 */
gboolean
palpate_screenshot_save_png (GtkWidget     *widget,
                             GdkPaintable  *paintable,
                             const char    *path,
                             GError       **error)
{
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  GtkNative *native;
  int width;
  int height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (GDK_IS_PAINTABLE (paintable), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  native = gtk_widget_get_native (widget);
  renderer = gtk_native_get_renderer (native);

  if (width <= 0 || height <= 0 || renderer == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The window is not shown yet, so there is nothing to take a picture of."));
      return FALSE;
    }

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                   _("The window has not been drawn yet, so there is nothing to take a picture of."));
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The picture could not be written to “%s”."), path);
      return FALSE;
    }

  return TRUE;
}
