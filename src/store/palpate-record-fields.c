/* palpate-record-fields.c — a record's members read with their types checked, every refusal
 * located
 *
 * Each getter names the place in the file (a JSON path such as $.clients[0].visits[3].pain_before)
 * and the reason when a value is missing, of the wrong type or out of range; text must be
 * UTF-8, whatever JSON escapes say.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-record"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-core-error.h"
#include "palpate-pain.h"
#include "palpate-record-import-private.h"
#include "palpate-rules.h"

gboolean
palpate_record_fail_at (GError     **error,
                        int          code,
                        const char  *path,
                        const char  *reason)
{
  /* A member name from the file can hold what JSON escapes allow but UTF-8 does not. */
  g_autofree char *valid_path = g_utf8_make_valid (path, -1);

  /* Translators: the first %s is a place in the file such as $.clients[0].name */
  g_set_error (error, PALPATE_RECORD_ERROR, code, _("At %s in the file: %s"), valid_path,
               reason);
  return FALSE;
}

gboolean
palpate_record_fail_with (GError     **error,
                          const char  *path,
                          GError      *cause)
{
  return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, path, cause->message);
}

gint64 *
palpate_record_int64_key (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

gboolean
palpate_record_lookup_id (GHashTable *map,
                          gint64      source,
                          gint64     *target)
{
  gint64 *found = g_hash_table_lookup (map, &source);

  if (found == NULL)
    return FALSE;
  *target = *found;
  return TRUE;
}

void
palpate_record_map_id (GHashTable *map,
                       gint64      source,
                       gint64      target)
{
  g_hash_table_insert (map, palpate_record_int64_key (source), palpate_record_int64_key (target));
}

/* Typed access to members, each refusal located. */

JsonNode *
palpate_record_member (JsonObject  *object,
                       const char  *name,
                       const char  *path,
                       gboolean     required,
                       GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL && required)
    {
      g_autofree char *at = g_strdup_printf ("%s.%s", path, name);

      palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at, _("This value is missing."));
    }
  return node;
}

gboolean
palpate_record_get_int (JsonObject  *object,
                        const char  *name,
                        gint64       min,
                        gint64       max,
                        gboolean     nullable,
                        gint64      *value,
                        const char  *path,
                        GError     **error)
{
  JsonNode *node = palpate_record_member (object, name, path, !nullable, error);
  g_autofree char *at = NULL;

  if (node == NULL && !nullable)
    return FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        goto wrong;
      *value = G_MININT64;
      return TRUE;
    }
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    goto wrong;

  *value = json_node_get_int (node);
  if (*value >= min && *value <= max)
    return TRUE;

wrong:
  at = g_strdup_printf ("%s.%s", path, name);
  {
    g_autofree char *reason = NULL;

    /* Not G_GINT64_FORMAT: xgettext cannot see through the macro, so the message could not be
     * translated. */
    reason = g_strdup_printf (_("This should be a whole number from %lld to %lld."),
                              (long long) min, (long long) max);
    return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at, reason);
  }
}

gboolean
palpate_record_get_string (JsonObject  *object,
                           const char  *name,
                           gboolean     nullable,
                           const char **value,
                           const char  *path,
                           GError     **error)
{
  JsonNode *node = palpate_record_member (object, name, path, !nullable, error);
  g_autofree char *at = NULL;

  if (node == NULL && !nullable)
    return FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *value = NULL;
      if (nullable)
        return TRUE;
    }
  else if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *value = json_node_get_string (node);
      if (g_utf8_validate (*value, -1, NULL))
        return TRUE;
    }

  at = g_strdup_printf ("%s.%s", path, name);
  return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                                 nullable ? _("This should be text, or "
                                              "null.") : _("This should be text."));
}

/* Text the core rules do not cover (ids of regions, the signer's name): a length limit. */
gboolean
palpate_record_get_short_string (JsonObject  *object,
                                 const char  *name,
                                 gboolean     nullable,
                                 const char **value,
                                 const char  *path,
                                 GError     **error)
{
  g_autofree char *at = NULL;

  if (!palpate_record_get_string (object, name, nullable, value, path, error))
    return FALSE;
  if (*value == NULL || (**value != '\0' && g_utf8_strlen (*value, -1) <= PALPATE_NAME_MAX_CHARS))
    return TRUE;

  at = g_strdup_printf ("%s.%s", path, name);
  return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                                 _("This should be text of 1 to 200 characters."));
}

