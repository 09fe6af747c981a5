/* palpate-store.c — the clinic store: opening, checking and migrating the file, transactions
 *
 * Opening never writes to a file until it is known to be a healthy Palpate clinic: the header,
 * permissions, application id, schema version and, when the file is about to change, a quick
 * check come first. Only then is the journal switched to WAL and the schema brought up to date,
 * each step in its own transaction after a backup. A file that needs no change opens without
 * reading it whole; palpate-store-health.c checks it and makes the daily backup afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "palpate-backup.h"
#include "palpate-core-error.h"
#include "palpate-store-private.h"

struct _PalpateStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *actor;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */
  gboolean    in_transaction;
  gboolean    created;      /* made by this open: nothing in it to back up yet */
};

enum {
  PROP_0,
  PROP_PATH,
  PROP_ACTOR,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpateStore, palpate_store, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static const char sqlite_magic[16] = "SQLite format 3";

/* Reads the first 100 bytes: the SQLite header with the page size and the page count. */
static gboolean
check_header (const char  *path,
              goffset      size,
              GError     **error)
{
  guchar header[100];
  guint32 page_size;
  guint32 page_count;
  guint32 change_counter;
  guint32 version_valid_for;
  int fd;
  ssize_t n;

  if (size == 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_TRUNCATED,
                   _("The clinic file “%s” is empty. It may have been cut short while it was "
                     "copied."), path);
      return FALSE;
    }

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR,
                   saved_errno == EACCES ? PALPATE_STORE_ERROR_READ_ONLY : PALPATE_STORE_ERROR_IO,
                   _("The clinic file “%s” cannot be read: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }

  n = read (fd, header, sizeof header);
  close (fd);

  if (n < (ssize_t) sizeof header || memcmp (header, sqlite_magic, 16) != 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_PALPATE,
                   _("“%s” is not a Palpate clinic file."), path);
      return FALSE;
    }

  page_size = (guint32) header[16] << 8 | header[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = (guint32) header[28] << 24 | header[29] << 16 | header[30] << 8 | header[31];
  change_counter = (guint32) header[24] << 24 | header[25] << 16 | header[26] << 8 | header[27];
  version_valid_for = (guint32) header[92] << 24 | header[93] << 16 | header[94] << 8 | header[95];

  /* The page count in the header is only trusted when it was written with the last change. */
  if (page_size < 512 || size % page_size != 0 ||
      (change_counter == version_valid_for && (guint64) page_count * page_size > (guint64) size))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_TRUNCATED,
                   _("The clinic file “%s” is incomplete: it was cut short, perhaps while it "
                     "was copied."), path);
      return FALSE;
    }

  return TRUE;
}

void
palpate_store_set_error_from_rc (sqlite3     *db,
                                 int          rc,
                                 const char  *path,
                                 GError     **error)
{
  int primary = rc & 0xff;
  const char *message = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (primary)
    {
    case SQLITE_FULL:
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL,
                   _("The disk is full, so the change could not be saved. Free some space and "
                     "try again; nothing already saved was lost."));
      break;

    case SQLITE_IOERR:
      /* A file size limit shows as a failed write: for the user it is the same as a full disk. */
      if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC || rc == SQLITE_IOERR_TRUNCATE)
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL,
                     _("The change could not be written to the disk, which may be full. Free "
                       "some space and try again; nothing already saved was lost."));
      else
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                     _("The clinic file could not be read or written (%s)."), sqlite3_errstr (rc));
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_LOCKED,
                   _("The clinic file is in use by another program. Close it there and try "
                     "again."));
      break;

    case SQLITE_READONLY:
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_READ_ONLY,
                   _("The clinic file “%s” is read-only, so changes cannot be saved. Check the "
                     "file’s permissions."), path);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The clinic file “%s” is damaged and cannot be used safely."), path);
      break;

    case SQLITE_NOTADB:
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_PALPATE,
                   _("“%s” is not a Palpate clinic file."), path);
      break;

    case SQLITE_CONSTRAINT:
      if (message != NULL && strstr (message, "signed visit") != NULL)
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_SIGNED,
                     _("This visit is signed, so it cannot be changed. Add an amendment "
                       "instead."));
      else if (message != NULL && strstr (message, "audit log") != NULL)
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                     _("The audit log cannot be changed."));
      else
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                     _("A value is outside what the record allows (%s)."), message);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The clinic file “%s” cannot be opened (%s)."), path, sqlite3_errstr (rc));
      break;

    default:
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The clinic file could not be read or written (%s)."), sqlite3_errstr (rc));
    }
}

