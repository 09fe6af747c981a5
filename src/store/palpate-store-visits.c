/* palpate-store-visits.c — visits and what belongs to them: findings, applied techniques,
 * amendments and outcome ratings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "palpate-core-error.h"
#include "palpate-rules.h"
#include "palpate-store-private.h"

/* A signed visit names the therapist as they were named when it was signed. */
#define VISIT_COLUMNS \
  "v.id, v.client_id, v.therapist_id, coalesce (v.therapist_name, t.name), v.started_at, " \
  "v.duration_minutes, v.pain_before, v.pain_after, v.subjective, v.objective, v.assessment, " \
  "v.plan, v.home_care, v.status, v.signed_at, v.signed_by, v.consent_sensitive, " \
  "v.reported_by_client, v.version"

static const char *pressure_ids[] = {
  [PALPATE_PRESSURE_LIGHT] = "light",
  [PALPATE_PRESSURE_MODERATE] = "moderate",
  [PALPATE_PRESSURE_FIRM] = "firm",
  [PALPATE_PRESSURE_DEEP] = "deep",
};

static const char *finding_status_ids[] = {
  [PALPATE_FINDING_STATUS_NEW] = "new",
  [PALPATE_FINDING_STATUS_PERSISTING] = "persisting",
  [PALPATE_FINDING_STATUS_IMPROVED] = "improved",
  [PALPATE_FINDING_STATUS_RESOLVED] = "resolved",
};

static guint
index_of (const char * const *ids,
          guint               n_ids,
          const char         *id)
{
  for (guint i = 0; i < n_ids; i++)
    if (g_strcmp0 (ids[i], id) == 0)
      return i;

  return 0;
}

static PalpateVisit *
visit_from_row (sqlite3_stmt *stmt)
{
  PalpateVisit *visit = palpate_visit_new ();
  g_autoptr(GDateTime) started_at = palpate_store_column_datetime (stmt, 4);
  g_autoptr(GDateTime) signed_at = palpate_store_column_datetime (stmt, 14);

  palpate_visit_set_id (visit, sqlite3_column_int64 (stmt, 0));
  palpate_visit_set_client_id (visit, sqlite3_column_int64 (stmt, 1));
  palpate_visit_set_therapist_id (visit, sqlite3_column_int64 (stmt, 2));
  palpate_visit_set_therapist_name (visit, palpate_store_column_text (stmt, 3));
  palpate_visit_set_started_at (visit, started_at);
  palpate_visit_set_duration_minutes (visit, sqlite3_column_int (stmt, 5));
  palpate_visit_set_pain_before (visit, palpate_store_column_pain (stmt, 6));
  palpate_visit_set_pain_after (visit, palpate_store_column_pain (stmt, 7));
  palpate_visit_set_subjective (visit, palpate_store_column_text (stmt, 8));
  palpate_visit_set_objective (visit, palpate_store_column_text (stmt, 9));
  palpate_visit_set_assessment (visit, palpate_store_column_text (stmt, 10));
  palpate_visit_set_plan (visit, palpate_store_column_text (stmt, 11));
  palpate_visit_set_home_care (visit, palpate_store_column_text (stmt, 12));
  palpate_visit_set_status (visit, g_strcmp0 (palpate_store_column_text (stmt, 13), "signed") == 0
                                   ? PALPATE_VISIT_SIGNED : PALPATE_VISIT_DRAFT);
  palpate_visit_set_signed_at (visit, signed_at);
  palpate_visit_set_signed_by (visit, palpate_store_column_text (stmt, 15));
  palpate_visit_set_consent_sensitive (visit, sqlite3_column_int (stmt, 16) != 0);
  palpate_visit_set_reported_by_client (visit, sqlite3_column_int (stmt, 17) != 0);
  palpate_visit_set_version (visit, sqlite3_column_int64 (stmt, 18));

  return visit;
}

