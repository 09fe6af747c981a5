/* palpate-visit-page.c — charting a visit: the body map beside pain, techniques and SOAP
 *
 * Every change is saved as it is made: ratings and ticks at once, text a moment after typing
 * stops (and when the page is left), findings as the body map reports them. A failed save keeps
 * everything on screen and says why beside the title and in a toast. A signed visit is shown
 * read-only, with its amendments and a field to add one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-visit-page"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-atlas.h"
#include "palpate-consent-check.h"
#include "palpate-pain-scale.h"
#include "palpate-health-history-group.h"
#include "palpate-pain-scale.h"
#include "palpate-questionnaire-group.h"
#include "palpate-split-layout.h"
#include "palpate-region-chooser.h"
#include "palpate-sign-in-page.h"
#include "palpate-visit-page.h"

/* Typing pauses this long before the text is saved. */
#define TEXT_SAVE_DELAY_MS 600

/* The same words in the menu and in the list of techniques applied. */
static const char *pressure_names[] = { N_("Light"), N_("Moderate"), N_("Firm"), N_("Deep") };

static const struct {
  const char *field;
  const char *title;
} soap_fields[] = {
  { "subjective", N_("Subjective") },
  { "objective", N_("Objective") },
  { "assessment", N_("Assessment") },
  { "plan", N_("Plan") },
  { "home-care", N_("Home Care") },
};

#define N_SOAP G_N_ELEMENTS (soap_fields)

struct _PalpateVisitPage
{
  GtkBox            parent_instance;

  PalpateStore     *store;
  PalpateVisit     *visit;
  PalpateClient    *client;
  GListStore       *findings;
  GListStore       *ghosts;           /* earlier findings not marked yet: drawn faintly */
  GPtrArray        *reviews;          /* Review: every earlier finding, in a fixed order */
  GPtrArray        *techniques;
  GHashTable       *chain_partners;   /* region id → reason, still to assess */
  GtkTextView      *soap_views[N_SOAP];
  guint             save_text_id;
  guint             timer_id;
  char             *save_error;
  gboolean          loading;
  gboolean          unloading;

  /* Template widgets */
  AdwWindowTitle   *title;
  GtkWidget        *sign_button;
  GtkLabel         *timer_label;
  GtkLabel         *saved_label;
  PalpateBodyMap   *body_map;
  GtkWidget        *signed_group;
  GtkListBox       *amendment_list;
  GtkTextView      *amendment_view;
  GtkWidget        *ghost_group;
  GtkListBox       *ghost_list;
  GtkWidget        *chain_group;
  GtkListBox       *chain_list;
  PalpatePainScale *pain_before_scale;
  PalpatePainScale *pain_after_scale;
  GtkSpinButton    *duration_spin;
  GtkWidget        *take_time_button;
  GtkWidget        *technique_form;
  GtkDropDown      *technique_dropdown;
  PalpateRegionChooser *region_chooser;
  GtkSpinButton    *minutes_spin;
  GtkDropDown      *pressure_dropdown;
  GtkListBox       *applied_list;
  GtkBox           *soap_box;
  AdwPreferencesGroup *psfs_group;
  PalpateQuestionnaireGroup *questionnaire_group;
  PalpateHealthHistoryGroup *health_history_group;
  GtkCheckButton   *consent_check;
};

G_DEFINE_FINAL_TYPE (PalpateVisitPage, palpate_visit_page, GTK_TYPE_BOX)

/* An earlier finding under review: how it compares today is the finding carried into this
 * visit, if the therapist marked it. The mark is bound to the earlier finding, never to a
 * row's place, and rows stay where they are until the visit is loaded again. */
typedef struct
{
  PalpateFinding *earlier;
  PalpateFinding *carried;   /* nullable */
  GtkWidget      *choices[3];
} Review;

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
is_signed (PalpateVisitPage *self)
{
  return self->visit != NULL && palpate_visit_get_status (self->visit) == PALPATE_VISIT_SIGNED;
}

static void
show_saved (PalpateVisitPage *self,
            const GError     *error)
{
  g_clear_pointer (&self->save_error, g_free);

  if (error == NULL)
    {
      gtk_label_set_text (self->saved_label, is_signed (self) ? _("Signed") : _("Saved"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "dim-label");
      return;
    }

  /* The edit stays on screen; the reason shows beside the title and in a toast. */
  self->save_error = g_strdup (error->message);
  gtk_label_set_text (self->saved_label, _("Not saved"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->saved_label), error->message);
  gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "error");
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_buffer_text (GtkTextView *view,
                 const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
}

/* Another window saved this visit since it was loaded here: the page shows the visit as it
 * now is, and says that the edit made here was not saved. */
static void
reload_after_conflict (PalpateVisitPage *self,
                       const GError     *error)
{
  g_autoptr(PalpateStore) store = g_object_ref (self->store);
  g_autoptr(GError) load_error = NULL;
  gint64 visit_id = palpate_visit_get_id (self->visit);

  g_clear_handle_id (&self->save_text_id, g_source_remove);
  if (!self->unloading)
    {
      /* Nothing left to flush: the edit was refused. */
      g_clear_object (&self->visit);
      if (!palpate_visit_page_load (self, store, visit_id, &load_error))
        {
          show_saved (self, load_error);
          return;
        }
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
}

static gboolean
save_visit (PalpateVisitPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->visit == NULL || self->loading || is_signed (self))
    return TRUE;

  g_clear_handle_id (&self->save_text_id, g_source_remove);

  for (guint i = 0; i < N_SOAP; i++)
    {
      g_autofree char *text = buffer_text (self->soap_views[i]);
      char *value = *text ? text : NULL;

      if (i == 0)
        palpate_visit_set_subjective (self->visit, value);
      else if (i == 1)
        palpate_visit_set_objective (self->visit, value);
      else if (i == 2)
        palpate_visit_set_assessment (self->visit, value);
      else if (i == 3)
        palpate_visit_set_plan (self->visit, value);
      else
        palpate_visit_set_home_care (self->visit, value);
    }

  palpate_visit_set_pain_before (self->visit, palpate_pain_scale_get_value (self->pain_before_scale));
  palpate_visit_set_pain_after (self->visit, palpate_pain_scale_get_value (self->pain_after_scale));
  palpate_visit_set_consent_sensitive (self->visit, gtk_check_button_get_active (self->consent_check));
  /* The duration is what the therapist gives, never the timer's guess. */
  palpate_visit_set_duration_minutes (self->visit,
                                      gtk_spin_button_get_value_as_int (self->duration_spin));

  palpate_store_save_visit (self->store, self->visit, &error);
  if (g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CHANGED))
    {
      reload_after_conflict (self, error);
      return FALSE;
    }
  show_saved (self, error);
  return error == NULL;
}

