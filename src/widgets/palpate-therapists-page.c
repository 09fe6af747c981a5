/* palpate-therapists-page.c — Preferences' page of the clinic's therapists, who sees what, and
 * when the window locks
 *
 * Every therapist sets their own passcode here; one without a passcode is told plainly what
 * that risks. The owner adds therapists, changes their profiles and deactivates those who left
 * (they keep their history), and chooses whether therapists read only their own clients' notes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-therapists-page"

#include "config.h"

#include "palpate-therapists-page.h"

#include <glib/gi18n.h>

struct _PalpateTherapistsPage
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  PalpateStore       *store;
  GListStore         *therapists;     /* PalpateTherapist: every profile */
  gboolean            loading;

  AdwActionRow       *signed_in_row;
  AdwPasswordEntryRow *own_passcode_row;
  AdwActionRow       *risk_row;
  AdwPreferencesGroup *therapists_group;
  GtkWidget          *add_button;
  GtkListBox         *therapist_list;
  AdwPreferencesGroup *access_group;
  GtkSwitch          *own_notes_switch;
  AdwComboRow        *lock_row;
};

G_DEFINE_FINAL_TYPE (PalpateTherapistsPage, palpate_therapists_page, ADW_TYPE_PREFERENCES_PAGE)

/* The idle times offered, in seconds; 0 never locks on idle. */
static const guint lock_choices[] = { 60, 120, 300, 600, 900, 1800, 0 };

static void
toast (PalpateTherapistsPage *self,
       const char            *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static gboolean
signed_in_is_owner (PalpateTherapistsPage *self)
{
  PalpateTherapist *me = self->store ? palpate_store_get_signed_in (self->store) : NULL;

  return me != NULL && palpate_therapist_get_owner (me);
}

static void
load (PalpateTherapistsPage *self)
{
  g_autoptr(GPtrArray) therapists = NULL;
  g_autoptr(GError) error = NULL;
  PalpateTherapist *me = self->store ? palpate_store_get_signed_in (self->store) : NULL;
  gboolean owner = signed_in_is_owner (self);

  g_list_store_remove_all (self->therapists);
  gtk_widget_set_visible (GTK_WIDGET (self), self->store != NULL);
  if (self->store == NULL)
    return;

  if (me != NULL)
    {
      g_autofree char *author = palpate_therapist_dup_author (me);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->signed_in_row), author);
      adw_action_row_set_subtitle (self->signed_in_row,
                                   owner ? _("Signed in, owner of the clinic") : _("Signed in"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->signed_in_row), me != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->own_passcode_row), me != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->risk_row),
                          me != NULL && !palpate_therapist_get_has_passcode (me));

  therapists = palpate_store_list_therapists (self->store, &error);
  if (therapists == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < therapists->len; i++)
    g_list_store_append (self->therapists, therapists->pdata[i]);

  gtk_widget_set_sensitive (self->add_button, owner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->therapist_list), owner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->own_notes_switch), owner);

  self->loading = TRUE;
  gtk_switch_set_active (self->own_notes_switch, palpate_store_get_own_notes_only (self->store));
  self->loading = FALSE;
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  PalpateTherapist *therapist = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *author = palpate_therapist_dup_author (therapist);
  const char *state;

  if (!palpate_therapist_get_active (therapist))
    state = _("No longer at the clinic; their entries keep their name");
  else if (palpate_therapist_get_owner (therapist))
    state = _("Owner");
  else
    state = _("Therapist");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), author);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), state);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             adw_avatar_new (32, palpate_therapist_get_name (therapist), TRUE));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

/* The profile editor: a dialog whose rows are found again by their place in its form. */
typedef struct
{
  PalpateTherapistsPage *page;
  PalpateTherapist      *therapist;   /* a new one has id 0 */
  GtkEditable           *name;
  GtkEditable           *credentials;
  GtkEditable           *registration;
  GtkEditable           *college;
  GtkEditable           *passcode;
  GtkSwitch             *owner;
  GtkSwitch             *active;
} Editor;

