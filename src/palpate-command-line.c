/* palpate-command-line.c — what palpate does from the command line, without a window
 *
 * Backups, restores, the audit check, demo clinics and a sample chart: each uses the layers
 * below the widgets and needs no display. Messages are sentences; the exit status says whether
 * the task succeeded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "palpate-application.h"
#include "palpate-atlas.h"
#include "palpate-backup.h"
#include "palpate-chart.h"
#include "palpate-command-line.h"
#include "palpate-date.h"
#include "palpate-demo-clinic.h"
#include "palpate-keyring.h"
#include "palpate-migrate.h"
#include "palpate-report.h"
#include "palpate-store.h"

const GOptionEntry palpate_command_line_entries[] = {
  { "backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Copy the clinic to the backup FILE and quit"), N_("FILE") },
  { "restore", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Put the backup FILE back into the clinic (a copy of the clinic as it was is kept in its "
       "backups folder) and quit"),
    N_("FILE") },
  { "verify-audit", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check that the clinic’s audit log was not altered and quit"), NULL },
  { "export-audit-key", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the key of the clinic’s audit log to the new FILE, for the clinic’s other "
       "computers, and quit"), N_("FILE") },
  { "import-audit-key", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Take the key of a clinic’s audit log from FILE, written on another computer of the "
       "clinic, and quit"), N_("FILE") },
  { "demo", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write a demo clinic to the new FILE and quit"), N_("FILE") },
  { "demo-size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Size of the demo clinic: small (two years) or large (ten years)"), N_("SIZE") },
  { "render-chart", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Draw both views with one finding of every kind to FILE.png and quit"), N_("FILE") },
  { NULL }
};

/* A message may quote a file name or a record that is not valid UTF-8: it is printed valid. */
static int
fail (const char *message)
{
  g_autofree char *valid = g_utf8_make_valid (message, -1);

  g_printerr ("%s\n", valid);
  return EXIT_FAILURE;
}

/* A report that would replace a file: why not, and how to ask for it where that is allowed. */
static int
fail_output (const GError *error)
{
  g_autofree char *message = NULL;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return fail (error->message);

  message = g_strdup_printf ("%s %s", error->message, _("Add --force to replace it."));
  return fail (message);
}

static int
render_chart (const char *path)
{
  g_autoptr(GListStore) findings = palpate_chart_sample_findings ();
  g_autoptr(GError) error = NULL;
  PalpateChartOptions options;

  palpate_chart_options_init (&options);
  options.findings = G_LIST_MODEL (findings);

  if (!palpate_chart_write_png (palpate_atlas_get_default (), &options, 1000, 1300, path,
                                &error))
    return fail (error->message);

  g_print ("%s\n", path);
  return EXIT_SUCCESS;
}

static int
write_demo (const char *path,
            const char *size_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *display = NULL;
  PalpateDemoSize size = PALPATE_DEMO_SMALL;
  int n_clients = 0;

  if (g_strcmp0 (size_name, "large") == 0)
    size = PALPATE_DEMO_LARGE;
  else if (size_name != NULL && g_strcmp0 (size_name, "small") != 0)
    return fail (_("The demo size is “small” or “large”."));

  if (!palpate_demo_clinic_create (path, size, 20261122, palpate_atlas_place_in_region,
                                   palpate_atlas_get_default (), _("Demo"), &n_clients, &error))
    return fail (error->message);

  display = g_filename_display_name (path);
  message = g_strdup_printf (_("Wrote a demo clinic of %d clients to “%s”."), n_clients, display);
  g_print ("%s\n", message);
  return EXIT_SUCCESS;
}

/* The folder a file is to be written in must exist: a mistyped folder is not created. */
static gboolean
check_folder (const char  *path,
              GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *folder = g_path_get_dirname (absolute);

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_FILE,
                   _("There is no folder “%s”. Check the name; nothing was written."), display);
      return FALSE;
    }

  return TRUE;
}

