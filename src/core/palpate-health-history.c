/* palpate-health-history.c — a client's health history (intake), one dated version of it
 *
 * A health history is never edited in place: each update is a new version with its date and
 * author, so that what was known at any visit can be shown and what changed since the last
 * visit can be pointed out (the record keeping standards of CMTO and § 630f BGB: corrections
 * keep the original recognisable). A version the client filled in themselves is marked as
 * theirs until the therapist accepts it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-health-history"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-core-error.h"
#include "palpate-health-history.h"

struct _PalpateHealthHistory
{
  GObject           parent_instance;

  gint64            id;
  gint64            client_id;
  GDateTime        *recorded_at;
  char             *recorded_by;
  gboolean          reported_by_client;
  GDateTime        *accepted_at;
  char             *texts[PALPATE_HISTORY_N_FIELDS];
  GStrv             conditions;
  PalpatePregnancy  pregnancy;
};

G_DEFINE_FINAL_TYPE (PalpateHealthHistory, palpate_health_history, G_TYPE_OBJECT)

/* Conditions that change how a massage is given, the ones intake forms ask about most. */
static const PalpateVocabularyEntry medical_conditions[] = {
  { "high-blood-pressure", N_("High blood pressure") },
  { "heart-condition", N_("Heart condition") },
  { "diabetes", N_("Diabetes") },
  { "epilepsy", N_("Epilepsy") },
  { "osteoporosis", N_("Osteoporosis") },
  { "cancer", N_("Cancer (now or in the past)") },
  { "blood-clotting", N_("Blood clotting disorder") },
  { "varicose-veins", N_("Varicose veins") },
  { "skin-condition", N_("Skin condition") },
  { "asthma", N_("Asthma") },
  { "headaches", N_("Frequent headaches or migraines") },
  { "numbness", N_("Numbness or tingling") },
};

static const struct
{
  const char *key;
  const char *title;
} fields[PALPATE_HISTORY_N_FIELDS] = {
  { "medications", N_("Medications") },
  { "allergies", N_("Allergies (oils, lotions, latex, …)") },
  { "other_conditions", N_("Other medical conditions") },
  { "surgeries", N_("Surgeries and injuries, with dates") },
  { "emergency_contact", N_("Emergency contact") },
  { "referral", N_("How they heard of the clinic") },
};

static void
palpate_health_history_finalize (GObject *object)
{
  PalpateHealthHistory *self = PALPATE_HEALTH_HISTORY (object);

  g_clear_pointer (&self->recorded_at, g_date_time_unref);
  g_clear_pointer (&self->recorded_by, g_free);
  g_clear_pointer (&self->accepted_at, g_date_time_unref);
  for (guint i = 0; i < PALPATE_HISTORY_N_FIELDS; i++)
    g_clear_pointer (&self->texts[i], g_free);
  g_clear_pointer (&self->conditions, g_strfreev);

  G_OBJECT_CLASS (palpate_health_history_parent_class)->finalize (object);
}

static void
palpate_health_history_class_init (PalpateHealthHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = palpate_health_history_finalize;
}

static void
palpate_health_history_init (PalpateHealthHistory *self)
{
  for (guint i = 0; i < PALPATE_HISTORY_N_FIELDS; i++)
    self->texts[i] = g_strdup ("");
  self->conditions = g_new0 (char *, 1);
}

PalpateHealthHistory *
palpate_health_history_new (void)
{
  return g_object_new (PALPATE_TYPE_HEALTH_HISTORY, NULL);
}

/* A new, unsaved version with the same answers: what an update starts from. */
PalpateHealthHistory *
palpate_health_history_copy (PalpateHealthHistory *self)
{
  PalpateHealthHistory *copy;

  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY (self), NULL);

  copy = palpate_health_history_new ();
  copy->client_id = self->client_id;
  for (guint i = 0; i < PALPATE_HISTORY_N_FIELDS; i++)
    palpate_health_history_set_text (copy, i, self->texts[i]);
  palpate_health_history_set_conditions (copy, (const char * const *) self->conditions);
  copy->pregnancy = self->pregnancy;
  return copy;
}

gint64
palpate_health_history_get_id (PalpateHealthHistory *self)
{
  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY (self), 0);
  return self->id;
}

