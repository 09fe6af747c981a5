/* palpate-window.c — the main window of a clinic
 *
 * The window owns the open clinic file. It shows one of three pages: the empty clinic (add a
 * client, or open the demo clinic), the clinic file that cannot be opened (with the newest
 * backup to restore), or the clinic: clients in a sidebar, and beside them the chosen client
 * or the visit being charted. The pages ask for everything through the "win." actions; the
 * progress reports' actions are in palpate-window-reports.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-window"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "palpate-application.h"
#include "palpate-atlas.h"
#include "palpate-backup.h"
#include "palpate-client-editor.h"
#include "palpate-demo-clinic.h"
#include "palpate-patient-view.h"
#include "palpate-retention-dialog.h"
#include "palpate-rules.h"
#include "palpate-store-error.h"
#include "palpate-vocabulary.h"
#include "palpate-window-private.h"

/* The sidebar lists this many clients at most, by name; searching finds the others. */
#define CLIENT_LIST_LIMIT 300

/* The sidebar makes before the window's first frame only the rows that fit in the window (a row
 * with its subtitle is about this high, below the header and the search); the others follow once
 * nothing else waits (after the first frame, and after a picture `--screenshot` takes), so that
 * a large clinic shows as fast as a small one. */

#define DEMO_FILE_NAME "demo-clinic.sqlite3"


enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpateWindow, palpate_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties [N_PROPS];

static void show_client (PalpateWindow *self,
                         gint64         client_id);

void
palpate_window_toast (PalpateWindow *self,
                      const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
is_demo (PalpateWindow *self)
{
  return self->open_path != NULL && g_strcmp0 (self->open_path, self->database_path) != 0;
}

static void
update_actions (PalpateWindow *self)
{
  gboolean open = self->store != NULL;
  gboolean client = open && self->client_id > 0;

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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo",
                                 !self->writing_demo && !is_demo (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-own-clinic", is_demo (self));
}

/* The client list */

static gboolean
has_zones (PalpateWindow *self,
           PalpateClient *client)
{
  gint64 id = palpate_client_get_id (client);

  return self->zoned_clients != NULL && g_hash_table_contains (self->zoned_clients, &id);
}

static GtkWidget *
create_client_row_cb (gpointer item,
                      gpointer user_data)
{
  PalpateWindow *self = PALPATE_WINDOW (user_data);
  PalpateClient *client = PALPATE_CLIENT (item);
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) subtitle = g_string_new (NULL);
  int visits = palpate_client_get_visit_count (client);
  GDateTime *last = palpate_client_get_last_visit_at (client);
  const char * const *contraindications = palpate_client_get_contraindications (client);
  gboolean contraindicated = contraindications != NULL && contraindications[0] != NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), palpate_client_get_name (client));
  /* One click, or Enter on the focused row, opens the client. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  if (visits == 0)
    g_string_append (subtitle, _("No visits yet"));
  else
    g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%d visit", "%d visits", visits),
                            visits);
  if (last != NULL)
    {
      g_autofree char *date = g_date_time_format (last, "%-d %b %Y");

      /* Translators: after the number of visits, "12 visits · last 3 Nov 2026" */
      g_string_append_printf (subtitle, _(" · last %s"), g_strstrip (date));
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);

  /* General contraindications and standing no-touch zones both ask for care before touching. */
  if (contraindicated || has_zones (self, client))
    {
      const char *text = contraindicated && has_zones (self, client)
                         ? _("Has contraindications and no-touch zones")
                         : contraindicated ? _("Has contraindications")
                                           : _("Has no-touch zones");
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      text, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
    }

  return row;
}

static gint64
row_client_id (PalpateWindow *self,
               GtkListBoxRow *row)
{
  g_autoptr(PalpateClient) client = NULL;

  if (row == NULL)
    return 0;

  client = g_list_model_get_item (G_LIST_MODEL (self->clients), gtk_list_box_row_get_index (row));
  return client ? palpate_client_get_id (client) : 0;
}

static void
select_client_row (PalpateWindow *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->client_list, i)) != NULL; i++)
    if (row_client_id (self, row) == self->client_id)
      {
        gtk_list_box_select_row (self->client_list, row);
        return;
      }

  gtk_list_box_unselect_all (self->client_list);
}

