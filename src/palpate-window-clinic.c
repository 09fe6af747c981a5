/* palpate-window-clinic.c — the clinic file open in the window: opening it, the demo clinic,
 * restoring the newest backup of a damaged one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-window"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-atlas.h"
#include "palpate-backup.h"
#include "palpate-demo-clinic.h"
#include "palpate-keyring.h"
#include "palpate-migrate.h"
#include "palpate-store-error.h"
#include "palpate-window-private.h"

#define DEMO_FILE_NAME "demo-clinic.sqlite3"

gboolean
palpate_window_is_demo (PalpateWindow *self)
{
  return self->open_path != NULL && g_strcmp0 (self->open_path, self->database_path) != 0;
}

void
palpate_window_update_title (PalpateWindow *self)
{
  if (palpate_window_is_demo (self))
    {
      adw_window_title_set_title (self->clinic_title, _("Demo Clinic"));
      adw_window_title_set_subtitle (self->clinic_title, _("Made-up clients, for trying Palpate"));
    }
  else
    {
      g_autofree char *name = self->store ? palpate_store_dup_setting (self->store, "clinic-name")
                                          : NULL;

      adw_window_title_set_title (self->clinic_title, _("Clients"));
      /* A room on a clinic server says which one: its database and host, never the rest of
       * its location, which may hold a password. */
      if (self->store != NULL && palpate_store_is_on_server (self->store))
        {
          g_autofree char *server = palpate_store_describe_server (self->open_path);
          g_autofree char *subtitle = NULL;

          if (name != NULL && *name != '\0')
            /* TRANSLATORS: the clinic's name, then its database on a clinic server */
            subtitle = g_strdup_printf (_("%s — %s"), name, server);
          adw_window_title_set_subtitle (self->clinic_title, subtitle ? subtitle : server);
        }
      else
        adw_window_title_set_subtitle (self->clinic_title, name ? name : "");
    }
}

