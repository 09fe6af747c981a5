/* palpate-report-pages.c — a progress report laid out on pages, for print and PDF
 *
 * The report lays itself out on pages of any size: the clinic's header, the client, the
 * outcome in one sentence, the pain trend, everyday activities, the body charts of the first and
 * the latest visit, each finding's history, the techniques, the visits, the questionnaires and
 * a signature line. Long tables flow onto more pages with their headings repeated; long text
 * flows on line by line, so that a field of any allowed length is printed whole
 * (palpate-report-flow.c). Every page says in its foot what the report counted. One pass
 * measures (how many pages), another draws one page (the print dialog) or all of them (PDF).
 * The client's handout has its own, plainer flow (palpate-report-handout.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-report"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "palpate-date.h"
#include "palpate-report-private.h"
#include "palpate-vocabulary.h"

/* "Visits from 3 Mar 2025 to 2 Dec 2026, signed notes only: 12 visits": the period, always. */
char *
palpate_report_dup_period (PalpateReport *report)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *counted = NULL;
  g_autofree char *period = NULL;
  guint n = report->visits->len;

  if (g_date_valid (&report->from))
    from = palpate_report_format_date (&report->from);
  else
    from = g_strdup (_("the start of care"));
  if (g_date_valid (&report->to))
    to = palpate_report_format_date (&report->to);
  else
    to = g_strdup (report->made_on);

  counted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit", "%u visits", n), n);
  /* Translators: "Visits from 1 Jan 2026 to 30 Jun 2026, signed notes only: 12 visits" */
  period = g_strdup_printf (_("Visits from %s to %s, %s: %s"), from, to,
                            palpate_visit_selection_describe (report->selection), counted);
  if (report->month_year > 0)
    {
      g_autoptr(GDateTime) month = g_date_time_new_local (report->month_year, report->month, 1,
                                                          0, 0, 0);
      g_autofree char *month_name = palpate_format_month (month);
      g_autofree char *with_month = NULL;

      /* Translators: a month's batch of reports, "Made for November 2026. Visits from …" */
      with_month = g_strdup_printf (_("Made for %s. %s"), month_name, period);
      return g_steal_pointer (&with_month);
    }

  return g_steal_pointer (&period);
}

