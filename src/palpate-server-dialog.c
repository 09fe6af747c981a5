/* palpate-server-dialog.c — Connect to a Clinic Server: where the clinic's database is, as
 * whom this computer connects, and its password
 *
 * What is typed stays in the dialog until the connection is made: a server that does not
 * answer, a wrong password or a certificate that does not match the server's name is said
 * under the fields, and the clinic open before stays open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-window"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-server-dialog.h"
#include "palpate-store.h"

struct _PalpateServerDialog
{
  AdwWindow      parent_instance;

  PalpateWindow *window;

  GtkWidget     *connect_button;
  AdwEntryRow   *host_row;
  AdwEntryRow   *port_row;
  AdwEntryRow   *database_row;
  AdwEntryRow   *user_row;
  AdwEntryRow   *password_row;
  GtkWidget     *error_group;
  GtkLabel      *error_label;
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
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
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
  g_autoptr(GError) error = NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

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
  if (!palpate_window_connect_server (self->window, location, password, &error))
    {
      show_error (self, error->message, NULL);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
palpate_server_dialog_dispose (GObject *object)
{
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
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateServerDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);

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
