/* palpate-patient-view.c — one client's own progress, in plain words, for the client
 *
 * The therapist turns the screen towards the client: large type, their pain trend in a
 * sentence and a chart, where it hurt then and now (soft red, no clinical symbols; what has
 * gone is left out), their goals and everyday activities, and the home care from their latest
 * signed visit. Nothing else: no notes, no other client, no menus — the view covers the whole
 * screen and the therapist's window is hidden while it is shown. The client can rate today's
 * pain, tap where it hurts and rate their activities; that is kept as the client's own report
 * (palpate_store_add_client_report()), apart from the therapist's visit.
 *
 * Only the therapist leaves the view, with the clinic's PIN (the view does not open without
 * one). Closing the window, Escape, Ctrl+W, Ctrl+Q and Alt+F4 do not leave it. What the client
 * was still entering when the therapist closes it is kept, marked as not finished.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-patient-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-atlas.h"
#include "palpate-body-map.h"
#include "palpate-chart.h"
#include "palpate-client-report.h"
#include "palpate-outcome.h"
#include "palpate-pain.h"
#include "palpate-pain-scale.h"
#include "palpate-patient-forms.h"
#include "palpate-patient-view.h"
#include "palpate-report.h"

#define MAX_ACTIVITIES 5

struct _PalpatePatientView
{
  AdwWindow         parent_instance;

  PalpateStore     *store;
  PalpateClient    *client;
  PalpateReport    *report;
  GListStore       *reported;          /* where it hurts today, tapped on the map */
  GArray           *activity_ids;
  int               abilities[MAX_ACTIVITIES];
  GtkWidget        *ability_buttons[MAX_ACTIVITIES][11];
  gboolean          unlocked;
  guint             message_timeout_id;

  /* Template widgets */
  GtkRevealer      *message_revealer;
  GtkLabel         *message_label;
  AdwWindowTitle   *title;
  GtkStack         *stack;
  GtkLabel         *greeting_label;
  GtkLabel         *sentence_label;
  GtkDrawingArea   *trend_area;
  GtkDrawingArea   *body_area;
  GtkWidget        *goals_heading;
  GtkLabel         *goals_label;
  GtkBox           *activities_box;
  GtkWidget        *home_care_heading;
  GtkLabel         *home_care_label;
  PalpatePainScale *pain_scale;
  PalpateBodyMap   *body_map;
  GtkWidget        *abilities_heading;
  GtkBox           *abilities_box;
  PalpatePatientForms *forms;
};

G_DEFINE_FINAL_TYPE (PalpatePatientView, palpate_patient_view, ADW_TYPE_WINDOW)

static gboolean
hide_message_cb (gpointer user_data)
{
  PalpatePatientView *self = PALPATE_PATIENT_VIEW (user_data);

  self->message_timeout_id = 0;
  gtk_revealer_set_reveal_child (self->message_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

/* One message at a time, shown for a few seconds: a new one replaces the one shown, so that a
 * client pressing keys does not queue up messages (as toasts do) that hide the next one. */
static void
toast (PalpatePatientView *self,
       const char         *message)
{
  gtk_label_set_text (self->message_label, message);
  gtk_revealer_set_reveal_child (self->message_revealer, TRUE);
  g_clear_handle_id (&self->message_timeout_id, g_source_remove);
  self->message_timeout_id = g_timeout_add_seconds (5, hide_message_cb, self);
}

static void
trend_draw_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  PalpatePatientView *self = PALPATE_PATIENT_VIEW (user_data);
  const PalpateVisitSummary *visits;
  PalpateTrendStyle style;
  guint n;

  visits = palpate_report_get_summaries (self->report, &n);
  palpate_trend_style_init (&style, 17);
  style.plain_words = TRUE;
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, 12, 12);
  palpate_trend_chart_render (cr, visits, n, &style, width - 24, height - 24);
}

