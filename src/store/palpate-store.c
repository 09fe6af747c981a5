/* palpate-store.c — the clinic store: the object, opening and closing the file
 *
 * Opening never writes to a file until it is known to be a healthy Palpate clinic: the header,
 * permissions, application id, schema version and, when the file is about to change, a quick
 * check come first. Only then is the journal switched to WAL and the schema brought up to date,
 * each step in its own transaction after a backup. A file that needs no change opens without
 * reading it whole; palpate-store-health.c checks it and makes the daily backup afterwards, for
 * the window. A read-only open (reports, the audit check) changes nothing and pays for neither.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "palpate-backup.h"
#include "palpate-store-files.h"
#include "palpate-migrate.h"
#include "palpate-store-private.h"

enum {
  PROP_0,
  PROP_PATH,
  PROP_ACTOR,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PalpateStore, palpate_store, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
palpate_store_finalize (GObject *object)
{
  PalpateStore *self = PALPATE_STORE (object);

  palpate_store_close (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_object (&self->signed_in);
  palpate_store_audit_clear (&self->audit);

  G_OBJECT_CLASS (palpate_store_parent_class)->finalize (object);
}

static void
palpate_store_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PalpateStore *self = PALPATE_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_store_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PalpateStore *self = PALPATE_STORE (object);

  switch (prop_id)
    {
    case PROP_ACTOR:
      palpate_store_set_actor (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_store_class_init (PalpateStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = palpate_store_finalize;
  object_class->get_property = palpate_store_get_property;
  object_class->set_property = palpate_store_set_property;

  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * PalpateStore:actor:
   *
   * Who makes the changes, as the audit log records it: the therapist at the computer.
   */
  properties [PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PalpateStore::changed:
   * @table: the table of the row, "clients" or "visits"; or "charting" when another room
   *   opened or left the draft visit @id (palpate-store-presence.c)
   * @id: the row's id, or 0 for any row of @table (after the server was away, what the other
   *   rooms wrote meanwhile was not heard)
   *
   * On a clinic server, another room wrote the row (palpate-store-listen.c); emitted on the
   * main context that was the thread's default when the store was opened. Never for what this
   * store writes itself, nor on a clinic file, which one window at a time has open.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);
}

static void
palpate_store_init (PalpateStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->lock_fd = -1;
  self->actor = g_strdup (g_get_real_name ());
  if (self->actor == NULL || *self->actor == '\0' || g_strcmp0 (self->actor, "Unknown") == 0)
    {
      g_free (self->actor);
      self->actor = g_strdup (g_get_user_name ());
    }
}

/**
 * palpate_store_open:
 * @path: the clinic file; created (mode 0600, in a 0700 folder) if it does not exist
 *
 * Opens a clinic file to read and write, making a new clinic when there is none: what the
 * window does on its first run. See palpate_store_open_full().
 *
 * Returns: (transfer full): the store, or %NULL with @error in PALPATE_STORE_ERROR
 */
PalpateStore *
palpate_store_open (const char  *path,
                    GError     **error)
{
  return palpate_store_open_full (path, PALPATE_STORE_OPEN_CREATE, error);
}

/**
 * palpate_store_open_with_password:
 * @location: a clinic server's postgresql:// location
 * @password: (nullable): the server's password for the location's user
 * @flags: as for palpate_store_open_full()
 *
 * palpate_store_open_full() for a clinic server that asks a password, which the location
 * (shown, remembered in the settings) must never hold.
 *
 * Returns: (transfer full): the store, or %NULL with @error in PALPATE_STORE_ERROR
 */
PalpateStore *
palpate_store_open_with_password (const char             *location,
                                  const char             *password,
                                  PalpateStoreOpenFlags   flags,
                                  GError                **error)
{
  g_autoptr(PalpateStore) self = NULL;

  g_return_val_if_fail (palpate_migrate_is_server_location (location), NULL);

  self = g_object_new (PALPATE_TYPE_STORE, NULL);
  self->path = g_strdup (location);
  self->read_only = (flags & PALPATE_STORE_OPEN_READ_ONLY) != 0;
  if (!palpate_store_open_server (self, (flags & PALPATE_STORE_OPEN_CREATE) != 0, password,
                                  error))
    return NULL;
  return g_steal_pointer (&self);
}

/* A new clinic is built under a temporary name and renamed when complete, so that a crash
 * while it is made never leaves a half-made clinic behind. */
