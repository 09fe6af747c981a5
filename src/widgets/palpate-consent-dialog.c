/* palpate-consent-dialog.c — a consent or refusal recorded with the client, who signs it on
 * screen
 *
 * The therapist chooses what is recorded: consent to treatment (with what was explained), the
 * written consent for a sensitive area, or a refusal of one; a guardian's name for a minor;
 * and the client signs in the pad. A written consent is not saved without a signature, and the
 * reason is shown under the pad. Otherwise the dialog only collects the answers: the one who
 * opened it records them when "save" is emitted and shows any error here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-consent-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-consent-dialog.h"
#include "palpate-signature-pad.h"

struct _PalpateConsentDialog
{
  AdwWindow            parent_instance;

  PalpateConsent      *consent;
  GtkWidget           *kind_buttons[PALPATE_N_CONSENT_KINDS];
  GtkWidget           *area_buttons[PALPATE_N_SENSITIVE_AREAS];
  GtkWidget           *explained_checks[PALPATE_N_EXPLAINED];
  GtkWidget           *area_group;
  GtkWidget           *explained_group;
  GtkWidget           *signature_group;
  AdwEntryRow         *guardian_row;
  PalpateSignaturePad *signature_pad;
  GtkLabel            *signature_error;

  /* Template widgets */
  AdwPreferencesPage  *page;
  GtkLabel            *error_label;
};

enum {
  SAVE,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PalpateConsentDialog, palpate_consent_dialog, ADW_TYPE_WINDOW)

static guint signals [N_SIGNALS];

static PalpateConsentKind
selected_kind (PalpateConsentDialog *self)
{
  for (guint i = 0; i < PALPATE_N_CONSENT_KINDS; i++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->kind_buttons[i])))
      return i;

  return PALPATE_CONSENT_TREATMENT;
}

static void
update_form (PalpateConsentDialog *self)
{
  PalpateConsentKind kind = selected_kind (self);

  gtk_widget_set_visible (self->area_group, kind != PALPATE_CONSENT_TREATMENT);
  gtk_widget_set_visible (self->explained_group, kind == PALPATE_CONSENT_TREATMENT);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->signature_group),
                                         palpate_consent_needs_signature (kind)
                                         ? _("Required: the client (or their guardian) signs "
                                             "the written consent.")
                                         : _("Optional for consent to treatment."));
  gtk_widget_set_visible (GTK_WIDGET (self->signature_error), FALSE);
}

static void
on_kind_toggled_cb (GtkToggleButton      *button,
                    PalpateConsentDialog *self)
{
  if (gtk_toggle_button_get_active (button))
    update_form (self);
}

static void
on_signature_changed_cb (PalpateSignaturePad  *pad,
                         PalpateConsentDialog *self)
{
  if (!palpate_signature_pad_is_empty (pad))
    gtk_widget_set_visible (GTK_WIDGET (self->signature_error), FALSE);
}

/* A row of linked toggle buttons, one of which is chosen. */
static GtkWidget *
add_choice_row (AdwPreferencesGroup  *group,
                const char           *title,
                GtkWidget           **buttons,
                const char          **labels,
                guint                 n_buttons)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < n_buttons; i++)
    {
      buttons[i] = gtk_toggle_button_new_with_label (labels[i]);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (buttons[i]),
                                     GTK_TOGGLE_BUTTON (buttons[0]));
      gtk_box_append (GTK_BOX (box), buttons[i]);
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (buttons[0]), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  adw_preferences_group_add (group, row);
  return row;
}

static void
build_form (PalpateConsentDialog *self)
{
  AdwPreferencesGroup *kind_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *area_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *explained_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *signature_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  const char *kinds[] = { _("Treatment"), _("Sensitive Area"), _("Refusal") };
  const char *areas[PALPATE_N_SENSITIVE_AREAS - 1];
  GtkWidget *signature_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  for (guint i = 1; i < PALPATE_N_SENSITIVE_AREAS; i++)
    areas[i - 1] = palpate_sensitive_area_get_name (i);

  adw_preferences_group_set_title (kind_group, _("Consent"));
  add_choice_row (kind_group, _("What is recorded"), self->kind_buttons, kinds,
                  PALPATE_N_CONSENT_KINDS);
  self->guardian_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->guardian_row),
                                 _("Guardian, for a minor"));
  adw_preferences_group_add (kind_group, GTK_WIDGET (self->guardian_row));
  adw_preferences_page_add (self->page, kind_group);

  adw_preferences_group_set_title (area_group, _("Sensitive Area"));
  adw_preferences_group_set_description (area_group,
                                         _("Written consent is needed before each of these "
                                           "areas is treated; a refusal blocks it."));
  add_choice_row (area_group, _("Area"), self->area_buttons + 1, areas,
                  PALPATE_N_SENSITIVE_AREAS - 1);
  adw_preferences_page_add (self->page, area_group);
  self->area_group = GTK_WIDGET (area_group);

  adw_preferences_group_set_title (explained_group, _("What Was Explained"));
  adw_preferences_group_set_description (explained_group,
                                         _("Before the client consented to treatment"));
  for (guint i = 0; i < PALPATE_N_EXPLAINED; i++)
    {
      self->explained_checks[i] =
        gtk_check_button_new_with_label (palpate_consent_explained_get_name (i));
      gtk_widget_set_margin_start (self->explained_checks[i], 6);
      adw_preferences_group_add (explained_group, self->explained_checks[i]);
    }
  adw_preferences_page_add (self->page, explained_group);
  self->explained_group = GTK_WIDGET (explained_group);

  adw_preferences_group_set_title (signature_group, _("Signature"));
  self->signature_pad = PALPATE_SIGNATURE_PAD (palpate_signature_pad_new ());
  g_signal_connect_object (self->signature_pad, "changed", G_CALLBACK (on_signature_changed_cb),
                           self, 0);
  self->signature_error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->signature_error, TRUE);
  gtk_label_set_xalign (self->signature_error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->signature_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->signature_error), FALSE);
  gtk_box_append (GTK_BOX (signature_box), GTK_WIDGET (self->signature_pad));
  gtk_box_append (GTK_BOX (signature_box), GTK_WIDGET (self->signature_error));
  adw_preferences_group_add (signature_group, signature_box);
  adw_preferences_page_add (self->page, signature_group);
  self->signature_group = GTK_WIDGET (signature_group);

  for (guint i = 0; i < PALPATE_N_CONSENT_KINDS; i++)
    g_signal_connect_object (self->kind_buttons[i], "toggled", G_CALLBACK (on_kind_toggled_cb),
                             self, 0);
  update_form (self);
}

