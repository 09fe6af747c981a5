/* palpate-preferences-window.c — the Preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-preferences-window.h"
#include "palpate-preferences-backups.h"
#include "palpate-store.h"
#include "palpate-therapists-page.h"

struct _PalpatePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  PalpateStore         *store;
  PalpatePreferencesBackups *backups_page;

  /* Template widgets */
  AdwComboRow          *style_row;
  AdwComboRow          *paper_row;
  GtkWidget            *pin_group;
  AdwActionRow         *pin_state_row;
  GtkWidget            *remove_pin_button;
  AdwEntryRow          *pin_row;
  GtkWidget            *retention_group;
  AdwComboRow          *retention_row;
  GtkWidget            *retention_years_row;
  GtkSpinButton        *retention_years;
  gboolean              loading_retention;
  GtkLabel             *pin_message_label;
  PalpateTherapistsPage *therapists_page;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpatePreferencesWindow, palpate_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static GParamSpec *properties [N_PROPS];

/* The combo rows list their choices in the order of the settings' enums, so a row's selected
 * position is the enum's value. */
static void
combo_row_selected_cb (AdwComboRow              *row,
                       GParamSpec               *pspec,
                       PalpatePreferencesWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "settings-key");
  int value = (int) adw_combo_row_get_selected (row);

  if (g_settings_get_enum (self->settings, key) != value)
    g_settings_set_enum (self->settings, key, value);
}

static void
bind_combo_row (PalpatePreferencesWindow *self,
                AdwComboRow              *row,
                const char               *key)
{
  g_object_set_data (G_OBJECT (row), "settings-key", (gpointer) key);
  adw_combo_row_set_selected (row, (guint) g_settings_get_enum (self->settings, key));
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (combo_row_selected_cb), self, 0);
}

static void
update_pin_state (PalpatePreferencesWindow *self)
{
  gboolean has_pin = self->store != NULL && palpate_store_has_pin (self->store);

  adw_action_row_set_subtitle (self->pin_state_row, has_pin ? _("Set: closing the client’s view asks for it")
                                                            : _("Not set: the client’s view cannot be opened"));
  gtk_widget_set_visible (self->remove_pin_button, has_pin);
}

/* What became of the PIN typed, said under its field rather than in a toast: toasts queue up
 * over the bottom of the window, where the field is. */
static void
say_at_pin (PalpatePreferencesWindow *self,
            const char               *message,
            gboolean                  is_error)
{
  gtk_widget_set_visible (GTK_WIDGET (self->pin_message_label), message != NULL);
  gtk_label_set_text (self->pin_message_label, message ? message : "");
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->pin_row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->pin_message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->pin_message_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->pin_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->pin_message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->pin_message_label), "dim-label");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pin_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message ? message : "",
                                  -1);
}

/* A PIN is 6 to 12 digits (palpate-store-pin.c): the row says so while it is typed. */
static gboolean
is_pin (const char *text)
{
  size_t length = strlen (text);

  for (size_t i = 0; i < length; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return length >= 6 && length <= 12;
}

static void
pin_changed_cb (PalpatePreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->pin_row));

  if (*text == '\0' || is_pin (text))
    gtk_widget_remove_css_class (GTK_WIDGET (self->pin_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->pin_row), "error");
}

static void
pin_apply_cb (PalpatePreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  /* A refused PIN stays typed, with the reason under it. */
  if (!palpate_store_set_pin (self->store, gtk_editable_get_text (GTK_EDITABLE (self->pin_row)),
                              &error))
    {
      say_at_pin (self, error->message, TRUE);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->pin_row), "");
  update_pin_state (self);
  say_at_pin (self, _("PIN saved."), FALSE);
}

static void
remove_pin_cb (PalpatePreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!palpate_store_set_pin (self->store, NULL, &error))
    say_at_pin (self, error->message, TRUE);
  else
    say_at_pin (self, NULL, FALSE);
  update_pin_state (self);
}

