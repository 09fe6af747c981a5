/* palpate-client-page.c — a client: contraindications, conditions, goals, trend, visits
 *
 * Contraindications come first and stand out: they change every session. The visit list
 * opens a visit with the "win.open-visit" action and the visit's id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-client-page"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-atlas.h"
#include "palpate-chart.h"
#include "palpate-client-report.h"
#include "palpate-client-page.h"
#include "palpate-consent-group.h"
#include "palpate-date.h"
#include "palpate-disclosure-group.h"
#include "palpate-health-history-group.h"
#include "palpate-pain.h"
#include "palpate-report.h"
#include "palpate-treatment-plan-group.h"
#include "palpate-trend-chart.h"
#include "palpate-vocabulary.h"

struct _PalpateClientPage
{
  GtkBox          parent_instance;

  PalpateReport  *report;
  GArray         *open_elsewhere;   /* drafts another room has open (clinic server) */

  /* Template widgets */
  AdwWindowTitle *title;
  GtkWidget      *back_button;
  GtkWidget      *contraindications_box;
  PalpateHealthHistoryGroup *health_history_group;
  PalpateConsentGroup *consent_group;
  PalpateDisclosureGroup *disclosure_group;
  PalpateTreatmentPlanGroup *treatment_plan_group;
  GtkLabel       *contraindications_label;
  GtkWidget      *client_reports_group;
  GtkListBox     *client_reports_list;
  AdwActionRow   *conditions_row;
  AdwActionRow   *goals_row;
  AdwActionRow   *care_team_row;
  AdwActionRow   *contact_row;
  GtkDrawingArea *trend_area;
  GtkListBox     *visit_list;
  GListStore     *visits;         /* PalpateVisit: the visit list's rows, the newest first */
  AdwViewStack   *client_stack;
  GtkWidget      *psfs_group;
  GtkDrawingArea *psfs_area;
  GtkWidget      *body_group;
  GtkDrawingArea *body_area;
  GtkWidget      *history_group;
  GtkListBox     *history_list;
  GtkWidget      *region_group;
  GtkListBox     *region_list;
  GtkWidget      *outcome_group;
  GtkListBox     *outcome_list;
};

G_DEFINE_FINAL_TYPE (PalpateClientPage, palpate_client_page, GTK_TYPE_BOX)

static char *
join_names (const char * const           *ids,
            const PalpateVocabularyEntry *entries,
            guint                         n_entries)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, palpate_vocabulary_get_name (entries, n_entries, ids[i]));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_age (const char *birth_date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate birth;
  GDate today;
  int age;

  if (!palpate_date_parse (birth_date, &birth, NULL))
    return g_strdup ("");

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  age = palpate_date_age_on (&birth, &today);

  /* Translators: the client's age and date of birth, "57 years · born 1968-04-23" */
  return g_strdup_printf (_("%d years · born %s"), age, birth_date);
}

static void
trend_draw_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  PalpateClientPage *self = PALPATE_CLIENT_PAGE (user_data);
  const PalpateVisitSummary *summaries = NULL;
  guint n_summaries = 0;
  PalpateTrendStyle style;
  GdkRGBA accent;

  if (self->report != NULL)
    summaries = palpate_report_get_summaries (self->report, &n_summaries);

  palpate_trend_style_init (&style, 12);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (area)),
                                      "accent_color", &accent))
    {
      style.accent[0] = accent.red;
      style.accent[1] = accent.green;
      style.accent[2] = accent.blue;
    }
  G_GNUC_END_IGNORE_DEPRECATIONS

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  palpate_trend_chart_render (cr, summaries, n_summaries, &style, width, height);
}

static void
psfs_draw_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  PalpateClientPage *self = PALPATE_CLIENT_PAGE (user_data);
  const PalpatePsfsSeries *series;
  PalpateTrendStyle style;
  guint n;

  if (self->report == NULL)
    return;

  series = palpate_report_get_psfs (self->report, &n);
  palpate_trend_style_init (&style, 12);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, 6, 8);
  palpate_psfs_chart_render (cr, series, n, &style, width - 12, height - 12);
}

