/* palpate-window-reports.c — the window's progress reports: print, export, a month at once
 *
 * The client's report goes through the print dialog (preview, Print to File) or straight into a
 * PDF; the client's handout into a PDF; a month's reports print as one job or save as a PDF
 * each. Each action has a "-to" twin taking the file or folder, which the file choosers call
 * and the tests use. Reports count signed notes unless "win.include-drafts" is on; every PDF
 * is written 0600, never over the clinic file, a backup or any SQLite file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "palpate-date.h"
#include "palpate-file-chooser.h"
#include "palpate-report.h"
#include "palpate-window-private.h"


static PalpatePaper
paper_setting (PalpateWindow *self)
{
  return self->settings != NULL && g_settings_get_enum (self->settings, "paper-size") == 1
         ? PALPATE_PAPER_LETTER : PALPATE_PAPER_A4;
}

static PalpateVisitSelection
selection_setting (PalpateWindow *self)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self),
                                                              "include-drafts");

  return state != NULL && g_variant_get_boolean (state) ? PALPATE_VISITS_WITH_DRAFTS
                                                        : PALPATE_VISITS_SIGNED;
}

static char *
report_file_name (PalpateClient *client,
                  gboolean       handout)
{
  /* Translators: the file names a progress report and a client's handout are suggested under,
   * after the client's name */
  return palpate_report_dup_file_name (palpate_client_get_name (client),
                                       handout ? _("-my-progress.pdf") : _("-progress-report.pdf"));
}

/* Every report that leaves the program, printed or saved, is in the audit log; a log that cannot
 * be written (a read-only clinic) does not take back a report already made. */
static void
log_report (PalpateWindow *self,
            PalpateReport *report,
            const char    *action)
{
  palpate_store_log_event (self->store, action, "client",
                           palpate_client_get_id (palpate_report_get_client (report)), "report",
                           NULL);
}

static void
export_report_to_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  gboolean handout = g_str_equal (action_name, "win.export-handout-to");
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateReport) report = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (self->store == NULL || self->client_id == 0 || !palpate_window_leave_visit (self))
    return;

  /* The file chooser asked before replacing a file; a database is never replaced. */
  if (!palpate_report_check_output (path, self->open_path, TRUE, &error))
    {
      palpate_window_toast (self, error->message);
      return;
    }
  report = palpate_report_new_full (self->store, self->client_id, NULL, NULL,
                                    selection_setting (self), &error);
  if (report != NULL)
    palpate_report_set_for_client (report, handout);
  if (report == NULL || !palpate_report_write_pdf (report, paper_setting (self), path, &error))
    {
      palpate_window_toast (self, error->message);
      return;
    }
  log_report (self, report, "export");

  name = g_path_get_basename (path);
  message = g_strdup_printf (handout ? _("Handout saved as “%s”") : _("Progress report saved as “%s”"),
                             name);
  palpate_window_toast (self, message);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    PalpateWindow   *self)
{
  g_autofree char *path = palpate_file_chooser_dup_path (chooser, response);

  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self),
                                g_object_get_data (G_OBJECT (chooser), "action"), "s", path);

  g_object_unref (chooser);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  gboolean handout = g_str_equal (action_name, "win.export-handout");
  g_autoptr(PalpateClient) client = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  client = palpate_store_get_client (self->store, self->client_id, NULL);
  if (client == NULL)
    return;

  chooser = gtk_file_chooser_native_new (handout ? _("Export Handout") : _("Export Progress Report"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  g_object_set_data (G_OBJECT (chooser), "action",
                     (gpointer) (handout ? "win.export-handout-to" : "win.export-report-to"));
  name = report_file_name (client, handout);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* One print job of one or more reports, one after the other. */
typedef struct
{
  GPtrArray *reports;      /* PalpateReport */
  GArray    *n_pages;      /* int: each report's pages, counted once per job */
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_ptr_array_unref (job->reports);
  g_array_unref (job->n_pages);
  g_free (job);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  int total = 0;

  g_array_set_size (job->n_pages, 0);
  for (guint i = 0; i < job->reports->len; i++)
    {
      int n = palpate_report_count_pages (job->reports->pdata[i],
                                          gtk_print_context_get_width (context),
                                          gtk_print_context_get_height (context));

      g_array_append_val (job->n_pages, n);
      total += n;
    }
  gtk_print_operation_set_n_pages (operation, MAX (total, 1));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  /* The report the page belongs to, and the page within it. */
  for (guint i = 0; i < job->n_pages->len; i++)
    {
      int n = g_array_index (job->n_pages, int, i);

      if (page < n)
        {
          palpate_report_draw_page (job->reports->pdata[i],
                                    gtk_print_context_get_cairo_context (context),
                                    gtk_print_context_get_width (context),
                                    gtk_print_context_get_height (context), page, n);
          return;
        }
      page -= n;
    }
}

/* A file the print dialog's "Print to File" wrote is a health record too: owner only. */
static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
  const char *uri = settings ? gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI)
                             : NULL;
  g_autofree char *path = uri ? g_filename_from_uri (uri, NULL, NULL) : NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && path != NULL &&
      g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_chmod (path, 0600);
}

