/* palpate-record-import.c — bringing a client's record or a whole clinic into a clinic
 *
 * The importer trusts nothing in the file: every value is checked for its type and then with
 * the same rules of src/core/ that the window applies, and a refusal names the place in the
 * file (a JSON path such as $.clients[0].visits[3].pain_before, or a line of a CSV file) and
 * the reason. Everything is written in one transaction: a file is imported whole or not at all.
 *
 * Clients are matched by their UUID. A client already here keeps their details and gains the
 * visits they do not have; a visit already here (same start) is skipped when it is the same,
 * replaces a draft when it differs, and refuses the whole import when it would change a signed
 * visit. Into an empty clinic, a whole clinic keeps its row ids, so that an export of the new
 * clinic is the export it came from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-record"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "palpate-core-error.h"
#include "palpate-pain.h"
#include "palpate-record-private.h"
#include "palpate-rules.h"
#include "palpate-store-private.h"

typedef struct
{
  PalpateStore         *store;
  PalpateRegionCheck    region_check;
  gpointer              region_check_data;
  PalpateImportSummary *summary;
  GDateTime            *now;
  gboolean              keep_ids;
  GHashTable           *therapist_names;  /* source id → the name the file gives */
  GHashTable           *technique_names;
  GHashTable           *therapists;       /* source id → id here */
  GHashTable           *techniques;
  GHashTable           *activities;       /* of the client being imported */
  GHashTable           *activity_names;
  GHashTable           *seen;             /* "table:id" of every row read, for duplicates */
} Import;

static const char *finding_statuses[] = { "new", "persisting", "improved", "resolved", NULL };
static const char *pressures[] = { "light", "moderate", "firm", "deep", NULL };

static gboolean
fail_at (GError     **error,
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

static gboolean
fail_with (GError     **error,
           const char  *path,
           GError      *cause)
{
  return fail_at (error, PALPATE_RECORD_ERROR_INVALID, path, cause->message);
}

static gint64 *
int64_key (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

static gboolean
lookup_id (GHashTable *map,
           gint64      source,
           gint64     *target)
{
  gint64 *found = g_hash_table_lookup (map, &source);

  if (found == NULL)
    return FALSE;
  *target = *found;
  return TRUE;
}

static void
map_id (GHashTable *map,
        gint64      source,
        gint64      target)
{
  g_hash_table_insert (map, int64_key (source), int64_key (target));
}

/* Typed access to members, each refusal located. */

static JsonNode *
member (JsonObject  *object,
        const char  *name,
        const char  *path,
        gboolean     required,
        GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL && required)
    {
      g_autofree char *at = g_strdup_printf ("%s.%s", path, name);

      fail_at (error, PALPATE_RECORD_ERROR_INVALID, at, _("This value is missing."));
    }
  return node;
}

static gboolean
get_int (JsonObject  *object,
         const char  *name,
         gint64       min,
         gint64       max,
         gboolean     nullable,
         gint64      *value,
         const char  *path,
         GError     **error)
{
  JsonNode *node = member (object, name, path, !nullable, error);
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
    g_autofree char *reason = g_strdup_printf (_("This should be a whole number from %"
                                                 G_GINT64_FORMAT " to %" G_GINT64_FORMAT "."),
                                               min, max);
    return fail_at (error, PALPATE_RECORD_ERROR_INVALID, at, reason);
  }
}

static gboolean
get_string (JsonObject   *object,
            const char   *name,
            gboolean      nullable,
            const char  **value,
            const char   *path,
            GError      **error)
{
  JsonNode *node = member (object, name, path, !nullable, error);
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
  return fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                  nullable ? _("This should be text, or null.") : _("This should be text."));
}

/* Text the core rules do not cover (ids of regions, the signer's name): a length limit. */
static gboolean
get_short_string (JsonObject   *object,
                  const char   *name,
                  gboolean      nullable,
                  const char  **value,
                  const char   *path,
                  GError      **error)
{
  g_autofree char *at = NULL;

  if (!get_string (object, name, nullable, value, path, error))
    return FALSE;
  if (*value == NULL || (**value != '\0' && g_utf8_strlen (*value, -1) <= PALPATE_NAME_MAX_CHARS))
    return TRUE;

  at = g_strdup_printf ("%s.%s", path, name);
  return fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                  _("This should be text of 1 to 200 characters."));
}

static gboolean
get_choice (JsonObject   *object,
            const char   *name,
            const char  **choices,
            int          *index,
            const char   *path,
            GError      **error)
{
  const char *text;
  g_autofree char *at = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *reason = NULL;

  if (!get_string (object, name, FALSE, &text, path, error))
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
  return fail_at (error, PALPATE_RECORD_ERROR_INVALID, at, reason);
}

static gboolean
get_bool (JsonObject  *object,
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
  return fail_at (error, PALPATE_RECORD_ERROR_INVALID, at, _("This should be true or false."));
}

static gboolean
get_time (JsonObject  *object,
          const char  *name,
          gboolean     nullable,
          GDateTime  **value,
          const char  *path,
          GError     **error)
{
  const char *text;
  g_autofree char *at = NULL;

  *value = NULL;
  if (!get_string (object, name, nullable, &text, path, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  *value = g_date_time_new_from_iso8601 (text, NULL);
  if (*value != NULL && g_date_time_get_year (*value) >= 1900 &&
      g_date_time_get_year (*value) <= 9999)
    return TRUE;

  g_clear_pointer (value, g_date_time_unref);
  at = g_strdup_printf ("%s.%s", path, name);
  return fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                  _("This should be a time such as 2026-03-31T14:30:00Z."));
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *name,
           gboolean     required,
           const char  *path,
           GError     **error)
{
  static JsonArray *empty;
  JsonNode *node = member (object, name, path, required, error);
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
  fail_at (error, PALPATE_RECORD_ERROR_INVALID, at, _("This should be a list."));
  return NULL;
}

static JsonObject *
get_element (JsonArray   *array,
             guint        index,
             const char  *path,
             char       **element_path,
             GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  *element_path = g_strdup_printf ("%s[%u]", path, index);
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  fail_at (error, PALPATE_RECORD_ERROR_INVALID, *element_path, _("This should be an object."));
  return NULL;
}

/* A list of short texts (conditions, practitioners…) as a string vector. */
static gboolean
get_strv (JsonObject   *object,
          const char   *name,
          GStrv        *value,
          const char   *path,
          GError      **error)
{
  g_autofree char *at = g_strdup_printf ("%s.%s", path, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = get_array (object, name, FALSE, path, error);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) != G_TYPE_STRING ||
          !g_utf8_validate (json_node_get_string (node), -1, NULL))
        return fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                        _("This should be a list of texts."));
      g_strv_builder_add (builder, json_node_get_string (node));
    }

  *value = g_strv_builder_end (builder);
  return TRUE;
}

static GArray *
get_points (JsonObject  *object,
            const char  *path,
            GError     **error)
{
  g_autofree char *at = g_strdup_printf ("%s.points", path);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (PalpatePoint));
  JsonArray *array = get_array (object, "points", TRUE, path, error);
  guint n;

  if (array == NULL)
    return NULL;

  n = json_array_get_length (array);
  if (n < 2 || n % 2 != 0 || n > 2 * PALPATE_FINDING_MAX_POINTS)
    {
      fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
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
          fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                   _("This should be a list of x, y coordinates on the body chart."));
          return NULL;
        }

      point.x = json_node_get_double (x);
      point.y = json_node_get_double (y);
      /* The atlas is a few thousand units across; anything far outside is not a mark. */
      if (!(point.x >= -100000 && point.x <= 100000 && point.y >= -100000 && point.y <= 100000))
        {
          fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                   _("A point of this mark is not on the body chart."));
          return NULL;
        }
      g_array_append_val (points, point);
    }

  return g_steal_pointer (&points);
}

/* Each row of the file once: two rows of one table with the same id are a damaged file. */
static gboolean
check_unique_key (Import      *import,
                  char        *key,
                  const char  *path,
                  GError     **error)
{
  if (g_hash_table_add (import->seen, key))
    return TRUE;

  return fail_at (error, PALPATE_RECORD_ERROR_DUPLICATE, path,
                  _("Another entry of the same kind has this id; the file repeats a row."));
}

