/* test-record-export.c — a client's record exported from the client page, by hand
 *
 * Through real X input: the client page's report menu, "Export the Client’s Record…", the
 * disclosure (to whom, why) typed into the dialog, the file typed into the file chooser. The
 * ZIP file then holds the record as JSON, CSV, PDF and FHIR, and the audit log names the
 * disclosure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "palpate-application.h"
#include "palpate-record.h"
#include "palpate-screenshot.h"
#include "palpate-store.h"
#include "palpate-test-input.h"
#include "palpate-test-utils.h"
#include "palpate-window.h"

#define CLIENT "Margaret Okafor"

typedef struct
{
  char     *tmpdir;
  char     *database_path;
  char     *zip_path;
  gint64    client_id;
  gboolean  checked;
} Fixture;

static gint64
write_clinic (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_assert_no_error (error);
  palpate_store_set_actor (store, "Maria Rossi");
  palpate_client_set_name (client, CLIENT);
  palpate_client_set_birth_date (client, "1961-05-02");
  g_assert_true (palpate_store_save_client (store, client, &error));

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(PalpateVisit) visit = palpate_visit_new ();
      g_autoptr(GDateTime) when = g_date_time_add_days (now, -30 + 10 * i);

      palpate_visit_set_client_id (visit, palpate_client_get_id (client));
      palpate_visit_set_started_at (visit, when);
      palpate_visit_set_pain_before (visit, 7 - 2 * i);
      palpate_visit_set_pain_after (visit, 5 - 2 * i);
      palpate_visit_set_subjective (visit, "Low back sore after gardening.");
      g_assert_true (palpate_store_save_visit (store, visit, &error));
      if (i < 2)
        g_assert_true (palpate_store_sign_visit (store, visit, "Maria Rossi", &error));
      g_assert_no_error (error);
    }

  return palpate_client_get_id (client);
}

/* The deepest widget of @type under @root whose text contains @text. */
static GtkWidget *
find_labelled (GtkWidget  *root,
               GType       type,
               const char *text)
{
  g_autofree char *inside = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, type, text);

      if (found != NULL)
        return found;
    }

  if (!g_type_is_a (G_OBJECT_TYPE (root), type))
    return NULL;
  inside = palpate_test_tree_dup_text (root);
  return inside != NULL && strstr (inside, text) != NULL ? root : NULL;
}

static gboolean
message_dialog_shown (gpointer user_data)
{
  return palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
file_chooser_shown (gpointer user_data)
{
  GtkWindow *chooser = palpate_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);

  return chooser != NULL && gtk_window_is_active (chooser);
}

static gboolean
zip_written (gpointer user_data)
{
  Fixture *fixture = user_data;

  return g_file_test (fixture->zip_path, G_FILE_TEST_IS_REGULAR) &&
         palpate_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL;
}

static gboolean
name_typed (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWindow *chooser = palpate_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  GtkWidget *focus = chooser ? gtk_root_get_focus (GTK_ROOT (chooser)) : NULL;

  return focus != NULL && GTK_IS_EDITABLE (focus) &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (focus)), fixture->zip_path) == 0;
}