static void
body_draw_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  PalpatePatientView *self = PALPATE_PATIENT_VIEW (user_data);
  guint n = palpate_report_get_n_visits (self->report);
  g_autofree char *first = NULL;
  g_autofree char *latest = NULL;
  GListModel *findings[2];
  const char *captions[2];

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (n == 0)
    return;

  /* xgettext:no-c-format */
  /* Translators: g_date_time_format () patterns: keep the %-d, %b, %B and %Y */
  first = g_date_time_format (palpate_visit_get_started_at (palpate_report_get_visit (self->report, 0)),
                              n > 1 ? _("Then · %-d %B %Y") : _("Your first session · %-d %B %Y"));
  /* xgettext:no-c-format */
  latest = g_date_time_format (palpate_visit_get_started_at (palpate_report_get_visit (self->report, n - 1)),
                               _("Now · %-d %B %Y"));
  captions[0] = first;
  captions[1] = latest;
  findings[0] = palpate_report_get_first_findings (self->report);
  findings[1] = palpate_report_get_latest_findings (self->report);
  cairo_translate (cr, 10, 10);
  palpate_chart_render_pair (cr, palpate_atlas_get_default (), PALPATE_CHART_STYLE_PLAIN,
                             findings, captions, n > 1 ? 2 : 1, 20, width - 20, height - 16);
}

static void
add_activity_progress (PalpatePatientView      *self,
                       const PalpatePsfsSeries *series)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *name = gtk_label_new (series->name);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 10);
  int first = series->points[0].rating;
  int latest = series->points[series->n_points - 1].rating;
  g_autofree char *text = series->n_points > 1
    ? g_strdup_printf (_("From %d to %d out of 10 (10: as well as before)"), first, latest)
    : g_strdup_printf (_("%d out of 10 (10: as well as before)"), latest);
  GtkWidget *detail = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_add_css_class (name, "title-4");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_widget_add_css_class (detail, "patient-text");
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), latest);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_size_request (bar, -1, 14);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_box_append (self->activities_box, box);
}

static void
ability_toggled_cb (GtkToggleButton    *button,
                    PalpatePatientView *self)
{
  guint activity = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "activity"));
  int value = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "value"));

  if (gtk_toggle_button_get_active (button))
    self->abilities[activity] = value;
  else if (self->abilities[activity] == value)
    self->abilities[activity] = -1;
}

static void
add_ability_row (PalpatePatientView *self,
                 guint               activity,
                 const char         *name)
{
  GtkWidget *label = gtk_label_new (name);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *ends = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *unable = gtk_label_new (_("0: cannot do it"));
  GtkWidget *able = gtk_label_new (_("10: as well as before"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-4");
  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  for (int value = 0; value <= 10; value++)
    {
      g_autofree char *text = g_strdup_printf ("%d", value);
      g_autofree char *description = g_strdup_printf ("%s: %d", name, value);
      GtkWidget *button = gtk_toggle_button_new_with_label (text);

      if (value > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button),
                                     GTK_TOGGLE_BUTTON (self->ability_buttons[activity][0]));
      gtk_widget_add_css_class (button, "ability-button");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      description, -1);
      g_object_set_data (G_OBJECT (button), "activity", GUINT_TO_POINTER (activity));
      g_object_set_data (G_OBJECT (button), "value", GINT_TO_POINTER (value));
      g_signal_connect (button, "toggled", G_CALLBACK (ability_toggled_cb), self);
      gtk_box_append (GTK_BOX (row), button);
      self->ability_buttons[activity][value] = button;
    }
  gtk_widget_set_hexpand (unable, TRUE);
  gtk_label_set_wrap (GTK_LABEL (unable), TRUE);
  gtk_label_set_wrap (GTK_LABEL (able), TRUE);
  gtk_label_set_justify (GTK_LABEL (able), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (unable), 0);
  gtk_label_set_xalign (GTK_LABEL (able), 1);
  gtk_widget_add_css_class (unable, "dim-label");
  gtk_widget_add_css_class (able, "dim-label");
  gtk_box_append (GTK_BOX (ends), unable);
  gtk_box_append (GTK_BOX (ends), able);
  gtk_box_append (self->abilities_box, label);
  gtk_box_append (self->abilities_box, row);
  gtk_box_append (self->abilities_box, ends);
}

