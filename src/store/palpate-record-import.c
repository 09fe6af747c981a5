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
#include "palpate-record-import-private.h"
#include "palpate-rules.h"
#include "palpate-store-private.h"

static gboolean
import_activities (PalpateImport  *import,
                   JsonObject     *object,
                   gint64          client_id,
                   gboolean        merged,
                   const char     *path,
                   GError        **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.psfs_activities", path);
  JsonArray *activities = palpate_record_get_array (object, "psfs_activities", FALSE, path, error);
  g_autoptr(PalpateClient) check = palpate_client_new ();
  g_autoptr(GError) local_error = NULL;

  if (activities == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (activities); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *activity = palpate_record_get_element (activities, i, list_path, &at, error);
      const char *name;
      gint64 id, position, target = 0;
      PalpateDbStatement *stmt;
      PalpateDbStep step;

      if (activity == NULL ||
          !palpate_record_get_int (activity, "id", 1, G_MAXINT64, FALSE, &id, at, error) ||
          !palpate_record_check_unique (import, "psfs_activities", id, at, error) ||
          !palpate_record_get_int (activity, "position", 0, PALPATE_PSFS_MAX_ACTIVITIES - 1, FALSE,
                                   &position,
                                   at, error) ||
          !palpate_record_get_string (activity, "name", FALSE, &name, at, error))
        return FALSE;

      /* The same rules as the client's details in the window. */
      {
        const char *one[] = { name, NULL };

        palpate_client_set_name (check, "-");
        palpate_client_set_activities (check, one);
        if (!palpate_client_validate (check, import->now, &local_error))
          return palpate_record_fail_with (error, at, local_error);
      }

      g_hash_table_insert (import->activity_names, palpate_record_int64_key (id), g_strdup (name));

      if (merged)
        {
          /* "name = ?3" is a boolean on PostgreSQL, read as 1 or 0 as on SQLite. */
          stmt = palpate_store_db_prepare (import->store,
                                           "SELECT id, name = ?3 FROM psfs_activities "
                                           "WHERE client_id = ?1 AND (name = ?3 OR position = ?2) "
                                           "ORDER BY name = ?3 DESC LIMIT 1",
                                           error);
          if (stmt == NULL)
            return FALSE;
          palpate_db_bind_int64 (stmt, 1, client_id);
          palpate_db_bind_int64 (stmt, 2, position);
          palpate_db_bind_text (stmt, 3, name);
          step = palpate_db_step (stmt, error);
          if (step == PALPATE_DB_ROW)
            target = palpate_db_column_int (stmt, 1) ? palpate_db_column_int64 (stmt, 0) : -1;
          palpate_db_reset (stmt);
          if (step == PALPATE_DB_ERROR)
            return FALSE;
          if (target < 0)
            return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                                           _("The client already rates another activity in this "
                                             "place of their list."));
        }

      if (target == 0)
        {
          stmt = palpate_record_prepare_insert (import, import->keep_ids, "psfs_activities",
                                                "client_id, position, name", "?, ?, ?", error);
          if (stmt == NULL)
            return FALSE;
          palpate_db_bind_int64 (stmt, 1, client_id);
          palpate_db_bind_int64 (stmt, 2, position);
          palpate_db_bind_text (stmt, 3, name);
          palpate_record_db_bind_id (import, stmt, 4, id);
          if (!palpate_record_db_step (stmt, &target, error))
            {
              g_clear_error (error);
              return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_DUPLICATE, at,
                                             _("Two activities take the same place in the "
                                               "client’s list."));
            }
        }

      palpate_record_map_id (import->activities, id, target);
    }

  return TRUE;
}

