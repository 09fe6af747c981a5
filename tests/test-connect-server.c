/* test-connect-server.c — Connect to a Clinic Server, by hand: a computer working on its clinic
 * file moves onto the clinic's PostgreSQL server, and back (a real server, real X input)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-server-dialog.h"
#include "palpate-test-charting.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"

typedef struct
{
  char *location;
  char *host;
  char *port;
  char *database;
  char *user;
} Server;

static PalpateServerDialog *
server_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (PALPATE_IS_SERVER_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
choose_from_main_menu (Clinic     *clinic,
                       const char *label)
{
  GtkWidget *menu = palpate_test_find_by_tooltip (palpate_test_child (win (clinic), "sidebar"),
                                                  "Main Menu");
  GtkWidget *item;

  palpate_test_input_click (menu);
  WAIT_UNTIL ((item = palpate_test_find_label (menu, label)) != NULL &&
              gtk_widget_is_drawable (item));
  palpate_test_input_click (item);
}

/* Types @text into the dialog's row @id in place of what it holds, as a hand does. */
static void
fill_in (PalpateServerDialog *dialog,
         const char          *id,
         const char          *text)
{
  GtkWidget *row = palpate_test_child (GTK_WIDGET (dialog), id);

  palpate_test_input_click (row);
  WAIT_UNTIL (gtk_widget_has_focus (gtk_root_get_focus (GTK_ROOT (dialog))) &&
              gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), row));
  palpate_test_input_key ("<Control>a");
  palpate_test_input_key ("BackSpace");
  if (text != NULL && *text != '\0')
    palpate_test_input_type (text);
  WAIT_UNTIL (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (row)), text ? text : ""));
}

static gboolean
dialog_says (PalpateServerDialog *dialog,
             const char          *text)
{
  GtkWidget *label = palpate_test_child (GTK_WIDGET (dialog), "error_label");

  return gtk_widget_is_drawable (label) &&
         strstr (gtk_label_get_text (GTK_LABEL (label)), text) != NULL;
}

static char *
clinic_server_setting (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  return g_settings_get_string (settings, "clinic-server");
}

static gboolean
window_on_server (Clinic *clinic)
{
  PalpateStore *store = palpate_window_get_store (clinic->window);

  return store != NULL && palpate_store_is_on_server (store);
}

static void
connect_body (Clinic        *clinic,
              gconstpointer  data)
{
  const Server *server = data;
  PalpateServerDialog *dialog;
  g_autofree char *remembered = NULL;

  WAIT_UNTIL (palpate_test_client_listed (clinic, "Ines Duarte"));

  /* From the main menu; Connect with nothing filled in says what is missing. */
  choose_from_main_menu (clinic, "Connect to a Clinic Server…");
  WAIT_UNTIL ((dialog = server_dialog ()) != NULL && gtk_window_is_active (GTK_WINDOW (dialog)));
  palpate_test_input_click (palpate_test_find_label (GTK_WIDGET (dialog), "Connect"));
  WAIT_UNTIL (dialog_says (dialog, "Enter the server’s name or address."));
  palpate_test_save_screenshot (GTK_WIDGET (dialog), "connect-server-empty.png");

  /* A database the server does not have: said under the fields, which keep what was typed;
   * the clinic file stays open behind. */
  fill_in (dialog, "host_row", server->host);
  fill_in (dialog, "port_row", server->port);
  fill_in (dialog, "database_row", "no_such_clinic");
  fill_in (dialog, "user_row", server->user);
  palpate_test_input_key ("Return");
  WAIT_UNTIL (dialog_says (dialog, "no database of that name"));
  g_assert_true (server_dialog () == dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (palpate_test_child (GTK_WIDGET (dialog),
                                                                            "host_row"))),
                   ==, server->host);
  g_assert_false (window_on_server (clinic));
  g_assert_true (palpate_test_client_listed (clinic, "Ines Duarte"));
  palpate_test_save_screenshot (GTK_WIDGET (dialog), "connect-server-no-database.png");

  /* The right one: the window is on the server's clinic, and this computer remembers it,
   * without the password (the test server asks none, and there is no keyring here: the
   * window says the password will be asked again). */
  fill_in (dialog, "database_row", server->database);
  fill_in (dialog, "password_row", "s3cret");
  palpate_test_input_click (palpate_test_find_label (GTK_WIDGET (dialog), "Connect"));
  WAIT_UNTIL (server_dialog () == NULL);
  WAIT_UNTIL (window_on_server (clinic));
  WAIT_UNTIL (palpate_test_has_toast (clinic->window, "could not be kept in this computer’s "
                                                      "keyring"));
  WAIT_UNTIL (palpate_test_client_listed (clinic, "Olu Mensah"));
  g_assert_false (palpate_test_client_listed (clinic, "Ines Duarte"));
  g_assert_true (palpate_test_tree_contains_text (palpate_test_child (win (clinic),
                                                                      "clinic_title"),
                                                  "Clinique du Parc"));
  remembered = clinic_server_setting ();
  g_assert_cmpstr (remembered, ==, server->location);
  g_assert_null (strstr (remembered, "password"));
  g_assert_null (strstr (remembered, "s3cret"));
  palpate_test_dismiss_toast (clinic->window, "keyring");
  palpate_test_save_screenshot (win (clinic), "connect-server-connected.png");

  /* And back to the clinic file on this computer, which forgets the server. */
  choose_from_main_menu (clinic, "Use the Clinic File on This Computer");
  WAIT_UNTIL (!window_on_server (clinic) && palpate_window_get_store (clinic->window) != NULL);
  WAIT_UNTIL (palpate_test_client_listed (clinic, "Ines Duarte"));
  g_clear_pointer (&remembered, g_free);
  remembered = clinic_server_setting ();
  g_assert_cmpstr (remembered, ==, "");
}