static void
reset_rating (PalpatePatientView *self)
{
  palpate_pain_scale_set_value (self->pain_scale, PALPATE_PAIN_UNSET);
  g_list_store_remove_all (self->reported);
  palpate_body_map_clear_history (self->body_map);
  for (guint a = 0; a < MAX_ACTIVITIES; a++)
    {
      self->abilities[a] = -1;
      for (int v = 0; v <= 10; v++)
        if (self->ability_buttons[a][v] != NULL)
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->ability_buttons[a][v]), FALSE);
    }
}

static void
load (PalpatePatientView *self)
{
  const char * const *activities = palpate_client_get_activities (self->client);
  const PalpatePsfsSeries *series;
  const char *goals = palpate_client_get_goals (self->client);
  g_autofree char *first_name = g_strdup (palpate_client_get_name (self->client));
  g_autofree char *greeting = NULL;
  g_autofree char *isolated = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *treating = NULL;
  PalpateTherapist *therapist = palpate_store_get_signed_in (self->store);
  const char *home_care = NULL;
  char *space;
  guint n;

  /* The first name only, as a therapist would greet them. */
  if ((space = strchr (first_name, ' ')) != NULL)
    *space = '\0';
  /* The name is isolated (FSI … PDI) so that a right-to-left name does not reorder the
   * sentence around it. */
  isolated = g_strdup_printf ("\u2068%s\u2069", first_name);
  greeting = g_strdup_printf (_("%s, here is your progress"), isolated);
  gtk_label_set_text (self->greeting_label, greeting);
  adw_window_title_set_title (self->title, palpate_client_get_name (self->client));
  /* The treating therapist: the one who showed the client their view. */
  if (therapist != NULL)
    treating = g_strdup_printf (_("Your therapist: %s"), palpate_therapist_get_name (therapist));
  adw_window_title_set_subtitle (self->title, treating ? treating : "");

  sentence = palpate_report_dup_client_sentence (self->report);
  gtk_label_set_text (self->sentence_label, sentence);
  gtk_widget_set_visible (GTK_WIDGET (self->body_area),
                          palpate_report_get_n_visits (self->report) > 0);

  gtk_widget_set_visible (self->goals_heading, goals != NULL && *goals != '\0');
  gtk_label_set_text (self->goals_label, goals ? goals : "");
  gtk_widget_set_visible (GTK_WIDGET (self->goals_label), goals != NULL && *goals != '\0');

  series = palpate_report_get_psfs (self->report, &n);
  for (guint i = 0; i < n; i++)
    add_activity_progress (self, &series[i]);

  /* The home care of the latest signed visit: what the therapist gave them to do. */
  for (guint i = palpate_report_get_n_visits (self->report); i-- > 0 && home_care == NULL;)
    {
      PalpateVisit *visit = palpate_report_get_visit (self->report, i);

      if (palpate_visit_get_status (visit) == PALPATE_VISIT_SIGNED &&
          palpate_visit_get_home_care (visit) != NULL && *palpate_visit_get_home_care (visit))
        home_care = palpate_visit_get_home_care (visit);
    }
  gtk_widget_set_visible (self->home_care_heading, home_care != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->home_care_label), home_care != NULL);
  gtk_label_set_text (self->home_care_label, home_care ? home_care : "");

  for (guint a = 0; activities != NULL && activities[a] != NULL && a < MAX_ACTIVITIES &&
                    a < self->activity_ids->len; a++)
    add_ability_row (self, a, activities[a]);
  gtk_widget_set_visible (self->abilities_heading, activities != NULL && activities[0] != NULL);

  reset_rating (self);
}

/* Actions */

static void
stay_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  toast (PALPATE_PATIENT_VIEW (widget), _("Your therapist will close this view for you"));
}

static void
rate_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PalpatePatientView *self = PALPATE_PATIENT_VIEW (widget);

  reset_rating (self);
  gtk_stack_set_visible_child_name (self->stack, "rate");
}

