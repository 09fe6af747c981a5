/* test-patient-view.c — the client's own view: only their data, over the whole screen, closed
 * only by the therapist, and what the client reports kept as theirs
 *
 * A real application window under Xvfb on a temporary clinic with two clients. Every user
 * action goes through the X server as a hand's would (tests/palpate-test-input.h): clicks on
 * the header button, the rating buttons and the body map, typed PINs, real Escape, Ctrl+W and
 * Ctrl+Q. Each user path is a subtest of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "palpate-application.h"
#include "palpate-atlas.h"
#include "palpate-pain-scale.h"
#include "palpate-preferences-window.h"
#include "palpate-screenshot.h"
#include "palpate-store-private.h"
#include "palpate-test-input.h"
#include "palpate-test-utils.h"
#include "palpate-window.h"

#define CLIENT "Margaret Oduya"
#define ARABIC_CLIENT "ليلى حداد"
#define OTHER_CLIENT "Bartholomew Quist"
#define SOAP_SENTENCE "Hypertonic left QL with guarding on palpation"
#define THERAPIST_WORDS "Sore after gardening on the weekend"
#define HOME_CARE "Walk ten minutes after each meal"
#define ACTIVITY "Carry the shopping upstairs"
#define PIN "654321"
#define SORE_REGION "trapezius-upper-left"

typedef struct _Fixture Fixture;
typedef void (*CheckFunc) (Fixture       *fixture,
                           PalpateWindow *window);

struct _Fixture
{
  char      *tmpdir;
  char      *database_path;
  gboolean   with_pin;
  gboolean   todays_draft;
  gboolean   resolved_finding;
  const char *client_name;
  CheckFunc  check;
  gboolean   checked;
};

/* The clinic */

static void
add_visit (PalpateStore *store,
           gint64        client_id,
           int           days_ago,
           int           pain_before,
           gboolean      sign,
           int           sore_status,
           gint64        activity_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = g_date_time_add_days (now, -days_ago);

  palpate_visit_set_client_id (visit, client_id);
  palpate_visit_set_started_at (visit, when);
  palpate_visit_set_pain_before (visit, pain_before);
  if (sign)
    {
      palpate_visit_set_pain_after (visit, pain_before - 2);
      palpate_visit_set_objective (visit, SOAP_SENTENCE);
      palpate_visit_set_assessment (visit, SOAP_SENTENCE);
      palpate_visit_set_home_care (visit, HOME_CARE);
    }
  else
    palpate_visit_set_subjective (visit, THERAPIST_WORDS);
  g_assert_true (palpate_store_save_visit (store, visit, &error));
  g_assert_no_error (error);

  /* A tender point on the left upper trapezius, with the status given. */
  if (sore_status >= 0)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (7);
      PalpatePoint point;
      PalpateView view;
      g_autoptr(PalpateFinding) finding = NULL;

      g_assert_true (palpate_atlas_place_in_region (SORE_REGION, rand, &view, &point, 1,
                                                    palpate_atlas_get_default ()));
      finding = palpate_finding_new (PALPATE_FINDING_TENDER_POINT, view, &point, 1);
      palpate_finding_set_region_id (finding, SORE_REGION);
      palpate_finding_set_intensity (finding, 9);
      palpate_finding_set_status (finding, sore_status);
      palpate_finding_set_visit_id (finding, palpate_visit_get_id (visit));
      g_assert_true (palpate_store_save_finding (store, finding, &error));
      g_assert_no_error (error);
    }

  /* The client's first activity, rated better each time. */
  if (activity_id > 0)
    g_assert_true (palpate_store_set_psfs_rating (store, palpate_visit_get_id (visit), activity_id,
                                                  10 - pain_before, &error));
  g_assert_no_error (error);

  if (sign)
    g_assert_true (palpate_store_sign_visit (store, visit, "Maria Rossi", &error));
  g_assert_no_error (error);
}

static void
write_clinic (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (fixture->database_path, &error);
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(PalpateClient) other = palpate_client_new ();
  const char *activities[] = { ACTIVITY, "Sleep through the night", NULL };
  g_autoptr(GArray) activity_ids = NULL;
  gint64 activity_id;
  gint64 id;

  g_assert_no_error (error);
  /* The other client first: the view's client is the one seen last. */
  palpate_client_set_name (other, OTHER_CLIENT);
  g_assert_true (palpate_store_save_client (store, other, &error));
  add_visit (store, palpate_client_get_id (other), 60, 4, TRUE, -1, 0);

  palpate_client_set_name (client, fixture->client_name ? fixture->client_name : CLIENT);
  palpate_client_set_goals (client, "Garden again without a sore back.");
  palpate_client_set_activities (client, activities);
  g_assert_true (palpate_store_save_client (store, client, &error));
  id = palpate_client_get_id (client);
  activity_ids = palpate_store_list_activity_ids (store, id, &error);
  g_assert_no_error (error);
  activity_id = g_array_index (activity_ids, gint64, 0);

  if (fixture->resolved_finding)
    {
      add_visit (store, id, 20, 7, TRUE, PALPATE_FINDING_STATUS_NEW, 0);
      add_visit (store, id, 5, 4, TRUE, PALPATE_FINDING_STATUS_RESOLVED, 0);
    }
  else
    for (int i = 0; i < 3; i++)
      add_visit (store, id, 30 - 10 * i, 7 - 2 * i, TRUE, -1, activity_id);

  /* The therapist has started today's visit: pain before 3, in their own words. */
  if (fixture->todays_draft)
    add_visit (store, id, 0, 3, FALSE, -1, 0);

  if (fixture->with_pin)
    g_assert_true (palpate_store_set_pin (store, PIN, &error));
  g_assert_no_error (error);
}

