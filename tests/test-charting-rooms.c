/* test-charting-rooms.c — the window of one treatment room on a clinic server, while another
 * room works on the same clinic (a real PostgreSQL 15 server, real X input)
 *
 * The application is started as `palpate --database postgresql://…`. A second store on the
 * same server stands for the other room: reception adds a client, a colleague signs a visit.
 * The server going away and coming back is the window's database refusing sessions for a
 * while. One named subtest per path, each in a process of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-preferences-backups.h"
#include "palpate-preferences-window.h"
#include "palpate-test-charting.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"

#define TYPED " Worse since Tuesday."

typedef struct
{
  Clinic  clinic;
  char   *conninfo;
} Rooms;

/* The clinic on a fresh database of the test server, with its owner, who has no passcode and
 * is signed in when the window opens. */
static gboolean
rooms_set_up (Rooms *rooms)
{
  g_autoptr(GError) error = NULL;

  rooms->conninfo = palpate_test_server_new_database ();
  if (rooms->conninfo == NULL)
    return FALSE;

  rooms->clinic.database_path = palpate_test_store_server_location (rooms->conninfo);
  rooms->clinic.seed = palpate_store_open (rooms->clinic.database_path, &error);
  g_assert_no_error (error);
  g_assert_true (palpate_store_is_on_server (rooms->clinic.seed));
  palpate_store_set_actor (rooms->clinic.seed, "Maria Rossi");
  g_assert_true (palpate_store_set_setting (rooms->clinic.seed, "clinic-name",
                                            "Clinique du Parc", &error));
  g_assert_no_error (error);
  palpate_test_clinic_add_therapist (rooms->clinic.seed, "Maria Rossi", NULL, TRUE, NULL);
  return TRUE;
}

static void
rooms_tear_down (Rooms *rooms)
{
  if (rooms->clinic.seed != NULL)
    palpate_store_close (rooms->clinic.seed);
  g_clear_object (&rooms->clinic.seed);
  palpate_test_server_drop_database (rooms->conninfo);
  g_clear_pointer (&rooms->conninfo, g_free);
  g_clear_pointer (&rooms->clinic.database_path, g_free);
}

/* The other room: a store of its own on the same clinic server. */
static PalpateStore *
open_other_room (Clinic *clinic)
{
  g_autoptr(GError) error = NULL;
  PalpateStore *other = palpate_store_open (clinic->database_path, &error);

  g_assert_no_error (error);
  palpate_store_set_actor (other, "Reception");
  return other;
}

/* The window on a server clinic */

static void
window_on_server_body (Clinic        *clinic,
                       gconstpointer  data)
{
  GtkWidget *title = palpate_test_child (win (clinic), "clinic_title");
  const char *subtitle;
  GtkWindow *preferences;
  GtkWidget *backups;

  /* The location was kept as given, not taken for a file name. */
  g_assert_nonnull (clinic->store);
  g_assert_true (palpate_store_is_on_server (clinic->store));
  g_assert_cmpstr (palpate_store_get_path (clinic->store), ==, clinic->database_path);

  /* The title names the clinic and its database on the server, and nothing else of the
   * location (which may hold a user and a password). */
  subtitle = adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title));
  g_assert_nonnull (strstr (subtitle, "Clinique du Parc"));
  g_assert_nonnull (strstr (subtitle, "palpate_test_"));
  g_assert_null (strstr (subtitle, "user="));
  g_assert_null (strstr (subtitle, "postgresql://"));

  /* Nor is the demo clinic offered: it would be a file beside the clinic's. */
  g_assert_false (gtk_widget_get_visible (palpate_test_child (win (clinic), "demo_button")));

  /* Preferences → Backups says how a server clinic is backed up, and offers no buttons that
   * would copy a file. */
  palpate_test_input_key ("<Control>comma");
  WAIT_UNTIL ((preferences = palpate_test_find_toplevel (PALPATE_TYPE_PREFERENCES_WINDOW))
              != NULL);
  backups = palpate_test_find_widget_of_type (GTK_WIDGET (preferences),
                                              PALPATE_TYPE_PREFERENCES_BACKUPS);
  g_assert_nonnull (backups);
  g_assert_true (gtk_widget_get_visible (palpate_test_child (backups, "server_group")));
  g_assert_false (gtk_widget_get_visible (palpate_test_child (backups, "backup_now_group")));
  g_assert_false (gtk_widget_get_visible (palpate_test_child (backups, "folder_group")));
  g_assert_false (gtk_widget_get_visible (palpate_test_child (backups, "passphrase_group")));
  g_assert_true (palpate_test_tree_contains_text (backups, "palpate migrate --from "
                                                            "postgresql://… --to FILE"));
  gtk_window_destroy (preferences);
}

