/* palpate-store-consents.c — the clients' consents and refusals, and the verbal consent given
 * at a visit for a sensitive area
 *
 * A consent is added and never changed (the database refuses it) except for withdrawing it,
 * which sets its withdrawal time once. The signature is kept as vector strokes, a JSON array of
 * strokes, each an array of [x, y] points from 0 to 1 across the pad.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <math.h>

#include "palpate-store-private.h"

static char *
strokes_to_json (GPtrArray *strokes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strokes != NULL && i < strokes->len; i++)
    {
      GArray *points = strokes->pdata[i];

      if (points->len < 4)
        continue;
      json_builder_begin_array (builder);
      for (guint k = 0; k + 1 < points->len; k += 2)
        {
          /* Four decimals: a tenth of a pixel on the widest pad, and a short file. */
          json_builder_begin_array (builder);
          json_builder_add_double_value (builder,
                                         round (CLAMP (g_array_index (points, double, k), 0, 1)
                                                * 10000) / 10000);
          json_builder_add_double_value (builder,
                                         round (CLAMP (g_array_index (points, double, k + 1), 0, 1)
                                                * 10000) / 10000);
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static GPtrArray *
strokes_from_json (const char *json)
{
  g_autoptr(JsonArray) array = palpate_store_json_array_from_text (json);
  g_autoptr(GPtrArray) strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
      JsonArray *stroke;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        continue;
      stroke = json_node_get_array (node);
      for (guint k = 0; k < json_array_get_length (stroke); k++)
        {
          JsonNode *point_node = json_array_get_element (stroke, k);
          JsonArray *point;
          double x, y;

          if (!JSON_NODE_HOLDS_ARRAY (point_node))
            continue;
          point = json_node_get_array (point_node);
          if (json_array_get_length (point) != 2)
            continue;
          x = CLAMP (json_array_get_double_element (point, 0), 0, 1);
          y = CLAMP (json_array_get_double_element (point, 1), 0, 1);
          g_array_append_val (points, x);
          g_array_append_val (points, y);
        }
      if (points->len >= 4)
        g_ptr_array_add (strokes, g_steal_pointer (&points));
    }

  return g_steal_pointer (&strokes);
}

/* A minor's consent names the parent or guardian who gave it (palpate_consent_check_guardian()),
 * by the client's birth date on file. */
