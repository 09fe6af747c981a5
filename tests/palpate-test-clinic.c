/* palpate-test-clinic.c — the application run on a temporary clinic for end-to-end tests:
 * clinics laid out beforehand through the store, the app started on them, and the widgets a
 * hand aims at found by what a person sees (a label, a title, a tooltip)
 *
 * What a test lays out beforehand (clients, earlier visits) goes through the store, as the
 * clinic's history would; everything the test then does in the window goes through
 * palpate-test-input, as a hand does it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "palpate-atlas.h"
#include "palpate-screenshot.h"
#include "palpate-test-clinic.h"
#include "palpate-test-input.h"
#include "palpate-test-utils.h"

void
palpate_test_clinic_set_up (PalpateTestClinic *clinic,
                            gconstpointer      data)
{
  g_autoptr(GError) error = NULL;

  clinic->tmpdir = palpate_test_make_tmpdir ();
  clinic->database_path = g_build_filename (clinic->tmpdir, "clinic.sqlite3", NULL);
  clinic->data = data;
  clinic->seed = palpate_store_open (clinic->database_path, &error);
  g_assert_no_error (error);
  palpate_store_set_actor (clinic->seed, "Maria Rossi");

  /* The clinic's owner, alone and without a passcode: the window signs her in on opening. */
  palpate_test_clinic_add_therapist (clinic->seed, "Maria Rossi", NULL, TRUE, NULL);
}

/* A therapist profile, with credentials "RMT" and the college "CMTO" when @registration is
 * given; @passcode may be %NULL. */
gint64
palpate_test_clinic_add_therapist (PalpateStore *store,
                                   const char   *name,
                                   const char   *registration,
                                   gboolean      owner,
                                   const char   *passcode)
{
  g_autoptr(PalpateTherapist) therapist = palpate_therapist_new ();
  g_autoptr(GError) error = NULL;

  palpate_therapist_set_name (therapist, name);
  if (registration != NULL)
    {
      palpate_therapist_set_credentials (therapist, "RMT");
      palpate_therapist_set_registration (therapist, registration);
      palpate_therapist_set_college (therapist, "CMTO");
    }
  palpate_therapist_set_owner (therapist, owner);
  g_assert_true (palpate_store_save_therapist (store, therapist, &error));
  g_assert_no_error (error);
  if (passcode != NULL)
    {
      g_assert_true (palpate_store_set_passcode (store, palpate_therapist_get_id (therapist),
                                                 passcode, &error));
      g_assert_no_error (error);
    }
  return palpate_therapist_get_id (therapist);
}

void
palpate_test_clinic_tear_down (PalpateTestClinic *clinic,
                               gconstpointer      data)
{
  if (clinic->seed != NULL)
    palpate_store_close (clinic->seed);
  g_clear_object (&clinic->seed);
  palpate_test_remove_tree (clinic->tmpdir);
  g_clear_pointer (&clinic->tmpdir, g_free);
  g_clear_pointer (&clinic->database_path, g_free);
}

/* Opens the clinic file anew, to read what the application left in it. */
PalpateStore *
palpate_test_clinic_open_store (PalpateTestClinic *clinic)
{
  g_autoptr(GError) error = NULL;
  PalpateStore *store = palpate_store_open (clinic->database_path, &error);

  g_assert_no_error (error);
  return store;
}

static void
destroy_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  palpate_test_input_settle ();
}

static void
activate_cb (GApplication      *app,
             PalpateTestClinic *clinic)
{
  clinic->window = PALPATE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (clinic->window);
  clinic->store = palpate_window_get_store (clinic->window);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (clinic->window)));

  clinic->body (clinic, clinic->data);
  clinic->ran = TRUE;

  /* Whatever the test left open goes: the application ends with its last window. */
  clinic->window = NULL;
  clinic->store = NULL;
  destroy_toplevels ();
}

/* Closes the seeding store and runs the application on the clinic; @body runs in it once
 * the main window has the keyboard. */
