/* palpate-health-history-dialog.c — a new version of the client's health history, filled in
 * by the therapist or the client
 *
 * The form starts from the version known now, so that an update is a matter of changing what
 * changed. It only collects the answers: the one who opened it records them when "save" is
 * emitted and shows any error here, with everything typed still in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-health-history-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-health-history-dialog.h"

struct _PalpateHealthHistoryDialog
{
  AdwWindow             parent_instance;

  PalpateHealthHistory *history;
  AdwEntryRow          *rows[PALPATE_HISTORY_N_FIELDS];
  GHashTable           *condition_checks;   /* id → GtkCheckButton */
  AdwComboRow          *pregnancy_row;

  /* Template widgets */
  AdwPreferencesPage   *page;
  GtkLabel             *error_label;
};

enum {
  SAVE,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PalpateHealthHistoryDialog, palpate_health_history_dialog, ADW_TYPE_WINDOW)

static guint signals [N_SIGNALS];

static AdwEntryRow *
add_entry (AdwPreferencesGroup *group,
           PalpateHistoryField  field)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), palpate_history_field_get_title (field));
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static void
build_form (PalpateHealthHistoryDialog *self)
{
  AdwPreferencesGroup *health = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *conditions = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *contact = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *flow = gtk_flow_box_new ();
  g_autoptr(GtkStringList) pregnancy = gtk_string_list_new (NULL);
  const PalpateVocabularyEntry *entries;
  guint n_entries;

  adw_preferences_group_set_title (health, _("Health"));
  adw_preferences_group_set_description (health, _("What the client takes, reacts to and has "
                                                    "been through"));
  self->rows[PALPATE_HISTORY_MEDICATIONS] = add_entry (health, PALPATE_HISTORY_MEDICATIONS);
  self->rows[PALPATE_HISTORY_ALLERGIES] = add_entry (health, PALPATE_HISTORY_ALLERGIES);
  self->rows[PALPATE_HISTORY_SURGERIES] = add_entry (health, PALPATE_HISTORY_SURGERIES);

  gtk_string_list_append (pregnancy, _("Not asked"));
  gtk_string_list_append (pregnancy, _("Not pregnant"));
  gtk_string_list_append (pregnancy, _("Pregnant"));
  self->pregnancy_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->pregnancy_row), _("Pregnancy"));
  adw_combo_row_set_model (self->pregnancy_row, G_LIST_MODEL (pregnancy));
  adw_preferences_group_add (health, GTK_WIDGET (self->pregnancy_row));
  adw_preferences_page_add (self->page, health);

  adw_preferences_group_set_title (conditions, _("Medical Conditions"));
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  self->condition_checks = g_hash_table_new (g_str_hash, g_str_equal);
  entries = palpate_medical_conditions_get (&n_entries);
  for (guint i = 0; i < n_entries; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (_(entries[i].name));

      gtk_flow_box_append (GTK_FLOW_BOX (flow), check);
      g_hash_table_insert (self->condition_checks, (gpointer) entries[i].id, check);
    }
  adw_preferences_group_add (conditions, flow);
  self->rows[PALPATE_HISTORY_OTHER_CONDITIONS] = add_entry (conditions,
                                                            PALPATE_HISTORY_OTHER_CONDITIONS);
  adw_preferences_page_add (self->page, conditions);

  adw_preferences_group_set_title (contact, _("Contact"));
  self->rows[PALPATE_HISTORY_EMERGENCY_CONTACT] = add_entry (contact,
                                                             PALPATE_HISTORY_EMERGENCY_CONTACT);
  self->rows[PALPATE_HISTORY_REFERRAL] = add_entry (contact, PALPATE_HISTORY_REFERRAL);
  adw_preferences_page_add (self->page, contact);
}

