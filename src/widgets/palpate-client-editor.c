/* palpate-client-editor.c — the New Client / Edit Client window
 *
 * The editor only collects what was typed and chosen; the window checks it against the rules
 * of src/core/ when "save" is emitted, and either records it and closes the editor or shows the
 * rule's message here, with everything typed still in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-client-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-body-map.h"
#include "palpate-client-editor.h"
#include "palpate-core-error.h"
#include "palpate-vocabulary.h"

struct _PalpateClientEditor
{
  AdwWindow       parent_instance;

  GHashTable     *condition_checks;        /* id → GtkCheckButton */
  GHashTable     *contraindication_checks; /* id → GtkCheckButton */
  GHashTable     *practitioner_rows;       /* role id → AdwEntryRow */
  GtkWidget      *activity_rows[PALPATE_CLIENT_EDITOR_MAX_ACTIVITIES];

  /* Template widgets */
  AdwPreferencesPage  *page;
  AdwEntryRow         *name_row;
  AdwEntryRow         *birth_date_row;
  AdwEntryRow         *phone_row;
  AdwEntryRow         *email_row;
  GtkLabel            *error_label;
  GtkFlowBox          *conditions_box;
  AdwEntryRow         *other_condition_row;
  GtkFlowBox          *contraindications_box;
  AdwEntryRow         *other_contraindication_row;
  AdwPreferencesGroup *care_team_group;
  GtkTextView         *goals_view;
  AdwPreferencesGroup *activities_group;
  PalpateBodyMap      *zones_map;
  GListStore          *zones;
};

enum {
  SAVE,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PalpateClientEditor, palpate_client_editor, ADW_TYPE_WINDOW)

static guint signals [N_SIGNALS];

static GHashTable *
add_checks (GtkFlowBox                   *box,
            const PalpateVocabularyEntry *entries,
            guint                         n_entries)
{
  GHashTable *checks = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_entries; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (_(entries[i].name));

      gtk_flow_box_append (box, check);
      g_hash_table_insert (checks, (gpointer) entries[i].id, check);
    }

  return checks;
}

/* The chosen entries' ids in the list's order, then what was typed under "Other", as typed. */
static char **
dup_checked (GtkFlowBox                   *box,
             GHashTable                   *checks,
             AdwEntryRow                  *other_row,
             const PalpateVocabularyEntry *entries,
             guint                         n_entries)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (other_row));
  g_autofree char *other = g_strstrip (g_strdup (typed));

  for (guint i = 0; i < n_entries; i++)
    if (gtk_check_button_get_active (g_hash_table_lookup (checks, entries[i].id)))
      g_strv_builder_add (builder, entries[i].id);

  if (*other != '\0')
    g_strv_builder_add (builder, other);

  return g_strv_builder_end (builder);
}

static void
set_checked (GHashTable         *checks,
             AdwEntryRow        *other_row,
             const char * const *values)
{
  GHashTableIter iter;
  gpointer check;
  g_autoptr(GString) other = g_string_new (NULL);

  g_hash_table_iter_init (&iter, checks);
  while (g_hash_table_iter_next (&iter, NULL, &check))
    gtk_check_button_set_active (check, FALSE);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      check = g_hash_table_lookup (checks, values[i]);

      if (check != NULL)
        gtk_check_button_set_active (check, TRUE);
      else
        g_string_append_printf (other, "%s%s", other->len ? ", " : "", values[i]);
    }

  gtk_editable_set_text (GTK_EDITABLE (other_row), other->str);
}

static GtkWidget *
field_row (PalpateClientEditor *self,
           const char          *field)
{
  if (g_strcmp0 (field, "name") == 0)
    return GTK_WIDGET (self->name_row);
  if (g_strcmp0 (field, "birth-date") == 0)
    return GTK_WIDGET (self->birth_date_row);
  if (g_strcmp0 (field, "phone") == 0)
    return GTK_WIDGET (self->phone_row);
  if (g_strcmp0 (field, "email") == 0)
    return GTK_WIDGET (self->email_row);
  return NULL;
}

static void
clear_error (PalpateClientEditor *self)
{
  static const char *fields[] = { "name", "birth-date", "phone", "email" };

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *row = field_row (self, fields[i]);

      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
    }
}