static gboolean
check_guardian (PalpateStore          *self,
                const PalpateConsent  *consent,
                GDateTime             *when,
                GError               **error)
{
  g_autofree char *birth_date = NULL;
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  stmt = palpate_store_db_prepare (self, "SELECT birth_date FROM clients WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, consent->client_id);
  step = palpate_db_step (stmt, error);
  if (step == PALPATE_DB_ROW && !palpate_db_column_is_null (stmt, 0))
    birth_date = g_strdup (palpate_store_db_column_text (stmt, 0));
  palpate_db_reset (stmt);
  if (step == PALPATE_DB_ERROR)
    return FALSE;

  return palpate_consent_check_guardian (consent, birth_date, when, error);
}

/**
 * palpate_store_add_consent:
 * @consent: a new consent (id 0)
 *
 * Records @consent, given now and obtained by the store's actor, in one transaction with its
 * audit entry, after the core's rules (a written consent needs a signature).
 */
gboolean
palpate_store_add_consent (PalpateStore    *self,
                           PalpateConsent  *consent,
                           GError         **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) explained_keys = NULL;
  g_autofree char *explained = NULL;
  g_autofree char *signature = NULL;
  PalpateDbStatement *stmt;
  gint64 id;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (consent != NULL && consent->id == 0, FALSE);

  if (!palpate_consent_validate (consent, error) ||
      !check_guardian (self, consent, now, error))
    return FALSE;

  for (guint i = 0; i < PALPATE_N_EXPLAINED; i++)
    if (consent->kind == PALPATE_CONSENT_TREATMENT && (consent->explained & (1u << i)) != 0)
      g_strv_builder_add (builder, palpate_consent_explained_get_key (i));
  explained_keys = g_strv_builder_end (builder);
  explained = palpate_store_strv_to_json ((const char * const *) explained_keys);
  if (palpate_consent_is_signed (consent))
    signature = strokes_to_json (consent->strokes);

  if (!palpate_store_begin (self, error))
    return FALSE;

  stmt = palpate_store_db_prepare (self,
                                   "INSERT INTO consents (client_id, kind, area, explained, "
                                   "given_at, obtained_by, guardian, signature) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
                                   error);
  if (stmt == NULL)
    goto failed;

  palpate_db_bind_int64 (stmt, 1, consent->client_id);
  palpate_db_bind_text (stmt, 2, palpate_consent_kind_get_key (consent->kind));
  palpate_db_bind_text (stmt, 3, consent->kind == PALPATE_CONSENT_TREATMENT
                                 ? NULL : palpate_sensitive_area_get_key (consent->area));
  palpate_db_bind_text (stmt, 4, explained);
  palpate_store_db_bind_datetime (stmt, 5, now);
  palpate_db_bind_text (stmt, 6, palpate_store_get_actor (self));
  palpate_db_bind_text (stmt, 7, consent->guardian != NULL && *consent->guardian != '\0'
                                 ? consent->guardian : NULL);
  palpate_db_bind_text (stmt, 8, signature);

  /* The new consent's id comes back as its one row. */
  if (palpate_db_step (stmt, error) != PALPATE_DB_ROW)
    {
      palpate_db_reset (stmt);
      goto failed;
    }
  id = palpate_db_column_int64 (stmt, 0);
  palpate_db_reset (stmt);
  if (!palpate_store_audit_append (self, "add", "consent", id, NULL, error) ||
      !palpate_store_commit (self, error))
    goto failed;

  consent->id = id;
  g_clear_pointer (&consent->given_at, g_date_time_unref);
  consent->given_at = g_date_time_ref (now);
  g_free (consent->obtained_by);
  consent->obtained_by = g_strdup (palpate_store_get_actor (self));
  return TRUE;

failed:
  palpate_store_rollback (self);
  return FALSE;
}

/* Withdraws a consent or a refusal from now on; it stays in the record, marked withdrawn. */
gboolean
palpate_store_withdraw_consent (PalpateStore  *self,
                                gint64         consent_id,
                                GError       **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  PalpateDbStatement *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  if (!palpate_store_begin (self, error))
    return FALSE;

  stmt = palpate_store_db_prepare (self,
                                   "UPDATE consents SET withdrawn_at = ? "
                                   "WHERE id = ? AND withdrawn_at IS NULL",
                                   error);
  if (stmt == NULL)
    goto failed;

  palpate_store_db_bind_datetime (stmt, 1, now);
  palpate_db_bind_int64 (stmt, 2, consent_id);
  if (!palpate_store_db_step_done (stmt, error))
    goto failed;

  if (!palpate_store_audit_append (self, "withdraw", "consent", consent_id, NULL, error) ||
      !palpate_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  palpate_store_rollback (self);
  return FALSE;
}

/**
 * palpate_store_list_consents:
 *
 * Returns: (transfer full) (element-type PalpateConsent): the client's consents and refusals,
 *   withdrawn ones too, oldest first, or %NULL on error
 */
GPtrArray *
palpate_store_list_consents (PalpateStore  *self,
                             gint64         client_id,
                             GError       **error)
{
  g_autoptr(GPtrArray) consents =
    g_ptr_array_new_with_free_func ((GDestroyNotify) palpate_consent_free);
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id, kind, area, explained, given_at, obtained_by, "
                                   "guardian, signature, withdrawn_at "
                                   "FROM consents WHERE client_id = ? ORDER BY given_at, id",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, client_id);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      g_autoptr(PalpateConsent) consent = palpate_consent_new ();
      g_auto(GStrv) explained =
        palpate_store_strv_from_json (palpate_store_db_column_text (stmt, 3));

      consent->id = palpate_db_column_int64 (stmt, 0);
      consent->client_id = client_id;
      consent->kind = palpate_consent_kind_from_key (palpate_store_db_column_text (stmt, 1));
      consent->area = palpate_sensitive_area_from_key (palpate_store_db_column_text (stmt, 2));
      for (guint i = 0; i < PALPATE_N_EXPLAINED; i++)
        if (explained != NULL &&
            g_strv_contains ((const char * const *) explained,
                             palpate_consent_explained_get_key (i)))
          consent->explained |= 1u << i;
      consent->given_at = palpate_store_db_column_datetime (stmt, 4);
      consent->obtained_by = g_strdup (palpate_store_db_column_text (stmt, 5));
      if (!palpate_db_column_is_null (stmt, 6))
        consent->guardian = g_strdup (palpate_store_db_column_text (stmt, 6));
      consent->strokes = strokes_from_json (palpate_store_db_column_text (stmt, 7));
      if (!palpate_db_column_is_null (stmt, 8))
        consent->withdrawn_at = palpate_store_db_column_datetime (stmt, 8);
      g_ptr_array_add (consents, g_steal_pointer (&consent));
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&consents);
}

