/* palpate-technique.h — a massage technique: the built-in ones and those a clinic adds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "palpate-types.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_TECHNIQUE (palpate_technique_get_type ())

G_DECLARE_FINAL_TYPE (PalpateTechnique, palpate_technique, PALPATE, TECHNIQUE, GObject)

PalpateTechnique*palpate_technique_new         (void);
gint64           palpate_technique_get_id      (PalpateTechnique *self);
void             palpate_technique_set_id      (PalpateTechnique *self,
                                                gint64 id);
void             palpate_technique_set_key     (PalpateTechnique *self,
                                                const char *key);
const char      *palpate_technique_get_name    (PalpateTechnique *self);
void             palpate_technique_set_name    (PalpateTechnique *self,
                                                const char *name);
gboolean         palpate_technique_get_builtin (PalpateTechnique *self);
void             palpate_technique_set_builtin (PalpateTechnique *self,
                                                gboolean builtin);

G_END_DECLS
