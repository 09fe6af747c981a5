/* palpate-record-import-health.c — a client's health history versions, from the exchange format
 *
 * Each version keeps when and by whom it was recorded, whether the client filled it in and
 * when it was accepted: a version is never changed, so it comes over as it was. Every field is
 * checked with the core's rules, as the health history dialog checks them. A client already in
 * the clinic gets the versions it does not have yet (the same time, author and answers).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-record"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-record-import-private.h"

static const char *pregnancy_keys[] = { "not-asked", "no", "yes", NULL };

/* Whether the client already has this version: the same time, author and answers. */
static gboolean
has_version (PalpateImport  *import,
             gint64          client_id,
             GDateTime      *recorded_at,
             const char     *recorded_by,
             const char     *texts[],
             const char     *conditions,
             gboolean       *found,
             GError        **error)
{
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  stmt = palpate_store_db_prepare (import->store,
                                   "SELECT 1 FROM health_histories WHERE client_id = ?1 "
                                   "AND recorded_at = ?2 AND recorded_by = ?3 "
                                   "AND medications = ?4 AND allergies = ?5 "
                                   "AND other_conditions = ?6 AND surgeries = ?7 "
                                   "AND emergency_contact = ?8 AND referral = ?9 "
                                   "AND conditions = ?10",
                                   error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, client_id);
  palpate_store_db_bind_datetime (stmt, 2, recorded_at);
  palpate_db_bind_text (stmt, 3, recorded_by);
  for (guint i = 0; i < PALPATE_HISTORY_N_FIELDS; i++)
    palpate_db_bind_text (stmt, 4 + i, texts[i]);
  palpate_db_bind_text (stmt, 10, conditions);
  step = palpate_db_step (stmt, error);
  palpate_db_reset (stmt);
  if (step == PALPATE_DB_ERROR)
    return FALSE;

  *found = step == PALPATE_DB_ROW;
  return TRUE;
}

static gboolean
import_version (PalpateImport  *import,
                JsonObject     *object,
                gint64          client_id,
                gboolean        merged,
                const char     *path,
                GError        **error)
{
  g_autoptr(PalpateHealthHistory) history = palpate_health_history_new ();
  g_autoptr(GDateTime) recorded_at = NULL;
  g_autoptr(GDateTime) accepted_at = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) conditions = NULL;
  g_autofree char *conditions_text = NULL;
  const char *texts[PALPATE_HISTORY_N_FIELDS];
  const char *recorded_by, *accepted_by;
  gboolean reported, found = FALSE;
  PalpateDbStatement *stmt;
  gint64 id, history_id;
  int pregnancy;

  if (!palpate_record_get_int (object, "id", 1, G_MAXINT64, FALSE, &id, path, error) ||
      !palpate_record_check_unique (import, "health_histories", id, path, error) ||
      !palpate_record_get_time (object, "recorded_at", FALSE, &recorded_at, path, error) ||
      !palpate_record_get_short_string (object, "recorded_by", FALSE, &recorded_by, path,
                                        error) ||
      !palpate_record_get_bool (object, "reported_by_client", &reported, path, error) ||
      !palpate_record_get_time (object, "accepted_at", TRUE, &accepted_at, path, error) ||
      !palpate_record_get_short_string (object, "accepted_by", TRUE, &accepted_by, path,
                                        error) ||
      !palpate_record_get_strv (object, "conditions", &conditions, path, error) ||
      !palpate_record_get_choice (object, "pregnancy", pregnancy_keys, &pregnancy, path, error))
    return FALSE;

  for (guint i = 0; i < PALPATE_HISTORY_N_FIELDS; i++)
    if (!palpate_record_get_string (object, palpate_history_field_get_key (i), FALSE, &texts[i],
                                    path, error))
      return FALSE;

  /* The core's rules: lengths, and conditions of the health history's list. */
  for (guint i = 0; i < PALPATE_HISTORY_N_FIELDS; i++)
    palpate_health_history_set_text (history, i, texts[i]);
  palpate_health_history_set_conditions (history, (const char * const *) conditions);
  palpate_health_history_set_pregnancy (history, pregnancy);
  if (!palpate_health_history_validate (history, &local_error))
    return palpate_record_fail_with (error, path, local_error);

  conditions_text = palpate_store_strv_to_json ((const char * const *) conditions);
  if (merged && !has_version (import, client_id, recorded_at, recorded_by, texts,
                              conditions_text, &found, error))
    return FALSE;
  if (found)
    return TRUE;

  stmt = palpate_record_prepare_insert (import, import->keep_ids, "health_histories",
                                       "client_id, recorded_at, recorded_by, "
                                       "reported_by_client, accepted_at, accepted_by, "
                                       "medications, allergies, other_conditions, surgeries, "
                                       "emergency_contact, referral, conditions, pregnancy",
                                       "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?",
                                       error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, client_id);
  palpate_store_db_bind_datetime (stmt, 2, recorded_at);
  palpate_db_bind_text (stmt, 3, recorded_by);
  palpate_db_bind_int (stmt, 4, reported);
  palpate_store_db_bind_datetime (stmt, 5, accepted_at);
  palpate_db_bind_text (stmt, 6, accepted_by);
  for (guint i = 0; i < PALPATE_HISTORY_N_FIELDS; i++)
    palpate_db_bind_text (stmt, 7 + i, texts[i]);
  palpate_db_bind_text (stmt, 13, conditions_text);
  palpate_db_bind_text (stmt, 14, pregnancy_keys[pregnancy]);
  palpate_record_db_bind_id (import, stmt, 15, id);
  if (!palpate_record_db_step (stmt, &history_id, error))
    return FALSE;

  return palpate_store_audit_append (import->store, "import", "health-history", history_id,
                                     NULL, error);
}

/**
 * palpate_record_import_health_histories:
 * @merged: whether the client was already in the clinic
 *
 * Imports the "health_histories" of a client's object (optional: files written before they
 * were exported have none).
 */
gboolean
palpate_record_import_health_histories (PalpateImport  *import,
                                        JsonObject     *object,
                                        gint64          client_id,
                                        gboolean        merged,
                                        const char     *path,
                                        GError        **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.health_histories", path);
  g_autoptr(GError) local_error = NULL;
  JsonArray *versions;

  if (!json_object_has_member (object, "health_histories"))
    return TRUE;

  versions = palpate_record_get_array (object, "health_histories", FALSE, path, error);
  if (versions == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (versions); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *version = palpate_record_get_element (versions, i, list_path, &at, error);

      if (version == NULL || !import_version (import, version, client_id, merged, at, error))
        return FALSE;
    }

  return TRUE;
}
