/* palpate-consent.h — a client's consent or refusal as it is kept in the record: informed
 * consent to treatment, written consent for a sensitive area, or a refusal of an area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "palpate-record-rules.h"

G_BEGIN_DECLS

typedef enum
{
  PALPATE_CONSENT_TREATMENT,
  PALPATE_CONSENT_SENSITIVE_AREA,
  PALPATE_CONSENT_REFUSAL,
} PalpateConsentKind;

#define PALPATE_N_CONSENT_KINDS (PALPATE_CONSENT_REFUSAL + 1)

/**
 * PalpateConsentExplained:
 *
 * What the therapist explained before the client consented to treatment (CMTO Standard of
 * Practice 2: informed consent).
 */
typedef enum
{
  PALPATE_EXPLAINED_ASSESSMENT   = 1 << 0,
  PALPATE_EXPLAINED_PLAN         = 1 << 1,
  PALPATE_EXPLAINED_BENEFITS     = 1 << 2,
  PALPATE_EXPLAINED_RISKS        = 1 << 3,
  PALPATE_EXPLAINED_ALTERNATIVES = 1 << 4,
  PALPATE_EXPLAINED_WITHDRAW     = 1 << 5,
} PalpateConsentExplained;

#define PALPATE_N_EXPLAINED 6

/**
 * PalpateConsent:
 * @strokes: (element-type GArray): the client's signature, each stroke a #GArray of doubles
 *   x0, y0, x1, y1, … in coordinates from 0 to 1 across the pad; %NULL or empty when unsigned
 */
typedef struct
{
  gint64                id;
  gint64                client_id;
  PalpateConsentKind    kind;
  PalpateSensitiveArea  area;
  guint                 explained;
  GDateTime            *given_at;
  char                 *obtained_by;
  char                 *guardian;
  GPtrArray            *strokes;
  GDateTime            *withdrawn_at;
} PalpateConsent;

PalpateConsent *palpate_consent_new                  (void);
void            palpate_consent_free                 (PalpateConsent          *consent);
gboolean        palpate_consent_validate             (const PalpateConsent    *consent,
                                                      GError                 **error);
gboolean        palpate_consent_check_guardian       (const PalpateConsent    *consent,
                                                      const char              *birth_date,
                                                      GDateTime               *when,
                                                      GError                 **error);
gboolean        palpate_client_is_minor_on           (const char              *birth_date,
                                                      GDateTime               *when);
gboolean        palpate_consent_is_signed            (const PalpateConsent    *consent);
gboolean        palpate_consent_needs_signature      (PalpateConsentKind       kind);
const char     *palpate_consent_kind_get_key         (PalpateConsentKind       kind);
PalpateConsentKind palpate_consent_kind_from_key     (const char              *key);
const char     *palpate_consent_kind_get_name        (PalpateConsentKind       kind);
const char     *palpate_consent_explained_get_key    (guint                    index);
const char     *palpate_consent_explained_get_name   (guint                    index);
void            palpate_consents_for_area            (GPtrArray               *consents,
                                                      PalpateSensitiveArea     area,
                                                      gboolean                *written,
                                                      gboolean                *refused);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PalpateConsent, palpate_consent_free)

G_END_DECLS
