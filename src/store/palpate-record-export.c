/* palpate-record-export.c — a client's record, or the whole clinic, as exchange-format JSON
 *
 * The export reads the tables row by row and keeps every column a therapist or another program
 * needs: the import of an export into an empty clinic gives back the same rows, ids included.
 * Times are RFC 3339 in UTC; lists and points that the file keeps as JSON text become JSON
 * arrays. Each signed visit carries a seal over its content (docs/exchange-format.md) so that
 * a change made to the file after export is found on import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-record"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-record-private.h"
#include "palpate-store-private.h"

G_DEFINE_QUARK (palpate-record-error-quark, palpate_record_error)

/* Settings that never leave the clinic: the PIN's hash (a secret), and the name of the audit
 * key the computers of a clinic server share (the clinic's own, not the record's). */
static const char *private_settings[] = { "pin-hash", "audit-key-id", NULL };

static gboolean
is_time_column (const char *name)
{
  return g_str_equal (name, "created_at") || g_str_equal (name, "started_at") ||
         g_str_equal (name, "signed_at") || g_str_equal (name, "at") ||
         g_str_equal (name, "recorded_at") || g_str_equal (name, "accepted_at");
}

static gboolean
is_flag_column (const char *name)
{
  return g_str_equal (name, "builtin") || g_str_equal (name, "consent_sensitive") ||
         g_str_equal (name, "reported_by_client");
}

static gboolean
is_array_column (const char *name)
{
  return g_str_equal (name, "conditions") || g_str_equal (name, "contraindications") ||
         g_str_equal (name, "practitioners") || g_str_equal (name, "points") ||
         g_str_equal (name, "answers");
}

/* The whole numbers among the columns the export reads (the others are text, region_id too):
 * the schema keeps them as integers on both back ends. */
static gboolean
is_integer_column (const char *name)
{
  return g_str_equal (name, "id") ||
         (g_str_has_suffix (name, "_id") && !g_str_equal (name, "region_id")) ||
         g_str_equal (name, "position") || g_str_equal (name, "intensity") ||
         g_str_equal (name, "minutes") || g_str_equal (name, "rating") ||
         g_str_equal (name, "duration_minutes") || g_str_equal (name, "pain_before") ||
         g_str_equal (name, "pain_after");
}

static JsonNode *
time_node (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);
  g_autofree char *text = time ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;

  return text ? json_node_init_string (json_node_alloc (), text) : json_node_new (JSON_NODE_NULL);
}

/* The file keeps these arrays as JSON text, checked by the schema: read them with json-glib. */
static JsonNode *
array_node (const char  *text,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, text, -1, error) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      g_clear_error (error);
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("A list kept in the clinic file cannot be read."));
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

/* One row as an object, its members named after the columns. */
static JsonObject *
row_to_object (PalpateDbStatement  *stmt,
               GError             **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  int n_columns = palpate_db_column_count (stmt);

  for (int i = 0; i < n_columns; i++)
    {
      const char *name = palpate_db_column_name (stmt, i);
      JsonNode *node;

      if (palpate_db_column_is_null (stmt, i))
        node = json_node_new (JSON_NODE_NULL);
      else if (is_time_column (name))
        node = time_node (palpate_db_column_int64 (stmt, i));
      else if (is_flag_column (name))
        node = json_node_init_boolean (json_node_alloc (), palpate_db_column_int (stmt, i) != 0);
      else if (is_array_column (name))
        {
          node = array_node (palpate_store_db_column_text (stmt, i), error);
          if (node == NULL)
            return NULL;
        }
      else if (is_integer_column (name))
        node = json_node_init_int (json_node_alloc (), palpate_db_column_int64 (stmt, i));
      else
        node = json_node_init_string (json_node_alloc (), palpate_store_db_column_text (stmt, i));

      json_object_set_member (object, name, node);
    }

  return g_steal_pointer (&object);
}

