/* palpate-db-postgresql-connect.c — the first session with a clinic server: the connection's
 * defaults (a timeout, TLS that checks the server's name), waiting for it without blocking a
 * cancel, and why a session could not be made, in the store's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "palpate-db-private.h"
#include "palpate-store-error.h"

/* How waiting for a session ended. */
typedef enum
{
  SESSION_MADE,
  SESSION_FAILED,      /* the server, or the network, said no */
  SESSION_TIMED_OUT,   /* nothing answered within the connection's timeout */
  SESSION_CANCELLED,
} SessionOutcome;

static const char *
conninfo_value (PGconn     *conn,
                const char *keyword,
                char      **value)
{
  PQconninfoOption *options = PQconninfo (conn);

  *value = NULL;
  for (PQconninfoOption *option = options; option && option->keyword; option++)
    if (strcmp (option->keyword, keyword) == 0 && option->val != NULL)
      *value = g_strdup (option->val);
  PQconninfoFree (options);
  return *value;
}

/* Waits for the session @conn is making (PQconnectStartParams()), as PQconnectdb() would, for
 * up to its connect_timeout (the whole attempt, over every host it names); gives up at once
 * when the thread's current cancellable (g_cancellable_get_current()) is cancelled, so that a
 * window that stopped waiting does not leave a thread trying. */
static SessionOutcome
wait_for_session (PGconn *conn)
{
  GCancellable *cancellable = g_cancellable_get_current ();
  PostgresPollingStatusType polling = PGRES_POLLING_WRITING;
  g_autofree char *timeout = NULL;
  SessionOutcome outcome;
  GPollFD fds[2];
  guint n_fds = 1;
  gint64 deadline = -1;
  int seconds;

  if (conn == NULL || PQstatus (conn) == CONNECTION_BAD)
    return SESSION_FAILED;

  /* As libpq reads it: none, 0 or less waits for ever, and less than 2 s is 2 s. */
  seconds = atoi (conninfo_value (conn, "connect_timeout", &timeout) ? timeout : "0");
  if (seconds > 0)
    deadline = g_get_monotonic_time () + MAX (seconds, 2) * G_USEC_PER_SEC;
  if (g_cancellable_make_pollfd (cancellable, &fds[1]))
    n_fds = 2;

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      int wait_ms = -1;

      if (polling == PGRES_POLLING_OK || polling == PGRES_POLLING_FAILED)
        {
          outcome = polling == PGRES_POLLING_OK ? SESSION_MADE : SESSION_FAILED;
          break;
        }
      if (g_cancellable_is_cancelled (cancellable))
        {
          outcome = SESSION_CANCELLED;
          break;
        }
      if (deadline >= 0 && now >= deadline)
        {
          outcome = SESSION_TIMED_OUT;
          break;
        }
      if (deadline >= 0)
        wait_ms = (int) MAX (1, (deadline - now) / 1000);

      /* The socket may change from one call to the next (another host, another try). */
      fds[0].fd = PQsocket (conn);
      fds[0].events = polling == PGRES_POLLING_READING ? G_IO_IN : G_IO_OUT;
      fds[0].revents = 0;
      if (fds[0].fd < 0)
        {
          outcome = SESSION_FAILED;
          break;
        }
      if (g_poll (fds, n_fds, wait_ms) < 0 && errno != EINTR)
        {
          outcome = SESSION_FAILED;
          break;
        }
      if (fds[0].revents != 0)
        polling = PQconnectPoll (conn);
    }

  if (n_fds == 2)
    g_cancellable_release_fd (cancellable);
  return outcome;
}

/* A session with @conninfo, whose @sslmode and @dbname, when not %NULL, override the
 * conninfo's; *@outcome says how waiting for it ended. */