static void
test_window_on_server (Clinic        *clinic,
                       gconstpointer  data)
{
  palpate_test_clinic_run (clinic, window_on_server_body);
}

/* A client added at reception */

/* Whether the sidebar's row of @name, shown now, says @text. */
static gboolean
client_row_says (Clinic     *clinic,
                 const char *name,
                 const char *text)
{
  GtkWidget *row = palpate_test_find_row (palpate_test_child (win (clinic), "client_list"), name);

  return row != NULL && palpate_test_tree_contains_text (row, text);
}

static void
client_from_other_room_body (Clinic        *clinic,
                             gconstpointer  data)
{
  g_autoptr(PalpateStore) reception = open_other_room (clinic);
  g_autoptr(PalpateClient) anna = NULL;
  g_autoptr(PalpateClient) walter = NULL;
  g_autoptr(GError) error = NULL;
  gint64 anna_id;
  gint64 bruna_id;

  anna_id = palpate_test_clinic_add_client (reception, "Anna Berg");
  WAIT_WITHIN_A_SECOND (palpate_test_client_listed (clinic, "Anna Berg"));

  /* A click on the new row opens the client, as for any other. */
  palpate_test_click_client (clinic, "Anna Berg");
  WAIT_UNTIL (palpate_test_client_shown (clinic, "Anna Berg"));
  palpate_test_save_screenshot (win (clinic), "rooms-client-from-other-room.png");

  /* A second one, while a client is open: the list has it too, the open client stays. */
  palpate_test_clinic_add_client (reception, "Bruno Costa");
  WAIT_WITHIN_A_SECOND (palpate_test_client_listed (clinic, "Bruno Costa"));
  g_assert_true (palpate_test_client_shown (clinic, "Anna Berg"));

  /* Reception corrects the open client's name: her page and her row say it at once. */
  anna = palpate_store_get_client (reception, anna_id, &error);
  g_assert_no_error (error);
  palpate_client_set_name (anna, "Anna Berg-Lind");
  g_assert_true (palpate_store_save_client (reception, anna, &error));
  g_assert_no_error (error);
  WAIT_WITHIN_A_SECOND (palpate_test_client_shown (clinic, "Anna Berg-Lind") &&
                        palpate_test_client_listed (clinic, "Anna Berg-Lind"));

  /* A record past its retention period, destroyed at reception: its row goes here too. */
  walter = palpate_client_new ();
  palpate_client_set_name (walter, "Walter Brandt");
  palpate_client_set_birth_date (walter, "1960-05-01");
  g_assert_true (palpate_store_save_client (reception, walter, &error));
  g_assert_no_error (error);
  palpate_test_clinic_sign_visit (reception, palpate_test_clinic_add_visit (
    reception, palpate_client_get_id (walter), 11 * 366));
  WAIT_WITHIN_A_SECOND (palpate_test_client_listed (clinic, "Walter Brandt"));
  g_assert_true (palpate_store_destroy_client_record (reception, palpate_client_get_id (walter),
                                                      &error));
  g_assert_no_error (error);
  WAIT_WITHIN_A_SECOND (!palpate_test_client_listed (clinic, "Walter Brandt"));
  g_assert_true (palpate_test_client_listed (clinic, "Bruno Costa"));

  /* With "bru" typed in the search, a client reception adds who matches it is listed, and one
   * who does not is not. */
  palpate_test_input_click (palpate_test_child (win (clinic), "search_entry"));
  palpate_test_input_type ("bru");
  WAIT_UNTIL (!palpate_test_client_listed (clinic, "Anna Berg-Lind") &&
              palpate_test_client_listed (clinic, "Bruno Costa"));
  palpate_test_clinic_add_client (reception, "Carla Dias");
  bruna_id = palpate_test_clinic_add_client (reception, "Bruna Silva");
  WAIT_WITHIN_A_SECOND (palpate_test_client_listed (clinic, "Bruna Silva"));
  g_assert_false (palpate_test_client_listed (clinic, "Carla Dias"));

  /* A visit recorded next door: the client's row counts it. */
  g_assert_false (client_row_says (clinic, "Bruna Silva", "1 visit"));
  palpate_test_clinic_add_visit (reception, bruna_id, 0);
  WAIT_WITHIN_A_SECOND (client_row_says (clinic, "Bruna Silva", "1 visit"));
  palpate_test_save_screenshot (win (clinic), "rooms-search-from-other-room.png");
}