static gboolean
save_text_cb (gpointer user_data)
{
  PalpateVisitPage *self = PALPATE_VISIT_PAGE (user_data);

  self->save_text_id = 0;
  save_visit (self);
  return G_SOURCE_REMOVE;
}

static void
text_changed_cb (PalpateVisitPage *self)
{
  if (self->loading)
    return;

  g_clear_handle_id (&self->save_text_id, g_source_remove);
  self->save_text_id = g_timeout_add (TEXT_SAVE_DELAY_MS, save_text_cb, self);
  gtk_label_set_text (self->saved_label, _("Saving…"));
}

static void
rating_changed_cb (PalpateVisitPage *self)
{
  save_visit (self);
}

/* The time since the visit started, counted from its start in the record: reopening a draft
 * carries on, it does not start again. */
static gint64
session_seconds (PalpateVisitPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDateTime *started = self->visit ? palpate_visit_get_started_at (self->visit) : NULL;

  return started ? g_date_time_difference (now, started) / G_USEC_PER_SEC : -1;
}

/* A draft left open from another day has no session running. */
#define SESSION_MAX_SECONDS (8 * 60 * 60)

static gboolean
timer_cb (gpointer user_data)
{
  PalpateVisitPage *self = PALPATE_VISIT_PAGE (user_data);
  gint64 seconds = session_seconds (self);
  gboolean running = seconds >= 0 && seconds < SESSION_MAX_SECONDS;
  g_autofree char *text = NULL;
  g_autofree char *button = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->timer_label), running && !is_signed (self));
  gtk_widget_set_visible (self->take_time_button, running && !is_signed (self));
  if (!running)
    return G_SOURCE_CONTINUE;

  text = g_strdup_printf ("%02d:%02d", (int) (seconds / 60), (int) (seconds % 60));
  gtk_label_set_text (self->timer_label, text);
  /* Translators: sets the visit's duration to the minutes since it started */
  button = g_strdup_printf (_("Use %d min"), (int) MAX (1, seconds / 60));
  gtk_button_set_label (GTK_BUTTON (self->take_time_button), button);
  return G_SOURCE_CONTINUE;
}

static void
take_time_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PalpateVisitPage *self = PALPATE_VISIT_PAGE (widget);
  gint64 seconds = session_seconds (self);

  if (is_signed (self) || seconds < 0 || seconds >= SESSION_MAX_SECONDS)
    return;

  gtk_spin_button_set_value (self->duration_spin, MAX (1, seconds / 60));
}

/* Kinetic chain: a finding in a region asks to assess its partners. They fit in one row that
 * names them; opened, it gives each one's reason. Dismissed, or once the visit is signed,
 * nothing of them is drawn over the figure. */
static void
refresh_chain (PalpateVisitPage *self)
{
  GHashTableIter iter;
  gpointer key, value;
  GtkWidget *child;
  GtkWidget *expander;
  GtkWidget *dismiss_all;
  g_autoptr(GStrvBuilder) highlighted = g_strv_builder_new ();
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_auto(GStrv) ids = NULL;
  guint n = g_hash_table_size (self->chain_partners);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chain_list))) != NULL)
    gtk_list_box_remove (self->chain_list, child);

  gtk_widget_set_visible (self->chain_group, n > 0 && !is_signed (self));
  if (n == 0 || is_signed (self))
    {
      palpate_body_map_set_highlighted_regions (self->body_map, NULL);
      return;
    }

  expander = adw_expander_row_new ();
  /* Translators: the kinetic-chain reminder, "Also assess (3)" */
  title = g_strdup_printf (_("Also assess (%u)"), n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  dismiss_all = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_set_valign (dismiss_all, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dismiss_all, "flat");
  gtk_widget_set_tooltip_text (dismiss_all, _("Dismiss All"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (dismiss_all), "visit.chain-dismiss-all");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), dismiss_all);

  g_hash_table_iter_init (&iter, self->chain_partners);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *assessed = gtk_button_new_with_label (_("Assessed"));
      GtkWidget *dismiss = gtk_button_new_from_icon_name ("window-close-symbolic");
      g_autofree char *tooltip = g_strdup_printf (_("Dismiss: %s"), palpate_region_name_for_id (key));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), palpate_region_name_for_id (key));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_set_valign (assessed, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (dismiss, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (dismiss, tooltip);
      gtk_widget_add_css_class (dismiss, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (assessed), "visit.chain-done");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (assessed), "s", key);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (dismiss), "visit.chain-done");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (dismiss), "s", key);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), assessed);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dismiss);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
      g_strv_builder_add (highlighted, key);
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", palpate_region_name_for_id (key));
    }

  /* One line, whatever the number: the names are in the rows it opens, and in its tooltip. */
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("Linked along the kinetic chain"));
  gtk_widget_set_tooltip_text (expander, names->str);
  gtk_list_box_append (self->chain_list, expander);

  ids = g_strv_builder_end (highlighted);
  palpate_body_map_set_highlighted_regions (self->body_map, (const char * const *) ids);
}

