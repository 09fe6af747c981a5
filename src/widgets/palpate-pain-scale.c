/* palpate-pain-scale.c — a 0–10 pain rating with big targets and words
 *
 * Eleven buttons in a row, coloured from calm to alarming, and the word of the chosen rating
 * below them ("7 — Severe"). Used on the charting screen for pain before and after, and in the
 * patient view, where the "large" style class makes the targets bigger still.
 *
 * For the keyboard the scale is one stop, a slider: the arrow keys move the rating, Home and
 * End go to 0 and 10, Delete takes it back. The buttons are for pointers and fingers only, so
 * Tab passes the scale in one step and a stray Space never changes a rating.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-pain-scale"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-pain-scale.h"
#include "palpate-pain.h"

struct _PalpatePainScale
{
  GtkWidget  parent_instance;

  GtkWidget *title_label;
  GtkWidget *buttons[PALPATE_PAIN_MAX + 1];
  GtkWidget *word_label;
  char      *title;
  int        value;
  gboolean   updating;
};

enum {
  PROP_0,
  PROP_VALUE,
  PROP_TITLE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpatePainScale, palpate_pain_scale, GTK_TYPE_WIDGET)

static GParamSpec *properties [N_PROPS];

static void
update_word (PalpatePainScale *self)
{
  g_autofree char *text = NULL;

  if (palpate_pain_is_valid (self->value))
    /* Translators: a pain rating and its word, for example "7 — Severe" */
    text = g_strdup_printf (_("%d — %s"), self->value, palpate_pain_get_word (self->value));
  else
    text = g_strdup (_("Not rated yet"));

  gtk_label_set_text (GTK_LABEL (self->word_label), text);
}

static void
button_toggled_cb (GtkToggleButton  *button,
                   PalpatePainScale *self)
{
  int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "pain"));

  if (self->updating)
    return;

  /* The keyboard carries on from the rating just tapped. */
  if (gtk_widget_get_sensitive (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  /* The buttons are not a toggle group, which could not be emptied again: clicking the chosen
   * rating again takes it back, so a mistaken tap can be undone. */
  if (gtk_toggle_button_get_active (button))
    palpate_pain_scale_set_value (self, value);
  else if (self->value == value)
    palpate_pain_scale_set_value (self, PALPATE_PAIN_UNSET);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PalpatePainScale      *self)
{
  int value = self->value;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      value = value == PALPATE_PAIN_UNSET ? PALPATE_PAIN_MIN : MIN (value + 1, PALPATE_PAIN_MAX);
      break;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      value = value == PALPATE_PAIN_UNSET ? PALPATE_PAIN_MIN : MAX (value - 1, PALPATE_PAIN_MIN);
      break;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      value = PALPATE_PAIN_MIN;
      break;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      value = PALPATE_PAIN_MAX;
      break;

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      value = PALPATE_PAIN_UNSET;
      break;

    default:
      return FALSE;
    }

  palpate_pain_scale_set_value (self, value);
  return TRUE;
}

static void
update_accessible_value (PalpatePainScale *self)
{
  g_autofree char *text = NULL;

  if (palpate_pain_is_valid (self->value))
    text = g_strdup_printf (_("%d, %s"), self->value, palpate_pain_get_word (self->value));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, (double) PALPATE_PAIN_MIN,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) PALPATE_PAIN_MAX,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                  (double) MAX (self->value, PALPATE_PAIN_MIN),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                  text ? text : _("Not rated yet"),
                                  -1);
}

