/* palpate-record-rules.c — what the regulators ask of a massage therapy record: how long it is
 * kept, and which areas need the client's written consent before they are treated
 *
 * Retention, Ontario (CMTO's record-keeping standard): a client's record is kept at least ten
 * years after the last visit or, for a client under 18 at the last visit, ten years after the
 * day the client turned or would have turned 18, whichever is later.
 *
 * Sensitive areas: CMTO's Standard of Practice on consent names the chest wall muscles, the
 * breast, the upper inner thighs and the gluteal region. Treating any of them needs the client's
 * written consent on file and their verbal consent again at every visit; a recorded refusal
 * stands until the client withdraws it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-record-rules"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-core-error.h"
#include "palpate-record-rules.h"

#define AGE_OF_MAJORITY 18
#define ONTARIO_YEARS 10

static void
add_years (GDate *date,
           guint  years)
{
  /* 29 February plus a year that is not a leap year lands on 28 February, as GDate does. */
  g_date_add_years (date, years);
}

/**
 * palpate_retention_keep_until:
 * @custom_years: the years a clinic keeps records, for %PALPATE_JURISDICTION_CUSTOM
 * @last_visit: the day of the client's last visit
 * @birth_date: (nullable): the client's date of birth, when known
 * @keep_until: (out caller-allocates): the first day the record may be destroyed
 *
 * Returns: %FALSE when there is no last visit to count from
 */
gboolean
palpate_retention_keep_until (PalpateJurisdiction  jurisdiction,
                              guint                custom_years,
                              const GDate         *last_visit,
                              const GDate         *birth_date,
                              GDate               *keep_until)
{
  guint years = jurisdiction == PALPATE_JURISDICTION_ONTARIO ? ONTARIO_YEARS : custom_years;

  g_return_val_if_fail (keep_until != NULL, FALSE);

  g_date_clear (keep_until, 1);
  if (last_visit == NULL || !g_date_valid (last_visit))
    return FALSE;

  *keep_until = *last_visit;
  add_years (keep_until, years);

  /* A minor's record is kept the same number of years from their 18th birthday, when that is
   * later. */
  if (birth_date != NULL && g_date_valid (birth_date))
    {
      GDate from_majority = *birth_date;

      add_years (&from_majority, AGE_OF_MAJORITY + years);
      if (g_date_compare (&from_majority, keep_until) > 0)
        *keep_until = from_majority;
    }

  return TRUE;
}

/* Whether a record kept until @keep_until may be destroyed on @today. */
gboolean
palpate_retention_is_due (const GDate *keep_until,
                          const GDate *today)
{
  g_return_val_if_fail (g_date_valid (today), FALSE);

  return keep_until != NULL && g_date_valid (keep_until) && g_date_compare (today, keep_until) >= 0;
}

const char *
palpate_jurisdiction_get_name (PalpateJurisdiction jurisdiction)
{
  switch (jurisdiction)
    {
    case PALPATE_JURISDICTION_ONTARIO:
      return _("Ontario (10 years after the last visit)");
    case PALPATE_JURISDICTION_CUSTOM:
    default:
      return _("Another jurisdiction (years set by the clinic)");
    }
}

/* Region ids of the body atlas, by the start of the muscle's name: the side is left out so that
 * both sides match. */
static const struct
{
  const char           *prefix;
  PalpateSensitiveArea  area;
} sensitive_regions[] = {
  { "pectoralis-", PALPATE_SENSITIVE_AREA_CHEST_WALL },
  { "serratus-anterior-", PALPATE_SENSITIVE_AREA_CHEST_WALL },
  { "adductors-", PALPATE_SENSITIVE_AREA_INNER_THIGH },
  { "gluteus-maximus-", PALPATE_SENSITIVE_AREA_GLUTEAL },
  { "gluteus-medius-", PALPATE_SENSITIVE_AREA_GLUTEAL },
  { "piriformis-", PALPATE_SENSITIVE_AREA_GLUTEAL },
};

PalpateSensitiveArea
palpate_sensitive_area_for_region (const char *region_id)
{
  if (region_id == NULL)
    return PALPATE_SENSITIVE_AREA_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (sensitive_regions); i++)
    if (g_str_has_prefix (region_id, sensitive_regions[i].prefix))
      return sensitive_regions[i].area;

  return PALPATE_SENSITIVE_AREA_NONE;
}

static const char *area_keys[PALPATE_N_SENSITIVE_AREAS] = {
  NULL, "chest-wall", "inner-thigh", "gluteal",
};

const char *
palpate_sensitive_area_get_key (PalpateSensitiveArea area)
{
  g_return_val_if_fail (area < PALPATE_N_SENSITIVE_AREAS, NULL);

  return area_keys[area];
}

PalpateSensitiveArea
palpate_sensitive_area_from_key (const char *key)
{
  for (guint i = 1; i < PALPATE_N_SENSITIVE_AREAS; i++)
    if (g_strcmp0 (key, area_keys[i]) == 0)
      return i;

  return PALPATE_SENSITIVE_AREA_NONE;
}

const char *
palpate_sensitive_area_get_name (PalpateSensitiveArea area)
{
  switch (area)
    {
    case PALPATE_SENSITIVE_AREA_CHEST_WALL:
      return _("Chest wall and breast");
    case PALPATE_SENSITIVE_AREA_INNER_THIGH:
      return _("Inner thigh");
    case PALPATE_SENSITIVE_AREA_GLUTEAL:
      return _("Gluteal region");
    case PALPATE_SENSITIVE_AREA_NONE:
    default:
      return NULL;
    }
}

/**
 * palpate_sensitive_area_check:
 * @written_consent: the client's written consent for @area is on file and not withdrawn
 * @refused: the client's refusal of treatment of @area is on file and not withdrawn
 * @verbal_today: the client gave verbal consent for @area at this visit
 *
 * Returns: whether @area may be treated; otherwise @error says why, in words the therapist can
 *   act on
 */
gboolean
palpate_sensitive_area_check (PalpateSensitiveArea   area,
                              gboolean               written_consent,
                              gboolean               refused,
                              gboolean               verbal_today,
                              GError               **error)
{
  const char *name = palpate_sensitive_area_get_name (area);

  if (area == PALPATE_SENSITIVE_AREA_NONE)
    return TRUE;

  if (refused)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("The client has refused treatment of this area (%s). It cannot be treated "
                     "unless the client withdraws the refusal."), name);
      return FALSE;
    }

  if (!written_consent)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("This is a sensitive area (%s): record the client’s written consent for it "
                     "before treating it."), name);
      return FALSE;
    }

  if (!verbal_today)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("Confirm that the client gave verbal consent today before treating a "
                     "sensitive area (%s)."), name);
      return FALSE;
    }

  return TRUE;
}
