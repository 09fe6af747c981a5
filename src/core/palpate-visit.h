/* palpate-visit.h — a visit (session): pain, SOAP note, status; its findings and techniques are kept apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "palpate-types.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_VISIT (palpate_visit_get_type ())

G_DECLARE_FINAL_TYPE (PalpateVisit, palpate_visit, PALPATE, VISIT, GObject)

PalpateVisit      *palpate_visit_new                    (void);
gint64             palpate_visit_get_id                 (PalpateVisit *self);
void               palpate_visit_set_id                 (PalpateVisit *self,
                                                         gint64 id);
gint64             palpate_visit_get_client_id          (PalpateVisit *self);
void               palpate_visit_set_client_id          (PalpateVisit *self,
                                                         gint64 client_id);
gint64             palpate_visit_get_therapist_id       (PalpateVisit *self);
void               palpate_visit_set_therapist_id       (PalpateVisit *self,
                                                         gint64 therapist_id);
const char        *palpate_visit_get_therapist_name     (PalpateVisit *self);
void               palpate_visit_set_therapist_name     (PalpateVisit *self,
                                                         const char *therapist_name);
GDateTime         *palpate_visit_get_started_at         (PalpateVisit *self);
void               palpate_visit_set_started_at         (PalpateVisit *self,
                                                         GDateTime *started_at);
int                palpate_visit_get_duration_minutes   (PalpateVisit *self);
void               palpate_visit_set_duration_minutes   (PalpateVisit *self,
                                                         int duration_minutes);
int                palpate_visit_get_pain_before        (PalpateVisit *self);
void               palpate_visit_set_pain_before        (PalpateVisit *self,
                                                         int pain_before);
int                palpate_visit_get_pain_after         (PalpateVisit *self);
void               palpate_visit_set_pain_after         (PalpateVisit *self,
                                                         int pain_after);
const char        *palpate_visit_get_subjective         (PalpateVisit *self);
void               palpate_visit_set_subjective         (PalpateVisit *self,
                                                         const char *subjective);
const char        *palpate_visit_get_objective          (PalpateVisit *self);
void               palpate_visit_set_objective          (PalpateVisit *self,
                                                         const char *objective);
const char        *palpate_visit_get_assessment         (PalpateVisit *self);
void               palpate_visit_set_assessment         (PalpateVisit *self,
                                                         const char *assessment);
const char        *palpate_visit_get_plan               (PalpateVisit *self);
void               palpate_visit_set_plan               (PalpateVisit *self,
                                                         const char *plan);
const char        *palpate_visit_get_home_care          (PalpateVisit *self);
void               palpate_visit_set_home_care          (PalpateVisit *self,
                                                         const char *home_care);
PalpateVisitStatus palpate_visit_get_status             (PalpateVisit *self);
void               palpate_visit_set_status             (PalpateVisit *self,
                                                         PalpateVisitStatus status);
GDateTime         *palpate_visit_get_signed_at          (PalpateVisit *self);
void               palpate_visit_set_signed_at          (PalpateVisit *self,
                                                         GDateTime *signed_at);
const char        *palpate_visit_get_signed_by          (PalpateVisit *self);
void               palpate_visit_set_signed_by          (PalpateVisit *self,
                                                         const char *signed_by);
gboolean           palpate_visit_get_consent_sensitive  (PalpateVisit *self);
void               palpate_visit_set_consent_sensitive  (PalpateVisit *self,
                                                         gboolean consent_sensitive);
gboolean           palpate_visit_get_reported_by_client (PalpateVisit *self);
void               palpate_visit_set_reported_by_client (PalpateVisit *self,
                                                         gboolean reported_by_client);
gint64             palpate_visit_get_version            (PalpateVisit *self);
void               palpate_visit_set_version            (PalpateVisit *self,
                                                         gint64 version);

G_END_DECLS