/* Every row of a query bound to one id, as an array of objects. */
static JsonArray *
query_rows (PalpateStore  *store,
            const char    *sql,
            gint64         id,
            GError       **error)
{
  g_autoptr(JsonArray) rows = json_array_new ();
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  stmt = palpate_store_db_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;

  /* The queries of this file have no '?' but their one parameter, if any. */
  if (strchr (sql, '?') != NULL)
    palpate_db_bind_int64 (stmt, 1, id);

  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      JsonObject *row = row_to_object (stmt, error);

      if (row == NULL)
        {
          palpate_db_reset (stmt);
          return NULL;
        }
      json_array_add_object_element (rows, row);
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&rows);
}

static gboolean
add_children (PalpateStore  *store,
              JsonObject    *parent,
              const char    *member,
              const char    *sql,
              GError       **error)
{
  JsonArray *rows = query_rows (store, sql, json_object_get_int_member (parent, "id"), error);

  if (rows == NULL)
    return FALSE;

  json_object_set_array_member (parent, member, rows);
  return TRUE;
}

static gboolean
add_visit_children (PalpateStore  *store,
                    JsonObject    *visit,
                    GError       **error)
{
  if (!add_children (store, visit, "findings",
                     "SELECT id, view, kind, region_id, intensity, note, status, points, "
                     "reported_by_client FROM findings WHERE visit_id = ? ORDER BY id",
                     error) ||
      !add_children (store, visit, "applied_techniques",
                     "SELECT a.id, a.technique_id, t.name AS technique, a.technique_name, "
                     "a.region_id, a.minutes, a.pressure, a.note FROM applied_techniques a "
                     "JOIN techniques t ON t.id = a.technique_id "
                     "WHERE a.visit_id = ? ORDER BY a.id",
                     error) ||
      !add_children (store, visit, "psfs_ratings",
                     "SELECT r.activity_id, a.name AS activity, r.activity_name, r.rating "
                     "FROM psfs_ratings r "
                     "JOIN psfs_activities a ON a.id = r.activity_id "
                     "WHERE r.visit_id = ? ORDER BY a.position, r.activity_id",
                     error) ||
      !add_children (store, visit, "outcome_measures",
                     "SELECT id, instrument, answers FROM outcome_measures "
                     "WHERE visit_id = ? ORDER BY id",
                     error))
    return FALSE;

  if (g_strcmp0 (json_object_get_string_member (visit, "status"), "signed") == 0)
    {
      g_autofree char *seal = palpate_record_compute_seal (visit);

      json_object_set_string_member (visit, "seal", seal);
    }

  return add_children (store, visit, "amendments",
                       "SELECT id, created_at, author, text FROM amendments "
                       "WHERE visit_id = ? ORDER BY id",
                       error);
}

/**
 * palpate_record_export_visit:
 *
 * One visit as the exchange format writes it, for comparing a visit already in the clinic
 * with one being imported. Returns: (transfer full): the visit, or %NULL with @error set
 */
JsonObject *
palpate_record_export_visit (PalpateStore  *store,
                             gint64         visit_id,
                             GError       **error)
{
  g_autoptr(JsonArray) rows = NULL;
  JsonObject *visit;

  rows = query_rows (store,
                     "SELECT v.id, v.therapist_id, t.name AS therapist, v.started_at, "
                     "v.duration_minutes, v.pain_before, v.pain_after, v.subjective, "
                     "v.objective, v.assessment, v.plan, v.home_care, v.status, v.signed_at, "
                     "v.signed_by, v.therapist_name, v.consent_sensitive, v.reported_by_client "
                     "FROM visits v LEFT JOIN therapists t ON t.id = v.therapist_id WHERE v.id = ?",
                     visit_id, error);
  if (rows == NULL)
    return NULL;
  if (json_array_get_length (rows) != 1)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND,
                   _("The visit is no longer in this clinic."));
      return NULL;
    }

  visit = json_object_ref (json_array_get_object_element (rows, 0));
  if (!add_visit_children (store, visit, error))
    {
      json_object_unref (visit);
      return NULL;
    }

  return visit;
}