void
palpate_store_set_sqlite_error (PalpateStore  *self,
                                int            rc,
                                GError       **error)
{
  palpate_store_set_error_from_rc (self->db, rc, self->path, error);
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           gint64      *value,
           int         *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }

  sqlite3_finalize (stmt);
  *rc_out = rc;
  return rc == SQLITE_OK;
}

static char *
query_text (sqlite3    *db,
            const char *sql,
            int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
    }

  sqlite3_finalize (stmt);
  *rc_out = rc;
  return text;
}

/* Creates the file 0600 in a 0700 folder before SQLite sees it: SQLite would create it 0644. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The folder “%s” for the clinic file cannot be created: %s."),
                   folder, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PALPATE_STORE_ERROR,
                   saved_errno == ENOSPC ? PALPATE_STORE_ERROR_DISK_FULL : PALPATE_STORE_ERROR_IO,
                   _("The clinic file “%s” cannot be created: %s."), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);
  return TRUE;
}

static gboolean
configure_connection (PalpateStore  *self,
                      GError       **error)
{
  int rc;

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, PALPATE_STORE_BUSY_TIMEOUT_MS);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);

  rc = sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
open_connection (PalpateStore  *self,
                 gboolean       is_new,
                 GError       **error)
{
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  if (!configure_connection (self, error))
    return FALSE;

  if (is_new)
    {
      rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
                         NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          palpate_store_set_sqlite_error (self, rc, error);
          return FALSE;
        }
    }

  return TRUE;
}

/* Everything that can be learnt without writing: is it ours, which version, is it healthy,
 * can we take the write lock. */
static gboolean
check_existing (PalpateStore  *self,
                gint64        *version,
                GError       **error)
{
  gint64 application_id = 0;
  int rc;

  if (!query_int (self->db, "PRAGMA application_id", &application_id, &rc))
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  if (!query_int (self->db, "PRAGMA user_version", version, &rc))
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  if (application_id != PALPATE_STORE_APPLICATION_ID)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_PALPATE,
                   _("“%s” is a database, but not a Palpate clinic file."), self->path);
      return FALSE;
    }

  if (*version > PALPATE_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_TOO_NEW,
                   _("The clinic file was written by a newer version of Palpate. Update "
                     "Palpate to open it; the file was left as it is."));
      return FALSE;
    }

  /* Another program writing the file holds its lock; find out now rather than at the first
   * change a therapist makes. */
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  return TRUE;
}

/* Reads every page of the file: seconds on a clinic of ten years, so it runs before opening only
 * when the file is about to be changed (palpate-store-health.c checks it after the window is
 * shown otherwise). */
static gboolean
check_before_change (PalpateStore  *self,
                     gint64         version,
                     GError       **error)
{
  g_autofree char *journal_mode = NULL;
  g_autofree char *check = NULL;
  int rc;

  journal_mode = query_text (self->db, "PRAGMA journal_mode", &rc);
  if (rc == SQLITE_OK && version == PALPATE_STORE_SCHEMA_VERSION &&
      g_strcmp0 (journal_mode, "wal") == 0)
    return TRUE;

  if (rc == SQLITE_OK)
    check = query_text (self->db, "PRAGMA quick_check", &rc);
  if (rc != SQLITE_OK)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  if (g_strcmp0 (check, "ok") != 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The clinic file “%s” is damaged and cannot be used safely."), self->path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (PalpateStore  *self,
         gint64         from_version,
         gboolean       is_new,
         GError       **error)
{
  for (guint version = (guint) from_version + 1; version <= PALPATE_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *stamp = NULL;
      int rc;

      /* A file with records is copied before its schema changes (a new one has nothing). */
      if (!is_new && !palpate_backup_before_migration (self, version, error))
        return FALSE;

      if (!palpate_store_begin (self, error))
        return FALSE;

      rc = sqlite3_exec (self->db, palpate_store_schema_step (version), NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          palpate_store_set_sqlite_error (self, rc, error);
          palpate_store_rollback (self);
          return FALSE;
        }

      if (!palpate_store_schema_finish_step (self, version, error))
        {
          palpate_store_rollback (self);
          return FALSE;
        }

      stamp = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u",
                               PALPATE_STORE_APPLICATION_ID, version);
      if (!palpate_store_exec (self, stamp, error) ||
          !palpate_store_audit_append (self, "migrate", "schema", version, NULL, error) ||
          !palpate_store_commit (self, error))
        {
          palpate_store_rollback (self);
          return FALSE;
        }
    }

  return TRUE;
}

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
}

