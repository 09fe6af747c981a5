/* palpate-db-postgresql-connect.c — the first session with a clinic server: the connection's
 * defaults (a timeout, TLS that checks the server's name), and why a session could not be made,
 * in the store's words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <string.h>

#include "palpate-db-private.h"
#include "palpate-store-error.h"

/* @sslmode and @dbname, when not %NULL, override the conninfo's. */
static PGconn *
connect_with (const char *conninfo,
              const char *sslmode,
              const char *dbname)
{
  const char *keywords[7] = { "connect_timeout", "sslmode", "dbname", "client_encoding" };
  const char *values[7] = { "10", "verify-full", conninfo, "UTF8" };
  guint n = 4;

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
  return PQconnectdbParams (keywords, values, 1);
}

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
      PGconn *chain_only = connect_with (conninfo, "verify-ca", NULL);
      gboolean chain_passes = PQstatus (chain_only) == CONNECTION_OK;

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
    PGconn *maintenance = connect_with (conninfo, NULL, "postgres");
    gboolean reached = PQstatus (maintenance) == CONNECTION_OK;

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

  /* At the first session there are no changes on screen to keep: the sentence says what to
   * check instead. */
  g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE,
               _("The clinic server cannot be reached. Check that this computer is on the "
                 "clinic’s network and that the server is running, then try again."));
}

/* A session with the server @conninfo names, or %NULL with @error set to what the user should
 * check. */
gpointer
palpate_db_postgresql_open_session (const char  *conninfo,
                                    GError     **error)
{
  PGconn *conn = connect_with (conninfo, NULL, NULL);

  if (PQstatus (conn) != CONNECTION_OK)
    {
      set_connect_error (conn, conninfo, error);
      PQfinish (conn);
      return NULL;
    }

  return conn;
}
