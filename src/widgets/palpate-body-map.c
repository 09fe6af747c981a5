/* palpate-body-map.c — the body chart a therapist charts on
 *
 * A palette of finding kinds above a canvas that shows both views. A click or tap places a
 * point finding; a drag draws a line or paints an area (simplified as it ends); pressing on a
 * finding selects it and dragging moves it. Keys 0–9 and scrolling set the selected finding's
 * intensity, Delete removes it, the arrow keys walk the regions and Enter charts the chosen kind
 * at the focused region. Every edit can be undone and redone; the widget edits a GListStore of
 * PalpateFinding and announces each edit with a signal, which the window turns into a save.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-body-map"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "palpate-body-map.h"
#include "palpate-chart.h"
#include "palpate-enum-types.h"

/* How close, in pixels, a press must be to a finding to pick it up. */
#define PICK_RADIUS 12.0
/* Below this movement, in pixels, a press and release is a click. */
#define CLICK_SLOP 5.0
/* Drawn strokes are simplified to this tolerance, in atlas units. */
#define SIMPLIFY_TOLERANCE 2.0

typedef enum
{
  EDIT_ADD,
  EDIT_REMOVE,
  EDIT_CHANGE,
} EditType;

typedef struct
{
  EditType        type;
  PalpateFinding *finding;
  PalpateFinding *before;   /* EDIT_CHANGE: the values before and after */
  PalpateFinding *after;
} Edit;

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

  GPtrArray          *undo;
  GPtrArray          *redo;

  /* The figure, drawn once per size: a redraw paints it and draws only the marks. */
  cairo_surface_t    *figure;
  int                 figure_width;
  int                 figure_height;
  /* The findings, drawn again only when they change. */
  cairo_surface_t    *marks;
  guint64             marks_signature;
};

enum {
  PROP_0,
  PROP_CURRENT_KIND,
  PROP_EDITABLE,
  N_PROPS
};

enum {
  FINDING_ADDED,
  FINDING_REMOVED,
  FINDING_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PalpateBodyMap, palpate_body_map, GTK_TYPE_WIDGET)

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  g_clear_object (&edit->finding);
  g_clear_object (&edit->before);
  g_clear_object (&edit->after);
  g_free (edit);
}

static void
copy_values (PalpateFinding *target,
             PalpateFinding *source)
{
  const PalpatePoint *points;
  guint n;

  points = palpate_finding_get_points (source, &n);
  g_object_freeze_notify (G_OBJECT (target));
  palpate_finding_set_points (target, points, n);
  palpate_finding_set_kind (target, palpate_finding_get_kind (source));
  palpate_finding_set_view (target, palpate_finding_get_view (source));
  palpate_finding_set_region_id (target, palpate_finding_get_region_id (source));
  palpate_finding_set_intensity (target, palpate_finding_get_intensity (source));
  palpate_finding_set_note (target, palpate_finding_get_note (source));
  palpate_finding_set_status (target, palpate_finding_get_status (source));
  g_object_thaw_notify (G_OBJECT (target));
}

static void
update_actions (PalpateBodyMap *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "body-map.undo",
                                 self->editable && self->undo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "body-map.redo",
                                 self->editable && self->redo->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "body-map.delete",
                                 self->editable && self->selected != NULL);
}

static gboolean
find_position (PalpateBodyMap *self,
               PalpateFinding *finding,
               guint          *position)
{
  return self->findings != NULL &&
         g_list_store_find (self->findings, finding, position);
}

