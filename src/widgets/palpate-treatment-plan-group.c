/* palpate-treatment-plan-group.c — the client's treatment plan on their page: the plan, progress
 * against its targets, sessions done, reassessment and discharge, and how long the record is kept
 *
 * Progress is what the latest signed visit says, compared with each target by the core. When
 * the reassessment date has come, the row says "Reassessment due", highlighted. A discharged
 * plan shows its discharge, and New Plan… starts the next course of care. The last row is the
 * day until which the clinic keeps this client's record, under the clinic's retention rule.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-treatment-plan-group"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-date.h"
#include "palpate-treatment-plan-dialog.h"
#include "palpate-treatment-plan-group.h"

struct _PalpateTreatmentPlanGroup
{
  AdwPreferencesGroup   parent_instance;

  PalpateStore         *store;
  gint64                client_id;
  PalpateTreatmentPlan *plan;
  GStrv                 activities;
  GPtrArray            *rows;
  GtkWidget            *edit_button;
  GtkWidget            *discharge_button;
};

G_DEFINE_FINAL_TYPE (PalpateTreatmentPlanGroup, palpate_treatment_plan_group,
                     ADW_TYPE_PREFERENCES_GROUP)

static gboolean reload (PalpateTreatmentPlanGroup  *self,
                        GError                    **error);

static GtkWidget *
add_row (PalpateTreatmentPlanGroup *self,
         const char                *title,
         const char                *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
  return row;
}

static char *
format_day (const GDate *day)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                                     g_date_get_day (day), 12, 0, 0);

  return palpate_format_day (when);
}

static void
today (GDate *day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (day, 1);
  g_date_set_dmy (day, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static void
on_saved_cb (PalpateTreatmentPlanDialog *dialog,
             PalpateTreatmentPlanGroup  *self)
{
  g_autoptr(GError) error = NULL;

  if (!reload (self, &error))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _("Treatment plan saved"));
}

static void
open_dialog (PalpateTreatmentPlanGroup *self,
             gboolean                   discharge)
{
  g_autoptr(PalpateTreatmentPlan) plan = NULL;
  PalpateTreatmentPlanDialog *dialog;

  /* A discharged plan is followed by a new one, starting from its targets and care. */
  if (self->plan != NULL && (discharge || !palpate_treatment_plan_is_discharged (self->plan)))
    plan = palpate_treatment_plan_copy (self->plan);
  else
    plan = palpate_treatment_plan_new (self->client_id);

  dialog = palpate_treatment_plan_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              self->store, plan,
                                              (const char * const *) self->activities, discharge);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_edit_clicked_cb (GtkButton                 *button,
                    PalpateTreatmentPlanGroup *self)
{
  open_dialog (self, FALSE);
}

static void
on_discharge_clicked_cb (GtkButton                 *button,
                         PalpateTreatmentPlanGroup *self)
{
  open_dialog (self, TRUE);
}

static void
show_targets (PalpateTreatmentPlanGroup *self,
              const PalpatePlanProgress *progress)
{
  PalpateTreatmentPlan *plan = self->plan;
  PalpateTargetState state;

  state = palpate_treatment_plan_psfs_state (plan, progress->latest_psfs);
  if (state != PALPATE_TARGET_NOT_SET)
    {
      const char *activity = self->activities != NULL &&
                             (guint) plan->psfs_position < g_strv_length (self->activities)
                             ? self->activities[plan->psfs_position] : _("Activity");
      /* Translators: a treatment plan's target, "Running 5 km: rated 7 or more" */
      g_autofree char *title = g_strdup_printf (_("%s: rated %d or more"), activity,
                                                plan->psfs_target);
      g_autofree char *text = palpate_treatment_plan_describe_progress (state,
                                                                        progress->latest_psfs);
      GtkWidget *row = add_row (self, title, text);

      if (state == PALPATE_TARGET_MET)
        gtk_widget_add_css_class (row, "plan-target-met");
    }

  state = palpate_treatment_plan_pain_state (plan, progress->latest_pain);
  if (state != PALPATE_TARGET_NOT_SET)
    {
      /* Translators: a treatment plan's target, "Pain below 3" */
      g_autofree char *title = g_strdup_printf (_("Pain below %d"), plan->pain_target);
      g_autofree char *text = palpate_treatment_plan_describe_progress (state,
                                                                        progress->latest_pain);

      add_row (self, title, text);
    }
}

static void
show_plan (PalpateTreatmentPlanGroup *self,
           const PalpatePlanProgress *progress)
{
  PalpateTreatmentPlan *plan = self->plan;
  g_autofree char *frequency = palpate_treatment_plan_describe_frequency (plan);
  g_autofree char *done = NULL;
  GDate day;

  today (&day);
  if (palpate_treatment_plan_reassessment_due (plan, &day))
    {
      g_autofree char *when = format_day (&plan->reassess_on);
      /* Translators: the reassessment date of a treatment plan, which has come */
      g_autofree char *text = g_strdup_printf (_("Planned for %s"), when);
      GtkWidget *row = add_row (self, _("Reassessment due"), text);

      gtk_widget_add_css_class (row, "plan-due");
    }
  else if (g_date_valid (&plan->reassess_on))
    {
      g_autofree char *when = format_day (&plan->reassess_on);

      add_row (self, _("Reassess on"), when);
    }

  show_targets (self, progress);

  /* Translators: "2 sessions a week · 3 of 8 sessions done" */
  done = g_strdup_printf (ngettext ("%s · %d of %d session done", "%s · %d of %d sessions done",
                                    plan->n_sessions),
                          frequency, progress->sessions_done, plan->n_sessions);
  add_row (self, _("Sessions"), done);
  if (plan->techniques != NULL && *plan->techniques != '\0')
    add_row (self, _("Techniques planned"), plan->techniques);
  if (plan->home_care != NULL && *plan->home_care != '\0')
    add_row (self, _("Home care"), plan->home_care);

  if (palpate_treatment_plan_is_discharged (plan))
    {
      g_autofree char *when = format_day (&plan->discharged_on);
      /* Translators: "Discharged on 3 Dec 2026: Goals met" */
      g_autofree char *title = g_strdup_printf (_("Discharged on %s: %s"), when,
                                                palpate_discharge_reason_get_name (plan->discharge_reason));

      add_row (self, title, *plan->discharge_summary != '\0' ? plan->discharge_summary
                                                             : _("No summary written"));
    }
}

