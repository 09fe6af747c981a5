/* palpate-amendment.c — a dated correction to a signed visit, kept beside the original
 *
 * An amendment either corrects one part of the signed note (the subjective, objective,
 * assessment, plan or home care), keeping the text it corrects as its original so that the two
 * are shown side by side, or adds to the note as a whole. Either way it says why, when and by
 * whom (§ 630f BGB: corrections keep the original recognisable, with time and author).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-amendment"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-amendment.h"

#include "palpate-enum-types.h"

struct _PalpateAmendment
{
  GObject parent_instance;

  gint64 id;
  gint64 visit_id;
  GDateTime *created_at;
  char *author;
  char *text;
  PalpateNotePart part;
  char *reason;
  char *original;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_VISIT_ID,
  PROP_CREATED_AT,
  PROP_AUTHOR,
  PROP_TEXT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpateAmendment, palpate_amendment, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static void
palpate_amendment_finalize (GObject *object)
{
  PalpateAmendment *self = PALPATE_AMENDMENT (object);

  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->original, g_free);

  G_OBJECT_CLASS (palpate_amendment_parent_class)->finalize (object);
}

static void
palpate_amendment_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PalpateAmendment *self = PALPATE_AMENDMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_VISIT_ID:
      g_value_set_int64 (value, self->visit_id);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_amendment_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PalpateAmendment *self = PALPATE_AMENDMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      palpate_amendment_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_VISIT_ID:
      palpate_amendment_set_visit_id (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      palpate_amendment_set_created_at (self, g_value_get_boxed (value));
      break;

    case PROP_AUTHOR:
      palpate_amendment_set_author (self, g_value_get_string (value));
      break;

    case PROP_TEXT:
      palpate_amendment_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_amendment_class_init (PalpateAmendmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = palpate_amendment_finalize;
  object_class->get_property = palpate_amendment_get_property;
  object_class->set_property = palpate_amendment_set_property;

  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_VISIT_ID] =
    g_param_spec_int64 ("visit-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties [PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
palpate_amendment_init (PalpateAmendment *self)
{
}

PalpateAmendment *
palpate_amendment_new (void)
{
  return g_object_new (PALPATE_TYPE_AMENDMENT, NULL);
}

gint64
palpate_amendment_get_id (PalpateAmendment *self)
{
  g_return_val_if_fail (PALPATE_IS_AMENDMENT (self), 0);

  return self->id;
}

void
palpate_amendment_set_id (PalpateAmendment *self,
                          gint64 id)
{
  g_return_if_fail (PALPATE_IS_AMENDMENT (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

gint64
palpate_amendment_get_visit_id (PalpateAmendment *self)
{
  g_return_val_if_fail (PALPATE_IS_AMENDMENT (self), 0);

  return self->visit_id;
}

void
palpate_amendment_set_visit_id (PalpateAmendment *self,
                                gint64 visit_id)
{
  g_return_if_fail (PALPATE_IS_AMENDMENT (self));

  if (self->visit_id == visit_id)
    return;

  self->visit_id = visit_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VISIT_ID]);
}

GDateTime *
palpate_amendment_get_created_at (PalpateAmendment *self)
{
  g_return_val_if_fail (PALPATE_IS_AMENDMENT (self), NULL);

  return self->created_at;
}

void
palpate_amendment_set_created_at (PalpateAmendment *self,
                                  GDateTime *created_at)
{
  g_return_if_fail (PALPATE_IS_AMENDMENT (self));

  if (self->created_at == created_at ||
      (self->created_at != NULL && created_at != NULL && g_date_time_equal (self->created_at, created_at)))
    return;

  g_clear_pointer (&self->created_at, g_date_time_unref);
  self->created_at = created_at ? g_date_time_ref (created_at) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED_AT]);
}

const char *
palpate_amendment_get_author (PalpateAmendment *self)
{
  g_return_val_if_fail (PALPATE_IS_AMENDMENT (self), NULL);

  return self->author;
}

void
palpate_amendment_set_author (PalpateAmendment *self,
                              const char *author)
{
  g_return_if_fail (PALPATE_IS_AMENDMENT (self));

  if (g_strcmp0 (self->author, author) == 0)
    return;

  g_free (self->author);
  self->author = g_strdup (author);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_AUTHOR]);
}

const char *
palpate_amendment_get_text (PalpateAmendment *self)
{
  g_return_val_if_fail (PALPATE_IS_AMENDMENT (self), NULL);

  return self->text;
}

void
palpate_amendment_set_text (PalpateAmendment *self,
                            const char *text)
{
  g_return_if_fail (PALPATE_IS_AMENDMENT (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEXT]);
}

PalpateNotePart
palpate_amendment_get_part (PalpateAmendment *self)
{
  g_return_val_if_fail (PALPATE_IS_AMENDMENT (self), PALPATE_NOTE_PART_NONE);

  return self->part;
}

void
palpate_amendment_set_part (PalpateAmendment *self,
                            PalpateNotePart   part)
{
  g_return_if_fail (PALPATE_IS_AMENDMENT (self));
  g_return_if_fail (part < PALPATE_N_NOTE_PARTS);

  self->part = part;
}

/**
 * palpate_amendment_get_reason:
 *
 * Returns: (nullable): why the note was amended; %NULL for an amendment made before reasons
 *   were asked for
 */
