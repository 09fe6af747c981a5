/* palpate-store.c — the clinic store: opening, checking and migrating the file, transactions
 *
 * Opening never writes to a file until it is known to be a healthy Palpate clinic: the header,
 * permissions, application id, schema version and a quick check come first. Only then is the
 * journal switched to WAL and the schema brought up to date, each step in its own transaction
 * after a backup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "palpate-backup.h"
#include "palpate-core-error.h"
#include "palpate-store-files.h"
#include "palpate-store-private.h"

struct _PalpateStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *actor;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */
  guint       transaction_depth;  /* 0 outside, 1 in BEGIN … COMMIT, more in SAVEPOINTs */
  gboolean    audit_appended;     /* the open transaction appended to the audit log */
  PalpateStoreAudit audit;
  gboolean    read_only;
  int         lock_fd;      /* holds the clinic's lock (palpate-store-files.c), or -1 */
  GError     *backup_error;
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

static gboolean
has_wal_content (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

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

  /* The page count in the header is only trusted when it was written with the last change,
   * and when there is no write-ahead log: a checkpoint stopped halfway (a kill, a power cut)
   * leaves a file shorter than its header says, which SQLite completes from the log. */
  if (page_size < 512 || size % page_size != 0 ||
      (change_counter == version_valid_for && !has_wal_content (path) &&
       (guint64) page_count * page_size > (guint64) size))
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
      /* A file size limit shows as a failed write: for the user it is the same as a full disk.
       * A full disk may also show first where the journal's shared memory grows. */
      if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC || rc == SQLITE_IOERR_TRUNCATE ||
          (db != NULL && (sqlite3_system_errno (db) == ENOSPC ||
                          sqlite3_system_errno (db) == EDQUOT ||
                          sqlite3_system_errno (db) == EFBIG)))
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

  /* recursive_triggers makes INSERT OR REPLACE fire the DELETE triggers of the row it
   * replaces, one more guard for signed visits. */
  rc = sqlite3_exec (self->db, "PRAGMA foreign_keys = ON; PRAGMA recursive_triggers = ON",
                     NULL, NULL, NULL);
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
                        (self->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                        SQLITE_OPEN_NOFOLLOW, NULL);
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
  g_autofree char *check = NULL;
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

  /* Another program writing the file holds its lock; find out now rather than at the first
   * change a therapist makes. Reading needs no lock. */
  if (self->read_only)
    return TRUE;

  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  return TRUE;
}

/* A step that fails leaves the file as it was (its transaction is rolled back): the copy made
 * before it is then the same as the file and is removed, so that trying again does not leave
 * one more copy each time. */
