/* palpate-window.c — the main window of a clinic
 *
 * The window owns the open clinic file. It shows one of three pages: the empty clinic (add a
 * client, or open the demo clinic), the clinic file that cannot be opened (with the newest
 * backup to restore), or the clinic: clients in a sidebar, and beside them the chosen client
 * or the visit being charted. The pages ask for everything through the "win." actions.
 *
 * The window's concerns live in files of their own, sharing palpate-window-private.h: the
 * sidebar's clients in palpate-window-clients.c, the clinic file (opening, the demo clinic,
 * restoring a backup) in palpate-window-clinic.c, the actions in palpate-window-actions.c,
 * the progress reports in palpate-window-reports.c and a record handed over in
 * palpate-window-exchange.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-window"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-application.h"
#include "palpate-migrate.h"
#include "palpate-patient-view.h"
#include "palpate-window-private.h"

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpateWindow, palpate_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties [N_PROPS];

static void
toast_dismissed_cb (PalpateWindow *self,
                    AdwToast      *toast)
{
  if (self->last_toast == toast)
    g_clear_weak_pointer (&self->last_toast);
}

void
palpate_window_toast (PalpateWindow *self,
                      const char    *message)
{
  AdwToast *toast;

  /* The same news again while it is still shown (another room saving a draft at every pause
   * in typing) is not queued a second time. */
  if (self->last_toast != NULL && g_strcmp0 (adw_toast_get_title (self->last_toast), message) == 0)
    return;

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 6);
  g_set_weak_pointer (&self->last_toast, toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
palpate_window_update_actions (PalpateWindow *self)
{
  gboolean open = self->store != NULL;
  gboolean client = open && self->client_id > 0;
  gboolean on_server = palpate_migrate_is_server_location (self->database_path);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-client", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-dashboard", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.records-past-retention", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-visit", client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-client", client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-client", client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-visit", client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.patient-view", client);
  palpate_window_reports_update_actions (self, open, client);
  palpate_window_exchange_update_actions (self, client);
  /* The demo clinic is a file beside the clinic's; a clinic server has no folder for it, and
   * a room on one is not offered it. */
  gtk_widget_set_visible (self->demo_button, !on_server);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo",
                                 !self->writing_demo && !palpate_window_is_demo (self) &&
                                 !on_server);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-own-clinic",
                                 palpate_window_is_demo (self));
  palpate_window_server_update_actions (self);
}

gboolean
palpate_window_leave_visit (PalpateWindow *self)
{
  if (palpate_visit_page_get_visit (self->visit_page) == NULL)
    return TRUE;

  /* A visit whose last changes could not be saved stays open, with the reason on screen. */
  if (!palpate_visit_page_flush (self->visit_page))
    {
      palpate_window_toast (self, palpate_visit_page_get_save_error (self->visit_page));
      return FALSE;
    }

  palpate_visit_page_unload (self->visit_page);
  return TRUE;
}

void
palpate_window_show_client (PalpateWindow *self,
                            gint64         client_id)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *sidebar_focus = gtk_root_get_focus (GTK_ROOT (self));

  if (sidebar_focus != NULL &&
      !gtk_widget_is_ancestor (sidebar_focus, GTK_WIDGET (self->client_list)))
    sidebar_focus = NULL;

  if (!palpate_window_leave_visit (self))
    return;

  if (!palpate_client_page_load (self->client_page, self->store, client_id, &error))
    {
      palpate_window_toast (self, error->message);
      return;
    }

  self->client_id = client_id;
  gtk_stack_set_visible_child_name (self->content_stack, "client");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
  /* Side by side, the keys stay in the client list, so that the next client is an arrow away
   * (the leaflet moves the focus to the page it shows). */
  if (sidebar_focus != NULL && !adw_leaflet_get_folded (self->leaflet))
    gtk_widget_grab_focus (sidebar_focus);
  palpate_window_select_client_row (self);
  palpate_window_update_actions (self);
}

