/* palpate-fhir.h — a client's record as a FHIR R4 Bundle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PALPATE_LOINC_PAIN_NRS "72514-3"

JsonObject *palpate_fhir_dup_body_site (const char  *region_id);
JsonNode   *palpate_fhir_bundle_new    (JsonNode    *record,
                                        GError     **error);

G_END_DECLS
