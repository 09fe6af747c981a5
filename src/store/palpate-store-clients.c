/* palpate-store-clients.c — clients, their activities, therapists and techniques in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-rules.h"
#include "palpate-store-private.h"

/* The columns every client query reads, in this order (see client_from_row). */
#define CLIENT_COLUMNS \
  "c.id, c.name, c.birth_date, c.phone, c.email, c.conditions, c.contraindications, " \
  "c.practitioners, c.goals, c.created_at, " \
  "(SELECT count (*) FROM visits v WHERE v.client_id = c.id), " \
  "(SELECT max (v.started_at) FROM visits v WHERE v.client_id = c.id)"

static PalpateClient *
client_from_row (sqlite3_stmt *stmt)
{
  PalpateClient *client = palpate_client_new ();
  g_auto(GStrv) conditions = palpate_store_strv_from_json (palpate_store_column_text (stmt, 5));
  g_auto(GStrv) contraindications = palpate_store_strv_from_json (palpate_store_column_text (stmt, 6));
  g_auto(GStrv) practitioners = palpate_store_strv_from_json (palpate_store_column_text (stmt, 7));
  g_autoptr(GDateTime) created_at = palpate_store_column_datetime (stmt, 9);
  g_autoptr(GDateTime) last_visit_at = palpate_store_column_datetime (stmt, 11);

  palpate_client_set_id (client, sqlite3_column_int64 (stmt, 0));
  palpate_client_set_name (client, palpate_store_column_text (stmt, 1));
  palpate_client_set_birth_date (client, palpate_store_column_text (stmt, 2));
  palpate_client_set_phone (client, palpate_store_column_text (stmt, 3));
  palpate_client_set_email (client, palpate_store_column_text (stmt, 4));
  palpate_client_set_conditions (client, (const char * const *) conditions);
  palpate_client_set_contraindications (client, (const char * const *) contraindications);
  palpate_client_set_practitioners (client, (const char * const *) practitioners);
  palpate_client_set_goals (client, palpate_store_column_text (stmt, 8));
  palpate_client_set_created_at (client, created_at);
  palpate_client_set_visit_count (client, sqlite3_column_int (stmt, 10));
  palpate_client_set_last_visit_at (client, last_visit_at);

  return client;
}

static gboolean
load_activities (PalpateStore   *self,
                 PalpateClient  *client,
                 GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) activities = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = palpate_store_prepare (self,
                                "SELECT name FROM psfs_activities WHERE client_id = ? "
                                "ORDER BY position",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, palpate_client_get_id (client));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, palpate_store_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  activities = g_strv_builder_end (builder);
  palpate_client_set_activities (client, (const char * const *) activities);
  return TRUE;
}

/* Activities keep their ids while their position holds, so that ratings stay with them; a
 * renamed activity is the same activity, renamed. */