static void
read_form (PalpateConsentDialog *self)
{
  PalpateConsent *consent = self->consent;
  GPtrArray *strokes = palpate_signature_pad_get_strokes (self->signature_pad);
  const char *guardian = gtk_editable_get_text (GTK_EDITABLE (self->guardian_row));

  consent->kind = selected_kind (self);
  consent->area = PALPATE_SENSITIVE_AREA_NONE;
  if (consent->kind != PALPATE_CONSENT_TREATMENT)
    for (guint i = 1; i < PALPATE_N_SENSITIVE_AREAS; i++)
      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->area_buttons[i])))
        consent->area = i;

  consent->explained = 0;
  if (consent->kind == PALPATE_CONSENT_TREATMENT)
    for (guint i = 0; i < PALPATE_N_EXPLAINED; i++)
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->explained_checks[i])))
        consent->explained |= 1u << i;

  g_clear_pointer (&consent->guardian, g_free);
  consent->guardian = g_strstrip (g_strdup (guardian));

  g_clear_pointer (&consent->strokes, g_ptr_array_unref);
  consent->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < strokes->len; i++)
    {
      GArray *points = strokes->pdata[i];
      GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (double), points->len);

      g_array_append_vals (copy, points->data, points->len);
      g_ptr_array_add (consent->strokes, copy);
    }
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PalpateConsentDialog *self = PALPATE_CONSENT_DIALOG (widget);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  read_form (self);

  /* The reason stays at the field that needs it. */
  if (palpate_consent_needs_signature (self->consent->kind) &&
      !palpate_consent_is_signed (self->consent))
    {
      gtk_label_set_text (self->signature_error,
                          _("A written consent needs the client’s signature: ask them to sign "
                            "in the box."));
      gtk_widget_set_visible (GTK_WIDGET (self->signature_error), TRUE);
      gtk_widget_grab_focus (palpate_signature_pad_get_area (self->signature_pad));
      return;
    }

  g_signal_emit (self, signals[SAVE], 0);
}

static void
palpate_consent_dialog_dispose (GObject *object)
{
  PalpateConsentDialog *self = PALPATE_CONSENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_CONSENT_DIALOG);
  g_clear_pointer (&self->consent, palpate_consent_free);

  G_OBJECT_CLASS (palpate_consent_dialog_parent_class)->dispose (object);
}

static void
palpate_consent_dialog_class_init (PalpateConsentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_consent_dialog_dispose;

  /**
   * PalpateConsentDialog::save:
   *
   * The form is read into the dialog's consent (palpate_consent_dialog_get_consent()): record
   * it, then close the dialog or show the error.
   */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-consent-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateConsentDialog, page);
  gtk_widget_class_bind_template_child (widget_class, PalpateConsentDialog, error_label);

  gtk_widget_class_install_action (widget_class, "consent.save", NULL, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
palpate_consent_dialog_init (PalpateConsentDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->consent = palpate_consent_new ();
  build_form (self);
}

PalpateConsentDialog *
palpate_consent_dialog_new (GtkWindow *parent,
                            gint64     client_id)
{
  PalpateConsentDialog *self;

  self = g_object_new (PALPATE_TYPE_CONSENT_DIALOG, "transient-for", parent, NULL);
  self->consent->client_id = client_id;
  return self;
}

/* The consent being recorded, with the form's answers once "save" has been emitted. */
PalpateConsent *
palpate_consent_dialog_get_consent (PalpateConsentDialog *self)
{
  g_return_val_if_fail (PALPATE_IS_CONSENT_DIALOG (self), NULL);

  return self->consent;
}

void
palpate_consent_dialog_show_error (PalpateConsentDialog *self,
                                   const char           *message)
{
  g_return_if_fail (PALPATE_IS_CONSENT_DIALOG (self));

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/**
 * palpate_consent_dialog_set_minor:
 * @minor: whether the client is under 18 today
 *
 * For a minor the guardian's name is asked for first, as required: the parent or guardian
 * gives consent for them.
 */
void
palpate_consent_dialog_set_minor (PalpateConsentDialog *self,
                                  gboolean              minor)
{
  g_return_if_fail (PALPATE_IS_CONSENT_DIALOG (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->guardian_row),
                                 minor ? _("Parent or guardian (required: the client is under 18)")
                                       : _("Guardian, for a minor"));
  if (minor)
    gtk_widget_add_css_class (GTK_WIDGET (self->guardian_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->guardian_row), "warning");
}
