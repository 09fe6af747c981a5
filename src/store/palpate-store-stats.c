/* palpate-store-stats.c — the clinic at a glance: visits per month, outcomes over care, what helps
 *
 * Every figure is over a period and counts the visits palpate_visit_selection_counts() counts
 * (signed notes, drafts only when asked for, never a client's own self-rating). A client's
 * course of care in the period runs from the first to the latest counted visit with pain rated
 * before treatment; a technique or condition is credited with the change over care of the
 * clients who received it or have it, each client once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-outcome.h"
#include "palpate-store-private.h"

/* One client's course of care in the period. */
typedef struct
{
  int   first;      /* pain before at the first counted, rated visit; -1 if none */
  int   latest;
  guint n_rated;
} Course;

static void
month_row_clear (gpointer data)
{
  g_free (((PalpateMonthVisits *) data)->therapist);
}

static void
change_row_clear (gpointer data)
{
  g_free (((PalpateCareChange *) data)->name);
}

void
palpate_overview_free (PalpateOverview *overview)
{
  if (overview == NULL)
    return;

  g_clear_pointer (&overview->months, g_array_unref);
  g_clear_pointer (&overview->by_technique, g_array_unref);
  g_clear_pointer (&overview->by_condition, g_array_unref);
  g_free (overview);
}

static int
compare_months (gconstpointer a,
                gconstpointer b)
{
  const PalpateMonthVisits *x = a, *y = b;
  int by_month = strcmp (x->month, y->month);

  return by_month != 0 ? by_month : g_utf8_collate (x->therapist, y->therapist);
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const PalpateCareChange *x = a, *y = b;

  if (x->average_change != y->average_change)
    return x->average_change < y->average_change ? -1 : 1;
  if (x->clients != y->clients)
    return x->clients > y->clients ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

/* Turns @groups (a name → GHashTable of client ids) into rows of change over care. */
static GArray *
changes_of_groups (GHashTable *groups,
                   GHashTable *courses)
{
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (PalpateCareChange));
  GHashTableIter iter;
  gpointer key, value;

  g_array_set_clear_func (rows, change_row_clear);
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PalpateCareChange row = { NULL, 0, 0, 0, 0 };
      GHashTableIter clients;
      gpointer client;
      int sum = 0;

      g_hash_table_iter_init (&clients, value);
      while (g_hash_table_iter_next (&clients, &client, NULL))
        {
          Course *course = g_hash_table_lookup (courses, client);

          if (course == NULL || course->n_rated < 2)
            continue;
          row.clients++;
          sum += course->latest - course->first;
          if (palpate_outcome_nrs_rule_applies (course->first))
            {
              row.eligible++;
              if (palpate_outcome_nrs_change (course->first, course->latest) ==
                  PALPATE_CHANGE_IMPROVED)
                row.improved++;
            }
        }
      if (row.clients == 0)
        continue;
      row.name = g_strdup (key);
      row.average_change = (double) sum / row.clients;
      g_array_append_val (rows, row);
    }

  g_array_sort (rows, compare_changes);
  return rows;
}

/* The month of @seconds in local time, "YYYY-MM", as the visits per month count it. */
static char *
month_of (gint64 seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (seconds);

  return when != NULL ? g_date_time_format (when, "%Y-%m") : g_strdup ("");
}

static void
add_to_group (GHashTable *groups,
              const char *name,
              gint64      client_id)
{
  GHashTable *clients = g_hash_table_lookup (groups, name);

  if (clients == NULL)
    {
      clients = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (groups, g_strdup (name), clients);
    }
  if (!g_hash_table_contains (clients, &client_id))
    g_hash_table_add (clients, g_memdup2 (&client_id, sizeof client_id));
}

/**
 * palpate_store_read_overview:
 * @from: the start of the period, in seconds since 1970
 * @to: its end, excluded
 * @selection: which visits count
 *
 * The clinic's figures over a period: visits per month by therapist, how many clients are
 * meaningfully better over their care, and the change over care by technique and condition.
 *
 * Returns: (transfer full): the figures, or %NULL on error
 */