static void
editor_free (gpointer  data,
             GClosure *closure)
{
  Editor *editor = data;

  g_object_unref (editor->page);
  g_object_unref (editor->therapist);
  g_free (editor);
}

static char *
editable_text (GtkEditable *editable)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
editor_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Editor           *editor)
{
  PalpateTherapistsPage *self = editor->page;
  g_autoptr(PalpateTherapist) therapist = palpate_therapist_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = editable_text (editor->name);
  g_autofree char *credentials = editable_text (editor->credentials);
  g_autofree char *registration = editable_text (editor->registration);
  g_autofree char *college = editable_text (editor->college);
  const char *passcode = gtk_editable_get_text (editor->passcode);
  gboolean is_new = palpate_therapist_get_id (editor->therapist) == 0;

  if (!g_str_equal (response, "save") || self->store == NULL)
    return;

  /* A new therapist is never alone: they need a passcode from the start. */
  if ((is_new || *passcode != '\0') && !palpate_passcode_validate (passcode, &error))
    {
      toast (self, error->message);
      return;
    }

  palpate_therapist_set_id (therapist, palpate_therapist_get_id (editor->therapist));
  palpate_therapist_set_name (therapist, name);
  palpate_therapist_set_credentials (therapist, credentials);
  palpate_therapist_set_registration (therapist, registration);
  palpate_therapist_set_college (therapist, college);
  palpate_therapist_set_owner (therapist, gtk_switch_get_active (editor->owner));
  palpate_therapist_set_active (therapist, gtk_switch_get_active (editor->active));

  if (!palpate_store_save_therapist (self->store, therapist, &error) ||
      (*passcode != '\0' &&
       !palpate_store_set_passcode (self->store, palpate_therapist_get_id (therapist), passcode,
                                    &error)))
    {
      toast (self, error->message);
      load (self);
      return;
    }

  toast (self, is_new ? _("Therapist added") : _("Profile saved"));
  load (self);
}

static GtkEditable *
add_entry_row (AdwPreferencesGroup *group,
               GType                type,
               const char          *title,
               const char          *text)
{
  GtkWidget *row = g_object_new (type, "title", title, NULL);

  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  adw_preferences_group_add (group, row);
  return GTK_EDITABLE (row);
}

static GtkSwitch *
add_switch_row (AdwPreferencesGroup *group,
                const char          *title,
                gboolean             active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (group, row);
  return GTK_SWITCH (toggle);
}

static void
edit (PalpateTherapistsPage *self,
      PalpateTherapist      *therapist)
{
  gboolean is_new = palpate_therapist_get_id (therapist) == 0;
  GtkWidget *dialog;
  GtkWidget *group = adw_preferences_group_new ();
  Editor *editor = g_new0 (Editor, 1);

  editor->page = g_object_ref (self);
  editor->therapist = g_object_ref (therapist);
  editor->name = add_entry_row (ADW_PREFERENCES_GROUP (group), ADW_TYPE_ENTRY_ROW, _("Name"),
                                palpate_therapist_get_name (therapist));
  editor->credentials = add_entry_row (ADW_PREFERENCES_GROUP (group), ADW_TYPE_ENTRY_ROW,
                                       _("Credentials (e.g. RMT)"),
                                       palpate_therapist_get_credentials (therapist));
  editor->registration = add_entry_row (ADW_PREFERENCES_GROUP (group), ADW_TYPE_ENTRY_ROW,
                                        _("Registration Number"),
                                        palpate_therapist_get_registration (therapist));
  editor->college = add_entry_row (ADW_PREFERENCES_GROUP (group), ADW_TYPE_ENTRY_ROW,
                                   _("College"), palpate_therapist_get_college (therapist));
  editor->passcode = add_entry_row (ADW_PREFERENCES_GROUP (group), ADW_TYPE_PASSWORD_ENTRY_ROW,
                                    is_new ? _("Passcode, 6 Digits or More")
                                           : _("New Passcode (Leave Empty to Keep)"),
                                    NULL);
  editor->owner = add_switch_row (ADW_PREFERENCES_GROUP (group), _("Owner of the Clinic"),
                                  palpate_therapist_get_owner (therapist));
  editor->active = add_switch_row (ADW_PREFERENCES_GROUP (group), _("Works at the Clinic"),
                                   palpate_therapist_get_active (therapist));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   is_new ? _("Add a Therapist") : _("Therapist’s Profile"),
                                   _("Entries name the therapist with their credentials and "
                                     "registration, as their college asks."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", is_new ? _("_Add") : _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  g_signal_connect_data (dialog, "response", G_CALLBACK (editor_response_cb), editor,
                         editor_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (editor->name));
}

