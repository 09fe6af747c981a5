/* palpate-text-merge.h — two edits of one text, kept together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *palpate_text_merge (const char *base,
                          const char *mine,
                          const char *theirs);

G_END_DECLS
