/* test-consent.c — consent in the real window with real input: a written consent for a
 * sensitive area signed on screen, then a technique there with the client's verbal consent; the
 * same technique refused without written consent; a refusal recorded and blocking; consent to
 * treatment recorded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "palpate-application.h"
#include "palpate-atlas.h"
#include "palpate-consent-dialog.h"
#include "palpate-consent-group.h"
#include "palpate-screenshot.h"
#include "palpate-signature-pad.h"
#include "palpate-technique-form.h"
#include "palpate-store-private.h"
#include "palpate-region-chooser.h"
#include "palpate-test-clinic.h"
#include "palpate-test-input.h"
#include "palpate-test-utils.h"
#include "palpate-visit-page.h"
#include "palpate-window.h"

typedef void (*Steps) (gpointer fixture, PalpateWindow *window);

typedef struct
{
  char     *tmpdir;
  char     *database_path;
  gint64    client_id;
  gint64    visit_id;
  Steps     steps;
  gboolean  checked;
} Fixture;

/* A client in today for a visit not yet signed. */
static void
write_clinic (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (fixture->database_path, &error);
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(PalpateVisit) today = palpate_visit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_assert_no_error (error);
  palpate_client_set_name (client, "Rosa Delgado");
  g_assert_true (palpate_store_save_client (store, client, &error));
  fixture->client_id = palpate_client_get_id (client);

  palpate_visit_set_client_id (today, fixture->client_id);
  palpate_visit_set_started_at (today, now);
  g_assert_true (palpate_store_save_visit (store, today, &error));
  g_assert_no_error (error);
  fixture->visit_id = palpate_visit_get_id (today);
}

static PalpateStore *
open_clinic (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  PalpateStore *store = palpate_store_open (fixture->database_path, &error);

  g_assert_no_error (error);
  return store;
}

static gboolean
toplevel_open_cb (gpointer user_data)
{
  return palpate_test_find_toplevel (GPOINTER_TO_SIZE (user_data)) != NULL;
}

static gboolean
toplevel_closed_cb (gpointer user_data)
{
  return !toplevel_open_cb (user_data);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} TreeText;

static gboolean
tree_says_cb (gpointer user_data)
{
  TreeText *wanted = user_data;
  g_autofree char *text = palpate_test_tree_dup_text (wanted->root);

  return strstr (text, wanted->text) != NULL;
}

