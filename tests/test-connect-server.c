/* test-connect-server.c — Connect to a Clinic Server, by hand: a computer working on its clinic
 * file moves onto the clinic's PostgreSQL server, and back (a real server, real X input)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "palpate-keyring.h"
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
  return (PalpateServerDialog *) palpate_test_find_toplevel (PALPATE_TYPE_SERVER_DIALOG);
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

/* Opens Connect to a Clinic Server from the main menu and types @server's details, with
 * @database for its database, as a hand does; Connect is left to the caller. */
static PalpateServerDialog *
open_dialog_filled_in (Clinic       *clinic,
                       const Server *server,
                       const char   *database)
{
  PalpateServerDialog *dialog;

  palpate_test_choose_from_main_menu (clinic->window, "Connect to a Clinic Server…");
  WAIT_UNTIL ((dialog = server_dialog ()) != NULL && gtk_window_is_active (GTK_WINDOW (dialog)));
  fill_in (dialog, "host_row", server->host);
  fill_in (dialog, "port_row", server->port);
  fill_in (dialog, "database_row", database);
  fill_in (dialog, "user_row", server->user);
  return dialog;
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
  palpate_test_choose_from_main_menu (clinic->window, "Connect to a Clinic Server…");
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
  palpate_test_choose_from_main_menu (clinic->window, "Use the Clinic File on This Computer");
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

/* The clinic already on the server, as the first computer left it. */
static void
seed_server (Server     *server,
             const char *conninfo)
{
  g_autofree char *opened = palpate_test_store_server_location (conninfo);
  g_autoptr(PalpateStore) seed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (palpate_store_server_location_parts (opened, &server->host, &server->port,
                                                      &server->database, &server->user));
  server->location = palpate_store_server_location_new (server->host, server->port,
                                                        server->database, server->user);
  seed = palpate_store_open (server->location, &error);
  g_assert_no_error (error);
  palpate_store_set_actor (seed, "Maria Rossi");
  g_assert_true (palpate_store_set_setting (seed, "clinic-name", "Clinique du Parc", &error));
  palpate_test_clinic_add_therapist (seed, "Maria Rossi", NULL, TRUE, NULL);
  palpate_test_clinic_add_client (seed, "Olu Mensah");
  palpate_store_close (seed);
}

static void
test_connect (Clinic        *clinic,
              gconstpointer  data)
{
  g_autofree char *conninfo = palpate_test_server_new_database ();
  Server server = { 0 };

  if (conninfo == NULL)
    return;

  seed_server (&server, conninfo);
  palpate_test_clinic_add_client (clinic->seed, "Ines Duarte");
  clinic->data = &server;
  palpate_test_clinic_run (clinic, connect_body);

  server_clear (&server);
  palpate_test_server_drop_database (conninfo);
}

/* A session bus and a keyring of the test's own, never the desktop's: a dbus-daemon, and
 * gnome-keyring-daemon unlocking a new login keyring in a temporary folder. */
typedef struct
{
  GPid  bus;
  GPid  keyring;
  char *folder;
} Keyring;

/* The daemons go with the test, even one that fails before it stops them (their parent is the
 * test itself: they are spawned without GLib's intermediate process). */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Waits a while for the keyring to take its name on the bus, so that the first lookup does not
 * race it; a keyring that never does is then started by the bus. */
static void
wait_for_keyring_name (const char *address)
{
  g_autoptr(GDBusConnection) bus = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  bus = g_dbus_connection_new_for_address_sync (address,
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, NULL);
  while (bus != NULL && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean owned = FALSE;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", "org.freedesktop.secrets"),
                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                           NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      if (owned)
        return;
      g_usleep (50 * 1000);
    }
}

static gboolean
keyring_start (Keyring *keyring)
{
  g_autofree char *bus_program = g_find_program_in_path ("dbus-daemon");
  g_autofree char *keyring_program = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *data = NULL;
  g_autofree char *runtime = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = NULL;
  int out = -1;
  int in = -1;
  char buffer[512] = { 0 };
  gssize n;

  if (bus_program == NULL || keyring_program == NULL)
    {
      g_test_skip ("no dbus-daemon or gnome-keyring-daemon to keep a password in");
      return FALSE;
    }

  keyring->folder = palpate_test_make_tmpdir ();
  data = g_build_filename (keyring->folder, "data", NULL);
  runtime = g_build_filename (keyring->folder, "run", NULL);
  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  env = g_get_environ ();
  env = g_environ_setenv (env, "XDG_DATA_HOME", data, TRUE);
  env = g_environ_setenv (env, "XDG_RUNTIME_DIR", runtime, TRUE);
  env = g_environ_setenv (env, "HOME", keyring->folder, TRUE);

  {
    const char *argv[] = { bus_program, "--session", "--nofork", "--print-address=1", NULL };

    g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, env,
                                             G_SPAWN_DO_NOT_REAP_CHILD |
                                             G_SPAWN_STDERR_TO_DEV_NULL,
                                             die_with_parent, NULL, &keyring->bus, NULL, &out,
                                             NULL, &error));
    g_assert_no_error (error);
    n = read (out, buffer, sizeof buffer - 1);
    close (out);
    g_assert_cmpint (n, >, 0);
    address = g_strstrip (g_strndup (buffer, n));
  }
  env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", address, TRUE);

  {
    const char *argv[] = { keyring_program, "--foreground", "--unlock", "--components=secrets",
                           NULL };

    g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, env,
                                             G_SPAWN_DO_NOT_REAP_CHILD |
                                             G_SPAWN_STDOUT_TO_DEV_NULL |
                                             G_SPAWN_STDERR_TO_DEV_NULL,
                                             die_with_parent, NULL, &keyring->keyring, &in,
                                             NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (write (in, "test", 4), ==, 4);
    close (in);
  }

  wait_for_keyring_name (address);

  /* This process and the window talk to that bus from now on. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  return TRUE;
}

static void
keyring_stop (Keyring *keyring)
{
  GPid pids[] = { keyring->keyring, keyring->bus };

  for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
    if (pids[i] != 0)
      {
        kill (pids[i], SIGTERM);
        waitpid (pids[i], NULL, 0);
        g_spawn_close_pid (pids[i]);
      }
  if (keyring->folder != NULL)
    palpate_test_remove_tree (keyring->folder);
  g_free (keyring->folder);
}

static void
keyring_body (Clinic        *clinic,
              gconstpointer  data)
{
  const Server *server = data;
  PalpateServerDialog *dialog;
  char *kept;

  WAIT_UNTIL (palpate_test_client_listed (clinic, "Ines Duarte"));
  dialog = open_dialog_filled_in (clinic, server, server->database);
  fill_in (dialog, "password_row", "s3cret ñ&=");
  palpate_test_input_key ("Return");
  WAIT_UNTIL (server_dialog () == NULL);
  WAIT_UNTIL (window_on_server (clinic));
  WAIT_UNTIL (palpate_test_client_listed (clinic, "Olu Mensah"));

  /* Kept in the keyring, found again by the location, and said nowhere else. */
  g_assert_false (palpate_test_has_toast (clinic->window, "keyring"));
  kept = palpate_keyring_lookup_password (server->location);
  g_assert_cmpstr (kept, ==, "s3cret ñ&=");
  palpate_keyring_free_password (kept);

  /* Back to the file: the password is forgotten with the server. */
  palpate_test_choose_from_main_menu (clinic->window, "Use the Clinic File on This Computer");
  WAIT_UNTIL (palpate_test_client_listed (clinic, "Ines Duarte"));
  g_assert_null (palpate_keyring_lookup_password (server->location));
}

