/* palpate-fhir-private.h — what the FHIR Bundle of a client and of each of their visits share:
 * the code systems, the Bundle being built, and small JSON builders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-fhir.h"

G_BEGIN_DECLS

#define SNOMED "http://snomed.info/sct"
#define LOINC "http://loinc.org"
#define TERMINOLOGY "http://terminology.hl7.org/CodeSystem/"
#define LATERALITY_URL "http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-laterality-qualifier"

/* The Bundle being built. */
typedef struct
{
  const char *client_uuid;
  JsonArray  *entries;
  char       *patient_ref;
  GHashTable *practitioners;   /* therapist id (string) → "urn:uuid:…" */
} PalpateFhirBundle;

/* The small builders every resource is made of: a coding, a CodeableConcept, a Reference, a
 * one-element array, and the record's members read safely. */
static inline JsonObject *
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

static inline JsonObject *
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

static inline JsonObject *
reference (const char *target)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "reference", target);
  return object;
}

static inline JsonArray *
array_of (JsonObject *object)
{
  JsonArray *array = json_array_new ();

  json_array_add_object_element (array, object);
  return array;
}

static inline const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static inline gboolean
has_int (JsonObject *object,
         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

static inline char *
local_id (JsonObject *object)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (object, "id"));
}

char *palpate_fhir_add_entry (PalpateFhirBundle *bundle,
                              JsonObject        *resource,
                              const char        *kind,
                              const char        *local);
void  palpate_fhir_add_visit (PalpateFhirBundle *bundle,
                              JsonObject        *visit);

G_END_DECLS
