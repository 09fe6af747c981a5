/* test-screenshot.c — `palpate --screenshot` writes a PNG of the window as it is drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>
#include <string.h>

#include "palpate-store.h"
#include "palpate-test-utils.h"

/* Runs palpate with its data folder in @data_home, so that nothing reaches the user's own. */
static int
run_palpate (const char         *data_home,
             const char * const *args,
             char              **out,
             char              **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", data_home, TRUE);
  int status = -1;

  g_ptr_array_add (argv, (gpointer) PALPATE_EXE);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);

  return status;
}

/* Counts the distinct colours in a sample of the picture: a blank or black picture has one. */
static guint
count_colours (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guint32 *pixels = NULL;
  int width;
  int height;

  g_assert_no_error (error);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_new (guint32, (gsize) width * height);
  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);

  for (int i = 0; i < width * height; i += 7)
    g_hash_table_add (colours, GUINT_TO_POINTER (pixels[i]));

  return g_hash_table_size (colours);
}

/* A new, empty clinic: palpate opens a --database only when it exists. */
static void
make_clinic (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (path, &error);

  g_assert_no_error (error);
}

static void
test_screenshot_writes_window (void)
{
  g_autofree char *tmpdir = palpate_test_make_tmpdir ();
  g_autofree char *png = g_build_filename (tmpdir, "window.png", NULL);
  g_autofree char *database = g_build_filename (tmpdir, "clinic.sqlite3", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  const char *args[] = { "--database", database, "--window-size", "900x640",
                         "--screenshot", png, NULL };
  int window_width = 0;
  int window_height = 0;
  int width = 0;
  int height = 0;
  int status;

  make_clinic (database);
  status = run_palpate (tmpdir, args, &out, &err);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* palpate reports the size of the window it drew: the size asked for, less the few pixels
   * its frame keeps around it for resizing. */
  g_assert_true (g_str_has_prefix (out, png));
  g_assert_cmpint (sscanf (out + strlen (png), " %dx%d", &window_width, &window_height), ==, 2);
  g_assert_cmpint (window_width, <=, 900);
  g_assert_cmpint (window_width, >=, 900 - 40);
  g_assert_cmpint (window_height, <=, 640);
  g_assert_cmpint (window_height, >=, 640 - 40);

  g_assert_true (palpate_test_png_size (png, &width, &height));
  g_assert_cmpint (width, ==, window_width);
  g_assert_cmpint (height, ==, window_height);
  g_assert_cmpuint (count_colours (png), >, 20);

  palpate_test_remove_tree (tmpdir);
}

static void
test_screenshot_unwritable_path (void)
{
  g_autofree char *tmpdir = palpate_test_make_tmpdir ();
  g_autofree char *png = g_build_filename (tmpdir, "no-such-folder", "window.png", NULL);
  g_autofree char *database = g_build_filename (tmpdir, "clinic.sqlite3", NULL);
  g_autofree char *err = NULL;
  const char *args[] = { "--database", database, "--screenshot", png, NULL };
  int status;

  make_clinic (database);
  status = run_palpate (tmpdir, args, NULL, &err);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "could not be written"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  palpate_test_remove_tree (tmpdir);
}

static void
test_screenshot_bad_window_size (void)
{
  g_autofree char *tmpdir = palpate_test_make_tmpdir ();
  g_autofree char *png = g_build_filename (tmpdir, "window.png", NULL);
  g_autofree char *err = NULL;
  const char *args[] = { "--window-size", "wide", "--screenshot", png, NULL };
  int status;

  status = run_palpate (tmpdir, args, NULL, &err);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "WIDTHxHEIGHT"));
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));

  palpate_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: palpate needs the system's MIME database to load its icons;
   * each run gets a data folder of its own instead. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Palpate/Screenshot/writes-window", test_screenshot_writes_window);
  g_test_add_func ("/Palpate/Screenshot/unwritable-path", test_screenshot_unwritable_path);
  g_test_add_func ("/Palpate/Screenshot/bad-window-size", test_screenshot_bad_window_size);

  return g_test_run ();
}
