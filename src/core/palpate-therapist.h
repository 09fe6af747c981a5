/* palpate-therapist.h — a therapist of the clinic: the profile every entry names as its author
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
const char      *palpate_therapist_get_registration (PalpateTherapist *self);
void             palpate_therapist_set_registration (PalpateTherapist *self,
                                                     const char       *registration);
const char      *palpate_therapist_get_college     (PalpateTherapist *self);
void             palpate_therapist_set_college     (PalpateTherapist *self,
                                                    const char       *college);
gboolean         palpate_therapist_get_owner       (PalpateTherapist *self);
void             palpate_therapist_set_owner       (PalpateTherapist *self,
                                                    gboolean          owner);
gboolean         palpate_therapist_get_active      (PalpateTherapist *self);
void             palpate_therapist_set_active      (PalpateTherapist *self,
                                                    gboolean          active);
gboolean         palpate_therapist_get_has_passcode (PalpateTherapist *self);
void             palpate_therapist_set_has_passcode (PalpateTherapist *self,
                                                     gboolean          has_passcode);
char            *palpate_therapist_dup_author      (PalpateTherapist *self);

gboolean         palpate_passcode_validate         (const char       *passcode,
                                                    GError          **error);

G_END_DECLS
