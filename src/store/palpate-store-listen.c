/* palpate-store-listen.c — what the other rooms change on a clinic server, as it happens
 *
 * Several treatment rooms share one clinic on a server; each must see at once the client that
 * reception added or the visit signed next door. The server's rules notify on the channel
 * "palpate" after every client and visit written (palpate-server-schema-rules.c), with the
 * table and the row's id as payload. The store listens on a second libpq session of its own,
 * since the first one runs the store's statements and may sit inside a transaction, where
 * notifications are not read. Its socket is watched on the main context: nothing polls, and
 * a notification becomes the store's "changed" signal within a round trip of the commit.
 *
 * When the server closes that session (a restart, the network gone), it is opened again every
 * few seconds until the server answers; then the store says that the clients may have changed
 * (the id 0), since what the other rooms wrote meanwhile was not heard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "palpate-store-private.h"

/* How often the session is tried again while the server is away. */
#define LISTEN_RETRY_SECONDS 3

static gboolean watch_session (PalpateStore *self);

/* A session of its own, on the same connection string as the store's (whose password, if the
 * location holds one, is never logged), listening on the channel "palpate". */
static gboolean
start_session (PalpateStore  *self,
               const char    *conninfo,
               GError       **error)
{
  PGconn *pg;
  PGresult *result;
  gboolean ok;

  self->listener = palpate_db_connect_postgresql (conninfo, error);
  if (self->listener == NULL)
    return FALSE;

  pg = palpate_db_get_pgconn (self->listener);
  result = PQexec (pg, "LISTEN palpate");
  ok = PQresultStatus (result) == PGRES_COMMAND_OK;
  PQclear (result);
  if (!ok || PQsetnonblocking (pg, 1) != 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE,
                   _("The clinic server did not let this computer follow the other rooms’ "
                     "changes."));
      g_clear_pointer (&self->listener, palpate_db_free);
      return FALSE;
    }

  return TRUE;
}

/* The session whose notifications are the store's own: what this store wrote, its window
 * already shows. Asked each time, as a lost session is made again with another pid. */
static int
own_backend_pid (PalpateStore *self)
{
  PGconn *pg = self->conn ? palpate_db_get_pgconn (self->conn) : NULL;

  return pg != NULL ? PQbackendPID (pg) : 0;
}

static void
emit_notification (PalpateStore   *self,
                   const PGnotify *notify)
{
  g_auto(GStrv) words = NULL;
  gint64 id;

  if (notify->be_pid == own_backend_pid (self) || g_strcmp0 (notify->relname, "palpate") != 0)
    return;

  /* "clients 12", "visits 40": anything else comes from a newer Palpate and is left alone. */
  words = g_strsplit (notify->extra, " ", 2);
  if (g_strv_length (words) != 2)
    return;
  id = g_ascii_strtoll (words[1], NULL, 10);
  if (id <= 0)
    return;

  palpate_store_emit_changed (self, words[0], id);
}

static gboolean
retry_cb (gpointer user_data)
{
  PalpateStore *self = user_data;

  if (!start_session (self, self->listener_conninfo, NULL))
    return G_SOURCE_CONTINUE;

  self->listener_retry = 0;
  watch_session (self);
  /* What the other rooms wrote while the session was away was not heard. */
  palpate_store_emit_changed (self, "clients", 0);
  return G_SOURCE_REMOVE;
}

/* On the store's main context, as the socket's watch. */
static void
schedule_retry (PalpateStore *self)
{
  g_autoptr(GSource) source = g_timeout_source_new_seconds (LISTEN_RETRY_SECONDS);

  g_source_set_callback (source, retry_cb, self, NULL);
  g_source_set_static_name (source, "[palpate] clinic server notifications, again");
  self->listener_retry = g_source_attach (source, self->listener_context);
}

