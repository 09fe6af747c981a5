/* palpate-therapist.c — a therapist of the clinic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-therapist"

#include "config.h"

#include "palpate-therapist.h"

#include "palpate-enum-types.h"

struct _PalpateTherapist
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *credentials;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CREDENTIALS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpateTherapist, palpate_therapist, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static void
palpate_therapist_finalize (GObject *object)
{
  PalpateTherapist *self = PALPATE_THERAPIST (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->credentials, g_free);

  G_OBJECT_CLASS (palpate_therapist_parent_class)->finalize (object);
}

static void
palpate_therapist_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PalpateTherapist *self = PALPATE_THERAPIST (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CREDENTIALS:
      g_value_set_string (value, self->credentials);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_therapist_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PalpateTherapist *self = PALPATE_THERAPIST (object);

  switch (prop_id)
    {
    case PROP_ID:
      palpate_therapist_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      palpate_therapist_set_name (self, g_value_get_string (value));
      break;

    case PROP_CREDENTIALS:
      palpate_therapist_set_credentials (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_therapist_class_init (PalpateTherapistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = palpate_therapist_finalize;
  object_class->get_property = palpate_therapist_get_property;
  object_class->set_property = palpate_therapist_set_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties [PROP_CREDENTIALS] =
    g_param_spec_string ("credentials", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
palpate_therapist_init (PalpateTherapist *self)
{
}

PalpateTherapist *
palpate_therapist_new (void)
{
  return g_object_new (PALPATE_TYPE_THERAPIST, NULL);
}

gint64
palpate_therapist_get_id (PalpateTherapist *self)
{
  g_return_val_if_fail (PALPATE_IS_THERAPIST (self), 0);

  return self->id;
}

void
palpate_therapist_set_id (PalpateTherapist *self,
                          gint64 id)
{
  g_return_if_fail (PALPATE_IS_THERAPIST (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

const char *
palpate_therapist_get_name (PalpateTherapist *self)
{
  g_return_val_if_fail (PALPATE_IS_THERAPIST (self), NULL);

  return self->name;
}

void
palpate_therapist_set_name (PalpateTherapist *self,
                            const char *name)
{
  g_return_if_fail (PALPATE_IS_THERAPIST (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME]);
}

const char *
palpate_therapist_get_credentials (PalpateTherapist *self)
{
  g_return_val_if_fail (PALPATE_IS_THERAPIST (self), NULL);

  return self->credentials;
}

void
palpate_therapist_set_credentials (PalpateTherapist *self,
                                   const char *credentials)
{
  g_return_if_fail (PALPATE_IS_THERAPIST (self));

  if (g_strcmp0 (self->credentials, credentials) == 0)
    return;

  g_free (self->credentials);
  self->credentials = g_strdup (credentials);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREDENTIALS]);
}