static gboolean
popover_shown (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

static void
export_by_hand (Fixture       *fixture,
                PalpateWindow *window)
{
  GtkWidget *page = GTK_WIDGET (palpate_window_get_client_page (window));
  GtkWidget *menu_button = NULL;
  GtkWidget *item, *entry, *button;
  GtkPopover *popover;
  GtkWindow *dialog;

  /* The report menu: the menu button whose tooltip says so. */
  for (GtkWidget *w = page; w != NULL;)
    {
      if (GTK_IS_MENU_BUTTON (w) &&
          g_strcmp0 (gtk_widget_get_tooltip_text (w), "Progress Report") == 0)
        {
          menu_button = w;
          break;
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != page && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == page) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (menu_button);
  g_assert_true (palpate_test_input_wait_visible (menu_button, 5000));
  palpate_test_input_click (menu_button);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  g_assert_true (palpate_test_wait_for (popover_shown, popover, 5000));
  palpate_test_iterate (100);

  item = find_labelled (GTK_WIDGET (popover), GTK_TYPE_WIDGET, "Client’s Record");
  /* The menu item itself, not its label. */
  while (item != NULL && gtk_widget_get_parent (item) != NULL &&
         !gtk_widget_get_focusable (item))
    item = gtk_widget_get_parent (item);
  g_assert_nonnull (item);
  palpate_test_input_click (item);

  /* To whom and why, typed. */
  g_assert_true (palpate_test_wait_for (message_dialog_shown, NULL, 5000));
  dialog = palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (palpate_test_input_focus_window (dialog));
  entry = palpate_test_find_widget_by_name (GTK_WIDGET (dialog), "disclosure_recipient_entry");
  g_assert_nonnull (entry);
  palpate_test_input_click (entry);
  palpate_test_input_type ("Dr. Lee, physiotherapist");
  entry = palpate_test_find_widget_by_name (GTK_WIDGET (dialog), "disclosure_reason_entry");
  palpate_test_input_click (entry);
  palpate_test_input_type ("Referral");
  palpate_test_input_settle ();
  button = find_labelled (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Choose Where to Save");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  palpate_test_input_click (button);

  /* The file, pasted over the suggested name in the chooser's name field: one insertion, so
   * that the chooser's completion of folder names cannot interleave with the keys. */
  g_assert_true (palpate_test_wait_for (file_chooser_shown, NULL, 10000));
  palpate_test_iterate (300);
  palpate_test_input_key ("<Control>a");
  palpate_test_input_paste (NULL, fixture->zip_path);
  if (!palpate_test_wait_for (name_typed, fixture, 20000))
    {
      GtkWindow *chooser = palpate_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
      GtkWidget *focus = chooser ? gtk_root_get_focus (GTK_ROOT (chooser)) : NULL;

      g_error ("The chooser's name field holds “%s”",
               focus && GTK_IS_EDITABLE (focus) ? gtk_editable_get_text (GTK_EDITABLE (focus))
                                                : "(no text field has the focus)");
    }
  palpate_test_input_key ("Return");
  g_assert_true (palpate_test_wait_for (zip_written, fixture, 90000));
}

static void
check_export (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GArray) disclosures = NULL;
  const char *argv[] = { "unzip", "-l", fixture->zip_path, NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &listing, NULL, &status,
                               &error));
  g_assert_no_error (error);
  if (g_spawn_check_wait_status (status, NULL))
    {
      g_assert_nonnull (strstr (listing, "record.json"));
      g_assert_nonnull (strstr (listing, "record.pdf"));
      g_assert_nonnull (strstr (listing, "fhir-bundle.json"));
      g_assert_nonnull (strstr (listing, "csv/visits.csv"));
    }
  else
    {
      /* Without unzip: the archive's own signature and its central directory. */
      g_autofree char *data = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (fixture->zip_path, &data, &length, &error));
      g_assert_true (length > 1000 && memcmp (data, "PK\3\4", 4) == 0);
      g_assert_nonnull (g_strstr_len (data, length, "record.pdf"));
    }

  store = palpate_store_open (fixture->database_path, &error);
  g_assert_no_error (error);
  disclosures = palpate_record_list_disclosures (store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (disclosures->len, ==, 1);
  g_assert_cmpstr (g_array_index (disclosures, PalpateDisclosure, 0).recipient, ==,
                   "Dr. Lee, physiotherapist");
  g_assert_cmpstr (g_array_index (disclosures, PalpateDisclosure, 0).reason, ==, "Referral");
}

/* The client's page lists the disclosure: to whom, why, by whom. */
static void
check_disclosure_listed (PalpateWindow *window)
{
  GtkWidget *page = GTK_WIDGET (palpate_window_get_client_page (window));
  GtkWidget *list = palpate_test_find_widget_by_name (page, "disclosure_list");
  g_autofree char *text = NULL;

  g_assert_nonnull (list);
  text = palpate_test_tree_dup_text (list);
  g_assert_nonnull (strstr (text, "Dr. Lee, physiotherapist"));
  g_assert_nonnull (strstr (text, "Referral"));
  g_assert_nonnull (strstr (text, " · by "));

  /* PALPATE_TEST_SCREENSHOTS=DIR keeps a picture of the list, to look at. */
  if (g_getenv ("PALPATE_TEST_SCREENSHOTS") != NULL)
    {
      GtkWidget *group = gtk_widget_get_ancestor (list, ADW_TYPE_PREFERENCES_GROUP);
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (group);
      g_autofree char *path = g_build_filename (g_getenv ("PALPATE_TEST_SCREENSHOTS"),
                                                "record-disclosures.png", NULL);

      palpate_test_iterate (200);
      g_assert_true (palpate_screenshot_save_png (group, paintable, path, NULL));
    }
}

static void
activate_cb (GApplication *app,
             Fixture      *fixture)
{
  PalpateWindow *window = PALPATE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  palpate_test_iterate (50);
  palpate_window_show_latest (window, FALSE);
  palpate_test_iterate (50);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
  export_by_hand (fixture, window);
  palpate_test_iterate (100);
  check_disclosure_listed (window);
  gtk_window_close (GTK_WINDOW (window));
  fixture->checked = TRUE;
}

static void
test_record_export_by_hand (void)
{
  Fixture fixture = { 0 };
  g_autoptr(PalpateApplication) app = NULL;
  char *argv[] = { (char *) "palpate", NULL };

  fixture.tmpdir = palpate_test_make_tmpdir ();
  fixture.database_path = g_build_filename (fixture.tmpdir, "clinic.sqlite3", NULL);
  fixture.zip_path = g_build_filename (fixture.tmpdir, "okafor-record.zip", NULL);
  fixture.client_id = write_clinic (fixture.database_path);

  app = palpate_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  palpate_application_set_database_path (app, fixture.database_path);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (fixture.checked);
  g_clear_object (&app);

  check_export (&fixture);

  palpate_test_remove_tree (fixture.tmpdir);
  g_free (fixture.tmpdir);
  g_free (fixture.database_path);
  g_free (fixture.zip_path);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  palpate_test_input_init ();

  g_test_add_func ("/Palpate/RecordExport/export-record-by-hand", test_record_export_by_hand);

  return g_test_run ();
}
