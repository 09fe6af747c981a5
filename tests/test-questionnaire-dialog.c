/* test-questionnaire-dialog.c — the NDI and the Oswestry answered with real clicks: the score
 * and band appear as the sections are answered, Save waits for enough of them, and the
 * answers read back are the ones clicked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "palpate-application.h"
#include "palpate-questionnaire-dialog.h"
#include "palpate-questionnaire-group.h"
#include "palpate-store.h"
#include "palpate-window.h"
#include "palpate-screenshot.h"
#include "palpate-test-input.h"
#include "palpate-test-questionnaire.h"
#include "palpate-test-utils.h"

typedef struct
{
  PalpateQuestionnaireDialog *dialog;
  int                          saved;
} Fixture;

static GtkLabel *
score_label (PalpateQuestionnaireDialog *dialog)
{
  GtkWidget *label = palpate_test_find_widget_by_name (GTK_WIDGET (dialog), "score_label");

  g_assert_nonnull (label);
  return GTK_LABEL (label);
}

static gboolean
save_enabled (PalpateQuestionnaireDialog *dialog)
{
  GtkWidget *button = palpate_test_find_widget_by_name (GTK_WIDGET (dialog), "save_button");

  return gtk_widget_is_sensitive (button);
}

typedef struct
{
  GtkLabel   *label;
  const char *text;
} LabelText;

static gboolean
label_is_cb (gpointer user_data)
{
  LabelText *wanted = user_data;

  return g_strcmp0 (gtk_label_get_text (wanted->label), wanted->text) == 0;
}

static void
on_save_cb (PalpateQuestionnaireDialog *dialog,
            Fixture                    *fixture)
{
  fixture->saved++;
}

static gboolean
saved_cb (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->saved == 1;
}

static void
run_questionnaire (PalpateInstrument  instrument,
                   const int          answers[10],
                   const char        *partial,
                   const char        *final)
{
  Fixture fixture = { 0 };
  LabelText wanted;
  int read_back[10];
  GtkWidget *save_button;

  fixture.dialog = palpate_questionnaire_dialog_new (NULL, instrument, NULL);
  g_object_ref_sink (fixture.dialog);
  g_signal_connect (fixture.dialog, "save", G_CALLBACK (on_save_cb), &fixture);
  gtk_window_set_default_size (GTK_WINDOW (fixture.dialog), 640, 700);
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (fixture.dialog)));
  g_assert_false (save_enabled (fixture.dialog));

  /* Four sections: not enough to score, and Save stays off. */
  palpate_test_answer_questionnaire (fixture.dialog, instrument, answers, 4);
  wanted = (LabelText) { score_label (fixture.dialog), partial };
  g_assert_true (palpate_test_wait_for (label_is_cb, &wanted, 20000));
  g_assert_false (save_enabled (fixture.dialog));

  palpate_test_answer_questionnaire (fixture.dialog, instrument, answers, 10);
  wanted.text = final;
  if (!palpate_test_wait_for (label_is_cb, &wanted, 20000))
    {
      palpate_questionnaire_dialog_get_answers (fixture.dialog, read_back);
      for (guint s = 0; s < 10; s++)
        g_printerr ("section %u: %d (wanted %d)\n", s, read_back[s], answers[s]);
      g_error ("score reads “%s”", gtk_label_get_text (wanted.label));
    }
  g_assert_true (save_enabled (fixture.dialog));

  palpate_questionnaire_dialog_get_answers (fixture.dialog, read_back);
  for (guint s = 0; s < 10; s++)
    g_assert_cmpint (read_back[s], ==, answers[s]);

  /* PALPATE_TEST_SCREENSHOTS=DIR keeps a picture of the filled-in dialog, to look at. */
  if (g_getenv ("PALPATE_TEST_SCREENSHOTS") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("questionnaire-%s.png",
                                               palpate_questionnaire_get_key (instrument));
      g_autofree char *path = g_build_filename (g_getenv ("PALPATE_TEST_SCREENSHOTS"), name, NULL);
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (fixture.dialog));

      g_assert_true (palpate_screenshot_save_png (GTK_WIDGET (fixture.dialog), paintable, path,
                                                  NULL));
    }

  save_button = palpate_test_find_widget_by_name (GTK_WIDGET (fixture.dialog), "save_button");
  palpate_test_input_click (save_button);
  g_assert_true (palpate_test_wait_for (saved_cb, &fixture, 20000));

  gtk_window_destroy (GTK_WINDOW (fixture.dialog));
  g_assert_finalize_object (fixture.dialog);
}