static GtkWidget *
find_labelled_button (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0 &&
      gtk_widget_get_mapped (root))
    return root;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_labelled_button (c, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_check (GtkWidget  *root,
            const char *label)
{
  if (GTK_IS_CHECK_BUTTON (root) &&
      g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_check (c, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
open_consent_dialog (PalpateWindow *window)
{
  GtkWidget *page = GTK_WIDGET (palpate_window_get_client_page (window));
  GtkWidget *group = palpate_test_find_widget_of_type (page, PALPATE_TYPE_CONSENT_GROUP);
  GtkWidget *dialog;

  g_assert_nonnull (group);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
  palpate_test_input_click (find_labelled_button (group, "_Record Consent…"));
  g_assert_true (palpate_test_wait_for (toplevel_open_cb,
                                        GSIZE_TO_POINTER (PALPATE_TYPE_CONSENT_DIALOG), 5000));
  dialog = GTK_WIDGET (palpate_test_find_toplevel (PALPATE_TYPE_CONSENT_DIALOG));
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (dialog)));
  return dialog;
}

/* The client signs: two strokes dragged across the pad. */
static void
sign (GtkWidget *dialog)
{
  GtkWidget *pad = palpate_test_find_widget_of_type (dialog, PALPATE_TYPE_SIGNATURE_PAD);
  GtkWidget *area = palpate_signature_pad_get_area (PALPATE_SIGNATURE_PAD (pad));
  int width = gtk_widget_get_width (area);
  const graphene_point_t first[] = {
    { width * 0.10f, 90 }, { width * 0.18f, 40 }, { width * 0.25f, 95 }, { width * 0.32f, 50 },
  };
  const graphene_point_t second[] = {
    { width * 0.40f, 70 }, { width * 0.55f, 60 }, { width * 0.80f, 85 },
  };

  g_assert_true (palpate_signature_pad_is_empty (PALPATE_SIGNATURE_PAD (pad)));
  palpate_test_input_drag (area, first, G_N_ELEMENTS (first));
  palpate_test_input_drag (area, second, G_N_ELEMENTS (second));
  g_assert_false (palpate_signature_pad_is_empty (PALPATE_SIGNATURE_PAD (pad)));
  g_assert_cmpuint (palpate_signature_pad_get_strokes (PALPATE_SIGNATURE_PAD (pad))->len, ==, 2);
}

static void
save_dialog (GtkWidget *dialog)
{
  palpate_test_input_click (palpate_test_find_widget_by_name (dialog, "save_button"));
  g_assert_true (palpate_test_wait_for (toplevel_closed_cb,
                                        GSIZE_TO_POINTER (PALPATE_TYPE_CONSENT_DIALOG), 5000));
}

static guint
count_applied (Fixture *fixture)
{
  g_autoptr(PalpateStore) store = open_clinic (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) applied = palpate_store_list_applied_techniques (store, fixture->visit_id,
                                                                         &error);

  g_assert_no_error (error);
  return applied->len;
}

static gboolean
has_verbal (Fixture              *fixture,
            PalpateSensitiveArea  area)
{
  g_autoptr(PalpateStore) store = open_clinic (fixture);
  g_autoptr(GError) error = NULL;
  gboolean given = FALSE;

  g_assert_true (palpate_store_has_verbal_consent (store, fixture->visit_id, area, &given,
                                                   &error));
  g_assert_no_error (error);
  return given;
}

static gboolean
region_chosen_cb (gpointer user_data)
{
  GtkWidget *chooser = user_data;
  const char *wanted = g_object_get_data (G_OBJECT (chooser), "wanted-region");

  return g_strcmp0 (palpate_region_chooser_get_region_id (PALPATE_REGION_CHOOSER (chooser)),
                    wanted) == 0;
}

static gboolean
chooser_open_cb (gpointer user_data)
{
  GtkWidget *list = palpate_test_find_widget_of_type (user_data, GTK_TYPE_LIST_BOX);

  return list != NULL && gtk_widget_get_mapped (list);
}

/* Something answered the click on Apply: a question, a technique added to the list, or the
 * reason it was refused. (Not any change in the form: the region chooser still settles after
 * its list closed, and a click lost meanwhile would pass for answered.) */
static gboolean
reacted_cb (gpointer user_data)
{
  TreeText *before = user_data;
  GtkWidget *window = gtk_widget_get_ancestor (before->root, GTK_TYPE_WINDOW);
  g_autofree char *now = NULL;

  if (palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL ||
      palpate_test_tree_contains_text (window, "record the client’s written consent for it"))
    return TRUE;
  now = palpate_test_tree_dup_text (before->root);
  return g_strcmp0 (now, before->text) != 0;
}

static gboolean
sensitive_cb (gpointer user_data)
{
  return gtk_widget_is_sensitive (user_data) && gtk_widget_get_mapped (user_data);
}

static gboolean
chooser_closed_cb (gpointer user_data)
{
  return !chooser_open_cb (user_data);
}

/* Chooses the technique's region by typing its name into the region chooser, then presses
 * Apply with the mouse. */
static void
press_apply (PalpateWindow *window,
             const char    *region_id)
{
  GtkWidget *page = GTK_WIDGET (palpate_window_get_visit_page (window));
  GtkWidget *chooser = palpate_test_find_widget_by_name (page, "region_chooser");
  const char *name = palpate_region_get_name (palpate_atlas_lookup_region (
                                                palpate_atlas_get_default (), region_id));
  GtkWidget *apply;
  TreeText before;

  g_assert_nonnull (chooser);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
  g_object_set_data_full (G_OBJECT (chooser), "wanted-region", g_strdup (region_id), g_free);
  palpate_test_input_click (chooser);
  g_assert_true (palpate_test_wait_for (chooser_open_cb, chooser, 20000));
  palpate_test_input_type (name);
  palpate_test_input_key ("Return");
  g_assert_true (palpate_test_wait_for (region_chosen_cb, chooser, 20000));
  /* A click while the chooser's list is still closing would go to its grab, not to Apply. */
  g_assert_true (palpate_test_wait_for (chooser_closed_cb, chooser, 20000));
  palpate_test_input_settle ();
  /* The technique form's Apply (an entry row elsewhere on the page has one of its own), once
   * the form takes it. */
  apply = palpate_test_find_widget_by_name (palpate_test_find_widget_of_type (
                                              page, PALPATE_TYPE_TECHNIQUE_FORM),
                                            "apply_button");
  g_assert_true (palpate_test_wait_for (sensitive_cb, apply, 20000));
  /* The list of what was applied, not the page: the session timer changes every second. */
  before.root = palpate_test_find_widget_by_name (page, "applied_list");
  before.text = palpate_test_tree_dup_text (before.root);
  palpate_test_input_click (apply);

  /* A hand that sees nothing happen (the press went to a closing list's grab) clicks again. */
  for (int tries = 0; tries < 3 && !palpate_test_wait_for (reacted_cb, &before, 3000); tries++)
    palpate_test_input_click (apply);
  g_free ((char *) before.text);
}

/* The second technique applied, without a question in between (a question would stop it). */
static gboolean
two_applied_cb (gpointer user_data)
{
  return count_applied (user_data) == 2 ||
         palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
written_then_verbal (gpointer       data,
                     PalpateWindow *window)
{
  Fixture *fixture = data;
  GtkWidget *dialog = open_consent_dialog (window);
  GtkWidget *page = GTK_WIDGET (palpate_window_get_client_page (window));
  TreeText wanted = { dialog, "needs the client’s signature" };
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *message;

  palpate_test_input_click (find_labelled_button (dialog, "Sensitive Area"));
  palpate_test_input_click (find_labelled_button (dialog, "Gluteal region"));

  /* Unsigned, the written consent is refused, with the reason under the pad. */
  palpate_test_input_click (palpate_test_find_widget_by_name (dialog, "save_button"));
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 5000));
  g_assert_nonnull (palpate_test_find_toplevel (PALPATE_TYPE_CONSENT_DIALOG));
  store = open_clinic (fixture);
  consents = palpate_store_list_consents (store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consents->len, ==, 0);
  g_clear_pointer (&consents, g_ptr_array_unref);

  sign (dialog);
  palpate_test_save_screenshot (dialog, "consent-dialog.png");
  save_dialog (dialog);

  wanted.root = page;
  wanted.text = "Written consent: Gluteal region";
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 5000));
  palpate_test_save_screenshot (GTK_WIDGET (window), "consent-client-page.png");

  consents = palpate_store_list_consents (store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consents->len, ==, 1);
  g_assert_cmpint (((PalpateConsent *) consents->pdata[0])->kind, ==,
                   PALPATE_CONSENT_SENSITIVE_AREA);
  g_assert_cmpint (((PalpateConsent *) consents->pdata[0])->area, ==,
                   PALPATE_SENSITIVE_AREA_GLUTEAL);
  g_assert_cmpuint (((PalpateConsent *) consents->pdata[0])->strokes->len, ==, 2);

  /* At the visit, the therapist confirms the client's verbal consent, then it is applied. */
  palpate_window_show_latest (window, TRUE);
  g_assert_cmpuint (count_applied (fixture), ==, 0);
  press_apply (window, "gluteus-maximus-left");
  g_assert_true (palpate_test_wait_for (toplevel_open_cb,
                                        GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));
  message = GTK_WIDGET (palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (message)), ==,
                   "Did the client give verbal consent today to treatment of the gluteal region?");
  g_assert_cmpuint (count_applied (fixture), ==, 0);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (message)));
  palpate_test_input_click (find_labelled_button (message, "_Yes, Apply"));
  g_assert_true (palpate_test_wait_for (toplevel_closed_cb,
                                        GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), 5000));

  page = GTK_WIDGET (palpate_window_get_visit_page (window));
  wanted.root = palpate_test_find_widget_by_name (page, "applied_list");
  wanted.text = palpate_region_get_name (palpate_atlas_lookup_region (palpate_atlas_get_default (),
                                                                      "gluteus-maximus-left"));
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 5000));
  g_assert_cmpuint (count_applied (fixture), ==, 1);
  g_assert_true (has_verbal (fixture, PALPATE_SENSITIVE_AREA_GLUTEAL));

  /* Asked once per visit: the next technique there goes straight in. */
  press_apply (window, "gluteus-maximus-left");
  g_assert_true (palpate_test_wait_for (two_applied_cb, fixture, 20000));
  g_assert_null (palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (count_applied (fixture), ==, 2);
}

