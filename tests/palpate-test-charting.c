/* palpate-test-charting.c — what the end-to-end charting tests share: a client opened by
 * click, a finding charted by a drag, pain read off the scale, and one process per path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "palpate-test-charting.h"

/* Clicks the sidebar's row of the client called @name. */
void
palpate_test_click_client (Clinic     *clinic,
                           const char *name)
{
  GtkWidget *row = palpate_test_find_row (palpate_test_child (win (clinic), "client_list"), name);

  g_assert_nonnull (row);
  palpate_test_input_click (row);
}

gboolean
palpate_test_client_shown (Clinic     *clinic,
                           const char *name)
{
  GtkWidget *page = GTK_WIDGET (palpate_window_get_client_page (clinic->window));
  GtkWidget *title;

  if (!page_is (clinic, "client"))
    return FALSE;

  title = palpate_test_child (page, "title");
  return g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), name) == 0;
}

/* Whether the sidebar lists the client called @name. */
gboolean
palpate_test_client_listed (Clinic     *clinic,
                            const char *name)
{
  GtkWidget *row = palpate_test_find_row (palpate_test_child (win (clinic), "client_list"), name);

  return row != NULL && gtk_widget_get_mapped (row);
}

/* Clicks into @text_view, goes to its end and types @text there. */
void
palpate_test_type_at_end (GtkWidget  *text_view,
                          const char *text)
{
  palpate_test_input_click (text_view);
  WAIT_UNTIL (gtk_widget_has_focus (text_view));
  palpate_test_input_key ("<Control>End");
  palpate_test_input_type (text);
}

/* Signs the open visit by the header's button and the dialog's. */
void
palpate_test_sign_by_hand (Clinic *clinic)
{
  GtkWindow *dialog;
  GtkWidget *sign;

  palpate_test_input_click (palpate_test_child (GTK_WIDGET (visit_page (clinic)), "sign_button"));
  WAIT_UNTIL ((dialog = palpate_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  WAIT_UNTIL ((sign = palpate_test_find_button (GTK_WIDGET (dialog), "Sign")) != NULL);
  palpate_test_input_click (sign);
  WAIT_UNTIL (palpate_visit_get_status (palpate_visit_page_get_visit (visit_page (clinic))) ==
              PALPATE_VISIT_SIGNED);
}

/* Opens the newest visit of the client called @name by hand: the row, then the visit. */
void
palpate_test_open_latest_visit (Clinic     *clinic,
                                const char *name)
{
  GtkWidget *visits;
  GtkListBoxRow *row;

  palpate_test_click_client (clinic, name);
  WAIT_UNTIL (palpate_test_client_shown (clinic, name));
  visits = palpate_test_child (GTK_WIDGET (palpate_window_get_client_page (clinic->window)),
                               "visit_list");
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (visits), 0);
  g_assert_nonnull (row);
  palpate_test_input_click (GTK_WIDGET (row));
  WAIT_UNTIL (page_is (clinic, "visit"));
}

/* Charting by hand */

gboolean
palpate_test_map_is_laid_out (PalpateBodyMap *map)
{
  const PalpatePoint point = { 100, 100 };
  double x, y;

  return gtk_widget_get_mapped (palpate_body_map_get_canvas (map)) &&
         palpate_body_map_atlas_to_widget (map, PALPATE_VIEW_ANTERIOR, &point, &x, &y);
}

/* Picks @kind in the palette (-1: the one chosen) and charts a finding inside @region_id: a
 * click for one point, a drag through @n_points for a line or an area. */
void
palpate_test_chart_by_hand (PalpateBodyMap *map,
                            int             kind,
                            const char     *region_id,
                            guint           n_points,
                            guint32         seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GtkWidget *canvas = palpate_body_map_get_canvas (map);
  graphene_point_t stroke[8];
  PalpatePoint points[8];
  PalpateView view;

  g_assert_cmpuint (n_points, >=, 1);
  g_assert_cmpuint (n_points, <=, G_N_ELEMENTS (points));
  WAIT_UNTIL (palpate_test_map_is_laid_out (map));

  if (kind >= 0)
    {
      GtkWidget *button = palpate_test_find_by_tooltip (GTK_WIDGET (map),
                                                        palpate_finding_kind_get_name (kind));

      g_assert_nonnull (button);
      palpate_test_input_click (button);
      WAIT_UNTIL (palpate_body_map_get_current_kind (map) == (PalpateFindingKind) kind);
    }

  g_assert_true (palpate_atlas_place_in_region (region_id, rand, &view, points, n_points,
                                                palpate_atlas_get_default ()));
  for (guint i = 0; i < n_points; i++)
    {
      double x, y;

      g_assert_true (palpate_body_map_atlas_to_widget (map, view, &points[i], &x, &y));
      stroke[i] = GRAPHENE_POINT_INIT (x, y);
    }

  if (n_points == 1)
    palpate_test_input_click_at (canvas, stroke[0].x, stroke[0].y);
  else
    palpate_test_input_drag (canvas, stroke, n_points);
}

guint
palpate_test_n_stored_findings (Clinic *clinic,
                                gint64  visit_id)
{
  g_autoptr(GPtrArray) findings = palpate_store_list_findings (clinic->store, visit_id, NULL);

  return findings ? findings->len : 0;
}

GtkWidget *
palpate_test_pain_button (GtkWidget *scale,
                          int        value)
{
  g_autofree char *label = g_strdup_printf ("%d", value);
  GtkWidget *button = palpate_test_find_button (scale, label);

  g_assert_nonnull (button);
  return button;
}

/* Each path runs in a process of its own, so that one failure does not hide the next. */
void
palpate_test_charting_run_case (gconstpointer data)
{
  PalpateTestCaseFunc func = (PalpateTestCaseFunc) data;

  if (g_test_subprocess ())
    {
      Clinic clinic = { 0 };

      palpate_test_input_init ();
      palpate_test_clinic_set_up (&clinic, NULL);
      func (&clinic, NULL);
      palpate_test_clinic_tear_down (&clinic, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                   G_TEST_SUBPROCESS_INHERIT_STDERR);
  if (!g_test_trap_has_passed ())
    g_test_fail ();
}

/* The arguments with --keep-going added: kept for the whole run, as GTest keeps argv. */
static char **charting_argv;

void
palpate_test_charting_init (int    *argc,
                            char ***argv)
{
  charting_argv = g_new0 (char *, *argc + 2);

  /* One failed path does not stop the others. */
  memcpy (charting_argv, *argv, *argc * sizeof (char *));
  if (*argc > 0)
    charting_argv[(*argc)++] = (char *) "--keep-going";
  *argv = charting_argv;
  /* GTK's test accessibility back end records names and relations, without a bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

/* Picks the item reading @label from a drop-down, by clicking it open and clicking the item. */
void
palpate_test_choose_from_dropdown (GtkWidget  *dropdown,
                                   const char *label)
{
  GtkWidget *popover = palpate_test_find_widget_of_type (dropdown, GTK_TYPE_POPOVER);
  GtkWidget *item;
  gint64 deadline;

  /* Right after another menu closed, X may still route the press to the closing menu's
   * grab: a hand that sees nothing open clicks again. It waits long enough first that a menu
   * slow to open on a busy machine is not clicked shut again. */
  palpate_test_input_click (dropdown);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!gtk_widget_get_mapped (popover) && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  if (!gtk_widget_get_mapped (popover))
    palpate_test_input_click (dropdown);
  WAIT_UNTIL ((item = palpate_test_find_label (dropdown, label)) != NULL);
  palpate_test_input_click (item);
  WAIT_UNTIL (!gtk_widget_get_mapped (popover));
}