/* Prints the reports through the print dialog, or, given a path, straight into a PDF through
 * the same print operation (what "Print to File" does). */
static void
run_print (PalpateWindow *self,
           GPtrArray     *reports,
           const char    *job_name,
           const char    *file_name,
           const char    *export_path)
{
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (paper_setting (self) == PALPATE_PAPER_LETTER
                                                      ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  PrintJob *job = g_new0 (PrintJob, 1);
  GtkPrintOperationResult result;

  job->reports = g_ptr_array_ref (reports);
  job->n_pages = g_array_new (FALSE, FALSE, sizeof (int));

  /* The reports lay out their own margins, in points, on the whole sheet. */
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_job_name (operation, job_name);
  /* "Print to File" suggests the client's name, not "output.pdf". */
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, file_name);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_operation_set_print_settings (operation, settings);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), NULL);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_object_set_data_full (G_OBJECT (operation), "job", job, (GDestroyNotify) print_job_free);

  if (export_path != NULL)
    {
      int fd;

      /* Made 0600 before the print operation writes into it, keeping that mode. */
      if (!palpate_report_check_output (export_path, self->open_path, TRUE, &error) ||
          (fd = palpate_report_create_private_file (export_path, &error)) < 0)
        {
          palpate_window_toast (self, error->message);
          return;
        }
      close (fd);
      gtk_print_operation_set_export_filename (operation, export_path);
    }

  result = gtk_print_operation_run (operation,
                                    export_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    palpate_window_toast (self, error->message);
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    for (guint i = 0; i < reports->len; i++)
      log_report (self, reports->pdata[i], export_path ? "export" : "print");
}

static void
print_client_report (PalpateWindow *self,
                     const char    *export_path)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) palpate_report_free);
  g_autoptr(GError) error = NULL;
  PalpateReport *report;

  if (self->store == NULL || self->client_id == 0 || !palpate_window_leave_visit (self))
    return;

  report = palpate_report_new_full (self->store, self->client_id, NULL, NULL,
                                    selection_setting (self), &error);
  if (report == NULL)
    {
      palpate_window_toast (self, error->message);
      return;
    }
  g_ptr_array_add (reports, report);
  {
    g_autofree char *title = palpate_report_dup_title (report);
    g_autofree char *file_name = palpate_report_dup_file_name (palpate_report_get_client_name (report),
                                                               _("-progress-report"));

    run_print (self, reports, title, file_name, export_path);
  }
}

static void
print_report_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  print_client_report (PALPATE_WINDOW (widget), NULL);
}

static void
print_report_to_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  print_client_report (PALPATE_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* The reports of every client seen in @month ("YYYY-MM"), each up to the month's end. */
static GPtrArray *
month_reports (PalpateWindow  *self,
               const char     *month,
               GError        **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) palpate_report_free);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GArray) ids = NULL;
  int year, mon;
  GDate last_day;

  if (!palpate_date_parse_month (month, &year, &mon, error))
    return NULL;

  start = g_date_time_new_local (year, mon, 1, 0, 0, 0);
  end = g_date_time_add_months (start, 1);
  g_date_clear (&last_day, 1);
  g_date_set_dmy (&last_day, g_date_get_days_in_month (mon, year), mon, year);
  ids = palpate_store_list_clients_seen (self->store, g_date_time_to_unix (start),
                                         g_date_time_to_unix (end), error);
  if (ids == NULL)
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      PalpateReport *report = palpate_report_new_full (self->store, g_array_index (ids, gint64, i),
                                                       NULL, &last_day, selection_setting (self),
                                                       error);

      if (report == NULL)
        return NULL;
      if (!palpate_report_has_visit_between (report, g_date_time_to_unix (start),
                                             g_date_time_to_unix (end)))
        {
          palpate_report_free (report);
          continue;
        }
      palpate_report_set_month (report, year, mon);
      g_ptr_array_add (reports, report);
    }

  return g_steal_pointer (&reports);
}

/* Writes the reports of every client seen in a month into a folder, a PDF each. */
static void
month_reports_to_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  const char *month;
  const char *folder;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_variant_get (parameter, "(&s&s)", &month, &folder);
  if (self->store == NULL || !palpate_window_leave_visit (self))
    return;

  reports = month_reports (self, month, &error);
  if (reports == NULL)
    {
      palpate_window_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < reports->len; i++)
    {
      g_autofree char *name = palpate_report_dup_file_name (palpate_report_get_client_name (reports->pdata[i]),
                                                            _("-progress-report.pdf"));
      g_autofree char *path = g_build_filename (folder, name, NULL);

      /* The folder chooser asked for the folder, not for leave to replace files in it. */
      if (!palpate_report_check_output (path, self->open_path, FALSE, &error))
        {
          g_autofree char *refusal = g_strdup_printf ("%s %s", error->message,
                                                      _("Choose an empty folder."));

          palpate_window_toast (self, refusal);
          return;
        }
      if (!palpate_report_write_pdf (reports->pdata[i], paper_setting (self), path, &error))
        {
          palpate_window_toast (self, error->message);
          return;
        }
      log_report (self, reports->pdata[i], "export");
    }

  if (reports->len == 0)
    message = g_strdup_printf (_("No client was seen in %s"), month);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u progress report written to “%s”",
                                            "%u progress reports written to “%s”", reports->len),
                               reports->len, folder);
  palpate_window_toast (self, message);
}

