/* palpate-keyring.c — the clinic server's password, kept in the desktop's keyring
 *
 * A workstation remembers which clinic server it works on in its settings, as a location
 * without a password; the password goes to the keyring (the Secret Service, or its portal in
 * a sandbox), found again by that location. Nothing else is kept there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "palpate-keyring.h"
#include "palpate-store.h"

static const SecretSchema *
server_schema (void)
{
  static const SecretSchema schema = {
    "org.palpate.Palpate.ClinicServer", SECRET_SCHEMA_NONE,
    {
      { "location", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/**
 * palpate_keyring_store_password:
 * @location: the clinic server's location, without a password
 *
 * Keeps @password in the keyring for @location, replacing the one kept before.
 */
gboolean
palpate_keyring_store_password (const char  *location,
                                const char  *password,
                                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (location != NULL && password != NULL, FALSE);

  server = palpate_store_describe_server (location);
  /* TRANSLATORS: the keyring's name for the password, e.g. Palpate clinic server: “clinic” on db.example.org */
  label = g_strdup_printf (_("Palpate clinic server: %s"), server);
  if (!secret_password_store_sync (server_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                   NULL, &local_error, "location", location, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The password could not be kept in this computer’s keyring, so it will be "
                     "asked for again next time (%s)."), local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * palpate_keyring_lookup_password:
 * @location: the clinic server's location, without a password
 *
 * Returns: (transfer full) (nullable): the password kept for @location, to free with
 *   palpate_keyring_free_password(), or %NULL when none is kept or the keyring cannot be read
 */
char *
palpate_keyring_lookup_password (const char *location)
{
  g_autoptr(GError) error = NULL;
  char *password;

  g_return_val_if_fail (location != NULL, NULL);

  password = secret_password_lookup_sync (server_schema (), NULL, &error, "location", location,
                                          NULL);
  /* No keyring on this desktop: the server asks, and the window says so. */
  if (error != NULL)
    g_debug ("The keyring could not be read: %s", error->message);
  return password;
}

/* Wipes the password before it is freed. */
void
palpate_keyring_free_password (char *password)
{
  secret_password_free (password);
}

/**
 * palpate_keyring_forget_password:
 * @location: the clinic server's location, without a password
 *
 * Removes the password kept for @location, when this computer leaves the server.
 */
void
palpate_keyring_forget_password (const char *location)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (location != NULL);

  if (!secret_password_clear_sync (server_schema (), NULL, &error, "location", location, NULL))
    if (error != NULL)
      g_debug ("The keyring could not be cleared: %s", error->message);
}