static void
body_draw_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  PalpateClientPage *self = PALPATE_CLIENT_PAGE (user_data);
  guint n = self->report ? palpate_report_get_n_visits (self->report) : 0;
  g_autofree char *first_day = NULL;
  g_autofree char *latest_day = NULL;
  g_autofree char *first = NULL;
  g_autofree char *latest = NULL;
  GListModel *findings[2];
  const char *captions[2];

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (n == 0)
    return;

  first_day = palpate_format_day (palpate_visit_get_started_at (palpate_report_get_visit (self->report, 0)));
  latest_day = palpate_format_day (palpate_visit_get_started_at (palpate_report_get_visit (self->report,
                                                                                           n - 1)));
  /* Translators: under the body chart of the client's first visit, "First visit · 3 Nov 2026" */
  first = g_strdup_printf (_("First visit · %s"), first_day);
  /* Translators: under the body chart of the latest visit, "Latest visit · 3 Nov 2026" */
  latest = g_strdup_printf (_("Latest visit · %s"), latest_day);
  captions[0] = first;
  captions[1] = latest;
  findings[0] = palpate_report_get_first_findings (self->report);
  findings[1] = palpate_report_get_latest_findings (self->report);
  cairo_translate (cr, 6, 8);
  palpate_chart_render_pair (cr, palpate_atlas_get_default (), PALPATE_CHART_STYLE_CLINICAL,
                             findings, captions, n > 1 ? 2 : 1, 16, width - 12, height - 12);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle,
          const char *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (suffix != NULL)
    {
      GtkWidget *label = gtk_label_new (suffix);

      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

static void
load_progress (PalpateClientPage *self)
{
  const PalpateReportHistory *history;
  const PalpateReportTechnique *techniques;
  const PalpateReportOutcome *outcomes;
  guint n;

  palpate_report_get_psfs (self->report, &n);
  gtk_widget_set_visible (self->psfs_group, n > 0);
  gtk_widget_set_visible (self->body_group, palpate_report_get_n_visits (self->report) > 0);

  clear_list (self->history_list);
  history = palpate_report_get_history (self->report, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) first = g_date_time_new_from_unix_local (history[i].first_seen);
      g_autoptr(GDateTime) last = g_date_time_new_from_unix_local (history[i].last_seen);
      g_autofree char *first_text = palpate_format_day (first);
      g_autofree char *last_text = palpate_format_day (last);
      /* Translators: a finding's course, "Active trigger point · first found 3 Oct 2025 · improved, 22 Nov 2026" */
      g_autofree char *subtitle = g_strdup_printf (_("%s · first found %s · %s, %s"),
                                                   palpate_finding_kind_get_name (history[i].kind),
                                                   first_text,
                                                   palpate_finding_status_get_name (history[i].last_status),
                                                   last_text);

      gtk_list_box_append (self->history_list, text_row (palpate_region_name_for_id (history[i].region_id),
                                                         subtitle, NULL));
    }
  gtk_widget_set_visible (self->history_group, n > 0);

  clear_list (self->region_list);
  techniques = palpate_report_get_techniques_by_region (self->report, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s · %s", techniques[i].technique,
                                                palpate_region_name_for_id (techniques[i].region_id));
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%d session, %d minutes",
                                                                "%d sessions, %d minutes",
                                                                techniques[i].sessions),
                                                   techniques[i].sessions, techniques[i].minutes);
      g_autofree char *change = techniques[i].pain_change_n > 0
        ? g_strdup_printf ("%+.1f", (double) techniques[i].pain_change_sum / techniques[i].pain_change_n)
        : g_strdup ("—");

      gtk_list_box_append (self->region_list, text_row (title, subtitle, change));
    }
  gtk_widget_set_visible (self->region_group, n > 0);

  clear_list (self->outcome_list);
  outcomes = palpate_report_get_outcomes (self->report, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (outcomes[i].when);
      g_autofree char *date = palpate_format_day (when);
      g_autofree char *score = outcomes[i].instrument == PALPATE_INSTRUMENT_NDI
        ? g_strdup_printf ("%.0f / 50", outcomes[i].score)
        : g_strdup_printf ("%.0f %%", outcomes[i].score);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", date, outcomes[i].band);

      gtk_list_box_append (self->outcome_list,
                           text_row (outcomes[i].instrument == PALPATE_INSTRUMENT_NDI
                                     ? _("Neck Disability Index") : _("Oswestry Disability Index"),
                                     subtitle, score));
    }
  gtk_widget_set_visible (self->outcome_group, n > 0);

  gtk_widget_queue_draw (GTK_WIDGET (self->psfs_area));
  gtk_widget_queue_draw (GTK_WIDGET (self->body_area));
}

