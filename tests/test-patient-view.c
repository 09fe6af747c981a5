/* test-patient-view.c — the client's own view: only their data, closed only by the therapist
 *
 * A real window under Xvfb on a temporary clinic with two clients. The view of one must never
 * show the other's name or a sentence of the SOAP notes; closing the window, Ctrl+W, Ctrl+Q,
 * Escape and quitting do not leave it; a wrong PIN is refused and the right one closes it;
 * the client's self-rating becomes the day's draft visit, marked as reported by the client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "palpate-application.h"
#include "palpate-atlas.h"
#include "palpate-pain-scale.h"
#include "palpate-store-private.h"
#include "palpate-test-utils.h"
#include "palpate-window.h"

#define CLIENT "Margaret Oduya"
#define OTHER_CLIENT "Bartholomew Quist"
#define SOAP_SENTENCE "Hypertonic left QL with guarding on palpation"
#define HOME_CARE "Walk ten minutes after each meal"
#define ACTIVITY "Carry the shopping upstairs"

typedef struct
{
  char     *tmpdir;
  char     *database_path;
  gboolean  checked;
} Fixture;

static gint64
write_clinic (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(PalpateClient) other = palpate_client_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *activities[] = { ACTIVITY, "Sleep through the night", NULL };

  g_assert_no_error (error);
  palpate_client_set_name (client, CLIENT);
  palpate_client_set_goals (client, "Garden again without a sore back.");
  palpate_client_set_activities (client, activities);
  g_assert_true (palpate_store_save_client (store, client, &error));
  palpate_client_set_name (other, OTHER_CLIENT);
  g_assert_true (palpate_store_save_client (store, other, &error));

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(PalpateVisit) visit = palpate_visit_new ();
      g_autoptr(GDateTime) when = g_date_time_add_days (now, -30 + 10 * i);

      palpate_visit_set_client_id (visit, palpate_client_get_id (client));
      palpate_visit_set_started_at (visit, when);
      palpate_visit_set_pain_before (visit, 7 - 2 * i);
      palpate_visit_set_pain_after (visit, 5 - 2 * i);
      palpate_visit_set_objective (visit, SOAP_SENTENCE);
      palpate_visit_set_assessment (visit, SOAP_SENTENCE);
      palpate_visit_set_home_care (visit, HOME_CARE);
      g_assert_true (palpate_store_save_visit (store, visit, &error));
      g_assert_true (palpate_store_sign_visit (store, visit, "Maria Rossi", &error));
      g_assert_no_error (error);
    }

  return palpate_client_get_id (client);
}

/* The class shortcut of @widget for @keyval and @modifiers names @action. */
static gboolean
key_leads_to (GtkWidget       *widget,
              guint            keyval,
              GdkModifierType  modifiers,
              const char      *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers &&
              GTK_IS_NAMED_ACTION (named))
            return g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)),
                              action) == 0;
        }
    }

  return FALSE;
}

static void
click_labelled (GtkWidget  *root,
                const char *label)
{
  GtkWidget *widget = root;

  /* Depth first, the first button with that label. */
  while (widget != NULL)
    {
      if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
        {
          palpate_test_click_button (widget);
          palpate_test_iterate (20);
          return;
        }
      if (gtk_widget_get_first_child (widget) != NULL)
        widget = gtk_widget_get_first_child (widget);
      else
        {
          while (widget != NULL && widget != root && gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          widget = (widget == NULL || widget == root) ? NULL : gtk_widget_get_next_sibling (widget);
        }
    }

  g_error ("no button “%s”", label);
}

/* Taps the body map inside @region_id, as a finger would. */
static void
answer_pin (PalpatePatientView *view,
            const char         *pin)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "patient.leave", NULL));
  palpate_test_iterate (20);
  dialog = ADW_MESSAGE_DIALOG (palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (adw_message_dialog_get_extra_child (dialog));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), pin);
  adw_message_dialog_response (dialog, "unlock");
  palpate_test_iterate (50);
}