static void
refused_without_written (gpointer       data,
                         PalpateWindow *window)
{
  Fixture *fixture = data;
  TreeText wanted = { GTK_WIDGET (window), "record the client’s written consent for it" };

  palpate_window_show_latest (window, TRUE);
  press_apply (window, "gluteus-maximus-left");
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 5000));
  palpate_test_iterate (200);
  g_assert_null (palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (count_applied (fixture), ==, 0);
  g_assert_false (has_verbal (fixture, PALPATE_SENSITIVE_AREA_GLUTEAL));
}

static void
treatment_and_refusal (gpointer       data,
                       PalpateWindow *window)
{
  Fixture *fixture = data;
  GtkWidget *page = GTK_WIDGET (palpate_window_get_client_page (window));
  TreeText wanted = { page, "Consent to treatment" };
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  /* Consent to treatment, with what was explained; no signature needed. */
  dialog = open_consent_dialog (window);
  palpate_test_input_click (find_check (dialog, "The risks"));
  palpate_test_input_click (find_check (dialog, "The right to withdraw at any time"));
  save_dialog (dialog);
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 5000));

  /* A refusal of the inner thigh, signed. */
  dialog = open_consent_dialog (window);
  palpate_test_input_click (find_labelled_button (dialog, "Refusal"));
  palpate_test_input_click (find_labelled_button (dialog, "Inner thigh"));
  sign (dialog);
  save_dialog (dialog);
  wanted.text = "Refused: Inner thigh";
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 5000));

  store = open_clinic (fixture);
  consents = palpate_store_list_consents (store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consents->len, ==, 2);
  g_assert_cmpint (((PalpateConsent *) consents->pdata[0])->kind, ==, PALPATE_CONSENT_TREATMENT);
  g_assert_cmpuint (((PalpateConsent *) consents->pdata[0])->explained, ==,
                    PALPATE_EXPLAINED_RISKS | PALPATE_EXPLAINED_WITHDRAW);
  g_assert_cmpint (((PalpateConsent *) consents->pdata[1])->kind, ==, PALPATE_CONSENT_REFUSAL);
  g_assert_cmpint (((PalpateConsent *) consents->pdata[1])->area, ==,
                   PALPATE_SENSITIVE_AREA_INNER_THIGH);

  /* The refusal blocks the area at the visit, with the reason. */
  palpate_window_show_latest (window, TRUE);
  press_apply (window, "adductors-left");
  wanted.root = GTK_WIDGET (window);
  wanted.text = "The client has refused treatment of this area";
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 5000));
  palpate_test_iterate (200);
  g_assert_null (palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (count_applied (fixture), ==, 0);

  /* The client withdraws the refusal: it stays on the page and in the file, marked. */
  palpate_window_show_latest (window, FALSE);
  wanted.root = page;
  wanted.text = "Refused: Inner thigh";
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 5000));
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
  palpate_test_input_click (find_labelled_button (palpate_test_find_widget_of_type (
                                                    page, PALPATE_TYPE_CONSENT_GROUP),
                                                  "_Withdraw"));
  wanted.text = "withdrawn on";
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 5000));
  g_clear_pointer (&consents, g_ptr_array_unref);
  consents = palpate_store_list_consents (store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consents->len, ==, 2);
  g_assert_nonnull (((PalpateConsent *) consents->pdata[1])->withdrawn_at);
  g_assert_null (((PalpateConsent *) consents->pdata[0])->withdrawn_at);
}

static void
activate_cb (GApplication *app,
             Fixture      *fixture)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
  PalpateWindow *window = PALPATE_WINDOW (active);

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));

  /* Open at the client, as `palpate --show client` does. */
  palpate_window_show_latest (window, FALSE);
  fixture->steps (fixture, window);

  fixture->checked = TRUE;
  gtk_window_close (GTK_WINDOW (window));
}

static void
run_app (gconstpointer data)
{
  Fixture fixture = { 0 };
  g_autoptr(PalpateApplication) app = NULL;
  char *argv[] = { (char *) "palpate", NULL };

  fixture.steps = (Steps) data;
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
  palpate_test_input_init ();

  g_test_add_data_func ("/Palpate/Consent/written-consent-then-verbal", written_then_verbal,
                        run_app);
  g_test_add_data_func ("/Palpate/Consent/refused-without-written-consent",
                        refused_without_written, run_app);
  g_test_add_data_func ("/Palpate/Consent/treatment-consent-refusal-withdrawn",
                        treatment_and_refusal, run_app);

  return g_test_run ();
}
