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
#include "palpate-date.h"

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

/**
 * palpate_client_is_minor_on:
 * @birth_date: (nullable): the client's birth date, YYYY-MM-DD, as the client file holds it
 * @when: the moment that matters, in any time zone (its local day is taken)
 *
 * Returns: whether the client is under 18 on @when's day; %FALSE when the birth date is not
 *   known or not readable
 */
gboolean
palpate_client_is_minor_on (const char *birth_date,
                            GDateTime  *when)
{
  g_autoptr(GDateTime) local = NULL;
  GDate birth, day;

  g_return_val_if_fail (when != NULL, FALSE);

  if (birth_date == NULL || *birth_date == '\0' || !palpate_date_parse (birth_date, &birth, NULL))
    return FALSE;

  local = g_date_time_to_local (when);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return palpate_date_age_on (&birth, &day) < 18;
}

/**
 * palpate_consent_check_guardian:
 * @birth_date: (nullable): the client's birth date, YYYY-MM-DD
 * @when: when the consent is given
 *
 * A minor does not consent alone: a parent or guardian gives (or refuses) consent for them,
 * and the record names them (CMTO, Standards of Practice: consent; the age of majority of 18
 * is taken, the strictest of the provinces' and states' usual rules).
 *
 * Returns: %FALSE with a sentence for the therapist when the client is a minor on @when and
 *   no guardian is named
 */
gboolean
palpate_consent_check_guardian (const PalpateConsent  *consent,
                                const char            *birth_date,
                                GDateTime             *when,
                                GError               **error)
{
  const char *guardian;

  g_return_val_if_fail (consent != NULL, FALSE);
  g_return_val_if_fail (when != NULL, FALSE);

  guardian = consent->guardian;
  if (!palpate_client_is_minor_on (birth_date, when))
    return TRUE;

  while (guardian != NULL && g_unichar_isspace (g_utf8_get_char (guardian)))
    guardian = g_utf8_next_char (guardian);
  if (guardian == NULL || *guardian == '\0')
    {
      g_set_error_literal (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                           _("The client is under 18: enter the name of the parent or guardian "
                             "who gives consent for them."));
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
