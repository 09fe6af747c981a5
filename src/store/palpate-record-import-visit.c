/* palpate-record-import-visit.c — a visit of an imported record, with what was charted at it
 *
 * Each visit is checked with the core rules, merged with one already here at the same start
 * (the same visit is skipped, a draft replaced, a signed one never changed), inserted as a
 * draft so that its findings, techniques, ratings and questionnaires can follow, then signed
 * as it was once its seal is found to match its content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-record"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-core-error.h"
#include "palpate-pain.h"
#include "palpate-record-import-private.h"
#include "palpate-rules.h"

static const char *finding_statuses[] = { "new", "persisting", "improved", "resolved", NULL };
static const char *pressures[] = { "light", "moderate", "firm", "deep", NULL };

/* Visits and what was charted at them. */

static gboolean
check_reference_name (GHashTable  *names,
                      gint64       source_id,
                      JsonObject  *object,
                      const char  *name_member,
                      const char  *path,
                      GError     **error)
{
  const char *expected = g_hash_table_lookup (names, &source_id);
  const char *given;
  g_autofree char *at = g_strdup_printf ("%s.%s", path, name_member);

  if (!palpate_record_get_string (object, name_member, TRUE, &given, path, error))
    return FALSE;
  /* The name is what the seal covers: it must be the one the id stands for. */
  if (given == NULL || g_strcmp0 (given, expected) == 0)
    return TRUE;

  return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                                 _("This name does not match the entry its id refers to."));
}