static void
server_clear (Server *server)
{
  g_free (server->location);
  g_free (server->host);
  g_free (server->port);
  g_free (server->database);
  g_free (server->user);
}

static void
test_connect (Clinic        *clinic,
              gconstpointer  data)
{
  g_autofree char *conninfo = palpate_test_server_new_database ();
  g_autoptr(PalpateStore) seed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *opened = NULL;
  Server server = { 0 };

  if (conninfo == NULL)
    return;

  /* The clinic already on the server, as the first computer left it. */
  opened = palpate_test_store_server_location (conninfo);
  g_assert_true (palpate_store_server_location_parts (opened, &server.host, &server.port,
                                                      &server.database, &server.user));
  server.location = palpate_store_server_location_new (server.host, server.port,
                                                       server.database, server.user);
  seed = palpate_store_open (server.location, &error);
  g_assert_no_error (error);
  palpate_store_set_actor (seed, "Maria Rossi");
  g_assert_true (palpate_store_set_setting (seed, "clinic-name", "Clinique du Parc", &error));
  palpate_test_clinic_add_therapist (seed, "Maria Rossi", NULL, TRUE, NULL);
  palpate_test_clinic_add_client (seed, "Olu Mensah");
  palpate_store_close (seed);

  palpate_test_clinic_add_client (clinic->seed, "Ines Duarte");
  clinic->data = &server;
  palpate_test_clinic_run (clinic, connect_body);

  server_clear (&server);
  palpate_test_server_drop_database (conninfo);
}

/* A computer whose server does not answer when Palpate starts: the reason, and a way to
 * connect again with the server's details filled in, or to go back to the file. */
static void
unreachable_body (Clinic        *clinic,
                  gconstpointer  data)
{
  const char *host = data;
  PalpateServerDialog *dialog;
  GtkWidget *button;

  WAIT_UNTIL (g_strcmp0 (palpate_window_get_page_name (clinic->window), "error") == 0);
  g_assert_true (palpate_test_tree_contains_text (win (clinic), "cannot be reached"));
  g_assert_true (gtk_widget_is_drawable (
    palpate_test_find_label (win (clinic), "Use the Clinic File on This Computer")));
  button = palpate_test_find_label (win (clinic), "Connect to a Clinic Server…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button));
  palpate_test_save_screenshot (win (clinic), "connect-server-unreachable.png");

  palpate_test_input_click (button);
  WAIT_UNTIL ((dialog = server_dialog ()) != NULL && gtk_window_is_active (GTK_WINDOW (dialog)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (palpate_test_child (GTK_WIDGET (dialog),
                                                                            "host_row"))),
                   ==, host);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (palpate_test_child (GTK_WIDGET (dialog),
                                                                            "database_row"))),
                   ==, "clinic");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (palpate_test_child (GTK_WIDGET (dialog),
                                                                            "user_row"))),
                   ==, "nobody");
  palpate_test_save_screenshot (GTK_WIDGET (dialog), "connect-server-again.png");
  palpate_test_input_key ("Escape");
  WAIT_UNTIL (server_dialog () == NULL);
}

static void
test_unreachable (Clinic        *clinic,
                  gconstpointer  data)
{
  g_autofree char *empty = palpate_test_make_tmpdir ();
  g_autofree char *file = g_steal_pointer (&clinic->database_path);

  /* No server listens in an empty folder. */
  clinic->database_path = palpate_store_server_location_new (empty, NULL, "clinic", "nobody");
  clinic->data = empty;
  palpate_test_clinic_run (clinic, unreachable_body);
  g_free (clinic->database_path);
  clinic->database_path = g_steal_pointer (&file);
  palpate_test_remove_tree (empty);
}

/* The next start of Palpate on this computer opens the server it was connected to, unless a
 * clinic is named on the command line. */
static void
test_remembered (void)
{
  const char *location = "postgresql:///clinic?host=db.example.org&user=room1";
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(PalpateApplication) app = NULL;
  g_autoptr(PalpateApplication) named = NULL;
  g_autoptr(GError) error = NULL;

  g_settings_set_string (settings, "clinic-server", location);

  app = palpate_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (palpate_application_get_database_path (app), ==, location);

  named = palpate_application_new ();
  g_application_set_flags (G_APPLICATION (named), G_APPLICATION_NON_UNIQUE);
  palpate_application_set_database_path (named, "/tmp/elsewhere.sqlite3");
  g_assert_true (g_application_register (G_APPLICATION (named), NULL, &error));
  g_assert_cmpstr (palpate_application_get_database_path (named), ==, "/tmp/elsewhere.sqlite3");

  g_settings_set_string (settings, "clinic-server", "");
}

int
main (int   argc,
      char *argv[])
{
  /* Never the desktop's own keyring: no session bus answers here. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/palpate-test-bus", TRUE);
  palpate_test_charting_init (&argc, &argv);

  PALPATE_TEST_CHARTING_ADD ("connect-server", test_connect);
  PALPATE_TEST_CHARTING_ADD ("connect-server-unreachable", test_unreachable);
  g_test_add_func ("/Palpate/Charting/connect-server-remembered", test_remembered);

  return g_test_run ();
}