static char *
describe_region (PalpateBodyMap *self,
                 const char     *region_id)
{
  const PalpateRegion *region = palpate_atlas_lookup_region (self->atlas, region_id);
  guint n_items = self->findings ? g_list_model_get_n_items (G_LIST_MODEL (self->findings)) : 0;
  g_autoptr(GString) text = g_string_new (NULL);
  guint count = 0;

  if (region == NULL)
    return NULL;

  g_string_append (text, palpate_region_get_name (region));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PalpateFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings), i);

      if (g_strcmp0 (palpate_finding_get_region_id (finding), region_id) != 0)
        continue;

      g_string_append (text, count++ == 0 ? ": " : ", ");
      g_string_append (text, palpate_finding_kind_get_name (palpate_finding_get_kind (finding)));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_status (PalpateBodyMap *self)
{
  const char *region_id = self->hovered_region ? self->hovered_region : self->focused_region;
  g_autofree char *description = region_id ? describe_region (self, region_id) : NULL;
  const char *text = description;

  if (text == NULL)
    text = self->editable
           ? _("Click to place, drag to draw; arrow keys walk the regions")
           : _("Hover over the chart to name a region");

  gtk_label_set_text (GTK_LABEL (self->status), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
redraw (PalpateBodyMap *self)
{
  gtk_widget_queue_draw (self->canvas);
  update_status (self);
  update_actions (self);
}

static void
push_edit (PalpateBodyMap *self,
           Edit           *edit)
{
  g_ptr_array_add (self->undo, edit);
  g_ptr_array_set_size (self->redo, 0);
  update_actions (self);
}

static void
set_selected (PalpateBodyMap *self,
              PalpateFinding *finding)
{
  if (self->selected == finding)
    return;

  g_set_object (&self->selected, finding);
  redraw (self);
}

static const char *
region_for_points (PalpateBodyMap     *self,
                   PalpateView         view,
                   PalpateFindingKind  kind,
                   const PalpatePoint *points,
                   guint               n)
{
  const PalpateRegion *region = NULL;

  /* Areas belong to the region under their middle; points and lines to their first point (the
   * source, for referred pain). */
  if (palpate_finding_kind_get_geometry (kind) == PALPATE_GEOMETRY_AREA)
    {
      double x = 0, y = 0;

      for (guint i = 0; i < n; i++)
        {
          x += points[i].x / n;
          y += points[i].y / n;
        }
      region = palpate_atlas_hit_test (self->atlas, view, x, y);
    }

  if (region == NULL && n > 0)
    region = palpate_atlas_hit_test (self->atlas, view, points[0].x, points[0].y);

  return region ? palpate_region_get_id (region) : NULL;
}

static void
add_finding (PalpateBodyMap     *self,
             PalpateView         view,
             const PalpatePoint *points,
             guint               n,
             int                 intensity)
{
  g_autoptr(PalpateFinding) finding = NULL;
  Edit *edit;

  if (self->findings == NULL)
    return;

  finding = palpate_finding_new (self->kind, view, points, n);
  palpate_finding_set_region_id (finding, region_for_points (self, view, self->kind, points, n));
  palpate_finding_set_intensity (finding, intensity);
  g_list_store_append (self->findings, finding);

  edit = g_new0 (Edit, 1);
  edit->type = EDIT_ADD;
  edit->finding = g_object_ref (finding);
  push_edit (self, edit);

  g_set_object (&self->selected, finding);
  g_signal_emit (self, signals [FINDING_ADDED], 0, finding);
  redraw (self);
}

static void
remove_finding (PalpateBodyMap *self,
                PalpateFinding *finding,
                gboolean        record)
{
  guint position;

  if (!find_position (self, finding, &position))
    return;

  g_object_ref (finding);
  g_list_store_remove (self->findings, position);

  if (record)
    {
      Edit *edit = g_new0 (Edit, 1);

      edit->type = EDIT_REMOVE;
      edit->finding = g_object_ref (finding);
      push_edit (self, edit);
    }

  if (self->selected == finding)
    g_clear_object (&self->selected);

  g_signal_emit (self, signals [FINDING_REMOVED], 0, finding);
  g_object_unref (finding);
  redraw (self);
}

static void
record_change (PalpateBodyMap *self,
               PalpateFinding *finding,
               PalpateFinding *before)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->type = EDIT_CHANGE;
  edit->finding = g_object_ref (finding);
  edit->before = g_object_ref (before);
  edit->after = palpate_finding_copy (finding);
  push_edit (self, edit);

  g_signal_emit (self, signals [FINDING_CHANGED], 0, finding);
  redraw (self);
}

static void
set_intensity (PalpateBodyMap *self,
               int             intensity)
{
  g_autoptr(PalpateFinding) before = NULL;

  if (self->selected == NULL || !self->editable)
    return;

  intensity = CLAMP (intensity, 0, PALPATE_FINDING_INTENSITY_MAX);
  if (palpate_finding_get_intensity (self->selected) == intensity)
    return;

  before = palpate_finding_copy (self->selected);
  palpate_finding_set_intensity (self->selected, intensity);
  record_change (self, self->selected, before);
}

/* Ramer–Douglas–Peucker: drops the points a stroke does not need. */
static void
simplify_range (const PalpatePoint *p,
                guint               first,
                guint               last,
                double              tolerance,
                gboolean           *keep)
{
  double dx = p[last].x - p[first].x;
  double dy = p[last].y - p[first].y;
  double length = hypot (dx, dy);
  double worst = 0;
  guint worst_index = first;

  for (guint i = first + 1; i < last; i++)
    {
      double distance = length > 0
        ? fabs (dy * p[i].x - dx * p[i].y + p[last].x * p[first].y - p[last].y * p[first].x) / length
        : hypot (p[i].x - p[first].x, p[i].y - p[first].y);

      if (distance > worst)
        {
          worst = distance;
          worst_index = i;
        }
    }

  if (worst > tolerance)
    {
      keep[worst_index] = TRUE;
      simplify_range (p, first, worst_index, tolerance, keep);
      simplify_range (p, worst_index, last, tolerance, keep);
    }
}

static GArray *
simplify_stroke (GArray *stroke)
{
  GArray *simple = g_array_new (FALSE, FALSE, sizeof (PalpatePoint));
  g_autofree gboolean *keep = g_new0 (gboolean, stroke->len);
  const PalpatePoint *p = (const PalpatePoint *) (gpointer) stroke->data;

  if (stroke->len == 0)
    return simple;

  keep[0] = keep[stroke->len - 1] = TRUE;
  simplify_range (p, 0, stroke->len - 1, SIMPLIFY_TOLERANCE, keep);

  for (guint i = 0; i < stroke->len && simple->len < PALPATE_FINDING_MAX_POINTS; i++)
    if (keep[i])
      g_array_append_val (simple, p[i]);

  return simple;
}

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
      set_selected (self, picked);
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
          const PalpatePoint *points;
          guint n;

          points = palpate_finding_get_points (moving, &n);
          palpate_finding_set_region_id (moving,
                                         region_for_points (self,
                                                            palpate_finding_get_view (moving),
                                                            palpate_finding_get_kind (moving),
                                                            points, n));
          record_change (self, moving, before);
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

      add_finding (self, self->drag_view, shape, n, pressure_intensity (self));
      return;
    }

  {
    g_autoptr(GArray) simple = simplify_stroke (self->stroke);
    guint needed = geometry == PALPATE_GEOMETRY_LINE ? 2 : 3;

    if (simple->len >= needed)
      add_finding (self, self->drag_view, (PalpatePoint *) (gpointer) simple->data, simple->len,
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
  redraw (self);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          PalpateBodyMap           *self)
{
  g_clear_pointer (&self->hovered_region, g_free);
  redraw (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           PalpateBodyMap           *self)
{
  if (self->selected == NULL || !self->editable || dy == 0)
    return FALSE;

  set_intensity (self, palpate_finding_get_intensity (self->selected) + (dy < 0 ? 1 : -1));
  return TRUE;
}

/* What the findings and ghosts look like, in a number: when it changes, they are drawn again. */
static guint64
marks_signature (PalpateBodyMap            *self,
                 const PalpateChartOptions *options,
                 int                        width,
                 int                        height)
{
  GListModel *models[] = { options->findings, options->ghosts };
  guint64 signature = (guint64) width * 7919 + height;

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      guint n_items = models[m] ? g_list_model_get_n_items (models[m]) : 0;

      signature = signature * 31 + GPOINTER_TO_SIZE (models[m]) + n_items;
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(PalpateFinding) finding = g_list_model_get_item (models[m], i);
          const PalpatePoint *points;
          guint n;

          points = palpate_finding_get_points (finding, &n);
          signature = signature * 131 + GPOINTER_TO_SIZE (finding);
          signature = signature * 131 + n * 17 + palpate_finding_get_intensity (finding) * 3 +
                      palpate_finding_get_kind (finding) + palpate_finding_get_view (finding) * 11;
          for (guint k = 0; k < n; k++)
            signature = signature * 1000003 + (guint64) (points[k].x * 64) * 131 +
                        (guint64) (points[k].y * 64);
        }
    }

  return signature;
}

