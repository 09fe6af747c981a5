/* palpate-store-outcomes.c — the outcome tables: PSFS ratings of the client's
 * activities and the NDI or Oswestry questionnaires
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-core-error.h"
#include "palpate-rules.h"
#include "palpate-store-private.h"

static gboolean
write_psfs_rating (PalpateStore  *self,
                   gint64         visit_id,
                   gint64         activity_id,
                   int            rating,
                   GError       **error)
{
  PalpateDbStatement *stmt;

  /* A negative rating takes the rating back. */
  if (rating < 0)
    stmt = palpate_store_db_prepare (self,
                                     "DELETE FROM psfs_ratings WHERE visit_id = ?1 AND "
                                     "activity_id = ?2",
                                     error);
  else
    stmt = palpate_store_db_prepare (self,
                                     "INSERT INTO psfs_ratings (visit_id, activity_id, rating) "
                                     "VALUES (?1, ?2, ?3) ON CONFLICT (visit_id, activity_id) "
                                     "DO UPDATE SET rating = excluded.rating",
                                     error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, visit_id);
  palpate_db_bind_int64 (stmt, 2, activity_id);
  if (rating >= 0)
    palpate_db_bind_int (stmt, 3, rating);

  return palpate_store_db_step_done (stmt, error) &&
         palpate_store_audit_append (self, "change", "psfs-rating", visit_id, NULL, error);
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
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   /* From the client's visits, by their index: a client's
                                    * ratings without reading every rating of the clinic. */
                                   "SELECT r.visit_id, r.activity_id, a.position, r.rating "
                                   "FROM visits v "
                                   "JOIN psfs_ratings r ON r.visit_id = v.id "
                                   "JOIN psfs_activities a ON a.id = r.activity_id "
                                   "WHERE v.client_id = ? "
                                   "ORDER BY v.started_at, v.id, a.position",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, client_id);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      PalpatePsfsRating rating = {
        .visit_id = palpate_db_column_int64 (stmt, 0),
        .activity_id = palpate_db_column_int64 (stmt, 1),
        .position = (guint) palpate_db_column_int (stmt, 2),
        .rating = palpate_db_column_int (stmt, 3),
      };

      g_array_append_val (ratings, rating);
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&ratings);
}

gboolean
palpate_store_save_outcome (PalpateStore                 *self,
                            const PalpateOutcomeAnswers  *answers,
                            GError                      **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  g_autoptr(GString) json = g_string_new ("[");
  PalpateDbStatement *stmt;

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

  stmt = palpate_store_db_prepare (self,
                                   "INSERT INTO outcome_measures (visit_id, instrument, answers) "
                                   "VALUES (?, ?, ?) ON CONFLICT (visit_id, instrument) "
                                   "DO UPDATE SET answers = excluded.answers",
                                   error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, answers->visit_id);
  palpate_db_bind_text (stmt, 2, answers->instrument == PALPATE_INSTRUMENT_NDI ? "ndi" : "odi");
  palpate_db_bind_text (stmt, 3, json->str);
  if (!palpate_store_db_step_done (stmt, error))
    return FALSE;

  return palpate_store_transaction_finish (&transaction, "change", "outcome", answers->visit_id,
                                           error);
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
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT o.visit_id, o.instrument, o.answers "
                                   "FROM outcome_measures o JOIN visits v ON v.id = o.visit_id "
                                   "WHERE v.client_id = ? ORDER BY v.started_at, v.id",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, client_id);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      PalpateOutcomeAnswers answers = { .visit_id = palpate_db_column_int64 (stmt, 0) };
      const char *text = palpate_store_db_column_text (stmt, 2);
      g_autoptr(JsonArray) array = palpate_store_json_array_from_text (text);
      guint n = array != NULL ? json_array_get_length (array) : 0;

      answers.instrument = g_strcmp0 (palpate_store_db_column_text (stmt, 1), "ndi") == 0
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
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&outcomes);
}
