/* palpate-split-layout.c — side by side when there is room, one above the other when narrow
 *
 * The first child is the main one (the body map), the last the side panel, any in between
 * separators. Given at least side-width + main-min-width, the side panel is side-width wide at
 * the end and the main child takes the rest; narrower (a 360 pixels wide screen), the main
 * child takes the full width at its minimum height, and the side panel its natural height
 * below it: the page then scrolls as one, in a scrolled window around the layout's widget,
 * and nothing is squeezed out of the window's height. The choice depends on
 * the width given alone, in measure and allocate alike, so that the layout settles at once
 * (libadwaita 1.2 has no breakpoints).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-split-layout"

#include "config.h"

#include "palpate-split-layout.h"

struct _PalpateSplitLayout
{
  GtkLayoutManager parent_instance;

  int side_width;
  int main_min_width;
};

enum {
  PROP_0,
  PROP_SIDE_WIDTH,
  PROP_MAIN_MIN_WIDTH,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpateSplitLayout, palpate_split_layout, GTK_TYPE_LAYOUT_MANAGER)

static GParamSpec *properties [N_PROPS];

static int
separators_width (GtkWidget *widget)
{
  GtkWidget *first = gtk_widget_get_first_child (widget);
  GtkWidget *last = gtk_widget_get_last_child (widget);
  int width = 0;

  for (GtkWidget *child = first; child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int minimum;

      if (child == first || child == last || !gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      width += minimum;
    }

  return width;
}

static gboolean
side_by_side (PalpateSplitLayout *self,
              GtkWidget          *widget,
              int                 width)
{
  return width < 0 || width >= self->side_width + self->main_min_width + separators_width (widget);
}

static void
palpate_split_layout_measure (GtkLayoutManager *manager,
                              GtkWidget        *widget,
                              GtkOrientation    orientation,
                              int               for_size,
                              int              *minimum,
                              int              *natural,
                              int              *minimum_baseline,
                              int              *natural_baseline)
{
  PalpateSplitLayout *self = PALPATE_SPLIT_LAYOUT (manager);
  gboolean beside = orientation == GTK_ORIENTATION_VERTICAL && side_by_side (self, widget, for_size);
  GtkWidget *first = gtk_widget_get_first_child (widget);
  GtkWidget *last = gtk_widget_get_last_child (widget);

  *minimum = *natural = 0;
  for (GtkWidget *child = first; child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, orientation, orientation == GTK_ORIENTATION_VERTICAL ? -1 : for_size,
                          &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* The narrowest: one above the other. The natural: side by side. */
          *minimum = MAX (*minimum, child_min);
          *natural += child == last ? MAX (child_min, self->side_width) : child_nat;
        }
      else if (beside)
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          *minimum += child == last ? child_nat : child_min;
          *natural += child_nat;
        }
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*natural, *minimum);
}

static void
palpate_split_layout_allocate (GtkLayoutManager *manager,
                               GtkWidget        *widget,
                               int               width,
                               int               height,
                               int               baseline)
{
  PalpateSplitLayout *self = PALPATE_SPLIT_LAYOUT (manager);
  GtkWidget *first = gtk_widget_get_first_child (widget);
  GtkWidget *last = gtk_widget_get_last_child (widget);
  gboolean beside = side_by_side (self, widget, width);
  int side_min = 0, main_min = 0, rest = 0, position = 0;

  if (first == NULL)
    return;

  for (GtkWidget *child = gtk_widget_get_next_sibling (first); child != NULL && child != last;
       child = gtk_widget_get_next_sibling (child))
    {
      int minimum;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, beside ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL,
                          -1, &minimum, NULL, NULL, NULL);
      rest += minimum;
    }

  if (beside)
    {
      if (last != first && gtk_widget_should_layout (last))
        gtk_widget_measure (last, GTK_ORIENTATION_HORIZONTAL, height, &side_min, NULL, NULL, NULL);
      side_min = MAX (side_min, self->side_width);
      main_min = MAX (0, width - side_min - rest);
    }
  else
    {
      int side_nat = 0;

      gtk_widget_measure (first, GTK_ORIENTATION_VERTICAL, width, &main_min, NULL, NULL, NULL);
      if (last != first && gtk_widget_should_layout (last))
        gtk_widget_measure (last, GTK_ORIENTATION_VERTICAL, width, &side_min, &side_nat, NULL, NULL);
      /* The side panel whole below the main child, which takes what is left over. */
      main_min = MAX (main_min, height - rest - side_nat);
    }

  for (GtkWidget *child = first; child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int size;

      if (!gtk_widget_should_layout (child))
        continue;

      if (child == first)
        size = main_min;
      else if (child == last)
        size = (beside ? width : height) - position;
      else
        gtk_widget_measure (child, beside ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL,
                            -1, &size, NULL, NULL, NULL);

      if (beside)
        gtk_widget_size_allocate (child, &(GtkAllocation) { position, 0, size, height }, -1);
      else
        gtk_widget_size_allocate (child, &(GtkAllocation) { 0, position, width, size }, -1);
      position += size;
    }
}

static GtkSizeRequestMode
palpate_split_layout_get_request_mode (GtkLayoutManager *manager,
                                       GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
palpate_split_layout_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PalpateSplitLayout *self = PALPATE_SPLIT_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_SIDE_WIDTH:
      g_value_set_int (value, self->side_width);
      break;
    case PROP_MAIN_MIN_WIDTH:
      g_value_set_int (value, self->main_min_width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_split_layout_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PalpateSplitLayout *self = PALPATE_SPLIT_LAYOUT (object);
  int *field;

  switch (prop_id)
    {
    case PROP_SIDE_WIDTH:
      field = &self->side_width;
      break;
    case PROP_MAIN_MIN_WIDTH:
      field = &self->main_min_width;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (*field != g_value_get_int (value))
    {
      *field = g_value_get_int (value);
      gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
      g_object_notify_by_pspec (object, pspec);
    }
}

static void
palpate_split_layout_class_init (PalpateSplitLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->get_property = palpate_split_layout_get_property;
  object_class->set_property = palpate_split_layout_set_property;
  layout_class->measure = palpate_split_layout_measure;
  layout_class->allocate = palpate_split_layout_allocate;
  layout_class->get_request_mode = palpate_split_layout_get_request_mode;

  /**
   * PalpateSplitLayout:side-width:
   *
   * The side panel's width when it is beside the main child.
   */
  properties [PROP_SIDE_WIDTH] =
    g_param_spec_int ("side-width", NULL, NULL, 0, G_MAXINT, 440,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * PalpateSplitLayout:main-min-width:
   *
   * The narrowest the main child may be beside the side panel; below, they are stacked.
   */
  properties [PROP_MAIN_MIN_WIDTH] =
    g_param_spec_int ("main-min-width", NULL, NULL, 0, G_MAXINT, 360,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
palpate_split_layout_init (PalpateSplitLayout *self)
{
  self->side_width = 440;
  self->main_min_width = 360;
}

GtkLayoutManager *
palpate_split_layout_new (void)
{
  return g_object_new (PALPATE_TYPE_SPLIT_LAYOUT, NULL);
}

/* Returns: whether, @width wide, the side panel is beside the main child */
gboolean
palpate_split_layout_is_side_by_side (PalpateSplitLayout *self,
                                      int                 width)
{
  GtkWidget *widget;

  g_return_val_if_fail (PALPATE_IS_SPLIT_LAYOUT (self), TRUE);

  widget = gtk_layout_manager_get_widget (GTK_LAYOUT_MANAGER (self));
  return widget == NULL || side_by_side (self, widget, width);
}
