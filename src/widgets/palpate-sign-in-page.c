/* palpate-sign-in-page.c — who is at the keyboard: the therapists, a passcode, or the owner's
 * first profile
 *
 * The page covers the whole window while nobody is signed in: on opening the clinic, after
 * "Switch Therapist", and when the window locks itself. It shows the active therapists as
 * avatars; choosing one asks their passcode, and a wrong one makes the next try wait (the wait
 * shows on the button, which stays insensitive meanwhile). A clinic without any profile asks
 * for its owner's first. "signed-in" is emitted once the store has someone signed in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-sign-in-page"

#include "config.h"

#include "palpate-sign-in-page.h"

#include <glib/gi18n.h>

struct _PalpateSignInPage
{
  GtkBox               parent_instance;

  PalpateStore        *store;
  GListStore          *therapists;   /* PalpateTherapist: the active ones */
  PalpateTherapist    *chosen;
  gboolean             choosing_passcode;  /* the chosen one has none yet, and is not alone */
  guint                wait_id;

  /* Template widgets */
  AdwWindowTitle      *title;
  GtkStack            *stack;
  GtkFlowBox          *therapist_box;
  AdwStatusPage       *passcode_page;
  AdwAvatar           *avatar;
  GtkLabel            *name_label;
  GtkPasswordEntry    *passcode_entry;
  GtkPasswordEntry    *confirm_entry;
  GtkLabel            *message_label;
  GtkWidget           *sign_in_button;
  GtkWidget           *someone_else_button;
  AdwEntryRow         *owner_name_row;
  AdwEntryRow         *owner_credentials_row;
  AdwEntryRow         *owner_registration_row;
  AdwEntryRow         *owner_college_row;
  AdwPasswordEntryRow *owner_passcode_row;
  AdwPasswordEntryRow *owner_confirm_row;
  GtkLabel            *owner_message_label;
  GtkWidget           *owner_button;
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PalpateSignInPage, palpate_sign_in_page, GTK_TYPE_BOX)

static guint signals [N_SIGNALS];

static void
say (GtkLabel   *label,
     const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
}

static void
signed_in (PalpateSignInPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->passcode_entry), "");
  say (self->message_label, NULL);
  g_signal_emit (self, signals [SIGNED_IN], 0);
}

static gboolean
wait_over_cb (gpointer user_data)
{
  PalpateSignInPage *self = user_data;

  self->wait_id = 0;
  gtk_widget_set_sensitive (self->sign_in_button, TRUE);
  return G_SOURCE_REMOVE;
}

/* After a wrong passcode the next try waits: the button says so by staying insensitive. */
static void
hold_while_waiting (PalpateSignInPage *self)
{
  gint64 wait = palpate_store_get_passcode_wait (self->store,
                                                 palpate_therapist_get_id (self->chosen));

  g_clear_handle_id (&self->wait_id, g_source_remove);
  gtk_widget_set_sensitive (self->sign_in_button, wait <= 0);
  /* Not g_timeout_add_seconds(): it may fire early within its second, and a try then would
   * be refused again. The store rounds the wait up to whole seconds. */
  if (wait > 0)
    self->wait_id = g_timeout_add ((guint) MIN (wait * 1000, G_MAXUINT), wait_over_cb, self);
}

static gboolean
choose_passcode (PalpateSignInPage *self,
                 const char        *passcode,
                 const char        *confirm)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (passcode, confirm) != 0)
    {
      say (self->message_label, _("The two passcodes differ."));
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      return FALSE;
    }

  if (!palpate_store_set_passcode (self->store, palpate_therapist_get_id (self->chosen),
                                   passcode, &error))
    {
      say (self->message_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      return FALSE;
    }

  palpate_therapist_set_has_passcode (self->chosen, TRUE);
  self->choosing_passcode = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_entry), FALSE);
  return TRUE;
}

static void
try_sign_in (PalpateSignInPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *passcode = gtk_editable_get_text (GTK_EDITABLE (self->passcode_entry));

  if (self->store == NULL || self->chosen == NULL)
    return;

  /* A therapist without a passcode, among others, chooses one before signing in. */
  if (self->choosing_passcode &&
      !choose_passcode (self, passcode,
                        gtk_editable_get_text (GTK_EDITABLE (self->confirm_entry))))
    return;

  if (!palpate_store_sign_in (self->store, palpate_therapist_get_id (self->chosen), passcode,
                              &error))
    {
      say (self->message_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_editable_set_text (GTK_EDITABLE (self->passcode_entry), "");
      gtk_widget_add_css_class (GTK_WIDGET (self->passcode_entry), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->passcode_entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
      hold_while_waiting (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->passcode_entry));
      return;
    }

  signed_in (self);
}

static void
choose (PalpateSignInPage *self,
        PalpateTherapist  *therapist,
        gboolean           can_go_back)
{
  const char *name = palpate_therapist_get_name (therapist);

  g_set_object (&self->chosen, therapist);

  /* A therapist alone without a passcode is not asked for one; among others, they choose one
   * first (a clinic brought from before profiles has none). */
  self->choosing_passcode = !palpate_therapist_get_has_passcode (therapist);
  if (self->choosing_passcode && palpate_store_count_active_therapists (self->store) <= 1)
    {
      self->choosing_passcode = FALSE;
      try_sign_in (self);
      return;
    }

  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_text (self->name_label, name);
  gtk_editable_set_text (GTK_EDITABLE (self->passcode_entry), "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->passcode_entry), "error");
  say (self->message_label,
       self->choosing_passcode
       ? _("Choose your passcode: at least 6 digits, or a passphrase of at least 8 characters. "
           "With more than one therapist, each needs one.")
       : NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_entry), self->choosing_passcode);
  gtk_widget_set_visible (self->someone_else_button, can_go_back);
  gtk_stack_set_visible_child_name (self->stack, "passcode");
  hold_while_waiting (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->passcode_entry));
}

