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
 * PalpateInstrument:
 * @PALPATE_INSTRUMENT_NDI: the Neck Disability Index (Vernon & Mior 1991)
 * @PALPATE_INSTRUMENT_ODI: the Oswestry Disability Index 2.1a (Fairbank & Pynsent 2000)
 */
typedef enum
{
  PALPATE_INSTRUMENT_NDI,
  PALPATE_INSTRUMENT_ODI,
} PalpateInstrument;

const char *palpate_questionnaire_get_key            (PalpateInstrument     instrument);
gboolean    palpate_questionnaire_from_key           (const char           *key,
                                                      PalpateInstrument    *instrument);
const char *palpate_questionnaire_get_name           (PalpateInstrument     instrument);
const char *palpate_questionnaire_get_instructions   (PalpateInstrument     instrument);
const char *palpate_questionnaire_get_source         (PalpateInstrument     instrument);
const char *palpate_questionnaire_get_section        (PalpateInstrument     instrument,
                                                      guint                 section);
const char *palpate_questionnaire_get_statement      (PalpateInstrument     instrument,
                                                      guint                 section,
                                                      guint                 score);
gboolean    palpate_questionnaire_section_optional   (PalpateInstrument     instrument,
                                                      guint                 section);
double      palpate_questionnaire_score              (PalpateInstrument     instrument,
                                                      const int             answers[10],
                                                      guint                *n_answered);
double      palpate_questionnaire_minimal_change     (PalpateInstrument     instrument);
const char *palpate_questionnaire_band               (PalpateInstrument     instrument,
                                                      double                score);
char       *palpate_questionnaire_describe_score     (PalpateInstrument     instrument,
                                                      const int             answers[10]);
gboolean    palpate_questionnaire_change_meaningful  (PalpateInstrument     instrument,
                                                      double                first,
                                                      double                latest);

G_END_DECLS