static gboolean
show_keep_until (PalpateTreatmentPlanGroup  *self,
                 GError                    **error)
{
  g_autoptr(GArray) entries = palpate_store_list_retention (self->store, self->client_id, error);
  PalpateJurisdiction jurisdiction;
  guint years;
  GDate day;

  if (entries == NULL)
    return FALSE;

  palpate_store_get_retention_rule (self->store, &jurisdiction, &years);
  today (&day);
  if (entries->len == 0)
    add_row (self, _("Record kept until"), _("Counted from the client's last visit, once there is one"));
  else
    {
      PalpateRetentionEntry *entry = &g_array_index (entries, PalpateRetentionEntry, 0);
      g_autofree char *when = format_day (&entry->keep_until);
      g_autofree char *text = NULL;

      if (palpate_retention_is_due (&entry->keep_until, &day))
        /* Translators: "5 Mar 2025: past the retention period (Ontario (CMTO))" */
        text = g_strdup_printf (_("%s: past the retention period (%s)"), when,
                                palpate_jurisdiction_get_name (jurisdiction));
      else
        /* Translators: "5 Mar 2036 (Ontario (CMTO))" */
        text = g_strdup_printf (_("%s (%s)"), when, palpate_jurisdiction_get_name (jurisdiction));
      add_row (self, _("Record kept until"), text);
    }
  return TRUE;
}

static gboolean
reload (PalpateTreatmentPlanGroup  *self,
        GError                    **error)
{
  g_autoptr(PalpateClient) client = NULL;
  PalpatePlanProgress progress;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->plan, palpate_treatment_plan_free);
  g_clear_pointer (&self->activities, g_strfreev);

  client = palpate_store_get_client (self->store, self->client_id, error);
  if (client == NULL)
    return FALSE;
  self->activities = g_strdupv ((char **) palpate_client_get_activities (client));

  self->plan = palpate_store_get_treatment_plan (self->store, self->client_id, error);
  if (self->plan == NULL && error != NULL && *error != NULL)
    return FALSE;

  if (self->plan == NULL)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                             _("No plan yet: targets, sessions, home care, "
                                               "reassessment"));
      gtk_button_set_label (GTK_BUTTON (self->edit_button), _("_New Plan…"));
      gtk_widget_set_visible (self->discharge_button, FALSE);
      return show_keep_until (self, error);
    }

  if (!palpate_store_read_plan_progress (self->store, self->plan, &progress, error))
    return FALSE;

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), NULL);
  if (palpate_treatment_plan_is_discharged (self->plan))
    {
      gtk_button_set_label (GTK_BUTTON (self->edit_button), _("_New Plan…"));
      gtk_widget_set_visible (self->discharge_button, FALSE);
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (self->edit_button), _("_Edit…"));
      gtk_widget_set_visible (self->discharge_button, TRUE);
    }
  show_plan (self, &progress);
  return show_keep_until (self, error);
}

static void
palpate_treatment_plan_group_dispose (GObject *object)
{
  PalpateTreatmentPlanGroup *self = PALPATE_TREATMENT_PLAN_GROUP (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->plan, palpate_treatment_plan_free);
  g_clear_pointer (&self->activities, g_strfreev);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (palpate_treatment_plan_group_parent_class)->dispose (object);
}

static void
palpate_treatment_plan_group_class_init (PalpateTreatmentPlanGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = palpate_treatment_plan_group_dispose;
}

static void
palpate_treatment_plan_group_init (PalpateTreatmentPlanGroup *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->rows = g_ptr_array_new ();
  self->discharge_button = gtk_button_new_with_mnemonic (_("_Discharge…"));
  self->edit_button = gtk_button_new_with_mnemonic (_("_New Plan…"));
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), self->discharge_button);
  gtk_box_append (GTK_BOX (buttons), self->edit_button);
  g_signal_connect_object (self->edit_button, "clicked", G_CALLBACK (on_edit_clicked_cb), self, 0);
  g_signal_connect_object (self->discharge_button, "clicked", G_CALLBACK (on_discharge_clicked_cb),
                           self, 0);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), buttons);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Treatment Plan"));
}

gboolean
palpate_treatment_plan_group_load (PalpateTreatmentPlanGroup  *self,
                                   PalpateStore               *store,
                                   gint64                      client_id,
                                   GError                    **error)
{
  g_return_val_if_fail (PALPATE_IS_TREATMENT_PLAN_GROUP (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);

  g_set_object (&self->store, store);
  self->client_id = client_id;
  return reload (self, error);
}
