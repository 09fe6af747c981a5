/* palpate-treatment-plan-dialog.c — a client's treatment plan written or changed, or its course
 * of care ended with a discharge
 *
 * One window for both: the plan's form (targets, frequency and sessions, techniques, home care,
 * reassessment date) or the discharge's (date, reason, summary). Saving records the plan in the
 * clinic file; an error is shown in the window with everything typed still in place, and
 * "saved" is emitted once it is recorded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-treatment-plan-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-date.h"
#include "palpate-treatment-plan-dialog.h"

struct _PalpateTreatmentPlanDialog
{
  AdwWindow             parent_instance;

  PalpateStore         *store;
  PalpateTreatmentPlan *plan;
  gboolean              discharge;

  AdwPreferencesPage   *page;
  GtkLabel             *error_label;

  /* The plan */
  AdwComboRow          *activity_row;
  GtkSpinButton        *activity_target;
  GtkSpinButton        *pain_target;
  GtkSpinButton        *frequency;
  AdwComboRow          *period_row;
  GtkSpinButton        *sessions;
  AdwEntryRow          *techniques_row;
  AdwEntryRow          *home_care_row;
  AdwEntryRow          *reassess_row;

  /* The discharge */
  AdwEntryRow          *discharged_row;
  AdwComboRow          *reason_row;
  AdwEntryRow          *summary_row;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PalpateTreatmentPlanDialog, palpate_treatment_plan_dialog, ADW_TYPE_WINDOW)

static GtkSpinButton *
add_spin_row (AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              double               lower,
              double               upper,
              double               value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

static AdwEntryRow *
add_entry_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static AdwComboRow *
add_combo_row (AdwPreferencesGroup *group,
               const char          *title,
               GtkStringList       *names,
               guint                selected)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

static char *
day_text (const GDate *day)
{
  if (!g_date_valid (day))
    return g_strdup ("");
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (day), g_date_get_month (day),
                          g_date_get_day (day));
}

static void
build_plan_form (PalpateTreatmentPlanDialog *self,
                 const char * const         *activities)
{
  AdwPreferencesGroup *targets = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *sessions = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *care = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);
  g_autofree char *reassess = day_text (&self->plan->reassess_on);
  PalpateTreatmentPlan *plan = self->plan;

  adw_preferences_group_set_title (targets, _("Targets"));
  adw_preferences_group_set_description (targets, _("What the course of care aims for, measured "
                                                     "at each signed visit"));
  gtk_string_list_append (names, _("No activity target"));
  for (guint i = 0; activities != NULL && activities[i] != NULL && i < 5; i++)
    gtk_string_list_append (names, activities[i]);
  self->activity_row = add_combo_row (targets, _("Activity (PSFS)"), names,
                                      plan->psfs_target > 0 ? plan->psfs_position + 1 : 0);
  self->activity_target = add_spin_row (targets, _("Activity rating to reach"),
                                        _("0 = unable, 10 = as before the problem"), 1, 10,
                                        plan->psfs_target > 0 ? plan->psfs_target : 7);
  self->pain_target = add_spin_row (targets, _("Pain to get below"),
                                    _("0 for no pain target"), 0, 10,
                                    MAX (plan->pain_target, 0));
  adw_preferences_page_add (self->page, targets);

  adw_preferences_group_set_title (sessions, _("Sessions"));
  self->frequency = add_spin_row (sessions, _("Sessions per week or month"), NULL, 1, 31,
                                  plan->frequency);
  gtk_string_list_append (periods, _("A week"));
  gtk_string_list_append (periods, _("A month"));
  self->period_row = add_combo_row (sessions, _("Frequency"), periods, plan->period);
  self->sessions = add_spin_row (sessions, _("Sessions planned"), NULL, 1, 200, plan->n_sessions);
  self->reassess_row = add_entry_row (sessions, _("Reassess on (year-month-day)"), reassess);
  adw_preferences_page_add (self->page, sessions);

  adw_preferences_group_set_title (care, _("Care"));
  self->techniques_row = add_entry_row (care, _("Techniques planned"), plan->techniques);
  self->home_care_row = add_entry_row (care, _("Home care plan"), plan->home_care);
  adw_preferences_page_add (self->page, care);
}

static void
build_discharge_form (PalpateTreatmentPlanDialog *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkStringList) reasons = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  adw_preferences_group_set_title (group, _("Discharge"));
  adw_preferences_group_set_description (group, _("The end of this course of care, why, and how "
                                                   "the client left it"));
  self->discharged_row = add_entry_row (group, _("Discharged on (year-month-day)"), today);
  for (guint i = 1; i < PALPATE_N_DISCHARGE_REASONS; i++)
    gtk_string_list_append (reasons, palpate_discharge_reason_get_name (i));
  self->reason_row = add_combo_row (group, _("Reason"), reasons, 0);
  self->summary_row = add_entry_row (group, _("Discharge summary"), self->plan->discharge_summary);
  adw_preferences_page_add (self->page, group);
}