gboolean
palpate_record_get_choice (JsonObject  *object,
                           const char  *name,
                           const char **choices,
                           int         *index,
                           const char  *path,
                           GError     **error)
{
  const char *text;
  g_autofree char *at = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *reason = NULL;

  if (!palpate_record_get_string (object, name, FALSE, &text, path, error))
    return FALSE;

  for (int i = 0; choices[i] != NULL; i++)
    if (g_str_equal (text, choices[i]))
      {
        *index = i;
        return TRUE;
      }

  at = g_strdup_printf ("%s.%s", path, name);
  joined = g_strjoinv (", ", (char **) choices);
  reason = g_strdup_printf (_("This should be one of: %s."), joined);
  return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at, reason);
}

gboolean
palpate_record_get_bool (JsonObject  *object,
                         const char  *name,
                         gboolean    *value,
                         const char  *path,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *at = NULL;

  if (node == NULL)
    {
      *value = FALSE;
      return TRUE;
    }
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *value = json_node_get_boolean (node);
      return TRUE;
    }

  at = g_strdup_printf ("%s.%s", path, name);
  return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                                 _("This should be true or false."));
}

gboolean
palpate_record_get_time (JsonObject  *object,
                         const char  *name,
                         gboolean     nullable,
                         GDateTime  **value,
                         const char  *path,
                         GError     **error)
{
  const char *text;
  g_autofree char *at = NULL;

  *value = NULL;
  if (!palpate_record_get_string (object, name, nullable, &text, path, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  *value = g_date_time_new_from_iso8601 (text, NULL);
  if (*value != NULL && g_date_time_get_year (*value) >= 1900 &&
      g_date_time_get_year (*value) <= 9999)
    return TRUE;

  g_clear_pointer (value, g_date_time_unref);
  at = g_strdup_printf ("%s.%s", path, name);
  return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                                 _("This should be a time such as 2026-03-31T14:30:00Z."));
}

JsonArray *
palpate_record_get_array (JsonObject  *object,
                          const char  *name,
                          gboolean     required,
                          const char  *path,
                          GError     **error)
{
  static JsonArray *empty;
  JsonNode *node = palpate_record_member (object, name, path, required, error);
  g_autofree char *at = NULL;

  if (node == NULL)
    {
      if (required)
        return NULL;
      if (g_once_init_enter (&empty))
        g_once_init_leave (&empty, json_array_new ());
      return empty;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);

  at = g_strdup_printf ("%s.%s", path, name);
  palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at, _("This should be a list."));
  return NULL;
}

JsonObject *
palpate_record_get_element (JsonArray   *array,
                            guint        index,
                            const char  *path,
                            char       **element_path,
                            GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  *element_path = g_strdup_printf ("%s[%u]", path, index);
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, *element_path,
                          _("This should be an object."));
  return NULL;
}

/* A list of short texts (conditions, practitioners…) as a string vector. */
gboolean
palpate_record_get_strv (JsonObject  *object,
                         const char  *name,
                         GStrv       *value,
                         const char  *path,
                         GError     **error)
{
  g_autofree char *at = g_strdup_printf ("%s.%s", path, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = palpate_record_get_array (object, name, FALSE, path, error);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) != G_TYPE_STRING ||
          !g_utf8_validate (json_node_get_string (node), -1, NULL))
        return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                                       _("This should be a list of texts."));
      g_strv_builder_add (builder, json_node_get_string (node));
    }

  *value = g_strv_builder_end (builder);
  return TRUE;
}