/* The id of the verbal consent given at @visit_id for @area, or 0 when there is none. */
static gboolean
find_verbal_consent (PalpateStore          *self,
                     gint64                 visit_id,
                     PalpateSensitiveArea   area,
                     gint64                *id,
                     GError               **error)
{
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id FROM verbal_consents WHERE visit_id = ? AND area = ?",
                                   error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, visit_id);
  palpate_db_bind_text (stmt, 2, palpate_sensitive_area_get_key (area));
  step = palpate_db_step (stmt, error);
  *id = step == PALPATE_DB_ROW ? palpate_db_column_int64 (stmt, 0) : 0;
  palpate_db_reset (stmt);

  return step != PALPATE_DB_ERROR;
}

/* Records that the client gave verbal consent at @visit_id to treatment of @area; a second
 * confirmation for the same visit and area keeps the first. */
gboolean
palpate_store_add_verbal_consent (PalpateStore          *self,
                                  gint64                 visit_id,
                                  PalpateSensitiveArea   area,
                                  GError               **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  PalpateDbStatement *stmt;
  gint64 id = 0;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (area != PALPATE_SENSITIVE_AREA_NONE, FALSE);

  if (!palpate_store_begin (self, error))
    return FALSE;

  stmt = palpate_store_db_prepare (self,
                                   "INSERT INTO verbal_consents (visit_id, area, given_at, "
                                   "obtained_by) VALUES (?, ?, ?, ?) "
                                   "ON CONFLICT (visit_id, area) DO NOTHING RETURNING id",
                                   error);
  if (stmt == NULL)
    goto failed;

  palpate_db_bind_int64 (stmt, 1, visit_id);
  palpate_db_bind_text (stmt, 2, palpate_sensitive_area_get_key (area));
  palpate_store_db_bind_datetime (stmt, 3, now);
  palpate_db_bind_text (stmt, 4, palpate_store_get_actor (self));

  /* The new row's id, or no row when the first confirmation is kept: the audit entry then
   * names that one. */
  switch (palpate_db_step (stmt, error))
    {
    case PALPATE_DB_ROW:
      id = palpate_db_column_int64 (stmt, 0);
      palpate_db_reset (stmt);
      break;
    case PALPATE_DB_DONE:
      palpate_db_reset (stmt);
      if (!find_verbal_consent (self, visit_id, area, &id, error))
        goto failed;
      break;
    case PALPATE_DB_ERROR:
    default:
      palpate_db_reset (stmt);
      goto failed;
    }

  if (!palpate_store_audit_append (self, "add", "verbal-consent", id, NULL, error) ||
      !palpate_store_commit (self, error))
    goto failed;

  return TRUE;

failed:
  palpate_store_rollback (self);
  return FALSE;
}

/**
 * palpate_store_has_verbal_consent:
 * @given: (out): whether the client gave verbal consent for @area at @visit_id
 *
 * Returns: whether the file could be read
 */
gboolean
palpate_store_has_verbal_consent (PalpateStore          *self,
                                  gint64                 visit_id,
                                  PalpateSensitiveArea   area,
                                  gboolean              *given,
                                  GError               **error)
{
  gint64 id;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (given != NULL, FALSE);

  if (!find_verbal_consent (self, visit_id, area, &id, error))
    return FALSE;

  *given = id != 0;
  return TRUE;
}
