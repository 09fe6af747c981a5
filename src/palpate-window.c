/* palpate-window.c — the main window of a clinic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-window"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-application.h"
#include "palpate-window.h"

struct _PalpateWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpateWindow, palpate_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties [N_PROPS];

static void
restore_window_size (PalpateWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_size (PalpateWindow *self)
{
  int width;
  int height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));

  /* A maximized window keeps the size it had before, to return to it when unmaximized. */
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  g_settings_apply (self->settings);
}

static gboolean
palpate_window_close_request (GtkWindow *window)
{
  PalpateWindow *self = PALPATE_WINDOW (window);

  if (self->settings != NULL)
    save_window_size (self);

  return GTK_WINDOW_CLASS (palpate_window_parent_class)->close_request (window);
}

static void
palpate_window_constructed (GObject *object)
{
  PalpateWindow *self = PALPATE_WINDOW (object);

  G_OBJECT_CLASS (palpate_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    restore_window_size (self);
}

static void
palpate_window_dispose (GObject *object)
{
  PalpateWindow *self = PALPATE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (palpate_window_parent_class)->dispose (object);
}

static void
palpate_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PalpateWindow *self = PALPATE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PalpateWindow *self = PALPATE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_window_class_init (PalpateWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = palpate_window_constructed;
  object_class->dispose = palpate_window_dispose;
  object_class->get_property = palpate_window_get_property;
  object_class->set_property = palpate_window_set_property;

  window_class->close_request = palpate_window_close_request;

  /**
   * PalpateWindow:settings:
   *
   * The application's settings, where the window keeps its size.
   */
  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PalpateWindow, empty_page);
}

static void
palpate_window_init (PalpateWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PalpateWindow *
palpate_window_new (PalpateApplication *application,
                    GSettings          *settings)
{
  g_return_val_if_fail (PALPATE_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (PALPATE_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       NULL);
}
