/* palpate-pain.h — the 0–10 numeric pain rating scale and its words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PALPATE_PAIN_MIN 0
#define PALPATE_PAIN_MAX 10
/* A visit whose pain was not (yet) rated. */
#define PALPATE_PAIN_UNSET (-1)

const char *palpate_pain_get_word     (int pain);
gboolean    palpate_pain_is_valid     (int pain);

G_END_DECLS
