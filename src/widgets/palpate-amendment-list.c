/* palpate-amendment-list.c — a signed visit's amendments, and the field to add one
 *
 * A signed visit does not change; a correction is added beside it as a dated amendment with
 * its author. The list is the store's amendments of the visit, bound to a GListStore; the group
 * says who signed and when.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-amendment-list"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-amendment-list.h"
#include "palpate-date.h"

struct _PalpateAmendmentList
{
  AdwPreferencesGroup  parent_instance;

  PalpateStore        *store;
  PalpateVisit        *visit;
  GListStore          *amendments;

  /* Template widgets */
  GtkListBox          *amendment_list;
  GtkTextView         *amendment_view;
};

G_DEFINE_FINAL_TYPE (PalpateAmendmentList, palpate_amendment_list, ADW_TYPE_PREFERENCES_GROUP)

static char *
amendment_text (PalpateAmendmentList *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->amendment_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  PalpateAmendment *amendment = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *date = palpate_format_day_time (palpate_amendment_get_created_at (amendment));
  /* Translators: "Amendment by Maria Rossi, 12 March 2026, 14:05" */
  g_autofree char *title = g_strdup_printf (_("Amendment by %s, %s"),
                                            palpate_amendment_get_author (amendment), date);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), palpate_amendment_get_text (amendment));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  return row;
}

static void
refresh (PalpateAmendmentList *self)
{
  g_autoptr(GPtrArray) amendments = NULL;

  amendments = palpate_store_list_amendments (self->store, palpate_visit_get_id (self->visit),
                                               NULL);
  if (amendments == NULL)
    {
      g_list_store_remove_all (self->amendments);
      return;
    }

  g_list_store_splice (self->amendments, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->amendments)),
                       amendments->pdata, amendments->len);
}

static void
on_amendment_buffer_changed_cb (PalpateAmendmentList *self)
{
  g_autofree char *text = amendment_text (self);

  /* An empty amendment is not offered for saving. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "amendment.add", *text != '\0');
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PalpateAmendmentList *self = PALPATE_AMENDMENT_LIST (widget);
  g_autoptr(PalpateAmendment) amendment = palpate_amendment_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = amendment_text (self);

  if (*text == '\0' || self->visit == NULL ||
      palpate_visit_get_status (self->visit) != PALPATE_VISIT_SIGNED)
    return;

  palpate_amendment_set_visit_id (amendment, palpate_visit_get_id (self->visit));
  palpate_amendment_set_author (amendment, palpate_store_get_actor (self->store));
  palpate_amendment_set_text (amendment, text);

  /* On failure the text stays in the field. */
  if (palpate_store_add_amendment (self->store, amendment, &error))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->amendment_view), "", -1);
  g_signal_emit_by_name (self, "saved", error);
  refresh (self);
}

static void
palpate_amendment_list_dispose (GObject *object)
{
  PalpateAmendmentList *self = PALPATE_AMENDMENT_LIST (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_AMENDMENT_LIST);
  g_clear_object (&self->store);
  g_clear_object (&self->visit);
  g_clear_object (&self->amendments);

  G_OBJECT_CLASS (palpate_amendment_list_parent_class)->dispose (object);
}

static void
palpate_amendment_list_class_init (PalpateAmendmentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_amendment_list_dispose;

  /**
   * PalpateAmendmentList::saved:
   * @error: (nullable): why the amendment could not be saved, or %NULL when it was
   */
  g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-amendment-list.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateAmendmentList, amendment_list);
  gtk_widget_class_bind_template_child (widget_class, PalpateAmendmentList, amendment_view);
  gtk_widget_class_bind_template_callback (widget_class, on_amendment_buffer_changed_cb);

  gtk_widget_class_install_action (widget_class, "amendment.add", NULL, add_action);
}

static void
palpate_amendment_list_init (PalpateAmendmentList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->amendments = g_list_store_new (PALPATE_TYPE_AMENDMENT);
  gtk_list_box_bind_model (self->amendment_list, G_LIST_MODEL (self->amendments),
                           create_row_cb, self, NULL);
  on_amendment_buffer_changed_cb (self);
}

/**
 * palpate_amendment_list_load:
 *
 * Shows who signed @visit and when, and its amendments.
 */
void
palpate_amendment_list_load (PalpateAmendmentList *self,
                             PalpateStore         *store,
                             PalpateVisit         *visit)
{
  g_autofree char *date = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (PALPATE_IS_AMENDMENT_LIST (self));
  g_return_if_fail (PALPATE_IS_STORE (store));
  g_return_if_fail (PALPATE_IS_VISIT (visit));
  g_return_if_fail (palpate_visit_get_status (visit) == PALPATE_VISIT_SIGNED);

  g_set_object (&self->store, store);
  g_set_object (&self->visit, visit);

  date = palpate_format_day_time (palpate_visit_get_signed_at (visit));
  description = g_strdup_printf (_("Signed by %s on %s. A signed visit does not change; "
                                   "corrections are added as dated amendments."),
                                 palpate_visit_get_signed_by (visit), date);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
  refresh (self);
}

void
palpate_amendment_list_unload (PalpateAmendmentList *self)
{
  g_return_if_fail (PALPATE_IS_AMENDMENT_LIST (self));

  g_clear_object (&self->store);
  g_clear_object (&self->visit);
}