/* Hover, highlights and focus over the figure, then the findings (from their image while
 * they stay the same), then the selection. */
static void
draw_marks_layer (PalpateBodyMap            *self,
                  const PalpateChartOptions *options,
                  cairo_t                   *cr,
                  int                        width,
                  int                        height)
{
  PalpateChartOptions overlays = *options;
  PalpateChartOptions findings = *options;
  guint64 signature = marks_signature (self, options, width, height);

  overlays.findings = overlays.ghosts = NULL;
  palpate_chart_render_marks (cr, self->atlas, &overlays, width, height);

  if (self->marks == NULL || signature != self->marks_signature)
    {
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
      cairo_t *marks_cr;

      g_clear_pointer (&self->marks, cairo_surface_destroy);
      self->marks = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale,
                                                height * scale);
      cairo_surface_set_device_scale (self->marks, scale, scale);
      self->marks_signature = signature;

      findings.highlighted = NULL;
      findings.hovered_region = findings.focused_region = NULL;
      findings.selected = NULL;
      marks_cr = cairo_create (self->marks);
      palpate_chart_render_marks (marks_cr, self->atlas, &findings, width, height);
      cairo_destroy (marks_cr);
    }

  cairo_set_source_surface (cr, self->marks, 0, 0);
  cairo_paint (cr);
  palpate_chart_render_selection (cr, self->atlas, options, width, height);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  PalpateBodyMap *self = PALPATE_BODY_MAP (user_data);
  PalpateChartOptions options;
  GdkRGBA accent;

  palpate_chart_options_init (&options);
  options.show_legend = FALSE;
  options.findings = self->findings ? G_LIST_MODEL (self->findings) : NULL;
  options.ghosts = self->ghosts;
  options.highlighted = (const char * const *) self->highlighted;
  options.hovered_region = self->hovered_region;
  options.focused_region = gtk_widget_has_focus (self->canvas) ? self->focused_region : NULL;
  options.selected = self->selected;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                      "accent_color", &accent))
    {
      options.accent[0] = accent.red;
      options.accent[1] = accent.green;
      options.accent[2] = accent.blue;
    }
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (self->figure == NULL || self->figure_width != width || self->figure_height != height)
    {
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
      cairo_t *figure_cr;

      g_clear_pointer (&self->figure, cairo_surface_destroy);
      self->figure = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width * scale,
                                                 height * scale);
      cairo_surface_set_device_scale (self->figure, scale, scale);
      self->figure_width = width;
      self->figure_height = height;

      /* The chart is paper: white in light and dark style alike, so its colours read the
       * same. */
      figure_cr = cairo_create (self->figure);
      cairo_set_source_rgb (figure_cr, 1, 1, 1);
      cairo_paint (figure_cr);
      palpate_chart_render_figure (figure_cr, self->atlas, &options, width, height);
      cairo_destroy (figure_cr);
    }

  cairo_set_source_surface (cr, self->figure, 0, 0);
  cairo_paint (cr);
  draw_marks_layer (self, &options, cr, width, height);

  /* The stroke being drawn. */
  if (self->pressing && self->moving == NULL && self->stroke->len > 1)
    {
      double rgb[3];

      palpate_chart_get_kind_color (self->kind, rgb);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], 0.8);
      cairo_set_line_width (cr, 2.5);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint i = 0; i < self->stroke->len; i++)
        {
          double x, y;

          palpate_body_map_atlas_to_widget (self, self->drag_view,
                                            &g_array_index (self->stroke, PalpatePoint, i),
                                            &x, &y);
          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
    }
}

