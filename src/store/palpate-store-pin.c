/* palpate-store-pin.c — the therapist's PIN that closes the patient view
 *
 * Only a salted Argon2id hash is kept, in the clinic's settings; the PIN itself is never
 * stored or logged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "palpate-store-private.h"

#define PIN_KEY "pin-hash"
#define PIN_MIN_DIGITS 4
#define PIN_MAX_DIGITS 12

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The PIN cannot be checked on this computer."));
      return FALSE;
    }
  return TRUE;
}

/**
 * palpate_store_set_pin:
 * @pin: (nullable): 4 to 12 digits, or %NULL to remove the PIN
 */
gboolean
palpate_store_set_pin (PalpateStore  *self,
                       const char    *pin,
                       GError       **error)
{
  char hash[crypto_pwhash_STRBYTES];
  size_t length;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  if (pin == NULL)
    return palpate_store_set_setting (self, PIN_KEY, NULL, error);

  length = strlen (pin);
  for (size_t i = 0; i < length; i++)
    if (!g_ascii_isdigit (pin[i]))
      length = 0;
  if (length < PIN_MIN_DIGITS || length > PIN_MAX_DIGITS)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                   _("A PIN is %d to %d digits."), PIN_MIN_DIGITS, PIN_MAX_DIGITS);
      return FALSE;
    }

  if (!ensure_sodium (error))
    return FALSE;

  if (crypto_pwhash_str (hash, pin, length, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("There is not enough memory to protect the PIN."));
      return FALSE;
    }

  return palpate_store_set_setting (self, PIN_KEY, hash, error);
}

gboolean
palpate_store_has_pin (PalpateStore *self)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  hash = palpate_store_dup_setting (self, PIN_KEY);
  return hash != NULL && *hash != '\0';
}

/**
 * palpate_store_check_pin:
 *
 * Returns: whether @pin is the clinic's PIN (%FALSE when none is set)
 */
gboolean
palpate_store_check_pin (PalpateStore *self,
                         const char   *pin)
{
  g_autofree char *hash = NULL;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  hash = palpate_store_dup_setting (self, PIN_KEY);
  if (hash == NULL || *hash == '\0' || pin == NULL || !ensure_sodium (NULL))
    return FALSE;

  return crypto_pwhash_str_verify (hash, pin, strlen (pin)) == 0;
}
