/* test-dashboard.c — the clinic overview in a real window: its figures, and counting drafts
 *
 * A real window under Xvfb on a clinic built here with known answers. The overview counts
 * signed notes and says so; a real click (XTEST) on "Count unsigned drafts" adds the draft to
 * the figures and to the reports the window writes, each marked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <gdk/x11/gdkx.h>
#include <X11/extensions/XTest.h>

#include "palpate-application.h"
#include "palpate-dashboard.h"
#include "palpate-store.h"
#include "palpate-test-utils.h"
#include "palpate-window.h"

typedef struct
{
  char     *tmpdir;
  char     *database_path;
  gint64    drafted;
  gboolean  checked;
} Fixture;

static gint64
add_visit (PalpateStore *store,
           gint64        client_id,
           int           days_ago,
           int           before,
           gboolean      sign)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = g_date_time_add_days (now, -days_ago);
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(GError) error = NULL;

  palpate_visit_set_client_id (visit, client_id);
  palpate_visit_set_started_at (visit, when);
  palpate_visit_set_pain_before (visit, before);
  g_assert_true (palpate_store_save_visit (store, visit, &error));
  if (sign)
    g_assert_true (palpate_store_sign_visit (store, visit, "Maria Rossi", &error));
  g_assert_no_error (error);
  return palpate_visit_get_id (visit);
}

static gint64
add_client (PalpateStore *store,
            const char   *name)
{
  g_autoptr(PalpateClient) client = palpate_client_new ();

  palpate_client_set_name (client, name);
  g_assert_true (palpate_store_save_client (store, client, NULL));
  return palpate_client_get_id (client);
}

/* Better: signed 8 → 5. Drafted: signed 7, then an unsigned draft at 4. */
static void
write_clinic (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (fixture->database_path, &error);
  gint64 better;

  g_assert_no_error (error);
  better = add_client (store, "Beatriz Souza");
  add_visit (store, better, 40, 8, TRUE);
  add_visit (store, better, 5, 5, TRUE);
  fixture->drafted = add_client (store, "Dawit Bekele");
  add_visit (store, fixture->drafted, 20, 7, TRUE);
  add_visit (store, fixture->drafted, 1, 4, FALSE);
}

/* Clicks the middle of @widget through the X server, as a hand does. */
static void
x_click (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  graphene_rect_t bounds;
  double dx, dy;
  int x, y;
  Window child;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (native), &bounds));
  gtk_native_get_surface_transform (native, &dx, &dy);
  XTranslateCoordinates (display, gdk_x11_surface_get_xid (surface), DefaultRootWindow (display),
                         (int) (dx + bounds.origin.x + bounds.size.width / 2),
                         (int) (dy + bounds.origin.y + bounds.size.height / 2), &x, &y, &child);
  XTestFakeMotionEvent (display, -1, x, y, CurrentTime);
  XTestFakeButtonEvent (display, 1, True, CurrentTime);
  XTestFakeButtonEvent (display, 1, False, CurrentTime);
  XSync (display, False);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} Wanted;

static gboolean
shows_text (gpointer user_data)
{
  Wanted *wanted = user_data;

  return palpate_test_tree_contains_text (wanted->root, wanted->text);
}

/* Mapped, with a size, in a window on the screen: ready for a click. */
static gboolean
is_drawn (gpointer user_data)
{
  GtkNative *native = gtk_widget_get_native (user_data);

  return gtk_widget_get_mapped (user_data) && gtk_widget_get_width (user_data) > 0 &&
         native != NULL && gdk_surface_get_mapped (gtk_native_get_surface (native));
}

