/* palpate-store-visits.c — the visits table: a visit's row, starting, saving, listing and
 * signing visits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "palpate-core-error.h"
#include "palpate-rules.h"
#include "palpate-store-private.h"
#include "palpate-store-returning-private.h"

/* A signed visit names the therapist as they were named when it was signed. */
#define VISIT_COLUMNS \
  "v.id, v.client_id, v.therapist_id, coalesce (v.therapist_name, t.name), v.started_at, " \
  "v.duration_minutes, v.pain_before, v.pain_after, v.subjective, v.objective, v.assessment, " \
  "v.plan, v.home_care, v.status, v.signed_at, v.signed_by, v.consent_sensitive, " \
  "v.reported_by_client, v.version"

static PalpateVisit *
visit_from_row (PalpateDbStatement *stmt)
{
  PalpateVisit *visit = palpate_visit_new ();
  g_autoptr(GDateTime) started_at = palpate_store_db_column_datetime (stmt, 4);
  g_autoptr(GDateTime) signed_at = palpate_store_db_column_datetime (stmt, 14);

  palpate_visit_set_id (visit, palpate_db_column_int64 (stmt, 0));
  palpate_visit_set_client_id (visit, palpate_db_column_int64 (stmt, 1));
  palpate_visit_set_therapist_id (visit, palpate_db_column_int64 (stmt, 2));
  palpate_visit_set_therapist_name (visit, palpate_store_db_column_text (stmt, 3));
  palpate_visit_set_started_at (visit, started_at);
  palpate_visit_set_duration_minutes (visit, palpate_db_column_int (stmt, 5));
  palpate_visit_set_pain_before (visit, palpate_store_db_column_pain (stmt, 6));
  palpate_visit_set_pain_after (visit, palpate_store_db_column_pain (stmt, 7));
  palpate_visit_set_subjective (visit, palpate_store_db_column_text (stmt, 8));
  palpate_visit_set_objective (visit, palpate_store_db_column_text (stmt, 9));
  palpate_visit_set_assessment (visit, palpate_store_db_column_text (stmt, 10));
  palpate_visit_set_plan (visit, palpate_store_db_column_text (stmt, 11));
  palpate_visit_set_home_care (visit, palpate_store_db_column_text (stmt, 12));
  palpate_visit_set_status (visit,
                            g_strcmp0 (palpate_store_db_column_text (stmt, 13), "signed") == 0
                            ? PALPATE_VISIT_SIGNED : PALPATE_VISIT_DRAFT);
  palpate_visit_set_signed_at (visit, signed_at);
  palpate_visit_set_signed_by (visit, palpate_store_db_column_text (stmt, 15));
  palpate_visit_set_consent_sensitive (visit, palpate_db_column_int (stmt, 16) != 0);
  palpate_visit_set_reported_by_client (visit, palpate_db_column_int (stmt, 17) != 0);
  palpate_visit_set_version (visit, palpate_db_column_int64 (stmt, 18));

  return visit;
}

/**
 * palpate_store_visit_unchanged_error:
 *
 * Says why an UPDATE of a visit changed no row: it is gone, it was signed, or it was saved
 * from elsewhere (another window) since this copy was read.
 *
 * Returns: %FALSE, always
 */
gboolean
palpate_store_visit_unchanged_error (PalpateStore  *self,
                                     gint64         visit_id,
                                     GError       **error)
{
  PalpateDbStatement *stmt;
  g_autofree char *status = NULL;
  PalpateDbStep step;

  stmt = palpate_store_db_prepare (self, "SELECT status FROM visits WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, visit_id);
  step = palpate_db_step (stmt, error);
  if (step == PALPATE_DB_ROW)
    status = g_strdup (palpate_store_db_column_text (stmt, 0));
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return FALSE;

  if (step == PALPATE_DB_DONE)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND,
                 _("This visit is no longer in the clinic file."));
  else if (g_strcmp0 (status, "signed") == 0)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_SIGNED,
                 _("This visit is signed, so it cannot be changed. Add an amendment instead."));
  else
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CHANGED,
                 _("This visit was changed in another window since it was opened here, so "
                   "this change was not saved. The visit has been reloaded: make the change "
                   "again."));

  return FALSE;
}

