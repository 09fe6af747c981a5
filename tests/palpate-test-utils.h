/* palpate-test-utils.h — what the widget and window tests share: temporary clinics, waiting for
 * the main loop, finding widgets in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "palpate-body-map.h"

G_BEGIN_DECLS

char      *palpate_test_make_tmpdir           (void);
void       palpate_test_remove_tree           (const char *path);
void       palpate_test_iterate               (guint       milliseconds);
gboolean   palpate_test_wait_for              (gboolean  (*condition) (gpointer user_data),
                                               gpointer    user_data,
                                               guint       timeout_ms);
GtkWidget *palpate_test_find_widget_of_type   (GtkWidget  *root,
                                               GType       type);
GtkWidget *palpate_test_find_widget_by_name   (GtkWidget  *root,
                                               const char *buildable_id);
gboolean   palpate_test_tree_contains_text    (GtkWidget  *root,
                                               const char *text);
char      *palpate_test_tree_dup_text         (GtkWidget  *root);
void       palpate_test_click_button          (GtkWidget  *button);
gboolean   palpate_test_png_size              (const char *path,
                                               int        *width,
                                               int        *height);

GtkWindow *palpate_test_find_toplevel         (GType       type);
GtkGesture *palpate_test_find_drag            (GtkWidget  *widget);
void       palpate_test_chart_in_region       (PalpateBodyMap *map,
                                               int             kind,
                                               const char     *region_id,
                                               guint           n_points,
                                               guint32         seed);

G_END_DECLS