static gboolean
is_open_elsewhere (PalpateClientPage *self,
                   gint64             visit_id)
{
  for (guint i = 0; self->open_elsewhere != NULL && i < self->open_elsewhere->len; i++)
    if (g_array_index (self->open_elsewhere, gint64, i) == visit_id)
      return TRUE;
  return FALSE;
}

static GtkWidget *
create_visit_row_cb (gpointer item,
                     gpointer user_data)
{
  PalpateVisit *visit = PALPATE_VISIT (item);
  GtkWidget *row = adw_action_row_new ();
  PalpateClientPage *self = PALPATE_CLIENT_PAGE (user_data);
  gboolean is_signed = palpate_visit_get_status (visit) == PALPATE_VISIT_SIGNED;
  GtkWidget *status;
  g_autofree char *date = palpate_format_day_time (palpate_visit_get_started_at (visit));
  g_autofree char *pain = NULL;
  g_autofree char *subtitle = NULL;
  int before = palpate_visit_get_pain_before (visit);
  int after = palpate_visit_get_pain_after (visit);

  status = gtk_label_new (is_signed ? _("Signed")
                          : is_open_elsewhere (self, palpate_visit_get_id (visit))
                          ? _("Draft, open in another room") : _("Draft"));

  if (before >= 0 && after >= 0)
    /* Translators: pain before and after a visit, "pain 7 → 3" */
    pain = g_strdup_printf (_("pain %d → %d"), before, after);
  else if (before >= 0)
    pain = g_strdup_printf (_("pain %d before"), before);
  else
    pain = g_strdup (_("pain not rated"));

  subtitle = g_strdup_printf ("%s · %s", palpate_visit_get_therapist_name (visit) ?: _("No therapist"),
                              pain);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), date);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (status, is_signed ? "success" : "warning");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-visit");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", palpate_visit_get_id (visit));

  return row;
}

/* Shown in the visit list of a client without visits. */
static GtkWidget *
no_visits_placeholder (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (_("No visits yet"));
  GtkWidget *hint = gtk_label_new (_("Start one with New Visit (Ctrl+N)"));

  gtk_widget_add_css_class (box, "visit-list-placeholder");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), hint);
  return box;
}

/* How many of the client's own reports, of the past weeks, the page shows. */
#define CLIENT_REPORTS_SHOWN 3
#define CLIENT_REPORTS_DAYS 28

static GtkWidget *
client_report_row (PalpateClientReport *report,
                   PalpateClient       *client,
                   GArray              *activity_ids)
{
  GtkWidget *row = adw_action_row_new ();
  const char * const *activities = palpate_client_get_activities (client);
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *when = NULL;
  const PalpateClientActivityRating *ratings;
  GPtrArray *places = palpate_client_report_get_places (report);
  int pain = palpate_client_report_get_pain (report);
  guint n;

  /* xgettext:no-c-format */
  /* Translators: a g_date_time_format () pattern: keep the %-d, %b, %Y, %H and %M */
  when = palpate_format_day_time (palpate_client_report_get_reported_at (report));
  if (pain != PALPATE_PAIN_UNSET)
    g_string_printf (title, _("%s: pain %d of 10 (%s)"), when, pain, palpate_pain_get_word (pain));
  else
    g_string_printf (title, _("%s: no pain rating"), when);

  for (guint i = 0; i < places->len; i++)
    {
      if (i == 0)
        g_string_append (subtitle, _("Hurts at: "));
      else
        g_string_append (subtitle, ", ");
      g_string_append (subtitle, palpate_region_name_for_id (palpate_finding_get_region_id (places->pdata[i])));
    }

  ratings = palpate_client_report_get_ratings (report, &n);
  for (guint r = 0; r < n; r++)
    for (guint a = 0; activity_ids != NULL && a < activity_ids->len && activities != NULL &&
                      activities[a] != NULL; a++)
      if (g_array_index (activity_ids, gint64, a) == ratings[r].activity_id)
        {
          if (subtitle->len > 0)
            g_string_append_c (subtitle, '\n');
          g_string_append_printf (subtitle, _("%s: %d of 10"), activities[a], ratings[r].rating);
        }

  if (!palpate_client_report_get_finished (report))
    g_string_append_printf (subtitle, "%s%s", subtitle->len ? "\n" : "",
                            _("Not finished: the view was closed before the client pressed Done"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title->str);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "avatar-default-symbolic");
  return row;
}

/* What the client reported lately, marked as theirs: it never replaced what the therapist
 * entered. */