GArray *
palpate_record_get_points (JsonObject  *object,
                           const char  *path,
                           GError     **error)
{
  g_autofree char *at = g_strdup_printf ("%s.points", path);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (PalpatePoint));
  JsonArray *array = palpate_record_get_array (object, "points", TRUE, path, error);
  guint n;

  if (array == NULL)
    return NULL;

  n = json_array_get_length (array);
  if (n < 2 || n % 2 != 0 || n > 2 * PALPATE_FINDING_MAX_POINTS)
    {
      palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                              _("This should be a list of x, y coordinates on the body chart."));
      return NULL;
    }

  for (guint i = 0; i < n; i += 2)
    {
      JsonNode *x = json_array_get_element (array, i);
      JsonNode *y = json_array_get_element (array, i + 1);
      PalpatePoint point;

      if (!JSON_NODE_HOLDS_VALUE (x) || !JSON_NODE_HOLDS_VALUE (y) ||
          (json_node_get_value_type (x) != G_TYPE_DOUBLE &&
           json_node_get_value_type (x) != G_TYPE_INT64) ||
          (json_node_get_value_type (y) != G_TYPE_DOUBLE &&
           json_node_get_value_type (y) != G_TYPE_INT64))
        {
          palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                                  _("This should be a list of x, y coordinates on the body "
                                    "chart."));
          return NULL;
        }

      point.x = json_node_get_double (x);
      point.y = json_node_get_double (y);
      /* The atlas is a few thousand units across; anything far outside is not a mark. */
      if (!(point.x >= -100000 && point.x <= 100000 && point.y >= -100000 && point.y <= 100000))
        {
          palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                                  _("A point of this mark is not on the body chart."));
          return NULL;
        }
      g_array_append_val (points, point);
    }

  return g_steal_pointer (&points);
}

/* Each row of the file once: two rows of one table with the same id are a damaged file. */
gboolean
palpate_record_check_unique_key (PalpateImport  *import,
                                 char           *key,
                                 const char     *path,
                                 GError        **error)
{
  if (g_hash_table_add (import->seen, key))
    return TRUE;

  return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_DUPLICATE, path,
                                 _("Another entry of the same kind has this id; the file repeats "
                                   "a row."));
}

gboolean
palpate_record_check_unique (PalpateImport  *import,
                             const char     *table,
                             gint64          id,
                             const char     *path,
                             GError        **error)
{
  return palpate_record_check_unique_key (import, g_strdup_printf ("%s:%" G_GINT64_FORMAT, table,
                                                                   id), path,
                                          error);
}

gboolean
palpate_record_check_region (PalpateImport  *import,
                             const char     *region_id,
                             const char     *path,
                             GError        **error)
{
  g_autofree char *at = NULL;

  if (region_id == NULL || import->region_check == NULL ||
      import->region_check (region_id, import->region_check_data))
    return TRUE;

  at = g_strdup_printf ("%s.region_id", path);
  return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                                 _("This is not a region of the body chart."));
}

/* A row's INSERT, "INSERT INTO @table (@columns) VALUES (@values) RETURNING id". With @with_id
 * the file's id is written too, as the last parameter (palpate_record_db_bind_id()); without,
 * the id column is left out for the database to choose one: PostgreSQL's identity columns
 * refuse the NULL id that SQLite would replace with one of its own. */
PalpateDbStatement *
palpate_record_prepare_insert (PalpateImport  *import,
                               gboolean        with_id,
                               const char     *table,
                               const char     *columns,
                               const char     *values,
                               GError        **error)
{
  g_autofree char *sql = NULL;

  if (with_id)
    sql = g_strdup_printf ("INSERT INTO %s (%s, id) VALUES (%s, ?) RETURNING id", table, columns,
                           values);
  else
    sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s) RETURNING id", table, columns,
                           values);
  return palpate_store_db_prepare (import->store, sql, error);
}

/* Runs a statement and resets it; the id of the new row, from its RETURNING id, if asked. */
gboolean
palpate_record_db_step (PalpateDbStatement  *stmt,
                        gint64              *new_id,
                        GError             **error)
{
  PalpateDbStep step = palpate_db_step (stmt, error);

  if (step == PALPATE_DB_ROW && new_id != NULL)
    *new_id = palpate_db_column_int64 (stmt, 0);
  palpate_db_reset (stmt);
  if (step == PALPATE_DB_ERROR)
    return FALSE;

  /* Only an INSERT … RETURNING id is asked for its row's id, and it always gives it. */
  g_assert (new_id == NULL || step == PALPATE_DB_ROW);
  return TRUE;
}

/* The file's id of a row, written only when the import keeps them (see
 * palpate_record_prepare_insert()). */
void
palpate_record_db_bind_id (PalpateImport      *import,
                           PalpateDbStatement *stmt,
                           int                 column,
                           gint64              source_id)
{
  if (import->keep_ids)
    palpate_db_bind_int64 (stmt, column, source_id);
}

void
palpate_record_db_bind_optional_int (PalpateDbStatement *stmt,
                                     int                 column,
                                     gint64              value)
{
  if (value == G_MININT64)
    palpate_db_bind_null (stmt, column);
  else
    palpate_db_bind_int64 (stmt, column, value);
}
