/* palpate-earlier-findings.c — the previous visit's findings to mark Same, Better or Gone
 *
 * Each finding of the previous visit that was not resolved comes back as a row to mark. A mark
 * carries the earlier finding into this visit with how it compares (saved at once); the same
 * mark again takes it back. Unmarked findings are "ghosts": the body map draws them faintly, and
 * they are not recorded. The mark is bound to the earlier finding, never to a row's place, and
 * rows stay where they are until the visit is loaded again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-earlier-findings"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-earlier-findings.h"
#include "palpate-atlas.h"

/* An earlier finding under review: how it compares today is the finding carried into this
 * visit, if the therapist marked it. */
typedef struct
{
  PalpateFinding *earlier;
  PalpateFinding *carried;   /* nullable */
  GtkWidget      *choices[3];
} Review;

struct _PalpateEarlierFindings
{
  AdwPreferencesGroup  parent_instance;

  PalpateStore        *store;
  PalpateVisit        *visit;
  GListStore          *findings;   /* the visit's: carried findings join it */
  GListStore          *ghosts;     /* earlier findings not marked yet: drawn faintly */
  GPtrArray           *reviews;    /* Review: every earlier finding, in a fixed order */

  /* Template widgets */
  GtkListBox          *ghost_list;
};

enum {
  SAVED,
  GHOSTS_CHANGED,
  FINDINGS_CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PalpateEarlierFindings, palpate_earlier_findings,
                     ADW_TYPE_PREFERENCES_GROUP)

static guint signals [N_SIGNALS];

static const PalpateFindingStatus review_statuses[] = {
  PALPATE_FINDING_STATUS_PERSISTING,
  PALPATE_FINDING_STATUS_IMPROVED,
  PALPATE_FINDING_STATUS_RESOLVED,
};

static void
review_free (gpointer data)
{
  Review *review = data;

  g_clear_object (&review->earlier);
  g_clear_object (&review->carried);
  g_free (review);
}

static gboolean
is_signed (PalpateEarlierFindings *self)
{
  return self->visit != NULL && palpate_visit_get_status (self->visit) == PALPATE_VISIT_SIGNED;
}

/* Each choice shows pressed when it is the mark given; unmarked findings are drawn faintly. */
static void
update_reviews (PalpateEarlierFindings *self)
{
  g_list_store_remove_all (self->ghosts);

  for (guint i = 0; i < self->reviews->len; i++)
    {
      Review *review = self->reviews->pdata[i];

      for (guint c = 0; c < G_N_ELEMENTS (review_statuses); c++)
        if (review->choices[c] != NULL)
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (review->choices[c]),
                                        review->carried != NULL &&
                                        palpate_finding_get_status (review->carried) ==
                                        review_statuses[c]);
      if (review->carried == NULL)
        g_list_store_append (self->ghosts, review->earlier);
    }

  g_signal_emit (self, signals [GHOSTS_CHANGED], 0);
}

static GtkWidget *
create_review_row (PalpateEarlierFindings *self,
                   Review                 *review)
{
  static const char *labels[] = { N_("Same"), N_("Better"), N_("Gone") };
  PalpateFinding *ghost = review->earlier;
  const char *region = palpate_region_name_for_id (palpate_finding_get_region_id (ghost));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), region);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               palpate_finding_kind_get_name (palpate_finding_get_kind (ghost)));
  gtk_widget_add_css_class (buttons, "linked");
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  for (guint c = 0; c < G_N_ELEMENTS (review_statuses); c++)
    {
      const char *status = palpate_finding_status_get_name (review_statuses[c]);
      GtkWidget *button = gtk_toggle_button_new_with_label (_(labels[c]));
      g_autofree char *tooltip = g_strdup_printf ("%s: %s", status, region);

      /* The tooltip names the region, so that a screen reader says which finding. */
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "earlier.mark");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xu)",
                                        palpate_finding_get_id (ghost),
                                        (guint) review_statuses[c]);
      gtk_box_append (GTK_BOX (buttons), button);
      review->choices[c] = button;
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), buttons);
  gtk_widget_set_sensitive (buttons, !is_signed (self));
  return row;
}

