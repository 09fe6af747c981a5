/* palpate-consent.c — a client's consent or refusal as it is kept in the record
 *
 * CMTO's Standard of Practice on consent asks for informed consent to treatment (what was
 * explained, when, by whom), the client's written consent before a sensitive area is treated,
 * and a refusal to be recorded the same way. A written consent and a refusal carry the client's
 * signature; a guardian signs for a minor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-consent"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-consent.h"
#include "palpate-core-error.h"

static const char *kind_keys[PALPATE_N_CONSENT_KINDS] = {
  "treatment", "sensitive-area", "refusal",
};

static const struct {
  const char *key;
  const char *name;
} explained_items[PALPATE_N_EXPLAINED] = {
  { "assessment", N_("The assessment") },
  { "plan", N_("The treatment plan") },
  { "benefits", N_("The benefits") },
  { "risks", N_("The risks") },
  { "alternatives", N_("The alternatives") },
  { "withdraw", N_("The right to withdraw at any time") },
};

PalpateConsent *
palpate_consent_new (void)
{
  return g_new0 (PalpateConsent, 1);
}

void
palpate_consent_free (PalpateConsent *consent)
{
  if (consent == NULL)
    return;

  g_clear_pointer (&consent->given_at, g_date_time_unref);
  g_clear_pointer (&consent->withdrawn_at, g_date_time_unref);
  g_free (consent->obtained_by);
  g_free (consent->guardian);
  g_clear_pointer (&consent->strokes, g_ptr_array_unref);
  g_free (consent);
}

gboolean
palpate_consent_is_signed (const PalpateConsent *consent)
{
  g_return_val_if_fail (consent != NULL, FALSE);

  for (guint i = 0; consent->strokes != NULL && i < consent->strokes->len; i++)
    if (((GArray *) consent->strokes->pdata[i])->len >= 4)
      return TRUE;

  return FALSE;
}

/* A consent for a sensitive area and a refusal are written: the client signs them. */
gboolean
palpate_consent_needs_signature (PalpateConsentKind kind)
{
  return kind != PALPATE_CONSENT_TREATMENT;
}

/**
 * palpate_consent_validate:
 *
 * Returns: whether @consent may be recorded; otherwise @error says what is missing
 */
gboolean
palpate_consent_validate (const PalpateConsent  *consent,
                          GError               **error)
{
  g_return_val_if_fail (consent != NULL, FALSE);
  g_return_val_if_fail (consent->kind < PALPATE_N_CONSENT_KINDS, FALSE);

  if (consent->kind == PALPATE_CONSENT_TREATMENT && consent->explained == 0)
    {
      g_set_error_literal (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                           _("Tick what was explained to the client before they consented."));
      return FALSE;
    }

  if (consent->kind != PALPATE_CONSENT_TREATMENT && consent->area == PALPATE_SENSITIVE_AREA_NONE)
    {
      g_set_error_literal (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                           _("Choose the area the consent is for."));
      return FALSE;
    }

  if (consent->guardian != NULL && g_utf8_strlen (consent->guardian, -1) > 200)
    {
      g_set_error_literal (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                           _("The guardian’s name is too long."));
      return FALSE;
    }

  if (palpate_consent_needs_signature (consent->kind) && !palpate_consent_is_signed (consent))
    {
      g_set_error_literal (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                           _("A written consent needs the client’s signature: ask them to sign "
                             "in the box."));
      return FALSE;
    }

  return TRUE;
}

const char *
palpate_consent_kind_get_key (PalpateConsentKind kind)
{
  g_return_val_if_fail (kind < PALPATE_N_CONSENT_KINDS, NULL);

  return kind_keys[kind];
}

PalpateConsentKind
palpate_consent_kind_from_key (const char *key)
{
  for (guint i = 0; i < PALPATE_N_CONSENT_KINDS; i++)
    if (g_strcmp0 (key, kind_keys[i]) == 0)
      return i;

  return PALPATE_CONSENT_TREATMENT;
}

const char *
palpate_consent_kind_get_name (PalpateConsentKind kind)
{
  switch (kind)
    {
    case PALPATE_CONSENT_TREATMENT:
      return _("Consent to treatment");
    case PALPATE_CONSENT_SENSITIVE_AREA:
      return _("Written consent for a sensitive area");
    case PALPATE_CONSENT_REFUSAL:
      return _("Refusal of a sensitive area");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
palpate_consent_explained_get_key (guint index)
{
  g_return_val_if_fail (index < PALPATE_N_EXPLAINED, NULL);

  return explained_items[index].key;
}

const char *
palpate_consent_explained_get_name (guint index)
{
  g_return_val_if_fail (index < PALPATE_N_EXPLAINED, NULL);

  return _(explained_items[index].name);
}

/**
 * palpate_consents_for_area:
 * @consents: (element-type PalpateConsent): a client's consents
 *
 * Whether a written consent and a refusal of @area are on file and not withdrawn.
 */
void
palpate_consents_for_area (GPtrArray            *consents,
                           PalpateSensitiveArea  area,
                           gboolean             *written,
                           gboolean             *refused)
{
  *written = FALSE;
  *refused = FALSE;

  for (guint i = 0; i < consents->len; i++)
    {
      const PalpateConsent *consent = consents->pdata[i];

      if (consent->withdrawn_at != NULL || consent->area != area)
        continue;
      if (consent->kind == PALPATE_CONSENT_SENSITIVE_AREA)
        *written = TRUE;
      else if (consent->kind == PALPATE_CONSENT_REFUSAL)
        *refused = TRUE;
    }
}
