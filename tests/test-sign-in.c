/* test-sign-in.c — therapists sign in by hand: the owner's first profile, adding a therapist,
 * passcodes with their wait, signed visits that name their author, the lock when idle,
 * switching therapist, and notes kept to their own therapist
 *
 * Everything in the window is done through real X input (palpate-test-input); the clinics are
 * laid out beforehand through the store. PALPATE_TEST_SCREENSHOTS=DIR keeps pictures of the
 * sign-in page, the lock and Preferences' therapists page, to look at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtk/gtktestatcontext.h>
#include <string.h>

#include "palpate-preferences-window.h"
#include "palpate-screenshot.h"
#include "palpate-sign-in-page.h"
#include "palpate-store-private.h"
#include "palpate-test-clinic.h"
#include "palpate-test-input.h"
#include "palpate-test-utils.h"
#include "palpate-window.h"

typedef PalpateTestClinic Clinic;

#define WAIT_UNTIL PALPATE_TEST_WAIT_UNTIL

#define OWNER_PASSCODE "135790"
#define DAVID_PASSCODE "quiet harbour"
#define DAVID_AUTHOR "David Okafor, RMT, CMTO reg. B77"

static GtkWidget *
win (Clinic *clinic)
{
  return GTK_WIDGET (clinic->window);
}

static gboolean
page_is (Clinic     *clinic,
         const char *name)
{
  return g_strcmp0 (palpate_window_get_page_name (clinic->window), name) == 0;
}

static GtkWidget *
sign_in_page (Clinic *clinic)
{
  return palpate_test_find_widget_of_type (win (clinic), PALPATE_TYPE_SIGN_IN_PAGE);
}

/* The text a person sees: that of mapped labels, entries and text views. */
static void
collect_shown_text (GtkWidget *widget,
                    GString   *text)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (text, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *contents = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      contents = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append_printf (text, "%s\n", contents);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown_text (child, text);
}

static gboolean
shows_text (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GString) shown = g_string_new (NULL);

  collect_shown_text (root, shown);
  return strstr (shown->str, text) != NULL;
}

static void
click_row_and_type (GtkWidget  *root,
                    const char *title,
                    const char *text)
{
  GtkWidget *row;

  WAIT_UNTIL ((row = palpate_test_find_row (root, title)) != NULL);
  palpate_test_input_click (row);
  palpate_test_input_type (text);
}

/* Chooses @name among the therapists, when they are shown, then types @passcode and Enter. */
static void
sign_in_by_hand (Clinic     *clinic,
                 const char *name,
                 const char *passcode)
{
  GtkWidget *entry;
  GtkStack *stack;
  GtkLabel *label;

  WAIT_UNTIL (page_is (clinic, "sign-in"));
  if (name != NULL)
    {
      GtkWidget *avatar;

      stack = GTK_STACK (palpate_test_child (sign_in_page (clinic), "stack"));
      WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "choose") == 0 &&
                  !gtk_stack_get_transition_running (stack));
      WAIT_UNTIL ((avatar = palpate_test_find_label (sign_in_page (clinic), name)) != NULL);
      palpate_test_input_click (avatar);
    }
  /* The passcode page of that therapist, once the page has turned to it. */
  stack = GTK_STACK (palpate_test_child (sign_in_page (clinic), "stack"));
  label = GTK_LABEL (palpate_test_child (sign_in_page (clinic), "name_label"));
  WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "passcode") == 0 &&
              !gtk_stack_get_transition_running (stack) &&
              (name == NULL || g_strcmp0 (gtk_label_get_text (label), name) == 0));
  entry = palpate_test_child (sign_in_page (clinic), "passcode_entry");
  palpate_test_input_click (entry);
  palpate_test_input_type (passcode);
  palpate_test_input_key ("Return");
}

static gint64
signed_in_id (Clinic *clinic)
{
  return palpate_window_get_therapist_id (clinic->window);
}

