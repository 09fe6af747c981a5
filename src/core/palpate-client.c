/* palpate-client.c — a client: who they are, what brings them in, who else cares for them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-client"

#include "config.h"

#include "palpate-client.h"

#include "palpate-enum-types.h"

struct _PalpateClient
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *birth_date;
  char *phone;
  char *email;
  char **conditions;
  char **contraindications;
  char **practitioners;
  char *goals;
  char **activities;
  GDateTime *created_at;
  int visit_count;
  GDateTime *last_visit_at;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_BIRTH_DATE,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_CONDITIONS,
  PROP_CONTRAINDICATIONS,
  PROP_PRACTITIONERS,
  PROP_GOALS,
  PROP_ACTIVITIES,
  PROP_CREATED_AT,
  PROP_VISIT_COUNT,
  PROP_LAST_VISIT_AT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpateClient, palpate_client, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static void
palpate_client_finalize (GObject *object)
{
  PalpateClient *self = PALPATE_CLIENT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->birth_date, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->conditions, g_strfreev);
  g_clear_pointer (&self->contraindications, g_strfreev);
  g_clear_pointer (&self->practitioners, g_strfreev);
  g_clear_pointer (&self->goals, g_free);
  g_clear_pointer (&self->activities, g_strfreev);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->last_visit_at, g_date_time_unref);

  G_OBJECT_CLASS (palpate_client_parent_class)->finalize (object);
}

static void
palpate_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PalpateClient *self = PALPATE_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_BIRTH_DATE:
      g_value_set_string (value, self->birth_date);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_CONDITIONS:
      g_value_set_boxed (value, self->conditions);
      break;

    case PROP_CONTRAINDICATIONS:
      g_value_set_boxed (value, self->contraindications);
      break;

    case PROP_PRACTITIONERS:
      g_value_set_boxed (value, self->practitioners);
      break;

    case PROP_GOALS:
      g_value_set_string (value, self->goals);
      break;

    case PROP_ACTIVITIES:
      g_value_set_boxed (value, self->activities);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_VISIT_COUNT:
      g_value_set_int (value, self->visit_count);
      break;

    case PROP_LAST_VISIT_AT:
      g_value_set_boxed (value, self->last_visit_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PalpateClient *self = PALPATE_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      palpate_client_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      palpate_client_set_name (self, g_value_get_string (value));
      break;

    case PROP_BIRTH_DATE:
      palpate_client_set_birth_date (self, g_value_get_string (value));
      break;

    case PROP_PHONE:
      palpate_client_set_phone (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      palpate_client_set_email (self, g_value_get_string (value));
      break;

    case PROP_CONDITIONS:
      palpate_client_set_conditions (self, g_value_get_boxed (value));
      break;

    case PROP_CONTRAINDICATIONS:
      palpate_client_set_contraindications (self, g_value_get_boxed (value));
      break;

    case PROP_PRACTITIONERS:
      palpate_client_set_practitioners (self, g_value_get_boxed (value));
      break;

    case PROP_GOALS:
      palpate_client_set_goals (self, g_value_get_string (value));
      break;

    case PROP_ACTIVITIES:
      palpate_client_set_activities (self, g_value_get_boxed (value));
      break;

    case PROP_CREATED_AT:
      palpate_client_set_created_at (self, g_value_get_boxed (value));
      break;

    case PROP_VISIT_COUNT:
      palpate_client_set_visit_count (self, g_value_get_int (value));
      break;

    case PROP_LAST_VISIT_AT:
      palpate_client_set_last_visit_at (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_client_class_init (PalpateClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = palpate_client_finalize;
  object_class->get_property = palpate_client_get_property;
  object_class->set_property = palpate_client_set_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties [PROP_BIRTH_DATE] =
    g_param_spec_string ("birth-date", NULL, NULL, NULL, flags);
  properties [PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, flags);
  properties [PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties [PROP_CONDITIONS] =
    g_param_spec_boxed ("conditions", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_CONTRAINDICATIONS] =
    g_param_spec_boxed ("contraindications", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_PRACTITIONERS] =
    g_param_spec_boxed ("practitioners", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_GOALS] =
    g_param_spec_string ("goals", NULL, NULL, NULL, flags);
  properties [PROP_ACTIVITIES] =
    g_param_spec_boxed ("activities", NULL, NULL, G_TYPE_STRV, flags);
  properties [PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_VISIT_COUNT] =
    g_param_spec_int ("visit-count", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties [PROP_LAST_VISIT_AT] =
    g_param_spec_boxed ("last-visit-at", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
palpate_client_init (PalpateClient *self)
{
  self->visit_count = 0;
}

PalpateClient *
palpate_client_new (void)
{
  return g_object_new (PALPATE_TYPE_CLIENT, NULL);
}

gint64
palpate_client_get_id (PalpateClient *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT (self), 0);

  return self->id;
}

void
palpate_client_set_id (PalpateClient *self,
                       gint64 id)
{
  g_return_if_fail (PALPATE_IS_CLIENT (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

const char *
palpate_client_get_name (PalpateClient *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT (self), NULL);

  return self->name;
}

void
palpate_client_set_name (PalpateClient *self,
                         const char *name)
{
  g_return_if_fail (PALPATE_IS_CLIENT (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME]);
}

const char *
palpate_client_get_birth_date (PalpateClient *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT (self), NULL);

  return self->birth_date;
}

void
palpate_client_set_birth_date (PalpateClient *self,
                               const char *birth_date)
{
  g_return_if_fail (PALPATE_IS_CLIENT (self));

  if (g_strcmp0 (self->birth_date, birth_date) == 0)
    return;

  g_free (self->birth_date);
  self->birth_date = g_strdup (birth_date);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BIRTH_DATE]);
}

const char *
palpate_client_get_phone (PalpateClient *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT (self), NULL);

  return self->phone;
}

void
palpate_client_set_phone (PalpateClient *self,
                          const char *phone)
{
  g_return_if_fail (PALPATE_IS_CLIENT (self));

  if (g_strcmp0 (self->phone, phone) == 0)
    return;

  g_free (self->phone);
  self->phone = g_strdup (phone);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PHONE]);
}

const char *
palpate_client_get_email (PalpateClient *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT (self), NULL);

  return self->email;
}

void
palpate_client_set_email (PalpateClient *self,
                          const char *email)
{
  g_return_if_fail (PALPATE_IS_CLIENT (self));

  if (g_strcmp0 (self->email, email) == 0)
    return;

  g_free (self->email);
  self->email = g_strdup (email);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EMAIL]);
}

const char * const *
palpate_client_get_conditions (PalpateClient *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT (self), NULL);

  return (const char * const *) self->conditions;
}

void
palpate_client_set_conditions (PalpateClient       *self,
                               const char * const *conditions)
{
  g_return_if_fail (PALPATE_IS_CLIENT (self));

  if (self->conditions != NULL && conditions != NULL && g_strv_equal ((const char * const *) self->conditions, conditions))
    return;
  if (self->conditions == NULL && conditions == NULL)
    return;

  g_strfreev (self->conditions);
  self->conditions = g_strdupv ((char **) conditions);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONDITIONS]);
}

const char * const *
palpate_client_get_contraindications (PalpateClient *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT (self), NULL);

  return (const char * const *) self->contraindications;
}

void
palpate_client_set_contraindications (PalpateClient       *self,
                                      const char * const *contraindications)
{
  g_return_if_fail (PALPATE_IS_CLIENT (self));

  if (self->contraindications != NULL && contraindications != NULL && g_strv_equal ((const char * const *) self->contraindications, contraindications))
    return;
  if (self->contraindications == NULL && contraindications == NULL)
    return;

  g_strfreev (self->contraindications);
  self->contraindications = g_strdupv ((char **) contraindications);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONTRAINDICATIONS]);
}

const char * const *
palpate_client_get_practitioners (PalpateClient *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT (self), NULL);

  return (const char * const *) self->practitioners;
}

void
palpate_client_set_practitioners (PalpateClient       *self,
                                  const char * const *practitioners)
{
  g_return_if_fail (PALPATE_IS_CLIENT (self));

  if (self->practitioners != NULL && practitioners != NULL && g_strv_equal ((const char * const *) self->practitioners, practitioners))
    return;
  if (self->practitioners == NULL && practitioners == NULL)
    return;

  g_strfreev (self->practitioners);
  self->practitioners = g_strdupv ((char **) practitioners);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PRACTITIONERS]);
}

const char *
palpate_client_get_goals (PalpateClient *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT (self), NULL);

  return self->goals;
}

void
palpate_client_set_goals (PalpateClient *self,
                          const char *goals)
{
  g_return_if_fail (PALPATE_IS_CLIENT (self));

  if (g_strcmp0 (self->goals, goals) == 0)
    return;

  g_free (self->goals);
  self->goals = g_strdup (goals);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_GOALS]);
}

const char * const *
palpate_client_get_activities (PalpateClient *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT (self), NULL);

  return (const char * const *) self->activities;
}

void
palpate_client_set_activities (PalpateClient       *self,
                               const char * const *activities)
{
  g_return_if_fail (PALPATE_IS_CLIENT (self));

  if (self->activities != NULL && activities != NULL && g_strv_equal ((const char * const *) self->activities, activities))
    return;
  if (self->activities == NULL && activities == NULL)
    return;

  g_strfreev (self->activities);
  self->activities = g_strdupv ((char **) activities);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACTIVITIES]);
}

GDateTime *
palpate_client_get_created_at (PalpateClient *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT (self), NULL);

  return self->created_at;
}

void
palpate_client_set_created_at (PalpateClient *self,
                               GDateTime *created_at)
{
  g_return_if_fail (PALPATE_IS_CLIENT (self));

  if (self->created_at == created_at ||
      (self->created_at != NULL && created_at != NULL && g_date_time_equal (self->created_at, created_at)))
    return;

  g_clear_pointer (&self->created_at, g_date_time_unref);
  self->created_at = created_at ? g_date_time_ref (created_at) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED_AT]);
}

int
palpate_client_get_visit_count (PalpateClient *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT (self), 0);

  return self->visit_count;
}

void
palpate_client_set_visit_count (PalpateClient *self,
                                int visit_count)
{
  g_return_if_fail (PALPATE_IS_CLIENT (self));

  g_return_if_fail (visit_count >= 0 && visit_count <= G_MAXINT);

  if (self->visit_count == visit_count)
    return;

  self->visit_count = visit_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VISIT_COUNT]);
}

GDateTime *
palpate_client_get_last_visit_at (PalpateClient *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT (self), NULL);

  return self->last_visit_at;
}

void
palpate_client_set_last_visit_at (PalpateClient *self,
                                  GDateTime *last_visit_at)
{
  g_return_if_fail (PALPATE_IS_CLIENT (self));

  if (self->last_visit_at == last_visit_at ||
      (self->last_visit_at != NULL && last_visit_at != NULL && g_date_time_equal (self->last_visit_at, last_visit_at)))
    return;

  g_clear_pointer (&self->last_visit_at, g_date_time_unref);
  self->last_visit_at = last_visit_at ? g_date_time_ref (last_visit_at) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAST_VISIT_AT]);
}
