/* palpate-disclosure-group.c — the disclosures of a client's record, on the client's page
 *
 * Each time the record was handed over (exported for the client, a colleague, an insurer) is a
 * row: to whom, why, when and by whom, as the audit log keeps it. Privacy laws (PHIPA, HIPAA's
 * accounting of disclosures, GDPR Art. 15) give the client the right to know who received
 * their record; the therapist reads it here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-disclosure-group"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-date.h"
#include "palpate-disclosure-group.h"
#include "palpate-record.h"

/* One disclosure as an item of the list's model. */
#define DISCLOSURE_TYPE_ITEM (disclosure_item_get_type ())
G_DECLARE_FINAL_TYPE (DisclosureItem, disclosure_item, DISCLOSURE, ITEM, GObject)

struct _DisclosureItem
{
  GObject  parent_instance;

  char    *title;
  char    *subtitle;
};

G_DEFINE_FINAL_TYPE (DisclosureItem, disclosure_item, G_TYPE_OBJECT)

struct _PalpateDisclosureGroup
{
  AdwPreferencesGroup  parent_instance;

  GListStore          *disclosures;
  GtkListBox          *list;
};

G_DEFINE_FINAL_TYPE (PalpateDisclosureGroup, palpate_disclosure_group, ADW_TYPE_PREFERENCES_GROUP)

static void
disclosure_item_finalize (GObject *object)
{
  DisclosureItem *self = DISCLOSURE_ITEM (object);

  g_free (self->title);
  g_free (self->subtitle);

  G_OBJECT_CLASS (disclosure_item_parent_class)->finalize (object);
}

static void
disclosure_item_class_init (DisclosureItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = disclosure_item_finalize;
}

static void
disclosure_item_init (DisclosureItem *self)
{
}

static DisclosureItem *
disclosure_item_new (const PalpateDisclosure *disclosure)
{
  DisclosureItem *item = g_object_new (DISCLOSURE_TYPE_ITEM, NULL);
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (disclosure->at);
  g_autofree char *when = at != NULL ? palpate_format_day_time (at) : g_strdup ("—");
  const char *reason = disclosure->reason != NULL && *disclosure->reason != '\0'
                       ? disclosure->reason : _("no reason given");

  item->title = g_strdup (disclosure->recipient != NULL && *disclosure->recipient != '\0'
                          ? disclosure->recipient : _("Unnamed recipient"));
  /* Translators: "Referral · 3 December 2026, 09:30 · by Maria Rossi": why, when, by whom */
  item->subtitle = g_strdup_printf (_("%s · %s · by %s"), reason, when,
                                    disclosure->actor ? disclosure->actor : "—");
  return item;
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  DisclosureItem *disclosure = DISCLOSURE_ITEM (item);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), disclosure->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), disclosure->subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

static void
palpate_disclosure_group_dispose (GObject *object)
{
  PalpateDisclosureGroup *self = PALPATE_DISCLOSURE_GROUP (object);

  g_clear_object (&self->disclosures);

  G_OBJECT_CLASS (palpate_disclosure_group_parent_class)->dispose (object);
}

static void
palpate_disclosure_group_class_init (PalpateDisclosureGroupClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = palpate_disclosure_group_dispose;
}

static void
palpate_disclosure_group_init (PalpateDisclosureGroup *self)
{
  GtkWidget *placeholder = gtk_label_new (_("The record has not been handed to anyone."));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Record Disclosures"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Each copy of this record that was handed over: to "
                                           "whom, why, when and by whom."));

  self->disclosures = g_list_store_new (DISCLOSURE_TYPE_ITEM);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->list), "disclosure_list");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->disclosures), create_row_cb, self,
                           NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->list));
}

/**
 * palpate_disclosure_group_load:
 *
 * Lists the disclosures of @client_id's record, oldest first.
 */
gboolean
palpate_disclosure_group_load (PalpateDisclosureGroup  *self,
                               PalpateStore            *store,
                               gint64                   client_id,
                               GError                 **error)
{
  g_autoptr(GArray) disclosures = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (PALPATE_IS_DISCLOSURE_GROUP (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);

  disclosures = palpate_record_list_disclosures (store, client_id, error);
  if (disclosures == NULL)
    return FALSE;

  for (guint i = 0; i < disclosures->len; i++)
    g_ptr_array_add (items, disclosure_item_new (&g_array_index (disclosures, PalpateDisclosure,
                                                                 i)));
  g_list_store_splice (self->disclosures, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->disclosures)),
                       items->pdata, items->len);
  return TRUE;
}
