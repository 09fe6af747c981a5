/* palpate-store-returning-private.h — the id of a row just inserted, read back from its
 * "INSERT … RETURNING id" statement, for the store files on PalpateDb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-store-private.h"

G_BEGIN_DECLS

/* Steps @stmt, an "INSERT … RETURNING id", once and resets it; sets @id on success. An insert
 * that returns no row (which no table of the clinic does) is an error too, never an id of 0. */
static inline gboolean
palpate_store_db_step_returning_id (PalpateDbStatement  *stmt,
                                    gint64              *id,
                                    GError             **error)
{
  PalpateDbStep step = palpate_db_step (stmt, error);

  if (step == PALPATE_DB_ROW)
    *id = palpate_db_column_int64 (stmt, 0);
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_DONE)
    g_set_error_literal (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                         "The new row's id did not come back from the database.");

  return step == PALPATE_DB_ROW;
}

G_END_DECLS