/**
 * palpate_command_line_open_store:
 * @database: a clinic file, or a clinic server's location
 *
 * Opens the clinic a task works on; a clinic server with the password this computer's keyring
 * keeps for it, as the window does.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
PalpateStore *
palpate_command_line_open_store (const char             *database,
                                 PalpateStoreOpenFlags   flags,
                                 GError                **error)
{
  PalpateStore *store;
  char *password;

  if (!palpate_migrate_is_server_location (database))
    return palpate_store_open_full (database, flags, error);

  password = palpate_keyring_lookup_password (database);
  store = palpate_store_open_with_password (database, password, flags, error);
  palpate_keyring_free_password (password);
  return store;
}

/**
 * palpate_command_line_run:
 * @options: the parsed command line
 * @database_path: the clinic the tasks work on
 *
 * Returns: the exit status of the task the command line asked for, or -1 when it asked for
 *   none (the window opens)
 */
int
palpate_command_line_run (GVariantDict *options,
                          const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *path = NULL;
  const char *size = NULL;

  if (g_variant_dict_lookup (options, "render-chart", "^&ay", &path))
    return render_chart (path);

  if (g_variant_dict_lookup (options, "demo", "^&ay", &path))
    {
      g_variant_dict_lookup (options, "demo-size", "&s", &size);
      return write_demo (path, size);
    }

  /* The audit log's key, carried to another computer of a clinic on a server: it is the only
   * copy of the key that leaves the computer, in a file only its owner can read. */
  if (g_variant_dict_lookup (options, "import-audit-key", "^&ay", &path))
    {
      g_autofree char *uuid = NULL;

      if (!palpate_store_import_audit_key (path, &uuid, &error))
        return fail (error->message);
      g_print ("%s\n", _("The clinic’s audit key is on this computer now. Delete the file it "
                         "came in."));
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "export-audit-key", "^&ay", &path))
    {
      g_autoptr(PalpateStore) store =
        palpate_command_line_open_store (database_path, PALPATE_STORE_OPEN_READ_ONLY, &error);
      g_autofree char *display = g_filename_display_name (path);

      if (store == NULL || !palpate_store_export_audit_key (store, path, &error))
        return fail (error->message);
      message = g_strdup_printf (_("The clinic’s audit key is in “%s”. Carry it to the "
                                   "clinic’s other computers, import it there with “palpate "
                                   "--import-audit-key FILE”, then delete it."), display);
      g_print ("%s\n", message);
      return EXIT_SUCCESS;
    }

  /* Backups are copies of a clinic file. A clinic server is copied out and filled with
   * `palpate migrate`; its location, which may hold a password, is never printed. */
  if (palpate_migrate_is_server_location (database_path) &&
      (g_variant_dict_contains (options, "restore") || g_variant_dict_contains (options, "backup")))
    return fail (_("A clinic on a clinic server is backed up with “palpate migrate --from "
                   "postgresql://… --to FILE”, and a backup is put on a server with “palpate "
                   "migrate --from FILE --to postgresql://…”."));

  if (g_variant_dict_lookup (options, "restore", "^&ay", &path))
    {
      g_autofree char *kept = NULL;
      g_autofree char *clinic_display = g_filename_display_name (database_path);
      g_autofree char *backup_display = g_filename_display_name (path);
      g_autofree char *kept_display = NULL;

      g_autofree char *default_path = palpate_application_dup_default_database_path ();
      g_autofree char *default_folder = g_path_get_dirname (default_path);

      /* On a new computer the default clinic is made from the backup; a clinic named with
       * --database must exist, as for every other task. */
      if (!g_file_test (database_path, G_FILE_TEST_EXISTS) &&
          g_strcmp0 (database_path, default_path) != 0)
        {
          message = g_strdup_printf (_("There is no clinic file “%s”. Check the name; nothing "
                                       "was restored."), clinic_display);
          return fail (message);
        }
      if (g_strcmp0 (database_path, default_path) == 0)
        g_mkdir_with_parents (default_folder, 0700);

      if (!palpate_backup_restore (path, database_path, &kept, &error))
        return fail (error->message);
      /* The restore is in the restored clinic's audit log, which takes its chain as the one to
       * hold from now on. */
      {
        g_autoptr(PalpateStore) restored = palpate_store_open (database_path, NULL);
        g_autofree char *backup_name = g_path_get_basename (path);

        if (restored != NULL)
          palpate_store_log_event (restored, "restore", "clinic", 0, backup_name, NULL);
      }

      if (kept == NULL)
        message = g_strdup_printf (_("Restored “%s” from the backup “%s”."), clinic_display,
                                   backup_display);
      else
        {
          kept_display = g_filename_display_name (kept);
          message = g_strdup_printf (_("Restored “%s” from the backup “%s”. The clinic as it "
                                       "was is kept in “%s”."), clinic_display, backup_display,
                                     kept_display);
        }
      g_print ("%s\n", message);
      return EXIT_SUCCESS;
    }

  /* Reading tasks open the clinic read-only: they work on a read-only file or folder and
   * while Palpate or another program writes it, and never create a clinic. */
  if (g_variant_dict_lookup (options, "backup", "^&ay", &path))
    {
      g_autoptr(PalpateStore) store = NULL;
      g_autofree char *display = g_filename_display_name (path);

      if (!check_folder (path, &error))
        return fail (error->message);

      store = palpate_store_open_full (database_path, PALPATE_STORE_OPEN_READ_ONLY, &error);
      if (store == NULL || !palpate_store_backup_to (store, path, &error))
        return fail (error->message);
      g_clear_object (&store);

      /* The backup goes into the audit log where the clinic can be written to; the read-only
       * open above has already refused a clinic of an earlier version, so this open changes
       * nothing else. */
      {
        g_autoptr(PalpateStore) writer = palpate_store_open (database_path, NULL);
        g_autofree char *name = g_path_get_basename (path);

        if (writer != NULL)
          palpate_store_log_event (writer, "backup", "clinic", 0, name, NULL);
      }

      message = g_strdup_printf (_("Backed up the clinic to “%s”."), display);
      g_print ("%s\n", message);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_contains (options, "verify-audit"))
    {
      g_autoptr(PalpateStore) store =
        palpate_command_line_open_store (database_path, PALPATE_STORE_OPEN_READ_ONLY, &error);
      g_autofree char *head = NULL;
      gint64 n_rows = 0;

      if (store == NULL || !palpate_store_verify_audit (store, &n_rows, &error) ||
          !palpate_store_get_audit_head (store, NULL, &head, &error))
        return fail (error->message);

      /* The head identifies this state of the log: a later copy that does not hold it was cut
       * short or rewritten. */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The audit log is intact: %lu entry checked, every "
                                              "signed visit matches its seal. Head: %lu · %s.",
                                              "The audit log is intact: %lu entries checked, every "
                                              "signed visit matches its seal. Head: %lu · %s.",
                                              (gulong) n_rows),
                                 (gulong) n_rows, (gulong) n_rows, head);
      g_print ("%s\n", message);
      return EXIT_SUCCESS;
    }

  return -1;
}

