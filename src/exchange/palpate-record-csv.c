/* palpate-record-csv.c — a record's tables as CSV files, one per table
 *
 * Each table of the exchange format (docs/exchange-format.md) becomes one CSV file: UTF-8 with
 * a byte order mark (so that spreadsheets read the accents right), a header row, fields quoted
 * as RFC 4180 asks, CRLF line ends. A child table starts with its parent's id (client_id,
 * visit_id), so that the files join as the tables of the clinic do. Lists are written as their
 * JSON text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-exchange"

#include "config.h"

#include <string.h>

#include "palpate-record-csv.h"

typedef struct
{
  const char *name;        /* the file, without .csv */
  const char *member;      /* the array in the parent that holds the rows */
  const char *parent;      /* the table whose rows hold this one's, or NULL for the document */
  const char *parent_key;  /* the column naming the parent row */
  const char *columns;
} Table;

static const Table tables[] = {
  { "therapists", "therapists", NULL, NULL, "id,name,credentials,created_at" },
  { "techniques", "techniques", NULL, NULL, "id,key,name,builtin" },
  { "clients", "clients", NULL, NULL,
    "id,uuid,name,birth_date,phone,email,conditions,contraindications,practitioners,goals,"
    "created_at" },
  { "psfs_activities", "psfs_activities", "clients", "client_id", "id,position,name" },
  { "client_zones", "zones", "clients", "client_id", "id,view,region_id,note,points" },
  { "health_histories", "health_histories", "clients", "client_id",
    "id,recorded_at,recorded_by,reported_by_client,accepted_at,accepted_by,medications,"
    "allergies,other_conditions,surgeries,emergency_contact,referral,conditions,pregnancy" },
  { "visits", "visits", "clients", "client_id",
    "id,therapist_id,therapist,started_at,duration_minutes,pain_before,pain_after,subjective,"
    "objective,assessment,plan,home_care,status,signed_at,signed_by,consent_sensitive,"
    "reported_by_client,seal" },
  { "findings", "findings", "visits", "visit_id",
    "id,view,kind,region_id,intensity,note,status,points,reported_by_client" },
  { "applied_techniques", "applied_techniques", "visits", "visit_id",
    "id,technique_id,technique,region_id,minutes,pressure,note" },
  { "psfs_ratings", "psfs_ratings", "visits", "visit_id", "activity_id,activity,rating" },
  { "outcome_measures", "outcome_measures", "visits", "visit_id", "id,instrument,answers" },
  { "amendments", "amendments", "visits", "visit_id", "id,created_at,author,text" },
};

static void
append_field (GString    *out,
              const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL && text[0] != ' ' &&
      (text[0] == '\0' || text[strlen (text) - 1] != ' '))
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The shortest decimal that reads back as the same number: "340.64", not "340.63999999999999". */
static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 6; digits <= 17; digits++)
    {
      g_autofree char *format = g_strdup_printf ("%%.%dg", digits);

      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

static gboolean
is_number_list (JsonNode *node)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          (json_node_get_value_type (element) != G_TYPE_DOUBLE &&
           json_node_get_value_type (element) != G_TYPE_INT64))
        return FALSE;
    }
  return TRUE;
}

static void
append_node (GString  *out,
             JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (is_number_list (node))
    {
      JsonArray *array = json_node_get_array (node);

      g_string_append (out, "\"[");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_number (out, json_array_get_double_element (array, i));
        }
      g_string_append (out, "]\"");
      return;
    }

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    append_field (out, json_node_get_string (node));
  else
    {
      g_autofree char *text = json_to_string (node, FALSE);

      append_field (out, text);
    }
}

static void
append_row (GString    *out,
            char      **columns,
            JsonObject *row,
            const char *parent_key,
            JsonNode   *parent_id)
{
  gboolean first = TRUE;

  if (parent_key != NULL)
    {
      append_node (out, parent_id);
      first = FALSE;
    }

  for (guint c = 0; columns[c] != NULL; c++)
    {
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      append_node (out, json_object_get_member (row, columns[c]));
    }
  g_string_append (out, "\r\n");
}

/* The rows of @table under every row of @parents (or the document's own list). */
static void
collect (const Table *table,
         JsonObject  *root,
         GString     *out,
         char       **columns)
{
  g_autoptr(GPtrArray) parents = g_ptr_array_new ();

  if (table->parent == NULL)
    {
      JsonArray *rows = json_object_has_member (root, table->member)
                        ? json_object_get_array_member (root, table->member) : NULL;

      for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
        append_row (out, columns, json_array_get_object_element (rows, i), NULL, NULL);
      return;
    }

  /* Clients are the document's; visits are the clients'. */
  {
    JsonArray *clients = json_object_get_array_member (root, "clients");

    for (guint i = 0; i < json_array_get_length (clients); i++)
      {
        JsonObject *client = json_array_get_object_element (clients, i);

        if (g_str_equal (table->parent, "clients"))
          g_ptr_array_add (parents, client);
        else
          {
            JsonArray *visits = json_object_get_array_member (client, "visits");

            for (guint j = 0; j < json_array_get_length (visits); j++)
              g_ptr_array_add (parents, json_array_get_object_element (visits, j));
          }
      }
  }

  for (guint i = 0; i < parents->len; i++)
    {
      JsonObject *parent = parents->pdata[i];
      JsonArray *rows = json_object_get_array_member (parent, table->member);

      for (guint j = 0; rows != NULL && j < json_array_get_length (rows); j++)
        append_row (out, columns, json_array_get_object_element (rows, j), table->parent_key,
                    json_object_get_member (parent, "id"));
    }
}

/**
 * palpate_record_to_csv:
 * @record: a document of the exchange format
 *
 * Returns: (transfer full) (element-type utf8 GBytes): file name → content, for every table
 */
GHashTable *
palpate_record_to_csv (JsonNode *record)
{
  GHashTable *files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_bytes_unref);
  JsonObject *root = json_node_get_object (record);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_auto(GStrv) columns = g_strsplit (tables[t].columns, ",", -1);
      GString *out = g_string_new ("\xef\xbb\xbf");

      if (tables[t].parent_key != NULL)
        g_string_append_printf (out, "%s,", tables[t].parent_key);
      g_string_append (out, tables[t].columns);
      g_string_append (out, "\r\n");
      collect (&tables[t], root, out, columns);

      g_hash_table_insert (files, g_strconcat (tables[t].name, ".csv", NULL),
                           g_string_free_to_bytes (out));
    }

  if (json_object_has_member (root, "settings"))
    {
      JsonObject *settings = json_object_get_object_member (root, "settings");
      g_autoptr(GList) keys = json_object_get_members (settings);
      GString *out = g_string_new ("\xef\xbb\xbfkey,value\r\n");

      for (GList *l = keys; l != NULL; l = l->next)
        {
          append_field (out, l->data);
          g_string_append_c (out, ',');
          append_node (out, json_object_get_member (settings, l->data));
          g_string_append (out, "\r\n");
        }
      g_hash_table_insert (files, g_strdup ("settings.csv"), g_string_free_to_bytes (out));
    }

  return files;
}
