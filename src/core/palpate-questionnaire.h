/* palpate-questionnaire.h — the Neck Disability Index and the Oswestry Disability Index as the
 * client reads them: ten sections of six statements each, scored 0–5, with their sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PALPATE_QUESTIONNAIRE_N_SECTIONS 10
#define PALPATE_QUESTIONNAIRE_N_STATEMENTS 6

/**
 * PalpateQuestionnaire:
 * @PALPATE_QUESTIONNAIRE_NDI: the Neck Disability Index (Vernon & Mior 1991)
 * @PALPATE_QUESTIONNAIRE_ODI: the Oswestry Disability Index 2.1a (Fairbank & Pynsent 2000)
 */
typedef enum
{
  PALPATE_QUESTIONNAIRE_NDI,
  PALPATE_QUESTIONNAIRE_ODI,
} PalpateQuestionnaire;

const char *palpate_questionnaire_get_key            (PalpateQuestionnaire  questionnaire);
gboolean    palpate_questionnaire_from_key           (const char           *key,
                                                      PalpateQuestionnaire *questionnaire);
const char *palpate_questionnaire_get_name           (PalpateQuestionnaire  questionnaire);
const char *palpate_questionnaire_get_instructions   (PalpateQuestionnaire  questionnaire);
const char *palpate_questionnaire_get_source         (PalpateQuestionnaire  questionnaire);
const char *palpate_questionnaire_get_section        (PalpateQuestionnaire  questionnaire,
                                                      guint                 section);
const char *palpate_questionnaire_get_statement      (PalpateQuestionnaire  questionnaire,
                                                      guint                 section,
                                                      guint                 score);
gboolean    palpate_questionnaire_section_optional   (PalpateQuestionnaire  questionnaire,
                                                      guint                 section);
double      palpate_questionnaire_score              (PalpateQuestionnaire  questionnaire,
                                                      const int             answers[10],
                                                      guint                *n_answered);
double      palpate_questionnaire_minimal_change     (PalpateQuestionnaire  questionnaire);
const char *palpate_questionnaire_band               (PalpateQuestionnaire  questionnaire,
                                                      double                score);
char       *palpate_questionnaire_describe_score     (PalpateQuestionnaire  questionnaire,
                                                      const int             answers[10]);
gboolean    palpate_questionnaire_change_meaningful  (PalpateQuestionnaire  questionnaire,
                                                      double                first,
                                                      double                latest);

G_END_DECLS