static void
draw_symbol_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  palpate_chart_draw_finding_symbol (cr, GPOINTER_TO_INT (user_data), width / 2.0, height / 2.0,
                                     MIN (width, height));
}

static void
kind_button_toggled_cb (GtkToggleButton *button,
                        PalpateBodyMap  *self)
{
  if (gtk_toggle_button_get_active (button))
    palpate_body_map_set_current_kind (self,
                                       GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button),
                                                                           "kind")));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PalpateBodyMap *self = PALPATE_BODY_MAP (widget);
  gboolean undo = g_str_equal (action_name, "body-map.undo");
  GPtrArray *from = undo ? self->undo : self->redo;
  GPtrArray *to = undo ? self->redo : self->undo;
  Edit *edit;

  if (from->len == 0 || !self->editable)
    return;

  edit = g_ptr_array_steal_index (from, from->len - 1);

  switch (edit->type)
    {
    case EDIT_ADD:
    case EDIT_REMOVE:
      if ((edit->type == EDIT_ADD) == undo)
        remove_finding (self, edit->finding, FALSE);
      else
        {
          g_list_store_append (self->findings, edit->finding);
          g_set_object (&self->selected, edit->finding);
          g_signal_emit (self, signals [FINDING_ADDED], 0, edit->finding);
        }
      break;

    case EDIT_CHANGE:
      copy_values (edit->finding, undo ? edit->before : edit->after);
      g_signal_emit (self, signals [FINDING_CHANGED], 0, edit->finding);
      break;

    default:
      g_assert_not_reached ();
    }

  g_ptr_array_add (to, edit);
  redraw (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PalpateBodyMap *self = PALPATE_BODY_MAP (widget);

  if (self->selected != NULL && self->editable)
    remove_finding (self, self->selected, TRUE);
}

static void
intensity_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  set_intensity (PALPATE_BODY_MAP (widget), g_variant_get_int32 (parameter));
}

