/* palpate-test-clinic.h — the application run on a temporary clinic for end-to-end tests:
 * clinics laid out beforehand through the store, the app started on them, and the widgets a
 * hand aims at found by what a person sees (a label, a title, a tooltip)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-application.h"
#include "palpate-store.h"
#include "palpate-window.h"

G_BEGIN_DECLS

typedef struct _PalpateTestClinic PalpateTestClinic;

typedef void (*PalpateTestClinicBody) (PalpateTestClinic *clinic,
                                       gconstpointer      data);

struct _PalpateTestClinic
{
  char                  *tmpdir;
  char                  *database_path;
  PalpateStore          *seed;     /* open only before the application runs */
  PalpateWindow         *window;   /* while the application runs */
  PalpateStore          *store;    /* the window's, while the application runs */
  PalpateTestClinicBody  body;
  PalpateTestClinicBody  after;    /* when the application has ended, before its windows go */
  gconstpointer          data;
  gboolean               ran;
};

/* Waits, spinning the main loop, until @expr holds; fails the test after fifteen seconds (a
 * sanitizer build on a busy machine is slow, and a wait that holds returns at once). */
#define PALPATE_TEST_WAIT_UNTIL(expr)                                                       \
  G_STMT_START {                                                                            \
    gint64 _palpate_deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;               \
    while (!(expr))                                                                         \
      {                                                                                     \
        if (g_get_monotonic_time () > _palpate_deadline)                                    \
          g_error ("%s:%d: waited fifteen seconds for %s", __FILE__, __LINE__, #expr);      \
        if (!g_main_context_iteration (NULL, FALSE))                                        \
          g_usleep (1000);                                                                  \
      }                                                                                     \
  } G_STMT_END

void            palpate_test_clinic_set_up        (PalpateTestClinic  *clinic,
                                                   gconstpointer       data);
void            palpate_test_clinic_tear_down     (PalpateTestClinic  *clinic,
                                                   gconstpointer       data);
void            palpate_test_clinic_run           (PalpateTestClinic  *clinic,
                                                   PalpateTestClinicBody body);
PalpateStore   *palpate_test_clinic_open_store    (PalpateTestClinic  *clinic);

gint64          palpate_test_clinic_add_client    (PalpateStore       *store,
                                                   const char         *name);
gint64          palpate_test_clinic_add_therapist (PalpateStore       *store,
                                                   const char         *name,
                                                   const char         *registration,
                                                   gboolean            owner,
                                                   const char         *passcode);
gint64          palpate_test_clinic_add_visit     (PalpateStore       *store,
                                                   gint64              client_id,
                                                   int                 days_ago);
void            palpate_test_clinic_sign_visit    (PalpateStore       *store,
                                                   gint64              visit_id);
gint64          palpate_test_clinic_add_finding   (PalpateStore       *store,
                                                   gint64              visit_id,
                                                   PalpateFindingKind  kind,
                                                   const char         *region_id,
                                                   int                 intensity);

GtkWidget      *palpate_test_find_button          (GtkWidget          *root,
                                                   const char         *label);
GtkWidget      *palpate_test_find_by_tooltip      (GtkWidget          *root,
                                                   const char         *tooltip);
GtkWidget      *palpate_test_find_row             (GtkWidget          *root,
                                                   const char         *title);
GtkWidget      *palpate_test_find_label           (GtkWidget          *root,
                                                   const char         *text);
GtkWidget      *palpate_test_child                (GtkWidget          *root,
                                                   const char         *buildable_id);
void            palpate_test_save_screenshot      (GtkWidget          *widget,
                                                   const char         *name);
gboolean        palpate_test_file_has_pdf         (const char         *path);
char           *palpate_test_pdf_reading_text     (const char         *path);
char           *palpate_test_text_of              (GtkTextView        *view);
void            palpate_test_dismiss_toast        (PalpateWindow      *window,
                                                   const char         *text);
void            palpate_test_choose_from_main_menu (PalpateWindow     *window,
                                                    const char        *label);
gboolean        palpate_test_has_toast            (PalpateWindow      *window,
                                                   const char         *text);
char           *palpate_test_clinic_fingerprint   (PalpateStore       *store);

G_END_DECLS