static gboolean
region_has_finding (PalpateVisitPage *self,
                    const char       *region_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->findings));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PalpateFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings), i);

      if (g_strcmp0 (palpate_finding_get_region_id (finding), region_id) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
prompt_chain (PalpateVisitPage *self,
              PalpateFinding   *finding)
{
  g_autoptr(GArray) links = NULL;

  if (palpate_finding_get_kind (finding) == PALPATE_FINDING_CONTRAINDICATION ||
      palpate_finding_get_kind (finding) == PALPATE_FINDING_CLEARED)
    return;

  links = palpate_atlas_get_chain_links (palpate_atlas_get_default (),
                                         palpate_finding_get_region_id (finding));
  for (guint i = 0; i < links->len; i++)
    {
      PalpateChainLink *link = &g_array_index (links, PalpateChainLink, i);
      const char *id = palpate_region_get_id (link->partner);

      if (!region_has_finding (self, id) && !g_hash_table_contains (self->chain_partners, id))
        g_hash_table_insert (self->chain_partners, g_strdup (id), g_strdup (link->reason));
    }

  /* A region charted is assessed. */
  g_hash_table_remove (self->chain_partners, palpate_finding_get_region_id (finding));
  refresh_chain (self);
}

static void
finding_added_cb (PalpateVisitPage *self,
                  PalpateFinding   *finding)
{
  g_autoptr(GError) error = NULL;

  palpate_finding_set_visit_id (finding, palpate_visit_get_id (self->visit));
  palpate_finding_set_id (finding, 0);
  palpate_store_save_finding (self->store, finding, &error);
  show_saved (self, error);
  prompt_chain (self, finding);
}

static void
finding_changed_cb (PalpateVisitPage *self,
                    PalpateFinding   *finding)
{
  g_autoptr(GError) error = NULL;

  if (palpate_finding_get_id (finding) == 0)
    palpate_finding_set_visit_id (finding, palpate_visit_get_id (self->visit));
  palpate_store_save_finding (self->store, finding, &error);
  show_saved (self, error);
}

static void
undo_removal_cb (AdwToast         *toast,
                 PalpateVisitPage *self)
{
  PalpateFinding *finding = g_object_get_data (G_OBJECT (toast), "finding");

  /* Only while the removal is still the latest edit: Undo never takes back something else. */
  if (palpate_body_map_last_edit_removed (self->body_map, finding))
    gtk_widget_activate_action (GTK_WIDGET (self->body_map), "body-map.undo", NULL);
}

static void
finding_removed_cb (PalpateVisitPage *self,
                    PalpateFinding   *finding)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  if (palpate_finding_get_id (finding) > 0 &&
      palpate_store_delete_finding (self->store, palpate_finding_get_id (finding), &error))
    palpate_finding_set_id (finding, 0);
  show_saved (self, error);

  /* A finding deleted by mistake comes back with one click. */
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (error == NULL && overlay != NULL &&
      palpate_body_map_last_edit_removed (self->body_map, finding))
    {
      g_autofree char *title = g_strdup_printf (_("Finding removed: %s"),
                                                palpate_region_name_for_id (palpate_finding_get_region_id (finding)));
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_object_set_data_full (G_OBJECT (toast), "finding", g_object_ref (finding), g_object_unref);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_removal_cb), self, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
}

/* Each choice shows pressed when it is the mark given; unmarked findings are drawn faintly. */
static void
update_reviews (PalpateVisitPage *self)
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

  palpate_body_map_set_ghosts (self->body_map, G_LIST_MODEL (self->ghosts));
}

static void
refresh_ghosts (PalpateVisitPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ghost_list))) != NULL)
    gtk_list_box_remove (self->ghost_list, child);

  for (guint i = 0; i < self->reviews->len; i++)
    {
      Review *review = self->reviews->pdata[i];
      PalpateFinding *ghost = review->earlier;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      static const char *labels[] = { N_("Same"), N_("Better"), N_("Gone") };

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     palpate_region_name_for_id (palpate_finding_get_region_id (ghost)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   palpate_finding_kind_get_name (palpate_finding_get_kind (ghost)));
      gtk_widget_add_css_class (buttons, "linked");
      gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
      for (guint c = 0; c < G_N_ELEMENTS (review_statuses); c++)
        {
          GtkWidget *button = gtk_toggle_button_new_with_label (_(labels[c]));
          g_autofree char *tooltip = g_strdup_printf ("%s: %s",
                                                      palpate_finding_status_get_name (review_statuses[c]),
                                                      palpate_region_name_for_id (palpate_finding_get_region_id (ghost)));

          /* The tooltip names the region, so that a screen reader says which finding. */
          gtk_widget_set_tooltip_text (button, tooltip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          tooltip, -1);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "visit.mark-ghost");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xu)",
                                            palpate_finding_get_id (ghost),
                                            (guint) review_statuses[c]);
          gtk_box_append (GTK_BOX (buttons), button);
          review->choices[c] = button;
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), buttons);
      gtk_widget_set_sensitive (buttons, !is_signed (self));
      gtk_list_box_append (self->ghost_list, row);
    }

  gtk_widget_set_visible (self->ghost_group, self->reviews->len > 0);
  update_reviews (self);
}

