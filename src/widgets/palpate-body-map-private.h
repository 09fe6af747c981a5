/* palpate-body-map-private.h — what the body chart's files share: its instance and its edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-body-map.h"
#include "palpate-finding-history.h"

G_BEGIN_DECLS

struct _PalpateBodyMap
{
  GtkWidget           parent_instance;

  GtkWidget          *palette;
  GtkWidget          *kind_buttons[PALPATE_N_FINDING_KINDS];
  GtkWidget          *canvas;
  GtkWidget          *status;

  PalpateAtlas       *atlas;
  GListStore         *findings;
  GListModel         *ghosts;
  GStrv               highlighted;
  PalpateFindingKind  kind;
  gboolean            editable;
  PalpateFinding     *selected;
  char               *hovered_region;
  char               *focused_region;

  /* A press in progress */
  PalpateView         drag_view;
  GArray             *stroke;
  PalpateFinding     *moving;
  PalpateFinding     *moving_before;
  double              start_x;
  double              start_y;
  double              last_x;
  double              last_y;
  double              pressure;
  gboolean            pressing;

  PalpateFindingHistory *history;
  /* An undo or redo being applied: its edit is not yet the latest one. */
  gboolean            stepping;

  /* The figure, drawn once per size: a redraw paints it and draws only the marks. */
  cairo_surface_t    *figure;
  int                 figure_width;
  int                 figure_height;
  /* The findings, drawn again only when they change. */
  cairo_surface_t    *marks;
  guint64             marks_signature;
};

void _palpate_body_map_class_actions_init (GtkWidgetClass     *widget_class);
void _palpate_body_map_update_actions     (PalpateBodyMap     *self);
void _palpate_body_map_redraw             (PalpateBodyMap     *self);
void _palpate_body_map_add_finding        (PalpateBodyMap     *self,
                                           PalpateView         view,
                                           const PalpatePoint *points,
                                           guint               n,
                                           int                 intensity);
void _palpate_body_map_remove_finding     (PalpateBodyMap     *self,
                                           PalpateFinding     *finding,
                                           gboolean            record);
void _palpate_body_map_restore_finding    (PalpateBodyMap     *self,
                                           PalpateFinding     *finding);
void _palpate_body_map_emit_changed       (PalpateBodyMap     *self,
                                           PalpateFinding     *finding);
void _palpate_body_map_set_selected       (PalpateBodyMap     *self,
                                           PalpateFinding     *finding);
void _palpate_body_map_record_change      (PalpateBodyMap     *self,
                                           PalpateFinding     *finding,
                                           PalpateFinding     *before);
void _palpate_body_map_add_controllers    (PalpateBodyMap     *self);
void _palpate_body_map_draw_cb            (GtkDrawingArea     *area,
                                           cairo_t            *cr,
                                           int                 width,
                                           int                 height,
                                           gpointer            user_data);
void _palpate_body_map_draw_symbol_cb     (GtkDrawingArea     *area,
                                           cairo_t            *cr,
                                           int                 width,
                                           int                 height,
                                           gpointer            user_data);
void _palpate_body_map_set_intensity      (PalpateBodyMap     *self,
                                           int                 intensity);

G_END_DECLS