static void
click_client (Clinic     *clinic,
              const char *name)
{
  GtkWidget *row;

  WAIT_UNTIL ((row = palpate_test_find_row (palpate_test_child (win (clinic), "client_list"),
                                            name)) != NULL);
  palpate_test_input_click (row);
  WAIT_UNTIL (page_is (clinic, "client"));
}

static void
open_first_visit (Clinic *clinic)
{
  GtkWidget *page = GTK_WIDGET (palpate_window_get_client_page (clinic->window));
  GtkWidget *visits = palpate_test_child (page, "visit_list");
  GtkListBoxRow *row;

  WAIT_UNTIL ((row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (visits), 0)) != NULL);
  palpate_test_input_click (GTK_WIDGET (row));
}

static gint64
count_logged (const char *path,
              const char *action,
              const char *actor_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open_full (path, PALPATE_STORE_OPEN_READ_ONLY,
                                                           &error);
  sqlite3_stmt *stmt;
  gint64 count;

  g_assert_no_error (error);
  stmt = palpate_store_prepare (store, "SELECT count (*) FROM audit_log WHERE action = ? "
                                       "AND instr (actor, ?) > 0", NULL);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, actor_part, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  palpate_store_close (store);
  return count;
}

/* First run: a clinic without anyone asks for its owner's profile */

static void
first_run_body (Clinic        *clinic,
                gconstpointer  data)
{
  PalpateTherapist *owner;
  GtkWidget *page;
  GtkWidget *start;

  WAIT_UNTIL (page_is (clinic, "sign-in"));
  page = sign_in_page (clinic);
  WAIT_UNTIL ((start = palpate_test_find_button (page, "Start")) != NULL);
  g_assert_false (gtk_widget_get_sensitive (start));
  palpate_test_save_screenshot (win (clinic), "sign-in-first-run.png");

  click_row_and_type (page, "Name", "Maria Rossi");
  click_row_and_type (page, "Credentials (e.g. RMT)", "RMT");
  click_row_and_type (page, "Registration Number", "A1234");
  click_row_and_type (page, "College That Registered You", "CMTO");

  /* A passcode too short is refused as it is typed. */
  click_row_and_type (page, "Passcode", "1357");
  WAIT_UNTIL (shows_text (page, "A passcode is at least 6 digits"));
  palpate_test_input_type ("90");
  click_row_and_type (page, "Passcode Again", OWNER_PASSCODE);
  WAIT_UNTIL (gtk_widget_get_sensitive (start));
  palpate_test_input_click (start);

  /* The owner is signed in, and the empty clinic shows. */
  WAIT_UNTIL (page_is (clinic, "empty"));
  owner = palpate_store_get_signed_in (palpate_window_get_store (clinic->window));
  g_assert_nonnull (owner);
  g_assert_cmpstr (palpate_therapist_get_name (owner), ==, "Maria Rossi");
  g_assert_cmpstr (palpate_therapist_get_registration (owner), ==, "A1234");
  g_assert_true (palpate_therapist_get_owner (owner));
  g_assert_true (palpate_therapist_get_has_passcode (owner));
  g_assert_true (shows_text (win (clinic), "No Clients Yet"));
}

static void
test_first_run (Clinic        *clinic,
                gconstpointer  data)
{
  /* A new clinic: nobody in it yet. */
  g_assert_true (palpate_store_exec (clinic->seed, "DELETE FROM therapists", NULL));
  palpate_test_clinic_run (clinic, first_run_body);
}

/* The owner adds a therapist in Preferences */

