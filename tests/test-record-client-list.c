/* test-record-client-list.c — a spreadsheet's client list imported into a clinic
 *
 * A CSV file of names, phones, emails and birth dates (as a spreadsheet saves it, with or
 * without a byte-order mark, quoted or not) into a small demo clinic: duplicates reported, a bad
 * line refused with its number and the clinic unchanged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-demo-clinic.h"
#include "palpate-record.h"
#include "palpate-store.h"
#include "palpate-test-clinic.h"
#include "palpate-test-utils.h"

typedef struct
{
  char         *dir;
  PalpateStore *store;    /* a small demo clinic */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("palpate-client-list-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "demo.sqlite3", NULL);
  fixture->store = palpate_store_open (path, &error);
  g_assert_no_error (error);
  palpate_store_set_actor (fixture->store, "Test");
  g_assert_true (palpate_demo_clinic_write (fixture->store, PALPATE_DEMO_SMALL, 7,
                                            palpate_atlas_place_in_region,
                                            palpate_atlas_get_default (), &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
  palpate_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
test_record_client_list (Fixture       *fixture,
                         gconstpointer  user_data)
{
  static const char good[] =
    "\xef\xbb\xbfName,Phone,E-mail,Birth date\r\n"
    "Ada Lovelace,555-0101,ada@example.org,1985-12-10\r\n"
    "\"Brontë, Charlotte\",,,1966-04-21\r\n"
    "Ada Lovelace,555-0101,ada@example.org,1985-12-10\r\n"
    "\r\n"
    "\"Zoë \"\"Z\"\" Quinn\",555-0199,,\n";
  static const char bad[] =
    "name,birth date\n"
    "Ann Able,1970-01-01\n"
    "Ben Baker,1970-13-45\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PalpateImportSummary summary;
  int n_clients = palpate_store_count_clients (fixture->store);

  g_assert_true (palpate_record_import_client_list (fixture->store, good, strlen (good),
                                                    &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_clients_added, ==, 3);
  g_assert_cmpuint (summary.duplicates->len, ==, 1);
  palpate_import_summary_clear (&summary);
  g_assert_cmpint (palpate_store_count_clients (fixture->store), ==, n_clients + 3);

  found = palpate_store_search_clients (fixture->store, "Brontë", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (palpate_client_get_name (found->pdata[0]), ==, "Brontë, Charlotte");
  g_assert_cmpstr (palpate_client_get_birth_date (found->pdata[0]), ==, "1966-04-21");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = palpate_store_search_clients (fixture->store, "Quinn", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (palpate_client_get_name (found->pdata[0]), ==, "Zoë \"Z\" Quinn");

  /* The same list again: everyone is already here. */
  g_assert_true (palpate_record_import_client_list (fixture->store, good, strlen (good),
                                                    &summary, &error));
  g_assert_cmpuint (summary.n_clients_added, ==, 0);
  g_assert_cmpuint (summary.duplicates->len, ==, 4);
  palpate_import_summary_clear (&summary);

  /* A bad date on line 3: nobody is added, and the line is named. */
  before = palpate_test_clinic_fingerprint (fixture->store);
  g_assert_false (palpate_record_import_client_list (fixture->store, bad, strlen (bad), &summary,
                                                     &error));
  g_assert_error (error, PALPATE_RECORD_ERROR, PALPATE_RECORD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 3"));
  palpate_import_summary_clear (&summary);
  after = palpate_test_clinic_fingerprint (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/Palpate/Record/client-list", Fixture, NULL, fixture_set_up,
              test_record_client_list, fixture_tear_down);

  return g_test_run ();
}