static void
draw_header (PalpateFlow *flow)
{
  PalpateReport *report = flow->report;
  PalpateClient *client = report->client;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *clinic = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  double width = flow->width - 2 * MARGIN;

  clinic = g_markup_printf_escaped ("<b>%s</b>\n<span size='smaller'>%s%s%s</span>",
                                    report->clinic_name ? report->clinic_name : "",
                                    report->clinic_address ? report->clinic_address : "",
                                    report->clinic_address && report->clinic_phone ? " · " : "",
                                    report->clinic_phone ? report->clinic_phone : "");
  palpate_flow_draw_text (flow, clinic, 11, MARGIN, flow->y, width * 0.65, 0.15);
  title = g_markup_printf_escaped ("<b>%s</b>\n<span size='smaller'>%s</span>",
                                   _("Progress Report"), report->made_on);
  {
    g_autoptr(PangoLayout) layout = palpate_flow_make_layout (flow, title, 13, width * 0.35);

    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
    if (palpate_flow_is_drawing (flow))
      {
        cairo_set_source_rgb (flow->cr, 0.1, 0.1, 0.1);
        cairo_move_to (flow->cr, MARGIN + width * 0.65, flow->y);
        pango_cairo_show_layout (flow->cr, layout);
      }
  }
  flow->y += MAX (palpate_flow_text_height (flow, clinic, 11, width * 0.65),
                  palpate_flow_text_height (flow, title, 13, width * 0.35)) + 8;
  if (palpate_flow_is_drawing (flow))
    {
      cairo_set_source_rgb (flow->cr, 0.2, 0.45, 0.75);
      cairo_set_line_width (flow->cr, 1.5);
      cairo_move_to (flow->cr, MARGIN, flow->y);
      cairo_line_to (flow->cr, MARGIN + width, flow->y);
      cairo_stroke (flow->cr);
    }
  flow->y += 12;

  name = g_markup_printf_escaped ("<b>%s</b>", palpate_client_get_name (client));
  palpate_flow_paragraph (flow, name, 15);

  if (palpate_client_get_birth_date (client) != NULL)
    g_string_append_printf (details, "%s %s\n", _("Born"), palpate_client_get_birth_date (client));
  {
    g_autofree char *period = palpate_report_dup_period (report);

    g_string_append (details, period);
    g_string_append_c (details, '\n');
  }
  if (report->therapists != NULL && *report->therapists != '\0')
    g_string_append_printf (details, "%s: %s\n", _("Therapist"), report->therapists);
  {
    const PalpateVocabularyEntry *entries;
    guint n_entries;
    const char * const *conditions = palpate_client_get_conditions (client);
    g_autoptr(GString) list = g_string_new (NULL);

    entries = palpate_conditions_get (&n_entries);
    for (guint i = 0; conditions != NULL && conditions[i] != NULL; i++)
      g_string_append_printf (list, "%s%s", list->len ? ", " : "",
                              palpate_vocabulary_get_name (entries, n_entries, conditions[i]));
    if (list->len)
      g_string_append_printf (details, "%s: %s\n", _("Conditions"), list->str);
  }
  if (palpate_client_get_goals (client) != NULL && *palpate_client_get_goals (client) != '\0')
    g_string_append_printf (details, "%s: %s\n", _("Goals"), palpate_client_get_goals (client));

  if (details->len > 0)
    {
      g_autofree char *markup = NULL;

      g_strchomp (details->str);
      markup = g_markup_escape_text (details->str, -1);
      palpate_flow_paragraph (flow, markup, BODY_SIZE);
    }
}

/* The signature block's height, kept on the page of what precedes it. */
#define SIGNATURE_HEIGHT 100.0

/* Under the signature line, who signed the visits: each as their entries name them, with
 * credentials and registration. */
static char *
dup_signers (PalpateReport *report)
{
  g_autoptr(GPtrArray) signers = g_ptr_array_new ();

  for (guint i = 0; i < report->visits->len; i++)
    {
      const char *signer = palpate_visit_get_signed_by (report->visits->pdata[i]);

      if (signer != NULL && *signer != '\0' &&
          !g_ptr_array_find_with_equal_func (signers, signer, g_str_equal, NULL))
        g_ptr_array_add (signers, (gpointer) signer);
    }
  if (signers->len == 0)
    return NULL;

  g_ptr_array_add (signers, NULL);
  return g_strjoinv ("; ", (char **) signers->pdata);
}

static void
draw_signature (PalpateFlow *flow)
{
  g_autofree char *markup = NULL;
  g_autofree char *signers = dup_signers (flow->report);
  double width = flow->width - 2 * MARGIN;

  palpate_flow_need (flow, SIGNATURE_HEIGHT);
  flow->y += 36;
  if (palpate_flow_is_drawing (flow))
    {
      cairo_set_source_rgb (flow->cr, 0.2, 0.2, 0.2);
      cairo_set_line_width (flow->cr, 0.7);
      cairo_move_to (flow->cr, MARGIN, flow->y);
      cairo_line_to (flow->cr, MARGIN + width * 0.55, flow->y);
      cairo_move_to (flow->cr, MARGIN + width * 0.65, flow->y);
      cairo_line_to (flow->cr, MARGIN + width, flow->y);
      cairo_stroke (flow->cr);
    }
  flow->y += 3;
  markup = g_markup_escape_text (_("Therapist’s signature"), -1);
  palpate_flow_draw_text (flow, markup, 8, MARGIN, flow->y, width * 0.55, 0.35);
  g_free (markup);
  markup = g_markup_escape_text (_("Date"), -1);
  palpate_flow_draw_text (flow, markup, 8, MARGIN + width * 0.65, flow->y, width * 0.35, 0.35);
  g_free (markup);
  if (signers != NULL)
    {
      flow->y += 12;
      markup = g_markup_escape_text (signers, -1);
      palpate_flow_draw_text (flow, markup, 8, MARGIN, flow->y, width, 0.2);
      g_free (markup);
    }
  flow->y += 18;
  markup = g_markup_escape_text (flow->report->n_drafts > 0
                                 ? _("Made from the clinic’s records. Signed visit notes are never "
                                     "altered; corrections are dated amendments, printed beside "
                                     "the visit they correct. Unsigned drafts may still change.")
                                 : _("Made from the clinic’s records. Signed visit notes are never "
                                     "altered; corrections are dated amendments, printed beside "
                                     "the visit they correct."), -1);
  palpate_flow_paragraph (flow, markup, 7.5);
}