void
palpate_window_open_visit (PalpateWindow *self,
                           gint64         visit_id)
{
  g_autoptr(GError) error = NULL;

  if (!palpate_window_may_open_visit (self, visit_id) || !palpate_window_leave_visit (self))
    return;

  if (!palpate_visit_page_load (self->visit_page, self->store, visit_id, &error))
    {
      palpate_window_toast (self, error->message);
      return;
    }

  self->client_id = palpate_visit_get_client_id (palpate_visit_page_get_visit (self->visit_page));
  gtk_stack_set_visible_child_name (self->content_stack, "visit");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
  palpate_window_update_actions (self);
}
void
palpate_window_notify_store (PalpateWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

static void
restore_window_size (PalpateWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_size (PalpateWindow *self)
{
  int width;
  int height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));

  /* A maximized window keeps the size it had before, to return to it when unmaximized. */
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  g_settings_apply (self->settings);
}

static void
close_anyway_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 PalpateWindow    *self)
{
  if (!g_str_equal (response, "close"))
    return;

  palpate_visit_page_unload (self->visit_page);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
palpate_window_close_request (GtkWindow *window)
{
  PalpateWindow *self = PALPATE_WINDOW (window);
  PalpatePatientView *view = palpate_window_get_patient_view (self);

  /* The client's view stays until the therapist closes it. */
  if (view != NULL)
    {
      gtk_window_present (GTK_WINDOW (view));
      return TRUE;
    }

  /* Unsaved charting is never dropped silently. */
  if (palpate_visit_page_get_visit (self->visit_page) != NULL &&
      !palpate_visit_page_flush (self->visit_page))
    {
      g_autofree char *body = g_strdup_printf (_("%s\n\nThe last changes to this visit are only on "
                                                 "screen. Closing now loses them."),
                                               palpate_visit_page_get_save_error (self->visit_page));
      GtkWidget *dialog = adw_message_dialog_new (window, _("Close Without Saving?"), body);

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "keep", _("_Keep Open"),
                                        "close", _("_Close Anyway"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
      g_signal_connect_object (dialog, "response", G_CALLBACK (close_anyway_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  if (self->settings != NULL)
    save_window_size (self);

  palpate_window_close_store (self);

  return GTK_WINDOW_CLASS (palpate_window_parent_class)->close_request (window);
}

static void
folded_changed_cb (PalpateWindow *self)
{
  palpate_client_page_set_show_back (self->client_page, adw_leaflet_get_folded (self->leaflet));
  palpate_dashboard_set_show_back (self->dashboard, adw_leaflet_get_folded (self->leaflet));
}

static void
palpate_window_constructed (GObject *object)
{
  PalpateWindow *self = PALPATE_WINDOW (object);

  G_OBJECT_CLASS (palpate_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    restore_window_size (self);
}

static void
palpate_window_dispose (GObject *object)
{
  PalpateWindow *self = PALPATE_WINDOW (object);

  palpate_window_session_dispose (self);
  if (self->visit_page != NULL)
    palpate_visit_page_unload (self->visit_page);
  palpate_window_stop_clinic_check (self);
  g_clear_weak_pointer (&self->last_toast);
  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->clients);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->open_path, g_free);
  g_clear_pointer (&self->file_path, g_free);

  G_OBJECT_CLASS (palpate_window_parent_class)->dispose (object);
}

static void
palpate_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PalpateWindow *self = PALPATE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PalpateWindow *self = PALPATE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_window_class_init (PalpateWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = palpate_window_constructed;
  object_class->dispose = palpate_window_dispose;
  object_class->get_property = palpate_window_get_property;
  object_class->set_property = palpate_window_set_property;

  window_class->close_request = palpate_window_close_request;

  /**
   * PalpateWindow:settings:
   *
   * The application's settings, where the window keeps its size.
   */
  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * PalpateWindow:store:
   *
   * The clinic file open in the window, or %NULL when it could not be opened.
   */
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PALPATE_TYPE_STORE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PALPATE_TYPE_CLIENT_PAGE);
  g_type_ensure (PALPATE_TYPE_VISIT_PAGE);
  g_type_ensure (PALPATE_TYPE_DASHBOARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, add_client_button);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, demo_button);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, server_buttons);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, clinic_title);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, client_list);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, client_count_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, client_page);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, visit_page);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, dashboard);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, client_list_stack);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, client_selection);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);

  palpate_window_clients_class_init (widget_class);
  palpate_window_clinic_class_init (widget_class);
  palpate_window_server_class_init (widget_class);
  palpate_window_actions_class_init (widget_class);
  palpate_window_reports_class_init (widget_class);
  palpate_window_exchange_class_init (widget_class);
  palpate_window_session_class_init (widget_class);
}

