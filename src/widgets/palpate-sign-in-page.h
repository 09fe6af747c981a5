/* palpate-sign-in-page.h — who is at the keyboard: the therapists, a passcode, or the owner's
 * first profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_SIGN_IN_PAGE (palpate_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (PalpateSignInPage, palpate_sign_in_page, PALPATE, SIGN_IN_PAGE, GtkBox)

GtkWidget *palpate_sign_in_page_new   (void);
gboolean   palpate_sign_in_page_load  (PalpateSignInPage  *self,
                                       PalpateStore       *store,
                                       gint64              locked_by,
                                       GError            **error);
void       palpate_sign_in_page_clear (PalpateSignInPage  *self);

void       palpate_sign_in_ask_passcode (AdwMessageDialog *dialog,
                                         PalpateStore     *store);

G_END_DECLS
