/* palpate-test-utils.c — what the widget and window tests share: temporary clinics, waiting for
 * the main loop, finding widgets in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

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
