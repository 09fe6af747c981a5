/* palpate-fhir.c — a client's record as a FHIR R4 Bundle
 *
 * Built from the exchange-format document of one client (docs/exchange-format.md), so that
 * the Bundle says exactly what the record says. One Bundle of type "collection" holds:
 *
 * - Patient (the client, identified by the record's UUID) and a Practitioner per therapist;
 * - an Encounter per visit, finished when signed;
 * - Observations of pain before and after (LOINC 72514-3, 0–10), with the body site of the
 *   visit's most intense finding; a PSFS rating per activity, and the NDI and ODI scores;
 * - a Procedure per technique applied, with its body site;
 * - a Condition per kind of finding that names a condition (trigger points, spasm, adhesion,
 *   tender points, referred pain, numbness), with every region it was found in;
 * - a Consent for each visit where consent to treat sensitive areas was recorded;
 * - a DocumentReference holding each signed SOAP note as text.
 *
 * Body sites are SNOMED CT body structures with a laterality qualifier, from
 * data/atlas/body-snomed.json. Resource ids are UUIDs derived from the record's UUID and the
 * row, so that the same record always gives the same Bundle. Each visit's resources are
 * palpate-fhir-encounter.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-exchange"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-fhir-private.h"

/* Finding kinds that name a condition, in the words a receiving clinician reads (the Bundle
 * is written in English, as its codes' displays are). */
static const struct
{
  const char *kind;
  const char *text;
} condition_kinds[] = {
  { "trigger-point-active", "Myofascial trigger point, active" },
  { "trigger-point-latent", "Myofascial trigger point, latent" },
  { "tender-point", "Tender point" },
  { "adhesion", "Fascial adhesion" },
  { "spasm-zone", "Muscle spasm" },
  { "referred-pain", "Referred pain" },
  { "numbness", "Numbness or tingling" },
};

static JsonObject *
body_sites (void)
{
  static JsonParser *parser;

  if (g_once_init_enter (&parser))
    {
      JsonParser *loaded = json_parser_new_immutable ();
      g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_PREFIX "/atlas/body-snomed.json",
                                                         0, NULL);

      if (bytes == NULL ||
          !json_parser_load_from_data (loaded, g_bytes_get_data (bytes, NULL),
                                       g_bytes_get_size (bytes), NULL))
        g_error ("The body atlas's SNOMED CT codes are missing from the resources.");
      g_once_init_leave (&parser, loaded);
    }

  return json_node_get_object (json_parser_get_root (parser));
}

/**
 * palpate_fhir_dup_body_site:
 * @region_id: a region of the body atlas, such as "trapezius-upper-right"
 *
 * Returns: (transfer full) (nullable): the region as a FHIR CodeableConcept: its SNOMED CT body
 *   structure, its laterality and its name, or %NULL for a region the atlas does not know
 */
JsonObject *
palpate_fhir_dup_body_site (const char *region_id)
{
  const PalpateRegion *region;
  JsonObject *sites = json_object_get_object_member (body_sites (), "regions");
  JsonObject *laterality = json_object_get_object_member (body_sites (), "laterality");
  g_autofree char *base = NULL;
  const char *side = NULL;
  JsonObject *site, *result;

  if (region_id == NULL)
    return NULL;
  region = palpate_atlas_lookup_region (palpate_atlas_get_default (), region_id);
  if (region == NULL)
    return NULL;

  base = g_strdup (region_id);
  if (g_str_has_suffix (base, "-left"))
    side = "left";
  else if (g_str_has_suffix (base, "-right"))
    side = "right";
  if (side != NULL)
    base[strlen (base) - strlen (side) - 1] = '\0';

  if (!json_object_has_member (sites, base))
    return concept (NULL, palpate_region_get_name (region));

  site = json_object_get_object_member (sites, base);
  result = concept (coding (SNOMED, json_object_get_string_member (site, "code"),
                            json_object_get_string_member (site, "display")),
                    palpate_region_get_name (region));

  if (side != NULL)
    {
      JsonObject *qualifier = json_object_get_object_member (laterality, side);
      JsonObject *extension = json_object_new ();

      json_object_set_string_member (extension, "url", LATERALITY_URL);
      json_object_set_object_member (extension, "valueCodeableConcept",
                                     concept (coding (SNOMED,
                                                      json_object_get_string_member (qualifier,
                                                                                     "code"),
                                                      json_object_get_string_member (qualifier,
                                                                                     "display")),
                                              NULL));
      json_object_set_array_member (result, "extension", array_of (extension));
    }

  return result;
}

