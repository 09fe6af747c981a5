/* test-backups.c — Preferences → Backups, by hand
 *
 * Through real X input: Preferences opened with its shortcut, the Backups page chosen, a second
 * folder chosen in the file chooser (its path typed after Ctrl+L), today's backup found there;
 * a restore from that copy with its preview read before "Restore" is clicked; a passphrase set,
 * an encrypted backup saved with "Back Up Now", and restored after a wrong passphrase and the
 * right one were typed. The export of a client's record from the client page is walked by
 * test-record-export.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "palpate-application.h"
#include "palpate-backup-copies.h"
#include "palpate-backup-crypt.h"
#include "palpate-preferences-window.h"
#include "palpate-screenshot.h"
#include "palpate-store.h"
#include "palpate-test-clinic.h"
#include "palpate-test-input.h"
#include "palpate-test-utils.h"
#include "palpate-window.h"

#define PASSPHRASE "lavender field at dawn"

typedef struct
{
  char     *tmpdir;
  char     *database_path;
  char     *second_folder;
  char     *daily_copy;     /* today's backup in the second folder */
  char     *encrypted;      /* the backup saved with "Back Up Now" */
  char     *expected_text;  /* what a text field of the chooser or a dialog should hold */
  gint64    expected_clients;
  void    (*walk) (PalpateWindow *window);
  gboolean  walked;
} Fixture;

static Fixture fixture;

static void
add_client (PalpateStore *store,
            const char   *name)
{
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(GError) error = NULL;

  palpate_client_set_name (client, name);
  g_assert_true (palpate_store_save_client (store, client, &error));
  g_assert_no_error (error);
}

static void
write_clinic (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_assert_no_error (error);
  palpate_store_set_actor (store, "Maria Rossi");
  palpate_client_set_name (client, "Margaret Okafor");
  g_assert_true (palpate_store_save_client (store, client, &error));

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(PalpateVisit) visit = palpate_visit_new ();
      g_autoptr(GDateTime) when = g_date_time_add_days (now, -20 + 10 * i);

      palpate_visit_set_client_id (visit, palpate_client_get_id (client));
      palpate_visit_set_started_at (visit, when);
      palpate_visit_set_pain_before (visit, 6);
      palpate_visit_set_subjective (visit, "Neck stiff after long drives.");
      g_assert_true (palpate_store_save_visit (store, visit, &error));
      g_assert_no_error (error);
    }
}

/* A button (or row) bound to @action under @root. */
static GtkWidget *
find_action (GtkWidget  *root,
             const char *action)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_action (c, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The shown widget of @type under @root whose text contains @text. */
static GtkWidget *
find_shown (GtkWidget  *root,
            GType       type,
            const char *text)
{
  g_autofree char *inside = NULL;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_shown (c, type, text);

      if (found != NULL)
        return found;
    }

  if (!g_type_is_a (G_OBJECT_TYPE (root), type) || !gtk_widget_get_mapped (root))
    return NULL;
  inside = palpate_test_tree_dup_text (root);
  return inside != NULL && strstr (inside, text) != NULL ? root : NULL;
}

static gboolean
toplevel_active (gpointer type)
{
  GtkWindow *window = palpate_test_find_toplevel (GPOINTER_TO_SIZE (type));

  return window != NULL && gtk_window_is_active (window);
}

static gboolean
chooser_closed (gpointer user_data)
{
  return palpate_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL;
}

static gboolean
focus_holds_expected_text (gpointer user_data)
{
  GtkWindow *window = palpate_test_find_toplevel (GPOINTER_TO_SIZE (user_data));
  GtkWidget *focus = window ? gtk_root_get_focus (GTK_ROOT (window)) : NULL;

  return focus != NULL && GTK_IS_EDITABLE (focus) &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (focus)), fixture.expected_text) == 0;
}

/* Types @path into the file chooser that is opening: over the suggested name when it saves,
 * into the location field (Ctrl+L) when it opens a file or a folder. Pasted as one insertion,
 * so that the chooser's completion cannot interleave with the keys. */
