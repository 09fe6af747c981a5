/* palpate-patient-forms.h — the forms a client fills in themselves on their own view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_PATIENT_FORMS (palpate_patient_forms_get_type ())

G_DECLARE_FINAL_TYPE (PalpatePatientForms, palpate_patient_forms, PALPATE, PATIENT_FORMS, GtkBox)

gboolean palpate_patient_forms_load (PalpatePatientForms  *self,
                                     PalpateStore         *store,
                                     gint64                client_id,
                                     GError              **error);

G_END_DECLS
