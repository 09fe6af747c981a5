/* palpate-visit-page.h — charting a visit: the body map beside pain, techniques and SOAP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-body-map.h"
#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_VISIT_PAGE (palpate_visit_page_get_type ())

G_DECLARE_FINAL_TYPE (PalpateVisitPage, palpate_visit_page, PALPATE, VISIT_PAGE, GtkBox)

gboolean        palpate_visit_page_load          (PalpateVisitPage  *self,
                                                  PalpateStore      *store,
                                                  gint64             visit_id,
                                                  GError           **error);
void            palpate_visit_page_unload        (PalpateVisitPage  *self);
gboolean        palpate_visit_page_flush         (PalpateVisitPage  *self);
PalpateVisit   *palpate_visit_page_get_visit     (PalpateVisitPage  *self);
PalpateBodyMap *palpate_visit_page_get_body_map  (PalpateVisitPage  *self);
const char     *palpate_visit_page_get_save_error (PalpateVisitPage *self);
void            palpate_visit_page_show_changed_elsewhere (PalpateVisitPage *self,
                                                           PalpateVisit     *stored);
GtkTextView    *palpate_visit_page_get_soap_view (PalpateVisitPage  *self,
                                                  const char        *field);

G_END_DECLS
