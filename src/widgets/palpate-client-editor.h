/* palpate-client-editor.h — the New Client / Edit Client window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-body-map.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_CLIENT_EDITOR (palpate_client_editor_get_type ())

G_DECLARE_FINAL_TYPE (PalpateClientEditor, palpate_client_editor,
                      PALPATE, CLIENT_EDITOR, AdwWindow)

#define PALPATE_CLIENT_EDITOR_MAX_ACTIVITIES 5

PalpateClientEditor *palpate_client_editor_new                  (void);
const char          *palpate_client_editor_get_name             (PalpateClientEditor *self);
void                 palpate_client_editor_set_name             (PalpateClientEditor *self,
                                                                 const char          *name);
gboolean             palpate_client_editor_get_birth_date       (PalpateClientEditor *self,
                                                                 GDate               *date,
                                                                 GError             **error);
void                 palpate_client_editor_set_birth_date       (PalpateClientEditor *self,
                                                                 const GDate         *date);
const char          *palpate_client_editor_get_phone            (PalpateClientEditor *self);
void                 palpate_client_editor_set_phone            (PalpateClientEditor *self,
                                                                 const char          *phone);
const char          *palpate_client_editor_get_email            (PalpateClientEditor *self);
void                 palpate_client_editor_set_email            (PalpateClientEditor *self,
                                                                 const char          *email);
char               **palpate_client_editor_dup_conditions       (PalpateClientEditor *self);
void                 palpate_client_editor_set_conditions       (PalpateClientEditor *self,
                                                                 const char * const  *conditions);
char               **palpate_client_editor_dup_contraindications (PalpateClientEditor *self);
void                 palpate_client_editor_set_contraindications (PalpateClientEditor *self,
                                                                  const char * const  *contraindications);
char                *palpate_client_editor_dup_practitioner     (PalpateClientEditor *self,
                                                                 const char          *role);
void                 palpate_client_editor_set_practitioner     (PalpateClientEditor *self,
                                                                 const char          *role,
                                                                 const char          *name);
char                *palpate_client_editor_dup_goals            (PalpateClientEditor *self);
void                 palpate_client_editor_set_goals            (PalpateClientEditor *self,
                                                                 const char          *goals);
char               **palpate_client_editor_dup_activities       (PalpateClientEditor *self);
void                 palpate_client_editor_set_activities       (PalpateClientEditor *self,
                                                                 const char * const  *activities);
void                 palpate_client_editor_show_field_error     (PalpateClientEditor *self,
                                                                 const char          *field,
                                                                 const char          *message);
void                 palpate_client_editor_show_error           (PalpateClientEditor *self,
                                                                 const char          *message);
GListModel          *palpate_client_editor_get_zones            (PalpateClientEditor *self);
void                 palpate_client_editor_set_zones            (PalpateClientEditor *self,
                                                                 GPtrArray           *zones);
PalpateBodyMap      *palpate_client_editor_get_zones_map        (PalpateClientEditor *self);

G_END_DECLS
