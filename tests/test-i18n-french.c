/* test-i18n-french.c — the French translation is built, complete in the window, speaks the
 * clinical words of Canadian massage therapy, and its dates follow the locale
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
test_i18n_french_window (void)
{
  GtkWidget *window = GTK_WIDGET (g_object_new (PALPATE_TYPE_WINDOW, NULL));
  GtkWidget *status_page;

  g_object_ref_sink (window);
  status_page = palpate_test_find_widget_of_type (window, ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status_page);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status_page)), ==,
                   "Aucun client pour l’instant");
  g_assert_true (palpate_test_tree_contains_text (window, "Ouvrir la clinique de démonstration"));
  g_assert_cmpstr (C_("shortcut window", "Quit"), ==, "Quitter");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_i18n_french_vocabulary (void)
{
  /* The words Canadian massage therapists chart in. */
  g_assert_cmpstr (_("Active trigger point"), ==, "Point gâchette actif");
  g_assert_cmpstr (_("Adhesion"), ==, "Adhérence");
  g_assert_cmpstr (_("Spasm zone"), ==, "Zone de spasme");
  g_assert_cmpstr (_("Tender point"), ==, "Point sensible");
  g_assert_cmpstr (_("Myofascial release"), ==, "Relâchement myofascial");
  g_assert_cmpstr (_("Therapist’s PIN"), ==, "NIP du thérapeute");
  g_assert_cmpstr (_("Email"), ==, "Courriel");
  g_assert_cmpstr (_("Right upper trapezius"), ==, "Trapèze supérieur droit");

  /* French counts one as singular, and zero too. */
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%d visit", "%d visits", 0), ==, "%d visite");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%d visit", "%d visits", 1), ==, "%d visite");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%d visit", "%d visits", 2), ==, "%d visites");
}

static void
test_i18n_french_dates (void)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 11, 3, 10, 0, 0);
  g_autofree char *then = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_TIME, NULL));

  /* The format comes from the catalogue, the month's name from the locale. */
  if (setlocale (LC_TIME, "fr_CA.UTF-8") == NULL)
    {
      g_test_skip ("The fr_CA.UTF-8 locale is not generated (build-aux/test generates it).");
      return;
    }
  then = g_date_time_format (day, _("Then · %-d %B %Y"));
  setlocale (LC_TIME, saved);

  g_assert_cmpstr (then, ==, "Avant · 3 novembre 2026");
}

int
main (int   argc,
      char *argv[])
{
  /* No locales are needed for the messages: C.UTF-8 with LANGUAGE picks the catalogue. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_BUILDDIR "/po");
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Palpate/I18nFrench/window", test_i18n_french_window);
  g_test_add_func ("/Palpate/I18nFrench/vocabulary", test_i18n_french_vocabulary);
  g_test_add_func ("/Palpate/I18nFrench/dates", test_i18n_french_dates);

  return g_test_run ();
}
