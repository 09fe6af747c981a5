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
 * row, so that the same record always gives the same Bundle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-exchange"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-fhir.h"

#define SNOMED "http://snomed.info/sct"
#define LOINC "http://loinc.org"
#define TERMINOLOGY "http://terminology.hl7.org/CodeSystem/"
#define LATERALITY_URL "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-laterality-qualifier"

typedef struct
{
  const char *client_uuid;
  JsonArray  *entries;
  char       *patient_ref;
  GHashTable *practitioners;   /* therapist id (string) → "urn:uuid:…" */
} Bundle;

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

static JsonObject *
coding (const char *system,
        const char *code,
        const char *display)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "system", system);
  json_object_set_string_member (object, "code", code);
  if (display != NULL)
    json_object_set_string_member (object, "display", display);
  return object;
}

static JsonObject *
concept (JsonObject *first_coding,
         const char *text)
{
  JsonObject *object = json_object_new ();

  if (first_coding != NULL)
    {
      JsonArray *codings = json_array_new ();

      json_array_add_object_element (codings, first_coding);
      json_object_set_array_member (object, "coding", codings);
    }
  if (text != NULL)
    json_object_set_string_member (object, "text", text);
  return object;
}

static JsonObject *
reference (const char *target)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "reference", target);
  return object;
}

static JsonArray *
array_of (JsonObject *object)
{
  JsonArray *array = json_array_new ();

  json_array_add_object_element (array, object);
  return array;
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
resource_uuid (Bundle     *bundle,
               const char *kind,
               const char *local)
{
  g_autofree char *seed = g_strdup_printf ("%s/%s/%s", bundle->client_uuid, kind, local);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);
  const char variant[] = "89ab";

  return g_strdup_printf ("%.8s-%.4s-4%.3s-%c%.3s-%.12s", hash, hash + 8, hash + 13,
                          variant[g_ascii_xdigit_value (hash[16]) & 3], hash + 17, hash + 20);
}

/* Adds the resource to the bundle; returns its full URL for references. */
static char *
add_entry (Bundle     *bundle,
           JsonObject *resource,
           const char *kind,
           const char *local)
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

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static gboolean
has_int (JsonObject *object,
         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

static char *
local_id (JsonObject *object)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object, "id"));
}

static void
add_patient (Bundle     *bundle,
             JsonObject *client)
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

  bundle->patient_ref = add_entry (bundle, patient, "Patient", "client");
}

static void
add_practitioners (Bundle     *bundle,
                   JsonObject *root)
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
                           add_entry (bundle, practitioner, "Practitioner", seed));
    }
}

static JsonObject *
category (const char *code,
          const char *display)
{
  return concept (coding (TERMINOLOGY "observation-category", code,
                          display), NULL);
}

static JsonObject *
new_observation (Bundle     *bundle,
                 JsonObject *visit,
                 const char *encounter_ref,
                 JsonObject *code,
                 const char *category_code,
                 const char *category_display)
{
  JsonObject *observation = json_object_new ();
  gboolean is_signed = g_strcmp0 (string_member (visit, "status"), "signed") == 0;

  json_object_set_string_member (observation, "status", is_signed ? "final" : "preliminary");
  json_object_set_array_member (observation, "category",
                                array_of (category (category_code, category_display)));
  json_object_set_object_member (observation, "code", code);
  json_object_set_object_member (observation, "subject", reference (bundle->patient_ref));
  json_object_set_object_member (observation, "encounter", reference (encounter_ref));
  json_object_set_string_member (observation, "effectiveDateTime",
                                 string_member (visit, "started_at"));
  return observation;
}

/* The region of the visit's most intense finding: where the pain was rated. */
static const char *
main_region (JsonObject *visit)
{
  JsonArray *findings = json_object_get_array_member (visit, "findings");
  const char *region = NULL;
  gint64 most = -1;

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      const char *kind = string_member (finding, "kind");

      if (g_strcmp0 (kind, "cleared") == 0 || g_strcmp0 (kind, "contraindication") == 0 ||
          string_member (finding, "region_id") == NULL)
        continue;
      if (json_object_get_int_member (finding, "intensity") > most)
        {
          most = json_object_get_int_member (finding, "intensity");
          region = string_member (finding, "region_id");
        }
    }

  return region;
}

