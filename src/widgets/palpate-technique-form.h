/* palpate-technique-form.h — the techniques of a visit: the form to apply one, and those applied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_TECHNIQUE_FORM (palpate_technique_form_get_type ())

G_DECLARE_FINAL_TYPE (PalpateTechniqueForm, palpate_technique_form, PALPATE, TECHNIQUE_FORM,
                      AdwPreferencesGroup)

void palpate_technique_form_load           (PalpateTechniqueForm *self,
                                            PalpateStore         *store,
                                            PalpateVisit         *visit,
                                            GPtrArray            *techniques,
                                            GListModel           *findings);
void palpate_technique_form_unload         (PalpateTechniqueForm *self);
void palpate_technique_form_refresh        (PalpateTechniqueForm *self);
void palpate_technique_form_follow_finding (PalpateTechniqueForm *self,
                                            PalpateFinding       *finding);

G_END_DECLS