static void
show_progress_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gtk_stack_set_visible_child_name (PALPATE_PATIENT_VIEW (widget)->stack, "progress");
}

/* What the client has entered on the rating page so far, as their report. */
static PalpateClientReport *
collect_report (PalpatePatientView *self)
{
  PalpateClientReport *report = palpate_client_report_new (palpate_client_get_id (self->client));
  guint n_places = g_list_model_get_n_items (G_LIST_MODEL (self->reported));

  palpate_client_report_set_pain (report, palpate_pain_scale_get_value (self->pain_scale));
  for (guint i = 0; i < n_places; i++)
    {
      g_autoptr(PalpateFinding) place = g_list_model_get_item (G_LIST_MODEL (self->reported), i);
      guint n_points;
      const PalpatePoint *points = palpate_finding_get_points (place, &n_points);

      if (n_points > 0)
        palpate_client_report_add_place (report, palpate_finding_get_view (place),
                                         palpate_finding_get_region_id (place), &points[0]);
    }
  for (guint a = 0; a < MAX_ACTIVITIES && a < self->activity_ids->len; a++)
    if (self->abilities[a] >= 0)
      palpate_client_report_add_rating (report, g_array_index (self->activity_ids, gint64, a),
                                        self->abilities[a]);

  return report;
}

/* Whether the client is rating and has entered something not yet kept. */
static gboolean
has_unsent_report (PalpatePatientView *self)
{
  g_autoptr(PalpateClientReport) report = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "rate") != 0)
    return FALSE;

  report = collect_report (self);
  return !palpate_client_report_is_empty (report);
}

static void
submit_rating_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PalpatePatientView *self = PALPATE_PATIENT_VIEW (widget);
  g_autoptr(PalpateClientReport) report = collect_report (self);
  g_autoptr(GError) error = NULL;

  if (palpate_client_report_get_pain (report) == PALPATE_PAIN_UNSET)
    {
      toast (self, _("Tap a number for your pain today first"));
      return;
    }

  /* The client's own report, apart from the therapist's visit: it never replaces what the
   * therapist entered, and the therapist sees it marked as reported by the client. */
  if (!palpate_store_add_client_report (self->store, report, &error))
    {
      toast (self, error->message);
      return;
    }

  reset_rating (self);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  toast (self, _("Thank you. Your therapist will go through this with you."));
}

/* Keeps what the client entered before the therapist closed the view, marked as not
 * finished: nothing they entered is dropped without a word. */
static gboolean
keep_unsent_report (PalpatePatientView  *self,
                    GError             **error)
{
  g_autoptr(PalpateClientReport) report = NULL;

  if (!has_unsent_report (self))
    return TRUE;

  report = collect_report (self);
  palpate_client_report_set_finished (report, FALSE);
  if (!palpate_store_add_client_report (self->store, report, error))
    return FALSE;

  reset_rating (self);
  return TRUE;
}

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* Keeps what the client was still entering, then closes the view once the main loop is idle
 * (the dialog that asked has gone by then: its PIN entry must not outlive its window). */
static gboolean
close_view (PalpatePatientView *self)
{
  g_autoptr(GError) error = NULL;

  if (!keep_unsent_report (self, &error))
    {
      toast (self, error->message);
      return FALSE;
    }

  self->unlocked = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
  return TRUE;
}

static void
pin_response_cb (AdwMessageDialog   *dialog,
                 const char         *response,
                 PalpatePatientView *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "unlock"))
    return;

  /* One check of the PIN: it is deliberately slow to compute (Argon2id). After wrong tries
   * the next one must wait, and the therapist is told how long. */
  if (palpate_store_try_view_lock (self->store, gtk_editable_get_text (entry), &error))
    close_view (self);
  else if (g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT))
    toast (self, error->message);
  else
    toast (self, _("That PIN is not right; the view stays open"));
}

