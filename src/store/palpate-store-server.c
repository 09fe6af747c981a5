/* palpate-store-server.c — a clinic opened on a clinic server (PostgreSQL) instead of a file
 *
 * The store's API is the same on both back ends. A server clinic has no file around it: no
 * lock (the server serialises the rooms' transactions), no journal mode, no header to check and
 * no backups folder (`palpate migrate --to FILE` copies it out). A new, empty database is
 * given the clinic's schema, identity and first audit entries in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <string.h>

#include "palpate-migrate.h"
#include "palpate-server-schema.h"
#include "palpate-store-error.h"
#include "palpate-store-private.h"

/* The location with TLS checked against the server's name unless it says otherwise. */
static char *
with_default_sslmode (const char *location)
{
  if (strstr (location, "sslmode=") != NULL)
    return g_strdup (location);
  return g_strconcat (location, strchr (location, '?') ? "&" : "?", "sslmode=verify-full",
                      NULL);
}

/* A clinic is made only in an empty database: tables of another program's are left alone. */
static gboolean
database_is_empty (PalpateStore  *self,
                   GError       **error)
{
  PalpateDbStatement *stmt;
  gint64 n_tables = -1;

  stmt = palpate_store_db_prepare (self,
                                   "SELECT count(*) FROM information_schema.tables "
                                   "WHERE table_schema = current_schema ()",
                                   error);
  if (stmt == NULL)
    return FALSE;
  if (palpate_db_step (stmt, error) == PALPATE_DB_ROW)
    n_tables = palpate_db_column_int64 (stmt, 0);
  palpate_db_reset (stmt);
  if (n_tables < 0)
    return FALSE;
  if (n_tables > 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_PALPATE,
                   _("This database on the clinic server holds another program’s tables, not "
                     "a Palpate clinic. Palpate makes a clinic only in a new, empty "
                     "database."));
      return FALSE;
    }
  return TRUE;
}

/* An empty database becomes a clinic: the schema, the built-in techniques, the clinic's
 * identity and its audit key, and the chain's first entry, all or nothing. */
static gboolean
create_server_clinic (PalpateStore  *self,
                      GError       **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  PGconn *pg = palpate_db_get_pgconn (palpate_store_get_conn (self));

  return palpate_store_transaction_begin (&transaction, self, error) &&
         palpate_server_schema_create (pg, error) &&
         palpate_store_audit_rekey (self, error) &&
         palpate_store_audit_append (self, "migrate", "schema", PALPATE_STORE_SCHEMA_VERSION,
                                     NULL, error) &&
         palpate_store_transaction_commit (&transaction, error);
}

/**
 * palpate_store_open_server:
 * @self: a new store, whose path is the server's location
 *
 * Connects to the clinic server and opens its clinic, making one in an empty database when
 * @create. Called by palpate_store_open_full() for a postgresql:// location.
 */
gboolean
palpate_store_open_server (PalpateStore  *self,
                           gboolean       create,
                           GError       **error)
{
  g_autofree char *conninfo = with_default_sslmode (self->path);
  g_autoptr(GError) local_error = NULL;
  gint64 version;

  self->conn = palpate_db_connect_postgresql (conninfo, error);
  if (self->conn == NULL)
    return FALSE;

  version = palpate_server_schema_version (palpate_db_get_pgconn (self->conn), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (version > PALPATE_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_TOO_NEW,
                   _("A newer version of Palpate keeps the clinic on this server; update "
                     "Palpate to open it."));
      return FALSE;
    }

  if (version == 0)
    {
      if (!create || self->read_only)
        {
          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_FILE,
                       _("This database on the clinic server holds no Palpate clinic."));
          return FALSE;
        }
      if (!database_is_empty (self, error) || !create_server_clinic (self, error))
        return FALSE;
      self->created = TRUE;
    }

  /* The window of each room follows the others' changes; a store that only reads (a report, a
   * copy) has no window to update. */
  return palpate_store_audit_open (self, error) &&
         (self->read_only || palpate_store_listen (self, conninfo, error));
}

gboolean
palpate_store_is_on_server (PalpateStore *self)
{
  return self->conn != NULL && palpate_db_get_kind (self->conn) == PALPATE_DB_POSTGRESQL;
}

/**
 * palpate_store_describe_server:
 * @location: a postgresql:// location
 *
 * What a therapist is shown of a clinic server's location: its database and its host, never
 * the user or the password the location may hold.
 *
 * Returns: (transfer full): for example “clinic” on db.example.org
 */
char *
palpate_store_describe_server (const char *location)
{
  PQconninfoOption *options;
  g_autofree char *dbname = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (location != NULL, NULL);

  options = PQconninfoParse (location, NULL);
  for (PQconninfoOption *option = options; option && option->keyword; option++)
    {
      if (strcmp (option->keyword, "dbname") == 0 && option->val != NULL)
        dbname = g_strdup (option->val);
      else if (strcmp (option->keyword, "host") == 0 && option->val != NULL)
        host = g_strdup (option->val);
    }
  if (options != NULL)
    PQconninfoFree (options);

  /* libpq's own defaults: the user's name for the database, this computer's socket. */
  if (dbname == NULL || *dbname == '\0')
    return g_strdup (_("the clinic server"));
  if (host == NULL || *host == '\0')
    return g_strdup_printf (_("“%s” on this computer"), dbname);
  /* TRANSLATORS: a database on a clinic server, e.g. “clinic” on db.example.org */
  return g_strdup_printf (_("“%s” on %s"), dbname, host);
}
