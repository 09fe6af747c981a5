/* palpate-finding.c — a finding: one mark on the body chart
 *
 * A finding keeps its geometry in atlas coordinates of its view, so that it is drawn the same on
 * any screen and on paper, and the region it lies in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-finding"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-core-error.h"
#include "palpate-enum-types.h"
#include "palpate-finding.h"

#include <math.h>

struct _PalpateFinding
{
  GObject               parent_instance;

  gint64                id;
  gint64                visit_id;
  PalpateFindingKind    kind;
  PalpateView           view;
  char                 *region_id;
  int                   intensity;
  char                 *note;
  PalpateFindingStatus  status;
  GArray               *points;
  gboolean              reported_by_client;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_VISIT_ID,
  PROP_KIND,
  PROP_VIEW,
  PROP_REGION_ID,
  PROP_INTENSITY,
  PROP_NOTE,
  PROP_STATUS,
  PROP_REPORTED_BY_CLIENT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PalpateFinding, palpate_finding, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static const struct {
  const char      *id;
  const char      *name;
  PalpateGeometry  geometry;
} kinds[PALPATE_N_FINDING_KINDS] = {
  [PALPATE_FINDING_TRIGGER_POINT_ACTIVE] = { "trigger-point-active", N_("Active trigger point"),
                                             PALPATE_GEOMETRY_POINT },
  [PALPATE_FINDING_TRIGGER_POINT_LATENT] = { "trigger-point-latent", N_("Latent trigger point"),
                                             PALPATE_GEOMETRY_POINT },
  [PALPATE_FINDING_TENDER_POINT]         = { "tender-point", N_("Tender point"),
                                             PALPATE_GEOMETRY_POINT },
  [PALPATE_FINDING_ADHESION]             = { "adhesion", N_("Adhesion"),
                                             PALPATE_GEOMETRY_LINE },
  [PALPATE_FINDING_SPASM_ZONE]           = { "spasm-zone", N_("Spasm zone"),
                                             PALPATE_GEOMETRY_AREA },
  [PALPATE_FINDING_REFERRED_PAIN]        = { "referred-pain", N_("Referred pain"),
                                             PALPATE_GEOMETRY_LINE },
  [PALPATE_FINDING_NUMBNESS]             = { "numbness", N_("Numbness or tingling"),
                                             PALPATE_GEOMETRY_AREA },
  [PALPATE_FINDING_CLEARED]              = { "cleared", N_("Cleared"),
                                             PALPATE_GEOMETRY_POINT },
  [PALPATE_FINDING_CONTRAINDICATION]     = { "contraindication", N_("No-touch zone"),
                                             PALPATE_GEOMETRY_AREA },
};

static const char *view_ids[] = {
  [PALPATE_VIEW_ANTERIOR] = "anterior",
  [PALPATE_VIEW_POSTERIOR] = "posterior",
  [PALPATE_VIEW_LEFT_LATERAL] = "left-lateral",
  [PALPATE_VIEW_RIGHT_LATERAL] = "right-lateral",
};

static void
notify_changed (PalpateFinding *self,
                guint           prop_id)
{
  if (prop_id != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
palpate_finding_finalize (GObject *object)
{
  PalpateFinding *self = PALPATE_FINDING (object);

  g_clear_pointer (&self->region_id, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->points, g_array_unref);

  G_OBJECT_CLASS (palpate_finding_parent_class)->finalize (object);
}

static void
palpate_finding_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PalpateFinding *self = PALPATE_FINDING (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_VISIT_ID:
      g_value_set_int64 (value, self->visit_id);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_VIEW:
      g_value_set_enum (value, self->view);
      break;

    case PROP_REGION_ID:
      g_value_set_string (value, self->region_id);
      break;

    case PROP_INTENSITY:
      g_value_set_int (value, self->intensity);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_REPORTED_BY_CLIENT:
      g_value_set_boolean (value, self->reported_by_client);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_finding_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PalpateFinding *self = PALPATE_FINDING (object);

  switch (prop_id)
    {
    case PROP_ID:
      palpate_finding_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_VISIT_ID:
      palpate_finding_set_visit_id (self, g_value_get_int64 (value));
      break;

    case PROP_KIND:
      palpate_finding_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_VIEW:
      palpate_finding_set_view (self, g_value_get_enum (value));
      break;

    case PROP_REGION_ID:
      palpate_finding_set_region_id (self, g_value_get_string (value));
      break;

    case PROP_INTENSITY:
      palpate_finding_set_intensity (self, g_value_get_int (value));
      break;

    case PROP_NOTE:
      palpate_finding_set_note (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      palpate_finding_set_status (self, g_value_get_enum (value));
      break;

    case PROP_REPORTED_BY_CLIENT:
      palpate_finding_set_reported_by_client (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_finding_class_init (PalpateFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = palpate_finding_finalize;
  object_class->get_property = palpate_finding_get_property;
  object_class->set_property = palpate_finding_set_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_VISIT_ID] =
    g_param_spec_int64 ("visit-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, PALPATE_TYPE_FINDING_KIND,
                       PALPATE_FINDING_TRIGGER_POINT_ACTIVE, flags);
  properties [PROP_VIEW] =
    g_param_spec_enum ("view", NULL, NULL, PALPATE_TYPE_VIEW, PALPATE_VIEW_ANTERIOR, flags);
  properties [PROP_REGION_ID] =
    g_param_spec_string ("region-id", NULL, NULL, NULL, flags);
  properties [PROP_INTENSITY] =
    g_param_spec_int ("intensity", NULL, NULL, 0, PALPATE_FINDING_INTENSITY_MAX, 5, flags);
  properties [PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, flags);
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, PALPATE_TYPE_FINDING_STATUS,
                       PALPATE_FINDING_STATUS_NEW, flags);
  /* Marked by the client on the patient view's self-rating, for the therapist to review. */
  properties [PROP_REPORTED_BY_CLIENT] =
    g_param_spec_boolean ("reported-by-client", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PalpateFinding::changed:
   *
   * Emitted after any change of the finding, its points included.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
palpate_finding_init (PalpateFinding *self)
{
  self->intensity = 5;
  self->points = g_array_new (FALSE, FALSE, sizeof (PalpatePoint));
}

PalpateFinding *
palpate_finding_new (PalpateFindingKind  kind,
                     PalpateView         view,
                     const PalpatePoint *points,
                     guint               n_points)
{
  PalpateFinding *self;

  g_return_val_if_fail (kind < PALPATE_N_FINDING_KINDS, NULL);
  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  self = g_object_new (PALPATE_TYPE_FINDING,
                       "kind", kind,
                       "view", view,
                       NULL);
  g_array_append_vals (self->points, points, n_points);

  return self;
}

/**
 * palpate_finding_copy:
 *
 * Returns: (transfer full): a new finding with the same values, the id included
 */
PalpateFinding *
palpate_finding_copy (PalpateFinding *self)
{
  PalpateFinding *copy;

  g_return_val_if_fail (PALPATE_IS_FINDING (self), NULL);

  copy = palpate_finding_new (self->kind, self->view,
                              (const PalpatePoint *) (gpointer) self->points->data,
                              self->points->len);
  copy->id = self->id;
  copy->visit_id = self->visit_id;
  copy->region_id = g_strdup (self->region_id);
  copy->intensity = self->intensity;
  copy->note = g_strdup (self->note);
  copy->status = self->status;
  copy->reported_by_client = self->reported_by_client;

  return copy;
}

gint64
palpate_finding_get_id (PalpateFinding *self)
{
  g_return_val_if_fail (PALPATE_IS_FINDING (self), 0);

  return self->id;
}

void
palpate_finding_set_id (PalpateFinding *self,
                        gint64          id)
{
  g_return_if_fail (PALPATE_IS_FINDING (self));

  if (self->id == id)
    return;

  self->id = id;
  notify_changed (self, PROP_ID);
}

gint64
palpate_finding_get_visit_id (PalpateFinding *self)
{
  g_return_val_if_fail (PALPATE_IS_FINDING (self), 0);

  return self->visit_id;
}

void
palpate_finding_set_visit_id (PalpateFinding *self,
                              gint64          visit_id)
{
  g_return_if_fail (PALPATE_IS_FINDING (self));

  if (self->visit_id == visit_id)
    return;

  self->visit_id = visit_id;
  notify_changed (self, PROP_VISIT_ID);
}

PalpateFindingKind
palpate_finding_get_kind (PalpateFinding *self)
{
  g_return_val_if_fail (PALPATE_IS_FINDING (self), 0);

  return self->kind;
}

void
palpate_finding_set_kind (PalpateFinding     *self,
                          PalpateFindingKind  kind)
{
  g_return_if_fail (PALPATE_IS_FINDING (self));
  g_return_if_fail (kind < PALPATE_N_FINDING_KINDS);

  if (self->kind == kind)
    return;

  self->kind = kind;
  notify_changed (self, PROP_KIND);
}

PalpateView
palpate_finding_get_view (PalpateFinding *self)
{
  g_return_val_if_fail (PALPATE_IS_FINDING (self), 0);

  return self->view;
}

void
palpate_finding_set_view (PalpateFinding *self,
                          PalpateView     view)
{
  g_return_if_fail (PALPATE_IS_FINDING (self));

  if (self->view == view)
    return;

  self->view = view;
  notify_changed (self, PROP_VIEW);
}

const char *
palpate_finding_get_region_id (PalpateFinding *self)
{
  g_return_val_if_fail (PALPATE_IS_FINDING (self), NULL);

  return self->region_id;
}

void
palpate_finding_set_region_id (PalpateFinding *self,
                               const char     *region_id)
{
  g_return_if_fail (PALPATE_IS_FINDING (self));

  if (g_strcmp0 (self->region_id, region_id) == 0)
    return;

  g_free (self->region_id);
  self->region_id = g_strdup (region_id);
  notify_changed (self, PROP_REGION_ID);
}

int
palpate_finding_get_intensity (PalpateFinding *self)
{
  g_return_val_if_fail (PALPATE_IS_FINDING (self), 0);

  return self->intensity;
}

/**
 * palpate_finding_set_intensity:
 * @intensity: 0 (barely there) to 10 (the worst)
 *
 * Values outside 0–10 are clamped: intensity comes from keys, scrolling and stylus pressure.
 */
void
palpate_finding_set_intensity (PalpateFinding *self,
                               int             intensity)
{
  g_return_if_fail (PALPATE_IS_FINDING (self));

  intensity = CLAMP (intensity, 0, PALPATE_FINDING_INTENSITY_MAX);
  if (self->intensity == intensity)
    return;

  self->intensity = intensity;
  notify_changed (self, PROP_INTENSITY);
}

const char *
palpate_finding_get_note (PalpateFinding *self)
{
  g_return_val_if_fail (PALPATE_IS_FINDING (self), NULL);

  return self->note;
}

void
palpate_finding_set_note (PalpateFinding *self,
                          const char     *note)
{
  g_return_if_fail (PALPATE_IS_FINDING (self));

  if (g_strcmp0 (self->note, note) == 0)
    return;

  g_free (self->note);
  self->note = g_strdup (note);
  notify_changed (self, PROP_NOTE);
}

PalpateFindingStatus
palpate_finding_get_status (PalpateFinding *self)
{
  g_return_val_if_fail (PALPATE_IS_FINDING (self), 0);

  return self->status;
}

void
palpate_finding_set_status (PalpateFinding       *self,
                            PalpateFindingStatus  status)
{
  g_return_if_fail (PALPATE_IS_FINDING (self));

  if (self->status == status)
    return;

  self->status = status;
  notify_changed (self, PROP_STATUS);
}

gboolean
palpate_finding_get_reported_by_client (PalpateFinding *self)
{
  g_return_val_if_fail (PALPATE_IS_FINDING (self), FALSE);

  return self->reported_by_client;
}

void
palpate_finding_set_reported_by_client (PalpateFinding *self,
                                        gboolean        reported_by_client)
{
  g_return_if_fail (PALPATE_IS_FINDING (self));

  reported_by_client = !!reported_by_client;
  if (self->reported_by_client == reported_by_client)
    return;

  self->reported_by_client = reported_by_client;
  notify_changed (self, PROP_REPORTED_BY_CLIENT);
}

/**
 * palpate_finding_get_points:
 * @n_points: (out): how many points there are
 *
 * Returns: (transfer none): the finding's points in atlas coordinates of its view: one for a
 *   point, two or more along a line, three or more around an area
 */
const PalpatePoint *
palpate_finding_get_points (PalpateFinding *self,
                            guint          *n_points)
{
  g_return_val_if_fail (PALPATE_IS_FINDING (self), NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  *n_points = self->points->len;
  return (const PalpatePoint *) (gpointer) self->points->data;
}

void
palpate_finding_set_points (PalpateFinding     *self,
                            const PalpatePoint *points,
                            guint               n_points)
{
  g_return_if_fail (PALPATE_IS_FINDING (self));
  g_return_if_fail (points != NULL || n_points == 0);

  g_array_set_size (self->points, 0);
  g_array_append_vals (self->points, points, n_points);
  notify_changed (self, PROP_0);
}

/* Moves the whole finding, as when it is dragged on the chart. */
void
palpate_finding_translate (PalpateFinding *self,
                           double          dx,
                           double          dy)
{
  g_return_if_fail (PALPATE_IS_FINDING (self));

  for (guint i = 0; i < self->points->len; i++)
    {
      PalpatePoint *point = &g_array_index (self->points, PalpatePoint, i);

      point->x += dx;
      point->y += dy;
    }
  notify_changed (self, PROP_0);
}

/**
 * palpate_finding_validate:
 *
 * Checks the rules a finding must keep before it is recorded.
 *
 * Returns: %TRUE if the finding may be recorded; otherwise @error says why, in words a
 *   therapist understands
 */
gboolean
palpate_finding_validate (PalpateFinding  *self,
                          GError         **error)
{
  PalpateGeometry geometry;
  guint needed;

  g_return_val_if_fail (PALPATE_IS_FINDING (self), FALSE);

  geometry = palpate_finding_kind_get_geometry (self->kind);
  needed = geometry == PALPATE_GEOMETRY_POINT ? 1 : geometry == PALPATE_GEOMETRY_LINE ? 2 : 3;

  if (self->points->len < needed ||
      (geometry == PALPATE_GEOMETRY_POINT && self->points->len != 1))
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   geometry == PALPATE_GEOMETRY_POINT
                   ? _("A point finding needs exactly one position on the body chart.")
                   : geometry == PALPATE_GEOMETRY_LINE
                   ? _("A line needs at least two points on the body chart.")
                   : _("An area needs at least three points on the body chart."));
      return FALSE;
    }

  if (self->points->len > PALPATE_FINDING_MAX_POINTS)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_TOO_LONG,
                   _("This mark has too many points to keep; draw it again more simply."));
      return FALSE;
    }

  for (guint i = 0; i < self->points->len; i++)
    {
      const PalpatePoint *point = &g_array_index (self->points, PalpatePoint, i);

      if (!isfinite (point->x) || !isfinite (point->y))
        {
          g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                       _("A point of this mark is not on the body chart."));
          return FALSE;
        }
    }

  if (self->intensity < 0 || self->intensity > PALPATE_FINDING_INTENSITY_MAX)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("The intensity of a finding goes from 0 to 10."));
      return FALSE;
    }

  if (self->note != NULL && g_utf8_strlen (self->note, -1) > PALPATE_FINDING_NOTE_MAX_CHARS)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_TOO_LONG,
                   _("A finding’s note can hold up to %d characters; this one has %ld."),
                   PALPATE_FINDING_NOTE_MAX_CHARS, g_utf8_strlen (self->note, -1));
      return FALSE;
    }

  if (self->note != NULL && !g_utf8_validate (self->note, -1, NULL))
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("The note of this finding is not valid text."));
      return FALSE;
    }

  return TRUE;
}

