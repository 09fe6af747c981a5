/* palpate-questionnaire-dialog.h — the NDI or the Oswestry, answered section by section by the
 * client or the therapist, scored as it is filled in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-questionnaire.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_QUESTIONNAIRE_DIALOG (palpate_questionnaire_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PalpateQuestionnaireDialog, palpate_questionnaire_dialog,
                      PALPATE, QUESTIONNAIRE_DIALOG, AdwWindow)

PalpateQuestionnaireDialog *palpate_questionnaire_dialog_new         (GtkWindow                  *parent,
                                                                      PalpateInstrument           instrument,
                                                                      const int                  *answers);
PalpateInstrument           palpate_questionnaire_dialog_get_instrument (PalpateQuestionnaireDialog *self);
void                        palpate_questionnaire_dialog_get_answers (PalpateQuestionnaireDialog *self,
                                                                      int                         answers[10]);
void                        palpate_questionnaire_dialog_show_error  (PalpateQuestionnaireDialog *self,
                                                                      const char                 *message);

G_END_DECLS
