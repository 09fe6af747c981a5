/* palpate-core-error.c — the error domain of the domain rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-core-error.h"

G_DEFINE_QUARK (palpate-core-error-quark, palpate_core_error)