static GtkWidget *
create_therapist_cb (gpointer item,
                     gpointer user_data)
{
  PalpateTherapist *therapist = item;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *avatar = adw_avatar_new (64, palpate_therapist_get_name (therapist), TRUE);
  GtkWidget *name = gtk_label_new (palpate_therapist_get_name (therapist));
  GtkWidget *credentials = gtk_label_new (palpate_therapist_get_credentials (therapist));

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_size_request (box, 128, -1);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_justify (GTK_LABEL (name), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (credentials, "dim-label");
  gtk_widget_set_visible (credentials, palpate_therapist_get_credentials (therapist) != NULL);
  gtk_box_append (GTK_BOX (box), avatar);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), credentials);
  return box;
}

static void
therapist_activated_cb (PalpateSignInPage *self,
                        GtkFlowBoxChild   *child)
{
  g_autoptr(PalpateTherapist) therapist =
    g_list_model_get_item (G_LIST_MODEL (self->therapists),
                           (guint) gtk_flow_box_child_get_index (child));

  if (therapist != NULL)
    choose (self, therapist, TRUE);
}

static void
on_passcode_entry_activate_cb (PalpateSignInPage *self)
{
  if (gtk_widget_get_sensitive (self->sign_in_button))
    try_sign_in (self);
}

static void
on_sign_in_button_clicked_cb (PalpateSignInPage *self)
{
  try_sign_in (self);
}

static void
on_someone_else_button_clicked_cb (PalpateSignInPage *self)
{
  g_clear_object (&self->chosen);
  gtk_editable_set_text (GTK_EDITABLE (self->passcode_entry), "");
  gtk_stack_set_visible_child_name (self->stack, "choose");
}

/* The owner's profile may start once it has a name and either no passcode or a valid one
 * typed twice alike. */
static void
on_owner_row_changed_cb (PalpateSignInPage *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->owner_name_row));
  const char *passcode = gtk_editable_get_text (GTK_EDITABLE (self->owner_passcode_row));
  const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->owner_confirm_row));
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autoptr(GError) error = NULL;
  const char *message = NULL;

  if (*passcode != '\0' && !palpate_passcode_validate (passcode, &error))
    message = error->message;
  else if (*confirm != '\0' && g_strcmp0 (passcode, confirm) != 0)
    message = _("The two passcodes differ.");

  say (self->owner_message_label, message);
  gtk_widget_set_sensitive (self->owner_button,
                            *stripped != '\0' && message == NULL &&
                            g_strcmp0 (passcode, confirm) == 0);
}

static char *
row_text (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
on_owner_button_clicked_cb (PalpateSignInPage *self)
{
  g_autoptr(PalpateTherapist) owner = palpate_therapist_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = row_text (self->owner_name_row);
  g_autofree char *credentials = row_text (self->owner_credentials_row);
  g_autofree char *registration = row_text (self->owner_registration_row);
  g_autofree char *college = row_text (self->owner_college_row);
  const char *passcode = gtk_editable_get_text (GTK_EDITABLE (self->owner_passcode_row));

  if (self->store == NULL)
    return;

  palpate_therapist_set_name (owner, name);
  palpate_therapist_set_credentials (owner, credentials);
  palpate_therapist_set_registration (owner, registration);
  palpate_therapist_set_college (owner, college);
  palpate_therapist_set_owner (owner, TRUE);

  if (!palpate_store_save_therapist (self->store, owner, &error) ||
      (*passcode != '\0' &&
       !palpate_store_set_passcode (self->store, palpate_therapist_get_id (owner), passcode,
                                    &error)) ||
      !palpate_store_sign_in (self->store, palpate_therapist_get_id (owner), passcode, &error))
    {
      say (self->owner_message_label, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->owner_passcode_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->owner_confirm_row), "");
  signed_in (self);
}

static void
palpate_sign_in_page_dispose (GObject *object)
{
  PalpateSignInPage *self = PALPATE_SIGN_IN_PAGE (object);

  g_clear_handle_id (&self->wait_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_SIGN_IN_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->chosen);
  g_clear_object (&self->therapists);

  G_OBJECT_CLASS (palpate_sign_in_page_parent_class)->dispose (object);
}

static void
palpate_sign_in_page_class_init (PalpateSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_sign_in_page_dispose;

  /**
   * PalpateSignInPage::signed-in:
   *
   * Someone is signed in to the store now.
   */
  signals [SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, title);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, therapist_box);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, passcode_page);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, passcode_entry);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, someone_else_button);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, owner_name_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage,
                                        owner_credentials_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage,
                                        owner_registration_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, owner_college_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, owner_passcode_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, owner_confirm_row);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, owner_message_label);
  gtk_widget_class_bind_template_child (widget_class, PalpateSignInPage, owner_button);
  gtk_widget_class_bind_template_callback (widget_class, on_passcode_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sign_in_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_someone_else_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_owner_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_owner_button_clicked_cb);
}

