/* test-application.c — the application starts, presents its window, and its menu works
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "palpate-application.h"
#include "palpate-preferences-window.h"
#include "palpate-test-clinic.h"
#include "palpate-test-utils.h"
#include "palpate-window.h"

typedef struct
{
  PalpateApplication *app;
  char               *tmpdir;
  char               *database_path;
  gboolean            checked;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->tmpdir = palpate_test_make_tmpdir ();
  fixture->database_path = g_build_filename (fixture->tmpdir, "clinic.sqlite3", NULL);
  fixture->app = palpate_application_new ();
  g_application_set_flags (G_APPLICATION (fixture->app), G_APPLICATION_NON_UNIQUE);
  palpate_application_set_database_path (fixture->app, fixture->database_path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->app);
  palpate_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_free (fixture->database_path);
}

static gboolean
window_is_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

static void
check_main_window (Fixture *fixture)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (fixture->app));
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  GtkWidget *status_page;
  GtkWindow *dialog;

  g_assert_true (PALPATE_IS_WINDOW (window));
  g_assert_true (palpate_test_wait_for (window_is_mapped, window, 5000));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Palpate");

  /* A new clinic asks for its owner first, then shows its empty state. */
  gtk_editable_set_text (GTK_EDITABLE (palpate_test_find_row (GTK_WIDGET (window), "Name")),
                         "Maria Rossi");
  palpate_test_click_button (palpate_test_find_button (GTK_WIDGET (window), "Start"));
  g_assert_false (palpate_window_is_locked (PALPATE_WINDOW (window)));
  palpate_test_iterate (200);
  status_page = palpate_test_find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status_page);
  g_assert_true (gtk_widget_is_visible (status_page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==,
                   "No Clients Yet");

  /* The primary menu's entries lead to real windows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.preferences", NULL));
  dialog = palpate_test_find_toplevel (PALPATE_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == window);
  gtk_window_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.about", NULL));
  dialog = palpate_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (dialog)), ==, PACKAGE_VERSION);
  gtk_window_destroy (dialog);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  dialog = palpate_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (dialog);
  gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);

  /* The usual shortcuts are bound. */
  {
    g_auto(GStrv) quit = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app),
                                                                "app.quit");
    g_auto(GStrv) close = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app),
                                                                 "window.close");
    g_assert_cmpstr (quit[0], ==, "<Control>q");
    g_assert_cmpstr (close[0], ==, "<Control>w");
  }

  /* The window's size is remembered when it closes. */
  gtk_window_set_default_size (window, 1011, 707);
  palpate_test_iterate (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1011);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 707);

  fixture->checked = TRUE;
}

static void
activate_cb (GApplication *app,
             Fixture      *fixture)
{
  check_main_window (fixture);
}

static void
test_application_main_window (Fixture       *fixture,
                              gconstpointer  user_data)
{
  char *argv[] = { (char *) "palpate", NULL };
  int status;

  g_signal_connect_after (fixture->app, "activate", G_CALLBACK (activate_cb), fixture);
  status = g_application_run (G_APPLICATION (fixture->app), 1, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (fixture->checked);
  g_assert_cmpstr (palpate_application_get_database_path (fixture->app), ==,
                   fixture->database_path);
}

static void
test_application_default_database_path (void)
{
  g_autofree char *path = palpate_application_dup_default_database_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "palpate",
                                                "clinic.sqlite3", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_application_version (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  const char *argv[] = { PALPATE_EXE, "--version", NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "palpate " PACKAGE_VERSION "\n");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/Palpate/Application/main-window", Fixture, NULL,
              fixture_set_up, test_application_main_window, fixture_tear_down);
  g_test_add_func ("/Palpate/Application/default-database-path",
                   test_application_default_database_path);
  g_test_add_func ("/Palpate/Application/version", test_application_version);

  return g_test_run ();
}
