/* palpate-window-session.c — who is signed in to the window: the sign-in screen, switching
 * therapist, and locking when nobody is at the keyboard
 *
 * While nobody is signed in, the sign-in page is the window's whole content: the clinic's own
 * pages are hidden behind it (not drawn, and hidden from the accessibility tree), the search
 * is emptied, and the window's shortcuts are held back.
 * Dialogs open over the window are hidden with it. Locking saves the visit being charted
 * first; the same therapist signing back in finds it as it was.
 *
 * The window locks after the idle time of the settings (no key, click, scroll or pointer
 * motion in the window) and when the session locks (Super+L), unless the client's view is up
 * (it has a lock of its own) or the therapist has no passcode (nothing would keep anyone out).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-window"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-sign-in-page.h"
#include "palpate-window-private.h"

struct _PalpateWindowSession
{
  PalpateSignInPage *page;
  gboolean           covered;
  GPtrArray         *hidden_dialogs;   /* GtkWindow: hidden while covered */
  gboolean           clinic_shown;     /* whether the clinic's clients were listed yet */
  gint64             locked_by;        /* the therapist signed in when the window locked */
  gint64             resume_client_id;
  gint64             resume_visit_id;
  gint64             last_input;       /* monotonic time of the last input to the window */
  guint              idle_id;
  gboolean           watching_session;
};

static gboolean
is_covered (PalpateWindow *self)
{
  return self->session != NULL && self->session->covered;
}

static void
hide_dialogs (PalpateWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (self) &&
          gtk_widget_get_visible (GTK_WIDGET (window)) && !PALPATE_IS_PATIENT_VIEW (window))
        g_ptr_array_add (self->session->hidden_dialogs, g_object_ref (window));
    }

  for (guint i = 0; i < self->session->hidden_dialogs->len; i++)
    gtk_widget_set_visible (self->session->hidden_dialogs->pdata[i], FALSE);
}

/* The dialogs come back to whoever opened them; another therapist does not inherit them. */
static void
restore_dialogs (PalpateWindow *self,
                 gboolean       same_therapist)
{
  g_autoptr(GPtrArray) dialogs = g_steal_pointer (&self->session->hidden_dialogs);

  self->session->hidden_dialogs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < dialogs->len; i++)
    {
      if (same_therapist)
        gtk_window_present (dialogs->pdata[i]);
      else
        gtk_window_destroy (dialogs->pdata[i]);
    }
}

/* A toast may name a client ("Progress report saved as …"): it goes before the lock shows. */
static void
hide_toasts (PalpateWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->toast_overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != GTK_WIDGET (self->main_stack))
      gtk_widget_set_visible (child, FALSE);
}

static void
cover (PalpateWindow *self,
       gint64         locked_by)
{
  PalpateWindowSession *session = self->session;
  g_autoptr(GError) error = NULL;

  if (!session->covered)
    {
      hide_dialogs (self);
      session->covered = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      hide_toasts (self);
      gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
      gtk_widget_set_visible (GTK_WIDGET (self->leaflet), FALSE);
    }

  session->locked_by = locked_by;
  if (!palpate_sign_in_page_load (session->page, self->store, locked_by, &error))
    g_warning ("The therapists cannot be read: %s", error->message);
}

static void
uncover (PalpateWindow *self)
{
  PalpateWindowSession *session = self->session;

  if (!session->covered)
    return;

  session->covered = FALSE;
  palpate_sign_in_page_clear (session->page);
  gtk_widget_set_visible (GTK_WIDGET (self->leaflet), TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "clinic");
}

static void
lock (PalpateWindow *self,
      const char    *reason,
      gboolean       keep_therapist)
{
  PalpateWindowSession *session = self->session;
  PalpateVisit *visit;
  gint64 therapist_id;

  if (self->store == NULL || is_covered (self))
    return;

  therapist_id = palpate_window_get_therapist_id (self);

  /* The visit being charted is saved before anything is covered. */
  visit = palpate_visit_page_get_visit (self->visit_page);
  session->resume_visit_id = visit != NULL ? palpate_visit_get_id (visit) : 0;
  session->resume_client_id = self->client_id;
  palpate_window_leave_visit (self);

  palpate_store_sign_out (self->store, reason);
  cover (self, keep_therapist ? therapist_id : 0);
}