static void
palpate_store_init (PalpateStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
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
 * Opens a clinic file, checking it first and changing nothing in a file that is not a healthy
 * Palpate clinic.
 *
 * Returns: (transfer full): the store, or %NULL with @error in PALPATE_STORE_ERROR
 */
PalpateStore *
palpate_store_open (const char  *path,
                    GError     **error)
{
  g_autoptr(PalpateStore) self = NULL;
  GStatBuf st;
  gboolean is_new = FALSE;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (PALPATE_TYPE_STORE, NULL);
  self->path = g_canonicalize_filename (path, NULL);

  if (g_stat (self->path, &st) != 0)
    {
      g_autofree char *temporary = NULL;
      g_autoptr(PalpateStore) fresh = NULL;

      if (errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                       _("The clinic file “%s” cannot be opened: %s."), self->path,
                       g_strerror (saved_errno));
          return NULL;
        }

      /* A new clinic is built under a temporary name and renamed when complete, so that a
       * crash while it is made never leaves a half-made clinic behind. */
      temporary = g_strdup_printf ("%s.new-%d", self->path, (int) getpid ());
      g_unlink (temporary);
      if (!create_private_file (temporary, error))
        return NULL;

      fresh = g_object_new (PALPATE_TYPE_STORE, NULL);
      fresh->path = g_strdup (temporary);
      if (!open_connection (fresh, TRUE, error) ||
          !migrate (fresh, 0, TRUE, error) ||
          !palpate_store_exec (fresh, "PRAGMA wal_checkpoint(TRUNCATE)", error))
        {
          g_clear_object (&fresh);
          g_unlink (temporary);
          return NULL;
        }
      g_clear_object (&fresh);

      if (g_rename (temporary, self->path) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                       _("The clinic file “%s” cannot be created: %s."), self->path,
                       g_strerror (saved_errno));
          g_unlink (temporary);
          return NULL;
        }
      {
        g_autofree char *wal = g_strconcat (temporary, "-wal", NULL);
        g_autofree char *shm = g_strconcat (temporary, "-shm", NULL);

        g_unlink (wal);
        g_unlink (shm);
      }
      is_new = TRUE;
    }
  else
    {
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_PALPATE,
                       _("“%s” is not a Palpate clinic file."), self->path);
          return NULL;
        }

      if (!check_header (self->path, st.st_size, error))
        return NULL;

      /* A file whose owner took away the write permission is treated as read-only even by an
       * administrator, who could write it anyway. */
      if ((st.st_mode & S_IWUSR) == 0 || g_access (self->path, W_OK) != 0)
        {
          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_READ_ONLY,
                       _("The clinic file “%s” is read-only, so changes cannot be saved. Check "
                         "the file’s permissions."), self->path);
          return NULL;
        }
    }

  if (!open_connection (self, FALSE, error))
    return NULL;

  if (!check_existing (self, &version, error) ||
      (!is_new && !check_before_change (self, version, error)))
    return NULL;

  rc = sqlite3_exec (self->db,
                     "PRAGMA journal_mode = WAL;"
                     "PRAGMA synchronous = FULL;",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  if (version < PALPATE_STORE_SCHEMA_VERSION && !migrate (self, version, FALSE, error))
    return NULL;

  self->created = is_new;

  return g_steal_pointer (&self);
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

  if (self->db == NULL)
    return;

  g_hash_table_remove_all (self->statements);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
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

/* Prepared statements are kept for the life of the connection, keyed by their SQL. */
sqlite3_stmt *
palpate_store_prepare (PalpateStore  *self,
                       const char    *sql,
                       GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (self->db == NULL)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The clinic file is closed."));
      return NULL;
    }

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
palpate_store_step_done (PalpateStore  *self,
                         sqlite3_stmt  *stmt,
                         GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
palpate_store_exec (PalpateStore  *self,
                    const char    *sql,
                    GError       **error)
{
  int rc;

  if (self->db == NULL)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The clinic file is closed."));
      return FALSE;
    }

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
palpate_store_begin (PalpateStore  *self,
                     GError       **error)
{
  g_assert (!self->in_transaction);

  if (!palpate_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
palpate_store_commit (PalpateStore  *self,
                      GError       **error)
{
  g_assert (self->in_transaction);

  if (!palpate_store_exec (self, "COMMIT", error))
    return FALSE;

  self->in_transaction = FALSE;
  return TRUE;
}

void
palpate_store_rollback (PalpateStore *self)
{
  if (!self->in_transaction)
    return;

  /* After an I/O error SQLite may already have rolled back: that is fine. */
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

char *
palpate_store_dup_setting (PalpateStore *self,
                           const char   *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = palpate_store_prepare (self, "SELECT value FROM clinic_settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup (palpate_store_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

gboolean
palpate_store_set_setting (PalpateStore  *self,
                           const char    *key,
                           const char    *value,
                           GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value != NULL && g_utf8_strlen (value, -1) > 10000)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_TOO_LONG,
                   _("This setting can hold up to 10000 characters."));
      return FALSE;
    }

  if (!palpate_store_begin (self, error))
    return FALSE;

  stmt = palpate_store_prepare (self,
                                "INSERT INTO clinic_settings (key, value) VALUES (?, ?) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  palpate_store_bind_text (stmt, 2, value);
  if (!palpate_store_step_done (self, stmt, error) ||
      !palpate_store_audit_append (self, "change", "setting", 0, key, error) ||
      !palpate_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  palpate_store_rollback (self);
  return FALSE;
}

/**
 * palpate_store_check_integrity:
 *
 * Runs SQLite's full integrity check: slow on a large clinic, for `--check` and backups.
 */
gboolean
palpate_store_check_integrity (PalpateStore  *self,
                               GError       **error)
{
  g_autofree char *result = NULL;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  result = query_text (self->db, "PRAGMA integrity_check", &rc);
  if (rc != SQLITE_OK)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The clinic file “%s” is damaged and cannot be used safely."), self->path);
      return FALSE;
    }

  return TRUE;
}

/* Column helpers shared by the store's files. */

const char *
palpate_store_column_text (sqlite3_stmt *stmt,
                           int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

void
palpate_store_bind_text (sqlite3_stmt *stmt,
                         int           column,
                         const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

GDateTime *
palpate_store_column_datetime (sqlite3_stmt *stmt,
                               int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, column));
}

void
palpate_store_bind_datetime (sqlite3_stmt *stmt,
                             int           column,
                             GDateTime    *datetime)
{
  if (datetime == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int64 (stmt, column, g_date_time_to_unix (datetime));
}

void
palpate_store_bind_pain (sqlite3_stmt *stmt,
                         int           column,
                         int           pain)
{
  if (pain < 0)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int (stmt, column, pain);
}

int
palpate_store_column_pain (sqlite3_stmt *stmt,
                           int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return -1;

  return sqlite3_column_int (stmt, column);
}

/* Search text: case-folded, accents removed, so that "jose" finds "José". */
char *
palpate_store_fold_for_search (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *result;

  if (text == NULL)
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (decomposed, -1);

  result = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      g_string_append_unichar (result, c);
    }

  return g_string_free (result, FALSE);
}

char *
palpate_store_strv_to_json (const char * const *strv)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_c (json, '"');
      for (const char *p = strv[i]; *p; p++)
        {
          guchar c = (guchar) *p;

          if (c == '"' || c == '\\')
            g_string_append_printf (json, "\\%c", c);
          else if (c < 0x20)
            g_string_append_printf (json, "\\u%04x", c);
          else
            g_string_append_c (json, (char) c);
        }
      g_string_append_c (json, '"');
    }

  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* Reads back what palpate_store_strv_to_json() wrote (a JSON array of strings). */
char **
palpate_store_strv_from_json (const char *json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = json;

  if (p == NULL || *p != '[')
    return g_strv_builder_end (builder);

  for (p++; *p && *p != ']'; p++)
    {
      GString *item;

      if (*p != '"')
        continue;

      item = g_string_new (NULL);
      for (p++; *p && *p != '"'; p++)
        {
          if (*p == '\\' && p[1] == 'u' && g_ascii_isxdigit (p[2]))
            {
              char hex[5] = { p[2], p[3], p[4], p[5], 0 };

              g_string_append_unichar (item, (gunichar) g_ascii_strtoull (hex, NULL, 16));
              p += 5;
            }
          else if (*p == '\\' && p[1] != '\0')
            {
              p++;
              g_string_append_c (item, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
            }
          else
            g_string_append_c (item, *p);
        }
      g_strv_builder_add (builder, item->str);
      g_string_free (item, TRUE);
      if (*p == '\0')
        break;
    }

  return g_strv_builder_end (builder);
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
