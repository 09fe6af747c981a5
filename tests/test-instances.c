/* test-instances.c — a second `palpate` while one runs, on a session bus of its own
 *
 * The first Palpate owns the application's name on the bus; a second one started with
 * another --database hands its command line over and exits, and the first opens that clinic
 * in a window of its own. The same clinic again brings its window to the front; a mistyped
 * one is refused by the second process itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <sys/wait.h>

#include "palpate-application.h"
#include "palpate-test-utils.h"
#include "palpate-window.h"

typedef struct
{
  PalpateApplication *app;
  char               *clinic_a;
  char               *clinic_b;
  char               *missing;
  gboolean            checked;
} Fixture;

typedef struct
{
  GPid     pid;
  gboolean done;
  int      status;
} Child;

static void
write_clinic (const char *path,
              const char *client_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
  g_autoptr(PalpateClient) client = palpate_client_new ();

  g_assert_no_error (error);
  palpate_client_set_name (client, client_name);
  g_assert_true (palpate_store_save_client (store, client, &error));
}

static guint
count_windows (PalpateApplication *app)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (PALPATE_IS_WINDOW (l->data))
      n++;

  return n;
}

static gboolean
child_done (gpointer user_data)
{
  Child *child = user_data;

  if (!child->done && waitpid (child->pid, &child->status, WNOHANG) == child->pid)
    child->done = TRUE;

  return child->done;
}

/* Runs `palpate ARGS` as a second process while the main loop keeps answering it. */
static int
run_second (const char *database,
            char      **err)
{
  const char *argv[] = { PALPATE_EXE, "--database", database, NULL };
  g_autoptr(GError) error = NULL;
  Child child = { 0 };
  int err_fd = -1;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &child.pid, NULL, NULL, &err_fd, &error);
  g_assert_no_error (error);
  g_assert_true (palpate_test_wait_for (child_done, &child, 20000));
  g_spawn_close_pid (child.pid);

  {
    g_autoptr(GString) text = g_string_new (NULL);
    char buffer[1024];
    ssize_t n;

    while ((n = read (err_fd, buffer, sizeof buffer)) > 0)
      g_string_append_len (text, buffer, n);
    close (err_fd);
    if (err != NULL)
      *err = g_string_free (g_steal_pointer (&text), FALSE);
  }

  return child.status;
}

static gboolean
has_two_windows (gpointer user_data)
{
  return count_windows (user_data) == 2;
}

static gboolean
first_window_shown (gpointer user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static PalpateWindow *
window_on (PalpateApplication *app,
           const char         *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (PALPATE_IS_WINDOW (l->data) && palpate_window_get_store (l->data) != NULL &&
        g_str_equal (palpate_store_get_path (palpate_window_get_store (l->data)), path))
      return l->data;

  return NULL;
}

static gboolean
check_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *err = NULL;
  PalpateWindow *window_b;
  int status;

  g_assert_true (palpate_test_wait_for (first_window_shown, fixture->app, 10000));
  g_assert_cmpuint (count_windows (fixture->app), ==, 1);

  /* Another clinic: its own window, in this process, showing that clinic's clients. */
  status = run_second (fixture->clinic_b, &err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (palpate_test_wait_for (has_two_windows, fixture->app, 10000));
  window_b = window_on (fixture->app, fixture->clinic_b);
  g_assert_nonnull (window_b);
  g_assert_nonnull (window_on (fixture->app, fixture->clinic_a));
  palpate_test_iterate (200);
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (window_b), "Bea Brown"));
  g_assert_false (palpate_test_tree_contains_text (GTK_WIDGET (window_b), "Ana Alder"));
  g_clear_pointer (&err, g_free);

  /* The same clinic again: no second window on it. */
  status = run_second (fixture->clinic_a, &err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  palpate_test_iterate (300);
  g_assert_cmpuint (count_windows (fixture->app), ==, 2);
  g_clear_pointer (&err, g_free);

  /* A mistyped clinic is refused by the second process, with a sentence. */
  status = run_second (fixture->missing, &err);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "There is no clinic file"));
  palpate_test_iterate (300);
  g_assert_cmpuint (count_windows (fixture->app), ==, 2);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fixture->app)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_destroy (window);
    }

  fixture->checked = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_instances_second_clinic (void)
{
  g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autofree char *tmpdir = palpate_test_make_tmpdir ();
  Fixture fixture = { 0 };
  char *argv[] = { (char *) "palpate", (char *) "--database", NULL, NULL };
  int status;

  g_test_dbus_up (bus);

  fixture.clinic_a = g_build_filename (tmpdir, "a.sqlite3", NULL);
  fixture.clinic_b = g_build_filename (tmpdir, "b.sqlite3", NULL);
  fixture.missing = g_build_filename (tmpdir, "c.sqlite3", NULL);
  write_clinic (fixture.clinic_a, "Ana Alder");
  write_clinic (fixture.clinic_b, "Bea Brown");

  /* The first Palpate, unique on the bus, as a therapist starts it. */
  fixture.app = palpate_application_new ();
  argv[2] = fixture.clinic_a;
  g_idle_add (check_cb, &fixture);
  status = g_application_run (G_APPLICATION (fixture.app), 3, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (fixture.checked);
  g_assert_finalize_object (fixture.app);

  g_test_dbus_down (bus);
  palpate_test_remove_tree (tmpdir);
  g_free (fixture.clinic_a);
  g_free (fixture.clinic_b);
  g_free (fixture.missing);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Palpate/Instances/second-clinic", test_instances_second_clinic);

  return g_test_run ();
}
