/* palpate-test-questionnaire.c — a questionnaire answered with real clicks, as a client or a
 * therapist answers it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-test-input.h"
#include "palpate-test-questionnaire.h"
#include "palpate-test-utils.h"

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (widget))
    g_ptr_array_add (rows, widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_rows (c, rows);
}

static gboolean
check_active_cb (gpointer user_data)
{
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (user_data));
}

/**
 * palpate_test_answer_questionnaire:
 * @answers: for each section, the statement to click (0–5), or -1 to leave it
 *
 * Clicks, for each of the first @n_sections sections, the row of the statement scored
 * @answers[s] (the rows are in section order, six a section, and a seventh "does not apply"
 * where the section is optional), and waits until its check shows it chosen.
 */
void
palpate_test_answer_questionnaire (PalpateQuestionnaireDialog *dialog,
                                   PalpateInstrument           instrument,
                                   const int                   answers[10],
                                   guint                       n_sections)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint first = 0;

  collect_rows (GTK_WIDGET (dialog), rows);
  for (guint s = 0; s < n_sections; s++)
    {
      guint n = PALPATE_QUESTIONNAIRE_N_STATEMENTS +
                (palpate_questionnaire_section_optional (instrument, s) ? 1 : 0);

      if (answers[s] >= 0)
        {
          AdwActionRow *row = g_ptr_array_index (rows, first + answers[s]);

          palpate_test_input_click (GTK_WIDGET (row));
          g_assert_true (palpate_test_wait_for (check_active_cb,
                                                adw_action_row_get_activatable_widget (row),
                                                20000));
        }
      first += n;
    }
}
