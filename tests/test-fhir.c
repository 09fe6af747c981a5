/* test-fhir.c — a client's record as a FHIR R4 Bundle, and the atlas's SNOMED CT body sites
 *
 * The Bundle of a demo client holds the resources the record calls for, counted independently
 * through the store, and validates against the FHIR R4 schema subset in tests/data/ (with
 * python3-jsonschema); a spoiled Bundle does not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-demo-clinic.h"
#include "palpate-fhir.h"
#include "palpate-pain.h"
#include "palpate-record.h"
#include "palpate-store.h"

#define SCHEMA TEST_SRCDIR "/tests/data/fhir-r4-subset.schema.json"
#define VALIDATOR TEST_SRCDIR "/tests/fhir-validate.py"

/* Every region of every view carries a SNOMED CT body structure and, when it has a side, the
 * laterality qualifier of that side. */
static void
test_fhir_body_sites (void)
{
  PalpateAtlas *atlas = palpate_atlas_get_default ();
  guint n_checked = 0;

  for (PalpateView view = PALPATE_VIEW_ANTERIOR; view <= PALPATE_VIEW_RIGHT_LATERAL; view++)
    {
      g_autoptr(GPtrArray) regions = NULL;

      if (!palpate_atlas_has_view (atlas, view))
        continue;
      regions = palpate_atlas_get_regions (atlas, view);
      for (guint i = 0; i < regions->len; i++)
        {
          const char *id = palpate_region_get_id (regions->pdata[i]);
          g_autoptr(JsonObject) site = palpate_fhir_dup_body_site (id);
          JsonObject *coding;
          const char *code;

          g_assert_nonnull (site);
          g_assert_true (json_object_has_member (site, "coding"));
          coding = json_array_get_object_element (json_object_get_array_member (site, "coding"), 0);
          g_assert_cmpstr (json_object_get_string_member (coding, "system"), ==,
                           "http://snomed.info/sct");
          code = json_object_get_string_member (coding, "code");
          g_assert_true (strspn (code, "0123456789") == strlen (code) && strlen (code) >= 6);
          g_assert_cmpstr (json_object_get_string_member (site, "text"), ==,
                           palpate_region_get_name (regions->pdata[i]));

          if (g_str_has_suffix (id, "-left") || g_str_has_suffix (id, "-right"))
            {
              JsonObject *extension = json_array_get_object_element (
                json_object_get_array_member (site, "extension"), 0);
              JsonObject *side = json_array_get_object_element (
                json_object_get_array_member (json_object_get_object_member (extension,
                                                                             "valueCodeableConcept"),
                                              "coding"), 0);

              g_assert_cmpstr (json_object_get_string_member (side, "code"), ==,
                               g_str_has_suffix (id, "-left") ? "7771000" : "24028007");
              g_assert_cmpint (palpate_region_is_left (regions->pdata[i]), ==,
                               g_str_has_suffix (id, "-left"));
            }
          n_checked++;
        }
    }

  g_assert_cmpuint (n_checked, >=, 90);
  g_assert_null (palpate_fhir_dup_body_site ("no-such-region"));
}

static int
validate (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "python3", VALIDATOR, SCHEMA, path, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status,
                               &error));
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("%s", err);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static guint
count_type (JsonArray  *entries,
            const char *type,
            const char *code_text)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = json_object_get_object_member (json_array_get_object_element (entries,
                                                                                           i),
                                                            "resource");

      if (g_strcmp0 (json_object_get_string_member (resource, "resourceType"), type) != 0)
        continue;
      if (code_text != NULL &&
          (!json_object_has_member (resource, "code") ||
           g_strcmp0 (json_object_get_string_member_with_default (
                        json_object_get_object_member (resource, "code"), "text", NULL),
                      code_text) != 0))
        continue;
      n++;
    }
  return n;
}

static void
write_json (JsonNode   *root,
            const char *path)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;

  json_generator_set_root (generator, root);
  g_assert_true (json_generator_to_file (generator, path, &error));
  g_assert_no_error (error);
}

