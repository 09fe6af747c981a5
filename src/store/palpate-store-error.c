/* palpate-store-error.c — the error domain of the clinic store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-store-error.h"

G_DEFINE_QUARK (palpate-store-error-quark, palpate_store_error)