static void
test_keyring (Clinic        *clinic,
              gconstpointer  data)
{
  g_autofree char *conninfo = NULL;
  Keyring keyring = { 0 };
  Server server = { 0 };

  if (!keyring_start (&keyring))
    return;
  conninfo = palpate_test_server_new_database ();
  if (conninfo != NULL)
    {
      seed_server (&server, conninfo);
      palpate_test_clinic_add_client (clinic->seed, "Ines Duarte");
      clinic->data = &server;
      palpate_test_clinic_run (clinic, keyring_body);
      server_clear (&server);
      palpate_test_server_drop_database (conninfo);
    }
  keyring_stop (&keyring);
}

/* Types @path into the open file chooser (its location field for opening, its name field for
 * saving) and accepts it. */
static void
choose_in_file_chooser (const char *path,
                        gboolean    open)
{
  GtkWindow *chooser;
  GtkWidget *focus;

  WAIT_UNTIL ((chooser = palpate_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL &&
              gtk_window_is_active (chooser));
  palpate_test_iterate (300);
  palpate_test_input_key (open ? "<Control>l" : "<Control>a");
  WAIT_UNTIL ((focus = gtk_root_get_focus (GTK_ROOT (chooser))) != NULL &&
              GTK_IS_EDITABLE (focus));
  if (open)
    palpate_test_input_key ("<Control>a");
  /* One insertion, so that the chooser's completion cannot interleave with the keys. */
  palpate_test_input_paste (NULL, path);
  WAIT_UNTIL ((focus = gtk_root_get_focus (GTK_ROOT (chooser))) != NULL &&
              GTK_IS_EDITABLE (focus) &&
              g_str_equal (gtk_editable_get_text (GTK_EDITABLE (focus)), path));
  /* The field takes in the pasted path (its completion looks the folder up) before Return. */
  palpate_test_iterate (500);
  palpate_test_input_key ("Return");
  WAIT_UNTIL (palpate_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);
}

typedef struct
{
  Server  server;
  char   *key_path;      /* this computer's key of the clinic */
  char   *carried;       /* the key exported on the first computer */
  char   *exported;      /* where this computer exports it again */
} KeyCase;

static void
key_body (Clinic        *clinic,
          gconstpointer  data)
{
  const KeyCase *key = data;
  PalpateServerDialog *dialog;
  g_autofree char *carried = NULL;
  g_autofree char *held = NULL;
  g_autofree char *exported = NULL;
  gsize carried_length = 0;
  gsize held_length = 0;
  gsize exported_length = 0;
  GStatBuf st;

  WAIT_UNTIL (palpate_test_client_listed (clinic, "Ines Duarte"));
  dialog = open_dialog_filled_in (clinic, &key->server, key->server.database);
  palpate_test_input_key ("Return");

  /* This computer lacks the clinic's key: said, with the way to bring it over. */
  WAIT_UNTIL (dialog_says (dialog, "does not hold the key"));
  g_assert_false (window_on_server (clinic));
  g_assert_true (gtk_widget_is_drawable (palpate_test_child (GTK_WIDGET (dialog),
                                                             "import_button")));
  palpate_test_save_screenshot (GTK_WIDGET (dialog), "connect-server-without-key.png");
  palpate_test_input_click (palpate_test_child (GTK_WIDGET (dialog), "import_button"));
  choose_in_file_chooser (key->carried, TRUE);

  /* Imported, the clinic opens at once. */
  WAIT_UNTIL (server_dialog () == NULL);
  WAIT_UNTIL (window_on_server (clinic));
  WAIT_UNTIL (palpate_test_client_listed (clinic, "Olu Mensah"));
  g_assert_true (g_file_get_contents (key->carried, &carried, &carried_length, NULL));
  g_assert_true (g_file_get_contents (key->key_path, &held, &held_length, NULL));
  g_assert_cmpuint (held_length, ==, 32);
  g_assert_cmpint (g_stat (key->key_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* And exported again from this computer's main menu, for the next one. */
  palpate_test_choose_from_main_menu (clinic->window, "Export the Audit Key…");
  choose_in_file_chooser (key->exported, FALSE);
  WAIT_UNTIL (g_file_test (key->exported, G_FILE_TEST_IS_REGULAR));
  WAIT_UNTIL (palpate_test_has_toast (clinic->window, "The key was saved"));
  g_assert_true (g_file_get_contents (key->exported, &exported, &exported_length, NULL));
  g_assert_cmpmem (exported, exported_length, carried, carried_length);
  g_assert_cmpint (g_stat (key->exported, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_key (Clinic        *clinic,
          gconstpointer  data)
{
  g_autofree char *conninfo = palpate_test_server_new_database ();
  g_autoptr(GError) error = NULL;
  KeyCase key = { { 0 } };

  if (conninfo == NULL)
    return;

  /* The first computer made the clinic and its key, and exports the key; this one has none. */
  seed_server (&key.server, conninfo);
  key.carried = g_build_filename (clinic->tmpdir, "carried.key", NULL);
  key.exported = g_build_filename (clinic->tmpdir, "exported again.key", NULL);
  {
    g_autoptr(PalpateStore) first = palpate_store_open (key.server.location, &error);
    g_autofree char *name = NULL;

    g_assert_no_error (error);
    g_assert_true (palpate_store_export_audit_key (first, key.carried, &error));
    g_assert_no_error (error);
    name = g_strconcat (palpate_store_get_audit (first)->clinic_uuid, ".key", NULL);
    key.key_path = g_build_filename (g_get_user_config_dir (), "palpate", "clinics", name,
                                     NULL);
    palpate_store_close (first);
  }
  g_assert_cmpint (g_unlink (key.key_path), ==, 0);

  palpate_test_clinic_add_client (clinic->seed, "Ines Duarte");
  clinic->data = &key;
  palpate_test_clinic_run (clinic, key_body);

  g_unlink (key.key_path);
  server_clear (&key.server);
  g_free (key.key_path);
  g_free (key.carried);
  g_free (key.exported);
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

/* A server that is slow to answer: it takes every connection and says nothing for a while,
 * then closes it (on a thread of its own, so that it answers even if the window's loop were
 * held up). */
typedef struct
{
  GSocketListener *listener;
  GCancellable    *stop;
  GThread         *thread;
  guint16          port;
  int              taken;      /* connections taken, atomically */
  int              closed;     /* and closed */
} SlowServer;

#define SLOW_SERVER_HOLD_MS 1500

static gpointer
slow_server_thread (gpointer data)
{
  SlowServer *slow = data;

  for (;;)
    {
      g_autoptr(GSocketConnection) connection = NULL;

      connection = g_socket_listener_accept (slow->listener, NULL, slow->stop, NULL);
      if (connection == NULL)
        break;
      g_atomic_int_inc (&slow->taken);
      if (g_cancellable_is_cancelled (slow->stop))
        break;
      g_usleep (SLOW_SERVER_HOLD_MS * 1000);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      g_atomic_int_inc (&slow->closed);
    }
  return NULL;
}

static void
slow_server_start (SlowServer *slow)
{
  g_autoptr(GError) error = NULL;

  slow->listener = g_socket_listener_new ();
  slow->stop = g_cancellable_new ();
  {
    g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
    g_autoptr(GSocketAddress) bound = NULL;

    g_assert_true (g_socket_listener_add_address (slow->listener, address,
                                                  G_SOCKET_TYPE_STREAM,
                                                  G_SOCKET_PROTOCOL_TCP, NULL, &bound,
                                                  &error));
    g_assert_no_error (error);
    slow->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  }
  slow->thread = g_thread_new ("slow-server", slow_server_thread, slow);
}

static void
slow_server_stop (SlowServer *slow)
{
  g_cancellable_cancel (slow->stop);
  g_thread_join (slow->thread);
  g_socket_listener_close (slow->listener);
  g_clear_object (&slow->listener);
  g_clear_object (&slow->stop);
}

/* Connect goes on while the server is waited for: the dialog shows it is connecting, Cancel
 * gives up at once and the window stays on its clinic, whatever the server does later; and
 * waited for to the end, the failure is said under the fields, which take input again. */
static void
slow_server_body (Clinic        *clinic,
                  gconstpointer  data)
{
  SlowServer *slow = (SlowServer *) data;
  g_autofree char *port = g_strdup_printf ("%u", slow->port);
  Server server = { .host = "127.0.0.1", .port = port, .user = "room1" };
  PalpateServerDialog *dialog;
  GtkWidget *spinner;
  g_autofree char *remembered = NULL;
  int taken;

  WAIT_UNTIL (palpate_test_client_listed (clinic, "Ines Duarte"));
  dialog = open_dialog_filled_in (clinic, &server, "clinic");
  spinner = palpate_test_child (GTK_WIDGET (dialog), "spinner");
  palpate_test_input_click (palpate_test_find_label (GTK_WIDGET (dialog), "Connect"));

  /* The dialog says it is connecting while the server still holds the first connection. */
  WAIT_UNTIL (gtk_widget_is_drawable (spinner) && g_atomic_int_get (&slow->taken) >= 1);
  g_assert_cmpint (g_atomic_int_get (&slow->closed), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (palpate_test_child (GTK_WIDGET (dialog),
                                                               "host_row")));
  palpate_test_save_screenshot (GTK_WIDGET (dialog), "connect-server-connecting.png");

  /* Cancel, by hand, before the server has answered: the dialog goes at once. */
  palpate_test_input_click (palpate_test_find_label (GTK_WIDGET (dialog), "Cancel"));
  WAIT_UNTIL (server_dialog () == NULL);
  g_assert_cmpint (g_atomic_int_get (&slow->closed), ==, 0);

  /* Whatever the server does after, until the abandoned attempt has ended (no connection
   * held, and no new one for a while), the window stays on its clinic file. */
  for (guint i = 0; i < 20; i++)
    {
      taken = g_atomic_int_get (&slow->taken);
      palpate_test_iterate (SLOW_SERVER_HOLD_MS + 500);
      if (g_atomic_int_get (&slow->taken) == taken && g_atomic_int_get (&slow->closed) == taken)
        break;
    }
  g_assert_cmpint (g_atomic_int_get (&slow->closed), ==, g_atomic_int_get (&slow->taken));
  g_assert_false (window_on_server (clinic));
  g_assert_true (palpate_test_client_listed (clinic, "Ines Duarte"));
  remembered = clinic_server_setting ();
  g_assert_cmpstr (remembered, ==, "");

  /* Waited for to the end: the failure is said, and the fields take input again. */
  dialog = open_dialog_filled_in (clinic, &server, "clinic");
  palpate_test_input_key ("Return");
  WAIT_UNTIL (dialog_says (dialog, "cannot be reached"));
  g_assert_false (gtk_widget_is_drawable (palpate_test_child (GTK_WIDGET (dialog), "spinner")));
  g_assert_true (gtk_widget_is_sensitive (palpate_test_child (GTK_WIDGET (dialog), "host_row")));
  g_assert_false (window_on_server (clinic));
  palpate_test_input_key ("Escape");
  WAIT_UNTIL (server_dialog () == NULL);
}

static void
test_slow_server (Clinic        *clinic,
                  gconstpointer  data)
{
  SlowServer slow = { 0 };

  slow_server_start (&slow);
  palpate_test_clinic_add_client (clinic->seed, "Ines Duarte");
  clinic->data = &slow;
  palpate_test_clinic_run (clinic, slow_server_body);
  slow_server_stop (&slow);
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

/* The cases on the test server: skipped, with the reason, before their subprocess starts
 * when there is no server (or no keyring to keep a password in). */
static void
run_server_case (gconstpointer data)
{
  if (!g_test_subprocess ())
    {
      g_autofree char *bus = g_find_program_in_path ("dbus-daemon");
      g_autofree char *keyring = g_find_program_in_path ("gnome-keyring-daemon");

      if (!palpate_test_server_available ())
        return;
      if (data == (gconstpointer) test_keyring && (bus == NULL || keyring == NULL))
        {
          g_test_skip ("no dbus-daemon or gnome-keyring-daemon to keep a password in");
          return;
        }
    }
  palpate_test_charting_run_case (data);
}

int
main (int   argc,
      char *argv[])
{
  /* Never the desktop's own keyring: no session bus answers here. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/palpate-test-bus", TRUE);
  palpate_test_charting_init (&argc, &argv);

  g_test_add_data_func ("/Palpate/Charting/connect-server", (gconstpointer) test_connect,
                        run_server_case);
  g_test_add_data_func ("/Palpate/Charting/connect-server-key", (gconstpointer) test_key,
                        run_server_case);
  g_test_add_data_func ("/Palpate/Charting/connect-server-keyring",
                        (gconstpointer) test_keyring, run_server_case);
  PALPATE_TEST_CHARTING_ADD ("connect-server-unreachable", test_unreachable);
  PALPATE_TEST_CHARTING_ADD ("connect-server-slow", test_slow_server);
  g_test_add_func ("/Palpate/Charting/connect-server-remembered", test_remembered);

  return g_test_run ();
}
