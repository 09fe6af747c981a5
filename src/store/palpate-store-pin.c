/* palpate-store-pin.c — the therapist's PIN that closes the patient view
 *
 * Only a salted Argon2id hash is kept, in the clinic's settings; the PIN itself is never
 * stored or logged. A copy of the hash and the count of wrong tries are also kept outside the
 * clinic file, in the user's config folder (`palpate/pins.ini`, mode 0600), keyed by the
 * clinic's path: removing or replacing the hash by editing the file does not remove the PIN,
 * and restarting Palpate does not reset the wait after wrong tries.
 *
 * After two wrong tries in a row, each one more makes the next try wait twice as long (1, 2,
 * 4 … seconds, at most a minute); after ten, the PIN is locked for a quarter of an hour. Every
 * wrong try is logged in the audit log, without the PIN.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>

#include "palpate-store-private.h"

#define PIN_KEY "pin-hash"
#define PIN_MIN_DIGITS 6
#define PIN_MAX_DIGITS 12

/* Wrong tries in a row that cost no wait (a slip of the finger), the longest wait, and after
 * how many wrong tries the PIN locks, for how long. */
#define PIN_FREE_TRIES 2
#define PIN_MAX_WAIT_S 60
#define PIN_LOCK_TRIES 10
#define PIN_LOCK_S (15 * 60)

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

static char *
pins_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "palpate", "pins.ini", NULL);
}

/* What is kept outside the clinic file for this clinic; an empty key file when nothing is. */
GKeyFile *
palpate_store_pins_load (void)
{
  g_autofree char *path = pins_path ();
  GKeyFile *pins = g_key_file_new ();

  g_key_file_load_from_file (pins, path, G_KEY_FILE_NONE, NULL);
  return pins;
}

/* The clinic's group in pins.ini: a hash of its path, which may hold any character. */
char *
palpate_store_pins_group (PalpateStore *self)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, palpate_store_get_path (self), -1);
}

gboolean
palpate_store_pins_save (GKeyFile  *pins,
                         GError   **error)
{
  g_autofree char *path = pins_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *data = NULL;
  gsize length = 0;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The PIN could not be kept in your settings folder."));
      return FALSE;
    }

  data = g_key_file_to_data (pins, &length, NULL);
  if (!g_file_set_contents_full (path, data, (gssize) length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, NULL))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("The PIN could not be kept in your settings folder."));
      return FALSE;
    }

  return TRUE;
}

/**
 * palpate_store_set_pin:
 * @pin: (nullable): 6 to 12 digits, or %NULL to remove the PIN
 */
gboolean
palpate_store_set_pin (PalpateStore  *self,
                       const char    *pin,
                       GError       **error)
{
  g_autoptr(GKeyFile) pins = NULL;
  g_autofree char *group = NULL;
  char hash[crypto_pwhash_STRBYTES];
  size_t length;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  group = palpate_store_pins_group (self);

  if (pin == NULL)
    {
      if (!palpate_store_set_setting (self, PIN_KEY, NULL, error))
        return FALSE;

      pins = palpate_store_pins_load ();
      g_key_file_remove_group (pins, group, NULL);
      return palpate_store_pins_save (pins, error);
    }

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

  if (!palpate_store_set_setting (self, PIN_KEY, hash, error))
    return FALSE;

  pins = palpate_store_pins_load ();
  g_key_file_remove_group (pins, group, NULL);
  g_key_file_set_string (pins, group, "hash", hash);
  return palpate_store_pins_save (pins, error);
}

/**
 * palpate_store_has_pin:
 *
 * Returns: whether the clinic has a PIN, also when its hash was taken out of the file
 */
gboolean
palpate_store_has_pin (PalpateStore *self)
{
  g_autofree char *hash = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *group = NULL;
  g_autoptr(GKeyFile) pins = NULL;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  hash = palpate_store_dup_setting (self, PIN_KEY);
  if (hash != NULL && *hash != '\0')
    return TRUE;

  pins = palpate_store_pins_load ();
  group = palpate_store_pins_group (self);
  kept = g_key_file_get_string (pins, group, "hash", NULL);
  return kept != NULL && *kept != '\0';
}

/**
 * palpate_store_pin_was_removed:
 *
 * Returns: whether the PIN's hash is missing from the clinic file, or is not the one set on
 *   this computer: the file was changed by another program
 */
gboolean
palpate_store_pin_was_removed (PalpateStore *self)
{
  g_autofree char *hash = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *group = NULL;
  g_autoptr(GKeyFile) pins = NULL;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  pins = palpate_store_pins_load ();
  group = palpate_store_pins_group (self);
  kept = g_key_file_get_string (pins, group, "hash", NULL);
  if (kept == NULL || *kept == '\0')
    return FALSE;

  hash = palpate_store_dup_setting (self, PIN_KEY);
  return g_strcmp0 (hash, kept) != 0;
}

