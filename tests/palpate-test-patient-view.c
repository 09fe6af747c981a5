/* palpate-test-patient-view.c — what the client's-view test programs share: a clinic of two
 * clients written once per kind and copied for each subtest, the application run on it, and
 * the hand's ways into and out of the client's view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-test-patient-view.h"

#include <gdk/x11/gdkx.h>
#include <string.h>

#include "palpate-application.h"
#include "palpate-atlas.h"
#include "palpate-store-private.h"
#include "palpate-test-input.h"
#include "palpate-test-utils.h"

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

void
patient_view_templates_init (void)
{
  templates_dir = palpate_test_make_tmpdir ();
  templates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
patient_view_templates_clear (void)
{
  g_clear_pointer (&templates, g_hash_table_unref);
  palpate_test_remove_tree (templates_dir);
  g_clear_pointer (&templates_dir, g_free);
}

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

void
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

GtkWindow *
wait_for_toplevel (GType type)
{
  ToplevelWanted wanted = { type, NULL };

  g_assert_true (palpate_test_wait_for (toplevel_shown_cb, &wanted, 5000));
  g_assert_true (palpate_test_input_focus_window (wanted.found));
  return wanted.found;
}

gboolean
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

gboolean
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
void
click_show_client (PalpateWindow *window)
{
  GtkWidget *button = find_actionable (GTK_WIDGET (window), "win.patient-view");

  g_assert_nonnull (button);
  palpate_test_input_click (button);
}

PalpatePatientView *
open_view (PalpateWindow *window)
{
  PalpatePatientView *view;

  click_show_client (window);
  g_assert_true (palpate_test_wait_for (view_open_cb, window, 5000));
  view = palpate_window_get_patient_view (window);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (view)));
  return view;
}

gboolean
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
void
type_wrong_pin (PalpatePatientView *view,
                const char         *pin)
{
  g_autoptr(AdwMessageDialog) dialog = g_object_ref (type_pin (view, pin));

  g_assert_true (palpate_test_wait_for (dialog_gone_cb, dialog, 10000));
}

void
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

void
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

gint64
shown_client_id (PalpateWindow *window)
{
  PalpateClientPage *page = palpate_window_get_client_page (window);

  return palpate_client_get_id (palpate_client_page_get_client (page));
}

