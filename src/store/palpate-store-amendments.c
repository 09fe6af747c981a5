/* palpate-store-amendments.c — the amendments table: dated corrections beside a signed visit,
 * one visit's or a client's in one query, for their report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include "palpate-rules.h"
#include "palpate-store-private.h"

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
  if (!palpate_store_transaction_finish (&transaction, "amend", "visit",
                                         palpate_amendment_get_visit_id (amendment), error))
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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT a.id, a.visit_id, a.created_at, a.author, a.text "
                                "FROM amendments a JOIN visits v ON v.id = a.visit_id "
                                "WHERE v.client_id = ? ORDER BY a.created_at, a.id",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PalpateAmendment *amendment = palpate_amendment_new ();
      g_autoptr(GDateTime) created_at = palpate_store_column_datetime (stmt, 2);

      palpate_amendment_set_id (amendment, sqlite3_column_int64 (stmt, 0));
      palpate_amendment_set_visit_id (amendment, sqlite3_column_int64 (stmt, 1));
      palpate_amendment_set_created_at (amendment, created_at);
      palpate_amendment_set_author (amendment, palpate_store_column_text (stmt, 3));
      palpate_amendment_set_text (amendment, palpate_store_column_text (stmt, 4));
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