static void
owner_adds_therapist_body (Clinic        *clinic,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) therapists = NULL;
  GtkWindow *preferences;
  GtkWidget *tab;
  GtkWidget *add;
  GtkWindow *dialog;
  GtkWidget *confirm;
  PalpateTherapist *david = NULL;

  /* Alone in the clinic, the owner is asked only her passcode. */
  sign_in_by_hand (clinic, NULL, OWNER_PASSCODE);
  WAIT_UNTIL (page_is (clinic, "none"));

  palpate_test_input_key ("<Control>comma");
  WAIT_UNTIL ((preferences = palpate_test_find_toplevel (PALPATE_TYPE_PREFERENCES_WINDOW)) != NULL);
  g_assert_true (palpate_test_input_focus_window (preferences));
  WAIT_UNTIL ((tab = palpate_test_find_label (GTK_WIDGET (preferences), "Therapists")) != NULL);
  palpate_test_input_click (tab);
  WAIT_UNTIL ((add = palpate_test_find_button (GTK_WIDGET (preferences), "Add Therapist"))
              != NULL);
  g_assert_true (shows_text (GTK_WIDGET (preferences), "Maria Rossi, RMT, CMTO reg. A1234"));
  palpate_test_save_screenshot (GTK_WIDGET (preferences), "preferences-therapists.png");
  palpate_test_input_click (add);

  WAIT_UNTIL ((dialog = palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_true (palpate_test_input_focus_window (dialog));
  click_row_and_type (GTK_WIDGET (dialog), "Name", "David Okafor");
  click_row_and_type (GTK_WIDGET (dialog), "Credentials (e.g. RMT)", "RMT");
  click_row_and_type (GTK_WIDGET (dialog), "Registration Number", "B77");
  click_row_and_type (GTK_WIDGET (dialog), "College", "CMTO");
  click_row_and_type (GTK_WIDGET (dialog), "Passcode, 6 Digits or More", DAVID_PASSCODE);
  WAIT_UNTIL ((confirm = palpate_test_find_button (GTK_WIDGET (dialog), "Add")) != NULL);
  palpate_test_input_click (confirm);

  WAIT_UNTIL (shows_text (GTK_WIDGET (preferences), DAVID_AUTHOR));
  palpate_test_save_screenshot (GTK_WIDGET (preferences), "preferences-therapists-added.png");

  therapists = palpate_store_list_therapists (palpate_window_get_store (clinic->window), NULL);
  for (guint i = 0; i < therapists->len; i++)
    if (g_str_equal (palpate_therapist_get_name (therapists->pdata[i]), "David Okafor"))
      david = therapists->pdata[i];
  g_assert_nonnull (david);
  g_assert_cmpstr (palpate_therapist_get_registration (david), ==, "B77");
  g_assert_true (palpate_therapist_get_has_passcode (david));
  g_assert_false (palpate_therapist_get_owner (david));
  gtk_window_destroy (preferences);
}

static void
test_owner_adds_therapist (Clinic        *clinic,
                           gconstpointer  data)
{
  g_assert_true (palpate_store_exec (clinic->seed, "DELETE FROM therapists", NULL));
  palpate_test_clinic_add_therapist (clinic->seed, "Maria Rossi", "A1234", TRUE, OWNER_PASSCODE);
  palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  palpate_test_clinic_run (clinic, owner_adds_therapist_body);
}

/* A wrong passcode, its wait, the right one; a visit signed in the therapist's name */

static char *report_path;

static void
export_report_by_hand (Clinic     *clinic,
                       const char *path)
{
  GtkWidget *page = GTK_WIDGET (palpate_window_get_client_page (clinic->window));
  GtkWidget *menu = palpate_test_find_by_tooltip (page, "Progress Report");
  GtkWidget *entry;
  GtkWindow *chooser;
  GtkWidget *choice;

  g_assert_nonnull (menu);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (clinic->window)));
  palpate_test_input_click (menu);
  WAIT_UNTIL ((choice = palpate_test_find_label (menu, "Export Progress Report as PDF…")) != NULL);
  palpate_test_input_click (choice);
  WAIT_UNTIL ((chooser = palpate_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL);
  g_assert_true (palpate_test_input_focus_window (chooser));
  WAIT_UNTIL ((entry = gtk_root_get_focus (GTK_ROOT (chooser))) != NULL && GTK_IS_TEXT (entry));
  palpate_test_input_key ("<Control>a");
  palpate_test_input_type (path);
  palpate_test_input_key ("Return");
  WAIT_UNTIL (palpate_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);
  WAIT_UNTIL (palpate_test_file_has_pdf (path));
}

static gint64 david_id;

