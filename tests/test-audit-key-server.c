/* test-audit-key-server.c — one audit key for every computer of a clinic on a server (a real
 * PostgreSQL 15 server, the real `palpate` command)
 *
 * The clinic's audit chain is written from every treatment room, so every computer must hold
 * the same key. Each computer is a config folder of its own: this program's (the first to open
 * the clinic, which makes the key), and others given to `palpate` as XDG_CONFIG_HOME. A computer
 * without the key is refused with the way to import it, and makes no key of its own; with the
 * key imported it verifies the chain the first computer wrote; a computer with another key is
 * refused, and the import does not replace a key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <sys/stat.h>

#include "palpate-store.h"
#include "palpate-test-clinic.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"
#include "palpate-test-utils.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs `palpate ARGS…` as the computer whose config folder is @config. */
static gboolean
run_palpate (Run        *run,
             const char *config,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "XDG_CONFIG_HOME", config, TRUE);
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  run_clear (run);
  g_ptr_array_add (argv, (char *) PALPATE_EXE);
  va_start (args, config);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
  return g_spawn_check_wait_status (run->status, NULL);
}

static char *
key_file (const char *config,
          const char *uuid)
{
  g_autofree char *name = g_strconcat (uuid, ".key", NULL);

  return g_build_filename (config, "palpate", "clinics", name, NULL);
}

static void
assert_private_file (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_audit_key_shared (void)
{
  g_autofree char *conninfo = palpate_test_server_new_database ();
  g_autofree char *location = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *second_key = NULL;
  g_autofree char *third_key = NULL;
  g_autofree char *third_folder = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(PalpateStore) first = NULL;
  g_autoptr(GError) error = NULL;
  const char *here = g_get_user_config_dir ();
  guint8 other_key[32];
  Run run = { 0 };

  if (conninfo == NULL)
    return;

  /* The first computer opens the clinic: it makes the key, and writes the chain. */
  location = palpate_test_store_server_location (conninfo);
  first = palpate_store_open (location, &error);
  g_assert_no_error (error);
  palpate_store_set_actor (first, "Maria Rossi");
  palpate_test_clinic_add_client (first, "Anna Berg");

  tmpdir = palpate_test_make_tmpdir ();
  second = g_build_filename (tmpdir, "second", NULL);
  third = g_build_filename (tmpdir, "third", NULL);
  exported = g_build_filename (tmpdir, "clinic.key", NULL);

  /* Exported on the first computer, into a file only its owner can read, which names the
   * clinic … */
  g_assert_true (run_palpate (&run, here, "--database", location, "--export-audit-key",
                              exported, NULL));
  assert_private_file (exported);
  g_assert_true (g_file_get_contents (exported, &contents, NULL, &error));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "Palpate audit key");
  g_assert_true (g_uuid_string_is_valid (lines[1]));
  uuid = g_strdup (lines[1]);
  second_key = key_file (second, uuid);
  third_key = key_file (third, uuid);
  /* … never over another file. */
  g_assert_false (run_palpate (&run, here, "--database", location, "--export-audit-key",
                               exported, NULL));
  g_assert_nonnull (strstr (run.err, "cannot be written"));

  /* A second computer without the key: refused, told how to import it, and no key of its
   * own made (which would split the chain). */
  g_assert_false (run_palpate (&run, second, "--database", location, "--verify-audit", NULL));
  g_assert_nonnull (strstr (run.err, "does not hold the key of the clinic’s audit log"));
  g_assert_nonnull (strstr (run.err, "--import-audit-key"));
  g_assert_null (strstr (run.err, "host="));
  g_assert_false (g_file_test (second_key, G_FILE_TEST_EXISTS));

  /* Imported on the second: it verifies the chain the first computer wrote, and goes on
   * verifying what the first writes next. */
  g_assert_true (run_palpate (&run, second, "--import-audit-key", exported, NULL));
  assert_private_file (second_key);
  g_assert_true (run_palpate (&run, second, "--database", location, "--verify-audit", NULL));
  g_assert_nonnull (strstr (run.out, "The audit log is intact"));
  palpate_test_clinic_add_client (first, "Bruno Costa");
  g_assert_true (run_palpate (&run, second, "--database", location, "--verify-audit", NULL));
  g_assert_nonnull (strstr (run.out, "The audit log is intact"));
  /* The same key again: nothing to do. */
  g_assert_true (run_palpate (&run, second, "--import-audit-key", exported, NULL));

  /* A third computer that made a key of its own (say, before it was given the clinic's) is
   * refused, and the import does not replace that key. */
  third_folder = g_path_get_dirname (third_key);
  g_assert_cmpint (g_mkdir_with_parents (third_folder, 0700), ==, 0);
  randombytes_buf (other_key, sizeof other_key);
  g_assert_true (g_file_set_contents_full (third_key, (const char *) other_key, sizeof other_key,
                                           G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error));
  g_assert_false (run_palpate (&run, third, "--database", location, "--verify-audit", NULL));
  g_assert_nonnull (strstr (run.err, "is not the one the clinic’s other computers use"));
  g_assert_false (run_palpate (&run, third, "--import-audit-key", exported, NULL));
  g_assert_nonnull (strstr (run.err, "already holds another key"));

  /* Not a key file: refused with the reason. */
  g_assert_true (g_file_set_contents (exported, "Palpate audit key\nnot a uuid\n", -1, &error));
  g_assert_false (run_palpate (&run, third, "--import-audit-key", exported, NULL));
  g_assert_nonnull (strstr (run.err, "is not a clinic’s key"));

  run_clear (&run);
  palpate_test_remove_tree (tmpdir);
  palpate_store_close (first);
  g_clear_object (&first);
  palpate_test_server_drop_database (conninfo);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/Palpate/AuditKey/shared-by-the-clinic-computers", test_audit_key_shared);

  return g_test_run ();
}