static void
refresh_clients (PalpateWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GArray) zoned = NULL;
  g_autofree char *count_text = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  int total;

  g_free (self->listed_search);
  self->listed_search = g_strdup (text);
  g_hash_table_remove_all (self->zoned_clients);

  if (self->store == NULL)
    {
      g_list_store_remove_all (self->clients);
      return;
    }

  clients = palpate_store_search_clients (self->store, text, CLIENT_LIST_LIMIT, &error);
  if (clients == NULL)
    {
      g_list_store_remove_all (self->clients);
      palpate_window_toast (self, error->message);
      return;
    }

  zoned = palpate_store_list_zoned_clients (self->store, &error);
  if (zoned == NULL)
    {
      palpate_window_toast (self, error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; zoned != NULL && i < zoned->len; i++)
    g_hash_table_add (self->zoned_clients, g_memdup2 (&g_array_index (zoned, gint64, i),
                                                      sizeof (gint64)));

  g_list_store_splice (self->clients, 0, g_list_model_get_n_items (G_LIST_MODEL (self->clients)),
                       clients->pdata, clients->len);

  total = palpate_store_count_clients (self->store);
  if (*text != '\0')
    count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches",
                                               clients->len), clients->len);
  else if ((int) clients->len < total)
    /* Translators: the sidebar of a large clinic lists the first clients by name */
    count_text = g_strdup_printf (_("The first %u of %d clients by name; search to find the others"),
                                  clients->len, total);
  else
    count_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d client", "%d clients", total),
                                  total);
  gtk_label_set_text (self->client_count_label, count_text);

  select_client_row (self);
}

static void
search_changed_cb (PalpateWindow *self)
{
  refresh_clients (self);
}

static void
search_activate_cb (PalpateWindow *self)
{
  /* Enter may come before the search's short pause is over: list what is typed now, so that
   * the client opened is the first one shown for it, not for the text before. */
  if (g_strcmp0 (self->listed_search, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    refresh_clients (self);

  if (row_client_id (self, gtk_list_box_get_row_at_index (self->client_list, 0)) > 0)
    show_client (self, row_client_id (self, gtk_list_box_get_row_at_index (self->client_list, 0)));
}

static void
client_row_activated_cb (PalpateWindow *self,
                         GtkListBoxRow *row)
{
  if (row_client_id (self, row) > 0)
    show_client (self, row_client_id (self, row));
}

/* Pages */

static void
update_title (PalpateWindow *self)
{
  if (is_demo (self))
    {
      adw_window_title_set_title (self->clinic_title, _("Demo Clinic"));
      adw_window_title_set_subtitle (self->clinic_title, _("Made-up clients, for trying Palpate"));
    }
  else
    {
      g_autofree char *name = self->store ? palpate_store_dup_setting (self->store, "clinic-name")
                                          : NULL;

      adw_window_title_set_title (self->clinic_title, _("Clients"));
      adw_window_title_set_subtitle (self->clinic_title, name ? name : "");
    }
}

static void
show_clinic_or_empty (PalpateWindow *self)
{
  if (self->store != NULL && palpate_store_count_clients (self->store) == 0 &&
      *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    gtk_stack_set_visible_child_name (self->main_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->main_stack, "clinic");
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

static void
show_client (PalpateWindow *self,
             gint64         client_id)
{
  g_autoptr(GError) error = NULL;

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
  select_client_row (self);
  update_actions (self);
}

static void
open_visit (PalpateWindow *self,
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
  update_actions (self);
}

static void
close_store (PalpateWindow *self)
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
}

static void
show_open_error (PalpateWindow *self,
                 const GError  *error)
{
  g_autofree char *newest = NULL;
  gboolean damaged = g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT) ||
                     g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_TRUNCATED) ||
                     g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_PALPATE);

  if (damaged)
    newest = palpate_backup_find_newest (self->open_path, NULL);

  adw_status_page_set_description (self->error_page, error->message);
  gtk_widget_set_visible (self->restore_button, newest != NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

/* The clinic file cannot be used (damaged, locked, read-only…): closed, with the reason and, for
 * a damaged one, the newest backup. */
void
palpate_window_show_clinic_error (PalpateWindow *self,
                                  const GError  *error)
{
  close_store (self);
  show_open_error (self, error);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

static gboolean
open_path (PalpateWindow *self,
           const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;

  close_store (self);
  g_free (self->open_path);
  self->open_path = g_strdup (path);

  store = palpate_store_open (path, &error);
  if (store == NULL)
    {
      palpate_window_show_clinic_error (self, error);
      return FALSE;
    }

  self->store = g_steal_pointer (&store);
  palpate_window_check_clinic_later (self);

  if (palpate_window_session_open (self))
    palpate_window_show_clinic (self, TRUE);
  else
    update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
  return TRUE;
}

/* The clinic's clients, once someone is signed in; @from_start shows no client yet. */
void
palpate_window_show_clinic (PalpateWindow *self,
                            gboolean       from_start)
{
  if (from_start)
    {
      self->client_id = 0;
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
    }
  refresh_clients (self);
  update_title (self);
  show_clinic_or_empty (self);
  update_actions (self);
}

void
palpate_window_show_client (PalpateWindow *self,
                            gint64         client_id)
{
  show_client (self, client_id);
}

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
  refresh_clients (self);
  gtk_stack_set_visible_child_name (self->main_stack, "clinic");
  show_client (self, palpate_client_get_id (client));
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
      g_date_clear (&birth_date, 1);
      if (palpate_client_get_birth_date (client) != NULL)
        g_date_set_parse (&birth_date, palpate_client_get_birth_date (client));
      if (g_date_valid (&birth_date))
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

  refresh_clients (self);
  open_visit (self, palpate_visit_get_id (visit));
}

static void
open_visit_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_visit (PALPATE_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
show_client_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);

  if (self->client_id > 0)
    show_client (self, self->client_id);
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
  gtk_list_box_unselect_all (self->client_list);
  gtk_stack_set_visible_child_name (self->main_stack, "clinic");
  gtk_stack_set_visible_child_name (self->content_stack, "dashboard");
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
  update_actions (self);
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
  refresh_clients (self);
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
  refresh_clients (self);
  palpate_window_toast (self, _("Visit signed"));
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
      update_actions (self);
      return;
    }

  open_path (self, g_task_get_task_data (G_TASK (result)));
  palpate_window_toast (self, _("This is the demo clinic; your own clinic is one click away in the main menu"));
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
      open_path (self, path);
      return;
    }

  self->writing_demo = TRUE;
  gtk_button_set_label (GTK_BUTTON (self->demo_button), _("Writing the Demo Clinic…"));
  update_actions (self);

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

  open_path (self, self->database_path);
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

  if (!palpate_backup_restore (backup, self->open_path, NULL, &error))
    {
      palpate_window_toast (self, error->message);
      return;
    }

  if (open_path (self, self->open_path))
    palpate_window_toast (self, _("The backup was restored; the damaged file was kept beside it"));
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