static void
wrong_then_right_body (Clinic        *clinic,
                       gconstpointer  data)
{
  PalpateVisitPage *visit_page = palpate_window_get_visit_page (clinic->window);
  GtkWidget *sign_button;
  GtkWidget *signed_group;
  GtkWindow *dialog;
  GtkWidget *passcode;
  GtkWidget *message;
  g_autofree char *text = NULL;
  gint64 wrong_at;

  WAIT_UNTIL (page_is (clinic, "sign-in"));
  palpate_test_save_screenshot (win (clinic), "sign-in-choose.png");

  /* A wrong passcode: said so, and the next try waits a second, the right one included. */
  sign_in_by_hand (clinic, "David Okafor", "quiet harbor");
  wrong_at = g_get_monotonic_time ();
  message = palpate_test_child (sign_in_page (clinic), "message_label");
  WAIT_UNTIL (gtk_widget_get_mapped (message));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "Wait 1 second"));
  g_assert_false (gtk_widget_get_sensitive (palpate_test_child (sign_in_page (clinic),
                                                                "sign_in_button")));
  palpate_test_save_screenshot (win (clinic), "sign-in-wrong.png");
  palpate_test_input_type (DAVID_PASSCODE);
  palpate_test_input_key ("Return");
  palpate_test_input_settle ();
  g_assert_true (page_is (clinic, "sign-in"));
  g_assert_cmpint (signed_in_id (clinic), ==, 0);

  /* Once the wait is over, the passcode typed signs in. */
  WAIT_UNTIL (gtk_widget_get_sensitive (palpate_test_child (sign_in_page (clinic),
                                                            "sign_in_button")));
  palpate_test_input_key ("Return");
  WAIT_UNTIL (signed_in_id (clinic) == david_id);
  g_assert_cmpint (g_get_monotonic_time () - wrong_at, >=, G_USEC_PER_SEC);
  WAIT_UNTIL (!page_is (clinic, "sign-in"));

  /* A visit charted and signed: the passcode asked again, wrong first. */
  click_client (clinic, "Anna Berg");
  palpate_test_input_key ("<Control>n");
  WAIT_UNTIL (page_is (clinic, "visit"));
  palpate_test_input_click (GTK_WIDGET (palpate_visit_page_get_soap_view (visit_page,
                                                                          "subjective")));
  palpate_test_input_type ("Stiff neck after a long drive.");
  sign_button = palpate_test_child (GTK_WIDGET (visit_page), "sign_button");
  palpate_test_input_click (sign_button);
  WAIT_UNTIL ((dialog = palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_true (palpate_test_input_focus_window (dialog));
  WAIT_UNTIL ((passcode = palpate_test_find_widget_of_type (GTK_WIDGET (dialog),
                                                            GTK_TYPE_PASSWORD_ENTRY)) != NULL);
  palpate_test_input_click (passcode);
  palpate_test_input_type (DAVID_PASSCODE);
  palpate_test_input_click (palpate_test_find_button (GTK_WIDGET (dialog), "Sign"));

  /* The window names the signer with their registration. */
  signed_group = palpate_test_child (GTK_WIDGET (visit_page), "signed_group");
  WAIT_UNTIL (gtk_widget_get_mapped (signed_group));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (
                              ADW_PREFERENCES_GROUP (signed_group)),
                            "Signed by " DAVID_AUTHOR));

  /* So does the report's signature block. */
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (clinic->window)));
  palpate_test_input_click (palpate_test_find_by_tooltip (GTK_WIDGET (visit_page),
                                                          "Back to the Client (Alt+Left)"));
  WAIT_UNTIL (page_is (clinic, "client"));
  export_report_by_hand (clinic, report_path);
  text = palpate_test_pdf_reading_text (report_path);
  g_assert_nonnull (strstr (text, DAVID_AUTHOR));
}

static void
wrong_then_right_after (Clinic        *clinic,
                        gconstpointer  data)
{
  /* And the audit log: the wrong try, the sign-in and the signature, with the profile's id. */
  g_autofree char *id = g_strdup_printf ("[therapist %" G_GINT64_FORMAT "]", david_id);

  g_assert_cmpint (count_logged (clinic->database_path, "passcode-failed", ""), ==, 1);
  g_assert_cmpint (count_logged (clinic->database_path, "sign-in", id), ==, 1);
  g_assert_cmpint (count_logged (clinic->database_path, "sign", DAVID_AUTHOR " "), ==, 1);
  g_assert_cmpint (count_logged (clinic->database_path, "sign", id), ==, 1);
}

