/* palpate-store-retention.c — how long the clinic keeps its records, which are past it, and
 * destroying one
 *
 * The jurisdiction is a setting of the clinic file (clinic_settings "retention-jurisdiction":
 * "ontario" or "custom", and "retention-years" for a custom rule), since it belongs to the
 * clinic whoever opens it. A client's keep-until date comes from the day of their last visit
 * and their date of birth (palpate_retention_keep_until).
 *
 * Destroying a record removes the client and everything recorded about them, signed visits and
 * amendments included, in one transaction. The protections of signed visits stand aside only
 * for the client named in record_destruction while that transaction runs (see the schema); the
 * audit log keeps a "destroy" entry with the client's id and the ids of the visits that went
 * ("visits 4 9 12", so that checking the log knows their seals are gone by right), and no
 * clinical content.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-date.h"
#include "palpate-store-private.h"

#define DEFAULT_CUSTOM_YEARS 10

void
palpate_store_get_retention_rule (PalpateStore        *self,
                                  PalpateJurisdiction *jurisdiction,
                                  guint               *years)
{
  g_autofree char *kind = palpate_store_dup_setting (self, "retention-jurisdiction");
  g_autofree char *text = palpate_store_dup_setting (self, "retention-years");
  guint64 value = 0;

  *jurisdiction = g_strcmp0 (kind, "custom") == 0 ? PALPATE_JURISDICTION_CUSTOM
                                                   : PALPATE_JURISDICTION_ONTARIO;
  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 100, &value, NULL))
    value = DEFAULT_CUSTOM_YEARS;
  *years = value;
}

gboolean
palpate_store_set_retention_rule (PalpateStore         *self,
                                  PalpateJurisdiction   jurisdiction,
                                  guint                 years,
                                  GError              **error)
{
  g_autofree char *text = g_strdup_printf ("%u", CLAMP (years, 1, 100));

  return palpate_store_set_setting (self, "retention-jurisdiction",
                                    jurisdiction == PALPATE_JURISDICTION_CUSTOM ? "custom"
                                                                                : "ontario",
                                    error) &&
         palpate_store_set_setting (self, "retention-years", text, error);
}

static void
day_from_text (const char *text,
               GDate      *day)
{
  /* A day that is not one is left cleared: the record then has no such date. */
  palpate_date_parse (text, day, NULL);
}

static void
day_from_time (gint64  seconds,
               GDate  *day)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  g_date_clear (day, 1);
  if (local != NULL)
    g_date_set_dmy (day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                    g_date_time_get_year (local));
}

static void
retention_entry_clear (gpointer data)
{
  PalpateRetentionEntry *entry = data;

  g_free (entry->name);
}

/**
 * palpate_store_list_retention:
 * @client_id: one client, or 0 for all
 *
 * Each client who has visits, with the day of their last visit and the day their record may be
 * destroyed under the clinic's rule, oldest keep-until first.
 *
 * Returns: (transfer full) (element-type PalpateRetentionEntry): the entries, or %NULL on error
 */
GArray *
palpate_store_list_retention (PalpateStore  *self,
                              gint64         client_id,
                              GError       **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (PalpateRetentionEntry));
  PalpateJurisdiction jurisdiction;
  PalpateDbStatement *stmt;
  PalpateDbStep step;
  guint years;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  g_array_set_clear_func (entries, retention_entry_clear);
  palpate_store_get_retention_rule (self, &jurisdiction, &years);

  /* One client or all of them: two statements, as PostgreSQL would take a parameter compared
   * with 0 for a 32-bit integer. Ordered by id, as SQLite's grouping gave them, before the
   * sort by keep-until below. */
  if (client_id != 0)
    stmt = palpate_store_db_prepare (self,
                                     "SELECT c.id, c.name, c.birth_date, max (v.started_at) "
                                     "FROM clients c JOIN visits v ON v.client_id = c.id "
                                     "WHERE c.id = ? GROUP BY c.id ORDER BY c.id",
                                     error);
  else
    stmt = palpate_store_db_prepare (self,
                                     "SELECT c.id, c.name, c.birth_date, max (v.started_at) "
                                     "FROM clients c JOIN visits v ON v.client_id = c.id "
                                     "GROUP BY c.id ORDER BY c.id",
                                     error);
  if (stmt == NULL)
    return NULL;
  if (client_id != 0)
    palpate_db_bind_int64 (stmt, 1, client_id);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      PalpateRetentionEntry entry = { 0, };
      GDate birth;

      entry.client_id = palpate_db_column_int64 (stmt, 0);
      entry.name = g_strdup (palpate_store_db_column_text (stmt, 1));
      day_from_text (palpate_store_db_column_text (stmt, 2), &birth);
      day_from_time (palpate_db_column_int64 (stmt, 3), &entry.last_visit);
      palpate_retention_keep_until (jurisdiction, years, &entry.last_visit,
                                    g_date_valid (&birth) ? &birth : NULL, &entry.keep_until);
      g_array_append_val (entries, entry);
    }
  palpate_db_reset (stmt);
  if (step == PALPATE_DB_ERROR)
    return NULL;

  for (guint i = 1; i < entries->len; i++)
    for (guint j = i; j > 0; j--)
      {
        PalpateRetentionEntry *a = &g_array_index (entries, PalpateRetentionEntry, j - 1);
        PalpateRetentionEntry *b = &g_array_index (entries, PalpateRetentionEntry, j);
        PalpateRetentionEntry swap;

        if (g_date_compare (&a->keep_until, &b->keep_until) <= 0)
          break;
        swap = *a;
        *a = *b;
        *b = swap;
      }

  return g_steal_pointer (&entries);
}

