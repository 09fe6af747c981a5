/* test-startup.c — the window shows a clinic before reading it whole: the sidebar's first screen
 * comes first, the integrity check and the daily backup after the first frame; every client of
 * a clinic of 2,000 clients (the ten-year clinic's number) is reached by scrolling the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "palpate-backup.h"
#include "palpate-store-private.h"
#include "palpate-test-clinic.h"
#include "palpate-test-input.h"
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

/* A clinic of 2,000 clients, as many as the ten-year clinic has (whose 60,000 visits would take
 * minutes to write under the sanitizers; the sidebar reads only the rows it shows, and
 * bench-client-list measures it on the ten-year clinic and on 100,000 clients). Names from
 * several alphabets and cases, so that the order is the store's; written once into the build
 * folder, under another name first, so that it is whole or absent. */
static const char *
two_thousand_clients (void)
{
  static const char *path = TEST_BUILDDIR "/tests/two-thousand-clients.sqlite3";
  static const char * const given[] = { "Anna", "bruno", "Chloé", "Đorđe", "Émile", "Farah",
                                        "Grete", "hana", "Ines", "Jörg", "Kwame", "Leïla",
                                        "Mateo", "Nia", "Øystein", "Priya", "Quentin", "Rosa",
                                        "Søren", "Tomás", "Ulla", "Vikram", "Wen", "Yusuf",
                                        "Zoë" };
  g_autofree char *partial = NULL;
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;

  partial = g_strconcat (path, ".partial", NULL);
  g_unlink (partial);
  store = palpate_store_open (partial, &error);
  g_assert_no_error (error);
  {
    g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;

    g_assert_true (palpate_store_transaction_begin (&transaction, store, &error));
    for (int i = 0; i < 2000; i++)
      {
        g_autoptr(PalpateClient) client = palpate_client_new ();
        g_autofree char *name = g_strdup_printf ("%s %s%04d", given[i % G_N_ELEMENTS (given)],
                                                 i % 3 ? "Lindqvist-" : "lindqvist ", i);

        palpate_client_set_name (client, name);
        g_assert_true (palpate_store_save_client (store, client, &error));
      }
    g_assert_true (palpate_store_transaction_commit (&transaction, &error));
    g_assert_no_error (error);
  }
  g_clear_object (&store);
  g_assert_cmpint (g_rename (partial, path), ==, 0);

  return path;
}

/* The first client by name, or with @last the last one. */
static char *
client_name_at_end (PalpateStore *store,
                    gboolean      last)
{
  sqlite3_stmt *stmt = palpate_store_prepare (store,
                                              last ? "SELECT name FROM clients ORDER BY "
                                                     "name COLLATE NOCASE DESC, id DESC LIMIT 1"
                                                   : "SELECT name FROM clients ORDER BY "
                                                     "name COLLATE NOCASE, id LIMIT 1",
                                              NULL);
  char *name;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return name;
}

typedef struct
{
  GtkWidget  *root;
  const char *name;
} Sought;

static gboolean
row_on_screen (gpointer user_data)
{
  Sought *sought = user_data;
  GtkWidget *row = palpate_test_find_row (sought->root, sought->name);

  return row != NULL && gtk_widget_get_mapped (row);
}

static gboolean
client_shown (gpointer user_data)
{
  Sought *sought = user_data;
  PalpateWindow *window = PALPATE_WINDOW (sought->root);
  GtkWidget *page = GTK_WIDGET (palpate_window_get_client_page (window));
  GtkWidget *title = palpate_test_child (page, "title");

  return g_strcmp0 (palpate_window_get_page_name (window), "client") == 0 &&
         g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), sought->name) == 0;
}

static void
test_startup_sidebar_reaches_every_client (Fixture       *fixture,
                                           gconstpointer  user_data)
{
  g_autoptr(GFile) source = g_file_new_for_path (two_thousand_clients ());
  g_autoptr(GFile) copy = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  GListModel *model;
  GtkWidget *list;
  Sought first_row;
  Sought last_row;

  g_assert_true (g_file_copy (source, copy, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  palpate_test_input_init ();
  fixture->window = new_window (fixture);
  g_assert_true (palpate_window_open_database (fixture->window, fixture->path));
  first = client_name_at_end (palpate_window_get_store (fixture->window), FALSE);
  last = client_name_at_end (palpate_window_get_store (fixture->window), TRUE);
  list = palpate_test_find_widget_by_name (GTK_WIDGET (fixture->window), "client_list");
  g_assert_true (GTK_IS_LIST_VIEW (list));

  /* Opened again, the sidebar starts over: every client once, none left out. */
  g_assert_true (palpate_window_open_database (fixture->window, fixture->path));
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2000);

  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (fixture->window)));
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (fixture->window), "2000 clients"));
  g_assert_false (palpate_test_tree_contains_text (GTK_WIDGET (fixture->window), "search to find"));

  /* The first client by name opens on a click … */
  first_row.root = GTK_WIDGET (fixture->window);
  first_row.name = first;
  g_assert_true (palpate_test_wait_for (row_on_screen, &first_row, 10000));
  palpate_test_input_click (palpate_test_find_row (list, first));
  g_assert_true (palpate_test_wait_for (client_shown, &first_row, 10000));

  /* … and from its row, End scrolls the sidebar to the last client by name, on screen and
   * opened by a click. */
  last_row.root = GTK_WIDGET (fixture->window);
  last_row.name = last;
  g_assert_false (row_on_screen (&last_row));
  palpate_test_input_key ("End");
  g_assert_true (palpate_test_wait_for (row_on_screen, &last_row, 10000));
  palpate_test_input_click (palpate_test_find_row (list, last));
  g_assert_true (palpate_test_wait_for (client_shown, &last_row, 10000));
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
  g_test_add ("/Palpate/Startup/sidebar-reaches-every-client", Fixture, NULL,
              fixture_set_up, test_startup_sidebar_reaches_every_client, fixture_tear_down);

  return g_test_run ();
}