/* A client needs a name: Save waits for one. */
static void
update_save (PalpateClientEditor *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", *name != '\0');
}

static void
field_changed_cb (PalpateClientEditor *self)
{
  clear_error (self);
  update_save (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PalpateClientEditor *self = PALPATE_CLIENT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  GDate birth_date;

  /* A date that cannot be read is the editor's own business; the other rules are the core's. */
  if (!palpate_client_editor_get_birth_date (self, &birth_date, &error))
    {
      palpate_client_editor_show_field_error (self, "birth-date", error->message);
      return;
    }

  g_signal_emit (self, signals [SAVE], 0);
}

static void
palpate_client_editor_dispose (GObject *object)
{
  PalpateClientEditor *self = PALPATE_CLIENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_CLIENT_EDITOR);
  g_clear_object (&self->zones);
  g_clear_pointer (&self->condition_checks, g_hash_table_unref);
  g_clear_pointer (&self->contraindication_checks, g_hash_table_unref);
  g_clear_pointer (&self->practitioner_rows, g_hash_table_unref);

  G_OBJECT_CLASS (palpate_client_editor_parent_class)->dispose (object);
}

static void
palpate_client_editor_class_init (PalpateClientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_client_editor_dispose;

  g_type_ensure (PALPATE_TYPE_BODY_MAP);

  /**
   * PalpateClientEditor::save:
   *
   * Emitted when the therapist asks to save what the editor shows. The handler checks and
   * records it, then closes the editor, or calls palpate_client_editor_show_error().
   */
  signals [SAVE] =
    g_signal_new ("save",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-client-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateClientEditor, page);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientEditor, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientEditor, conditions_box);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientEditor, other_condition_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientEditor, contraindications_box);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientEditor,
                                        other_contraindication_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientEditor, care_team_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientEditor, goals_view);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientEditor, activities_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientEditor, zones_map);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
palpate_client_editor_init (PalpateClientEditor *self)
{
  const PalpateVocabularyEntry *entries;
  guint n_entries;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The map draws only no-touch zones here. */
  self->zones = g_list_store_new (PALPATE_TYPE_FINDING);
  palpate_body_map_set_show_palette (self->zones_map, FALSE);
  palpate_body_map_set_current_kind (self->zones_map, PALPATE_FINDING_CONTRAINDICATION);
  palpate_body_map_set_findings (self->zones_map, self->zones);

  entries = palpate_conditions_get (&n_entries);
  self->condition_checks = add_checks (self->conditions_box, entries, n_entries);
  entries = palpate_general_contraindications_get (&n_entries);
  self->contraindication_checks = add_checks (self->contraindications_box, entries, n_entries);

  self->practitioner_rows = g_hash_table_new (g_str_hash, g_str_equal);
  entries = palpate_practitioner_roles_get (&n_entries);
  for (guint i = 0; i < n_entries; i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(entries[i].name));
      adw_preferences_group_add (self->care_team_group, row);
      g_hash_table_insert (self->practitioner_rows, (gpointer) entries[i].id, row);
    }

  for (guint i = 0; i < PALPATE_CLIENT_EDITOR_MAX_ACTIVITIES; i++)
    {
      g_autofree char *title = g_strdup_printf (_("Activity %u"), i + 1);
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_group_add (self->activities_group, row);
      self->activity_rows[i] = row;
    }

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->birth_date_row, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->phone_row, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->email_row, "changed", G_CALLBACK (field_changed_cb), self);
  update_save (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

PalpateClientEditor *
palpate_client_editor_new (void)
{
  return g_object_new (PALPATE_TYPE_CLIENT_EDITOR, NULL);
}

const char *
palpate_client_editor_get_name (PalpateClientEditor *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_EDITOR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
}

void
palpate_client_editor_set_name (PalpateClientEditor *self,
                                const char          *name)
{
  g_return_if_fail (PALPATE_IS_CLIENT_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
}

/**
 * palpate_client_editor_get_birth_date:
 * @date: (out): set to the date typed, or cleared (invalid) when the field is empty
 *
 * Returns: %FALSE, with @error saying why, when the text typed is not a date
 */
gboolean
palpate_client_editor_get_birth_date (PalpateClientEditor  *self,
                                      GDate                *date,
                                      GError              **error)
{
  g_autofree char *text = NULL;
  guint64 year, month, day;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (PALPATE_IS_CLIENT_EDITOR (self), FALSE);

  g_date_clear (date, 1);
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->birth_date_row))));
  if (*text == '\0')
    return TRUE;

  parts = g_strsplit (text, "-", 3);
  if (g_strv_length (parts) != 3 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, 9999, &year, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &month, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 1, 31, &day, NULL) ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                   _("“%s” is not a date. Write the date of birth as year-month-day, for "
                     "example 1968-04-23."), text);
      return FALSE;
    }

  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

