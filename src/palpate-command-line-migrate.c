/* palpate-command-line-migrate.c — `palpate migrate`: a clinic moved from its file onto a
 * clinic server, or from the server into a new clinic file (also how a server clinic is
 * backed up)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate"

#include "config.h"

#include "palpate-command-line.h"

#include <glib/gi18n.h>

#include "palpate-migrate.h"

/**
 * palpate_command_line_migrate:
 * @argv: the arguments after `palpate`, starting with `migrate`
 *
 *   palpate migrate --from clinic.sqlite3 --to postgresql://host/clinic
 *   palpate migrate --from postgresql://host/clinic --to copy.sqlite3
 */
int
palpate_command_line_migrate (int    argc,
                              char **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, N_("The clinic to copy: a clinic file or a clinic server (postgresql://…)"), N_("FILE|URI") },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to, N_("Where to copy it: an empty database on a clinic server, or a new clinic file"), N_("URI|FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— move a clinic between its file and a clinic server"));
  g_autoptr(GError) error = NULL;
  PalpateMigrateSummary summary = { 0 };
  g_autofree char *rows = NULL;
  g_autofree char *entries_text = NULL;
  gboolean from_server, to_server;
  gboolean ok;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  from_server = palpate_migrate_is_server_location (from);
  to_server = palpate_migrate_is_server_location (to);
  if (from == NULL || to == NULL || from_server == to_server)
    {
      g_printerr ("%s\n", _("Give a clinic file and a clinic server: --from FILE --to "
                            "postgresql://…, or --from postgresql://… --to FILE."));
      return EXIT_FAILURE;
    }

  if (to_server)
    ok = palpate_migrate_file_to_server (from, to, &summary, &error);
  else
    ok = palpate_migrate_server_to_file (from, to, &summary, &error);
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  /* The location is not printed: a server's may hold a password. */
  rows = g_strdup_printf ("%" G_GINT64_FORMAT, summary.n_rows);
  entries_text = g_strdup_printf ("%" G_GINT64_FORMAT, summary.n_audit_entries);
  g_print (ngettext ("Copied %u table, %s rows; every row compared, the audit log (%s entries) "
                     "and the seals of signed visits verified.\n",
                     "Copied %u tables, %s rows; every row compared, the audit log (%s entries) "
                     "and the seals of signed visits verified.\n", summary.n_tables),
           summary.n_tables, rows, entries_text);
  return EXIT_SUCCESS;
}
