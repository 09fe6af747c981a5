/* palpate-retention-dialog.c — the records past their retention period, any of which may be
 * destroyed after two confirmations
 *
 * The list holds each client whose keep-until date (from the last visit, and a minor's 18th
 * birthday, under the clinic's rule in Preferences) has come. Destroy… asks twice — first what
 * will go, then that it cannot be undone — before palpate_store_destroy_client_record() removes
 * the record and logs who destroyed which client's record, and when. "destroyed" is emitted with
 * the client's id so that the window can forget it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-retention-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-date.h"
#include "palpate-retention-dialog.h"

struct _PalpateRetentionDialog
{
  AdwWindow            parent_instance;

  PalpateStore        *store;
  AdwPreferencesGroup *group;
  GPtrArray           *rows;
  GtkLabel            *error_label;
};

enum {
  DESTROYED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PalpateRetentionDialog, palpate_retention_dialog, ADW_TYPE_WINDOW)

static void reload (PalpateRetentionDialog *self);

static char *
format_day (const GDate *day)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                                     g_date_get_day (day), 12, 0, 0);

  return palpate_format_day (when);
}

static void
show_error (PalpateRetentionDialog *self,
            const char             *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
second_response_cb (AdwMessageDialog       *dialog,
                    const char             *response,
                    PalpateRetentionDialog *self)
{
  gint64 client_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "client-id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "destroy") != 0)
    return;

  if (!palpate_store_destroy_client_record (self->store, client_id, &error))
    {
      show_error (self, error->message);
      return;
    }
  reload (self);
  g_signal_emit (self, signals[DESTROYED], 0, client_id);
}

static void
first_response_cb (AdwMessageDialog       *dialog,
                   const char             *response,
                   PalpateRetentionDialog *self)
{
  gpointer client_id = g_object_get_data (G_OBJECT (dialog), "client-id");
  const char *name = g_object_get_data (G_OBJECT (dialog), "name");
  g_autofree char *body = NULL;
  GtkWidget *second;

  if (g_strcmp0 (response, "continue") != 0)
    return;

  body = g_strdup_printf (_("The record of %s is destroyed for good. It cannot be undone, and "
                            "no backup made from now on will hold it."), name);
  second = adw_message_dialog_new (GTK_WINDOW (self), _("Destroy Permanently?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (second),
                                    "cancel", _("_Keep the Record"),
                                    "destroy", _("_Destroy Permanently"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (second), "destroy",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (second), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (second), "cancel");
  g_object_set_data (G_OBJECT (second), "client-id", client_id);
  g_signal_connect_object (second, "response", G_CALLBACK (second_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (second));
}

static void
destroy_clicked_cb (GtkButton              *button,
                    PalpateRetentionDialog *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "name");
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  show_error (self, NULL);
  body = g_strdup_printf (_("Everything recorded about %s goes: details, visits and their notes, "
                            "ratings, health history, treatment plans. The audit log keeps only "
                            "that a record was destroyed, by whom and when."), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Destroy This Record?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "continue", _("_Continue…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "continue",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "client-id",
                     g_object_get_data (G_OBJECT (button), "client-id"));
  g_object_set_data_full (G_OBJECT (dialog), "name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (first_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload (PalpateRetentionDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) entries = palpate_store_list_retention (self->store, 0, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PalpateJurisdiction jurisdiction;
  guint years, n_due = 0;
  g_autofree char *rule = NULL;
  GDate today;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  if (entries == NULL)
    {
      show_error (self, error->message);
      return;
    }

  palpate_store_get_retention_rule (self->store, &jurisdiction, &years);
  if (jurisdiction == PALPATE_JURISDICTION_ONTARIO)
    /* Translators: the name says the years, "Rule: Ontario (10 years after the last visit); …" */
    rule = g_strdup_printf (_("Rule: %s; for a minor, counted from their 18th birthday"),
                            palpate_jurisdiction_get_name (jurisdiction));
  else
    rule = g_strdup_printf (ngettext ("Rule: the clinic's own, %u year after the last visit or the "
                                      "18th birthday",
                                      "Rule: the clinic's own, %u years after the last visit or "
                                      "the 18th birthday", years), years);
  adw_preferences_group_set_description (self->group, rule);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  for (guint i = 0; i < entries->len; i++)
    {
      PalpateRetentionEntry *entry = &g_array_index (entries, PalpateRetentionEntry, i);
      g_autofree char *last = NULL;
      g_autofree char *until = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *button;

      if (!palpate_retention_is_due (&entry->keep_until, &today))
        continue;
      last = format_day (&entry->last_visit);
      until = format_day (&entry->keep_until);
      /* Translators: "Last visit 4 Mar 2014 · kept until 4 Mar 2024" */
      subtitle = g_strdup_printf (_("Last visit %s · kept until %s"), last, until);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      button = gtk_button_new_with_mnemonic (_("_Destroy…"));
      gtk_widget_add_css_class (button, "destructive-action");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "client-id", GSIZE_TO_POINTER (entry->client_id));
      g_object_set_data_full (G_OBJECT (button), "name", g_strdup (entry->name), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (destroy_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
      n_due++;
    }

  if (n_due == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No record is past its retention period"));
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
palpate_retention_dialog_dispose (GObject *object)
{
  PalpateRetentionDialog *self = PALPATE_RETENTION_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (palpate_retention_dialog_parent_class)->dispose (object);
}

static void
palpate_retention_dialog_class_init (PalpateRetentionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_retention_dialog_dispose;

  /**
   * PalpateRetentionDialog::destroyed:
   * @client_id: the client whose record was destroyed
   */
  signals[DESTROYED] = g_signal_new ("destroyed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
palpate_retention_dialog_init (PalpateRetentionDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *error = gtk_label_new (NULL);

  self->rows = g_ptr_array_new ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_title (GTK_WINDOW (self), _("Records Past Retention"));
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 520);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());

  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_margin_top (error, 12);
  gtk_widget_set_visible (error, FALSE);
  gtk_box_append (GTK_BOX (box), error);
  self->error_label = GTK_LABEL (error);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Past Their Keep-Until Date"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

PalpateRetentionDialog *
palpate_retention_dialog_new (GtkWindow    *parent,
                              PalpateStore *store)
{
  PalpateRetentionDialog *self;

  g_return_val_if_fail (PALPATE_IS_STORE (store), NULL);

  self = g_object_new (PALPATE_TYPE_RETENTION_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  reload (self);
  return self;
}
