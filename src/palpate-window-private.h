/* palpate-window-private.h — what the window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-client-list.h"
#include "palpate-client-page.h"
#include "palpate-dashboard.h"
#include "palpate-visit-page.h"
#include "palpate-window.h"

G_BEGIN_DECLS

typedef struct _PalpateWindowSession PalpateWindowSession;

struct _PalpateWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  PalpateStore         *store;
  char                 *database_path;  /* the clinic file of this window */
  char                 *open_path;      /* the file open now: the clinic's, or the demo's */
  char                 *file_path;      /* on a clinic server: this computer's clinic file */
  gint64                client_id;      /* the client shown, or 0 */
  gboolean              writing_demo;
  gboolean              no_clinic_check;
  GCancellable         *clinic_check;   /* the check of the open file, while it runs */
  gulong                clinic_check_map_id;
  GdkFrameClock        *clinic_check_clock;
  gulong                clinic_check_frame_id;
  PalpateClientList    *clients;        /* the sidebar's clients, or NULL with no clinic open */
  guint                 scroll_to_selected_id;  /* the list's tick, until it can scroll */
  PalpateWindowSession *session;        /* who is signed in (palpate-window-session.c) */

  AdwToast             *last_toast;       /* weak: while it is shown or waiting to be */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  GtkWidget            *add_client_button;
  GtkWidget            *demo_button;
  AdwStatusPage        *error_page;
  GtkWidget            *restore_button;
  GtkWidget            *server_buttons;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  AdwWindowTitle       *clinic_title;
  GtkSearchEntry       *search_entry;
  GtkStack             *client_list_stack;
  GtkListView          *client_list;
  GtkSingleSelection   *client_selection;
  GtkLabel             *client_count_label;
  GtkStack             *content_stack;
  PalpateClientPage    *client_page;
  PalpateVisitPage     *visit_page;
  PalpateDashboard     *dashboard;
};

/* palpate-window.c: the pages */
void     palpate_window_toast                  (PalpateWindow  *self,
                                                const char     *message);
void     palpate_window_update_actions         (PalpateWindow  *self);
void     palpate_window_notify_store           (PalpateWindow  *self);
gboolean palpate_window_leave_visit            (PalpateWindow  *self);
void     palpate_window_show_client            (PalpateWindow  *self,
                                                gint64          client_id);
void     palpate_window_open_visit             (PalpateWindow  *self,
                                                gint64          visit_id);

/* palpate-window-clients.c: the sidebar's clients */
void     palpate_window_clients_class_init     (GtkWidgetClass *widget_class);
void     palpate_window_list_clients           (PalpateWindow  *self);
void     palpate_window_reload_clients         (PalpateWindow  *self);
void     palpate_window_select_client_row      (PalpateWindow  *self);

/* palpate-window-clinic.c: the clinic file, the demo clinic, restoring a backup */
void     palpate_window_clinic_class_init      (GtkWidgetClass *widget_class);
void     palpate_window_server_class_init      (GtkWidgetClass *widget_class);
void     palpate_window_server_update_actions  (PalpateWindow  *self);
void     palpate_window_adopt_store            (PalpateWindow  *self,
                                                PalpateStore   *store);
gboolean palpate_window_is_demo                (PalpateWindow  *self);
gboolean palpate_window_open_path              (PalpateWindow  *self,
                                                const char     *path);
void     palpate_window_close_store            (PalpateWindow  *self);
void     palpate_window_update_title           (PalpateWindow  *self);
void     palpate_window_show_clinic_or_empty   (PalpateWindow  *self);
void     palpate_window_show_clinic_error      (PalpateWindow  *self,
                                                const GError   *error);

/* palpate-window-clinic.c: the clinic's clients, listed once someone is signed in */
void     palpate_window_show_clinic            (PalpateWindow  *self,
                                                gboolean        from_start);

/* palpate-window-session.c: who is signed in, the sign-in page, locking when idle */
void     palpate_window_session_class_init     (GtkWidgetClass *widget_class);
void     palpate_window_session_init           (PalpateWindow  *self);
void     palpate_window_session_dispose        (PalpateWindow  *self);
gboolean palpate_window_session_open           (PalpateWindow  *self);
gboolean palpate_window_may_open_visit         (PalpateWindow  *self,
                                                gint64          visit_id);

/* palpate-window-actions.c: the "win." actions */
void     palpate_window_actions_class_init     (GtkWidgetClass *widget_class);
void     palpate_window_actions_init           (PalpateWindow  *self);

/* palpate-window-clinic-check.c: the integrity check and daily backup after the first frame */
void     palpate_window_check_clinic_later     (PalpateWindow  *self);
void     palpate_window_stop_clinic_check      (PalpateWindow  *self);

/* palpate-window-reports.c: printing and exporting progress reports and handouts */
void     palpate_window_reports_class_init     (GtkWidgetClass *widget_class);
void     palpate_window_reports_init           (PalpateWindow  *self);
void     palpate_window_reports_update_actions (PalpateWindow  *self,
                                                gboolean        open,
                                                gboolean        client);

/* palpate-window-rooms.c: the other rooms' changes on a clinic server */
void     palpate_window_follow_rooms            (PalpateWindow  *self);

/* palpate-window-exchange.c: a client's record handed over */
void     palpate_window_exchange_class_init     (GtkWidgetClass *widget_class);
void     palpate_window_exchange_update_actions (PalpateWindow  *self,
                                                 gboolean        client);

G_END_DECLS
