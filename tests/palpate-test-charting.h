/* palpate-test-charting.h — what the end-to-end charting tests share: the window's pages, a
 * client opened by click, a finding charted by a drag, and one process per path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gtk/gtktestatcontext.h>

#include "palpate-application.h"
#include "palpate-atlas.h"
#include "palpate-client-editor.h"
#include "palpate-dashboard.h"
#include "palpate-pain-scale.h"
#include "palpate-region-chooser.h"
#include "palpate-report.h"
#include "palpate-store-private.h"
#include "palpate-test-clinic.h"
#include "palpate-test-input.h"
#include "palpate-test-utils.h"
#include "palpate-window.h"

G_BEGIN_DECLS

typedef PalpateTestClinic Clinic;

#define WAIT_UNTIL PALPATE_TEST_WAIT_UNTIL

/* How long another room's change may take to show (a clinic server's rooms). */
#define PALPATE_TEST_WITHIN_A_SECOND G_USEC_PER_SEC

/* Waits until @expr holds and fails the test if that took a second or more. */
#define WAIT_WITHIN_A_SECOND(expr)                                                          \
  G_STMT_START {                                                                            \
    gint64 _start = g_get_monotonic_time ();                                                \
    WAIT_UNTIL (expr);                                                                      \
    g_assert_cmpint (g_get_monotonic_time () - _start, <, PALPATE_TEST_WITHIN_A_SECOND);    \
  } G_STMT_END

typedef void (*PalpateTestCaseFunc) (Clinic        *clinic,
                                     gconstpointer  data);

/* Each path under /Palpate/Charting/ runs in a process of its own, so that one failure does
 * not hide the next. */
#define PALPATE_TEST_CHARTING_ADD(path, func) \
  g_test_add_data_func ("/Palpate/Charting/" path, (gconstpointer) (func), \
                        palpate_test_charting_run_case)

void         palpate_test_charting_init     (int             *argc,
                                             char          ***argv);
void         palpate_test_charting_run_case (gconstpointer    data);
void         palpate_test_click_client      (Clinic          *clinic,
                                             const char      *name);
gboolean     palpate_test_client_shown      (Clinic          *clinic,
                                             const char      *name);
gboolean     palpate_test_client_listed     (Clinic          *clinic,
                                             const char      *name);
void         palpate_test_type_at_end       (GtkWidget       *text_view,
                                             const char      *text);
void         palpate_test_sign_by_hand      (Clinic          *clinic);
void         palpate_test_choose_from_dropdown (GtkWidget    *dropdown,
                                                const char   *label);
void         palpate_test_open_latest_visit (Clinic          *clinic,
                                             const char      *name);
gboolean     palpate_test_map_is_laid_out   (PalpateBodyMap  *map);
void         palpate_test_chart_by_hand     (PalpateBodyMap  *map,
                                             int              kind,
                                             const char      *region_id,
                                             guint            n_points,
                                             guint32          seed);
guint        palpate_test_n_stored_findings (Clinic          *clinic,
                                             gint64           visit_id);
GtkWidget   *palpate_test_pain_button       (GtkWidget       *scale,
                                             int              value);

static inline GtkWidget *
win (Clinic *clinic)
{
  return GTK_WIDGET (clinic->window);
}

static inline PalpateVisitPage *
visit_page (Clinic *clinic)
{
  return palpate_window_get_visit_page (clinic->window);
}

static inline gboolean
page_is (Clinic     *clinic,
         const char *name)
{
  return g_strcmp0 (palpate_window_get_page_name (clinic->window), name) == 0;
}

static inline GtkWidget *
soap (Clinic     *clinic,
      const char *field)
{
  return GTK_WIDGET (palpate_visit_page_get_soap_view (visit_page (clinic), field));
}

static inline int
pain_of (GtkWidget *scale)
{
  return palpate_pain_scale_get_value (PALPATE_PAIN_SCALE (scale));
}

G_END_DECLS
