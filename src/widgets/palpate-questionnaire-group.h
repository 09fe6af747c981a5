/* palpate-questionnaire-group.h — a visit's questionnaires (NDI, Oswestry): their scores, and
 * the way to fill them in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_QUESTIONNAIRE_GROUP (palpate_questionnaire_group_get_type ())

G_DECLARE_FINAL_TYPE (PalpateQuestionnaireGroup, palpate_questionnaire_group,
                      PALPATE, QUESTIONNAIRE_GROUP, AdwPreferencesGroup)

gboolean palpate_questionnaire_group_load (PalpateQuestionnaireGroup  *self,
                                           PalpateStore               *store,
                                           gint64                      client_id,
                                           gint64                      visit_id,
                                           gboolean                    editable,
                                           GError                    **error);

G_END_DECLS