/* A client's activities, zones, health histories and visits, added to the client's row. */
static gboolean
add_client_record (PalpateStore  *store,
                   JsonObject    *client,
                   GError       **error)
{
  g_autoptr(JsonArray) visits = NULL;

  if (!add_children (store, client, "psfs_activities",
                     "SELECT id, position, name FROM psfs_activities WHERE client_id = ? "
                     "ORDER BY position", error) ||
      !add_children (store, client, "zones",
                     "SELECT id, view, region_id, note, points FROM client_zones "
                     "WHERE client_id = ? ORDER BY id", error) ||
      !add_children (store, client, "health_histories",
                     "SELECT id, recorded_at, recorded_by, reported_by_client, accepted_at, "
                     "accepted_by, medications, allergies, other_conditions, surgeries, "
                     "emergency_contact, referral, conditions, pregnancy "
                     "FROM health_histories WHERE client_id = ? ORDER BY recorded_at, id",
                     error))
    return FALSE;

  visits = query_rows (store,
                       "SELECT v.id, v.therapist_id, t.name AS therapist, v.started_at, "
                       "v.duration_minutes, v.pain_before, v.pain_after, v.subjective, "
                       "v.objective, v.assessment, v.plan, v.home_care, v.status, v.signed_at, "
                       "v.signed_by, v.therapist_name, v.consent_sensitive, v.reported_by_client "
                       "FROM visits v LEFT JOIN therapists t ON t.id = v.therapist_id "
                       "WHERE v.client_id = ? ORDER BY v.started_at, v.id",
                       json_object_get_int_member (client, "id"), error);
  if (visits == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (visits); i++)
    if (!add_visit_children (store, json_array_get_object_element (visits, i), error))
      return FALSE;

  json_object_set_array_member (client, "visits", g_steal_pointer (&visits));
  return TRUE;
}

#define CLIENT_COLUMNS \
  "id, uuid, name, birth_date, phone, email, conditions, contraindications, practitioners, " \
  "goals, created_at"

static JsonObject *
new_document (const char *scope)
{
  JsonObject *root = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *exported_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  json_object_set_string_member (root, "format", PALPATE_RECORD_FORMAT);
  json_object_set_int_member (root, "version", PALPATE_RECORD_FORMAT_VERSION);
  json_object_set_string_member (root, "scope", scope);
  json_object_set_string_member (root, "exported_at", exported_at);
  json_object_set_string_member (root, "generator", "Palpate " PACKAGE_VERSION);

  return root;
}

static JsonNode *
finish_document (JsonObject *root)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), root);

  json_object_unref (root);
  return node;
}

/**
 * palpate_record_export_client:
 *
 * One client's whole record, with the therapists who saw them and the techniques used on
 * them. Returns: (transfer full): the document, or %NULL with @error set
 */
