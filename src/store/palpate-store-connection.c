/* palpate-store-connection.c — before and while a clinic file opens: its header checked,
 * the connection configured, the schema brought up to date; the full integrity check
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
#include <unistd.h>

#include "palpate-backup.h"
#include "palpate-store-files.h"
#include "palpate-store-private.h"

static const char sqlite_magic[16] = "SQLite format 3";

static gboolean
has_wal_content (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* Reads the first 100 bytes: the SQLite header with the page size and the page count. */
gboolean
palpate_store_check_header (const char  *path,
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
gboolean
palpate_store_create_private_file (const char  *path,
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

gboolean
palpate_store_configure_connection (PalpateStore  *self,
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

gboolean
palpate_store_open_connection (PalpateStore  *self,
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
  self->conn = palpate_db_new_sqlite (self->db);

  if (!palpate_store_configure_connection (self, error))
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
gboolean
palpate_store_check_existing (PalpateStore  *self,
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

/* Reads every page of the file: seconds on a clinic of ten years, so it runs before opening only
 * when the file is about to be changed (palpate-store-health.c checks it after the window is
 * shown otherwise). */
gboolean
palpate_store_check_before_change (PalpateStore  *self,
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

gboolean
palpate_store_migrate (PalpateStore  *self,
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
