/* test-store-seal-chain.c — the audit chain keyed outside the file: rebuilt, forged and cut
 * chains, the head recorded outside the file, and the migration that keys an old chain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "palpate-report.h"
#include "palpate-store-health.h"
#include "test-store-seal-private.h"

/* What the hash of a row covers, as the documented scheme says. */
static char *
entry_content (PalpateDbStatement *row,
               const char         *prev_hash)
{
  const char *actor = palpate_db_column_text (row, 2);
  const char *action = palpate_db_column_text (row, 3);
  const char *entity = palpate_db_column_text (row, 4);
  const char *detail = palpate_db_column_text (row, 6);
  g_autofree char *content = g_strdup_printf ("%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                                              "|%zu:%s|%zu:%s|%zu:%s|%" G_GINT64_FORMAT
                                              "|%zu:%s|%s",
                                              palpate_db_column_int64 (row, 0),
                                              palpate_db_column_int64 (row, 1),
                                              strlen (actor), actor, strlen (action), action,
                                              strlen (entity), entity,
                                              palpate_db_column_int64 (row, 5),
                                              detail ? strlen (detail) : 0, detail ? detail : "",
                                              prev_hash);

  return g_steal_pointer (&content);
}

/* Recomputes every hash of the chain with @key (or plain SHA-256 without one). */
static void
rebuild_chain (const char   *path,
               const guint8 *key)
{
  g_autoptr(GPtrArray) updates = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *prev = g_strdup (GENESIS);
  g_autoptr(GError) error = NULL;
  sqlite3 *file = NULL;
  PalpateDb *db;
  PalpateDbStatement *stmt;

  /* Read through a connection of its own, as another program would. */
  if (test_on_server)
    db = palpate_db_connect_postgresql (path, &error);
  else
    {
      g_assert_cmpint (sqlite3_open (path, &file), ==, SQLITE_OK);
      db = palpate_db_new_sqlite (file);
    }
  g_assert_no_error (error);
  stmt = palpate_db_prepare (db, "SELECT id, at, actor, action, entity, entity_id, detail "
                                 "FROM audit_log ORDER BY id", &error);
  g_assert_no_error (error);
  while (palpate_db_step (stmt, NULL) == PALPATE_DB_ROW)
    {
      g_autofree char *content = entry_content (stmt, prev);
      g_autofree char *hash = NULL;

      if (key != NULL)
        {
          g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, 32);

          g_hmac_update (hmac, (const guchar *) content, -1);
          hash = g_strdup (g_hmac_get_string (hmac));
        }
      else
        hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
      g_ptr_array_add (updates, g_strdup_printf ("UPDATE audit_log SET prev_hash = '%s', "
                                                 "hash = '%s' WHERE id = %" G_GINT64_FORMAT ";",
                                                 prev, hash, palpate_db_column_int64 (stmt, 0)));
      g_free (prev);
      prev = g_strdup (hash);
    }
  palpate_db_free (db);
  if (file != NULL)
    sqlite3_close (file);

  for (guint i = 0; i < updates->len; i++)
    raw_exec_ok (path, updates->pdata[i]);
}

static void
test_chain_rebuilt (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *message = NULL;
  guint8 wrong_key[32];

  close_store (fixture);
  raw_exec_ok (fixture->path, drop_protections ());

  /* Backdated and the actor changed, then the chain recomputed the unkeyed way. */
  raw_exec_ok (fixture->path, "UPDATE audit_log SET at = at - 86400;"
                              "UPDATE audit_log SET actor = 'Someone Else' WHERE id = 8;");
  rebuild_chain (fixture->path, NULL);
  message = verify_fails (fixture);
  g_assert_nonnull (strstr (message, "entry 1 "));
  g_clear_pointer (&message, g_free);

  /* With a key, but not the clinic's. */
  for (guint i = 0; i < G_N_ELEMENTS (wrong_key); i++)
    wrong_key[i] = (guint8) g_random_int ();
  rebuild_chain (fixture->path, wrong_key);
  message = verify_fails (fixture);
  g_assert_nonnull (strstr (message, "entry 1 "));
}

