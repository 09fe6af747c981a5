/* test-startup.c — the window shows a clinic before reading it whole: the sidebar's first screen
 * comes first, the integrity check and the daily backup after the first frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "palpate-backup.h"
#include "palpate-store-private.h"
#include "palpate-test-utils.h"
#include "palpate-window.h"

#define PAGE_SIZE 4096

typedef struct
{
  char          *tmpdir;
  char          *path;
  PalpateWindow *window;
  GSettings     *settings;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->tmpdir = palpate_test_make_tmpdir ();
  fixture->path = g_build_filename (fixture->tmpdir, "clinic.sqlite3", NULL);
  fixture->settings = g_settings_new (SETTINGS_SCHEMA_ID);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      g_assert_finalize_object (fixture->window);
    }
  g_clear_object (&fixture->settings);
  palpate_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_free (fixture->path);
}

static PalpateWindow *
new_window (Fixture *fixture)
{
  PalpateWindow *window = g_object_new (PALPATE_TYPE_WINDOW, "settings", fixture->settings, NULL);

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);

  return window;
}

/* A clinic of @n_clients in a WAL file, as the app leaves it; returns how many pages the empty
 * schema took, so that the pages after them hold only the clients. */
static gint64
make_clinic (const char *path,
             int         n_clients)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
  sqlite3_stmt *stmt;
  gint64 schema_pages;

  g_assert_no_error (error);
  stmt = palpate_store_prepare (store, "PRAGMA page_count", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  schema_pages = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (int i = 0; i < n_clients; i++)
    {
      g_autoptr(PalpateClient) client = palpate_client_new ();
      g_autofree char *name = g_strdup_printf ("Client %03d, whose name fills a row", i);

      palpate_client_set_name (client, name);
      g_assert_true (palpate_store_save_client (store, client, &error));
      g_assert_no_error (error);
    }
  g_assert_true (palpate_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &error));

  return schema_pages;
}

static guint
count_daily_backups (const char *clinic_path)
{
  g_autofree char *folder = palpate_backup_dup_folder (clinic_path);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, "-daily-") != NULL && g_str_has_suffix (name, ".sqlite3"))
      n++;

  return n;
}

static gboolean
shows_error_page (gpointer user_data)
{
  return g_strcmp0 (palpate_window_get_page_name (user_data), "error") == 0;
}

static gboolean
has_daily_backup (gpointer user_data)
{
  return count_daily_backups (user_data) == 1;
}

static void
test_startup_damage_shown_after_first_frame (Fixture       *fixture,
                                             gconstpointer  user_data)
{
  g_autofree char *contents = NULL;
  gint64 schema_pages = make_clinic (fixture->path, 200);
  gsize length = 0;

  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  for (gsize page = schema_pages * PAGE_SIZE; page + PAGE_SIZE <= length; page += PAGE_SIZE)
    memset (contents + page + 8, 0x5a, 600);
  g_assert_true (g_file_set_contents_full (fixture->path, contents, length,
                                           G_FILE_SET_CONTENTS_NONE, 0600, NULL));

  /* The clinic opens without being read whole … */
  fixture->window = new_window (fixture);
  g_assert_true (palpate_window_open_database (fixture->window, fixture->path));
  g_assert_cmpstr (palpate_window_get_page_name (fixture->window), !=, "error");

  /* … and once the window is shown, the check finds the damage and says so, with the
   * page that offers a backup; no backup is made of the damaged file. */
  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (palpate_test_wait_for (shows_error_page, fixture->window, 20000));
  g_assert_null (palpate_window_get_store (fixture->window));
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (fixture->window), "damaged"));
  g_assert_cmpuint (count_daily_backups (fixture->path), ==, 0);
}

static void
test_startup_daily_backup_after_first_frame (Fixture       *fixture,
                                             gconstpointer  user_data)
{
  make_clinic (fixture->path, 3);

  fixture->window = new_window (fixture);
  g_assert_true (palpate_window_open_database (fixture->window, fixture->path));
  g_assert_cmpuint (count_daily_backups (fixture->path), ==, 0);

  gtk_window_present (GTK_WINDOW (fixture->window));
  g_assert_true (palpate_test_wait_for (has_daily_backup, fixture->path, 20000));
  g_assert_cmpstr (palpate_window_get_page_name (fixture->window), !=, "error");
  g_assert_nonnull (palpate_window_get_store (fixture->window));
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  return n;
}

typedef struct
{
  GtkListBox *list;
  guint       n_rows;
} RowCount;

static gboolean
has_rows (gpointer user_data)
{
  RowCount *count = user_data;

  return count_rows (count->list) == count->n_rows;
}

static void
test_startup_sidebar_rows (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  RowCount count;

  make_clinic (fixture->path, 320);

  fixture->window = new_window (fixture);
  g_assert_true (palpate_window_open_database (fixture->window, fixture->path));
  count.list = GTK_LIST_BOX (palpate_test_find_widget_by_name (GTK_WIDGET (fixture->window),
                                                               "client_list"));
  g_assert_nonnull (count.list);

  /* The rows come from the sidebar's list model; opened again, the sidebar starts over, no row
   * twice. */
  g_assert_true (palpate_window_open_database (fixture->window, fixture->path));

  gtk_window_present (GTK_WINDOW (fixture->window));
  count.n_rows = 300;
  g_assert_true (palpate_test_wait_for (has_rows, &count, 20000));
  palpate_test_iterate (200);
  g_assert_cmpuint (count_rows (count.list), ==, 300);
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (count.list), "Client 299"));
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (fixture->window),
                                                  "The first 300 of 320 clients"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/Palpate/Startup/damage-shown-after-first-frame", Fixture, NULL,
              fixture_set_up, test_startup_damage_shown_after_first_frame, fixture_tear_down);
  g_test_add ("/Palpate/Startup/daily-backup-after-first-frame", Fixture, NULL,
              fixture_set_up, test_startup_daily_backup_after_first_frame, fixture_tear_down);
  g_test_add ("/Palpate/Startup/sidebar-rows", Fixture, NULL,
              fixture_set_up, test_startup_sidebar_rows, fixture_tear_down);

  return g_test_run ();
}
