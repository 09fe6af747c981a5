/* palpate-visit-page.c — charting a visit: the body map beside pain, techniques and SOAP
 *
 * Every change is saved as it is made: ratings and ticks at once, text a moment after typing
 * stops (and when the page is left), findings as the body map reports them. A failed save keeps
 * everything on screen and says why beside the title and in a toast. A signed visit is shown
 * read-only, with its amendments and a field to add one.
 *
 * The parts with a life of their own are widgets of their own, wired here to the body map: the
 * techniques (PalpateTechniqueForm), the earlier findings to review (PalpateEarlierFindings), the
 * kinetic-chain reminder (PalpateChainPrompt) and the amendments (PalpateAmendmentList). Signing
 * and the session timer are in palpate-visit-page-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-visit-page"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-visit-page.h"
#include "palpate-visit-page-private.h"
#include "palpate-date.h"
#include "palpate-split-layout.h"

/* Typing pauses this long before the text is saved. */
#define TEXT_SAVE_DELAY_MS 600

/* How often a save is tried again while the clinic server cannot be reached. */
#define RETRY_SAVE_SECONDS 3

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

G_STATIC_ASSERT (G_N_ELEMENTS (soap_fields) == N_SOAP);

G_DEFINE_FINAL_TYPE (PalpateVisitPage, palpate_visit_page, GTK_TYPE_BOX)

gboolean
_palpate_visit_page_is_signed (PalpateVisitPage *self)
{
  return self->visit != NULL && palpate_visit_get_status (self->visit) == PALPATE_VISIT_SIGNED;
}

static gboolean
retry_save_cb (gpointer user_data)
{
  PalpateVisitPage *self = PALPATE_VISIT_PAGE (user_data);

  self->retry_save_id = 0;
  _palpate_visit_page_save_visit (self);
  return G_SOURCE_REMOVE;
}

void
_palpate_visit_page_show_saved (PalpateVisitPage *self,
                                const GError     *error)
{
  gboolean was_unreachable = self->retry_save_id != 0;

  g_clear_pointer (&self->save_error, g_free);
  g_clear_handle_id (&self->retry_save_id, g_source_remove);
  gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "warning");

  /* While the clinic server is away, what is on screen is saved again every few seconds,
   * as the message promises, until the server answers. The toast is said once. */
  if (g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE) &&
      self->visit != NULL && !self->unloading)
    {
      self->retry_save_id = g_timeout_add_seconds (RETRY_SAVE_SECONDS, retry_save_cb, self);
      if (was_unreachable)
        {
          self->save_error = g_strdup (error->message);
          return;
        }
    }

  if (error == NULL)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->saved_label), NULL);
      gtk_label_set_text (self->saved_label,
                          _palpate_visit_page_is_signed (self) ? _("Signed") : _("Saved"));
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

char *
_palpate_visit_page_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
_palpate_visit_page_set_buffer_text (GtkTextView *view,
                                     const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
}

gboolean
_palpate_visit_page_save_visit (PalpateVisitPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->visit == NULL || self->loading || _palpate_visit_page_is_signed (self))
    return TRUE;

  g_clear_handle_id (&self->save_text_id, g_source_remove);

  for (guint i = 0; i < N_SOAP; i++)
    {
      g_autofree char *text = _palpate_visit_page_buffer_text (self->soap_views[i]);

      _palpate_visit_page_set_soap (self->visit, i, text);
    }

  palpate_visit_set_pain_before (self->visit,
                                 palpate_pain_scale_get_value (self->pain_before_scale));
  palpate_visit_set_pain_after (self->visit, palpate_pain_scale_get_value (self->pain_after_scale));
  palpate_visit_set_consent_sensitive (self->visit,
                                       gtk_check_button_get_active (self->consent_check));
  /* The duration is what the therapist gives, never the timer's guess. */
  palpate_visit_set_duration_minutes (self->visit,
                                      gtk_spin_button_get_value_as_int (self->duration_spin));

  if (palpate_store_save_visit (self->store, self->visit, &error))
    _palpate_visit_page_remember_base (self);
  if (g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CHANGED))
    {
      _palpate_visit_page_reload_after_conflict (self, error);
      return FALSE;
    }
  _palpate_visit_page_show_saved (self, error);
  return error == NULL;
}

