/* palpate-window-actions.c — what the window's "win." actions do: clients added and edited,
 * visits started and opened, the client's view, the dashboard, records past retention
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-window"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-client-editor.h"
#include "palpate-date.h"
#include "palpate-patient-view.h"
#include "palpate-retention-dialog.h"
#include "palpate-rules.h"
#include "palpate-vocabulary.h"
#include "palpate-window-private.h"

/* The client editor */

static PalpateClient *
client_from_editor (PalpateClientEditor *editor,
                    gint64               client_id)
{
  PalpateClient *client = palpate_client_new ();
  g_auto(GStrv) conditions = palpate_client_editor_dup_conditions (editor);
  g_auto(GStrv) contraindications = palpate_client_editor_dup_contraindications (editor);
  g_auto(GStrv) activities = palpate_client_editor_dup_activities (editor);
  g_autofree char *goals = palpate_client_editor_dup_goals (editor);
  g_autoptr(GStrvBuilder) practitioners = g_strv_builder_new ();
  g_auto(GStrv) practitioner_list = NULL;
  const PalpateVocabularyEntry *roles;
  guint n_roles;
  GDate birth_date;

  palpate_client_set_id (client, client_id);
  palpate_client_set_name (client, palpate_client_editor_get_name (editor));
  if (palpate_client_editor_get_birth_date (editor, &birth_date, NULL) && g_date_valid (&birth_date))
    {
      g_autofree char *text = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&birth_date),
                                               g_date_get_month (&birth_date),
                                               g_date_get_day (&birth_date));

      palpate_client_set_birth_date (client, text);
    }
  palpate_client_set_phone (client, palpate_client_editor_get_phone (editor));
  palpate_client_set_email (client, palpate_client_editor_get_email (editor));
  palpate_client_set_conditions (client, (const char * const *) conditions);
  palpate_client_set_contraindications (client, (const char * const *) contraindications);
  palpate_client_set_goals (client, goals);
  palpate_client_set_activities (client, (const char * const *) activities);

  roles = palpate_practitioner_roles_get (&n_roles);
  for (guint i = 0; i < n_roles; i++)
    {
      g_autofree char *name = palpate_client_editor_dup_practitioner (editor, roles[i].id);

      if (name != NULL && *g_strstrip (name) != '\0')
        {
          g_autofree char *entry = g_strdup_printf ("%s=%s", roles[i].id, name);

          g_strv_builder_add (practitioners, entry);
        }
    }
  practitioner_list = g_strv_builder_end (practitioners);
  palpate_client_set_practitioners (client, (const char * const *) practitioner_list);

  return client;
}

/* Which field a refused client is refused for: the rules checked one field more at a time. */
static const char *
refused_field (PalpateClient *client,
               GDateTime     *now)
{
  g_autoptr(PalpateClient) partial = palpate_client_new ();

  palpate_client_set_name (partial, palpate_client_get_name (client));
  if (!palpate_client_validate (partial, now, NULL))
    return "name";
  palpate_client_set_birth_date (partial, palpate_client_get_birth_date (client));
  if (!palpate_client_validate (partial, now, NULL))
    return "birth-date";
  palpate_client_set_phone (partial, palpate_client_get_phone (client));
  if (!palpate_client_validate (partial, now, NULL))
    return "phone";
  palpate_client_set_email (partial, palpate_client_get_email (client));
  if (!palpate_client_validate (partial, now, NULL))
    return "email";
  return NULL;
}

static void
editor_save_cb (PalpateClientEditor *editor,
                PalpateWindow       *self)
{
  gint64 client_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (editor), "client-id"));
  g_autoptr(PalpateClient) client = client_from_editor (editor, client_id);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  /* A refused client keeps the editor open, with everything typed, and says why, on the field
   * at fault. */
  if (!palpate_client_validate (client, now, &error))
    {
      palpate_client_editor_show_field_error (editor, refused_field (client, now), error->message);
      return;
    }

  if (!palpate_store_save_client (self->store, client, &error) ||
      !palpate_store_set_client_zones (self->store, palpate_client_get_id (client),
                                       palpate_client_editor_get_zones (editor), &error))
    {
      palpate_client_editor_show_error (editor, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (editor));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  palpate_window_reload_clients (self);
  gtk_stack_set_visible_child_name (self->main_stack, "clinic");
  palpate_window_show_client (self, palpate_client_get_id (client));
  palpate_window_toast (self, client_id == 0 ? _("Client added") : _("Client saved"));
}