void
palpate_health_history_set_id (PalpateHealthHistory *self,
                               gint64                id)
{
  g_return_if_fail (PALPATE_IS_HEALTH_HISTORY (self));
  self->id = id;
}

gint64
palpate_health_history_get_client_id (PalpateHealthHistory *self)
{
  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY (self), 0);
  return self->client_id;
}

void
palpate_health_history_set_client_id (PalpateHealthHistory *self,
                                      gint64                client_id)
{
  g_return_if_fail (PALPATE_IS_HEALTH_HISTORY (self));
  self->client_id = client_id;
}

GDateTime *
palpate_health_history_get_recorded_at (PalpateHealthHistory *self)
{
  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY (self), NULL);
  return self->recorded_at;
}

void
palpate_health_history_set_recorded_at (PalpateHealthHistory *self,
                                        GDateTime            *when)
{
  g_return_if_fail (PALPATE_IS_HEALTH_HISTORY (self));

  g_clear_pointer (&self->recorded_at, g_date_time_unref);
  self->recorded_at = when ? g_date_time_ref (when) : NULL;
}

const char *
palpate_health_history_get_recorded_by (PalpateHealthHistory *self)
{
  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY (self), NULL);
  return self->recorded_by;
}

void
palpate_health_history_set_recorded_by (PalpateHealthHistory *self,
                                        const char           *who)
{
  g_return_if_fail (PALPATE_IS_HEALTH_HISTORY (self));

  g_free (self->recorded_by);
  self->recorded_by = g_strdup (who);
}

gboolean
palpate_health_history_get_reported_by_client (PalpateHealthHistory *self)
{
  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY (self), FALSE);
  return self->reported_by_client;
}

void
palpate_health_history_set_reported_by_client (PalpateHealthHistory *self,
                                               gboolean              by_client)
{
  g_return_if_fail (PALPATE_IS_HEALTH_HISTORY (self));
  self->reported_by_client = !!by_client;
}

/* When the therapist accepted a version the client filled in; %NULL until then. */
GDateTime *
palpate_health_history_get_accepted_at (PalpateHealthHistory *self)
{
  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY (self), NULL);
  return self->accepted_at;
}

void
palpate_health_history_set_accepted_at (PalpateHealthHistory *self,
                                        GDateTime            *when)
{
  g_return_if_fail (PALPATE_IS_HEALTH_HISTORY (self));

  g_clear_pointer (&self->accepted_at, g_date_time_unref);
  self->accepted_at = when ? g_date_time_ref (when) : NULL;
}

const char *
palpate_health_history_get_text (PalpateHealthHistory *self,
                                 PalpateHistoryField   field)
{
  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY (self), NULL);
  g_return_val_if_fail (field < PALPATE_HISTORY_N_FIELDS, NULL);

  return self->texts[field];
}

/* Surrounding white space is not kept: "  " is no answer. */
void
palpate_health_history_set_text (PalpateHealthHistory *self,
                                 PalpateHistoryField   field,
                                 const char           *text)
{
  g_return_if_fail (PALPATE_IS_HEALTH_HISTORY (self));
  g_return_if_fail (field < PALPATE_HISTORY_N_FIELDS);

  g_free (self->texts[field]);
  self->texts[field] = g_strstrip (g_strdup (text ? text : ""));
}

const char * const *
palpate_health_history_get_conditions (PalpateHealthHistory *self)
{
  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY (self), NULL);
  return (const char * const *) self->conditions;
}

void
palpate_health_history_set_conditions (PalpateHealthHistory *self,
                                       const char * const   *ids)
{
  g_return_if_fail (PALPATE_IS_HEALTH_HISTORY (self));

  g_strfreev (self->conditions);
  self->conditions = ids ? g_strdupv ((char **) ids) : g_new0 (char *, 1);
}

PalpatePregnancy
palpate_health_history_get_pregnancy (PalpateHealthHistory *self)
{
  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY (self), PALPATE_PREGNANCY_NOT_ASKED);
  return self->pregnancy;
}

