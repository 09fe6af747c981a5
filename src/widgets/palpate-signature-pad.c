/* palpate-signature-pad.c — where the client signs with a finger, stylus or mouse
 *
 * Each drag is a stroke, kept in coordinates from 0 to 1 across the pad, so that the signature
 * is stored as vectors and drawn again at any size (palpate_signature_draw() in render/). Clear
 * starts over. "changed" is emitted when a stroke ends and when the pad is cleared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-signature-pad"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-signature.h"
#include "palpate-signature-pad.h"

struct _PalpateSignaturePad
{
  GtkBox     parent_instance;

  GPtrArray *strokes;
  GArray    *current;
  double     start_x;
  double     start_y;
  GtkWidget *area;
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PalpateSignaturePad, palpate_signature_pad, GTK_TYPE_BOX)

static guint signals [N_SIGNALS];

static void
add_point (PalpateSignaturePad *self,
           double               x,
           double               y)
{
  int width = gtk_widget_get_width (self->area);
  int height = gtk_widget_get_height (self->area);
  double nx, ny;

  if (self->current == NULL || width <= 0 || height <= 0)
    return;

  nx = CLAMP (x / width, 0, 1);
  ny = CLAMP (y / height, 0, 1);
  g_array_append_val (self->current, nx);
  g_array_append_val (self->current, ny);
  gtk_widget_queue_draw (self->area);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  PalpateSignaturePad *self = user_data;
  GdkRGBA color;

  /* The line the client signs on, as on paper. */
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.5);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, 16, height * 0.75 + 0.5);
  cairo_line_to (cr, width - 16, height * 0.75 + 0.5);
  cairo_stroke (cr);

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  gdk_cairo_set_source_rgba (cr, &color);
  palpate_signature_draw (cr, self->strokes, 0, 0, width, height, 2.5);
}

static void
drag_begin_cb (GtkGestureDrag      *gesture,
               double               x,
               double               y,
               PalpateSignaturePad *self)
{
  self->start_x = x;
  self->start_y = y;
  self->current = g_array_new (FALSE, FALSE, sizeof (double));
  g_ptr_array_add (self->strokes, self->current);
  add_point (self, x, y);
}

static void
drag_update_cb (GtkGestureDrag      *gesture,
                double               offset_x,
                double               offset_y,
                PalpateSignaturePad *self)
{
  add_point (self, self->start_x + offset_x, self->start_y + offset_y);
}

static void
drag_end_cb (GtkGestureDrag      *gesture,
             double               offset_x,
             double               offset_y,
             PalpateSignaturePad *self)
{
  add_point (self, self->start_x + offset_x, self->start_y + offset_y);
  self->current = NULL;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
clear_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  palpate_signature_pad_clear (PALPATE_SIGNATURE_PAD (widget));
}

static void
palpate_signature_pad_finalize (GObject *object)
{
  PalpateSignaturePad *self = PALPATE_SIGNATURE_PAD (object);

  g_clear_pointer (&self->strokes, g_ptr_array_unref);

  G_OBJECT_CLASS (palpate_signature_pad_parent_class)->finalize (object);
}

static void
palpate_signature_pad_class_init (PalpateSignaturePadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = palpate_signature_pad_finalize;

  /**
   * PalpateSignaturePad::changed:
   *
   * A stroke was added, or the pad was cleared.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "signature-pad.clear", NULL, clear_cb);
  gtk_widget_class_set_css_name (widget_class, "signaturepad");
}

static void
palpate_signature_pad_init (PalpateSignaturePad *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("C_lear"));
  GtkWidget *hint = gtk_label_new (_("The client signs above with a finger, a stylus or the "
                                     "mouse."));

  self->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);

  self->area = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->area), 150);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);
  gtk_widget_add_css_class (self->area, "card");
  gtk_widget_set_cursor_from_name (self->area, "crosshair");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Client’s signature"), -1);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (self->area, GTK_EVENT_CONTROLLER (drag));
  gtk_box_append (GTK_BOX (self), self->area);

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_set_hexpand (hint, TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (clear), "signature-pad.clear");
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

    gtk_box_append (GTK_BOX (row), hint);
    gtk_box_append (GTK_BOX (row), clear);
    gtk_box_append (GTK_BOX (self), row);
  }
}

GtkWidget *
palpate_signature_pad_new (void)
{
  return g_object_new (PALPATE_TYPE_SIGNATURE_PAD, NULL);
}

/**
 * palpate_signature_pad_get_strokes:
 *
 * Returns: (transfer none) (element-type GArray): the strokes signed so far
 */
GPtrArray *
palpate_signature_pad_get_strokes (PalpateSignaturePad *self)
{
  g_return_val_if_fail (PALPATE_IS_SIGNATURE_PAD (self), NULL);

  return self->strokes;
}

/* Whether nothing that counts as a signature (a line, not a dot) was drawn. */
gboolean
palpate_signature_pad_is_empty (PalpateSignaturePad *self)
{
  g_return_val_if_fail (PALPATE_IS_SIGNATURE_PAD (self), TRUE);

  for (guint i = 0; i < self->strokes->len; i++)
    if (((GArray *) self->strokes->pdata[i])->len >= 4)
      return FALSE;

  return TRUE;
}

void
palpate_signature_pad_clear (PalpateSignaturePad *self)
{
  g_return_if_fail (PALPATE_IS_SIGNATURE_PAD (self));

  self->current = NULL;
  g_ptr_array_set_size (self->strokes, 0);
  gtk_widget_queue_draw (self->area);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The drawing area itself, where a test aims its drag. */
GtkWidget *
palpate_signature_pad_get_area (PalpateSignaturePad *self)
{
  g_return_val_if_fail (PALPATE_IS_SIGNATURE_PAD (self), NULL);

  return self->area;
}