static void
migration_failed (PalpateStore  *self,
                  guint          version,
                  int            rc,
                  const char    *backup,
                  GError       **error)
{
  palpate_store_rollback (self);
  if (backup != NULL)
    palpate_store_files_remove (backup);

  if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_ERROR)
    palpate_store_set_sqlite_error (self, rc, error);
  else if (rc != SQLITE_OK)
    {
      g_autofree char *display = palpate_store_files_display (self->path);

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The clinic file “%s” could not be brought up to date for this version of "
                     "Palpate: its tables are not what its version number (%u) says they "
                     "should be. It may have been changed by another program. It was left as "
                     "it is."), display, version - 1);
    }
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
      g_autofree char *backup = NULL;
      int rc;

      /* A file with records is copied before its schema changes (a new one has nothing). */
      if (!is_new && !palpate_backup_before_migration (self, version, &backup, error))
        return FALSE;

      if (!palpate_store_begin (self, error))
        {
          migration_failed (self, version, SQLITE_OK, backup, NULL);
          return FALSE;
        }

      rc = sqlite3_exec (self->db, palpate_store_schema_step (version), NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          migration_failed (self, version, rc, backup, error);
          return FALSE;
        }

      if (!palpate_store_schema_finish_step (self, version, error))
        {
          migration_failed (self, version, SQLITE_OK, backup, NULL);
          return FALSE;
        }

      stamp = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u",
                               PALPATE_STORE_APPLICATION_ID, version);
      if (!palpate_store_exec (self, stamp, error) ||
          !palpate_store_audit_append (self, "migrate", "schema", version, NULL, error) ||
          !palpate_store_commit (self, error))
        {
          migration_failed (self, version, SQLITE_OK, backup, NULL);
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
  g_clear_error (&self->backup_error);
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

/* A new clinic is built under a temporary name and renamed when complete, so that a crash
 * while it is made never leaves a half-made clinic behind. */
static gboolean
create_clinic (const char  *path,
               GError     **error)
{
  g_autofree char *temporary = palpate_store_files_temporary (path, "new");
  g_autoptr(PalpateStore) fresh = NULL;

  palpate_store_files_remove (temporary);
  if (!create_private_file (temporary, error))
    return FALSE;

  fresh = g_object_new (PALPATE_TYPE_STORE, NULL);
  fresh->path = g_strdup (temporary);
  if (!open_connection (fresh, TRUE, error) ||
      !migrate (fresh, 0, TRUE, error) ||
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

  sqlite3_close_v2 (self->db);
  self->db = NULL;
  {
    g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

    return sqlite3_open_v2 (immutable, &self->db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW,
                            NULL) == SQLITE_OK;
  }
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
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *folder = NULL;
  GStatBuf st;
  gboolean is_new = FALSE;
  gboolean read_only = (flags & PALPATE_STORE_OPEN_READ_ONLY) != 0;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

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

      if (!check_header (self->path, st.st_size, error))
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

  if (!open_connection (self, FALSE, error))
    return NULL;

  if (!check_existing (self, &version, read_only ? NULL : error))
    {
      if (!read_only)
        {
          reword_open_error (self, error);
          return NULL;
        }

      /* Read-only in a folder where nothing may be created: the file as it is on disk. */
      if (reopen_immutable (self))
        configure_connection (self, NULL);
      if (!check_existing (self, &version, error))
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

  if (version < PALPATE_STORE_SCHEMA_VERSION && !migrate (self, version, FALSE, error))
    {
      reword_open_error (self, error);
      return NULL;
    }

  if (!palpate_store_audit_open (self, error))
    return NULL;

  /* Once a day, a copy; a failure is kept for the window to tell, the clinic still opens. */
  if (!is_new)
    palpate_backup_daily (self, now, &self->backup_error);

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
  g_autofree char *folder = NULL;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  folder = g_path_get_dirname (self->path);
  return g_build_filename (folder, "backups", NULL);
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

PalpateStoreAudit *
palpate_store_get_audit (PalpateStore *self)
{
  return &self->audit;
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

/* Transactions nest: the outermost is BEGIN IMMEDIATE … COMMIT, the ones inside it are
 * SAVEPOINTs, so that a store function writing several rows can call others that write one,
 * and all of it is kept or none. */
gboolean
palpate_store_begin (PalpateStore  *self,
                     GError       **error)
{
  g_autofree char *savepoint = NULL;

  if (self->transaction_depth == 0)
    {
      if (!palpate_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      self->audit_appended = FALSE;
    }
  else
    {
      savepoint = g_strdup_printf ("SAVEPOINT palpate_%u", self->transaction_depth);
      if (!palpate_store_exec (self, savepoint, error))
        return FALSE;
    }

  self->transaction_depth++;
  return TRUE;
}

gboolean
palpate_store_commit (PalpateStore  *self,
                      GError       **error)
{
  g_autofree char *release = NULL;

  g_assert (self->transaction_depth > 0);

  if (self->transaction_depth > 1)
    {
      release = g_strdup_printf ("RELEASE palpate_%u", self->transaction_depth - 1);
      if (!palpate_store_exec (self, release, error))
        return FALSE;
      self->transaction_depth--;
      return TRUE;
    }

  if (!palpate_store_exec (self, "COMMIT", error))
    return FALSE;

  self->transaction_depth = 0;

  /* Only now is the new head of the audit chain on disk: record it outside the file. */
  if (self->audit_appended)
    palpate_store_audit_committed (self);
  self->audit_appended = FALSE;

  return TRUE;
}

void
palpate_store_rollback (PalpateStore *self)
{
  if (self->transaction_depth == 0)
    return;

  self->transaction_depth--;

  /* After an I/O error SQLite may already have rolled back the whole transaction: then there
   * is nothing left to undo at any depth. */
  if (self->db == NULL || sqlite3_get_autocommit (self->db))
    return;

  if (self->transaction_depth == 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    {
      g_autofree char *undo = g_strdup_printf ("ROLLBACK TO palpate_%u; RELEASE palpate_%u",
                                               self->transaction_depth,
                                               self->transaction_depth);

      sqlite3_exec (self->db, undo, NULL, NULL, NULL);
    }
}

void
palpate_store_note_audit_appended (PalpateStore *self)
{
  self->audit_appended = TRUE;
}

/**
 * palpate_store_transaction_begin:
 * @transaction: a guard declared with g_auto(PalpateStoreTransaction)
 *
 * Opens a transaction (or a SAVEPOINT inside one) that is rolled back when @transaction goes
 * out of scope without palpate_store_transaction_commit().
 */
gboolean
palpate_store_transaction_begin (PalpateStoreTransaction  *transaction,
                                 PalpateStore             *self,
                                 GError                  **error)
{
  g_assert (transaction->store == NULL);

  if (!palpate_store_begin (self, error))
    return FALSE;

  transaction->store = self;
  return TRUE;
}

gboolean
palpate_store_transaction_commit (PalpateStoreTransaction  *transaction,
                                  GError                  **error)
{
  g_assert (transaction->store != NULL);

  if (!palpate_store_commit (transaction->store, error))
    return FALSE;

  transaction->store = NULL;
  return TRUE;
}

void
palpate_store_transaction_clear (PalpateStoreTransaction *transaction)
{
  if (transaction->store == NULL)
    return;

  palpate_store_rollback (transaction->store);
  transaction->store = NULL;
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

/* Text read from the file is valid UTF-8, whatever bytes another program put there: a name
 * ending in a broken character must not reach a layout, a file name or the terminal. Such
 * text is rare (a file edited by hand), so its repaired copy is interned rather than owned. */
const char *
palpate_store_column_text (sqlite3_stmt *stmt,
                           int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  int length = sqlite3_column_bytes (stmt, column);

  if (text != NULL && !g_utf8_validate_len (text, (gsize) length, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, length);

      return g_intern_string (valid);
    }

  return text;
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

/* A time read from the file, within the years 1 to 9999 that GDateTime holds in any time
 * zone: a file edited by hand may hold any number, and a visit is shown at the nearest
 * possible day rather than dropped. */
gint64
palpate_store_column_time (sqlite3_stmt *stmt,
                           int           column)
{
  const gint64 first = G_GINT64_CONSTANT (-62135596800) + 2 * 86400;   /* 0001-01-03 */
  const gint64 last = G_GINT64_CONSTANT (253402300799) - 2 * 86400;    /* 9999-12-29 */

  return CLAMP (sqlite3_column_int64 (stmt, column), first, last);
}

GDateTime *
palpate_store_column_datetime (sqlite3_stmt *stmt,
                               int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  return g_date_time_new_from_unix_local (palpate_store_column_time (stmt, column));
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
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/**
 * palpate_store_json_array_from_text:
 *
 * Parses @json, as kept in a list column of the file, with json-glib: a file edited by hand
 * may hold anything there.
 *
 * Returns: (transfer full) (nullable): the array, or %NULL when @json is not a JSON array
 */
JsonArray *
palpate_store_json_array_from_text (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  return json_array_ref (json_node_get_array (root));
}

/* Reads back what palpate_store_strv_to_json() wrote (a JSON array of strings); anything else
 * in the array is left out. */
char **
palpate_store_strv_from_json (const char *json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JsonArray) array = palpate_store_json_array_from_text (json);
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        {
          g_autofree char *valid = g_utf8_make_valid (json_node_get_string (element), -1);

          g_strv_builder_add (builder, valid);
        }
    }

  return g_strv_builder_end (builder);
}

/**
 * palpate_store_get_backup_error:
 *
 * Returns: (nullable): why today's backup, made on open, failed; %NULL if it did not
 */
const GError *
palpate_store_get_backup_error (PalpateStore *self)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  return self->backup_error;
}
