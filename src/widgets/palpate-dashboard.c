/* palpate-dashboard.c — the clinic at a glance, for the clinic owner
 *
 * Over a chosen period (the past twelve months unless the owner picks another): how many
 * clients are meaningfully better over their care, the visits per month by therapist, and the
 * change over care by technique and by condition, each with the number of clients it rests on
 * and its definition written under it. It counts what the reports count: signed notes, drafts
 * only when asked for (win.include-drafts), never a client's own self-rating.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-dashboard"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-dashboard.h"
#include "palpate-date.h"
#include "palpate-outcome.h"
#include "palpate-trend-chart.h"
#include "palpate-vocabulary.h"

struct _PalpateDashboard
{
  GtkBox                 parent_instance;

  PalpateStore          *store;
  PalpateVisitSelection  selection;
  GArray                *months_rows;
  GStrv                  months;

  /* Template widgets */
  GtkWidget             *back_button;
  GtkDropDown           *period_dropdown;
  GtkLabel              *period_label;
  GtkLabel              *improved_label;
  GtkLabel              *improved_detail;
  AdwPreferencesGroup   *visits_group;
  GtkDrawingArea        *visits_area;
  AdwPreferencesGroup   *technique_group;
  GtkListBox            *technique_list;
  AdwPreferencesGroup   *condition_group;
  GtkListBox            *condition_list;
};

G_DEFINE_FINAL_TYPE (PalpateDashboard, palpate_dashboard, GTK_TYPE_BOX)

/* The periods of the drop-down, in months back from now; 0 for the whole history. */
static const int period_months[] = { 12, 3, 24, 60, 0 };

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
      PalpateCareChange *row = &g_array_index (rows, PalpateCareChange, i);
      GtkWidget *action_row = adw_action_row_new ();
      g_autofree char *clients = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client",
                                                               "%u clients", row->clients),
                                                  row->clients);
      g_autofree char *better = row->eligible > 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%s · %u of %u who started at 4 or more is meaningfully "
                                        "better",
                                        "%s · %u of %u who started at 4 or more are meaningfully "
                                        "better", row->eligible),
                           clients, row->improved, row->eligible)
        : g_strdup_printf (_("%s · none started at 4 or more, where the rule applies"), clients);
      g_autofree char *change = g_strdup_printf ("%+.1f", row->average_change);
      GtkWidget *label = gtk_label_new (change);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row),
                                     conditions ? palpate_vocabulary_get_name (entries, n_entries,
                                                                               row->name)
                                                : row->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), better);
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "title-4");
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), label);
      gtk_list_box_append (list, action_row);
    }

  if (rows->len == 0)
    {
      GtkWidget *action_row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row),
                                     conditions
                                     ? _("No client with a condition recorded had pain rated at "
                                         "two counted visits in this period")
                                     : _("No client who received a technique had pain rated at "
                                         "two counted visits in this period"));
      gtk_list_box_append (list, action_row);
    }
}