static void
show_history (PalpateHealthHistoryDialog *self)
{
  const char * const *conditions = palpate_health_history_get_conditions (self->history);
  GHashTableIter iter;
  gpointer id, check;

  for (guint i = 0; i < PALPATE_HISTORY_N_FIELDS; i++)
    gtk_editable_set_text (GTK_EDITABLE (self->rows[i]),
                           palpate_health_history_get_text (self->history, i));

  g_hash_table_iter_init (&iter, self->condition_checks);
  while (g_hash_table_iter_next (&iter, &id, &check))
    gtk_check_button_set_active (check, g_strv_contains (conditions, id));

  adw_combo_row_set_selected (self->pregnancy_row,
                              palpate_health_history_get_pregnancy (self->history));
}

static void
read_form (PalpateHealthHistoryDialog *self)
{
  g_autoptr(GStrvBuilder) conditions = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  const PalpateVocabularyEntry *entries;
  guint n_entries;

  for (guint i = 0; i < PALPATE_HISTORY_N_FIELDS; i++)
    palpate_health_history_set_text (self->history, i,
                                     gtk_editable_get_text (GTK_EDITABLE (self->rows[i])));

  /* In the list's order, whatever order they were ticked in. */
  entries = palpate_medical_conditions_get (&n_entries);
  for (guint i = 0; i < n_entries; i++)
    if (gtk_check_button_get_active (g_hash_table_lookup (self->condition_checks, entries[i].id)))
      g_strv_builder_add (conditions, entries[i].id);
  ids = g_strv_builder_end (conditions);
  palpate_health_history_set_conditions (self->history, (const char * const *) ids);

  palpate_health_history_set_pregnancy (self->history,
                                        adw_combo_row_get_selected (self->pregnancy_row));
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PalpateHealthHistoryDialog *self = PALPATE_HEALTH_HISTORY_DIALOG (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  read_form (self);
  g_signal_emit (self, signals[SAVE], 0);
}

static void
palpate_health_history_dialog_dispose (GObject *object)
{
  PalpateHealthHistoryDialog *self = PALPATE_HEALTH_HISTORY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_HEALTH_HISTORY_DIALOG);
  g_clear_object (&self->history);
  g_clear_pointer (&self->condition_checks, g_hash_table_unref);

  G_OBJECT_CLASS (palpate_health_history_dialog_parent_class)->dispose (object);
}

static void
palpate_health_history_dialog_class_init (PalpateHealthHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_health_history_dialog_dispose;

  /**
   * PalpateHealthHistoryDialog::save:
   *
   * The form is read into the dialog's history (palpate_health_history_dialog_get_history()):
   * record it, then close the dialog or show the error.
   */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-health-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateHealthHistoryDialog, page);
  gtk_widget_class_bind_template_child (widget_class, PalpateHealthHistoryDialog, error_label);

  gtk_widget_class_install_action (widget_class, "health-history.save", NULL, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
palpate_health_history_dialog_init (PalpateHealthHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_form (self);
}

/**
 * palpate_health_history_dialog_new:
 * @history: the new version to fill in, usually a copy of the one known now
 */
PalpateHealthHistoryDialog *
palpate_health_history_dialog_new (GtkWindow            *parent,
                                   PalpateHealthHistory *history)
{
  PalpateHealthHistoryDialog *self;

  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY (history), NULL);

  self = g_object_new (PALPATE_TYPE_HEALTH_HISTORY_DIALOG, "transient-for", parent, NULL);
  self->history = g_object_ref (history);
  show_history (self);
  return self;
}

/* The version being filled in, with the form's answers once "save" has been emitted. */
PalpateHealthHistory *
palpate_health_history_dialog_get_history (PalpateHealthHistoryDialog *self)
{
  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY_DIALOG (self), NULL);

  return self->history;
}

void
palpate_health_history_dialog_show_error (PalpateHealthHistoryDialog *self,
                                          const char                 *message)
{
  g_return_if_fail (PALPATE_IS_HEALTH_HISTORY_DIALOG (self));

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}
