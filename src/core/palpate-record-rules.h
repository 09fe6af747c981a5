/* palpate-record-rules.h — what the regulators ask of a massage therapy record: how long it is
 * kept, and which areas need the client's written consent before they are treated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PalpateJurisdiction:
 * @PALPATE_JURISDICTION_ONTARIO: College of Massage Therapists of Ontario
 * @PALPATE_JURISDICTION_CUSTOM: a number of years the clinic sets, from the last visit or from
 *   the age of majority, whichever is later
 */
typedef enum
{
  PALPATE_JURISDICTION_ONTARIO,
  PALPATE_JURISDICTION_CUSTOM,
} PalpateJurisdiction;

/**
 * PalpateSensitiveArea:
 * @PALPATE_SENSITIVE_AREA_NONE: not a sensitive area
 * @PALPATE_SENSITIVE_AREA_CHEST_WALL: the chest wall muscles (and breast tissue)
 * @PALPATE_SENSITIVE_AREA_INNER_THIGH: the inner thigh
 * @PALPATE_SENSITIVE_AREA_GLUTEAL: the gluteal region
 */
typedef enum
{
  PALPATE_SENSITIVE_AREA_NONE,
  PALPATE_SENSITIVE_AREA_CHEST_WALL,
  PALPATE_SENSITIVE_AREA_INNER_THIGH,
  PALPATE_SENSITIVE_AREA_GLUTEAL,
} PalpateSensitiveArea;

#define PALPATE_N_SENSITIVE_AREAS (PALPATE_SENSITIVE_AREA_GLUTEAL + 1)

gboolean             palpate_retention_keep_until        (PalpateJurisdiction  jurisdiction,
                                                          guint                custom_years,
                                                          const GDate         *last_visit,
                                                          const GDate         *birth_date,
                                                          GDate               *keep_until);
gboolean             palpate_retention_is_due            (const GDate         *keep_until,
                                                          const GDate         *today);
const char          *palpate_jurisdiction_get_name       (PalpateJurisdiction  jurisdiction);

PalpateSensitiveArea palpate_sensitive_area_for_region   (const char          *region_id);
const char          *palpate_sensitive_area_get_key      (PalpateSensitiveArea area);
PalpateSensitiveArea palpate_sensitive_area_from_key     (const char          *key);
const char          *palpate_sensitive_area_get_name     (PalpateSensitiveArea area);
gboolean             palpate_sensitive_area_check        (PalpateSensitiveArea area,
                                                          gboolean             written_consent,
                                                          gboolean             refused,
                                                          gboolean             verbal_today,
                                                          GError             **error);

G_END_DECLS
