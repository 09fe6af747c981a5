/* test-patient-view-report.c — what the client reports in their own view is kept as theirs,
 * and what they take home says it in plain words
 *
 * A real application window under Xvfb on a temporary clinic with two clients. Every user
 * action goes through the X server as a hand's would (tests/palpate-test-input.h): clicks on
 * the header button, the rating buttons and the body map, typed PINs, real Escape, Ctrl+W and
 * Ctrl+Q. Each user path is a subtest of its own; the clinic and the hand's ways into the view
 * are in palpate-test-patient-view.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <string.h>

#include "palpate-application.h"
#include "palpate-atlas.h"
#include "palpate-pain-scale.h"
#include "palpate-preferences-window.h"
#include "palpate-screenshot.h"
#include "palpate-store-private.h"
#include "palpate-test-input.h"
#include "palpate-test-patient-view.h"
#include "palpate-test-utils.h"

/* 8: what the client reports is kept as theirs */

static void
tap_region (PalpateBodyMap *map,
            const char     *region_id)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  GtkWidget *canvas = palpate_body_map_get_canvas (map);
  PalpatePoint point;
  PalpateView view;
  double x, y;

  g_assert_true (palpate_test_input_wait_visible (canvas, 5000));
  g_assert_true (palpate_atlas_place_in_region (region_id, rand, &view, &point, 1,
                                                palpate_atlas_get_default ()));
  g_assert_true (palpate_body_map_atlas_to_widget (map, view, &point, &x, &y));
  palpate_test_input_click_at (canvas, x, y);
}

static gboolean
has_n_places_cb (gpointer user_data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (palpate_body_map_get_findings (user_data))) == 1;
}

/* Rates pain @pain, taps the sore region and rates the first activity @ability, all by
 * clicks, on the rating page. */
static void
rate_today (PalpatePatientView *view,
            int                 pain,
            int                 ability)
{
  GtkWidget *scale;
  GtkWidget *map;
  GtkWidget *abilities;
  g_autofree char *pain_text = g_strdup_printf ("%d", pain);
  g_autofree char *ability_text = g_strdup_printf ("%d", ability);

  click_button (GTK_WIDGET (view), "Tell Us How You Feel Today");
  scale = palpate_test_find_widget_by_name (GTK_WIDGET (view), "pain_scale");
  g_assert_true (palpate_test_input_wait_visible (scale, 5000));
  click_button (scale, pain_text);
  g_assert_cmpint (palpate_pain_scale_get_value (PALPATE_PAIN_SCALE (scale)), ==, pain);

  if (ability < 0)
    return;

  map = palpate_test_find_widget_by_name (GTK_WIDGET (view), "body_map");
  tap_region (PALPATE_BODY_MAP (map), SORE_REGION);
  g_assert_true (palpate_test_wait_for (has_n_places_cb, map, 5000));

  /* The first activity's row of buttons comes after its name. */
  abilities = palpate_test_find_widget_by_name (GTK_WIDGET (view), "abilities_box");
  click_button (gtk_widget_get_next_sibling (gtk_widget_get_first_child (abilities)),
                ability_text);
}

static PalpateClientReport *
only_report (PalpateStore *store,
             gint64        client_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = palpate_store_list_client_reports (store, client_id, NULL,
                                                                    &error);

  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 1);
  return g_object_ref (reports->pdata[0]);
}

