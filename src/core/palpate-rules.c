/* palpate-rules.c — the rules a record must keep before it is saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-rules"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-core-error.h"
#include "palpate-date.h"
#include "palpate-pain.h"
#include "palpate-rules.h"

/* The oldest date of birth taken as real: nobody alive was born before it. */
#define OLDEST_BIRTH_YEAR 1900
/* Visits before this year are typing mistakes, not records. */
#define OLDEST_VISIT_YEAR 2000

static gboolean
check_text (const char  *text,
            glong        max_chars,
            const char  *field,
            gboolean     required,
            GError     **error)
{
  glong length;

  if (text == NULL || *text == '\0')
    {
      if (!required)
        return TRUE;
      /* Translators: %s is the name of a field, such as "The client’s name" */
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("%s cannot be empty."), field);
      return FALSE;
    }

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("%s contains characters that are not valid text."), field);
      return FALSE;
    }

  if (required)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (*stripped == '\0')
        {
          g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                       _("%s cannot be empty."), field);
          return FALSE;
        }
    }

  length = g_utf8_strlen (text, -1);
  if (length > max_chars)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_TOO_LONG,
                   /* Translators: "%s can hold up to 200 characters; this one has 312." */
                   _("%s can hold up to %ld characters; this one has %ld."),
                   field, max_chars, length);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_list (const char * const *items,
            guint               max_items,
            glong               max_chars,
            const char         *field,
            GError            **error)
{
  guint n = items ? g_strv_length ((char **) items) : 0;

  if (n > max_items)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("%s can list up to %u entries; there are %u."), field, max_items, n);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    if (!check_text (items[i], max_chars, field, TRUE, error))
      return FALSE;

  return TRUE;
}

gboolean
palpate_client_validate (PalpateClient  *client,
                         GDateTime      *now,
                         GError        **error)
{
  const char *birth_date = palpate_client_get_birth_date (client);

  g_return_val_if_fail (PALPATE_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!check_text (palpate_client_get_name (client), PALPATE_NAME_MAX_CHARS,
                   _("The client’s name"), TRUE, error))
    return FALSE;

  if (birth_date != NULL && *birth_date != '\0')
    {
      GDate date, today;

      if (!palpate_date_parse (birth_date, &date, NULL))
        {
          g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                       _("“%s” is not a date. Write the date of birth as year-month-day, for "
                         "example 1968-04-23."), birth_date);
          return FALSE;
        }

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));

      if (g_date_compare (&date, &today) > 0)
        {
          g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                       _("The date of birth is in the future. Check the year."));
          return FALSE;
        }

      if (g_date_get_year (&date) < OLDEST_BIRTH_YEAR)
        {
          g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                       _("The date of birth is before %d. Check the year."), OLDEST_BIRTH_YEAR);
          return FALSE;
        }
    }

  return check_text (palpate_client_get_phone (client), PALPATE_CONTACT_MAX_CHARS,
                     _("The phone number"), FALSE, error) &&
         check_text (palpate_client_get_email (client), PALPATE_CONTACT_MAX_CHARS,
                     _("The email address"), FALSE, error) &&
         check_text (palpate_client_get_goals (client), PALPATE_SHORT_TEXT_MAX_CHARS,
                     _("The goals"), FALSE, error) &&
         check_list (palpate_client_get_conditions (client), 50, PALPATE_NAME_MAX_CHARS,
                     _("The list of conditions"), error) &&
         check_list (palpate_client_get_contraindications (client), 50, PALPATE_NAME_MAX_CHARS,
                     _("The list of contraindications"), error) &&
         check_list (palpate_client_get_practitioners (client), 20, PALPATE_NAME_MAX_CHARS * 2,
                     _("The care team"), error) &&
         check_list (palpate_client_get_activities (client), PALPATE_PSFS_MAX_ACTIVITIES,
                     PALPATE_NAME_MAX_CHARS, _("The list of activities"), error);
}

gboolean
palpate_therapist_validate (PalpateTherapist  *therapist,
                            GError           **error)
{
  g_return_val_if_fail (PALPATE_IS_THERAPIST (therapist), FALSE);

  return check_text (palpate_therapist_get_name (therapist), PALPATE_NAME_MAX_CHARS,
                     _("The therapist’s name"), TRUE, error) &&
         check_text (palpate_therapist_get_credentials (therapist), PALPATE_NAME_MAX_CHARS,
                     _("The therapist’s credentials"), FALSE, error) &&
         check_text (palpate_therapist_get_registration (therapist), PALPATE_NAME_MAX_CHARS,
                     _("The registration number"), FALSE, error) &&
         check_text (palpate_therapist_get_college (therapist), PALPATE_NAME_MAX_CHARS,
                     _("The college"), FALSE, error);
}