static void
kind_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PalpateFindingKind kind;

  if (palpate_finding_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    palpate_body_map_set_current_kind (PALPATE_BODY_MAP (widget), kind);
}

/* Walks to the nearest region in a direction, on the focused region's view. */
static void
move_focus_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PalpateBodyMap *self = PALPATE_BODY_MAP (widget);
  const PalpateRegion *current = palpate_atlas_lookup_region (self->atlas, self->focused_region);
  const char *direction = g_variant_get_string (parameter, NULL);
  double dx = g_str_equal (direction, "left") ? -1 : g_str_equal (direction, "right") ? 1 : 0;
  double dy = g_str_equal (direction, "up") ? -1 : g_str_equal (direction, "down") ? 1 : 0;
  const PalpateRegion *best = NULL;
  double best_score = G_MAXDOUBLE;
  GPtrArray *regions;
  double cx, cy;

  if (current == NULL)
    {
      palpate_body_map_focus_region (self, "trapezius-upper-right");
      return;
    }

  palpate_region_get_centroid (current, &cx, &cy);
  regions = palpate_atlas_get_regions (self->atlas, palpate_region_get_view (current));

  for (guint i = 0; i < regions->len; i++)
    {
      const PalpateRegion *region = regions->pdata[i];
      double x, y, along, across;

      if (region == current)
        continue;

      palpate_region_get_centroid (region, &x, &y);
      along = (x - cx) * dx + (y - cy) * dy;
      across = fabs ((x - cx) * dy - (y - cy) * dx);
      if (along <= 1)
        continue;

      if (along + 2.5 * across < best_score)
        {
          best_score = along + 2.5 * across;
          best = region;
        }
    }

  /* Off the edge of one view, on to the other. */
  if (best == NULL && dx != 0)
    {
      PalpateView other = palpate_region_get_view (current) == PALPATE_VIEW_ANTERIOR
                          ? PALPATE_VIEW_POSTERIOR : PALPATE_VIEW_ANTERIOR;
      const PalpateRegion *hit = palpate_atlas_hit_test (self->atlas, other,
                                                         PALPATE_ATLAS_WIDTH - cx, cy);
      best = hit;
    }

  if (best != NULL)
    palpate_body_map_focus_region (self, palpate_region_get_id (best));
}

static void
place_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PalpateBodyMap *self = PALPATE_BODY_MAP (widget);
  const PalpateRegion *region = palpate_atlas_lookup_region (self->atlas, self->focused_region);
  PalpatePoint points[8];
  PalpateView view;
  PalpateGeometry geometry = palpate_finding_kind_get_geometry (self->kind);
  guint n = geometry == PALPATE_GEOMETRY_POINT ? 1 : geometry == PALPATE_GEOMETRY_LINE ? 2 : 8;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (self->focused_region ?: ""));

  if (region == NULL || !self->editable)
    return;

  /* The middle of the region; lines and areas as a small mark there. */
  palpate_atlas_place_in_region (self->focused_region, rand, &view, points, n, self->atlas);
  if (geometry == PALPATE_GEOMETRY_POINT)
    palpate_region_get_centroid (region, &points[0].x, &points[0].y);
  if (palpate_atlas_hit_test (self->atlas, view, points[0].x, points[0].y) != region)
    palpate_region_get_centroid (region, &points[0].x, &points[0].y);

  add_finding (self, view, points, n, 5);
}

/* Reached by the keyboard, the chart shows at once which region the arrow keys start from:
 * the chosen finding's, or the neck and shoulder where most charting begins. */
static void
canvas_focus_cb (PalpateBodyMap *self)
{
  GtkRoot *root = gtk_widget_get_root (self->canvas);

  if (gtk_widget_has_focus (self->canvas) && self->focused_region == NULL &&
      GTK_IS_WINDOW (root) && gtk_window_get_focus_visible (GTK_WINDOW (root)))
    palpate_body_map_focus_region (self, self->selected
                                         ? palpate_finding_get_region_id (self->selected)
                                         : "trapezius-upper-right");
  redraw (self);
}

static void
palpate_body_map_dispose (GObject *object)
{
  PalpateBodyMap *self = PALPATE_BODY_MAP (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->findings);
  g_clear_object (&self->ghosts);
  g_clear_object (&self->selected);
  g_clear_object (&self->moving);
  g_clear_object (&self->moving_before);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->figure, cairo_surface_destroy);
  g_clear_pointer (&self->marks, cairo_surface_destroy);

  G_OBJECT_CLASS (palpate_body_map_parent_class)->dispose (object);
}