/* The command line: palpate report … */

static gboolean
parse_day (const char  *text,
           GDate       *date,
           GError     **error)
{
  g_date_clear (date, 1);
  if (text == NULL)
    return TRUE;

  return palpate_date_parse (text, date, error);
}

gint64
palpate_command_line_find_client (PalpateStore  *store,
                                  const char    *name_or_id,
                                  GError       **error)
{
  g_autoptr(GPtrArray) clients = NULL;
  guint64 id;
  gint64 found = 0;
  guint n_found = 0;

  if (g_ascii_string_to_unsigned (name_or_id, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_autoptr(PalpateClient) client = palpate_store_get_client (store, (gint64) id, error);

      return client ? (gint64) id : 0;
    }

  clients = palpate_store_search_clients (store, name_or_id, 50, error);
  if (clients == NULL)
    return 0;

  for (guint i = 0; i < clients->len; i++)
    if (g_utf8_collate (palpate_client_get_name (clients->pdata[i]), name_or_id) == 0)
      {
        found = palpate_client_get_id (clients->pdata[i]);
        n_found++;
      }

  if (n_found == 0 && clients->len == 1)
    return palpate_client_get_id (clients->pdata[0]);

  if (n_found == 1)
    return found;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               n_found > 1 || clients->len > 1
               ? _("More than one client matches “%s”; give the client’s number instead.")
               : _("No client matches “%s”."),
               name_or_id);
  return 0;
}