/* The clinic's retention rule, kept in the clinic file: it belongs to the clinic. */
static void
retention_changed_cb (PalpatePreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean custom = adw_combo_row_get_selected (self->retention_row) == 1;

  gtk_widget_set_sensitive (self->retention_years_row, custom);
  if (self->store == NULL || self->loading_retention)
    return;
  if (!palpate_store_set_retention_rule (self->store,
                                         custom ? PALPATE_JURISDICTION_CUSTOM
                                                : PALPATE_JURISDICTION_ONTARIO,
                                         gtk_spin_button_get_value_as_int (self->retention_years),
                                         &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (error->message));
}

static void
load_retention (PalpatePreferencesWindow *self)
{
  PalpateJurisdiction jurisdiction;
  guint years;

  gtk_widget_set_visible (self->retention_group, self->store != NULL);
  if (self->store == NULL)
    return;
  palpate_store_get_retention_rule (self->store, &jurisdiction, &years);
  self->loading_retention = TRUE;
  adw_combo_row_set_selected (self->retention_row, jurisdiction == PALPATE_JURISDICTION_CUSTOM);
  gtk_spin_button_set_value (self->retention_years, years);
  self->loading_retention = FALSE;
  gtk_widget_set_sensitive (self->retention_years_row, jurisdiction == PALPATE_JURISDICTION_CUSTOM);
}

/**
 * palpate_preferences_window_set_store:
 *
 * Shows the settings kept in the clinic file (the client's view PIN) for @store.
 */
void
palpate_preferences_window_set_store (PalpatePreferencesWindow *self,
                                      PalpateStore             *store)
{
  g_return_if_fail (PALPATE_IS_PREFERENCES_WINDOW (self));

  g_set_object (&self->store, store);
  gtk_widget_set_visible (self->pin_group, store != NULL);
  update_pin_state (self);
  load_retention (self);
  if (self->therapists_page != NULL)
    palpate_therapists_page_set_store (self->therapists_page, store);
  if (self->backups_page != NULL)
    palpate_preferences_backups_set_store (self->backups_page, store);
}

static void
palpate_preferences_window_constructed (GObject *object)
{
  PalpatePreferencesWindow *self = PALPATE_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (palpate_preferences_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    return;

  bind_combo_row (self, self->style_row, "color-scheme");
  bind_combo_row (self, self->paper_row, "paper-size");

  self->therapists_page = PALPATE_THERAPISTS_PAGE (palpate_therapists_page_new (self->settings));
  palpate_therapists_page_set_store (self->therapists_page, self->store);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (self->therapists_page));

  self->backups_page = palpate_preferences_backups_new (self->settings);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (self->backups_page));
}

static void
palpate_preferences_window_dispose (GObject *object)
{
  PalpatePreferencesWindow *self = PALPATE_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (palpate_preferences_window_parent_class)->dispose (object);
}

static void
palpate_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  PalpatePreferencesWindow *self = PALPATE_PREFERENCES_WINDOW (object);

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
palpate_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  PalpatePreferencesWindow *self = PALPATE_PREFERENCES_WINDOW (object);

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
palpate_preferences_window_class_init (PalpatePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = palpate_preferences_window_constructed;
  object_class->dispose = palpate_preferences_window_dispose;
  object_class->get_property = palpate_preferences_window_get_property;
  object_class->set_property = palpate_preferences_window_set_property;

  /**
   * PalpatePreferencesWindow:settings:
   *
   * The application's settings that this window edits.
   */
  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesWindow, paper_row);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesWindow, pin_group);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesWindow, pin_state_row);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesWindow, remove_pin_button);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesWindow, retention_group);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesWindow, retention_row);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesWindow, retention_years_row);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesWindow, retention_years);
  gtk_widget_class_bind_template_callback (widget_class, retention_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesWindow, pin_row);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesWindow, pin_message_label);
  gtk_widget_class_bind_template_callback (widget_class, pin_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, pin_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_pin_cb);

  /* Escape closes Preferences, as it does a dialog. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
palpate_preferences_window_init (PalpatePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PalpatePreferencesWindow *
palpate_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (PALPATE_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}