static Review *
find_review (PalpateVisitPage *self,
             gint64            earlier_id)
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
remove_from_findings (PalpateVisitPage *self,
                      PalpateFinding   *finding)
{
  guint position;

  if (!g_list_store_find (self->findings, finding, &position))
    return FALSE;
  g_list_store_remove (self->findings, position);
  return TRUE;
}

/* Marks an earlier finding Same, Better or Gone; the same choice again takes the mark back. */
static void
mark_ghost_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PalpateVisitPage *self = PALPATE_VISIT_PAGE (widget);
  g_autoptr(PalpateFinding) finding = NULL;
  g_autoptr(GError) error = NULL;
  Review *review;
  gint64 earlier_id;
  guint status;

  g_variant_get (parameter, "(xu)", &earlier_id, &status);
  review = find_review (self, earlier_id);
  if (review == NULL || is_signed (self))
    return;

  if (review->carried != NULL && palpate_finding_get_status (review->carried) == status)
    {
      /* Taken back: the finding is no longer carried into this visit. */
      if (!palpate_store_delete_finding (self->store, palpate_finding_get_id (review->carried),
                                         &error))
        {
          show_saved (self, error);
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
          show_saved (self, error);
          update_reviews (self);
          return;
        }

      if (review->carried != NULL)
        remove_from_findings (self, review->carried);
      g_set_object (&review->carried, finding);
      g_list_store_append (self->findings, finding);
    }

  show_saved (self, NULL);
  update_reviews (self);
  palpate_body_map_set_findings (self->body_map, self->findings);
}

static void
chain_dismiss_all_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PalpateVisitPage *self = PALPATE_VISIT_PAGE (widget);

  g_hash_table_remove_all (self->chain_partners);
  refresh_chain (self);
}

static void
chain_done_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PalpateVisitPage *self = PALPATE_VISIT_PAGE (widget);

  g_hash_table_remove (self->chain_partners, g_variant_get_string (parameter, NULL));
  refresh_chain (self);
}

static void
refresh_applied (PalpateVisitPage *self)
{
  g_autoptr(GPtrArray) applied = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->applied_list))) != NULL)
    gtk_list_box_remove (self->applied_list, child);

  applied = palpate_store_list_applied_techniques (self->store, palpate_visit_get_id (self->visit),
                                                   &error);
  if (applied == NULL)
    {
      show_saved (self, error);
      return;
    }

  for (guint i = 0; i < applied->len; i++)
    {
      PalpateAppliedTechnique *technique = applied->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      /* Translators: "Right upper trapezius · 12 min · firm" */
      subtitle = g_strdup_printf (_("%s · %d min · %s"),
                                  palpate_region_name_for_id (palpate_applied_technique_get_region_id (technique)),
                                  palpate_applied_technique_get_minutes (technique),
                                  _(pressure_names[CLAMP (palpate_applied_technique_get_pressure (technique),
                                                          0, (int) G_N_ELEMENTS (pressure_names) - 1)]));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     palpate_applied_technique_get_technique_name (technique));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (palpate_applied_technique_get_note (technique))
        gtk_widget_set_tooltip_text (row, palpate_applied_technique_get_note (technique));

      if (!is_signed (self))
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_tooltip_text (remove, _("Remove"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "visit.remove-technique");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x",
                                            palpate_applied_technique_get_id (technique));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
        }
      gtk_list_box_append (self->applied_list, row);
    }
}

static gboolean
region_is_no_touch (PalpateVisitPage *self,
                    const char       *region_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->findings));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PalpateFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings), i);

      if (palpate_finding_get_kind (finding) == PALPATE_FINDING_CONTRAINDICATION &&
          g_strcmp0 (palpate_finding_get_region_id (finding), region_id) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
save_applied (PalpateVisitPage *self,
              const char       *reason)
{
  g_autoptr(PalpateAppliedTechnique) applied = palpate_applied_technique_new ();
  g_autoptr(GError) error = NULL;
  guint technique = gtk_drop_down_get_selected (self->technique_dropdown);
  const char *region = palpate_region_chooser_get_region_id (self->region_chooser);

  if (technique >= self->techniques->len || region == NULL)
    return;

  palpate_applied_technique_set_visit_id (applied, palpate_visit_get_id (self->visit));
  palpate_applied_technique_set_technique_id (applied,
                                              palpate_technique_get_id (self->techniques->pdata[technique]));
  palpate_applied_technique_set_region_id (applied, region);
  palpate_applied_technique_set_minutes (applied, gtk_spin_button_get_value_as_int (self->minutes_spin));
  palpate_applied_technique_set_pressure (applied, gtk_drop_down_get_selected (self->pressure_dropdown));
  if (reason != NULL)
    {
      g_autofree char *note = g_strdup_printf (_("Applied inside a no-touch zone: %s"), reason);
      palpate_applied_technique_set_note (applied, note);
    }

  palpate_store_save_applied_technique (self->store, applied, &error);
  show_saved (self, error);
  refresh_applied (self);
}

static void
no_touch_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      PalpateVisitPage *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "apply") && *reason != '\0')
    save_applied (self, reason);
  else if (g_str_equal (response, "apply"))
    show_saved (self, &(GError) { G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                  (char *) _("A technique inside a no-touch zone needs a reason.") });
}

