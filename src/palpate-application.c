/* palpate-application.c — the Palpate application: command line, app-wide actions, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-application"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-application.h"
#include "palpate-command-line.h"
#include "palpate-backup-copies.h"
#include "palpate-preferences-window.h"
#include "palpate-client-editor.h"
#include "palpate-migrate.h"
#include "palpate-screenshot.h"
#include "palpate-window.h"

struct _PalpateApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *database_path;
  gboolean        database_named;   /* by --database or the property, not the settings */

  /* Set by --screenshot and --window-size: draw the window once, save it, and quit. */
  char           *screenshot_path;
  int             window_width;
  int             window_height;
  char           *show;
  GdkPaintable   *screenshot_paintable;
  GtkWindow      *screenshot_window;   /* the window pictured, when not the main one */
  gulong          after_paint_id;
  guint           screenshot_frames;

  int             exit_status;
};

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpateApplication, palpate_application, ADW_TYPE_APPLICATION)

static GParamSpec *properties [N_PROPS];

static const GOptionEntry main_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the clinic database FILE instead of the default one"), N_("FILE") },
  { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the main window, save a picture of it to FILE.png and quit"), N_("FILE") },
  { "show", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open at the client of the latest unsigned visit, at that client’s progress, at the "
       "visit, at the clinic overview, at the client’s own view, or editing the client"),
    N_("client|progress|visit|dashboard|patient|editor") },
  { "window-size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open the main window at WIDTHxHEIGHT pixels"), N_("WIDTHxHEIGHT") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version of Palpate and quit"), NULL },
  { NULL }
};

static gboolean
parse_window_size (const char *text,
                   int        *width,
                   int        *height)
{
  g_auto(GStrv) parts = g_strsplit (text, "x", 2);
  guint64 w;
  guint64 h;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 200, 10000, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 200, 10000, &h, NULL))
    return FALSE;

  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

static void
apply_color_scheme (PalpateApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT,
    ADW_COLOR_SCHEME_FORCE_LIGHT,
    ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint scheme = (guint) g_settings_get_enum (self->settings, "color-scheme");

  if (scheme >= G_N_ELEMENTS (schemes))
    scheme = 0;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), schemes[scheme]);
}

static void
color_scheme_changed_cb (PalpateApplication *self,
                         const char         *key,
                         GSettings          *settings)
{
  apply_color_scheme (self);
}

/* Frames drawn before giving up on a picture: the window shows within a few. */
#define SCREENSHOT_MAX_FRAMES 100

static void after_paint_cb (GdkFrameClock      *frame_clock,
                            PalpateApplication *self);

static void
finish_screenshot (PalpateApplication *self,
                   int                 exit_status)
{
  self->exit_status = exit_status;
  g_clear_object (&self->screenshot_paintable);
  g_application_quit (G_APPLICATION (self));
}

static gboolean
save_screenshot_cb (gpointer user_data)
{
  PalpateApplication *self = PALPATE_APPLICATION (user_data);
  GtkWindow *window = self->screenshot_window ? self->screenshot_window
                                              : gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;

  if (window == NULL || self->screenshot_paintable == NULL)
    {
      g_printerr ("%s\n", _("There is no window to take a picture of."));
      finish_screenshot (self, EXIT_FAILURE);
    }
  else if (palpate_screenshot_save_png (GTK_WIDGET (window), self->screenshot_paintable,
                                        self->screenshot_path, &error))
    {
      /* The size is that of the window itself, without the margin its frame keeps around it
       * for resizing. */
      g_print ("%s %dx%d\n", self->screenshot_path,
               gtk_widget_get_width (GTK_WIDGET (window)),
               gtk_widget_get_height (GTK_WIDGET (window)));
      finish_screenshot (self, EXIT_SUCCESS);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING) &&
           ++self->screenshot_frames < SCREENSHOT_MAX_FRAMES)
    {
      GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

      self->after_paint_id = g_signal_connect (frame_clock, "after-paint",
                                               G_CALLBACK (after_paint_cb), self);
      gtk_widget_queue_draw (GTK_WIDGET (window));
    }
  else
    {
      g_printerr ("%s\n", error->message);
      finish_screenshot (self, EXIT_FAILURE);
    }

  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock      *frame_clock,
                PalpateApplication *self)
{
  /* The frame is complete once this signal is emitted; the picture is taken from an idle so
   * that the frame clock finishes its cycle first. */
  g_clear_signal_handler (&self->after_paint_id, frame_clock);
  g_idle_add_full (G_PRIORITY_LOW, save_screenshot_cb, g_object_ref (self), g_object_unref);
}