/* Each kind of clinic is written once (a PIN takes a deliberately slow hash) and copied for
 * every subtest that needs it. */
static char *templates_dir;
static GHashTable *templates;

static void
copy_clinic (Fixture *fixture)
{
  g_autofree char *key = g_strdup_printf ("%d%d%d-%s", fixture->with_pin, fixture->todays_draft,
                                          fixture->resolved_finding,
                                          fixture->client_name ? fixture->client_name : "");
  const char *template = g_hash_table_lookup (templates, key);
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) destination = g_file_new_for_path (fixture->database_path);
  g_autoptr(GError) error = NULL;

  if (template == NULL)
    {
      g_autofree char *name = g_strdup_printf ("clinic-%u.sqlite3", g_hash_table_size (templates));
      char *path = g_build_filename (templates_dir, name, NULL);
      char *database_path = fixture->database_path;

      fixture->database_path = path;
      write_clinic (fixture);
      fixture->database_path = database_path;
      g_hash_table_insert (templates, g_strdup (key), path);
      template = path;
    }

  source = g_file_new_for_path (template);
  g_assert_true (g_file_copy (source, destination, G_FILE_COPY_ALL_METADATA, NULL, NULL, NULL,
                              &error));
  g_assert_no_error (error);
}

/* Finding what to act on */

static gboolean
label_matches (const char *label,
               const char *wanted)
{
  g_autoptr(GString) plain = NULL;

  if (label == NULL)
    return FALSE;

  /* "_Done" is "Done" on screen. */
  plain = g_string_new (label);
  g_string_replace (plain, "_", "", 0);
  return g_str_equal (plain->str, wanted);
}

/* The first button shown on screen under @root whose label, or whose content's label, is
 * @label. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_mapped (child))
        continue;

      if (GTK_IS_BUTTON (child))
        {
          GtkWidget *content = gtk_button_get_child (GTK_BUTTON (child));

          if (label_matches (gtk_button_get_label (GTK_BUTTON (child)), label) ||
              (ADW_IS_BUTTON_CONTENT (content) &&
               label_matches (adw_button_content_get_label (ADW_BUTTON_CONTENT (content)), label)) ||
              (GTK_IS_LABEL (content) &&
               label_matches (gtk_label_get_label (GTK_LABEL (content)), label)))
            return child;
        }

      if ((found = find_button (child, label)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action_name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action_name) == 0 &&
          gtk_widget_get_mapped (child))
        return child;
      if ((found = find_actionable (child, action_name)) != NULL)
        return found;
    }

  return NULL;
}

static void
click_button (GtkWidget  *root,
              const char *label)
{
  GtkWidget *button = find_button (root, label);

  if (button == NULL)
    g_error ("no button “%s” on screen", label);
  palpate_test_input_click (button);
}

typedef struct
{
  GType     type;
  GtkWindow *found;
} ToplevelWanted;

static gboolean
toplevel_shown_cb (gpointer user_data)
{
  ToplevelWanted *wanted = user_data;

  wanted->found = palpate_test_find_toplevel (wanted->type);
  return wanted->found != NULL && gtk_widget_get_mapped (GTK_WIDGET (wanted->found));
}

static GtkWindow *
wait_for_toplevel (GType type)
{
  ToplevelWanted wanted = { type, NULL };

  g_assert_true (palpate_test_wait_for (toplevel_shown_cb, &wanted, 5000));
  g_assert_true (palpate_test_input_focus_window (wanted.found));
  return wanted.found;
}

static gboolean
toplevel_gone_cb (gpointer user_data)
{
  return palpate_test_find_toplevel (GPOINTER_TO_SIZE (user_data)) == NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} TextWanted;

static gboolean
text_shown_cb (gpointer user_data)
{
  TextWanted *wanted = user_data;
  g_autofree char *text = palpate_test_tree_dup_text (wanted->root);

  return strstr (text, wanted->text) != NULL;
}

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  TextWanted wanted = { root, text };

  return palpate_test_wait_for (text_shown_cb, &wanted, 5000);
}

/* Opening and closing the view */

static gboolean
view_open_cb (gpointer user_data)
{
  PalpatePatientView *view = palpate_window_get_patient_view (user_data);

  return view != NULL && gtk_widget_get_mapped (GTK_WIDGET (view));
}

