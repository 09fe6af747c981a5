/* palpate-preferences-backups.c — the Backups page of Preferences
 *
 * Back up now to a chosen file, a second folder for the daily copy, a passphrase for the
 * backups that leave the computer, and a restore from a chosen backup that shows what it holds
 * before anything changes. The files themselves are the store's (palpate-backup-copies.c); the
 * restore goes through the window, which closes and reopens its clinic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-preferences"

#include "config.h"

#include "palpate-preferences-backups.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "palpate-backup.h"
#include "palpate-backup-copies.h"
#include "palpate-backup-crypt.h"
#include "palpate-date.h"
#include "palpate-store-error.h"
#include "palpate-window.h"

struct _PalpatePreferencesBackups
{
  AdwPreferencesPage    parent_instance;

  GSettings            *settings;
  PalpateStore         *store;

  /* Template widgets */
  GtkWidget            *server_group;
  GtkWidget            *backup_now_group;
  GtkWidget            *folder_group;
  GtkWidget            *passphrase_group;
  AdwActionRow         *backup_now_row;
  AdwActionRow         *folder_row;
  AdwActionRow         *passphrase_state_row;
  AdwPasswordEntryRow  *passphrase_row;
  GtkLabel             *passphrase_message_label;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpatePreferencesBackups, palpate_preferences_backups,
                     ADW_TYPE_PREFERENCES_PAGE)

static GParamSpec *properties [N_PROPS];

static GtkWindow *
own_window (PalpatePreferencesBackups *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static void
toast (PalpatePreferencesBackups *self,
       const char                *message)
{
  GtkWindow *window = own_window (self);

  if (ADW_IS_PREFERENCES_WINDOW (window))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), adw_toast_new (message));
}

static void
update_rows (PalpatePreferencesBackups *self)
{
  g_autofree char *folder = self->settings != NULL
                            ? g_settings_get_string (self->settings, "backup-folder")
                            : g_strdup ("");
  gboolean encrypted = palpate_backup_copies_has_passphrase ();
  gboolean has_folder = *folder != '\0';
  /* A clinic server is backed up with `palpate migrate`: none of this page's buttons could
   * copy it or put a copy back, and the daily copy is of clinic files only. */
  gboolean on_server = self->store != NULL && palpate_store_is_on_server (self->store);
  gboolean file = self->store != NULL && !on_server;

  gtk_widget_set_visible (self->server_group, on_server);
  gtk_widget_set_visible (self->backup_now_group, !on_server);
  gtk_widget_set_visible (self->folder_group, !on_server);
  gtk_widget_set_visible (self->passphrase_group, !on_server);

  adw_action_row_set_subtitle (self->backup_now_row,
                               encrypted ? _("Saves a copy of the clinic, locked with the "
                                             "backup passphrase, to a file you choose")
                                         : _("Saves a copy of the clinic to a file you choose"));
  adw_action_row_set_subtitle (self->folder_row, has_folder ? folder : _("None chosen"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.forget-folder", has_folder);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.choose-folder",
                                 self->settings != NULL);
  adw_action_row_set_subtitle (self->passphrase_state_row,
                               encrypted ? _("Set: backups leaving this computer are encrypted")
                                         : _("Not set: backups are copied as they are"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.forget-passphrase", encrypted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.back-up-now", file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "backups.restore", file);
}

/* What became of the passphrase typed, said under its field, as the PIN's is. */
static void
say_at_passphrase (PalpatePreferencesBackups *self,
                   const char                *message,
                   gboolean                   is_error)
{
  GtkWidget *label = GTK_WIDGET (self->passphrase_message_label);

  gtk_widget_set_visible (label, message != NULL);
  gtk_label_set_text (self->passphrase_message_label, message ? message : "");
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->passphrase_row), "error");
      gtk_widget_add_css_class (label, "error");
      gtk_widget_remove_css_class (label, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_row), "error");
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "dim-label");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->passphrase_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message ? message : "",
                                  -1);
}