static void
palpate_body_map_finalize (GObject *object)
{
  PalpateBodyMap *self = PALPATE_BODY_MAP (object);

  g_clear_pointer (&self->highlighted, g_strfreev);
  g_clear_pointer (&self->hovered_region, g_free);
  g_clear_pointer (&self->focused_region, g_free);
  g_clear_pointer (&self->stroke, g_array_unref);

  G_OBJECT_CLASS (palpate_body_map_parent_class)->finalize (object);
}

static void
palpate_body_map_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PalpateBodyMap *self = PALPATE_BODY_MAP (object);

  switch (prop_id)
    {
    case PROP_CURRENT_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_EDITABLE:
      g_value_set_boolean (value, self->editable);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_body_map_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PalpateBodyMap *self = PALPATE_BODY_MAP (object);

  switch (prop_id)
    {
    case PROP_CURRENT_KIND:
      palpate_body_map_set_current_kind (self, g_value_get_enum (value));
      break;

    case PROP_EDITABLE:
      palpate_body_map_set_editable (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_body_map_class_init (PalpateBodyMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct { guint key; const char *kind; } kind_keys[] = {
    { GDK_KEY_t, "trigger-point-active" }, { GDK_KEY_l, "trigger-point-latent" },
    { GDK_KEY_p, "tender-point" }, { GDK_KEY_a, "adhesion" }, { GDK_KEY_s, "spasm-zone" },
    { GDK_KEY_r, "referred-pain" }, { GDK_KEY_n, "numbness" }, { GDK_KEY_c, "cleared" },
    { GDK_KEY_x, "contraindication" },
  };

  object_class->dispose = palpate_body_map_dispose;
  object_class->finalize = palpate_body_map_finalize;
  object_class->get_property = palpate_body_map_get_property;
  object_class->set_property = palpate_body_map_set_property;

  properties [PROP_CURRENT_KIND] =
    g_param_spec_enum ("current-kind", NULL, NULL,
                       PALPATE_TYPE_FINDING_KIND, PALPATE_FINDING_TRIGGER_POINT_ACTIVE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_EDITABLE] =
    g_param_spec_boolean ("editable", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PalpateBodyMap::finding-added:
   *
   * A finding was charted (or came back by undo or redo): save it.
   */
  signals [FINDING_ADDED] =
    g_signal_new ("finding-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, PALPATE_TYPE_FINDING);
  signals [FINDING_REMOVED] =
    g_signal_new ("finding-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, PALPATE_TYPE_FINDING);
  signals [FINDING_CHANGED] =
    g_signal_new ("finding-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, PALPATE_TYPE_FINDING);

  gtk_widget_class_install_action (widget_class, "body-map.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "body-map.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "body-map.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "body-map.intensity", "i", intensity_action);
  gtk_widget_class_install_action (widget_class, "body-map.kind", "s", kind_action);
  gtk_widget_class_install_action (widget_class, "body-map.move-focus", "s", move_focus_action);
  gtk_widget_class_install_action (widget_class, "body-map.place", NULL, place_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "body-map.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "body-map.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "body-map.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "body-map.delete",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "body-map.place", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "body-map.place", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "body-map.move-focus", "s",
                                       "up");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "body-map.move-focus", "s",
                                       "down");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "body-map.move-focus", "s",
                                       "left");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "body-map.move-focus",
                                       "s", "right");
  for (int i = 0; i <= 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, 0, "body-map.intensity",
                                         "i", i == 0 ? 10 : i);
  for (guint i = 0; i < G_N_ELEMENTS (kind_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, kind_keys[i].key, 0, "body-map.kind", "s",
                                         kind_keys[i].kind);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bodymap");
}

static void
palpate_body_map_init (PalpateBodyMap *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkEventController *controller;
  GtkGesture *drag;
  GtkGesture *stylus;
  GtkWidget *first = NULL;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->atlas = palpate_atlas_get_default ();
  self->editable = TRUE;
  self->stroke = g_array_new (FALSE, FALSE, sizeof (PalpatePoint));
  self->undo = g_ptr_array_new_with_free_func (edit_free);
  self->redo = g_ptr_array_new_with_free_func (edit_free);

  /* The palette: big targets, each with its legend symbol. */
  self->palette = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->palette), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->palette), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->palette), PALPATE_N_FINDING_KINDS);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->palette), 3);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->palette), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->palette), 4);
  gtk_widget_add_css_class (self->palette, "palette");
  gtk_widget_set_parent (self->palette, GTK_WIDGET (self));

  for (PalpateFindingKind kind = 0; kind < PALPATE_N_FINDING_KINDS; kind++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *symbol = gtk_drawing_area_new ();
      GtkWidget *label = gtk_label_new (palpate_finding_kind_get_name (kind));

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (symbol), 30);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (symbol), 26);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (symbol), draw_symbol_cb,
                                      GINT_TO_POINTER (kind), NULL);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 11);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), symbol);
      gtk_box_append (GTK_BOX (box), label);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_set_tooltip_text (button, palpate_finding_kind_get_name (kind));
      gtk_widget_add_css_class (button, "finding-kind");
      g_object_set_data (G_OBJECT (button), "kind", GINT_TO_POINTER (kind));
      if (first == NULL)
        first = button;
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
      g_signal_connect (button, "toggled", G_CALLBACK (kind_button_toggled_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (self->palette), button);
      self->kind_buttons[kind] = button;
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (first), TRUE);

  self->canvas = gtk_drawing_area_new ();
  gtk_widget_set_vexpand (self->canvas, TRUE);
  gtk_widget_set_hexpand (self->canvas, TRUE);
  gtk_widget_set_size_request (self->canvas, 240, 300);
  gtk_widget_set_focusable (self->canvas, TRUE);
  gtk_widget_add_css_class (self->canvas, "chart");
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->canvas), draw_cb, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Body chart"),
                                  -1);
  gtk_widget_set_parent (self->canvas, GTK_WIDGET (self));

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

  g_signal_connect_swapped (self->canvas, "notify::has-focus", G_CALLBACK (canvas_focus_cb),
                            self);

  self->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0.5);
  gtk_label_set_ellipsize (GTK_LABEL (self->status), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->status, "region-name");
  gtk_widget_set_parent (self->status, GTK_WIDGET (self));

  update_status (self);
  update_actions (self);
}