static gboolean
create_clinic (const char  *path,
               GError     **error)
{
  g_autofree char *temporary = palpate_store_files_temporary (path, "new");
  g_autoptr(PalpateStore) fresh = NULL;

  palpate_store_files_remove (temporary);
  if (!palpate_store_create_private_file (temporary, error))
    return FALSE;

  fresh = g_object_new (PALPATE_TYPE_STORE, NULL);
  fresh->path = g_strdup (temporary);
  if (!palpate_store_open_connection (fresh, TRUE, error) ||
      !palpate_store_migrate (fresh, 0, TRUE, error) ||
      !palpate_store_exec (fresh, "PRAGMA wal_checkpoint(TRUNCATE)", error))
    {
      g_clear_object (&fresh);
      palpate_store_files_remove (temporary);
      return FALSE;
    }
  g_clear_object (&fresh);

  if (!palpate_store_files_fsync (temporary, FALSE, error))
    {
      palpate_store_files_remove (temporary);
      return FALSE;
    }

  if (g_rename (temporary, path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = palpate_store_files_display (path);

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The clinic file “%s” cannot be created: %s."), display,
                   g_strerror (saved_errno));
      palpate_store_files_remove (temporary);
      return FALSE;
    }
  palpate_store_files_remove (temporary);

  {
    g_autofree char *folder = g_path_get_dirname (path);

    return palpate_store_files_fsync (folder, TRUE, error);
  }
}

static void
set_missing_error (const char  *path,
                   GError     **error)
{
  g_autofree char *display = palpate_store_files_display (path);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *folder_display = palpate_store_files_display (folder);

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_FILE,
                 _("There is no folder “%s”, so there is no clinic file “%s”. Check the name; "
                   "nothing was created."), folder_display, display);
  else
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_FILE,
                 _("There is no clinic file “%s”. Check the name; nothing was created."),
                 display);
}

/* The file on a disk that is full: opening writes the journal's shared memory and the daily
 * backup, so it says what happened rather than "the change could not be saved". */
static void
reword_open_error (PalpateStore  *self,
                   GError       **error)
{
  g_autofree char *display = NULL;

  if (error == NULL || *error == NULL ||
      !g_error_matches (*error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL))
    return;

  display = palpate_store_files_display (self->path);
  g_clear_error (error);
  g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL,
               _("The disk is full, so the clinic file “%s” could not be opened. Free some "
                 "space and try again; nothing in the file was changed."), display);
}

/* Opening read-only in a folder where SQLite may not create the journal's shared memory: the
 * file is then read as it stands on disk, which is all there is when nothing else can write
 * in that folder. */
static gboolean
reopen_immutable (PalpateStore *self)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *uri = NULL;
  GStatBuf st;

  if (g_stat (wal, &st) == 0 && st.st_size > 0)
    return FALSE;

  uri = g_filename_to_uri (self->path, NULL, NULL);
  if (uri == NULL)
    return FALSE;

  g_clear_pointer (&self->conn, palpate_db_free);
  g_hash_table_remove_all (self->statements);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
  {
    g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

    if (sqlite3_open_v2 (immutable, &self->db,
                         SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW,
                         NULL) != SQLITE_OK)
      return FALSE;
  }
  self->conn = palpate_db_new_sqlite (self->db);
  return TRUE;
}

/**
 * palpate_store_open_full:
 * @path: the clinic file
 * @flags: whether to make a new clinic when there is none, whether to only read
 *
 * Opens a clinic file, checking it first and changing nothing in a file that is not a healthy
 * Palpate clinic. A missing file is refused (with PALPATE_STORE_ERROR_NO_FILE) unless @flags
 * has %PALPATE_STORE_OPEN_CREATE. A store that writes holds the clinic's lock until it is
 * closed, so that no restore runs under it.
 *
 * Returns: (transfer full): the store, or %NULL with @error in PALPATE_STORE_ERROR
 */
