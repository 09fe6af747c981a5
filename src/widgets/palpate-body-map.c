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
#include "palpate-body-map.h"
#include "palpate-body-map-private.h"
#include "palpate-chart.h"
#include "palpate-enum-types.h"

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

  g_string_append (text, palpate_region_name_for_id (region_id));
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

void
_palpate_body_map_redraw (PalpateBodyMap *self)
{
  gtk_widget_queue_draw (self->canvas);
  update_status (self);
  _palpate_body_map_update_actions (self);
}

void
_palpate_body_map_set_selected (PalpateBodyMap *self,
                                PalpateFinding *finding)
{
  if (self->selected == finding)
    return;

  g_set_object (&self->selected, finding);
  _palpate_body_map_redraw (self);
}

void
_palpate_body_map_add_finding (PalpateBodyMap     *self,
                               PalpateView         view,
                               const PalpatePoint *points,
                               guint               n,
                               int                 intensity)
{
  PalpateGeometry geometry = palpate_finding_kind_get_geometry (self->kind);
  g_autoptr(PalpateFinding) finding = NULL;

  if (self->findings == NULL)
    return;

  finding = palpate_finding_new (self->kind, view, points, n);
  palpate_finding_set_region_id (finding, palpate_atlas_region_for_shape (self->atlas, view,
                                                                          geometry, points, n));
  palpate_finding_set_intensity (finding, intensity);
  g_list_store_append (self->findings, finding);

  palpate_finding_history_record_add (self->history, finding);
  _palpate_body_map_update_actions (self);

  g_set_object (&self->selected, finding);
  g_signal_emit (self, signals [FINDING_ADDED], 0, finding);
  _palpate_body_map_redraw (self);
}

void
_palpate_body_map_remove_finding (PalpateBodyMap *self,
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
      palpate_finding_history_record_remove (self->history, finding);
      _palpate_body_map_update_actions (self);
    }

  if (self->selected == finding)
    g_clear_object (&self->selected);

  g_signal_emit (self, signals [FINDING_REMOVED], 0, finding);
  g_object_unref (finding);
  _palpate_body_map_redraw (self);
}

/* Puts back a finding that undo or redo brings back, chosen, as if charted again. */
void
_palpate_body_map_restore_finding (PalpateBodyMap *self,
                                   PalpateFinding *finding)
{
  g_list_store_append (self->findings, finding);
  g_set_object (&self->selected, finding);
  g_signal_emit (self, signals [FINDING_ADDED], 0, finding);
}

void
_palpate_body_map_emit_changed (PalpateBodyMap *self,
                                PalpateFinding *finding)
{
  g_signal_emit (self, signals [FINDING_CHANGED], 0, finding);
}

void
_palpate_body_map_record_change (PalpateBodyMap *self,
                                 PalpateFinding *finding,
                                 PalpateFinding *before)
{
  palpate_finding_history_record_change (self->history, finding, before);
  _palpate_body_map_update_actions (self);

  g_signal_emit (self, signals [FINDING_CHANGED], 0, finding);
  _palpate_body_map_redraw (self);
}

void
_palpate_body_map_set_intensity (PalpateBodyMap *self,
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
  _palpate_body_map_record_change (self, self->selected, before);
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
  _palpate_body_map_redraw (self);
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
  g_clear_object (&self->history);
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

  _palpate_body_map_class_actions_init (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bodymap");
}

static void
palpate_body_map_init (PalpateBodyMap *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *first = NULL;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->atlas = palpate_atlas_get_default ();
  self->editable = TRUE;
  self->stroke = g_array_new (FALSE, FALSE, sizeof (PalpatePoint));
  self->history = palpate_finding_history_new ();

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
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (symbol), _palpate_body_map_draw_symbol_cb,
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
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->canvas), _palpate_body_map_draw_cb, self,
                                  NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Body chart"),
                                  -1);
  gtk_widget_set_parent (self->canvas, GTK_WIDGET (self));

  _palpate_body_map_add_controllers (self);

  g_signal_connect_swapped (self->canvas, "notify::has-focus", G_CALLBACK (canvas_focus_cb),
                            self);

  self->status = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->status), 0.5);
  gtk_label_set_ellipsize (GTK_LABEL (self->status), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->status, "region-name");
  gtk_widget_set_parent (self->status, GTK_WIDGET (self));

  update_status (self);
  _palpate_body_map_update_actions (self);
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
  _palpate_body_map_redraw (self);
}

void
palpate_body_map_set_ghosts (PalpateBodyMap *self,
                             GListModel     *ghosts)
{
  g_return_if_fail (PALPATE_IS_BODY_MAP (self));

  g_set_object (&self->ghosts, ghosts);
  _palpate_body_map_redraw (self);
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
  _palpate_body_map_redraw (self);
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
  _palpate_body_map_redraw (self);
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
  _palpate_body_map_redraw (self);
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
  g_return_val_if_fail (PALPATE_IS_BODY_MAP (self), FALSE);

  /* An edit being undone or redone is not the latest edit until it is done. */
  return !self->stepping && palpate_finding_history_last_removed (self->history, finding);
}

void
palpate_body_map_clear_history (PalpateBodyMap *self)
{
  g_return_if_fail (PALPATE_IS_BODY_MAP (self));

  palpate_finding_history_clear (self->history);
  _palpate_body_map_update_actions (self);
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