static void
type_into_chooser (const char *path,
                   gboolean    saving)
{
  g_assert_true (palpate_test_wait_for (toplevel_active,
                                        GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG), 10000));
  palpate_test_iterate (300);
  palpate_test_input_key (saving ? "<Control>a" : "<Control>l");
  palpate_test_iterate (200);
  if (!saving)
    palpate_test_input_key ("<Control>a");
  g_free (fixture.expected_text);
  fixture.expected_text = g_strdup (path);
  palpate_test_input_paste (NULL, path);
  if (!palpate_test_wait_for (focus_holds_expected_text,
                              GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG), 20000))
    {
      GtkWindow *chooser = palpate_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
      GtkWidget *focus = chooser ? gtk_root_get_focus (GTK_ROOT (chooser)) : NULL;

      g_error ("The chooser's focused field holds “%s”",
               focus && GTK_IS_EDITABLE (focus) ? gtk_editable_get_text (GTK_EDITABLE (focus))
                                                : "(no text field has the focus)");
    }
  palpate_test_iterate (300);
  palpate_test_input_key ("Return");

  /* A folder typed in a folder chooser may first be entered, then chosen. */
  if (!palpate_test_wait_for (chooser_closed, NULL, 5000))
    {
      palpate_test_input_key ("Return");
      g_assert_true (palpate_test_wait_for (chooser_closed, NULL, 20000));
    }
}

static gboolean
backups_page_shown (gpointer user_data)
{
  AdwPreferencesWindow *preferences = user_data;
  AdwPreferencesPage *page = adw_preferences_window_get_visible_page (preferences);

  return page != NULL && g_strcmp0 (adw_preferences_page_get_title (page), "Backups") == 0;
}

/* Preferences, by its shortcut, on the Backups page, by a click on its switcher button. */
static GtkWidget *
open_backups_page (PalpateWindow *window)
{
  GtkWindow *preferences;
  GtkWidget *switcher_button;

  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
  palpate_test_input_key ("<Control>comma");
  g_assert_true (palpate_test_wait_for (toplevel_active,
                                        GSIZE_TO_POINTER (PALPATE_TYPE_PREFERENCES_WINDOW),
                                        10000));
  preferences = palpate_test_find_toplevel (PALPATE_TYPE_PREFERENCES_WINDOW);
  palpate_test_iterate (200);

  switcher_button = find_shown (GTK_WIDGET (preferences), GTK_TYPE_TOGGLE_BUTTON, "Backups");
  g_assert_nonnull (switcher_button);
  palpate_test_input_click (switcher_button);
  g_assert_true (palpate_test_wait_for (backups_page_shown, preferences, 5000));
  palpate_test_iterate (200);

  return GTK_WIDGET (preferences);
}

/* Scrolls the page with the mouse wheel, as a hand would, until @widget is on screen. */
static void
scroll_to (GtkWidget *preferences,
           GtkWidget *widget)
{
  AdwPreferencesWindow *window = ADW_PREFERENCES_WINDOW (preferences);
  AdwPreferencesPage *page = adw_preferences_window_get_visible_page (window);

  for (int tries = 0; tries < 40; tries++)
    {
      graphene_rect_t bounds;
      int height = gtk_widget_get_height (preferences);

      g_assert_true (gtk_widget_compute_bounds (widget, preferences, &bounds));
      if (bounds.origin.y < 60)
        palpate_test_input_scroll (GTK_WIDGET (page), -1);
      else if (bounds.origin.y + bounds.size.height > height - 8)
        palpate_test_input_scroll (GTK_WIDGET (page), 1);
      else
        return;
      palpate_test_iterate (100);
    }
  g_error ("%s could not be scrolled onto the screen", G_OBJECT_TYPE_NAME (widget));
}

static void
click_action (GtkWidget  *root,
              const char *action)
{
  GtkWidget *button = find_action (root, action);

  g_assert_nonnull (button);
  g_assert_true (palpate_test_input_wait_visible (button, 5000));
  scroll_to (root, button);
  g_assert_true (gtk_widget_is_sensitive (button));
  palpate_test_input_click (button);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static gboolean
clients_restored (gpointer user_data)
{
  PalpateStore *store = palpate_window_get_store (user_data);

  return palpate_test_find_toplevel (PALPATE_TYPE_PREFERENCES_WINDOW) == NULL && store != NULL &&
         palpate_store_count_clients (store) == fixture.expected_clients;
}

static gboolean
message_dialog_says (gpointer text)
{
  GtkWindow *dialog = palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  return dialog != NULL && gtk_window_is_active (dialog) &&
         strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), text) != NULL;
}