static void
test_questionnaire_dialog_ndi (void)
{
  const int answers[10] = { 2, 2, 1, 2, 2, 1, 2, 1, 2, 1 };

  run_questionnaire (PALPATE_INSTRUMENT_NDI, answers, "4 of 10 sections answered",
                     "16 of 50 · Moderate disability");
}

/* The Oswestry with its optional sex-life section left out: 16 ÷ 45 = 36 %. */
static void
test_questionnaire_dialog_odi (void)
{
  const int answers[10] = { 2, 2, 1, 2, 2, 1, 2, -1, 2, 2 };

  run_questionnaire (PALPATE_INSTRUMENT_ODI, answers, "4 of 10 sections answered",
                     "36 % · Moderate disability");
}

/* Earlier answers come back checked, and the score with them. */
static void
test_questionnaire_dialog_earlier_answers (void)
{
  const int earlier[10] = { 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 };
  g_autoptr(PalpateQuestionnaireDialog) dialog = NULL;
  int read_back[10];

  dialog = g_object_ref_sink (palpate_questionnaire_dialog_new (NULL, PALPATE_INSTRUMENT_NDI,
                                                                earlier));
  palpate_questionnaire_dialog_get_answers (dialog, read_back);
  for (guint s = 0; s < 10; s++)
    g_assert_cmpint (read_back[s], ==, 5);
  g_assert_cmpstr (gtk_label_get_text (score_label (dialog)), ==,
                   "50 of 50 · Complete disability");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* From the visit page, as a therapist does: Fill In… on the NDI row, the statements clicked,
 * Save; the row then shows the score and the change since the client's first NDI (30 → 16: 14
 * points, a meaningful change), and the clinic file holds the answers. */
typedef struct
{
  char   *database_path;
  gint64  client_id;
  gint64  draft_id;
  gboolean checked;
} VisitFixture;

static void
write_visits (VisitFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (fixture->database_path, &error);
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(PalpateVisit) first = palpate_visit_new ();
  g_autoptr(PalpateVisit) draft = palpate_visit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) earlier = g_date_time_add_days (now, -21);
  PalpateOutcomeAnswers answers = {
    .instrument = PALPATE_INSTRUMENT_NDI,
    .answers = { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3 },
  };

  g_assert_no_error (error);
  palpate_client_set_name (client, "Ines Okafor");
  g_assert_true (palpate_store_save_client (store, client, &error));
  fixture->client_id = palpate_client_get_id (client);

  palpate_visit_set_client_id (first, fixture->client_id);
  palpate_visit_set_started_at (first, earlier);
  g_assert_true (palpate_store_save_visit (store, first, &error));
  answers.visit_id = palpate_visit_get_id (first);
  g_assert_true (palpate_store_save_outcome (store, &answers, &error));
  g_assert_true (palpate_store_sign_visit (store, first, "Maria Rossi", &error));

  palpate_visit_set_client_id (draft, fixture->client_id);
  palpate_visit_set_started_at (draft, now);
  g_assert_true (palpate_store_save_visit (store, draft, &error));
  g_assert_no_error (error);
  fixture->draft_id = palpate_visit_get_id (draft);
}

static gboolean
dialog_open_cb (gpointer user_data)
{
  return palpate_test_find_toplevel (PALPATE_TYPE_QUESTIONNAIRE_DIALOG) != NULL;
}

static gboolean
dialog_closed_cb (gpointer user_data)
{
  return !dialog_open_cb (user_data);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} TreeText;

