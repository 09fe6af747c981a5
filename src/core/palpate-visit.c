/* palpate-visit.c — a visit (session): pain, SOAP note, status; its findings and techniques are kept apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-visit"

#include "config.h"

#include "palpate-visit.h"

#include "palpate-enum-types.h"

struct _PalpateVisit
{
  GObject parent_instance;

  gint64 id;
  gint64 client_id;
  gint64 therapist_id;
  char *therapist_name;
  GDateTime *started_at;
  int duration_minutes;
  int pain_before;
  int pain_after;
  char *subjective;
  char *objective;
  char *assessment;
  char *plan;
  char *home_care;
  PalpateVisitStatus status;
  GDateTime *signed_at;
  char *signed_by;
  gboolean consent_sensitive;
  gboolean reported_by_client;
  gint64 version;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT_ID,
  PROP_THERAPIST_ID,
  PROP_THERAPIST_NAME,
  PROP_STARTED_AT,
  PROP_DURATION_MINUTES,
  PROP_PAIN_BEFORE,
  PROP_PAIN_AFTER,
  PROP_SUBJECTIVE,
  PROP_OBJECTIVE,
  PROP_ASSESSMENT,
  PROP_PLAN,
  PROP_HOME_CARE,
  PROP_STATUS,
  PROP_SIGNED_AT,
  PROP_SIGNED_BY,
  PROP_CONSENT_SENSITIVE,
  PROP_REPORTED_BY_CLIENT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpateVisit, palpate_visit, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static void
palpate_visit_finalize (GObject *object)
{
  PalpateVisit *self = PALPATE_VISIT (object);

  g_clear_pointer (&self->therapist_name, g_free);
  g_clear_pointer (&self->started_at, g_date_time_unref);
  g_clear_pointer (&self->subjective, g_free);
  g_clear_pointer (&self->objective, g_free);
  g_clear_pointer (&self->assessment, g_free);
  g_clear_pointer (&self->plan, g_free);
  g_clear_pointer (&self->home_care, g_free);
  g_clear_pointer (&self->signed_at, g_date_time_unref);
  g_clear_pointer (&self->signed_by, g_free);

  G_OBJECT_CLASS (palpate_visit_parent_class)->finalize (object);
}

static void
palpate_visit_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PalpateVisit *self = PALPATE_VISIT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;

    case PROP_THERAPIST_ID:
      g_value_set_int64 (value, self->therapist_id);
      break;

    case PROP_THERAPIST_NAME:
      g_value_set_string (value, self->therapist_name);
      break;

    case PROP_STARTED_AT:
      g_value_set_boxed (value, self->started_at);
      break;

    case PROP_DURATION_MINUTES:
      g_value_set_int (value, self->duration_minutes);
      break;

    case PROP_PAIN_BEFORE:
      g_value_set_int (value, self->pain_before);
      break;

    case PROP_PAIN_AFTER:
      g_value_set_int (value, self->pain_after);
      break;

    case PROP_SUBJECTIVE:
      g_value_set_string (value, self->subjective);
      break;

    case PROP_OBJECTIVE:
      g_value_set_string (value, self->objective);
      break;

    case PROP_ASSESSMENT:
      g_value_set_string (value, self->assessment);
      break;

    case PROP_PLAN:
      g_value_set_string (value, self->plan);
      break;

    case PROP_HOME_CARE:
      g_value_set_string (value, self->home_care);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_SIGNED_AT:
      g_value_set_boxed (value, self->signed_at);
      break;

    case PROP_SIGNED_BY:
      g_value_set_string (value, self->signed_by);
      break;

    case PROP_CONSENT_SENSITIVE:
      g_value_set_boolean (value, self->consent_sensitive);
      break;

    case PROP_REPORTED_BY_CLIENT:
      g_value_set_boolean (value, self->reported_by_client);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_visit_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PalpateVisit *self = PALPATE_VISIT (object);

  switch (prop_id)
    {
    case PROP_ID:
      palpate_visit_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CLIENT_ID:
      palpate_visit_set_client_id (self, g_value_get_int64 (value));
      break;

    case PROP_THERAPIST_ID:
      palpate_visit_set_therapist_id (self, g_value_get_int64 (value));
      break;

    case PROP_THERAPIST_NAME:
      palpate_visit_set_therapist_name (self, g_value_get_string (value));
      break;

    case PROP_STARTED_AT:
      palpate_visit_set_started_at (self, g_value_get_boxed (value));
      break;

    case PROP_DURATION_MINUTES:
      palpate_visit_set_duration_minutes (self, g_value_get_int (value));
      break;

    case PROP_PAIN_BEFORE:
      palpate_visit_set_pain_before (self, g_value_get_int (value));
      break;

    case PROP_PAIN_AFTER:
      palpate_visit_set_pain_after (self, g_value_get_int (value));
      break;

    case PROP_SUBJECTIVE:
      palpate_visit_set_subjective (self, g_value_get_string (value));
      break;

    case PROP_OBJECTIVE:
      palpate_visit_set_objective (self, g_value_get_string (value));
      break;

    case PROP_ASSESSMENT:
      palpate_visit_set_assessment (self, g_value_get_string (value));
      break;

    case PROP_PLAN:
      palpate_visit_set_plan (self, g_value_get_string (value));
      break;

    case PROP_HOME_CARE:
      palpate_visit_set_home_care (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      palpate_visit_set_status (self, g_value_get_enum (value));
      break;

    case PROP_SIGNED_AT:
      palpate_visit_set_signed_at (self, g_value_get_boxed (value));
      break;

    case PROP_SIGNED_BY:
      palpate_visit_set_signed_by (self, g_value_get_string (value));
      break;

    case PROP_CONSENT_SENSITIVE:
      palpate_visit_set_consent_sensitive (self, g_value_get_boolean (value));
      break;

    case PROP_REPORTED_BY_CLIENT:
      palpate_visit_set_reported_by_client (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_visit_class_init (PalpateVisitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = palpate_visit_finalize;
  object_class->get_property = palpate_visit_get_property;
  object_class->set_property = palpate_visit_set_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_THERAPIST_ID] =
    g_param_spec_int64 ("therapist-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_THERAPIST_NAME] =
    g_param_spec_string ("therapist-name", NULL, NULL, NULL, flags);
  properties [PROP_STARTED_AT] =
    g_param_spec_boxed ("started-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_DURATION_MINUTES] =
    g_param_spec_int ("duration-minutes", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties [PROP_PAIN_BEFORE] =
    g_param_spec_int ("pain-before", NULL, NULL, G_MININT, G_MAXINT, -1, flags);
  properties [PROP_PAIN_AFTER] =
    g_param_spec_int ("pain-after", NULL, NULL, G_MININT, G_MAXINT, -1, flags);
  properties [PROP_SUBJECTIVE] =
    g_param_spec_string ("subjective", NULL, NULL, NULL, flags);
  properties [PROP_OBJECTIVE] =
    g_param_spec_string ("objective", NULL, NULL, NULL, flags);
  properties [PROP_ASSESSMENT] =
    g_param_spec_string ("assessment", NULL, NULL, NULL, flags);
  properties [PROP_PLAN] =
    g_param_spec_string ("plan", NULL, NULL, NULL, flags);
  properties [PROP_HOME_CARE] =
    g_param_spec_string ("home-care", NULL, NULL, NULL, flags);
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, PALPATE_TYPE_VISIT_STATUS, PALPATE_VISIT_DRAFT, flags);
  properties [PROP_SIGNED_AT] =
    g_param_spec_boxed ("signed-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_SIGNED_BY] =
    g_param_spec_string ("signed-by", NULL, NULL, NULL, flags);
  properties [PROP_CONSENT_SENSITIVE] =
    g_param_spec_boolean ("consent-sensitive", NULL, NULL, FALSE, flags);
  properties [PROP_REPORTED_BY_CLIENT] =
    g_param_spec_boolean ("reported-by-client", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
palpate_visit_init (PalpateVisit *self)
{
  self->duration_minutes = 0;
  self->pain_before = -1;
  self->pain_after = -1;
  self->status = PALPATE_VISIT_DRAFT;
  self->consent_sensitive = FALSE;
  self->reported_by_client = FALSE;
}

PalpateVisit *
palpate_visit_new (void)
{
  return g_object_new (PALPATE_TYPE_VISIT, NULL);
}

gint64
palpate_visit_get_id (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), 0);

  return self->id;
}

void
palpate_visit_set_id (PalpateVisit *self,
                      gint64 id)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

gint64
palpate_visit_get_client_id (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), 0);

  return self->client_id;
}

void
palpate_visit_set_client_id (PalpateVisit *self,
                             gint64 client_id)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  if (self->client_id == client_id)
    return;

  self->client_id = client_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLIENT_ID]);
}

gint64
palpate_visit_get_therapist_id (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), 0);

  return self->therapist_id;
}

void
palpate_visit_set_therapist_id (PalpateVisit *self,
                                gint64 therapist_id)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  if (self->therapist_id == therapist_id)
    return;

  self->therapist_id = therapist_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_THERAPIST_ID]);
}

const char *
palpate_visit_get_therapist_name (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), NULL);

  return self->therapist_name;
}

void
palpate_visit_set_therapist_name (PalpateVisit *self,
                                  const char *therapist_name)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  if (g_strcmp0 (self->therapist_name, therapist_name) == 0)
    return;

  g_free (self->therapist_name);
  self->therapist_name = g_strdup (therapist_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_THERAPIST_NAME]);
}

GDateTime *
palpate_visit_get_started_at (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), NULL);

  return self->started_at;
}

void
palpate_visit_set_started_at (PalpateVisit *self,
                              GDateTime *started_at)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  if (self->started_at == started_at ||
      (self->started_at != NULL && started_at != NULL && g_date_time_equal (self->started_at, started_at)))
    return;

  g_clear_pointer (&self->started_at, g_date_time_unref);
  self->started_at = started_at ? g_date_time_ref (started_at) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STARTED_AT]);
}

int
palpate_visit_get_duration_minutes (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), 0);

  return self->duration_minutes;
}

void
palpate_visit_set_duration_minutes (PalpateVisit *self,
                                    int duration_minutes)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  g_return_if_fail (duration_minutes >= 0 && duration_minutes <= G_MAXINT);

  if (self->duration_minutes == duration_minutes)
    return;

  self->duration_minutes = duration_minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DURATION_MINUTES]);
}

int
palpate_visit_get_pain_before (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), 0);

  return self->pain_before;
}

void
palpate_visit_set_pain_before (PalpateVisit *self,
                               int pain_before)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  g_return_if_fail (pain_before >= G_MININT && pain_before <= G_MAXINT);

  if (self->pain_before == pain_before)
    return;

  self->pain_before = pain_before;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAIN_BEFORE]);
}

int
palpate_visit_get_pain_after (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), 0);

  return self->pain_after;
}

void
palpate_visit_set_pain_after (PalpateVisit *self,
                              int pain_after)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  g_return_if_fail (pain_after >= G_MININT && pain_after <= G_MAXINT);

  if (self->pain_after == pain_after)
    return;

  self->pain_after = pain_after;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAIN_AFTER]);
}

const char *
palpate_visit_get_subjective (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), NULL);

  return self->subjective;
}

void
palpate_visit_set_subjective (PalpateVisit *self,
                              const char *subjective)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  if (g_strcmp0 (self->subjective, subjective) == 0)
    return;

  g_free (self->subjective);
  self->subjective = g_strdup (subjective);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SUBJECTIVE]);
}

const char *
palpate_visit_get_objective (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), NULL);

  return self->objective;
}

void
palpate_visit_set_objective (PalpateVisit *self,
                             const char *objective)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  if (g_strcmp0 (self->objective, objective) == 0)
    return;

  g_free (self->objective);
  self->objective = g_strdup (objective);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OBJECTIVE]);
}

const char *
palpate_visit_get_assessment (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), NULL);

  return self->assessment;
}

void
palpate_visit_set_assessment (PalpateVisit *self,
                              const char *assessment)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  if (g_strcmp0 (self->assessment, assessment) == 0)
    return;

  g_free (self->assessment);
  self->assessment = g_strdup (assessment);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ASSESSMENT]);
}

const char *
palpate_visit_get_plan (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), NULL);

  return self->plan;
}

void
palpate_visit_set_plan (PalpateVisit *self,
                        const char *plan)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  if (g_strcmp0 (self->plan, plan) == 0)
    return;

  g_free (self->plan);
  self->plan = g_strdup (plan);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PLAN]);
}

const char *
palpate_visit_get_home_care (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), NULL);

  return self->home_care;
}

void
palpate_visit_set_home_care (PalpateVisit *self,
                             const char *home_care)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  if (g_strcmp0 (self->home_care, home_care) == 0)
    return;

  g_free (self->home_care);
  self->home_care = g_strdup (home_care);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HOME_CARE]);
}

PalpateVisitStatus
palpate_visit_get_status (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), 0);

  return self->status;
}

void
palpate_visit_set_status (PalpateVisit       *self,
                          PalpateVisitStatus status)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
}

GDateTime *
palpate_visit_get_signed_at (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), NULL);

  return self->signed_at;
}

void
palpate_visit_set_signed_at (PalpateVisit *self,
                             GDateTime *signed_at)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  if (self->signed_at == signed_at ||
      (self->signed_at != NULL && signed_at != NULL && g_date_time_equal (self->signed_at, signed_at)))
    return;

  g_clear_pointer (&self->signed_at, g_date_time_unref);
  self->signed_at = signed_at ? g_date_time_ref (signed_at) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SIGNED_AT]);
}

const char *
palpate_visit_get_signed_by (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), NULL);

  return self->signed_by;
}

void
palpate_visit_set_signed_by (PalpateVisit *self,
                             const char *signed_by)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  if (g_strcmp0 (self->signed_by, signed_by) == 0)
    return;

  g_free (self->signed_by);
  self->signed_by = g_strdup (signed_by);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SIGNED_BY]);
}

gboolean
palpate_visit_get_consent_sensitive (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), 0);

  return self->consent_sensitive;
}

void
palpate_visit_set_consent_sensitive (PalpateVisit *self,
                                     gboolean consent_sensitive)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  if (self->consent_sensitive == consent_sensitive)
    return;

  self->consent_sensitive = consent_sensitive;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONSENT_SENSITIVE]);
}

gboolean
palpate_visit_get_reported_by_client (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), 0);

  return self->reported_by_client;
}

void
palpate_visit_set_reported_by_client (PalpateVisit *self,
                                      gboolean reported_by_client)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  if (self->reported_by_client == reported_by_client)
    return;

  self->reported_by_client = reported_by_client;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REPORTED_BY_CLIENT]);
}

/**
 * palpate_visit_get_version:
 *
 * Which save of the visit this copy reflects: the store refuses to save over a newer one, so
 * that two windows never silently undo each other's edits.
 */
gint64
palpate_visit_get_version (PalpateVisit *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT (self), 0);

  return self->version;
}

void
palpate_visit_set_version (PalpateVisit *self,
                           gint64        version)
{
  g_return_if_fail (PALPATE_IS_VISIT (self));

  self->version = version;
}
