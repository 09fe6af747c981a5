/* palpate-client.h — a client: who they are, what brings them in, who else cares for them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "palpate-types.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_CLIENT (palpate_client_get_type ())

G_DECLARE_FINAL_TYPE (PalpateClient, palpate_client, PALPATE, CLIENT, GObject)

PalpateClient     *palpate_client_new                   (void);
gint64             palpate_client_get_id                (PalpateClient *self);
void               palpate_client_set_id                (PalpateClient *self,
                                                         gint64 id);
const char        *palpate_client_get_name              (PalpateClient *self);
void               palpate_client_set_name              (PalpateClient *self,
                                                         const char *name);
const char        *palpate_client_get_birth_date        (PalpateClient *self);
void               palpate_client_set_birth_date        (PalpateClient *self,
                                                         const char *birth_date);
const char        *palpate_client_get_phone             (PalpateClient *self);
void               palpate_client_set_phone             (PalpateClient *self,
                                                         const char *phone);
const char        *palpate_client_get_email             (PalpateClient *self);
void               palpate_client_set_email             (PalpateClient *self,
                                                         const char *email);
const char * const*palpate_client_get_conditions        (PalpateClient *self);
void               palpate_client_set_conditions        (PalpateClient *self,
                                                         const char * const *conditions);
const char * const*palpate_client_get_contraindications (PalpateClient *self);
void               palpate_client_set_contraindications (PalpateClient *self,
                                                         const char * const *contraindications);
const char * const*palpate_client_get_practitioners     (PalpateClient *self);
void               palpate_client_set_practitioners     (PalpateClient *self,
                                                         const char * const *practitioners);
const char        *palpate_client_get_goals             (PalpateClient *self);
void               palpate_client_set_goals             (PalpateClient *self,
                                                         const char *goals);
const char * const*palpate_client_get_activities        (PalpateClient *self);
void               palpate_client_set_activities        (PalpateClient *self,
                                                         const char * const *activities);
GDateTime         *palpate_client_get_created_at        (PalpateClient *self);
void               palpate_client_set_created_at        (PalpateClient *self,
                                                         GDateTime *created_at);
int                palpate_client_get_visit_count       (PalpateClient *self);
void               palpate_client_set_visit_count       (PalpateClient *self,
                                                         int visit_count);
GDateTime         *palpate_client_get_last_visit_at     (PalpateClient *self);
void               palpate_client_set_last_visit_at     (PalpateClient *self,
                                                         GDateTime *last_visit_at);

G_END_DECLS
