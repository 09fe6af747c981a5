/* palpate-therapist.c — a therapist of the clinic: the profile every entry names as its author
 *
 * A profile says who the therapist is to a regulator (name, credentials, the registration
 * number and the college that issued it), whether they own the clinic (the owner manages the
 * profiles and reads every note), and whether they still work there: a therapist who left is
 * deactivated, never removed, so that their entries keep naming them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-therapist"

#include "config.h"

#include "palpate-therapist.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-core-error.h"
#include "palpate-enum-types.h"

/* A passcode is a PIN of at least six digits or a passphrase of at least eight characters;
 * the longest one is bounded so that hashing it stays quick. */
#define PASSCODE_MIN_DIGITS 6
#define PASSPHRASE_MIN_CHARS 8
#define PASSCODE_MAX_BYTES 256

struct _PalpateTherapist
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *credentials;
  char *registration;
  char *college;
  guint owner : 1;
  guint active : 1;
  guint has_passcode : 1;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CREDENTIALS,
  PROP_REGISTRATION,
  PROP_COLLEGE,
  PROP_OWNER,
  PROP_ACTIVE,
  PROP_HAS_PASSCODE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpateTherapist, palpate_therapist, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

static gboolean
set_text (char       **field,
          const char  *text)
{
  if (g_strcmp0 (*field, text) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (text);
  return TRUE;
}

static void
palpate_therapist_finalize (GObject *object)
{
  PalpateTherapist *self = PALPATE_THERAPIST (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->credentials, g_free);
  g_clear_pointer (&self->registration, g_free);
  g_clear_pointer (&self->college, g_free);

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

    case PROP_REGISTRATION:
      g_value_set_string (value, self->registration);
      break;

    case PROP_COLLEGE:
      g_value_set_string (value, self->college);
      break;

    case PROP_OWNER:
      g_value_set_boolean (value, self->owner);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    case PROP_HAS_PASSCODE:
      g_value_set_boolean (value, self->has_passcode);
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

    case PROP_REGISTRATION:
      palpate_therapist_set_registration (self, g_value_get_string (value));
      break;

    case PROP_COLLEGE:
      palpate_therapist_set_college (self, g_value_get_string (value));
      break;

    case PROP_OWNER:
      palpate_therapist_set_owner (self, g_value_get_boolean (value));
      break;

    case PROP_ACTIVE:
      palpate_therapist_set_active (self, g_value_get_boolean (value));
      break;

    case PROP_HAS_PASSCODE:
      palpate_therapist_set_has_passcode (self, g_value_get_boolean (value));
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
  properties [PROP_REGISTRATION] =
    g_param_spec_string ("registration", NULL, NULL, NULL, flags);
  properties [PROP_COLLEGE] =
    g_param_spec_string ("college", NULL, NULL, NULL, flags);
  properties [PROP_OWNER] =
    g_param_spec_boolean ("owner", NULL, NULL, FALSE, flags);
  properties [PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, TRUE, flags);
  properties [PROP_HAS_PASSCODE] =
    g_param_spec_boolean ("has-passcode", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
palpate_therapist_init (PalpateTherapist *self)
{
  self->active = TRUE;
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

  if (set_text (&self->name, name))
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

  if (set_text (&self->credentials, credentials))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREDENTIALS]);
}

/**
 * palpate_therapist_get_registration:
 *
 * Returns: (nullable): the number of the therapist's registration with their college
 */
const char *
palpate_therapist_get_registration (PalpateTherapist *self)
{
  g_return_val_if_fail (PALPATE_IS_THERAPIST (self), NULL);

  return self->registration;
}

void
palpate_therapist_set_registration (PalpateTherapist *self,
                                    const char       *registration)
{
  g_return_if_fail (PALPATE_IS_THERAPIST (self));

  if (set_text (&self->registration, registration))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REGISTRATION]);
}

/**
 * palpate_therapist_get_college:
 *
 * Returns: (nullable): the regulatory college that issued the registration
 */
const char *
palpate_therapist_get_college (PalpateTherapist *self)
{
  g_return_val_if_fail (PALPATE_IS_THERAPIST (self), NULL);

  return self->college;
}

void
palpate_therapist_set_college (PalpateTherapist *self,
                               const char       *college)
{
  g_return_if_fail (PALPATE_IS_THERAPIST (self));

  if (set_text (&self->college, college))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COLLEGE]);
}