static void
add_pain (Bundle     *bundle,
          JsonObject *visit,
          const char *encounter_ref,
          const char *member,
          const char *text)
{
  g_autofree char *id = local_id (visit);
  g_autofree char *seed = g_strconcat (member, "-", id, NULL);
  g_autofree char *url = NULL;
  JsonObject *observation;
  JsonObject *site;

  if (!has_int (visit, member))
    return;

  observation = new_observation (bundle, visit, encounter_ref,
                                 concept (coding (LOINC, PALPATE_LOINC_PAIN_NRS,
                                                  "Pain severity - 0-10 verbal numeric rating "
                                                  "[Score] - Reported"),
                                          text),
                                 "survey", "Survey");
  json_object_set_int_member (observation, "valueInteger",
                              json_object_get_int_member (visit, member));
  site = palpate_fhir_dup_body_site (main_region (visit));
  if (site != NULL)
    json_object_set_object_member (observation, "bodySite", site);
  url = add_entry (bundle, observation, "Observation", seed);
}

static void
add_outcomes (Bundle     *bundle,
              JsonObject *visit,
              const char *encounter_ref)
{
  JsonArray *ratings = json_object_get_array_member (visit, "psfs_ratings");
  JsonArray *outcomes = json_object_get_array_member (visit, "outcome_measures");
  g_autofree char *id = local_id (visit);

  for (guint i = 0; i < json_array_get_length (ratings); i++)
    {
      JsonObject *rating = json_array_get_object_element (ratings, i);
      g_autofree char *text = g_strdup_printf ("Patient-Specific Functional Scale: %s",
                                               string_member (rating, "activity"));
      g_autofree char *seed = g_strdup_printf ("psfs-%s-%" G_GINT64_FORMAT, id,
                                               json_object_get_int_member (rating, "activity_id"));
      g_autofree char *url = NULL;
      JsonObject *observation = new_observation (bundle, visit, encounter_ref,
                                                 concept (NULL, text), "survey", "Survey");

      json_object_set_int_member (observation, "valueInteger",
                                  json_object_get_int_member (rating, "rating"));
      url = add_entry (bundle, observation, "Observation", seed);
    }

  for (guint i = 0; i < json_array_get_length (outcomes); i++)
    {
      JsonObject *outcome = json_array_get_object_element (outcomes, i);
      JsonArray *answers = json_object_get_array_member (outcome, "answers");
      gboolean ndi = g_strcmp0 (string_member (outcome, "instrument"), "ndi") == 0;
      g_autofree char *seed = g_strdup_printf ("outcome-%s-%s", id,
                                               string_member (outcome, "instrument"));
      g_autofree char *url = NULL;
      JsonObject *observation, *quantity;
      int sum = 0, answered = 0;

      for (guint q = 0; q < json_array_get_length (answers); q++)
        if (!json_array_get_null_element (answers, q))
          {
            sum += (int) json_array_get_int_element (answers, q);
            answered++;
          }
      if (answered == 0)
        continue;

      observation = new_observation (bundle, visit, encounter_ref,
                                     concept (NULL, ndi ? "Neck Disability Index"
                                                        : "Oswestry Disability Index"),
                                     "survey", "Survey");
      if (ndi)
        json_object_set_int_member (observation, "valueInteger", sum);
      else
        {
          /* ODI: sum ÷ (5 × answered) × 100 % (Fairbank & Pynsent 2000). */
          quantity = json_object_new ();
          json_object_set_double_member (quantity, "value",
                                         (double) (int) (1000.0 * sum / (5.0 * answered) + 0.5)
                                         / 10.0);
          json_object_set_string_member (quantity, "unit", "%");
          json_object_set_string_member (quantity, "system", "http://unitsofmeasure.org");
          json_object_set_string_member (quantity, "code", "%");
          json_object_set_object_member (observation, "valueQuantity", quantity);
        }
      url = add_entry (bundle, observation, "Observation", seed);
    }
}

