/* palpate-record-client-list.c — clients written by an import, and a client list from a
 * spreadsheet
 *
 * Clients from a record and from a CSV file are written the same way: with their search text
 * and an audit entry, and with a word when someone of the same name and date of birth is
 * already in the clinic
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
#include "palpate-store-returning-private.h"
#include "palpate-rules.h"

/* Clients. */

gboolean
palpate_record_insert_client (PalpateImport  *import,
                              PalpateClient  *client,
                              const char     *uuid,
                              gint64          source_id,
                              gint64         *target,
                              GError        **error)
{
  g_autofree char *search_source = NULL;
  g_autofree char *search_text = NULL;
  g_autofree char *conditions = NULL;
  g_autofree char *contraindications = NULL;
  g_autofree char *practitioners = NULL;
  const char *birth_date = palpate_client_get_birth_date (client);
  gboolean with_id = import->keep_ids && source_id > 0;
  PalpateDbStatement *stmt;

  search_source = g_strjoin (" ", palpate_client_get_name (client),
                             palpate_client_get_phone (client) ?: "", NULL);
  search_text = palpate_store_fold_for_search (search_source);
  conditions = palpate_store_strv_to_json (palpate_client_get_conditions (client));
  contraindications = palpate_store_strv_to_json (palpate_client_get_contraindications (client));
  practitioners = palpate_store_strv_to_json (palpate_client_get_practitioners (client));

  /* The file's id is written only when the import keeps it; otherwise the id column is left
   * out for the database to choose one (PostgreSQL's identity column refuses a NULL id). */
  if (with_id)
    stmt = palpate_store_db_prepare (import->store,
                                     "INSERT INTO clients (uuid, name, birth_date, phone, email, "
                                     "conditions, contraindications, practitioners, goals, "
                                     "search_text, created_at, id) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                     error);
  else
    stmt = palpate_store_db_prepare (import->store,
                                     "INSERT INTO clients (uuid, name, birth_date, phone, email, "
                                     "conditions, contraindications, practitioners, goals, "
                                     "search_text, created_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                     error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_text (stmt, 1, uuid);
  palpate_db_bind_text (stmt, 2, palpate_client_get_name (client));
  palpate_db_bind_text (stmt, 3, birth_date != NULL && *birth_date != '\0' ? birth_date : NULL);
  palpate_db_bind_text (stmt, 4, palpate_client_get_phone (client));
  palpate_db_bind_text (stmt, 5, palpate_client_get_email (client));
  palpate_db_bind_text (stmt, 6, conditions);
  palpate_db_bind_text (stmt, 7, contraindications);
  palpate_db_bind_text (stmt, 8, practitioners);
  palpate_db_bind_text (stmt, 9, palpate_client_get_goals (client));
  palpate_db_bind_text (stmt, 10, search_text);
  if (palpate_client_get_created_at (client) != NULL)
    palpate_store_db_bind_datetime (stmt, 11, palpate_client_get_created_at (client));
  else
    palpate_db_bind_int64 (stmt, 11, g_date_time_to_unix (import->now));
  if (with_id)
    palpate_db_bind_int64 (stmt, 12, source_id);
  if (!palpate_store_db_step_returning_id (stmt, target, error))
    return FALSE;

  /* The file's full-text table (FTS5) is written by hand; the server's trigram index
   * (clients_search) is on clients.search_text itself. */
  if (palpate_db_get_kind (palpate_store_get_conn (import->store)) == PALPATE_DB_SQLITE)
    {
      stmt = palpate_store_db_prepare (import->store,
                                       "INSERT INTO clients_search (rowid, search_text) "
                                       "VALUES (?, ?)",
                                       error);
      if (stmt == NULL)
        return FALSE;
      palpate_db_bind_int64 (stmt, 1, *target);
      palpate_db_bind_text (stmt, 2, search_text);
      if (!palpate_store_db_step_done (stmt, error))
        return FALSE;
    }

  return palpate_store_audit_append (import->store, "import", "client", *target, NULL, error);
}

/* Another client here with the same name and date of birth: kept apart, but said. */
gboolean
palpate_record_note_namesake (PalpateImport  *import,
                              PalpateClient  *client,
                              const char     *where,
                              GError        **error)
{
  const char *birth_date = palpate_client_get_birth_date (client);
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  /* IS NOT DISTINCT FROM: SQLite's IS, which PostgreSQL also has (SQLite since 3.39). */
  stmt = palpate_store_db_prepare (import->store,
                                   "SELECT 1 FROM clients "
                                   "WHERE name = ? AND birth_date IS NOT DISTINCT FROM ? LIMIT 1",
                                   error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_text (stmt, 1, palpate_client_get_name (client));
  palpate_db_bind_text (stmt, 2, birth_date != NULL && *birth_date != '\0' ? birth_date : NULL);
  step = palpate_db_step (stmt, error);
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ROW && import->summary != NULL)
    g_ptr_array_add (import->summary->duplicates,
                     /* Translators: %s is a client's name, then a place in the file */
                     g_strdup_printf (_("%s (%s) has the same name and date of birth as a client "
                                        "already in this clinic."),
                                      palpate_client_get_name (client), where));
  if (step == PALPATE_DB_ERROR)
    return FALSE;

  return TRUE;
}

/* A client list from a spreadsheet: CSV (RFC 4180), UTF-8, a header row naming the columns. */

static GPtrArray *
csv_next_row (const char **cursor,
              const char  *end,
              guint       *line,
              GError     **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = *cursor;
  guint start_line = *line;

  if (p >= end)
    return NULL;

  for (;;)
    {
      if (p < end && *p == '"')
        {
          p++;
          for (;;)
            {
              if (p >= end)
                {
                  g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                               _("At line %u of the file: a quoted field is not closed."),
                               start_line);
                  return NULL;
                }
              if (*p == '"' && p + 1 < end && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                {
                  if (*p == '\n')
                    (*line)++;
                  g_string_append_c (field, *p++);
                }
            }
        }
      while (p < end && *p != ',' && *p != '\n' && *p != '\r')
        g_string_append_c (field, *p++);

      if (field->len > PALPATE_NOTE_MAX_CHARS)
        {
          g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                       _("At line %u of the file: a field is far longer than a client’s "
                         "details can be."), start_line);
          return NULL;
        }
      g_ptr_array_add (fields, g_string_free (g_steal_pointer (&field), FALSE));
      field = g_string_new (NULL);

      if (p < end && *p == ',')
        {
          p++;
          continue;
        }
      if (p < end && *p == '\r')
        p++;
      if (p < end && *p == '\n')
        p++;
      (*line)++;
      break;
    }

  *cursor = p;
  return g_steal_pointer (&fields);
}

static int
csv_column (const char *header)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);
  g_autofree char *stripped = g_strstrip (g_strdup (folded));

  if (g_str_equal (stripped, "name"))
    return 0;
  if (g_str_equal (stripped, "birth date") || g_str_equal (stripped, "birth_date") ||
      g_str_equal (stripped, "date of birth"))
    return 1;
  if (g_str_equal (stripped, "phone"))
    return 2;
  if (g_str_equal (stripped, "email") || g_str_equal (stripped, "e-mail"))
    return 3;
  return -1;
}

