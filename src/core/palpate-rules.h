/* palpate-rules.h — the rules a record must keep before it is saved
 *
 * The store's CHECK constraints mirror these rules; these give the message a therapist reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "palpate-amendment.h"
#include "palpate-applied-technique.h"
#include "palpate-client.h"
#include "palpate-technique.h"
#include "palpate-therapist.h"
#include "palpate-visit.h"

G_BEGIN_DECLS

#define PALPATE_NAME_MAX_CHARS 200
#define PALPATE_CONTACT_MAX_CHARS 254
#define PALPATE_NOTE_MAX_CHARS 500000
#define PALPATE_SHORT_TEXT_MAX_CHARS 10000
#define PALPATE_PSFS_MAX_ACTIVITIES 5
#define PALPATE_VISIT_MAX_MINUTES 600
#define PALPATE_TECHNIQUE_MAX_MINUTES 240

gboolean palpate_client_validate            (PalpateClient           *client,
                                             GDateTime               *now,
                                             GError                 **error);
gboolean palpate_therapist_validate         (PalpateTherapist        *therapist,
                                             GError                 **error);
gboolean palpate_visit_validate             (PalpateVisit            *visit,
                                             GDateTime               *now,
                                             GError                 **error);
gboolean palpate_technique_validate         (PalpateTechnique        *technique,
                                             GError                 **error);
gboolean palpate_applied_technique_validate (PalpateAppliedTechnique *applied,
                                             GError                 **error);
gboolean palpate_amendment_validate         (PalpateAmendment        *amendment,
                                             GError                 **error);
gboolean palpate_rating_validate            (int                      rating,
                                             GError                 **error);

G_END_DECLS
