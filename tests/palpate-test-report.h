/* palpate-test-report.h — what the report tests share: a temporary clinic with clients and
 * visits, reports written from it, and their PDFs read back as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-report.h"
#include "palpate-store.h"

G_BEGIN_DECLS

typedef struct
{
  char         *tmpdir;
  char         *path;
  PalpateStore *store;
} PalpateTestReport;

void     palpate_test_report_set_up          (PalpateTestReport      *fixture,
                                              gconstpointer           user_data);
void     palpate_test_report_tear_down       (PalpateTestReport      *fixture,
                                              gconstpointer           user_data);
gint64   palpate_test_report_add_client      (PalpateTestReport      *fixture,
                                              const char             *name);
gint64   palpate_test_report_add_draft       (PalpateTestReport      *fixture,
                                              gint64                  client_id,
                                              int                     days_ago,
                                              int                     before,
                                              int                     after);
void     palpate_test_report_sign            (PalpateTestReport      *fixture,
                                              gint64                  visit_id);
gint64   palpate_test_report_add_visit       (PalpateTestReport      *fixture,
                                              gint64                  client_id,
                                              int                     days_ago,
                                              int                     before,
                                              int                     after);
void     palpate_test_report_add_self_rating (PalpateTestReport      *fixture,
                                              gint64                  client_id,
                                              int                     pain);
char    *palpate_test_report_write_full      (PalpateTestReport      *fixture,
                                              gint64                  client_id,
                                              const char             *name,
                                              PalpateVisitSelection   selection,
                                              gboolean                handout,
                                              PalpatePaper            paper);
char    *palpate_test_report_write           (PalpateTestReport      *fixture,
                                              gint64                  client_id,
                                              const char             *name);

char    *palpate_test_run                    (const char * const     *argv,
                                              int                    *status);
char    *palpate_test_pdf_text               (const char             *pdf);
char    *palpate_test_pdf_page_text          (const char             *pdf,
                                              int                     page);
int      palpate_test_pdf_pages              (const char             *pdf);
char    *palpate_test_without_footers        (const char             *text);
gboolean palpate_test_contains               (const char             *text,
                                              const char             *needle);

G_END_DECLS