static gboolean
check_unique (Import      *import,
              const char  *table,
              gint64       id,
              const char  *path,
              GError     **error)
{
  return check_unique_key (import, g_strdup_printf ("%s:%" G_GINT64_FORMAT, table, id), path,
                           error);
}

static gboolean
check_region (Import      *import,
              const char  *region_id,
              const char  *path,
              GError     **error)
{
  g_autofree char *at = NULL;

  if (region_id == NULL || import->region_check == NULL ||
      import->region_check (region_id, import->region_check_data))
    return TRUE;

  at = g_strdup_printf ("%s.region_id", path);
  return fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                  _("This is not a region of the body chart."));
}

static gboolean
step (Import        *import,
      sqlite3_stmt  *stmt,
      gint64        *new_id,
      GError       **error)
{
  if (!palpate_store_step_done (import->store, stmt, error))
    return FALSE;
  if (new_id != NULL)
    *new_id = sqlite3_last_insert_rowid (palpate_store_get_db (import->store));
  return TRUE;
}

static void
bind_id (Import       *import,
         sqlite3_stmt *stmt,
         int           column,
         gint64        source_id)
{
  if (import->keep_ids)
    sqlite3_bind_int64 (stmt, column, source_id);
  else
    sqlite3_bind_null (stmt, column);
}

static void
bind_optional_int (sqlite3_stmt *stmt,
                   int           column,
                   gint64        value)
{
  if (value == G_MININT64)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int64 (stmt, column, value);
}

/* Clinic settings, therapists and techniques. */

