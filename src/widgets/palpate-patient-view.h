/* palpate-patient-view.h — one client's own progress, in plain words, for the client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_PATIENT_VIEW (palpate_patient_view_get_type ())

G_DECLARE_FINAL_TYPE (PalpatePatientView, palpate_patient_view, PALPATE, PATIENT_VIEW, AdwWindow)

PalpatePatientView *palpate_patient_view_new        (PalpateStore        *store,
                                                     gint64               client_id,
                                                     GError             **error);
gboolean            palpate_patient_view_unlock     (PalpatePatientView  *self,
                                                     const char          *pin);
gboolean            palpate_patient_view_is_locked  (PalpatePatientView  *self);
void                palpate_patient_view_cover_screen (PalpatePatientView *self,
                                                       GtkWindow          *parent);

G_END_DECLS
