/* palpate-window-rooms.c — what the other treatment rooms change, shown in this one
 *
 * On a clinic server several rooms have the clinic open at once. The store says when another
 * room wrote a client or a visit (PalpateStore::changed, palpate-store-listen.c) and the window
 * reads again what shows it: the sidebar's clients, the open client's page, and the open visit
 * when it is not being charted here. A draft open in this window is the therapist's work in
 * progress: reloading it would move the cursor and drop what was typed in the pause before it
 * is saved. It stays as it is, and a toast says that another room changed or signed it; the
 * next save here is then refused by the store with the reason (a visit signed next door is
 * refused as any signed visit is), and what was typed stays on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-window"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-window-private.h"

static gboolean
showing (PalpateWindow *self,
         const char    *page)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), page) == 0;
}

/* Nothing of the clinic is read while the sign-in page covers it: it is read when someone
 * signs in. */
static gboolean
clinic_shown (PalpateWindow *self)
{
  const char *main = gtk_stack_get_visible_child_name (self->main_stack);

  return g_strcmp0 (main, "clinic") == 0 || g_strcmp0 (main, "empty") == 0;
}

/* The client's row and, when shown, their page: what a visit recorded or signed changes. */
static void
client_row_changed (PalpateWindow *self,
                    gint64         client_id)
{
  g_autoptr(GError) error = NULL;

  if (self->clients != NULL)
    palpate_client_list_client_changed (self->clients, client_id);
  /* The row read again is a new item: the client shown keeps their row marked. */
  if (client_id == self->client_id)
    palpate_window_select_client_row (self);

  if (client_id == self->client_id && showing (self, "client") &&
      !palpate_client_page_load (self->client_page, self->store, client_id, &error))
    palpate_window_toast (self, error->message);
}

/* A client added, renamed or removed: the list may gain, lose or move a row. */
static void
client_changed (PalpateWindow *self,
                gint64         client_id)
{
  palpate_window_reload_clients (self);
  /* The first client, added at reception, takes the empty clinic's place. */
  palpate_window_show_clinic_or_empty (self);
  client_row_changed (self, client_id);
}

static void
visit_changed (PalpateWindow *self,
               gint64         visit_id)
{
  g_autoptr(PalpateVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  PalpateVisit *open = palpate_visit_page_get_visit (self->visit_page);

  visit = palpate_store_get_visit (self->store, visit_id, &error);
  if (visit == NULL)
    {
      /* A visit gone before this room read it concerns nothing shown here. */
      if (!g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND))
        palpate_window_toast (self, error->message);
      return;
    }

  /* A visit leaves the list's rows where they are: only its client's row says more. */
  client_row_changed (self, palpate_visit_get_client_id (visit));

  if (open == NULL || palpate_visit_get_id (open) != visit_id || !showing (self, "visit"))
    return;

  if (palpate_visit_get_status (open) == PALPATE_VISIT_SIGNED)
    {
      /* A signed visit is only read here: an amendment added next door shows at once. */
      if (!palpate_visit_page_load (self->visit_page, self->store, visit_id, &error))
        palpate_window_toast (self, error->message);
    }
  else
    {
      /* Shown as charted elsewhere, beside the title, as long as nothing is saved here. */
      palpate_visit_page_show_changed_elsewhere (self->visit_page, visit);
      if (palpate_visit_get_status (visit) == PALPATE_VISIT_SIGNED)
        palpate_window_toast (self, _("This visit was signed in another room; what is typed "
                                      "here can no longer be saved into it"));
      else
        palpate_window_toast (self, _("This visit was changed in another room"));
    }
}

/* Another room opened or left a draft: its client's visit list says which are open there. */
static void
charting_changed (PalpateWindow *self,
                  gint64         visit_id)
{
  g_autoptr(PalpateVisit) visit = NULL;
  g_autoptr(GError) error = NULL;

  /* Read only when a client's visits are on screen. */
  if (!showing (self, "client"))
    return;

  visit = palpate_store_get_visit (self->store, visit_id, NULL);
  if (visit != NULL && palpate_visit_get_client_id (visit) == self->client_id &&
      !palpate_client_page_load (self->client_page, self->store, self->client_id, &error))
    palpate_window_toast (self, error->message);
}

static void
store_changed_cb (PalpateWindow *self,
                  const char    *table,
                  gint64         id,
                  PalpateStore  *store)
{
  if (store != self->store || !clinic_shown (self))
    return;

  if (g_strcmp0 (table, "clients") == 0)
    client_changed (self, id);
  else if (g_strcmp0 (table, "visits") == 0)
    visit_changed (self, id);
  else if (g_strcmp0 (table, "charting") == 0)
    charting_changed (self, id);
}

/**
 * palpate_window_follow_rooms:
 *
 * Shows what the other rooms change in the clinic just opened, when it is on a clinic server
 * (a clinic file is open in one window at a time, and its store never emits "changed").
 */
void
palpate_window_follow_rooms (PalpateWindow *self)
{
  if (self->store == NULL || !palpate_store_is_on_server (self->store))
    return;

  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
}