PalpateStore *
palpate_store_open_full (const char             *path,
                         PalpateStoreOpenFlags   flags,
                         GError                **error)
{
  g_autoptr(PalpateStore) self = NULL;
  g_autofree char *folder = NULL;
  GStatBuf st;
  gboolean is_new = FALSE;
  gboolean read_only = (flags & PALPATE_STORE_OPEN_READ_ONLY) != 0;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  /* A clinic on a clinic server: no file around it. */
  if (palpate_migrate_is_server_location (path))
    return palpate_store_open_with_password (path, NULL, flags, error);

  self = g_object_new (PALPATE_TYPE_STORE, NULL);

  self->path = g_canonicalize_filename (path, NULL);
  self->read_only = read_only;
  folder = g_path_get_dirname (self->path);

  if (g_stat (self->path, &st) != 0)
    {
      if (errno != ENOENT)
        {
          int saved_errno = errno;
          g_autofree char *display = palpate_store_files_display (self->path);

          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                       _("The clinic file “%s” cannot be opened: %s."), display,
                       g_strerror (saved_errno));
          return NULL;
        }

      if ((flags & PALPATE_STORE_OPEN_CREATE) == 0 || read_only)
        {
          set_missing_error (self->path, error);
          return NULL;
        }

      if (!create_clinic (self->path, error))
        return NULL;
      is_new = TRUE;
    }
  else
    {
      if (!S_ISREG (st.st_mode))
        {
          g_autofree char *display = palpate_store_files_display (self->path);

          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_PALPATE,
                       _("“%s” is not a Palpate clinic file."), display);
          return NULL;
        }

      if (!palpate_store_check_header (self->path, st.st_size, error))
        return NULL;

      /* A file whose owner took away the write permission is treated as read-only even by an
       * administrator, who could write it anyway. */
      if (!read_only && ((st.st_mode & S_IWUSR) == 0 || g_access (self->path, W_OK) != 0))
        {
          g_autofree char *display = palpate_store_files_display (self->path);

          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_READ_ONLY,
                       _("The clinic file “%s” is read-only, so changes cannot be saved. Check "
                         "the file’s permissions."), display);
          return NULL;
        }
    }

  if (!read_only)
    {
      g_autofree char *base = g_path_get_basename (self->path);

      palpate_store_files_remove_stale (folder, base);
      if ((flags & PALPATE_STORE_OPEN_LOCKED) == 0)
        {
          self->lock_fd = palpate_store_files_lock (self->path, FALSE, error);
          if (self->lock_fd < 0)
            return NULL;
        }
    }

  if (!palpate_store_open_connection (self, FALSE, error))
    return NULL;

  if (!palpate_store_check_existing (self, &version, read_only ? NULL : error))
    {
      if (!read_only)
        {
          reword_open_error (self, error);
          return NULL;
        }

      /* Read-only in a folder where nothing may be created: the file as it is on disk. */
      if (reopen_immutable (self))
        palpate_store_configure_connection (self, NULL);
      if (!palpate_store_check_existing (self, &version, error))
        {
          reword_open_error (self, error);
          return NULL;
        }
    }

  if (read_only)
    {
      if (version < PALPATE_STORE_SCHEMA_VERSION)
        {
          g_autofree char *display = palpate_store_files_display (self->path);

          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_TOO_OLD,
                       _("The clinic file “%s” was written by an earlier version of Palpate. "
                         "Open it in Palpate once so that it is brought up to date, then try "
                         "again; it was left as it is."), display);
          return NULL;
        }
      return g_steal_pointer (&self);
    }

  /* The quick check reads every page: only a file about to change (a new journal mode, a
   * migration) pays for it here; palpate-store-health.c checks the others once the window is
   * shown. */
  if (!is_new && !palpate_store_check_before_change (self, version, error))
    {
      reword_open_error (self, error);
      return NULL;
    }

  rc = sqlite3_exec (self->db,
                     "PRAGMA journal_mode = WAL;"
                     "PRAGMA synchronous = FULL;",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      reword_open_error (self, error);
      return NULL;
    }

  /* A keyed chain is extended with its key, from the first entry (the backup before a
   * migration) on. */
  if (version >= PALPATE_STORE_SCHEMA_KEYED && !palpate_store_audit_open (self, error))
    return NULL;

  if (version < PALPATE_STORE_SCHEMA_VERSION &&
      !palpate_store_migrate (self, version, FALSE, error))
    {
      reword_open_error (self, error);
      return NULL;
    }

  if (!palpate_store_audit_open (self, error))
    return NULL;

  self->created = is_new;

  return g_steal_pointer (&self);
}

gboolean
palpate_store_is_read_only (PalpateStore *self)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), TRUE);

  return self->read_only;
}

/**
 * palpate_store_close:
 *
 * Closes the file; later calls fail. Called by finalize.
 */
void
palpate_store_close (PalpateStore *self)
{
  g_return_if_fail (PALPATE_IS_STORE (self));

  palpate_store_stop_listening (self);

  /* The statements go first, each connection's before the connection itself. */
  g_clear_pointer (&self->conn, palpate_db_free);
  if (self->db != NULL)
    {
      g_hash_table_remove_all (self->statements);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }

  /* Released only once the connection is closed: a restore waits for both. */
  palpate_store_files_unlock (self->lock_fd);
  self->lock_fd = -1;
}

void
palpate_store_emit_changed (PalpateStore *self,
                            const char   *table,
                            gint64        id)
{
  g_signal_emit (self, signals [CHANGED], 0, table, id);
}

const char *
palpate_store_get_path (PalpateStore *self)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  return self->path;
}

/**
 * palpate_store_dup_backups_dir:
 *
 * Backups are kept in a folder named "backups" beside the clinic file: for the default clinic,
 * `$XDG_DATA_HOME/palpate/backups/`.
 */
char *
palpate_store_dup_backups_dir (PalpateStore *self)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  return palpate_backup_dup_folder (self->path);
}

const char *
palpate_store_get_actor (PalpateStore *self)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  return self->actor;
}

void
palpate_store_set_actor (PalpateStore *self,
                         const char   *actor)
{
  g_return_if_fail (PALPATE_IS_STORE (self));

  if (actor == NULL || g_strcmp0 (self->actor, actor) == 0)
    return;

  g_free (self->actor);
  self->actor = g_strdup (actor);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACTOR]);
}

sqlite3 *
palpate_store_get_db (PalpateStore *self)
{
  return self->db;
}

PalpateDb *
palpate_store_get_conn (PalpateStore *self)
{
  return self->conn;
}

PalpateStoreAudit *
palpate_store_get_audit (PalpateStore *self)
{
  return &self->audit;
}

/**
 * palpate_store_get_created:
 *
 * Returns: whether the clinic file was made when the store was opened
 */
gboolean
palpate_store_get_created (PalpateStore *self)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  return self->created;
}