static void
apply_technique_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PalpateVisitPage *self = PALPATE_VISIT_PAGE (widget);
  const char *region = palpate_region_chooser_get_region_id (self->region_chooser);
  GtkWidget *dialog;
  GtkWidget *entry;

  if (is_signed (self) || region == NULL)
    return;

  if (!palpate_consent_check_region (widget, self->store, palpate_visit_get_client_id (self->visit),
                                     palpate_visit_get_id (self->visit), region,
                                     "visit.apply-technique"))
    return;

  if (!region_is_no_touch (self, region))
    {
      save_applied (self, NULL);
      return;
    }

  /* A local contraindication is there: work on it only with a reason, kept in the note. */
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Work Inside a No-Touch Zone?"),
                                   _("This region holds a local contraindication. Say why the "
                                     "technique is applied there; the reason is kept in the "
                                     "record."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Apply"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect (dialog, "response", G_CALLBACK (no_touch_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_technique_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PalpateVisitPage *self = PALPATE_VISIT_PAGE (widget);
  g_autoptr(GError) error = NULL;

  palpate_store_delete_applied_technique (self->store, g_variant_get_int64 (parameter), &error);
  show_saved (self, error);
  refresh_applied (self);
}

static void
refresh_amendments (PalpateVisitPage *self)
{
  g_autoptr(GPtrArray) amendments = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->amendment_list))) != NULL)
    gtk_list_box_remove (self->amendment_list, child);

  amendments = palpate_store_list_amendments (self->store, palpate_visit_get_id (self->visit), NULL);
  for (guint i = 0; amendments != NULL && i < amendments->len; i++)
    {
      PalpateAmendment *amendment = amendments->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *date = g_date_time_format (palpate_amendment_get_created_at (amendment),
                                                  "%-d %B %Y, %H:%M");
      /* Translators: "Amendment by Maria Rossi, 12 March 2026, 14:05" */
      g_autofree char *title = g_strdup_printf (_("Amendment by %s, %s"),
                                                palpate_amendment_get_author (amendment),
                                                g_strstrip (date));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), palpate_amendment_get_text (amendment));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->amendment_list, row);
    }
}

static void
amendment_changed_cb (PalpateVisitPage *self)
{
  g_autofree char *text = g_strstrip (buffer_text (self->amendment_view));

  /* An empty amendment is not offered for saving. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.add-amendment", *text != '\0');
}

static void
add_amendment_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PalpateVisitPage *self = PALPATE_VISIT_PAGE (widget);
  g_autoptr(PalpateAmendment) amendment = palpate_amendment_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (buffer_text (self->amendment_view));

  if (*text == '\0' || !is_signed (self))
    return;

  palpate_amendment_set_visit_id (amendment, palpate_visit_get_id (self->visit));
  palpate_amendment_set_author (amendment, palpate_store_get_actor (self->store));
  palpate_amendment_set_text (amendment, text);

  /* On failure the text stays in the field. */
  if (palpate_store_add_amendment (self->store, amendment, &error))
    set_buffer_text (self->amendment_view, NULL);
  show_saved (self, error);
  refresh_amendments (self);
}

/* The visit's NDI and Oswestry, which can be filled in until the visit is signed. */
static void
load_questionnaires (PalpateVisitPage *self,
                     gboolean          editable)
{
  g_autoptr(GError) error = NULL;

  if (!palpate_questionnaire_group_load (self->questionnaire_group, self->store,
                                         palpate_visit_get_client_id (self->visit),
                                         palpate_visit_get_id (self->visit), editable, &error))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
}

static void
apply_signed_state (PalpateVisitPage *self)
{
  gboolean editable = !is_signed (self);

  palpate_body_map_set_editable (self->body_map, editable);
  gtk_widget_set_visible (self->sign_button, editable);
  gtk_widget_set_visible (GTK_WIDGET (self->timer_label), editable);
  gtk_widget_set_visible (self->signed_group, !editable);
  gtk_widget_set_visible (self->technique_form, editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pain_before_scale), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pain_after_scale), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->consent_check), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->duration_spin), editable);
  gtk_widget_set_visible (self->take_time_button, editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->psfs_group), editable);
  load_questionnaires (self, editable);
  for (guint i = 0; i < N_SOAP; i++)
    {
      GtkWidget *frame = gtk_widget_get_parent (GTK_WIDGET (self->soap_views[i]));

      /* A signed note reads as a record, not as fields waiting for typing. */
      gtk_text_view_set_editable (self->soap_views[i], editable);
      if (editable)
        gtk_widget_remove_css_class (frame, "read-only");
      else
        gtk_widget_add_css_class (frame, "read-only");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->soap_views[i]),
                                      GTK_ACCESSIBLE_PROPERTY_READ_ONLY, !editable, -1);
    }
  amendment_changed_cb (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.sign", editable);

  if (!editable)
    {
      g_autofree char *date = g_date_time_format (palpate_visit_get_signed_at (self->visit),
                                                  "%-d %B %Y, %H:%M");
      g_autofree char *description = g_strdup_printf (_("Signed by %s on %s. A signed visit "
                                                        "does not change; corrections are "
                                                        "added as dated amendments."),
                                                      palpate_visit_get_signed_by (self->visit),
                                                      g_strstrip (date));

      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->signed_group),
                                             description);
      g_clear_handle_id (&self->timer_id, g_source_remove);
      refresh_amendments (self);
    }
}

