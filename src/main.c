/* main.c — starts Palpate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "palpate-application.h"
#include "palpate-command-line.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PalpateApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("PALPATE_LOCALEDIR") ?: LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Palpate"));

  /* `palpate report …` writes PDFs and needs no display. */
  if (argc > 1 && g_str_equal (argv[1], "report"))
    return palpate_command_line_report (argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "export"))
    return palpate_command_line_export (argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "import"))
    return palpate_command_line_import (argc - 1, argv + 1);
  if (argc > 1 && g_str_equal (argv[1], "migrate"))
    return palpate_command_line_migrate (argc - 1, argv + 1);

  app = palpate_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);

  return status != EXIT_SUCCESS ? status : palpate_application_get_exit_status (app);
}
