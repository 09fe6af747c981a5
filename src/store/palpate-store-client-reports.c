/* palpate-store-client-reports.c — what clients report on their own view, kept as theirs
 *
 * A client report lives in its own tables (client_reports, client_report_places,
 * client_report_ratings), apart from the therapist's visits: it never replaces a visit's Pain
 * Before, findings or PSFS ratings, and reports built from visits leave it out by
 * construction. It is written whole, in one transaction, and never changed afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include "palpate-pain.h"
#include "palpate-rules.h"
#include "palpate-store-private.h"
#include "palpate-store-returning-private.h"

static gboolean
insert_report (PalpateStore         *self,
               PalpateClientReport  *report,
               GError              **error)
{
  GPtrArray *places = palpate_client_report_get_places (report);
  const PalpateClientActivityRating *ratings;
  int pain = palpate_client_report_get_pain (report);
  PalpateDbStatement *stmt;
  gint64 id;
  guint n;

  stmt = palpate_store_db_prepare (self,
                                   "INSERT INTO client_reports (client_id, reported_at, pain, "
                                   "finished) VALUES (?1, ?2, ?3, ?4) RETURNING id",
                                   error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, palpate_client_report_get_client_id (report));
  palpate_store_db_bind_datetime (stmt, 2, palpate_client_report_get_reported_at (report));
  palpate_store_db_bind_pain (stmt, 3, pain);
  palpate_db_bind_int (stmt, 4, palpate_client_report_get_finished (report) ? 1 : 0);
  if (!palpate_store_db_step_returning_id (stmt, &id, error))
    return FALSE;

  for (guint i = 0; i < places->len; i++)
    {
      PalpateFinding *place = places->pdata[i];
      const PalpatePoint *point = palpate_finding_get_points (place, &n);

      if (n == 0)
        continue;
      stmt = palpate_store_db_prepare (self,
                                       "INSERT INTO client_report_places (report_id, view, "
                                       "region_id, x, y) VALUES (?1, ?2, ?3, ?4, ?5)",
                                       error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_int64 (stmt, 1, id);
      palpate_db_bind_text (stmt, 2, palpate_view_to_string (palpate_finding_get_view (place)));
      palpate_db_bind_text (stmt, 3, palpate_finding_get_region_id (place));
      palpate_db_bind_double (stmt, 4, point[0].x);
      palpate_db_bind_double (stmt, 5, point[0].y);
      if (!palpate_store_db_step_done (stmt, error))
        return FALSE;
    }

  ratings = palpate_client_report_get_ratings (report, &n);
  for (guint i = 0; i < n; i++)
    {
      stmt = palpate_store_db_prepare (self,
                                       "INSERT INTO client_report_ratings (report_id, activity_id, "
                                       "rating) VALUES (?1, ?2, ?3)",
                                       error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_int64 (stmt, 1, id);
      palpate_db_bind_int64 (stmt, 2, ratings[i].activity_id);
      palpate_db_bind_int (stmt, 3, ratings[i].rating);
      if (!palpate_store_db_step_done (stmt, error))
        return FALSE;
    }

  palpate_client_report_set_id (report, id);
  return TRUE;
}

/**
 * palpate_store_add_client_report:
 * @report: what the client reported; its id is set once it is saved
 *
 * Keeps what the client reported, with where it hurts and their activities' ratings, in one
 * transaction: all of it is saved or none.
 *
 * Returns: whether the report was saved
 */
gboolean
palpate_store_add_client_report (PalpateStore         *self,
                                 PalpateClientReport  *report,
                                 GError              **error)
{
  const PalpateClientActivityRating *ratings;
  int pain;
  guint n;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_CLIENT_REPORT (report), FALSE);
  g_return_val_if_fail (palpate_client_report_get_id (report) == 0, FALSE);

  pain = palpate_client_report_get_pain (report);
  if (pain != PALPATE_PAIN_UNSET && !palpate_rating_validate (pain, error))
    return FALSE;
  ratings = palpate_client_report_get_ratings (report, &n);
  for (guint i = 0; i < n; i++)
    if (!palpate_rating_validate (ratings[i].rating, error))
      return FALSE;

  if (!palpate_store_begin (self, error))
    return FALSE;

  if (!insert_report (self, report, error) ||
      !palpate_store_audit_append (self, "add", "client-report",
                                   palpate_client_report_get_id (report), NULL, error) ||
      !palpate_store_commit (self, error))
    {
      palpate_store_rollback (self);
      palpate_client_report_set_id (report, 0);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_places (PalpateStore         *self,
             PalpateClientReport  *report,
             GError              **error)
{
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  stmt = palpate_store_db_prepare (self,
                                   "SELECT view, region_id, x, y FROM client_report_places "
                                   "WHERE report_id = ? ORDER BY id",
                                   error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, palpate_client_report_get_id (report));
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      PalpatePoint point = { palpate_db_column_double (stmt, 2),
                             palpate_db_column_double (stmt, 3) };
      PalpateView view = PALPATE_VIEW_ANTERIOR;

      palpate_view_from_string (palpate_store_db_column_text (stmt, 0), &view);
      palpate_client_report_add_place (report, view, palpate_store_db_column_text (stmt, 1),
                                       &point);
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return FALSE;

  return TRUE;
}

static gboolean
read_ratings (PalpateStore         *self,
              PalpateClientReport  *report,
              GError              **error)
{
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  stmt = palpate_store_db_prepare (self,
                                   "SELECT r.activity_id, r.rating FROM client_report_ratings r "
                                   "JOIN psfs_activities a ON a.id = r.activity_id "
                                   "WHERE r.report_id = ? ORDER BY a.position",
                                   error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, palpate_client_report_get_id (report));
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    palpate_client_report_add_rating (report, palpate_db_column_int64 (stmt, 0),
                                      palpate_db_column_int (stmt, 1));
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return FALSE;

  return TRUE;
}

/**
 * palpate_store_list_client_reports:
 * @since: (nullable): only reports made at or after this time
 *
 * Returns: (transfer full) (element-type PalpateClientReport): what the client @client_id
 *   reported, the newest first, or %NULL on error
 */
GPtrArray *
palpate_store_list_client_reports (PalpateStore  *self,
                                   gint64         client_id,
                                   GDateTime     *since,
                                   GError       **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func (g_object_unref);
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id, reported_at, pain, finished FROM client_reports "
                                   "WHERE client_id = ?1 AND reported_at >= ?2 "
                                   "ORDER BY reported_at DESC, id DESC",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, client_id);
  palpate_db_bind_int64 (stmt, 2, since != NULL ? g_date_time_to_unix (since) : G_MININT64);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      PalpateClientReport *report = palpate_client_report_new (client_id);
      g_autoptr(GDateTime) reported_at = palpate_store_db_column_datetime (stmt, 1);

      palpate_client_report_set_id (report, palpate_db_column_int64 (stmt, 0));
      palpate_client_report_set_reported_at (report, reported_at);
      palpate_client_report_set_pain (report, palpate_store_db_column_pain (stmt, 2));
      palpate_client_report_set_finished (report, palpate_db_column_int (stmt, 3) != 0);
      g_ptr_array_add (reports, report);
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  for (guint i = 0; i < reports->len; i++)
    if (!read_places (self, reports->pdata[i], error) ||
        !read_ratings (self, reports->pdata[i], error))
      return NULL;

  return g_steal_pointer (&reports);
}