static void
window_mapped_cb (GtkWidget          *window,
                  PalpateApplication *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);

  /* Created before the first frame, so that the frame gives it the window's image. */
  g_clear_object (&self->screenshot_paintable);
  self->screenshot_paintable = gtk_widget_paintable_new (window);

  self->after_paint_id = g_signal_connect (frame_clock, "after-paint",
                                           G_CALLBACK (after_paint_cb), self);
  gtk_widget_queue_draw (window);
}

static void
palpate_application_quit_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  /* The client's view is closed by the therapist, not by quitting. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l; l = l->next)
    if (PALPATE_IS_WINDOW (l->data) && palpate_window_get_patient_view (l->data) != NULL)
      {
        gtk_window_present (GTK_WINDOW (palpate_window_get_patient_view (l->data)));
        return;
      }

  /* Quitting closes each window the way its close button does: the visit's last keystrokes
   * are saved, and a visit that cannot be saved asks before anything is lost. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      if (!PALPATE_IS_WINDOW (window))
        continue;
      gtk_window_close (window);
      if (g_list_find (gtk_application_get_windows (GTK_APPLICATION (user_data)), window))
        return;
    }

  g_application_quit (G_APPLICATION (user_data));
}

/* The session is ending (logout, shutdown): whatever is typed is saved now, while there is
 * still time. */
static void
save_open_visits (PalpateApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (PALPATE_IS_WINDOW (l->data))
      palpate_window_save_now (l->data);
}

static void
query_end_cb (GtkApplication *application,
              gpointer        user_data)
{
  save_open_visits (PALPATE_APPLICATION (application));
}

static void
palpate_application_shutdown (GApplication *application)
{
  save_open_visits (PALPATE_APPLICATION (application));

  G_APPLICATION_CLASS (palpate_application_parent_class)->shutdown (application);
}

/* The daily backup, made in a worker thread of the store, is also copied into this folder. */
static void
backup_folder_changed_cb (PalpateApplication *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "backup-folder");

  palpate_backup_copies_set_folder (folder);
}

static void
palpate_application_preferences_action (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  PalpateApplication *self = PALPATE_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  PalpatePreferencesWindow *preferences;

  /* Nothing of the clinic opens over the sign-in page. */
  if (PALPATE_IS_WINDOW (parent) && palpate_window_is_locked (PALPATE_WINDOW (parent)))
    return;

  preferences = palpate_preferences_window_new (self->settings);
  if (PALPATE_IS_WINDOW (parent))
    palpate_preferences_window_set_store (preferences, palpate_window_get_store (PALPATE_WINDOW (parent)));
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
palpate_application_about_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  PalpateApplication *self = PALPATE_APPLICATION (user_data);
  static const char *developers[] = { "The Palpate developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (parent,
                         "application-name", _("Palpate"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Palpate developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Chart massage sessions on a body map and follow each "
                                       "client’s progress. Your records stay on this computer."),
                         "developers", developers,
                         "copyright", "© 2026 The Palpate developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", palpate_application_quit_action },
  { "preferences", palpate_application_preferences_action },
  { "about", palpate_application_about_action },
};