static gboolean
import_zones (PalpateImport  *import,
              JsonObject     *object,
              gint64          client_id,
              gboolean        merged,
              const char     *path,
              GError        **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.zones", path);
  JsonArray *zones = palpate_record_get_array (object, "zones", FALSE, path, error);

  if (zones == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (zones); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *zone = palpate_record_get_element (zones, i, list_path, &at, error);
      g_autoptr(GArray) points = NULL;
      g_autoptr(PalpateFinding) finding = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *points_text = NULL;
      const char *view_name, *region_id, *note;
      PalpateView view;
      PalpateDbStatement *stmt;
      gint64 id;

      if (zone == NULL ||
          !palpate_record_get_int (zone, "id", 1, G_MAXINT64, FALSE, &id, at, error) ||
          !palpate_record_check_unique (import, "client_zones", id, at, error) ||
          !palpate_record_get_string (zone, "view", FALSE, &view_name, at, error) ||
          !palpate_record_get_short_string (zone, "region_id", TRUE, &region_id, at, error) ||
          !palpate_record_check_region (import, region_id, at, error) ||
          !palpate_record_get_string (zone, "note", TRUE, &note, at, error) ||
          (points = palpate_record_get_points (zone, at, error)) == NULL)
        return FALSE;

      if (!palpate_view_from_string (view_name, &view))
        {
          g_autofree char *view_at = g_strdup_printf ("%s.view", at);

          return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, view_at,
                                         _("This is not a view of the body chart."));
        }

      finding = palpate_finding_new (PALPATE_FINDING_CONTRAINDICATION, view,
                                     (PalpatePoint *) points->data, points->len);
      palpate_finding_set_note (finding, note);
      if (!palpate_finding_validate (finding, &local_error))
        return palpate_record_fail_with (error, at, local_error);

      /* A client already here keeps the zones drawn in this clinic. */
      if (merged)
        continue;

      points_text = palpate_store_points_to_text ((PalpatePoint *) points->data, points->len);
      stmt = palpate_record_prepare_insert (import, import->keep_ids, "client_zones",
                                            "client_id, view, region_id, note, points",
                                            "?, ?, ?, ?, ?", error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_int64 (stmt, 1, client_id);
      palpate_db_bind_text (stmt, 2, view_name);
      palpate_db_bind_text (stmt, 3, region_id);
      palpate_db_bind_text (stmt, 4, note);
      palpate_db_bind_text (stmt, 5, points_text);
      palpate_record_db_bind_id (import, stmt, 6, id);
      if (!palpate_record_db_step (stmt, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_client (PalpateImport  *import,
               JsonObject     *object,
               const char     *path,
               GError        **error)
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
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  if (!palpate_record_get_int (object, "id", 1, G_MAXINT64, FALSE, &id, path, error) ||
      !palpate_record_check_unique (import, "clients", id, path, error) ||
      !palpate_record_get_string (object, "uuid", FALSE, &uuid, path, error) ||
      !palpate_record_get_string (object, "name", FALSE, &name, path, error) ||
      !palpate_record_get_string (object, "birth_date", TRUE, &birth_date, path, error) ||
      !palpate_record_get_string (object, "phone", TRUE, &phone, path, error) ||
      !palpate_record_get_string (object, "email", TRUE, &email, path, error) ||
      !palpate_record_get_strv (object, "conditions", &conditions, path, error) ||
      !palpate_record_get_strv (object, "contraindications", &contraindications, path, error) ||
      !palpate_record_get_strv (object, "practitioners", &practitioners, path, error) ||
      !palpate_record_get_string (object, "goals", TRUE, &goals, path, error) ||
      !palpate_record_get_time (object, "created_at", FALSE, &created_at, path, error) ||
      (visits = palpate_record_get_array (object, "visits", FALSE, path, error)) == NULL)
    return FALSE;

  if (!g_uuid_string_is_valid (uuid))
    {
      g_autofree char *at = g_strdup_printf ("%s.uuid", path);

      return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                                     _("This is not a UUID."));
    }
  if (!palpate_record_check_unique_key (import, g_strconcat ("uuid:", uuid, NULL), path, error))
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
    return palpate_record_fail_with (error, path, local_error);
  if ((phone != NULL && g_utf8_strlen (phone, -1) > PALPATE_CONTACT_MAX_CHARS) ||
      (email != NULL && g_utf8_strlen (email, -1) > PALPATE_CONTACT_MAX_CHARS))
    return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, path,
                                   _("A phone number or email address is too long."));

  stmt = palpate_store_db_prepare (import->store,
                                   "SELECT id FROM clients WHERE uuid = lower (?)", error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_text (stmt, 1, uuid);
  step = palpate_db_step (stmt, error);
  if (step == PALPATE_DB_ROW)
    client_id = palpate_db_column_int64 (stmt, 0);
  palpate_db_reset (stmt);
  if (step == PALPATE_DB_ERROR)
    return FALSE;

  if (client_id != 0)
    {
      merged = TRUE;
      if (import->summary != NULL)
        import->summary->n_clients_merged++;
    }
  else
    {
      g_autofree char *lower_uuid = g_ascii_strdown (uuid, -1);

      if (!palpate_record_note_namesake (import, client, path, error) ||
          !palpate_record_insert_client (import, client, lower_uuid, id, &client_id, error))
        return FALSE;
      if (import->summary != NULL)
        import->summary->n_clients_added++;
    }

  g_hash_table_remove_all (import->activities);
  g_hash_table_remove_all (import->activity_names);
  if (!import_activities (import, object, client_id, merged, path, error) ||
      !import_zones (import, object, client_id, merged, path, error) ||
      !palpate_record_import_health_histories (import, object, client_id, merged, path, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (visits); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *visit = palpate_record_get_element (visits, i, visits_path, &at, error);

      if (visit == NULL || !palpate_record_import_visit (import, visit, client_id, merged, at,
                                                         error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
clinic_is_empty (PalpateStore *store)
{
  PalpateDbStatement *stmt;
  gboolean empty;

  /* A boolean on PostgreSQL, read as 1 or 0 as on SQLite. */
  stmt = palpate_store_db_prepare (store,
                                   "SELECT NOT EXISTS (SELECT 1 FROM clients) AND "
                                   "NOT EXISTS (SELECT 1 FROM therapists) AND "
                                   "NOT EXISTS (SELECT 1 FROM techniques WHERE builtin = 0)",
                                   NULL);
  if (stmt == NULL)
    return FALSE;
  empty = palpate_db_step (stmt, NULL) == PALPATE_DB_ROW && palpate_db_column_int (stmt, 0) != 0;
  palpate_db_reset (stmt);

  return empty;
}

static gboolean
import_document (PalpateImport  *import,
                 JsonNode       *root_node,
                 GError        **error)
{
  JsonObject *root;
  const char *format, *scope;
  gint64 version;
  JsonArray *clients;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, "$",
                                   _("This is not a Palpate record: it should be an object."));
  root = json_node_get_object (root_node);

  if (!palpate_record_get_string (root, "format", FALSE, &format, "$", error))
    return FALSE;
  if (!g_str_equal (format, PALPATE_RECORD_FORMAT))
    return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, "$.format",
                                   _("This is not a Palpate record."));
  if (!palpate_record_get_int (root, "version", 1, G_MAXINT32, FALSE, &version, "$", error))
    return FALSE;
  if (version > PALPATE_RECORD_FORMAT_VERSION)
    return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_VERSION, "$.version",
                                   _("This record was written by a newer Palpate; update Palpate "
                                     "to import it."));
  if (!palpate_record_get_string (root, "scope", FALSE, &scope, "$", error))
    return FALSE;
  if (!g_str_equal (scope, "client") && !g_str_equal (scope, "clinic"))
    return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, "$.scope",
                                   _("This should be “client” or “clinic”."));

  clients = palpate_record_get_array (root, "clients", TRUE, "$", error);
  if (clients == NULL)
    return FALSE;

  /* A whole clinic into an empty one keeps its ids, so that the two are the same row by row. */
  import->keep_ids = g_str_equal (scope, "clinic") && clinic_is_empty (import->store);

  if ((g_str_equal (scope, "clinic") && !palpate_record_import_settings (import, root, error)) ||
      !palpate_record_import_therapists (import, root, error) ||
      !palpate_record_import_techniques (import, root, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (clients); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *client = palpate_record_get_element (clients, i, "$.clients", &at, error);

      if (client == NULL || !import_client (import, client, at, error))
        return FALSE;
    }

  return palpate_store_audit_append (import->store, "import", scope, 0, NULL, error);
}

void
palpate_record_import_init (PalpateImport        *import,
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

void
palpate_record_import_clear (PalpateImport *import)
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

void
palpate_import_summary_reset (PalpateImportSummary *summary)
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
  PalpateImport import;
  gboolean ok;

  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);
  g_return_val_if_fail (root != NULL, FALSE);

  palpate_record_import_init (&import, store, summary);
  import.region_check = region_check;
  import.region_check_data = user_data;

  ok = palpate_store_begin (store, error);
  if (ok)
    {
      ok = import_document (&import, root, error) && palpate_store_commit (store, error);
      if (!ok)
        {
          palpate_store_rollback (store);
          palpate_import_summary_reset (summary);
        }
    }
  palpate_record_import_clear (&import);

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
