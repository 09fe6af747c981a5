/* palpate-report.h — a client's progress report, for print and PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "palpate-store.h"

G_BEGIN_DECLS

typedef enum
{
  PALPATE_PAPER_A4,
  PALPATE_PAPER_LETTER,
} PalpatePaper;

typedef struct _PalpateReport PalpateReport;

PalpateReport *palpate_report_new          (PalpateStore   *store,
                                            gint64          client_id,
                                            GDate          *from,
                                            GDate          *to,
                                            GError        **error);
void           palpate_report_free         (PalpateReport  *report);
const char    *palpate_report_get_client_name (PalpateReport *report);
guint          palpate_report_get_n_visits (PalpateReport  *report);
void           palpate_paper_get_size      (PalpatePaper    paper,
                                            double         *width,
                                            double         *height);
int            palpate_report_count_pages  (PalpateReport  *report,
                                            double          width,
                                            double          height);
void           palpate_report_draw_page    (PalpateReport  *report,
                                            cairo_t        *cr,
                                            double          width,
                                            double          height,
                                            int             page);
gboolean       palpate_report_write_pdf    (PalpateReport  *report,
                                            PalpatePaper    paper,
                                            const char     *path,
                                            GError        **error);
int            palpate_report_command_line (int             argc,
                                            char          **argv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PalpateReport, palpate_report_free)

G_END_DECLS