void
palpate_client_editor_set_birth_date (PalpateClientEditor *self,
                                      const GDate         *date)
{
  char text[16] = "";

  g_return_if_fail (PALPATE_IS_CLIENT_EDITOR (self));

  if (date != NULL && g_date_valid (date))
    g_snprintf (text, sizeof text, "%04u-%02u-%02u", g_date_get_year (date),
                g_date_get_month (date), g_date_get_day (date));
  gtk_editable_set_text (GTK_EDITABLE (self->birth_date_row), text);
}

const char *
palpate_client_editor_get_phone (PalpateClientEditor *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_EDITOR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->phone_row));
}

void
palpate_client_editor_set_phone (PalpateClientEditor *self,
                                 const char          *phone)
{
  g_return_if_fail (PALPATE_IS_CLIENT_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->phone_row), phone ? phone : "");
}

const char *
palpate_client_editor_get_email (PalpateClientEditor *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_EDITOR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->email_row));
}

void
palpate_client_editor_set_email (PalpateClientEditor *self,
                                 const char          *email)
{
  g_return_if_fail (PALPATE_IS_CLIENT_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email ? email : "");
}

/**
 * palpate_client_editor_dup_conditions:
 *
 * Returns: (transfer full): the ids of the conditions checked, then the "other" text if any
 */
char **
palpate_client_editor_dup_conditions (PalpateClientEditor *self)
{
  const PalpateVocabularyEntry *entries;
  guint n_entries;

  g_return_val_if_fail (PALPATE_IS_CLIENT_EDITOR (self), NULL);

  entries = palpate_conditions_get (&n_entries);
  return dup_checked (self->conditions_box, self->condition_checks, self->other_condition_row,
                      entries, n_entries);
}

void
palpate_client_editor_set_conditions (PalpateClientEditor *self,
                                      const char * const  *conditions)
{
  g_return_if_fail (PALPATE_IS_CLIENT_EDITOR (self));

  set_checked (self->condition_checks, self->other_condition_row, conditions);
}

char **
palpate_client_editor_dup_contraindications (PalpateClientEditor *self)
{
  const PalpateVocabularyEntry *entries;
  guint n_entries;

  g_return_val_if_fail (PALPATE_IS_CLIENT_EDITOR (self), NULL);

  entries = palpate_general_contraindications_get (&n_entries);
  return dup_checked (self->contraindications_box, self->contraindication_checks,
                      self->other_contraindication_row, entries, n_entries);
}

void
palpate_client_editor_set_contraindications (PalpateClientEditor *self,
                                             const char * const  *contraindications)
{
  g_return_if_fail (PALPATE_IS_CLIENT_EDITOR (self));

  set_checked (self->contraindication_checks, self->other_contraindication_row,
               contraindications);
}

/**
 * palpate_client_editor_dup_practitioner:
 * @role: a practitioner role id ("chiropractor")
 *
 * Returns: (transfer full) (nullable): the name typed for that role, or %NULL
 */
char *
palpate_client_editor_dup_practitioner (PalpateClientEditor *self,
                                        const char          *role)
{
  GtkEditable *row;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PALPATE_IS_CLIENT_EDITOR (self), NULL);

  row = g_hash_table_lookup (self->practitioner_rows, role);
  g_return_val_if_fail (row != NULL, NULL);

  name = g_strstrip (g_strdup (gtk_editable_get_text (row)));
  return *name != '\0' ? g_steal_pointer (&name) : NULL;
}

