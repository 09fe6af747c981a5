/* palpate-window-clients.c — the window's sidebar: the clinic's clients, searched and opened
 *
 * The sidebar is a list view over a PalpateClientList: the ids of every client matching the
 * search, whose rows are read only as they scroll into sight, so that a clinic of a hundred
 * thousand clients opens as fast as a small one and every client is reachable by scrolling.
 * One click on a row, or Enter on the focused row, opens the client.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-window"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-client-row.h"
#include "palpate-window-private.h"

/* A client opened from elsewhere (the latest visit, a search) shows in the sidebar too; the
 * list does not move when the row is already on screen. */
static void
scroll_to_selected (PalpateWindow *self)
{
  guint position = gtk_single_selection_get_selected (self->client_selection);

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->client_list), "list.scroll-to-item", "u",
                                position);
}

/* A list not laid out yet cannot scroll: it does once it has its size. */
static gboolean
scroll_to_selected_cb (GtkWidget     *list,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  PalpateWindow *self = PALPATE_WINDOW (user_data);

  if (gtk_widget_get_height (list) == 0)
    return G_SOURCE_CONTINUE;

  self->scroll_to_selected_id = 0;
  scroll_to_selected (self);
  return G_SOURCE_REMOVE;
}

static void
client_list_read_failed_cb (PalpateWindow *self,
                            const char    *message)
{
  palpate_window_toast (self, message);
}

static void
update_count (PalpateWindow *self)
{
  g_autofree char *text = NULL;
  guint n = self->clients ? g_list_model_get_n_items (G_LIST_MODEL (self->clients)) : 0;

  if (self->clients == NULL)
    text = g_strdup ("");
  else if (*palpate_client_list_get_search (self->clients) != '\0')
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n), n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client", "%u clients", n), n);

  gtk_label_set_text (self->client_count_label, text);
  gtk_stack_set_visible_child_name (self->client_list_stack,
                                    self->clients != NULL && n == 0 ? "no-match" : "clients");
}

/* The row's own click, so that one click opens the client (the list view alone selects on one
 * click and activates on two). */
static void
client_row_released_cb (GtkGestureClick *gesture,
                        int              n_press,
                        double           x,
                        double           y,
                        GtkListItem     *list_item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  PalpateWindow *self = PALPATE_WINDOW (gtk_widget_get_ancestor (row, PALPATE_TYPE_WINDOW));
  gint64 client_id;

  if (n_press != 1 || self == NULL || self->clients == NULL)
    return;

  client_id = palpate_client_list_get_id (self->clients, gtk_list_item_get_position (list_item));
  if (client_id > 0)
    palpate_window_show_client (self, client_id);
}

static void
on_client_factory_setup_cb (GtkSignalListItemFactory *factory,
                            GtkListItem              *list_item,
                            PalpateWindow            *self)
{
  GtkWidget *row = palpate_client_row_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (client_row_released_cb), list_item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));

  gtk_list_item_set_child (list_item, row);
}

static void
on_client_factory_bind_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *list_item,
                           PalpateWindow            *self)
{
  PalpateClient *client = gtk_list_item_get_item (list_item);
  gboolean zoned = self->clients != NULL &&
                   palpate_client_list_has_zones (self->clients, palpate_client_get_id (client));

  palpate_client_row_set_client (PALPATE_CLIENT_ROW (gtk_list_item_get_child (list_item)),
                                 client, zoned);
}

static void
on_client_list_activate_cb (PalpateWindow *self,
                            guint          position)
{
  gint64 client_id = self->clients ? palpate_client_list_get_id (self->clients, position) : 0;

  if (client_id > 0)
    palpate_window_show_client (self, client_id);
}

static void
list_search (PalpateWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->clients == NULL)
    return;

  if (!palpate_client_list_set_search (self->clients, text, &error))
    palpate_window_toast (self, error->message);

  update_count (self);
  palpate_window_select_client_row (self);
}

static void
search_changed_cb (PalpateWindow *self)
{
  list_search (self);
}

static void
search_activate_cb (PalpateWindow *self)
{
  gint64 first;

  if (self->clients == NULL)
    return;

  /* Enter may come before the search's short pause is over: list what is typed now, so that
   * the client opened is the first one shown for it, not for the text before. */
  if (g_strcmp0 (palpate_client_list_get_search (self->clients),
                 gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    list_search (self);

  first = palpate_client_list_get_id (self->clients, 0);
  if (first > 0)
    palpate_window_show_client (self, first);
}

/**
 * palpate_window_select_client_row:
 *
 * Marks the row of the client shown, if the search lists them.
 */
void
palpate_window_select_client_row (PalpateWindow *self)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->clients != NULL && self->client_id > 0)
    position = palpate_client_list_find (self->clients, self->client_id);
  if (position == G_MAXUINT)
    position = GTK_INVALID_LIST_POSITION;

  gtk_single_selection_set_selected (self->client_selection, position);

  if (position != GTK_INVALID_LIST_POSITION)
    {
      if (gtk_widget_get_height (GTK_WIDGET (self->client_list)) > 0)
        scroll_to_selected (self);
      else if (self->scroll_to_selected_id == 0)
        self->scroll_to_selected_id =
          gtk_widget_add_tick_callback (GTK_WIDGET (self->client_list),
                                        scroll_to_selected_cb, self, NULL);
    }
}

/**
 * palpate_window_list_clients:
 *
 * Lists the clients of the store now open, with no search (or none when no clinic is open).
 */
void
palpate_window_list_clients (PalpateWindow *self)
{
  g_autoptr(GError) error = NULL;

  gtk_single_selection_set_model (self->client_selection, NULL);
  g_clear_object (&self->clients);

  if (self->store != NULL)
    {
      self->clients = palpate_client_list_new (self->store);
      g_signal_connect_object (self->clients, "read-failed",
                               G_CALLBACK (client_list_read_failed_cb), self, G_CONNECT_SWAPPED);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      if (!palpate_client_list_set_search (self->clients, "", &error))
        palpate_window_toast (self, error->message);
      gtk_single_selection_set_model (self->client_selection, G_LIST_MODEL (self->clients));
    }

  update_count (self);
  palpate_window_select_client_row (self);
}

/**
 * palpate_window_reload_clients:
 *
 * Reads again which clients the search lists, after a client was added, renamed or removed,
 * and the row of the client shown, after a visit was recorded.
 */
void
palpate_window_reload_clients (PalpateWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->clients == NULL)
    return;

  if (!palpate_client_list_search_again (self->clients,
                                         gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                         &error))
    palpate_window_toast (self, error->message);
  if (self->client_id > 0)
    palpate_client_list_client_changed (self->clients, self->client_id);

  update_count (self);
  palpate_window_select_client_row (self);
}

void
palpate_window_clients_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_client_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_client_factory_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_client_list_activate_cb);
}