static gboolean
reload (PalpateDashboard  *self,
        GError           **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) end = g_date_time_add_seconds (now, 1);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) this_month = g_date_time_new_local (g_date_time_get_year (now),
                                                           g_date_time_get_month (now), 1, 0, 0, 0);
  g_autoptr(GDateTime) first_month = g_date_time_add_months (this_month, -11);
  g_autoptr(GStrvBuilder) months = g_strv_builder_new ();
  g_autoptr(PalpateOverview) overview = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = palpate_format_day (now);
  g_autofree char *period = NULL;
  g_autofree char *share = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *counted = NULL;
  g_autofree char *description = NULL;
  guint choice = gtk_drop_down_get_selected (self->period_dropdown);
  int back = period_months[MIN (choice, G_N_ELEMENTS (period_months) - 1)];

  start = back > 0 ? g_date_time_add_months (now, -back) : g_date_time_new_from_unix_local (0);
  overview = palpate_store_read_overview (self->store, back > 0 ? g_date_time_to_unix (start) : 0,
                                          g_date_time_to_unix (end), self->selection, error);
  if (overview == NULL)
    return FALSE;

  /* Visits per month: the twelve months to the period's end. */
  for (int m = 0; m < 12; m++)
    {
      g_autoptr(GDateTime) month = g_date_time_add_months (first_month, m);
      g_autofree char *name = g_date_time_format (month, "%Y-%m");

      g_strv_builder_add (months, name);
    }
  g_clear_pointer (&self->months, g_strfreev);
  self->months = g_strv_builder_end (months);
  g_clear_pointer (&self->months_rows, g_array_unref);
  self->months_rows = g_array_ref (overview->months);

  counted = g_strdup (palpate_visit_selection_describe (self->selection));
  if (back > 0)
    {
      from_text = palpate_format_day (start);
      /* Translators: the period of the clinic overview, "3 Dec 2025 to 2 Dec 2026 · signed notes only" */
      period = g_strdup_printf (_("%s to %s · %s"), from_text, to_text, counted);
    }
  else
    period = g_strdup_printf (_("The whole history to %s · %s"), to_text, counted);
  gtk_label_set_text (self->period_label, period);

  if (overview->n_eligible > 0)
    {
      /* Translators: the share of clients meaningfully better, "62 % meaningfully better" */
      share = g_strdup_printf (_("%.0f %% meaningfully better"),
                               100.0 * overview->n_improved / overview->n_eligible);
    }
  else
    share = g_strdup (_("No outcomes in this period"));
  detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u of %u client is meaningfully better over their care "
                                         "in this period: of the clients with pain rated before "
                                         "treatment at two counted visits or more whose first "
                                         "rating was at least 4, comparing the first of those "
                                         "visits with the latest. Clients whose first rating was "
                                         "below 4, where the rule does not apply: %u. Clients "
                                         "seen with pain rated fewer than two times: %u. %s",
                                         "%u of %u clients are meaningfully better over their care "
                                         "in this period: of the clients with pain rated before "
                                         "treatment at two counted visits or more whose first "
                                         "rating was at least 4, comparing the first of those "
                                         "visits with the latest. Clients whose first rating was "
                                         "below 4, where the rule does not apply: %u. Clients "
                                         "seen with pain rated fewer than two times: %u. %s",
                                         overview->n_eligible),
                            overview->n_improved, overview->n_eligible,
                            overview->n_courses - overview->n_eligible,
                            overview->n_clients_seen - overview->n_courses,
                            palpate_outcome_nrs_rule_text ());
  gtk_label_set_text (self->improved_label, share);
  gtk_label_set_text (self->improved_detail, detail);

  {
    g_autoptr(GDateTime) last_month = g_date_time_add_months (first_month, 11);
    g_autofree char *first_name = g_date_time_format (first_month, "%B %Y");
    g_autofree char *last_name = g_date_time_format (last_month, "%B %Y");

    /* Translators: "The months from January 2026 to December 2026, by therapist; signed notes only." */
    description = g_strdup_printf (_("The months from %s to %s, by therapist; %s."), first_name,
                                   last_name, counted);
  }
  adw_preferences_group_set_description (self->visits_group, description);
  adw_preferences_group_set_description (self->technique_group,
                                         _("For the clients who received each technique at a "
                                           "counted visit in the period: the average change in "
                                           "pain before treatment from their first to their "
                                           "latest rated visit (below 0 is better), and how many "
                                           "are meaningfully better. A client who received "
                                           "several techniques counts under each."));
  adw_preferences_group_set_description (self->condition_group,
                                         _("For the clients with each condition seen in the "
                                           "period: the average change in pain before treatment "
                                           "from their first to their latest rated visit (below "
                                           "0 is better), and how many are meaningfully better."));

  fill_changes (self->technique_list, overview->by_technique, FALSE);
  fill_changes (self->condition_list, overview->by_condition, TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self->visits_area));

  return TRUE;
}

static void
on_period_dropdown_notify_selected_cb (GtkDropDown      *dropdown,
                                       GParamSpec       *pspec,
                                       PalpateDashboard *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !reload (self, &error))
    gtk_label_set_text (self->period_label, error->message);
}

static void
palpate_dashboard_dispose (GObject *object)
{
  PalpateDashboard *self = PALPATE_DASHBOARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_DASHBOARD);
  g_clear_object (&self->store);
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
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, period_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, improved_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, improved_detail);
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, visits_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, visits_area);
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, technique_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, technique_list);
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, condition_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateDashboard, condition_list);
  gtk_widget_class_bind_template_callback (widget_class, on_period_dropdown_notify_selected_cb);
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
 * Reads the clinic's figures from @store, and again whenever the period or the visits counted
 * change.
 */
gboolean
palpate_dashboard_load (PalpateDashboard  *self,
                        PalpateStore      *store,
                        GError           **error)
{
  g_return_val_if_fail (PALPATE_IS_DASHBOARD (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);

  g_set_object (&self->store, store);
  return reload (self, error);
}

/**
 * palpate_dashboard_set_selection:
 *
 * Which visits the figures count; read again at once when a clinic is loaded.
 */
gboolean
palpate_dashboard_set_selection (PalpateDashboard       *self,
                                 PalpateVisitSelection   selection,
                                 GError                **error)
{
  g_return_val_if_fail (PALPATE_IS_DASHBOARD (self), FALSE);

  self->selection = selection;
  return self->store == NULL || reload (self, error);
}

void
palpate_dashboard_set_show_back (PalpateDashboard *self,
                                 gboolean          show_back)
{
  g_return_if_fail (PALPATE_IS_DASHBOARD (self));

  gtk_widget_set_visible (self->back_button, show_back);
}