static gboolean
save_text_cb (gpointer user_data)
{
  PalpateVisitPage *self = PALPATE_VISIT_PAGE (user_data);

  self->save_text_id = 0;
  _palpate_visit_page_save_visit (self);
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
  _palpate_visit_page_save_visit (self);
}

static void
finding_added_cb (PalpateVisitPage *self,
                  PalpateFinding   *finding)
{
  g_autoptr(GError) error = NULL;

  palpate_finding_set_visit_id (finding, palpate_visit_get_id (self->visit));
  palpate_finding_set_id (finding, 0);
  palpate_store_save_finding (self->store, finding, &error);
  _palpate_visit_page_show_saved (self, error);
  palpate_chain_prompt_note_finding (self->chain_group, finding, G_LIST_MODEL (self->findings));
}

static void
finding_changed_cb (PalpateVisitPage *self,
                    PalpateFinding   *finding)
{
  g_autoptr(GError) error = NULL;

  if (palpate_finding_get_id (finding) == 0)
    palpate_finding_set_visit_id (finding, palpate_visit_get_id (self->visit));
  palpate_store_save_finding (self->store, finding, &error);
  _palpate_visit_page_show_saved (self, error);
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
  _palpate_visit_page_show_saved (self, error);

  /* A finding deleted by mistake comes back with one click. */
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (error == NULL && overlay != NULL &&
      palpate_body_map_last_edit_removed (self->body_map, finding))
    {
      g_autofree char *title = g_strdup_printf (_("Finding removed: %s"),
                                                palpate_region_name_for_id (
                                                  palpate_finding_get_region_id (finding)));
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_object_set_data_full (G_OBJECT (toast), "finding", g_object_ref (finding), g_object_unref);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_removal_cb), self, 0);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
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

void
_palpate_visit_page_apply_signed_state (PalpateVisitPage *self)
{
  gboolean editable = !_palpate_visit_page_is_signed (self);

  palpate_body_map_set_editable (self->body_map, editable);
  gtk_widget_set_visible (self->sign_button, editable);
  gtk_widget_set_visible (GTK_WIDGET (self->timer_label), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->signed_group), !editable);
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.sign", editable);

  if (!editable)
    {
      g_clear_handle_id (&self->timer_id, g_source_remove);
      palpate_amendment_list_load (self->signed_group, self->store, self->visit);
    }
}

static void
psfs_changed_cb (GtkDropDown      *dropdown,
                 GParamSpec       *pspec,
                 PalpateVisitPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 activity = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dropdown), "activity-id"));
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->loading || _palpate_visit_page_is_signed (self))
    return;

  /* The first choice, "—", is no rating. */
  palpate_store_set_psfs_rating (self->store, palpate_visit_get_id (self->visit), activity,
                                 selected == 0 ? -1 : (int) selected - 1, &error);
  _palpate_visit_page_show_saved (self, error);
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

static void
selected_finding_cb (PalpateVisitPage *self)
{
  palpate_technique_form_follow_finding (self->techniques_group,
                                         palpate_body_map_get_selected_finding (self->body_map));
}

/* Kinetic-chain partners still to assess are highlighted over the figure. */
static void
on_chain_group_changed_cb (PalpateVisitPage *self)
{
  g_auto(GStrv) highlighted = palpate_chain_prompt_dup_highlighted (self->chain_group);

  palpate_body_map_set_highlighted_regions (self->body_map, (const char * const *) highlighted);
}