static void
passphrase_free (gpointer data)
{
  char *passphrase = data;

  sodium_memzero (passphrase, strlen (passphrase));
  g_free (passphrase);
}

/* Argon2id takes a second and 256 MiB on purpose: away from the window's thread. */
static void
set_passphrase_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GError *error = NULL;

  if (palpate_backup_copies_set_passphrase (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
passphrase_set_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PalpatePreferencesBackups *self = PALPATE_PREFERENCES_BACKUPS (object);
  g_autoptr(GError) error = NULL;
  gboolean saved = g_task_propagate_boolean (G_TASK (result), &error);

  /* Preferences may have been closed meanwhile: the key is saved, there is nothing to show. */
  if (self->passphrase_row == NULL)
    return;

  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_row), TRUE);
  if (!saved)
    {
      say_at_passphrase (self, error->message, TRUE);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  say_at_passphrase (self, _("Passphrase saved. Backups leaving this computer are now "
                             "encrypted; restoring one asks for it."), FALSE);
  update_rows (self);
}

static void
on_passphrase_row_apply_cb (PalpatePreferencesBackups *self)
{
  g_autoptr(GTask) task = NULL;
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  /* One key at a time; the row keeps the focus (an insensitive one would lose it). */
  if (!gtk_editable_get_editable (GTK_EDITABLE (self->passphrase_row)))
    return;
  task = g_task_new (self, NULL, passphrase_set_cb, NULL);
  gtk_editable_set_editable (GTK_EDITABLE (self->passphrase_row), FALSE);
  say_at_passphrase (self, _("Working out the key of the passphrase…"), FALSE);
  g_task_set_task_data (task, g_strdup (passphrase), passphrase_free);
  g_task_run_in_thread (task, set_passphrase_thread);
}

static void
forget_passphrase_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PalpatePreferencesBackups *self = PALPATE_PREFERENCES_BACKUPS (widget);
  g_autoptr(GError) error = NULL;

  if (!palpate_backup_copies_set_passphrase (NULL, &error))
    say_at_passphrase (self, error->message, TRUE);
  else
    say_at_passphrase (self, NULL, FALSE);
  update_rows (self);
}

static GtkFileChooserNative *
new_chooser (PalpatePreferencesBackups *self,
             const char                *title,
             GtkFileChooserAction       action,
             const char                *accept)
{
  return gtk_file_chooser_native_new (title, own_window (self), action, accept, _("_Cancel"));
}

/* Back up now */

static void
backup_now_response_cb (GtkNativeDialog           *chooser,
                        int                        response,
                        PalpatePreferencesBackups *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (response != GTK_RESPONSE_ACCEPT || self->store == NULL)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = g_file_get_path (file);
  if (path == NULL)
    goto out;

  name = g_path_get_basename (path);
  if (!palpate_backup_copies_export (self->store, path, palpate_backup_copies_has_passphrase (),
                                     &error))
    toast (self, error->message);
  else
    {
      message = palpate_backup_copies_has_passphrase ()
                ? g_strdup_printf (_("The clinic was backed up to “%s”, encrypted."), name)
                : g_strdup_printf (_("The clinic was backed up to “%s”."), name);
      toast (self, message);
    }

out:
  g_object_unref (chooser);
}