JsonNode *
palpate_record_export_client (PalpateStore  *store,
                              gint64         client_id,
                              GError       **error)
{
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonArray) clients = json_array_new ();
  JsonObject *client;
  JsonArray *rows;
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (store), NULL);

  root = new_document ("client");

  rows = query_rows (store,
                     "SELECT id, name, credentials, created_at FROM therapists WHERE id IN "
                     "(SELECT therapist_id FROM visits WHERE client_id = ?) ORDER BY id",
                     client_id, error);
  if (rows == NULL)
    return NULL;
  json_object_set_array_member (root, "therapists", rows);

  rows = query_rows (store,
                     "SELECT id, key, name, builtin FROM techniques WHERE id IN "
                     "(SELECT technique_id FROM applied_techniques WHERE visit_id IN "
                     " (SELECT id FROM visits WHERE client_id = ?)) ORDER BY id",
                     client_id, error);
  if (rows == NULL)
    return NULL;
  json_object_set_array_member (root, "techniques", rows);

  stmt = palpate_store_db_prepare (store, "SELECT " CLIENT_COLUMNS " FROM clients WHERE id = ?",
                                   error);
  if (stmt == NULL)
    return NULL;
  palpate_db_bind_int64 (stmt, 1, client_id);
  step = palpate_db_step (stmt, error);
  if (step != PALPATE_DB_ROW)
    {
      palpate_db_reset (stmt);
      if (step == PALPATE_DB_DONE)
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND,
                     _("There is no client number %lld in this clinic."),
                     (long long) client_id);
      return NULL;
    }

  /* The row is read whole before the children's statements run. */
  client = row_to_object (stmt, error);
  palpate_db_reset (stmt);
  if (client == NULL)
    return NULL;

  json_array_add_object_element (clients, client);
  if (!add_client_record (store, client, error))
    return NULL;

  json_object_set_array_member (root, "clients", g_steal_pointer (&clients));
  return finish_document (g_steal_pointer (&root));
}

/**
 * palpate_record_export_clinic:
 *
 * The whole clinic: its settings (but not its secrets), therapists, techniques and every
 * client's record. The audit log stays with the file it was kept in.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
JsonNode *
palpate_record_export_clinic (PalpateStore  *store,
                              GError       **error)
{
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonObject) settings = json_object_new ();
  g_autoptr(JsonArray) clients = json_array_new ();
  g_autoptr(GPtrArray) client_rows = NULL;
  JsonArray *rows;
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (store), NULL);

  client_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  root = new_document ("clinic");

  stmt = palpate_store_db_prepare (store, "SELECT key, value FROM clinic_settings ORDER BY key",
                                   error);
  if (stmt == NULL)
    return NULL;
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      const char *key = palpate_store_db_column_text (stmt, 0);
      const char *value = palpate_store_db_column_text (stmt, 1);

      if (g_strv_contains (private_settings, key))
        continue;
      if (value == NULL)
        json_object_set_null_member (settings, key);
      else
        json_object_set_string_member (settings, key, value);
    }
  palpate_db_reset (stmt);
  if (step == PALPATE_DB_ERROR)
    return NULL;
  json_object_set_object_member (root, "settings", g_steal_pointer (&settings));

  rows = query_rows (store, "SELECT id, name, credentials, created_at FROM therapists ORDER BY id",
                     0, error);
  if (rows == NULL)
    return NULL;
  json_object_set_array_member (root, "therapists", rows);

  rows = query_rows (store, "SELECT id, key, name, builtin FROM techniques ORDER BY id", 0, error);
  if (rows == NULL)
    return NULL;
  json_object_set_array_member (root, "techniques", rows);

  /* The clients' rows first: each record's own queries reuse the cached statements. */
  stmt = palpate_store_db_prepare (store, "SELECT " CLIENT_COLUMNS " FROM clients ORDER BY id",
                                   error);
  if (stmt == NULL)
    return NULL;
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      JsonObject *row = row_to_object (stmt, error);

      if (row == NULL)
        {
          palpate_db_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (client_rows, row);
    }
  palpate_db_reset (stmt);
  if (step == PALPATE_DB_ERROR)
    return NULL;

  for (guint i = 0; i < client_rows->len; i++)
    {
      JsonObject *client = client_rows->pdata[i];

      if (!add_client_record (store, client, error))
        return NULL;
      json_array_add_object_element (clients, json_object_ref (client));
    }

  json_object_set_array_member (root, "clients", g_steal_pointer (&clients));
  return finish_document (g_steal_pointer (&root));
}

/* A copy with the members in name order, leaving out row ids (which differ from clinic to
 * clinic), the seal itself and the amendments (added after signing). */
