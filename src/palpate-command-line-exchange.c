/* palpate-command-line-exchange.c — `palpate export` and `palpate import`
 *
 *   palpate export --client NAME-OR-ID --output DIR|FILE.zip [--to WHOM] [--reason WHY]
 *   palpate export --fhir --client NAME-OR-ID --output FILE.json
 *   palpate export --clinic DIR [--fhir]
 *   palpate import FILE.json|DIR           (a client's record or a whole clinic)
 *   palpate import --client-list FILE.csv  (name, birth date, phone, email)
 *
 * Each works on the clinic of --database (or the default one) without a window. Messages are
 * sentences; the exit status says whether the task succeeded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-application.h"
#include "palpate-command-line.h"
#include "palpate-migrate.h"
#include "palpate-record-package.h"

static int
fail (const char *message)
{
  g_printerr ("%s\n", message);
  return EXIT_FAILURE;
}

static PalpateStore *
open_existing (const char  *database,
               GError     **error)
{
  g_autofree char *path = database ? g_strdup (database) : palpate_application_dup_own_clinic ();

  if (palpate_migrate_is_server_location (path))
    return palpate_command_line_open_store (path, PALPATE_STORE_OPEN_DEFAULT, error);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, _("There is no clinic file “%s”."),
                   path);
      return NULL;
    }

  return palpate_store_open (path, error);
}

/**
 * palpate_command_line_export:
 * @argv: the arguments after `palpate`, starting with `export`
 */
int
palpate_command_line_export (int    argc,
                             char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *client_arg = NULL;
  g_autofree char *output = NULL;
  g_autofree char *clinic_dir = NULL;
  g_autofree char *recipient = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *actor = NULL;
  gboolean fhir = FALSE;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The clinic file"), N_("FILE") },
    { "client", 0, 0, G_OPTION_ARG_STRING, &client_arg, N_("The client, by name or number"), N_("NAME-OR-ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The folder or .zip file to write (a .json file with --fhir)"), N_("DIR|FILE.zip") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &recipient, N_("To whom the record goes, for the audit log"), N_("WHOM") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the record leaves the clinic, for the audit log"), N_("WHY") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &actor, N_("Who hands the record over, for the audit log"), N_("NAME") },
    { "fhir", 0, 0, G_OPTION_ARG_NONE, &fhir, N_("Write FHIR R4 Bundles"), NULL },
    { "clinic", 0, 0, G_OPTION_ARG_FILENAME, &clinic_dir, N_("Write the whole clinic to the folder DIR"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— hand over a client’s record or move a clinic"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;
  gint64 client_id;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);

  if ((client_arg == NULL) == (clinic_dir == NULL))
    return fail (_("Give either --client with --output, or --clinic DIR."));
  if (client_arg != NULL && output == NULL)
    return fail (_("--client needs --output: a folder, a .zip file, or a .json file with --fhir."));

  store = open_existing (database, &error);
  if (store == NULL)
    return fail (error->message);
  palpate_store_set_actor (store, actor ? actor : g_get_real_name ());

  if (clinic_dir != NULL)
    {
      g_autofree char *message = NULL;

      if (!palpate_record_package_clinic (store, clinic_dir, fhir, &error))
        return fail (error->message);
      message = g_strdup_printf (_("Wrote the clinic’s %d clients to “%s”."),
                                 palpate_store_count_clients (store), clinic_dir);
      g_print ("%s\n", message);
      return EXIT_SUCCESS;
    }

  client_id = palpate_command_line_find_client (store, client_arg, &error);
  if (client_id == 0)
    return fail (error->message);

  if (fhir)
    {
      if (!palpate_record_write_fhir (store, client_id, output, &error) ||
          !palpate_record_log_disclosure (store, client_id, recipient, reason, &error))
        return fail (error->message);
    }
  else if (!palpate_record_package_client (store, client_id, output, recipient, reason,
                                           PALPATE_PAPER_A4, &error))
    return fail (error->message);

  g_print ("%s\n", output);
  return EXIT_SUCCESS;
}

static void
print_summary (const PalpateImportSummary *summary)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf (_("Imported: %u new clients, %u clients already here, %u visits "
                               "added, %u drafts replaced."),
                             summary->n_clients_added, summary->n_clients_merged,
                             summary->n_visits_added, summary->n_drafts_replaced);
  g_print ("%s\n", message);
  for (guint i = 0; i < summary->duplicates->len; i++)
    g_print ("  %s\n", (const char *) summary->duplicates->pdata[i]);
}

/**
 * palpate_command_line_import:
 * @argv: the arguments after `palpate`, starting with `import`
 */
int
palpate_command_line_import (int    argc,
                             char **argv)
{
  g_autofree char *database = NULL;
  g_autofree char *client_list = NULL;
  g_auto(GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database, N_("The clinic file (created when it does not exist)"), N_("FILE") },
    { "client-list", 0, 0, G_OPTION_ARG_FILENAME, &client_list, N_("Add the clients of a spreadsheet’s CSV file"), N_("FILE.csv") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE.json|DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— bring a client’s record or a clinic into this clinic"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  PalpateImportSummary summary = { 0 };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail (error->message);

  if ((client_list == NULL) == (files == NULL || g_strv_length (files) != 1))
    return fail (_("Give one record to import (a .json file or an exported clinic’s folder), or "
                   "--client-list FILE.csv."));

  if (client_list != NULL)
    path = g_strdup (client_list);
  else if (g_file_test (files[0], G_FILE_TEST_IS_DIR))
    {
      path = g_build_filename (files[0], "clinic.json", NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_free (path);
          path = g_build_filename (files[0], "record.json", NULL);
        }
    }
  else
    path = g_strdup (files[0]);

  if (!g_file_get_contents (path, &contents, &length, &error))
    return fail (error->message);

  if (database == NULL)
    database = palpate_application_dup_own_clinic ();
  store = palpate_command_line_open_store (database, PALPATE_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    return fail (error->message);
  palpate_store_set_actor (store, g_get_real_name ());

  if (client_list != NULL)
    {
      if (!palpate_record_import_client_list (store, contents, length, &summary, &error))
        return fail (error->message);
    }
  else
    {
      g_autoptr(JsonNode) root = palpate_record_parse (contents, length, &error);

      if (root == NULL ||
          !palpate_record_import (store, root, palpate_record_region_check, NULL, &summary,
                                  &error))
        {
          g_autofree char *message = g_strdup_printf (_("“%s” was not imported. %s"), path,
                                                      error->message);
          return fail (message);
        }
    }

  print_summary (&summary);
  palpate_import_summary_clear (&summary);
  return EXIT_SUCCESS;
}