static void
back_up_now_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PalpatePreferencesBackups *self = PALPATE_PREFERENCES_BACKUPS (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stem = NULL;
  g_autofree char *day = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;

  stem = palpate_backup_dup_stem (palpate_store_get_path (self->store));
  day = g_date_time_format (now, "%Y-%m-%d");
  name = g_strdup_printf ("%s-%s.sqlite3%s", stem, day,
                          palpate_backup_copies_has_passphrase () ? PALPATE_BACKUP_CRYPT_SUFFIX
                                                                  : "");
  chooser = new_chooser (self, _("Back Up the Clinic"), GTK_FILE_CHOOSER_ACTION_SAVE,
                         _("_Back Up"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (backup_now_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The second folder */

static void
choose_folder_response_cb (GtkNativeDialog           *chooser,
                           int                        response,
                           PalpatePreferencesBackups *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *message = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  folder = file != NULL ? g_file_get_path (file) : NULL;
  if (folder == NULL)
    goto out;

  g_settings_set_string (self->settings, "backup-folder", folder);
  palpate_backup_copies_set_folder (folder);
  update_rows (self);

  /* Today's backup goes there at once, so the therapist sees that the folder works. */
  if (self->store == NULL)
    goto out;
  now = g_date_time_new_now_local ();
  if (!palpate_backup_daily (self->store, now, &error))
    toast (self, error->message);
  else
    {
      message = g_strdup_printf (_("Today’s backup was copied to “%s”."), folder);
      toast (self, message);
    }

out:
  g_object_unref (chooser);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PalpatePreferencesBackups *self = PALPATE_PREFERENCES_BACKUPS (widget);
  GtkFileChooserNative *chooser;

  chooser = new_chooser (self, _("Choose the Second Backup Folder"),
                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (choose_folder_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
forget_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PalpatePreferencesBackups *self = PALPATE_PREFERENCES_BACKUPS (widget);

  g_settings_set_string (self->settings, "backup-folder", "");
  palpate_backup_copies_set_folder (NULL);
  update_rows (self);
}

/* Restore */

static void ask_passphrase (PalpatePreferencesBackups *self,
                            const char                *backup_path,
                            const char                *message);

/* The opened backup, removed (when it was a decrypted copy) with the dialog that shows it. */
typedef struct
{
  char *backup_path;
  char *opened_path;
} OpenedBackup;

static void
opened_backup_free (gpointer data)
{
  OpenedBackup *opened = data;

  palpate_backup_copies_close (opened->backup_path, opened->opened_path);
  g_free (opened->backup_path);
  g_free (opened->opened_path);
  g_free (opened);
}

static gboolean
close_window_idle (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
restore_response_cb (AdwMessageDialog          *dialog,
                     const char                *response,
                     PalpatePreferencesBackups *self)
{
  OpenedBackup *opened = g_object_get_data (G_OBJECT (dialog), "opened-backup");
  GtkWindow *window = gtk_window_get_transient_for (own_window (self));
  GtkWindow *preferences = own_window (self);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "restore"))
    return;

  if (!PALPATE_IS_WINDOW (window))
    return;

  /* Either way the window closed and reopened its clinic, so Preferences, which still holds
   * the clinic as it was opened before, closes; the window says what happened. */
  if (!palpate_window_restore_backup (PALPATE_WINDOW (window), opened->opened_path, &error))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.toast", "s", error->message);
  else
    gtk_widget_activate_action (GTK_WIDGET (window), "win.toast", "s",
                                _("The backup was restored. The clinic as it was is kept in its "
                                  "backups folder."));
  /* After the dialog, which is transient for Preferences, has gone. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_window_idle, g_object_ref (preferences),
                   g_object_unref);
}

static char *
describe (const PalpateBackupPreview *preview)
{
  g_autofree char *made = preview->made ? palpate_format_day_time (preview->made) : NULL;
  g_autofree char *last = preview->last_change ? palpate_format_day_time (preview->last_change)
                                               : NULL;
  g_autofree char *clients = NULL;
  g_autofree char *visits = NULL;
  GString *body = g_string_new (NULL);

  /* %lld, not G_GINT64_FORMAT: xgettext cannot see through the macro. */
  clients = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld client", "%lld clients",
                                          (gulong) preview->n_clients),
                             (long long) preview->n_clients);
  visits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld visit", "%lld visits",
                                         (gulong) preview->n_visits),
                            (long long) preview->n_visits);
  g_string_append_printf (body, _("Backup made: %s"), made ? made : _("unknown"));
  g_string_append_c (body, '\n');
  if (last != NULL)
    {
      g_string_append_printf (body, _("Last change in it: %s"), last);
      g_string_append_c (body, '\n');
    }
  g_string_append_printf (body, _("It holds %s and %s."), clients, visits);
  g_string_append_c (body, '\n');
  g_string_append_printf (body, _("Audit log: %lld entries, ending in %.12s"),
                          (long long) preview->audit_entries,
                          preview->audit_hash ? preview->audit_hash : "—");
  g_string_append (body, "\n\n");
  g_string_append (body, _("The clinic returns to this backup: anything recorded after it was "
                           "made is not in it. The clinic as it is now is kept in its backups "
                           "folder."));

  return g_string_free (body, FALSE);
}

static void
show_preview (PalpatePreferencesBackups *self,
              const char                *backup_path,
              const char                *opened_path)
{
  g_autoptr(PalpateBackupPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  OpenedBackup *opened;
  GtkWidget *dialog;

  opened = g_new0 (OpenedBackup, 1);
  opened->backup_path = g_strdup (backup_path);
  opened->opened_path = g_strdup (opened_path);

  preview = palpate_backup_preview_read (opened_path, backup_path, &error);
  if (preview == NULL)
    {
      opened_backup_free (opened);
      toast (self, error->message);
      return;
    }

  body = describe (preview);
  dialog = adw_message_dialog_new (own_window (self), _("Restore This Backup?"), body);
  gtk_widget_set_name (dialog, "restore_preview_dialog");
  g_object_set_data_full (G_OBJECT (dialog), "opened-backup", opened, opened_backup_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opens @backup_path (with @passphrase when it is encrypted) and shows what it holds; asks for
 * the passphrase again when it is needed or was wrong. */
static void
open_backup (PalpatePreferencesBackups *self,
             const char                *backup_path,
             const char                *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *opened = NULL;

  if (self->store == NULL)
    return;

  opened = palpate_backup_copies_open (backup_path, passphrase,
                                       palpate_store_get_path (self->store), &error);
  if (opened == NULL)
    {
      if (g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PASSPHRASE))
        ask_passphrase (self, backup_path, passphrase != NULL ? error->message : NULL);
      else
        toast (self, error->message);
      return;
    }

  show_preview (self, backup_path, opened);
}

typedef struct
{
  PalpatePreferencesBackups *self;
  char                      *backup_path;
  char                      *passphrase;
} PassphraseTyped;

static void
passphrase_typed_free (gpointer data)
{
  PassphraseTyped *typed = data;

  g_object_unref (typed->self);
  g_free (typed->backup_path);
  if (typed->passphrase != NULL)
    sodium_memzero (typed->passphrase, strlen (typed->passphrase));
  g_free (typed->passphrase);
  g_free (typed);
}

static gboolean
open_with_passphrase_idle (gpointer data)
{
  PassphraseTyped *typed = data;

  open_backup (typed->self, typed->backup_path, typed->passphrase);
  return G_SOURCE_REMOVE;
}

/* The backup is opened once the dialog has gone: a wrong passphrase asks again in a new one. */
static void
passphrase_response_cb (AdwMessageDialog          *dialog,
                        const char                *response,
                        PalpatePreferencesBackups *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  PassphraseTyped *typed;

  if (!g_str_equal (response, "open"))
    return;

  typed = g_new0 (PassphraseTyped, 1);
  typed->self = g_object_ref (self);
  typed->backup_path = g_strdup (g_object_get_data (G_OBJECT (dialog), "backup"));
  typed->passphrase = g_strdup (gtk_editable_get_text (entry));
  gtk_editable_set_text (entry, "");
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, open_with_passphrase_idle, typed,
                   passphrase_typed_free);
}

static void
ask_passphrase (PalpatePreferencesBackups *self,
                const char                *backup_path,
                const char                *message)
{
  g_autofree char *name = g_path_get_basename (backup_path);
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  body = message != NULL ? g_strdup (message)
                         : g_strdup_printf (_("“%s” is encrypted. Type the passphrase it was "
                                              "saved with."), name);
  dialog = adw_message_dialog_new (own_window (self), _("Passphrase of the Backup"), body);
  /* A plain entry that hides what is typed: with GTK 4.8.3 a GtkPasswordEntry here made GTK
   * cast a freed pointer when the dialog closed after its response (seen in test-backups). */
  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "backup_passphrase_entry");
  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Passphrase"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_strdup (backup_path), g_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (passphrase_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
choose_backup_response_cb (GtkNativeDialog           *chooser,
                           int                        response,
                           PalpatePreferencesBackups *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
    }
  g_object_unref (chooser);

  if (path != NULL)
    open_backup (self, path, NULL);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PalpatePreferencesBackups *self = PALPATE_PREFERENCES_BACKUPS (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *folder = NULL;
  g_autoptr(GFile) start = NULL;

  if (self->store == NULL)
    return;

  chooser = new_chooser (self, _("Choose a Backup to Restore"), GTK_FILE_CHOOSER_ACTION_OPEN,
                         _("_Open"));
  folder = palpate_backup_dup_folder (palpate_store_get_path (self->store));
  start = g_file_new_for_path (folder);
  if (g_file_query_exists (start, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), start, NULL);
  g_signal_connect_object (chooser, "response", G_CALLBACK (choose_backup_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
palpate_preferences_backups_constructed (GObject *object)
{
  PalpatePreferencesBackups *self = PALPATE_PREFERENCES_BACKUPS (object);

  G_OBJECT_CLASS (palpate_preferences_backups_parent_class)->constructed (object);

  update_rows (self);
}

static void
palpate_preferences_backups_dispose (GObject *object)
{
  PalpatePreferencesBackups *self = PALPATE_PREFERENCES_BACKUPS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_PREFERENCES_BACKUPS);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (palpate_preferences_backups_parent_class)->dispose (object);
}

static void
palpate_preferences_backups_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  PalpatePreferencesBackups *self = PALPATE_PREFERENCES_BACKUPS (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_preferences_backups_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  PalpatePreferencesBackups *self = PALPATE_PREFERENCES_BACKUPS (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_preferences_backups_class_init (PalpatePreferencesBackupsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = palpate_preferences_backups_constructed;
  object_class->dispose = palpate_preferences_backups_dispose;
  object_class->get_property = palpate_preferences_backups_get_property;
  object_class->set_property = palpate_preferences_backups_set_property;

  /**
   * PalpatePreferencesBackups:settings:
   *
   * The application's settings, which hold the second backup folder.
   */
  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-preferences-backups.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesBackups, server_group);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesBackups,
                                        backup_now_group);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesBackups, folder_group);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesBackups,
                                        passphrase_group);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesBackups, backup_now_row);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesBackups, folder_row);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesBackups,
                                        passphrase_state_row);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesBackups, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, PalpatePreferencesBackups,
                                        passphrase_message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_row_apply_cb);

  gtk_widget_class_install_action (widget_class, "backups.back-up-now", NULL, back_up_now_action);
  gtk_widget_class_install_action (widget_class, "backups.choose-folder", NULL,
                                   choose_folder_action);
  gtk_widget_class_install_action (widget_class, "backups.forget-folder", NULL,
                                   forget_folder_action);
  gtk_widget_class_install_action (widget_class, "backups.forget-passphrase", NULL,
                                   forget_passphrase_action);
  gtk_widget_class_install_action (widget_class, "backups.restore", NULL, restore_action);
}

static void
palpate_preferences_backups_init (PalpatePreferencesBackups *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

PalpatePreferencesBackups *
palpate_preferences_backups_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (PALPATE_TYPE_PREFERENCES_BACKUPS,
                       "settings", settings,
                       NULL);
}

/**
 * palpate_preferences_backups_set_store:
 *
 * The clinic that "Back Up Now" copies and a restore puts a backup back into.
 */
void
palpate_preferences_backups_set_store (PalpatePreferencesBackups *self,
                                       PalpateStore              *store)
{
  g_return_if_fail (PALPATE_IS_PREFERENCES_BACKUPS (self));

  g_set_object (&self->store, store);
  update_rows (self);
}
