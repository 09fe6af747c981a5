/* palpate-store-presence.c — which drafts another room has open, on a clinic server
 *
 * A room charting a draft says so by holding a shared advisory lock on the visit, in the
 * store's own session: any number of rooms may hold it, nothing waits on it, and it goes with
 * the session, so a room that crashed or lost the network does not stay "open" for ever. The
 * other rooms read who holds it from pg_locks, and hear of a change on the channel "palpate"
 * as "charting ID" (palpate-store-listen.c). A clinic file is open in one window at a time:
 * there, no draft is ever open elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include "palpate-store-private.h"

/* The first key of the two-key advisory locks that mean "charting this visit" ("PA"); the
 * audit chain's lock uses the one-key form, which never meets these. */
#define CHARTING_LOCK_SPACE "20545"

/**
 * palpate_store_set_charting:
 * @visit_id: a draft visit
 * @charting: whether this room has it open now
 *
 * Says to the other rooms that this room opened (or left) the draft with @visit_id. Each
 * %TRUE is undone by one %FALSE. Nothing on a clinic file.
 */
gboolean
palpate_store_set_charting (PalpateStore  *self,
                            gint64         visit_id,
                            gboolean       charting,
                            GError       **error)
{
  PalpateDbStatement *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (visit_id > 0 && visit_id <= G_MAXINT32, FALSE);

  if (!palpate_store_is_on_server (self))
    return TRUE;

  stmt = palpate_store_db_prepare (self, charting
                                   ? "SELECT pg_advisory_lock_shared (" CHARTING_LOCK_SPACE
                                     ", CAST (? AS integer))"
                                   : "SELECT pg_advisory_unlock_shared (" CHARTING_LOCK_SPACE
                                     ", CAST (? AS integer))",
                                   error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, visit_id);
  if (!palpate_store_db_step_done (stmt, error))
    return FALSE;

  stmt = palpate_store_db_prepare (self, "SELECT pg_notify ('palpate', 'charting ' || "
                                         "CAST (? AS text))", error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, visit_id);
  return palpate_store_db_step_done (stmt, error);
}

/**
 * palpate_store_list_charted_elsewhere:
 *
 * The ids of the drafts that another room has open now; none on a clinic file.
 *
 * Returns: (transfer full) (element-type gint64): the ids, or %NULL with @error set
 */
GArray *
palpate_store_list_charted_elsewhere (PalpateStore  *self,
                                      GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  if (!palpate_store_is_on_server (self))
    return g_steal_pointer (&ids);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT DISTINCT CAST (objid AS bigint) FROM pg_locks "
                                   "WHERE locktype = 'advisory' AND granted "
                                   "AND classid = " CHARTING_LOCK_SPACE " AND objsubid = 2 "
                                   "AND pid <> pg_backend_pid () "
                                   "AND database = (SELECT oid FROM pg_database "
                                   "                WHERE datname = current_database ())",
                                   error);
  if (stmt == NULL)
    return NULL;

  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      gint64 id = palpate_db_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  palpate_db_reset (stmt);

  return step == PALPATE_DB_DONE ? g_steal_pointer (&ids) : NULL;
}