static void
add_procedures (Bundle     *bundle,
                JsonObject *visit,
                const char *encounter_ref)
{
  JsonArray *applied = json_object_get_array_member (visit, "applied_techniques");
  gboolean is_signed = g_strcmp0 (string_member (visit, "status"), "signed") == 0;

  for (guint i = 0; i < json_array_get_length (applied); i++)
    {
      JsonObject *technique = json_array_get_object_element (applied, i);
      JsonObject *procedure = json_object_new ();
      JsonObject *site = palpate_fhir_dup_body_site (string_member (technique, "region_id"));
      JsonObject *note = json_object_new ();
      g_autofree char *id = local_id (technique);
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT " min, %s pressure%s%s",
                                               json_object_get_int_member (technique, "minutes"),
                                               string_member (technique, "pressure"),
                                               string_member (technique, "note") ? ". " : "",
                                               string_member (technique, "note") ?: "");
      g_autofree char *url = NULL;

      json_object_set_string_member (procedure, "status", is_signed ? "completed" : "in-progress");
      json_object_set_object_member (procedure, "code",
                                     concept (NULL, string_member (technique, "technique")));
      json_object_set_object_member (procedure, "subject", reference (bundle->patient_ref));
      json_object_set_object_member (procedure, "encounter", reference (encounter_ref));
      json_object_set_string_member (procedure, "performedDateTime",
                                     string_member (visit, "started_at"));
      if (site != NULL)
        json_object_set_array_member (procedure, "bodySite", array_of (site));
      json_object_set_string_member (note, "text", text);
      json_object_set_array_member (procedure, "note", array_of (note));
      url = add_entry (bundle, procedure, "Procedure", id);
    }
}

static void
add_consent (Bundle     *bundle,
             JsonObject *visit)
{
  JsonObject *consent;
  JsonObject *policy;
  g_autofree char *id = NULL;
  g_autofree char *url = NULL;

  if (!json_object_get_boolean_member_with_default (visit, "consent_sensitive", FALSE))
    return;

  id = local_id (visit);
  consent = json_object_new ();
  json_object_set_string_member (consent, "status", "active");
  json_object_set_object_member (consent, "scope",
                                 concept (coding (TERMINOLOGY "consentscope",
                                                  "treatment", "Treatment"),
                                          "Treatment of sensitive areas"));
  json_object_set_array_member (consent, "category",
                                array_of (concept (coding (LOINC, "59284-0", "Patient Consent"),
                                                   NULL)));
  json_object_set_object_member (consent, "patient", reference (bundle->patient_ref));
  json_object_set_string_member (consent, "dateTime", string_member (visit, "started_at"));
  policy = concept (coding (TERMINOLOGY "v3-ActCode", "OPTIN",
                            "opt-in"),
                    "The client consented to treatment of sensitive areas at this visit.");
  json_object_set_object_member (consent, "policyRule", policy);
  url = add_entry (bundle, consent, "Consent", id);
}