static void
confirm_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     PalpatePatientView *self)
{
  if (g_str_equal (response, "leave") && !palpate_store_has_view_lock (self->store))
    close_view (self);
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PalpatePatientView *self = PALPATE_PATIENT_VIEW (widget);
  GtkWidget *dialog;

  if (palpate_store_has_view_lock (self->store))
    {
      GtkWidget *entry = gtk_entry_new ();

      /* Digits, hidden as typed. */
      gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PIN);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("PIN"), -1);
      g_object_set (entry, "activates-default", TRUE, NULL);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Therapist’s PIN"),
                                       has_unsent_report (self)
                                       ? _("Enter the PIN to close the client’s view. The client "
                                           "has not pressed Done yet: what they entered so far is "
                                           "kept for you, marked as not finished.")
                                       : _("Enter the PIN to close the client’s view."));
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "unlock", _("_Close View"),
                                        NULL);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "unlock");
      g_signal_connect_object (dialog, "response", G_CALLBACK (pin_response_cb), self, 0);
    }
  else
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Close the Client’s View?"),
                                       _("Only the therapist closes this view. Set a PIN in "
                                         "Preferences to ask for it here."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "stay", _("_Stay"),
                                        "leave", _("_Close View"),
                                        NULL);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "stay");
      g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
    }

  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
palpate_patient_view_close_request (GtkWindow *window)
{
  PalpatePatientView *self = PALPATE_PATIENT_VIEW (window);

  if (!self->unlocked)
    {
      toast (self, _("Your therapist will close this view for you"));
      return TRUE;
    }

  return GTK_WINDOW_CLASS (palpate_patient_view_parent_class)->close_request (window);
}

static void
palpate_patient_view_dispose (GObject *object)
{
  PalpatePatientView *self = PALPATE_PATIENT_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_PATIENT_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->reported);
  g_clear_pointer (&self->report, palpate_report_free);
  g_clear_pointer (&self->activity_ids, g_array_unref);
  g_clear_handle_id (&self->message_timeout_id, g_source_remove);

  G_OBJECT_CLASS (palpate_patient_view_parent_class)->dispose (object);
}

static void
palpate_patient_view_class_init (PalpatePatientViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = palpate_patient_view_dispose;
  window_class->close_request = palpate_patient_view_close_request;

  g_type_ensure (PALPATE_TYPE_PAIN_SCALE);
  g_type_ensure (PALPATE_TYPE_BODY_MAP);
  g_type_ensure (PALPATE_TYPE_PATIENT_FORMS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-patient-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, message_label);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, title);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, stack);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, greeting_label);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, sentence_label);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, trend_area);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, body_area);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, goals_heading);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, goals_label);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, activities_box);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, home_care_heading);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, home_care_label);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, pain_scale);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, body_map);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, abilities_heading);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, abilities_box);
  gtk_widget_class_bind_template_child (widget_class, PalpatePatientView, forms);

  gtk_widget_class_install_action (widget_class, "patient.stay", NULL, stay_action);
  gtk_widget_class_install_action (widget_class, "patient.leave", NULL, leave_action);
  gtk_widget_class_install_action (widget_class, "patient.rate", NULL, rate_action);
  gtk_widget_class_install_action (widget_class, "patient.show-progress", NULL,
                                   show_progress_action);
  gtk_widget_class_install_action (widget_class, "patient.submit-rating", NULL,
                                   submit_rating_action);

  /* The usual ways out lead nowhere; only the therapist closes the view. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "patient.stay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "patient.stay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_q, GDK_CONTROL_MASK,
                                       "patient.stay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F4, GDK_ALT_MASK,
                                       "patient.stay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "patient.stay", NULL);
}

static void
palpate_patient_view_init (PalpatePatientView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->reported = g_list_store_new (PALPATE_TYPE_FINDING);
  gtk_drawing_area_set_draw_func (self->trend_area, trend_draw_cb, self, NULL);
  gtk_drawing_area_set_draw_func (self->body_area, body_draw_cb, self, NULL);
  palpate_body_map_set_show_palette (self->body_map, FALSE);
  palpate_body_map_set_current_kind (self->body_map, PALPATE_FINDING_TENDER_POINT);
  palpate_body_map_set_findings (self->body_map, self->reported);
  palpate_pain_scale_set_title (self->pain_scale, NULL);
  g_signal_connect_object (self->forms, "message", G_CALLBACK (toast), self, G_CONNECT_SWAPPED);
}

/**
 * palpate_patient_view_new:
 *
 * The view of the client @client_id, showing only that client's own data.
 *
 * Returns: (transfer none): the view, a window GTK keeps until it closes
 */