void
palpate_client_editor_set_practitioner (PalpateClientEditor *self,
                                        const char          *role,
                                        const char          *name)
{
  GtkEditable *row;

  g_return_if_fail (PALPATE_IS_CLIENT_EDITOR (self));

  row = g_hash_table_lookup (self->practitioner_rows, role);
  g_return_if_fail (row != NULL);

  gtk_editable_set_text (row, name ? name : "");
}

char *
palpate_client_editor_dup_goals (PalpateClientEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (PALPATE_IS_CLIENT_EDITOR (self), NULL);

  buffer = gtk_text_view_get_buffer (self->goals_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
palpate_client_editor_set_goals (PalpateClientEditor *self,
                                 const char          *goals)
{
  g_return_if_fail (PALPATE_IS_CLIENT_EDITOR (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->goals_view), goals ? goals : "", -1);
}

/**
 * palpate_client_editor_dup_activities:
 *
 * Returns: (transfer full): the activities typed, in order, empty rows left out
 */
char **
palpate_client_editor_dup_activities (PalpateClientEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PALPATE_IS_CLIENT_EDITOR (self), NULL);

  for (guint i = 0; i < PALPATE_CLIENT_EDITOR_MAX_ACTIVITIES; i++)
    {
      GtkEditable *row = GTK_EDITABLE (self->activity_rows[i]);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (row)));

      if (*text != '\0')
        g_strv_builder_add (builder, text);
    }

  return g_strv_builder_end (builder);
}

void
palpate_client_editor_set_activities (PalpateClientEditor *self,
                                      const char * const  *activities)
{
  guint n;

  g_return_if_fail (PALPATE_IS_CLIENT_EDITOR (self));

  n = activities ? g_strv_length ((char **) activities) : 0;
  for (guint i = 0; i < PALPATE_CLIENT_EDITOR_MAX_ACTIVITIES; i++)
    gtk_editable_set_text (GTK_EDITABLE (self->activity_rows[i]), i < n ? activities[i] : "");
}

/**
 * palpate_client_editor_show_error:
 * @message: what is wrong, as a sentence
 *
 * Shows why the client cannot be saved as it is, keeping everything typed.
 */
void
palpate_client_editor_show_error (PalpateClientEditor *self,
                                  const char          *message)
{
  g_return_if_fail (PALPATE_IS_CLIENT_EDITOR (self));

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                  -1);
}

/**
 * palpate_client_editor_show_field_error:
 * @field: (nullable): "name", "birth-date", "phone" or "email": the field at fault
 *
 * Shows why the client cannot be saved, on the field at fault: marked in red, announced to
 * screen readers as invalid with the message, and given the keyboard.
 */
void
palpate_client_editor_show_field_error (PalpateClientEditor *self,
                                        const char          *field,
                                        const char          *message)
{
  GtkWidget *row;

  g_return_if_fail (PALPATE_IS_CLIENT_EDITOR (self));

  palpate_client_editor_show_error (self, message);
  row = field_row (self, field);
  if (row == NULL)
    return;

  gtk_widget_add_css_class (row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               GTK_ACCESSIBLE_INVALID_TRUE, -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE,
                                  self->error_label, -1);
  gtk_widget_grab_focus (row);
}

/**
 * palpate_client_editor_get_zones:
 *
 * Returns: (transfer none): the standing no-touch zones drawn, as contraindication findings
 */
GListModel *
palpate_client_editor_get_zones (PalpateClientEditor *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_EDITOR (self), NULL);

  return G_LIST_MODEL (self->zones);
}

void
palpate_client_editor_set_zones (PalpateClientEditor *self,
                                 GPtrArray           *zones)
{
  g_return_if_fail (PALPATE_IS_CLIENT_EDITOR (self));

  g_list_store_remove_all (self->zones);
  for (guint i = 0; zones != NULL && i < zones->len; i++)
    g_list_store_append (self->zones, zones->pdata[i]);
  palpate_body_map_clear_history (self->zones_map);
}

PalpateBodyMap *
palpate_client_editor_get_zones_map (PalpateClientEditor *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_EDITOR (self), NULL);

  return self->zones_map;
}