static void
test_client_from_other_room (Clinic        *clinic,
                             gconstpointer  data)
{
  palpate_test_clinic_run (clinic, client_from_other_room_body);
}

/* A visit signed in another room while it is open here */

static gboolean
visit_signed_here (Clinic *clinic,
                   gint64  visit_id)
{
  g_autoptr(PalpateVisit) visit = palpate_store_get_visit (clinic->store, visit_id, NULL);

  return visit != NULL && palpate_visit_get_status (visit) == PALPATE_VISIT_SIGNED;
}

static void
visit_signed_elsewhere_body (Clinic        *clinic,
                             gconstpointer  data)
{
  g_autoptr(PalpateStore) colleague = open_other_room (clinic);
  g_autoptr(PalpateVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkWidget *subjective;
  gint64 visit_id;

  visit_id = palpate_visit_get_id (palpate_visit_page_get_visit (visit_page (clinic)));
  subjective = soap (clinic, "subjective");
  g_assert_true (gtk_widget_get_sensitive (subjective));

  /* The colleague signs the draft this room has open. */
  visit = palpate_store_get_visit (colleague, visit_id, &error);
  g_assert_no_error (error);
  g_assert_true (palpate_store_sign_visit (colleague, visit, "Maria Rossi", &error));
  g_assert_no_error (error);
  WAIT_WITHIN_A_SECOND (palpate_test_has_toast (clinic->window, "signed in another room"));
  g_assert_true (visit_signed_here (clinic, visit_id));
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (visit_page (clinic)),
                                                  "Signed in another room"));
  g_assert_false (gtk_widget_is_sensitive (
    palpate_test_find_by_tooltip (GTK_WIDGET (visit_page (clinic)),
                                  "Sign the visit (Ctrl+Shift+S)")));

  /* What is typed here is not lost: the save is refused with the reason, and the text stays
   * on screen for the therapist to copy into an amendment. */
  palpate_test_dismiss_toast (clinic->window, "signed in another room");
  palpate_test_type_at_end (subjective, TYPED);
  WAIT_UNTIL (({ g_autofree char *t = palpate_test_text_of (GTK_TEXT_VIEW (subjective));
                 g_str_has_suffix (t, TYPED); }));
  WAIT_UNTIL (palpate_visit_page_get_save_error (visit_page (clinic)) != NULL);
  g_assert_nonnull (strstr (palpate_visit_page_get_save_error (visit_page (clinic)), "signed"));
  WAIT_UNTIL (palpate_test_has_toast (clinic->window, "This visit is signed"));
  text = palpate_test_text_of (GTK_TEXT_VIEW (subjective));
  g_assert_true (g_str_has_suffix (text, TYPED));
  g_assert_true (page_is (clinic, "visit"));
  g_assert_false (palpate_window_save_now (clinic->window));
  palpate_test_save_screenshot (win (clinic), "rooms-visit-signed-elsewhere.png");
}

