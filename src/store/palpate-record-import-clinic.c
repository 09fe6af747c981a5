/* palpate-record-import-clinic.c — what an imported file says of the clinic as a whole: its
 * settings, therapists and techniques, matched with those already here
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-record"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-core-error.h"
#include "palpate-record-import-private.h"
#include "palpate-rules.h"
#include "palpate-store-private.h"

gboolean
palpate_record_import_settings (PalpateImport  *import,
                                JsonObject     *root,
                                GError        **error)
{
  JsonNode *node = json_object_get_member (root, "settings");
  g_autoptr(GList) names = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, "$.settings",
                                   _("This should be an object."));

  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *value;
      g_autofree char *at = g_strdup_printf ("$.settings.%s", key);
      PalpateDbStatement *stmt;

      if (!palpate_record_get_string (json_node_get_object (node), key, TRUE, &value, "$.settings",
                                      error))
        return FALSE;
      if (g_utf8_strlen (key, -1) > PALPATE_NAME_MAX_CHARS || g_str_equal (key, "pin-hash") ||
          g_str_equal (key, "audit-key-id") ||
          (value != NULL && g_utf8_strlen (value, -1) > PALPATE_SHORT_TEXT_MAX_CHARS))
        return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                                       _("This setting cannot be imported."));

      /* The clinic's own settings win over the file's. */
      stmt = palpate_store_db_prepare (import->store,
                                       "INSERT INTO clinic_settings (key, value) VALUES (?, ?) "
                                       "ON CONFLICT (key) DO NOTHING",
                                       error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_text (stmt, 1, key);
      palpate_db_bind_text (stmt, 2, value);
      if (!palpate_record_db_step (stmt, NULL, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
palpate_record_import_therapists (PalpateImport  *import,
                                  JsonObject     *root,
                                  GError        **error)
{
  JsonArray *therapists = palpate_record_get_array (root, "therapists", FALSE, "$", error);

  if (therapists == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (therapists); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *object = palpate_record_get_element (therapists, i, "$.therapists", &path, error);
      g_autoptr(PalpateTherapist) therapist = palpate_therapist_new ();
      g_autoptr(GDateTime) created_at = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *name, *credentials;
      PalpateDbStatement *stmt;
      PalpateDbStep step;
      gint64 id, target = 0;

      if (object == NULL ||
          !palpate_record_get_int (object, "id", 1, G_MAXINT64, FALSE, &id, path, error) ||
          !palpate_record_check_unique (import, "therapists", id, path, error) ||
          !palpate_record_get_string (object, "name", FALSE, &name, path, error) ||
          !palpate_record_get_string (object, "credentials", TRUE, &credentials, path, error) ||
          !palpate_record_get_time (object, "created_at", FALSE, &created_at, path, error))
        return FALSE;

      palpate_therapist_set_name (therapist, name);
      palpate_therapist_set_credentials (therapist, credentials);
      if (!palpate_therapist_validate (therapist, &local_error))
        return palpate_record_fail_with (error, path, local_error);

      g_hash_table_insert (import->therapist_names, palpate_record_int64_key (id), g_strdup (name));

      /* IS NOT DISTINCT FROM: NULL credentials match NULL ones (SQLite's "IS", PostgreSQL's
       * too). */
      stmt = palpate_store_db_prepare (import->store,
                                       "SELECT id FROM therapists WHERE name = ? AND "
                                       "credentials IS NOT DISTINCT FROM ? ORDER BY id LIMIT 1",
                                       error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_text (stmt, 1, name);
      palpate_db_bind_text (stmt, 2, credentials);
      step = palpate_db_step (stmt, error);
      if (step == PALPATE_DB_ROW)
        target = palpate_db_column_int64 (stmt, 0);
      palpate_db_reset (stmt);
      if (step == PALPATE_DB_ERROR)
        return FALSE;

      if (target == 0)
        {
          stmt = palpate_record_prepare_insert (import, import->keep_ids, "therapists",
                                                "name, credentials, created_at", "?, ?, ?",
                                                error);
          if (stmt == NULL)
            return FALSE;
          palpate_db_bind_text (stmt, 1, name);
          palpate_db_bind_text (stmt, 2, credentials);
          palpate_store_db_bind_datetime (stmt, 3, created_at);
          palpate_record_db_bind_id (import, stmt, 4, id);
          if (!palpate_record_db_step (stmt, &target, error))
            return FALSE;
        }

      palpate_record_map_id (import->therapists, id, target);
    }

  return TRUE;
}

gboolean
palpate_record_import_techniques (PalpateImport  *import,
                                  JsonObject     *root,
                                  GError        **error)
{
  JsonArray *techniques = palpate_record_get_array (root, "techniques", FALSE, "$", error);

  if (techniques == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (techniques); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *object = palpate_record_get_element (techniques, i, "$.techniques", &path, error);
      g_autoptr(PalpateTechnique) technique = palpate_technique_new ();
      g_autoptr(GError) local_error = NULL;
      const char *key, *name;
      gboolean builtin, keep_id;
      PalpateDbStatement *stmt;
      PalpateDbStep step;
      gint64 id, target = 0;

      if (object == NULL ||
          !palpate_record_get_int (object, "id", 1, G_MAXINT64, FALSE, &id, path, error) ||
          !palpate_record_check_unique (import, "techniques", id, path, error) ||
          !palpate_record_get_string (object, "key", TRUE, &key, path, error) ||
          !palpate_record_get_string (object, "name", FALSE, &name, path, error) ||
          !palpate_record_get_bool (object, "builtin", &builtin, path, error))
        return FALSE;

      palpate_technique_set_name (technique, name);
      if (!palpate_technique_validate (technique, &local_error))
        return palpate_record_fail_with (error, path, local_error);
      if (key != NULL && (*key == '\0' || strlen (key) > PALPATE_NAME_MAX_CHARS))
        {
          g_autofree char *at = g_strdup_printf ("%s.key", path);

          return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                                         _("This should be text of 1 to 200 characters."));
        }

      g_hash_table_insert (import->technique_names, palpate_record_int64_key (id), g_strdup (name));

      /* Built-in techniques are known by their key, the clinic's own by their name. */
      if (key != NULL)
        {
          stmt = palpate_store_db_prepare (import->store,
                                           "SELECT id FROM techniques WHERE key = ?", error);
          if (stmt == NULL)
            return FALSE;
          palpate_db_bind_text (stmt, 1, key);
        }
      else
        {
          stmt = palpate_store_db_prepare (import->store,
                                           "SELECT id FROM techniques WHERE key IS NULL AND "
                                           "name = ? ORDER BY id LIMIT 1",
                                           error);
          if (stmt == NULL)
            return FALSE;
          palpate_db_bind_text (stmt, 1, name);
        }
      step = palpate_db_step (stmt, error);
      if (step == PALPATE_DB_ROW)
        target = palpate_db_column_int64 (stmt, 0);
      palpate_db_reset (stmt);
      if (step == PALPATE_DB_ERROR)
        return FALSE;

      if (target == 0)
        {
          /* A technique id kept from the file must not take one of the clinic's own. */
          keep_id = import->keep_ids;
          if (keep_id)
            {
              PalpateDbStatement *taken = palpate_store_db_prepare (import->store,
                                                                    "SELECT 1 FROM techniques "
                                                                    "WHERE id = ?",
                                                                    error);
              if (taken == NULL)
                return FALSE;
              palpate_db_bind_int64 (taken, 1, id);
              step = palpate_db_step (taken, error);
              palpate_db_reset (taken);
              if (step == PALPATE_DB_ERROR)
                return FALSE;
              keep_id = step == PALPATE_DB_DONE;
            }

          stmt = palpate_record_prepare_insert (import, keep_id, "techniques",
                                                "key, name, builtin", "?, ?, ?", error);
          if (stmt == NULL)
            return FALSE;
          palpate_db_bind_text (stmt, 1, key);
          palpate_db_bind_text (stmt, 2, name);
          palpate_db_bind_int (stmt, 3, builtin && key != NULL);
          if (keep_id)
            palpate_db_bind_int64 (stmt, 4, id);
          if (!palpate_record_db_step (stmt, &target, error))
            return FALSE;
        }

      palpate_record_map_id (import->techniques, id, target);
    }

  return TRUE;
}
