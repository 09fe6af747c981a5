/* palpate-window-exchange.c — a client's record handed over from the client page
 *
 * "Export the Client’s Record…" asks to whom the record goes and why (the audit log keeps
 * both, with when and by whom), then where to save it: a ZIP file holding the record as JSON,
 * CSV, PDF and FHIR (src/exchange/).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-window"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-file-chooser.h"
#include "palpate-record-package.h"
#include "palpate-window-private.h"

static PalpatePaper
paper_setting (PalpateWindow *self)
{
  return self->settings != NULL && g_settings_get_enum (self->settings, "paper-size") == 1
         ? PALPATE_PAPER_LETTER : PALPATE_PAPER_A4;
}

static void
export_record_to_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  const char *path, *recipient, *reason;

  g_variant_get (parameter, "(&s&s&s)", &path, &recipient, &reason);
  if (self->store == NULL || self->client_id == 0 || !palpate_window_leave_visit (self))
    return;

  if (!palpate_record_package_client (self->store, self->client_id, path, recipient, reason,
                                      paper_setting (self), &error))
    {
      palpate_window_toast (self, error->message);
      return;
    }

  /* The client's page lists the disclosure just logged. */
  palpate_client_page_load (self->client_page, self->store, self->client_id, NULL);
  name = g_path_get_basename (path);
  message = g_strdup_printf (_("The client’s record was saved as “%s”"), name);
  palpate_window_toast (self, message);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PalpateWindow   *self)
{
  g_autofree char *path = palpate_file_chooser_dup_path (chooser, response);

  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.export-record-to", "(sss)", path,
                                g_object_get_data (G_OBJECT (chooser), "recipient"),
                                g_object_get_data (G_OBJECT (chooser), "reason"));

  g_object_unref (chooser);
}

static void
choose_file (PalpateWindow *self,
             const char    *recipient,
             const char    *reason)
{
  g_autoptr(PalpateClient) client = palpate_store_get_client (self->store, self->client_id, NULL);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (client == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Client’s Record"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  g_object_set_data_full (G_OBJECT (chooser), "recipient", g_strdup (recipient), g_free);
  g_object_set_data_full (G_OBJECT (chooser), "reason", g_strdup (reason), g_free);
  /* Translators: the file a client's record is suggested under, after the client's name */
  name = palpate_report_dup_file_name (palpate_client_get_name (client), _("-record.zip"));
  gtk_file_filter_set_name (filter, _("ZIP archives"));
  gtk_file_filter_add_mime_type (filter, "application/zip");
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
disclosure_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PalpateWindow    *self)
{
  GtkEditable *recipient = g_object_get_data (G_OBJECT (dialog), "recipient");
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");

  if (g_str_equal (response, "choose"))
    choose_file (self, gtk_editable_get_text (recipient), gtk_editable_get_text (reason));
}

static void
recipient_changed_cb (GtkEditable      *recipient,
                      AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (recipient)));

  adw_message_dialog_set_response_enabled (dialog, "choose", *text != '\0');
}

static GtkWidget *
labelled_entry (GtkWidget  *box,
                const char *label,
                const char *placeholder,
                const char *name)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_halign (title, GTK_ALIGN_START);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), entry);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_widget_set_name (entry, name);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

static void
export_record_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  GtkWidget *dialog, *box, *recipient, *reason;

  if (self->store == NULL || self->client_id == 0)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export the Client’s Record"),
                                   _("The whole record leaves the clinic: every visit, note, "
                                     "finding and rating, as a PDF and as data other programs "
                                     "read. The audit log notes to whom it goes and why."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  recipient = labelled_entry (box, _("_To whom"), _("The client, or Dr. Lee, physiotherapist"),
                              "disclosure_recipient_entry");
  reason = labelled_entry (box, _("_Why"), _("The client’s request, a referral…"),
                           "disclosure_reason_entry");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "choose", _("_Choose Where to Save…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "choose", FALSE);
  g_object_set_data (G_OBJECT (dialog), "recipient", recipient);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_signal_connect_object (recipient, "changed", G_CALLBACK (recipient_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (disclosure_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
palpate_window_exchange_update_actions (PalpateWindow *self,
                                        gboolean       client)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-record", client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-record-to", client);
}

void
palpate_window_exchange_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-record", NULL, export_record_action);
  gtk_widget_class_install_action (widget_class, "win.export-record-to", "(sss)",
                                   export_record_to_action);
}