static void
check_self_report (Fixture       *fixture,
                   PalpateWindow *window)
{
  PalpateStore *store = palpate_window_get_store (window);
  gint64 client_id = shown_client_id (window);
  PalpatePatientView *view = open_view (window);
  g_autoptr(PalpateVisit) draft = NULL;
  g_autoptr(PalpateClientReport) report = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GArray) ratings = NULL;
  g_autoptr(GArray) activity_ids = palpate_store_list_activity_ids (store, client_id, NULL);
  const PalpateClientActivityRating *rated;
  GPtrArray *places;
  guint n;

  rate_today (view, 6, 7);
  click_button (GTK_WIDGET (view), "Done");
  g_assert_true (shows_text (GTK_WIDGET (view), "Thank you"));

  /* The therapist's draft of today is as the therapist left it. */
  draft = palpate_store_get_latest_visit (store, client_id, 0, NULL);
  g_assert_nonnull (draft);
  g_assert_cmpint (palpate_visit_get_status (draft), ==, PALPATE_VISIT_DRAFT);
  g_assert_cmpint (palpate_visit_get_pain_before (draft), ==, 3);
  g_assert_cmpstr (palpate_visit_get_subjective (draft), ==, THERAPIST_WORDS);
  g_assert_false (palpate_visit_get_reported_by_client (draft));
  findings = palpate_store_list_findings (store, palpate_visit_get_id (draft), NULL);
  g_assert_cmpuint (findings->len, ==, 0);
  ratings = palpate_store_list_psfs_ratings (store, client_id, NULL);
  for (guint i = 0; i < ratings->len; i++)
    g_assert_cmpint (g_array_index (ratings, PalpatePsfsRating, i).visit_id, !=,
                     palpate_visit_get_id (draft));

  /* The client's report is kept whole, as theirs. */
  report = only_report (store, client_id);
  g_assert_true (palpate_client_report_get_finished (report));
  g_assert_cmpint (palpate_client_report_get_pain (report), ==, 6);
  places = palpate_client_report_get_places (report);
  g_assert_cmpuint (places->len, ==, 1);
  g_assert_cmpstr (palpate_finding_get_region_id (places->pdata[0]), ==, SORE_REGION);
  g_assert_true (palpate_finding_get_reported_by_client (places->pdata[0]));
  rated = palpate_client_report_get_ratings (report, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (rated[0].activity_id, ==, g_array_index (activity_ids, gint64, 0));
  g_assert_cmpint (rated[0].rating, ==, 7);

  /* Back on the therapist's screen, marked as what the client reported. */
  leave_view (window, view);
  g_assert_true (shows_text (GTK_WIDGET (window), "Reported by the Client"));
  g_assert_true (shows_text (GTK_WIDGET (window), "pain 6 of 10"));
  g_assert_true (shows_text (GTK_WIDGET (window), ACTIVITY ": 7 of 10"));
  g_assert_true (shows_text (GTK_WIDGET (window), "Left upper trapezius"));
}

static void
test_self_report (void)
{
  Fixture fixture = { .with_pin = TRUE, .todays_draft = TRUE };

  run (&fixture, check_self_report);
}

static void
check_unfinished_report (Fixture       *fixture,
                         PalpateWindow *window)
{
  PalpateStore *store = palpate_window_get_store (window);
  gint64 client_id = shown_client_id (window);
  PalpatePatientView *view = open_view (window);
  g_autoptr(PalpateClientReport) report = NULL;
  g_autoptr(PalpateVisit) draft = NULL;
  AdwMessageDialog *dialog;

  /* The client taps a number, then the therapist takes the screen back before Done. */
  rate_today (view, 5, -1);
  click_button (GTK_WIDGET (view), "For Your Therapist");
  dialog = ADW_MESSAGE_DIALOG (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "has not pressed Done"));
  palpate_test_input_click (adw_message_dialog_get_extra_child (dialog));
  palpate_test_input_type (PIN);
  palpate_test_input_key ("Return");
  g_assert_true (palpate_test_wait_for (view_closed_cb, window, 10000));

  report = only_report (store, client_id);
  g_assert_false (palpate_client_report_get_finished (report));
  g_assert_cmpint (palpate_client_report_get_pain (report), ==, 5);
  draft = palpate_store_get_latest_visit (store, client_id, 0, NULL);
  g_assert_cmpint (palpate_visit_get_pain_before (draft), ==, 3);

  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
  g_assert_true (shows_text (GTK_WIDGET (window), "pain 5 of 10"));
  g_assert_true (shows_text (GTK_WIDGET (window), "Not finished"));
}

static void
test_unfinished_report (void)
{
  Fixture fixture = { .with_pin = TRUE, .todays_draft = TRUE };

  run (&fixture, check_unfinished_report);
}

