/* test-charting-two-rooms.c — two Palpate instances, two treatment rooms, one clinic on a
 * PostgreSQL server, both worked by hand
 *
 * This program is room A: the application runs in it, on the clinic, under real X input. It
 * starts itself a second time as room B (PALPATE_TEST_ROOM_B names the clinic), another
 * application instance in a process of its own with a window on the same X server. Room A
 * tells room B what to do, one line at a time on B's standard input; B does it by hand in its
 * own window (raised first, as a hand would click on it) and answers "ok" when it has seen the
 * result. Anything B does not see, it fails on: B's exit says so and room A fails.
 *
 * The path: a client added in room B appears in room A within a second; both chart the same
 * draft, and the second save is refused, then both texts are kept, on both screens and in the
 * clinic; a visit signed in room A cannot be edited in room B, and what is typed there stays
 * on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <unistd.h>

#include "palpate-test-charting.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"

#define FIRST_WORDS "Stiff neck after a long drive."
#define TYPED_IN_A " Worse in the morning."
#define TYPED_IN_B " Sleeps badly."
#define TYPED_IN_A_AGAIN " Rested on Sunday."
#define TYPED_AFTER_SIGNING " Headache since Friday."
#define BOTH FIRST_WORDS TYPED_IN_A TYPED_IN_B
#define SIGNED_WORDS BOTH TYPED_IN_A_AGAIN

static gboolean
subjective_reads (Clinic     *clinic,
                  const char *text)
{
  g_autofree char *shown = palpate_test_text_of (GTK_TEXT_VIEW (soap (clinic, "subjective")));

  return g_str_equal (shown, text);
}

/* Clicks into the visit's subjective note, at its end, and types @text. */
static void
type_into_subjective (Clinic     *clinic,
                      const char *text)
{
  palpate_test_type_at_end (soap (clinic, "subjective"), text);
}

static char *
stored_subjective (Clinic *clinic)
{
  PalpateVisit *open = palpate_visit_page_get_visit (visit_page (clinic));
  g_autoptr(PalpateVisit) visit = palpate_store_get_visit (clinic->store,
                                                           palpate_visit_get_id (open), NULL);

  return visit != NULL ? g_strdup (palpate_visit_get_subjective (visit)) : NULL;
}

static gboolean
stored_subjective_is (Clinic     *clinic,
                      const char *text)
{
  g_autofree char *stored = stored_subjective (clinic);

  return g_strcmp0 (stored, text) == 0;
}

/* Clears toasts about another room's work out of the way of the note, with their close
 * buttons, as a hand does. */
static void
clear_toast (Clinic     *clinic,
             const char *text)
{
  for (int i = 0; i < 3 && palpate_test_has_toast (clinic->window, text); i++)
    palpate_test_dismiss_toast (clinic->window, text);
}

/* Room B */

/* The next line on standard input, read while the window goes on working. */
static char *
read_command (void)
{
  GString *line = g_string_new (NULL);

  for (;;)
    {
      struct pollfd fd = { STDIN_FILENO, POLLIN, 0 };
      char c;

      if (poll (&fd, 1, 0) <= 0)
        {
          if (!g_main_context_iteration (NULL, FALSE))
            g_usleep (1000);
          continue;
        }
      if (read (STDIN_FILENO, &c, 1) != 1)
        g_error ("room B: room A went away");
      if (c == '\n')
        return g_string_free (line, FALSE);
      g_string_append_c (line, c);
    }
}

static void
answer (const char *line)
{
  g_print ("%s\n", line);
  fflush (stdout);
}

static void
add_client_by_hand (Clinic     *clinic,
                    const char *name)
{
  GtkWindow *editor;

  palpate_test_input_click (palpate_test_find_by_tooltip (palpate_test_child (win (clinic),
                                                                            "sidebar"),
                                                        "New Client"));
  WAIT_UNTIL ((editor = palpate_test_find_toplevel (PALPATE_TYPE_CLIENT_EDITOR)) != NULL);
  g_assert_true (palpate_test_input_focus_window (editor));
  palpate_test_input_click (palpate_test_child (GTK_WIDGET (editor), "name_row"));
  palpate_test_input_type (name);
  WAIT_UNTIL (g_strcmp0 (palpate_client_editor_get_name (PALPATE_CLIENT_EDITOR (editor)),
                         name) == 0);
  palpate_test_input_click (palpate_test_child (GTK_WIDGET (editor), "save_button"));
  WAIT_UNTIL (palpate_test_find_toplevel (PALPATE_TYPE_CLIENT_EDITOR) == NULL);
  WAIT_UNTIL (palpate_test_client_listed (clinic, name));
}

