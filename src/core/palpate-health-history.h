/* palpate-health-history.h — a client's health history (intake), one dated version of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "palpate-vocabulary.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_HEALTH_HISTORY (palpate_health_history_get_type ())

G_DECLARE_FINAL_TYPE (PalpateHealthHistory, palpate_health_history, PALPATE, HEALTH_HISTORY,
                      GObject)

/* The health history's free-text answers. */
typedef enum
{
  PALPATE_HISTORY_MEDICATIONS,
  PALPATE_HISTORY_ALLERGIES,
  PALPATE_HISTORY_OTHER_CONDITIONS,
  PALPATE_HISTORY_SURGERIES,
  PALPATE_HISTORY_EMERGENCY_CONTACT,
  PALPATE_HISTORY_REFERRAL,
} PalpateHistoryField;

#define PALPATE_HISTORY_N_FIELDS (PALPATE_HISTORY_REFERRAL + 1)
#define PALPATE_HISTORY_MAX_CHARS 10000

typedef enum
{
  PALPATE_PREGNANCY_NOT_ASKED,
  PALPATE_PREGNANCY_NO,
  PALPATE_PREGNANCY_YES,
} PalpatePregnancy;

PalpateHealthHistory *palpate_health_history_new              (void);
PalpateHealthHistory *palpate_health_history_copy             (PalpateHealthHistory *self);
gint64                palpate_health_history_get_id           (PalpateHealthHistory *self);
void                  palpate_health_history_set_id           (PalpateHealthHistory *self,
                                                               gint64                id);
gint64                palpate_health_history_get_client_id    (PalpateHealthHistory *self);
void                  palpate_health_history_set_client_id    (PalpateHealthHistory *self,
                                                               gint64                client_id);
GDateTime            *palpate_health_history_get_recorded_at  (PalpateHealthHistory *self);
void                  palpate_health_history_set_recorded_at  (PalpateHealthHistory *self,
                                                               GDateTime            *when);
const char           *palpate_health_history_get_recorded_by  (PalpateHealthHistory *self);
void                  palpate_health_history_set_recorded_by  (PalpateHealthHistory *self,
                                                               const char           *who);
gboolean              palpate_health_history_get_reported_by_client (PalpateHealthHistory *self);
void                  palpate_health_history_set_reported_by_client (PalpateHealthHistory *self,
                                                                     gboolean              by_client);
GDateTime            *palpate_health_history_get_accepted_at  (PalpateHealthHistory *self);
void                  palpate_health_history_set_accepted_at  (PalpateHealthHistory *self,
                                                               GDateTime            *when);
const char           *palpate_health_history_get_text         (PalpateHealthHistory *self,
                                                               PalpateHistoryField   field);
void                  palpate_health_history_set_text         (PalpateHealthHistory *self,
                                                               PalpateHistoryField   field,
                                                               const char           *text);
const char * const   *palpate_health_history_get_conditions   (PalpateHealthHistory *self);
void                  palpate_health_history_set_conditions   (PalpateHealthHistory *self,
                                                               const char * const   *ids);
PalpatePregnancy      palpate_health_history_get_pregnancy    (PalpateHealthHistory *self);
void                  palpate_health_history_set_pregnancy    (PalpateHealthHistory *self,
                                                               PalpatePregnancy      pregnancy);

gboolean              palpate_health_history_validate         (PalpateHealthHistory *self,
                                                               GError              **error);
char                **palpate_health_history_dup_changes      (PalpateHealthHistory *before,
                                                               PalpateHealthHistory *after);

const char           *palpate_history_field_get_key           (PalpateHistoryField   field);
const char           *palpate_history_field_get_title         (PalpateHistoryField   field);
const PalpateVocabularyEntry *palpate_medical_conditions_get  (guint                *n_entries);
const char           *palpate_pregnancy_get_key               (PalpatePregnancy      pregnancy);
PalpatePregnancy      palpate_pregnancy_from_key              (const char           *key);

G_END_DECLS