static void
load_client_reports (PalpateClientPage *self,
                     PalpateStore      *store,
                     PalpateClient     *client)
{
  gint64 client_id = palpate_client_get_id (client);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) since = g_date_time_add_days (now, -CLIENT_REPORTS_DAYS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = palpate_store_list_client_reports (store, client_id, since,
                                                                    &error);
  g_autoptr(GArray) activity_ids = palpate_store_list_activity_ids (store, client_id, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->client_reports_list))) != NULL)
    gtk_list_box_remove (self->client_reports_list, child);

  if (reports == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("What the client reported could not be read"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_list_box_append (self->client_reports_list, row);
      gtk_widget_set_visible (self->client_reports_group, TRUE);
      return;
    }

  for (guint i = 0; i < reports->len && i < CLIENT_REPORTS_SHOWN; i++)
    gtk_list_box_append (self->client_reports_list,
                         client_report_row (reports->pdata[i], client, activity_ids));
  gtk_widget_set_visible (self->client_reports_group, reports->len > 0);
}

static void
palpate_client_page_dispose (GObject *object)
{
  PalpateClientPage *self = PALPATE_CLIENT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_CLIENT_PAGE);
  g_clear_pointer (&self->open_elsewhere, g_array_unref);
  g_clear_object (&self->visits);
  g_clear_pointer (&self->report, palpate_report_free);

  G_OBJECT_CLASS (palpate_client_page_parent_class)->dispose (object);
}

static void
palpate_client_page_class_init (PalpateClientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_client_page_dispose;

  g_type_ensure (PALPATE_TYPE_HEALTH_HISTORY_GROUP);
  g_type_ensure (PALPATE_TYPE_CONSENT_GROUP);
  g_type_ensure (PALPATE_TYPE_DISCLOSURE_GROUP);
  g_type_ensure (PALPATE_TYPE_TREATMENT_PLAN_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-client-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, title);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, contraindications_box);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, health_history_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, consent_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, disclosure_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, treatment_plan_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, contraindications_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, client_reports_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, client_reports_list);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, conditions_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, goals_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, care_team_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, contact_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, trend_area);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, visit_list);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, client_stack);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, psfs_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, psfs_area);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, body_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, body_area);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, history_list);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, region_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, region_list);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, outcome_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateClientPage, outcome_list);
}

static void
palpate_client_page_init (PalpateClientPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->visits = g_list_store_new (PALPATE_TYPE_VISIT);
  gtk_list_box_bind_model (self->visit_list, G_LIST_MODEL (self->visits),
                           create_visit_row_cb, self, NULL);
  gtk_list_box_set_placeholder (self->visit_list, no_visits_placeholder ());

  gtk_drawing_area_set_draw_func (self->trend_area, trend_draw_cb, self, NULL);
  gtk_drawing_area_set_draw_func (self->psfs_area, psfs_draw_cb, self, NULL);
  gtk_drawing_area_set_draw_func (self->body_area, body_draw_cb, self, NULL);
}

/**
 * palpate_client_page_load:
 *
 * Shows the client with @client_id from @store, read afresh.
 */