static gboolean
import_findings (PalpateImport  *import,
                 JsonObject     *visit,
                 gint64          visit_id,
                 const char     *path,
                 GError        **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.findings", path);
  JsonArray *findings = palpate_record_get_array (visit, "findings", FALSE, path, error);

  if (findings == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *object = palpate_record_get_element (findings, i, list_path, &at, error);
      g_autoptr(GArray) points = NULL;
      g_autoptr(PalpateFinding) finding = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *points_text = NULL;
      const char *view_name, *kind_name, *region_id, *note;
      PalpateView view;
      PalpateFindingKind kind;
      gboolean reported;
      int status;
      gint64 id, intensity;
      PalpateDbStatement *stmt;

      if (object == NULL ||
          !palpate_record_get_int (object, "id", 1, G_MAXINT64, FALSE, &id, at, error) ||
          !palpate_record_check_unique (import, "findings", id, at, error) ||
          !palpate_record_get_string (object, "view", FALSE, &view_name, at, error) ||
          !palpate_record_get_string (object, "kind", FALSE, &kind_name, at, error) ||
          !palpate_record_get_short_string (object, "region_id", TRUE, &region_id, at, error) ||
          !palpate_record_check_region (import, region_id, at, error) ||
          !palpate_record_get_int (object, "intensity", 0, PALPATE_FINDING_INTENSITY_MAX, FALSE,
                                   &intensity,
                                   at, error) ||
          !palpate_record_get_string (object, "note", TRUE, &note, at, error) ||
          !palpate_record_get_choice (object, "status", finding_statuses, &status, at, error) ||
          !palpate_record_get_bool (object, "reported_by_client", &reported, at, error) ||
          (points = palpate_record_get_points (object, at, error)) == NULL)
        return FALSE;

      if (!palpate_view_from_string (view_name, &view))
        {
          g_autofree char *view_at = g_strdup_printf ("%s.view", at);

          return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, view_at,
                                         _("This is not a view of the body chart."));
        }
      if (!palpate_finding_kind_from_string (kind_name, &kind))
        {
          g_autofree char *kind_at = g_strdup_printf ("%s.kind", at);

          return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, kind_at,
                                         _("This is not a kind of finding."));
        }

      finding = palpate_finding_new (kind, view, (PalpatePoint *) points->data, points->len);
      palpate_finding_set_intensity (finding, (int) intensity);
      palpate_finding_set_note (finding, note);
      if (!palpate_finding_validate (finding, &local_error))
        return palpate_record_fail_with (error, at, local_error);

      points_text = palpate_store_points_to_text ((PalpatePoint *) points->data, points->len);
      stmt = palpate_record_prepare_insert (import, import->keep_ids, "findings",
                                            "visit_id, view, kind, region_id, intensity, note, "
                                            "status, points, reported_by_client",
                                            "?, ?, ?, ?, ?, ?, ?, ?, ?", error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_int64 (stmt, 1, visit_id);
      palpate_db_bind_text (stmt, 2, view_name);
      palpate_db_bind_text (stmt, 3, kind_name);
      palpate_db_bind_text (stmt, 4, region_id);
      palpate_db_bind_int64 (stmt, 5, intensity);
      palpate_db_bind_text (stmt, 6, note);
      palpate_db_bind_text (stmt, 7, finding_statuses[status]);
      palpate_db_bind_text (stmt, 8, points_text);
      palpate_db_bind_int (stmt, 9, reported);
      palpate_record_db_bind_id (import, stmt, 10, id);
      if (!palpate_record_db_step (stmt, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_applied_techniques (PalpateImport  *import,
                           JsonObject     *visit,
                           gint64          visit_id,
                           const char     *path,
                           GError        **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.applied_techniques", path);
  JsonArray *applied = palpate_record_get_array (visit, "applied_techniques", FALSE, path, error);

  if (applied == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (applied); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *object = palpate_record_get_element (applied, i, list_path, &at, error);
      g_autoptr(PalpateAppliedTechnique) technique = palpate_applied_technique_new ();
      g_autoptr(GError) local_error = NULL;
      const char *region_id, *note, *technique_name;
      gint64 id, technique_id, target, minutes;
      int pressure;
      PalpateDbStatement *stmt;

      if (object == NULL ||
          !palpate_record_get_int (object, "id", 1, G_MAXINT64, FALSE, &id, at, error) ||
          !palpate_record_check_unique (import, "applied_techniques", id, at, error) ||
          !palpate_record_get_int (object, "technique_id", 1, G_MAXINT64, FALSE, &technique_id, at,
                                   error) ||
          !check_reference_name (import->technique_names, technique_id, object, "technique", at,
                                 error) ||
          !palpate_record_get_short_string (object, "technique_name", TRUE, &technique_name, at,
                                           error) ||
          !palpate_record_get_string (object, "region_id", FALSE, &region_id, at, error) ||
          !palpate_record_get_int (object, "minutes", 1, PALPATE_TECHNIQUE_MAX_MINUTES, FALSE,
                                   &minutes, at,
                                   error) ||
          !palpate_record_get_choice (object, "pressure", pressures, &pressure, at, error) ||
          !palpate_record_get_string (object, "note", TRUE, &note, at, error))
        return FALSE;

      if (!palpate_record_lookup_id (import->techniques, technique_id, &target))
        {
          g_autofree char *ref_at = g_strdup_printf ("%s.technique_id", at);

          return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, ref_at,
                                         _("No technique of the file has this id."));
        }

      palpate_applied_technique_set_technique_id (technique, target);
      palpate_applied_technique_set_region_id (technique, region_id);
      palpate_applied_technique_set_minutes (technique, (int) minutes);
      palpate_applied_technique_set_note (technique, note);
      if (!palpate_applied_technique_validate (technique, &local_error))
        return palpate_record_fail_with (error, at, local_error);
      if (!palpate_record_check_region (import, region_id, at, error))
        return FALSE;

      stmt = palpate_record_prepare_insert (import, import->keep_ids, "applied_techniques",
                                            "visit_id, technique_id, region_id, minutes, "
                                            "pressure, note, technique_name",
                                            "?, ?, ?, ?, ?, ?, ?", error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_int64 (stmt, 1, visit_id);
      palpate_db_bind_int64 (stmt, 2, target);
      palpate_db_bind_text (stmt, 3, region_id);
      palpate_db_bind_int64 (stmt, 4, minutes);
      palpate_db_bind_text (stmt, 5, pressures[pressure]);
      palpate_db_bind_text (stmt, 6, note);
      palpate_db_bind_text (stmt, 7, technique_name);
      palpate_record_db_bind_id (import, stmt, 8, id);
      if (!palpate_record_db_step (stmt, NULL, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_ratings (PalpateImport  *import,
                JsonObject     *visit,
                gint64          visit_id,
                const char     *path,
                GError        **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.psfs_ratings", path);
  JsonArray *ratings = palpate_record_get_array (visit, "psfs_ratings", FALSE, path, error);

  if (ratings == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (ratings); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *object = palpate_record_get_element (ratings, i, list_path, &at, error);
      gint64 activity_id, target, rating;
      const char *activity_name;
      char *key;
      PalpateDbStatement *stmt;

      if (object == NULL ||
          !palpate_record_get_int (object, "activity_id", 1, G_MAXINT64, FALSE, &activity_id, at,
                                   error) ||
          !check_reference_name (import->activity_names, activity_id, object, "activity", at,
                                 error) ||
          !palpate_record_get_short_string (object, "activity_name", TRUE, &activity_name, at,
                                           error) ||
          !palpate_record_get_int (object, "rating", 0, 10, FALSE, &rating, at, error))
        return FALSE;

      if (!palpate_record_lookup_id (import->activities, activity_id, &target))
        {
          g_autofree char *ref_at = g_strdup_printf ("%s.activity_id", at);

          return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, ref_at,
                                         _("None of this client’s activities has this id."));
        }

      key = g_strdup_printf ("psfs_ratings:%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, visit_id,
                             target);
      if (!palpate_record_check_unique_key (import, key, at, error))
        return FALSE;

      stmt = palpate_store_db_prepare (import->store,
                                       "INSERT INTO psfs_ratings (visit_id, activity_id, rating, "
                                       "activity_name) VALUES (?, ?, ?, ?)",
                                       error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_int64 (stmt, 1, visit_id);
      palpate_db_bind_int64 (stmt, 2, target);
      palpate_db_bind_int64 (stmt, 3, rating);
      palpate_db_bind_text (stmt, 4, activity_name);
      if (!palpate_record_db_step (stmt, NULL, error))
        {
          g_clear_error (error);
          return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_DUPLICATE, at,
                                         _("The visit rates this activity twice."));
        }
    }

  return TRUE;
}

static gboolean
import_outcomes (PalpateImport  *import,
                 JsonObject     *visit,
                 gint64          visit_id,
                 const char     *path,
                 GError        **error)
{
  static const char *instruments[] = { "ndi", "odi", NULL };
  g_autofree char *list_path = g_strdup_printf ("%s.outcome_measures", path);
  JsonArray *outcomes = palpate_record_get_array (visit, "outcome_measures", FALSE, path, error);

  if (outcomes == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (outcomes); i++)
    {
      g_autofree char *at = NULL;
      g_autofree char *answers_at = NULL;
      g_autoptr(GString) answers_text = g_string_new ("[");
      JsonObject *object = palpate_record_get_element (outcomes, i, list_path, &at, error);
      JsonArray *answers;
      gint64 id;
      int instrument;
      PalpateDbStatement *stmt;

      if (object == NULL ||
          !palpate_record_get_int (object, "id", 1, G_MAXINT64, FALSE, &id, at, error) ||
          !palpate_record_check_unique (import, "outcome_measures", id, at, error) ||
          !palpate_record_get_choice (object, "instrument", instruments, &instrument, at, error) ||
          (answers = palpate_record_get_array (object, "answers", TRUE, at, error)) == NULL)
        return FALSE;

      answers_at = g_strdup_printf ("%s.answers", at);
      if (json_array_get_length (answers) != PALPATE_OUTCOME_N_ITEMS)
        return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, answers_at,
                                       _("A questionnaire has ten answers, each from 0 to 5 or "
                                         "null."));

      for (guint q = 0; q < PALPATE_OUTCOME_N_ITEMS; q++)
        {
          JsonNode *answer = json_array_get_element (answers, q);

          if (JSON_NODE_HOLDS_NULL (answer))
            g_string_append_printf (answers_text, "%snull", q ? "," : "");
          else if (json_node_get_value_type (answer) == G_TYPE_INT64 &&
                   json_node_get_int (answer) >= 0 && json_node_get_int (answer) <= 5)
            g_string_append_printf (answers_text, "%s%d", q ? "," : "",
                                    (int) json_node_get_int (answer));
          else
            return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, answers_at,
                                           _("A questionnaire has ten answers, each from 0 to 5 "
                                             "or null."));
        }
      g_string_append_c (answers_text, ']');

      stmt = palpate_record_prepare_insert (import, import->keep_ids, "outcome_measures",
                                            "visit_id, instrument, answers", "?, ?, ?", error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_int64 (stmt, 1, visit_id);
      palpate_db_bind_text (stmt, 2, instruments[instrument]);
      palpate_db_bind_text (stmt, 3, answers_text->str);
      palpate_record_db_bind_id (import, stmt, 4, id);
      if (!palpate_record_db_step (stmt, NULL, error))
        {
          g_clear_error (error);
          return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_DUPLICATE, at,
                                         _("The visit holds this questionnaire twice."));
        }
    }

  return TRUE;
}

static gboolean
import_amendments (PalpateImport  *import,
                   JsonObject     *visit,
                   gint64          visit_id,
                   gboolean        only_new,
                   const char     *path,
                   GError        **error)
{
  g_autofree char *list_path = g_strdup_printf ("%s.amendments", path);
  JsonArray *amendments = palpate_record_get_array (visit, "amendments", FALSE, path, error);

  if (amendments == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (amendments); i++)
    {
      g_autofree char *at = NULL;
      JsonObject *object = palpate_record_get_element (amendments, i, list_path, &at, error);
      g_autoptr(PalpateAmendment) amendment = palpate_amendment_new ();
      g_autoptr(GDateTime) created_at = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *author, *text;
      gint64 id;
      PalpateDbStatement *stmt;
      PalpateDbStep step;

      if (object == NULL ||
          !palpate_record_get_int (object, "id", 1, G_MAXINT64, FALSE, &id, at, error) ||
          !palpate_record_check_unique (import, "amendments", id, at, error) ||
          !palpate_record_get_time (object, "created_at", FALSE, &created_at, at, error) ||
          !palpate_record_get_string (object, "author", FALSE, &author, at, error) ||
          !palpate_record_get_string (object, "text", FALSE, &text, at, error))
        return FALSE;

      palpate_amendment_set_author (amendment, author);
      palpate_amendment_set_text (amendment, text);
      if (!palpate_amendment_validate (amendment, &local_error))
        return palpate_record_fail_with (error, at, local_error);

      /* A visit already here gains only the amendments it does not have. */
      if (only_new)
        {
          stmt = palpate_store_db_prepare (import->store,
                                           "SELECT 1 FROM amendments WHERE visit_id = ? AND "
                                           "created_at = ? AND author = ? AND text = ?",
                                           error);
          if (stmt == NULL)
            return FALSE;
          palpate_db_bind_int64 (stmt, 1, visit_id);
          palpate_store_db_bind_datetime (stmt, 2, created_at);
          palpate_db_bind_text (stmt, 3, author);
          palpate_db_bind_text (stmt, 4, text);
          step = palpate_db_step (stmt, error);
          palpate_db_reset (stmt);
          if (step == PALPATE_DB_ROW)
            continue;
          if (step == PALPATE_DB_ERROR)
            return FALSE;
        }

      stmt = palpate_record_prepare_insert (import, import->keep_ids, "amendments",
                                            "visit_id, created_at, author, text", "?, ?, ?, ?",
                                            error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_int64 (stmt, 1, visit_id);
      palpate_store_db_bind_datetime (stmt, 2, created_at);
      palpate_db_bind_text (stmt, 3, author);
      palpate_db_bind_text (stmt, 4, text);
      palpate_record_db_bind_id (import, stmt, 5, id);
      if (!palpate_record_db_step (stmt, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* A visit of a client already here with the same start: the same visit, or one that differs. */
static gboolean
find_existing_visit (PalpateImport  *import,
                     gint64          client_id,
                     GDateTime      *started_at,
                     gint64         *existing_id,
                     gboolean       *existing_signed,
                     GError        **error)
{
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  /* "status = 'signed'" is a boolean on PostgreSQL, read as 1 or 0 as on SQLite. */
  *existing_id = 0;
  stmt = palpate_store_db_prepare (import->store,
                                   "SELECT id, status = 'signed' FROM visits "
                                   "WHERE client_id = ? AND started_at = ? ORDER BY id LIMIT 1",
                                   error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, client_id);
  palpate_store_db_bind_datetime (stmt, 2, started_at);
  step = palpate_db_step (stmt, error);
  if (step == PALPATE_DB_ROW)
    {
      *existing_id = palpate_db_column_int64 (stmt, 0);
      *existing_signed = palpate_db_column_int (stmt, 1) != 0;
    }
  palpate_db_reset (stmt);

  return step != PALPATE_DB_ERROR;
}

gboolean
palpate_record_import_visit (PalpateImport  *import,
                             JsonObject     *object,
                             gint64          client_id,
                             gboolean        merged,
                             const char     *path,
                             GError        **error)
{
  static const char *statuses[] = { "draft", "signed", NULL };
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(GDateTime) started_at = NULL;
  g_autoptr(GDateTime) signed_at = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *subjective, *objective, *assessment, *plan, *home_care, *signed_by, *seal;
  const char *therapist_name;
  gint64 id, therapist_id, target_therapist = 0, duration, pain_before, pain_after, visit_id;
  gboolean consent, reported;
  g_autofree char *store_seal = NULL;
  int status;
  PalpateDbStatement *stmt;

  if (!palpate_record_get_int (object, "id", 1, G_MAXINT64, FALSE, &id, path, error) ||
      !palpate_record_check_unique (import, "visits", id, path, error) ||
      !palpate_record_get_int (object, "therapist_id", 1, G_MAXINT64, TRUE, &therapist_id, path,
                               error) ||
      (therapist_id != G_MININT64 &&
       !check_reference_name (import->therapist_names, therapist_id, object, "therapist", path,
                              error)) ||
      !palpate_record_get_time (object, "started_at", FALSE, &started_at, path, error) ||
      !palpate_record_get_int (object, "duration_minutes", 0, PALPATE_VISIT_MAX_MINUTES, FALSE,
                               &duration, path,
                               error) ||
      !palpate_record_get_int (object, "pain_before", 0, 10, TRUE, &pain_before, path, error) ||
      !palpate_record_get_int (object, "pain_after", 0, 10, TRUE, &pain_after, path, error) ||
      !palpate_record_get_string (object, "subjective", TRUE, &subjective, path, error) ||
      !palpate_record_get_string (object, "objective", TRUE, &objective, path, error) ||
      !palpate_record_get_string (object, "assessment", TRUE, &assessment, path, error) ||
      !palpate_record_get_string (object, "plan", TRUE, &plan, path, error) ||
      !palpate_record_get_string (object, "home_care", TRUE, &home_care, path, error) ||
      !palpate_record_get_choice (object, "status", statuses, &status, path, error) ||
      !palpate_record_get_time (object, "signed_at", status == 0, &signed_at, path, error) ||
      !palpate_record_get_short_string (object, "signed_by", status == 0, &signed_by, path,
                                        error) ||
      !palpate_record_get_string (object, "seal", status == 0, &seal, path, error) ||
      !palpate_record_get_short_string (object, "therapist_name", TRUE, &therapist_name, path,
                                        error) ||
      !palpate_record_get_bool (object, "consent_sensitive", &consent, path, error) ||
      !palpate_record_get_bool (object, "reported_by_client", &reported, path, error))
    return FALSE;

  if (therapist_id != G_MININT64 && !palpate_record_lookup_id (import->therapists, therapist_id,
                                                               &target_therapist))
    {
      g_autofree char *at = g_strdup_printf ("%s.therapist_id", path);

      return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_INVALID, at,
                                     _("No therapist of the file has this id."));
    }

  palpate_visit_set_started_at (visit, started_at);
  palpate_visit_set_duration_minutes (visit, (int) duration);
  palpate_visit_set_pain_before (visit, pain_before == G_MININT64 ? PALPATE_PAIN_UNSET
                                                                  : (int) pain_before);
  palpate_visit_set_pain_after (visit, pain_after == G_MININT64 ? PALPATE_PAIN_UNSET
                                                                : (int) pain_after);
  palpate_visit_set_subjective (visit, subjective);
  palpate_visit_set_objective (visit, objective);
  palpate_visit_set_assessment (visit, assessment);
  palpate_visit_set_plan (visit, plan);
  palpate_visit_set_home_care (visit, home_care);
  if (!palpate_visit_validate (visit, import->now, &local_error))
    return palpate_record_fail_with (error, path, local_error);

  if (merged)
    {
      gint64 existing_id;
      gboolean existing_signed = FALSE;

      if (!find_existing_visit (import, client_id, started_at, &existing_id, &existing_signed,
                                error))
        return FALSE;

      if (existing_id != 0)
        {
          g_autoptr(JsonObject) existing = palpate_record_export_visit (import->store,
                                                                        existing_id, error);
          g_autofree char *existing_seal = NULL;
          g_autofree char *incoming_seal = NULL;

          if (existing == NULL)
            return FALSE;
          existing_seal = palpate_record_compute_seal (existing);
          incoming_seal = palpate_record_compute_seal (object);

          if (g_str_equal (existing_seal, incoming_seal))
            {
              g_autoptr(GDateTime) local = g_date_time_to_local (started_at);
              g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");

              if (import->summary != NULL)
                g_ptr_array_add (import->summary->duplicates,
                                 /* Translators: %s is a date and time, then a place in the file */
                                 g_strdup_printf (_("The visit of %s (%s) is already in this "
                                                    "clinic."), when, path));
              return import_amendments (import, object, existing_id, TRUE, path, error);
            }

          if (existing_signed)
            return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_SIGNED_VISIT_CHANGED, path,
                                           _("This clinic holds a signed visit at the same time "
                                             "with other "
                                             "content; a signed visit is never overwritten."));

          stmt = palpate_store_db_prepare (import->store, "DELETE FROM visits WHERE id = ?",
                                           error);
          if (stmt == NULL)
            return FALSE;
          palpate_db_bind_int64 (stmt, 1, existing_id);
          if (!palpate_record_db_step (stmt, NULL, error))
            return FALSE;
          if (import->summary != NULL)
            import->summary->n_drafts_replaced++;
        }
    }

  /* Inserted as a draft, so that what was charted can follow, then signed as it was. */
  stmt = palpate_record_prepare_insert (import, import->keep_ids, "visits",
                                        "client_id, therapist_id, started_at, duration_minutes, "
                                        "pain_before, pain_after, subjective, objective, "
                                        "assessment, plan, home_care, status, "
                                        "consent_sensitive, reported_by_client",
                                        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?", error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, client_id);
  if (target_therapist != 0)
    palpate_db_bind_int64 (stmt, 2, target_therapist);
  else
    palpate_db_bind_null (stmt, 2);
  palpate_store_db_bind_datetime (stmt, 3, started_at);
  palpate_db_bind_int64 (stmt, 4, duration);
  palpate_record_db_bind_optional_int (stmt, 5, pain_before);
  palpate_record_db_bind_optional_int (stmt, 6, pain_after);
  palpate_db_bind_text (stmt, 7, subjective);
  palpate_db_bind_text (stmt, 8, objective);
  palpate_db_bind_text (stmt, 9, assessment);
  palpate_db_bind_text (stmt, 10, plan);
  palpate_db_bind_text (stmt, 11, home_care);
  palpate_db_bind_int (stmt, 12, consent);
  palpate_db_bind_int (stmt, 13, reported);
  palpate_record_db_bind_id (import, stmt, 14, id);
  if (!palpate_record_db_step (stmt, &visit_id, error))
    return FALSE;

  if (!import_findings (import, object, visit_id, path, error) ||
      !import_applied_techniques (import, object, visit_id, path, error) ||
      !import_ratings (import, object, visit_id, path, error) ||
      !import_outcomes (import, object, visit_id, path, error))
    return FALSE;

  /* A signed visit is imported only as it was signed: its seal says it was not changed. The
   * check comes after its parts were read, so that a value breaking a rule is named first. */
  if (status == 1)
    {
      g_autofree char *computed = palpate_record_compute_seal (object);

      if (!g_str_equal (computed, seal))
        return palpate_record_fail_at (error, PALPATE_RECORD_ERROR_SIGNED_VISIT_CHANGED, path,
                                       _("This signed visit was changed after it was exported: "
                                         "its seal does not match its content."));

      /* Signed here as it was signed there, with the names it was signed with; then sealed
       * by this clinic's rule over its rows as they now are, the seal logged in the keyed
       * chain as a signing is. */
      stmt = palpate_store_db_prepare (import->store,
                                       "UPDATE visits SET signed_at = ?, signed_by = ?, "
                                       "therapist_name = ? WHERE id = ?",
                                       error);
      if (stmt == NULL)
        return FALSE;
      palpate_store_db_bind_datetime (stmt, 1, signed_at);
      palpate_db_bind_text (stmt, 2, signed_by);
      palpate_db_bind_text (stmt, 3, therapist_name);
      palpate_db_bind_int64 (stmt, 4, visit_id);
      if (!palpate_record_db_step (stmt, NULL, error))
        return FALSE;

      store_seal = palpate_store_seal_compute (import->store, visit_id, error);
      if (store_seal == NULL)
        return FALSE;

      stmt = palpate_store_db_prepare (import->store,
                                       "UPDATE visits SET status = 'signed', seal = ?, "
                                       "version = version + 1 WHERE id = ?",
                                       error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_text (stmt, 1, store_seal);
      palpate_db_bind_int64 (stmt, 2, visit_id);
      if (!palpate_record_db_step (stmt, NULL, error) ||
          !palpate_store_audit_append (import->store, "seal", "visit", visit_id, store_seal,
                                       error))
        return FALSE;
    }

  if (import->summary != NULL)
    import->summary->n_visits_added++;

  return import_amendments (import, object, visit_id, FALSE, path, error) &&
         palpate_store_audit_append (import->store, "import", "visit", visit_id, NULL, error);
}

