/* palpate-store-columns.c — binding and reading the common column kinds: text, times,
 * pain levels, name lists and search text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "palpate-store-private.h"

/* The position of @id in @ids, the names the file keeps for an enumeration; 0 (the first) for
 * a name it does not know. */
guint
palpate_store_index_of (const char * const *ids,
                        guint               n_ids,
                        const char         *id)
{
  for (guint i = 0; i < n_ids; i++)
    if (g_strcmp0 (ids[i], id) == 0)
      return i;

  return 0;
}

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

/* The same for a statement of PalpateDb (palpate-db.h). */
const char *
palpate_store_db_column_text (PalpateDbStatement *stmt,
                              int                 column)
{
  const char *text = palpate_db_column_text (stmt, column);

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

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

/* The same, for statements of PalpateDb (palpate-db.h). */
gint64
palpate_store_db_column_time (PalpateDbStatement *stmt,
                              int                 column)
{
  const gint64 first = G_GINT64_CONSTANT (-62135596800) + 2 * 86400;   /* 0001-01-03 */
  const gint64 last = G_GINT64_CONSTANT (253402300799) - 2 * 86400;    /* 9999-12-29 */

  return CLAMP (palpate_db_column_int64 (stmt, column), first, last);
}

GDateTime *
palpate_store_db_column_datetime (PalpateDbStatement *stmt,
                                  int                 column)
{
  if (palpate_db_column_is_null (stmt, column))
    return NULL;

  return g_date_time_new_from_unix_local (palpate_store_db_column_time (stmt, column));
}

void
palpate_store_db_bind_datetime (PalpateDbStatement *stmt,
                                int                 column,
                                GDateTime          *datetime)
{
  if (datetime == NULL)
    palpate_db_bind_null (stmt, column);
  else
    palpate_db_bind_int64 (stmt, column, g_date_time_to_unix (datetime));
}

void
palpate_store_db_bind_pain (PalpateDbStatement *stmt,
                            int                 column,
                            int                 pain)
{
  if (pain < 0)
    palpate_db_bind_null (stmt, column);
  else
    palpate_db_bind_int (stmt, column, pain);
}

int
palpate_store_db_column_pain (PalpateDbStatement *stmt,
                              int                 column)
{
  if (palpate_db_column_is_null (stmt, column))
    return -1;

  return palpate_db_column_int (stmt, column);
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