static void
open_draft_then (Clinic        *clinic,
                 gconstpointer  data)
{
  palpate_test_open_latest_visit (clinic, "Anna Berg");
  g_assert_cmpint (palpate_visit_get_status (palpate_visit_page_get_visit (visit_page (clinic))),
                   ==, PALPATE_VISIT_DRAFT);
  visit_signed_elsewhere_body (clinic, data);
}

/* Anna Berg with a draft of today, then the window on the clinic. */
static void
run_on_anna_with_draft (Clinic                *clinic,
                        PalpateTestClinicBody  body)
{
  gint64 client_id = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  gint64 visit_id = palpate_test_clinic_add_visit (clinic->seed, client_id, 0);

  clinic->data = GSIZE_TO_POINTER (visit_id);
  palpate_test_clinic_run (clinic, body);
}

static void
test_visit_signed_elsewhere (Clinic        *clinic,
                             gconstpointer  data)
{
  run_on_anna_with_draft (clinic, open_draft_then);
}

/* A draft open in another room */

static gboolean
visit_row_says (Clinic     *clinic,
                const char *text)
{
  GtkWidget *visits = palpate_test_child (GTK_WIDGET (palpate_window_get_client_page (
                                                        clinic->window)), "visit_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (visits), 0);

  return row != NULL && palpate_test_find_label (GTK_WIDGET (row), text) != NULL;
}

static void
draft_open_elsewhere_body (Clinic        *clinic,
                           gconstpointer  data)
{
  g_autoptr(PalpateStore) colleague = open_other_room (clinic);
  g_autoptr(GError) error = NULL;
  gint64 visit_id = GPOINTER_TO_SIZE (data);

  palpate_test_click_client (clinic, "Anna Berg");
  WAIT_UNTIL (palpate_test_client_shown (clinic, "Anna Berg"));
  g_assert_true (visit_row_says (clinic, "Draft"));

  /* The colleague opens the draft next door: the visit list says so within a second. */
  g_assert_true (palpate_store_set_charting (colleague, visit_id, TRUE, &error));
  g_assert_no_error (error);
  WAIT_WITHIN_A_SECOND (visit_row_says (clinic, "Draft, open in another room"));
  palpate_test_save_screenshot (palpate_test_child (GTK_WIDGET (palpate_window_get_client_page (
                                                    clinic->window)), "visit_list"),
                                "rooms-draft-open-elsewhere.png");

  /* Opened here too: said beside the title, with what happens if both change it. */
  palpate_test_input_click (GTK_WIDGET (gtk_list_box_get_row_at_index (
    GTK_LIST_BOX (palpate_test_child (GTK_WIDGET (palpate_window_get_client_page (clinic->window)),
                                      "visit_list")), 0)));
  WAIT_UNTIL (page_is (clinic, "visit"));
  WAIT_UNTIL (palpate_test_tree_contains_text (GTK_WIDGET (visit_page (clinic)),
                                               "Open in another room"));
  WAIT_UNTIL (palpate_test_has_toast (clinic->window, "both changes are kept"));

  /* The colleague leaves it; back at the client, the draft is only a draft (this room's own
   * opening is not "another room"). */
  g_assert_true (palpate_store_set_charting (colleague, visit_id, FALSE, &error));
  g_assert_no_error (error);
  palpate_test_input_click (palpate_test_find_by_tooltip (GTK_WIDGET (visit_page (clinic)),
                                                          "Back to the Client (Alt+Left)"));
  WAIT_UNTIL (page_is (clinic, "client"));
  WAIT_UNTIL (visit_row_says (clinic, "Draft"));
}

static void
test_draft_open_elsewhere (Clinic        *clinic,
                           gconstpointer  data)
{
  run_on_anna_with_draft (clinic, draft_open_elsewhere_body);
}

/* The clinic server away while a draft is charted */

/* Lets the window's database take sessions, or ends its sessions and takes no more: to the
 * window, the clinic server has gone away. */
static void
server_takes_sessions (Clinic   *clinic,
                       gboolean  takes)
{
  g_autofree char *admin = palpate_test_store_server_location (g_getenv ("PALPATE_TEST_POSTGRESQL"));
  const char *start = clinic->database_path + strlen ("postgresql:///");
  g_autofree char *dbname = g_strndup (start, strcspn (start, "?"));
  g_autofree char *sql = NULL;
  g_autofree char *message = NULL;

  if (takes)
    sql = g_strdup_printf ("ALTER DATABASE \"%s\" ALLOW_CONNECTIONS true", dbname);
  else
    sql = g_strdup_printf ("ALTER DATABASE \"%s\" ALLOW_CONNECTIONS false; "
                           "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                           "WHERE datname = '%s'", dbname, dbname);
  g_assert_cmpint (palpate_test_store_server_exec (admin, sql, &message), ==, 0);
}

static gboolean
stored_subjective_ends_with (Clinic     *clinic,
                             gint64      visit_id,
                             const char *typed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (clinic->database_path, &error);
  g_autoptr(PalpateVisit) visit = NULL;

  g_assert_no_error (error);
  visit = palpate_store_get_visit (store, visit_id, &error);
  g_assert_no_error (error);
  palpate_store_close (store);
  return g_str_has_suffix (palpate_visit_get_subjective (visit), typed);
}

static void
server_away_body (Clinic        *clinic,
                  gconstpointer  data)
{
  g_autoptr(PalpateStore) reception = NULL;
  GtkWidget *subjective;
  g_autofree char *text = NULL;
  gint64 visit_id;

  palpate_test_open_latest_visit (clinic, "Anna Berg");
  visit_id = palpate_visit_get_id (palpate_visit_page_get_visit (visit_page (clinic)));
  subjective = soap (clinic, "subjective");

  /* Typed while the server is away: not saved, said so, and kept on screen. */
  server_takes_sessions (clinic, FALSE);
  palpate_test_type_at_end (subjective, TYPED);
  WAIT_UNTIL (palpate_visit_page_get_save_error (visit_page (clinic)) != NULL);
  g_assert_nonnull (strstr (palpate_visit_page_get_save_error (visit_page (clinic)),
                            "cannot be reached"));
  WAIT_UNTIL (palpate_test_has_toast (clinic->window, "saved when it answers again"));
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (visit_page (clinic)), "Not saved"));
  text = palpate_test_text_of (GTK_TEXT_VIEW (subjective));
  g_assert_true (g_str_has_suffix (text, TYPED));
  palpate_test_save_screenshot (win (clinic), "rooms-server-away.png");

  /* Back: what is on screen is saved without anything more being done. */
  server_takes_sessions (clinic, TRUE);
  WAIT_UNTIL (palpate_visit_page_get_save_error (visit_page (clinic)) == NULL);
  g_assert_true (palpate_test_tree_contains_text (GTK_WIDGET (visit_page (clinic)), "Saved"));
  g_assert_true (stored_subjective_ends_with (clinic, visit_id, TYPED));
  g_free (text);
  text = palpate_test_text_of (GTK_TEXT_VIEW (subjective));
  g_assert_true (g_str_has_suffix (text, TYPED));

  /* The other rooms are heard again once the session that follows them is back. */
  WAIT_UNTIL (clinic->store->listener != NULL);
  reception = open_other_room (clinic);
  palpate_test_clinic_add_client (reception, "Bruno Costa");
  WAIT_WITHIN_A_SECOND (palpate_test_client_listed (clinic, "Bruno Costa"));
}

