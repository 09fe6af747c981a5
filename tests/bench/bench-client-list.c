/* bench-client-list.c — the sidebar's client list on a clinic of 100,000 clients against one of
 * 2,000, measured in the same run
 *
 * For each clinic, in a process of its own (so that one clinic's memory does not count for the
 * other): the time to read the ids of every client, the time from opening the clinic to the
 * first frame with the list's rows on screen, the time to go from the top to the bottom of the
 * list (as End does), the frame after a page down at 200 places spread over the whole list
 * (each shows a screen of rows not shown before), and the memory the process holds after all
 * that.
 * Prints the figures and their ratios. Needs a display (run it under xvfb-run).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "bench-utils.h"
#include "palpate-client-list.h"
#include "palpate-store-private.h"
#include "palpate-window.h"

#define N_JUMPS 200

static const char *given_names[] = {
  "Olivia", "Liam", "Amara", "Noah", "Chloé", "Yusuf", "Zoë", "Mateo", "Aiko", "Kwame",
  "Fatima", "Ethan", "Grace", "Diego", "Hannah", "Ines", "Jonas", "Leila", "Marek", "Nadia",
};
static const char *family_names[] = {
  "Martin", "Nguyen", "Dubois", "Kowalski", "Haddad", "García", "Mensah", "Tremblay", "Novak",
  "Fraser", "O'Brien", "Wilson", "Moreau", "Larsen", "Müller", "Ibrahim", "Costa", "Berg",
};

/* A clinic of @n_clients, written in one transaction; a client in seven has a
 * contraindication, as in the demo clinic. */
static void
write_clinic (const char *path,
              int         n_clients)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;

  g_unlink (path);
  store = palpate_store_open (path, &error);
  g_assert_no_error (error);
  g_assert (palpate_store_transaction_begin (&transaction, store, &error));

  for (int i = 0; i < n_clients; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s %d",
                                               given_names[i % G_N_ELEMENTS (given_names)],
                                               family_names[(i / 7) % G_N_ELEMENTS (family_names)],
                                               i);
      g_autofree char *phone = g_strdup_printf ("(416) 555-%04d", i % 10000);
      g_autofree char *joined = g_strjoin (" ", name, phone, NULL);
      g_autofree char *folded = palpate_store_fold_for_search (joined);
      sqlite3_stmt *stmt;

      stmt = palpate_store_prepare (store,
                                    "INSERT INTO clients (name, phone, contraindications, "
                                    "search_text, created_at) VALUES (?, ?, ?, ?, 0)",
                                    &error);
      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, phone, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, i % 7 == 3 ? "[\"anticoagulants\"]" : "[]", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, folded, -1, SQLITE_TRANSIENT);
      g_assert (palpate_store_step_done (store, stmt, &error));

      stmt = palpate_store_prepare (store,
                                    "INSERT INTO clients_search (rowid, search_text) "
                                    "VALUES (last_insert_rowid (), ?)",
                                    &error);
      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, folded, -1, SQLITE_TRANSIENT);
      g_assert (palpate_store_step_done (store, stmt, &error));
    }

  g_assert (palpate_store_transaction_commit (&transaction, &error));
  g_assert (palpate_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  palpate_store_close (store);
}

static gsize
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

typedef struct
{
  GtkWidget *list;
  gboolean   painted;
} Frame;

static void
after_paint_cb (GdkFrameClock *clock,
                Frame         *frame)
{
  /* A frame counts once the list has rows on screen. */
  for (GtkWidget *row = gtk_widget_get_first_child (frame->list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row))
      frame->painted = TRUE;
}

static void
wait_for_frame (Frame *frame)
{
  frame->painted = FALSE;
  gtk_widget_queue_draw (frame->list);
  while (!frame->painted)
    g_main_context_iteration (NULL, TRUE);
}