static void
click_response (const char *label)
{
  GtkWindow *dialog = palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  GtkWidget *button = find_shown (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, label);

  g_assert_nonnull (button);
  palpate_test_input_click (button);
}

/* The preview of a backup that holds @n_clients clients and 2 visits, checked, then restored. */
static void
check_preview_and_restore (PalpateWindow *window,
                           gint64         n_clients,
                           const char    *screenshot)
{
  g_autofree char *clients = g_strdup_printf ("It holds %" G_GINT64_FORMAT " client%s and 2 "
                                              "visits.", n_clients, n_clients == 1 ? "" : "s");
  GtkWindow *dialog;
  const char *body;

  g_assert_true (palpate_test_wait_for (message_dialog_says, "Backup made:", 20000));
  dialog = palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (dialog)), ==, "restore_preview_dialog");
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, clients));
  g_assert_nonnull (strstr (body, "Audit log: "));
  g_assert_nonnull (strstr (body, " entries, ending in "));
  g_assert_nonnull (strstr (body, "kept in its backups folder"));
  if (screenshot != NULL)
    palpate_test_save_screenshot (GTK_WIDGET (dialog), screenshot);

  fixture.expected_clients = n_clients;
  click_response ("Restore");
  g_assert_true (palpate_test_wait_for (clients_restored, window, 30000));
}

/* A second folder chosen in the file chooser; today's backup is copied there at once. */
static void
walk_second_folder (PalpateWindow *window)
{
  GtkWidget *preferences = open_backups_page (window);
  GtkWidget *row;

  click_action (preferences, "backups.choose-folder");
  type_into_chooser (fixture.second_folder, FALSE);
  g_assert_true (palpate_test_wait_for (file_exists, fixture.daily_copy, 30000));
  g_assert_false (palpate_backup_crypt_is_encrypted (fixture.daily_copy));

  row = find_shown (preferences, ADW_TYPE_ACTION_ROW, fixture.second_folder);
  g_assert_nonnull (row);
  palpate_test_iterate (300);
  palpate_test_save_screenshot (preferences, "backups-page.png");
  gtk_window_close (GTK_WINDOW (preferences));
}

/* A client added after the backup; the backup in the second folder restored after its preview. */
static void
walk_restore (PalpateWindow *window)
{
  GtkWidget *preferences;

  add_client (palpate_window_get_store (window), "Grace Hopper");
  g_assert_cmpint (palpate_store_count_clients (palpate_window_get_store (window)), ==, 2);

  preferences = open_backups_page (window);
  click_action (preferences, "backups.restore");
  type_into_chooser (fixture.daily_copy, FALSE);
  check_preview_and_restore (window, 1, "restore-preview.png");
}

static gboolean
passphrase_saved (gpointer preferences)
{
  return palpate_test_tree_contains_text (preferences, "Passphrase saved.");
}

/* A passphrase set, an encrypted backup saved, a client added, the backup restored after a
 * wrong passphrase and then the right one. */
