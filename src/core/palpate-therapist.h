/* palpate-therapist.h — a therapist of the clinic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "palpate-types.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_THERAPIST (palpate_therapist_get_type ())

G_DECLARE_FINAL_TYPE (PalpateTherapist, palpate_therapist, PALPATE, THERAPIST, GObject)

PalpateTherapist*palpate_therapist_new             (void);
gint64           palpate_therapist_get_id          (PalpateTherapist *self);
void             palpate_therapist_set_id          (PalpateTherapist *self,
                                                    gint64 id);
const char      *palpate_therapist_get_name        (PalpateTherapist *self);
void             palpate_therapist_set_name        (PalpateTherapist *self,
                                                    const char *name);
const char      *palpate_therapist_get_credentials (PalpateTherapist *self);
void             palpate_therapist_set_credentials (PalpateTherapist *self,
                                                    const char *credentials);

G_END_DECLS