const char *
palpate_amendment_get_reason (PalpateAmendment *self)
{
  g_return_val_if_fail (PALPATE_IS_AMENDMENT (self), NULL);

  return self->reason;
}

void
palpate_amendment_set_reason (PalpateAmendment *self,
                              const char       *reason)
{
  g_return_if_fail (PALPATE_IS_AMENDMENT (self));

  if (g_strcmp0 (self->reason, reason) == 0)
    return;
  g_free (self->reason);
  self->reason = g_strdup (reason);
}

/**
 * palpate_amendment_get_original:
 *
 * Returns: (nullable): the text the amendment corrects, as it read before; %NULL for an
 *   addendum to the whole note
 */
const char *
palpate_amendment_get_original (PalpateAmendment *self)
{
  g_return_val_if_fail (PALPATE_IS_AMENDMENT (self), NULL);

  return self->original;
}

void
palpate_amendment_set_original (PalpateAmendment *self,
                                const char       *original)
{
  g_return_if_fail (PALPATE_IS_AMENDMENT (self));

  if (g_strcmp0 (self->original, original) == 0)
    return;
  g_free (self->original);
  self->original = g_strdup (original);
}

static const struct
{
  const char *key;
  const char *name;
} note_parts[PALPATE_N_NOTE_PARTS] = {
  { NULL, N_("Addendum to the note") },
  { "subjective", N_("Subjective") },
  { "objective", N_("Objective") },
  { "assessment", N_("Assessment") },
  { "plan", N_("Plan") },
  { "home-care", N_("Home care") },
};

/**
 * palpate_note_part_get_key:
 *
 * Returns: (nullable): the part's key in the clinic file; %NULL for the whole note
 */
const char *
palpate_note_part_get_key (PalpateNotePart part)
{
  g_return_val_if_fail (part < PALPATE_N_NOTE_PARTS, NULL);

  return note_parts[part].key;
}

PalpateNotePart
palpate_note_part_from_key (const char *key)
{
  for (guint i = 1; key != NULL && i < PALPATE_N_NOTE_PARTS; i++)
    if (g_str_equal (key, note_parts[i].key))
      return i;

  return PALPATE_NOTE_PART_NONE;
}

const char *
palpate_note_part_get_name (PalpateNotePart part)
{
  g_return_val_if_fail (part < PALPATE_N_NOTE_PARTS, NULL);

  return _(note_parts[part].name);
}