void
palpate_test_clinic_run (PalpateTestClinic     *clinic,
                         PalpateTestClinicBody  body)
{
  g_autoptr(PalpateApplication) app = palpate_application_new ();
  char *argv[] = { (char *) "palpate", NULL, NULL, NULL };
  int argc = 1;

  if (clinic->seed != NULL)
    palpate_store_close (clinic->seed);
  g_clear_object (&clinic->seed);

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  /* A clinic server is named on the command line, as a room's therapist does: its location
   * goes through the command line's checks, which keep it as it is. */
  if (g_str_has_prefix (clinic->database_path, "postgresql://"))
    {
      argv[argc++] = (char *) "--database";
      argv[argc++] = clinic->database_path;
    }
  else
    palpate_application_set_database_path (app, clinic->database_path);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), clinic);
  clinic->body = body;
  clinic->ran = FALSE;
  g_assert_cmpint (g_application_run (G_APPLICATION (app), argc, argv), ==, 0);
  g_assert_true (clinic->ran);

  /* What the application left in the file when it ended, before anything else touches it. */
  if (clinic->after != NULL)
    clinic->after (clinic, clinic->data);

  /* A test that quit the application leaves its windows behind: they go now. */
  destroy_toplevels ();
}

gint64
palpate_test_clinic_add_client (PalpateStore *store,
                                const char   *name)
{
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(GError) error = NULL;

  palpate_client_set_name (client, name);
  g_assert_true (palpate_store_save_client (store, client, &error));
  g_assert_no_error (error);
  return palpate_client_get_id (client);
}

gint64
palpate_test_clinic_add_visit (PalpateStore *store,
                               gint64        client_id,
                               int           days_ago)
{
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) started = g_date_time_add_days (now, -days_ago);
  g_autoptr(GError) error = NULL;

  palpate_visit_set_client_id (visit, client_id);
  palpate_visit_set_started_at (visit, started);
  palpate_visit_set_pain_before (visit, 6);
  palpate_visit_set_pain_after (visit, 4);
  palpate_visit_set_subjective (visit, "Stiff neck after a long drive.");
  g_assert_true (palpate_store_save_visit (store, visit, &error));
  g_assert_no_error (error);
  return palpate_visit_get_id (visit);
}

/* Signs the visit, as the therapist did when it ended. */
void
palpate_test_clinic_sign_visit (PalpateStore *store,
                                gint64        visit_id)
{
  g_autoptr(PalpateVisit) visit = palpate_store_get_visit (store, visit_id, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (visit);
  g_assert_true (palpate_store_sign_visit (store, visit, "Maria Rossi", &error));
  g_assert_no_error (error);
}

gint64
palpate_test_clinic_add_finding (PalpateStore       *store,
                                 gint64              visit_id,
                                 PalpateFindingKind  kind,
                                 const char         *region_id,
                                 int                 intensity)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (region_id));
  g_autoptr(PalpateFinding) finding = NULL;
  g_autoptr(GError) error = NULL;
  PalpatePoint points[6];
  PalpateView view;
  guint n = palpate_finding_kind_get_geometry (kind) == PALPATE_GEOMETRY_POINT ? 1 : 6;

  g_assert_true (palpate_atlas_place_in_region (region_id, rand, &view, points, n,
                                                palpate_atlas_get_default ()));
  finding = palpate_finding_new (kind, view, points, n);
  palpate_finding_set_visit_id (finding, visit_id);
  palpate_finding_set_region_id (finding, region_id);
  palpate_finding_set_intensity (finding, intensity);
  g_assert_true (palpate_store_save_finding (store, finding, &error));
  g_assert_no_error (error);
  return palpate_finding_get_id (finding);
}

