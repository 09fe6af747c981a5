/* palpate-screenshot.h — writes what a widget shows on screen to a PNG file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean palpate_screenshot_save_png (GtkWidget     *widget,
                                      GdkPaintable  *paintable,
                                      const char    *path,
                                      GError       **error);

G_END_DECLS