static void
test_wrong_then_right (Clinic        *clinic,
                       gconstpointer  data)
{
  g_assert_true (palpate_store_exec (clinic->seed, "DELETE FROM therapists", NULL));
  palpate_test_clinic_add_therapist (clinic->seed, "Maria Rossi", "A1234", TRUE, OWNER_PASSCODE);
  david_id = palpate_test_clinic_add_therapist (clinic->seed, "David Okafor", "B77", FALSE,
                                                DAVID_PASSCODE);
  palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  report_path = g_build_filename (clinic->tmpdir, "report.pdf", NULL);
  clinic->after = wrong_then_right_after;
  palpate_test_clinic_run (clinic, wrong_then_right_body);
  g_clear_pointer (&report_path, g_free);
}

/* Locked when idle: nothing of any client shows; the draft survives */

#define DRAFT_TEXT "Tight hamstrings, worse after running."

static gint64 draft_id;

static void
idle_lock_body (Clinic        *clinic,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.palpate.Palpate");
  PalpateVisitPage *visit_page = palpate_window_get_visit_page (clinic->window);
  GtkWidget *leaflet = palpate_test_child (win (clinic), "leaflet");
  g_autofree char *subjective = NULL;

  sign_in_by_hand (clinic, NULL, OWNER_PASSCODE);
  WAIT_UNTIL (!page_is (clinic, "sign-in"));

  click_client (clinic, "Anna Berg");
  open_first_visit (clinic);
  WAIT_UNTIL (page_is (clinic, "visit"));
  palpate_test_input_click (GTK_WIDGET (palpate_visit_page_get_soap_view (visit_page,
                                                                          "subjective")));

  /* A short idle time, then typing, and nobody touches anything. */
  g_settings_set_uint (settings, "idle-lock-seconds", 2);
  palpate_test_input_type (DRAFT_TEXT);
  WAIT_UNTIL (palpate_window_is_locked (clinic->window));
  palpate_test_input_settle ();

  /* Nothing of the client shows, nor is it in the accessibility tree. */
  g_assert_true (page_is (clinic, "sign-in"));
  g_assert_false (shows_text (win (clinic), "Anna Berg"));
  g_assert_false (shows_text (win (clinic), "Bruno Costa"));
  g_assert_false (shows_text (win (clinic), "hamstrings"));
  g_assert_false (gtk_widget_get_mapped (leaflet));
  g_assert_true (gtk_test_accessible_has_state (GTK_ACCESSIBLE (leaflet),
                                                GTK_ACCESSIBLE_STATE_HIDDEN));
  g_assert_true (shows_text (win (clinic), "Maria Rossi"));
  palpate_test_save_screenshot (win (clinic), "lock.png");

  /* The draft was saved before the lock. */
  {
    g_autoptr(PalpateStore) store = palpate_test_clinic_open_store (clinic);
    g_autoptr(PalpateVisit) visit = palpate_store_get_visit (store, draft_id, NULL);

    g_assert_nonnull (visit);
    g_assert_nonnull (strstr (palpate_visit_get_subjective (visit), DRAFT_TEXT));
    palpate_store_close (store);
  }

  /* Signing back in brings the visit back as it was. */
  g_settings_set_uint (settings, "idle-lock-seconds", 300);
  sign_in_by_hand (clinic, NULL, OWNER_PASSCODE);
  WAIT_UNTIL (page_is (clinic, "visit"));
  subjective = palpate_test_text_of (palpate_visit_page_get_soap_view (visit_page, "subjective"));
  g_assert_nonnull (strstr (subjective, DRAFT_TEXT));
  g_assert_true (shows_text (win (clinic), "Anna Berg"));
}

