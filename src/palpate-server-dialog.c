/* palpate-server-dialog.c — Connect to a Clinic Server: where the clinic's database is, as
 * whom this computer connects, and its password
 *
 * What is typed stays in the dialog until the connection is made: a server that does not
 * answer, a wrong password or a certificate that does not match the server's name is said
 * under the fields, and the clinic open before stays open. The server is waited for on a
 * thread, with a spinner; Cancel stops the attempt at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-window"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-file-chooser.h"
#include "palpate-server-dialog.h"
#include "palpate-store-error.h"
#include "palpate-store.h"

struct _PalpateServerDialog
{
  AdwWindow      parent_instance;

  PalpateWindow *window;

  GtkWidget     *connect_button;
  GtkWidget     *spinner;
  GtkWidget     *fields_group;
  GCancellable  *connecting;     /* while the server is waited for */
  AdwEntryRow   *host_row;
  AdwEntryRow   *port_row;
  AdwEntryRow   *database_row;
  AdwEntryRow   *user_row;
  AdwEntryRow   *password_row;
  GtkWidget     *error_group;
  GtkLabel      *error_label;
  GtkWidget     *import_button;
};

G_DEFINE_FINAL_TYPE (PalpateServerDialog, palpate_server_dialog, ADW_TYPE_WINDOW)

static char *
field (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
show_error (PalpateServerDialog *self,
            const char          *message,
            AdwEntryRow         *row)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (self->error_group, TRUE);
  gtk_widget_set_visible (self->import_button, FALSE);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
set_connecting (PalpateServerDialog *self,
                gboolean             connecting)
{
  /* The focus leaves the fields before they stop taking input. */
  if (connecting)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_sensitive (self->connect_button, !connecting);
  gtk_widget_set_sensitive (self->fields_group, !connecting);
  gtk_widget_set_visible (self->spinner, connecting);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), connecting);
  if (connecting)
    gtk_widget_set_visible (self->error_group, FALSE);
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PalpateServerDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (palpate_window_connect_server_finish (PALPATE_WINDOW (source), result, &error))
    {
      g_clear_object (&self->connecting);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* Given up on: the dialog is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->connecting);
  set_connecting (self, FALSE);
  show_error (self, error->message, NULL);
  /* A computer new to the clinic brings the key over from another, right here. */
  gtk_widget_set_visible (self->import_button,
                          g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_KEY));
  gtk_widget_grab_focus (self->connect_button);
}

static gboolean
port_is_valid (const char *port)
{
  guint64 number = 0;

  return *port == '\0' ||
         (g_ascii_string_to_unsigned (port, 10, 1, 65535, &number, NULL) && number > 0);
}

static void
connect_clicked_cb (PalpateServerDialog *self)
{
  g_autofree char *host = field (self->host_row);
  g_autofree char *port = field (self->port_row);
  g_autofree char *database = field (self->database_row);
  g_autofree char *user = field (self->user_row);
  g_autofree char *location = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (self->connecting != NULL)
    return;
  if (*host == '\0')
    {
      show_error (self, _("Enter the server’s name or address."), self->host_row);
      return;
    }
  if (!port_is_valid (port))
    {
      show_error (self, _("The port is a number from 1 to 65535, or empty for PostgreSQL’s own."),
                  self->port_row);
      return;
    }
  if (*database == '\0')
    {
      show_error (self, _("Enter the name of the clinic’s database on the server."),
                  self->database_row);
      return;
    }

  location = palpate_store_server_location_new (host, port, database, user);
  self->connecting = g_cancellable_new ();
  set_connecting (self, TRUE);
  palpate_window_connect_server_async (self->window, location, password, self->connecting,
                                       connected_cb, g_object_ref (self));
}

static void
import_chooser_response_cb (GtkNativeDialog     *chooser,
                            int                  response,
                            PalpateServerDialog *self)
{
  g_autofree char *path = palpate_file_chooser_dup_path (chooser, response);
  g_autoptr(GError) error = NULL;

  g_object_unref (chooser);
  if (path == NULL)
    return;

  /* Imported, the clinic opens at once; the file is the therapist's to delete. */
  if (palpate_store_import_audit_key (path, NULL, &error))
    connect_clicked_cb (self);
  else
    show_error (self, error->message, NULL);
}

static void
import_clicked_cb (PalpateServerDialog *self)
{
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import the Clinic’s Audit Key"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                         _("_Cancel"));
  /* In the home folder, where a key carried on a stick or sent over is looked for first. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), home, NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_chooser_response_cb), self,
                           0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
palpate_server_dialog_dispose (GObject *object)
{
  PalpateServerDialog *self = PALPATE_SERVER_DIALOG (object);

  /* Closed while the server is waited for: the window stays on its clinic. */
  if (self->connecting != NULL)
    g_cancellable_cancel (self->connecting);
  g_clear_object (&self->connecting);
  gtk_widget_dispose_template (GTK_WIDGET (object), PALPATE_TYPE_SERVER_DIALOG);

  G_OBJECT_CLASS (palpate_server_dialog_parent_class)->dispose (object);
}

static void
palpate_server_dialog_class_init (PalpateServerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_server_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/palpate/Palpate/palpate-server-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, import_button);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
palpate_server_dialog_init (PalpateServerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * palpate_server_dialog_new:
 * @window: the window that connects
 * @location: (nullable): the server's location to show for editing (the one that could not be
 *   opened, say), or %NULL for empty fields
 */
PalpateServerDialog *
palpate_server_dialog_new (PalpateWindow *window,
                           const char    *location)
{
  PalpateServerDialog *self;
  g_autofree char *host = NULL;
  g_autofree char *port = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;

  g_return_val_if_fail (PALPATE_IS_WINDOW (window), NULL);

  self = g_object_new (PALPATE_TYPE_SERVER_DIALOG, "transient-for", window, NULL);
  self->window = window;

  if (location != NULL &&
      palpate_store_server_location_parts (location, &host, &port, &database, &user))
    {
      struct { AdwEntryRow *row; const char *text; } fields[] = {
        { self->host_row, host }, { self->port_row, port },
        { self->database_row, database }, { self->user_row, user },
      };

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        gtk_editable_set_text (GTK_EDITABLE (fields[i].row), fields[i].text ?: "");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->host_row));

  return self;
}