/**
 * palpate_record_import_client_list:
 * @csv: the file's content
 * @summary: (out caller-allocates) (optional): the clients added and the duplicates skipped
 *
 * Adds the clients of a spreadsheet's CSV export: a header row with the columns name, birth
 * date (year-month-day), phone and email (any order; only name is required), then one client
 * a line. A client already here with the same name and date of birth is skipped and reported.
 *
 * Returns: %TRUE if every line was imported or skipped; otherwise %FALSE with @error naming the
 *   line and the reason, and the clinic unchanged
 */
gboolean
palpate_record_import_client_list (PalpateStore          *store,
                                   const char            *csv,
                                   gsize                  length,
                                   PalpateImportSummary  *summary,
                                   GError               **error)
{
  PalpateImport import;
  const char *cursor = csv;
  const char *end = csv + length;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GHashTable) in_file = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int columns[4] = { -1, -1, -1, -1 };
  const char *invalid_end;
  guint line = 1;
  gboolean ok = FALSE;

  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);
  g_return_val_if_fail (csv != NULL || length == 0, FALSE);

  if (!g_utf8_validate_len (csv, length, &invalid_end))
    {
      for (const char *p = csv; p < invalid_end; p++)
        if (*p == '\n')
          line++;
      g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                   _("At line %u of the file: the text is not UTF-8. Save the spreadsheet as "
                     "“CSV UTF-8”."), line);
      return FALSE;
    }
  if (length >= 3 && memcmp (csv, "\xef\xbb\xbf", 3) == 0)
    cursor += 3;

  header = csv_next_row (&cursor, end, &line, error);
  if (header == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                     _("The file is empty."));
      return FALSE;
    }
  for (guint i = 0; i < header->len; i++)
    {
      int column = csv_column (header->pdata[i]);

      if (column >= 0 && columns[column] < 0)
        columns[column] = (int) i;
    }
  if (columns[0] < 0)
    {
      g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                   _("At line 1 of the file: the first line should name the columns, one of "
                     "them “name”."));
      return FALSE;
    }

  palpate_record_import_init (&import, store, summary);
  if (!palpate_store_begin (store, error))
    goto out;

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) row = NULL;
      g_autoptr(PalpateClient) client = palpate_client_new ();
      g_autofree char *where = NULL;
      g_autofree char *key = NULL;
      const char *values[4] = { NULL, NULL, NULL, NULL };
      guint row_line = line;
      gint64 client_id;

      row = csv_next_row (&cursor, end, &line, &local_error);
      if (row == NULL && local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }
      if (row == NULL)
        break;
      if (row->len == 1 && *(char *) row->pdata[0] == '\0')
        continue;

      for (guint c = 0; c < 4; c++)
        if (columns[c] >= 0 && (guint) columns[c] < row->len)
          {
            g_strstrip (row->pdata[columns[c]]);
            if (*(char *) row->pdata[columns[c]] != '\0')
              values[c] = row->pdata[columns[c]];
          }

      palpate_client_set_name (client, values[0] ? values[0] : "");
      palpate_client_set_birth_date (client, values[1]);
      palpate_client_set_phone (client, values[2]);
      palpate_client_set_email (client, values[3]);
      if (!palpate_client_validate (client, import.now, &local_error))
        {
          g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                       _("At line %u of the file: %s"), row_line, local_error->message);
          goto failed;
        }
      if ((values[2] && g_utf8_strlen (values[2], -1) > PALPATE_CONTACT_MAX_CHARS) ||
          (values[3] && g_utf8_strlen (values[3], -1) > PALPATE_CONTACT_MAX_CHARS))
        {
          g_set_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID,
                       _("At line %u of the file: a phone number or email address is too "
                         "long."), row_line);
          goto failed;
        }

      /* The same person twice, in the file or already here: added once, and said. */
      where = g_strdup_printf (_("line %u"), row_line);
      key = g_strdup_printf ("%s\n%s", values[0], values[1] ? values[1] : "");
      if (!g_hash_table_add (in_file, g_steal_pointer (&key)))
        {
          if (summary != NULL)
            g_ptr_array_add (summary->duplicates,
                             g_strdup_printf (_("%s (%s) appears twice in the file; added once."),
                                              values[0], where));
          continue;
        }
      {
        guint before = summary != NULL ? summary->duplicates->len : 0;

        if (!palpate_record_note_namesake (&import, client, where, error))
          goto failed;
        if (summary != NULL && summary->duplicates->len > before)
          continue;
      }

      if (!palpate_record_insert_client (&import, client, NULL, 0, &client_id, error))
        goto failed;
      if (summary != NULL)
        summary->n_clients_added++;
    }

  ok = palpate_store_audit_append (store, "import", "client-list", 0, NULL, error) &&
       palpate_store_commit (store, error);
  if (ok)
    goto out;

failed:
  palpate_store_rollback (store);
  palpate_import_summary_reset (summary);
out:
  palpate_record_import_clear (&import);
  return ok;
}