static PGconn *
connect_with (const char     *conninfo,
              const char     *sslmode,
              const char     *dbname,
              SessionOutcome *outcome)
{
  const char *keywords[7] = { "connect_timeout", "sslmode", "dbname", "client_encoding" };
  const char *values[7] = { "10", "verify-full", conninfo, "UTF8" };
  guint n = 4;
  PGconn *conn;

  if (sslmode != NULL)
    {
      keywords[n] = "sslmode";
      values[n++] = sslmode;
    }
  if (dbname != NULL)
    {
      keywords[n] = "dbname";
      values[n++] = dbname;
    }

  /* dbname holding a whole conninfo is expanded: what it says overrides the keywords before
   * it (a server that does not answer is given up after 10 s, and its certificate must be
   * valid and match its name, unless the location says otherwise; a Unix socket has no TLS),
   * and the keywords after it override it (a later dbname is a plain name). */
  conn = PQconnectStartParams (keywords, values, 1);
  *outcome = wait_for_session (conn);
  return conn;
}

/* At the first session there are no changes on screen to keep: the sentence says what to check
 * instead. */
static void
set_unreachable_error (GError **error)
{
  g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE,
               _("The clinic server cannot be reached. Check that this computer is on the "
                 "clinic’s network and that the server is running, then try again."));
}

static void
set_password_error (GError **error)
{
  g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
               _("The clinic server did not accept this computer’s user name or password."));
}

/* Why the first session could not be made, in words that do not depend on libpq's language. */
static void
set_connect_error (PGconn      *conn,
                   const char  *conninfo,
                   GError     **error)
{
  g_autofree char *sslmode = NULL;

  /* verify-full checks the certificate's chain and its name: if the chain alone passes, the
   * name is what failed. */
  if (g_strcmp0 (conninfo_value (conn, "sslmode", &sslmode), "verify-full") == 0)
    {
      SessionOutcome outcome;
      PGconn *chain_only = connect_with (conninfo, "verify-ca", NULL, &outcome);
      gboolean chain_passes = outcome == SESSION_MADE;

      PQfinish (chain_only);
      if (chain_passes)
        {
          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE,
                       _("The clinic server’s certificate does not match its name, so this "
                         "computer did not connect to it. Check the server’s address, or ask "
                         "whoever looks after the server to renew its certificate."));
          return;
        }
    }

  if (PQconnectionNeedsPassword (conn))
    {
      set_password_error (error);
      return;
    }

  /* The server answered, but not for this database: the same user, with the same password,
   * reaches the server's own (a server checks the password before the database's name). */
  {
    SessionOutcome outcome;
    PGconn *maintenance = connect_with (conninfo, NULL, "postgres", &outcome);
    gboolean reached = outcome == SESSION_MADE;

    PQfinish (maintenance);
    if (reached)
      {
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_FILE,
                     _("The clinic server has no database of that name, or does not let this "
                       "user open it. Check the database’s name."));
        return;
      }
  }

  if (PQconnectionUsedPassword (conn))
    {
      set_password_error (error);
      return;
    }

  set_unreachable_error (error);
}

/* A session with the server @conninfo names, or %NULL with @error set to what the user should
 * check: G_IO_ERROR_CANCELLED when the thread's current cancellable was cancelled meanwhile. A
 * server that did not answer in time is not asked again why. */
gpointer
palpate_db_postgresql_open_session (const char  *conninfo,
                                    GError     **error)
{
  SessionOutcome outcome;
  PGconn *conn = connect_with (conninfo, NULL, NULL, &outcome);

  switch (outcome)
    {
    case SESSION_MADE:
      return conn;

    case SESSION_CANCELLED:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                   _("Connecting to the clinic server was cancelled."));
      break;

    case SESSION_TIMED_OUT:
      set_unreachable_error (error);
      break;

    case SESSION_FAILED:
    default:
      if (conn == NULL)
        set_unreachable_error (error);
      else
        set_connect_error (conn, conninfo, error);
      break;
    }

  PQfinish (conn);
  return NULL;
}
