/* palpate-health-history-group.c — the client's health history as the therapist reads it: in
 * full on the client's page, or what changed since the last visit on the visit page
 *
 * On the client's page the group lists every answer of the newest version, who recorded it and
 * when, with Update… (a new version, starting from this one) and, for a version the client
 * filled in, Accept. On the visit page, given the time of the client's last visit, it shows
 * only what changed since then, highlighted, and hides itself when nothing did.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-health-history-group"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-date.h"
#include "palpate-health-history-dialog.h"
#include "palpate-health-history-group.h"

struct _PalpateHealthHistoryGroup
{
  AdwPreferencesGroup   parent_instance;

  PalpateStore         *store;
  gint64                client_id;
  GDateTime            *changes_since;
  PalpateHealthHistory *latest;
  GPtrArray            *rows;
  GtkWidget            *buttons;
  GtkWidget            *update_button;
  GtkWidget            *accept_button;
};

G_DEFINE_FINAL_TYPE (PalpateHealthHistoryGroup, palpate_health_history_group,
                     ADW_TYPE_PREFERENCES_GROUP)

static gboolean reload (PalpateHealthHistoryGroup  *self,
                        GError                    **error);

static void
add_row (PalpateHealthHistoryGroup *self,
         const char                *title,
         const char                *value,
         gboolean                   changed)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  gtk_widget_add_css_class (row, "property");
  if (changed)
    gtk_widget_add_css_class (row, "health-history-changed");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

static char *
conditions_text (PalpateHealthHistory *history)
{
  const char * const *ids = palpate_health_history_get_conditions (history);
  const PalpateVocabularyEntry *entries;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n_entries;

  entries = palpate_medical_conditions_get (&n_entries);
  for (guint i = 0; i < n_entries; i++)
    if (g_strv_contains (ids, entries[i].id))
      g_ptr_array_add (names, (gpointer) _(entries[i].name));
  g_ptr_array_add (names, NULL);

  return g_strjoinv (", ", (char **) names->pdata);
}

static const char *
pregnancy_text (PalpatePregnancy pregnancy)
{
  return pregnancy == PALPATE_PREGNANCY_YES ? _("Pregnant") : _("Not pregnant");
}

/* Every answer of @history; with @before, only what differs from it, marked as changed. */
static void
show_answers (PalpateHealthHistoryGroup *self,
              PalpateHealthHistory      *history,
              PalpateHealthHistory      *before,
              gboolean                   only_changes)
{
  g_autofree char *conditions = conditions_text (history);
  g_autofree char *conditions_before = before ? conditions_text (before) : g_strdup ("");

  for (guint i = 0; i < PALPATE_HISTORY_N_FIELDS; i++)
    {
      const char *text = palpate_health_history_get_text (history, i);
      gboolean changed = before != NULL &&
                         g_strcmp0 (text, palpate_health_history_get_text (before, i)) != 0;

      if (i == PALPATE_HISTORY_OTHER_CONDITIONS)
        {
          gboolean list_changed = g_strcmp0 (conditions, conditions_before) != 0;

          if (*conditions != '\0' && (!only_changes || list_changed))
            add_row (self, _("Medical conditions"), conditions, list_changed);
          else if (only_changes && list_changed)
            add_row (self, _("Medical conditions"), _("None any more"), TRUE);
        }

      if (only_changes && !changed)
        continue;
      if (*text != '\0')
        add_row (self, palpate_history_field_get_title (i), text, changed);
      else if (changed)
        add_row (self, palpate_history_field_get_title (i), _("No longer given"), TRUE);
    }

  if (palpate_health_history_get_pregnancy (history) != PALPATE_PREGNANCY_NOT_ASKED &&
      (!only_changes || before == NULL ||
       palpate_health_history_get_pregnancy (history) != palpate_health_history_get_pregnancy (before)))
    add_row (self, _("Pregnancy"), pregnancy_text (palpate_health_history_get_pregnancy (history)),
             before != NULL &&
             palpate_health_history_get_pregnancy (history) != palpate_health_history_get_pregnancy (before));
}

static void
clear_rows (PalpateHealthHistoryGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
}

static char *
describe_version (PalpateHealthHistory *history)
{
  g_autofree char *day = palpate_format_day (palpate_health_history_get_recorded_at (history));

  if (palpate_health_history_get_reported_by_client (history) &&
      palpate_health_history_get_accepted_at (history) == NULL)
    /* Translators: a health history the client filled in, "Filled in by the client on 3 Dec
     * 2026; review it, then accept it" */
    return g_strdup_printf (_("Filled in by the client on %s; review it, then accept it"), day);

  /* Translators: "Recorded on 3 Dec 2026 by Maria Rossi" */
  return g_strdup_printf (_("Recorded on %s by %s"), day,
                          palpate_health_history_get_recorded_by (history));
}

