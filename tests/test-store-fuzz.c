/* test-store-fuzz.c — clinic files damaged or edited by hand: opened, verified and reported on
 * without a crash or a memory error
 *
 * A demo clinic is written once, then each round makes a mutated copy of it, seeded so a
 * failure can be replayed: bytes flipped anywhere in the file, or rows edited through SQL with
 * the protections dropped (invalid UTF-8 in names, malformed JSON and escapes in list fields,
 * out-of-range dates and numbers, cut audit logs, forged signatures). Each copy goes through
 * the paths that read a file: open, --verify-audit, the client list, reports and month
 * listings. The rounds run under the sanitizer build too, where any over-read aborts them.
 *
 *   PALPATE_FUZZ_FILES=N   how many mutated files (1000 by default)
 *   PALPATE_FUZZ_SEED=S    the first seed (round i uses S + i)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-demo-clinic.h"
#include "palpate-report.h"
#include "palpate-store.h"

/* How many of the demo's clients the mutated files keep. */
#define BASE_CLIENTS 4

typedef struct
{
  guint opened;
  guint refused;
  guint verified;
  guint reports;
} Tally;

/* Text payloads that have broken parsers before, or could: escapes cut short, lone surrogates,
 * bytes that are not UTF-8, a lead byte at the very end. */
static const char *hostile_texts[] = {
  "'[\"\\u12\"]'",
  "'[\"a\\u\"]'",
  "'[\"\\ud800\"]'",
  "'[\"\\\\\"]'",
  "'[\"x\\'",
  "'[\"\\u00zz\", 3, null, {}]'",
  "'[1e999, -1e999]'",
  "'[1,2,3]'",
  "'[\"\"]'",
  "'[]'",
  "'[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]'",
  "CAST (X'416E6E61F0' AS TEXT)",
  "CAST (X'F0' AS TEXT)",
  "CAST (X'C3' AS TEXT)",
  "CAST (X'5B22F09F' AS TEXT) || '\"]'",
  "CAST (X'E282' AS TEXT)",
  "CAST (X'00410042' AS TEXT)",
  "''",
  "NULL",
  "'-9223372036854775808'",
  "9223372036854775807",
  "-1",
  "1e308",
};

/* Edits a hand in the sqlite3 shell could make; HOSTILE stands for one of the texts above, ID
 * for a random row id. CHECK constraints refuse some of them: those simply do nothing. */
static const char *edits[] = {
  "UPDATE clients SET name = HOSTILE WHERE id = ID",
  "UPDATE clients SET conditions = HOSTILE WHERE id = ID",
  "UPDATE clients SET contraindications = HOSTILE WHERE id = ID",
  "UPDATE clients SET practitioners = HOSTILE WHERE id = ID",
  "UPDATE clients SET birth_date = HOSTILE WHERE id = ID",
  "UPDATE psfs_activities SET name = HOSTILE WHERE id = ID",
  "UPDATE therapists SET name = HOSTILE WHERE id = ID",
  "UPDATE techniques SET name = HOSTILE WHERE id = ID % 8",
  "UPDATE visits SET subjective = HOSTILE WHERE id = ID",
  "UPDATE visits SET started_at = HOSTILE WHERE id = ID",
  "UPDATE visits SET signed_at = HOSTILE WHERE id = ID",
  "UPDATE visits SET pain_before = HOSTILE WHERE id = ID",
  "UPDATE visits SET therapist_name = HOSTILE WHERE id = ID",
  "UPDATE visits SET status = 'signed', signed_at = 1, signed_by = 'x' WHERE id = ID",
  "UPDATE visits SET seal = HOSTILE WHERE id = ID",
  "UPDATE visits SET version = HOSTILE WHERE id = ID",
  "UPDATE findings SET points = HOSTILE WHERE id = ID",
  "UPDATE findings SET region_id = HOSTILE WHERE id = ID",
  "UPDATE findings SET note = HOSTILE WHERE id = ID",
  "UPDATE findings SET visit_id = ID WHERE id = ID * 3",
  "UPDATE applied_techniques SET technique_name = HOSTILE WHERE id = ID",
  "UPDATE applied_techniques SET region_id = HOSTILE WHERE id = ID",
  "UPDATE psfs_ratings SET activity_name = HOSTILE WHERE rowid = ID",
  "UPDATE outcome_measures SET answers = HOSTILE WHERE id = ID % 50",
  "UPDATE clinic_settings SET value = HOSTILE",
  "UPDATE audit_log SET detail = HOSTILE WHERE id = ID",
  "UPDATE audit_log SET actor = HOSTILE WHERE id = ID",
  "DELETE FROM audit_log WHERE id > ID",
  "DELETE FROM clinic_identity",
  "INSERT INTO findings (visit_id, view, kind, intensity, points) "
  "VALUES (ID, 'anterior', 'spasm-zone', 5, HOSTILE)",
  "UPDATE client_zones SET points = HOSTILE WHERE id = ID % 20",
};