static void
run_flow (PalpateFlow *flow)
{
  if (flow->report->for_client)
    {
      flow->y = MARGIN;
      flow->page = 0;
      palpate_report_draw_handout (flow);
      return;
    }

  flow->y = MARGIN;
  flow->page = 0;

  draw_header (flow);
  palpate_report_draw_outcome (flow);
  palpate_report_draw_trend (flow);
  palpate_report_draw_psfs (flow);
  palpate_report_draw_plan (flow);
  palpate_report_draw_body_charts (flow);
  palpate_report_draw_history (flow);
  palpate_report_draw_techniques (flow);
  palpate_report_draw_outcome_measures (flow);
  palpate_report_draw_consents (flow);
  palpate_report_draw_clients_own (flow);
  palpate_report_draw_visits (flow, SIGNATURE_HEIGHT);
  draw_signature (flow);
  palpate_flow_draw_footer (flow);
}

int
palpate_report_count_pages (PalpateReport *report,
                            double         width,
                            double         height)
{
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  PalpateFlow flow = { report, cr, width, height, 0, 0, MEASURE, 0 };

  run_flow (&flow);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return flow.page + 1;
}

/**
 * palpate_report_draw_page:
 * @page: from 0
 * @n_pages: what palpate_report_count_pages() said for this size, for the page numbers
 *
 * Draws one page, for the print dialog.
 */
void
palpate_report_draw_page (PalpateReport *report,
                          cairo_t       *cr,
                          double         width,
                          double         height,
                          int            page,
                          int            n_pages)
{
  PalpateFlow flow = { report, cr, width, height, 0, 0, page, n_pages };

  run_flow (&flow);
}

/* Where the PDF goes: a file of our own, and why a write failed. */
typedef struct
{
  int fd;
  int saved_errno;
} PdfFile;

static cairo_status_t
write_pdf_cb (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  PdfFile *file = closure;

  while (length > 0)
    {
      ssize_t n = write (file->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          file->saved_errno = n < 0 ? errno : ENOSPC;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }

  return CAIRO_STATUS_SUCCESS;
}

/* Why a report could not be written, in words, rather than cairo's "error while writing to
 * output stream". */
static void
set_write_error (const char  *path,
                 int          saved_errno,
                 GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *folder = g_path_get_dirname (display);

  switch (saved_errno)
    {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   _("The disk is full, so the report “%s” could not be written. Nothing was "
                     "left behind; free some space and try again."), display);
      break;

    case ENOENT:
    case ENOTDIR:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The folder “%s” does not exist, so the report “%s” could not be "
                     "written."), folder, display);
      break;

    case EACCES:
    case EPERM:
    case EROFS:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("You may not write in the folder “%s”, so the report “%s” could not be "
                     "written."), folder, display);
      break;

    case EISDIR:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder; give the report a file name."), display);
      break;

    default:
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The report “%s” could not be written: %s."), display,
                   g_strerror (saved_errno));
    }
}