static int
palpate_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  PalpateApplication *self = PALPATE_APPLICATION (application);
  const char *database = NULL;
  const char *screenshot = NULL;
  const char *window_size = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("palpate %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  /* A clinic on a server (postgresql://…) is no file: it is named as it is, and opening it
   * says when it is not there. */
  if (g_variant_dict_lookup (options, "database", "^&ay", &database) &&
      palpate_migrate_is_server_location (database))
    palpate_application_set_database_path (self, database);
  else if (database != NULL)
    {
      g_autofree char *absolute = g_canonicalize_filename (database, NULL);

      /* Only the first run on the default clinic makes a new one: a clinic named on the
       * command line must exist, whatever the task (demo clinics are written elsewhere). */
      if (!g_variant_dict_contains (options, "demo") &&
          !g_variant_dict_contains (options, "render-chart") &&
          !g_file_test (absolute, G_FILE_TEST_EXISTS))
        {
          g_autofree char *display = g_filename_display_name (absolute);
          g_autofree char *folder = g_path_get_dirname (absolute);
          g_autofree char *folder_display = g_filename_display_name (folder);

          if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
            g_printerr (_("There is no folder “%s”, so there is no clinic file “%s”. Check the "
                          "name; nothing was created."), folder_display, display);
          else
            g_printerr (_("There is no clinic file “%s”. Check the name; nothing was created."),
                        display);
          g_printerr ("\n");
          return EXIT_FAILURE;
        }

      palpate_application_set_database_path (self, absolute);
    }

  if (g_variant_dict_lookup (options, "show", "s", &self->show) &&
      !g_str_equal (self->show, "client") && !g_str_equal (self->show, "visit") &&
      !g_str_equal (self->show, "progress") && !g_str_equal (self->show, "dashboard") &&
      !g_str_equal (self->show, "patient") && !g_str_equal (self->show, "editor"))
    {
      g_printerr (_("--show takes “client”, “progress”, “visit”, “dashboard”, “patient” or “editor”."));
      g_printerr ("\n");
      return EXIT_FAILURE;
    }

  if (g_variant_dict_lookup (options, "window-size", "&s", &window_size) &&
      !parse_window_size (window_size, &self->window_width, &self->window_height))
    {
      g_printerr (_("The window size “%s” is not of the form WIDTHxHEIGHT, for example 1366x768."),
                  window_size);
      g_printerr ("\n");
      return EXIT_FAILURE;
    }

  {
    /* The tasks, like the window, work on this computer's own clinic unless told another. */
    g_autofree char *own = self->database_named ? NULL : palpate_application_dup_own_clinic ();
    int status = palpate_command_line_run (options, own != NULL ? own : self->database_path);

    if (status >= 0)
      return status;
  }

  if (g_variant_dict_lookup (options, "screenshot", "^&ay", &screenshot))
    {
      g_free (self->screenshot_path);
      self->screenshot_path = g_canonicalize_filename (screenshot, NULL);

      /* A picture is taken by this process, never by an instance that is already running. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (palpate_application_parent_class)->handle_local_options (application,
                                                                                      options);
}

/**
 * palpate_application_dup_own_clinic:
 *
 * Returns: this computer's clinic, on which the window and every command-line task work when
 *   no `--database` is given: the clinic server it was connected to, or else its clinic file
 *   (palpate_application_dup_default_database_path())
 */
char *
palpate_application_dup_own_clinic (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *server = NULL;

  /* A task run where the settings' schema is not installed (from a build folder, say) has no
   * settings to read: its clinic is the file. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL)
    return palpate_application_dup_default_database_path ();

  settings = g_settings_new (SETTINGS_SCHEMA_ID);
  server = g_settings_get_string (settings, "clinic-server");
  if (palpate_migrate_is_server_location (server))
    return g_steal_pointer (&server);
  return palpate_application_dup_default_database_path ();
}

static void
palpate_application_startup (GApplication *application)
{
  PalpateApplication *self = PALPATE_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (palpate_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);

  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
  g_signal_connect_object (self->settings, "changed::backup-folder",
                           G_CALLBACK (backup_folder_changed_cb), self, G_CONNECT_SWAPPED);
  backup_folder_changed_cb (self);

  /* A computer connected to a clinic server opens it, unless told another clinic. */
  if (!self->database_named)
    {
      g_free (self->database_path);
      self->database_path = palpate_application_dup_own_clinic ();
    }
}

/* The window that has the clinic at @path open, if there is one. */
static GtkWindow *
find_window (PalpateApplication *self,
             const char         *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      PalpateStore *store;

      if (!PALPATE_IS_WINDOW (l->data))
        continue;

      store = palpate_window_get_store (l->data);
      if (store != NULL && g_strcmp0 (palpate_store_get_path (store), path) == 0)
        return l->data;
    }

  return NULL;
}

/* A window on the clinic at @path: the one that has it open, or a new one. */
static void
open_window (PalpateApplication *self,
             const char         *path)
{
  GtkWindow *window = find_window (self, path);

  if (window == NULL)
    {
      window = GTK_WINDOW (palpate_window_new (self, self->settings));

      if (self->window_width > 0)
        gtk_window_set_default_size (window, self->window_width, self->window_height);
      /* A picture is taken and the window closed at once: no time for the file's checks. */
      palpate_window_set_check_clinic (PALPATE_WINDOW (window), self->screenshot_path == NULL);
#if DEVELOPMENT_PROFILE
      /* A development build is told apart from the installed app at a glance. */
      gtk_widget_add_css_class (GTK_WIDGET (window), "devel");
#endif

      if (palpate_window_open_database (PALPATE_WINDOW (window), path) &&
          self->show != NULL)
        {
          palpate_window_show_latest (PALPATE_WINDOW (window), g_str_equal (self->show, "visit"));
          if (g_str_equal (self->show, "dashboard"))
            gtk_widget_activate_action (GTK_WIDGET (window), "win.show-dashboard", NULL);
          if (g_str_equal (self->show, "progress"))
            palpate_client_page_show_view (palpate_window_get_client_page (PALPATE_WINDOW (window)),
                                           "progress");
        }

      if (g_strcmp0 (self->show, "patient") == 0)
        {
          PalpatePatientView *view;

          gtk_widget_activate_action (GTK_WIDGET (window), "win.patient-view", NULL);
          view = palpate_window_get_patient_view (PALPATE_WINDOW (window));
          /* A picture of a given size, not of the screen the view would cover. */
          if (view != NULL && self->window_width > 0)
            {
              /* Shown again at that size: a shown window keeps its size. */
              gtk_widget_set_visible (GTK_WIDGET (view), FALSE);
              gtk_window_unfullscreen (GTK_WINDOW (view));
              gtk_window_set_default_size (GTK_WINDOW (view), self->window_width,
                                           self->window_height);
              gtk_widget_set_visible (GTK_WIDGET (view), TRUE);
            }
          if (view != NULL)
            self->screenshot_window = GTK_WINDOW (view);
        }

      if (g_strcmp0 (self->show, "editor") == 0)
        {
          GListModel *toplevels = gtk_window_get_toplevels ();

          gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-client", NULL);
          for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
            {
              g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

              if (PALPATE_IS_CLIENT_EDITOR (toplevel))
                self->screenshot_window = toplevel;
            }
          if (self->screenshot_window != NULL && self->window_width > 0)
            gtk_window_set_default_size (self->screenshot_window, self->window_width,
                                         self->window_height);
        }

      if (self->screenshot_path != NULL)
        {
          GtkWindow *pictured = self->screenshot_window ? self->screenshot_window : window;

          /* A picture shows the window settled, not halfway through a transition. */
          g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)),
                        "gtk-enable-animations", FALSE, NULL);
          if (gtk_widget_get_mapped (GTK_WIDGET (pictured)))
            window_mapped_cb (GTK_WIDGET (pictured), self);
          else
            g_signal_connect_object (pictured, "map", G_CALLBACK (window_mapped_cb), self, 0);
        }
    }

  gtk_window_present (window);
}

