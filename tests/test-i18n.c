/* test-i18n.c — the German translation is built and shows in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "palpate-test-utils.h"
#include "palpate-window.h"

static void
test_i18n_german_window (void)
{
  GtkWidget *window = GTK_WIDGET (g_object_new (PALPATE_TYPE_WINDOW, NULL));
  GtkWidget *status_page;

  g_object_ref_sink (window);
  status_page = palpate_test_find_widget_of_type (window, ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status_page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==,
                   "Noch keine Klienten");
  g_assert_cmpstr (_("Paper Size"), ==, "Papierformat");
  g_assert_cmpstr (C_("shortcut window", "Quit"), ==, "Beenden");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  /* No locales are generated on a minimal system: C.UTF-8 with LANGUAGE picks the catalogue. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_BUILDDIR "/po");
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Palpate/I18n/german-window", test_i18n_german_window);

  return g_test_run ();
}
