/* palpate-visit-page-actions.c — the visit page's actions: signing the visit, and the session
 * timer whose minutes can become the visit's duration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-visit-page"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-visit-page-private.h"
#include "palpate-sign-in-page.h"

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
  gboolean shown = running && !_palpate_visit_page_is_signed (self);
  g_autofree char *text = NULL;
  g_autofree char *button = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->timer_label), shown);
  gtk_widget_set_visible (self->take_time_button, shown);
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

  if (_palpate_visit_page_is_signed (self) || seconds < 0 || seconds >= SESSION_MAX_SECONDS)
    return;

  gtk_spin_button_set_value (self->duration_spin, MAX (1, seconds / 60));
}

/**
 * _palpate_visit_page_start_timer:
 *
 * Shows the time since the visit started, every second, while it is not signed.
 */
void
_palpate_visit_page_start_timer (PalpateVisitPage *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add_seconds (1, timer_cb, self);
  timer_cb (self);
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
      _palpate_visit_page_show_saved (self, error);
      return;
    }

  if (!_palpate_visit_page_save_visit (self))
    return;

  if (!palpate_store_sign_visit (self->store, self->visit, palpate_store_get_actor (self->store),
                                 &error))
    {
      if (g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CHANGED))
        _palpate_visit_page_reload_after_conflict (self, error);
      else
        _palpate_visit_page_show_saved (self, error);
      return;
    }

  _palpate_visit_page_show_saved (self, NULL);
  _palpate_visit_page_apply_signed_state (self);
  palpate_technique_form_refresh (self->techniques_group);
  palpate_earlier_findings_refresh (self->ghost_group);
  palpate_chain_prompt_set_editable (self->chain_group, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.visit-signed", NULL);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PalpateVisitPage *self = PALPATE_VISIT_PAGE (widget);
  AdwMessageDialog *dialog;

  if (_palpate_visit_page_is_signed (self))
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

void
_palpate_visit_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "visit.sign", NULL, sign_action);
  gtk_widget_class_install_action (widget_class, "visit.take-time", NULL, take_time_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "visit.sign", NULL);
}