PalpateOverview *
palpate_store_read_overview (PalpateStore           *self,
                             gint64                  from,
                             gint64                  to,
                             PalpateVisitSelection   selection,
                             GError                **error)
{
  g_autoptr(PalpateOverview) overview = g_new0 (PalpateOverview, 1);
  g_autoptr(GHashTable) courses = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         g_free);
  g_autoptr(GHashTable) counted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         g_free);
  g_autoptr(GHashTable) months = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) techniques = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) conditions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) g_hash_table_unref);
  GHashTableIter iter;
  gpointer key, value;
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  overview->from = from;
  overview->to = to;
  overview->selection = selection;
  overview->months = g_array_new (FALSE, TRUE, sizeof (PalpateMonthVisits));
  g_array_set_clear_func (overview->months, month_row_clear);

  /* The period's visits: which count, each client's course, the months (in local time,
   * computed here: the server has no strftime). */
  stmt = palpate_store_db_prepare (self,
                                   "SELECT v.id, v.client_id, v.pain_before, v.status, "
                                   "       v.reported_by_client, coalesce (t.name, ''), "
                                   "       v.started_at "
                                   "FROM visits v LEFT JOIN therapists t ON t.id = v.therapist_id "
                                   "WHERE v.started_at >= ? AND v.started_at < ? "
                                   "ORDER BY v.client_id, v.started_at, v.id",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, from);
  palpate_db_bind_int64 (stmt, 2, to);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      gint64 visit_id = palpate_db_column_int64 (stmt, 0);
      gint64 client_id = palpate_db_column_int64 (stmt, 1);
      int pain = palpate_store_db_column_pain (stmt, 2);
      PalpateVisitStatus status =
        g_strcmp0 (palpate_store_db_column_text (stmt, 3), "signed") == 0
        ? PALPATE_VISIT_SIGNED : PALPATE_VISIT_DRAFT;
      gboolean clients_own = palpate_db_column_int (stmt, 4) != 0;
      g_autofree char *month = NULL;
      g_autofree char *month_key = NULL;
      Course *course;

      if (!palpate_visit_selection_counts (selection, status, clients_own))
        continue;

      g_hash_table_insert (counted, g_memdup2 (&visit_id, sizeof visit_id),
                           g_memdup2 (&client_id, sizeof client_id));
      month = month_of (palpate_db_column_int64 (stmt, 6));
      month_key = g_strdup_printf ("%s\n%s", month, palpate_store_db_column_text (stmt, 5));
      g_hash_table_insert (months, g_strdup (month_key),
                           GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (months,
                                                                                  month_key)) + 1));

      course = g_hash_table_lookup (courses, &client_id);
      if (course == NULL)
        {
          course = g_new0 (Course, 1);
          course->first = -1;
          g_hash_table_insert (courses, g_memdup2 (&client_id, sizeof client_id), course);
          overview->n_clients_seen++;
        }
      if (pain < 0)
        continue;
      if (course->first < 0)
        course->first = pain;
      course->latest = pain;
      course->n_rated++;
    }
  palpate_db_reset (stmt);
  if (step == PALPATE_DB_ERROR)
    return NULL;

  g_hash_table_iter_init (&iter, courses);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Course *course = value;

      if (course->n_rated < 2)
        continue;
      overview->n_courses++;
      if (!palpate_outcome_nrs_rule_applies (course->first))
        continue;
      overview->n_eligible++;
      if (palpate_outcome_nrs_change (course->first, course->latest) == PALPATE_CHANGE_IMPROVED)
        overview->n_improved++;
    }

  g_hash_table_iter_init (&iter, months);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PalpateMonthVisits row = { { 0 }, NULL, GPOINTER_TO_INT (value) };
      const char *newline = strchr (key, '\n');

      g_strlcpy (row.month, key, MIN (sizeof row.month, (gsize) (newline - (char *) key) + 1));
      row.therapist = g_strdup (newline + 1);
      g_array_append_val (overview->months, row);
    }
  g_array_sort (overview->months, compare_months);

  /* The techniques each client received at a counted visit of the period. */
  stmt = palpate_store_db_prepare (self,
                                   "SELECT DISTINCT a.visit_id, t.name, t.builtin "
                                   "FROM applied_techniques a "
                                   "JOIN techniques t ON t.id = a.technique_id "
                                   "JOIN visits v ON v.id = a.visit_id "
                                   "WHERE v.started_at >= ? AND v.started_at < ?",
                                   error);
  if (stmt == NULL)
    return NULL;

  palpate_db_bind_int64 (stmt, 1, from);
  palpate_db_bind_int64 (stmt, 2, to);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      gint64 visit_id = palpate_db_column_int64 (stmt, 0);
      gint64 *client_id = g_hash_table_lookup (counted, &visit_id);
      const char *name = palpate_store_db_column_text (stmt, 1);

      if (client_id == NULL || name == NULL)
        continue;
      add_to_group (techniques,
                    palpate_db_column_int (stmt, 2) ? g_dgettext (GETTEXT_PACKAGE, name) : name,
                    *client_id);
    }
  palpate_db_reset (stmt);
  if (step == PALPATE_DB_ERROR)
    return NULL;

  /* The conditions of the clients seen, each client's a JSON array of strings, read here
   * rather than with SQLite's json_each, which the server lacks. */
  stmt = palpate_store_db_prepare (self, "SELECT id, conditions FROM clients", error);
  if (stmt == NULL)
    return NULL;

  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      gint64 client_id = palpate_db_column_int64 (stmt, 0);
      g_auto(GStrv) client_conditions = NULL;

      if (!g_hash_table_contains (courses, &client_id))
        continue;
      client_conditions = palpate_store_strv_from_json (palpate_db_column_text (stmt, 1));
      for (guint i = 0; client_conditions[i] != NULL; i++)
        add_to_group (conditions, client_conditions[i], client_id);
    }
  palpate_db_reset (stmt);
  if (step == PALPATE_DB_ERROR)
    return NULL;

  overview->by_technique = changes_of_groups (techniques, courses);
  overview->by_condition = changes_of_groups (conditions, courses);

  return g_steal_pointer (&overview);
}