/* Prints the reports of every client seen in a month as one job: through the print dialog,
 * or, with "win.month-print-to", straight into one PDF. */
static void
month_print_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  const char *month;
  const char *export_path = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *job_name = NULL;

  if (g_variant_is_of_type (parameter, G_VARIANT_TYPE ("(ss)")))
    g_variant_get (parameter, "(&s&s)", &month, &export_path);
  else
    month = g_variant_get_string (parameter, NULL);

  if (self->store == NULL || !palpate_window_leave_visit (self))
    return;

  reports = month_reports (self, month, &error);
  if (reports == NULL)
    {
      palpate_window_toast (self, error->message);
      return;
    }
  if (reports->len == 0)
    {
      g_autofree char *message = g_strdup_printf (_("No client was seen in %s"), month);

      palpate_window_toast (self, message);
      return;
    }

  /* Translators: the print job of a month's reports, "Progress reports 2026-11" */
  job_name = g_strdup_printf (_("Progress reports %s"), month);
  run_print (self, reports, job_name, job_name, export_path);
}

static void
month_folder_cb (GtkNativeDialog *chooser,
                 int              response,
                 PalpateWindow   *self)
{
  const char *month = g_object_get_data (G_OBJECT (chooser), "month");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      G_GNUC_END_IGNORE_DEPRECATIONS
      g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.month-reports-to", "(ss)", month, path);
    }

  g_object_unref (chooser);
}

static void
month_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PalpateWindow    *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  GtkFileChooserNative *chooser;

  if (g_str_equal (response, "print"))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.month-print", "s",
                                  gtk_editable_get_text (entry));
      return;
    }

  if (!g_str_equal (response, "choose"))
    return;

  chooser = gtk_file_chooser_native_new (_("Folder for the Reports"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Write Reports"),
                                         _("_Cancel"));
  g_object_set_data_full (G_OBJECT (chooser), "month", g_strdup (gtk_editable_get_text (entry)),
                          g_free);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (month_folder_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
month_reports_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PalpateWindow *self = PALPATE_WINDOW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) last_month = g_date_time_add_months (now, -1);
  g_autofree char *month = g_date_time_format (last_month, "%Y-%m");
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *dialog;

  gtk_editable_set_text (GTK_EDITABLE (entry), month);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Month"), -1);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Reports for a Month"),
                                   _("A progress report for every client seen in the month "
                                     "(year-month): printed as one job, or saved as a PDF each."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "choose", _("Save PDFs to a _Folder…"),
                                    "print", _("_Print All…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "print",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "print");
  g_signal_connect_object (dialog, "response", G_CALLBACK (month_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
include_drafts_change_cb (GSimpleAction *action,
                          GVariant      *state,
                          gpointer       user_data)
{
  PalpateWindow *self = PALPATE_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  g_simple_action_set_state (action, state);
  if (!palpate_dashboard_set_selection (self->dashboard, selection_setting (self), &error))
    palpate_window_toast (self, error->message);
}

/**
 * palpate_window_reports_init:
 *
 * Adds "win.include-drafts": whether reports and the overview count unsigned drafts (off by
 * default; drafts are then marked wherever they show).
 */
void
palpate_window_reports_init (PalpateWindow *self)
{
  g_autoptr(GSimpleAction) include_drafts =
    g_simple_action_new_stateful ("include-drafts", NULL, g_variant_new_boolean (FALSE));

  g_signal_connect_object (include_drafts, "change-state", G_CALLBACK (include_drafts_change_cb),
                           self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (include_drafts));
}

void
palpate_window_reports_update_actions (PalpateWindow *self,
                                       gboolean       open,
                                       gboolean       client)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-report", client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-report-to", client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report-to", client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-handout", client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-handout-to", client);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.month-reports", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.month-reports-to", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.month-print", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.month-print-to", open);
}

void
palpate_window_reports_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.print-report", NULL, print_report_action);
  gtk_widget_class_install_action (widget_class, "win.print-report-to", "s",
                                   print_report_to_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.export-report-to", "s",
                                   export_report_to_action);
  gtk_widget_class_install_action (widget_class, "win.export-handout", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.export-handout-to", "s",
                                   export_report_to_action);
  gtk_widget_class_install_action (widget_class, "win.month-reports", NULL, month_reports_action);
  gtk_widget_class_install_action (widget_class, "win.month-reports-to", "(ss)",
                                   month_reports_to_action);
  gtk_widget_class_install_action (widget_class, "win.month-print", "s", month_print_action);
  gtk_widget_class_install_action (widget_class, "win.month-print-to", "(ss)",
                                   month_print_action);
}