gint64
palpate_store_pin_wait_after (gint64 failures)
{
  if (failures <= PIN_FREE_TRIES)
    return 0;

  if (failures >= PIN_LOCK_TRIES)
    return PIN_LOCK_S;

  return MIN ((gint64) 1 << (failures - PIN_FREE_TRIES - 1), PIN_MAX_WAIT_S);
}

/**
 * palpate_store_try_pin_at:
 * @now: the time of the try, in seconds since 1970 (tests pass their own)
 *
 * See palpate_store_try_pin().
 */
gboolean
palpate_store_try_pin_at (PalpateStore  *self,
                          const char    *pin,
                          gint64         now,
                          GError       **error)
{
  g_autoptr(GKeyFile) pins = palpate_store_pins_load ();
  g_autofree char *hash = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *group = palpate_store_pins_group (self);
  gint64 failures = g_key_file_get_int64 (pins, group, "failures", NULL);
  gint64 last = g_key_file_get_int64 (pins, group, "last-failure", NULL);
  gint64 wait = palpate_store_pin_wait_after (failures);
  const char *checked_hash;

  if (failures > 0 && now < last + wait)
    {
      gint64 left = last + wait - now;

      if (failures >= PIN_LOCK_TRIES)
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The PIN was wrong too many times and is locked. Try again "
                                  "in %d minute.",
                                  "The PIN was wrong too many times and is locked. Try again "
                                  "in %d minutes.", (gulong) ((left + 59) / 60)),
                     (int) ((left + 59) / 60));
      else
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The PIN was wrong. Wait %d second before trying again.",
                                  "The PIN was wrong. Wait %d seconds before trying again.",
                                  (gulong) left),
                     (int) left);
      return FALSE;
    }

  /* The hash kept outside the file decides: one put into the file by another program does
   * not open the view. A clinic brought from another computer is checked against its file. */
  kept = g_key_file_get_string (pins, group, "hash", NULL);
  hash = palpate_store_dup_setting (self, PIN_KEY);
  checked_hash = kept != NULL && *kept != '\0' ? kept : hash;

  if (checked_hash != NULL && *checked_hash != '\0' && pin != NULL && ensure_sodium (NULL) &&
      crypto_pwhash_str_verify (checked_hash, pin, strlen (pin)) == 0)
    {
      g_key_file_remove_key (pins, group, "failures", NULL);
      g_key_file_remove_key (pins, group, "last-failure", NULL);
      if (kept == NULL || *kept == '\0')
        g_key_file_set_string (pins, group, "hash", checked_hash);
      palpate_store_pins_save (pins, NULL);
      return TRUE;
    }

  failures++;
  g_key_file_set_int64 (pins, group, "failures", failures);
  g_key_file_set_int64 (pins, group, "last-failure", now);
  palpate_store_pins_save (pins, NULL);

  /* Logged without the PIN; a clinic opened read-only cannot log, and the try still counts. */
  if (!palpate_store_is_read_only (self))
    palpate_store_log_event (self, failures >= PIN_LOCK_TRIES ? "pin-locked" : "pin-failed",
                             "patient-view", 0, NULL, NULL);

  wait = palpate_store_pin_wait_after (failures);
  if (failures >= PIN_LOCK_TRIES)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT,
                 _("The PIN was wrong too many times and is locked for %d minutes."),
                 (int) (wait / 60));
  else if (wait > 0)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT,
                 g_dngettext (GETTEXT_PACKAGE,
                              "That PIN is not right. Wait %d second before trying again.",
                              "That PIN is not right. Wait %d seconds before trying again.",
                              (gulong) wait),
                 (int) wait);
  else
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                 _("That PIN is not right."));
  return FALSE;
}

/**
 * palpate_store_try_pin:
 *
 * Checks @pin against the clinic's PIN. A wrong one is logged and counted: after a few in a
 * row the next try must wait (PALPATE_STORE_ERROR_PIN_WAIT, with how long), and after ten the
 * PIN is locked for a quarter of an hour; a try during the wait is refused unchecked.
 *
 * Returns: whether @pin is the clinic's PIN (%FALSE when none is set)
 */
gboolean
palpate_store_try_pin (PalpateStore  *self,
                       const char    *pin,
                       GError       **error)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  return palpate_store_try_pin_at (self, pin, g_get_real_time () / G_USEC_PER_SEC, error);
}

/**
 * palpate_store_check_pin:
 *
 * Returns: whether @pin is the clinic's PIN (%FALSE when none is set, or while the PIN must
 *   wait after wrong tries); see palpate_store_try_pin()
 */
gboolean
palpate_store_check_pin (PalpateStore *self,
                         const char   *pin)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  return palpate_store_try_pin (self, pin, NULL);
}
