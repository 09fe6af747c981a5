/* palpate-store-stats.c — the clinic at a glance: visits per month, outcomes, what helps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-outcome.h"
#include "palpate-store-private.h"

static void
month_row_clear (gpointer data)
{
  g_free (((PalpateMonthVisits *) data)->therapist);
}

static void
change_row_clear (gpointer data)
{
  g_free (((PalpatePainChange *) data)->name);
}

/**
 * palpate_store_list_visits_per_month:
 * @since: the first moment counted, in seconds since 1970
 *
 * Returns: (transfer full): #PalpateMonthVisits by month, then therapist, or %NULL on error
 */
GArray *
palpate_store_list_visits_per_month (PalpateStore  *self,
                                     gint64         since,
                                     GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (PalpateMonthVisits));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  g_array_set_clear_func (rows, month_row_clear);
  stmt = palpate_store_prepare (self,
                                "SELECT strftime ('%Y-%m', v.started_at, 'unixepoch', 'localtime'), "
                                "       coalesce (t.name, ''), count (*) "
                                "FROM visits v LEFT JOIN therapists t ON t.id = v.therapist_id "
                                "WHERE v.started_at >= ?1 GROUP BY 1, 2 ORDER BY 1, 2",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, since);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PalpateMonthVisits row = { { 0 }, NULL, 0 };

      g_strlcpy (row.month, (const char *) sqlite3_column_text (stmt, 0), sizeof row.month);
      row.therapist = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row.visits = sqlite3_column_int (stmt, 2);
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/**
 * palpate_store_count_improved:
 * @n_rated: (out): clients with pain rated before treatment at two visits or more
 * @n_improved: (out): those of them whose latest rating is meaningfully below the first
 *
 * The share of clients better by a meaningful change (≥ 2 points or ≥ 30 %).
 */
gboolean
palpate_store_count_improved (PalpateStore  *self,
                              guint         *n_rated,
                              guint         *n_improved,
                              GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 client = 0;
  int first = -1, latest = -1, n = 0;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  *n_rated = *n_improved = 0;
  stmt = palpate_store_prepare (self,
                                "SELECT client_id, pain_before FROM visits WHERE pain_before >= 0 "
                                "ORDER BY client_id, started_at, id",
                                error);
  if (stmt == NULL)
    return FALSE;

  for (;;)
    {
      rc = sqlite3_step (stmt);

      /* A client's ratings end: count them. */
      if (rc != SQLITE_ROW || sqlite3_column_int64 (stmt, 0) != client)
        {
          if (n >= 2)
            {
              (*n_rated)++;
              if (palpate_outcome_nrs_change (first, latest) == PALPATE_CHANGE_IMPROVED)
                (*n_improved)++;
            }
          if (rc != SQLITE_ROW)
            break;
          client = sqlite3_column_int64 (stmt, 0);
          first = sqlite3_column_int (stmt, 1);
          n = 0;
        }
      latest = sqlite3_column_int (stmt, 1);
      n++;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}

static GArray *
list_changes (PalpateStore  *self,
              const char    *sql,
              gboolean       translate,
              GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (PalpatePainChange));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (rows, change_row_clear);
  stmt = palpate_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      gboolean builtin = sqlite3_column_int (stmt, 3);
      PalpatePainChange row;

      row.name = g_strdup (translate && builtin ? g_dgettext (GETTEXT_PACKAGE, name) : name);
      row.sessions = sqlite3_column_int (stmt, 1);
      row.average_change = sqlite3_column_double (stmt, 2);
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/**
 * palpate_store_list_change_by_technique:
 *
 * The average change in pain (after minus before) in the rated sessions where each technique
 * was used, a session counted once however many regions it was used on; best first.
 *
 * Returns: (transfer full): #PalpatePainChange rows, or %NULL on error
 */
GArray *
palpate_store_list_change_by_technique (PalpateStore  *self,
                                        GError       **error)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  return list_changes (self,
                       "SELECT t.name, count (*), avg (v.pain_after - v.pain_before), t.builtin "
                       "FROM (SELECT DISTINCT visit_id, technique_id FROM applied_techniques) a "
                       "JOIN visits v ON v.id = a.visit_id JOIN techniques t ON t.id = a.technique_id "
                       "WHERE v.pain_before >= 0 AND v.pain_after >= 0 "
                       "GROUP BY t.id ORDER BY 3, 1",
                       TRUE, error);
}

/**
 * palpate_store_list_change_by_condition:
 *
 * The average change in pain in the rated sessions of clients with each condition, by the
 * condition's id (palpate_conditions_get() names it); best first.
 *
 * Returns: (transfer full): #PalpatePainChange rows, or %NULL on error
 */
GArray *
palpate_store_list_change_by_condition (PalpateStore  *self,
                                        GError       **error)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  return list_changes (self,
                       "SELECT j.value, count (*), avg (v.pain_after - v.pain_before), 0 "
                       "FROM clients c, json_each (c.conditions) j "
                       "JOIN visits v ON v.client_id = c.id "
                       "WHERE v.pain_before >= 0 AND v.pain_after >= 0 "
                       "GROUP BY j.value ORDER BY 3, 1",
                       FALSE, error);
}
