/* palpate-window-clinic-check.c — the window checks its clinic file once it is shown
 *
 * Opening a clinic reads only what the first screen needs. The whole-file integrity check and
 * the first backup of the day start after the window's first frame, in a worker thread
 * (palpate-store-health.c), so that a clinic of ten years shows as fast as an empty one. The
 * therapist hears of them only when something is wrong: a damaged file turns the window to the
 * page that offers the newest backup, a failed backup is a toast. The application is held while
 * a check runs, so that quitting never cuts a backup short.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-window"

#include "config.h"

#include "palpate-store-error.h"
#include "palpate-store-health.h"
#include "palpate-window-private.h"

typedef struct
{
  GWeakRef      window;
  GApplication *application;  /* held while the check runs: quitting waits for a backup */
} ClinicCheck;

static void
clinic_check_free (ClinicCheck *check)
{
  g_weak_ref_clear (&check->window);
  if (check->application != NULL)
    g_application_release (check->application);
  g_clear_object (&check->application);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClinicCheck, clinic_check_free)

static void
clinic_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ClinicCheck) check = user_data;
  g_autoptr(PalpateWindow) self = g_weak_ref_get (&check->window);
  PalpateStore *store = PALPATE_STORE (object);
  g_autoptr(GError) error = NULL;

  /* A cancelled check belongs to a clinic that was closed, perhaps with its window. */
  if (palpate_store_check_health_finish (store, result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      self == NULL || self->store != store)
    return;

  g_clear_object (&self->clinic_check);
  if (g_error_matches (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_CORRUPT))
    palpate_window_show_clinic_error (self, error);
  else
    palpate_window_toast (self, error->message);
}

static void
start_check (PalpateWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  ClinicCheck *check;

  g_return_if_fail (self->store != NULL);

  check = g_new0 (ClinicCheck, 1);
  g_weak_ref_init (&check->window, self);
  if (application != NULL)
    {
      check->application = G_APPLICATION (g_object_ref (application));
      g_application_hold (check->application);
    }

  g_clear_object (&self->clinic_check);
  self->clinic_check = g_cancellable_new ();
  palpate_store_check_health_async (self->store, NULL, self->clinic_check, clinic_checked_cb,
                                    check);
}

static void
first_frame_cb (GdkFrameClock *frame_clock,
                PalpateWindow *self)
{
  g_clear_signal_handler (&self->clinic_check_frame_id, frame_clock);
  g_clear_object (&self->clinic_check_clock);
  if (self->store != NULL)
    start_check (self);
}

static void
wait_for_frame (PalpateWindow *self)
{
  g_clear_signal_handler (&self->clinic_check_map_id, self);
  self->clinic_check_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->clinic_check_frame_id = g_signal_connect (self->clinic_check_clock, "after-paint",
                                                  G_CALLBACK (first_frame_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * palpate_window_check_clinic_later:
 *
 * Checks the open clinic file and makes the daily backup after the window's next frame, unless
 * palpate_window_set_check_clinic() turned that off.
 */
void
palpate_window_check_clinic_later (PalpateWindow *self)
{
  palpate_window_stop_clinic_check (self);

  /* A clinic on a server is no file: the server keeps its pages whole, and its backup is
   * `palpate migrate --from postgresql://… --to FILE`, made by whoever looks after it. */
  if (self->store == NULL || self->no_clinic_check || palpate_store_is_on_server (self->store))
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    wait_for_frame (self);
  else
    self->clinic_check_map_id = g_signal_connect (self, "map", G_CALLBACK (wait_for_frame), NULL);
}

/**
 * palpate_window_stop_clinic_check:
 *
 * Forgets a check that has not started or not finished: its clinic is being closed.
 */
void
palpate_window_stop_clinic_check (PalpateWindow *self)
{
  g_clear_signal_handler (&self->clinic_check_map_id, self);
  /* A window being destroyed may have had its frame clock disposed already, which took the
   * clock's handlers with it. */
  if (self->clinic_check_clock != NULL && self->clinic_check_frame_id != 0 &&
      g_signal_handler_is_connected (self->clinic_check_clock, self->clinic_check_frame_id))
    g_signal_handler_disconnect (self->clinic_check_clock, self->clinic_check_frame_id);
  self->clinic_check_frame_id = 0;
  g_clear_object (&self->clinic_check_clock);
  g_cancellable_cancel (self->clinic_check);
  g_clear_object (&self->clinic_check);
}

/**
 * palpate_window_set_check_clinic:
 * @check: whether to check the clinic file and make the daily backup once the window is shown
 *
 * A window that is only pictured (`palpate --screenshot`) and closed right after neither reads
 * the whole file nor copies it.
 */
void
palpate_window_set_check_clinic (PalpateWindow *self,
                                 gboolean       check)
{
  g_return_if_fail (PALPATE_IS_WINDOW (self));

  self->no_clinic_check = !check;
  if (!check)
    palpate_window_stop_clinic_check (self);
}
