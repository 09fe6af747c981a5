/* palpate-questionnaire-group.c — a visit's questionnaires (NDI, Oswestry): their scores, and
 * the way to fill them in
 *
 * One row per instrument: the score at this visit with its band, the change since the client's
 * first score with whether it reaches the instrument's minimal important change, and a button
 * that opens the questionnaire. The answers are recorded as soon as the dialog's Save is
 * pressed; an error stays in the dialog with the answers still chosen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-questionnaire-group"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "palpate-questionnaire-dialog.h"
#include "palpate-questionnaire-group.h"

struct _PalpateQuestionnaireGroup
{
  AdwPreferencesGroup  parent_instance;

  PalpateStore        *store;
  gint64               client_id;
  gint64               visit_id;
  gboolean             editable;
  AdwActionRow        *rows[2];
  GtkButton           *buttons[2];
};

G_DEFINE_FINAL_TYPE (PalpateQuestionnaireGroup, palpate_questionnaire_group,
                     ADW_TYPE_PREFERENCES_GROUP)

/* The answers at this visit (or none), and the client's first scored answers before it. */
static void
find_answers (GArray            *outcomes,
              gint64             visit_id,
              PalpateInstrument  instrument,
              const int        **at_visit,
              const int        **first)
{
  *at_visit = NULL;
  *first = NULL;

  for (guint i = 0; outcomes != NULL && i < outcomes->len; i++)
    {
      const PalpateOutcomeAnswers *o = &g_array_index (outcomes, PalpateOutcomeAnswers, i);

      if (o->instrument != instrument)
        continue;
      if (o->visit_id == visit_id)
        *at_visit = o->answers;
      else if (*first == NULL && *at_visit == NULL &&
               palpate_questionnaire_score (instrument, o->answers, NULL) >= 0)
        *first = o->answers;
    }
}

static char *
describe (PalpateInstrument  instrument,
          const int         *at_visit,
          const int         *first)
{
  g_autofree char *score = NULL;
  double now, then, change;

  if (at_visit == NULL)
    return g_strdup (_("Not filled in at this visit"));

  score = palpate_questionnaire_describe_score (instrument, at_visit);
  now = palpate_questionnaire_score (instrument, at_visit, NULL);
  then = first != NULL ? palpate_questionnaire_score (instrument, first, NULL) : -1;
  if (now < 0 || then < 0)
    return g_steal_pointer (&score);

  change = now - then;
  if (palpate_questionnaire_change_meaningful (instrument, then, now))
    /* Translators: a questionnaire's score, then its change since the first one: "12 of 50 ·
     * Mild disability — 9 points better than at first, a meaningful change" */
    return g_strdup_printf (change < 0 ? _("%s — %.0f points better than at first, a meaningful change")
                                       : _("%s — %.0f points worse than at first, a meaningful change"),
                            score, fabs (change));

  /* Translators: the minimal important change of a questionnaire, "less than the 7.5 points
   * that make a meaningful change" */
  return g_strdup_printf (_("%s — %.0f points from the first score, less than the %g that make a "
                            "meaningful change"),
                          score, fabs (change), palpate_questionnaire_minimal_change (instrument));
}

static gboolean reload (PalpateQuestionnaireGroup  *self,
                        GError                    **error);

static void
on_dialog_save_cb (PalpateQuestionnaireDialog *dialog,
                   PalpateQuestionnaireGroup  *self)
{
  g_autoptr(GError) error = NULL;
  PalpateOutcomeAnswers answers = {
    .visit_id = self->visit_id,
    .instrument = palpate_questionnaire_dialog_get_instrument (dialog),
  };

  palpate_questionnaire_dialog_get_answers (dialog, answers.answers);
  if (!palpate_store_save_outcome (self->store, &answers, &error) || !reload (self, &error))
    {
      palpate_questionnaire_dialog_show_error (dialog, error->message);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_fill_in_clicked_cb (GtkButton                 *button,
                       PalpateQuestionnaireGroup *self)
{
  PalpateInstrument instrument = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button),
                                                                     "instrument"));
  g_autoptr(GArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  const int *at_visit, *first;
  PalpateQuestionnaireDialog *dialog;

  outcomes = palpate_store_list_outcomes (self->store, self->client_id, &error);
  if (outcomes == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }

  find_answers (outcomes, self->visit_id, instrument, &at_visit, &first);
  dialog = palpate_questionnaire_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                             instrument, at_visit);
  g_signal_connect_object (dialog, "save", G_CALLBACK (on_dialog_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
reload (PalpateQuestionnaireGroup  *self,
        GError                    **error)
{
  g_autoptr(GArray) outcomes = palpate_store_list_outcomes (self->store, self->client_id, error);

  if (outcomes == NULL)
    return FALSE;

  for (PalpateInstrument i = PALPATE_INSTRUMENT_NDI; i <= PALPATE_INSTRUMENT_ODI; i++)
    {
      const int *at_visit, *first;
      g_autofree char *subtitle = NULL;

      find_answers (outcomes, self->visit_id, i, &at_visit, &first);
      subtitle = describe (i, at_visit, first);
      adw_action_row_set_subtitle (self->rows[i], subtitle);
      gtk_button_set_label (self->buttons[i], at_visit != NULL ? _("_Change…") : _("_Fill In…"));
      gtk_widget_set_visible (GTK_WIDGET (self->buttons[i]), self->editable);
    }

  return TRUE;
}

static void
palpate_questionnaire_group_dispose (GObject *object)
{
  PalpateQuestionnaireGroup *self = PALPATE_QUESTIONNAIRE_GROUP (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (palpate_questionnaire_group_parent_class)->dispose (object);
}

static void
palpate_questionnaire_group_class_init (PalpateQuestionnaireGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = palpate_questionnaire_group_dispose;
}

static void
palpate_questionnaire_group_init (PalpateQuestionnaireGroup *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Questionnaires"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Answered by the client, scored with their bands"));

  for (PalpateInstrument i = PALPATE_INSTRUMENT_NDI; i <= PALPATE_INSTRUMENT_ODI; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Fill In…"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     palpate_questionnaire_get_name (i));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "instrument", GINT_TO_POINTER (i));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      palpate_questionnaire_get_name (i), -1);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_fill_in_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      self->rows[i] = ADW_ACTION_ROW (row);
      self->buttons[i] = GTK_BUTTON (button);
    }
}

/**
 * palpate_questionnaire_group_load:
 * @editable: whether the visit can still change (a signed visit shows its scores only)
 *
 * Shows the questionnaires of @visit_id and compares them with the client's first scores.
 */
gboolean
palpate_questionnaire_group_load (PalpateQuestionnaireGroup  *self,
                                  PalpateStore               *store,
                                  gint64                      client_id,
                                  gint64                      visit_id,
                                  gboolean                    editable,
                                  GError                    **error)
{
  g_return_val_if_fail (PALPATE_IS_QUESTIONNAIRE_GROUP (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);

  g_set_object (&self->store, store);
  self->client_id = client_id;
  self->visit_id = visit_id;
  self->editable = editable;

  return reload (self, error);
}