/* Appends the change to the audit log and commits the transaction it belongs to. */
static gboolean
finish (PalpateStoreTransaction  *transaction,
        const char               *action,
        const char               *entity,
        gint64                    entity_id,
        GError                  **error)
{
  return palpate_store_audit_append (transaction->store, action, entity, entity_id, NULL,
                                     error) &&
         palpate_store_transaction_commit (transaction, error);
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
  sqlite3_stmt *stmt;
  g_autofree char *status = NULL;
  int rc;

  stmt = palpate_store_prepare (self, "SELECT status FROM visits WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, visit_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    status = g_strdup (palpate_store_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    palpate_store_set_sqlite_error (self, rc, error);
  else if (rc == SQLITE_DONE)
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
  sqlite3_stmt *stmt;

  if (is_new)
    stmt = palpate_store_prepare (self,
                                  "INSERT INTO visits (client_id, therapist_id, started_at, "
                                  "duration_minutes, pain_before, pain_after, subjective, "
                                  "objective, assessment, plan, home_care, consent_sensitive, "
                                  "reported_by_client) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                                  error);
  else
    /* Only over the version this copy was read at: a save from another window in between
     * is never silently overwritten. */
    stmt = palpate_store_prepare (self,
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

  sqlite3_bind_int64 (stmt, 1, palpate_visit_get_client_id (visit));
  if (palpate_visit_get_therapist_id (visit) > 0)
    sqlite3_bind_int64 (stmt, 2, palpate_visit_get_therapist_id (visit));
  palpate_store_bind_datetime (stmt, 3, palpate_visit_get_started_at (visit));
  sqlite3_bind_int (stmt, 4, palpate_visit_get_duration_minutes (visit));
  palpate_store_bind_pain (stmt, 5, palpate_visit_get_pain_before (visit));
  palpate_store_bind_pain (stmt, 6, palpate_visit_get_pain_after (visit));
  palpate_store_bind_text (stmt, 7, palpate_visit_get_subjective (visit));
  palpate_store_bind_text (stmt, 8, palpate_visit_get_objective (visit));
  palpate_store_bind_text (stmt, 9, palpate_visit_get_assessment (visit));
  palpate_store_bind_text (stmt, 10, palpate_visit_get_plan (visit));
  palpate_store_bind_text (stmt, 11, palpate_visit_get_home_care (visit));
  sqlite3_bind_int (stmt, 12, palpate_visit_get_consent_sensitive (visit));
  sqlite3_bind_int (stmt, 13, palpate_visit_get_reported_by_client (visit));
  if (!is_new)
    {
      sqlite3_bind_int64 (stmt, 14, palpate_visit_get_id (visit));
      sqlite3_bind_int64 (stmt, 15, palpate_visit_get_version (visit));
    }

  if (!palpate_store_step_done (self, stmt, error))
    return FALSE;

  if (!is_new && sqlite3_changes (palpate_store_get_db (self)) == 0)
    return palpate_store_visit_unchanged_error (self, palpate_visit_get_id (visit), error);

  *id_out = is_new ? sqlite3_last_insert_rowid (palpate_store_get_db (self))
                   : palpate_visit_get_id (visit);
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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT " VISIT_COLUMNS " FROM visits v "
                                "LEFT JOIN therapists t ON t.id = v.therapist_id WHERE v.id = ?",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, visit_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    visit = visit_from_row (stmt);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT " VISIT_COLUMNS " FROM visits v "
                                "LEFT JOIN therapists t ON t.id = v.therapist_id "
                                "WHERE v.client_id = ? ORDER BY v.started_at, v.id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (visits, visit_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT v.id, v.started_at, v.pain_before, v.pain_after, "
                                "v.status, (SELECT count (*) FROM findings f "
                                "           WHERE f.visit_id = v.id) "
                                "FROM visits v WHERE v.client_id = ? "
                                "ORDER BY v.started_at, v.id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PalpateVisitSummary summary = {
        .id = sqlite3_column_int64 (stmt, 0),
        .started_at = palpate_store_column_time (stmt, 1),
        .pain_before = palpate_store_column_pain (stmt, 2),
        .pain_after = palpate_store_column_pain (stmt, 3),
        .status = g_strcmp0 (palpate_store_column_text (stmt, 4), "signed") == 0
                  ? PALPATE_VISIT_SIGNED : PALPATE_VISIT_DRAFT,
        .n_findings = sqlite3_column_int (stmt, 5),
      };

      g_array_append_val (summaries, summary);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&summaries);
}

/* The visit whose id the prepared @stmt returns first, or %NULL without error for none. */
static PalpateVisit *
visit_of_query (PalpateStore  *self,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  gint64 visit_id = 0;
  int rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    visit_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

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
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT id FROM visits WHERE (?1 = 0 OR client_id = ?1) AND (?2 = 0 OR "
                                "(started_at, id) < (SELECT started_at, id FROM visits "
                                "                   WHERE id = ?2)) "
                                "ORDER BY started_at DESC, id DESC LIMIT 1",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_int64 (stmt, 2, before_visit_id);
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
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT c.id FROM clients c WHERE EXISTS (SELECT 1 FROM visits v "
                                "WHERE v.client_id = c.id AND v.started_at >= ?1 AND "
                                "v.started_at < ?2) ORDER BY c.name COLLATE NOCASE, c.id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
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

/* Points as a flat JSON array of numbers, [x0, y0, x1, y1, …]: readable in the sqlite3 shell. */
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
static GArray *
points_from_json (const char *json)
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
static gboolean
write_finding (PalpateStore    *self,
               PalpateFinding  *finding,
               GError         **error)
{
  g_autofree char *points = points_to_json (finding);
  gboolean is_new = palpate_finding_get_id (finding) == 0;
  sqlite3_stmt *stmt;

  if (is_new)
    stmt = palpate_store_prepare (self,
                                  "INSERT INTO findings (visit_id, view, kind, region_id, "
                                  "intensity, note, status, points, reported_by_client) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                  error);
  else
    stmt = palpate_store_prepare (self,
                                  "UPDATE findings SET visit_id = ?1, view = ?2, kind = ?3, "
                                  "region_id = ?4, intensity = ?5, note = ?6, status = ?7, "
                                  "points = ?8, reported_by_client = ?9 WHERE id = ?10",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, palpate_finding_get_visit_id (finding));
  sqlite3_bind_text (stmt, 2, palpate_view_to_string (palpate_finding_get_view (finding)), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, palpate_finding_kind_to_string (palpate_finding_get_kind (finding)),
                     -1, SQLITE_STATIC);
  palpate_store_bind_text (stmt, 4, palpate_finding_get_region_id (finding));
  sqlite3_bind_int (stmt, 5, palpate_finding_get_intensity (finding));
  palpate_store_bind_text (stmt, 6, palpate_finding_get_note (finding));
  sqlite3_bind_text (stmt, 7, finding_status_ids[palpate_finding_get_status (finding)], -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, points, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 9, palpate_finding_get_reported_by_client (finding));
  if (!is_new)
    sqlite3_bind_int64 (stmt, 10, palpate_finding_get_id (finding));

  if (!palpate_store_step_done (self, stmt, error))
    return FALSE;

  if (is_new)
    palpate_finding_set_id (finding, sqlite3_last_insert_rowid (palpate_store_get_db (self)));

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
      !write_finding (self, finding, error))
    return FALSE;

  if (!palpate_store_transaction_commit (&transaction, error))
    {
      if (is_new)
        palpate_finding_set_id (finding, 0);
      return FALSE;
    }

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
      if (!palpate_finding_validate (copy, error) || !write_finding (self, copy, error))
        return FALSE;
    }

  if (!palpate_store_transaction_commit (&transaction, error))
    return FALSE;

  palpate_visit_set_id (visit, id);
  palpate_visit_set_version (visit, 0);
  return TRUE;
}

static gboolean
write_psfs_rating (PalpateStore  *self,
                   gint64         visit_id,
                   gint64         activity_id,
                   int            rating,
                   GError       **error)
{
  sqlite3_stmt *stmt;

  /* A negative rating takes the rating back. */
  if (rating < 0)
    stmt = palpate_store_prepare (self,
                                  "DELETE FROM psfs_ratings WHERE visit_id = ?1 AND "
                                  "activity_id = ?2",
                                  error);
  else
    stmt = palpate_store_prepare (self,
                                  "INSERT INTO psfs_ratings (visit_id, activity_id, rating) "
                                  "VALUES (?1, ?2, ?3) ON CONFLICT (visit_id, activity_id) "
                                  "DO UPDATE SET rating = excluded.rating",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, visit_id);
  sqlite3_bind_int64 (stmt, 2, activity_id);
  if (rating >= 0)
    sqlite3_bind_int (stmt, 3, rating);

  return palpate_store_step_done (self, stmt, error) &&
         palpate_store_audit_append (self, "change", "psfs-rating", visit_id, NULL, error);
}

gboolean
palpate_store_delete_finding (PalpateStore  *self,
                              gint64         finding_id,
                              GError       **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  if (!palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  stmt = palpate_store_prepare (self, "DELETE FROM findings WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, finding_id);
  if (!palpate_store_step_done (self, stmt, error))
    return FALSE;

  return finish (&transaction, "delete", "finding", finding_id, error);
}

#define FINDING_COLUMNS \
  "f.id, f.view, f.kind, f.region_id, f.intensity, f.note, f.status, f.points, " \
  "f.reported_by_client, f.visit_id"

/* The findings the prepared @stmt (selecting FINDING_COLUMNS) returns. */
static GPtrArray *
findings_of_query (PalpateStore  *self,
                   sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GArray) points = points_from_json (palpate_store_column_text (stmt, 7));
      PalpateFindingKind kind = PALPATE_FINDING_TRIGGER_POINT_ACTIVE;
      PalpateView view = PALPATE_VIEW_ANTERIOR;
      PalpateFinding *finding;

      palpate_view_from_string (palpate_store_column_text (stmt, 1), &view);
      palpate_finding_kind_from_string (palpate_store_column_text (stmt, 2), &kind);
      finding = palpate_finding_new (kind, view, (PalpatePoint *) (gpointer) points->data,
                                     points->len);
      palpate_finding_set_id (finding, sqlite3_column_int64 (stmt, 0));
      palpate_finding_set_visit_id (finding, sqlite3_column_int64 (stmt, 9));
      palpate_finding_set_region_id (finding, palpate_store_column_text (stmt, 3));
      palpate_finding_set_intensity (finding, sqlite3_column_int (stmt, 4));
      palpate_finding_set_note (finding, palpate_store_column_text (stmt, 5));
      palpate_finding_set_status (finding,
                                  index_of (finding_status_ids, G_N_ELEMENTS (finding_status_ids),
                                            palpate_store_column_text (stmt, 6)));
      palpate_finding_set_reported_by_client (finding, sqlite3_column_int (stmt, 8) != 0);
      g_ptr_array_add (findings, finding);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

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
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT " FINDING_COLUMNS " FROM findings f "
                                "WHERE f.visit_id = ? ORDER BY f.id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, visit_id);
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
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT " FINDING_COLUMNS " FROM findings f "
                                "JOIN visits v ON v.id = f.visit_id WHERE v.client_id = ? "
                                "ORDER BY v.started_at, v.id, f.id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  return findings_of_query (self, stmt, error);
}

gboolean
palpate_store_save_applied_technique (PalpateStore             *self,
                                      PalpateAppliedTechnique  *applied,
                                      GError                  **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  gboolean is_new;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (applied), FALSE);

  if (!palpate_applied_technique_validate (applied, error))
    return FALSE;

  is_new = palpate_applied_technique_get_id (applied) == 0;

  if (!palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  if (is_new)
    stmt = palpate_store_prepare (self,
                                  "INSERT INTO applied_techniques (visit_id, technique_id, "
                                  "region_id, minutes, pressure, note) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                  error);
  else
    stmt = palpate_store_prepare (self,
                                  "UPDATE applied_techniques SET visit_id = ?1, "
                                  "technique_id = ?2, region_id = ?3, minutes = ?4, "
                                  "pressure = ?5, note = ?6 WHERE id = ?7",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, palpate_applied_technique_get_visit_id (applied));
  sqlite3_bind_int64 (stmt, 2, palpate_applied_technique_get_technique_id (applied));
  sqlite3_bind_text (stmt, 3, palpate_applied_technique_get_region_id (applied), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, palpate_applied_technique_get_minutes (applied));
  sqlite3_bind_text (stmt, 5, pressure_ids[palpate_applied_technique_get_pressure (applied)], -1,
                     SQLITE_STATIC);
  palpate_store_bind_text (stmt, 6, palpate_applied_technique_get_note (applied));
  if (!is_new)
    sqlite3_bind_int64 (stmt, 7, palpate_applied_technique_get_id (applied));

  if (!palpate_store_step_done (self, stmt, error))
    return FALSE;

  if (is_new)
    palpate_applied_technique_set_id (applied,
                                      sqlite3_last_insert_rowid (palpate_store_get_db (self)));

  if (finish (&transaction, is_new ? "create" : "change", "applied-technique",
              palpate_applied_technique_get_id (applied), error))
    return TRUE;

  if (is_new)
    palpate_applied_technique_set_id (applied, 0);
  return FALSE;
}

gboolean
palpate_store_delete_applied_technique (PalpateStore  *self,
                                        gint64         applied_id,
                                        GError       **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  if (!palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  stmt = palpate_store_prepare (self, "DELETE FROM applied_techniques WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, applied_id);
  if (!palpate_store_step_done (self, stmt, error))
    return FALSE;

  return finish (&transaction, "delete", "applied-technique", applied_id, error);
}

/* A signed visit names each technique as it was named when the visit was signed. */
#define APPLIED_COLUMNS \
  "a.id, a.technique_id, coalesce (a.technique_name, t.name), t.builtin, a.region_id, " \
  "a.minutes, a.pressure, a.note, " \
  "a.visit_id"

/* The applied techniques the prepared @stmt (selecting APPLIED_COLUMNS) returns. */
static GPtrArray *
applied_of_query (PalpateStore  *self,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PalpateAppliedTechnique *applied = palpate_applied_technique_new ();
      const char *name = palpate_store_column_text (stmt, 2);

      palpate_applied_technique_set_id (applied, sqlite3_column_int64 (stmt, 0));
      palpate_applied_technique_set_visit_id (applied, sqlite3_column_int64 (stmt, 8));
      palpate_applied_technique_set_technique_id (applied, sqlite3_column_int64 (stmt, 1));
      palpate_applied_technique_set_technique_name (applied,
                                                    sqlite3_column_int (stmt, 3) ? _(name) : name);
      palpate_applied_technique_set_region_id (applied, palpate_store_column_text (stmt, 4));
      palpate_applied_technique_set_minutes (applied, sqlite3_column_int (stmt, 5));
      palpate_applied_technique_set_pressure (applied,
                                              index_of (pressure_ids, G_N_ELEMENTS (pressure_ids),
                                                        palpate_store_column_text (stmt, 6)));
      palpate_applied_technique_set_note (applied, palpate_store_column_text (stmt, 7));
      g_ptr_array_add (list, applied);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

GPtrArray *
palpate_store_list_applied_techniques (PalpateStore  *self,
                                       gint64         visit_id,
                                       GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT " APPLIED_COLUMNS " FROM applied_techniques a "
                                "JOIN techniques t ON t.id = a.technique_id "
                                "WHERE a.visit_id = ? ORDER BY a.id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, visit_id);
  return applied_of_query (self, stmt, error);
}

/**
 * palpate_store_list_client_applied_techniques:
 *
 * Every technique applied at every visit of the client, in one query.
 *
 * Returns: (transfer full) (element-type PalpateAppliedTechnique): visit by visit, oldest first
 */
GPtrArray *
palpate_store_list_client_applied_techniques (PalpateStore  *self,
                                              gint64         client_id,
                                              GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT " APPLIED_COLUMNS " FROM applied_techniques a "
                                "JOIN techniques t ON t.id = a.technique_id "
                                "JOIN visits v ON v.id = a.visit_id WHERE v.client_id = ? "
                                "ORDER BY v.started_at, v.id, a.id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  return applied_of_query (self, stmt, error);
}

/**
 * palpate_store_add_amendment:
 *
 * Adds a dated correction beside a visit; the visit itself does not change. Sets the
 * amendment's id and date.
 */
gboolean
palpate_store_add_amendment (PalpateStore      *self,
                             PalpateAmendment  *amendment,
                             GError           **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_AMENDMENT (amendment), FALSE);
  g_return_val_if_fail (palpate_amendment_get_id (amendment) == 0, FALSE);

  if (!palpate_amendment_validate (amendment, error))
    return FALSE;

  if (!palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  stmt = palpate_store_prepare (self,
                                "INSERT INTO amendments (visit_id, created_at, author, text) "
                                "VALUES (?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, palpate_amendment_get_visit_id (amendment));
  palpate_store_bind_datetime (stmt, 2, now);
  sqlite3_bind_text (stmt, 3, palpate_amendment_get_author (amendment), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, palpate_amendment_get_text (amendment), -1, SQLITE_TRANSIENT);
  if (!palpate_store_step_done (self, stmt, error))
    return FALSE;

  palpate_amendment_set_id (amendment, sqlite3_last_insert_rowid (palpate_store_get_db (self)));
  if (!finish (&transaction, "amend", "visit", palpate_amendment_get_visit_id (amendment),
               error))
    {
      palpate_amendment_set_id (amendment, 0);
      return FALSE;
    }

  palpate_amendment_set_created_at (amendment, now);
  return TRUE;
}

GPtrArray *
palpate_store_list_amendments (PalpateStore  *self,
                               gint64         visit_id,
                               GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT id, created_at, author, text FROM amendments "
                                "WHERE visit_id = ? ORDER BY created_at, id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, visit_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PalpateAmendment *amendment = palpate_amendment_new ();
      g_autoptr(GDateTime) created_at = palpate_store_column_datetime (stmt, 1);

      palpate_amendment_set_id (amendment, sqlite3_column_int64 (stmt, 0));
      palpate_amendment_set_visit_id (amendment, visit_id);
      palpate_amendment_set_created_at (amendment, created_at);
      palpate_amendment_set_author (amendment, palpate_store_column_text (stmt, 2));
      palpate_amendment_set_text (amendment, palpate_store_column_text (stmt, 3));
      g_ptr_array_add (list, amendment);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

gboolean
palpate_store_set_psfs_rating (PalpateStore  *self,
                               gint64         visit_id,
                               gint64         activity_id,
                               int            rating,
                               GError       **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  if (rating >= 0 && !palpate_rating_validate (rating, error))
    return FALSE;

  return palpate_store_transaction_begin (&transaction, self, error) &&
         write_psfs_rating (self, visit_id, activity_id, rating, error) &&
         palpate_store_transaction_commit (&transaction, error);
}

/**
 * palpate_store_list_psfs_ratings:
 *
 * Returns: (transfer full) (element-type PalpatePsfsRating): every rating of the client's
 *   activities, by visit date then activity position
 */
GArray *
palpate_store_list_psfs_ratings (PalpateStore  *self,
                                 gint64         client_id,
                                 GError       **error)
{
  g_autoptr(GArray) ratings = g_array_new (FALSE, FALSE, sizeof (PalpatePsfsRating));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                /* From the client's visits, by their index: a client's
                                 * ratings without reading every rating of the clinic. */
                                "SELECT r.visit_id, r.activity_id, a.position, r.rating "
                                "FROM visits v "
                                "JOIN psfs_ratings r ON r.visit_id = v.id "
                                "JOIN psfs_activities a ON a.id = r.activity_id "
                                "WHERE v.client_id = ? ORDER BY v.started_at, v.id, a.position",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PalpatePsfsRating rating = {
        .visit_id = sqlite3_column_int64 (stmt, 0),
        .activity_id = sqlite3_column_int64 (stmt, 1),
        .position = (guint) sqlite3_column_int (stmt, 2),
        .rating = sqlite3_column_int (stmt, 3),
      };

      g_array_append_val (ratings, rating);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ratings);
}

gboolean
palpate_store_save_outcome (PalpateStore                 *self,
                            const PalpateOutcomeAnswers  *answers,
                            GError                      **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  g_autoptr(GString) json = g_string_new ("[");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (answers != NULL, FALSE);

  for (guint i = 0; i < PALPATE_OUTCOME_N_ITEMS; i++)
    {
      int answer = answers->answers[i];

      if (answer != PALPATE_OUTCOME_UNANSWERED && (answer < 0 || answer > 5))
        {
          g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                       _("Each answer of the questionnaire goes from 0 to 5."));
          return FALSE;
        }

      if (answer == PALPATE_OUTCOME_UNANSWERED)
        g_string_append_printf (json, "%snull", i ? "," : "");
      else
        g_string_append_printf (json, "%s%d", i ? "," : "", answer);
    }
  g_string_append_c (json, ']');

  if (!palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  stmt = palpate_store_prepare (self,
                                "INSERT INTO outcome_measures (visit_id, instrument, answers) "
                                "VALUES (?, ?, ?) ON CONFLICT (visit_id, instrument) "
                                "DO UPDATE SET answers = excluded.answers",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, answers->visit_id);
  sqlite3_bind_text (stmt, 2, answers->instrument == PALPATE_INSTRUMENT_NDI ? "ndi" : "odi", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, json->str, -1, SQLITE_TRANSIENT);
  if (!palpate_store_step_done (self, stmt, error))
    return FALSE;

  return finish (&transaction, "change", "outcome", answers->visit_id, error);
}

/**
 * palpate_store_list_outcomes:
 *
 * Returns: (transfer full) (element-type PalpateOutcomeAnswers): the client's questionnaires,
 *   oldest first
 */
GArray *
palpate_store_list_outcomes (PalpateStore  *self,
                             gint64         client_id,
                             GError       **error)
{
  g_autoptr(GArray) outcomes = g_array_new (FALSE, FALSE, sizeof (PalpateOutcomeAnswers));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT o.visit_id, o.instrument, o.answers "
                                "FROM outcome_measures o JOIN visits v ON v.id = o.visit_id "
                                "WHERE v.client_id = ? ORDER BY v.started_at, v.id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PalpateOutcomeAnswers answers = { .visit_id = sqlite3_column_int64 (stmt, 0) };
      const char *text = palpate_store_column_text (stmt, 2);
      g_autoptr(JsonArray) array = palpate_store_json_array_from_text (text);
      guint n = array != NULL ? json_array_get_length (array) : 0;

      answers.instrument = g_strcmp0 (palpate_store_column_text (stmt, 1), "ndi") == 0
                           ? PALPATE_INSTRUMENT_NDI : PALPATE_INSTRUMENT_ODI;
      for (guint i = 0; i < PALPATE_OUTCOME_N_ITEMS; i++)
        {
          JsonNode *element = i < n ? json_array_get_element (array, i) : NULL;
          gint64 answer = PALPATE_OUTCOME_UNANSWERED;

          /* An answer is 0–5; anything else in a hand-edited file counts as unanswered. */
          if (element != NULL && JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_INT64)
            answer = json_node_get_int (element);
          answers.answers[i] = answer >= 0 && answer <= 5 ? (int) answer
                                                          : PALPATE_OUTCOME_UNANSWERED;
        }
      g_array_append_val (outcomes, answers);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&outcomes);
}

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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT id, view, region_id, note, points FROM client_zones "
                                "WHERE client_id = ? ORDER BY id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GArray) points = points_from_json (palpate_store_column_text (stmt, 4));
      PalpateView view = PALPATE_VIEW_ANTERIOR;
      PalpateFinding *zone;

      palpate_view_from_string (palpate_store_column_text (stmt, 1), &view);
      zone = palpate_finding_new (PALPATE_FINDING_CONTRAINDICATION, view,
                                  (const PalpatePoint *) (gpointer) points->data, points->len);
      palpate_finding_set_id (zone, sqlite3_column_int64 (stmt, 0));
      palpate_finding_set_region_id (zone, palpate_store_column_text (stmt, 2));
      palpate_finding_set_note (zone, palpate_store_column_text (stmt, 3));
      g_ptr_array_add (zones, zone);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self, "SELECT DISTINCT client_id FROM client_zones", error);
  if (stmt == NULL)
    return NULL;

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
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PalpateFinding) zone = g_list_model_get_item (zones, i);

      if (!palpate_finding_validate (zone, error))
        return FALSE;
    }

  if (!palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  stmt = palpate_store_prepare (self, "DELETE FROM client_zones WHERE client_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  if (!palpate_store_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PalpateFinding) zone = g_list_model_get_item (zones, i);
      g_autofree char *points = points_to_json (zone);

      stmt = palpate_store_prepare (self,
                                    "INSERT INTO client_zones (client_id, view, region_id, note, "
                                    "points) VALUES (?, ?, ?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, client_id);
      sqlite3_bind_text (stmt, 2, palpate_view_to_string (palpate_finding_get_view (zone)), -1,
                         SQLITE_STATIC);
      palpate_store_bind_text (stmt, 3, palpate_finding_get_region_id (zone));
      palpate_store_bind_text (stmt, 4, palpate_finding_get_note (zone));
      sqlite3_bind_text (stmt, 5, points, -1, SQLITE_TRANSIENT);
      if (!palpate_store_step_done (self, stmt, error))
        return FALSE;
    }

  if (!palpate_store_audit_append (self, "change", "client-zones", client_id, NULL, error) ||
      !palpate_store_transaction_commit (&transaction, error))
    return FALSE;

  return TRUE;
}
