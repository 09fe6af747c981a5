/* palpate-store-settings.c — the clinic settings table: the clinic's name, address and
 * other values kept in the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-core-error.h"
#include "palpate-store-private.h"

char *
palpate_store_dup_setting (PalpateStore *self,
                           const char   *key)
{
  PalpateDbStatement *stmt;
  char *value = NULL;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = palpate_store_db_prepare (self, "SELECT value FROM clinic_settings WHERE key = ?",
                                   NULL);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_text (stmt, 1, key);
  if (palpate_db_step (stmt, NULL) == PALPATE_DB_ROW)
    value = g_strdup (palpate_store_db_column_text (stmt, 0));
  palpate_db_reset (stmt);

  return value;
}

gboolean
palpate_store_set_setting (PalpateStore  *self,
                           const char    *key,
                           const char    *value,
                           GError       **error)
{
  PalpateDbStatement *stmt;

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

  stmt = palpate_store_db_prepare (self,
                                   "INSERT INTO clinic_settings (key, value) VALUES (?, ?) "
                                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                   error);
  if (stmt == NULL)
    goto failed;

  palpate_db_bind_text (stmt, 1, key);
  palpate_db_bind_text (stmt, 2, value);
  if (!palpate_store_db_step_done (stmt, error) ||
      !palpate_store_audit_append (self, "change", "setting", 0, key, error) ||
      !palpate_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  palpate_store_rollback (self);
  return FALSE;
}
