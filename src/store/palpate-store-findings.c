/* palpate-store-findings.c — the findings table: what the therapist charts on the body
 * at a visit, and the points that place it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <math.h>

#include "palpate-rules.h"
#include "palpate-store-private.h"
#include "palpate-store-returning-private.h"

static const char *finding_status_ids[] = {
  [PALPATE_FINDING_STATUS_NEW] = "new",
  [PALPATE_FINDING_STATUS_PERSISTING] = "persisting",
  [PALPATE_FINDING_STATUS_IMPROVED] = "improved",
  [PALPATE_FINDING_STATUS_RESOLVED] = "resolved",
};

/**
 * palpate_store_points_to_text:
 *
 * Points as the file keeps them, "[x,y,x,y…]" with a dot for the decimals whatever the
 * language of the desktop: a German comma would read as one more coordinate.
 */
char *
palpate_store_points_to_text (const PalpatePoint *points,
                              guint               n_points)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n_points; i++)
    {
      char x[G_ASCII_DTOSTR_BUF_SIZE];
      char y[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (x, sizeof x, "%.2f", points[i].x);
      g_ascii_formatd (y, sizeof y, "%.2f", points[i].y);
      g_string_append_printf (json, "%s%s,%s", i ? "," : "", x, y);
    }
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

static char *
points_to_json (PalpateFinding *finding)
{
  const PalpatePoint *points;
  guint n_points;

  points = palpate_finding_get_points (finding, &n_points);
  return palpate_store_points_to_text (points, n_points);
}

/* The points of a finding, [x0, y0, x1, y1, …], read with json-glib; whatever is not a pair
 * of numbers is left out. */
GArray *
palpate_store_points_from_text (const char *json)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (PalpatePoint));
  g_autoptr(JsonArray) array = palpate_store_json_array_from_text (json);
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i + 1 < n; i += 2)
    {
      JsonNode *x = json_array_get_element (array, i);
      JsonNode *y = json_array_get_element (array, i + 1);
      PalpatePoint point;

      if (!JSON_NODE_HOLDS_VALUE (x) || !JSON_NODE_HOLDS_VALUE (y) ||
          json_node_get_value_type (x) == G_TYPE_STRING ||
          json_node_get_value_type (y) == G_TYPE_STRING)
        break;

      point.x = json_node_get_double (x);
      point.y = json_node_get_double (y);
      if (!isfinite (point.x) || !isfinite (point.y))
        break;
      g_array_append_val (points, point);
    }

  return points;
}

/* Inserts or updates the finding inside the caller's transaction, with its audit entry; sets
 * the id of a new one. */
gboolean
palpate_store_write_finding (PalpateStore    *self,
                             PalpateFinding  *finding,
                             GError         **error)
{
  g_autofree char *points = points_to_json (finding);
  gboolean is_new = palpate_finding_get_id (finding) == 0;
  PalpateDbStatement *stmt;

  if (is_new)
    stmt = palpate_store_db_prepare (self,
                                     "INSERT INTO findings (visit_id, view, kind, region_id, "
                                     "intensity, note, status, points, reported_by_client) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
                                     error);
  else
    stmt = palpate_store_db_prepare (self,
                                     "UPDATE findings SET visit_id = ?1, view = ?2, kind = ?3, "
                                     "region_id = ?4, intensity = ?5, note = ?6, status = ?7, "
                                     "points = ?8, reported_by_client = ?9 WHERE id = ?10",
                                     error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, palpate_finding_get_visit_id (finding));
  palpate_db_bind_text (stmt, 2, palpate_view_to_string (palpate_finding_get_view (finding)));
  palpate_db_bind_text (stmt, 3,
                        palpate_finding_kind_to_string (palpate_finding_get_kind (finding)));
  palpate_db_bind_text (stmt, 4, palpate_finding_get_region_id (finding));
  palpate_db_bind_int (stmt, 5, palpate_finding_get_intensity (finding));
  palpate_db_bind_text (stmt, 6, palpate_finding_get_note (finding));
  palpate_db_bind_text (stmt, 7, finding_status_ids[palpate_finding_get_status (finding)]);
  palpate_db_bind_text (stmt, 8, points);
  palpate_db_bind_int (stmt, 9, palpate_finding_get_reported_by_client (finding));
  if (!is_new)
    palpate_db_bind_int64 (stmt, 10, palpate_finding_get_id (finding));

  if (is_new)
    {
      gint64 id;

      if (!palpate_store_db_step_returning_id (stmt, &id, error))
        return FALSE;
      palpate_finding_set_id (finding, id);
    }
  else if (!palpate_store_db_step_done (stmt, error))
    return FALSE;

  if (palpate_store_audit_append (self, is_new ? "create" : "change", "finding",
                                  palpate_finding_get_id (finding), NULL, error))
    return TRUE;

  if (is_new)
    palpate_finding_set_id (finding, 0);
  return FALSE;
}