/* Clicks "Show the Client Their Progress" on the client's page. */
static void
click_show_client (PalpateWindow *window)
{
  GtkWidget *button = find_actionable (GTK_WIDGET (window), "win.patient-view");

  g_assert_nonnull (button);
  palpate_test_input_click (button);
}

static PalpatePatientView *
open_view (PalpateWindow *window)
{
  PalpatePatientView *view;

  click_show_client (window);
  g_assert_true (palpate_test_wait_for (view_open_cb, window, 5000));
  view = palpate_window_get_patient_view (window);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (view)));
  return view;
}

static gboolean
view_closed_cb (gpointer user_data)
{
  return palpate_window_get_patient_view (user_data) == NULL;
}

/* Clicks "For Your Therapist" and types @pin into the dialog that asks for it. */
static AdwMessageDialog *
type_pin (PalpatePatientView *view,
          const char         *pin)
{
  AdwMessageDialog *dialog;

  click_button (GTK_WIDGET (view), "For Your Therapist");
  dialog = ADW_MESSAGE_DIALOG (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  palpate_test_input_click (adw_message_dialog_get_extra_child (dialog));
  palpate_test_input_type (pin);
  palpate_test_input_key ("Return");
  return dialog;
}

static gboolean
dialog_gone_cb (gpointer user_data)
{
  return !gtk_widget_get_mapped (user_data);
}

/* Types a wrong @pin and waits for its dialog to go, so that the next try opens a new one. */
static void
type_wrong_pin (PalpatePatientView *view,
                const char         *pin)
{
  g_autoptr(AdwMessageDialog) dialog = g_object_ref (type_pin (view, pin));

  g_assert_true (palpate_test_wait_for (dialog_gone_cb, dialog, 10000));
}

static void
leave_view (PalpateWindow      *window,
            PalpatePatientView *view)
{
  type_pin (view, PIN);
  g_assert_true (palpate_test_wait_for (view_closed_cb, window, 10000));
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
}

/* Running the application */

static GtkWindow *
other_toplevel (PalpateWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      /* GTK's list keeps it until it is destroyed. */
      if (toplevel != GTK_WINDOW (window))
        return toplevel;
    }

  return NULL;
}

/* Closes what the test left open: first the dialogs and the client's view, then the window. */
static void
close_everything (PalpateWindow *window)
{
  GtkWindow *toplevel;

  while ((toplevel = other_toplevel (window)) != NULL)
    gtk_window_destroy (toplevel);
  palpate_test_input_settle ();
  gtk_window_close (GTK_WINDOW (window));
}

static void
activate_cb (GApplication *app,
             Fixture      *fixture)
{
  PalpateWindow *window = PALPATE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
  /* The client is open on the therapist's screen; how it gets there is charting's test. */
  palpate_window_show_latest (window, FALSE);
  palpate_test_input_settle ();
  fixture->check (fixture, window);
  fixture->checked = TRUE;
  close_everything (window);
}

static void
run (Fixture   *fixture,
     CheckFunc  check)
{
  g_autoptr(PalpateApplication) app = NULL;
  char *argv[] = { (char *) "palpate", NULL };

  fixture->tmpdir = palpate_test_make_tmpdir ();
  fixture->database_path = g_build_filename (fixture->tmpdir, "clinic.sqlite3", NULL);
  fixture->check = check;
  copy_clinic (fixture);

  app = palpate_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  palpate_application_set_database_path (app, fixture->database_path);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (fixture->checked);

  palpate_test_remove_tree (fixture->tmpdir);
  g_free (fixture->tmpdir);
  g_free (fixture->database_path);
}

static gint64
shown_client_id (PalpateWindow *window)
{
  return palpate_client_get_id (palpate_client_page_get_client (palpate_window_get_client_page (window)));
}

/* 7: no view without a PIN; the way to set one */

static gboolean
has_pin_cb (gpointer user_data)
{
  return palpate_store_has_pin (user_data);
}

