/* palpate-technique.c — a massage technique: the built-in ones and those a clinic adds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-technique"

#include "config.h"

#include "palpate-technique.h"

#include "palpate-enum-types.h"

struct _PalpateTechnique
{
  GObject parent_instance;

  gint64 id;
  char *key;
  char *name;
  gboolean builtin;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_KEY,
  PROP_NAME,
  PROP_BUILTIN,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpateTechnique, palpate_technique, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static void
palpate_technique_finalize (GObject *object)
{
  PalpateTechnique *self = PALPATE_TECHNIQUE (object);

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (palpate_technique_parent_class)->finalize (object);
}

static void
palpate_technique_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PalpateTechnique *self = PALPATE_TECHNIQUE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_BUILTIN:
      g_value_set_boolean (value, self->builtin);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_technique_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PalpateTechnique *self = PALPATE_TECHNIQUE (object);

  switch (prop_id)
    {
    case PROP_ID:
      palpate_technique_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_KEY:
      palpate_technique_set_key (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      palpate_technique_set_name (self, g_value_get_string (value));
      break;

    case PROP_BUILTIN:
      palpate_technique_set_builtin (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_technique_class_init (PalpateTechniqueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = palpate_technique_finalize;
  object_class->get_property = palpate_technique_get_property;
  object_class->set_property = palpate_technique_set_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties [PROP_BUILTIN] =
    g_param_spec_boolean ("builtin", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
palpate_technique_init (PalpateTechnique *self)
{
  self->builtin = FALSE;
}

PalpateTechnique *
palpate_technique_new (void)
{
  return g_object_new (PALPATE_TYPE_TECHNIQUE, NULL);
}

gint64
palpate_technique_get_id (PalpateTechnique *self)
{
  g_return_val_if_fail (PALPATE_IS_TECHNIQUE (self), 0);

  return self->id;
}

void
palpate_technique_set_id (PalpateTechnique *self,
                          gint64 id)
{
  g_return_if_fail (PALPATE_IS_TECHNIQUE (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

void
palpate_technique_set_key (PalpateTechnique *self,
                           const char *key)
{
  g_return_if_fail (PALPATE_IS_TECHNIQUE (self));

  if (g_strcmp0 (self->key, key) == 0)
    return;

  g_free (self->key);
  self->key = g_strdup (key);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KEY]);
}

const char *
palpate_technique_get_name (PalpateTechnique *self)
{
  g_return_val_if_fail (PALPATE_IS_TECHNIQUE (self), NULL);

  return self->name;
}

void
palpate_technique_set_name (PalpateTechnique *self,
                            const char *name)
{
  g_return_if_fail (PALPATE_IS_TECHNIQUE (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME]);
}

gboolean
palpate_technique_get_builtin (PalpateTechnique *self)
{
  g_return_val_if_fail (PALPATE_IS_TECHNIQUE (self), 0);

  return self->builtin;
}

void
palpate_technique_set_builtin (PalpateTechnique *self,
                               gboolean builtin)
{
  g_return_if_fail (PALPATE_IS_TECHNIQUE (self));

  if (self->builtin == builtin)
    return;

  self->builtin = builtin;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUILTIN]);
}