static void
sign_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  PalpateVisitPage *self)
{
  g_autoptr(GError) error = NULL;

  GtkWidget *passcode = adw_message_dialog_get_extra_child (dialog);

  if (!g_str_equal (response, "sign") || self->visit == NULL)
    return;

  /* A signature names the therapist for good: their passcode is asked again. */
  if (passcode != NULL &&
      !palpate_store_confirm_passcode (self->store, gtk_editable_get_text (GTK_EDITABLE (passcode)),
                                       "sign", &error))
    {
      show_saved (self, error);
      return;
    }

  if (!save_visit (self))
    return;

  if (!palpate_store_sign_visit (self->store, self->visit, palpate_store_get_actor (self->store),
                                 &error))
    {
      if (g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CHANGED))
        reload_after_conflict (self, error);
      else
        show_saved (self, error);
      return;
    }

  show_saved (self, NULL);
  apply_signed_state (self);
  refresh_applied (self);
  refresh_ghosts (self);
  refresh_chain (self);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.visit-signed", NULL);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PalpateVisitPage *self = PALPATE_VISIT_PAGE (widget);
  AdwMessageDialog *dialog;

  if (is_signed (self))
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Sign This Visit?"),
                                                       _("A signed visit can no longer be "
                                                         "changed. Corrections are added as "
                                                         "dated amendments beside it.")));
  palpate_sign_in_ask_passcode (dialog, self->store);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "sign", _("_Sign"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "sign");
  g_signal_connect (dialog, "response", G_CALLBACK (sign_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
psfs_changed_cb (GtkDropDown      *dropdown,
                 GParamSpec       *pspec,
                 PalpateVisitPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 activity = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dropdown), "activity-id"));
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->loading || is_signed (self))
    return;

  /* The first choice, "—", is no rating. */
  palpate_store_set_psfs_rating (self->store, palpate_visit_get_id (self->visit), activity,
                                 selected == 0 ? -1 : (int) selected - 1, &error);
  show_saved (self, error);
}

static void
load_psfs (PalpateVisitPage *self)
{
  g_autoptr(GArray) ids = palpate_store_list_activity_ids (self->store,
                                                          palpate_client_get_id (self->client),
                                                          NULL);
  g_autoptr(GArray) ratings = palpate_store_list_psfs_ratings (self->store,
                                                              palpate_client_get_id (self->client),
                                                              NULL);
  const char * const *names = palpate_client_get_activities (self->client);
  static const char *choices[] = { "—", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10",
                                   NULL };
  GtkWidget *child;

  /* Remove rows of an earlier load: they are the group's rows after the title. */
  while ((child = g_object_get_data (G_OBJECT (self->psfs_group), "row")) != NULL)
    {
      adw_preferences_group_remove (self->psfs_group, child);
      g_object_set_data (G_OBJECT (self->psfs_group), "row",
                         g_object_get_data (G_OBJECT (child), "next"));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->psfs_group), ids != NULL && ids->len > 0);
  for (guint i = 0; ids != NULL && names != NULL && i < ids->len && names[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *dropdown = gtk_drop_down_new_from_strings (choices);
      gint64 id = g_array_index (ids, gint64, i);

      for (guint r = 0; ratings != NULL && r < ratings->len; r++)
        {
          PalpatePsfsRating *rating = &g_array_index (ratings, PalpatePsfsRating, r);

          if (rating->visit_id == palpate_visit_get_id (self->visit) && rating->activity_id == id)
            gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), rating->rating + 1);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), names[i]);
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, names[i], -1);
      g_object_set_data (G_OBJECT (dropdown), "activity-id", GSIZE_TO_POINTER ((gsize) id));
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (psfs_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      adw_preferences_group_add (self->psfs_group, row);
      g_object_set_data (G_OBJECT (row), "next", g_object_get_data (G_OBJECT (self->psfs_group),
                                                                    "row"));
      g_object_set_data (G_OBJECT (self->psfs_group), "row", row);
    }
}

/* The regions charted today, latest first: where the techniques most likely went. */
static void
suggest_regions (PalpateVisitPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_auto(GStrv) ids = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->findings));

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(PalpateFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->findings),
                                                                 i - 1);
      const char *id = palpate_finding_get_region_id (finding);

      if (id == NULL || palpate_finding_get_kind (finding) == PALPATE_FINDING_CONTRAINDICATION ||
          g_ptr_array_find_with_equal_func (seen, id, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, (gpointer) id);
      g_strv_builder_add (builder, id);
    }

  ids = g_strv_builder_end (builder);
  palpate_region_chooser_set_suggested (self->region_chooser, (const char * const *) ids);
  if (palpate_region_chooser_get_region_id (self->region_chooser) == NULL && ids[0] != NULL)
    palpate_region_chooser_set_region_id (self->region_chooser, ids[0]);
}

static void
selected_finding_cb (PalpateVisitPage *self)
{
  PalpateFinding *finding = palpate_body_map_get_selected_finding (self->body_map);
  const char *region_id = finding ? palpate_finding_get_region_id (finding) : NULL;

  /* Techniques go, by default, where the therapist just charted. */
  suggest_regions (self);
  if (region_id != NULL && palpate_finding_get_kind (finding) != PALPATE_FINDING_CONTRAINDICATION)
    palpate_region_chooser_set_region_id (self->region_chooser, region_id);
}

static void
region_chosen_cb (PalpateVisitPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.apply-technique",
                                 !is_signed (self) &&
                                 palpate_region_chooser_get_region_id (self->region_chooser) != NULL);
}

static void
palpate_visit_page_dispose (GObject *object)
{
  PalpateVisitPage *self = PALPATE_VISIT_PAGE (object);

  palpate_visit_page_unload (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_VISIT_PAGE);
  g_clear_object (&self->findings);
  g_clear_object (&self->ghosts);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->chain_partners, g_hash_table_unref);
  g_clear_pointer (&self->save_error, g_free);

  G_OBJECT_CLASS (palpate_visit_page_parent_class)->dispose (object);
}