/* A UUID for a resource, the same each time for the same record and row. */
static char *
resource_uuid (PalpateFhirBundle *bundle,
               const char        *kind,
               const char        *local)
{
  g_autofree char *seed = g_strdup_printf ("%s/%s/%s", bundle->client_uuid, kind, local);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  const char variant[] = "89ab";

  return g_strdup_printf ("%.8s-%.4s-4%.3s-%c%.3s-%.12s", hash, hash + 8, hash + 13,
                          variant[g_ascii_xdigit_value (hash[16]) & 3], hash + 17, hash + 20);
}

/* Adds the resource to the bundle; returns its full URL for references. */
char *
palpate_fhir_add_entry (PalpateFhirBundle *bundle,
                        JsonObject        *resource,
                        const char        *kind,
                        const char        *local)
{
  g_autofree char *uuid = resource_uuid (bundle, kind, local);
  JsonObject *entry = json_object_new ();
  char *full_url = g_strconcat ("urn:uuid:", uuid, NULL);
  g_autoptr(JsonObject) owned = resource;

  /* resourceType first and id second, as FHIR's own examples write them. */
  {
    JsonObject *ordered = json_object_new ();
    g_autoptr(GList) members = json_object_get_members (resource);

    json_object_set_string_member (ordered, "resourceType", kind);
    json_object_set_string_member (ordered, "id", uuid);
    for (GList *l = members; l != NULL; l = l->next)
      json_object_set_member (ordered, l->data,
                              json_node_copy (json_object_get_member (resource, l->data)));
    json_object_set_string_member (entry, "fullUrl", full_url);
    json_object_set_object_member (entry, "resource", ordered);
  }
  json_array_add_object_element (bundle->entries, entry);

  return full_url;
}

static void
add_patient (PalpateFhirBundle *bundle,
             JsonObject        *client)
{
  JsonObject *patient = json_object_new ();
  JsonObject *identifier = json_object_new ();
  JsonObject *name = json_object_new ();
  JsonArray *telecom = json_array_new ();

  json_object_set_string_member (identifier, "system", "urn:ietf:rfc:3986");
  {
    g_autofree char *value = g_strconcat ("urn:uuid:", string_member (client, "uuid"), NULL);

    json_object_set_string_member (identifier, "value", value);
  }
  json_object_set_array_member (patient, "identifier", array_of (identifier));
  json_object_set_string_member (name, "text", string_member (client, "name"));
  json_object_set_array_member (patient, "name", array_of (name));

  if (string_member (client, "phone") != NULL)
    {
      JsonObject *phone = json_object_new ();

      json_object_set_string_member (phone, "system", "phone");
      json_object_set_string_member (phone, "value", string_member (client, "phone"));
      json_array_add_object_element (telecom, phone);
    }
  if (string_member (client, "email") != NULL)
    {
      JsonObject *email = json_object_new ();

      json_object_set_string_member (email, "system", "email");
      json_object_set_string_member (email, "value", string_member (client, "email"));
      json_array_add_object_element (telecom, email);
    }
  if (json_array_get_length (telecom) > 0)
    json_object_set_array_member (patient, "telecom", telecom);
  else
    json_array_unref (telecom);

  if (string_member (client, "birth_date") != NULL)
    json_object_set_string_member (patient, "birthDate", string_member (client, "birth_date"));

  bundle->patient_ref = palpate_fhir_add_entry (bundle, patient, "Patient", "client");
}

static void
add_practitioners (PalpateFhirBundle *bundle,
                   JsonObject        *root)
{
  JsonArray *therapists = json_object_get_array_member (root, "therapists");

  for (guint i = 0; i < json_array_get_length (therapists); i++)
    {
      JsonObject *therapist = json_array_get_object_element (therapists, i);
      JsonObject *practitioner = json_object_new ();
      JsonObject *name = json_object_new ();
      g_autofree char *id = local_id (therapist);
      g_autofree char *seed = g_strconcat ("therapist-", string_member (therapist, "name"), NULL);

      json_object_set_string_member (name, "text", string_member (therapist, "name"));
      json_object_set_array_member (practitioner, "name", array_of (name));
      if (string_member (therapist, "credentials") != NULL)
        {
          JsonObject *qualification = json_object_new ();

          json_object_set_object_member (qualification, "code",
                                         concept (NULL, string_member (therapist, "credentials")));
          json_object_set_array_member (practitioner, "qualification", array_of (qualification));
        }

      g_hash_table_insert (bundle->practitioners, g_strdup (id),
                           palpate_fhir_add_entry (bundle, practitioner, "Practitioner", seed));
    }
}

