/* palpate-backup-preview.c — what a backup holds, read before it is restored
 *
 * The therapist sees when the backup was made, how many clients and visits it holds and the
 * head of its audit chain (how many entries, ending in which hash), so that the right backup is
 * restored and its log can later be checked against the head recorded outside the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include "palpate-backup-copies.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

#include "palpate-backup-crypt.h"
#include "palpate-store-error.h"
#include "palpate-store-files.h"

/* The backup's own stamp ("COUNT HASH", palpate-store-audit.c) when it has one; else the last
 * entry of its log. */
static const char head_sql[] =
  "SELECT (SELECT value FROM clinic_settings WHERE key = 'audit-head'),"
  "       (SELECT id FROM audit_log ORDER BY id DESC LIMIT 1),"
  "       (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),"
  "       (SELECT max (at) FROM audit_log),"
  "       (SELECT count (*) FROM clients),"
  "       (SELECT count (*) FROM visits)";

/**
 * palpate_backup_preview_read:
 * @plain_path: a checked clinic file (from palpate_backup_copies_open())
 * @backup_path: the file the therapist chose, whose time is the backup's
 *
 * Returns: (transfer full): what the backup holds, or %NULL with @error
 */
PalpateBackupPreview *
palpate_backup_preview_read (const char  *plain_path,
                             const char  *backup_path,
                             GError     **error)
{
  g_autoptr(PalpateBackupPreview) preview = g_new0 (PalpateBackupPreview, 1);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *display = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (plain_path != NULL && backup_path != NULL, NULL);

  display = palpate_store_files_display (backup_path);
  rc = sqlite3_open_v2 (plain_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, head_sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      const char *stamp = (const char *) sqlite3_column_text (stmt, 0);
      g_auto(GStrv) parts = stamp != NULL ? g_strsplit (stamp, " ", 2) : NULL;

      if (parts != NULL && g_strv_length (parts) == 2)
        {
          preview->audit_entries = g_ascii_strtoll (parts[0], NULL, 10);
          preview->audit_hash = g_strdup (parts[1]);
        }
      else
        {
          preview->audit_entries = sqlite3_column_int64 (stmt, 1);
          preview->audit_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
        }
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        preview->last_change = g_date_time_new_from_unix_local (sqlite3_column_int64 (stmt, 3));
      preview->n_clients = sqlite3_column_int64 (stmt, 4);
      preview->n_visits = sqlite3_column_int64 (stmt, 5);
    }
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);

  if (rc != SQLITE_ROW)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_BACKUP,
                   _("“%s” is not a good Palpate backup. Nothing was changed."), display);
      return NULL;
    }

  file = g_file_new_for_path (backup_path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE, NULL,
                            NULL);
  if (info != NULL)
    preview->made = g_file_info_get_modification_date_time (info);
  preview->encrypted = palpate_backup_crypt_is_encrypted (backup_path);

  return g_steal_pointer (&preview);
}

void
palpate_backup_preview_free (PalpateBackupPreview *preview)
{
  if (preview == NULL)
    return;

  g_clear_pointer (&preview->made, g_date_time_unref);
  g_clear_pointer (&preview->last_change, g_date_time_unref);
  g_free (preview->audit_hash);
  g_free (preview);
}
