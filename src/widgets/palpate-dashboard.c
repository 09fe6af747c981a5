/* palpate-dashboard.c — the clinic at a glance, for the clinic owner
 *
 * How many clients are meaningfully better, the visits of the past year by therapist, and the
 * average change in pain by technique and by condition, read afresh each time it is shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-dashboard"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-dashboard.h"
#include "palpate-trend-chart.h"
#include "palpate-vocabulary.h"

struct _PalpateDashboard
{
  GtkBox          parent_instance;

  GArray         *months_rows;
  GStrv           months;

  /* Template widgets */
  GtkWidget      *back_button;
  GtkLabel       *improved_label;
  GtkLabel       *improved_detail;
  GtkDrawingArea *visits_area;
  GtkListBox     *technique_list;
  GtkListBox     *condition_list;
};

G_DEFINE_FINAL_TYPE (PalpateDashboard, palpate_dashboard, GTK_TYPE_BOX)

static void
visits_draw_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  PalpateDashboard *self = PALPATE_DASHBOARD (user_data);
  PalpateTrendStyle style;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (self->months == NULL)
    return;

  palpate_trend_style_init (&style, 12);
  cairo_translate (cr, 10, 10);
  palpate_visits_chart_render (cr,
                               (const PalpateMonthVisits *) (gpointer) self->months_rows->data,
                               self->months_rows->len, (const char * const *) self->months,
                               &style, width - 20, height - 16);
}

static void
fill_changes (GtkListBox *list,
              GArray     *rows,
              gboolean    conditions)
{
  const PalpateVocabularyEntry *entries;
  guint n_entries;
  GtkWidget *child;

  entries = palpate_conditions_get (&n_entries);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);

  for (guint i = 0; i < rows->len; i++)
    {
      PalpatePainChange *row = &g_array_index (rows, PalpatePainChange, i);
      GtkWidget *action_row = adw_action_row_new ();
      g_autofree char *sessions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d rated session",
                                                                "%d rated sessions", row->sessions),
                                                   row->sessions);
      g_autofree char *change = g_strdup_printf ("%+.1f", row->average_change);
      GtkWidget *label = gtk_label_new (change);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row),
                                     conditions ? palpate_vocabulary_get_name (entries, n_entries,
                                                                               row->name)
                                                : row->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), sessions);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "title-4");
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), label);
      gtk_list_box_append (list, action_row);
    }

  if (rows->len == 0)
    {
      GtkWidget *action_row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row),
                                     _("No sessions with pain rated before and after yet"));
      gtk_list_box_append (list, action_row);
    }
}

static void
palpate_dashboard_dispose (GObject *object)
{
  PalpateDashboard *self = PALPATE_DASHBOARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_DASHBOARD);
  g_clear_pointer (&self->months_rows, g_array_unref);
  g_clear_pointer (&self->months, g_strfreev);

  G_OBJECT_CLASS (palpate_dashboard_parent_class)->dispose (object);
}

static void
palpate_dashboard_class_init (PalpateDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_dashboard_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, back_button);
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, improved_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, improved_detail);
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, visits_area);
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, technique_list);
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, condition_list);
}

static void
palpate_dashboard_init (PalpateDashboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->visits_area, visits_draw_cb, self, NULL);
}

/**
 * palpate_dashboard_load:
 *
 * Reads the clinic's figures from @store.
 */
gboolean
palpate_dashboard_load (PalpateDashboard  *self,
                        PalpateStore      *store,
                        GError           **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) this_month = g_date_time_new_local (g_date_time_get_year (now),
                                                           g_date_time_get_month (now), 1, 0, 0, 0);
  g_autoptr(GDateTime) since = g_date_time_add_months (this_month, -11);
  g_autoptr(GStrvBuilder) months = g_strv_builder_new ();
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) by_technique = NULL;
  g_autoptr(GArray) by_condition = NULL;
  g_autofree char *share = NULL;
  g_autofree char *detail = NULL;
  guint n_rated, n_improved;

  g_return_val_if_fail (PALPATE_IS_DASHBOARD (self), FALSE);

  rows = palpate_store_list_visits_per_month (store, g_date_time_to_unix (since), error);
  if (rows == NULL || !palpate_store_count_improved (store, &n_rated, &n_improved, error))
    return FALSE;
  by_technique = palpate_store_list_change_by_technique (store, error);
  if (by_technique == NULL)
    return FALSE;
  by_condition = palpate_store_list_change_by_condition (store, error);
  if (by_condition == NULL)
    return FALSE;

  for (int m = 0; m < 12; m++)
    {
      g_autoptr(GDateTime) month = g_date_time_add_months (since, m);
      g_autofree char *name = g_date_time_format (month, "%Y-%m");

      g_strv_builder_add (months, name);
    }
  g_clear_pointer (&self->months, g_strfreev);
  self->months = g_strv_builder_end (months);
  g_clear_pointer (&self->months_rows, g_array_unref);
  self->months_rows = g_steal_pointer (&rows);

  if (n_rated > 0)
    {
      /* Translators: the share of clients meaningfully better, "62 % better" */
      share = g_strdup_printf (_("%.0f %% better"), 100.0 * n_improved / n_rated);
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u of %u client with pain rated at two visits or "
                                             "more is meaningfully better (a fall of at least 2 "
                                             "points or 30 %%)",
                                             "%u of %u clients with pain rated at two visits or "
                                             "more are meaningfully better (a fall of at least 2 "
                                             "points or 30 %%)",
                                             n_rated),
                                n_improved, n_rated);
    }
  else
    {
      share = g_strdup (_("No outcomes yet"));
      detail = g_strdup (_("Outcomes appear once clients have pain rated at two visits"));
    }
  gtk_label_set_text (self->improved_label, share);
  gtk_label_set_text (self->improved_detail, detail);

  fill_changes (self->technique_list, by_technique, FALSE);
  fill_changes (self->condition_list, by_condition, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self->visits_area));

  return TRUE;
}

void
palpate_dashboard_set_show_back (PalpateDashboard *self,
                                 gboolean          show_back)
{
  g_return_if_fail (PALPATE_IS_DASHBOARD (self));

  gtk_widget_set_visible (self->back_button, show_back);
}
