/* test-pain-scale.c — the 0–10 pain rating: buttons, words, taking a rating back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "palpate-pain.h"
#include "palpate-pain-scale.h"
#include "palpate-test-utils.h"

static GtkWidget *
find_button (GtkWidget  *scale,
             const char *label)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, scale);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_TOGGLE_BUTTON (widget) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
        return widget;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }

  return NULL;
}

static void
test_pain_scale_click_and_words (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scale = palpate_pain_scale_new ();
  GtkWidget *seven;

  gtk_window_set_child (GTK_WINDOW (window), scale);
  palpate_pain_scale_set_title (PALPATE_PAIN_SCALE (scale), "Pain before");
  gtk_window_present (GTK_WINDOW (window));
  palpate_test_iterate (50);

  g_assert_cmpint (palpate_pain_scale_get_value (PALPATE_PAIN_SCALE (scale)), ==, -1);
  g_assert_true (palpate_test_tree_contains_text (scale, "Not rated yet"));
  g_assert_true (palpate_test_tree_contains_text (scale, "Pain before"));

  seven = find_button (scale, "7");
  g_assert_nonnull (seven);
  palpate_test_click_button (seven);
  g_assert_cmpint (palpate_pain_scale_get_value (PALPATE_PAIN_SCALE (scale)), ==, 7);
  g_assert_true (palpate_test_tree_contains_text (scale, "7 — Severe"));

  /* A second tap on the chosen rating takes it back. */
  palpate_test_click_button (seven);
  g_assert_cmpint (palpate_pain_scale_get_value (PALPATE_PAIN_SCALE (scale)), ==, -1);

  palpate_pain_scale_set_value (PALPATE_PAIN_SCALE (scale), 0);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find_button (scale, "0"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (seven)));
  g_assert_true (palpate_test_tree_contains_text (scale, "0 — No pain"));

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_pain_scale_words (void)
{
  g_assert_cmpstr (palpate_pain_get_word (0), ==, "No pain");
  g_assert_cmpstr (palpate_pain_get_word (3), ==, "Mild");
  g_assert_cmpstr (palpate_pain_get_word (4), ==, "Moderate");
  g_assert_cmpstr (palpate_pain_get_word (9), ==, "Severe");
  g_assert_cmpstr (palpate_pain_get_word (10), ==, "Worst imaginable");
  g_assert_null (palpate_pain_get_word (11));
  g_assert_null (palpate_pain_get_word (-1));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Palpate/PainScale/click-and-words", test_pain_scale_click_and_words);
  g_test_add_func ("/Palpate/PainScale/words", test_pain_scale_words);

  return g_test_run ();
}