/* Depth-first over the widget tree, popovers included (they are children of their owner). */
static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*matches) (GtkWidget *widget, const char *text),
             const char *text)
{
  if (matches (root, text) && gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, matches, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A label as read, without the mnemonic's underscore. */
static gboolean
same_label (const char *label,
            const char *text)
{
  g_autoptr(GString) plain = NULL;

  if (label == NULL)
    return FALSE;

  plain = g_string_new (label);
  g_string_replace (plain, "_", "", 0);
  return g_str_equal (plain->str, text);
}

static gboolean
is_button_labelled (GtkWidget  *widget,
                    const char *text)
{
  return GTK_IS_BUTTON (widget) && same_label (gtk_button_get_label (GTK_BUTTON (widget)), text);
}

static gboolean
has_tooltip (GtkWidget  *widget,
             const char *text)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0;
}

static gboolean
is_row_titled (GtkWidget  *widget,
               const char *text)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0;
}

static gboolean
is_label_reading (GtkWidget  *widget,
                  const char *text)
{
  return GTK_IS_LABEL (widget) && same_label (gtk_label_get_text (GTK_LABEL (widget)), text);
}

static gboolean
is_button (GtkWidget  *widget,
           const char *unused)
{
  return GTK_IS_BUTTON (widget);
}

static gboolean
is_label_containing (GtkWidget  *widget,
                     const char *text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* A button on screen whose label reads @label (mnemonic underscores ignored). */
GtkWidget *
palpate_test_find_button (GtkWidget  *root,
                          const char *label)
{
  return find_widget (root, is_button_labelled, label);
}

GtkWidget *
palpate_test_find_by_tooltip (GtkWidget  *root,
                              const char *tooltip)
{
  return find_widget (root, has_tooltip, tooltip);
}

GtkWidget *
palpate_test_find_row (GtkWidget  *root,
                       const char *title)
{
  return find_widget (root, is_row_titled, title);
}

GtkWidget *
palpate_test_find_label (GtkWidget  *root,
                         const char *text)
{
  return find_widget (root, is_label_reading, text);
}

static gboolean
has_id (GtkWidget  *widget,
        const char *id)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0;
}

/* The widget with @buildable_id in @root's templates: the one on screen if several have it
 * (a drop-down's popover has its own "search_entry"). */
GtkWidget *
palpate_test_child (GtkWidget  *root,
                    const char *buildable_id)
{
  GtkWidget *widget = find_widget (root, has_id, buildable_id);

  if (widget == NULL)
    widget = palpate_test_find_widget_by_name (root, buildable_id);

  if (widget == NULL)
    g_error ("no “%s” in %s", buildable_id, G_OBJECT_TYPE_NAME (root));
  return widget;
}

char *
palpate_test_text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Whether a toast reading @text is on screen over the window. */
gboolean
palpate_test_has_toast (PalpateWindow *window,
                        const char    *text)
{
  GtkWidget *overlay = palpate_test_find_widget_of_type (GTK_WIDGET (window),
                                                         ADW_TYPE_TOAST_OVERLAY);

  return overlay != NULL && palpate_test_tree_contains_text (overlay, text);
}

/* Closes the toast reading @text with a click on its close button, as a hand clears it out of
 * the way of what lies under it, and waits until it has gone (another may follow it). */
void
palpate_test_dismiss_toast (PalpateWindow *window,
                            const char    *text)
{
  GtkWidget *overlay = palpate_test_find_widget_of_type (GTK_WIDGET (window),
                                                         ADW_TYPE_TOAST_OVERLAY);
  GtkWidget *toast = NULL;
  GtkWidget *close = NULL;

  /* The toasts are the overlay's children beside its content (whose labels may say the same
   * words); the one reading @text has one button on screen, which closes it. */
  for (GtkWidget *child = gtk_widget_get_first_child (overlay);
       child != NULL && toast == NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay)) &&
        find_widget (child, is_label_containing, text) != NULL)
      toast = child;
  g_assert_nonnull (toast);
  close = find_widget (toast, is_button, NULL);
  g_assert_nonnull (close);

  /* The toast and its button go away with the click, while the click is still being made. */
  g_object_ref (close);
  g_object_ref (toast);
  palpate_test_input_click (close);
  g_object_unref (close);
  PALPATE_TEST_WAIT_UNTIL (gtk_widget_get_parent (toast) != overlay);
  g_object_unref (toast);
}