static void
test_idle_lock (Clinic        *clinic,
                gconstpointer  data)
{
  gint64 anna;

  g_assert_true (palpate_store_exec (clinic->seed, "DELETE FROM therapists", NULL));
  palpate_test_clinic_add_therapist (clinic->seed, "Maria Rossi", "A1234", TRUE, OWNER_PASSCODE);
  anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  palpate_test_clinic_add_client (clinic->seed, "Bruno Costa");
  draft_id = palpate_test_clinic_add_visit (clinic->seed, anna, 0);
  palpate_test_clinic_run (clinic, idle_lock_body);
}

/* Switching therapist from the main menu */

static gint64 maria_id;

static void
switch_therapist_body (Clinic        *clinic,
                       gconstpointer  data)
{
  sign_in_by_hand (clinic, "Maria Rossi", OWNER_PASSCODE);
  WAIT_UNTIL (signed_in_id (clinic) == maria_id);
  click_client (clinic, "Anna Berg");

  palpate_test_choose_from_main_menu (clinic->window, "Switch Therapist…");
  WAIT_UNTIL (page_is (clinic, "sign-in"));
  g_assert_cmpint (signed_in_id (clinic), ==, 0);
  g_assert_false (shows_text (win (clinic), "Anna Berg"));

  sign_in_by_hand (clinic, "David Okafor", DAVID_PASSCODE);
  WAIT_UNTIL (signed_in_id (clinic) == david_id);
  WAIT_UNTIL (page_is (clinic, "none"));
}

static void
switch_therapist_after (Clinic        *clinic,
                        gconstpointer  data)
{
  g_assert_cmpint (count_logged (clinic->database_path, "sign-out", "Maria Rossi"), ==, 1);
}

static void
test_switch_therapist (Clinic        *clinic,
                       gconstpointer  data)
{
  g_assert_true (palpate_store_exec (clinic->seed, "DELETE FROM therapists", NULL));
  maria_id = palpate_test_clinic_add_therapist (clinic->seed, "Maria Rossi", "A1234", TRUE,
                                                OWNER_PASSCODE);
  david_id = palpate_test_clinic_add_therapist (clinic->seed, "David Okafor", "B77", FALSE,
                                                DAVID_PASSCODE);
  palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  clinic->after = switch_therapist_after;
  palpate_test_clinic_run (clinic, switch_therapist_body);
}

/* "Therapists see only their own clients' notes" */

static void
own_notes_only_body (Clinic        *clinic,
                     gconstpointer  data)
{
  sign_in_by_hand (clinic, "David Okafor", DAVID_PASSCODE);
  WAIT_UNTIL (signed_in_id (clinic) == david_id);

  /* Maria's visit shows by its date; its notes stay closed to David. */
  click_client (clinic, "Anna Berg");
  open_first_visit (clinic);
  WAIT_UNTIL (palpate_test_has_toast (clinic->window, "This visit’s notes are Maria Rossi’s"));
  g_assert_true (page_is (clinic, "client"));
  g_assert_false (shows_text (win (clinic), "Stiff neck after a long drive."));

  /* The owner reads them (once the toast has gone from over the rows). */
  WAIT_UNTIL (!palpate_test_has_toast (clinic->window, "This visit’s notes are Maria Rossi’s"));
  palpate_test_choose_from_main_menu (clinic->window, "Switch Therapist…");
  sign_in_by_hand (clinic, "Maria Rossi", OWNER_PASSCODE);
  WAIT_UNTIL (signed_in_id (clinic) == maria_id);
  click_client (clinic, "Anna Berg");
  open_first_visit (clinic);
  WAIT_UNTIL (page_is (clinic, "visit"));
  g_assert_true (shows_text (win (clinic), "Stiff neck after a long drive."));
}