static void
row_activated_cb (PalpateTherapistsPage *self,
                  GtkListBoxRow         *row)
{
  g_autoptr(PalpateTherapist) therapist =
    g_list_model_get_item (G_LIST_MODEL (self->therapists),
                           (guint) gtk_list_box_row_get_index (row));

  if (therapist != NULL && signed_in_is_owner (self))
    edit (self, therapist);
}

static void
add_clicked_cb (PalpateTherapistsPage *self)
{
  g_autoptr(PalpateTherapist) therapist = palpate_therapist_new ();

  if (!signed_in_is_owner (self))
    return;

  /* Only a therapist alone may go without a passcode. */
  if (!palpate_therapist_get_has_passcode (palpate_store_get_signed_in (self->store)))
    {
      toast (self, _("Set your own passcode first: once the clinic has two therapists, each "
                     "needs one."));
      gtk_widget_grab_focus (GTK_WIDGET (self->own_passcode_row));
      return;
    }

  edit (self, therapist);
}

static void
own_passcode_apply_cb (PalpateTherapistsPage *self)
{
  g_autoptr(GError) error = NULL;
  PalpateTherapist *me = self->store ? palpate_store_get_signed_in (self->store) : NULL;

  if (me == NULL)
    return;

  if (!palpate_store_set_passcode (self->store, palpate_therapist_get_id (me),
                                   gtk_editable_get_text (GTK_EDITABLE (self->own_passcode_row)),
                                   &error))
    {
      toast (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->own_passcode_row), "");
  toast (self, _("Passcode saved"));
  load (self);
}

static void
own_notes_changed_cb (PalpateTherapistsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading || self->store == NULL)
    return;

  if (!palpate_store_set_own_notes_only (self->store,
                                         gtk_switch_get_active (self->own_notes_switch), &error))
    {
      toast (self, error->message);
      load (self);
    }
}

static void
lock_changed_cb (PalpateTherapistsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->lock_row);

  if (!self->loading && self->settings != NULL && selected < G_N_ELEMENTS (lock_choices))
    g_settings_set_uint (self->settings, "idle-lock-seconds", lock_choices[selected]);
}

static void
palpate_therapists_page_dispose (GObject *object)
{
  PalpateTherapistsPage *self = PALPATE_THERAPISTS_PAGE (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->therapists);

  G_OBJECT_CLASS (palpate_therapists_page_parent_class)->dispose (object);
}

static void
palpate_therapists_page_class_init (PalpateTherapistsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = palpate_therapists_page_dispose;
}

static GtkWidget *
new_group (PalpateTherapistsPage *self,
           const char            *title,
           const char            *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
  return group;
}

