/* palpate-store-clients.c — clients, their activities, therapists and techniques in the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-client-search-private.h"
#include "palpate-rules.h"
#include "palpate-store-private.h"
#include "palpate-store-returning-private.h"

/* The columns every client query reads, in this order (see client_from_row). */
#define CLIENT_COLUMNS \
  "c.id, c.name, c.birth_date, c.phone, c.email, c.conditions, c.contraindications, " \
  "c.practitioners, c.goals, c.created_at, " \
  "(SELECT count (*) FROM visits v WHERE v.client_id = c.id), " \
  "(SELECT max (v.started_at) FROM visits v WHERE v.client_id = c.id)"

/* The clients' list order, written for each back end's index clients_by_name: the file's is on
 * (name COLLATE NOCASE, id), which ORDER BY lower (name) could not use; the server's is on
 * (lower (name), id), as it has no NOCASE collation. Both fold ASCII letters alike; the
 * server's lower () also folds other letters, by its locale. */
#define FILE_BY_NAME "name COLLATE NOCASE, id"
#define SERVER_BY_NAME "lower (name), id"

static PalpateClient *
client_from_row (PalpateDbStatement *stmt)
{
  PalpateClient *client = palpate_client_new ();
  const char *conditions_json = palpate_store_db_column_text (stmt, 5);
  const char *contraindications_json = palpate_store_db_column_text (stmt, 6);
  const char *practitioners_json = palpate_store_db_column_text (stmt, 7);
  g_auto(GStrv) conditions = palpate_store_strv_from_json (conditions_json);
  g_auto(GStrv) contraindications = palpate_store_strv_from_json (contraindications_json);
  g_auto(GStrv) practitioners = palpate_store_strv_from_json (practitioners_json);
  g_autoptr(GDateTime) created_at = palpate_store_db_column_datetime (stmt, 9);
  g_autoptr(GDateTime) last_visit_at = palpate_store_db_column_datetime (stmt, 11);

  palpate_client_set_id (client, palpate_db_column_int64 (stmt, 0));
  palpate_client_set_name (client, palpate_store_db_column_text (stmt, 1));
  palpate_client_set_birth_date (client, palpate_store_db_column_text (stmt, 2));
  palpate_client_set_phone (client, palpate_store_db_column_text (stmt, 3));
  palpate_client_set_email (client, palpate_store_db_column_text (stmt, 4));
  palpate_client_set_conditions (client, (const char * const *) conditions);
  palpate_client_set_contraindications (client, (const char * const *) contraindications);
  palpate_client_set_practitioners (client, (const char * const *) practitioners);
  palpate_client_set_goals (client, palpate_store_db_column_text (stmt, 8));
  palpate_client_set_created_at (client, created_at);
  palpate_client_set_visit_count (client, palpate_db_column_int (stmt, 10));
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
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  stmt = palpate_store_db_prepare (self,
                                   "SELECT name FROM psfs_activities WHERE client_id = ? "
                                   "ORDER BY position",
                                   error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, palpate_client_get_id (client));
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    g_strv_builder_add (builder, palpate_store_db_column_text (stmt, 0));
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return FALSE;

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
  PalpateDbStatement *stmt;

  for (guint i = 0; i < PALPATE_PSFS_MAX_ACTIVITIES; i++)
    {
      if (i < n)
        {
          stmt = palpate_store_db_prepare (self,
                                           "INSERT INTO psfs_activities (client_id, position, "
                                           "name) VALUES (?, ?, ?) "
                                           "ON CONFLICT (client_id, position) "
                                           "DO UPDATE SET name = excluded.name",
                                           error);
          if (stmt == NULL)
            return FALSE;
          palpate_db_bind_int64 (stmt, 1, palpate_client_get_id (client));
          palpate_db_bind_int (stmt, 2, (int) i);
          palpate_db_bind_text (stmt, 3, activities[i]);
        }
      else
        {
          /* An activity that was rated stays in the record; one never rated goes. */
          stmt = palpate_store_db_prepare (self,
                                           "DELETE FROM psfs_activities WHERE client_id = ? AND "
                                           "position = ? AND id NOT IN "
                                           "(SELECT activity_id FROM psfs_ratings)",
                                           error);
          if (stmt == NULL)
            return FALSE;
          palpate_db_bind_int64 (stmt, 1, palpate_client_get_id (client));
          palpate_db_bind_int (stmt, 2, (int) i);
        }

      if (!palpate_store_db_step_done (stmt, error))
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
  PalpateDbStatement *stmt;

  /* The file's full-text table (FTS5) is kept by hand; the server's trigram index
   * (clients_search) is on clients.search_text itself and follows the row. */
  if (palpate_store_is_on_server (self))
    return TRUE;

  stmt = palpate_store_db_prepare (self, "DELETE FROM clients_search WHERE rowid = ?", error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, client_id);
  if (!palpate_store_db_step_done (stmt, error))
    return FALSE;

  stmt = palpate_store_db_prepare (self,
                                   "INSERT INTO clients_search (rowid, search_text) VALUES (?, ?)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, client_id);
  palpate_db_bind_text (stmt, 2, search_text);

  return palpate_store_db_step_done (stmt, error);
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
  PalpateDbStatement *stmt;
  const char *birth_date;
  gint64 id;

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
    stmt = palpate_store_db_prepare (self,
                                     "INSERT INTO clients (name, birth_date, phone, email, "
                                     "conditions, contraindications, practitioners, goals, "
                                     "search_text, created_at) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                                     "RETURNING id",
                                     error);
  else
    stmt = palpate_store_db_prepare (self,
                                     "UPDATE clients SET name = ?1, birth_date = ?2, phone = ?3, "
                                     "email = ?4, conditions = ?5, contraindications = ?6, "
                                     "practitioners = ?7, goals = ?8, search_text = ?9 "
                                     "WHERE id = ?10",
                                     error);
  if (stmt == NULL)
    goto failed;

  palpate_db_bind_text (stmt, 1, palpate_client_get_name (client));
  palpate_db_bind_text (stmt, 2, birth_date);
  palpate_db_bind_text (stmt, 3, palpate_client_get_phone (client));
  palpate_db_bind_text (stmt, 4, palpate_client_get_email (client));
  palpate_db_bind_text (stmt, 5, conditions);
  palpate_db_bind_text (stmt, 6, contraindications);
  palpate_db_bind_text (stmt, 7, practitioners);
  palpate_db_bind_text (stmt, 8, palpate_client_get_goals (client));
  palpate_db_bind_text (stmt, 9, search_text);
  if (is_new)
    palpate_store_db_bind_datetime (stmt, 10, palpate_client_get_created_at (client) ?: now);
  else
    palpate_db_bind_int64 (stmt, 10, palpate_client_get_id (client));

  if (is_new)
    {
      if (!palpate_store_db_step_returning_id (stmt, &id, error))
        goto failed;
      palpate_client_set_id (client, id);
    }
  else if (!palpate_store_db_step_done (stmt, error))
    goto failed;

  if (!is_new && palpate_db_changes (palpate_store_get_conn (self)) == 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND,
                   _("This client is no longer in the clinic file."));
      goto failed;
    }

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
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self, "SELECT " CLIENT_COLUMNS " FROM clients c WHERE c.id = ?",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, client_id);
  step = palpate_db_step (stmt, error);
  if (step == PALPATE_DB_ROW)
    client = client_from_row (stmt);
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

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

/* A phrase of the text as typed for the file's FTS5 trigram table: quotes doubled, so that
 * nothing in it is read as query syntax. */
char *
palpate_client_search_phrase (const char *folded)
{
  GString *phrase = g_string_new ("\"");

  for (const char *p = folded; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (phrase, '"');
      g_string_append_c (phrase, *p);
    }
  g_string_append_c (phrase, '"');

  return g_string_free (phrase, FALSE);
}

/* A LIKE pattern (escape character '\\') for the text as typed anywhere in the server's search
 * text: '\\', '%' and '_' in it stand for themselves. */
char *
palpate_client_search_pattern (const char *folded)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = folded; *p; p++)
    {
      if (*p == '\\' || *p == '%' || *p == '_')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

/**
 * palpate_store_search_clients:
 * @text: (nullable): any part of a name or phone number; empty or %NULL lists everyone
 * @limit: the most clients to return
 *
 * Clients in alphabetical order. Three or more characters use the trigram index (the file's
 * FTS5 table, the server's GIN index); fewer scan the folded names, which is still quick for a
 * clinic's few thousand clients. The visit counts and dates are worked out only for the
 * clients returned, not for every match.
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
  g_autofree char *search = NULL;
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stripped = g_strstrip (g_strdup (text ? text : ""));
  folded = palpate_store_fold_for_search (stripped);

  if (*folded == '\0')
    {
      stmt = palpate_store_db_prepare (self,
                                       palpate_store_is_on_server (self)
                                       ? "SELECT " CLIENT_COLUMNS " FROM clients c "
                                         "WHERE c.id IN (SELECT id FROM clients "
                                         "               ORDER BY " SERVER_BY_NAME " LIMIT ?1) "
                                         "ORDER BY lower (c.name), c.id"
                                       : "SELECT " CLIENT_COLUMNS " FROM clients c "
                                         "WHERE c.id IN (SELECT id FROM clients "
                                         "               ORDER BY " FILE_BY_NAME " LIMIT ?1) "
                                         "ORDER BY c.name COLLATE NOCASE, c.id",
                                       error);
    }
  else if (palpate_store_is_on_server (self))
    {
      /* The server: LIKE '%…%' on the folded search text, which its trigram index
       * (clients_search) serves from three characters on; fewer scan the column. */
      search = palpate_client_search_pattern (folded);
      stmt = palpate_store_db_prepare (self,
                                       "SELECT " CLIENT_COLUMNS " FROM clients c "
                                       "WHERE c.id IN (SELECT id FROM clients "
                                       "               WHERE search_text LIKE "
                                       "                 CAST (?2 AS text) ESCAPE '\\' "
                                       "               ORDER BY " SERVER_BY_NAME " LIMIT ?1) "
                                       "ORDER BY lower (c.name), c.id",
                                       error);
      /* Walking the names in order finds fifty matches of a common text at once, and reads
       * every client for a rare one, which the trigram index finds at once: which is best
       * depends on the text, so the server plans with it each time. */
      if (stmt != NULL)
        palpate_db_plan_each_run (stmt);
    }
  else if (g_utf8_strlen (folded, -1) >= PALPATE_CLIENT_SEARCH_INDEXED_LENGTH)
    {
      /* The file: its FTS5 trigram table, searched for the text as one phrase. */
      search = palpate_client_search_phrase (folded);
      stmt = palpate_store_db_prepare (self,
                                       "SELECT " CLIENT_COLUMNS " FROM clients c "
                                       "WHERE c.id IN (SELECT id FROM clients WHERE id IN "
                                       "                 (SELECT rowid FROM clients_search "
                                       "                  WHERE clients_search MATCH ?2) "
                                       "               ORDER BY " FILE_BY_NAME " LIMIT ?1) "
                                       "ORDER BY c.name COLLATE NOCASE, c.id",
                                       error);
    }
  else
    {
      search = g_strdup (folded);
      stmt = palpate_store_db_prepare (self,
                                       "SELECT " CLIENT_COLUMNS " FROM clients c "
                                       "WHERE c.id IN (SELECT id FROM clients "
                                       "               WHERE instr (search_text, ?2) > 0 "
                                       "               ORDER BY " FILE_BY_NAME " LIMIT ?1) "
                                       "ORDER BY c.name COLLATE NOCASE, c.id",
                                       error);
    }
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int (stmt, 1, (int) MIN (limit, G_MAXINT));
  if (search != NULL)
    palpate_db_bind_text (stmt, 2, search);

  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    g_ptr_array_add (clients, client_from_row (stmt));
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&clients);
}

