/* test-resources.c — every file of ui/ is compiled into the GResource, and every template loads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gmodule.h>
#include <string.h>

static void
collect_files (const char *root,
               const char *relative,
               GPtrArray  *files)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = relative[0] ? g_build_filename (relative, name, NULL)
                                           : g_strdup (name);
      g_autofree char *full = g_build_filename (root, child, NULL);

      if (g_file_test (full, G_FILE_TEST_IS_DIR))
        collect_files (root, child, files);
      else if (g_str_has_suffix (name, ".ui") || g_str_has_suffix (name, ".css"))
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
}

/* "PalpateBodyMap" → "palpate_body_map_get_type" */
static char *
type_function_name (const char *type_name)
{
  GString *name = g_string_new (NULL);

  for (const char *p = type_name; *p; p++)
    {
      if (g_ascii_isupper (*p) && p != type_name)
        g_string_append_c (name, '_');
      g_string_append_c (name, g_ascii_tolower (*p));
    }
  g_string_append (name, "_get_type");

  return g_string_free (name, FALSE);
}

static char *
template_class (const char *contents)
{
  const char *start = strstr (contents, "<template class=\"");
  const char *end;

  if (start == NULL)
    return NULL;
  start += strlen ("<template class=\"");
  end = strchr (start, '"');
  return g_strndup (start, end - start);
}

static void
check_ui_file (const char *relative)
{
  g_autofree char *resource = g_strconcat (RESOURCE_PREFIX "/", relative, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *class_name = NULL;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  if (!g_str_has_suffix (relative, ".ui"))
    return;

  class_name = template_class (g_bytes_get_data (bytes, NULL));
  if (class_name != NULL)
    {
      GModule *self = g_module_open (NULL, 0);
      g_autofree char *function = type_function_name (class_name);
      GType (*get_type) (void) = NULL;
      GObject *object;

      g_assert_true (g_module_symbol (self, function, (gpointer *) &get_type));
      g_module_close (self);
      object = g_object_new (get_type (), NULL);
      g_assert_nonnull (object);
      g_object_ref_sink (object);
      if (GTK_IS_WINDOW (object))
        gtk_window_destroy (GTK_WINDOW (object));
      g_assert_finalize_object (object);
    }
  else
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new ();

      gtk_builder_add_from_resource (builder, resource, &error);
      g_assert_no_error (error);
      for (GSList *l = gtk_builder_get_objects (builder); l; l = g_slist_delete_link (l, l))
        if (GTK_IS_WINDOW (l->data))
          gtk_window_destroy (l->data);
    }
}

static void
test_resources_every_ui_file (void)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  collect_files (TEST_SRCDIR "/ui", "", files);
  g_assert_cmpuint (files->len, >=, 4);

  for (guint i = 0; i < files->len; i++)
    {
      g_test_message ("checking %s", (const char *) files->pdata[i]);
      check_ui_file (files->pdata[i]);
    }
}

static void
test_resources_icons (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  gtk_icon_theme_add_resource_path (theme, RESOURCE_PREFIX "/icons");
  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID "-symbolic"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Palpate/Resources/every-ui-file", test_resources_every_ui_file);
  g_test_add_func ("/Palpate/Resources/icons", test_resources_icons);

  return g_test_run ();
}