static void
check_needs_a_pin (Fixture       *fixture,
                   PalpateWindow *window)
{
  PalpateStore *store = palpate_window_get_store (window);
  AdwMessageDialog *dialog;
  GtkWindow *preferences;
  GtkWidget *pin_row;

  click_show_client (window);
  dialog = ADW_MESSAGE_DIALOG (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_null (palpate_window_get_patient_view (window));
  g_assert_null (palpate_test_find_toplevel (PALPATE_TYPE_PATIENT_VIEW));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Set a PIN First");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "only your PIN closes it"));

  /* It leads to Preferences, where the PIN is set with the keyboard. */
  click_button (GTK_WIDGET (dialog), "Open Preferences");
  preferences = wait_for_toplevel (PALPATE_TYPE_PREFERENCES_WINDOW);
  pin_row = palpate_test_find_widget_by_name (GTK_WIDGET (preferences), "pin_row");
  g_assert_nonnull (pin_row);
  palpate_test_input_click (pin_row);
  palpate_test_input_type (PIN);
  palpate_test_input_key ("Return");
  g_assert_true (palpate_test_wait_for (has_pin_cb, store, 10000));
  g_assert_true (palpate_store_check_pin (store, PIN));
  palpate_test_input_key ("Escape");
  g_assert_true (palpate_test_wait_for (toplevel_gone_cb,
                                        GSIZE_TO_POINTER (PALPATE_TYPE_PREFERENCES_WINDOW), 5000));

  /* Now the view opens. */
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
  g_assert_nonnull (open_view (window));
  leave_view (window, palpate_window_get_patient_view (window));
}

static void
test_needs_a_pin (void)
{
  Fixture fixture = { .with_pin = FALSE };

  run (&fixture, check_needs_a_pin);
}

/* 7: the view covers the screen; nothing of the clinic is visible */

static void
check_covers_the_screen (Fixture       *fixture,
                         PalpateWindow *window)
{
  PalpatePatientView *view = open_view (window);
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (view));
  GdkMonitor *monitor = gdk_display_get_monitor_at_surface (display,
                                                            gtk_native_get_surface (GTK_NATIVE (view)));
  GListModel *toplevels = gtk_window_get_toplevels ();
  GdkRectangle geometry;
  GdkSurface *surface;
  g_autofree char *text = NULL;
  Window child;
  int x, y;

  g_assert_nonnull (monitor);
  gdk_monitor_get_geometry (monitor, &geometry);
  g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (view)));
  /* The window's surface is the monitor's whole area (a window manager then draws it without
   * decorations; without one it is there all the same). */
  surface = gtk_native_get_surface (GTK_NATIVE (view));
  g_assert_cmpint (gdk_surface_get_width (surface), ==, geometry.width);
  g_assert_cmpint (gdk_surface_get_height (surface), ==, geometry.height);
  XTranslateCoordinates (gdk_x11_display_get_xdisplay (display), gdk_x11_surface_get_xid (surface),
                         gdk_x11_display_get_xrootwindow (display), 0, 0, &x, &y, &child);
  g_assert_cmpint (x, ==, geometry.x);
  g_assert_cmpint (y, ==, geometry.y);

  /* The therapist's window, with the client list, is not on screen at all. */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window)));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) toplevel = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_mapped (toplevel))
        g_assert_false (palpate_test_tree_contains_text (toplevel, OTHER_CLIENT));
    }

  /* Only this client's own data: no other client, no SOAP note. */
  text = palpate_test_tree_dup_text (GTK_WIDGET (view));
  g_assert_nonnull (strstr (text, "Margaret\u2069, here is your progress"));
  g_assert_nonnull (strstr (text, "went from 7 to 3"));
  g_assert_nonnull (strstr (text, HOME_CARE));
  g_assert_null (strstr (text, OTHER_CLIENT));
  g_assert_null (strstr (text, SOAP_SENTENCE));

  /* Closed with the PIN, the therapist's window is back. */
  leave_view (window, view);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
}

static void
test_covers_the_screen (void)
{
  Fixture fixture = { .with_pin = TRUE };

  run (&fixture, check_covers_the_screen);
}

/* Only the therapist leaves: real keys lead nowhere, a wrong PIN is refused, then waits */

static void
check_only_the_therapist_leaves (Fixture       *fixture,
                                 PalpateWindow *window)
{
  PalpatePatientView *view = open_view (window);
  const char *keys[] = { "Escape", "<Control>w", "<Control>q", "<Alt>F4", "F11" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      palpate_test_input_key (keys[i]);
      palpate_test_iterate (50);
      g_assert_true (palpate_window_get_patient_view (window) == view);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
      g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (view)));
      g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (window)));
    }
  g_assert_true (shows_text (GTK_WIDGET (view), "Your therapist will close this view for you"));

  /* A wrong PIN is refused and says so; the right one closes the view. */
  type_wrong_pin (view, "1111");
  g_assert_true (shows_text (GTK_WIDGET (view), "That PIN is not right"));
  g_assert_true (palpate_window_get_patient_view (window) == view);
  g_assert_true (palpate_patient_view_is_locked (view));

  /* Two more wrong tries: the third says how long the next one must wait. */
  type_wrong_pin (view, "2222");
  type_wrong_pin (view, "3333");
  g_assert_true (shows_text (GTK_WIDGET (view), "Wait 1 second before trying again"));
  g_assert_true (palpate_window_get_patient_view (window) == view);
  g_assert_true (palpate_patient_view_is_locked (view));
  g_usleep (2 * G_USEC_PER_SEC);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (view)));
  leave_view (window, view);

  /* The hash, never the PIN, is in the file. */
  {
    g_autofree char *hash = palpate_store_dup_setting (palpate_window_get_store (window),
                                                       "pin-hash");

    g_assert_nonnull (hash);
    g_assert_null (strstr (hash, PIN));
    g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  }
}

static void
test_only_the_therapist_leaves (void)
{
  Fixture fixture = { .with_pin = TRUE };

  run (&fixture, check_only_the_therapist_leaves);
}

