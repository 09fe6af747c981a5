/* palpate-amendment.h — a dated correction to a signed visit, kept beside the original
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "palpate-types.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_AMENDMENT (palpate_amendment_get_type ())

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

G_END_DECLS
