/* palpate-body-map-input.c — the body chart under the pointer, finger and stylus
 *
 * A press on a finding picks it up and a drag moves it; a press elsewhere starts a stroke, which
 * a click turns into a point (or a small line or area) and a drag into a line or an area,
 * simplified as it ends. A stylus charts the intensity by how firmly it presses; hovering names
 * the region; scrolling over the chosen finding changes its intensity.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-body-map"

#include "config.h"

#include <math.h>

#include "palpate-body-map-private.h"
#include "palpate-stroke.h"

/* How close, in pixels, a press must be to a finding to pick it up. */
#define PICK_RADIUS 12.0
/* Below this movement, in pixels, a press and release is a click. */
#define CLICK_SLOP 5.0
/* Drawn strokes are simplified to this tolerance, in atlas units. */
#define SIMPLIFY_TOLERANCE 2.0

static PalpateFinding *
pick_finding (PalpateBodyMap *self,
              double          x,
              double          y)
{
  guint n_items = self->findings ? g_list_model_get_n_items (G_LIST_MODEL (self->findings)) : 0;
  PalpateFinding *best = NULL;
  double best_distance = PICK_RADIUS;

  /* The newest finding on top is picked first. */
  for (guint i = n_items; i-- > 0;)
    {
      g_autoptr(PalpateFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings), i);
      const PalpatePoint *points;
      guint n;

      points = palpate_finding_get_points (finding, &n);
      for (guint k = 0; k < n; k++)
        {
          double wx, wy;

          if (!palpate_body_map_atlas_to_widget (self, palpate_finding_get_view (finding),
                                                 &points[k], &wx, &wy))
            continue;

          if (hypot (wx - x, wy - y) < best_distance)
            {
              best_distance = hypot (wx - x, wy - y);
              best = finding;
            }
        }
    }

  return best;
}

static int
pressure_intensity (PalpateBodyMap *self)
{
  /* A stylus sets the intensity by how firmly it presses; a mouse or finger charts a 5. */
  if (self->pressure > 0)
    return CLAMP ((int) lround (self->pressure * PALPATE_FINDING_INTENSITY_MAX), 1,
                  PALPATE_FINDING_INTENSITY_MAX);
  return 5;
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               PalpateBodyMap *self)
{
  PalpatePoint point;
  PalpateFinding *picked;

  gtk_widget_grab_focus (self->canvas);

  if (!self->editable ||
      !palpate_body_map_widget_to_atlas (self, x, y, &self->drag_view, &point))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->pressing = TRUE;
  self->start_x = self->last_x = x;
  self->start_y = self->last_y = y;
  g_array_set_size (self->stroke, 0);
  g_array_append_val (self->stroke, point);

  picked = pick_finding (self, x, y);
  if (picked != NULL)
    {
      g_set_object (&self->moving, picked);
      g_clear_object (&self->moving_before);
      self->moving_before = palpate_finding_copy (picked);
      _palpate_body_map_set_selected (self, picked);
    }
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                PalpateBodyMap *self)
{
  double x = self->start_x + dx;
  double y = self->start_y + dy;
  PalpatePoint point;
  PalpateView view;

  if (!self->pressing)
    return;

  if (self->moving != NULL)
    {
      PalpatePoint from, to;
      PalpateView from_view, to_view;

      if (palpate_body_map_widget_to_atlas (self, self->last_x, self->last_y, &from_view, &from) &&
          palpate_body_map_widget_to_atlas (self, x, y, &to_view, &to) && from_view == to_view)
        palpate_finding_translate (self->moving, to.x - from.x, to.y - from.y);
    }
  else if (palpate_body_map_widget_to_atlas (self, x, y, &view, &point) &&
           view == self->drag_view &&
           palpate_finding_kind_get_geometry (self->kind) != PALPATE_GEOMETRY_POINT)
    g_array_append_val (self->stroke, point);

  self->last_x = x;
  self->last_y = y;
  gtk_widget_queue_draw (self->canvas);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             PalpateBodyMap *self)
{
  gboolean click = hypot (dx, dy) < CLICK_SLOP;
  PalpateGeometry geometry = palpate_finding_kind_get_geometry (self->kind);
  PalpatePoint start;

  if (!self->pressing)
    return;
  self->pressing = FALSE;
  start = g_array_index (self->stroke, PalpatePoint, 0);

  if (self->moving != NULL)
    {
      g_autoptr(PalpateFinding) moving = g_steal_pointer (&self->moving);
      g_autoptr(PalpateFinding) before = g_steal_pointer (&self->moving_before);

      if (!click)
        {
          PalpateFindingKind kind = palpate_finding_get_kind (moving);
          const PalpatePoint *points;
          const char *region_id;
          guint n;

          points = palpate_finding_get_points (moving, &n);
          region_id = palpate_atlas_region_for_shape (self->atlas,
                                                      palpate_finding_get_view (moving),
                                                      palpate_finding_kind_get_geometry (kind),
                                                      points, n);
          palpate_finding_set_region_id (moving, region_id);
          _palpate_body_map_record_change (self, moving, before);
        }
      return;
    }

  if (geometry == PALPATE_GEOMETRY_POINT || click)
    {
      /* A click with an area or line kind charts a small one around the spot. */
      PalpatePoint shape[8];
      guint n = 1;

      shape[0] = start;
      if (geometry == PALPATE_GEOMETRY_LINE)
        {
          shape[0].x = start.x - 10;
          shape[1] = (PalpatePoint) { start.x + 10, start.y };
          n = 2;
        }
      else if (geometry == PALPATE_GEOMETRY_AREA)
        {
          for (guint i = 0; i < 8; i++)
            shape[i] = (PalpatePoint) { start.x + 12 * cos (i * G_PI / 4),
                                        start.y + 14 * sin (i * G_PI / 4) };
          n = 8;
        }

      _palpate_body_map_add_finding (self, self->drag_view, shape, n, pressure_intensity (self));
      return;
    }

  {
    const PalpatePoint *stroke = (const PalpatePoint *) (gpointer) self->stroke->data;
    g_autoptr(GArray) simple = palpate_stroke_simplify (stroke, self->stroke->len,
                                                        SIMPLIFY_TOLERANCE,
                                                        PALPATE_FINDING_MAX_POINTS);
    guint needed = geometry == PALPATE_GEOMETRY_LINE ? 2 : 3;

    if (simple->len >= needed)
      _palpate_body_map_add_finding (self, self->drag_view,
                                     (PalpatePoint *) (gpointer) simple->data, simple->len,
                                     pressure_intensity (self));
  }

  g_array_set_size (self->stroke, 0);
  gtk_widget_queue_draw (self->canvas);
}