static void
page_signed_in_cb (PalpateWindow *self)
{
  PalpateWindowSession *session = self->session;
  gint64 therapist_id = palpate_window_get_therapist_id (self);
  gboolean same = session->locked_by != 0 && session->locked_by == therapist_id;
  gint64 resume_client_id = session->resume_client_id;
  gint64 resume_visit_id = session->resume_visit_id;

  session->resume_client_id = 0;
  session->resume_visit_id = 0;
  session->last_input = g_get_monotonic_time ();

  uncover (self);
  restore_dialogs (self, same);

  /* The clients are read only now: nothing of them is needed to sign in. */
  palpate_window_show_clinic (self, !same || !session->clinic_shown);
  session->clinic_shown = TRUE;

  if (same && resume_visit_id != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-visit", "x", resume_visit_id);
  else if (same && resume_client_id != 0)
    palpate_window_show_client (self, resume_client_id);
}

static gboolean
idle_tick_cb (gpointer user_data)
{
  PalpateWindow *self = user_data;
  PalpateTherapist *therapist;
  guint seconds;

  if (self->settings == NULL || self->store == NULL || is_covered (self))
    return G_SOURCE_CONTINUE;

  seconds = g_settings_get_uint (self->settings, "idle-lock-seconds");
  therapist = palpate_store_get_signed_in (self->store);
  if (seconds == 0 || therapist == NULL || !palpate_therapist_get_has_passcode (therapist) ||
      palpate_window_get_patient_view (self) != NULL)
    return G_SOURCE_CONTINUE;

  if (g_get_monotonic_time () - self->session->last_input >= (gint64) seconds * G_USEC_PER_SEC)
    lock (self, "idle", TRUE);

  return G_SOURCE_CONTINUE;
}

static void
note_input (PalpateWindow *self)
{
  self->session->last_input = g_get_monotonic_time ();
}

/* While covered, the window's shortcuts (new visit, print…) are held back; those of the
 * passcode's field (select, copy, paste, undo, move by word) are not. */
static gboolean
is_held_back (guint           keyval,
              GdkModifierType state)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) == 0)
    return FALSE;

  if ((state & (GDK_ALT_MASK | GDK_SUPER_MASK)) == 0)
    switch (gdk_keyval_to_lower (keyval))
      {
      case GDK_KEY_a: case GDK_KEY_c: case GDK_KEY_v: case GDK_KEY_x: case GDK_KEY_z:
      case GDK_KEY_Left: case GDK_KEY_Right: case GDK_KEY_Home: case GDK_KEY_End:
      case GDK_KEY_BackSpace: case GDK_KEY_Delete:
        return FALSE;
      default:
        break;
      }

  return TRUE;
}

/* Every event to the window, or to one of its dialogs, before any widget sees it. */
static gboolean
input_cb (PalpateWindow            *self,
          GdkEvent                 *event,
          GtkEventControllerLegacy *controller)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (self->session == NULL)
    return FALSE;

  if (type == GDK_KEY_PRESS || type == GDK_BUTTON_PRESS || type == GDK_MOTION_NOTIFY ||
      type == GDK_SCROLL || type == GDK_TOUCH_BEGIN)
    note_input (self);

  return type == GDK_KEY_PRESS && is_covered (self) &&
         gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)) ==
           GTK_WIDGET (self) &&
         is_held_back (gdk_key_event_get_keyval (event), gdk_event_get_modifier_state (event));
}

static void
screensaver_changed_cb (PalpateWindow *self,
                        GParamSpec    *pspec,
                        GtkApplication *application)
{
  gboolean active = FALSE;

  g_object_get (application, "screensaver-active", &active, NULL);
  if (active && palpate_window_get_patient_view (self) == NULL)
    lock (self, "session-locked", TRUE);
}

/* Input to the window and to its dialogs (the client editor, a visit's sign dialog…) counts
 * as someone at the keyboard. */
static void
watch_input (PalpateWindow *self,
             GtkWidget     *widget)
{
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (input_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);
}

static void
toplevels_changed_cb (PalpateWindow *self,
                      guint          position,
                      guint          removed,
                      guint          added,
                      GListModel    *toplevels)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (window != GTK_WINDOW (self) && !PALPATE_IS_WINDOW (window))
        watch_input (self, GTK_WIDGET (window));
    }
}

static void
switch_therapist_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  lock (PALPATE_WINDOW (widget), "switch", FALSE);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lock (PALPATE_WINDOW (widget), "lock", TRUE);
}

void
palpate_window_session_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.switch-therapist", NULL,
                                   switch_therapist_action);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
}

void
palpate_window_session_init (PalpateWindow *self)
{
  PalpateWindowSession *session = g_new0 (PalpateWindowSession, 1);

  self->session = session;
  session->page = PALPATE_SIGN_IN_PAGE (palpate_sign_in_page_new ());
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (session->page), "sign-in");
  session->hidden_dialogs = g_ptr_array_new_with_free_func (g_object_unref);
  session->last_input = g_get_monotonic_time ();
  g_signal_connect_object (session->page, "signed-in", G_CALLBACK (page_signed_in_cb), self,
                           G_CONNECT_SWAPPED);

  /* Any input to the window or its dialogs counts as someone at the keyboard. */
  watch_input (self, GTK_WIDGET (self));
  g_signal_connect_object (gtk_window_get_toplevels (), "items-changed",
                           G_CALLBACK (toplevels_changed_cb), self, G_CONNECT_SWAPPED);

  session->idle_id = g_timeout_add_seconds (1, idle_tick_cb, self);
}