static gboolean
tree_says_cb (gpointer user_data)
{
  TreeText *wanted = user_data;
  g_autofree char *text = palpate_test_tree_dup_text (wanted->root);

  return strstr (text, wanted->text) != NULL;
}

static void
fill_in_from_visit (VisitFixture  *fixture,
                    PalpateWindow *window)
{
  const int answers[10] = { 2, 2, 1, 2, 2, 1, 2, 1, 2, 1 };
  GtkWidget *group, *button, *dialog;
  TreeText wanted;
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GArray) outcomes = NULL;
  gboolean found = FALSE;

  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (window)));
  group = palpate_test_find_widget_of_type (GTK_WIDGET (window), PALPATE_TYPE_QUESTIONNAIRE_GROUP);
  g_assert_nonnull (group);

  /* The first row is the NDI's. */
  button = palpate_test_find_widget_of_type (group, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Fill In…");
  palpate_test_input_click (button);
  g_assert_true (palpate_test_wait_for (dialog_open_cb, NULL, 20000));

  dialog = GTK_WIDGET (palpate_test_find_toplevel (PALPATE_TYPE_QUESTIONNAIRE_DIALOG));
  g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (dialog)));
  palpate_test_answer_questionnaire (PALPATE_QUESTIONNAIRE_DIALOG (dialog), PALPATE_INSTRUMENT_NDI, answers, 10);
  palpate_test_input_click (palpate_test_find_widget_by_name (dialog, "save_button"));
  g_assert_true (palpate_test_wait_for (dialog_closed_cb, NULL, 20000));

  wanted = (TreeText) { group, "16 of 50 · Moderate disability — 14 points better than at "
                               "first, a meaningful change" };
  g_assert_true (palpate_test_wait_for (tree_says_cb, &wanted, 20000));

  store = palpate_store_open (fixture->database_path, &error);
  g_assert_no_error (error);
  outcomes = palpate_store_list_outcomes (store, fixture->client_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outcomes->len; i++)
    {
      const PalpateOutcomeAnswers *o = &g_array_index (outcomes, PalpateOutcomeAnswers, i);

      if (o->visit_id != fixture->draft_id)
        continue;
      found = TRUE;
      for (guint s = 0; s < 10; s++)
        g_assert_cmpint (o->answers[s], ==, answers[s]);
    }
  g_assert_true (found);

  fixture->checked = TRUE;
  gtk_window_close (GTK_WINDOW (window));
}

static void
visit_activate_cb (GApplication *app,
                   VisitFixture *fixture)
{
  PalpateWindow *window = PALPATE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  /* Open at the client's unsigned visit, as `palpate --show visit` does. */
  palpate_window_show_latest (window, TRUE);
  fill_in_from_visit (fixture, window);
}

static void
test_questionnaire_dialog_from_visit (void)
{
  VisitFixture fixture = { 0 };
  g_autoptr(PalpateApplication) app = NULL;
  g_autofree char *tmpdir = palpate_test_make_tmpdir ();
  char *argv[] = { (char *) "palpate", NULL };

  fixture.database_path = g_build_filename (tmpdir, "clinic.sqlite3", NULL);
  write_visits (&fixture);

  app = palpate_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  palpate_application_set_database_path (app, fixture.database_path);
  g_signal_connect_after (app, "activate", G_CALLBACK (visit_activate_cb), &fixture);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (fixture.checked);

  palpate_test_remove_tree (tmpdir);
  g_free (fixture.database_path);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  palpate_test_input_init ();

  g_test_add_func ("/Palpate/QuestionnaireDialog/ndi-by-clicks", test_questionnaire_dialog_ndi);
  g_test_add_func ("/Palpate/QuestionnaireDialog/odi-by-clicks", test_questionnaire_dialog_odi);
  g_test_add_func ("/Palpate/QuestionnaireDialog/from-the-visit-page",
                   test_questionnaire_dialog_from_visit);
  g_test_add_func ("/Palpate/QuestionnaireDialog/earlier-answers",
                   test_questionnaire_dialog_earlier_answers);

  return g_test_run ();
}