int
palpate_store_count_clients (PalpateStore *self)
{
  PalpateDbStatement *stmt;
  int count = 0;

  g_return_val_if_fail (PALPATE_IS_STORE (self), 0);

  stmt = palpate_store_db_prepare (self, "SELECT count (*) FROM clients", NULL);
  if (stmt == NULL)
    return 0;

  if (palpate_db_step (stmt, NULL) == PALPATE_DB_ROW)
    count = palpate_db_column_int (stmt, 0);
  palpate_db_reset (stmt);

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
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id FROM psfs_activities WHERE client_id = ? "
                                   "ORDER BY position",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, client_id);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      gint64 id = palpate_db_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

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
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id, key, name, builtin FROM techniques "
                                   "ORDER BY builtin DESC, id",
                                   error);
  if (stmt == NULL)
    return NULL;

  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      PalpateTechnique *technique = palpate_technique_new ();
      gboolean builtin = palpate_db_column_int (stmt, 3) != 0;
      const char *name = palpate_store_db_column_text (stmt, 2);

      palpate_technique_set_id (technique, palpate_db_column_int64 (stmt, 0));
      palpate_technique_set_key (technique, palpate_store_db_column_text (stmt, 1));
      /* Built-in names are stored in English and shown in the user's language. */
      palpate_technique_set_name (technique, builtin ? _(name) : name);
      palpate_technique_set_builtin (technique, builtin);
      g_ptr_array_add (techniques, technique);
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

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
  PalpateDbStatement *stmt;
  gint64 id;

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
    stmt = palpate_store_db_prepare (self,
                                     "INSERT INTO techniques (name) VALUES (?1) RETURNING id",
                                     error);
  else
    stmt = palpate_store_db_prepare (self,
                                     "UPDATE techniques SET name = ?1 "
                                     "WHERE id = ?2 AND builtin = 0",
                                     error);
  if (stmt == NULL)
    goto failed;

  palpate_db_bind_text (stmt, 1, palpate_technique_get_name (technique));
  if (!is_new)
    palpate_db_bind_int64 (stmt, 2, palpate_technique_get_id (technique));

  if (is_new)
    {
      if (!palpate_store_db_step_returning_id (stmt, &id, error))
        goto failed;
      palpate_technique_set_id (technique, id);
    }
  else if (!palpate_store_db_step_done (stmt, error))
    goto failed;

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