static PalpateClientEditor *
open_editor (PalpateWindow *self,
             PalpateClient *client)
{
  PalpateClientEditor *editor = palpate_client_editor_new ();

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (editor), TRUE);

  if (client != NULL)
    {
      const char * const *practitioners = palpate_client_get_practitioners (client);
      GDate birth_date;

      g_object_set_data (G_OBJECT (editor), "client-id",
                         GSIZE_TO_POINTER ((gsize) palpate_client_get_id (client)));
      gtk_window_set_title (GTK_WINDOW (editor), _("Edit Client"));
      palpate_client_editor_set_name (editor, palpate_client_get_name (client));
      if (palpate_date_parse (palpate_client_get_birth_date (client), &birth_date, NULL))
        palpate_client_editor_set_birth_date (editor, &birth_date);
      palpate_client_editor_set_phone (editor, palpate_client_get_phone (client));
      palpate_client_editor_set_email (editor, palpate_client_get_email (client));
      palpate_client_editor_set_conditions (editor, palpate_client_get_conditions (client));
      palpate_client_editor_set_contraindications (editor,
                                                   palpate_client_get_contraindications (client));
      palpate_client_editor_set_goals (editor, palpate_client_get_goals (client));
      palpate_client_editor_set_activities (editor, palpate_client_get_activities (client));
      for (guint i = 0; practitioners != NULL && practitioners[i] != NULL; i++)
        {
          g_auto(GStrv) parts = g_strsplit (practitioners[i], "=", 2);

          if (parts[0] != NULL && parts[1] != NULL)
            palpate_client_editor_set_practitioner (editor, parts[0], parts[1]);
        }

      {
        g_autoptr(GPtrArray) zones = palpate_store_list_client_zones (self->store,
                                                                     palpate_client_get_id (client),
                                                                     NULL);

        palpate_client_editor_set_zones (editor, zones);
      }
    }

  g_signal_connect_object (editor, "save", G_CALLBACK (editor_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

/* Actions */

static void
new_client_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_editor (PALPATE_WINDOW (widget), NULL);
}

static void
edit_client_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateClient) client = NULL;

  client = palpate_store_get_client (self->store, self->client_id, &error);
  if (client == NULL)
    {
      palpate_window_toast (self, error->message);
      return;
    }

  open_editor (self, client);
}

static void
new_visit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->client_id == 0 || !palpate_window_leave_visit (self))
    return;

  palpate_visit_set_client_id (visit, self->client_id);
  palpate_visit_set_started_at (visit, now);
  palpate_visit_set_therapist_id (visit, palpate_window_get_therapist_id (self));

  /* The visit starts with the areas not to touch already marked, or does not start. */
  if (!palpate_store_start_visit (self->store, visit, &error))
    {
      palpate_window_toast (self, error->message);
      return;
    }

  palpate_window_reload_clients (self);
  palpate_window_open_visit (self, palpate_visit_get_id (visit));
}

static void
open_visit_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  palpate_window_open_visit (PALPATE_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
show_client_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);

  if (self->client_id > 0)
    palpate_window_show_client (self, self->client_id);
}

static void
show_clients_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
show_dashboard_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || !palpate_window_leave_visit (self))
    return;

  if (!palpate_dashboard_load (self->dashboard, self->store, &error))
    {
      palpate_window_toast (self, error->message);
      return;
    }

  self->client_id = 0;
  palpate_window_select_client_row (self);
  gtk_stack_set_visible_child_name (self->main_stack, "clinic");
  gtk_stack_set_visible_child_name (self->content_stack, "dashboard");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
  palpate_window_update_actions (self);
}

static void
patient_view_closed_cb (PalpateWindow *self)
{
  /* The therapist's window comes back once the client's view has gone. */
  gtk_window_present (GTK_WINDOW (self));

  /* What the client rated shows at once on their page. */
  if (self->store != NULL && self->client_id > 0 &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "client") == 0)
    palpate_client_page_load (self->client_page, self->store, self->client_id, NULL);
  palpate_window_reload_clients (self);
}

static void
pin_needed_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PalpateWindow    *self)
{
  if (g_str_equal (response, "preferences"))
    gtk_widget_activate_action (GTK_WIDGET (self), "app.preferences", NULL);
}

