/* fuzz-record-import.c — a mutation fuzzer for the record importer
 *
 * Starts from valid seeds (a demo client's record cut to a few visits, the same as a clinic
 * document, a client list in CSV) and feeds mutants of them to palpate_record_parse(),
 * palpate_record_import() and palpate_record_import_client_list(): bytes flipped, inserted,
 * deleted, repeated and cut, JSON tokens spliced in (deep brackets, huge and negative numbers,
 * nulls, escapes, long strings). A crash, a sanitizer report, a refusal without a message or a
 * transaction left open fails the run.
 *
 *   fuzz-record-import [--iterations N] [--seed S]
 *
 * Run in the normal suite with a small count; run it with --iterations 1000000 under the
 * ASan+UBSan build (_build-sanitize) for the long campaign.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-demo-clinic.h"
#include "palpate-record.h"
#include "palpate-store.h"

static const char *tokens[] = {
  "[", "]", "{", "}", "\"", ",", ":", "null", "true", "false", "0", "-1", "11", "4294967296",
  "9223372036854775807", "-9223372036854775808", "1e309", "-0.0", "1.5", "\\u0000", "\\ud800",
  "\\\"", "\"\"", "\"signed\"", "\"draft\"", "\"id\":1", "\"uuid\":\"x\"", "[[[[[[[[", "{\"a\":",
  "\xff", "\xc3", "\n", "1970-01-01T00:00:00Z", "\"9999-12-31T23:59:59Z\"", "\"seal\":\"0\"",
};

static gboolean
region_check (const char *region_id,
              gpointer    user_data)
{
  return palpate_atlas_lookup_region (palpate_atlas_get_default (), region_id) != NULL;
}

static char *
to_text (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, g_random_boolean ());
  return json_generator_to_data (generator, NULL);
}

/* A demo client’s record with its first two visits only, as a client and as a clinic document. */
static void
make_seeds (PalpateStore *store,
            GPtrArray    *seeds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = palpate_store_search_clients (store, NULL, 1000, &error);
  g_autoptr(JsonNode) record = NULL;
  JsonObject *client;
  JsonArray *visits;
  gint64 client_id = 0;
  int fewest = G_MAXINT;

  g_assert_no_error (error);
  for (guint i = 0; i < clients->len; i++)
    if (palpate_client_get_visit_count (clients->pdata[i]) >= 3 &&
        palpate_client_get_visit_count (clients->pdata[i]) < fewest)
      {
        fewest = palpate_client_get_visit_count (clients->pdata[i]);
        client_id = palpate_client_get_id (clients->pdata[i]);
      }

  record = palpate_record_export_client (store, client_id, &error);
  g_assert_no_error (error);
  client = json_array_get_object_element (json_object_get_array_member (json_node_get_object (record),
                                                                        "clients"), 0);
  visits = json_object_get_array_member (client, "visits");
  while (json_array_get_length (visits) > 2)
    json_array_remove_element (visits, json_array_get_length (visits) - 1);

  g_ptr_array_add (seeds, to_text (record));
  json_object_set_string_member (json_node_get_object (record), "scope", "clinic");
  g_ptr_array_add (seeds, to_text (record));
  g_ptr_array_add (seeds, g_strdup ("name,birth date,phone,email\r\n"
                                    "Ada Lovelace,1985-12-10,555-0101,ada@example.org\r\n"
                                    "\"Brontë, Charlotte\",1966-04-21,,\r\n"
                                    "Zoë Quinn,,555-0199,\n"));
}

static void
insert_bytes (GByteArray   *data,
              guint         at,
              const guint8 *bytes,
              guint         length)
{
  guint old_length = data->len;

  g_byte_array_set_size (data, old_length + length);
  memmove (data->data + at + length, data->data + at, old_length - at);
  memcpy (data->data + at, bytes, length);
}

static GByteArray *
mutate (GRand      *rand,
        const char *seed)
{
  GByteArray *data = g_byte_array_new ();
  int n_mutations = g_rand_int_range (rand, 1, 9);

  g_byte_array_append (data, (const guint8 *) seed, strlen (seed));

  for (int m = 0; m < n_mutations; m++)
    {
      guint at = data->len ? g_rand_int_range (rand, 0, data->len) : 0;

      switch (g_rand_int_range (rand, 0, 8))
        {
        case 0:   /* flip a bit */
          if (data->len)
            data->data[at] ^= 1 << g_rand_int_range (rand, 0, 8);
          break;
        case 1:   /* a random byte */
          if (data->len)
            data->data[at] = g_rand_int_range (rand, 0, 256);
          break;
        case 2:   /* delete a run */
          if (data->len)
            {
              guint length = g_rand_int_range (rand, 1, 64);

              g_byte_array_remove_range (data, at, MIN (data->len - at, length));
            }
          break;
        case 3:   /* cut short */
          g_byte_array_set_size (data, at);
          break;
        case 4:   /* splice a token */
        case 5:
          {
            const char *token = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];

            insert_bytes (data, at, (const guint8 *) token, strlen (token));
          }
          break;
        case 6:   /* repeat a run */
          if (data->len)
            {
              guint wanted = g_rand_int_range (rand, 1, 256);
              guint length = MIN (data->len - at, wanted);
              g_autofree guint8 *run = g_memdup2 (data->data + at, length);

              for (int r = g_rand_int_range (rand, 1, 8); r > 0; r--)
                insert_bytes (data, at, run, length);
            }
          break;
        default:  /* a long string or deep nesting */
          {
            guint length = g_rand_int_range (rand, 0, 64) == 0 ? 600000 : 300;
            g_autofree char *run = g_strnfill (length, g_rand_boolean (rand) ? 'a' : '[');

            insert_bytes (data, at, (const guint8 *) run, length);
          }
          break;
        }
    }

  return data;
}

