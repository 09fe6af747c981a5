/* palpate-applied-technique.c — a technique applied during a visit: where, how long, how firmly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-applied-technique"

#include "config.h"

#include "palpate-applied-technique.h"

#include "palpate-enum-types.h"

struct _PalpateAppliedTechnique
{
  GObject parent_instance;

  gint64 id;
  gint64 visit_id;
  gint64 technique_id;
  char *technique_name;
  char *region_id;
  int minutes;
  PalpatePressure pressure;
  char *note;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_VISIT_ID,
  PROP_TECHNIQUE_ID,
  PROP_TECHNIQUE_NAME,
  PROP_REGION_ID,
  PROP_MINUTES,
  PROP_PRESSURE,
  PROP_NOTE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpateAppliedTechnique, palpate_applied_technique, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static void
palpate_applied_technique_finalize (GObject *object)
{
  PalpateAppliedTechnique *self = PALPATE_APPLIED_TECHNIQUE (object);

  g_clear_pointer (&self->technique_name, g_free);
  g_clear_pointer (&self->region_id, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (palpate_applied_technique_parent_class)->finalize (object);
}

static void
palpate_applied_technique_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  PalpateAppliedTechnique *self = PALPATE_APPLIED_TECHNIQUE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_VISIT_ID:
      g_value_set_int64 (value, self->visit_id);
      break;

    case PROP_TECHNIQUE_ID:
      g_value_set_int64 (value, self->technique_id);
      break;

    case PROP_TECHNIQUE_NAME:
      g_value_set_string (value, self->technique_name);
      break;

    case PROP_REGION_ID:
      g_value_set_string (value, self->region_id);
      break;

    case PROP_MINUTES:
      g_value_set_int (value, self->minutes);
      break;

    case PROP_PRESSURE:
      g_value_set_enum (value, self->pressure);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_applied_technique_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  PalpateAppliedTechnique *self = PALPATE_APPLIED_TECHNIQUE (object);

  switch (prop_id)
    {
    case PROP_ID:
      palpate_applied_technique_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_VISIT_ID:
      palpate_applied_technique_set_visit_id (self, g_value_get_int64 (value));
      break;

    case PROP_TECHNIQUE_ID:
      palpate_applied_technique_set_technique_id (self, g_value_get_int64 (value));
      break;

    case PROP_TECHNIQUE_NAME:
      palpate_applied_technique_set_technique_name (self, g_value_get_string (value));
      break;

    case PROP_REGION_ID:
      palpate_applied_technique_set_region_id (self, g_value_get_string (value));
      break;

    case PROP_MINUTES:
      palpate_applied_technique_set_minutes (self, g_value_get_int (value));
      break;

    case PROP_PRESSURE:
      palpate_applied_technique_set_pressure (self, g_value_get_enum (value));
      break;

    case PROP_NOTE:
      palpate_applied_technique_set_note (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_applied_technique_class_init (PalpateAppliedTechniqueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = palpate_applied_technique_finalize;
  object_class->get_property = palpate_applied_technique_get_property;
  object_class->set_property = palpate_applied_technique_set_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_VISIT_ID] =
    g_param_spec_int64 ("visit-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_TECHNIQUE_ID] =
    g_param_spec_int64 ("technique-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_TECHNIQUE_NAME] =
    g_param_spec_string ("technique-name", NULL, NULL, NULL, flags);
  properties [PROP_REGION_ID] =
    g_param_spec_string ("region-id", NULL, NULL, NULL, flags);
  properties [PROP_MINUTES] =
    g_param_spec_int ("minutes", NULL, NULL, G_MININT, G_MAXINT, 5, flags);
  properties [PROP_PRESSURE] =
    g_param_spec_enum ("pressure", NULL, NULL, PALPATE_TYPE_PRESSURE, PALPATE_PRESSURE_MODERATE, flags);
  properties [PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
palpate_applied_technique_init (PalpateAppliedTechnique *self)
{
  self->minutes = 5;
  self->pressure = PALPATE_PRESSURE_MODERATE;
}

PalpateAppliedTechnique *
palpate_applied_technique_new (void)
{
  return g_object_new (PALPATE_TYPE_APPLIED_TECHNIQUE, NULL);
}

gint64
palpate_applied_technique_get_id (PalpateAppliedTechnique *self)
{
  g_return_val_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self), 0);

  return self->id;
}

void
palpate_applied_technique_set_id (PalpateAppliedTechnique *self,
                                  gint64 id)
{
  g_return_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

gint64
palpate_applied_technique_get_visit_id (PalpateAppliedTechnique *self)
{
  g_return_val_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self), 0);

  return self->visit_id;
}

void
palpate_applied_technique_set_visit_id (PalpateAppliedTechnique *self,
                                        gint64 visit_id)
{
  g_return_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self));

  if (self->visit_id == visit_id)
    return;

  self->visit_id = visit_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VISIT_ID]);
}

gint64
palpate_applied_technique_get_technique_id (PalpateAppliedTechnique *self)
{
  g_return_val_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self), 0);

  return self->technique_id;
}

void
palpate_applied_technique_set_technique_id (PalpateAppliedTechnique *self,
                                            gint64 technique_id)
{
  g_return_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self));

  if (self->technique_id == technique_id)
    return;

  self->technique_id = technique_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TECHNIQUE_ID]);
}

const char *
palpate_applied_technique_get_technique_name (PalpateAppliedTechnique *self)
{
  g_return_val_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self), NULL);

  return self->technique_name;
}

void
palpate_applied_technique_set_technique_name (PalpateAppliedTechnique *self,
                                              const char *technique_name)
{
  g_return_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self));

  if (g_strcmp0 (self->technique_name, technique_name) == 0)
    return;

  g_free (self->technique_name);
  self->technique_name = g_strdup (technique_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TECHNIQUE_NAME]);
}

const char *
palpate_applied_technique_get_region_id (PalpateAppliedTechnique *self)
{
  g_return_val_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self), NULL);

  return self->region_id;
}

void
palpate_applied_technique_set_region_id (PalpateAppliedTechnique *self,
                                         const char *region_id)
{
  g_return_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self));

  if (g_strcmp0 (self->region_id, region_id) == 0)
    return;

  g_free (self->region_id);
  self->region_id = g_strdup (region_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REGION_ID]);
}

int
palpate_applied_technique_get_minutes (PalpateAppliedTechnique *self)
{
  g_return_val_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self), 0);

  return self->minutes;
}

void
palpate_applied_technique_set_minutes (PalpateAppliedTechnique *self,
                                       int minutes)
{
  g_return_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self));

  g_return_if_fail (minutes >= G_MININT && minutes <= G_MAXINT);

  if (self->minutes == minutes)
    return;

  self->minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MINUTES]);
}

PalpatePressure
palpate_applied_technique_get_pressure (PalpateAppliedTechnique *self)
{
  g_return_val_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self), 0);

  return self->pressure;
}

void
palpate_applied_technique_set_pressure (PalpateAppliedTechnique *self,
                                        PalpatePressure pressure)
{
  g_return_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self));

  if (self->pressure == pressure)
    return;

  self->pressure = pressure;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PRESSURE]);
}

const char *
palpate_applied_technique_get_note (PalpateAppliedTechnique *self)
{
  g_return_val_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self), NULL);

  return self->note;
}

void
palpate_applied_technique_set_note (PalpateAppliedTechnique *self,
                                    const char *note)
{
  g_return_if_fail (PALPATE_IS_APPLIED_TECHNIQUE (self));

  if (g_strcmp0 (self->note, note) == 0)
    return;

  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NOTE]);
}