static void
add_note (Bundle     *bundle,
          JsonObject *visit,
          const char *encounter_ref,
          const char *practitioner_ref)
{
  static const struct { const char *member; const char *title; } parts[] = {
    { "subjective", "Subjective" }, { "objective", "Objective" },
    { "assessment", "Assessment" }, { "plan", "Plan" }, { "home_care", "Home care" },
  };
  g_autoptr(GString) note = g_string_new (NULL);
  JsonObject *document, *attachment, *content, *context, *period;
  JsonArray *amendments = json_object_get_array_member (visit, "amendments");
  g_autofree char *id = NULL;
  g_autofree char *data = NULL;
  g_autofree char *url = NULL;

  if (g_strcmp0 (string_member (visit, "status"), "signed") != 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (string_member (visit, parts[i].member) != NULL)
      g_string_append_printf (note, "%s: %s\n\n", parts[i].title,
                              string_member (visit, parts[i].member));
  g_string_append_printf (note, "Signed by %s at %s.\n", string_member (visit, "signed_by"),
                          string_member (visit, "signed_at"));
  for (guint i = 0; amendments != NULL && i < json_array_get_length (amendments); i++)
    {
      JsonObject *amendment = json_array_get_object_element (amendments, i);

      g_string_append_printf (note, "\nAmendment by %s at %s: %s\n",
                              string_member (amendment, "author"),
                              string_member (amendment, "created_at"),
                              string_member (amendment, "text"));
    }

  id = local_id (visit);
  data = g_base64_encode ((const guchar *) note->str, note->len);
  document = json_object_new ();
  json_object_set_string_member (document, "status", "current");
  json_object_set_string_member (document, "docStatus",
                                 amendments != NULL && json_array_get_length (amendments) > 0
                                 ? "amended" : "final");
  json_object_set_object_member (document, "type",
                                 concept (coding (LOINC, "11506-3", "Progress note"),
                                          "SOAP note of a massage therapy visit"));
  json_object_set_object_member (document, "subject", reference (bundle->patient_ref));
  json_object_set_string_member (document, "date", string_member (visit, "signed_at"));
  if (practitioner_ref != NULL)
    {
      json_object_set_array_member (document, "author", array_of (reference (practitioner_ref)));
      json_object_set_object_member (document, "authenticator", reference (practitioner_ref));
    }
  attachment = json_object_new ();
  json_object_set_string_member (attachment, "contentType", "text/plain; charset=utf-8");
  json_object_set_string_member (attachment, "language", "en");
  json_object_set_string_member (attachment, "data", data);
  json_object_set_string_member (attachment, "title", "SOAP note");
  json_object_set_string_member (attachment, "creation", string_member (visit, "signed_at"));
  content = json_object_new ();
  json_object_set_object_member (content, "attachment", attachment);
  json_object_set_array_member (document, "content", array_of (content));
  context = json_object_new ();
  json_object_set_array_member (context, "encounter", array_of (reference (encounter_ref)));
  period = json_object_new ();
  json_object_set_string_member (period, "start", string_member (visit, "started_at"));
  json_object_set_object_member (context, "period", period);
  json_object_set_object_member (document, "context", context);
  url = add_entry (bundle, document, "DocumentReference", id);
}

static char *
end_time (JsonObject *visit)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (string_member (visit, "started_at"),
                                                             NULL);
  g_autoptr(GDateTime) end = NULL;

  if (start == NULL)
    return NULL;
  end = g_date_time_add_minutes (start, (int) json_object_get_int_member (visit,
                                                                          "duration_minutes"));
  return g_date_time_format (end, "%Y-%m-%dT%H:%M:%SZ");
}

static void
add_visit (Bundle     *bundle,
           JsonObject *visit)
{
  JsonObject *encounter = json_object_new ();
  JsonObject *period = json_object_new ();
  JsonObject *class_coding;
  g_autofree char *id = local_id (visit);
  g_autofree char *encounter_ref = NULL;
  g_autofree char *end = end_time (visit);
  const char *practitioner_ref = NULL;
  gboolean is_signed = g_strcmp0 (string_member (visit, "status"), "signed") == 0;

  if (has_int (visit, "therapist_id"))
    {
      g_autofree char *therapist = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    json_object_get_int_member (visit,
                                                                                "therapist_id"));

      practitioner_ref = g_hash_table_lookup (bundle->practitioners, therapist);
    }

  json_object_set_string_member (encounter, "status", is_signed ? "finished" : "in-progress");
  class_coding = coding (TERMINOLOGY "v3-ActCode", "AMB", "ambulatory");
  json_object_set_object_member (encounter, "class", class_coding);
  json_object_set_array_member (encounter, "type",
                                array_of (concept (NULL, "Massage therapy session")));
  json_object_set_object_member (encounter, "subject", reference (bundle->patient_ref));
  if (practitioner_ref != NULL)
    {
      JsonObject *participant = json_object_new ();

      json_object_set_object_member (participant, "individual", reference (practitioner_ref));
      json_object_set_array_member (encounter, "participant", array_of (participant));
    }
  json_object_set_string_member (period, "start", string_member (visit, "started_at"));
  if (end != NULL && is_signed)
    json_object_set_string_member (period, "end", end);
  json_object_set_object_member (encounter, "period", period);
  encounter_ref = add_entry (bundle, encounter, "Encounter", id);

  add_pain (bundle, visit, encounter_ref, "pain_before", "Pain before treatment");
  add_pain (bundle, visit, encounter_ref, "pain_after", "Pain after treatment");
  add_outcomes (bundle, visit, encounter_ref);
  add_procedures (bundle, visit, encounter_ref);
  add_consent (bundle, visit);
  add_note (bundle, visit, encounter_ref, practitioner_ref);
}

/* A Condition per kind of finding that names one, with every region it was found in. */
static void
add_conditions (Bundle    *bundle,
                JsonArray *visits)
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
      url = add_entry (bundle, condition, "Condition", condition_kinds[k].kind);
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
  Bundle bundle = { 0 };

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
    add_visit (&bundle, json_array_get_object_element (visits, i));
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