/* PALPATE_TEST_SCREENSHOTS=DIR keeps a picture of @widget as DIR/@name, to look at. */
void
palpate_test_save_screenshot (GtkWidget  *widget,
                              const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;

  if (g_getenv ("PALPATE_TEST_SCREENSHOTS") == NULL)
    return;

  path = g_build_filename (g_getenv ("PALPATE_TEST_SCREENSHOTS"), name, NULL);
  paintable = gtk_widget_paintable_new (widget);
  /* Long enough for a page's transition to end. */
  palpate_test_iterate (300);
  g_assert_true (palpate_screenshot_save_png (widget, paintable, path, NULL));
}

/* Whether @path holds a written PDF (more than a header). */
gboolean
palpate_test_file_has_pdf (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && st.st_size > 1000;
}

/* The PDF's text in reading order, as pdftotext gives it. */
char *
palpate_test_pdf_reading_text (const char *path)
{
  const char *argv[] = { "pdftotext", path, "-", NULL };
  char *text = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, NULL, NULL));
  return text;
}

/**
 * palpate_test_clinic_fingerprint:
 *
 * How many rows each table of @store's file holds, and the sum of their ids: a refused import
 * must leave it as it was. Read through a connection of its own, as another program would; on
 * a server clinic through a libpq session, each table's rows summed by a hash of their whole
 * text (a table there has no rowid), which any row added, removed or changed alters.
 */
static const char *fingerprint_tables[] = {
  "clients", "therapists", "techniques", "visits", "findings", "applied_techniques",
  "amendments", "psfs_activities", "psfs_ratings", "outcome_measures", "client_zones",
  "health_histories", "audit_log", "clinic_settings", NULL
};

static char *
fingerprint_on_server (const char *location)
{
  GString *fingerprint = g_string_new (NULL);
  PGconn *conn = PQconnectdb (location);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s", PQerrorMessage (conn));
  for (guint i = 0; fingerprint_tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*), "
                                              "coalesce (sum (hashtext (t::text)), 0) "
                                              "FROM %s t", fingerprint_tables[i]);
      PGresult *result = PQexec (conn, sql);

      if (PQresultStatus (result) != PGRES_TUPLES_OK)
        g_error ("%s: %s", sql, PQresultErrorMessage (result));
      g_string_append_printf (fingerprint, "%s:%s:%s ", fingerprint_tables[i],
                              PQgetvalue (result, 0, 0), PQgetvalue (result, 0, 1));
      PQclear (result);
    }
  PQfinish (conn);
  return g_string_free (fingerprint, FALSE);
}

char *
palpate_test_clinic_fingerprint (PalpateStore *store)
{
  const char * const *tables = fingerprint_tables;
  GString *fingerprint;
  sqlite3 *db = NULL;

  if (g_str_has_prefix (palpate_store_get_path (store), "postgresql://"))
    return fingerprint_on_server (palpate_store_get_path (store));

  fingerprint = g_string_new (NULL);
  g_assert_cmpint (sqlite3_open_v2 (palpate_store_get_path (store), &db, SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*), total(rowid) FROM %s", tables[i]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_string_append_printf (fingerprint, "%s:%lld:%.0f ", tables[i],
                              (long long) sqlite3_column_int64 (stmt, 0),
                              sqlite3_column_double (stmt, 1));
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (fingerprint, FALSE);
}

/* Opens the sidebar's main menu of @window and clicks @label in it, once it is on screen. */
void
palpate_test_choose_from_main_menu (PalpateWindow *window,
                                    const char    *label)
{
  GtkWidget *menu = palpate_test_find_by_tooltip (palpate_test_child (GTK_WIDGET (window),
                                                                      "sidebar"),
                                                  "Main Menu");
  GtkWidget *item;

  g_assert_nonnull (menu);
  palpate_test_input_click (menu);
  PALPATE_TEST_WAIT_UNTIL ((item = palpate_test_find_label (menu, label)) != NULL &&
                           gtk_widget_is_drawable (item));
  palpate_test_input_click (item);
}