static void
on_ghost_group_ghosts_changed_cb (PalpateVisitPage *self)
{
  palpate_body_map_set_ghosts (self->body_map,
                               palpate_earlier_findings_get_ghosts (self->ghost_group));
}

/* A mark on an earlier finding carried it into this visit, or took it back. */
static void
on_ghost_group_findings_changed_cb (PalpateVisitPage *self)
{
  palpate_body_map_set_findings (self->body_map, self->findings);
}

/* What the techniques, the marks on earlier findings and the amendments save. */
static void
on_part_saved_cb (PalpateVisitPage *self,
                  const GError     *error)
{
  _palpate_visit_page_show_saved (self, error);
}

static void
palpate_visit_page_dispose (GObject *object)
{
  PalpateVisitPage *self = PALPATE_VISIT_PAGE (object);

  palpate_visit_page_unload (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_VISIT_PAGE);
  g_clear_object (&self->findings);
  g_clear_pointer (&self->save_error, g_free);
  _palpate_visit_page_forget_base (self);

  G_OBJECT_CLASS (palpate_visit_page_parent_class)->dispose (object);
}

static void
palpate_visit_page_class_init (PalpateVisitPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_visit_page_dispose;

  g_type_ensure (PALPATE_TYPE_AMENDMENT_LIST);
  g_type_ensure (PALPATE_TYPE_BODY_MAP);
  g_type_ensure (PALPATE_TYPE_CHAIN_PROMPT);
  g_type_ensure (PALPATE_TYPE_EARLIER_FINDINGS);
  g_type_ensure (PALPATE_TYPE_HEALTH_HISTORY_GROUP);
  g_type_ensure (PALPATE_TYPE_PAIN_SCALE);
  g_type_ensure (PALPATE_TYPE_QUESTIONNAIRE_GROUP);
  g_type_ensure (PALPATE_TYPE_SPLIT_LAYOUT);
  g_type_ensure (PALPATE_TYPE_TECHNIQUE_FORM);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-visit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, title);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, sign_button);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, timer_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, saved_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, body_map);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, signed_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, ghost_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, chain_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, pain_before_scale);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, pain_after_scale);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, take_time_button);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, techniques_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, soap_box);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, psfs_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, questionnaire_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, health_history_group);
  gtk_widget_class_bind_template_child (widget_class, PalpateVisitPage, consent_check);
  gtk_widget_class_bind_template_callback (widget_class, on_chain_group_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_ghost_group_ghosts_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_ghost_group_findings_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_part_saved_cb);

  _palpate_visit_page_class_actions_init (widget_class);
}

static void
palpate_visit_page_init (PalpateVisitPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->findings = g_list_store_new (PALPATE_TYPE_FINDING);

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
  palpate_chain_prompt_clear (self->chain_group);

  /* What changed in the health history since the client's last visit, while charting. */
  gtk_widget_set_visible (GTK_WIDGET (self->health_history_group), FALSE);
  if (previous != NULL && !_palpate_visit_page_is_signed (self) &&
      !palpate_health_history_group_load (self->health_history_group, store,
                                          palpate_visit_get_client_id (visit),
                                          palpate_visit_get_started_at (previous), error))
    return FALSE;

  g_list_store_remove_all (self->findings);
  for (guint i = 0; i < findings->len; i++)
    g_list_store_append (self->findings, findings->pdata[i]);

  /* What the previous visit found, each with its mark if this visit already carries it. */
  palpate_earlier_findings_load (self->ghost_group, store, visit, previous, self->findings);
  palpate_body_map_set_findings (self->body_map, self->findings);
  palpate_technique_form_load (self->techniques_group, store, visit, techniques,
                               G_LIST_MODEL (self->findings));
  palpate_earlier_findings_refresh (self->ghost_group);
  palpate_chain_prompt_set_editable (self->chain_group, !_palpate_visit_page_is_signed (self));

  date = palpate_format_day_time (palpate_visit_get_started_at (visit));
  /* The name isolated (FSI … PDI): a right-to-left name must not pull the date around it. */
  subtitle = g_strdup_printf ("\u2068%s\u2069 · %s", palpate_client_get_name (client), date);
  adw_window_title_set_title (self->title, _("Visit"));
  adw_window_title_set_subtitle (self->title, subtitle);

  palpate_pain_scale_set_value (self->pain_before_scale, palpate_visit_get_pain_before (visit));
  palpate_pain_scale_set_value (self->pain_after_scale, palpate_visit_get_pain_after (visit));
  gtk_check_button_set_active (self->consent_check, palpate_visit_get_consent_sensitive (visit));
  gtk_spin_button_set_value (self->duration_spin,
                             MAX (0, palpate_visit_get_duration_minutes (visit)));
  for (guint i = 0; i < N_SOAP; i++)
    _palpate_visit_page_set_buffer_text (self->soap_views[i],
                                         _palpate_visit_page_soap_of (visit, i));
  load_psfs (self);
  _palpate_visit_page_remember_base (self);

  gtk_label_set_text (self->saved_label, "");
  _palpate_visit_page_apply_signed_state (self);
  _palpate_visit_page_mark_charting (self);
  if (!_palpate_visit_page_is_signed (self))
    {
      _palpate_visit_page_start_timer (self);
    }

  self->loading = FALSE;
  return TRUE;
}

