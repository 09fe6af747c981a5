/* palpate-window.h — the main window of a clinic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-client-page.h"
#include "palpate-patient-view.h"
#include "palpate-types.h"
#include "palpate-visit-page.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_WINDOW (palpate_window_get_type ())

G_DECLARE_FINAL_TYPE (PalpateWindow, palpate_window, PALPATE, WINDOW, AdwApplicationWindow)

PalpateWindow     *palpate_window_new             (PalpateApplication *application,
                                                  GSettings          *settings);
gboolean           palpate_window_open_database   (PalpateWindow      *self,
                                                  const char         *path);
PalpateStore      *palpate_window_get_store       (PalpateWindow      *self);
void               palpate_window_show_latest     (PalpateWindow      *self,
                                                  gboolean            visit);
PalpateClientPage *palpate_window_get_client_page (PalpateWindow      *self);
PalpateVisitPage  *palpate_window_get_visit_page  (PalpateWindow      *self);
const char        *palpate_window_get_page_name   (PalpateWindow      *self);
gboolean           palpate_window_save_now        (PalpateWindow      *self);
PalpatePatientView *palpate_window_get_patient_view (PalpateWindow     *self);
void               palpate_window_set_check_clinic (PalpateWindow     *self,
                                                    gboolean           check);
gint64             palpate_window_get_therapist_id (PalpateWindow     *self);
gboolean           palpate_window_is_locked       (PalpateWindow      *self);
gboolean           palpate_window_restore_backup  (PalpateWindow      *self,
                                                  const char         *backup_path,
                                                  GError            **error);
void               palpate_window_connect_server_async  (PalpateWindow       *self,
                                                         const char          *location,
                                                         const char          *password,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean           palpate_window_connect_server_finish (PalpateWindow       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