PalpatePatientView *
palpate_patient_view_new (PalpateStore  *store,
                          gint64         client_id,
                          GError       **error)
{
  PalpatePatientView *self;
  g_autoptr(GArray) activity_ids = NULL;
  g_autoptr(PalpateReport) report = NULL;

  g_return_val_if_fail (PALPATE_IS_STORE (store), NULL);

  report = palpate_report_new (store, client_id, NULL, NULL, error);
  if (report == NULL)
    return NULL;
  activity_ids = palpate_store_list_activity_ids (store, client_id, error);
  if (activity_ids == NULL)
    return NULL;

  /* Like any window, it belongs to GTK's list of windows until it is destroyed. */
  self = g_object_new (PALPATE_TYPE_PATIENT_VIEW, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (palpate_report_get_client (report));
  self->activity_ids = g_steal_pointer (&activity_ids);
  self->report = g_steal_pointer (&report);
  load (self);
  if (!palpate_patient_forms_load (self->forms, store, client_id, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  return self;
}

/**
 * palpate_patient_view_unlock:
 * @pin: (nullable): the PIN typed; ignored when the clinic has none (the caller asked the
 *   therapist to confirm)
 *
 * Closes the view (once the main loop is idle) when @pin is the clinic's PIN, or when there
 * is none. What the client was still entering is kept first, as an unfinished report; when
 * that cannot be saved the view stays open and says why.
 *
 * Returns: whether the view closes
 */
gboolean
palpate_patient_view_unlock (PalpatePatientView *self,
                             const char         *pin)
{
  g_return_val_if_fail (PALPATE_IS_PATIENT_VIEW (self), FALSE);

  if (palpate_store_has_view_lock (self->store) &&
      !palpate_store_try_view_lock (self->store, pin, NULL))
    return FALSE;

  return close_view (self);
}

gboolean
palpate_patient_view_is_locked (PalpatePatientView *self)
{
  g_return_val_if_fail (PALPATE_IS_PATIENT_VIEW (self), FALSE);

  return !self->unlocked;
}

static GdkMonitor *
monitor_of (GtkWindow *window)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GdkMonitor *monitor = NULL;

  if (surface != NULL)
    monitor = gdk_display_get_monitor_at_surface (display, surface);
  if (monitor == NULL && g_list_model_get_n_items (gdk_display_get_monitors (display)) > 0)
    {
      /* Owned by the display's list, which keeps it as long as the monitor is there. */
      g_autoptr(GdkMonitor) first = g_list_model_get_item (gdk_display_get_monitors (display), 0);

      monitor = first;
    }

  return monitor;
}

/**
 * palpate_patient_view_cover_screen:
 * @parent: the therapist's window
 *
 * Shows the view over the whole screen of @parent and hides @parent until the view closes,
 * so that nothing of the clinic — the client list, other clients' names — can be seen or
 * reached from it. The size is the monitor's even where no window manager makes a window
 * fullscreen.
 */
void
palpate_patient_view_cover_screen (PalpatePatientView *self,
                                   GtkWindow          *parent)
{
  GdkMonitor *monitor;

  g_return_if_fail (PALPATE_IS_PATIENT_VIEW (self));
  g_return_if_fail (GTK_IS_WINDOW (parent));

  monitor = monitor_of (parent);
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  if (monitor != NULL)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
    }
  else
    gtk_window_fullscreen (GTK_WINDOW (self));

  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_set_visible (GTK_WIDGET (parent), FALSE);
}
