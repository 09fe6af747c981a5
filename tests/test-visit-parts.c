/* test-visit-parts.c — the visit page's parts on their own: the amendment list shows the
 * store's amendments through its bound model, and the kinetic-chain prompt shows, highlights
 * and hides the partners to assess
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "palpate-amendment-list.h"
#include "palpate-chain-prompt.h"
#include "palpate-test-clinic.h"
#include "palpate-test-utils.h"

static guint
n_rows (GtkWidget *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n) != NULL)
    n++;
  return n;
}

static void
add_amendment (PalpateStore *store,
               gint64        visit_id,
               const char   *text)
{
  g_autoptr(PalpateAmendment) amendment = palpate_amendment_new ();
  g_autoptr(GError) error = NULL;

  palpate_amendment_set_visit_id (amendment, visit_id);
  palpate_amendment_set_author (amendment, "Maria Rossi");
  palpate_amendment_set_text (amendment, text);
  palpate_amendment_set_reason (amendment, "Added later");
  g_assert_true (palpate_store_add_amendment (store, amendment, &error));
  g_assert_no_error (error);
}

static void
test_visit_parts_amendment_list (void)
{
  g_autofree char *tmpdir = palpate_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (tmpdir, "clinic.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = palpate_store_open (path, &error);
  g_autoptr(PalpateVisit) visit = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *amendments = g_object_new (PALPATE_TYPE_AMENDMENT_LIST, NULL);
  const char *description;
  GtkWidget *list;
  gint64 client_id;
  gint64 visit_id;

  g_assert_no_error (error);
  client_id = palpate_test_clinic_add_client (store, "Anna Berg");
  visit_id = palpate_test_clinic_add_visit (store, client_id, 3);
  palpate_test_clinic_sign_visit (store, visit_id);
  add_amendment (store, visit_id, "Pain after was 5, not 6.");
  add_amendment (store, visit_id, "Home care: heat, not ice.");
  visit = palpate_store_get_visit (store, visit_id, &error);
  g_assert_no_error (error);

  gtk_window_set_child (GTK_WINDOW (window), amendments);
  gtk_window_present (GTK_WINDOW (window));
  palpate_amendment_list_load (PALPATE_AMENDMENT_LIST (amendments), store, visit);
  palpate_test_iterate (20);

  list = palpate_test_child (amendments, "amendment_list");
  g_assert_cmpuint (n_rows (list), ==, 2);
  g_assert_true (palpate_test_tree_contains_text (list, "Pain after was 5, not 6."));
  g_assert_true (palpate_test_tree_contains_text (list, "Home care: heat, not ice."));
  description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (amendments));
  g_assert_nonnull (strstr (description, "A signed visit does not change"));

  /* Loaded again, the list follows the store: one row per amendment, none twice. */
  add_amendment (store, visit_id, "Referred pain reached the temple.");
  palpate_amendment_list_load (PALPATE_AMENDMENT_LIST (amendments), store, visit);
  palpate_test_iterate (20);
  g_assert_cmpuint (n_rows (list), ==, 3);
  g_assert_true (palpate_test_tree_contains_text (list, "Referred pain reached the temple."));

  palpate_amendment_list_unload (PALPATE_AMENDMENT_LIST (amendments));
  g_clear_object (&visit);
  gtk_window_destroy (GTK_WINDOW (window));
  palpate_store_close (store);
  g_assert_finalize_object (g_steal_pointer (&store));
  palpate_test_remove_tree (tmpdir);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_visit_parts_chain_prompt (void)
{
  const PalpatePoint point = { 100, 560 };
  g_autoptr(GListStore) findings = g_list_store_new (PALPATE_TYPE_FINDING);
  g_autoptr(PalpateFinding) finding = palpate_finding_new (PALPATE_FINDING_TRIGGER_POINT_ACTIVE,
                                                           PALPATE_VIEW_POSTERIOR, &point, 1);
  GtkWidget *prompt = g_object_ref_sink (g_object_new (PALPATE_TYPE_CHAIN_PROMPT, NULL));
  g_auto(GStrv) highlighted = NULL;
  guint changed = 0;

  g_signal_connect_swapped (prompt, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_null (palpate_chain_prompt_dup_highlighted (PALPATE_CHAIN_PROMPT (prompt)));

  palpate_finding_set_region_id (finding, "quadratus-lumborum-left");
  g_list_store_append (findings, finding);
  palpate_chain_prompt_note_finding (PALPATE_CHAIN_PROMPT (prompt), finding,
                                     G_LIST_MODEL (findings));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (gtk_widget_get_visible (prompt));
  highlighted = palpate_chain_prompt_dup_highlighted (PALPATE_CHAIN_PROMPT (prompt));
  g_assert_nonnull (highlighted);
  g_assert_cmpuint (g_strv_length (highlighted), >, 0);
  g_assert_false (g_strv_contains ((const char * const *) highlighted, "quadratus-lumborum-left"));
  g_assert_true (palpate_test_tree_contains_text (prompt, "Linked along the kinetic chain"));

  /* Signed, the visit asks for nothing: hidden, nothing highlighted. */
  palpate_chain_prompt_set_editable (PALPATE_CHAIN_PROMPT (prompt), FALSE);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_false (gtk_widget_get_visible (prompt));
  g_assert_null (palpate_chain_prompt_dup_highlighted (PALPATE_CHAIN_PROMPT (prompt)));

  /* Another visit: nothing left to assess. */
  palpate_chain_prompt_set_editable (PALPATE_CHAIN_PROMPT (prompt), TRUE);
  g_assert_true (gtk_widget_get_visible (prompt));
  palpate_chain_prompt_clear (PALPATE_CHAIN_PROMPT (prompt));
  g_assert_false (gtk_widget_get_visible (prompt));
  g_assert_null (palpate_chain_prompt_dup_highlighted (PALPATE_CHAIN_PROMPT (prompt)));

  g_assert_finalize_object (prompt);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/Palpate/VisitParts/amendment-list", test_visit_parts_amendment_list);
  g_test_add_func ("/Palpate/VisitParts/chain-prompt", test_visit_parts_chain_prompt);

  return g_test_run ();
}
