/* palpate-split-layout.h — side by side when there is room, one above the other when narrow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PALPATE_TYPE_SPLIT_LAYOUT (palpate_split_layout_get_type ())

G_DECLARE_FINAL_TYPE (PalpateSplitLayout, palpate_split_layout, PALPATE, SPLIT_LAYOUT, GtkLayoutManager)

GtkLayoutManager *palpate_split_layout_new            (void);
gboolean          palpate_split_layout_is_side_by_side (PalpateSplitLayout *self,
                                                        int                 width);

G_END_DECLS