/* Inserts or updates the visit's row inside the caller's transaction, with its audit entry;
 * @id_out gets the row's id. */
static gboolean
write_visit (PalpateStore  *self,
             PalpateVisit  *visit,
             gint64        *id_out,
             GError       **error)
{
  gboolean is_new = palpate_visit_get_id (visit) == 0;
  PalpateDbStatement *stmt;

  if (is_new)
    stmt = palpate_store_db_prepare (self,
                                     "INSERT INTO visits (client_id, therapist_id, started_at, "
                                     "duration_minutes, pain_before, pain_after, subjective, "
                                     "objective, assessment, plan, home_care, consent_sensitive, "
                                     "reported_by_client) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                                     "?13) RETURNING id",
                                     error);
  else
    /* Only over the version this copy was read at: a save from another window in between
     * is never silently overwritten. */
    stmt = palpate_store_db_prepare (self,
                                     "UPDATE visits SET client_id = ?1, therapist_id = ?2, "
                                     "started_at = ?3, duration_minutes = ?4, pain_before = ?5, "
                                     "pain_after = ?6, subjective = ?7, objective = ?8, "
                                     "assessment = ?9, plan = ?10, home_care = ?11, "
                                     "consent_sensitive = ?12, reported_by_client = ?13, "
                                     "version = version + 1 "
                                     "WHERE id = ?14 AND version = ?15",
                                     error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, palpate_visit_get_client_id (visit));
  if (palpate_visit_get_therapist_id (visit) > 0)
    palpate_db_bind_int64 (stmt, 2, palpate_visit_get_therapist_id (visit));
  else
    palpate_db_bind_null (stmt, 2);
  palpate_store_db_bind_datetime (stmt, 3, palpate_visit_get_started_at (visit));
  palpate_db_bind_int (stmt, 4, palpate_visit_get_duration_minutes (visit));
  palpate_store_db_bind_pain (stmt, 5, palpate_visit_get_pain_before (visit));
  palpate_store_db_bind_pain (stmt, 6, palpate_visit_get_pain_after (visit));
  palpate_db_bind_text (stmt, 7, palpate_visit_get_subjective (visit));
  palpate_db_bind_text (stmt, 8, palpate_visit_get_objective (visit));
  palpate_db_bind_text (stmt, 9, palpate_visit_get_assessment (visit));
  palpate_db_bind_text (stmt, 10, palpate_visit_get_plan (visit));
  palpate_db_bind_text (stmt, 11, palpate_visit_get_home_care (visit));
  palpate_db_bind_int (stmt, 12, palpate_visit_get_consent_sensitive (visit));
  palpate_db_bind_int (stmt, 13, palpate_visit_get_reported_by_client (visit));
  if (!is_new)
    {
      palpate_db_bind_int64 (stmt, 14, palpate_visit_get_id (visit));
      palpate_db_bind_int64 (stmt, 15, palpate_visit_get_version (visit));
    }

  if (is_new)
    {
      if (!palpate_store_db_step_returning_id (stmt, id_out, error))
        return FALSE;
    }
  else
    {
      if (!palpate_store_db_step_done (stmt, error))
        return FALSE;
      if (palpate_db_changes (palpate_store_get_conn (self)) == 0)
        return palpate_store_visit_unchanged_error (self, palpate_visit_get_id (visit), error);
      *id_out = palpate_visit_get_id (visit);
    }
  return palpate_store_audit_append (self, is_new ? "create" : "change", "visit", *id_out, NULL,
                                     error);
}

