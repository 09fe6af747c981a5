/* palpate-signature-pad.h — where the client signs with a finger, stylus or mouse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PALPATE_TYPE_SIGNATURE_PAD (palpate_signature_pad_get_type ())

G_DECLARE_FINAL_TYPE (PalpateSignaturePad, palpate_signature_pad, PALPATE, SIGNATURE_PAD, GtkBox)

GtkWidget *palpate_signature_pad_new         (void);
GPtrArray *palpate_signature_pad_get_strokes (PalpateSignaturePad *self);
gboolean   palpate_signature_pad_is_empty    (PalpateSignaturePad *self);
void       palpate_signature_pad_clear       (PalpateSignaturePad *self);
GtkWidget *palpate_signature_pad_get_area    (PalpateSignaturePad *self);

G_END_DECLS