static void
palpate_therapists_page_init (PalpateTherapistsPage *self)
{
  const char *lock_names[] = { N_("After 1 Minute"), N_("After 2 Minutes"),
                               N_("After 5 Minutes"), N_("After 10 Minutes"),
                               N_("After 15 Minutes"), N_("After 30 Minutes"), N_("Never") };
  g_autoptr(GtkStringList) lock_list = gtk_string_list_new (NULL);
  GtkWidget *group;
  GtkWidget *box;

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Therapists"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "system-users-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "therapists");

  self->therapists = g_list_store_new (PALPATE_TYPE_THERAPIST);

  /* You */
  group = new_group (self, _("You"), NULL);
  self->signed_in_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_action_row_add_prefix (self->signed_in_row,
                             gtk_image_new_from_icon_name ("avatar-default-symbolic"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->signed_in_row));
  self->own_passcode_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->own_passcode_row),
                                 _("New Passcode, 6 Digits or a Passphrase"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->own_passcode_row), TRUE);
  g_signal_connect_swapped (self->own_passcode_row, "apply",
                            G_CALLBACK (own_passcode_apply_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->own_passcode_row));
  self->risk_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->risk_row), _("No Passcode"));
  adw_action_row_set_subtitle (self->risk_row,
                               _("Anyone at this computer opens every client’s record in your "
                                 "name. Only a therapist alone in the clinic, on a computer "
                                 "nobody else uses, may go without."));
  adw_action_row_add_prefix (self->risk_row,
                             gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_widget_add_css_class (GTK_WIDGET (self->risk_row), "warning");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->risk_row));

  /* The clinic's therapists */
  group = new_group (self, _("The Clinic’s Therapists"),
                     _("The owner adds therapists and changes their profiles. A therapist who "
                       "leaves is deactivated: their entries keep naming them."));
  self->therapists_group = ADW_PREFERENCES_GROUP (group);
  self->add_button = gtk_button_new_with_mnemonic (_("_Add Therapist"));
  gtk_widget_add_css_class (self->add_button, "flat");
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (add_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), self->add_button);
  self->therapist_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->therapist_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->therapist_list), "boxed-list");
  gtk_list_box_bind_model (self->therapist_list, G_LIST_MODEL (self->therapists),
                           create_row_cb, NULL, NULL);
  g_signal_connect_swapped (self->therapist_list, "row-activated",
                            G_CALLBACK (row_activated_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->therapist_list));

  /* Who sees what, and locking */
  group = new_group (self, _("Privacy"), NULL);
  self->access_group = ADW_PREFERENCES_GROUP (group);
  box = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (box),
                                 _("Therapists See Only Their Own Clients’ Notes"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (box),
                               _("Another therapist’s notes show only the visit dates and "
                                 "contraindications. The owner reads every note."));
  self->own_notes_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->own_notes_switch), GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->own_notes_switch, "notify::active",
                            G_CALLBACK (own_notes_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (box), GTK_WIDGET (self->own_notes_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (box),
                                         GTK_WIDGET (self->own_notes_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), box);

  for (guint i = 0; i < G_N_ELEMENTS (lock_names); i++)
    gtk_string_list_append (lock_list, _(lock_names[i]));
  self->lock_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lock_row), _("Lock When Idle"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->lock_row),
                               _("The window also locks with the computer’s session"));
  adw_combo_row_set_model (self->lock_row, G_LIST_MODEL (lock_list));
  g_signal_connect_swapped (self->lock_row, "notify::selected", G_CALLBACK (lock_changed_cb),
                            self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->lock_row));
}

GtkWidget *
palpate_therapists_page_new (GSettings *settings)
{
  PalpateTherapistsPage *self = g_object_new (PALPATE_TYPE_THERAPISTS_PAGE, NULL);
  guint seconds;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self->settings = g_object_ref (settings);
  seconds = g_settings_get_uint (settings, "idle-lock-seconds");
  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (lock_choices); i++)
    if (lock_choices[i] == seconds)
      adw_combo_row_set_selected (self->lock_row, i);
  self->loading = FALSE;
  return GTK_WIDGET (self);
}

void
palpate_therapists_page_set_store (PalpateTherapistsPage *self,
                                   PalpateStore          *store)
{
  g_return_if_fail (PALPATE_IS_THERAPISTS_PAGE (self));

  g_set_object (&self->store, store);
  load (self);
}
