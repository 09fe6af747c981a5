/* palpate-amendment-list.c — a signed visit's amendments, and the field to add one
 *
 * A signed visit does not change; a correction is added beside it as a dated amendment with
 * its author and the reason for it. An amendment either adds to the note as a whole or corrects
 * one part of it (subjective, objective, assessment, plan, home care): the field then starts
 * from the part's current text, and the list shows the text before and the correction side by
 * side. The list is the store's amendments of the visit, bound to a GListStore; the group says
 * who signed and when.
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
  AdwComboRow         *part_row;
  GtkTextView         *amendment_view;
  AdwEntryRow         *reason_row;
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
text_column (const char *heading,
             const char *text,
             const char *style)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *body = gtk_label_new (text != NULL && *text != '\0' ? text : _("(empty)"));

  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_set_halign (title, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  if (style != NULL)
    gtk_widget_add_css_class (body, style);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), body);
  gtk_widget_set_hexpand (box, TRUE);
  return box;
}

/* One amendment: what it does, by whom and when, and why; a correction of one part shows the
 * text before it and the corrected text side by side. */
static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  PalpateAmendment *amendment = item;
  PalpateNotePart part = palpate_amendment_get_part (amendment);
  const char *reason = palpate_amendment_get_reason (amendment);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title_label, *reason_label;
  g_autofree char *date = palpate_format_day_time (palpate_amendment_get_created_at (amendment));
  g_autofree char *title = NULL;
  g_autofree char *because = NULL;

  if (part == PALPATE_NOTE_PART_NONE)
    /* Translators: "Amendment by Maria Rossi, 12 March 2026, 14:05" */
    title = g_strdup_printf (_("Amendment by %s, %s"),
                             palpate_amendment_get_author (amendment), date);
  else
    /* Translators: "Objective corrected by Maria Rossi, 12 March 2026, 14:05" */
    title = g_strdup_printf (_("%s corrected by %s, %s"), palpate_note_part_get_name (part),
                             palpate_amendment_get_author (amendment), date);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  title_label = gtk_label_new (title);
  gtk_widget_add_css_class (title_label, "heading");
  gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title_label), 0);
  gtk_box_append (GTK_BOX (box), title_label);

  if (reason != NULL && *reason != '\0')
    {
      /* Translators: why a signed note was amended, "Reason: typing error" */
      because = g_strdup_printf (_("Reason: %s"), reason);
      reason_label = gtk_label_new (because);
      gtk_widget_add_css_class (reason_label, "dim-label");
      gtk_label_set_wrap (GTK_LABEL (reason_label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (reason_label), 0);
      gtk_box_append (GTK_BOX (box), reason_label);
    }

  if (part == PALPATE_NOTE_PART_NONE)
    {
      GtkWidget *text = gtk_label_new (palpate_amendment_get_text (amendment));

      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_selectable (GTK_LABEL (text), TRUE);
      gtk_box_append (GTK_BOX (box), text);
    }
  else
    {
      GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);

      gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
      gtk_box_append (GTK_BOX (columns),
                      text_column (_("Before"), palpate_amendment_get_original (amendment),
                                   "dim-label"));
      gtk_box_append (GTK_BOX (columns),
                      text_column (_("Corrected"), palpate_amendment_get_text (amendment), NULL));
      gtk_box_append (GTK_BOX (box), columns);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

/* The text of @part as it reads now: as signed, or as last corrected. */
static const char *
current_text (PalpateAmendmentList *self,
              PalpateNotePart       part)
{
  const char *text = NULL;

  switch (part)
    {
    case PALPATE_NOTE_PART_SUBJECTIVE:
      text = palpate_visit_get_subjective (self->visit);
      break;
    case PALPATE_NOTE_PART_OBJECTIVE:
      text = palpate_visit_get_objective (self->visit);
      break;
    case PALPATE_NOTE_PART_ASSESSMENT:
      text = palpate_visit_get_assessment (self->visit);
      break;
    case PALPATE_NOTE_PART_PLAN:
      text = palpate_visit_get_plan (self->visit);
      break;
    case PALPATE_NOTE_PART_HOME_CARE:
      text = palpate_visit_get_home_care (self->visit);
      break;
    case PALPATE_NOTE_PART_NONE:
    default:
      return "";
    }

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->amendments)); i-- > 0;)
    {
      g_autoptr(PalpateAmendment) amendment = g_list_model_get_item (G_LIST_MODEL (self->amendments),
                                                                      i);

      if (palpate_amendment_get_part (amendment) == part)
        return palpate_amendment_get_text (amendment);
    }

  return text != NULL ? text : "";
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

static PalpateNotePart
selected_part (PalpateAmendmentList *self)
{
  guint selected = adw_combo_row_get_selected (self->part_row);

  return selected < PALPATE_N_NOTE_PARTS ? selected : PALPATE_NOTE_PART_NONE;
}

static void
on_amendment_buffer_changed_cb (PalpateAmendmentList *self)
{
  g_autofree char *text = amendment_text (self);
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
  gboolean changed = TRUE;

  /* A correction that leaves the part as it was is none. */
  if (self->visit != NULL && selected_part (self) != PALPATE_NOTE_PART_NONE)
    {
      g_autofree char *current = g_strstrip (g_strdup (current_text (self, selected_part (self))));

      changed = g_strcmp0 (current, text) != 0;
    }

  /* An empty amendment, or one without its reason, is not offered for saving. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "amendment.add",
                                 *text != '\0' && *reason != '\0' && changed);
}

/* Choosing a part to correct starts the field from its current text; back to an addendum,
 * the field is emptied unless something was typed. */
static void
on_part_selected_cb (PalpateAmendmentList *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->amendment_view);
  PalpateNotePart part = selected_part (self);

  if (self->visit == NULL)
    return;

  gtk_text_buffer_set_text (buffer, current_text (self, part), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->amendment_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  part == PALPATE_NOTE_PART_NONE ? _("New amendment")
                                                                 : _("Corrected text"),
                                  -1);
  on_amendment_buffer_changed_cb (self);
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
  palpate_amendment_set_part (amendment, selected_part (self));
  palpate_amendment_set_reason (amendment, gtk_editable_get_text (GTK_EDITABLE (self->reason_row)));

  /* On failure the text and the reason stay in their fields. */
  if (palpate_store_add_amendment (self->store, amendment, &error))
    {
      refresh (self);
      adw_combo_row_set_selected (self->part_row, PALPATE_NOTE_PART_NONE);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->amendment_view), "", -1);
      gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
    }
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
  gtk_widget_class_bind_template_child (widget_class, PalpateAmendmentList, part_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateAmendmentList, amendment_view);
  gtk_widget_class_bind_template_child (widget_class, PalpateAmendmentList, reason_row);
  gtk_widget_class_bind_template_callback (widget_class, on_amendment_buffer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_part_selected_cb);

  gtk_widget_class_install_action (widget_class, "amendment.add", NULL, add_action);
}

static void
palpate_amendment_list_init (PalpateAmendmentList *self)
{
  g_autoptr(GtkStringList) parts = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (PalpateNotePart part = 0; part < PALPATE_N_NOTE_PARTS; part++)
    gtk_string_list_append (parts, palpate_note_part_get_name (part));
  adw_combo_row_set_model (self->part_row, G_LIST_MODEL (parts));

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