static void
room_b_body (Clinic        *clinic,
             gconstpointer  data)
{
  answer ("ready");

  for (;;)
    {
      g_autofree char *command = read_command ();

      g_assert_true (palpate_test_input_focus_window (GTK_WINDOW (clinic->window)));

      if (g_str_equal (command, "quit"))
        {
          answer ("ok");
          return;
        }
      else if (g_str_has_prefix (command, "add-client "))
        add_client_by_hand (clinic, command + strlen ("add-client "));
      else if (g_str_has_prefix (command, "open-visit "))
        palpate_test_open_latest_visit (clinic, command + strlen ("open-visit "));
      else if (g_str_equal (command, "type-over-a-newer-save"))
        {
          /* This room's copy is older than room A's save: the save is refused, then what was
           * typed here is put on the newer visit and saved; both texts show here. */
          clear_toast (clinic, "changed in another room");
          type_into_subjective (clinic, TYPED_IN_B);
          WAIT_UNTIL (palpate_test_has_toast (clinic->window, "both changes are kept"));
          WAIT_UNTIL (subjective_reads (clinic, BOTH));
          WAIT_UNTIL (stored_subjective_is (clinic, BOTH));
          g_assert_null (palpate_visit_page_get_save_error (visit_page (clinic)));
          palpate_test_save_screenshot (win (clinic), "two-rooms-b-kept.png");
        }
      else if (g_str_equal (command, "type-into-signed"))
        {
          const char *reason;

          /* Room A signed the visit: said here at once, and typing can no longer be saved
           * into it, while what is typed stays on screen. */
          WAIT_WITHIN_A_SECOND (palpate_test_tree_contains_text (GTK_WIDGET (visit_page (clinic)),
                                                                 "Signed in another room"));
          clear_toast (clinic, "in another room");
          type_into_subjective (clinic, TYPED_AFTER_SIGNING);
          WAIT_UNTIL ((reason = palpate_visit_page_get_save_error (visit_page (clinic))) != NULL);
          g_assert_nonnull (strstr (reason, "signed"));
          g_assert_true (subjective_reads (clinic, BOTH TYPED_AFTER_SIGNING));
          g_assert_true (stored_subjective_is (clinic, SIGNED_WORDS));
          palpate_test_save_screenshot (win (clinic), "two-rooms-b-signed.png");
        }
      else
        g_error ("room B: no command “%s”", command);

      answer ("ok");
    }
}

static int
run_room_b (const char *location)
{
  Clinic clinic = { 0 };

  palpate_test_input_init ();
  clinic.database_path = g_strdup (location);
  palpate_test_clinic_run (&clinic, room_b_body);
  g_free (clinic.database_path);
  return 0;
}

/* Room A */

typedef struct
{
  GPid  pid;
  int   to_b;
  int   from_b;
  int   status;
  gboolean exited;
} RoomB;

static void
room_b_exited_cb (GPid     pid,
                  int      status,
                  gpointer user_data)
{
  RoomB *room_b = user_data;

  room_b->status = status;
  room_b->exited = TRUE;
  g_spawn_close_pid (pid);
}

/* Waits for room B's next answer, keeping this window working meanwhile. Lines of GTest's
 * own ("# random seed…") are no answer. */
static char *read_line (RoomB *room_b);

static char *
read_answer (RoomB *room_b)
{
  for (;;)
    {
      char *line = read_line (room_b);

      if (line[0] != '#')
        return line;
      g_free (line);
    }
}

static char *
read_line (RoomB *room_b)
{
  GString *line = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  for (;;)
    {
      struct pollfd fd = { room_b->from_b, POLLIN, 0 };
      char c;

      if (g_get_monotonic_time () > deadline)
        g_error ("room B did not answer within two minutes");
      if (poll (&fd, 1, 0) <= 0)
        {
          if (!g_main_context_iteration (NULL, FALSE))
            g_usleep (1000);
          continue;
        }
      if (read (room_b->from_b, &c, 1) != 1)
        g_error ("room B ended without answering (its error is above)");
      if (c == '\n')
        return g_string_free (line, FALSE);
      g_string_append_c (line, c);
    }
}

static void
tell_room_b (RoomB      *room_b,
             const char *command)
{
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  g_autofree char *reply = NULL;

  g_assert_cmpint (write (room_b->to_b, line, strlen (line)), ==, (gssize) strlen (line));
  reply = read_answer (room_b);
  g_assert_cmpstr (reply, ==, "ok");
}

static RoomB room_b;