/* 8: what the client reports is kept as theirs */

static void
tap_region (PalpateBodyMap *map,
            const char     *region_id)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  GtkWidget *canvas = palpate_body_map_get_canvas (map);
  PalpatePoint point;
  PalpateView view;
  double x, y;

  g_assert_true (palpate_test_input_wait_visible (canvas, 5000));
  g_assert_true (palpate_atlas_place_in_region (region_id, rand, &view, &point, 1,
                                                palpate_atlas_get_default ()));
  g_assert_true (palpate_body_map_atlas_to_widget (map, view, &point, &x, &y));
  palpate_test_input_click_at (canvas, x, y);
}

static gboolean
has_n_places_cb (gpointer user_data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (palpate_body_map_get_findings (user_data))) == 1;
}

/* Rates pain @pain, taps the sore region and rates the first activity @ability, all by
 * clicks, on the rating page. */
static void
rate_today (PalpatePatientView *view,
            int                 pain,
            int                 ability)
{
  GtkWidget *scale;
  GtkWidget *map;
  GtkWidget *abilities;
  g_autofree char *pain_text = g_strdup_printf ("%d", pain);
  g_autofree char *ability_text = g_strdup_printf ("%d", ability);

  click_button (GTK_WIDGET (view), "Tell Us How You Feel Today");
  scale = palpate_test_find_widget_by_name (GTK_WIDGET (view), "pain_scale");
  g_assert_true (palpate_test_input_wait_visible (scale, 5000));
  click_button (scale, pain_text);
  g_assert_cmpint (palpate_pain_scale_get_value (PALPATE_PAIN_SCALE (scale)), ==, pain);

  if (ability < 0)
    return;

  map = palpate_test_find_widget_by_name (GTK_WIDGET (view), "body_map");
  tap_region (PALPATE_BODY_MAP (map), SORE_REGION);
  g_assert_true (palpate_test_wait_for (has_n_places_cb, map, 5000));

  /* The first activity's row of buttons comes after its name. */
  abilities = palpate_test_find_widget_by_name (GTK_WIDGET (view), "abilities_box");
  click_button (gtk_widget_get_next_sibling (gtk_widget_get_first_child (abilities)),
                ability_text);
}

static PalpateClientReport *
only_report (PalpateStore *store,
             gint64        client_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = palpate_store_list_client_reports (store, client_id, NULL,
                                                                    &error);

  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 1);
  return g_object_ref (reports->pdata[0]);
}

static void
check_self_report (Fixture       *fixture,
                   PalpateWindow *window)
{
  PalpateStore *store = palpate_window_get_store (window);
  gint64 client_id = shown_client_id (window);
  PalpatePatientView *view = open_view (window);
  g_autoptr(PalpateVisit) draft = NULL;
  g_autoptr(PalpateClientReport) report = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GArray) ratings = NULL;
  g_autoptr(GArray) activity_ids = palpate_store_list_activity_ids (store, client_id, NULL);
  const PalpateClientActivityRating *rated;
  GPtrArray *places;
  guint n;

  rate_today (view, 6, 7);
  click_button (GTK_WIDGET (view), "Done");
  g_assert_true (shows_text (GTK_WIDGET (view), "Thank you"));

  /* The therapist's draft of today is as the therapist left it. */
  draft = palpate_store_get_latest_visit (store, client_id, 0, NULL);
  g_assert_nonnull (draft);
  g_assert_cmpint (palpate_visit_get_status (draft), ==, PALPATE_VISIT_DRAFT);
  g_assert_cmpint (palpate_visit_get_pain_before (draft), ==, 3);
  g_assert_cmpstr (palpate_visit_get_subjective (draft), ==, THERAPIST_WORDS);
  g_assert_false (palpate_visit_get_reported_by_client (draft));
  findings = palpate_store_list_findings (store, palpate_visit_get_id (draft), NULL);
  g_assert_cmpuint (findings->len, ==, 0);
  ratings = palpate_store_list_psfs_ratings (store, client_id, NULL);
  for (guint i = 0; i < ratings->len; i++)
    g_assert_cmpint (g_array_index (ratings, PalpatePsfsRating, i).visit_id, !=,
                     palpate_visit_get_id (draft));

  /* The client's report is kept whole, as theirs. */
  report = only_report (store, client_id);
  g_assert_true (palpate_client_report_get_finished (report));
  g_assert_cmpint (palpate_client_report_get_pain (report), ==, 6);
  places = palpate_client_report_get_places (report);
  g_assert_cmpuint (places->len, ==, 1);
  g_assert_cmpstr (palpate_finding_get_region_id (places->pdata[0]), ==, SORE_REGION);
  g_assert_true (palpate_finding_get_reported_by_client (places->pdata[0]));
  rated = palpate_client_report_get_ratings (report, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (rated[0].activity_id, ==, g_array_index (activity_ids, gint64, 0));
  g_assert_cmpint (rated[0].rating, ==, 7);

  /* Back on the therapist's screen, marked as what the client reported. */
  leave_view (window, view);
  g_assert_true (shows_text (GTK_WIDGET (window), "Reported by the Client"));
  g_assert_true (shows_text (GTK_WIDGET (window), "pain 6 of 10"));
  g_assert_true (shows_text (GTK_WIDGET (window), ACTIVITY ": 7 of 10"));
  g_assert_true (shows_text (GTK_WIDGET (window), "Left upper trapezius"));
}