static gboolean
check_pain (int          pain,
            const char  *which,
            GError     **error)
{
  if (pain == PALPATE_PAIN_UNSET || palpate_pain_is_valid (pain))
    return TRUE;

  /* Translators: %s is "Pain before" or "Pain after" */
  g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
               _("%s is rated from 0 (no pain) to 10 (worst imaginable)."), which);
  return FALSE;
}

gboolean
palpate_visit_validate (PalpateVisit  *visit,
                        GDateTime     *now,
                        GError       **error)
{
  GDateTime *started_at;
  int duration;

  g_return_val_if_fail (PALPATE_IS_VISIT (visit), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  started_at = palpate_visit_get_started_at (visit);
  if (started_at == NULL)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("A visit needs the date and time it started."));
      return FALSE;
    }

  if (g_date_time_get_year (started_at) < OLDEST_VISIT_YEAR ||
      g_date_time_difference (started_at, now) > G_TIME_SPAN_DAY)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("The visit’s date is not plausible. Check the day and the year."));
      return FALSE;
    }

  duration = palpate_visit_get_duration_minutes (visit);
  if (duration < 0 || duration > PALPATE_VISIT_MAX_MINUTES)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("A visit lasts from 0 to %d minutes."), PALPATE_VISIT_MAX_MINUTES);
      return FALSE;
    }

  return check_pain (palpate_visit_get_pain_before (visit), _("Pain before"), error) &&
         check_pain (palpate_visit_get_pain_after (visit), _("Pain after"), error) &&
         check_text (palpate_visit_get_subjective (visit), PALPATE_NOTE_MAX_CHARS,
                     _("The Subjective note"), FALSE, error) &&
         check_text (palpate_visit_get_objective (visit), PALPATE_NOTE_MAX_CHARS,
                     _("The Objective note"), FALSE, error) &&
         check_text (palpate_visit_get_assessment (visit), PALPATE_NOTE_MAX_CHARS,
                     _("The Assessment note"), FALSE, error) &&
         check_text (palpate_visit_get_plan (visit), PALPATE_NOTE_MAX_CHARS,
                     _("The Plan note"), FALSE, error) &&
         check_text (palpate_visit_get_home_care (visit), PALPATE_NOTE_MAX_CHARS,
                     _("The home care plan"), FALSE, error);
}

gboolean
palpate_technique_validate (PalpateTechnique  *technique,
                            GError           **error)
{
  g_return_val_if_fail (PALPATE_IS_TECHNIQUE (technique), FALSE);

  return check_text (palpate_technique_get_name (technique), PALPATE_NAME_MAX_CHARS,
                     _("The technique’s name"), TRUE, error);
}

gboolean
palpate_applied_technique_validate (PalpateAppliedTechnique  *applied,
                                    GError                  **error)
{
  int minutes;

  g_return_val_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (applied), FALSE);

  if (palpate_applied_technique_get_technique_id (applied) <= 0)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("Choose the technique that was applied."));
      return FALSE;
    }

  if (!check_text (palpate_applied_technique_get_region_id (applied), PALPATE_NAME_MAX_CHARS,
                   _("The region"), TRUE, error))
    return FALSE;

  minutes = palpate_applied_technique_get_minutes (applied);
  if (minutes < 1 || minutes > PALPATE_TECHNIQUE_MAX_MINUTES)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("A technique is applied for 1 to %d minutes."),
                   PALPATE_TECHNIQUE_MAX_MINUTES);
      return FALSE;
    }

  return check_text (palpate_applied_technique_get_note (applied), PALPATE_SHORT_TEXT_MAX_CHARS,
                     _("The technique’s note"), FALSE, error);
}

gboolean
palpate_amendment_validate (PalpateAmendment  *amendment,
                            GError           **error)
{
  g_return_val_if_fail (PALPATE_IS_AMENDMENT (amendment), FALSE);

  return check_text (palpate_amendment_get_author (amendment), PALPATE_NAME_MAX_CHARS,
                     _("The amendment’s author"), TRUE, error) &&
         check_text (palpate_amendment_get_text (amendment), PALPATE_NOTE_MAX_CHARS,
                     _("The amendment"), TRUE, error) &&
         check_text (palpate_amendment_get_reason (amendment),
                     PALPATE_AMENDMENT_REASON_MAX_CHARS, _("The reason for the amendment"), FALSE,
                     error) &&
         check_text (palpate_amendment_get_original (amendment), PALPATE_NOTE_MAX_CHARS,
                     _("The amended text"), FALSE, error);
}

gboolean
palpate_rating_validate (int      rating,
                         GError **error)
{
  if (rating >= 0 && rating <= 10)
    return TRUE;

  g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
               _("A rating goes from 0 to 10."));
  return FALSE;
}