static void
test_server_away (Clinic        *clinic,
                  gconstpointer  data)
{
  run_on_anna_with_draft (clinic, server_away_body);
}

/* A computer without the clinic's audit key */

/* The window opened no clinic: what its error page says, once it is on screen. */
static const char *
open_error (Clinic *clinic)
{
  GtkWidget *error_page = palpate_test_child (win (clinic), "error_page");

  g_assert_null (clinic->store);
  WAIT_UNTIL (gtk_widget_get_mapped (error_page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (error_page)), ==,
                   "The Clinic Cannot Be Opened");
  return adw_status_page_get_description (ADW_STATUS_PAGE (error_page));
}

static void
without_key_body (Clinic        *clinic,
                  gconstpointer  data)
{
  const char *description = open_error (clinic);

  g_assert_nonnull (strstr (description, "does not hold the key of the clinic’s audit log"));
  g_assert_nonnull (strstr (description, "--import-audit-key"));
  palpate_test_save_screenshot (win (clinic), "rooms-without-key.png");
}

/* The clinic's key leaves this computer (as if it were another one, never given the key): the
 * window says how to bring it over, and no key of its own is made. */
static void
test_without_key (Clinic        *clinic,
                  gconstpointer  data)
{
  g_autofree char *tmpdir = palpate_test_make_tmpdir ();
  g_autofree char *exported = g_build_filename (tmpdir, "clinic.key", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (palpate_store_export_audit_key (clinic->seed, exported, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (exported, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);
  name = g_strconcat (lines[1], ".key", NULL);
  key = g_build_filename (g_get_user_config_dir (), "palpate", "clinics", name, NULL);
  g_assert_cmpint (g_unlink (key), ==, 0);

  palpate_test_clinic_run (clinic, without_key_body);
  g_assert_false (g_file_test (key, G_FILE_TEST_EXISTS));

  /* Given back, for the database to be dropped as any other. */
  g_assert_true (palpate_store_import_audit_key (exported, NULL, &error));
  g_assert_no_error (error);
  g_unlink (exported);
  g_rmdir (tmpdir);
}

/* Each path runs in a process of its own, on a database of its own. */
static void
run_case (gconstpointer data)
{
  PalpateTestCaseFunc func = (PalpateTestCaseFunc) data;

  if (g_test_subprocess ())
    {
      Rooms rooms = { { 0 } };

      palpate_test_input_init ();
      if (rooms_set_up (&rooms))
        func (&rooms.clinic, NULL);
      rooms_tear_down (&rooms);
      return;
    }

  if (!palpate_test_server_available ())
    return;
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                   G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (!g_test_trap_has_passed ())
    g_test_fail ();
}

/* A server that cannot be reached: the window says so, names the server, and shows nothing
 * of its location's password. */
static void
unreachable_body (Clinic        *clinic,
                  gconstpointer  data)
{
  const char *description = open_error (clinic);

  g_assert_nonnull (strstr (description, "The clinic server cannot be reached"));
  g_assert_nonnull (strstr (description, "“clinic” on "));
  g_assert_null (strstr (description, "s3cret"));
  g_assert_false (gtk_widget_get_visible (palpate_test_child (win (clinic), "restore_button")));
  palpate_test_save_screenshot (win (clinic), "rooms-unreachable.png");
}

static void
test_unreachable (void)
{
  g_autofree char *tmpdir = NULL;
  Clinic clinic = { 0 };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                       G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  /* No server listens in an empty folder. */
  palpate_test_input_init ();
  tmpdir = palpate_test_make_tmpdir ();
  clinic.database_path = g_strdup_printf ("postgresql:///clinic?host=%s&user=nobody"
                                          "&password=s3cret", tmpdir);
  palpate_test_clinic_run (&clinic, unreachable_body);
  g_free (clinic.database_path);
  g_rmdir (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  palpate_test_charting_init (&argc, &argv);

  g_test_add_data_func ("/Palpate/Charting/rooms-window-on-server",
                        (gconstpointer) test_window_on_server, run_case);
  g_test_add_data_func ("/Palpate/Charting/rooms-client-from-other-room",
                        (gconstpointer) test_client_from_other_room, run_case);
  g_test_add_data_func ("/Palpate/Charting/rooms-visit-signed-elsewhere",
                        (gconstpointer) test_visit_signed_elsewhere, run_case);
  g_test_add_data_func ("/Palpate/Charting/rooms-draft-open-elsewhere",
                        (gconstpointer) test_draft_open_elsewhere, run_case);
  g_test_add_data_func ("/Palpate/Charting/rooms-server-away",
                        (gconstpointer) test_server_away, run_case);
  g_test_add_data_func ("/Palpate/Charting/rooms-without-key",
                        (gconstpointer) test_without_key, run_case);
  g_test_add_func ("/Palpate/Charting/rooms-unreachable", test_unreachable);

  return g_test_run ();
}