static void
test_fhir_demo_client (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("palpate-fhir-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "demo.sqlite3", NULL);
  g_autofree char *path = g_build_filename (dir, "bundle.json", NULL);
  g_autofree char *spoiled = g_build_filename (dir, "spoiled.json", NULL);
  g_autoptr(PalpateStore) store = palpate_store_open (db, &error);
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) applied = NULL;
  g_autoptr(GHashTable) therapists = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                             NULL);
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(JsonNode) bundle = NULL;
  JsonArray *entries;
  gint64 client_id = 0;
  guint n_pain = 0, n_signed = 0, n_consent = 0;
  int most = -1;

  g_assert_no_error (error);
  g_assert_true (palpate_demo_clinic_write (store, PALPATE_DEMO_SMALL, 7,
                                            palpate_atlas_place_in_region,
                                            palpate_atlas_get_default (), &error));
  clients = palpate_store_search_clients (store, NULL, 1000, &error);
  for (guint i = 0; i < clients->len; i++)
    if (palpate_client_get_visit_count (clients->pdata[i]) > most)
      {
        most = palpate_client_get_visit_count (clients->pdata[i]);
        client_id = palpate_client_get_id (clients->pdata[i]);
      }

  /* What the record holds, counted through the store. */
  visits = palpate_store_list_visits (store, client_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < visits->len; i++)
    {
      PalpateVisit *visit = visits->pdata[i];
      gint64 *therapist = g_new (gint64, 1);

      n_pain += palpate_visit_get_pain_before (visit) != PALPATE_PAIN_UNSET;
      n_pain += palpate_visit_get_pain_after (visit) != PALPATE_PAIN_UNSET;
      n_signed += palpate_visit_get_status (visit) == PALPATE_VISIT_SIGNED;
      n_consent += palpate_visit_get_consent_sensitive (visit);
      *therapist = palpate_visit_get_therapist_id (visit);
      if (*therapist == 0 || g_hash_table_contains (therapists, therapist))
        g_free (therapist);
      else
        g_hash_table_add (therapists, therapist);
    }
  applied = palpate_store_list_client_applied_techniques (store, client_id, &error);
  g_assert_no_error (error);

  record = palpate_record_export_client (store, client_id, &error);
  g_assert_no_error (error);
  bundle = palpate_fhir_bundle_new (record, &error);
  g_assert_no_error (error);
  entries = json_object_get_array_member (json_node_get_object (bundle), "entry");

  g_assert_cmpuint (visits->len, >, 5);
  g_assert_cmpuint (count_type (entries, "Patient", NULL), ==, 1);
  g_assert_cmpuint (count_type (entries, "Practitioner", NULL), ==, g_hash_table_size (therapists));
  g_assert_cmpuint (count_type (entries, "Encounter", NULL), ==, visits->len);
  g_assert_cmpuint (count_type (entries, "Observation", "Pain before treatment") +
                    count_type (entries, "Observation", "Pain after treatment"), ==, n_pain);
  g_assert_cmpuint (count_type (entries, "Procedure", NULL), ==, applied->len);
  g_assert_cmpuint (count_type (entries, "DocumentReference", NULL), ==, n_signed);
  g_assert_cmpuint (count_type (entries, "Consent", NULL), ==, n_consent);
  g_assert_cmpuint (count_type (entries, "Condition", NULL), >=, 1);
  g_assert_cmpuint (count_type (entries, "Condition", NULL), <=, 7);
  g_test_message ("Bundle of %u visits: %u entries", visits->len, json_array_get_length (entries));

  write_json (bundle, path);
  g_assert_cmpint (validate (path), ==, 0);

  /* A spoiled Bundle fails the same check: an Observation without its code, an Encounter with
   * a status FHIR does not know. */
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *resource = json_object_get_object_member (json_array_get_object_element (entries,
                                                                                           i),
                                                            "resource");

      if (g_str_equal (json_object_get_string_member (resource, "resourceType"), "Observation"))
        json_object_remove_member (resource, "code");
    }
  write_json (bundle, spoiled);
  g_assert_cmpint (validate (spoiled), ==, 1);

  g_unlink (path);
  g_unlink (spoiled);
  g_assert_finalize_object (g_steal_pointer (&store));
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (db);
  {
    g_autoptr(GDir) backups = NULL;
    g_autofree char *folder = g_build_filename (dir, "backups", NULL);

    backups = g_dir_open (folder, 0, NULL);
    if (backups != NULL)
      {
        const char *name;

        while ((name = g_dir_read_name (backups)) != NULL)
          {
            g_autofree char *file = g_build_filename (folder, name, NULL);

            g_unlink (file);
          }
        g_rmdir (folder);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/Fhir/body-sites", test_fhir_body_sites);
  g_test_add_func ("/Palpate/Fhir/demo-client-bundle", test_fhir_demo_client);

  return g_test_run ();
}