static char *
replace_all (const char *text,
             const char *word,
             const char *by)
{
  g_auto(GStrv) parts = g_strsplit (text, word, -1);

  return g_strjoinv (by, parts);
}

static void
mutate_bytes (GRand *rand,
              char  *contents,
              gsize  length)
{
  guint n = g_rand_int_range (rand, 1, 17);

  for (guint i = 0; i < n; i++)
    {
      /* Mostly past the header, which is checked first and would stop the file at the door. */
      gsize at = g_rand_int_range (rand, 0, 8) == 0 ? (gsize) g_rand_int_range (rand, 0, 100)
                                                    : (gsize) g_rand_int_range (rand, 100,
                                                                                (gint32) length);

      contents[at] = (char) g_rand_int_range (rand, 0, 256);
    }
}

static void
mutate_rows (GRand      *rand,
             const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) triggers = g_ptr_array_new_with_free_func (g_free);
  guint n = g_rand_int_range (rand, 1, 5);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* One transaction, not flushed: the rounds are about reading, and a flush costs more than
   * a round. */
  sqlite3_exec (db, "PRAGMA synchronous = OFF; BEGIN", NULL, NULL, NULL);

  /* As someone with the sqlite3 shell would: the protections go first. */
  if (g_rand_boolean (rand) &&
      sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'trigger'", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (triggers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < triggers->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP TRIGGER \"%s\"", (char *) triggers->pdata[i]);

      sqlite3_exec (db, drop, NULL, NULL, NULL);
    }

  for (guint i = 0; i < n; i++)
    {
      const char *edit = edits[g_rand_int_range (rand, 0, G_N_ELEMENTS (edits))];
      const char *hostile = hostile_texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (hostile_texts))];
      g_autofree char *id = g_strdup_printf ("%d", g_rand_int_range (rand, 1, 700));
      g_autofree char *with_text = replace_all (edit, "HOSTILE", hostile);
      g_autofree char *sql = replace_all (with_text, "ID", id);

      sqlite3_exec (db, sql, NULL, NULL, NULL);
    }

  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
}

/* Everything that reads the file, as the window and the command line do; the answers may be
 * errors, but never a crash. */
static void
read_everything (const char *path,
                 gboolean    write_pdf,
                 const char *pdf_path,
                 Tally      *tally)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
  g_autoptr(GPtrArray) clients = NULL;
  gint64 n_rows = 0;

  if (store == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      tally->refused++;
      return;
    }
  tally->opened++;

  if (palpate_store_verify_audit (store, &n_rows, &error))
    tally->verified++;
  else
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  clients = palpate_store_search_clients (store, NULL, 6, NULL);
  for (guint i = 0; clients != NULL && i < clients->len; i++)
    {
      gint64 client_id = palpate_client_get_id (clients->pdata[i]);
      const char *name = palpate_client_get_name (clients->pdata[i]);
      g_autoptr(PalpateReport) report = NULL;
      g_autofree char *file_name = NULL;
      g_autofree char *sentence = NULL;
      g_autoptr(GPtrArray) zones = NULL;
      g_autoptr(GArray) outcomes = NULL;

      g_assert_true (g_utf8_validate (name, -1, NULL));
      file_name = palpate_report_dup_file_name (name, "-progress-report.pdf");
      zones = palpate_store_list_client_zones (store, client_id, NULL);
      outcomes = palpate_store_list_outcomes (store, client_id, NULL);

      report = palpate_report_new (store, client_id, NULL, NULL, NULL);
      if (report == NULL)
        continue;
      tally->reports++;
      sentence = palpate_report_dup_client_sentence (report);
      if (write_pdf && i == 0)
        palpate_report_write_pdf (report, PALPATE_PAPER_A4, pdf_path, NULL);
    }

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GArray) seen = palpate_store_list_clients_seen (store, 0,
                                                              g_date_time_to_unix (now), NULL);
  }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
remove_side_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
}

/* The rounds write and flush a clinic file each: in memory (/dev/shm) when there is one, as
 * the disk's flushes would be most of their time. */
static char *
make_scratch_dir (void)
{
  g_autofree char *in_memory = g_strdup ("/dev/shm/palpate-fuzz-XXXXXX");

  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_mkdtemp_full (in_memory, 0700) != NULL)
    return g_steal_pointer (&in_memory);

  return g_dir_make_tmp ("palpate-fuzz-XXXXXX", NULL);
}