static void
palpate_window_init (PalpateWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  palpate_window_actions_init (self);
  palpate_window_reports_init (self);
  palpate_window_session_init (self);
  folded_changed_cb (self);
  palpate_window_update_actions (self);
}

PalpateWindow *
palpate_window_new (PalpateApplication *application,
                    GSettings          *settings)
{
  g_return_val_if_fail (PALPATE_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (PALPATE_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       NULL);
}

/**
 * palpate_window_open_database:
 * @path: the clinic file; a new clinic is made there when there is none
 *
 * Opens the clinic at @path in the window. When it cannot be opened, the window says why and
 * offers the newest good backup.
 *
 * Returns: whether the clinic is open
 */
gboolean
palpate_window_open_database (PalpateWindow *self,
                              const char    *path)
{
  g_return_val_if_fail (PALPATE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_free (self->database_path);
  self->database_path = g_strdup (path);

  return palpate_window_open_path (self, path);
}

PalpateStore *
palpate_window_get_store (PalpateWindow *self)
{
  g_return_val_if_fail (PALPATE_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * palpate_window_show_latest:
 * @visit: whether to open the visit rather than the client
 *
 * Shows where a therapist picks up: the client of the latest unsigned visit (or else of the
 * latest visit), or that visit itself. A clinic without visits shows its first client.
 */
void
palpate_window_show_latest (PalpateWindow *self,
                            gboolean       visit)
{
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(PalpateVisit) latest = NULL;

  g_return_if_fail (PALPATE_IS_WINDOW (self));

  if (self->store == NULL)
    return;

  latest = palpate_store_get_latest_draft (self->store, NULL);
  if (latest == NULL)
    latest = palpate_store_get_latest_visit (self->store, 0, 0, NULL);
  if (latest != NULL)
    {
      palpate_window_show_client (self, palpate_visit_get_client_id (latest));
      if (visit)
        palpate_window_open_visit (self, palpate_visit_get_id (latest));
      return;
    }

  clients = palpate_store_search_clients (self->store, NULL, 1, NULL);
  if (clients != NULL && clients->len > 0)
    palpate_window_show_client (self, palpate_client_get_id (clients->pdata[0]));
}

/**
 * palpate_window_save_now:
 *
 * Saves at once what is typed in the open visit and still waits for the pause after typing.
 *
 * Returns: %FALSE when it could not be saved (the visit page says why)
 */
gboolean
palpate_window_save_now (PalpateWindow *self)
{
  g_return_val_if_fail (PALPATE_IS_WINDOW (self), FALSE);

  if (palpate_visit_page_get_visit (self->visit_page) == NULL)
    return TRUE;

  return palpate_visit_page_flush (self->visit_page);
}

PalpateClientPage *
palpate_window_get_client_page (PalpateWindow *self)
{
  g_return_val_if_fail (PALPATE_IS_WINDOW (self), NULL);

  return self->client_page;
}

PalpateVisitPage *
palpate_window_get_visit_page (PalpateWindow *self)
{
  g_return_val_if_fail (PALPATE_IS_WINDOW (self), NULL);

  return self->visit_page;
}

const char *
palpate_window_get_page_name (PalpateWindow *self)
{
  const char *main = NULL;

  g_return_val_if_fail (PALPATE_IS_WINDOW (self), NULL);

  main = gtk_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (main, "clinic") == 0)
    return gtk_stack_get_visible_child_name (self->content_stack);
  return main;
}