static void
palpate_sign_in_page_init (PalpateSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->therapists = g_list_store_new (PALPATE_TYPE_THERAPIST);
  gtk_flow_box_bind_model (self->therapist_box, G_LIST_MODEL (self->therapists),
                           create_therapist_cb, NULL, NULL);
  g_signal_connect_object (self->therapist_box, "child-activated",
                           G_CALLBACK (therapist_activated_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
palpate_sign_in_page_new (void)
{
  return g_object_new (PALPATE_TYPE_SIGN_IN_PAGE, NULL);
}

/**
 * palpate_sign_in_page_load:
 * @locked_by: the therapist who was signed in when the window locked, or 0
 *
 * Shows who may sign in to @store: the therapist who locked the window (with "Someone Else"),
 * the only therapist, the choice among several, or, in a clinic without any profile, the form
 * of its owner's.
 */
gboolean
palpate_sign_in_page_load (PalpateSignInPage  *self,
                           PalpateStore       *store,
                           gint64              locked_by,
                           GError            **error)
{
  g_autoptr(GPtrArray) all = NULL;
  PalpateTherapist *locker = NULL;
  guint n;

  g_return_val_if_fail (PALPATE_IS_SIGN_IN_PAGE (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);

  all = palpate_store_list_therapists (store, error);
  if (all == NULL)
    return FALSE;

  g_set_object (&self->store, store);
  g_clear_object (&self->chosen);
  g_list_store_remove_all (self->therapists);
  for (guint i = 0; i < all->len; i++)
    if (palpate_therapist_get_active (all->pdata[i]))
      {
        g_list_store_append (self->therapists, all->pdata[i]);
        if (palpate_therapist_get_id (all->pdata[i]) == locked_by)
          locker = all->pdata[i];
      }

  /* As many columns as therapists (up to four), so that the row of avatars stays centred. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->therapists));
  gtk_flow_box_set_min_children_per_line (self->therapist_box, CLAMP (n, 1, 4));
  gtk_flow_box_set_max_children_per_line (self->therapist_box, CLAMP (n, 1, 4));

  adw_window_title_set_title (self->title, locked_by != 0 ? _("Locked") : _("Sign In"));
  adw_status_page_set_description (self->passcode_page,
                                   locked_by != 0
                                   ? _("What was on screen is saved and comes back once you "
                                       "sign in.")
                                   : NULL);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->therapists)) == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "owner");
      gtk_widget_grab_focus (GTK_WIDGET (self->owner_name_row));
    }
  else if (locker != NULL)
    choose (self, locker, TRUE);
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->therapists)) == 1)
    {
      g_autoptr(PalpateTherapist) alone = g_list_model_get_item (G_LIST_MODEL (self->therapists),
                                                                 0);

      choose (self, alone, FALSE);
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "choose");

  return TRUE;
}

/**
 * palpate_sign_in_page_clear:
 *
 * Forgets the store and anything typed, once someone is signed in.
 */
void
palpate_sign_in_page_clear (PalpateSignInPage *self)
{
  g_return_if_fail (PALPATE_IS_SIGN_IN_PAGE (self));

  g_clear_handle_id (&self->wait_id, g_source_remove);
  gtk_editable_set_text (GTK_EDITABLE (self->passcode_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
  g_list_store_remove_all (self->therapists);
  g_clear_object (&self->chosen);
  g_clear_object (&self->store);
}

/**
 * palpate_sign_in_ask_passcode:
 *
 * Gives @dialog a field for the signed-in therapist's passcode, asked again before an act
 * that names them for good (signing a visit); the field is the dialog's extra child, checked
 * with palpate_store_confirm_passcode(). Nothing is added for a therapist without a passcode.
 */
void
palpate_sign_in_ask_passcode (AdwMessageDialog *dialog,
                              PalpateStore     *store)
{
  PalpateTherapist *therapist;
  GtkWidget *entry;

  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));
  g_return_if_fail (PALPATE_IS_STORE (store));

  therapist = palpate_store_get_signed_in (store);
  if (therapist == NULL || !palpate_therapist_get_has_passcode (therapist))
    return;

  entry = gtk_password_entry_new ();
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_object_set (entry, "placeholder-text", _("Your passcode"), "activates-default", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your passcode"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
}