void
palpate_health_history_set_pregnancy (PalpateHealthHistory *self,
                                      PalpatePregnancy      pregnancy)
{
  g_return_if_fail (PALPATE_IS_HEALTH_HISTORY (self));
  g_return_if_fail (pregnancy <= PALPATE_PREGNANCY_YES);
  self->pregnancy = pregnancy;
}

static gboolean
known_condition (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (medical_conditions); i++)
    if (g_str_equal (id, medical_conditions[i].id))
      return TRUE;

  return FALSE;
}

/* Each answer within what a record may hold, every condition one of the list. */
gboolean
palpate_health_history_validate (PalpateHealthHistory  *self,
                                 GError               **error)
{
  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY (self), FALSE);

  for (guint i = 0; i < PALPATE_HISTORY_N_FIELDS; i++)
    if (g_utf8_strlen (self->texts[i], -1) > PALPATE_HISTORY_MAX_CHARS)
      {
        g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_TOO_LONG,
                     _("“%s” can hold up to %d characters; shorten it to save the health "
                       "history."),
                     _(fields[i].title), PALPATE_HISTORY_MAX_CHARS);
        return FALSE;
      }

  for (guint i = 0; self->conditions[i] != NULL; i++)
    if (!known_condition (self->conditions[i]))
      {
        g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                     _("“%s” is not a condition of the health history’s list."),
                     self->conditions[i]);
        return FALSE;
      }

  return TRUE;
}

static gboolean
same_conditions (GStrv a,
                 GStrv b)
{
  if (g_strv_length (a) != g_strv_length (b))
    return FALSE;
  for (guint i = 0; a[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) b, a[i]))
      return FALSE;
  return TRUE;
}

/**
 * palpate_health_history_dup_changes:
 * @before: (nullable): the version known before
 * @after: the version known now
 *
 * Returns: (transfer full): the titles of what changed from @before to @after, in the form's
 *   order; empty when nothing did (everything answered counts as changed without @before)
 */
char **
palpate_health_history_dup_changes (PalpateHealthHistory *before,
                                    PalpateHealthHistory *after)
{
  g_autoptr(GStrvBuilder) changes = g_strv_builder_new ();

  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY (after), NULL);

  for (guint i = 0; i < PALPATE_HISTORY_N_FIELDS; i++)
    {
      const char *then = before ? before->texts[i] : "";

      if (g_strcmp0 (then, after->texts[i]) != 0)
        g_strv_builder_add (changes, _(fields[i].title));
      /* The listed conditions come after allergies on the form. */
      if (i == PALPATE_HISTORY_ALLERGIES &&
          !same_conditions (before ? before->conditions : (GStrv) (char *[]) { NULL },
                            after->conditions))
        g_strv_builder_add (changes, _("Medical conditions"));
    }

  if ((before ? before->pregnancy : PALPATE_PREGNANCY_NOT_ASKED) != after->pregnancy)
    g_strv_builder_add (changes, _("Pregnancy"));

  return g_strv_builder_end (changes);
}

const char *
palpate_history_field_get_key (PalpateHistoryField field)
{
  g_return_val_if_fail (field < PALPATE_HISTORY_N_FIELDS, NULL);
  return fields[field].key;
}

const char *
palpate_history_field_get_title (PalpateHistoryField field)
{
  g_return_val_if_fail (field < PALPATE_HISTORY_N_FIELDS, NULL);
  return _(fields[field].title);
}

const PalpateVocabularyEntry *
palpate_medical_conditions_get (guint *n_entries)
{
  *n_entries = G_N_ELEMENTS (medical_conditions);
  return medical_conditions;
}

const char *
palpate_pregnancy_get_key (PalpatePregnancy pregnancy)
{
  switch (pregnancy)
    {
    case PALPATE_PREGNANCY_NO:
      return "no";
    case PALPATE_PREGNANCY_YES:
      return "yes";
    case PALPATE_PREGNANCY_NOT_ASKED:
    default:
      return "not-asked";
    }
}

PalpatePregnancy
palpate_pregnancy_from_key (const char *key)
{
  if (g_strcmp0 (key, "no") == 0)
    return PALPATE_PREGNANCY_NO;
  if (g_strcmp0 (key, "yes") == 0)
    return PALPATE_PREGNANCY_YES;
  return PALPATE_PREGNANCY_NOT_ASKED;
}
