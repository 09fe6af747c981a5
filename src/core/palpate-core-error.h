/* palpate-core-error.h — the error domain of the domain rules: what a therapist typed is not valid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PALPATE_CORE_ERROR (palpate_core_error_quark ())

/**
 * PalpateCoreError:
 * @PALPATE_CORE_ERROR_INVALID: a value breaks a rule; the message says which and why
 * @PALPATE_CORE_ERROR_TOO_LONG: a text is longer than a record may hold
 */
typedef enum
{
  PALPATE_CORE_ERROR_INVALID,
  PALPATE_CORE_ERROR_TOO_LONG,
} PalpateCoreError;

GQuark palpate_core_error_quark (void);

G_END_DECLS