static void
palpate_pain_scale_dispose (GObject *object)
{
  PalpatePainScale *self = PALPATE_PAIN_SCALE (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (palpate_pain_scale_parent_class)->dispose (object);
}

static void
palpate_pain_scale_finalize (GObject *object)
{
  PalpatePainScale *self = PALPATE_PAIN_SCALE (object);

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (palpate_pain_scale_parent_class)->finalize (object);
}

static void
palpate_pain_scale_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PalpatePainScale *self = PALPATE_PAIN_SCALE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_int (value, self->value);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_pain_scale_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PalpatePainScale *self = PALPATE_PAIN_SCALE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      palpate_pain_scale_set_value (self, g_value_get_int (value));
      break;

    case PROP_TITLE:
      palpate_pain_scale_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_pain_scale_class_init (PalpatePainScaleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_pain_scale_dispose;
  object_class->finalize = palpate_pain_scale_finalize;
  object_class->get_property = palpate_pain_scale_get_property;
  object_class->set_property = palpate_pain_scale_set_property;

  /**
   * PalpatePainScale:value:
   *
   * The rating from 0 to 10, or -1 while none is chosen.
   */
  properties [PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL,
                      PALPATE_PAIN_UNSET, PALPATE_PAIN_MAX, PALPATE_PAIN_UNSET,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * PalpatePainScale:title:
   *
   * What is rated, shown above the buttons ("Pain before").
   */
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "painscale");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
palpate_pain_scale_init (PalpatePainScale *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkEventController *keys;
  GtkWidget *row;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->value = PALPATE_PAIN_UNSET;

  self->title_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_widget_add_css_class (self->title_label, "heading");
  gtk_widget_set_visible (self->title_label, FALSE);
  gtk_widget_set_parent (self->title_label, GTK_WIDGET (self));

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  gtk_widget_add_css_class (row, "pain-buttons");
  gtk_widget_set_parent (row, GTK_WIDGET (self));

  for (int i = PALPATE_PAIN_MIN; i <= PALPATE_PAIN_MAX; i++)
    {
      g_autofree char *label = g_strdup_printf ("%d", i);
      g_autofree char *css_class = g_strdup_printf ("pain-%d", i);
      g_autofree char *description = NULL;
      GtkWidget *button = gtk_toggle_button_new_with_label (label);

      /* Translators: how a screen reader announces a pain button, e.g. "7, severe" */
      description = g_strdup_printf (_("%d, %s"), i, palpate_pain_get_word (i));
      gtk_widget_set_tooltip_text (button, palpate_pain_get_word (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                      -1);
      gtk_widget_add_css_class (button, "pain-button");
      gtk_widget_add_css_class (button, css_class);
      g_object_set_data (G_OBJECT (button), "pain", GINT_TO_POINTER (i));
      gtk_widget_set_focusable (button, FALSE);
      gtk_widget_set_focus_on_click (button, FALSE);
      g_signal_connect (button, "toggled", G_CALLBACK (button_toggled_cb), self);
      gtk_box_append (GTK_BOX (row), button);
      self->buttons[i] = button;
    }

  self->word_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->word_label), 0);
  gtk_widget_add_css_class (self->word_label, "pain-word");
  gtk_widget_set_parent (self->word_label, GTK_WIDGET (self));
  update_word (self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  update_accessible_value (self);
}

GtkWidget *
palpate_pain_scale_new (void)
{
  return g_object_new (PALPATE_TYPE_PAIN_SCALE, NULL);
}

int
palpate_pain_scale_get_value (PalpatePainScale *self)
{
  g_return_val_if_fail (PALPATE_IS_PAIN_SCALE (self), PALPATE_PAIN_UNSET);

  return self->value;
}

/**
 * palpate_pain_scale_set_value:
 * @value: a rating from 0 to 10, or -1 for none
 */
void
palpate_pain_scale_set_value (PalpatePainScale *self,
                              int               value)
{
  g_return_if_fail (PALPATE_IS_PAIN_SCALE (self));
  g_return_if_fail (value == PALPATE_PAIN_UNSET || palpate_pain_is_valid (value));

  if (self->value == value)
    return;

  self->value = value;

  self->updating = TRUE;
  for (int i = PALPATE_PAIN_MIN; i <= PALPATE_PAIN_MAX; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->buttons[i]), i == value);
  self->updating = FALSE;

  update_word (self);
  update_accessible_value (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VALUE]);
}

void
palpate_pain_scale_set_title (PalpatePainScale *self,
                              const char       *title)
{
  g_return_if_fail (PALPATE_IS_PAIN_SCALE (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  gtk_label_set_text (GTK_LABEL (self->title_label), title);
  gtk_widget_set_visible (self->title_label, title != NULL && *title != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}