/* Says why the client's view does not open yet, and leads to where the PIN is set. */
static void
ask_for_pin (PalpateWindow *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Set a PIN First"),
                                              _("The client’s view covers the screen and only "
                                                "your PIN closes it, so that a client cannot "
                                                "reach other clients’ records. Set a PIN in "
                                                "Preferences, then show the client their "
                                                "progress."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "preferences", _("Open _Preferences"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "preferences",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "preferences");
  g_signal_connect_object (dialog, "response", G_CALLBACK (pin_needed_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
patient_view_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  PalpatePatientView *view;

  if (self->store == NULL || self->client_id == 0 || !palpate_window_leave_visit (self))
    return;

  /* Only the therapist's PIN closes the view: without one the client could walk into the
   * clinic's records. */
  if (!palpate_store_has_view_lock (self->store))
    {
      ask_for_pin (self);
      return;
    }

  view = palpate_patient_view_new (self->store, self->client_id, &error);
  if (view == NULL)
    {
      palpate_window_toast (self, error->message);
      return;
    }

  g_signal_connect_object (view, "destroy", G_CALLBACK (patient_view_closed_cb), self,
                           G_CONNECT_SWAPPED);
  palpate_patient_view_cover_screen (view, GTK_WINDOW (self));
}

/**
 * palpate_window_get_patient_view:
 *
 * Returns: (transfer none) (nullable): the client's view open over the window, if any
 */
PalpatePatientView *
palpate_window_get_patient_view (PalpateWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (PALPATE_IS_PATIENT_VIEW (window) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (self) &&
          palpate_patient_view_is_locked (PALPATE_PATIENT_VIEW (window)))
        return PALPATE_PATIENT_VIEW (window);
    }

  return NULL;
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  palpate_window_toast (PALPATE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
visit_signed_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);

  /* The client page behind the visit shows the visit signed when the therapist goes back. */
  palpate_client_page_load (self->client_page, self->store, self->client_id, NULL);
  palpate_window_reload_clients (self);
  palpate_window_toast (self, _("Visit signed"));
}

/* A record destroyed from the retention list: the window forgets the client if it showed them. */
static void
record_destroyed_cb (PalpateRetentionDialog *dialog,
                     gint64                  client_id,
                     PalpateWindow          *self)
{
  if (self->client_id == client_id)
    {
      self->client_id = 0;
      gtk_stack_set_visible_child_name (self->content_stack, "dashboard");
      if (!palpate_dashboard_load (self->dashboard, self->store, NULL))
        g_debug ("The clinic overview could not be read after a record was destroyed");
    }
  palpate_window_reload_clients (self);
  palpate_window_show_clinic_or_empty (self);
  palpate_window_update_actions (self);
  palpate_window_toast (self, _("Record destroyed; the audit log notes it"));
}

static void
records_past_retention_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  PalpateRetentionDialog *dialog;

  if (self->store == NULL || !palpate_window_leave_visit (self))
    return;

  dialog = palpate_retention_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (dialog, "destroyed", G_CALLBACK (record_destroyed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
palpate_window_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-client", NULL, new_client_action);
  gtk_widget_class_install_action (widget_class, "win.edit-client", NULL, edit_client_action);
  gtk_widget_class_install_action (widget_class, "win.new-visit", NULL, new_visit_action);
  gtk_widget_class_install_action (widget_class, "win.open-visit", "x", open_visit_action);
  gtk_widget_class_install_action (widget_class, "win.show-client", NULL, show_client_action);
  gtk_widget_class_install_action (widget_class, "win.show-clients", NULL, show_clients_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.patient-view", NULL, patient_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-dashboard", NULL,
                                   show_dashboard_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.visit-signed", NULL, visit_signed_action);
  gtk_widget_class_install_action (widget_class, "win.records-past-retention", NULL,
                                   records_past_retention_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-client", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-visit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.edit-client", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print-report", NULL);
}

/* Alt+Left (and a keyboard's Back key) from a visit goes back to its client. The shortcut is
 * taken before the leaflet, whose own Alt+Left would otherwise take it from any page: from the
 * client page on, the leaflet's back (to the list when folded) is the one meant. */
static gboolean
back_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);

  /* A folded window showing its list has no visit on screen, whatever the pages behind say. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "clinic") != 0 ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "visit") != 0 ||
      (adw_leaflet_get_folded (self->leaflet) &&
       adw_leaflet_get_visible_child (self->leaflet) == self->sidebar))
    return FALSE;

  return gtk_widget_activate_action (widget, "win.show-client", NULL);
}

void
palpate_window_actions_init (PalpateWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutAction *action = gtk_callback_action_new (back_shortcut_cb, NULL, NULL);
  GtkShortcutTrigger *trigger =
    gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Left, GDK_ALT_MASK),
                                 gtk_keyval_trigger_new (GDK_KEY_Back, 0));

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger, action));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