gboolean
palpate_client_page_load (PalpateClientPage  *self,
                          PalpateStore       *store,
                          gint64              client_id,
                          GError            **error)
{
  g_autoptr(PalpateReport) report = NULL;
  PalpateClient *client;
  g_autofree char *age = NULL;
  g_autofree char *conditions = NULL;
  g_autofree char *contraindications = NULL;
  g_autoptr(GString) care_team = g_string_new (NULL);
  g_autoptr(GString) contact = g_string_new (NULL);
  const PalpateVocabularyEntry *entries;
  const char * const *practitioners;
  guint n_entries;
  g_autoptr(GPtrArray) visits = NULL;
  guint n_visits;

  g_return_val_if_fail (PALPATE_IS_CLIENT_PAGE (self), FALSE);

  /* The report reads the client, the visits and their progress in one go. The therapist's own
   * page lists every visit, drafts too (marked as such), so that a draft can be finished. */
  report = palpate_report_new_full (store, client_id, NULL, NULL, PALPATE_VISITS_WITH_DRAFTS,
                                    error);
  if (report == NULL)
    return FALSE;

  if (!palpate_health_history_group_load (self->health_history_group, store, client_id, NULL,
                                          error) ||
      !palpate_treatment_plan_group_load (self->treatment_plan_group, store, client_id, error))
    return FALSE;
  if (!palpate_consent_group_load (self->consent_group, store, client_id, error) ||
      !palpate_disclosure_group_load (self->disclosure_group, store, client_id, error))
    return FALSE;

  client = palpate_report_get_client (report);
  g_clear_pointer (&self->report, palpate_report_free);
  self->report = g_steal_pointer (&report);
  load_progress (self);

  age = describe_age (palpate_client_get_birth_date (client));
  adw_window_title_set_title (self->title, palpate_client_get_name (client));
  adw_window_title_set_subtitle (self->title, age);
  load_client_reports (self, store, client);

  entries = palpate_general_contraindications_get (&n_entries);
  contraindications = join_names (palpate_client_get_contraindications (client), entries, n_entries);
  {
    g_autoptr(GPtrArray) zones = palpate_store_list_client_zones (store, client_id, NULL);
    g_autoptr(GString) text = g_string_new (contraindications);
    g_autofree char *markup = NULL;

    /* The standing no-touch zones, by region, after the general contraindications. */
    for (guint i = 0; zones != NULL && i < zones->len; i++)
      {
        if (i == 0)
          g_string_append_printf (text, "%s%s ", text->len ? "\n" : "", _("No-touch:"));
        else
          g_string_append (text, ", ");
        g_string_append (text, palpate_region_name_for_id (palpate_finding_get_region_id (zones->pdata[i])));
      }

    gtk_widget_set_visible (self->contraindications_box, text->len > 0);
    markup = g_markup_printf_escaped ("<b>%s</b>\n%s", _("Contraindications"), text->str);
    gtk_label_set_markup (self->contraindications_label, markup);
  }

  entries = palpate_conditions_get (&n_entries);
  conditions = join_names (palpate_client_get_conditions (client), entries, n_entries);
  adw_action_row_set_subtitle (self->conditions_row, *conditions ? conditions : _("None recorded"));

  adw_action_row_set_subtitle (self->goals_row,
                               palpate_client_get_goals (client) && *palpate_client_get_goals (client)
                               ? palpate_client_get_goals (client) : _("None recorded"));

  entries = palpate_practitioner_roles_get (&n_entries);
  practitioners = palpate_client_get_practitioners (client);
  for (guint i = 0; practitioners != NULL && practitioners[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (practitioners[i], "=", 2);

      g_string_append_printf (care_team, "%s%s: %s", care_team->len ? "\n" : "",
                              palpate_vocabulary_get_name (entries, n_entries, parts[0]),
                              parts[1] ? parts[1] : "");
    }
  adw_action_row_set_subtitle (self->care_team_row,
                               care_team->len ? care_team->str : _("No other practitioners"));

  if (palpate_client_get_phone (client))
    g_string_append (contact, palpate_client_get_phone (client));
  if (palpate_client_get_email (client))
    g_string_append_printf (contact, "%s%s", contact->len ? " · " : "",
                            palpate_client_get_email (client));
  adw_action_row_set_subtitle (self->contact_row, contact->len ? contact->str : _("None recorded"));

  /* The newest visit first, drafts open in another room said so. */
  g_clear_pointer (&self->open_elsewhere, g_array_unref);
  self->open_elsewhere = palpate_store_list_charted_elsewhere (store, NULL);
  n_visits = palpate_report_get_n_visits (self->report);
  visits = g_ptr_array_new_full (n_visits, NULL);
  for (guint i = n_visits; i-- > 0;)
    g_ptr_array_add (visits, palpate_report_get_visit (self->report, i));
  g_list_store_splice (self->visits, 0, g_list_model_get_n_items (G_LIST_MODEL (self->visits)),
                       visits->pdata, visits->len);

  gtk_widget_queue_draw (GTK_WIDGET (self->trend_area));
  return TRUE;
}

PalpateClient *
palpate_client_page_get_client (PalpateClientPage *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_PAGE (self), NULL);

  return self->report ? palpate_report_get_client (self->report) : NULL;
}

void
palpate_client_page_set_show_back (PalpateClientPage *self,
                                   gboolean           show_back)
{
  g_return_if_fail (PALPATE_IS_CLIENT_PAGE (self));

  gtk_widget_set_visible (self->back_button, show_back);
}

/**
 * palpate_client_page_show_view:
 * @name: "visits" or "progress"
 */
void
palpate_client_page_show_view (PalpateClientPage *self,
                               const char        *name)
{
  g_return_if_fail (PALPATE_IS_CLIENT_PAGE (self));

  adw_view_stack_set_visible_child_name (self->client_stack, name);
}