static void
test_self_report (void)
{
  Fixture fixture = { .with_pin = TRUE, .todays_draft = TRUE };

  run (&fixture, check_self_report);
}

static void
check_unfinished_report (Fixture       *fixture,
                         PalpateWindow *window)
{
  PalpateStore *store = palpate_window_get_store (window);
  gint64 client_id = shown_client_id (window);
  PalpatePatientView *view = open_view (window);
  g_autoptr(PalpateClientReport) report = NULL;
  g_autoptr(PalpateVisit) draft = NULL;
  AdwMessageDialog *dialog;

  /* The client taps a number, then the therapist takes the screen back before Done. */
  rate_today (view, 5, -1);
  click_button (GTK_WIDGET (view), "For Your Therapist");
  dialog = ADW_MESSAGE_DIALOG (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "has not pressed Done"));
  palpate_test_input_click (adw_message_dialog_get_extra_child (dialog));
  palpate_test_input_type (PIN);
  palpate_test_input_key ("Return");
  g_assert_true (palpate_test_wait_for (view_closed_cb, window, 10000));

  report = only_report (store, client_id);
  g_assert_false (palpate_client_report_get_finished (report));
  g_assert_cmpint (palpate_client_report_get_pain (report), ==, 5);
  draft = palpate_store_get_latest_visit (store, client_id, 0, NULL);
  g_assert_cmpint (palpate_visit_get_pain_before (draft), ==, 3);

  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
  g_assert_true (shows_text (GTK_WIDGET (window), "pain 5 of 10"));
  g_assert_true (shows_text (GTK_WIDGET (window), "Not finished"));
}

static void
test_unfinished_report (void)
{
  Fixture fixture = { .with_pin = TRUE, .todays_draft = TRUE };

  run (&fixture, check_unfinished_report);
}

/* 6: a finding marked Gone does not hurt on the "Now" chart */

/* Counts the pixels of the client's "where it hurt" red in a column range of a picture, above
 * the legend (whose scale is red too) at the bottom of each panel. */
static guint
count_red (GdkTexture *texture,
           double      from,
           double      to)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  guint n = 0;

  gdk_texture_download (texture, pixels, width * 4);
  for (int y = 0; y < height * 8 / 10; y++)
    for (int x = (int) (from * width); x < (int) (to * width); x++)
      {
        /* Cairo's ARGB32, premultiplied, in memory order B G R A. */
        const guchar *p = pixels + ((gsize) y * width + x) * 4;

        if (p[2] > p[1] + 40 && p[2] > p[0] + 40)
          n++;
      }

  return n;
}

static void
check_gone_is_not_hurting_now (Fixture       *fixture,
                               PalpateWindow *window)
{
  PalpatePatientView *view = open_view (window);
  GtkWidget *body_area = palpate_test_find_widget_by_name (GTK_WIDGET (view), "body_area");
  g_autofree char *path = g_getenv ("PALPATE_TEST_KEEP_PICTURE")
    ? g_strdup (g_getenv ("PALPATE_TEST_KEEP_PICTURE"))
    : g_build_filename (fixture->tmpdir, "then-and-now.png", NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  guint then_red, now_red;

  /* The chart as it is on screen: scrolled to, and drawn. */
  g_assert_true (palpate_test_input_wait_visible (body_area, 5000));
  paintable = gtk_widget_paintable_new (body_area);
  gtk_widget_queue_draw (body_area);
  palpate_test_input_settle ();
  while (!palpate_screenshot_save_png (body_area, paintable, path, &error))
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
      g_clear_error (&error);
      gtk_widget_queue_draw (body_area);
      palpate_test_iterate (20);
    }
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);

  /* Then: the sore trapezius glows red. Now: it is gone, nothing hurts there. */
  then_red = count_red (texture, 0.0, 0.5);
  now_red = count_red (texture, 0.5, 1.0);
  g_assert_cmpuint (then_red, >, 40);
  g_assert_cmpuint (now_red, <, then_red / 10);

  leave_view (window, view);
}

static void
test_gone_is_not_hurting_now (void)
{
  Fixture fixture = { .with_pin = TRUE, .resolved_finding = TRUE };

  run (&fixture, check_gone_is_not_hurting_now);
}

/* 12: a right-to-left name does not reorder the sentences around it */

static gboolean
visit_shown_cb (gpointer user_data)
{
  PalpateVisitPage *page = palpate_window_get_visit_page (user_data);

  return palpate_visit_page_get_visit (page) != NULL && gtk_widget_get_mapped (GTK_WIDGET (page));
}