GtkWidget *
palpate_body_map_new (void)
{
  return g_object_new (PALPATE_TYPE_BODY_MAP, NULL);
}

GListStore *
palpate_body_map_get_findings (PalpateBodyMap *self)
{
  g_return_val_if_fail (PALPATE_IS_BODY_MAP (self), NULL);

  return self->findings;
}

/**
 * palpate_body_map_set_findings:
 * @findings: (nullable): the list of PalpateFinding the map edits
 *
 * Starts a new history: what was done on another list cannot be undone here.
 */
void
palpate_body_map_set_findings (PalpateBodyMap *self,
                               GListStore     *findings)
{
  g_return_if_fail (PALPATE_IS_BODY_MAP (self));

  g_set_object (&self->findings, findings);
  g_clear_object (&self->selected);
  palpate_body_map_clear_history (self);
  redraw (self);
}

void
palpate_body_map_set_ghosts (PalpateBodyMap *self,
                             GListModel     *ghosts)
{
  g_return_if_fail (PALPATE_IS_BODY_MAP (self));

  g_set_object (&self->ghosts, ghosts);
  redraw (self);
}

/**
 * palpate_body_map_set_highlighted_regions:
 * @region_ids: (nullable): regions to highlight, such as kinetic-chain partners to assess
 */
void
palpate_body_map_set_highlighted_regions (PalpateBodyMap     *self,
                                          const char * const *region_ids)
{
  g_return_if_fail (PALPATE_IS_BODY_MAP (self));

  g_strfreev (self->highlighted);
  self->highlighted = g_strdupv ((char **) region_ids);
  redraw (self);
}

PalpateFindingKind
palpate_body_map_get_current_kind (PalpateBodyMap *self)
{
  g_return_val_if_fail (PALPATE_IS_BODY_MAP (self), 0);

  return self->kind;
}

void
palpate_body_map_set_current_kind (PalpateBodyMap     *self,
                                   PalpateFindingKind  kind)
{
  g_return_if_fail (PALPATE_IS_BODY_MAP (self));
  g_return_if_fail (kind < PALPATE_N_FINDING_KINDS);

  if (self->kind == kind)
    return;

  self->kind = kind;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->kind_buttons[kind]), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CURRENT_KIND]);
}

gboolean
palpate_body_map_get_editable (PalpateBodyMap *self)
{
  g_return_val_if_fail (PALPATE_IS_BODY_MAP (self), FALSE);

  return self->editable;
}

/**
 * palpate_body_map_set_editable:
 *
 * A signed visit's chart can be looked at and hovered, not changed.
 */