/* The sidebar's list view (the pages have list views of their own, in drop-downs). */
static GtkWidget *
find_client_list (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget) &&
      g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), "client_list") == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_client_list (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Measures one clinic and prints "ids first-frame to-bottom jump-median jump-p90 rss-kb". */
static int
measure (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (SETTINGS_SCHEMA_ID);
  g_autoptr(GArray) jumps = g_array_new (FALSE, FALSE, sizeof (double));
  PalpateWindow *window;
  GtkAdjustment *adjustment;
  Frame frame = { 0 };
  double ids_ms;
  double first_frame_ms;
  double bottom_ms;
  double start;

  /* The ids alone, from a store of their own. */
  {
    g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
    g_autoptr(PalpateClientList) clients = NULL;

    g_assert_no_error (error);
    clients = palpate_client_list_new (store);
    start = now_ms ();
    g_assert (palpate_client_list_set_search (clients, "", &error));
    ids_ms = now_ms () - start;
    palpate_store_close (store);
  }

  window = g_object_new (PALPATE_TYPE_WINDOW, "settings", settings, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  /* The list alone: no integrity check or daily backup reading the file meanwhile. */
  palpate_window_set_check_clinic (window, FALSE);
  frame.list = find_client_list (GTK_WIDGET (window));
  g_assert (frame.list != NULL);

  start = now_ms ();
  g_assert (palpate_window_open_database (window, path));
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), &frame);
  while (!frame.painted)
    g_main_context_iteration (NULL, TRUE);
  first_frame_ms = now_ms () - start;

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (frame.list));

  /* Top to bottom in one move, as End does. */
  start = now_ms ();
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  wait_for_frame (&frame);
  bottom_ms = now_ms () - start;

  /* A page down at 200 places spread over the whole list: each shows a screen of rows not
   * shown before, in either clinic. */
  for (int i = 0; i < N_JUMPS; i++)
    {
      double page = gtk_adjustment_get_page_size (adjustment);
      double upper = gtk_adjustment_get_upper (adjustment) - 2 * page;
      double sample;

      gtk_adjustment_set_value (adjustment, upper * i / N_JUMPS);
      wait_for_frame (&frame);

      start = now_ms ();
      gtk_adjustment_set_value (adjustment, upper * i / N_JUMPS + page);
      wait_for_frame (&frame);
      sample = now_ms () - start;
      g_array_append_val (jumps, sample);
    }

  g_print ("%.2f %.2f %.2f %.2f %.2f %" G_GSIZE_FORMAT "\n", ids_ms, first_frame_ms, bottom_ms,
           median (jumps), percentile (jumps, 0.9), resident_kb ());

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

typedef struct
{
  double ids;
  double first_frame;
  double bottom;
  double jump_median;
  double jump_p90;
  double rss_mb;
} Figures;

static Figures
measure_in_child (const char *self_path,
                  const char *clinic)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const char *argv[] = { self_path, "--measure", clinic, NULL };
  Figures figures = { 0 };
  gsize rss_kb = 0;
  int status;

  g_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                          &output, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert (g_spawn_check_wait_status (status, NULL));
  g_assert (sscanf (output, "%lf %lf %lf %lf %lf %" G_GSIZE_FORMAT, &figures.ids,
                    &figures.first_frame, &figures.bottom, &figures.jump_median,
                    &figures.jump_p90, &rss_kb) == 6);
  figures.rss_mb = rss_kb / 1024.0;

  return figures;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
print_row (const char *what,
           double      small,
           double      large,
           const char *unit)
{
  g_print ("  %-34s %10.1f %s %10.1f %s   ×%.2f\n", what, small, unit, large, unit,
           small > 0 ? large / small : 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *small_path = NULL;
  g_autofree char *large_path = NULL;
  Figures small, large;
  double start;

  setlocale (LC_ALL, "");
  g_setenv ("GSETTINGS_SCHEMA_DIR", TEST_BUILDDIR "/data", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  if (argc == 3 && g_str_equal (argv[1], "--measure"))
    {
      gtk_init ();
      adw_init ();
      return measure (argv[2]);
    }

  dir = g_dir_make_tmp ("bench-client-list-XXXXXX", NULL);
  g_assert (dir != NULL);
  small_path = g_build_filename (dir, "2000.sqlite3", NULL);
  large_path = g_build_filename (dir, "100000.sqlite3", NULL);

  start = now_ms ();
  write_clinic (small_path, 2000);
  write_clinic (large_path, 100000);
  g_print ("clinics of 2,000 and 100,000 clients written in %.1f s\n",
           (now_ms () - start) / 1000);

  small = measure_in_child (argv[0], small_path);
  large = measure_in_child (argv[0], large_path);

  g_print ("the sidebar's client list; a page down at %d places over the whole list\n",
           N_JUMPS);
  g_print ("  %-34s %13s %13s   %s\n", "", "2,000", "100,000", "ratio");
  print_row ("ids of every client read", small.ids, large.ids, "ms");
  print_row ("first frame with rows on screen", small.first_frame, large.first_frame, "ms");
  print_row ("top to bottom (End)", small.bottom, large.bottom, "ms");
  print_row ("frame after a page down, median", small.jump_median, large.jump_median, "ms");
  print_row ("frame after a page down, 90th pct", small.jump_p90, large.jump_p90, "ms");
  print_row ("resident memory at the end", small.rss_mb, large.rss_mb, "MB");

  remove_tree (dir);
  return 0;
}
