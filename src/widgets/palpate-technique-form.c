/* palpate-technique-form.c — the techniques of a visit: the form to apply one, and those applied
 *
 * The form picks a technique, a region (by default where the therapist just charted; the
 * regions charted today come first), minutes and pressure. Applying it checks consent for a
 * sensitive area and, inside a no-touch zone, asks for the reason the record keeps. Each
 * technique applied is listed below with its region, minutes and pressure, and can be removed
 * until the visit is signed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-technique-form"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-technique-form.h"
#include "palpate-atlas.h"
#include "palpate-consent-check.h"
#include "palpate-no-touch.h"
#include "palpate-region-chooser.h"

/* The same words in the menu and in the list of techniques applied. */
static const char *pressure_names[] = { N_("Light"), N_("Moderate"), N_("Firm"), N_("Deep") };

struct _PalpateTechniqueForm
{
  AdwPreferencesGroup   parent_instance;

  PalpateStore         *store;
  PalpateVisit         *visit;
  GPtrArray            *techniques;
  GListModel           *findings;

  /* Template widgets */
  GtkWidget            *technique_form;
  GtkDropDown          *technique_dropdown;
  PalpateRegionChooser *region_chooser;
  GtkSpinButton        *minutes_spin;
  GtkDropDown          *pressure_dropdown;
  GtkListBox           *applied_list;
};

enum {
  SAVED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PalpateTechniqueForm, palpate_technique_form, ADW_TYPE_PREFERENCES_GROUP)

static guint signals [N_SIGNALS];

static gboolean
is_editable (PalpateTechniqueForm *self)
{
  return self->visit != NULL && palpate_visit_get_status (self->visit) != PALPATE_VISIT_SIGNED;
}

static void
saved (PalpateTechniqueForm *self,
       const GError         *error)
{
  g_signal_emit (self, signals [SAVED], 0, error);
}

static void
update_apply (PalpateTechniqueForm *self)
{
  const char *region_id = palpate_region_chooser_get_region_id (self->region_chooser);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "technique.apply",
                                 is_editable (self) && region_id != NULL);
}

static GtkWidget *
create_applied_row (PalpateTechniqueForm    *self,
                    PalpateAppliedTechnique *technique)
{
  GtkWidget *row = adw_action_row_new ();
  const char *region_id = palpate_applied_technique_get_region_id (technique);
  int pressure = CLAMP (palpate_applied_technique_get_pressure (technique), 0,
                        (int) G_N_ELEMENTS (pressure_names) - 1);
  g_autofree char *subtitle = NULL;

  /* Translators: "Right upper trapezius · 12 min · firm" */
  subtitle = g_strdup_printf (_("%s · %d min · %s"),
                              palpate_region_name_for_id (region_id),
                              palpate_applied_technique_get_minutes (technique),
                              _(pressure_names[pressure]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 palpate_applied_technique_get_technique_name (technique));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (palpate_applied_technique_get_note (technique))
    gtk_widget_set_tooltip_text (row, palpate_applied_technique_get_note (technique));

  if (is_editable (self))
    {
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "technique.remove");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x",
                                        palpate_applied_technique_get_id (technique));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }

  return row;
}

static void
refresh_applied (PalpateTechniqueForm *self)
{
  g_autoptr(GPtrArray) applied = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->applied_list))) != NULL)
    gtk_list_box_remove (self->applied_list, child);

  applied = palpate_store_list_applied_techniques (self->store, palpate_visit_get_id (self->visit),
                                                   &error);
  if (applied == NULL)
    {
      saved (self, error);
      return;
    }

  for (guint i = 0; i < applied->len; i++)
    gtk_list_box_append (self->applied_list, create_applied_row (self, applied->pdata[i]));
}

