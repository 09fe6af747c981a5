/* palpate-client-report.h — what a client reported on their own view: pain, where it hurts,
 * how well they manage their activities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "palpate-finding.h"

G_BEGIN_DECLS

/**
 * PalpateClientActivityRating:
 * @activity_id: the client's PSFS activity
 * @rating: 0 (cannot do it) to 10 (as well as before)
 */
typedef struct
{
  gint64 activity_id;
  int    rating;
} PalpateClientActivityRating;

#define PALPATE_TYPE_CLIENT_REPORT (palpate_client_report_get_type ())

G_DECLARE_FINAL_TYPE (PalpateClientReport, palpate_client_report, PALPATE, CLIENT_REPORT, GObject)

PalpateClientReport *palpate_client_report_new             (gint64               client_id);
gint64               palpate_client_report_get_id          (PalpateClientReport *self);
void                 palpate_client_report_set_id          (PalpateClientReport *self,
                                                            gint64               id);
gint64               palpate_client_report_get_client_id   (PalpateClientReport *self);
GDateTime           *palpate_client_report_get_reported_at (PalpateClientReport *self);
void                 palpate_client_report_set_reported_at (PalpateClientReport *self,
                                                            GDateTime           *reported_at);
int                  palpate_client_report_get_pain        (PalpateClientReport *self);
void                 palpate_client_report_set_pain        (PalpateClientReport *self,
                                                            int                  pain);
gboolean             palpate_client_report_get_finished    (PalpateClientReport *self);
void                 palpate_client_report_set_finished    (PalpateClientReport *self,
                                                            gboolean             finished);
GPtrArray           *palpate_client_report_get_places      (PalpateClientReport *self);
void                 palpate_client_report_add_place       (PalpateClientReport *self,
                                                            PalpateView          view,
                                                            const char          *region_id,
                                                            const PalpatePoint  *point);
const PalpateClientActivityRating *
                     palpate_client_report_get_ratings     (PalpateClientReport *self,
                                                            guint               *n_ratings);
void                 palpate_client_report_add_rating      (PalpateClientReport *self,
                                                            gint64               activity_id,
                                                            int                  rating);
gboolean             palpate_client_report_is_empty        (PalpateClientReport *self);

G_END_DECLS