static void
on_dialog_save_cb (PalpateHealthHistoryDialog *dialog,
                   PalpateHealthHistoryGroup  *self)
{
  g_autoptr(GError) error = NULL;
  PalpateHealthHistory *history = palpate_health_history_dialog_get_history (dialog);

  if (!palpate_store_add_health_history (self->store, history, &error) ||
      !reload (self, &error))
    {
      palpate_health_history_dialog_show_error (dialog, error->message);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _("Health history saved"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_update_clicked_cb (GtkButton                 *button,
                      PalpateHealthHistoryGroup *self)
{
  g_autoptr(PalpateHealthHistory) history = NULL;
  PalpateHealthHistoryDialog *dialog;

  if (self->latest != NULL)
    history = palpate_health_history_copy (self->latest);
  else
    history = palpate_health_history_new ();
  palpate_health_history_set_client_id (history, self->client_id);

  dialog = palpate_health_history_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              history);
  g_signal_connect_object (dialog, "save", G_CALLBACK (on_dialog_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_accept_clicked_cb (GtkButton                 *button,
                      PalpateHealthHistoryGroup *self)
{
  g_autoptr(GError) error = NULL;

  if (self->latest == NULL ||
      !palpate_store_accept_health_history (self->store,
                                            palpate_health_history_get_id (self->latest), &error) ||
      !reload (self, &error))
    {
      if (error != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", _("Health history accepted"));
}

static gboolean
reload (PalpateHealthHistoryGroup  *self,
        GError                    **error)
{
  g_autoptr(GPtrArray) versions = NULL;
  PalpateHealthHistory *before = NULL;
  g_autofree char *description = NULL;
  gboolean unreviewed;

  versions = palpate_store_list_health_histories (self->store, self->client_id, error);
  if (versions == NULL)
    return FALSE;

  clear_rows (self);
  g_clear_object (&self->latest);
  if (versions->len > 0)
    self->latest = g_object_ref (versions->pdata[versions->len - 1]);

  if (self->changes_since != NULL)
    {
      g_auto(GStrv) changes = NULL;

      /* The version known at the last visit: the newest recorded before it. */
      for (guint i = 0; i < versions->len; i++)
        if (g_date_time_compare (palpate_health_history_get_recorded_at (versions->pdata[i]),
                                 self->changes_since) <= 0)
          before = versions->pdata[i];

      changes = self->latest && self->latest != before
                ? palpate_health_history_dup_changes (before, self->latest) : NULL;
      gtk_widget_set_visible (GTK_WIDGET (self), changes != NULL && changes[0] != NULL);
      if (changes == NULL || changes[0] == NULL)
        return TRUE;

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self),
                                       _("Health History Changed"));
      {
        g_autofree char *list = g_strjoinv (", ", changes);
        /* Translators: on the visit page, "Since the last visit: Medications, Allergies" */
        description = g_strdup_printf (_("Since the last visit: %s"), list);
      }
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
      show_answers (self, self->latest, before, TRUE);
      gtk_widget_set_visible (self->buttons, FALSE);
      return TRUE;
    }

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Health History"));
  if (self->latest == NULL)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                             _("Not recorded yet: medications, allergies, "
                                               "conditions, surgeries, emergency contact"));
      gtk_button_set_label (GTK_BUTTON (self->update_button), _("_Record…"));
      gtk_widget_set_visible (self->accept_button, FALSE);
      return TRUE;
    }

  description = describe_version (self->latest);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
  gtk_button_set_label (GTK_BUTTON (self->update_button), _("_Update…"));
  unreviewed = palpate_health_history_get_reported_by_client (self->latest) &&
               palpate_health_history_get_accepted_at (self->latest) == NULL;
  gtk_widget_set_visible (self->accept_button, unreviewed);
  show_answers (self, self->latest, NULL, FALSE);
  return TRUE;
}

static void
palpate_health_history_group_dispose (GObject *object)
{
  PalpateHealthHistoryGroup *self = PALPATE_HEALTH_HISTORY_GROUP (object);

  g_clear_object (&self->store);
  g_clear_object (&self->latest);
  g_clear_pointer (&self->changes_since, g_date_time_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (palpate_health_history_group_parent_class)->dispose (object);
}

static void
palpate_health_history_group_class_init (PalpateHealthHistoryGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = palpate_health_history_group_dispose;
}

static void
palpate_health_history_group_init (PalpateHealthHistoryGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->accept_button = gtk_button_new_with_mnemonic (_("_Accept"));
  self->update_button = gtk_button_new_with_mnemonic (_("_Update…"));
  gtk_widget_add_css_class (self->accept_button, "suggested-action");
  gtk_widget_set_valign (self->buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->buttons), self->accept_button);
  gtk_box_append (GTK_BOX (self->buttons), self->update_button);
  g_signal_connect_object (self->update_button, "clicked", G_CALLBACK (on_update_clicked_cb),
                           self, 0);
  g_signal_connect_object (self->accept_button, "clicked", G_CALLBACK (on_accept_clicked_cb),
                           self, 0);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->buttons);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Health History"));
}

/**
 * palpate_health_history_group_load:
 * @changes_since: (nullable): show only what changed since this time (the client's last
 *   visit), or %NULL for the whole history with its buttons
 */
gboolean
palpate_health_history_group_load (PalpateHealthHistoryGroup  *self,
                                   PalpateStore               *store,
                                   gint64                      client_id,
                                   GDateTime                  *changes_since,
                                   GError                    **error)
{
  g_return_val_if_fail (PALPATE_IS_HEALTH_HISTORY_GROUP (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);

  g_set_object (&self->store, store);
  self->client_id = client_id;
  g_clear_pointer (&self->changes_since, g_date_time_unref);
  self->changes_since = changes_since ? g_date_time_ref (changes_since) : NULL;
  gtk_widget_set_visible (self->buttons, changes_since == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);

  return reload (self, error);
}