static void
palpate_application_activate (GApplication *application)
{
  PalpateApplication *self = PALPATE_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    gtk_window_present (window);
  else if (!self->database_named)
    {
      /* This computer's clinic as it is now: a window may have connected it to a server. */
      g_autofree char *own = palpate_application_dup_own_clinic ();

      open_window (self, own);
    }
  else
    open_window (self, self->database_path);
}

/* Every `palpate` started while one runs comes here, in the one that runs: a clinic named with
 * --database opens in a window of its own (or its window comes to the front); without one,
 * the default clinic. */
static int
palpate_application_command_line (GApplication            *application,
                                  GApplicationCommandLine *command_line)
{
  PalpateApplication *self = PALPATE_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *database = NULL;
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &database) &&
      palpate_migrate_is_server_location (database))
    path = g_strdup (database);
  else if (database != NULL)
    path = g_canonicalize_filename (database, g_application_command_line_get_cwd (command_line));
  else if (g_application_command_line_get_is_remote (command_line))
    path = palpate_application_dup_own_clinic ();
  else
    path = g_strdup (self->database_path);

  if (g_application_command_line_get_is_remote (command_line))
    {
      const char *show = NULL;

      g_clear_pointer (&self->show, g_free);
      if (g_variant_dict_lookup (options, "show", "&s", &show))
        self->show = g_strdup (show);
    }

  open_window (self, path);
  return EXIT_SUCCESS;
}