/**
 * palpate_store_save_visit:
 *
 * Adds the visit (id 0) or records changes to a draft. A signed visit is refused by the
 * database itself with PALPATE_STORE_ERROR_SIGNED; a visit saved from elsewhere since @visit
 * was read (its version is older) with PALPATE_STORE_ERROR_CHANGED. On success the visit's id
 * and version are those of the saved row.
 */
gboolean
palpate_store_save_visit (PalpateStore  *self,
                          PalpateVisit  *visit,
                          GError       **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean is_new;
  gint64 id = 0;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_VISIT (visit), FALSE);

  if (!palpate_visit_validate (visit, now, error))
    return FALSE;

  is_new = palpate_visit_get_id (visit) == 0;

  if (!palpate_store_transaction_begin (&transaction, self, error) ||
      !write_visit (self, visit, &id, error) ||
      !palpate_store_transaction_commit (&transaction, error))
    return FALSE;

  if (is_new)
    {
      palpate_visit_set_id (visit, id);
      palpate_visit_set_version (visit, 0);
    }
  else
    palpate_visit_set_version (visit, palpate_visit_get_version (visit) + 1);

  return TRUE;
}

PalpateVisit *
palpate_store_get_visit (PalpateStore  *self,
                         gint64         visit_id,
                         GError       **error)
{
  g_autoptr(PalpateVisit) visit = NULL;
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT " VISIT_COLUMNS " FROM visits v "
                                   "LEFT JOIN therapists t ON t.id = v.therapist_id WHERE v.id = ?",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, visit_id);
  step = palpate_db_step (stmt, error);
  if (step == PALPATE_DB_ROW)
    visit = visit_from_row (stmt);
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  if (visit == NULL)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND,
                 _("This visit is no longer in the clinic file."));

  return g_steal_pointer (&visit);
}

/**
 * palpate_store_list_visits:
 *
 * Returns: (transfer full) (element-type PalpateVisit): the client's visits, oldest first
 */
GPtrArray *
palpate_store_list_visits (PalpateStore  *self,
                           gint64         client_id,
                           GError       **error)
{
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func (g_object_unref);
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT " VISIT_COLUMNS " FROM visits v "
                                   "LEFT JOIN therapists t ON t.id = v.therapist_id "
                                   "WHERE v.client_id = ? ORDER BY v.started_at, v.id",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, client_id);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    g_ptr_array_add (visits, visit_from_row (stmt));
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&visits);
}

/**
 * palpate_store_list_visit_summaries:
 *
 * The pain trend and the visit list without loading any note: quick on a long history.
 *
 * Returns: (transfer full) (element-type PalpateVisitSummary): oldest first
 */
GArray *
palpate_store_list_visit_summaries (PalpateStore  *self,
                                    gint64         client_id,
                                    GError       **error)
{
  g_autoptr(GArray) summaries = g_array_new (FALSE, FALSE, sizeof (PalpateVisitSummary));
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT v.id, v.started_at, v.pain_before, v.pain_after, "
                                   "v.status, (SELECT count (*) FROM findings f "
                                   "           WHERE f.visit_id = v.id) "
                                   "FROM visits v WHERE v.client_id = ? "
                                   "ORDER BY v.started_at, v.id",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, client_id);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      PalpateVisitSummary summary = {
        .id = palpate_db_column_int64 (stmt, 0),
        .started_at = palpate_store_db_column_time (stmt, 1),
        .pain_before = palpate_store_db_column_pain (stmt, 2),
        .pain_after = palpate_store_db_column_pain (stmt, 3),
        .status = g_strcmp0 (palpate_store_db_column_text (stmt, 4), "signed") == 0
                  ? PALPATE_VISIT_SIGNED : PALPATE_VISIT_DRAFT,
        .n_findings = palpate_db_column_int (stmt, 5),
      };

      g_array_append_val (summaries, summary);
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&summaries);
}