static void
test_chain_forged_entry (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *last_hash = NULL;
  g_autofree char *forged = NULL;
  gint64 count = 0;

  g_assert_true (palpate_store_get_audit_head (fixture->store, &count, NULL, &error));
  {
    PalpateDbStatement *stmt = palpate_store_db_prepare (fixture->store,
                                                         "SELECT hash FROM audit_log "
                                                         "ORDER BY id DESC LIMIT 1", NULL);

    g_assert_cmpint (palpate_db_step (stmt, NULL), ==, PALPATE_DB_ROW);
    last_hash = g_strdup (palpate_db_column_text (stmt, 0));
    palpate_db_reset (stmt);
  }
  close_store (fixture);

  /* A row appended by hand, its hash the unkeyed way: the trigger allows appending. */
  forged = g_strdup_printf ("INSERT INTO audit_log (id, at, actor, action, entity, entity_id, "
                            "detail, prev_hash, hash) VALUES (%" G_GINT64_FORMAT ", 0, 'x', "
                            "'sign', 'visit', 1, NULL, '%s', '%s')",
                            count + 1, last_hash, last_hash);
  raw_exec_ok (fixture->path, forged);
  message = verify_fails (fixture);
  expected = g_strdup_printf ("entry %" G_GINT64_FORMAT " ", count + 1);
  g_assert_nonnull (strstr (message, expected));
}

