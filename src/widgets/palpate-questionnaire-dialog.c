/* palpate-questionnaire-dialog.c — the NDI or the Oswestry, answered section by section by the
 * client or the therapist, scored as it is filled in
 *
 * Each statement is a whole row to tap, with its radio button; the score and its band show at
 * the foot as soon as enough sections are answered. The dialog only collects the answers: the
 * one who opened it records them when "save" is emitted and shows any error here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-questionnaire-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-questionnaire-dialog.h"

struct _PalpateQuestionnaireDialog
{
  AdwWindow          parent_instance;

  PalpateInstrument  instrument;
  GtkCheckButton    *checks[PALPATE_QUESTIONNAIRE_N_SECTIONS][PALPATE_QUESTIONNAIRE_N_STATEMENTS];
  GtkCheckButton    *not_applicable[PALPATE_QUESTIONNAIRE_N_SECTIONS];

  /* Template widgets */
  AdwPreferencesPage *page;
  GtkLabel           *score_label;
  GtkLabel           *error_label;
  GtkLabel           *source_label;
};

enum {
  SAVE,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PalpateQuestionnaireDialog, palpate_questionnaire_dialog, ADW_TYPE_WINDOW)

static guint signals [N_SIGNALS];

static void
update_score (PalpateQuestionnaireDialog *self)
{
  int answers[PALPATE_QUESTIONNAIRE_N_SECTIONS];
  g_autofree char *text = NULL;
  double score;
  guint answered;

  palpate_questionnaire_dialog_get_answers (self, answers);
  score = palpate_questionnaire_score (self->instrument, answers, &answered);

  if (answered == 0)
    text = g_strdup (_("Choose one statement in each section."));
  else if (score < 0)
    /* Translators: while the client fills in the questionnaire, "4 of 10 sections answered" */
    text = g_strdup_printf (_("%u of 10 sections answered"), answered);
  else
    text = palpate_questionnaire_describe_score (self->instrument, answers);

  gtk_label_set_text (self->score_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "questionnaire.save", score >= 0);
}

static void
on_check_toggled_cb (GtkCheckButton             *check,
                     PalpateQuestionnaireDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_score (self);
}

static GtkCheckButton *
add_choice (PalpateQuestionnaireDialog *self,
            AdwPreferencesGroup        *group,
            GtkCheckButton             *first,
            const char                 *statement)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), statement);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, statement, -1);
  if (first != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);

  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self, 0);
  return GTK_CHECK_BUTTON (check);
}

static void
build_sections (PalpateQuestionnaireDialog *self)
{
  AdwPreferencesGroup *intro = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_description (intro,
                                         palpate_questionnaire_get_instructions (self->instrument));
  adw_preferences_page_add (self->page, intro);

  for (guint s = 0; s < PALPATE_QUESTIONNAIRE_N_SECTIONS; s++)
    {
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      /* Translators: a questionnaire's section heading, "3. Lifting" */
      g_autofree char *title = g_strdup_printf (_("%u. %s"), s + 1,
                                                palpate_questionnaire_get_section (self->instrument, s));
      g_autofree char *escaped = g_markup_escape_text (title, -1);

      adw_preferences_group_set_title (group, escaped);
      for (guint i = 0; i < PALPATE_QUESTIONNAIRE_N_STATEMENTS; i++)
        self->checks[s][i] = add_choice (self, group, i ? self->checks[s][0] : NULL,
                                         palpate_questionnaire_get_statement (self->instrument,
                                                                              s, i));
      if (palpate_questionnaire_section_optional (self->instrument, s))
        self->not_applicable[s] = add_choice (self, group, self->checks[s][0],
                                              _("Does not apply, or I prefer not to answer."));
      adw_preferences_page_add (self->page, group);
    }
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  g_signal_emit (widget, signals[SAVE], 0);
}

static void
palpate_questionnaire_dialog_class_init (PalpateQuestionnaireDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * PalpateQuestionnaireDialog::save:
   *
   * The answers are ready to be recorded: read them with
   * palpate_questionnaire_dialog_get_answers(), then close the dialog or show the error.
   */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-questionnaire-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateQuestionnaireDialog, page);
  gtk_widget_class_bind_template_child (widget_class, PalpateQuestionnaireDialog, score_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateQuestionnaireDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateQuestionnaireDialog, source_label);

  gtk_widget_class_install_action (widget_class, "questionnaire.save", NULL, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
palpate_questionnaire_dialog_init (PalpateQuestionnaireDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * palpate_questionnaire_dialog_new:
 * @answers: (nullable) (array fixed-size=10): earlier answers to show, -1 for none
 */
PalpateQuestionnaireDialog *
palpate_questionnaire_dialog_new (GtkWindow         *parent,
                                  PalpateInstrument  instrument,
                                  const int         *answers)
{
  PalpateQuestionnaireDialog *self = g_object_new (PALPATE_TYPE_QUESTIONNAIRE_DIALOG,
                                                   "transient-for", parent,
                                                   NULL);
  g_autofree char *source = NULL;

  self->instrument = instrument;
  gtk_window_set_title (GTK_WINDOW (self), palpate_questionnaire_get_name (instrument));
  build_sections (self);

  for (guint s = 0; answers != NULL && s < PALPATE_QUESTIONNAIRE_N_SECTIONS; s++)
    {
      if (answers[s] >= 0 && answers[s] < PALPATE_QUESTIONNAIRE_N_STATEMENTS)
        gtk_check_button_set_active (self->checks[s][answers[s]], TRUE);
      else if (self->not_applicable[s] != NULL)
        gtk_check_button_set_active (self->not_applicable[s], TRUE);
    }

  /* Translators: under a questionnaire, the publication it follows */
  source = g_strdup_printf (_("Source: %s"), palpate_questionnaire_get_source (instrument));
  gtk_label_set_text (self->source_label, source);
  update_score (self);

  return self;
}

PalpateInstrument
palpate_questionnaire_dialog_get_instrument (PalpateQuestionnaireDialog *self)
{
  g_return_val_if_fail (PALPATE_IS_QUESTIONNAIRE_DIALOG (self), PALPATE_INSTRUMENT_NDI);

  return self->instrument;
}

/* The chosen statement of each section, 0–5, or -1 where none is chosen (or "does not
 * apply"). */
void
palpate_questionnaire_dialog_get_answers (PalpateQuestionnaireDialog *self,
                                          int                         answers[10])
{
  g_return_if_fail (PALPATE_IS_QUESTIONNAIRE_DIALOG (self));

  for (guint s = 0; s < PALPATE_QUESTIONNAIRE_N_SECTIONS; s++)
    {
      answers[s] = -1;
      for (guint i = 0; i < PALPATE_QUESTIONNAIRE_N_STATEMENTS; i++)
        if (self->checks[s][i] != NULL && gtk_check_button_get_active (self->checks[s][i]))
          answers[s] = (int) i;
    }
}

/* Shows why the answers could not be recorded; they stay as chosen. */
void
palpate_questionnaire_dialog_show_error (PalpateQuestionnaireDialog *self,
                                         const char                 *message)
{
  g_return_if_fail (PALPATE_IS_QUESTIONNAIRE_DIALOG (self));

  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}