/**
 * palpate_visit_page_flush:
 *
 * Saves text still waiting for the pause after typing, or waiting for the clinic server.
 *
 * Returns: %FALSE if it could not be saved (the page says why)
 */
gboolean
palpate_visit_page_flush (PalpateVisitPage *self)
{
  g_return_val_if_fail (PALPATE_IS_VISIT_PAGE (self), FALSE);

  /* Nothing waiting, and nothing to try again on a clinic server that was away. */
  if (self->save_text_id == 0 && self->retry_save_id == 0)
    return self->save_error == NULL;

  return _palpate_visit_page_save_visit (self);
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
  g_clear_handle_id (&self->retry_save_id, g_source_remove);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  _palpate_visit_page_unmark_charting (self);
  g_clear_object (&self->store);
  g_clear_object (&self->visit);
  g_clear_object (&self->client);
  /* The parts let go of the store too (once the template is disposed, they are gone). */
  if (self->techniques_group != NULL)
    palpate_technique_form_unload (self->techniques_group);
  if (self->signed_group != NULL)
    palpate_amendment_list_unload (self->signed_group);
  if (self->ghost_group != NULL)
    palpate_earlier_findings_unload (self->ghost_group);
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

/**
 * palpate_visit_page_show_changed_elsewhere:
 * @stored: the visit as another room (on a clinic server) left it
 *
 * Says beside the title that another room signed or changed the draft open here, and takes
 * Sign away once it is signed. What is on screen stays as it is: the therapist decides what
 * becomes of it, and a save the store refuses says why as any refused save does.
 */
void
palpate_visit_page_show_changed_elsewhere (PalpateVisitPage *self,
                                           PalpateVisit     *stored)
{
  gboolean signed_elsewhere;

  g_return_if_fail (PALPATE_IS_VISIT_PAGE (self));
  g_return_if_fail (PALPATE_IS_VISIT (stored));

  if (self->visit == NULL || palpate_visit_get_id (self->visit) != palpate_visit_get_id (stored))
    return;

  signed_elsewhere = palpate_visit_get_status (stored) == PALPATE_VISIT_SIGNED;
  gtk_label_set_text (self->saved_label, signed_elsewhere ? _("Signed in another room")
                                                          : _("Changed in another room"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->saved_label),
                               signed_elsewhere
                               ? _("Another room signed this visit while it was open here")
                               : _("Another room saved this visit while it was open here"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->saved_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->saved_label), "warning");

  /* A visit is signed once: this room's Sign would only be refused. */
  if (signed_elsewhere)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.sign", FALSE);
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