static void
test_own_notes_only (Clinic        *clinic,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 anna;
  gint64 visit;

  g_assert_true (palpate_store_exec (clinic->seed, "DELETE FROM therapists", NULL));
  maria_id = palpate_test_clinic_add_therapist (clinic->seed, "Maria Rossi", "A1234", TRUE,
                                                OWNER_PASSCODE);
  david_id = palpate_test_clinic_add_therapist (clinic->seed, "David Okafor", "B77", FALSE,
                                                DAVID_PASSCODE);
  anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  g_assert_true (palpate_store_sign_in (clinic->seed, maria_id, OWNER_PASSCODE, &error));
  visit = palpate_test_clinic_add_visit (clinic->seed, anna, 3);
  g_assert_true (palpate_store_exec (clinic->seed, "UPDATE visits SET therapist_id = 1", NULL));
  palpate_test_clinic_sign_visit (clinic->seed, visit);
  g_assert_true (palpate_store_set_own_notes_only (clinic->seed, TRUE, &error));
  g_assert_no_error (error);
  palpate_test_clinic_run (clinic, own_notes_only_body);
}

/* Profiles made from an older file have no passcode: among others, each chooses one */

static void
choose_passcode_body (Clinic        *clinic,
                      gconstpointer  data)
{
  GtkWidget *page;
  GtkWidget *confirm;
  PalpateTherapist *david;

  WAIT_UNTIL (page_is (clinic, "sign-in"));
  page = sign_in_page (clinic);
  sign_in_by_hand (clinic, "David Okafor", "2468");
  confirm = palpate_test_child (page, "confirm_entry");
  WAIT_UNTIL (gtk_widget_get_mapped (confirm));
  g_assert_cmpint (signed_in_id (clinic), ==, 0);

  /* Too short, then the same twice. */
  palpate_test_input_click (confirm);
  palpate_test_input_type ("2468");
  palpate_test_input_key ("Return");
  WAIT_UNTIL (shows_text (page, "A passcode is at least 6 digits"));
  palpate_test_input_click (palpate_test_child (page, "passcode_entry"));
  palpate_test_input_key ("<Control>a");
  palpate_test_input_type ("246810");
  palpate_test_input_click (confirm);
  palpate_test_input_key ("<Control>a");
  palpate_test_input_type ("246810");
  palpate_test_input_key ("Return");

  WAIT_UNTIL (signed_in_id (clinic) == david_id);
  david = palpate_store_get_signed_in (palpate_window_get_store (clinic->window));
  g_assert_true (palpate_therapist_get_has_passcode (david));
}

static void
test_choose_passcode (Clinic        *clinic,
                      gconstpointer  data)
{
  g_assert_true (palpate_store_exec (clinic->seed, "DELETE FROM therapists", NULL));
  maria_id = palpate_test_clinic_add_therapist (clinic->seed, "Maria Rossi", NULL, TRUE, NULL);
  david_id = palpate_test_clinic_add_therapist (clinic->seed, "David Okafor", NULL, FALSE, NULL);
  palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  palpate_test_clinic_run (clinic, choose_passcode_body);
}

typedef void (*CaseFunc) (Clinic *clinic, gconstpointer data);

/* Each path runs in a process of its own, so that one failure does not hide the next. */
static void
run_case (gconstpointer data)
{
  CaseFunc func = (CaseFunc) data;

  if (g_test_subprocess ())
    {
      Clinic clinic = { 0 };

      palpate_test_input_init ();
      palpate_test_clinic_set_up (&clinic, NULL);
      func (&clinic, NULL);
      palpate_test_clinic_tear_down (&clinic, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                   G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (!g_test_trap_has_passed ())
    g_test_fail ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char **args = g_new0 (char *, argc + 2);

  memcpy (args, argv, argc * sizeof (char *));
  if (argc > 0)
    args[argc++] = (char *) "--keep-going";
  argv = args;
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add_data_func ("/Palpate/SignIn/" path, (gconstpointer) func, run_case)

  ADD ("first-run-owner", test_first_run);
  ADD ("owner-adds-therapist", test_owner_adds_therapist);
  ADD ("wrong-then-right-and-sign", test_wrong_then_right);
  ADD ("idle-lock", test_idle_lock);
  ADD ("switch-therapist", test_switch_therapist);
  ADD ("own-notes-only", test_own_notes_only);
  ADD ("choose-passcode", test_choose_passcode);

  return g_test_run ();
}