/* The regions charted today, latest first: where the techniques most likely went. */
static void
suggest_regions (PalpateTechniqueForm *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_auto(GStrv) ids = NULL;
  guint n = g_list_model_get_n_items (self->findings);

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(PalpateFinding) finding = g_list_model_get_item (self->findings, i - 1);
      const char *id = palpate_finding_get_region_id (finding);

      if (id == NULL || palpate_finding_get_kind (finding) == PALPATE_FINDING_CONTRAINDICATION ||
          g_ptr_array_find_with_equal_func (seen, id, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, (gpointer) id);
      g_strv_builder_add (builder, id);
    }

  ids = g_strv_builder_end (builder);
  palpate_region_chooser_set_suggested (self->region_chooser, (const char * const *) ids);
  if (palpate_region_chooser_get_region_id (self->region_chooser) == NULL && ids[0] != NULL)
    palpate_region_chooser_set_region_id (self->region_chooser, ids[0]);
}

static void
save_applied (PalpateTechniqueForm *self,
              const char           *note)
{
  g_autoptr(PalpateAppliedTechnique) applied = palpate_applied_technique_new ();
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (self->technique_dropdown);
  const char *region = palpate_region_chooser_get_region_id (self->region_chooser);
  PalpateTechnique *technique;

  if (selected >= self->techniques->len || region == NULL)
    return;

  technique = self->techniques->pdata[selected];
  palpate_applied_technique_set_visit_id (applied, palpate_visit_get_id (self->visit));
  palpate_applied_technique_set_technique_id (applied, palpate_technique_get_id (technique));
  palpate_applied_technique_set_region_id (applied, region);
  palpate_applied_technique_set_minutes (applied,
                                         gtk_spin_button_get_value_as_int (self->minutes_spin));
  palpate_applied_technique_set_pressure (applied,
                                          gtk_drop_down_get_selected (self->pressure_dropdown));
  palpate_applied_technique_set_note (applied, note);

  palpate_store_save_applied_technique (self->store, applied, &error);
  saved (self, error);
  refresh_applied (self);
}

static void
no_touch_response_cb (AdwMessageDialog     *dialog,
                      const char           *response,
                      PalpateTechniqueForm *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  if (!g_str_equal (response, "apply") || self->visit == NULL)
    return;

  note = palpate_no_touch_note (gtk_editable_get_text (entry), &error);
  if (note != NULL)
    save_applied (self, note);
  else
    saved (self, error);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PalpateTechniqueForm *self = PALPATE_TECHNIQUE_FORM (widget);
  const char *region = palpate_region_chooser_get_region_id (self->region_chooser);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (!is_editable (self) || region == NULL)
    return;

  if (!palpate_consent_check_region (widget, self->store, palpate_visit_get_client_id (self->visit),
                                     palpate_visit_get_id (self->visit), region,
                                     "technique.apply"))
    return;

  if (!palpate_no_touch_covers_region (self->findings, region))
    {
      save_applied (self, NULL);
      return;
    }

  /* A local contraindication is there: work on it only with a reason, kept in the note. */
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Work Inside a No-Touch Zone?"),
                                   _("This region holds a local contraindication. Say why the "
                                     "technique is applied there; the reason is kept in the "
                                     "record."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Apply"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (no_touch_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PalpateTechniqueForm *self = PALPATE_TECHNIQUE_FORM (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  palpate_store_delete_applied_technique (self->store, g_variant_get_int64 (parameter), &error);
  saved (self, error);
  refresh_applied (self);
}

static void
on_region_chooser_notify_region_id_cb (PalpateTechniqueForm *self)
{
  update_apply (self);
}

static void
palpate_technique_form_dispose (GObject *object)
{
  PalpateTechniqueForm *self = PALPATE_TECHNIQUE_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_TECHNIQUE_FORM);
  palpate_technique_form_unload (self);

  G_OBJECT_CLASS (palpate_technique_form_parent_class)->dispose (object);
}