static gboolean
import_settings (Import      *import,
                 JsonObject  *root,
                 GError     **error)
{
  JsonNode *node = json_object_get_member (root, "settings");
  g_autoptr(GList) names = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail_at (error, PALPATE_RECORD_ERROR_INVALID, "$.settings",
                    _("This should be an object."));

  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *value;
      g_autofree char *at = g_strdup_printf ("$.settings.%s", key);
      sqlite3_stmt *stmt;

      if (!get_string (json_node_get_object (node), key, TRUE, &value, "$.settings", error))
        return FALSE;
      if (g_utf8_strlen (key, -1) > PALPATE_NAME_MAX_CHARS || g_str_equal (key, "pin-hash") ||
          (value != NULL && g_utf8_strlen (value, -1) > PALPATE_SHORT_TEXT_MAX_CHARS))
        return fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                        _("This setting cannot be imported."));

      /* The clinic's own settings win over the file's. */
      stmt = palpate_store_prepare (import->store,
                                    "INSERT INTO clinic_settings (key, value) VALUES (?, ?) "
                                    "ON CONFLICT (key) DO NOTHING",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      palpate_store_bind_text (stmt, 2, value);
      if (!step (import, stmt, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_therapists (Import      *import,
                   JsonObject  *root,
                   GError     **error)
{
  JsonArray *therapists = get_array (root, "therapists", FALSE, "$", error);

  if (therapists == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (therapists); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *object = get_element (therapists, i, "$.therapists", &path, error);
      g_autoptr(PalpateTherapist) therapist = palpate_therapist_new ();
      g_autoptr(GDateTime) created_at = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *name, *credentials;
      sqlite3_stmt *stmt;
      gint64 id, target = 0;
      int rc;

      if (object == NULL ||
          !get_int (object, "id", 1, G_MAXINT64, FALSE, &id, path, error) ||
          !check_unique (import, "therapists", id, path, error) ||
          !get_string (object, "name", FALSE, &name, path, error) ||
          !get_string (object, "credentials", TRUE, &credentials, path, error) ||
          !get_time (object, "created_at", FALSE, &created_at, path, error))
        return FALSE;

      palpate_therapist_set_name (therapist, name);
      palpate_therapist_set_credentials (therapist, credentials);
      if (!palpate_therapist_validate (therapist, &local_error))
        return fail_with (error, path, local_error);

      g_hash_table_insert (import->therapist_names, int64_key (id), g_strdup (name));

      stmt = palpate_store_prepare (import->store,
                                    "SELECT id FROM therapists WHERE name = ? AND "
                                    "credentials IS ? ORDER BY id LIMIT 1",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      palpate_store_bind_text (stmt, 2, credentials);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        target = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          palpate_store_set_sqlite_error (import->store, rc, error);
          return FALSE;
        }

      if (target == 0)
        {
          stmt = palpate_store_prepare (import->store,
                                        "INSERT INTO therapists (id, name, credentials, "
                                        "created_at) VALUES (?, ?, ?, ?)",
                                        error);
          if (stmt == NULL)
            return FALSE;
          bind_id (import, stmt, 1, id);
          sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
          palpate_store_bind_text (stmt, 3, credentials);
          palpate_store_bind_datetime (stmt, 4, created_at);
          if (!step (import, stmt, &target, error))
            return FALSE;
        }

      map_id (import->therapists, id, target);
    }

  return TRUE;
}

static gboolean
import_techniques (Import      *import,
                   JsonObject  *root,
                   GError     **error)
{
  JsonArray *techniques = get_array (root, "techniques", FALSE, "$", error);

  if (techniques == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (techniques); i++)
    {
      g_autofree char *path = NULL;
      JsonObject *object = get_element (techniques, i, "$.techniques", &path, error);
      g_autoptr(PalpateTechnique) technique = palpate_technique_new ();
      g_autoptr(GError) local_error = NULL;
      const char *key, *name;
      gboolean builtin;
      sqlite3_stmt *stmt;
      gint64 id, target = 0;
      int rc;

      if (object == NULL ||
          !get_int (object, "id", 1, G_MAXINT64, FALSE, &id, path, error) ||
          !check_unique (import, "techniques", id, path, error) ||
          !get_string (object, "key", TRUE, &key, path, error) ||
          !get_string (object, "name", FALSE, &name, path, error) ||
          !get_bool (object, "builtin", &builtin, path, error))
        return FALSE;

      palpate_technique_set_name (technique, name);
      if (!palpate_technique_validate (technique, &local_error))
        return fail_with (error, path, local_error);
      if (key != NULL && (*key == '\0' || strlen (key) > PALPATE_NAME_MAX_CHARS))
        {
          g_autofree char *at = g_strdup_printf ("%s.key", path);

          return fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                          _("This should be text of 1 to 200 characters."));
        }

      g_hash_table_insert (import->technique_names, int64_key (id), g_strdup (name));

      /* Built-in techniques are known by their key, the clinic's own by their name. */
      stmt = palpate_store_prepare (import->store,
                                    key != NULL
                                    ? "SELECT id FROM techniques WHERE key = ?1"
                                    : "SELECT id FROM techniques WHERE key IS NULL AND name = ?2 "
                                      "ORDER BY id LIMIT 1",
                                    error);
      if (stmt == NULL)
        return FALSE;
      palpate_store_bind_text (stmt, 1, key);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        target = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          palpate_store_set_sqlite_error (import->store, rc, error);
          return FALSE;
        }

      if (target == 0)
        {
          stmt = palpate_store_prepare (import->store,
                                        "INSERT INTO techniques (id, key, name, builtin) "
                                        "VALUES (?, ?, ?, ?)",
                                        error);
          if (stmt == NULL)
            return FALSE;
          /* A technique id kept from the file must not take one of the clinic's own. */
          if (import->keep_ids)
            {
              sqlite3_stmt *taken = palpate_store_prepare (import->store,
                                                           "SELECT 1 FROM techniques WHERE id = ?",
                                                           error);
              if (taken == NULL)
                return FALSE;
              sqlite3_bind_int64 (taken, 1, id);
              rc = sqlite3_step (taken);
              sqlite3_reset (taken);
              if (rc == SQLITE_ROW)
                sqlite3_bind_null (stmt, 1);
              else
                sqlite3_bind_int64 (stmt, 1, id);
            }
          else
            sqlite3_bind_null (stmt, 1);
          palpate_store_bind_text (stmt, 2, key);
          sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (stmt, 4, builtin && key != NULL);
          if (!step (import, stmt, &target, error))
            return FALSE;
        }

      map_id (import->techniques, id, target);
    }

  return TRUE;
}

/* Clients. */

static gboolean
insert_client (Import         *import,
               PalpateClient  *client,
               const char     *uuid,
               gint64          source_id,
               gint64         *target,
               GError        **error)
{
  g_autofree char *search_source = NULL;
  g_autofree char *search_text = NULL;
  g_autofree char *conditions = NULL;
  g_autofree char *contraindications = NULL;
  g_autofree char *practitioners = NULL;
  const char *birth_date = palpate_client_get_birth_date (client);
  sqlite3_stmt *stmt;

  search_source = g_strjoin (" ", palpate_client_get_name (client),
                             palpate_client_get_phone (client) ?: "", NULL);
  search_text = palpate_store_fold_for_search (search_source);
  conditions = palpate_store_strv_to_json (palpate_client_get_conditions (client));
  contraindications = palpate_store_strv_to_json (palpate_client_get_contraindications (client));
  practitioners = palpate_store_strv_to_json (palpate_client_get_practitioners (client));

  stmt = palpate_store_prepare (import->store,
                                "INSERT INTO clients (id, uuid, name, birth_date, phone, email, "
                                "conditions, contraindications, practitioners, goals, "
                                "search_text, created_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;

  if (source_id > 0)
    bind_id (import, stmt, 1, source_id);
  else
    sqlite3_bind_null (stmt, 1);
  palpate_store_bind_text (stmt, 2, uuid);
  sqlite3_bind_text (stmt, 3, palpate_client_get_name (client), -1, SQLITE_TRANSIENT);
  palpate_store_bind_text (stmt, 4, birth_date != NULL && *birth_date != '\0' ? birth_date : NULL);
  palpate_store_bind_text (stmt, 5, palpate_client_get_phone (client));
  palpate_store_bind_text (stmt, 6, palpate_client_get_email (client));
  sqlite3_bind_text (stmt, 7, conditions, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, contraindications, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, practitioners, -1, SQLITE_TRANSIENT);
  palpate_store_bind_text (stmt, 10, palpate_client_get_goals (client));
  sqlite3_bind_text (stmt, 11, search_text, -1, SQLITE_TRANSIENT);
  if (palpate_client_get_created_at (client) != NULL)
    palpate_store_bind_datetime (stmt, 12, palpate_client_get_created_at (client));
  else
    sqlite3_bind_int64 (stmt, 12, g_date_time_to_unix (import->now));
  if (!step (import, stmt, target, error))
    return FALSE;

  stmt = palpate_store_prepare (import->store,
                                "INSERT INTO clients_search (rowid, search_text) VALUES (?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, *target);
  sqlite3_bind_text (stmt, 2, search_text, -1, SQLITE_TRANSIENT);
  return step (import, stmt, NULL, error) &&
         palpate_store_audit_append (import->store, "import", "client", *target, NULL, error);
}

/* Another client here with the same name and date of birth: kept apart, but said. */
static gboolean
note_namesake (Import         *import,
               PalpateClient  *client,
               const char     *where,
               GError        **error)
{
  const char *birth_date = palpate_client_get_birth_date (client);
  sqlite3_stmt *stmt;
  int rc;

  stmt = palpate_store_prepare (import->store,
                                "SELECT 1 FROM clients WHERE name = ? AND birth_date IS ? LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, palpate_client_get_name (client), -1, SQLITE_TRANSIENT);
  palpate_store_bind_text (stmt, 2, birth_date != NULL && *birth_date != '\0' ? birth_date : NULL);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW && import->summary != NULL)
    g_ptr_array_add (import->summary->duplicates,
                     /* Translators: %s is a client's name, then a place in the file */
                     g_strdup_printf (_("%s (%s) has the same name and date of birth as a client "
                                        "already in this clinic."),
                                      palpate_client_get_name (client), where));
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (import->store, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
import_activities (Import      *import,
                   JsonObject  *object,
                   gint64       client_id,
                   gboolean     merged,
                   const char  *path,
                   GError     **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.psfs_activities", path);
  JsonArray *activities = get_array (object, "psfs_activities", FALSE, path, error);
  g_autoptr(PalpateClient) check = palpate_client_new ();
  g_autoptr(GError) local_error = NULL;

  if (activities == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (activities); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *activity = get_element (activities, i, list_path, &at, error);
      const char *name;
      gint64 id, position, target = 0;
      sqlite3_stmt *stmt;
      int rc;

      if (activity == NULL ||
          !get_int (activity, "id", 1, G_MAXINT64, FALSE, &id, at, error) ||
          !check_unique (import, "psfs_activities", id, at, error) ||
          !get_int (activity, "position", 0, PALPATE_PSFS_MAX_ACTIVITIES - 1, FALSE, &position,
                    at, error) ||
          !get_string (activity, "name", FALSE, &name, at, error))
        return FALSE;

      /* The same rules as the client's details in the window. */
      {
        const char *one[] = { name, NULL };

        palpate_client_set_name (check, "-");
        palpate_client_set_activities (check, one);
        if (!palpate_client_validate (check, import->now, &local_error))
          return fail_with (error, at, local_error);
      }

      g_hash_table_insert (import->activity_names, int64_key (id), g_strdup (name));

      if (merged)
        {
          stmt = palpate_store_prepare (import->store,
                                        "SELECT id, name = ?3 FROM psfs_activities "
                                        "WHERE client_id = ?1 AND (name = ?3 OR position = ?2) "
                                        "ORDER BY name = ?3 DESC LIMIT 1",
                                        error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, client_id);
          sqlite3_bind_int64 (stmt, 2, position);
          sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            target = sqlite3_column_int (stmt, 1) ? sqlite3_column_int64 (stmt, 0) : -1;
          sqlite3_reset (stmt);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            {
              palpate_store_set_sqlite_error (import->store, rc, error);
              return FALSE;
            }
          if (target < 0)
            return fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                            _("The client already rates another activity in this place of "
                              "their list."));
        }

      if (target == 0)
        {
          stmt = palpate_store_prepare (import->store,
                                        "INSERT INTO psfs_activities (id, client_id, position, "
                                        "name) VALUES (?, ?, ?, ?)",
                                        error);
          if (stmt == NULL)
            return FALSE;
          bind_id (import, stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, client_id);
          sqlite3_bind_int64 (stmt, 3, position);
          sqlite3_bind_text (stmt, 4, name, -1, SQLITE_TRANSIENT);
          if (!step (import, stmt, &target, error))
            {
              g_clear_error (error);
              return fail_at (error, PALPATE_RECORD_ERROR_DUPLICATE, at,
                              _("Two activities take the same place in the client’s list."));
            }
        }

      map_id (import->activities, id, target);
    }

  return TRUE;
}

static gboolean
import_zones (Import      *import,
              JsonObject  *object,
              gint64       client_id,
              gboolean     merged,
              const char  *path,
              GError     **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.zones", path);
  JsonArray *zones = get_array (object, "zones", FALSE, path, error);

  if (zones == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (zones); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *zone = get_element (zones, i, list_path, &at, error);
      g_autoptr(GArray) points = NULL;
      g_autoptr(PalpateFinding) finding = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *points_text = NULL;
      const char *view_name, *region_id, *note;
      PalpateView view;
      sqlite3_stmt *stmt;
      gint64 id;

      if (zone == NULL ||
          !get_int (zone, "id", 1, G_MAXINT64, FALSE, &id, at, error) ||
          !check_unique (import, "client_zones", id, at, error) ||
          !get_string (zone, "view", FALSE, &view_name, at, error) ||
          !get_short_string (zone, "region_id", TRUE, &region_id, at, error) ||
          !check_region (import, region_id, at, error) ||
          !get_string (zone, "note", TRUE, &note, at, error) ||
          (points = get_points (zone, at, error)) == NULL)
        return FALSE;

      if (!palpate_view_from_string (view_name, &view))
        {
          g_autofree char *view_at = g_strdup_printf ("%s.view", at);

          return fail_at (error, PALPATE_RECORD_ERROR_INVALID, view_at,
                          _("This is not a view of the body chart."));
        }

      finding = palpate_finding_new (PALPATE_FINDING_CONTRAINDICATION, view,
                                     (PalpatePoint *) points->data, points->len);
      palpate_finding_set_note (finding, note);
      if (!palpate_finding_validate (finding, &local_error))
        return fail_with (error, at, local_error);

      /* A client already here keeps the zones drawn in this clinic. */
      if (merged)
        continue;

      points_text = palpate_store_points_to_text ((PalpatePoint *) points->data, points->len);
      stmt = palpate_store_prepare (import->store,
                                    "INSERT INTO client_zones (id, client_id, view, region_id, "
                                    "note, points) VALUES (?, ?, ?, ?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      bind_id (import, stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, client_id);
      sqlite3_bind_text (stmt, 3, view_name, -1, SQLITE_TRANSIENT);
      palpate_store_bind_text (stmt, 4, region_id);
      palpate_store_bind_text (stmt, 5, note);
      sqlite3_bind_text (stmt, 6, points_text, -1, SQLITE_TRANSIENT);
      if (!step (import, stmt, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* Visits and what was charted at them. */

static gboolean
check_reference_name (GHashTable  *names,
                      gint64       source_id,
                      JsonObject  *object,
                      const char  *name_member,
                      const char  *path,
                      GError     **error)
{
  const char *expected = g_hash_table_lookup (names, &source_id);
  const char *given;
  g_autofree char *at = g_strdup_printf ("%s.%s", path, name_member);

  if (!get_string (object, name_member, TRUE, &given, path, error))
    return FALSE;
  /* The name is what the seal covers: it must be the one the id stands for. */
  if (given == NULL || g_strcmp0 (given, expected) == 0)
    return TRUE;

  return fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                  _("This name does not match the entry its id refers to."));
}

static gboolean
import_findings (Import      *import,
                 JsonObject  *visit,
                 gint64       visit_id,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.findings", path);
  JsonArray *findings = get_array (visit, "findings", FALSE, path, error);

  if (findings == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *object = get_element (findings, i, list_path, &at, error);
      g_autoptr(GArray) points = NULL;
      g_autoptr(PalpateFinding) finding = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *points_text = NULL;
      const char *view_name, *kind_name, *region_id, *note;
      PalpateView view;
      PalpateFindingKind kind;
      gboolean reported;
      int status;
      gint64 id, intensity;
      sqlite3_stmt *stmt;

      if (object == NULL ||
          !get_int (object, "id", 1, G_MAXINT64, FALSE, &id, at, error) ||
          !check_unique (import, "findings", id, at, error) ||
          !get_string (object, "view", FALSE, &view_name, at, error) ||
          !get_string (object, "kind", FALSE, &kind_name, at, error) ||
          !get_short_string (object, "region_id", TRUE, &region_id, at, error) ||
          !check_region (import, region_id, at, error) ||
          !get_int (object, "intensity", 0, PALPATE_FINDING_INTENSITY_MAX, FALSE, &intensity,
                    at, error) ||
          !get_string (object, "note", TRUE, &note, at, error) ||
          !get_choice (object, "status", finding_statuses, &status, at, error) ||
          !get_bool (object, "reported_by_client", &reported, at, error) ||
          (points = get_points (object, at, error)) == NULL)
        return FALSE;

      if (!palpate_view_from_string (view_name, &view))
        {
          g_autofree char *view_at = g_strdup_printf ("%s.view", at);

          return fail_at (error, PALPATE_RECORD_ERROR_INVALID, view_at,
                          _("This is not a view of the body chart."));
        }
      if (!palpate_finding_kind_from_string (kind_name, &kind))
        {
          g_autofree char *kind_at = g_strdup_printf ("%s.kind", at);

          return fail_at (error, PALPATE_RECORD_ERROR_INVALID, kind_at,
                          _("This is not a kind of finding."));
        }

      finding = palpate_finding_new (kind, view, (PalpatePoint *) points->data, points->len);
      palpate_finding_set_intensity (finding, (int) intensity);
      palpate_finding_set_note (finding, note);
      if (!palpate_finding_validate (finding, &local_error))
        return fail_with (error, at, local_error);

      points_text = palpate_store_points_to_text ((PalpatePoint *) points->data, points->len);
      stmt = palpate_store_prepare (import->store,
                                    "INSERT INTO findings (id, visit_id, view, kind, region_id, "
                                    "intensity, note, status, points, reported_by_client) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      bind_id (import, stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, visit_id);
      sqlite3_bind_text (stmt, 3, view_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, kind_name, -1, SQLITE_TRANSIENT);
      palpate_store_bind_text (stmt, 5, region_id);
      sqlite3_bind_int64 (stmt, 6, intensity);
      palpate_store_bind_text (stmt, 7, note);
      sqlite3_bind_text (stmt, 8, finding_statuses[status], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, points_text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 10, reported);
      if (!step (import, stmt, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_applied_techniques (Import      *import,
                           JsonObject  *visit,
                           gint64       visit_id,
                           const char  *path,
                           GError     **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.applied_techniques", path);
  JsonArray *applied = get_array (visit, "applied_techniques", FALSE, path, error);

  if (applied == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (applied); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *object = get_element (applied, i, list_path, &at, error);
      g_autoptr(PalpateAppliedTechnique) technique = palpate_applied_technique_new ();
      g_autoptr(GError) local_error = NULL;
      const char *region_id, *note;
      gint64 id, technique_id, target, minutes;
      int pressure;
      sqlite3_stmt *stmt;

      if (object == NULL ||
          !get_int (object, "id", 1, G_MAXINT64, FALSE, &id, at, error) ||
          !check_unique (import, "applied_techniques", id, at, error) ||
          !get_int (object, "technique_id", 1, G_MAXINT64, FALSE, &technique_id, at, error) ||
          !check_reference_name (import->technique_names, technique_id, object, "technique", at,
                                 error) ||
          !get_string (object, "region_id", FALSE, &region_id, at, error) ||
          !get_int (object, "minutes", 1, PALPATE_TECHNIQUE_MAX_MINUTES, FALSE, &minutes, at,
                    error) ||
          !get_choice (object, "pressure", pressures, &pressure, at, error) ||
          !get_string (object, "note", TRUE, &note, at, error))
        return FALSE;

      if (!lookup_id (import->techniques, technique_id, &target))
        {
          g_autofree char *ref_at = g_strdup_printf ("%s.technique_id", at);

          return fail_at (error, PALPATE_RECORD_ERROR_INVALID, ref_at,
                          _("No technique of the file has this id."));
        }

      palpate_applied_technique_set_technique_id (technique, target);
      palpate_applied_technique_set_region_id (technique, region_id);
      palpate_applied_technique_set_minutes (technique, (int) minutes);
      palpate_applied_technique_set_note (technique, note);
      if (!palpate_applied_technique_validate (technique, &local_error))
        return fail_with (error, at, local_error);
      if (!check_region (import, region_id, at, error))
        return FALSE;

      stmt = palpate_store_prepare (import->store,
                                    "INSERT INTO applied_techniques (id, visit_id, technique_id, "
                                    "region_id, minutes, pressure, note) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      bind_id (import, stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, visit_id);
      sqlite3_bind_int64 (stmt, 3, target);
      sqlite3_bind_text (stmt, 4, region_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, minutes);
      sqlite3_bind_text (stmt, 6, pressures[pressure], -1, SQLITE_STATIC);
      palpate_store_bind_text (stmt, 7, note);
      if (!step (import, stmt, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_ratings (Import      *import,
                JsonObject  *visit,
                gint64       visit_id,
                const char  *path,
                GError     **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.psfs_ratings", path);
  JsonArray *ratings = get_array (visit, "psfs_ratings", FALSE, path, error);

  if (ratings == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (ratings); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *object = get_element (ratings, i, list_path, &at, error);
      gint64 activity_id, target, rating;
      sqlite3_stmt *stmt;

      if (object == NULL ||
          !get_int (object, "activity_id", 1, G_MAXINT64, FALSE, &activity_id, at, error) ||
          !check_reference_name (import->activity_names, activity_id, object, "activity", at,
                                 error) ||
          !get_int (object, "rating", 0, 10, FALSE, &rating, at, error))
        return FALSE;

      if (!lookup_id (import->activities, activity_id, &target))
        {
          g_autofree char *ref_at = g_strdup_printf ("%s.activity_id", at);

          return fail_at (error, PALPATE_RECORD_ERROR_INVALID, ref_at,
                          _("None of this client’s activities has this id."));
        }

      if (!check_unique_key (import, g_strdup_printf ("psfs_ratings:%" G_GINT64_FORMAT "/%"
                                                      G_GINT64_FORMAT, visit_id, target),
                             at, error))
        return FALSE;

      stmt = palpate_store_prepare (import->store,
                                    "INSERT INTO psfs_ratings (visit_id, activity_id, rating) "
                                    "VALUES (?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, visit_id);
      sqlite3_bind_int64 (stmt, 2, target);
      sqlite3_bind_int64 (stmt, 3, rating);
      if (!step (import, stmt, NULL, error))
        {
          g_clear_error (error);
          return fail_at (error, PALPATE_RECORD_ERROR_DUPLICATE, at,
                          _("The visit rates this activity twice."));
        }
    }

  return TRUE;
}

static gboolean
import_outcomes (Import      *import,
                 JsonObject  *visit,
                 gint64       visit_id,
                 const char  *path,
                 GError     **error)
{
  static const char *instruments[] = { "ndi", "odi", NULL };
  g_autofree char *list_path = g_strdup_printf ("%s.outcome_measures", path);
  JsonArray *outcomes = get_array (visit, "outcome_measures", FALSE, path, error);

  if (outcomes == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (outcomes); i++)
    {
      g_autofree char *at = NULL;
      g_autofree char *answers_at = NULL;
      g_autoptr(GString) answers_text = g_string_new ("[");
      JsonObject *object = get_element (outcomes, i, list_path, &at, error);
      JsonArray *answers;
      gint64 id;
      int instrument;
      sqlite3_stmt *stmt;

      if (object == NULL ||
          !get_int (object, "id", 1, G_MAXINT64, FALSE, &id, at, error) ||
          !check_unique (import, "outcome_measures", id, at, error) ||
          !get_choice (object, "instrument", instruments, &instrument, at, error) ||
          (answers = get_array (object, "answers", TRUE, at, error)) == NULL)
        return FALSE;

      answers_at = g_strdup_printf ("%s.answers", at);
      if (json_array_get_length (answers) != PALPATE_OUTCOME_N_ITEMS)
        return fail_at (error, PALPATE_RECORD_ERROR_INVALID, answers_at,
                        _("A questionnaire has ten answers, each from 0 to 5 or null."));

      for (guint q = 0; q < PALPATE_OUTCOME_N_ITEMS; q++)
        {
          JsonNode *answer = json_array_get_element (answers, q);

          if (JSON_NODE_HOLDS_NULL (answer))
            g_string_append_printf (answers_text, "%snull", q ? "," : "");
          else if (json_node_get_value_type (answer) == G_TYPE_INT64 &&
                   json_node_get_int (answer) >= 0 && json_node_get_int (answer) <= 5)
            g_string_append_printf (answers_text, "%s%d", q ? "," : "",
                                    (int) json_node_get_int (answer));
          else
            return fail_at (error, PALPATE_RECORD_ERROR_INVALID, answers_at,
                            _("A questionnaire has ten answers, each from 0 to 5 or null."));
        }
      g_string_append_c (answers_text, ']');

      stmt = palpate_store_prepare (import->store,
                                    "INSERT INTO outcome_measures (id, visit_id, instrument, "
                                    "answers) VALUES (?, ?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      bind_id (import, stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, visit_id);
      sqlite3_bind_text (stmt, 3, instruments[instrument], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, answers_text->str, -1, SQLITE_TRANSIENT);
      if (!step (import, stmt, NULL, error))
        {
          g_clear_error (error);
          return fail_at (error, PALPATE_RECORD_ERROR_DUPLICATE, at,
                          _("The visit holds this questionnaire twice."));
        }
    }

  return TRUE;
}

static gboolean
import_amendments (Import      *import,
                   JsonObject  *visit,
                   gint64       visit_id,
                   gboolean     only_new,
                   const char  *path,
                   GError     **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.amendments", path);
  JsonArray *amendments = get_array (visit, "amendments", FALSE, path, error);

  if (amendments == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (amendments); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *object = get_element (amendments, i, list_path, &at, error);
      g_autoptr(PalpateAmendment) amendment = palpate_amendment_new ();
      g_autoptr(GDateTime) created_at = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *author, *text;
      gint64 id;
      sqlite3_stmt *stmt;
      int rc;

      if (object == NULL ||
          !get_int (object, "id", 1, G_MAXINT64, FALSE, &id, at, error) ||
          !check_unique (import, "amendments", id, at, error) ||
          !get_time (object, "created_at", FALSE, &created_at, at, error) ||
          !get_string (object, "author", FALSE, &author, at, error) ||
          !get_string (object, "text", FALSE, &text, at, error))
        return FALSE;

      palpate_amendment_set_author (amendment, author);
      palpate_amendment_set_text (amendment, text);
      if (!palpate_amendment_validate (amendment, &local_error))
        return fail_with (error, at, local_error);

      /* A visit already here gains only the amendments it does not have. */
      if (only_new)
        {
          stmt = palpate_store_prepare (import->store,
                                        "SELECT 1 FROM amendments WHERE visit_id = ? AND "
                                        "created_at = ? AND author = ? AND text = ?",
                                        error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, visit_id);
          palpate_store_bind_datetime (stmt, 2, created_at);
          sqlite3_bind_text (stmt, 3, author, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 4, text, -1, SQLITE_TRANSIENT);
          rc = sqlite3_step (stmt);
          sqlite3_reset (stmt);
          if (rc == SQLITE_ROW)
            continue;
          if (rc != SQLITE_DONE)
            {
              palpate_store_set_sqlite_error (import->store, rc, error);
              return FALSE;
            }
        }

      stmt = palpate_store_prepare (import->store,
                                    "INSERT INTO amendments (id, visit_id, created_at, author, "
                                    "text) VALUES (?, ?, ?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      bind_id (import, stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, visit_id);
      palpate_store_bind_datetime (stmt, 3, created_at);
      sqlite3_bind_text (stmt, 4, author, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, text, -1, SQLITE_TRANSIENT);
      if (!step (import, stmt, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* A visit of a client already here with the same start: the same visit, or one that differs. */
static gboolean
find_existing_visit (Import      *import,
                     gint64       client_id,
                     GDateTime   *started_at,
                     gint64      *existing_id,
                     gboolean    *existing_signed,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *existing_id = 0;
  stmt = palpate_store_prepare (import->store,
                                "SELECT id, status = 'signed' FROM visits "
                                "WHERE client_id = ? AND started_at = ? ORDER BY id LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  palpate_store_bind_datetime (stmt, 2, started_at);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *existing_id = sqlite3_column_int64 (stmt, 0);
      *existing_signed = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (import->store, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
import_visit (Import      *import,
              JsonObject  *object,
              gint64       client_id,
              gboolean     merged,
              const char  *path,
              GError     **error)
{
  static const char *statuses[] = { "draft", "signed", NULL };
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(GDateTime) started_at = NULL;
  g_autoptr(GDateTime) signed_at = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *subjective, *objective, *assessment, *plan, *home_care, *signed_by, *seal;
  gint64 id, therapist_id, target_therapist = 0, duration, pain_before, pain_after, visit_id;
  gboolean consent, reported;
  int status;
  sqlite3_stmt *stmt;

  if (!get_int (object, "id", 1, G_MAXINT64, FALSE, &id, path, error) ||
      !check_unique (import, "visits", id, path, error) ||
      !get_int (object, "therapist_id", 1, G_MAXINT64, TRUE, &therapist_id, path, error) ||
      (therapist_id != G_MININT64 &&
       !check_reference_name (import->therapist_names, therapist_id, object, "therapist", path,
                              error)) ||
      !get_time (object, "started_at", FALSE, &started_at, path, error) ||
      !get_int (object, "duration_minutes", 0, PALPATE_VISIT_MAX_MINUTES, FALSE, &duration, path,
                error) ||
      !get_int (object, "pain_before", 0, 10, TRUE, &pain_before, path, error) ||
      !get_int (object, "pain_after", 0, 10, TRUE, &pain_after, path, error) ||
      !get_string (object, "subjective", TRUE, &subjective, path, error) ||
      !get_string (object, "objective", TRUE, &objective, path, error) ||
      !get_string (object, "assessment", TRUE, &assessment, path, error) ||
      !get_string (object, "plan", TRUE, &plan, path, error) ||
      !get_string (object, "home_care", TRUE, &home_care, path, error) ||
      !get_choice (object, "status", statuses, &status, path, error) ||
      !get_time (object, "signed_at", status == 0, &signed_at, path, error) ||
      !get_short_string (object, "signed_by", status == 0, &signed_by, path, error) ||
      !get_string (object, "seal", status == 0, &seal, path, error) ||
      !get_bool (object, "consent_sensitive", &consent, path, error) ||
      !get_bool (object, "reported_by_client", &reported, path, error))
    return FALSE;

  if (therapist_id != G_MININT64 && !lookup_id (import->therapists, therapist_id,
                                                &target_therapist))
    {
      g_autofree char *at = g_strdup_printf ("%s.therapist_id", path);

      return fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                      _("No therapist of the file has this id."));
    }

  palpate_visit_set_started_at (visit, started_at);
  palpate_visit_set_duration_minutes (visit, (int) duration);
  palpate_visit_set_pain_before (visit, pain_before == G_MININT64 ? PALPATE_PAIN_UNSET
                                                                  : (int) pain_before);
  palpate_visit_set_pain_after (visit, pain_after == G_MININT64 ? PALPATE_PAIN_UNSET
                                                                : (int) pain_after);
  palpate_visit_set_subjective (visit, subjective);
  palpate_visit_set_objective (visit, objective);
  palpate_visit_set_assessment (visit, assessment);
  palpate_visit_set_plan (visit, plan);
  palpate_visit_set_home_care (visit, home_care);
  if (!palpate_visit_validate (visit, import->now, &local_error))
    return fail_with (error, path, local_error);

  if (merged)
    {
      gint64 existing_id;
      gboolean existing_signed = FALSE;

      if (!find_existing_visit (import, client_id, started_at, &existing_id, &existing_signed,
                                error))
        return FALSE;

      if (existing_id != 0)
        {
          g_autoptr(JsonObject) existing = palpate_record_export_visit (import->store,
                                                                        existing_id, error);
          g_autofree char *existing_seal = NULL;
          g_autofree char *incoming_seal = NULL;

          if (existing == NULL)
            return FALSE;
          existing_seal = palpate_record_compute_seal (existing);
          incoming_seal = palpate_record_compute_seal (object);

          if (g_str_equal (existing_seal, incoming_seal))
            {
              g_autoptr(GDateTime) local = g_date_time_to_local (started_at);
              g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");

              if (import->summary != NULL)
                g_ptr_array_add (import->summary->duplicates,
                                 /* Translators: %s is a date and time, then a place in the file */
                                 g_strdup_printf (_("The visit of %s (%s) is already in this "
                                                    "clinic."), when, path));
              return import_amendments (import, object, existing_id, TRUE, path, error);
            }

          if (existing_signed)
            return fail_at (error, PALPATE_RECORD_ERROR_SIGNED_VISIT_CHANGED, path,
                            _("This clinic holds a signed visit at the same time with other "
                              "content; a signed visit is never overwritten."));

          stmt = palpate_store_prepare (import->store, "DELETE FROM visits WHERE id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, existing_id);
          if (!step (import, stmt, NULL, error))
            return FALSE;
          if (import->summary != NULL)
            import->summary->n_drafts_replaced++;
        }
    }

  /* Inserted as a draft, so that what was charted can follow, then signed as it was. */
  stmt = palpate_store_prepare (import->store,
                                "INSERT INTO visits (id, client_id, therapist_id, started_at, "
                                "duration_minutes, pain_before, pain_after, subjective, "
                                "objective, assessment, plan, home_care, status, "
                                "consent_sensitive, reported_by_client) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  bind_id (import, stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, client_id);
  if (target_therapist != 0)
    sqlite3_bind_int64 (stmt, 3, target_therapist);
  else
    sqlite3_bind_null (stmt, 3);
  palpate_store_bind_datetime (stmt, 4, started_at);
  sqlite3_bind_int64 (stmt, 5, duration);
  bind_optional_int (stmt, 6, pain_before);
  bind_optional_int (stmt, 7, pain_after);
  palpate_store_bind_text (stmt, 8, subjective);
  palpate_store_bind_text (stmt, 9, objective);
  palpate_store_bind_text (stmt, 10, assessment);
  palpate_store_bind_text (stmt, 11, plan);
  palpate_store_bind_text (stmt, 12, home_care);
  sqlite3_bind_int (stmt, 13, consent);
  sqlite3_bind_int (stmt, 14, reported);
  if (!step (import, stmt, &visit_id, error))
    return FALSE;

  if (!import_findings (import, object, visit_id, path, error) ||
      !import_applied_techniques (import, object, visit_id, path, error) ||
      !import_ratings (import, object, visit_id, path, error) ||
      !import_outcomes (import, object, visit_id, path, error))
    return FALSE;

  /* A signed visit is imported only as it was signed: its seal says it was not changed. The
   * check comes after its parts were read, so that a value breaking a rule is named first. */
  if (status == 1)
    {
      g_autofree char *computed = palpate_record_compute_seal (object);

      if (!g_str_equal (computed, seal))
        return fail_at (error, PALPATE_RECORD_ERROR_SIGNED_VISIT_CHANGED, path,
                        _("This signed visit was changed after it was exported: its seal does "
                          "not match its content."));

      stmt = palpate_store_prepare (import->store,
                                    "UPDATE visits SET status = 'signed', signed_at = ?, "
                                    "signed_by = ? WHERE id = ?",
                                    error);
      if (stmt == NULL)
        return FALSE;
      palpate_store_bind_datetime (stmt, 1, signed_at);
      sqlite3_bind_text (stmt, 2, signed_by, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, visit_id);
      if (!step (import, stmt, NULL, error))
        return FALSE;
    }

  if (import->summary != NULL)
    import->summary->n_visits_added++;

  return import_amendments (import, object, visit_id, FALSE, path, error) &&
         palpate_store_audit_append (import->store, "import", "visit", visit_id, NULL, error);
}

static gboolean
import_client (Import      *import,
               JsonObject  *object,
               const char  *path,
               GError     **error)
{
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) conditions = NULL;
  g_auto(GStrv) contraindications = NULL;
  g_auto(GStrv) practitioners = NULL;
  g_autofree char *visits_path = g_strdup_printf ("%s.visits", path);
  const char *uuid, *name, *birth_date, *phone, *email, *goals;
  JsonArray *visits;
  gint64 id, client_id = 0;
  gboolean merged = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  if (!get_int (object, "id", 1, G_MAXINT64, FALSE, &id, path, error) ||
      !check_unique (import, "clients", id, path, error) ||
      !get_string (object, "uuid", FALSE, &uuid, path, error) ||
      !get_string (object, "name", FALSE, &name, path, error) ||
      !get_string (object, "birth_date", TRUE, &birth_date, path, error) ||
      !get_string (object, "phone", TRUE, &phone, path, error) ||
      !get_string (object, "email", TRUE, &email, path, error) ||
      !get_strv (object, "conditions", &conditions, path, error) ||
      !get_strv (object, "contraindications", &contraindications, path, error) ||
      !get_strv (object, "practitioners", &practitioners, path, error) ||
      !get_string (object, "goals", TRUE, &goals, path, error) ||
      !get_time (object, "created_at", FALSE, &created_at, path, error) ||
      (visits = get_array (object, "visits", FALSE, path, error)) == NULL)
    return FALSE;

  if (!g_uuid_string_is_valid (uuid))
    {
      g_autofree char *at = g_strdup_printf ("%s.uuid", path);

      return fail_at (error, PALPATE_RECORD_ERROR_INVALID, at, _("This is not a UUID."));
    }
  if (!check_unique_key (import, g_strconcat ("uuid:", uuid, NULL), path, error))
    return FALSE;

  palpate_client_set_name (client, name);
  palpate_client_set_birth_date (client, birth_date);
  palpate_client_set_phone (client, phone);
  palpate_client_set_email (client, email);
  palpate_client_set_conditions (client, (const char * const *) conditions);
  palpate_client_set_contraindications (client, (const char * const *) contraindications);
  palpate_client_set_practitioners (client, (const char * const *) practitioners);
  palpate_client_set_goals (client, goals);
  palpate_client_set_created_at (client, created_at);
  if (!palpate_client_validate (client, import->now, &local_error))
    return fail_with (error, path, local_error);
  if ((phone != NULL && g_utf8_strlen (phone, -1) > PALPATE_CONTACT_MAX_CHARS) ||
      (email != NULL && g_utf8_strlen (email, -1) > PALPATE_CONTACT_MAX_CHARS))
    return fail_at (error, PALPATE_RECORD_ERROR_INVALID, path,
                    _("A phone number or email address is too long."));

  stmt = palpate_store_prepare (import->store, "SELECT id FROM clients WHERE uuid = lower (?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    client_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (import->store, rc, error);
      return FALSE;
    }

  if (client_id != 0)
    {
      merged = TRUE;
      if (import->summary != NULL)
        import->summary->n_clients_merged++;
    }
  else
    {
      g_autofree char *lower_uuid = g_ascii_strdown (uuid, -1);

      if (!note_namesake (import, client, path, error) ||
          !insert_client (import, client, lower_uuid, id, &client_id, error))
        return FALSE;
      if (import->summary != NULL)
        import->summary->n_clients_added++;
    }

  g_hash_table_remove_all (import->activities);
  g_hash_table_remove_all (import->activity_names);
  if (!import_activities (import, object, client_id, merged, path, error) ||
      !import_zones (import, object, client_id, merged, path, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (visits); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *visit = get_element (visits, i, visits_path, &at, error);

      if (visit == NULL || !import_visit (import, visit, client_id, merged, at, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
clinic_is_empty (PalpateStore *store)
{
  sqlite3_stmt *stmt;
  gboolean empty;

  stmt = palpate_store_prepare (store,
                                "SELECT NOT EXISTS (SELECT 1 FROM clients) AND "
                                "NOT EXISTS (SELECT 1 FROM therapists) AND "
                                "NOT EXISTS (SELECT 1 FROM techniques WHERE builtin = 0)",
                                NULL);
  if (stmt == NULL)
    return FALSE;
  empty = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  return empty;
}

static gboolean
import_document (Import      *import,
                 JsonNode    *root_node,
                 GError     **error)
{
  JsonObject *root;
  const char *format, *scope;
  gint64 version;
  JsonArray *clients;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    return fail_at (error, PALPATE_RECORD_ERROR_INVALID, "$",
                    _("This is not a Palpate record: it should be an object."));
  root = json_node_get_object (root_node);

  if (!get_string (root, "format", FALSE, &format, "$", error))
    return FALSE;
  if (!g_str_equal (format, PALPATE_RECORD_FORMAT))
    return fail_at (error, PALPATE_RECORD_ERROR_INVALID, "$.format",
                    _("This is not a Palpate record."));
  if (!get_int (root, "version", 1, G_MAXINT32, FALSE, &version, "$", error))
    return FALSE;
  if (version > PALPATE_RECORD_FORMAT_VERSION)
    return fail_at (error, PALPATE_RECORD_ERROR_VERSION, "$.version",
                    _("This record was written by a newer Palpate; update Palpate to import "
                      "it."));
  if (!get_string (root, "scope", FALSE, &scope, "$", error))
    return FALSE;
  if (!g_str_equal (scope, "client") && !g_str_equal (scope, "clinic"))
    return fail_at (error, PALPATE_RECORD_ERROR_INVALID, "$.scope",
                    _("This should be “client” or “clinic”."));

  clients = get_array (root, "clients", TRUE, "$", error);
  if (clients == NULL)
    return FALSE;

  /* A whole clinic into an empty one keeps its ids, so that the two are the same row by row. */
  import->keep_ids = g_str_equal (scope, "clinic") && clinic_is_empty (import->store);

  if ((g_str_equal (scope, "clinic") && !import_settings (import, root, error)) ||
      !import_therapists (import, root, error) ||
      !import_techniques (import, root, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (clients); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *client = get_element (clients, i, "$.clients", &at, error);

      if (client == NULL || !import_client (import, client, at, error))
        return FALSE;
    }

  return palpate_store_audit_append (import->store, "import", scope, 0, NULL, error);
}

static void
import_init (Import               *import,
             PalpateStore         *store,
             PalpateImportSummary *summary)
{
  memset (import, 0, sizeof *import);
  import->store = store;
  import->summary = summary;
  import->now = g_date_time_new_now_local ();
  import->therapist_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  import->technique_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  import->therapists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  import->techniques = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  import->activities = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  import->activity_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  import->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (summary != NULL)
    {
      memset (summary, 0, sizeof *summary);
      summary->duplicates = g_ptr_array_new_with_free_func (g_free);
    }
}

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->now, g_date_time_unref);
  g_clear_pointer (&import->therapist_names, g_hash_table_unref);
  g_clear_pointer (&import->technique_names, g_hash_table_unref);
  g_clear_pointer (&import->therapists, g_hash_table_unref);
  g_clear_pointer (&import->techniques, g_hash_table_unref);
  g_clear_pointer (&import->activities, g_hash_table_unref);
  g_clear_pointer (&import->activity_names, g_hash_table_unref);
  g_clear_pointer (&import->seen, g_hash_table_unref);
}

static void
summary_reset (PalpateImportSummary *summary)
{
  g_autoptr(GPtrArray) duplicates = NULL;

  if (summary == NULL)
    return;
  duplicates = g_steal_pointer (&summary->duplicates);
  memset (summary, 0, sizeof *summary);
  summary->duplicates = g_ptr_array_new_with_free_func (g_free);
}

void
palpate_import_summary_clear (PalpateImportSummary *summary)
{
  g_clear_pointer (&summary->duplicates, g_ptr_array_unref);
}

/**
 * palpate_record_import:
 * @root: a document of the exchange format, from palpate_record_parse()
 * @region_check: (nullable): tells whether a region id is one of the atlas's
 * @summary: (out caller-allocates) (optional): what the import did; clear it with
 *   palpate_import_summary_clear()
 *
 * Imports a client's record or a whole clinic in one transaction.
 *
 * Returns: %TRUE if everything was imported; otherwise %FALSE with @error naming the place in
 *   the file and the reason, and the clinic unchanged
 */
gboolean
palpate_record_import (PalpateStore          *store,
                       JsonNode              *root,
                       PalpateRegionCheck     region_check,
                       gpointer               user_data,
                       PalpateImportSummary  *summary,
                       GError               **error)
{
  Import import;
  gboolean ok;

  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);
  g_return_val_if_fail (root != NULL, FALSE);

  import_init (&import, store, summary);
  import.region_check = region_check;
  import.region_check_data = user_data;

  ok = palpate_store_begin (store, error);
  if (ok)
    {
      ok = import_document (&import, root, error) && palpate_store_commit (store, error);
      if (!ok)
        {
          palpate_store_rollback (store);
          summary_reset (summary);
        }
    }
  import_clear (&import);

  return ok;
}

/* Parsing, with the guards a parser needs against a hostile file. */

static gboolean
check_depth (const char  *data,
             gsize        length,
             GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint line = 1;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > PALPATE_RECORD_MAX_DEPTH)
            {
              g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                           _("At line %u of the file: the data is nested more deeply than a "
                             "Palpate record ever is."), line);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

/**
 * palpate_record_parse:
 *
 * Reads a record's JSON, refusing files too large or too deeply nested and text that is not
 * UTF-8. Returns: (transfer full): the document, or %NULL with @error saying where and why
 */
JsonNode *
palpate_record_parse (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *end;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > PALPATE_RECORD_MAX_BYTES)
    {
      g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                   _("The file is larger than any Palpate record; it is not imported."));
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, &end))
    {
      guint line = 1;

      for (const char *p = data; p < end; p++)
        if (*p == '\n')
          line++;
      g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                   _("At line %u of the file: the text is not UTF-8."), line);
      return NULL;
    }

  if (!check_depth (data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      /* The parser quotes the text it stopped at, which may be broken UTF-8 (\ud800). */
      g_autofree char *valid = g_utf8_make_valid (local_error->message, -1);
      const char *reason = valid;
      guint line = 0, column = 0;

      /* json-glib says "<data>:LINE:COLUMN: Parse error: …": the place is ours to say. */
      if (sscanf (reason, "<data>:%u:%u:", &line, &column) == 2)
        {
          const char *rest = strstr (reason, ": ");

          rest = rest != NULL ? strstr (rest + 2, ": ") : NULL;
          g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                       _("At line %u, column %u of the file: it is not complete or not JSON "
                         "(%s)."), line, column, rest != NULL ? rest + 2 : reason);
        }
      else
        g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                     _("The file is not complete or not JSON (%s)."), reason);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                   _("The file is empty."));
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

/* A client list from a spreadsheet: CSV (RFC 4180), UTF-8, a header row naming the columns. */

static GPtrArray *
csv_next_row (const char  **cursor,
              const char   *end,
              guint        *line,
              GError      **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = *cursor;
  guint start_line = *line;

  if (p >= end)
    return NULL;

  for (;;)
    {
      if (p < end && *p == '"')
        {
          p++;
          for (;;)
            {
              if (p >= end)
                {
                  g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                               _("At line %u of the file: a quoted field is not closed."),
                               start_line);
                  return NULL;
                }
              if (*p == '"' && p + 1 < end && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                {
                  if (*p == '\n')
                    (*line)++;
                  g_string_append_c (field, *p++);
                }
            }
        }
      while (p < end && *p != ',' && *p != '\n' && *p != '\r')
        g_string_append_c (field, *p++);

      if (field->len > PALPATE_NOTE_MAX_CHARS)
        {
          g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                       _("At line %u of the file: a field is far longer than a client’s "
                         "details can be."), start_line);
          return NULL;
        }
      g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
      field = g_string_new (NULL);

      if (p < end && *p == ',')
        {
          p++;
          continue;
        }
      if (p < end && *p == '\r')
        p++;
      if (p < end && *p == '\n')
        p++;
      (*line)++;
      break;
    }

  *cursor = p;
  return g_steal_pointer (&fields);
}

static int
csv_column (const char *header)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);
  g_autofree char *stripped = g_strstrip (g_strdup (folded));

  if (g_str_equal (stripped, "name"))
    return 0;
  if (g_str_equal (stripped, "birth date") || g_str_equal (stripped, "birth_date") ||
      g_str_equal (stripped, "date of birth"))
    return 1;
  if (g_str_equal (stripped, "phone"))
    return 2;
  if (g_str_equal (stripped, "email") || g_str_equal (stripped, "e-mail"))
    return 3;
  return -1;
}

/**
 * palpate_record_import_client_list:
 * @csv: the file's content
 * @summary: (out caller-allocates) (optional): the clients added and the duplicates skipped
 *
 * Adds the clients of a spreadsheet's CSV export: a header row with the columns name, birth
 * date (year-month-day), phone and email (any order; only name is required), then one client
 * a line. A client already here with the same name and date of birth is skipped and reported.
 *
 * Returns: %TRUE if every line was imported or skipped; otherwise %FALSE with @error naming the
 *   line and the reason, and the clinic unchanged
 */
gboolean
palpate_record_import_client_list (PalpateStore          *store,
                                   const char            *csv,
                                   gsize                  length,
                                   PalpateImportSummary  *summary,
                                   GError               **error)
{
  Import import;
  const char *cursor = csv;
  const char *end = csv + length;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GHashTable) in_file = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int columns[4] = { -1, -1, -1, -1 };
  const char *invalid_end;
  guint line = 1;
  gboolean ok = FALSE;

  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);
  g_return_val_if_fail (csv != NULL || length == 0, FALSE);

  if (!g_utf8_validate_len (csv, length, &invalid_end))
    {
      for (const char *p = csv; p < invalid_end; p++)
        if (*p == '\n')
          line++;
      g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                   _("At line %u of the file: the text is not UTF-8. Save the spreadsheet as "
                     "“CSV UTF-8”."), line);
      return FALSE;
    }
  if (length >= 3 && memcmp (csv, "\xef\xbb\xbf", 3) == 0)
    cursor += 3;

  header = csv_next_row (&cursor, end, &line, error);
  if (header == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                     _("The file is empty."));
      return FALSE;
    }
  for (guint i = 0; i < header->len; i++)
    {
      int column = csv_column (header->pdata[i]);

      if (column >= 0 && columns[column] < 0)
        columns[column] = (int) i;
    }
  if (columns[0] < 0)
    {
      g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                   _("At line 1 of the file: the first line should name the columns, one of "
                     "them “name”."));
      return FALSE;
    }

  import_init (&import, store, summary);
  if (!palpate_store_begin (store, error))
    goto out;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) row = NULL;
      g_autoptr(PalpateClient) client = palpate_client_new ();
      g_autofree char *where = NULL;
      g_autofree char *key = NULL;
      const char *values[4] = { NULL, NULL, NULL, NULL };
      guint row_line = line;
      gint64 client_id;

      row = csv_next_row (&cursor, end, &line, &local_error);
      if (row == NULL && local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }
      if (row == NULL)
        break;
      if (row->len == 1 && *(char *) row->pdata[0] == '\0')
        continue;

      for (guint c = 0; c < 4; c++)
        if (columns[c] >= 0 && (guint) columns[c] < row->len)
          {
            g_strstrip (row->pdata[columns[c]]);
            if (*(char *) row->pdata[columns[c]] != '\0')
              values[c] = row->pdata[columns[c]];
          }

      palpate_client_set_name (client, values[0] ? values[0] : "");
      palpate_client_set_birth_date (client, values[1]);
      palpate_client_set_phone (client, values[2]);
      palpate_client_set_email (client, values[3]);
      if (!palpate_client_validate (client, import.now, &local_error))
        {
          g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                       _("At line %u of the file: %s"), row_line, local_error->message);
          goto failed;
        }
      if ((values[2] && g_utf8_strlen (values[2], -1) > PALPATE_CONTACT_MAX_CHARS) ||
          (values[3] && g_utf8_strlen (values[3], -1) > PALPATE_CONTACT_MAX_CHARS))
        {
          g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                       _("At line %u of the file: a phone number or email address is too "
                         "long."), row_line);
          goto failed;
        }

      /* The same person twice, in the file or already here: added once, and said. */
      where = g_strdup_printf (_("line %u"), row_line);
      key = g_strdup_printf ("%s\n%s", values[0], values[1] ? values[1] : "");
      if (!g_hash_table_add (in_file, g_steal_pointer (&key)))
        {
          if (summary != NULL)
            g_ptr_array_add (summary->duplicates,
                             g_strdup_printf (_("%s (%s) appears twice in the file; added once."),
                                              values[0], where));
          continue;
        }
      {
        guint before = summary != NULL ? summary->duplicates->len : 0;

        if (!note_namesake (&import, client, where, error))
          goto failed;
        if (summary != NULL && summary->duplicates->len > before)
          continue;
      }

      if (!insert_client (&import, client, NULL, 0, &client_id, error))
        goto failed;
      if (summary != NULL)
        summary->n_clients_added++;
    }

  ok = palpate_store_audit_append (store, "import", "client-list", 0, NULL, error) &&
       palpate_store_commit (store, error);
  if (ok)
    goto out;

failed:
  palpate_store_rollback (store);
  summary_reset (summary);
out:
  import_clear (&import);
  return ok;
}
