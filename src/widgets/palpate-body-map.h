/* palpate-body-map.h — the body chart a therapist charts on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "palpate-atlas.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_BODY_MAP (palpate_body_map_get_type ())

G_DECLARE_FINAL_TYPE (PalpateBodyMap, palpate_body_map, PALPATE, BODY_MAP, GtkWidget)

GtkWidget          *palpate_body_map_new                   (void);
GListStore         *palpate_body_map_get_findings          (PalpateBodyMap     *self);
void                palpate_body_map_set_findings          (PalpateBodyMap     *self,
                                                            GListStore         *findings);
void                palpate_body_map_set_ghosts            (PalpateBodyMap     *self,
                                                            GListModel         *ghosts);
void                palpate_body_map_set_highlighted_regions (PalpateBodyMap   *self,
                                                              const char * const *region_ids);
const char * const *palpate_body_map_get_highlighted_regions (PalpateBodyMap *self);
PalpateFindingKind  palpate_body_map_get_current_kind      (PalpateBodyMap     *self);
void                palpate_body_map_set_current_kind      (PalpateBodyMap     *self,
                                                            PalpateFindingKind  kind);
gboolean            palpate_body_map_get_editable          (PalpateBodyMap     *self);
void                palpate_body_map_set_editable          (PalpateBodyMap     *self,
                                                            gboolean            editable);
void                palpate_body_map_set_show_palette      (PalpateBodyMap     *self,
                                                            gboolean            show_palette);
PalpateFinding     *palpate_body_map_get_selected_finding  (PalpateBodyMap     *self);
const char         *palpate_body_map_get_focused_region    (PalpateBodyMap     *self);
void                palpate_body_map_focus_region          (PalpateBodyMap     *self,
                                                            const char         *region_id);
gboolean            palpate_body_map_widget_to_atlas       (PalpateBodyMap     *self,
                                                            double              x,
                                                            double              y,
                                                            PalpateView        *view,
                                                            PalpatePoint       *point);
gboolean            palpate_body_map_atlas_to_widget       (PalpateBodyMap     *self,
                                                            PalpateView         view,
                                                            const PalpatePoint *point,
                                                            double             *x,
                                                            double             *y);
gboolean            palpate_body_map_last_edit_removed     (PalpateBodyMap     *self,
                                                            PalpateFinding     *finding);
void                palpate_body_map_clear_history         (PalpateBodyMap     *self);
GtkWidget          *palpate_body_map_get_canvas            (PalpateBodyMap     *self);

G_END_DECLS