/**
 * palpate_therapist_get_owner:
 *
 * Returns: whether the therapist owns the clinic: manages the profiles, reads every note
 */
gboolean
palpate_therapist_get_owner (PalpateTherapist *self)
{
  g_return_val_if_fail (PALPATE_IS_THERAPIST (self), FALSE);

  return self->owner;
}

void
palpate_therapist_set_owner (PalpateTherapist *self,
                             gboolean          owner)
{
  g_return_if_fail (PALPATE_IS_THERAPIST (self));

  owner = !!owner;
  if (self->owner == owner)
    return;

  self->owner = owner;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OWNER]);
}

/**
 * palpate_therapist_get_active:
 *
 * Returns: whether the therapist may sign in; a deactivated one keeps their history
 */
gboolean
palpate_therapist_get_active (PalpateTherapist *self)
{
  g_return_val_if_fail (PALPATE_IS_THERAPIST (self), FALSE);

  return self->active;
}

void
palpate_therapist_set_active (PalpateTherapist *self,
                              gboolean          active)
{
  g_return_if_fail (PALPATE_IS_THERAPIST (self));

  active = !!active;
  if (self->active == active)
    return;

  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACTIVE]);
}

/**
 * palpate_therapist_get_has_passcode:
 *
 * Returns: whether signing in as the therapist asks for a passcode (the store sets it)
 */
gboolean
palpate_therapist_get_has_passcode (PalpateTherapist *self)
{
  g_return_val_if_fail (PALPATE_IS_THERAPIST (self), FALSE);

  return self->has_passcode;
}

void
palpate_therapist_set_has_passcode (PalpateTherapist *self,
                                    gboolean          has_passcode)
{
  g_return_if_fail (PALPATE_IS_THERAPIST (self));

  has_passcode = !!has_passcode;
  if (self->has_passcode == has_passcode)
    return;

  self->has_passcode = has_passcode;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HAS_PASSCODE]);
}

/**
 * palpate_therapist_dup_author:
 *
 * The therapist as an entry names its author, and as a signature block prints them: the
 * name, the credentials, and the registration with its college ("Jane Doe, RMT, CMTO reg.
 * 12345"). A profile with only a name reads as the name.
 *
 * Returns: (transfer full): the author's line
 */
char *
palpate_therapist_dup_author (PalpateTherapist *self)
{
  GString *author;

  g_return_val_if_fail (PALPATE_IS_THERAPIST (self), NULL);

  author = g_string_new (self->name ? self->name : "");
  if (self->credentials != NULL && *self->credentials != '\0')
    g_string_append_printf (author, ", %s", self->credentials);
  if (self->registration != NULL && *self->registration != '\0')
    {
      if (self->college != NULL && *self->college != '\0')
        /* Translators: the college that registered a therapist, then the registration number */
        g_string_append_printf (author, _(", %s reg. %s"), self->college, self->registration);
      else
        /* Translators: a therapist's registration number */
        g_string_append_printf (author, _(", reg. %s"), self->registration);
    }

  return g_string_free (author, FALSE);
}

/**
 * palpate_passcode_validate:
 *
 * A therapist's passcode is at least six digits, or a passphrase of at least eight characters:
 * short enough to type at the treatment table, long enough that the growing wait after wrong
 * tries makes guessing it hopeless.
 *
 * Returns: whether @passcode may be chosen
 */
gboolean
palpate_passcode_validate (const char  *passcode,
                           GError     **error)
{
  gboolean digits = TRUE;
  gsize length;

  if (passcode == NULL || !g_utf8_validate (passcode, -1, NULL))
    passcode = "";

  length = strlen (passcode);
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isdigit (passcode[i]))
      digits = FALSE;

  if (length > PASSCODE_MAX_BYTES)
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_TOO_LONG,
                   _("A passcode is at most %d characters."), PASSCODE_MAX_BYTES);
      return FALSE;
    }

  if ((digits && length >= PASSCODE_MIN_DIGITS) ||
      (!digits && g_utf8_strlen (passcode, -1) >= PASSPHRASE_MIN_CHARS))
    return TRUE;

  g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
               _("A passcode is at least %d digits, or a passphrase of at least %d characters."),
               PASSCODE_MIN_DIGITS, PASSPHRASE_MIN_CHARS);
  return FALSE;
}