void
palpate_body_map_set_editable (PalpateBodyMap *self,
                               gboolean        editable)
{
  g_return_if_fail (PALPATE_IS_BODY_MAP (self));

  editable = !!editable;
  if (self->editable == editable)
    return;

  self->editable = editable;
  gtk_widget_set_sensitive (self->palette, editable);
  redraw (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EDITABLE]);
}

void
palpate_body_map_set_show_palette (PalpateBodyMap *self,
                                   gboolean        show_palette)
{
  g_return_if_fail (PALPATE_IS_BODY_MAP (self));

  gtk_widget_set_visible (self->palette, show_palette);
}

PalpateFinding *
palpate_body_map_get_selected_finding (PalpateBodyMap *self)
{
  g_return_val_if_fail (PALPATE_IS_BODY_MAP (self), NULL);

  return self->selected;
}

const char *
palpate_body_map_get_focused_region (PalpateBodyMap *self)
{
  g_return_val_if_fail (PALPATE_IS_BODY_MAP (self), NULL);

  return self->focused_region;
}

void
palpate_body_map_focus_region (PalpateBodyMap *self,
                               const char     *region_id)
{
  g_return_if_fail (PALPATE_IS_BODY_MAP (self));

  if (palpate_atlas_lookup_region (self->atlas, region_id) == NULL)
    return;

  g_free (self->focused_region);
  self->focused_region = g_strdup (region_id);
  redraw (self);
}

static void
current_layout (PalpateBodyMap     *self,
                PalpateChartLayout *layout)
{
  PalpateChartOptions options;

  palpate_chart_options_init (&options);
  options.show_legend = FALSE;
  palpate_chart_layout (&options, gtk_widget_get_width (self->canvas),
                        gtk_widget_get_height (self->canvas), layout);
}

/**
 * palpate_body_map_widget_to_atlas:
 * @x: a position in the canvas's coordinates
 *
 * Returns: %FALSE outside both views
 */
gboolean
palpate_body_map_widget_to_atlas (PalpateBodyMap *self,
                                  double          x,
                                  double          y,
                                  PalpateView    *view,
                                  PalpatePoint   *point)
{
  PalpateChartLayout layout;

  g_return_val_if_fail (PALPATE_IS_BODY_MAP (self), FALSE);

  current_layout (self, &layout);
  return palpate_chart_layout_to_atlas (&layout, x, y, view, point);
}

gboolean
palpate_body_map_atlas_to_widget (PalpateBodyMap     *self,
                                  PalpateView         view,
                                  const PalpatePoint *point,
                                  double             *x,
                                  double             *y)
{
  PalpateChartLayout layout;

  g_return_val_if_fail (PALPATE_IS_BODY_MAP (self), FALSE);

  current_layout (self, &layout);
  palpate_chart_layout_from_atlas (&layout, view, point, x, y);
  return *x >= 0;
}

/**
 * palpate_body_map_get_highlighted_regions:
 *
 * Returns: (nullable) (transfer none): the regions highlighted over the figure
 */
const char * const *
palpate_body_map_get_highlighted_regions (PalpateBodyMap *self)
{
  g_return_val_if_fail (PALPATE_IS_BODY_MAP (self), NULL);

  return self->highlighted != NULL && self->highlighted[0] != NULL
         ? (const char * const *) self->highlighted : NULL;
}

/**
 * palpate_body_map_last_edit_removed:
 *
 * Returns: whether the latest edit, the one Undo takes back, removed @finding
 */
gboolean
palpate_body_map_last_edit_removed (PalpateBodyMap *self,
                                    PalpateFinding *finding)
{
  Edit *edit;

  g_return_val_if_fail (PALPATE_IS_BODY_MAP (self), FALSE);

  if (self->undo == NULL || self->undo->len == 0)
    return FALSE;

  edit = self->undo->pdata[self->undo->len - 1];
  return edit->type == EDIT_REMOVE && edit->finding == finding;
}

gboolean
palpate_body_map_can_undo (PalpateBodyMap *self)
{
  g_return_val_if_fail (PALPATE_IS_BODY_MAP (self), FALSE);

  return self->undo->len > 0;
}

void
palpate_body_map_clear_history (PalpateBodyMap *self)
{
  g_return_if_fail (PALPATE_IS_BODY_MAP (self));

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  update_actions (self);
}

/**
 * palpate_body_map_get_canvas:
 *
 * Returns: (transfer none): the drawing area that takes the clicks, drags and keys
 */
GtkWidget *
palpate_body_map_get_canvas (PalpateBodyMap *self)
{
  g_return_val_if_fail (PALPATE_IS_BODY_MAP (self), NULL);

  return self->canvas;
}
