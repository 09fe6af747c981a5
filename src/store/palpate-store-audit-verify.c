/* palpate-store-audit-verify.c — checking a clinic's audit chain from end to end, and the
 * seals of its signed visits against it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-store-private.h"

/* How many visit ids a failed verification names before it says "and N more". */
#define MAX_NAMED_VISITS 20

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Compares every signed visit with its seal: the one in its row and the one in the audit
 * entry of its signing, and finds seals in the log whose visit is gone or no longer signed. */
static gboolean
verify_seals (PalpateStore  *self,
              GHashTable    *logged_seals,
              GError       **error)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) row_seals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) named = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id, seal FROM visits WHERE status = 'signed' "
                                   "ORDER BY id",
                                   error);
  if (stmt == NULL)
    return FALSE;
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      gint64 id = palpate_db_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (row_seals, g_strdup (palpate_store_db_column_text (stmt, 1)));
    }
  palpate_db_reset (stmt);
  if (step == PALPATE_DB_ERROR)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *id = &g_array_index (ids, gint64, i);
      g_autofree char *seal = palpate_store_seal_compute (self, *id, error);

      if (seal == NULL)
        return FALSE;

      g_hash_table_add (seen, id);
      if (g_strcmp0 (seal, row_seals->pdata[i]) != 0 ||
          g_strcmp0 (seal, g_hash_table_lookup (logged_seals, id)) != 0)
        g_array_append_val (changed, *id);
    }

  g_hash_table_iter_init (&iter, logged_seals);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (seen, key))
      g_array_append_val (changed, *(gint64 *) key);

  if (changed->len == 0)
    return TRUE;

  g_array_sort (changed, compare_ids);
  for (guint i = 0; i < changed->len && i < MAX_NAMED_VISITS; i++)
    g_string_append_printf (named, "%s%" G_GINT64_FORMAT, i ? ", " : "",
                            g_array_index (changed, gint64, i));
  if (changed->len > MAX_NAMED_VISITS)
    g_string_append_printf (named, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                                changed->len - MAX_NAMED_VISITS),
                            changed->len - MAX_NAMED_VISITS);

  g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
               g_dngettext (GETTEXT_PACKAGE,
                            "A signed visit was changed, removed or replaced after it was "
                            "signed: visit %s.",
                            "Signed visits were changed, removed or replaced after they were "
                            "signed: visits %s.",
                            changed->len),
               named->str);
  return FALSE;
}

/**
 * palpate_store_verify_audit:
 * @n_rows: (out) (optional): how many rows were checked
 *
 * Walks the whole chain with the clinic's key, checks it still holds the head recorded outside
 * the file, and computes the seal of every signed visit again.
 *
 * Returns: %TRUE if no row was changed, removed or inserted since it was written and no signed
 *   visit changed; otherwise %FALSE with @error naming the first entry that does not match or
 *   the visits whose seal does not
 */
gboolean
palpate_store_verify_audit (PalpateStore  *self,
                            gint64        *n_rows,
                            GError       **error)
{
  PalpateStoreAudit *audit;
  g_autofree char *prev_hash = g_strdup (PALPATE_STORE_AUDIT_GENESIS_HASH);
  g_autoptr(GHashTable) logged_seals = NULL;
  PalpateDbStatement *stmt;
  PalpateDbStep step;
  gint64 expected_id = 1;
  gint64 count = 0;
  gint64 broken_before_key = 0;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  if (!palpate_store_audit_open (self, error))
    return FALSE;
  audit = palpate_store_get_audit (self);

  logged_seals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT id, at, actor, action, entity, entity_id, detail, "
                                   "prev_hash, hash FROM audit_log ORDER BY id",
                                   error);
  if (stmt == NULL)
    return FALSE;

  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      gint64 id = palpate_db_column_int64 (stmt, 0);
      const char *action = palpate_store_db_column_text (stmt, 3) ?: "";
      const char *entity = palpate_store_db_column_text (stmt, 4) ?: "";
      gint64 entity_id = palpate_db_column_int64 (stmt, 5);
      const char *detail = palpate_store_db_column_text (stmt, 6);
      const char *actor = palpate_store_db_column_text (stmt, 2) ?: "";
      g_autofree char *hash = palpate_store_audit_compute_hash (audit, id,
                                                                palpate_db_column_int64 (stmt, 1),
                                                                actor, action, entity, entity_id,
                                                                detail, prev_hash);

      if (id != expected_id ||
          g_strcmp0 (palpate_store_db_column_text (stmt, 7), prev_hash) != 0 ||
          g_strcmp0 (palpate_store_db_column_text (stmt, 8), hash) != 0)
        {
          palpate_db_reset (stmt);
          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                       _("The audit log was altered: entry %lu does not match the history "
                         "before it or this clinic’s key."), (gulong) expected_id);
          return FALSE;
        }

      if (g_str_equal (entity, "visit") &&
          (g_str_equal (action, "sign") || g_str_equal (action, "seal")))
        g_hash_table_insert (logged_seals, g_memdup2 (&entity_id, sizeof entity_id),
                             g_strdup (detail));
      else if (g_str_equal (action, "destroy") && g_str_equal (entity, "client") &&
               detail != NULL && g_str_has_prefix (detail, "visits"))
        {
          /* A record destroyed past its retention: its signed visits are gone, by right. */
          g_auto(GStrv) ids = g_strsplit (detail + strlen ("visits"), " ", -1);

          for (guint i = 0; ids[i] != NULL; i++)
            {
              gint64 visit_id = g_ascii_strtoll (ids[i], NULL, 10);

              if (visit_id > 0)
                g_hash_table_remove (logged_seals, &visit_id);
            }
        }
      else if (g_str_equal (action, "rekey") && entity_id > 0 && broken_before_key == 0)
        broken_before_key = entity_id;

      g_free (prev_hash);
      prev_hash = g_strdup (palpate_store_db_column_text (stmt, 8));
      expected_id++;
      count++;
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return FALSE;

  palpate_store_audit_read_recorded_head (audit);
  if (audit->recorded_count > count)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The audit log was cut short: it had %lu entries when this computer last "
                     "wrote to it, and now has %lu."),
                   (gulong) audit->recorded_count, (gulong) count);
      return FALSE;
    }
  if (audit->recorded_count > 0)
    {
      gboolean holds = FALSE;

      if (!palpate_store_audit_chain_holds (self, audit->recorded_count, audit->recorded_hash,
                                            &holds, error))
        return FALSE;
      if (!holds)
        {
          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                       _("The audit log was rewritten: entry %lu is not the one this computer "
                         "recorded."), (gulong) audit->recorded_count);
          return FALSE;
        }
    }

  /* A clinic always has the steps that made it in its log. */
  if (count == 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The audit log was emptied: a clinic file always has the entries that "
                     "made it."));
      return FALSE;
    }

  if (broken_before_key > 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT,
                   _("The audit log was altered before it was keyed: entry %lu did not match "
                     "the history before it."), (gulong) broken_before_key);
      return FALSE;
    }

  if (!verify_seals (self, logged_seals, error))
    return FALSE;

  if (n_rows != NULL)
    *n_rows = count;

  return TRUE;
}