static Review *
find_review (PalpateEarlierFindings *self,
             gint64                  earlier_id)
{
  for (guint i = 0; i < self->reviews->len; i++)
    {
      Review *review = self->reviews->pdata[i];

      if (palpate_finding_get_id (review->earlier) == earlier_id)
        return review;
    }

  return NULL;
}

static gboolean
remove_from_findings (PalpateEarlierFindings *self,
                      PalpateFinding         *finding)
{
  guint position;

  if (!g_list_store_find (self->findings, finding, &position))
    return FALSE;
  g_list_store_remove (self->findings, position);
  return TRUE;
}

static void
saved (PalpateEarlierFindings *self,
       const GError           *error)
{
  g_signal_emit (self, signals [SAVED], 0, error);
}

/* Marks an earlier finding Same, Better or Gone; the same choice again takes the mark back. */
static void
mark_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PalpateEarlierFindings *self = PALPATE_EARLIER_FINDINGS (widget);
  g_autoptr(PalpateFinding) finding = NULL;
  g_autoptr(GError) error = NULL;
  Review *review;
  gint64 earlier_id;
  guint status;

  g_variant_get (parameter, "(xu)", &earlier_id, &status);
  review = find_review (self, earlier_id);
  if (review == NULL || self->store == NULL || is_signed (self))
    return;

  if (review->carried != NULL && palpate_finding_get_status (review->carried) == status)
    {
      /* Taken back: the finding is no longer carried into this visit. */
      if (!palpate_store_delete_finding (self->store, palpate_finding_get_id (review->carried),
                                         &error))
        {
          saved (self, error);
          update_reviews (self);
          return;
        }
      remove_from_findings (self, review->carried);
      g_clear_object (&review->carried);
    }
  else
    {
      /* The earlier finding, carried into this visit with how it compares. */
      finding = review->carried ? palpate_finding_copy (review->carried)
                                : palpate_finding_copy (review->earlier);
      if (review->carried == NULL)
        palpate_finding_set_id (finding, 0);
      palpate_finding_set_visit_id (finding, palpate_visit_get_id (self->visit));
      palpate_finding_set_status (finding, status);
      palpate_finding_set_intensity (finding,
                                     status == PALPATE_FINDING_STATUS_IMPROVED
                                     ? MAX (0, palpate_finding_get_intensity (review->earlier) - 2)
                                     : palpate_finding_get_intensity (review->earlier));

      if (!palpate_store_save_finding (self->store, finding, &error))
        {
          saved (self, error);
          update_reviews (self);
          return;
        }

      if (review->carried != NULL)
        remove_from_findings (self, review->carried);
      g_set_object (&review->carried, finding);
      g_list_store_append (self->findings, finding);
    }

  saved (self, NULL);
  update_reviews (self);
  g_signal_emit (self, signals [FINDINGS_CHANGED], 0);
}

static void
palpate_earlier_findings_dispose (GObject *object)
{
  PalpateEarlierFindings *self = PALPATE_EARLIER_FINDINGS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_EARLIER_FINDINGS);
  g_clear_object (&self->store);
  g_clear_object (&self->visit);
  g_clear_object (&self->findings);
  g_clear_object (&self->ghosts);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);

  G_OBJECT_CLASS (palpate_earlier_findings_parent_class)->dispose (object);
}

