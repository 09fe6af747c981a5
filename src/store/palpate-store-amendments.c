/* palpate-store-amendments.c — the amendments table: dated corrections beside a signed visit,
 * one visit's or a client's in one query, for their report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-core-error.h"
#include "palpate-rules.h"
#include "palpate-store-private.h"
#include "palpate-store-returning-private.h"

/* The text @part of the visit reads now: as signed, or as its latest correction. */
static gboolean
current_text (PalpateStore     *self,
              gint64            visit_id,
              PalpateNotePart   part,
              char            **text,
              GError          **error)
{
  static const char * const columns[PALPATE_N_NOTE_PARTS] = {
    NULL, "subjective", "objective", "assessment", "plan", "home_care",
  };
  g_autofree char *sql = NULL;
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  *text = NULL;
  sql = g_strdup_printf ("SELECT coalesce ((SELECT text FROM amendments WHERE visit_id = ?1 "
                         "AND part = ?2 ORDER BY created_at DESC, id DESC LIMIT 1), %s) "
                         "FROM visits WHERE id = ?1", columns[part]);
  stmt = palpate_store_db_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, visit_id);
  palpate_db_bind_text (stmt, 2, palpate_note_part_get_key (part));
  step = palpate_db_step (stmt, error);
  if (step == PALPATE_DB_ROW && !palpate_db_column_is_null (stmt, 0))
    *text = g_strdup (palpate_store_db_column_text (stmt, 0));
  palpate_db_reset (stmt);

  return step != PALPATE_DB_ERROR;
}

/**
 * palpate_store_add_amendment:
 *
 * Adds a dated correction beside a visit; the visit itself does not change. A correction of
 * one part of the note keeps the text it corrects (as signed, or as last corrected) as its
 * original, to be shown beside it. The reason is required. Sets the amendment's id, date and
 * original.
 */
gboolean
palpate_store_add_amendment (PalpateStore      *self,
                             PalpateAmendment  *amendment,
                             GError           **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PalpateNotePart part;
  g_autofree char *original = NULL;
  const char *reason;
  PalpateDbStatement *stmt;
  gint64 id;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_AMENDMENT (amendment), FALSE);
  g_return_val_if_fail (palpate_amendment_get_id (amendment) == 0, FALSE);

  if (!palpate_amendment_validate (amendment, error))
    return FALSE;

  reason = palpate_amendment_get_reason (amendment);
  while (reason != NULL && g_unichar_isspace (g_utf8_get_char (reason)))
    reason = g_utf8_next_char (reason);
  if (reason == NULL || *reason == '\0')
    {
      g_set_error_literal (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                           _("Say why the note is amended: the reason is kept with the "
                             "correction."));
      return FALSE;
    }

  if (!palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  part = palpate_amendment_get_part (amendment);
  if (part != PALPATE_NOTE_PART_NONE &&
      !current_text (self, palpate_amendment_get_visit_id (amendment), part, &original, error))
    return FALSE;

  stmt = palpate_store_db_prepare (self,
                                   "INSERT INTO amendments (visit_id, created_at, author, text, "
                                   "part, reason, original) VALUES (?, ?, ?, ?, ?, ?, ?) "
                                   "RETURNING id",
                                   error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_int64 (stmt, 1, palpate_amendment_get_visit_id (amendment));
  palpate_store_db_bind_datetime (stmt, 2, now);
  palpate_db_bind_text (stmt, 3, palpate_amendment_get_author (amendment));
  palpate_db_bind_text (stmt, 4, palpate_amendment_get_text (amendment));
  palpate_db_bind_text (stmt, 5, palpate_note_part_get_key (part));
  palpate_db_bind_text (stmt, 6, palpate_amendment_get_reason (amendment));
  /* A part that was empty when signed is corrected from nothing: "" beside the new text. */
  if (part != PALPATE_NOTE_PART_NONE && original == NULL)
    original = g_strdup ("");
  palpate_db_bind_text (stmt, 7, original);
  if (!palpate_store_db_step_returning_id (stmt, &id, error))
    return FALSE;

  palpate_amendment_set_id (amendment, id);
  if (!palpate_store_transaction_finish (&transaction, "amend", "visit",
                                         palpate_amendment_get_visit_id (amendment), error))
    {
      palpate_amendment_set_id (amendment, 0);
      return FALSE;
    }

  palpate_amendment_set_created_at (amendment, now);
  palpate_amendment_set_original (amendment, original);
  return TRUE;
}

/* Fills an amendment from the columns part, reason, original at @first. */
static void
read_correction (PalpateAmendment   *amendment,
                 PalpateDbStatement *stmt,
                 int                 first)
{
  palpate_amendment_set_part (amendment, palpate_note_part_from_key (
                                !palpate_db_column_is_null (stmt, first)
                                ? palpate_store_db_column_text (stmt, first) : NULL));
  if (!palpate_db_column_is_null (stmt, first + 1))
    palpate_amendment_set_reason (amendment, palpate_store_db_column_text (stmt, first + 1));
  if (!palpate_db_column_is_null (stmt, first + 2))
    palpate_amendment_set_original (amendment, palpate_store_db_column_text (stmt, first + 2));
}

GPtrArray *
palpate_store_list_amendments (PalpateStore  *self,
                               gint64         visit_id,
                               GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id, created_at, author, text, part, reason, original "
                                   "FROM amendments WHERE visit_id = ? ORDER BY created_at, id",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, visit_id);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      PalpateAmendment *amendment = palpate_amendment_new ();
      g_autoptr(GDateTime) created_at = palpate_store_db_column_datetime (stmt, 1);

      palpate_amendment_set_id (amendment, palpate_db_column_int64 (stmt, 0));
      palpate_amendment_set_visit_id (amendment, visit_id);
      palpate_amendment_set_created_at (amendment, created_at);
      palpate_amendment_set_author (amendment, palpate_store_db_column_text (stmt, 2));
      palpate_amendment_set_text (amendment, palpate_store_db_column_text (stmt, 3));
      read_correction (amendment, stmt, 4);
      g_ptr_array_add (list, amendment);
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&list);
}

/**
 * palpate_store_list_client_amendments:
 *
 * Every amendment to any of the client's visits, oldest first, so that a report shows each
 * beside the visit it corrects.
 *
 * Returns: (transfer full) (element-type PalpateAmendment): the amendments, or %NULL on error
 */
GPtrArray *
palpate_store_list_client_amendments (PalpateStore  *self,
                                      gint64         client_id,
                                      GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT a.id, a.visit_id, a.created_at, a.author, a.text, "
                                   "a.part, a.reason, a.original "
                                   "FROM amendments a JOIN visits v ON v.id = a.visit_id "
                                   "WHERE v.client_id = ? ORDER BY a.created_at, a.id",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, client_id);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      PalpateAmendment *amendment = palpate_amendment_new ();
      g_autoptr(GDateTime) created_at = palpate_store_db_column_datetime (stmt, 2);

      palpate_amendment_set_id (amendment, palpate_db_column_int64 (stmt, 0));
      palpate_amendment_set_visit_id (amendment, palpate_db_column_int64 (stmt, 1));
      palpate_amendment_set_created_at (amendment, created_at);
      palpate_amendment_set_author (amendment, palpate_store_db_column_text (stmt, 3));
      palpate_amendment_set_text (amendment, palpate_store_db_column_text (stmt, 4));
      read_correction (amendment, stmt, 5);
      g_ptr_array_add (list, amendment);
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&list);
}