static void
check_view (Fixture       *fixture,
            PalpateWindow *window,
            GApplication  *app)
{
  PalpateStore *store = palpate_window_get_store (window);
  PalpatePatientView *view;
  g_autofree char *text = NULL;
  g_autoptr(PalpateVisit) draft = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GArray) ratings = NULL;
  gint64 client_id;

  palpate_window_show_latest (window, FALSE);
  client_id = palpate_client_get_id (palpate_client_page_get_client (palpate_window_get_client_page (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.patient-view", NULL));
  palpate_test_iterate (50);
  view = palpate_window_get_patient_view (window);
  g_assert_nonnull (view);

  /* Only this client's own data: no other client, no SOAP note. */
  text = palpate_test_tree_dup_text (GTK_WIDGET (view));
  g_assert_nonnull (strstr (text, "Margaret, here is your progress"));
  g_assert_nonnull (strstr (text, "went from 7 to 3"));
  g_assert_nonnull (strstr (text, HOME_CARE));
  g_assert_null (strstr (text, OTHER_CLIENT));
  g_assert_null (strstr (text, SOAP_SENTENCE));

  /* No PIN yet: closing, Ctrl+W, Ctrl+Q, Escape and quitting all leave it open. */
  gtk_window_close (GTK_WINDOW (view));
  palpate_test_iterate (20);
  g_assert_true (palpate_window_get_patient_view (window) == view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "window.close", NULL));
  palpate_test_iterate (20);
  g_assert_true (palpate_window_get_patient_view (window) == view);
  g_assert_true (key_leads_to (GTK_WIDGET (view), GDK_KEY_Escape, 0, "patient.stay"));
  g_assert_true (key_leads_to (GTK_WIDGET (view), GDK_KEY_w, GDK_CONTROL_MASK, "patient.stay"));
  g_assert_true (key_leads_to (GTK_WIDGET (view), GDK_KEY_q, GDK_CONTROL_MASK, "patient.stay"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "patient.stay", NULL));
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  palpate_test_iterate (50);
  g_assert_true (palpate_window_get_patient_view (window) == view);
  gtk_window_close (GTK_WINDOW (window));
  palpate_test_iterate (20);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* The client rates today: pain 6, a sore spot, an activity at 7. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "patient.rate", NULL));
  palpate_test_iterate (50);
  {
    GtkWidget *scale = palpate_test_find_widget_by_name (GTK_WIDGET (view), "pain_scale");
    GtkWidget *abilities = palpate_test_find_widget_by_name (GTK_WIDGET (view), "abilities_box");
    GtkWidget *row;

    click_labelled (scale, "6");
    g_assert_cmpint (palpate_pain_scale_get_value (PALPATE_PAIN_SCALE (scale)), ==, 6);
    palpate_test_chart_in_region (PALPATE_BODY_MAP (palpate_test_find_widget_by_name (GTK_WIDGET (view),
                                                                                      "body_map")),
                                  -1, "trapezius-upper-left", 1, 11);
    /* The first activity's row of buttons comes after its name. */
    row = gtk_widget_get_next_sibling (gtk_widget_get_first_child (abilities));
    click_labelled (row, "7");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "patient.submit-rating", NULL));
  palpate_test_iterate (50);

  draft = palpate_store_get_latest_visit (store, client_id, 0, NULL);
  g_assert_nonnull (draft);
  g_assert_cmpint (palpate_visit_get_status (draft), ==, PALPATE_VISIT_DRAFT);
  g_assert_cmpint (palpate_visit_get_pain_before (draft), ==, 6);
  g_assert_nonnull (strstr (palpate_visit_get_subjective (draft), "Reported by the client"));
  g_assert_nonnull (strstr (palpate_visit_get_subjective (draft), "Left upper trapezius"));
  findings = palpate_store_list_findings (store, palpate_visit_get_id (draft), NULL);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_true (palpate_finding_get_reported_by_client (findings->pdata[0]));
  g_assert_cmpstr (palpate_finding_get_region_id (findings->pdata[0]), ==, "trapezius-upper-left");
  ratings = palpate_store_list_psfs_ratings (store, client_id, NULL);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < ratings->len; i++)
      {
        PalpatePsfsRating *rating = &g_array_index (ratings, PalpatePsfsRating, i);

        if (rating->visit_id == palpate_visit_get_id (draft))
          {
            g_assert_cmpint (rating->rating, ==, 7);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }

  /* The take-home handout, from the client's page: the same plain words, nothing clinical. */
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

  /* A PIN: the wrong one is refused, the right one closes the view. */
  g_assert_true (palpate_store_set_pin (store, "654321", NULL));
  g_assert_false (palpate_store_check_pin (store, "1234"));
  answer_pin (view, "1234");
  g_assert_true (palpate_window_get_patient_view (window) == view);
  g_assert_true (palpate_patient_view_is_locked (view));
  answer_pin (view, "654321");
  g_assert_null (palpate_window_get_patient_view (window));

  /* The hash, never the PIN, is in the file. */
  {
    g_autofree char *hash = palpate_store_dup_setting (store, "pin-hash");

    g_assert_nonnull (hash);
    g_assert_null (strstr (hash, "654321"));
    g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  }

  gtk_window_close (GTK_WINDOW (window));
  fixture->checked = TRUE;
}

static void
activate_cb (GApplication *app,
             Fixture      *fixture)
{
  PalpateWindow *window = PALPATE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  palpate_test_iterate (50);
  check_view (fixture, window, app);
}

static void
test_patient_view (void)
{
  Fixture fixture = { 0 };
  g_autoptr(PalpateApplication) app = NULL;
  char *argv[] = { (char *) "palpate", NULL };

  fixture.tmpdir = palpate_test_make_tmpdir ();
  fixture.database_path = g_build_filename (fixture.tmpdir, "clinic.sqlite3", NULL);
  write_clinic (fixture.database_path);

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

  g_test_add_func ("/Palpate/PatientView/only-the-therapist-leaves", test_patient_view);

  return g_test_run ();
}
