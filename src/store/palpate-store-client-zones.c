/* palpate-store-client-zones.c — the client zones table: a client's standing no-touch
 * zones, carried into every visit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include "palpate-rules.h"
#include "palpate-store-private.h"

/**
 * palpate_store_list_client_zones:
 *
 * The client's standing no-touch zones, as contraindication findings without a visit.
 *
 * Returns: (transfer full) (element-type PalpateFinding): the zones, or %NULL on error
 */
GPtrArray *
palpate_store_list_client_zones (PalpateStore  *self,
                                 gint64         client_id,
                                 GError       **error)
{
  g_autoptr(GPtrArray) zones = g_ptr_array_new_with_free_func (g_object_unref);
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id, view, region_id, note, points FROM client_zones "
                                   "WHERE client_id = ? ORDER BY id",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, client_id);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      const char *points_text = palpate_store_db_column_text (stmt, 4);
      g_autoptr(GArray) points = palpate_store_points_from_text (points_text);
      PalpateView view = PALPATE_VIEW_ANTERIOR;
      PalpateFinding *zone;

      palpate_view_from_string (palpate_store_db_column_text (stmt, 1), &view);
      zone = palpate_finding_new (PALPATE_FINDING_CONTRAINDICATION, view,
                                  (const PalpatePoint *) (gpointer) points->data, points->len);
      palpate_finding_set_id (zone, palpate_db_column_int64 (stmt, 0));
      palpate_finding_set_region_id (zone, palpate_store_db_column_text (stmt, 2));
      palpate_finding_set_note (zone, palpate_store_db_column_text (stmt, 3));
      g_ptr_array_add (zones, zone);
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&zones);
}

/**
 * palpate_store_list_zoned_clients:
 *
 * The clients who have at least one standing no-touch zone, for the sidebar's warning mark.
 *
 * Returns: (transfer full) (element-type gint64): their ids, or %NULL on error
 */
GArray *
palpate_store_list_zoned_clients (PalpateStore  *self,
                                  GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self, "SELECT DISTINCT client_id FROM client_zones", error);
  if (stmt == NULL)
    return NULL;

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
 * palpate_store_set_client_zones:
 * @zones: (element-type PalpateFinding): the zones as they are now
 *
 * Replaces the client's standing no-touch zones, all or nothing.
 */
gboolean
palpate_store_set_client_zones (PalpateStore  *self,
                                gint64         client_id,
                                GListModel    *zones,
                                GError       **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  guint n = g_list_model_get_n_items (zones);
  PalpateDbStatement *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PalpateFinding) zone = g_list_model_get_item (zones, i);

      if (!palpate_finding_validate (zone, error))
        return FALSE;
    }

  if (!palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  stmt = palpate_store_db_prepare (self, "DELETE FROM client_zones WHERE client_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, client_id);
  if (!palpate_store_db_step_done (stmt, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PalpateFinding) zone = g_list_model_get_item (zones, i);
      const PalpatePoint *zone_points;
      guint n_points;
      g_autofree char *points = NULL;

      zone_points = palpate_finding_get_points (zone, &n_points);
      points = palpate_store_points_to_text (zone_points, n_points);
      stmt = palpate_store_db_prepare (self,
                                       "INSERT INTO client_zones (client_id, view, region_id, "
                                       "note, points) VALUES (?, ?, ?, ?, ?)",
                                       error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_int64 (stmt, 1, client_id);
      palpate_db_bind_text (stmt, 2, palpate_view_to_string (palpate_finding_get_view (zone)));
      palpate_db_bind_text (stmt, 3, palpate_finding_get_region_id (zone));
      palpate_db_bind_text (stmt, 4, palpate_finding_get_note (zone));
      palpate_db_bind_text (stmt, 5, points);
      if (!palpate_store_db_step_done (stmt, error))
        return FALSE;
    }

  if (!palpate_store_audit_append (self, "change", "client-zones", client_id, NULL, error) ||
      !palpate_store_transaction_commit (&transaction, error))
    return FALSE;

  return TRUE;
}