static JsonNode *
canonical_node (JsonNode *node,
                gboolean  top)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(JsonObject) copy = json_object_new ();
      g_autoptr(GList) names = g_list_sort (json_object_get_members (object),
                                            (GCompareFunc) g_strcmp0);

      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *name = l->data;

          if (g_str_equal (name, "id") || g_str_has_suffix (name, "_id") ||
              (top && (g_str_equal (name, "seal") || g_str_equal (name, "amendments"))))
            continue;
          json_object_set_member (copy, name,
                                  canonical_node (json_object_get_member (object, name), FALSE));
        }

      return json_node_init_object (json_node_alloc (), copy);
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(JsonArray) copy = json_array_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, canonical_node (json_array_get_element (array, i), FALSE));

      return json_node_init_array (json_node_alloc (), copy);
    }

  return json_node_copy (node);
}

/**
 * palpate_record_compute_seal:
 * @visit: a visit as the exchange format writes it
 *
 * SHA-256 over the visit's canonical JSON: every member but row ids, the seal and the
 * amendments, in name order, without spaces. References to other rows count through the names
 * written beside them (therapist, technique, activity), so the seal is the same in every
 * clinic the visit is imported into.
 *
 * Returns: (transfer full): the seal as 64 hexadecimal digits
 */
char *
palpate_record_compute_seal (JsonObject *visit)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), visit);
  g_autoptr(JsonNode) canonical = canonical_node (node, TRUE);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_root (generator, canonical);
  text = json_generator_to_data (generator, &length);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text, length);
}

/**
 * palpate_record_log_disclosure:
 * @recipient: to whom the record goes
 * @reason: why
 *
 * Notes in the audit log that the client's record left the clinic; the log keeps when and by
 * whom (the store's actor).
 */
gboolean
palpate_record_log_disclosure (PalpateStore  *store,
                               gint64         client_id,
                               const char    *recipient,
                               const char    *reason,
                               GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, recipient ? recipient : "");
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, reason ? reason : "");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  detail = json_generator_to_data (generator, NULL);

  return palpate_store_log_event (store, "disclose", "client", client_id, detail, error);
}

static void
clear_disclosure (gpointer data)
{
  PalpateDisclosure *disclosure = data;

  g_free (disclosure->actor);
  g_free (disclosure->recipient);
  g_free (disclosure->reason);
}

/**
 * palpate_record_list_disclosures:
 *
 * Returns: (transfer full) (element-type PalpateDisclosure): the client's disclosures, oldest
 *   first, or %NULL with @error set
 */
GArray *
palpate_record_list_disclosures (PalpateStore  *store,
                                 gint64         client_id,
                                 GError       **error)
{
  g_autoptr(GArray) disclosures = g_array_new (FALSE, TRUE, sizeof (PalpateDisclosure));
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (store), NULL);

  g_array_set_clear_func (disclosures, clear_disclosure);
  stmt = palpate_store_db_prepare (store,
                                   "SELECT at, actor, detail FROM audit_log "
                                   "WHERE action = 'disclose' AND entity = 'client' "
                                   "AND entity_id = ? ORDER BY id",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, client_id);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      PalpateDisclosure disclosure = { 0 };
      JsonObject *detail = NULL;

      disclosure.at = palpate_db_column_int64 (stmt, 0);
      disclosure.actor = g_strdup (palpate_store_db_column_text (stmt, 1));
      if (json_parser_load_from_data (parser, palpate_store_db_column_text (stmt, 2) ?: "{}", -1,
                                      NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        detail = json_node_get_object (json_parser_get_root (parser));
      if (detail != NULL)
        {
          disclosure.recipient = g_strdup (json_object_get_string_member_with_default (detail,
                                                                                       "to", ""));
          disclosure.reason = g_strdup (json_object_get_string_member_with_default (detail,
                                                                                    "reason", ""));
        }
      g_array_append_val (disclosures, disclosure);
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&disclosures);
}
