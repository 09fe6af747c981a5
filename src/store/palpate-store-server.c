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

/* The location with TLS checked against the server's name unless it says otherwise, and the
 * password when there is one (the store's own location never holds it). */
static char *
session_conninfo (const char *location,
                  const char *password)
{
  g_autofree char *checked = NULL;
  g_autofree char *escaped = NULL;
  char *conninfo;

  if (strstr (location, "sslmode=") != NULL)
    checked = g_strdup (location);
  else
    checked = g_strconcat (location, strchr (location, '?') ? "&" : "?", "sslmode=verify-full",
                           NULL);
  if (password == NULL || *password == '\0')
    return g_steal_pointer (&checked);

  escaped = g_uri_escape_string (password, NULL, FALSE);
  conninfo = g_strconcat (checked, strchr (checked, '?') ? "&" : "?", "password=", escaped,
                          NULL);
  memset (escaped, 0, strlen (escaped));
  return conninfo;
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

  /* The session is asked for once the transaction is open, so that the schema is made in it. */
  return palpate_store_transaction_begin (&transaction, self, error) &&
         palpate_server_schema_create (palpate_db_get_pgconn (palpate_store_get_conn (self)),
                                       error) &&
         palpate_store_audit_rekey (self, error) &&
         palpate_store_audit_append (self, "migrate", "schema", PALPATE_STORE_SCHEMA_VERSION,
                                     NULL, error) &&
         palpate_store_transaction_commit (&transaction, error);
}

/* The clinic in the database @conninfo's session reached, made in an empty one when @create. */
static gboolean
open_clinic (PalpateStore  *self,
             gboolean       create,
             const char    *conninfo,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 version;

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

/**
 * palpate_store_open_server:
 * @self: a new store, whose path is the server's location
 * @password: (nullable): the server's password for the location's user, when it asks one
 *
 * Connects to the clinic server and opens its clinic, making one in an empty database when
 * @create. Called by palpate_store_open_full() for a postgresql:// location. The password is
 * only in the sessions' own connection strings, wiped once they are made.
 */
gboolean
palpate_store_open_server (PalpateStore  *self,
                           gboolean       create,
                           const char    *password,
                           GError       **error)
{
  g_autofree char *conninfo = session_conninfo (self->path, password);
  gboolean opened;

  self->conn = palpate_db_connect_postgresql (conninfo, error);
  opened = self->conn != NULL && open_clinic (self, create, conninfo, error);
  memset (conninfo, 0, strlen (conninfo));
  return opened;
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

/**
 * palpate_store_server_location_new:
 * @host: the server's name or address, or the folder of its Unix socket
 * @port: (nullable): its port, or %NULL for PostgreSQL's own
 * @dbname: the clinic's database
 * @user: (nullable): the user this computer connects as, or %NULL for the account's name
 *
 * A clinic server's location as `palpate --database` takes it, without a password.
 *
 * Returns: (transfer full): a postgresql:// location
 */
char *
palpate_store_server_location_new (const char *host,
                                   const char *port,
                                   const char *dbname,
                                   const char *user)
{
  g_autofree char *escaped_db = NULL;
  g_autofree char *escaped_host = NULL;
  GString *location;

  g_return_val_if_fail (host != NULL && dbname != NULL, NULL);

  /* Every part as a parameter of the URI: an IPv6 address or a socket folder needs no other
   * form. */
  escaped_db = g_uri_escape_string (dbname, NULL, FALSE);
  escaped_host = g_uri_escape_string (host, NULL, FALSE);
  location = g_string_new ("postgresql:///");
  g_string_append_printf (location, "%s?host=%s", escaped_db, escaped_host);
  if (port != NULL && *port != '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (port, NULL, FALSE);

      g_string_append_printf (location, "&port=%s", escaped);
    }
  if (user != NULL && *user != '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (user, NULL, FALSE);

      g_string_append_printf (location, "&user=%s", escaped);
    }
  return g_string_free (location, FALSE);
}

/**
 * palpate_store_server_location_parts:
 * @location: a postgresql:// location
 * @host: (out) (transfer full) (optional): its host, or %NULL
 * @port: (out) (transfer full) (optional): its port, or %NULL
 * @dbname: (out) (transfer full) (optional): its database, or %NULL
 * @user: (out) (transfer full) (optional): its user, or %NULL
 *
 * The parts of a clinic server's location, to show them for editing.
 *
 * Returns: whether @location could be read
 */
gboolean
palpate_store_server_location_parts (const char  *location,
                                     char       **host,
                                     char       **port,
                                     char       **dbname,
                                     char       **user)
{
  struct { const char *keyword; char **value; } parts[] = {
    { "host", host }, { "port", port }, { "dbname", dbname }, { "user", user },
  };
  PQconninfoOption *options;

  g_return_val_if_fail (location != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i].value != NULL)
      *parts[i].value = NULL;

  if (!palpate_migrate_is_server_location (location) ||
      (options = PQconninfoParse (location, NULL)) == NULL)
    return FALSE;

  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
      if (parts[i].value != NULL && option->val != NULL && *option->val != '\0' &&
          strcmp (option->keyword, parts[i].keyword) == 0)
        *parts[i].value = g_strdup (option->val);
  PQconninfoFree (options);
  return TRUE;
}

/* Opening a clinic server without blocking the window */

typedef struct
{
  char                  *location;
  char                  *password;
  PalpateStoreOpenFlags  flags;
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *open = data;

  g_free (open->location);
  if (open->password != NULL)
    {
      memset (open->password, 0, strlen (open->password));
      g_free (open->password);
    }
  g_free (open);
}

/* On a worker thread: a main context of its own is the thread-default while the store opens,
 * so that nothing of it runs on the caller's before the caller has it; @cancellable is the
 * thread's current one, which stops the connection attempt (palpate-db-postgresql-connect.c). */
static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *open = task_data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  PalpateStore *store;

  g_main_context_push_thread_default (context);
  if (cancellable != NULL)
    g_cancellable_push_current (cancellable);
  store = palpate_store_open_with_password (open->location, open->password, open->flags,
                                            &error);
  if (cancellable != NULL)
    g_cancellable_pop_current (cancellable);
  g_main_context_pop_thread_default (context);

  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/**
 * palpate_store_open_with_password_async:
 * @cancellable: (nullable): cancels opening the store: the connection attempt stops, or a
 *   store opened meanwhile is closed
 *
 * palpate_store_open_with_password() on a thread of its own, for a window that stays
 * responsive while a distant server answers (or does not, for up to the connection's timeout).
 * Call palpate_store_open_with_password_finish() in @callback, on the thread that called this.
 */
void
palpate_store_open_with_password_async (const char             *location,
                                        const char             *password,
                                        PalpateStoreOpenFlags   flags,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *open;

  g_return_if_fail (palpate_migrate_is_server_location (location));

  open = g_new0 (OpenData, 1);
  open->location = g_strdup (location);
  open->password = g_strdup (password);
  open->flags = flags;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, palpate_store_open_with_password_async);
  g_task_set_name (task, "[palpate] open a clinic server");
  g_task_set_task_data (task, open, open_data_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * palpate_store_open_with_password_finish:
 *
 * Returns: (transfer full): the store, which follows the other rooms on the thread-default
 *   main context of the caller, or %NULL with @error set (G_IO_ERROR_CANCELLED if cancelled)
 */
PalpateStore *
palpate_store_open_with_password_finish (GAsyncResult  *result,
                                         GError       **error)
{
  PalpateStore *store;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  store = g_task_propagate_pointer (G_TASK (result), error);
  if (store != NULL)
    palpate_store_follow_on_thread_default (store);
  return store;
}