static void
test_chain_truncated (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *message = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *head_path = NULL;

  {
    PalpateStoreAudit *audit = palpate_store_get_audit (fixture->store);
    g_autofree char *key_name = g_strconcat (audit->clinic_uuid, ".key", NULL);
    g_autofree char *head_name = g_strconcat (audit->clinic_uuid, ".head", NULL);
    GStatBuf st;

    key_path = g_build_filename (g_get_user_config_dir (), "palpate", "clinics", key_name, NULL);
    head_path = g_build_filename (g_get_user_config_dir (), "palpate", "clinics", head_name,
                                  NULL);
    g_assert_cmpint (g_stat (key_path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_cmpint (st.st_size, ==, 32);
    g_assert_cmpint (g_stat (head_path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  close_store (fixture);

  /* The last entries removed: what is left is a whole chain, but shorter than recorded. */
  {
    g_autofree char *sql = g_strconcat (drop_audit_log_no_delete (),
                                        "DELETE FROM audit_log WHERE id > (SELECT max (id) - 3 "
                                        "                                  FROM audit_log);",
                                        NULL);

    raw_exec_ok (fixture->path, sql);
  }
  message = verify_fails (fixture);
  g_assert_nonnull (strstr (message, "cut short"));
  g_clear_pointer (&message, g_free);

  /* The program writing more does not hide it: the recorded head stays. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PalpateStore) store = palpate_store_open (fixture->path, &error);

    g_assert_no_error (error);
    for (int i = 0; i < 5; i++)
      g_assert_true (palpate_store_log_event (store, "print", "client", 1, NULL, &error));
    g_assert_false (palpate_store_verify_audit (store, NULL, &error));
    g_assert_nonnull (strstr (error->message, "rewritten"));
  }

  /* All of it, and the record outside the file too. */
  raw_exec_ok (fixture->path, "DELETE FROM audit_log");
  message = verify_fails (fixture);
  g_assert_nonnull (strstr (message, "cut short"));
  g_clear_pointer (&message, g_free);
  g_assert_cmpint (g_unlink (head_path), ==, 0);
  message = verify_fails (fixture);
  g_assert_nonnull (strstr (message, "emptied"));
}

static void
test_chain_head (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *short_hash = NULL;
  g_autofree char *full_hash = NULL;
  g_autofree char *backup = g_build_filename (fixture->tmpdir, "copy.sqlite3", NULL);
  g_autofree char *stamped = NULL;
  g_autofree char *expected = NULL;
  gint64 count = 0;
  gint64 n_rows = 0;
  PalpateDbStatement *row;
  sqlite3_stmt *stmt;

  g_assert_true (palpate_store_get_audit_head (fixture->store, &count, &short_hash, &error));
  g_assert_no_error (error);
  g_assert_true (palpate_store_verify_audit (fixture->store, &n_rows, &error));
  g_assert_cmpint (count, ==, n_rows);
  g_assert_cmpuint (strlen (short_hash), ==, 12);

  row = palpate_store_db_prepare (fixture->store, "SELECT hash FROM audit_log WHERE id = ?",
                                  NULL);
  palpate_db_bind_int64 (row, 1, count);
  g_assert_cmpint (palpate_db_step (row, NULL), ==, PALPATE_DB_ROW);
  full_hash = g_strdup (palpate_db_column_text (row, 0));
  palpate_db_reset (row);
  g_assert_true (g_str_has_prefix (full_hash, short_hash));

  /* The last commit recorded the head it appended outside the clinic. */
  {
    PalpateStoreAudit *audit = palpate_store_get_audit (fixture->store);

    palpate_store_audit_read_recorded_head (audit);
    g_assert_cmpint (audit->recorded_count, ==, count);
    g_assert_cmpstr (audit->recorded_hash, ==, full_hash);
  }

  if (skip_on_server ("a server clinic is backed up with palpate migrate"))
    return;

  /* Every backup carries the head as it was when it was made; the backup itself is logged. */
  g_assert_true (palpate_store_backup_to (fixture->store, backup, &error));
  g_assert_no_error (error);
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open_v2 (backup, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM clinic_settings "
                                             "WHERE key = 'audit-head'", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    stamped = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %s", count, full_hash);
  g_assert_cmpstr (stamped, ==, expected);

  row = palpate_store_db_prepare (fixture->store, "SELECT action FROM audit_log "
                                                 "ORDER BY id DESC LIMIT 1", NULL);
  g_assert_cmpint (palpate_db_step (row, NULL), ==, PALPATE_DB_ROW);
  g_assert_cmpstr (palpate_db_column_text (row, 0), ==, "backup");
  palpate_db_reset (row);
}

/* A clinic file as Palpate wrote it before schema 5: the schema steps of that time, and an
 * unkeyed audit chain. @tamper changes one entry after the chain was written. */
static void
write_v4_clinic (const char *path,
                 gboolean    tamper)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  const char *entries[][4] = {
    { "migrate", "schema", "1", NULL }, { "migrate", "schema", "2", NULL },
    { "migrate", "schema", "3", NULL }, { "migrate", "schema", "4", NULL },
    { "create", "client", "1", NULL }, { "create", "visit", "1", NULL },
    { "create", "finding", "1", NULL }, { "sign", "visit", "1", NULL },
  };
  g_autofree char *prev = g_strdup (GENESIS);

  for (guint version = 1; version <= 4; version++)
    g_string_append (sql, palpate_store_schema_step (version));
  g_string_append_printf (sql, "PRAGMA application_id = %d; PRAGMA user_version = 4;",
                          PALPATE_STORE_APPLICATION_ID);
  g_string_append (sql,
                   "INSERT INTO therapists (id, name, created_at) VALUES (1, 'Maria Rossi', 0);"
                   "INSERT INTO clients (id, name, created_at) VALUES (1, 'Zoë Ölander', 0);"
                   "INSERT INTO psfs_activities (id, client_id, position, name) "
                   "VALUES (1, 1, 0, 'Garden for an hour');"
                   "INSERT INTO visits (id, client_id, therapist_id, started_at, pain_before, "
                   "subjective) VALUES (1, 1, 1, 1700000000, 6, 'Low back after gardening');"
                   "INSERT INTO findings (visit_id, view, kind, intensity, points) "
                   "VALUES (1, 'posterior', 'trigger-point-active', 7, '[100,200]');"
                   "INSERT INTO applied_techniques (visit_id, technique_id, region_id, minutes, "
                   "pressure) VALUES (1, 1, 'erector-spinae-lumbar-left', 15, 'firm');"
                   "INSERT INTO psfs_ratings (visit_id, activity_id, rating) VALUES (1, 1, 3);"
                   "UPDATE visits SET status = 'signed', signed_at = 1700007200, "
                   "signed_by = 'Maria Rossi, RMT' WHERE id = 1;"
                   "INSERT INTO visits (id, client_id, started_at) VALUES (2, 1, 1700600000);");

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      const char *actor = i < 4 ? "" : "Maria Rossi";
      g_autofree char *content = g_strdup_printf ("%u|%u|%zu:%s|%zu:%s|%zu:%s|%s|0:|%s",
                                                  i + 1, 1700000000 + i, strlen (actor), actor,
                                                  strlen (entries[i][0]), entries[i][0],
                                                  strlen (entries[i][1]), entries[i][1],
                                                  entries[i][2], prev);
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);

      g_string_append_printf (sql, "INSERT INTO audit_log (id, at, actor, action, entity, "
                                   "entity_id, detail, prev_hash, hash) VALUES (%u, %u, '%s', "
                                   "'%s', '%s', %s, NULL, '%s', '%s');",
                              i + 1, 1700000000 + i, actor, entries[i][0], entries[i][1],
                              entries[i][2], prev, hash);
      g_free (prev);
      prev = g_strdup (hash);
    }

  if (tamper)
    g_string_append (sql, "DROP TRIGGER audit_log_no_update;"
                          "UPDATE audit_log SET actor = 'Someone Else' WHERE id = 6;");

  raw_exec_ok (path, sql->str);
}

static void
test_migration_from_v4 (void)
{
  g_autofree char *tmpdir = g_dir_make_tmp ("palpate-seal-v4-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "clinic.sqlite3", NULL);
  g_autofree char *tampered = g_build_filename (tmpdir, "tampered.sqlite3", NULL);
  g_autoptr(GError) error = NULL;

  if (skip_on_server ("a server clinic is made at the latest version"))
    {
      remove_tree (tmpdir);
      return;
    }
  write_v4_clinic (path, FALSE);
  write_v4_clinic (tampered, TRUE);

  {
    g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
    g_autoptr(PalpateVisit) visit = NULL;
    g_autoptr(GPtrArray) applied = NULL;
    g_autoptr(GPtrArray) findings = NULL;
    g_autofree char *seal = NULL;
    g_autofree char *logged = NULL;
    gint64 n_rows = 0;
    sqlite3_stmt *stmt;

    g_assert_no_error (error);
    /* Today's backup comes with the file's check, once the clinic is open. */
    g_assert_true (palpate_store_check_health (store, NULL, &error));
    g_assert_no_error (error);

    /* Nothing lost: the signed visit reads as before, with its names. */
    visit = palpate_store_get_visit (store, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (palpate_visit_get_status (visit), ==, PALPATE_VISIT_SIGNED);
    g_assert_cmpstr (palpate_visit_get_subjective (visit), ==, "Low back after gardening");
    g_assert_cmpstr (palpate_visit_get_therapist_name (visit), ==, "Maria Rossi");
    applied = palpate_store_list_applied_techniques (store, 1, &error);
    g_assert_cmpuint (applied->len, ==, 1);
    g_assert_cmpstr (palpate_applied_technique_get_technique_name (applied->pdata[0]), ==,
                     "Myofascial release");
    findings = palpate_store_list_findings (store, 1, &error);
    g_assert_cmpuint (findings->len, ==, 1);

    /* Sealed at the migration, the seal in the row and in the log. */
    stmt = palpate_store_prepare (store, "SELECT seal FROM visits WHERE id = 1", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    seal = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_reset (stmt);
    g_assert_cmpuint (strlen (seal), ==, 64);
    stmt = palpate_store_prepare (store, "SELECT detail FROM audit_log WHERE action = 'seal' "
                                         "AND entity_id = 1", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    logged = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_reset (stmt);
    g_assert_cmpstr (seal, ==, logged);

    /* The old chain was checked and keyed; it verifies with the key. */
    stmt = palpate_store_prepare (store, "SELECT entity_id, detail FROM audit_log "
                                         "WHERE action = 'rekey'", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 0);
    g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 1), "9 entries"));
    sqlite3_reset (stmt);
    g_assert_true (palpate_store_verify_audit (store, &n_rows, &error));
    g_assert_no_error (error);
    /* 8 old entries and the backup before step 5 (the 9 keyed), the keying, the seal, step 5,
     * today's backup */
    g_assert_cmpint (n_rows, ==, 13);

    /* The draft carries on as a draft, with a version. */
    g_clear_object (&visit);
    visit = palpate_store_get_visit (store, 2, &error);
    palpate_visit_set_pain_before (visit, 5);
    g_assert_true (palpate_store_save_visit (store, visit, &error));
    g_assert_no_error (error);
  }

  /* A log altered before it was keyed never verifies as intact afterwards. */
  {
    g_autoptr(PalpateStore) store = palpate_store_open (tampered, &error);

    g_assert_no_error (error);
    g_assert_false (palpate_store_verify_audit (store, NULL, &error));
    g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "before it was keyed: entry 6"));
  }

  remove_tree (tmpdir);
}

/* The details of the entries after entry @after, in the chain's order, joined by '|'. */
static char *
details_after (Fixture *fixture,
               gint64   after)
{
  g_autoptr(GString) details = g_string_new (NULL);
  PalpateDbStatement *row;

  row = palpate_store_db_prepare (fixture->store,
                                  "SELECT detail FROM audit_log WHERE id > ? ORDER BY id", NULL);
  palpate_db_bind_int64 (row, 1, after);
  while (palpate_db_step (row, NULL) == PALPATE_DB_ROW)
    g_string_append_printf (details, "%s%s", details->len > 0 ? "|" : "",
                            palpate_db_column_text (row, 0));
  palpate_db_reset (row);
  return g_string_free (g_steal_pointer (&details), FALSE);
}

/* Entries appended inside a nested transaction that is undone go with it, those of a whole
 * transaction rolled back never reach a later one, and the kept ones are in the order they
 * were appended, the chain whole and its head recorded (on a server they are written with the
 * COMMIT). */
static void
test_chain_nested (Fixture       *fixture,
                   gconstpointer  user_data)
{
  PalpateStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  gint64 before = 0;
  gint64 after = 0;
  gint64 n_rows = 0;

  g_assert_true (palpate_store_get_audit_head (store, &before, NULL, &error));
  g_assert_no_error (error);

  {
    g_auto(PalpateStoreTransaction) outer = PALPATE_STORE_TRANSACTION_INIT;

    g_assert_true (palpate_store_transaction_begin (&outer, store, &error));
    g_assert_true (palpate_store_audit_append (store, "print", "report", 1, "first", &error));
    {
      g_auto(PalpateStoreTransaction) undone = PALPATE_STORE_TRANSACTION_INIT;

      g_assert_true (palpate_store_transaction_begin (&undone, store, &error));
      g_assert_true (palpate_store_audit_append (store, "print", "report", 2, "undone", &error));
      /* Out of scope without a commit: rolled back to its savepoint. */
    }
    {
      g_auto(PalpateStoreTransaction) kept = PALPATE_STORE_TRANSACTION_INIT;

      g_assert_true (palpate_store_transaction_begin (&kept, store, &error));
      g_assert_true (palpate_store_audit_append (store, "print", "report", 3, "inside", &error));
      g_assert_true (palpate_store_transaction_commit (&kept, &error));
    }
    {
      g_auto(PalpateStoreTransaction) undone_after = PALPATE_STORE_TRANSACTION_INIT;

      /* A savepoint undone after one released: the released one's entry stays. */
      g_assert_true (palpate_store_transaction_begin (&undone_after, store, &error));
      g_assert_true (palpate_store_audit_append (store, "print", "report", 4, "undone too",
                                                 &error));
    }
    g_assert_true (palpate_store_audit_append (store, "print", "report", 5, "last", &error));
    g_assert_true (palpate_store_transaction_commit (&outer, &error));
    g_assert_no_error (error);
  }

  {
    g_auto(PalpateStoreTransaction) dropped = PALPATE_STORE_TRANSACTION_INIT;

    g_assert_true (palpate_store_transaction_begin (&dropped, store, &error));
    g_assert_true (palpate_store_audit_append (store, "print", "report", 6, "dropped", &error));
  }
  g_assert_true (palpate_store_log_event (store, "print", "report", 7, "alone", &error));
  g_assert_no_error (error);

  details = details_after (fixture, before);
  g_assert_cmpstr (details, ==, "first|inside|last|alone");
  g_assert_true (palpate_store_get_audit_head (store, &after, NULL, &error));
  g_assert_cmpint (after, ==, before + 4);
  g_assert_true (palpate_store_verify_audit (store, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_rows, ==, after);
  palpate_store_audit_read_recorded_head (palpate_store_get_audit (store));
  g_assert_cmpint (palpate_store_get_audit (store)->recorded_count, ==, after);
}

void
test_store_seal_add_chain_tests (void)
{
#define ADD(path, func) \
  g_test_add ("/Palpate/StoreSeal/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("chain-rebuilt", test_chain_rebuilt);
  ADD ("chain-forged-entry", test_chain_forged_entry);
  ADD ("chain-truncated", test_chain_truncated);
  ADD ("chain-head", test_chain_head);
  ADD ("chain-nested", test_chain_nested);
  g_test_add_func ("/Palpate/StoreSeal/migration-from-v4", test_migration_from_v4);

#undef ADD
}