/**
 * palpate_report_dup_title:
 *
 * The document's title, for the PDF's metadata and the print job: "Progress Report — Layla
 * Haddad".
 */
char *
palpate_report_dup_title (PalpateReport *report)
{
  /* Translators: a PDF's title, "Progress Report — Layla Haddad" */
  return g_strdup_printf (report->for_client ? _("My Progress — %s") : _("Progress Report — %s"),
                          palpate_client_get_name (report->client));
}

/**
 * palpate_report_dup_author:
 *
 * Who the document comes from: the clinic, and the therapists whose visits it holds.
 */
char *
palpate_report_dup_author (PalpateReport *report)
{
  const char *clinic = report->clinic_name != NULL && *report->clinic_name ? report->clinic_name
                                                                          : NULL;
  g_autoptr(GPtrArray) signers = g_ptr_array_new ();
  g_autofree char *signed_by = NULL;
  const char *therapists = report->therapists != NULL && *report->therapists ? report->therapists
                                                                             : NULL;

  /* Without therapists on the visits, those who signed them. */
  for (guint i = 0; therapists == NULL && i < report->visits->len; i++)
    {
      const char *signer = palpate_visit_get_signed_by (report->visits->pdata[i]);

      if (signer != NULL && *signer &&
          !g_ptr_array_find_with_equal_func (signers, signer, g_str_equal, NULL))
        g_ptr_array_add (signers, (gpointer) signer);
    }
  if (signers->len > 0)
    {
      g_ptr_array_add (signers, NULL);
      signed_by = g_strjoinv (", ", (char **) signers->pdata);
      therapists = signed_by;
    }

  if (clinic != NULL && therapists != NULL)
    return g_strdup_printf ("%s (%s)", clinic, therapists);
  return g_strdup (clinic ? clinic : therapists ? therapists : "Palpate");
}

/**
 * palpate_report_write_pdf:
 *
 * Writes the whole report to a PDF at @path, readable by its owner only, under a temporary name
 * first so that a failed write never leaves half a report. Whether @path may be written at all
 * is palpate_report_check_output()'s to say, before.
 */
gboolean
palpate_report_write_pdf (PalpateReport  *report,
                          PalpatePaper    paper,
                          const char     *path,
                          GError        **error)
{
  g_autofree char *partial = g_strdup_printf ("%s.part-%d", path, (int) getpid ());
  g_autofree char *title = palpate_report_dup_title (report);
  g_autofree char *author = palpate_report_dup_author (report);
  cairo_surface_t *surface;
  cairo_status_t status;
  PdfFile file = { -1, 0 };
  double width, height;
  PalpateFlow flow = { report, NULL, 0, 0, 0, 0, DRAW_ALL, 0 };

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      set_write_error (path, EISDIR, error);
      return FALSE;
    }

  file.fd = g_open (partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (file.fd < 0)
    {
      set_write_error (path, errno, error);
      return FALSE;
    }

  palpate_paper_get_size (paper, &width, &height);
  flow.width = width;
  flow.height = height;
  flow.n_pages = palpate_report_count_pages (report, width, height);

  surface = cairo_pdf_surface_create_for_stream (write_pdf_cb, &file, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Palpate");
  flow.cr = cairo_create (surface);
  run_flow (&flow);
  cairo_show_page (flow.cr);
  cairo_destroy (flow.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS && fsync (file.fd) != 0)
    file.saved_errno = errno;
  if (close (file.fd) != 0 && file.saved_errno == 0)
    file.saved_errno = errno;
  if (status != CAIRO_STATUS_SUCCESS && file.saved_errno == 0)
    file.saved_errno = EIO;

  if (file.saved_errno == 0 && g_rename (partial, path) != 0)
    file.saved_errno = errno;

  if (file.saved_errno != 0)
    {
      g_unlink (partial);
      set_write_error (path, file.saved_errno, error);
      return FALSE;
    }

  return TRUE;
}