static void
remove_source (PalpateStore *self,
               guint        *id)
{
  if (*id != 0 && self->listener_context != NULL)
    {
      GSource *source = g_main_context_find_source_by_id (self->listener_context, *id);

      if (source != NULL)
        g_source_destroy (source);
    }
  *id = 0;
}

static gboolean
listener_readable_cb (int           fd,
                      GIOCondition  condition,
                      gpointer      user_data)
{
  PalpateStore *self = user_data;
  g_autoptr(GPtrArray) notifications = g_ptr_array_new_with_free_func (PQfreemem);
  PGconn *pg = palpate_db_get_pgconn (self->listener);
  PGnotify *notify;

  if (!PQconsumeInput (pg) || PQstatus (pg) != CONNECTION_OK)
    {
      g_debug ("The clinic server closed the session that follows the other rooms");
      self->listener_source = 0;
      g_clear_pointer (&self->listener, palpate_db_free);
      schedule_retry (self);
      return G_SOURCE_REMOVE;
    }

  /* Gathered first: a handler may close the store, and the session with it. */
  while ((notify = PQnotifies (pg)) != NULL)
    g_ptr_array_add (notifications, notify);

  g_object_ref (self);
  for (guint i = 0; i < notifications->len && self->listener != NULL; i++)
    emit_notification (self, notifications->pdata[i]);
  g_object_unref (self);

  return G_SOURCE_CONTINUE;
}

/* Watches the session's socket on the store's main context. */
static gboolean
watch_session (PalpateStore *self)
{
  g_autoptr(GSource) source = NULL;
  int fd = PQsocket (palpate_db_get_pgconn (self->listener));

  source = g_unix_fd_source_new (fd, G_IO_IN | G_IO_ERR | G_IO_HUP);
  g_source_set_callback (source, G_SOURCE_FUNC (listener_readable_cb), self, NULL);
  g_source_set_static_name (source, "[palpate] clinic server notifications");
  self->listener_source = g_source_attach (source, self->listener_context);
  return TRUE;
}

/**
 * palpate_store_listen:
 * @conninfo: the libpq connection string of the store's own session
 *
 * Opens the session that follows the other rooms' changes and watches it on the thread-default
 * main context, where "changed" is then emitted: a store is used on the thread that opened it.
 * Called once a store is open on a server. A store that cannot follow the others is not
 * opened: a room that did not see what the others write would show a client list or a visit
 * that is no longer true, with nothing to say so.
 */
gboolean
palpate_store_listen (PalpateStore  *self,
                      const char    *conninfo,
                      GError       **error)
{
  g_return_val_if_fail (self->listener == NULL, FALSE);

  if (!start_session (self, conninfo, error))
    return FALSE;

  self->listener_conninfo = g_strdup (conninfo);
  self->listener_context = g_main_context_ref_thread_default ();
  return watch_session (self);
}

/* A store opened on another thread (palpate_store_open_with_password_async()) follows the
 * other rooms on the thread-default main context of the thread that now has it. */
void
palpate_store_follow_on_thread_default (PalpateStore *self)
{
  gboolean retrying = self->listener_retry != 0;

  if (self->listener_context == NULL)
    return;

  remove_source (self, &self->listener_source);
  remove_source (self, &self->listener_retry);
  g_main_context_unref (self->listener_context);
  self->listener_context = g_main_context_ref_thread_default ();
  if (self->listener != NULL)
    watch_session (self);
  else if (retrying)
    schedule_retry (self);
}

/* Stops following the other rooms: the store is being closed. */
void
palpate_store_stop_listening (PalpateStore *self)
{
  remove_source (self, &self->listener_source);
  remove_source (self, &self->listener_retry);
  g_clear_pointer (&self->listener_context, g_main_context_unref);
  g_clear_pointer (&self->listener, palpate_db_free);
  if (self->listener_conninfo != NULL)
    {
      /* It may hold a password. */
      memset (self->listener_conninfo, 0, strlen (self->listener_conninfo));
      g_clear_pointer (&self->listener_conninfo, g_free);
    }
}