static void
check_names_isolated (Fixture       *fixture,
                      PalpateWindow *window)
{
  PalpatePatientView *view = open_view (window);
  GtkWidget *greeting = palpate_test_find_widget_by_name (GTK_WIDGET (view), "greeting_label");
  GtkWidget *title;

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (greeting)), ==,
                   "\u2068ليلى\u2069, here is your progress");
  leave_view (window, view);

  /* The visit's subtitle: the name, then the date, each in its place. */
  palpate_test_input_key ("<Control>n");
  g_assert_true (palpate_test_wait_for (visit_shown_cb, window, 5000));
  title = palpate_test_find_widget_by_name (GTK_WIDGET (palpate_window_get_visit_page (window)),
                                            "title");
  g_assert_true (g_str_has_prefix (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)),
                                   "\u2068" ARABIC_CLIENT "\u2069 · "));
}

static void
test_names_isolated (void)
{
  Fixture fixture = { .with_pin = TRUE, .client_name = ARABIC_CLIENT };

  run (&fixture, check_names_isolated);
}

/* Every control of the view has a name and is reached with Tab */

static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_ENTRY (widget) || GTK_IS_TEXT (widget) ||
         PALPATE_IS_BODY_MAP (widget) || PALPATE_IS_PAIN_SCALE (widget);
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* The controls on screen under @root, the pain scale and the body map as one each (their own
 * tests cover what is inside them). */
static void
collect_controls (GtkWidget *root,
                  GPtrArray *controls)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child) || !gtk_widget_is_sensitive (child))
        continue;
      if (is_control (child))
        {
          g_ptr_array_add (controls, child);
          if (PALPATE_IS_BODY_MAP (child) || PALPATE_IS_PAIN_SCALE (child))
            continue;
        }
      collect_controls (child, controls);
    }
}

static void
check_tab_reaches (PalpatePatientView *view)
{
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  GtkWidget *first_focus = NULL;

  collect_controls (GTK_WIDGET (view), controls);
  g_assert_cmpuint (controls->len, >, 1);

  for (guint i = 0; i < controls->len; i++)
    if (!has_accessible_name (controls->pdata[i]))
      g_error ("a %s has no accessible name", G_OBJECT_TYPE_NAME (controls->pdata[i]));

  /* Tab through the view until the focus comes round again. */
  for (guint presses = 0; presses < controls->len * 3 + 20; presses++)
    {
      GtkWidget *focus;

      palpate_test_input_key ("Tab");
      focus = gtk_root_get_focus (GTK_ROOT (view));
      if (focus == NULL)
        continue;
      if (focus == first_focus)
        break;
      if (first_focus == NULL)
        first_focus = focus;
      for (guint i = 0; i < controls->len; i++)
        if (focus == controls->pdata[i] || gtk_widget_is_ancestor (focus, controls->pdata[i]))
          g_hash_table_add (reached, controls->pdata[i]);
    }

  for (guint i = 0; i < controls->len; i++)
    if (!g_hash_table_contains (reached, controls->pdata[i]))
      g_error ("Tab does not reach the %s “%s”", G_OBJECT_TYPE_NAME (controls->pdata[i]),
               GTK_IS_BUTTON (controls->pdata[i]) && gtk_button_get_label (controls->pdata[i])
               ? gtk_button_get_label (controls->pdata[i]) : "");
}

static void
check_accessible (Fixture       *fixture,
                  PalpateWindow *window)
{
  PalpatePatientView *view = open_view (window);

  check_tab_reaches (view);
  click_button (GTK_WIDGET (view), "Tell Us How You Feel Today");
  g_assert_true (palpate_test_input_wait_visible (palpate_test_find_widget_by_name (GTK_WIDGET (view),
                                                                                    "body_map"),
                                                  5000));
  check_tab_reaches (view);
  leave_view (window, view);
}

static void
test_accessible (void)
{
  Fixture fixture = { .with_pin = TRUE };

  run (&fixture, check_accessible);
}

/* 10: the view is usable on a 360 pixels wide screen */

typedef struct
{
  GtkWidget *widget;
  int        width;
} WidthWanted;

static gboolean
has_width_cb (gpointer user_data)
{
  WidthWanted *wanted = user_data;

  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (wanted->widget));

  /* The surface: without a window manager the window draws a resize border inside it. */
  return gdk_surface_get_width (surface) == wanted->width;
}

