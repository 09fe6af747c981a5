/* palpate-amendment.h — a dated correction to a signed visit, kept beside the original
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "palpate-types.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_AMENDMENT (palpate_amendment_get_type ())

/* The part of a signed note an amendment corrects, or none: an addendum to the whole note. */
typedef enum
{
  PALPATE_NOTE_PART_NONE,
  PALPATE_NOTE_PART_SUBJECTIVE,
  PALPATE_NOTE_PART_OBJECTIVE,
  PALPATE_NOTE_PART_ASSESSMENT,
  PALPATE_NOTE_PART_PLAN,
  PALPATE_NOTE_PART_HOME_CARE,
} PalpateNotePart;

#define PALPATE_N_NOTE_PARTS (PALPATE_NOTE_PART_HOME_CARE + 1)
#define PALPATE_AMENDMENT_REASON_MAX_CHARS 2000

G_DECLARE_FINAL_TYPE (PalpateAmendment, palpate_amendment, PALPATE, AMENDMENT, GObject)

PalpateAmendment*palpate_amendment_new            (void);
gint64           palpate_amendment_get_id         (PalpateAmendment *self);
void             palpate_amendment_set_id         (PalpateAmendment *self,
                                                   gint64 id);
gint64           palpate_amendment_get_visit_id   (PalpateAmendment *self);
void             palpate_amendment_set_visit_id   (PalpateAmendment *self,
                                                   gint64 visit_id);
GDateTime       *palpate_amendment_get_created_at (PalpateAmendment *self);
void             palpate_amendment_set_created_at (PalpateAmendment *self,
                                                   GDateTime *created_at);
const char      *palpate_amendment_get_author     (PalpateAmendment *self);
void             palpate_amendment_set_author     (PalpateAmendment *self,
                                                   const char *author);
const char      *palpate_amendment_get_text       (PalpateAmendment *self);
void             palpate_amendment_set_text       (PalpateAmendment *self,
                                                   const char *text);

PalpateNotePart  palpate_amendment_get_part       (PalpateAmendment *self);
void             palpate_amendment_set_part       (PalpateAmendment *self,
                                                   PalpateNotePart   part);
const char      *palpate_amendment_get_reason     (PalpateAmendment *self);
void             palpate_amendment_set_reason     (PalpateAmendment *self,
                                                   const char       *reason);
const char      *palpate_amendment_get_original   (PalpateAmendment *self);
void             palpate_amendment_set_original   (PalpateAmendment *self,
                                                   const char       *original);

const char      *palpate_note_part_get_key        (PalpateNotePart   part);
PalpateNotePart  palpate_note_part_from_key       (const char       *key);
const char      *palpate_note_part_get_name       (PalpateNotePart   part);

G_END_DECLS