static void
palpate_technique_form_class_init (PalpateTechniqueFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_technique_form_dispose;

  /**
   * PalpateTechniqueForm::saved:
   * @error: (nullable): why a technique could not be saved or listed, or %NULL when it was
   */
  signals [SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  g_type_ensure (PALPATE_TYPE_REGION_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-technique-form.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateTechniqueForm, technique_form);
  gtk_widget_class_bind_template_child (widget_class, PalpateTechniqueForm, technique_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PalpateTechniqueForm, region_chooser);
  gtk_widget_class_bind_template_child (widget_class, PalpateTechniqueForm, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, PalpateTechniqueForm, pressure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PalpateTechniqueForm, applied_list);
  gtk_widget_class_bind_template_callback (widget_class, on_region_chooser_notify_region_id_cb);

  gtk_widget_class_install_action (widget_class, "technique.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "technique.remove", "x", remove_action);
}

static void
palpate_technique_form_init (PalpateTechniqueForm *self)
{
  g_autoptr(GtkStringList) pressures = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (pressure_names); i++)
    gtk_string_list_append (pressures, _(pressure_names[i]));
  gtk_drop_down_set_model (self->pressure_dropdown, G_LIST_MODEL (pressures));
  gtk_drop_down_set_selected (self->pressure_dropdown, 1);
  update_apply (self);
}

/**
 * palpate_technique_form_load:
 * @techniques: (element-type PalpateTechnique): the techniques to choose from
 * @findings: (element-type PalpateFinding): the visit's findings: where to suggest, where not
 *   to touch
 *
 * Shows the techniques applied at @visit, and the form to apply one while it is not signed.
 */
void
palpate_technique_form_load (PalpateTechniqueForm *self,
                             PalpateStore         *store,
                             PalpateVisit         *visit,
                             GPtrArray            *techniques,
                             GListModel           *findings)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_if_fail (PALPATE_IS_TECHNIQUE_FORM (self));
  g_return_if_fail (PALPATE_IS_STORE (store));
  g_return_if_fail (PALPATE_IS_VISIT (visit));
  g_return_if_fail (techniques != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (findings));

  g_set_object (&self->store, store);
  g_set_object (&self->visit, visit);
  g_set_object (&self->findings, findings);
  g_clear_pointer (&self->techniques, g_ptr_array_unref);
  self->techniques = g_ptr_array_ref (techniques);

  palpate_region_chooser_set_region_id (self->region_chooser, NULL);
  suggest_regions (self);

  for (guint i = 0; i < techniques->len; i++)
    gtk_string_list_append (names, palpate_technique_get_name (techniques->pdata[i]));
  gtk_drop_down_set_model (self->technique_dropdown, G_LIST_MODEL (names));

  palpate_technique_form_refresh (self);
}

void
palpate_technique_form_unload (PalpateTechniqueForm *self)
{
  g_return_if_fail (PALPATE_IS_TECHNIQUE_FORM (self));

  g_clear_object (&self->store);
  g_clear_object (&self->visit);
  g_clear_object (&self->findings);
  g_clear_pointer (&self->techniques, g_ptr_array_unref);
}

/**
 * palpate_technique_form_refresh:
 *
 * Lists the techniques applied again, and offers the form only while the visit is not signed.
 */
void
palpate_technique_form_refresh (PalpateTechniqueForm *self)
{
  g_return_if_fail (PALPATE_IS_TECHNIQUE_FORM (self));
  g_return_if_fail (self->visit != NULL);

  gtk_widget_set_visible (self->technique_form, is_editable (self));
  update_apply (self);
  refresh_applied (self);
}

/**
 * palpate_technique_form_follow_finding:
 * @finding: (nullable): the finding chosen on the body map
 *
 * Techniques go, by default, where the therapist just charted (never into a no-touch zone).
 */
void
palpate_technique_form_follow_finding (PalpateTechniqueForm *self,
                                       PalpateFinding       *finding)
{
  const char *region_id = finding ? palpate_finding_get_region_id (finding) : NULL;

  g_return_if_fail (PALPATE_IS_TECHNIQUE_FORM (self));

  if (self->findings == NULL)
    return;

  suggest_regions (self);
  if (region_id != NULL && palpate_finding_get_kind (finding) != PALPATE_FINDING_CONTRAINDICATION)
    palpate_region_chooser_set_region_id (self->region_chooser, region_id);
}
