/* palpate-test-utils.c — what the widget and window tests share: temporary clinics, waiting for
 * the main loop, finding widgets in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-test-utils.h"

/* GTK's test set-up does not isolate folders, so each test keeps its clinic in its own
 * temporary folder. */
char *
palpate_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("palpate-test-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

void
palpate_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_remove (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      palpate_test_remove_tree (child);
    }

  g_rmdir (path);
}

static gboolean
timeout_reached_cb (gpointer user_data)
{
  gboolean *reached = user_data;

  *reached = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for the given time, so that frames are drawn and idles run. */
void
palpate_test_iterate (guint milliseconds)
{
  gboolean reached = FALSE;

  g_timeout_add (milliseconds, timeout_reached_cb, &reached);
  while (!reached)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
palpate_test_wait_for (gboolean  (*condition) (gpointer user_data),
                       gpointer    user_data,
                       guint       timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (user_data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

GtkWidget *
palpate_test_find_widget_of_type (GtkWidget *root,
                                  GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = palpate_test_find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
palpate_test_find_widget_by_name (GtkWidget  *root,
                                  const char *buildable_id)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (root));

  if (g_strcmp0 (id, buildable_id) == 0 ||
      g_strcmp0 (gtk_widget_get_name (root), buildable_id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = palpate_test_find_widget_by_name (child, buildable_id);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  const char *piece = NULL;

  if (GTK_IS_LABEL (widget))
    piece = gtk_label_get_text (GTK_LABEL (widget));
  else if (GTK_IS_EDITABLE (widget))
    piece = gtk_editable_get_text (GTK_EDITABLE (widget));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *contents = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      contents = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append (text, contents);
      g_string_append_c (text, '\n');
    }

  if (piece != NULL)
    {
      g_string_append (text, piece);
      g_string_append_c (text, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

/* All the text a person could read in the widget tree: labels, entries and text views. */
char *
palpate_test_tree_dup_text (GtkWidget *root)
{
  GString *text = g_string_new (NULL);

  collect_text (root, text);
  return g_string_free (text, FALSE);
}

gboolean
palpate_test_tree_contains_text (GtkWidget  *root,
                                 const char *text)
{
  g_autofree char *all = palpate_test_tree_dup_text (root);

  return strstr (all, text) != NULL;
}

/* Clicks a button as a pointer would: GtkButton's own "clicked", without the 250 ms press
 * animation that activating it by keyboard plays first. */
void
palpate_test_click_button (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  palpate_test_iterate (1);
}

/* Reads a PNG's size from its IHDR chunk, which the format places first. */
gboolean
palpate_test_png_size (const char *path,
                       int        *width,
                       int        *height)
{
  static const guchar signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autofree guchar *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, (char **) &contents, &length, NULL) || length < 24)
    return FALSE;

  if (memcmp (contents, signature, 8) != 0 || memcmp (contents + 12, "IHDR", 4) != 0)
    return FALSE;

  {
    guint32 be_width;
    guint32 be_height;

    memcpy (&be_width, contents + 16, 4);
    memcpy (&be_height, contents + 20, 4);
    *width = (int) GUINT32_FROM_BE (be_width);
    *height = (int) GUINT32_FROM_BE (be_height);
  }
  return TRUE;
}

/**
 * palpate_test_find_toplevel:
 *
 * Returns: (transfer none) (nullable): a visible window of @type
 */
GtkWindow *
palpate_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/**
 * palpate_test_find_drag:
 *
 * Returns: (transfer none) (nullable): the drag gesture of @widget
 */
GtkGesture *
palpate_test_find_drag (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        return GTK_GESTURE (controller);
    }

  return NULL;
}

static gboolean
body_map_is_laid_out (gpointer user_data)
{
  const PalpatePoint point = { 100, 100 };
  double x, y;

  return palpate_body_map_atlas_to_widget (user_data, PALPATE_VIEW_ANTERIOR, &point, &x, &y);
}

/**
 * palpate_test_chart_in_region:
 * @kind: the kind to chart, or -1 for the map's current one
 * @n_points: 1 for a tap, more for a drag through that many points
 *
 * Charts a finding inside @region_id through the map's own drag gesture, as a finger would,
 * once the map has its first layout.
 */
void
palpate_test_chart_in_region (PalpateBodyMap *map,
                              int             kind,
                              const char     *region_id,
                              guint           n_points,
                              guint32         seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GtkGesture *drag = palpate_test_find_drag (palpate_body_map_get_canvas (map));
  PalpatePoint points[8];
  PalpateView view;
  double x0, y0, x, y;

  g_assert_nonnull (drag);
  g_assert_cmpuint (n_points, >=, 1);
  g_assert_cmpuint (n_points, <=, G_N_ELEMENTS (points));
  g_assert_true (palpate_test_wait_for (body_map_is_laid_out, map, 10000));
  g_assert_true (palpate_atlas_place_in_region (region_id, rand, &view, points, n_points,
                                                palpate_atlas_get_default ()));
  if (kind >= 0)
    palpate_body_map_set_current_kind (map, kind);

  g_assert_true (palpate_body_map_atlas_to_widget (map, view, &points[0], &x0, &y0));
  g_signal_emit_by_name (drag, "drag-begin", x0, y0);
  for (guint i = 1; i < n_points; i++)
    {
      palpate_body_map_atlas_to_widget (map, view, &points[i], &x, &y);
      g_signal_emit_by_name (drag, "drag-update", x - x0, y - y0);
    }
  palpate_body_map_atlas_to_widget (map, view, &points[n_points - 1], &x, &y);
  g_signal_emit_by_name (drag, "drag-end", x - x0, y - y0);
  palpate_test_iterate (20);
}