static void
start_room_b (Clinic *clinic)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "PALPATE_TEST_ROOM_B",
                                        clinic->database_path, TRUE);
  char *argv[] = { self, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *ready = NULL;

  g_assert_nonnull (self);
  g_assert_true (g_spawn_async_with_pipes (NULL, argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                           &room_b.pid, &room_b.to_b, &room_b.from_b, NULL,
                                           &error));
  g_assert_no_error (error);
  g_child_watch_add (room_b.pid, room_b_exited_cb, &room_b);
  ready = read_answer (&room_b);
  g_assert_cmpstr (ready, ==, "ready");
}

static void
room_a_body (Clinic        *clinic,
             gconstpointer  data)
{
  GtkWindow *window = GTK_WINDOW (clinic->window);

  start_room_b (clinic);

  /* A client added by hand in room B is listed here within a second of being saved. */
  tell_room_b (&room_b, "add-client Bruno Costa");
  WAIT_WITHIN_A_SECOND (palpate_test_client_listed (clinic, "Bruno Costa"));

  /* Both rooms open Anna's draft. */
  g_assert_true (palpate_test_input_focus_window (window));
  palpate_test_open_latest_visit (clinic, "Anna Berg");
  tell_room_b (&room_b, "open-visit Anna Berg");

  /* Room A types first; its save goes in. */
  g_assert_true (palpate_test_input_focus_window (window));
  type_into_subjective (clinic, TYPED_IN_A);
  WAIT_UNTIL (stored_subjective_is (clinic, FIRST_WORDS TYPED_IN_A));

  /* Room B types into its older copy: refused, then kept beside room A's words. */
  tell_room_b (&room_b, "type-over-a-newer-save");
  g_assert_true (stored_subjective_is (clinic, BOTH));

  /* Here the draft being charted is not pulled from under the therapist: room B's change is
   * said beside the title and in a toast, and the next save here keeps both rooms' words. */
  WAIT_UNTIL (palpate_test_tree_contains_text (GTK_WIDGET (visit_page (clinic)),
                                               "Changed in another room"));
  g_assert_true (palpate_test_input_focus_window (window));
  clear_toast (clinic, "changed in another room");
  type_into_subjective (clinic, TYPED_IN_A_AGAIN);
  WAIT_UNTIL (palpate_test_has_toast (clinic->window, "both changes are kept"));
  WAIT_UNTIL (subjective_reads (clinic, SIGNED_WORDS));
  WAIT_UNTIL (stored_subjective_is (clinic, SIGNED_WORDS));
  palpate_test_save_screenshot (win (clinic), "two-rooms-a-kept.png");

  /* Signed here: room B can no longer change it. */
  clear_toast (clinic, "both changes are kept");
  palpate_test_sign_by_hand (clinic);
  tell_room_b (&room_b, "type-into-signed");
  g_assert_true (stored_subjective_is (clinic, SIGNED_WORDS));

  /* Room B closes; it ended well. */
  tell_room_b (&room_b, "quit");
  WAIT_UNTIL (room_b.exited);
  g_assert_true (g_spawn_check_wait_status (room_b.status, NULL));
  close (room_b.to_b);
  close (room_b.from_b);
}

static void
test_two_rooms (void)
{
  Clinic clinic = { 0 };
  g_autofree char *conninfo = NULL;
  g_autoptr(GError) error = NULL;
  gint64 anna;

  if (!g_test_subprocess ())
    {
      if (!palpate_test_server_available ())
        return;
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                       G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  conninfo = palpate_test_server_new_database ();
  if (conninfo == NULL)
    return;

  /* The clinic: its owner, who has no passcode and is signed in as a window opens, and a
   * client with a draft. */
  palpate_test_input_init ();
  clinic.database_path = palpate_test_store_server_location (conninfo);
  clinic.seed = palpate_store_open (clinic.database_path, &error);
  g_assert_no_error (error);
  palpate_store_set_actor (clinic.seed, "Maria Rossi");
  palpate_test_clinic_add_therapist (clinic.seed, "Maria Rossi", NULL, TRUE, NULL);
  anna = palpate_test_clinic_add_client (clinic.seed, "Anna Berg");
  palpate_test_clinic_add_visit (clinic.seed, anna, 0);

  palpate_test_clinic_run (&clinic, room_a_body);

  g_free (clinic.database_path);
  palpate_test_server_drop_database (conninfo);
}

int
main (int   argc,
      char *argv[])
{
  const char *room_b_location = g_getenv ("PALPATE_TEST_ROOM_B");

  palpate_test_charting_init (&argc, &argv);
  if (room_b_location != NULL)
    return run_room_b (room_b_location);

  g_test_add_func ("/Palpate/Charting/two-rooms", test_two_rooms);
  return g_test_run ();
}