/**
 * palpate_store_destroy_client_record:
 *
 * Removes the client and all of their record — visits (signed ones too), findings, techniques,
 * ratings, questionnaires, amendments, health histories, treatment plans, zones — in one
 * transaction, with a "destroy" audit entry naming the client's id and their visits' ids. It is
 * refused when the record is not yet past its keep-until date.
 */
gboolean
palpate_store_destroy_client_record (PalpateStore  *self,
                                     gint64         client_id,
                                     GError       **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Each step names the client (?1); record_destruction is emptied after them. The file's
   * full-text table is SQLite's own: the server's search index is on clients itself, and goes
   * with the row. */
  static const struct {
    const char *sql;
    gboolean    sqlite_only;
  } steps[] = {
    { "INSERT INTO record_destruction (client_id) VALUES (?1)", FALSE },
    { "DELETE FROM amendments WHERE visit_id IN (SELECT id FROM visits WHERE client_id = ?1)",
      FALSE },
    { "DELETE FROM findings WHERE visit_id IN (SELECT id FROM visits WHERE client_id = ?1)",
      FALSE },
    { "DELETE FROM applied_techniques WHERE visit_id IN "
      "(SELECT id FROM visits WHERE client_id = ?1)", FALSE },
    { "DELETE FROM psfs_ratings WHERE visit_id IN (SELECT id FROM visits WHERE client_id = ?1)",
      FALSE },
    { "DELETE FROM outcome_measures WHERE visit_id IN "
      "(SELECT id FROM visits WHERE client_id = ?1)", FALSE },
    { "DELETE FROM visits WHERE client_id = ?1", FALSE },
    { "DELETE FROM psfs_activities WHERE client_id = ?1", FALSE },
    { "DELETE FROM clients_search WHERE rowid = ?1", TRUE },
    { "DELETE FROM clients WHERE id = ?1", FALSE },
  };
  g_autoptr(GString) visit_ids = g_string_new ("visits");
  gboolean on_server;
  PalpateDbStatement *stmt;
  PalpateDbStep step;
  GDate today;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  entries = palpate_store_list_retention (self, client_id, error);
  if (entries == NULL)
    return FALSE;
  if (entries->len != 1 ||
      !palpate_retention_is_due (&g_array_index (entries, PalpateRetentionEntry, 0).keep_until,
                                 &today))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                   _("This record must still be kept: its retention period has not ended."));
      return FALSE;
    }

  if (!palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id FROM visits WHERE client_id = ? ORDER BY id",
                                   error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, client_id);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    g_string_append_printf (visit_ids, " %" G_GINT64_FORMAT, palpate_db_column_int64 (stmt, 0));
  palpate_db_reset (stmt);
  if (step == PALPATE_DB_ERROR)
    return FALSE;

  on_server = palpate_db_get_kind (palpate_store_get_conn (self)) == PALPATE_DB_POSTGRESQL;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (steps[i].sqlite_only && on_server)
        continue;
      stmt = palpate_store_db_prepare (self, steps[i].sql, error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_int64 (stmt, 1, client_id);
      if (!palpate_store_db_step_done (stmt, error))
        return FALSE;
    }
  stmt = palpate_store_db_prepare (self, "DELETE FROM record_destruction", error);
  if (stmt == NULL || !palpate_store_db_step_done (stmt, error))
    return FALSE;
  /* The other rooms take the client off their lists: the server's clients_notify trigger
   * tells of rows added or changed only. Sent at the commit, with nothing if it rolls back. */
  if (on_server)
    {
      stmt = palpate_store_db_prepare (self, "SELECT pg_notify ('palpate', 'clients ' || "
                                             "CAST (? AS text))", error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_int64 (stmt, 1, client_id);
      if (!palpate_store_db_step_done (stmt, error))
        return FALSE;
    }
  if (!palpate_store_audit_append (self, "destroy", "client", client_id, visit_ids->str,
                                   error))
    return FALSE;

  return palpate_store_transaction_commit (&transaction, error);
}