static void
stylus_cb (GtkGestureStylus *gesture,
           double            x,
           double            y,
           PalpateBodyMap   *self)
{
  double pressure;

  if (gtk_gesture_stylus_get_axis (gesture, GDK_AXIS_PRESSURE, &pressure))
    self->pressure = pressure;
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           PalpateBodyMap           *self)
{
  PalpatePoint point;
  PalpateView view;
  const PalpateRegion *region = NULL;

  if (palpate_body_map_widget_to_atlas (self, x, y, &view, &point))
    region = palpate_atlas_hit_test (self->atlas, view, point.x, point.y);

  if (g_strcmp0 (self->hovered_region, region ? palpate_region_get_id (region) : NULL) == 0)
    return;

  g_free (self->hovered_region);
  self->hovered_region = g_strdup (region ? palpate_region_get_id (region) : NULL);
  _palpate_body_map_redraw (self);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          PalpateBodyMap           *self)
{
  g_clear_pointer (&self->hovered_region, g_free);
  _palpate_body_map_redraw (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PalpateBodyMap           *self)
{
  int step;

  if (self->selected == NULL || !self->editable || dy == 0)
    return FALSE;

  step = dy < 0 ? 1 : -1;
  _palpate_body_map_set_intensity (self, palpate_finding_get_intensity (self->selected) + step);
  return TRUE;
}

void
_palpate_body_map_add_controllers (PalpateBodyMap *self)
{
  GtkEventController *controller;
  GtkGesture *drag;
  GtkGesture *stylus;

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (self->canvas, GTK_EVENT_CONTROLLER (drag));

  stylus = gtk_gesture_stylus_new ();
  g_signal_connect (stylus, "down", G_CALLBACK (stylus_cb), self);
  g_signal_connect (stylus, "motion", G_CALLBACK (stylus_cb), self);
  gtk_widget_add_controller (self->canvas, GTK_EVENT_CONTROLLER (stylus));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (self->canvas, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (self->canvas, controller);
}