static void
run_one (PalpateStore *store,
         GByteArray   *data,
         gboolean      csv,
         guint        *n_accepted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  PalpateImportSummary summary = { 0 };
  gboolean ok;

  if (csv)
    ok = palpate_record_import_client_list (store, (const char *) data->data, data->len,
                                            &summary, &error);
  else
    {
      root = palpate_record_parse ((const char *) data->data, data->len, &error);
      ok = root != NULL && palpate_record_import (store, root, region_check, NULL, &summary,
                                                  &error);
      if (root == NULL)
        summary.duplicates = g_ptr_array_new ();
    }

  if (ok)
    {
      g_assert_no_error (error);
      (*n_accepted)++;
    }
  else
    {
      /* Every refusal says why, in a sentence. */
      g_assert_nonnull (error);
      g_assert_true (error->message != NULL && strlen (error->message) > 10);
      if (!g_utf8_validate (error->message, -1, NULL))
        g_error ("A refusal that is not UTF-8: %s", g_strescape (error->message, NULL));
    }
  palpate_import_summary_clear (&summary);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) folder = g_dir_open (path, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) origin = NULL;
  g_autoptr(PalpateStore) target = NULL;
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *origin_path = NULL;
  g_autofree char *target_path = NULL;
  gint64 iterations = 2000;
  gint64 seed = 20261202;
  guint n_accepted = 0;
  gint64 started = g_get_monotonic_time ();
  GOptionEntry entries[] = {
    { "iterations", 'n', 0, G_OPTION_ARG_INT64, &iterations, "How many mutants to try", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "The random seed", "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— fuzz the record importer");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (g_getenv ("PALPATE_FUZZ_ITERATIONS") != NULL)
    iterations = g_ascii_strtoll (g_getenv ("PALPATE_FUZZ_ITERATIONS"), NULL, 10);

  dir = g_dir_make_tmp ("palpate-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  /* The clinics' audit keys go into this folder too, never into the user's config folder. */
  g_setenv ("XDG_CONFIG_HOME", dir, TRUE);
  origin_path = g_build_filename (dir, "origin.sqlite3", NULL);
  target_path = g_build_filename (dir, "target.sqlite3", NULL);
  origin = palpate_store_open (origin_path, &error);
  g_assert_no_error (error);
  palpate_store_set_actor (origin, "Fuzz");
  g_assert_true (palpate_demo_clinic_write (origin, PALPATE_DEMO_SMALL, 3,
                                            palpate_atlas_place_in_region,
                                            palpate_atlas_get_default (), &error));
  g_assert_no_error (error);
  target = palpate_store_open (target_path, &error);
  g_assert_no_error (error);
  palpate_store_set_actor (target, "Fuzz");
  make_seeds (origin, seeds);

  rand = g_rand_new_with_seed ((guint32) seed);
  for (gint64 i = 0; i < iterations; i++)
    {
      guint which = g_rand_int_range (rand, 0, seeds->len);
      g_autoptr(GByteArray) data = mutate (rand, seeds->pdata[which]);

      /* Into an empty-ish clinic and into the one the record came from (the merge paths). */
      run_one (i % 2 ? origin : target, data, which == 2, &n_accepted);
      if ((i + 1) % 100000 == 0)
        g_printerr ("%" G_GINT64_FORMAT " executions, %u accepted, %.0f s\n", i + 1, n_accepted,
                    (g_get_monotonic_time () - started) / 1e6);
    }

  /* The clinics are still sound after everything they were fed. */
  g_assert_true (palpate_store_check_integrity (origin, &error));
  g_assert_true (palpate_store_verify_audit (origin, NULL, &error));
  g_assert_true (palpate_store_verify_audit (target, NULL, &error));
  g_assert_no_error (error);

  g_print ("%" G_GINT64_FORMAT " executions (seed %" G_GINT64_FORMAT "), %u accepted, no crash, "
           "%.1f s\n", iterations, seed, n_accepted, (g_get_monotonic_time () - started) / 1e6);

  g_clear_object (&origin);
  g_clear_object (&target);
  remove_tree (dir);

  return 0;
}