PalpateGeometry
palpate_finding_kind_get_geometry (PalpateFindingKind kind)
{
  g_return_val_if_fail (kind < PALPATE_N_FINDING_KINDS, PALPATE_GEOMETRY_POINT);

  return kinds[kind].geometry;
}

/**
 * palpate_finding_kind_get_name:
 *
 * Returns: the kind's name as a therapist reads it, translated
 */
const char *
palpate_finding_kind_get_name (PalpateFindingKind kind)
{
  g_return_val_if_fail (kind < PALPATE_N_FINDING_KINDS, NULL);

  return _(kinds[kind].name);
}

/**
 * palpate_finding_kind_to_string:
 *
 * Returns: the kind's stable id, as stored in the database ("trigger-point-active")
 */
const char *
palpate_finding_kind_to_string (PalpateFindingKind kind)
{
  g_return_val_if_fail (kind < PALPATE_N_FINDING_KINDS, NULL);

  return kinds[kind].id;
}

gboolean
palpate_finding_kind_from_string (const char         *text,
                                  PalpateFindingKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (g_strcmp0 (text, kinds[i].id) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
palpate_view_to_string (PalpateView view)
{
  g_return_val_if_fail (view < G_N_ELEMENTS (view_ids), NULL);

  return view_ids[view];
}

gboolean
palpate_view_from_string (const char  *text,
                          PalpateView *view)
{
  g_return_val_if_fail (view != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (view_ids); i++)
    {
      if (g_strcmp0 (text, view_ids[i]) == 0)
        {
          *view = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
palpate_finding_status_get_name (PalpateFindingStatus status)
{
  switch (status)
    {
    case PALPATE_FINDING_STATUS_NEW:
      return _("New");
    case PALPATE_FINDING_STATUS_PERSISTING:
      return _("Persisting");
    case PALPATE_FINDING_STATUS_IMPROVED:
      return _("Improved");
    case PALPATE_FINDING_STATUS_RESOLVED:
      return _("Resolved");
    default:
      g_return_val_if_reached (NULL);
    }
}
