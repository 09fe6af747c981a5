/* palpate-fhir-encounter.c — a visit of a client's record as FHIR R4 resources
 *
 * An Encounter per visit, finished when signed; Observations of pain before and after (LOINC
 * 72514-3, 0–10) with the body site of the visit's most intense finding, a PSFS rating per
 * activity and the NDI and ODI scores; a Procedure per technique applied; a Consent where
 * consent to treat sensitive areas was recorded; a DocumentReference holding the signed SOAP
 * note as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-exchange"

#include "config.h"

#include "palpate-fhir-private.h"

static JsonObject *
category (const char *code,
          const char *display)
{
  return concept (coding (TERMINOLOGY "observation-category", code,
                          display), NULL);
}

static JsonObject *
new_observation (PalpateFhirBundle *bundle,
                 JsonObject        *visit,
                 const char        *encounter_ref,
                 JsonObject        *code,
                 const char        *category_code,
                 const char        *category_display)
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
add_pain (PalpateFhirBundle *bundle,
          JsonObject        *visit,
          const char        *encounter_ref,
          const char        *member,
          const char        *text)
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
  url = palpate_fhir_add_entry (bundle, observation, "Observation", seed);
}

static void
add_outcomes (PalpateFhirBundle *bundle,
              JsonObject        *visit,
              const char        *encounter_ref)
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
      url = palpate_fhir_add_entry (bundle, observation, "Observation", seed);
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
      url = palpate_fhir_add_entry (bundle, observation, "Observation", seed);
    }
}

static void
add_procedures (PalpateFhirBundle *bundle,
                JsonObject        *visit,
                const char        *encounter_ref)
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
      url = palpate_fhir_add_entry (bundle, procedure, "Procedure", id);
    }
}

static void
add_consent (PalpateFhirBundle *bundle,
             JsonObject        *visit)
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
  url = palpate_fhir_add_entry (bundle, consent, "Consent", id);
}

static void
add_note (PalpateFhirBundle *bundle,
          JsonObject        *visit,
          const char        *encounter_ref,
          const char        *practitioner_ref)
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
  url = palpate_fhir_add_entry (bundle, document, "DocumentReference", id);
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

void
palpate_fhir_add_visit (PalpateFhirBundle *bundle,
                        JsonObject        *visit)
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
  encounter_ref = palpate_fhir_add_entry (bundle, encounter, "Encounter", id);

  add_pain (bundle, visit, encounter_ref, "pain_before", "Pain before treatment");
  add_pain (bundle, visit, encounter_ref, "pain_after", "Pain after treatment");
  add_outcomes (bundle, visit, encounter_ref);
  add_procedures (bundle, visit, encounter_ref);
  add_consent (bundle, visit);
  add_note (bundle, visit, encounter_ref, practitioner_ref);
}