static void
palpate_visit_page_class_init (PalpateVisitPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_visit_page_dispose;

  g_type_ensure (PALPATE_TYPE_BODY_MAP);
  g_type_ensure (PALPATE_TYPE_PAIN_SCALE);
  g_type_ensure (PALPATE_TYPE_QUESTIONNAIRE_GROUP);
  g_type_ensure (PALPATE_TYPE_HEALTH_HISTORY_GROUP);
  g_type_ensure (PALPATE_TYPE_SPLIT_LAYOUT);
  g_type_ensure (PALPATE_TYPE_REGION_CHOOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-visit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, title);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, sign_button);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, timer_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, saved_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, body_map);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, signed_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, amendment_list);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, amendment_view);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, ghost_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, ghost_list);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, chain_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, chain_list);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, pain_before_scale);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, pain_after_scale);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, take_time_button);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, technique_form);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, technique_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, region_chooser);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, pressure_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, applied_list);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, soap_box);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, psfs_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, questionnaire_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, health_history_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, consent_check);

  gtk_widget_class_install_action (widget_class, "visit.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "visit.add-amendment", NULL, add_amendment_action);
  gtk_widget_class_install_action (widget_class, "visit.apply-technique", NULL,
                                   apply_technique_action);
  gtk_widget_class_install_action (widget_class, "visit.remove-technique", "x",
                                   remove_technique_action);
  gtk_widget_class_install_action (widget_class, "visit.mark-ghost", "(xu)", mark_ghost_action);
  gtk_widget_class_install_action (widget_class, "visit.chain-done", "s", chain_done_action);
  gtk_widget_class_install_action (widget_class, "visit.chain-dismiss-all", NULL,
                                   chain_dismiss_all_action);
  gtk_widget_class_install_action (widget_class, "visit.take-time", NULL, take_time_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "visit.sign", NULL);
}

static void
palpate_visit_page_init (PalpateVisitPage *self)
{
  g_autoptr(GtkStringList) pressures = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->findings = g_list_store_new (PALPATE_TYPE_FINDING);
  self->ghosts = g_list_store_new (PALPATE_TYPE_FINDING);
  self->reviews = g_ptr_array_new_with_free_func (review_free);
  self->chain_partners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (pressure_names); i++)
    gtk_string_list_append (pressures, _(pressure_names[i]));
  gtk_drop_down_set_model (self->pressure_dropdown, G_LIST_MODEL (pressures));
  gtk_drop_down_set_selected (self->pressure_dropdown, 1);
  g_signal_connect_swapped (self->region_chooser, "notify::region-id",
                            G_CALLBACK (region_chosen_cb), self);
  region_chosen_cb (self);

  for (guint i = 0; i < N_SOAP; i++)
    {
      GtkWidget *label = gtk_label_new (_(soap_fields[i].title));
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkWidget *view = gtk_text_view_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      if (i > 0)
        gtk_widget_set_margin_top (label, 6);
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      /* Tab goes on to the next field, as in any form, instead of typing a tab. */
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
      gtk_widget_set_size_request (view, -1, 72);
      gtk_widget_set_name (view, soap_fields[i].field);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(soap_fields[i].title), -1);
      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_box_append (self->soap_box, label);
      gtk_box_append (self->soap_box, frame);
      g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                                G_CALLBACK (text_changed_cb), self);
      self->soap_views[i] = GTK_TEXT_VIEW (view);
    }

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->amendment_view), "changed",
                            G_CALLBACK (amendment_changed_cb), self);
  g_signal_connect_swapped (self->pain_before_scale, "notify::value",
                            G_CALLBACK (rating_changed_cb), self);
  g_signal_connect_swapped (self->pain_after_scale, "notify::value",
                            G_CALLBACK (rating_changed_cb), self);
  g_signal_connect_swapped (self->consent_check, "notify::active",
                            G_CALLBACK (rating_changed_cb), self);
  g_signal_connect_swapped (self->duration_spin, "value-changed",
                            G_CALLBACK (rating_changed_cb), self);
  g_signal_connect_swapped (self->body_map, "finding-added", G_CALLBACK (finding_added_cb), self);
  g_signal_connect_swapped (self->body_map, "finding-changed", G_CALLBACK (finding_changed_cb),
                            self);
  g_signal_connect_swapped (self->body_map, "finding-removed", G_CALLBACK (finding_removed_cb),
                            self);
  g_signal_connect_swapped (self->body_map, "notify::current-kind",
                            G_CALLBACK (selected_finding_cb), self);
  g_signal_connect_swapped (self->body_map, "finding-added", G_CALLBACK (selected_finding_cb),
                            self);
}

/**
 * palpate_visit_page_load:
 *
 * Shows the visit with @visit_id; the previous visit's findings appear as ghosts to review.
 */
