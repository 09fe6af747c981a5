/* palpate-region-chooser.h — a button that opens a searchable list of the body's regions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PALPATE_TYPE_REGION_CHOOSER (palpate_region_chooser_get_type ())

G_DECLARE_FINAL_TYPE (PalpateRegionChooser, palpate_region_chooser, PALPATE, REGION_CHOOSER,
                      GtkWidget)

GtkWidget  *palpate_region_chooser_new               (void);
const char *palpate_region_chooser_get_region_id     (PalpateRegionChooser *self);
void        palpate_region_chooser_set_region_id     (PalpateRegionChooser *self,
                                                      const char           *region_id);
void        palpate_region_chooser_set_suggested     (PalpateRegionChooser *self,
                                                      const char * const   *region_ids);

G_END_DECLS