/* A Condition per kind of finding that names one, with every region it was found in. */
static void
add_conditions (PalpateFhirBundle *bundle,
                JsonArray         *visits)
{
  for (guint k = 0; k < G_N_ELEMENTS (condition_kinds); k++)
    {
      g_autoptr(GHashTable) regions = g_hash_table_new (g_str_hash, g_str_equal);
      JsonArray *sites = json_array_new ();
      const char *first_seen = NULL;
      const char *last_status = NULL;
      JsonObject *condition;
      g_autofree char *url = NULL;

      for (guint v = 0; v < json_array_get_length (visits); v++)
        {
          JsonObject *visit = json_array_get_object_element (visits, v);
          JsonArray *findings = json_object_get_array_member (visit, "findings");

          for (guint f = 0; f < json_array_get_length (findings); f++)
            {
              JsonObject *finding = json_array_get_object_element (findings, f);
              const char *region = string_member (finding, "region_id");

              if (g_strcmp0 (string_member (finding, "kind"), condition_kinds[k].kind) != 0)
                continue;
              if (first_seen == NULL)
                first_seen = string_member (visit, "started_at");
              last_status = string_member (finding, "status");
              if (region != NULL && g_hash_table_add (regions, (gpointer) region))
                {
                  JsonObject *site = palpate_fhir_dup_body_site (region);

                  if (site != NULL)
                    json_array_add_object_element (sites, site);
                }
            }
        }

      if (first_seen == NULL)
        {
          json_array_unref (sites);
          continue;
        }

      condition = json_object_new ();
      json_object_set_object_member (condition, "clinicalStatus",
                                     concept (coding (TERMINOLOGY "condition-clinical",
                                                      g_strcmp0 (last_status, "resolved") == 0
                                                      ? "resolved" : "active", NULL),
                                              NULL));
      json_object_set_object_member (condition, "verificationStatus",
                                     concept (coding (TERMINOLOGY "condition-ver-status",
                                                      "confirmed", NULL),
                                              NULL));
      json_object_set_array_member (condition, "category",
                                    array_of (concept (coding (TERMINOLOGY "condition-category",
                                                               "problem-list-item",
                                                               "Problem List Item"),
                                                       NULL)));
      json_object_set_object_member (condition, "code", concept (NULL, condition_kinds[k].text));
      if (json_array_get_length (sites) > 0)
        json_object_set_array_member (condition, "bodySite", sites);
      else
        json_array_unref (sites);
      json_object_set_object_member (condition, "subject", reference (bundle->patient_ref));
      json_object_set_string_member (condition, "onsetDateTime", first_seen);
      json_object_set_string_member (condition, "recordedDate", first_seen);
      url = palpate_fhir_add_entry (bundle, condition, "Condition", condition_kinds[k].kind);
    }
}

/**
 * palpate_fhir_bundle_new:
 * @record: a client document of the exchange format
 *
 * Returns: (transfer full): the client's record as a FHIR R4 Bundle of type collection, or
 *   %NULL with @error set when @record is not one client's record
 */
JsonNode *
palpate_fhir_bundle_new (JsonNode  *record,
                         GError   **error)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *timestamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *bundle_id = NULL;
  JsonObject *document = json_node_get_object (record);
  JsonArray *clients = json_object_get_array_member (document, "clients");
  JsonObject *client;
  JsonArray *visits;
  PalpateFhirBundle bundle = { 0 };

  if (clients == NULL || json_array_get_length (clients) != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("A FHIR bundle holds one client’s record."));
      return NULL;
    }
  client = json_array_get_object_element (clients, 0);
  visits = json_object_get_array_member (client, "visits");

  bundle.client_uuid = string_member (client, "uuid");
  bundle.entries = json_array_new ();
  bundle.practitioners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  add_patient (&bundle, client);
  add_practitioners (&bundle, document);
  for (guint i = 0; i < json_array_get_length (visits); i++)
    palpate_fhir_add_visit (&bundle, json_array_get_object_element (visits, i));
  add_conditions (&bundle, visits);

  bundle_id = resource_uuid (&bundle, "Bundle", "record");
  json_object_set_string_member (root, "resourceType", "Bundle");
  json_object_set_string_member (root, "id", bundle_id);
  json_object_set_string_member (root, "type", "collection");
  json_object_set_string_member (root, "timestamp", timestamp);
  json_object_set_array_member (root, "entry", bundle.entries);

  g_free (bundle.patient_ref);
  g_hash_table_unref (bundle.practitioners);

  return json_node_init_object (json_node_alloc (), root);
}
