/* palpate-test-questionnaire.h — a questionnaire answered with real clicks, as a client or a
 * therapist answers it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-questionnaire-dialog.h"

G_BEGIN_DECLS

void palpate_test_answer_questionnaire (PalpateQuestionnaireDialog *dialog,
                                        PalpateInstrument           instrument,
                                        const int                   answers[10],
                                        guint                       n_sections);

G_END_DECLS