void
palpate_window_session_dispose (PalpateWindow *self)
{
  PalpateWindowSession *session = self->session;

  if (session == NULL)
    return;

  g_clear_handle_id (&session->idle_id, g_source_remove);
  g_clear_pointer (&session->hidden_dialogs, g_ptr_array_unref);
  g_clear_pointer (&self->session, g_free);
}

/**
 * palpate_window_session_open:
 *
 * Called once the window's store is open: signs in the only therapist when they chose no
 * passcode (and the demo clinic's owner), or covers the window with the sign-in page.
 *
 * Returns: whether someone is signed in, so that the clinic may show now
 */
gboolean
palpate_window_session_open (PalpateWindow *self)
{
  PalpateWindowSession *session = self->session;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  gboolean demo = g_strcmp0 (self->open_path, self->database_path) != 0;

  if (!session->watching_session && application != NULL)
    {
      g_signal_connect_object (application, "notify::screensaver-active",
                               G_CALLBACK (screensaver_changed_cb), self, G_CONNECT_SWAPPED);
      session->watching_session = TRUE;
    }

  session->resume_client_id = 0;
  session->resume_visit_id = 0;
  session->last_input = g_get_monotonic_time ();
  restore_dialogs (self, FALSE);
  uncover (self);

  /* The demo's made-up clinic opens as its owner. */
  if (demo)
    {
      g_autoptr(GPtrArray) therapists = palpate_store_list_therapists (self->store, NULL);

      for (guint i = 0; therapists != NULL && i < therapists->len; i++)
        if (palpate_therapist_get_owner (therapists->pdata[i]) &&
            palpate_store_sign_in (self->store, palpate_therapist_get_id (therapists->pdata[i]),
                                   NULL, NULL))
          break;
    }

  /* A clinic with clients but no profile was made before profiles existed (or by another
   * program): it opens as it did, in the name of the computer's user, now its owner's profile
   * to complete in Preferences. Only a new, empty clinic asks for its owner first. */
  if (palpate_store_count_active_therapists (self->store) == 0 &&
      palpate_store_count_clients (self->store) > 0)
    {
      g_autoptr(PalpateTherapist) owner = palpate_therapist_new ();
      g_autoptr(GError) error = NULL;

      palpate_therapist_set_name (owner, palpate_store_get_actor (self->store));
      palpate_therapist_set_owner (owner, TRUE);
      if (!palpate_store_save_therapist (self->store, owner, &error))
        g_debug ("The clinic's owner cannot be recorded: %s", error->message);
    }

  session->clinic_shown = palpate_store_get_signed_in (self->store) != NULL ||
                          palpate_store_sign_in_alone (self->store);
  if (!session->clinic_shown)
    cover (self, 0);

  return session->clinic_shown;
}

/**
 * palpate_window_get_therapist_id:
 *
 * Returns: the therapist signed in to the window's clinic, or 0
 */
gint64
palpate_window_get_therapist_id (PalpateWindow *self)
{
  PalpateTherapist *therapist;

  g_return_val_if_fail (PALPATE_IS_WINDOW (self), 0);

  if (self->store == NULL)
    return 0;

  therapist = palpate_store_get_signed_in (self->store);
  return therapist != NULL ? palpate_therapist_get_id (therapist) : 0;
}

/**
 * palpate_window_is_locked:
 *
 * Returns: whether the sign-in page covers the window
 */
gboolean
palpate_window_is_locked (PalpateWindow *self)
{
  g_return_val_if_fail (PALPATE_IS_WINDOW (self), FALSE);

  return is_covered (self);
}

/**
 * palpate_window_may_open_visit:
 *
 * Whether the therapist signed in reads the notes of @visit_id: when the clinic chose that
 * therapists read only their own clients' notes, another therapist's visit stays closed, and a
 * toast says whose it is. Its date shows on the client's page, and its contraindications on
 * the body chart of every new visit.
 */
gboolean
palpate_window_may_open_visit (PalpateWindow *self,
                               gint64         visit_id)
{
  g_autoptr(PalpateVisit) visit = NULL;
  g_autofree char *message = NULL;

  if (self->store == NULL || !palpate_store_get_own_notes_only (self->store))
    return TRUE;

  visit = palpate_store_get_visit (self->store, visit_id, NULL);
  if (visit == NULL ||
      palpate_store_may_read_notes (self->store, palpate_visit_get_therapist_id (visit)))
    return TRUE;

  message = g_strdup_printf (_("This visit’s notes are %s’s: the clinic shows therapists only "
                               "their own clients’ notes."),
                             palpate_visit_get_therapist_name (visit) ?: _("another therapist"));
  palpate_window_toast (self, message);
  return FALSE;
}
