/* palpate-consent-dialog.h — a consent or refusal recorded with the client, who signs it on
 * screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-consent.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_CONSENT_DIALOG (palpate_consent_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PalpateConsentDialog, palpate_consent_dialog, PALPATE, CONSENT_DIALOG,
                      AdwWindow)

PalpateConsentDialog *palpate_consent_dialog_new         (GtkWindow            *parent,
                                                          gint64                client_id);
PalpateConsent       *palpate_consent_dialog_get_consent (PalpateConsentDialog *self);
void                  palpate_consent_dialog_set_minor   (PalpateConsentDialog *self,
                                                          gboolean              minor);
void                  palpate_consent_dialog_show_error  (PalpateConsentDialog *self,
                                                          const char           *message);

G_END_DECLS