gboolean
palpate_store_save_finding (PalpateStore    *self,
                            PalpateFinding  *finding,
                            GError         **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  gboolean is_new;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_FINDING (finding), FALSE);

  if (!palpate_finding_validate (finding, error))
    return FALSE;

  is_new = palpate_finding_get_id (finding) == 0;

  if (!palpate_store_transaction_begin (&transaction, self, error) ||
      !palpate_store_write_finding (self, finding, error))
    return FALSE;

  if (!palpate_store_transaction_commit (&transaction, error))
    {
      if (is_new)
        palpate_finding_set_id (finding, 0);
      return FALSE;
    }

  return TRUE;
}

gboolean
palpate_store_delete_finding (PalpateStore  *self,
                              gint64         finding_id,
                              GError       **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  PalpateDbStatement *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  if (!palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  stmt = palpate_store_db_prepare (self, "DELETE FROM findings WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, finding_id);
  if (!palpate_store_db_step_done (stmt, error))
    return FALSE;

  return palpate_store_transaction_finish (&transaction, "delete", "finding", finding_id, error);
}

#define FINDING_COLUMNS \
  "f.id, f.view, f.kind, f.region_id, f.intensity, f.note, f.status, f.points, " \
  "f.reported_by_client, f.visit_id"

/* The findings the prepared @stmt (selecting FINDING_COLUMNS) returns. */
static GPtrArray *
findings_of_query (PalpateStore        *self,
                   PalpateDbStatement  *stmt,
                   GError             **error)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  PalpateDbStep step;

  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      const char *points_text = palpate_store_db_column_text (stmt, 7);
      g_autoptr(GArray) points = palpate_store_points_from_text (points_text);
      PalpateFindingKind kind = PALPATE_FINDING_TRIGGER_POINT_ACTIVE;
      PalpateView view = PALPATE_VIEW_ANTERIOR;
      PalpateFinding *finding;
      guint status;

      palpate_view_from_string (palpate_store_db_column_text (stmt, 1), &view);
      palpate_finding_kind_from_string (palpate_store_db_column_text (stmt, 2), &kind);
      finding = palpate_finding_new (kind, view, (PalpatePoint *) (gpointer) points->data,
                                     points->len);
      palpate_finding_set_id (finding, palpate_db_column_int64 (stmt, 0));
      palpate_finding_set_visit_id (finding, palpate_db_column_int64 (stmt, 9));
      palpate_finding_set_region_id (finding, palpate_store_db_column_text (stmt, 3));
      palpate_finding_set_intensity (finding, palpate_db_column_int (stmt, 4));
      palpate_finding_set_note (finding, palpate_store_db_column_text (stmt, 5));
      status = palpate_store_index_of (finding_status_ids, G_N_ELEMENTS (finding_status_ids),
                                       palpate_store_db_column_text (stmt, 6));
      palpate_finding_set_status (finding, status);
      palpate_finding_set_reported_by_client (finding, palpate_db_column_int (stmt, 8) != 0);
      g_ptr_array_add (findings, finding);
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&findings);
}

/**
 * palpate_store_list_findings:
 *
 * Returns: (transfer full) (element-type PalpateFinding): the visit's findings, in the order
 *   they were charted
 */
GPtrArray *
palpate_store_list_findings (PalpateStore  *self,
                             gint64         visit_id,
                             GError       **error)
{
  PalpateDbStatement *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT " FINDING_COLUMNS " FROM findings f "
                                   "WHERE f.visit_id = ? ORDER BY f.id",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, visit_id);
  return findings_of_query (self, stmt, error);
}

/**
 * palpate_store_list_client_findings:
 *
 * Every finding of every visit of the client in one query: a client's whole history.
 *
 * Returns: (transfer full) (element-type PalpateFinding): the findings, visit by visit, oldest
 *   first
 */
GPtrArray *
palpate_store_list_client_findings (PalpateStore  *self,
                                    gint64         client_id,
                                    GError       **error)
{
  PalpateDbStatement *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT " FINDING_COLUMNS " FROM findings f "
                                   "JOIN visits v ON v.id = f.visit_id WHERE v.client_id = ? "
                                   "ORDER BY v.started_at, v.id, f.id",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, client_id);
  return findings_of_query (self, stmt, error);
}
