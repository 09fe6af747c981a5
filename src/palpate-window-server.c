/* palpate-window-server.c — the window on a clinic server: connecting this computer to one,
 * and going back to the clinic file on this computer
 *
 * The server this computer works on is kept in the settings ("clinic-server"), as a location
 * without a password; the password is in the keyring (palpate-keyring.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-application.h"
#include "palpate-file-chooser.h"
#include "palpate-keyring.h"
#include "palpate-migrate.h"
#include "palpate-server-dialog.h"
#include "palpate-store-error.h"
#include "palpate-window-private.h"

typedef struct
{
  char     *location;
  char     *password;      /* typed, to keep in the keyring once it opened the clinic */
  gboolean  from_keyring;
} Connecting;

static void
connecting_free (gpointer data)
{
  Connecting *connecting = data;

  g_free (connecting->location);
  if (connecting->from_keyring)
    palpate_keyring_free_password (connecting->password);
  else if (connecting->password != NULL)
    {
      memset (connecting->password, 0, strlen (connecting->password));
      g_free (connecting->password);
    }
  g_free (connecting);
}

/* The server's clinic is open: the window moves onto it, and this computer remembers it. */
static void
adopt_server_store (PalpateWindow *self,
                    Connecting    *connecting,
                    PalpateStore  *store)
{
  g_autoptr(GError) keyring_error = NULL;
  const char *location = connecting->location;

  /* The file this computer worked on, to go back to; another server's password is no longer
   * needed here. */
  if (!palpate_migrate_is_server_location (self->database_path))
    {
      g_free (self->file_path);
      self->file_path = g_strdup (self->database_path);
    }
  else if (g_strcmp0 (self->database_path, location) != 0)
    palpate_keyring_forget_password (self->database_path);

  palpate_window_close_store (self);
  g_free (self->database_path);
  self->database_path = g_strdup (location);
  g_free (self->open_path);
  self->open_path = g_strdup (location);
  g_settings_set_string (self->settings, "clinic-server", location);
  palpate_window_adopt_store (self, store);

  if (!connecting->from_keyring && connecting->password != NULL &&
      *connecting->password != '\0' &&
      !palpate_keyring_store_password (location, connecting->password, &keyring_error))
    palpate_window_toast (self, keyring_error->message);
}

static void
server_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PalpateWindow *self = g_task_get_source_object (task);
  g_autoptr(PalpateStore) store = NULL;
  GError *error = NULL;

  store = palpate_store_open_with_password_finish (result, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Given up on meanwhile (the dialog closed, the window too): the store goes unused. */
  if (g_task_return_error_if_cancelled (task))
    return;

  adopt_server_store (self, g_task_get_task_data (task), g_steal_pointer (&store));
  g_task_return_boolean (task, TRUE);
}

/**
 * palpate_window_connect_server_async:
 * @location: the server's location, without a password
 * @password: (nullable): the password of the location's user, when the server asks one
 * @cancellable: (nullable): stops connecting to the server
 *
 * Opens the clinic on the server at @location in the window, and makes it this computer's
 * clinic from now on; a password that opened it is kept in the keyring. The server is reached
 * on a thread of its own, so that the window stays responsive however long it takes to
 * answer. When the server cannot be opened, the clinic open before stays open.
 */
void
palpate_window_connect_server_async (PalpateWindow       *self,
                                     const char          *location,
                                     const char          *password,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Connecting *connecting;

  g_return_if_fail (PALPATE_IS_WINDOW (self));
  g_return_if_fail (palpate_migrate_is_server_location (location));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, palpate_window_connect_server_async);

  if (!palpate_window_leave_visit (self))
    {
      g_task_return_new_error (task, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CHANGED,
                               _("The open visit could not be saved, so this computer stays on "
                                 "the clinic it has open."));
      return;
    }

  /* Left empty, the password this computer's keyring keeps for the server, if any. A clinic
   * is only made on a server from the command line: a database typed here holds one. */
  connecting = g_new0 (Connecting, 1);
  connecting->location = g_strdup (location);
  if (password == NULL || *password == '\0')
    connecting->password = palpate_keyring_lookup_password (location);
  connecting->from_keyring = connecting->password != NULL;
  if (!connecting->from_keyring)
    connecting->password = g_strdup (password);
  g_task_set_task_data (task, connecting, connecting_free);

  palpate_store_open_with_password_async (location, connecting->password,
                                          PALPATE_STORE_OPEN_DEFAULT, cancellable,
                                          server_opened_cb, g_steal_pointer (&task));
}

/**
 * palpate_window_connect_server_finish:
 *
 * Returns: whether the server's clinic is open in the window
 */
gboolean
palpate_window_connect_server_finish (PalpateWindow  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
connect_server_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  const char *shown = palpate_migrate_is_server_location (self->open_path) ? self->open_path
                                                                          : NULL;

  gtk_window_present (GTK_WINDOW (palpate_server_dialog_new (self, shown)));
}

static void
use_clinic_file_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  g_autofree char *file = NULL;

  if (!palpate_migrate_is_server_location (self->database_path) ||
      !palpate_window_leave_visit (self))
    return;

  file = self->file_path != NULL ? g_strdup (self->file_path)
                                 : palpate_application_dup_default_database_path ();
  palpate_keyring_forget_password (self->database_path);
  g_settings_set_string (self->settings, "clinic-server", "");
  palpate_window_open_database (self, file);
}

static void
export_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            PalpateWindow   *self)
{
  g_autofree char *path = palpate_file_chooser_dup_path (chooser, response);
  g_autoptr(GError) error = NULL;

  if (path != NULL && self->store != NULL)
    {
      if (palpate_store_export_audit_key (self->store, path, &error))
        palpate_window_toast (self, _("The key was saved: import it on each computer of the "
                                      "clinic, then delete the file"));
      else
        palpate_window_toast (self, error->message);
    }
  g_object_unref (chooser);
}

/* The key every computer of a server clinic shares, into a file to carry to the next one. */
static void
export_audit_key_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->store == NULL || !palpate_store_is_on_server (self->store))
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Clinic’s Audit Key"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  /* Translators: the file the audit key is suggested under */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("clinic-audit.key"));
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chooser_response_cb), self,
                           0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
palpate_window_server_update_actions (PalpateWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.use-clinic-file",
                                 palpate_migrate_is_server_location (self->database_path));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-audit-key",
                                 self->store != NULL && palpate_store_is_on_server (self->store));
}

void
palpate_window_server_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.connect-server", NULL,
                                   connect_server_action);
  gtk_widget_class_install_action (widget_class, "win.use-clinic-file", NULL,
                                   use_clinic_file_action);
  gtk_widget_class_install_action (widget_class, "win.export-audit-key", NULL,
                                   export_audit_key_action);
}