static void
palpate_earlier_findings_class_init (PalpateEarlierFindingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_earlier_findings_dispose;

  /**
   * PalpateEarlierFindings::saved:
   * @error: (nullable): why a mark could not be saved, or %NULL when it was
   */
  signals [SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  /**
   * PalpateEarlierFindings::ghosts-changed:
   *
   * The earlier findings not marked yet changed: the body map draws them again.
   */
  signals [GHOSTS_CHANGED] =
    g_signal_new ("ghosts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  /**
   * PalpateEarlierFindings::findings-changed:
   *
   * A mark carried a finding into the visit's list, or took one out of it.
   */
  signals [FINDINGS_CHANGED] =
    g_signal_new ("findings-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-earlier-findings.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateEarlierFindings, ghost_list);

  gtk_widget_class_install_action (widget_class, "earlier.mark", "(xu)", mark_action);
}

static void
palpate_earlier_findings_init (PalpateEarlierFindings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->ghosts = g_list_store_new (PALPATE_TYPE_FINDING);
  self->reviews = g_ptr_array_new_with_free_func (review_free);
}

/**
 * palpate_earlier_findings_load:
 * @previous: (nullable): the client's visit before @visit
 * @findings: the findings of @visit, which carried findings join
 *
 * Lists what @previous found, each with its mark if @visit already carries it. A signed visit
 * reviews nothing.
 */
void
palpate_earlier_findings_load (PalpateEarlierFindings *self,
                               PalpateStore           *store,
                               PalpateVisit           *visit,
                               PalpateVisit           *previous,
                               GListStore             *findings)
{
  g_return_if_fail (PALPATE_IS_EARLIER_FINDINGS (self));
  g_return_if_fail (PALPATE_IS_STORE (store));
  g_return_if_fail (PALPATE_IS_VISIT (visit));
  g_return_if_fail (G_IS_LIST_STORE (findings));

  g_set_object (&self->store, store);
  g_set_object (&self->visit, visit);
  g_set_object (&self->findings, findings);

  g_ptr_array_set_size (self->reviews, 0);
  if (previous != NULL && !is_signed (self))
    {
      g_autoptr(GPtrArray) earlier = palpate_store_list_findings (store,
                                                                 palpate_visit_get_id (previous),
                                                                 NULL);
      g_autoptr(GPtrArray) unclaimed = g_ptr_array_new_with_free_func (g_object_unref);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (findings));

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (unclaimed, g_list_model_get_item (G_LIST_MODEL (findings), i));

      for (guint i = 0; earlier != NULL && i < earlier->len; i++)
        {
          PalpateFinding *ghost = earlier->pdata[i];
          Review *review;

          if (palpate_finding_get_status (ghost) == PALPATE_FINDING_STATUS_RESOLVED ||
              palpate_finding_get_kind (ghost) == PALPATE_FINDING_CONTRAINDICATION ||
              palpate_finding_get_kind (ghost) == PALPATE_FINDING_CLEARED)
            continue;

          review = g_new0 (Review, 1);
          review->earlier = g_object_ref (ghost);
          for (guint k = 0; k < unclaimed->len && review->carried == NULL; k++)
            {
              PalpateFinding *today = unclaimed->pdata[k];

              if (palpate_finding_get_kind (today) == palpate_finding_get_kind (ghost) &&
                  g_strcmp0 (palpate_finding_get_region_id (today),
                             palpate_finding_get_region_id (ghost)) == 0 &&
                  palpate_finding_get_status (today) != PALPATE_FINDING_STATUS_NEW)
                {
                  /* The same object as in the map's list, so that taking a mark back finds
                   * it. */
                  review->carried = g_object_ref (today);
                  g_ptr_array_remove_index (unclaimed, k);
                }
            }
          g_ptr_array_add (self->reviews, review);
        }
    }
}

/**
 * palpate_earlier_findings_refresh:
 *
 * Lays out the rows again, for instance once the visit is signed and marks can no longer change.
 */
void
palpate_earlier_findings_refresh (PalpateEarlierFindings *self)
{
  GtkWidget *child;

  g_return_if_fail (PALPATE_IS_EARLIER_FINDINGS (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ghost_list))) != NULL)
    gtk_list_box_remove (self->ghost_list, child);

  for (guint i = 0; i < self->reviews->len; i++)
    gtk_list_box_append (self->ghost_list, create_review_row (self, self->reviews->pdata[i]));

  gtk_widget_set_visible (GTK_WIDGET (self), self->reviews->len > 0);
  update_reviews (self);
}

/**
 * palpate_earlier_findings_get_ghosts:
 *
 * Returns: (transfer none): the earlier findings not marked yet, for the body map to draw faintly
 */
GListModel *
palpate_earlier_findings_get_ghosts (PalpateEarlierFindings *self)
{
  g_return_val_if_fail (PALPATE_IS_EARLIER_FINDINGS (self), NULL);

  return G_LIST_MODEL (self->ghosts);
}

void
palpate_earlier_findings_unload (PalpateEarlierFindings *self)
{
  g_return_if_fail (PALPATE_IS_EARLIER_FINDINGS (self));

  g_clear_object (&self->store);
  g_clear_object (&self->visit);
}