static void
check_narrow (Fixture       *fixture,
              PalpateWindow *window)
{
  PalpatePatientView *view = open_view (window);
  WidthWanted narrow = { GTK_WIDGET (view), 360 };
  GtkWidget *map;
  int minimum;

  /* A phone-sized screen: the window is made that size on the X server, as a window manager
   * would. */
  XResizeWindow (gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (view))),
                 gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (view))), 360, 720);
  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_true (palpate_test_wait_for (has_width_cb, &narrow, 5000));

  click_button (GTK_WIDGET (view), "Tell Us How You Feel Today");
  map = palpate_test_find_widget_by_name (GTK_WIDGET (view), "body_map");
  g_assert_true (palpate_test_input_wait_visible (map, 5000));
  g_assert_cmpint (gtk_widget_get_width (map), >=, 180);

  /* Still works by hand at that size. */
  click_button (palpate_test_find_widget_by_name (GTK_WIDGET (view), "pain_scale"), "4");
  g_assert_cmpint (palpate_pain_scale_get_value (PALPATE_PAIN_SCALE (palpate_test_find_widget_by_name (GTK_WIDGET (view),
                                                                                                      "pain_scale"))),
                   ==, 4);
  leave_view (window, view);
}

static void
test_narrow (void)
{
  Fixture fixture = { .with_pin = TRUE };

  run (&fixture, check_narrow);
}

/* 15: the PIN's messages do not pile up over its field */

static gboolean
has_toast (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget") || has_toast (child))
      return TRUE;

  return FALSE;
}

static void
check_pin_messages (Fixture       *fixture,
                    PalpateWindow *window)
{
  GtkWindow *preferences;
  GtkWidget *pin_row;

  palpate_test_input_key ("<Control>comma");
  preferences = wait_for_toplevel (PALPATE_TYPE_PREFERENCES_WINDOW);
  pin_row = palpate_test_find_widget_by_name (GTK_WIDGET (preferences), "pin_row");

  /* Too short, three times: the reason shows at the field, once, and covers nothing. */
  for (int i = 0; i < 3; i++)
    {
      palpate_test_input_click (pin_row);
      palpate_test_input_key ("<Control>a");
      palpate_test_input_type ("12");
      palpate_test_input_key ("Return");
    }
  g_assert_true (shows_text (GTK_WIDGET (preferences), "A PIN is 6 to 12 digits."));
  g_assert_false (has_toast (GTK_WIDGET (preferences)));
  g_assert_true (gtk_widget_has_css_class (pin_row, "error"));
  g_assert_false (palpate_store_has_pin (palpate_window_get_store (window)));

  /* A good PIN: said at the field too. */
  palpate_test_input_click (pin_row);
  palpate_test_input_key ("<Control>a");
  palpate_test_input_type (PIN);
  palpate_test_input_key ("Return");
  g_assert_true (palpate_test_wait_for (has_pin_cb, palpate_window_get_store (window), 10000));
  g_assert_false (has_toast (GTK_WIDGET (preferences)));
  g_assert_false (gtk_widget_has_css_class (pin_row, "error"));
  g_assert_false (shows_text (GTK_WIDGET (preferences), "A PIN is 6 to 12 digits."));
}

static void
test_pin_messages (void)
{
  Fixture fixture = { .with_pin = FALSE };

  run (&fixture, check_pin_messages);
}

/* The take-home handout: the same plain words, nothing clinical */

static void
check_handout (Fixture       *fixture,
               PalpateWindow *window)
{
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "handout.pdf", NULL);
  g_autofree char *handout = NULL;
  const char *argv[] = { "pdftotext", pdf, "-", NULL };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-handout-to", "s",
                                             pdf));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &handout, NULL, NULL,
                               NULL));
  g_assert_nonnull (strstr (handout, "here is your progress"));
  g_assert_nonnull (strstr (handout, HOME_CARE));
  g_assert_null (strstr (handout, SOAP_SENTENCE));
  g_assert_null (strstr (handout, OTHER_CLIENT));
}

static void
test_handout (void)
{
  Fixture fixture = { .with_pin = TRUE };

  run (&fixture, check_handout);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK's test accessibility back end, to read the accessible names. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  palpate_test_input_init ();

  g_test_add_func ("/Palpate/PatientView/needs-a-pin", test_needs_a_pin);
  g_test_add_func ("/Palpate/PatientView/covers-the-screen", test_covers_the_screen);
  g_test_add_func ("/Palpate/PatientView/only-the-therapist-leaves", test_only_the_therapist_leaves);
  g_test_add_func ("/Palpate/PatientView/self-report-is-the-clients", test_self_report);
  g_test_add_func ("/Palpate/PatientView/unfinished-report-is-kept", test_unfinished_report);
  g_test_add_func ("/Palpate/PatientView/gone-does-not-hurt-now", test_gone_is_not_hurting_now);
  g_test_add_func ("/Palpate/PatientView/names-isolated", test_names_isolated);
  g_test_add_func ("/Palpate/PatientView/accessible-and-tab-reachable", test_accessible);
  g_test_add_func ("/Palpate/PatientView/narrow-screen", test_narrow);
  g_test_add_func ("/Palpate/PatientView/pin-messages-at-the-field", test_pin_messages);
  g_test_add_func ("/Palpate/PatientView/handout-plain-words", test_handout);

  templates_dir = palpate_test_make_tmpdir ();
  templates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  status = g_test_run ();
  g_hash_table_unref (templates);
  palpate_test_remove_tree (templates_dir);
  g_free (templates_dir);

  return status;
}