/* Window size */

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
  refresh_clients (self);
  show_clinic_or_empty (self);
  update_actions (self);
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

  close_store (self);

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
  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->clients);
  g_clear_pointer (&self->zoned_clients, g_hash_table_unref);
  g_clear_pointer (&self->listed_search, g_free);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->open_path, g_free);

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
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, client_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);

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
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.open-own-clinic", NULL,
                                   open_own_clinic_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL,
                                   restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.records-past-retention", NULL,
                                   records_past_retention_action);
  palpate_window_reports_class_init (widget_class);
  palpate_window_exchange_class_init (widget_class);
  palpate_window_session_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-client", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-visit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.edit-client", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.show-client", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "win.print-report", NULL);
}

/* Shown instead of rows when a search finds nobody. */
static GtkWidget *
no_match_placeholder (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (_("No client matches"));
  GtkWidget *hint = gtk_label_new (_("Search by part of a name or a phone number"));

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_justify (GTK_LABEL (hint), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), hint);
  return box;
}

static void
palpate_window_init (PalpateWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->clients = g_list_store_new (PALPATE_TYPE_CLIENT);
  self->zoned_clients = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_list_box_bind_model (self->client_list, G_LIST_MODEL (self->clients),
                           create_client_row_cb, self, NULL);
  gtk_list_box_set_placeholder (self->client_list, no_match_placeholder ());

  palpate_window_reports_init (self);
  palpate_window_session_init (self);
  folded_changed_cb (self);
  update_actions (self);
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

  return open_path (self, path);
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
      show_client (self, palpate_visit_get_client_id (latest));
      if (visit)
        open_visit (self, palpate_visit_get_id (latest));
      return;
    }

  clients = palpate_store_search_clients (self->store, NULL, 1, NULL);
  if (clients != NULL && clients->len > 0)
    show_client (self, palpate_client_get_id (clients->pdata[0]));
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