/* Whether @needle is in @text, whatever the line breaks pdftotext put between the words. */
static gboolean
contains_words (const char *text,
                const char *needle)
{
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (a, *p);
  for (const char *p = needle; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (b, *p);

  return strstr (a->str, b->str) != NULL;
}

/* The print operation has written the PDF whole. */
static gboolean
has_pages (gpointer user_data)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (user_data, &contents, &length, NULL) || length < 100)
    return FALSE;
  for (gsize i = length - 16; i + 5 <= length; i++)
    if (memcmp (contents + i, "%%EOF", 5) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_active (gpointer user_data)
{
  return gtk_window_is_active (GTK_WINDOW (user_data));
}

static void
check_overview (Fixture       *fixture,
                PalpateWindow *window)
{
  GtkWidget *dashboard;
  GtkWidget *drafts;
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "report.pdf", NULL);
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  Wanted wanted;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (palpate_test_wait_for (is_active, window, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-dashboard", NULL));
  palpate_test_iterate (50);
  dashboard = palpate_test_find_widget_of_type (GTK_WIDGET (window), PALPATE_TYPE_DASHBOARD);
  g_assert_nonnull (dashboard);

  /* Signed notes only: one client of one with a course of care is better, over the past
   * twelve months, and the page says what it counted. */
  g_assert_true (palpate_test_tree_contains_text (dashboard, "100 % meaningfully better"));
  g_assert_true (palpate_test_tree_contains_text (dashboard, "1 of 1 client is meaningfully better"));
  g_assert_true (palpate_test_tree_contains_text (dashboard, "signed notes only"));
  g_assert_true (palpate_test_tree_contains_text (dashboard, "Farrar"));

  /* A real click on "Count unsigned drafts": the draft's 7 → 4 counts, and the page says so. */
  drafts = palpate_test_find_widget_by_name (dashboard, "drafts_check");
  g_assert_nonnull (drafts);
  g_assert_true (palpate_test_wait_for (is_drawn, drafts, 5000));
  x_click (drafts);
  wanted = (Wanted) { dashboard, "2 of 2 clients are meaningfully better" };
  g_assert_true (palpate_test_wait_for (shows_text, &wanted, 5000));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (drafts)));
  g_assert_true (palpate_test_tree_contains_text (dashboard, "signed notes and unsigned drafts"));

  /* The window's reports count the draft too, marked. */
  palpate_window_show_latest (window, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-report-to", "s",
                                             pdf));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, NULL, NULL));
  g_assert_true (contains_words (text, "Dawit Bekele"));
  g_assert_true (contains_words (text, "This counts 1 unsigned draft"));
  g_assert_true (contains_words (text, "Draft (unsigned)"));

  /* Printed to a file through the print operation: 0600 as well, the draft marked. */
  {
    g_autofree char *printed = g_build_filename (fixture->tmpdir, "printed.pdf", NULL);
    const char *printed_argv[] = { "pdftotext", printed, "-", NULL };
    g_autofree char *printed_text = NULL;
    GStatBuf st;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print-report-to", "s",
                                               printed));
    g_assert_true (palpate_test_wait_for (has_pages, printed, 10000));
    g_assert_cmpint (g_stat (printed, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_true (g_spawn_sync (NULL, (char **) printed_argv, NULL, G_SPAWN_SEARCH_PATH |
                                 G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &printed_text, NULL,
                                 NULL, NULL));
    g_assert_true (contains_words (printed_text, "Draft (unsigned)"));
  }

  /* The window never writes a report over the clinic file: it says so, the file is unchanged. */
  {
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    gsize before_length, after_length;
    GStatBuf st;

    g_assert_true (g_file_get_contents (fixture->database_path, &before, &before_length, NULL));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-report-to", "s",
                                               fixture->database_path));
    palpate_test_iterate (20);
    g_assert_true (g_file_get_contents (fixture->database_path, &after, &after_length, NULL));
    g_assert_cmpmem (before, before_length, after, after_length);
    g_assert_cmpint (g_stat (pdf, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  /* Clicked again: signed notes only, in the overview and the reports. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-dashboard", NULL));
  g_assert_true (palpate_test_wait_for (is_drawn, drafts, 5000));
  x_click (drafts);
  wanted = (Wanted) { dashboard, "1 of 1 client is meaningfully better" };
  g_assert_true (palpate_test_wait_for (shows_text, &wanted, 5000));

  fixture->checked = TRUE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
}

static void
activate_cb (GApplication *app,
             Fixture      *fixture)
{
  PalpateWindow *window = PALPATE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  palpate_test_iterate (50);
  check_overview (fixture, window);
}

static void
test_dashboard_drafts (void)
{
  Fixture fixture = { 0 };
  g_autoptr(PalpateApplication) app = NULL;
  char *argv[] = { (char *) "palpate", NULL };

  fixture.tmpdir = palpate_test_make_tmpdir ();
  fixture.database_path = g_build_filename (fixture.tmpdir, "clinic.sqlite3", NULL);
  write_clinic (&fixture);

  app = palpate_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  palpate_application_set_database_path (app, fixture.database_path);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (fixture.checked);

  palpate_test_remove_tree (fixture.tmpdir);
  g_free (fixture.tmpdir);
  g_free (fixture.database_path);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Palpate/Dashboard/count-drafts-by-click", test_dashboard_drafts);

  return g_test_run ();
}
