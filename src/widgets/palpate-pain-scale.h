/* palpate-pain-scale.h — a 0–10 pain rating with big targets and words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PALPATE_TYPE_PAIN_SCALE (palpate_pain_scale_get_type ())

G_DECLARE_FINAL_TYPE (PalpatePainScale, palpate_pain_scale, PALPATE, PAIN_SCALE, GtkWidget)

GtkWidget  *palpate_pain_scale_new       (void);
int         palpate_pain_scale_get_value (PalpatePainScale *self);
void        palpate_pain_scale_set_value (PalpatePainScale *self,
                                          int               value);
void        palpate_pain_scale_set_title (PalpatePainScale *self,
                                          const char       *title);

G_END_DECLS