/* The visit whose id the prepared @stmt returns first, or %NULL without error for none. */
static PalpateVisit *
visit_of_query (PalpateStore        *self,
                PalpateDbStatement  *stmt,
                GError             **error)
{
  gint64 visit_id = 0;
  PalpateDbStep step;

  step = palpate_db_step (stmt, error);
  if (step == PALPATE_DB_ROW)
    visit_id = palpate_db_column_int64 (stmt, 0);
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return visit_id ? palpate_store_get_visit (self, visit_id, error) : NULL;
}

/**
 * palpate_store_get_latest_visit:
 * @client_id: the client, or 0 for the whole clinic
 * @before_visit_id: 0, or a visit whose predecessor is wanted
 *
 * The visit a new visit starts from: the client's most recent one (before @before_visit_id).
 * With no client, the clinic's most recent visit: where the therapists left off.
 *
 * Returns: (transfer full) (nullable): the visit, or %NULL without error when there is none
 */
PalpateVisit *
palpate_store_get_latest_visit (PalpateStore  *self,
                                gint64         client_id,
                                gint64         before_visit_id,
                                GError       **error)
{
  PalpateDbStatement *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id FROM visits "
                                   "WHERE (CAST (?1 AS bigint) = 0 OR client_id = ?1) AND "
                                   "(CAST (?2 AS bigint) = 0 OR "
                                   " (started_at, id) < (SELECT started_at, id FROM visits "
                                   "                     WHERE id = ?2)) "
                                   "ORDER BY started_at DESC, id DESC LIMIT 1",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, client_id);
  palpate_db_bind_int64 (stmt, 2, before_visit_id);
  return visit_of_query (self, stmt, error);
}

/**
 * palpate_store_get_latest_draft:
 *
 * The most recent visit not yet signed: the session a therapist is in, or left unfinished.
 *
 * Returns: (transfer full) (nullable): the visit, or %NULL without error when there is none
 */
PalpateVisit *
palpate_store_get_latest_draft (PalpateStore  *self,
                                GError       **error)
{
  PalpateDbStatement *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id FROM visits WHERE status = 'draft' "
                                   "ORDER BY started_at DESC, id DESC LIMIT 1",
                                   error);
  if (stmt == NULL)
    return NULL;

  return visit_of_query (self, stmt, error);
}

/**
 * palpate_store_list_clients_seen:
 * @from: the start of the period, in seconds since 1970
 * @to: its end, excluded
 *
 * The clients with a visit in the period, by name: a month's batch of reports.
 *
 * Returns: (transfer full): an array of client ids, or %NULL on error
 */
GArray *
palpate_store_list_clients_seen (PalpateStore  *self,
                                 gint64         from,
                                 gint64         to,
                                 GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT c.id FROM clients c WHERE EXISTS ("
                                   "SELECT 1 FROM visits v "
                                   "WHERE v.client_id = c.id AND v.started_at >= ?1 AND "
                                   "v.started_at < ?2) ORDER BY lower (c.name), c.id",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, from);
  palpate_db_bind_int64 (stmt, 2, to);
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
 * palpate_store_sign_visit:
 * @signed_by: the therapist signing, as the record will show
 *
 * Signs a draft: from now on the database refuses any change to it, its findings and its
 * techniques, and its content is sealed (palpate-store-seal.c). Refused with
 * PALPATE_STORE_ERROR_CHANGED when the visit was saved elsewhere since @visit was read: what
 * is signed is what the signer saw. Sets the visit's status, signed-at and signed-by on
 * success.
 */
gboolean
palpate_store_sign_visit (PalpateStore  *self,
                          PalpateVisit  *visit,
                          const char    *signed_by,
                          GError       **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_VISIT (visit), FALSE);

  if (signed_by == NULL || *signed_by == '\0' || g_utf8_strlen (signed_by, -1) > 200)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("A visit is signed in the name of a therapist."));
      return FALSE;
    }

  if (!palpate_store_transaction_begin (&transaction, self, error) ||
      !palpate_store_seal_sign (self, palpate_visit_get_id (visit),
                                palpate_visit_get_version (visit), g_date_time_to_unix (now),
                                signed_by, NULL, error) ||
      !palpate_store_transaction_commit (&transaction, error))
    return FALSE;

  palpate_visit_set_status (visit, PALPATE_VISIT_SIGNED);
  palpate_visit_set_signed_at (visit, now);
  palpate_visit_set_signed_by (visit, signed_by);
  palpate_visit_set_version (visit, palpate_visit_get_version (visit) + 1);
  return TRUE;
}