static gboolean
save_activities (PalpateStore   *self,
                 PalpateClient  *client,
                 GError        **error)
{
  const char * const *activities = palpate_client_get_activities (client);
  guint n = activities ? g_strv_length ((char **) activities) : 0;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < PALPATE_PSFS_MAX_ACTIVITIES; i++)
    {
      if (i < n)
        {
          stmt = palpate_store_prepare (self,
                                        "INSERT INTO psfs_activities (client_id, position, name) "
                                        "VALUES (?, ?, ?) ON CONFLICT (client_id, position) "
                                        "DO UPDATE SET name = excluded.name",
                                        error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, palpate_client_get_id (client));
          sqlite3_bind_int (stmt, 2, (int) i);
          sqlite3_bind_text (stmt, 3, activities[i], -1, SQLITE_TRANSIENT);
        }
      else
        {
          /* An activity that was rated stays in the record; one never rated goes. */
          stmt = palpate_store_prepare (self,
                                        "DELETE FROM psfs_activities WHERE client_id = ? AND "
                                        "position = ? AND id NOT IN "
                                        "(SELECT activity_id FROM psfs_ratings)",
                                        error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, palpate_client_get_id (client));
          sqlite3_bind_int (stmt, 2, (int) i);
        }

      if (!palpate_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
index_for_search (PalpateStore  *self,
                  gint64         client_id,
                  const char    *search_text,
                  GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = palpate_store_prepare (self, "DELETE FROM clients_search WHERE rowid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  if (!palpate_store_step_done (self, stmt, error))
    return FALSE;

  stmt = palpate_store_prepare (self,
                                "INSERT INTO clients_search (rowid, search_text) VALUES (?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_text (stmt, 2, search_text, -1, SQLITE_TRANSIENT);

  return palpate_store_step_done (self, stmt, error);
}

/**
 * palpate_store_save_client:
 *
 * Adds the client (when its id is 0, setting the id) or records the changes to it. A new
 * client is recorded as added now, unless it already has a creation date (an imported or a
 * demo record).
 */
gboolean
palpate_store_save_client (PalpateStore   *self,
                           PalpateClient  *client,
                           GError        **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *conditions = NULL;
  g_autofree char *contraindications = NULL;
  g_autofree char *practitioners = NULL;
  g_autofree char *search_source = NULL;
  g_autofree char *search_text = NULL;
  gboolean is_new;
  sqlite3_stmt *stmt;
  const char *birth_date;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_CLIENT (client), FALSE);

  if (!palpate_client_validate (client, now, error))
    return FALSE;

  is_new = palpate_client_get_id (client) == 0;
  conditions = palpate_store_strv_to_json (palpate_client_get_conditions (client));
  contraindications = palpate_store_strv_to_json (palpate_client_get_contraindications (client));
  practitioners = palpate_store_strv_to_json (palpate_client_get_practitioners (client));
  search_source = g_strjoin (" ", palpate_client_get_name (client),
                             palpate_client_get_phone (client) ?: "", NULL);
  search_text = palpate_store_fold_for_search (search_source);
  birth_date = palpate_client_get_birth_date (client);
  if (birth_date != NULL && *birth_date == '\0')
    birth_date = NULL;

  if (!palpate_store_begin (self, error))
    return FALSE;

  if (is_new)
    stmt = palpate_store_prepare (self,
                                  "INSERT INTO clients (name, birth_date, phone, email, "
                                  "conditions, contraindications, practitioners, goals, "
                                  "search_text, created_at) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                                  error);
  else
    stmt = palpate_store_prepare (self,
                                  "UPDATE clients SET name = ?1, birth_date = ?2, phone = ?3, "
                                  "email = ?4, conditions = ?5, contraindications = ?6, "
                                  "practitioners = ?7, goals = ?8, search_text = ?9 "
                                  "WHERE id = ?11",
                                  error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, palpate_client_get_name (client), -1, SQLITE_TRANSIENT);
  palpate_store_bind_text (stmt, 2, birth_date);
  palpate_store_bind_text (stmt, 3, palpate_client_get_phone (client));
  palpate_store_bind_text (stmt, 4, palpate_client_get_email (client));
  sqlite3_bind_text (stmt, 5, conditions, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, contraindications, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, practitioners, -1, SQLITE_TRANSIENT);
  palpate_store_bind_text (stmt, 8, palpate_client_get_goals (client));
  sqlite3_bind_text (stmt, 9, search_text, -1, SQLITE_TRANSIENT);
  if (is_new)
    palpate_store_bind_datetime (stmt, 10, palpate_client_get_created_at (client) ?: now);
  else
    sqlite3_bind_int64 (stmt, 11, palpate_client_get_id (client));

  if (!palpate_store_step_done (self, stmt, error))
    goto failed;

  if (!is_new && sqlite3_changes (palpate_store_get_db (self)) == 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND,
                   _("This client is no longer in the clinic file."));
      goto failed;
    }

  if (is_new)
    palpate_client_set_id (client, sqlite3_last_insert_rowid (palpate_store_get_db (self)));

  if (!index_for_search (self, palpate_client_get_id (client), search_text, error) ||
      !save_activities (self, client, error) ||
      !palpate_store_audit_append (self, is_new ? "create" : "change", "client",
                                   palpate_client_get_id (client), NULL, error) ||
      !palpate_store_commit (self, error))
    goto failed;

  if (is_new && palpate_client_get_created_at (client) == NULL)
    palpate_client_set_created_at (client, now);

  return TRUE;

failed:
  palpate_store_rollback (self);
  if (is_new)
    palpate_client_set_id (client, 0);
  return FALSE;
}

PalpateClient *
palpate_store_get_client (PalpateStore  *self,
                          gint64         client_id,
                          GError       **error)
{
  g_autoptr(PalpateClient) client = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self, "SELECT " CLIENT_COLUMNS " FROM clients c WHERE c.id = ?",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    client = client_from_row (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  if (client == NULL)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND,
                   _("This client is no longer in the clinic file."));
      return NULL;
    }

  if (!load_activities (self, client, error))
    return NULL;

  return g_steal_pointer (&client);
}

/**
 * palpate_store_search_clients:
 * @text: (nullable): any part of a name or phone number; empty or %NULL lists everyone
 * @limit: the most clients to return
 *
 * Clients in alphabetical order. Three or more characters use the trigram index; fewer scan
 * the folded names, which is still quick for a clinic's few thousand clients. The visit counts
 * and dates are worked out only for the clients returned, not for every match.
 *
 * Returns: (transfer full) (element-type PalpateClient): the clients found
 */
GPtrArray *
palpate_store_search_clients (PalpateStore  *self,
                              const char    *text,
                              guint          limit,
                              GError       **error)
{
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stripped = g_strstrip (g_strdup (text ? text : ""));
  folded = palpate_store_fold_for_search (stripped);

  if (*folded == '\0')
    {
      stmt = palpate_store_prepare (self,
                                    "SELECT " CLIENT_COLUMNS " FROM clients c "
                                    "WHERE c.id IN (SELECT id FROM clients "
                                    "               ORDER BY name COLLATE NOCASE, id LIMIT ?1) "
                                    "ORDER BY c.name COLLATE NOCASE, c.id",
                                    error);
    }
  else if (g_utf8_strlen (folded, -1) >= 3)
    {
      stmt = palpate_store_prepare (self,
                                    "SELECT " CLIENT_COLUMNS " FROM clients c "
                                    "WHERE c.id IN (SELECT id FROM clients WHERE id IN "
                                    "                 (SELECT rowid FROM clients_search "
                                    "                  WHERE clients_search MATCH ?2) "
                                    "               ORDER BY name COLLATE NOCASE, id LIMIT ?1) "
                                    "ORDER BY c.name COLLATE NOCASE, c.id",
                                    error);
    }
  else
    {
      stmt = palpate_store_prepare (self,
                                    "SELECT " CLIENT_COLUMNS " FROM clients c "
                                    "WHERE c.id IN (SELECT id FROM clients "
                                    "               WHERE instr (search_text, ?3) > 0 "
                                    "               ORDER BY name COLLATE NOCASE, id LIMIT ?1) "
                                    "ORDER BY c.name COLLATE NOCASE, c.id",
                                    error);
    }
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, (int) MIN (limit, G_MAXINT));
  if (*folded != '\0')
    {
      /* A phrase of the text as typed: quotes doubled, so nothing is read as query syntax. */
      g_autoptr(GString) phrase = g_string_new ("\"");

      for (const char *p = folded; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (phrase, '"');
          g_string_append_c (phrase, *p);
        }
      g_string_append_c (phrase, '"');

      if (g_utf8_strlen (folded, -1) >= 3)
        sqlite3_bind_text (stmt, 2, phrase->str, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_text (stmt, 3, folded, -1, SQLITE_TRANSIENT);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (clients, client_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&clients);
}

int
palpate_store_count_clients (PalpateStore *self)
{
  sqlite3_stmt *stmt;
  int count = 0;

  g_return_val_if_fail (PALPATE_IS_STORE (self), 0);

  stmt = palpate_store_prepare (self, "SELECT count (*) FROM clients", NULL);
  if (stmt == NULL)
    return 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

/**
 * palpate_store_list_activity_ids:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the client's activities, by
 *   position, as palpate_client_get_activities() lists their names
 */
GArray *
palpate_store_list_activity_ids (PalpateStore  *self,
                                 gint64         client_id,
                                 GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT id FROM psfs_activities WHERE client_id = ? "
                                "ORDER BY position",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * palpate_store_list_techniques:
 *
 * Returns: (transfer full) (element-type PalpateTechnique): the built-in techniques, with
 *   translated names, then the clinic's own
 */
GPtrArray *
palpate_store_list_techniques (PalpateStore  *self,
                               GError       **error)
{
  g_autoptr(GPtrArray) techniques = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT id, key, name, builtin FROM techniques "
                                "ORDER BY builtin DESC, id",
                                error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PalpateTechnique *technique = palpate_technique_new ();
      gboolean builtin = sqlite3_column_int (stmt, 3) != 0;
      const char *name = palpate_store_column_text (stmt, 2);

      palpate_technique_set_id (technique, sqlite3_column_int64 (stmt, 0));
      palpate_technique_set_key (technique, palpate_store_column_text (stmt, 1));
      /* Built-in names are stored in English and shown in the user's language. */
      palpate_technique_set_name (technique, builtin ? _(name) : name);
      palpate_technique_set_builtin (technique, builtin);
      g_ptr_array_add (techniques, technique);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&techniques);
}

/* The built-in names, for translation: they are stored in English by the schema. */
G_GNUC_UNUSED static const char *builtin_technique_names[] = {
  N_("Myofascial release"),
  N_("Trigger point therapy"),
  N_("Deep tissue"),
  N_("Lymphatic drainage"),
  N_("Swedish massage"),
  N_("Stretching / PNF"),
  N_("Cupping"),
};

gboolean
palpate_store_save_technique (PalpateStore      *self,
                              PalpateTechnique  *technique,
                              GError           **error)
{
  gboolean is_new;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_TECHNIQUE (technique), FALSE);

  if (!palpate_technique_validate (technique, error))
    return FALSE;

  if (palpate_technique_get_builtin (technique))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                   _("Built-in techniques cannot be changed."));
      return FALSE;
    }

  is_new = palpate_technique_get_id (technique) == 0;

  if (!palpate_store_begin (self, error))
    return FALSE;

  if (is_new)
    stmt = palpate_store_prepare (self, "INSERT INTO techniques (name) VALUES (?1)", error);
  else
    stmt = palpate_store_prepare (self,
                                  "UPDATE techniques SET name = ?1 WHERE id = ?2 AND builtin = 0",
                                  error);
  if (stmt == NULL)
    goto failed;

  sqlite3_bind_text (stmt, 1, palpate_technique_get_name (technique), -1, SQLITE_TRANSIENT);
  if (!is_new)
    sqlite3_bind_int64 (stmt, 2, palpate_technique_get_id (technique));

  if (!palpate_store_step_done (self, stmt, error))
    goto failed;

  if (is_new)
    palpate_technique_set_id (technique,
                              sqlite3_last_insert_rowid (palpate_store_get_db (self)));

  if (!palpate_store_audit_append (self, is_new ? "create" : "change", "technique",
                                   palpate_technique_get_id (technique), NULL, error) ||
      !palpate_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  palpate_store_rollback (self);
  if (is_new)
    palpate_technique_set_id (technique, 0);
  return FALSE;
}