/**
 * palpate_command_line_report:
 * @argv: the arguments after `palpate`, starting with `report`
 *
 * Writes progress reports without a window:
 *
 *   palpate report --client NAME-OR-ID [--from DATE] [--to DATE] [--patient] --output FILE.pdf
 *   palpate report --month YYYY-MM --output-dir DIR
 *
 * with --include-drafts to count unsigned drafts (marked on the page) and --force to replace
 * an existing PDF. A report is never written over the clinic file, a backup or any SQLite file.
 */
int
palpate_command_line_report (int    argc,
                             char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *client_arg = NULL;
  g_autofree char *from_arg = NULL;
  g_autofree char *to_arg = NULL;
  g_autofree char *output = NULL;
  g_autofree char *month = NULL;
  g_autofree char *output_dir = NULL;
  g_autofree char *paper_arg = NULL;
  gboolean patient = FALSE;
  gboolean include_drafts = FALSE;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "include-drafts", 0, 0, G_OPTION_ARG_NONE, &include_drafts, N_("Count unsigned drafts too, each marked “Draft” (signed notes only by default)"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace a PDF that is already there (never a clinic file or a backup)"), NULL },
    { "patient", 0, 0, G_OPTION_ARG_NONE, &patient, N_("The client’s own take-home “My progress”, in plain words"), NULL },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The clinic file"), N_("FILE") },
    { "client", 0, 0, G_OPTION_ARG_STRING, &client_arg, N_("The client, by name or number"), N_("NAME-OR-ID") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_arg, N_("The first day of the report"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_arg, N_("The last day of the report"), N_("YYYY-MM-DD") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), N_("FILE.pdf") },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_("Every client seen in this month"), N_("YYYY-MM") },
    { "output-dir", 0, 0, G_OPTION_ARG_FILENAME, &output_dir, N_("The folder for the month’s PDFs"), N_("DIR") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_arg, N_("a4 (the default) or letter"), N_("PAPER") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— write progress reports as PDF"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;
  PalpatePaper paper = PALPATE_PAPER_A4;
  PalpateVisitSelection selection;
  GDate from, to;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);

  selection = include_drafts ? PALPATE_VISITS_WITH_DRAFTS : PALPATE_VISITS_SIGNED;
  if (paper_arg != NULL && g_ascii_strcasecmp (paper_arg, "letter") == 0)
    paper = PALPATE_PAPER_LETTER;
  else if (paper_arg != NULL && g_ascii_strcasecmp (paper_arg, "a4") != 0)
    return fail (_("The paper is “a4” or “letter”."));

  if ((client_arg == NULL) == (month == NULL))
    return fail (_("Give either --client with --output, or --month with --output-dir."));
  if (client_arg != NULL && output == NULL)
    return fail (_("--client needs --output FILE.pdf."));
  if (month != NULL && output_dir == NULL)
    return fail (_("--month needs --output-dir DIR."));

  if (database == NULL)
    database = palpate_application_dup_own_clinic ();
  /* Before the clinic is even opened: a report never replaces it, nor a backup. */
  if (output != NULL && !palpate_report_check_output (output, database, force, &error))
    return fail_output (error);

  store = palpate_command_line_open_store (database, PALPATE_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    return fail (error->message);

  if (client_arg != NULL)
    {
      g_autoptr(PalpateReport) report = NULL;
      gint64 client_id;

      if (!parse_day (from_arg, &from, &error) || !parse_day (to_arg, &to, &error))
        return fail (error->message);
      if (g_date_valid (&from) && g_date_valid (&to) && g_date_compare (&from, &to) > 0)
        return fail (_("The period ends before it begins: --from must not be later than --to."));
      client_id = palpate_command_line_find_client (store, client_arg, &error);
      if (client_id == 0)
        return fail (error->message);
      report = palpate_report_new_full (store, client_id, &from, &to, selection, &error);
      if (report != NULL)
        palpate_report_set_for_client (report, patient);
      if (report == NULL || !palpate_report_write_pdf (report, paper, output, &error))
        return fail (error->message);
      /* In the audit log; a read-only clinic still gets its report. */
      palpate_store_log_event (store, "export", "client", client_id, "report", NULL);
      g_print ("%s\n", output);
      return EXIT_SUCCESS;
    }

  {
    int year, mon;
    g_autoptr(GDateTime) start = NULL;
    g_autoptr(GDateTime) end = NULL;
    g_autoptr(GArray) ids = NULL;
    guint n_written = 0;
    g_autoptr(GError) month_error = NULL;

    if (!palpate_date_parse_month (month, &year, &mon, &month_error))
      return fail (month_error->message);

    start = g_date_time_new_local (year, mon, 1, 0, 0, 0);
    end = g_date_time_add_months (start, 1);
    g_date_clear (&from, 1);
    g_date_set_dmy (&from, 1, mon, year);
    g_date_clear (&to, 1);
    g_date_set_dmy (&to, g_date_get_days_in_month (mon, year), mon, year);

    if (g_mkdir_with_parents (output_dir, 0700) != 0)
      {
        g_autofree char *message = g_strdup_printf (_("The folder “%s” cannot be created: %s."),
                                                    output_dir, g_strerror (errno));
        return fail (message);
      }

    ids = palpate_store_list_clients_seen (store, g_date_time_to_unix (start),
                                           g_date_time_to_unix (end), &error);
    if (ids == NULL)
      return fail (error->message);

    for (guint i = 0; i < ids->len; i++)
      {
        gint64 client_id = g_array_index (ids, gint64, i);
        g_autoptr(PalpateReport) report = palpate_report_new_full (store, client_id, NULL, &to,
                                                                   selection, &error);
        g_autofree char *name = NULL;
        g_autofree char *path = NULL;

        if (report == NULL)
          return fail (error->message);
        /* Seen only in a draft or a self-rating: nothing this report counts was that month. */
        if (!palpate_report_has_visit_between (report, g_date_time_to_unix (start),
                                               g_date_time_to_unix (end)))
          continue;
        palpate_report_set_month (report, year, mon);
        n_written++;
        {
          g_autofree char *suffix = g_strdup_printf ("-%" G_GINT64_FORMAT ".pdf", client_id);

          name = palpate_report_dup_file_name (palpate_report_get_client_name (report), suffix);
        }
        path = g_build_filename (output_dir, name, NULL);
        if (!palpate_report_check_output (path, database, force, &error))
          return fail_output (error);
        if (!palpate_report_write_pdf (report, paper, path, &error))
          return fail (error->message);
        palpate_store_log_event (store, "export", "client", client_id, "report", NULL);
        g_print ("%s\n", path);
      }

    if (n_written == 0)
      g_print (_("No client was seen in %s."), month);
    if (n_written == 0)
      g_print ("\n");
  }

  return EXIT_SUCCESS;
}