static void
show_error (PalpateTreatmentPlanDialog *self,
            const char                 *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static gboolean
read_day (AdwEntryRow  *row,
          GDate        *day,
          GError      **error)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  g_date_clear (day, 1);
  if (*text == '\0')
    return TRUE;
  return palpate_date_parse (text, day, error);
}

static gboolean
read_form (PalpateTreatmentPlanDialog  *self,
           PalpateTreatmentPlan        *plan,
           GError                     **error)
{
  if (self->discharge)
    {
      if (!read_day (self->discharged_row, &plan->discharged_on, error))
        return FALSE;
      plan->discharge_reason = adw_combo_row_get_selected (self->reason_row) + 1;
      g_free (plan->discharge_summary);
      plan->discharge_summary = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->summary_row)));
      if (!g_date_valid (&plan->discharged_on))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("Enter the day of the discharge."));
          return FALSE;
        }
      return TRUE;
    }

  gtk_spin_button_update (self->activity_target);
  gtk_spin_button_update (self->pain_target);
  gtk_spin_button_update (self->frequency);
  gtk_spin_button_update (self->sessions);
  if (adw_combo_row_get_selected (self->activity_row) == 0)
    {
      plan->psfs_position = -1;
      plan->psfs_target = PALPATE_PLAN_NO_TARGET;
    }
  else
    {
      plan->psfs_position = adw_combo_row_get_selected (self->activity_row) - 1;
      plan->psfs_target = gtk_spin_button_get_value_as_int (self->activity_target);
    }
  plan->pain_target = gtk_spin_button_get_value_as_int (self->pain_target);
  if (plan->pain_target == 0)
    plan->pain_target = PALPATE_PLAN_NO_TARGET;
  plan->frequency = gtk_spin_button_get_value_as_int (self->frequency);
  plan->period = adw_combo_row_get_selected (self->period_row) == 1 ? PALPATE_PLAN_PER_MONTH
                                                                    : PALPATE_PLAN_PER_WEEK;
  plan->n_sessions = gtk_spin_button_get_value_as_int (self->sessions);
  g_free (plan->techniques);
  plan->techniques = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->techniques_row)));
  g_free (plan->home_care);
  plan->home_care = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->home_care_row)));
  return read_day (self->reassess_row, &plan->reassess_on, error);
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PalpateTreatmentPlanDialog *self = PALPATE_TREATMENT_PLAN_DIALOG (widget);
  g_autoptr(PalpateTreatmentPlan) plan = palpate_treatment_plan_copy (self->plan);
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (!read_form (self, plan, &error) ||
      !palpate_store_save_treatment_plan (self->store, plan, &error))
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
palpate_treatment_plan_dialog_dispose (GObject *object)
{
  PalpateTreatmentPlanDialog *self = PALPATE_TREATMENT_PLAN_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->plan, palpate_treatment_plan_free);

  G_OBJECT_CLASS (palpate_treatment_plan_dialog_parent_class)->dispose (object);
}

static void
palpate_treatment_plan_dialog_class_init (PalpateTreatmentPlanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_treatment_plan_dialog_dispose;

  /**
   * PalpateTreatmentPlanDialog::saved:
   *
   * The plan (or its discharge) is recorded in the clinic file; the window closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "treatment-plan.save", NULL, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
palpate_treatment_plan_dialog_init (PalpateTreatmentPlanDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *error = gtk_label_new (NULL);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "treatment-plan.save");
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  gtk_label_set_wrap (GTK_LABEL (error), TRUE);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_margin_top (error, 12);
  gtk_widget_set_visible (error, FALSE);
  gtk_box_append (GTK_BOX (box), error);
  self->error_label = GTK_LABEL (error);

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->page), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->page));
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * palpate_treatment_plan_dialog_new:
 * @plan: the plan to change (a new one has id 0)
 * @activities: (nullable): the client's PSFS activities, in their order
 * @discharge: whether the window records the plan's discharge instead of the plan
 */
PalpateTreatmentPlanDialog *
palpate_treatment_plan_dialog_new (GtkWindow                  *parent,
                                   PalpateStore               *store,
                                   const PalpateTreatmentPlan *plan,
                                   const char * const         *activities,
                                   gboolean                    discharge)
{
  PalpateTreatmentPlanDialog *self;

  g_return_val_if_fail (PALPATE_IS_STORE (store), NULL);
  g_return_val_if_fail (plan != NULL, NULL);

  self = g_object_new (PALPATE_TYPE_TREATMENT_PLAN_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->plan = palpate_treatment_plan_copy (plan);
  self->discharge = discharge;
  gtk_window_set_title (GTK_WINDOW (self),
                        discharge ? _("Discharge") : plan->id == 0 ? _("New Treatment Plan")
                                                                   : _("Treatment Plan"));
  if (discharge)
    build_discharge_form (self);
  else
    build_plan_form (self, activities);
  return self;
}