static void
walk_encrypted (PalpateWindow *window)
{
  GtkWidget *preferences = open_backups_page (window);
  GtkWidget *row;
  GtkWindow *dialog;

  row = find_shown (preferences, ADW_TYPE_PASSWORD_ENTRY_ROW, "New Passphrase");
  g_assert_nonnull (row);
  scroll_to (preferences, row);
  palpate_test_input_click (row);
  palpate_test_input_type (PASSPHRASE);
  palpate_test_input_key ("Return");
  g_assert_true (palpate_test_wait_for (passphrase_saved, preferences, 30000));
  g_assert_true (palpate_backup_copies_has_passphrase ());
  palpate_test_save_screenshot (preferences, "backups-passphrase-set.png");

  add_client (palpate_window_get_store (window), "Ada Lovelace");
  click_action (preferences, "backups.back-up-now");
  type_into_chooser (fixture.encrypted, TRUE);
  g_assert_true (palpate_test_wait_for (file_exists, fixture.encrypted, 30000));
  g_assert_true (palpate_backup_crypt_is_encrypted (fixture.encrypted));
  add_client (palpate_window_get_store (window), "Katherine Johnson");
  g_assert_cmpint (palpate_store_count_clients (palpate_window_get_store (window)), ==, 3);

  click_action (preferences, "backups.restore");
  type_into_chooser (fixture.encrypted, FALSE);

  /* Asked for the passphrase; a wrong one is refused with a clear message, nothing changed. */
  g_assert_true (palpate_test_wait_for (message_dialog_says, "is encrypted", 20000));
  dialog = palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  palpate_test_input_click (palpate_test_find_widget_by_name (GTK_WIDGET (dialog),
                                                              "backup_passphrase_entry"));
  palpate_test_input_type ("lavender field at dusk");
  palpate_test_input_key ("Return");
  g_assert_true (palpate_test_wait_for (message_dialog_says, "does not open", 30000));
  g_assert_cmpint (palpate_store_count_clients (palpate_window_get_store (window)), ==, 3);
  palpate_test_save_screenshot (GTK_WIDGET (palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)),
                   "wrong-passphrase.png");

  dialog = palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  palpate_test_input_click (palpate_test_find_widget_by_name (GTK_WIDGET (dialog),
                                                              "backup_passphrase_entry"));
  palpate_test_input_type (PASSPHRASE);
  palpate_test_input_key ("Return");
  check_preview_and_restore (window, 2, NULL);
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
  PalpateWindow *window = PALPATE_WINDOW (active);

  /* The daily backup of the window's own check would race the one the test looks for. */
  palpate_window_set_check_clinic (window, FALSE);
  palpate_test_iterate (50);
  palpate_window_show_latest (window, FALSE);
  palpate_test_iterate (50);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
  fixture.walk (window);
  palpate_test_iterate (100);
  gtk_window_close (GTK_WINDOW (window));
  fixture.walked = TRUE;
}

static void
run_app (void (*walk) (PalpateWindow *window))
{
  g_autoptr(PalpateApplication) app = palpate_application_new ();
  char *argv[] = { (char *) "palpate", NULL };

  fixture.walk = walk;
  fixture.walked = FALSE;
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  palpate_application_set_database_path (app, fixture.database_path);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (fixture.walked);
}

static void
test_second_folder (void)
{
  run_app (walk_second_folder);
}

static void
test_restore_with_preview (void)
{
  g_autofree char *backups = g_build_filename (fixture.tmpdir, "backups", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean kept = FALSE;

  run_app (walk_restore);

  /* The clinic as it was, kept. */
  dir = g_dir_open (backups, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    kept = kept || g_str_has_prefix (name, "clinic-before-restore-");
  g_assert_true (kept);
}

static void
test_encrypted_restore (void)
{
  g_autofree char *backups = g_build_filename (fixture.tmpdir, "backups", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  run_app (walk_encrypted);

  /* No decrypted copy is left behind. */
  dir = g_dir_open (backups, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_null (strstr (name, "decrypted"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *config = NULL;
  g_autofree char *daily = g_strdup_printf ("clinic-daily-%s.sqlite3", day);
  int status;

  /* The backup passphrase's key is this test's own, never the user's. */
  fixture.tmpdir = palpate_test_make_tmpdir ();
  config = g_build_filename (fixture.tmpdir, "config", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  palpate_test_input_init ();

  fixture.database_path = g_build_filename (fixture.tmpdir, "clinic.sqlite3", NULL);
  fixture.second_folder = g_build_filename (fixture.tmpdir, "usb-stick", NULL);
  fixture.daily_copy = g_build_filename (fixture.second_folder, daily, NULL);
  fixture.encrypted = g_build_filename (fixture.tmpdir, "taken-home.sqlite3.palpate-backup", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture.second_folder, 0700), ==, 0);
  write_clinic (fixture.database_path);

  g_test_add_func ("/Palpate/Backups/second-folder-by-hand", test_second_folder);
  g_test_add_func ("/Palpate/Backups/restore-with-preview-by-hand", test_restore_with_preview);
  g_test_add_func ("/Palpate/Backups/encrypted-restore-by-hand", test_encrypted_restore);

  status = g_test_run ();

  palpate_test_remove_tree (fixture.tmpdir);
  g_free (fixture.tmpdir);
  g_free (fixture.database_path);
  g_free (fixture.second_folder);
  g_free (fixture.daily_copy);
  g_free (fixture.encrypted);
  g_free (fixture.expected_text);
  return status;
}
