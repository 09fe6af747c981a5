/* palpate-application.h — the Palpate application: command line, app-wide actions, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-types.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_APPLICATION (palpate_application_get_type ())

G_DECLARE_FINAL_TYPE (PalpateApplication, palpate_application, PALPATE, APPLICATION, AdwApplication)

PalpateApplication *palpate_application_new               (void);
const char         *palpate_application_get_database_path (PalpateApplication *self);
void                palpate_application_set_database_path (PalpateApplication *self,
                                                           const char         *database_path);
int                 palpate_application_get_exit_status   (PalpateApplication *self);
char               *palpate_application_dup_default_database_path (void);
char               *palpate_application_dup_own_clinic (void);

G_END_DECLS