static void
test_store_fuzz_mutated_files (void)
{
  g_autofree char *tmpdir = make_scratch_dir ();
  g_autofree char *demo_path = g_build_filename (tmpdir, "demo.sqlite3", NULL);
  g_autofree char *path = g_build_filename (tmpdir, "fuzzed", "clinic.sqlite3", NULL);
  g_autofree char *pdf_path = g_build_filename (tmpdir, "report.pdf", NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *demo = NULL;
  const char *files_text = g_getenv ("PALPATE_FUZZ_FILES");
  const char *seed_text = g_getenv ("PALPATE_FUZZ_SEED");
  guint n_files = files_text ? (guint) g_ascii_strtoull (files_text, NULL, 10) : 1000;
  guint32 seed = seed_text ? (guint32) g_ascii_strtoull (seed_text, NULL, 10) : 20261202;
  gsize demo_length = 0;
  Tally tally = { 0, 0, 0, 0 };
  gint64 started = g_get_monotonic_time ();

  /* The demo clinic, checkpointed into one plain file. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PalpateStore) store = palpate_store_open (demo_path, &error);

    g_assert_no_error (error);
    palpate_store_set_actor (store, "Fuzz");
    g_assert_true (palpate_demo_clinic_write (store, PALPATE_DEMO_SMALL, seed,
                                              palpate_atlas_place_in_region,
                                              palpate_atlas_get_default (), &error));
    g_assert_no_error (error);
    g_assert_true (palpate_store_verify_audit (store, NULL, &error));
    g_assert_no_error (error);
  }
  /* Cut down to its first few clients, so that a thousand rounds stay quick under the
   * sanitizers: every kind of row is still there. The audit log keeps the seals of the visits
   * that went, so this base no longer verifies; the rounds only need to get through. */
  {
    sqlite3 *db = NULL;
    g_autofree char *trim = g_strdup_printf (
      "PRAGMA foreign_keys = OFF; BEGIN;"
      "DELETE FROM findings WHERE visit_id IN (SELECT id FROM visits WHERE client_id > %d);"
      "DELETE FROM applied_techniques WHERE visit_id IN "
      "  (SELECT id FROM visits WHERE client_id > %d);"
      "DELETE FROM psfs_ratings WHERE visit_id IN (SELECT id FROM visits WHERE client_id > %d);"
      "DELETE FROM outcome_measures WHERE visit_id IN "
      "  (SELECT id FROM visits WHERE client_id > %d);"
      "DELETE FROM amendments WHERE visit_id IN (SELECT id FROM visits WHERE client_id > %d);"
      "DELETE FROM visits WHERE client_id > %d;"
      "DELETE FROM psfs_activities WHERE client_id > %d;"
      "DELETE FROM client_zones WHERE client_id > %d;"
      "DELETE FROM clients_search WHERE rowid > %d;"
      "DELETE FROM clients WHERE id > %d;"
      "COMMIT; PRAGMA journal_mode = DELETE; VACUUM;",
      BASE_CLIENTS, BASE_CLIENTS, BASE_CLIENTS, BASE_CLIENTS, BASE_CLIENTS, BASE_CLIENTS,
      BASE_CLIENTS, BASE_CLIENTS, BASE_CLIENTS, BASE_CLIENTS);
    g_autoptr(GPtrArray) triggers = g_ptr_array_new_with_free_func (g_free);
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open (demo_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master "
                                             "WHERE type = 'trigger' AND sql LIKE '%signed%'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (triggers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    sqlite3_finalize (stmt);
    for (guint i = 0; i < triggers->len; i++)
      {
        g_autofree char *drop = g_strdup_printf ("DROP TRIGGER \"%s\"",
                                                 (char *) triggers->pdata[i]);

        g_assert_cmpint (sqlite3_exec (db, drop, NULL, NULL, NULL), ==, SQLITE_OK);
      }
    g_assert_cmpint (sqlite3_exec (db, trim, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_true (g_file_get_contents (demo_path, &demo, &demo_length, NULL));
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);

  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed + i);
      g_autofree char *contents = g_memdup2 (demo, demo_length);

      remove_side_files (path);
      if (g_rand_boolean (rand))
        {
          mutate_bytes (rand, contents, demo_length);
          g_assert_true (g_file_set_contents_full (path, contents, demo_length,
                                                   G_FILE_SET_CONTENTS_NONE, 0600, NULL));
        }
      else
        {
          g_assert_true (g_file_set_contents_full (path, contents, demo_length,
                                                   G_FILE_SET_CONTENTS_NONE, 0600, NULL));
          mutate_rows (rand, path);
        }

      read_everything (path, i % 100 == 0, pdf_path, &tally);
    }

  g_test_message ("%u mutated files in %.1f s: %u opened (%u verified intact), %u refused, "
                  "%u reports", n_files,
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC,
                  tally.opened, tally.verified, tally.refused, tally.reports);

  /* The rounds reached past the door: most edited files open and are reported on. */
  g_assert_cmpuint (tally.opened + tally.refused, ==, n_files);
  g_assert_cmpuint (tally.opened, >, n_files / 4);
  g_assert_cmpuint (tally.reports, >, n_files / 4);

  remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/StoreFuzz/mutated-files", test_store_fuzz_mutated_files);

  return g_test_run ();
}