/* Whether two findings mark the same place: a zone carried from visit to visit is a copy. */
static gboolean
same_place (gconstpointer a,
            gconstpointer b)
{
  const PalpatePoint *pa, *pb;
  guint na, nb;

  pa = palpate_finding_get_points ((PalpateFinding *) a, &na);
  pb = palpate_finding_get_points ((PalpateFinding *) b, &nb);
  if (na != nb || palpate_finding_get_view ((PalpateFinding *) a) !=
                  palpate_finding_get_view ((PalpateFinding *) b))
    return FALSE;

  for (guint i = 0; i < na; i++)
    if (fabs (pa[i].x - pb[i].x) > 0.01 || fabs (pa[i].y - pb[i].y) > 0.01)
      return FALSE;

  return TRUE;
}

/**
 * palpate_store_start_visit:
 * @visit: a new visit (id 0) with its client, start and therapist
 *
 * Starts a visit with the areas not to touch already marked: the client's standing no-touch
 * zones and those drawn at the client's previous visit are carried into it, until cleared. All
 * of it is one transaction: the visit never exists without its no-touch zones, and a zone or a
 * previous visit that cannot be read fails the whole start instead of being taken for none.
 * Sets the visit's id.
 */
gboolean
palpate_store_start_visit (PalpateStore  *self,
                           PalpateVisit  *visit,
                           GError       **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(PalpateVisit) previous = NULL;
  g_autoptr(GPtrArray) zones = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) carried = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  gint64 client_id;
  gint64 id = 0;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_VISIT (visit), FALSE);
  g_return_val_if_fail (palpate_visit_get_id (visit) == 0, FALSE);

  if (!palpate_visit_validate (visit, now, error))
    return FALSE;

  client_id = palpate_visit_get_client_id (visit);

  if (!palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  previous = palpate_store_get_latest_visit (self, client_id, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  zones = palpate_store_list_client_zones (self, client_id, error);
  if (zones == NULL)
    return FALSE;

  if (previous != NULL)
    {
      findings = palpate_store_list_findings (self, palpate_visit_get_id (previous), error);
      if (findings == NULL)
        return FALSE;
    }

  for (guint i = 0; i < zones->len; i++)
    g_ptr_array_add (carried, zones->pdata[i]);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    if (palpate_finding_get_kind (findings->pdata[i]) == PALPATE_FINDING_CONTRAINDICATION &&
        !g_ptr_array_find_with_equal_func (carried, findings->pdata[i], same_place, NULL))
      g_ptr_array_add (carried, findings->pdata[i]);

  if (!write_visit (self, visit, &id, error))
    return FALSE;

  for (guint i = 0; i < carried->len; i++)
    {
      g_autoptr(PalpateFinding) copy = palpate_finding_copy (carried->pdata[i]);

      palpate_finding_set_id (copy, 0);
      palpate_finding_set_visit_id (copy, id);
      palpate_finding_set_status (copy, PALPATE_FINDING_STATUS_PERSISTING);
      if (!palpate_finding_validate (copy, error) ||
          !palpate_store_write_finding (self, copy, error))
        return FALSE;
    }

  if (!palpate_store_transaction_commit (&transaction, error))
    return FALSE;

  palpate_visit_set_id (visit, id);
  palpate_visit_set_version (visit, 0);
  return TRUE;
}