gboolean
palpate_visit_page_load (PalpateVisitPage  *self,
                         PalpateStore      *store,
                         gint64             visit_id,
                         GError           **error)
{
  g_autoptr(PalpateVisit) visit = NULL;
  g_autoptr(PalpateVisit) previous = NULL;
  g_autoptr(PalpateClient) client = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) techniques = NULL;
  g_autoptr(GtkStringList) technique_names = gtk_string_list_new (NULL);
  g_autofree char *date = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (PALPATE_IS_VISIT_PAGE (self), FALSE);

  palpate_visit_page_unload (self);

  visit = palpate_store_get_visit (store, visit_id, error);
  if (visit == NULL)
    return FALSE;
  client = palpate_store_get_client (store, palpate_visit_get_client_id (visit), error);
  if (client == NULL)
    return FALSE;
  findings = palpate_store_list_findings (store, visit_id, error);
  if (findings == NULL)
    return FALSE;
  techniques = palpate_store_list_techniques (store, error);
  if (techniques == NULL)
    return FALSE;
  previous = palpate_store_get_latest_visit (store, palpate_visit_get_client_id (visit), visit_id,
                                             NULL);

  self->loading = TRUE;
  self->store = g_object_ref (store);
  self->visit = g_object_ref (visit);
  self->client = g_object_ref (client);
  self->techniques = g_ptr_array_ref (techniques);
  g_hash_table_remove_all (self->chain_partners);

  /* What changed in the health history since the client's last visit, while charting. */
  gtk_widget_set_visible (GTK_WIDGET (self->health_history_group), FALSE);
  if (previous != NULL && !is_signed (self) &&
      !palpate_health_history_group_load (self->health_history_group, store,
                                          palpate_visit_get_client_id (visit),
                                          palpate_visit_get_started_at (previous), error))
    return FALSE;

  g_list_store_remove_all (self->findings);
  for (guint i = 0; i < findings->len; i++)
    g_list_store_append (self->findings, findings->pdata[i]);

  /* What the previous visit found, each with its mark if this visit already carries it. */
  g_ptr_array_set_size (self->reviews, 0);
  if (previous != NULL && !is_signed (self))
    {
      g_autoptr(GPtrArray) earlier = palpate_store_list_findings (store,
                                                                 palpate_visit_get_id (previous),
                                                                 NULL);
      g_autoptr(GPtrArray) unclaimed = g_ptr_array_copy (findings, NULL, NULL);

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
            if (palpate_finding_get_kind (unclaimed->pdata[k]) == palpate_finding_get_kind (ghost) &&
                g_strcmp0 (palpate_finding_get_region_id (unclaimed->pdata[k]),
                           palpate_finding_get_region_id (ghost)) == 0 &&
                palpate_finding_get_status (unclaimed->pdata[k]) != PALPATE_FINDING_STATUS_NEW)
              {
                /* The same object as in the map's list, so that taking a mark back finds it. */
                review->carried = g_object_ref (unclaimed->pdata[k]);
                g_ptr_array_remove_index (unclaimed, k);
              }
          g_ptr_array_add (self->reviews, review);
        }
    }

  palpate_body_map_set_findings (self->body_map, self->findings);
  palpate_region_chooser_set_region_id (self->region_chooser, NULL);
  suggest_regions (self);
  refresh_ghosts (self);
  refresh_chain (self);

  for (guint i = 0; i < techniques->len; i++)
    gtk_string_list_append (technique_names, palpate_technique_get_name (techniques->pdata[i]));
  gtk_drop_down_set_model (self->technique_dropdown, G_LIST_MODEL (technique_names));

  date = g_date_time_format (palpate_visit_get_started_at (visit), "%-d %B %Y, %H:%M");
  /* The name isolated (FSI … PDI): a right-to-left name must not pull the date around it. */
  subtitle = g_strdup_printf ("\u2068%s\u2069 · %s", palpate_client_get_name (client),
                              g_strstrip (date));
  adw_window_title_set_title (self->title, _("Visit"));
  adw_window_title_set_subtitle (self->title, subtitle);

  palpate_pain_scale_set_value (self->pain_before_scale, palpate_visit_get_pain_before (visit));
  palpate_pain_scale_set_value (self->pain_after_scale, palpate_visit_get_pain_after (visit));
  gtk_check_button_set_active (self->consent_check, palpate_visit_get_consent_sensitive (visit));
  gtk_spin_button_set_value (self->duration_spin, MAX (0, palpate_visit_get_duration_minutes (visit)));
  set_buffer_text (self->soap_views[0], palpate_visit_get_subjective (visit));
  set_buffer_text (self->soap_views[1], palpate_visit_get_objective (visit));
  set_buffer_text (self->soap_views[2], palpate_visit_get_assessment (visit));
  set_buffer_text (self->soap_views[3], palpate_visit_get_plan (visit));
  set_buffer_text (self->soap_views[4], palpate_visit_get_home_care (visit));
  load_psfs (self);
  refresh_applied (self);

  gtk_label_set_text (self->saved_label, "");
  apply_signed_state (self);
  if (!is_signed (self))
    {
      self->timer_id = g_timeout_add_seconds (1, timer_cb, self);
      timer_cb (self);
    }

  self->loading = FALSE;
  return TRUE;
}

/**
 * palpate_visit_page_flush:
 *
 * Saves text still waiting for the pause after typing.
 *
 * Returns: %FALSE if it could not be saved (the page says why)
 */
gboolean
palpate_visit_page_flush (PalpateVisitPage *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT_PAGE (self), FALSE);

  if (self->save_text_id == 0)
    return self->save_error == NULL;

  return save_visit (self);
}

void
palpate_visit_page_unload (PalpateVisitPage *self)
{
  g_return_if_fail (PALPATE_IS_VISIT_PAGE (self));

  if (self->visit != NULL)
    {
      self->unloading = TRUE;
      palpate_visit_page_flush (self);
      self->unloading = FALSE;
    }

  g_clear_handle_id (&self->save_text_id, g_source_remove);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->visit);
  g_clear_object (&self->client);
  g_clear_pointer (&self->techniques, g_ptr_array_unref);
}

PalpateVisit *
palpate_visit_page_get_visit (PalpateVisitPage *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT_PAGE (self), NULL);

  return self->visit;
}

PalpateBodyMap *
palpate_visit_page_get_body_map (PalpateVisitPage *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT_PAGE (self), NULL);

  return self->body_map;
}

const char *
palpate_visit_page_get_save_error (PalpateVisitPage *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT_PAGE (self), NULL);

  return self->save_error;
}

/**
 * palpate_visit_page_get_soap_view:
 * @field: "subjective", "objective", "assessment", "plan" or "home-care"
 */
GtkTextView *
palpate_visit_page_get_soap_view (PalpateVisitPage *self,
                                  const char       *field)
{
  g_return_val_if_fail (PALPATE_IS_VISIT_PAGE (self), NULL);

  for (guint i = 0; i < N_SOAP; i++)
    if (g_str_equal (soap_fields[i].field, field))
      return self->soap_views[i];

  return NULL;
}
