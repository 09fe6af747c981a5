/* palpate-store-error.h — the error domain of the clinic store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PALPATE_STORE_ERROR (palpate_store_error_quark ())

/**
 * PalpateStoreError:
 * @PALPATE_STORE_ERROR_NOT_PALPATE: the file is not a Palpate clinic
 * @PALPATE_STORE_ERROR_CORRUPT: the file is damaged
 * @PALPATE_STORE_ERROR_TRUNCATED: the file was cut short or is empty
 * @PALPATE_STORE_ERROR_READ_ONLY: the file cannot be written
 * @PALPATE_STORE_ERROR_LOCKED: another program holds the file
 * @PALPATE_STORE_ERROR_TOO_NEW: a newer Palpate wrote the file
 * @PALPATE_STORE_ERROR_TOO_OLD: an earlier Palpate wrote the file, and it may not be changed
 * @PALPATE_STORE_ERROR_DISK_FULL: the disk (or the file size limit) is full
 * @PALPATE_STORE_ERROR_IO: another input/output error
 * @PALPATE_STORE_ERROR_SIGNED: the record belongs to a signed visit and cannot change
 * @PALPATE_STORE_ERROR_NOT_FOUND: no such record
 * @PALPATE_STORE_ERROR_INVALID: a value breaks one of the database's rules
 * @PALPATE_STORE_ERROR_NO_BACKUP: there is no good backup to restore
 * @PALPATE_STORE_ERROR_CHANGED: the record was changed elsewhere (another window) since it was
 *   read; the save was refused so that neither change is lost
 * @PALPATE_STORE_ERROR_NO_FILE: there is no clinic file (or no folder) at the path given
 * @PALPATE_STORE_ERROR_PIN_WAIT: too many wrong PINs: the next try must wait, or the PIN is
 *   locked for a while
 * @PALPATE_STORE_ERROR_PASSPHRASE: the passphrase does not open an encrypted backup
 * @PALPATE_STORE_ERROR_CONFLICT: on a clinic server, another session changed the same rows at
 *   the same moment (a serialization failure or a deadlock): the change may simply be tried
 *   again
 * @PALPATE_STORE_ERROR_UNREACHABLE: the clinic server cannot be reached (no connection, or the
 *   connection was lost); what was not committed was not saved
 * @PALPATE_STORE_ERROR_KEY: this computer does not hold the key of a clinic server's audit
 *   log that the clinic's other computers use (it must be imported)
 */
typedef enum
{
  PALPATE_STORE_ERROR_NOT_PALPATE,
  PALPATE_STORE_ERROR_CORRUPT,
  PALPATE_STORE_ERROR_TRUNCATED,
  PALPATE_STORE_ERROR_READ_ONLY,
  PALPATE_STORE_ERROR_LOCKED,
  PALPATE_STORE_ERROR_TOO_NEW,
  PALPATE_STORE_ERROR_DISK_FULL,
  PALPATE_STORE_ERROR_IO,
  PALPATE_STORE_ERROR_SIGNED,
  PALPATE_STORE_ERROR_NOT_FOUND,
  PALPATE_STORE_ERROR_INVALID,
  PALPATE_STORE_ERROR_NO_BACKUP,
  PALPATE_STORE_ERROR_CHANGED,
  PALPATE_STORE_ERROR_NO_FILE,
  PALPATE_STORE_ERROR_PIN_WAIT,
  PALPATE_STORE_ERROR_TOO_OLD,
  PALPATE_STORE_ERROR_PASSPHRASE,
  PALPATE_STORE_ERROR_CONFLICT,
  PALPATE_STORE_ERROR_UNREACHABLE,
  PALPATE_STORE_ERROR_KEY,
} PalpateStoreError;

GQuark palpate_store_error_quark (void);

G_END_DECLS