void
palpate_window_show_clinic_or_empty (PalpateWindow *self)
{
  if (self->store != NULL && palpate_store_count_clients (self->store) == 0 &&
      *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    gtk_stack_set_visible_child_name (self->main_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->main_stack, "clinic");
}

void
palpate_window_close_store (PalpateWindow *self)
{
  if (palpate_visit_page_get_visit (self->visit_page) != NULL)
    {
      palpate_visit_page_flush (self->visit_page);
      palpate_visit_page_unload (self->visit_page);
    }

  self->client_id = 0;
  gtk_stack_set_visible_child_name (self->content_stack, "none");
  palpate_window_stop_clinic_check (self);
  if (self->store != NULL)
    palpate_store_close (self->store);
  g_clear_object (&self->store);
  palpate_window_list_clients (self);
}

static void
show_open_error (PalpateWindow *self,
                 const GError  *error)
{
  g_autofree char *newest = NULL;
  gboolean damaged = g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT) ||
                     g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_TRUNCATED) ||
                     g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_PALPATE);

  /* A clinic server has no backups folder to offer one from: its copies are made with
   * `palpate migrate`. What cannot be reached is named, without the location's password. */
  if (palpate_migrate_is_server_location (self->open_path))
    {
      g_autofree char *server = palpate_store_describe_server (self->open_path);
      g_autofree char *description = NULL;

      /* TRANSLATORS: why a clinic server cannot be opened, then which one */
      description = g_strdup_printf (_("%s\n\nClinic server: %s"), error->message, server);
      adw_status_page_set_title (self->error_page, _("The Clinic Cannot Be Opened"));
      adw_status_page_set_description (self->error_page, description);
      gtk_widget_set_visible (self->restore_button, FALSE);
      gtk_widget_set_visible (self->server_buttons, TRUE);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      return;
    }

  if (damaged)
    newest = palpate_backup_find_newest (self->open_path, NULL);

  adw_status_page_set_title (self->error_page, _("The Clinic File Cannot Be Opened"));
  adw_status_page_set_description (self->error_page, error->message);
  gtk_widget_set_visible (self->restore_button, newest != NULL);
  gtk_widget_set_visible (self->server_buttons, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

/* The clinic file cannot be used (damaged, locked, read-only…): closed, with the reason and, for
 * a damaged one, the newest backup. */
void
palpate_window_show_clinic_error (PalpateWindow *self,
                                  const GError  *error)
{
  palpate_window_close_store (self);
  show_open_error (self, error);
  palpate_window_update_actions (self);
  palpate_window_notify_store (self);
}

/* A clinic server that asks a password is given the one this computer's keyring keeps. */
static PalpateStore *
open_store (const char  *path,
            GError     **error)
{
  PalpateStore *store;
  char *password;

  if (!palpate_migrate_is_server_location (path))
    return palpate_store_open (path, error);

  password = palpate_keyring_lookup_password (path);
  store = palpate_store_open_with_password (path, password, PALPATE_STORE_OPEN_CREATE, error);
  palpate_keyring_free_password (password);
  return store;
}

gboolean
palpate_window_open_path (PalpateWindow *self,
                          const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;

  palpate_window_close_store (self);
  g_free (self->open_path);
  self->open_path = g_strdup (path);

  store = open_store (path, &error);
  if (store == NULL)
    {
      palpate_window_show_clinic_error (self, error);
      return FALSE;
    }

  palpate_window_adopt_store (self, g_steal_pointer (&store));
  return TRUE;
}

/* Shows the clinic of @store (transfer full), opened at the window's open_path. */
void
palpate_window_adopt_store (PalpateWindow *self,
                            PalpateStore  *store)
{
  self->store = store;
  palpate_window_check_clinic_later (self);
  palpate_window_follow_rooms (self);

  if (palpate_window_session_open (self))
    palpate_window_show_clinic (self, TRUE);
  else
    palpate_window_update_actions (self);
  palpate_window_notify_store (self);
}

/**
 * palpate_window_show_clinic:
 * @from_start: whether to show no client yet and list every client
 *
 * Shows the clinic's clients, once someone is signed in: they are read only then.
 */
void
palpate_window_show_clinic (PalpateWindow *self,
                            gboolean       from_start)
{
  if (from_start || self->clients == NULL)
    {
      self->client_id = 0;
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      palpate_window_list_clients (self);
    }
  else
    palpate_window_reload_clients (self);

  palpate_window_update_title (self);
  palpate_window_show_clinic_or_empty (self);
  palpate_window_update_actions (self);
}

static void
write_demo_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;

  /* Written under another name first, so that a demo clinic is either whole or absent. */
  if (!palpate_demo_clinic_create (path, PALPATE_DEMO_SMALL, 20261122,
                                   palpate_atlas_place_in_region, palpate_atlas_get_default (),
                                   _("Demo"), NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
demo_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PalpateWindow *self = PALPATE_WINDOW (object);
  g_autoptr(GError) error = NULL;

  self->writing_demo = FALSE;
  gtk_button_set_label (GTK_BUTTON (self->demo_button), _("Open _Demo Clinic"));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      palpate_window_toast (self, error->message);
      palpate_window_update_actions (self);
      return;
    }

  palpate_window_open_path (self, g_task_get_task_data (G_TASK (result)));
  palpate_window_toast (self, _("This is the demo clinic; your own clinic is one click away in "
                                "the main menu"));
}

static char *
demo_path (PalpateWindow *self)
{
  g_autofree char *dir = g_path_get_dirname (self->database_path);

  return g_build_filename (dir, DEMO_FILE_NAME, NULL);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  g_autofree char *path = demo_path (self);
  g_autoptr(GTask) task = NULL;

  if (self->writing_demo)
    return;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      palpate_window_open_path (self, path);
      return;
    }

  self->writing_demo = TRUE;
  gtk_button_set_label (GTK_BUTTON (self->demo_button), _("Writing the Demo Clinic…"));
  palpate_window_update_actions (self);

  task = g_task_new (self, NULL, demo_written_cb, NULL);
  g_task_set_task_data (task, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (task, write_demo_thread);
}

static void
open_own_clinic_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);

  palpate_window_open_path (self, self->database_path);
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PalpateWindow    *self)
{
  g_autoptr(GError) error = NULL;
  const char *backup = g_object_get_data (G_OBJECT (dialog), "backup");

  if (!g_str_equal (response, "restore"))
    return;

  if (!palpate_window_restore_backup (self, backup, &error))
    palpate_window_toast (self, error->message);
  else
    palpate_window_toast (self, _("The backup was restored; the damaged file was kept beside it"));
}

/**
 * palpate_window_restore_backup:
 * @backup_path: a checked clinic file (a backup, or one opened by palpate_backup_copies_open())
 *
 * Closes the clinic, puts @backup_path back with the store's restore rules (the clinic as it
 * was is kept in its backups folder), and opens it again, restored or, on failure, unchanged.
 */
gboolean
palpate_window_restore_backup (PalpateWindow  *self,
                               const char     *backup_path,
                               GError        **error)
{
  g_autofree char *path = g_strdup (self->open_path);
  gboolean restored;

  if (!palpate_window_leave_visit (self))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CHANGED,
                   _("The open visit could not be saved, so nothing was restored."));
      return FALSE;
    }
  palpate_window_close_store (self);
  restored = palpate_backup_restore (backup_path, path, NULL, error);
  return palpate_window_open_path (self, path) && restored;
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = palpate_backup_find_newest (self->open_path, &error);
  g_autofree char *body = NULL;
  g_autofree char *name = NULL;
  GtkWidget *dialog;

  if (backup == NULL)
    {
      palpate_window_toast (self, error ? error->message : _("There is no backup to restore"));
      return;
    }

  name = g_path_get_basename (backup);
  body = g_strdup_printf (_("The clinic returns to the backup “%s”. Anything recorded after it "
                            "was made is not in it. The damaged file is kept, renamed, beside "
                            "the clinic file."), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore the Newest Backup?"), body);
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_steal_pointer (&backup), g_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
palpate_window_clinic_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.open-own-clinic", NULL,
                                   open_own_clinic_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL,
                                   restore_backup_action);
}