static void
palpate_application_finalize (GObject *object)
{
  PalpateApplication *self = PALPATE_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->database_path, g_free);
  g_clear_pointer (&self->screenshot_path, g_free);
  g_clear_pointer (&self->show, g_free);
  g_clear_object (&self->screenshot_paintable);

  G_OBJECT_CLASS (palpate_application_parent_class)->finalize (object);
}

static void
palpate_application_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PalpateApplication *self = PALPATE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_application_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PalpateApplication *self = PALPATE_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      palpate_application_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_application_class_init (PalpateApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = palpate_application_finalize;
  object_class->get_property = palpate_application_get_property;
  object_class->set_property = palpate_application_set_property;

  app_class->handle_local_options = palpate_application_handle_local_options;
  app_class->startup = palpate_application_startup;
  app_class->activate = palpate_application_activate;
  app_class->command_line = palpate_application_command_line;
  app_class->shutdown = palpate_application_shutdown;

  /**
   * PalpateApplication:database-path:
   *
   * The clinic database this application works on.
   */
  properties [PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
palpate_application_init (PalpateApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_add_main_option_entries (G_APPLICATION (self), palpate_command_line_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                             _("Chart massage sessions and follow each client’s "
                                               "progress."));

  self->database_path = palpate_application_dup_default_database_path ();

  /* Told by the session before it ends, to save what is typed. */
  g_object_set (self, "register-session", TRUE, NULL);
  g_signal_connect (self, "query-end", G_CALLBACK (query_end_cb), NULL);
}

PalpateApplication *
palpate_application_new (void)
{
  return g_object_new (PALPATE_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * palpate_application_dup_default_database_path:
 *
 * Returns: the clinic database used when no `--database` is given:
 *   `$XDG_DATA_HOME/palpate/clinic.sqlite3`.
 */
char *
palpate_application_dup_default_database_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "palpate", "clinic.sqlite3", NULL);
}

const char *
palpate_application_get_database_path (PalpateApplication *self)
{
  g_return_val_if_fail (PALPATE_IS_APPLICATION (self), NULL);

  return self->database_path;
}

void
palpate_application_set_database_path (PalpateApplication *self,
                                       const char         *database_path)
{
  g_return_if_fail (PALPATE_IS_APPLICATION (self));
  g_return_if_fail (database_path != NULL);

  self->database_named = TRUE;
  if (g_strcmp0 (self->database_path, database_path) == 0)
    return;

  g_free (self->database_path);
  self->database_path = g_strdup (database_path);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DATABASE_PATH]);
}

/**
 * palpate_application_get_exit_status:
 *
 * Returns: the status the process should exit with once the application has run: a failure
 *   when a task given on the command line, such as `--screenshot`, did not succeed.
 */
int
palpate_application_get_exit_status (PalpateApplication *self)
{
  g_return_val_if_fail (PALPATE_IS_APPLICATION (self), EXIT_FAILURE);

  return self->exit_status;
}