/* 6: a finding marked Gone does not hurt on the "Now" chart */

/* Counts the pixels of the client's "where it hurt" red in a column range of a picture, above
 * the legend (whose scale is red too) at the bottom of each panel. */
static guint
count_red (GdkTexture *texture,
           double      from,
           double      to)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  guint n = 0;

  gdk_texture_download (texture, pixels, width * 4);
  for (int y = 0; y < height * 8 / 10; y++)
    for (int x = (int) (from * width); x < (int) (to * width); x++)
      {
        /* Cairo's ARGB32, premultiplied, in memory order B G R A. */
        const guchar *p = pixels + ((gsize) y * width + x) * 4;

        if (p[2] > p[1] + 40 && p[2] > p[0] + 40)
          n++;
      }

  return n;
}

static void
check_gone_is_not_hurting_now (Fixture       *fixture,
                               PalpateWindow *window)
{
  PalpatePatientView *view = open_view (window);
  GtkWidget *body_area = palpate_test_find_widget_by_name (GTK_WIDGET (view), "body_area");
  g_autofree char *path = g_getenv ("PALPATE_TEST_KEEP_PICTURE")
    ? g_strdup (g_getenv ("PALPATE_TEST_KEEP_PICTURE"))
    : g_build_filename (fixture->tmpdir, "then-and-now.png", NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  guint then_red, now_red;

  /* The chart as it is on screen: scrolled to, and drawn. */
  g_assert_true (palpate_test_input_wait_visible (body_area, 5000));
  paintable = gtk_widget_paintable_new (body_area);
  gtk_widget_queue_draw (body_area);
  palpate_test_input_settle ();
  while (!palpate_screenshot_save_png (body_area, paintable, path, &error))
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
      g_clear_error (&error);
      gtk_widget_queue_draw (body_area);
      palpate_test_iterate (20);
    }
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);

  /* Then: the sore trapezius glows red. Now: it is gone, nothing hurts there. */
  then_red = count_red (texture, 0.0, 0.5);
  now_red = count_red (texture, 0.5, 1.0);
  g_assert_cmpuint (then_red, >, 40);
  g_assert_cmpuint (now_red, <, then_red / 10);

  leave_view (window, view);
}

static void
test_gone_is_not_hurting_now (void)
{
  Fixture fixture = { .with_pin = TRUE, .resolved_finding = TRUE };

  run (&fixture, check_gone_is_not_hurting_now);
}


/* The take-home handout: the same plain words, nothing clinical */

static void
check_handout (Fixture       *fixture,
               PalpateWindow *window)
{
  g_autofree char *pdf = g_build_filename (fixture->tmpdir, "handout.pdf", NULL);
  g_autofree char *handout = NULL;
  const char *argv[] = { "pdftotext", pdf, "-", NULL };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-handout-to", "s",
                                             pdf));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &handout, NULL, NULL,
                               NULL));
  g_assert_nonnull (strstr (handout, "here is your progress"));
  g_assert_nonnull (strstr (handout, HOME_CARE));
  g_assert_null (strstr (handout, SOAP_SENTENCE));
  g_assert_null (strstr (handout, OTHER_CLIENT));
}

static void
test_handout (void)
{
  Fixture fixture = { .with_pin = TRUE };

  run (&fixture, check_handout);
}


int
main (int   argc,
      char *argv[])
{
  int status;

  /* GTK's test accessibility back end, to read the accessible names. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  palpate_test_input_init ();

  g_test_add_func ("/Palpate/PatientView/self-report-is-the-clients", test_self_report);
  g_test_add_func ("/Palpate/PatientView/unfinished-report-is-kept", test_unfinished_report);
  g_test_add_func ("/Palpate/PatientView/gone-does-not-hurt-now", test_gone_is_not_hurting_now);
  g_test_add_func ("/Palpate/PatientView/handout-plain-words", test_handout);

  patient_view_templates_init ();
  status = g_test_run ();
  patient_view_templates_clear ();

  return status;
}
