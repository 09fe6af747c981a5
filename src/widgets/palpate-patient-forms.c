/* palpate-patient-forms.c — the forms a client fills in themselves on their own view
 *
 * On the patient view the client may bring their health history up to date and, while a visit
 * is open, answer the neck or low-back questionnaire (NDI, ODI) for it. The health history is
 * kept as a new version marked as filled in by the client: the therapist reviews and accepts
 * it on the client page. The answers of a questionnaire belong to the open visit, as if the
 * therapist had entered them with the client. Nothing of the therapist's record is shown here
 * beyond what the client gave: the history starts from the latest version, which is theirs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-patient-forms"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-health-history-dialog.h"
#include "palpate-patient-forms.h"
#include "palpate-questionnaire-dialog.h"

struct _PalpatePatientForms
{
  GtkBox        parent_instance;

  PalpateStore *store;
  gint64        client_id;
  gint64        visit_id;        /* the client's open visit, or 0 */

  GtkWidget    *history_button;
  GtkWidget    *questionnaire_buttons[PALPATE_INSTRUMENT_ODI + 1];
};

enum {
  MESSAGE,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (PalpatePatientForms, palpate_patient_forms, GTK_TYPE_BOX)

static GtkWindow *
parent_window (PalpatePatientForms *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static void
history_saved_cb (PalpateHealthHistoryDialog *dialog,
                  PalpatePatientForms        *self)
{
  g_autoptr(GError) error = NULL;
  PalpateHealthHistory *history = palpate_health_history_dialog_get_history (dialog);

  palpate_health_history_set_reported_by_client (history, TRUE);
  if (!palpate_store_add_health_history (self->store, history, &error))
    {
      palpate_health_history_dialog_show_error (dialog, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_signal_emit (self, signals[MESSAGE], 0,
                 _("Thank you. Your therapist will go through it with you."));
}

static void
history_clicked_cb (GtkButton           *button,
                    PalpatePatientForms *self)
{
  g_autoptr(GPtrArray) histories = NULL;
  g_autoptr(PalpateHealthHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  PalpateHealthHistoryDialog *dialog;

  histories = palpate_store_list_health_histories (self->store, self->client_id, &error);
  if (histories == NULL)
    {
      g_signal_emit (self, signals[MESSAGE], 0, error->message);
      return;
    }

  /* The newest version, newest last: what the client told the clinic before. */
  if (histories->len > 0)
    history = palpate_health_history_copy (histories->pdata[histories->len - 1]);
  else
    history = palpate_health_history_new ();
  palpate_health_history_set_id (history, 0);
  palpate_health_history_set_client_id (history, self->client_id);
  palpate_health_history_set_accepted_at (history, NULL);

  dialog = palpate_health_history_dialog_new (parent_window (self), history);
  g_signal_connect_object (dialog, "save", G_CALLBACK (history_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
questionnaire_saved_cb (PalpateQuestionnaireDialog *dialog,
                        PalpatePatientForms        *self)
{
  g_autoptr(GError) error = NULL;
  PalpateOutcomeAnswers answers = {
    .visit_id = self->visit_id,
    .instrument = palpate_questionnaire_dialog_get_instrument (dialog),
  };

  palpate_questionnaire_dialog_get_answers (dialog, answers.answers);
  if (!palpate_store_save_outcome (self->store, &answers, &error))
    {
      palpate_questionnaire_dialog_show_error (dialog, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_signal_emit (self, signals[MESSAGE], 0, _("Thank you. Your answers are kept for today."));
}

static void
questionnaire_clicked_cb (GtkButton           *button,
                          PalpatePatientForms *self)
{
  PalpateInstrument instrument = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button),
                                                                     "instrument"));
  g_autoptr(GArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  const int *today = NULL;
  PalpateQuestionnaireDialog *dialog;

  outcomes = palpate_store_list_outcomes (self->store, self->client_id, &error);
  if (outcomes == NULL)
    {
      g_signal_emit (self, signals[MESSAGE], 0, error->message);
      return;
    }

  /* Answered already at this visit: the client changes their answers. */
  for (guint i = 0; i < outcomes->len; i++)
    {
      const PalpateOutcomeAnswers *answers = &g_array_index (outcomes, PalpateOutcomeAnswers, i);

      if (answers->visit_id == self->visit_id && answers->instrument == instrument)
        today = answers->answers;
    }

  dialog = palpate_questionnaire_dialog_new (parent_window (self), instrument, today);
  g_signal_connect_object (dialog, "save", G_CALLBACK (questionnaire_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
form_button (PalpatePatientForms *self,
             const char          *label,
             GCallback            callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  g_signal_connect_object (button, "clicked", callback, self, 0);
  gtk_box_append (GTK_BOX (self), button);

  return button;
}

static void
palpate_patient_forms_dispose (GObject *object)
{
  PalpatePatientForms *self = PALPATE_PATIENT_FORMS (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (palpate_patient_forms_parent_class)->dispose (object);
}

static void
palpate_patient_forms_class_init (PalpatePatientFormsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = palpate_patient_forms_dispose;

  /**
   * PalpatePatientForms::message:
   * @text: a sentence for the client: thanks, or why something was not kept
   */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
palpate_patient_forms_init (PalpatePatientForms *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);

  self->history_button = form_button (self, _("Update My _Health History"),
                                      G_CALLBACK (history_clicked_cb));

  self->questionnaire_buttons[PALPATE_INSTRUMENT_NDI] =
    form_button (self, _("_Neck Questionnaire"), G_CALLBACK (questionnaire_clicked_cb));
  self->questionnaire_buttons[PALPATE_INSTRUMENT_ODI] =
    form_button (self, _("_Low Back Questionnaire"), G_CALLBACK (questionnaire_clicked_cb));
  for (PalpateInstrument i = PALPATE_INSTRUMENT_NDI; i <= PALPATE_INSTRUMENT_ODI; i++)
    g_object_set_data (G_OBJECT (self->questionnaire_buttons[i]), "instrument",
                       GINT_TO_POINTER (i));
}

/**
 * palpate_patient_forms_load:
 *
 * Shows the forms for the client @client_id: the health history always, the questionnaires
 * while the client has a visit that is not signed yet.
 *
 * Returns: whether the client's visits could be read
 */
gboolean
palpate_patient_forms_load (PalpatePatientForms  *self,
                            PalpateStore         *store,
                            gint64                client_id,
                            GError              **error)
{
  g_autoptr(PalpateVisit) latest = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PALPATE_IS_PATIENT_FORMS (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);

  g_set_object (&self->store, store);
  self->client_id = client_id;

  latest = palpate_store_get_latest_visit (store, client_id, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->visit_id = latest != NULL && palpate_visit_get_status (latest) == PALPATE_VISIT_DRAFT
                   ? palpate_visit_get_id (latest) : 0;
  for (PalpateInstrument i = PALPATE_INSTRUMENT_NDI; i <= PALPATE_INSTRUMENT_ODI; i++)
    gtk_widget_set_visible (self->questionnaire_buttons[i], self->visit_id > 0);

  return TRUE;
}
