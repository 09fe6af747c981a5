/* test-charting-clients.c — the sidebar and the client editor: opening a client by click and by
 * search, the no-touch warning, adding a client, and every control named and reached by Tab
 *
 * One named subtest per path, each through real clicks, keys and drags sent through the X
 * server (palpate-test-input), each on a clinic file of its own (palpate-test-charting.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-test-charting.h"

/* Arabic, Chinese and an emoji in one name. */
#define CLIENT_NAME "Layla حداد 李明 🌿"

/* The sidebar */

static void
open_client_by_click_body (Clinic        *clinic,
                           gconstpointer  data)
{
  g_assert_true (page_is (clinic, "none"));

  /* One click on a row opens that client, the first time. */
  palpate_test_click_client (clinic, "Bruno Costa");
  WAIT_UNTIL (palpate_test_client_shown (clinic, "Bruno Costa"));
  palpate_test_click_client (clinic, "Anna Berg");
  WAIT_UNTIL (palpate_test_client_shown (clinic, "Anna Berg"));

  /* The keyboard: down to the next row, Enter opens it. */
  palpate_test_input_key ("Down");
  palpate_test_input_key ("Return");
  WAIT_UNTIL (palpate_test_client_shown (clinic, "Bruno Costa"));
}

static void
test_open_client_by_click (Clinic        *clinic,
                           gconstpointer  data)
{
  palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  palpate_test_clinic_add_client (clinic->seed, "Bruno Costa");
  palpate_test_clinic_run (clinic, open_client_by_click_body);
}

static void
search_then_enter_body (Clinic        *clinic,
                        gconstpointer  data)
{
  /* Typed and Enter pressed at once, before the search's pause: the client now shown opens,
   * not the first one of the list as it was. */
  palpate_test_input_click (palpate_test_child (win (clinic), "search_entry"));
  palpate_test_input_type ("carla");
  palpate_test_input_key ("Return");
  WAIT_UNTIL (palpate_test_client_shown (clinic, "Carla Diaz"));
}

static void
test_search_then_enter (Clinic        *clinic,
                        gconstpointer  data)
{
  palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  palpate_test_clinic_add_client (clinic->seed, "Bruno Costa");
  palpate_test_clinic_add_client (clinic->seed, "Carla Diaz");
  palpate_test_clinic_run (clinic, search_then_enter_body);
}

static void
zone_warning_body (Clinic        *clinic,
                   gconstpointer  data)
{
  GtkWidget *list = palpate_test_child (win (clinic), "client_list");
  GtkWidget *zoned = palpate_test_find_row (list, "Anna Berg");
  GtkWidget *plain = palpate_test_find_row (list, "Bruno Costa");

  g_assert_nonnull (zoned);
  g_assert_nonnull (plain);
  g_assert_nonnull (palpate_test_find_by_tooltip (zoned, "Has no-touch zones"));
  g_assert_null (palpate_test_find_by_tooltip (plain, "Has no-touch zones"));
}

static void
test_sidebar_zone_warning (Clinic        *clinic,
                           gconstpointer  data)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  g_autoptr(GListStore) zones = g_list_store_new (PALPATE_TYPE_FINDING);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(PalpateFinding) zone = NULL;
  PalpatePoint points[6];
  PalpateView view;

  palpate_test_clinic_add_client (clinic->seed, "Bruno Costa");
  g_assert_true (palpate_atlas_place_in_region ("shin-left", rand, &view, points, 6,
                                                palpate_atlas_get_default ()));
  zone = palpate_finding_new (PALPATE_FINDING_CONTRAINDICATION, view, points, 6);
  palpate_finding_set_region_id (zone, "shin-left");
  g_list_store_append (zones, zone);
  g_assert_true (palpate_store_set_client_zones (clinic->seed, anna, G_LIST_MODEL (zones), NULL));
  palpate_test_clinic_run (clinic, zone_warning_body);
}

/* The client editor */

static PalpateClientEditor *
wait_for_editor (void)
{
  GtkWindow *editor;

  WAIT_UNTIL ((editor = palpate_test_find_toplevel (PALPATE_TYPE_CLIENT_EDITOR)) != NULL);
  g_assert_true (palpate_test_input_focus_window (editor));
  return PALPATE_CLIENT_EDITOR (editor);
}

static void
add_client_body (Clinic        *clinic,
                 gconstpointer  data)
{
  PalpateClientEditor *editor;
  GtkWidget *save;
  GtkWidget *name;
  GtkWidget *birth;
  GtkWidget *error_label;
  GtkWidget *page;

  g_assert_true (page_is (clinic, "empty"));
  palpate_test_input_click (palpate_test_child (win (clinic), "add_client_button"));
  editor = wait_for_editor ();
  save = palpate_test_child (GTK_WIDGET (editor), "save_button");
  name = palpate_test_child (GTK_WIDGET (editor), "name_row");
  birth = palpate_test_child (GTK_WIDGET (editor), "birth_date_row");
  error_label = palpate_test_child (GTK_WIDGET (editor), "error_label");

  /* No name, no saving. */
  g_assert_false (gtk_widget_is_sensitive (save));
  palpate_test_input_click (name);
  palpate_test_input_type (CLIENT_NAME);
  WAIT_UNTIL (g_strcmp0 (palpate_client_editor_get_name (editor), CLIENT_NAME) == 0);
  g_assert_true (gtk_widget_is_sensitive (save));

  /* A birth date in the future: refused on that field, everything typed still there. */
  palpate_test_input_click (birth);
  palpate_test_input_type ("2200-01-01");
  palpate_test_input_click (save);
  WAIT_UNTIL (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "future"));
  g_assert_true (gtk_widget_has_css_class (birth, "error"));
  g_assert_true (gtk_test_accessible_has_state (GTK_ACCESSIBLE (birth), GTK_ACCESSIBLE_STATE_INVALID));
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (birth),
                                                   GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE));
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  g_assert_true (gtk_widget_has_focus (birth) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)), birth));
  g_assert_cmpint (palpate_store_count_clients (clinic->store), ==, 0);
  g_assert_cmpstr (palpate_client_editor_get_name (editor), ==, CLIENT_NAME);

  /* Put right; a standing no-touch zone over the left shin, drawn with the mouse. */
  palpate_test_input_key ("<Control>a");
  palpate_test_input_type ("1980-05-17");
  WAIT_UNTIL (!gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_has_css_class (birth, "error"));
  palpate_test_chart_by_hand (palpate_client_editor_get_zones_map (editor), -1, "shin-left", 6, 7);
  WAIT_UNTIL (g_list_model_get_n_items (palpate_client_editor_get_zones (editor)) == 1);
  palpate_test_input_click (save);
  WAIT_UNTIL (palpate_test_find_toplevel (PALPATE_TYPE_CLIENT_EDITOR) == NULL);

  /* Saved and shown, with the warning mark in the sidebar. */
  g_assert_cmpint (palpate_store_count_clients (clinic->store), ==, 1);
  WAIT_UNTIL (palpate_test_client_shown (clinic, CLIENT_NAME));
  page = GTK_WIDGET (palpate_window_get_client_page (clinic->window));
  g_assert_true (palpate_test_tree_contains_text (page, "Left shin"));
  {
    GtkWidget *row = palpate_test_find_row (palpate_test_child (win (clinic), "client_list"),
                                            CLIENT_NAME);

    g_assert_nonnull (row);
    g_assert_nonnull (palpate_test_find_by_tooltip (row, "Has no-touch zones"));
  }

  /* Edit again by Ctrl+E: the name comes back; an emptied name cannot be saved. */
  palpate_test_input_key ("<Control>e");
  editor = wait_for_editor ();
  name = palpate_test_child (GTK_WIDGET (editor), "name_row");
  save = palpate_test_child (GTK_WIDGET (editor), "save_button");
  g_assert_cmpstr (palpate_client_editor_get_name (editor), ==, CLIENT_NAME);
  palpate_test_input_click (name);
  palpate_test_input_key ("<Control>a");
  palpate_test_input_key ("Delete");
  WAIT_UNTIL (!gtk_widget_is_sensitive (save));
  palpate_test_input_key ("<Control>s");
  g_assert_nonnull (palpate_test_find_toplevel (PALPATE_TYPE_CLIENT_EDITOR));
  palpate_test_input_key ("Escape");
  WAIT_UNTIL (palpate_test_find_toplevel (PALPATE_TYPE_CLIENT_EDITOR) == NULL);
  {
    g_autoptr(GPtrArray) clients = palpate_store_search_clients (clinic->store, NULL, 10, NULL);

    g_assert_cmpuint (clients->len, ==, 1);
    g_assert_cmpstr (palpate_client_get_name (clients->pdata[0]), ==, CLIENT_NAME);
  }
}

static void
test_add_client (Clinic        *clinic,
                 gconstpointer  data)
{
  palpate_test_clinic_run (clinic, add_client_body);
}

/* Accessible names and the keyboard: every control says what it is and Tab reaches it */

static gboolean
is_control (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget) ||
      gtk_widget_get_width (widget) <= 0)
    return FALSE;

  /* Parts of a control that are not controls of their own: the button inside a menu button
   * or a drop-down, the text inside an entry, the buttons of a pain scale (the scale is the
   * control), the header's window buttons (libadwaita's). */
  if (parent != NULL && (GTK_IS_MENU_BUTTON (parent) || GTK_IS_DROP_DOWN (parent)))
    return FALSE;
  if (GTK_IS_TEXT (widget) || gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW_CONTROLS) ||
      gtk_widget_get_ancestor (widget, PALPATE_TYPE_PAIN_SCALE) != NULL)
    return PALPATE_IS_PAIN_SCALE (widget);
  if (gtk_widget_get_ancestor (widget, GTK_TYPE_SPIN_BUTTON) != NULL && !GTK_IS_SPIN_BUTTON (widget))
    return FALSE;

  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_CHECK_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_TEXT_VIEW (widget) ||
         GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) ||
         ADW_IS_ENTRY_ROW (widget) || PALPATE_IS_PAIN_SCALE (widget) ||
         PALPATE_IS_REGION_CHOOSER (widget) ||
         (GTK_IS_DRAWING_AREA (widget) && gtk_widget_get_focusable (widget)) ||
         (GTK_IS_LIST_BOX_ROW (widget) && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)));
}

static void
collect_controls (GtkWidget *widget,
                  GPtrArray *controls)
{
  if (is_control (widget))
    g_ptr_array_add (controls, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_POPOVER (child) && !GTK_IS_NATIVE (child))
      collect_controls (child, controls);
}

/* A name a screen reader says: a label of its own, another widget labelling it, or, for a
 * button or a row, the text it shows. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      *gtk_button_get_label (GTK_BUTTON (widget)) != '\0')
    return TRUE;
  if (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      *adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)) != '\0')
    return TRUE;
  /* A button whose only child is a label, or a label and an image. */
  if (GTK_IS_BUTTON (widget) || GTK_IS_LIST_BOX_ROW (widget))
    {
      g_autofree char *text = palpate_test_tree_dup_text (widget);

      return text != NULL && *g_strstrip (text) != '\0';
    }

  return FALSE;
}

static char *
describe (GtkWidget *widget)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  return g_strdup_printf ("%s%s%s%s%s", G_OBJECT_TYPE_NAME (widget), id ? " #" : "", id ? id : "",
                          tooltip ? " “" : "", tooltip ? tooltip : "");
}

static gboolean
laid_out_cb (gpointer user_data)
{
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();

  collect_controls (user_data, controls);
  return controls->len > 3;
}

/* Tabs through the whole window and checks every control was reached: itself, something
 * inside it, or the list it belongs to (a list is one stop, its rows are walked with arrows). */
static void
check_names_and_tab (GtkWindow *window,
                     GtkWidget *root)
{
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) unnamed = g_string_new (NULL);
  g_autoptr(GString) unreached = g_string_new (NULL);
  GtkWidget *first = NULL;

  /* A page still sliding in is not laid out yet: its controls are counted once it is. */
  g_assert_true (palpate_test_wait_for (laid_out_cb, root, 20000));
  collect_controls (root, controls);
  g_assert_cmpuint (controls->len, >, 3);

  for (guint i = 0; i < controls->len; i++)
    if (!has_accessible_name (controls->pdata[i]))
      {
        g_autofree char *what = describe (controls->pdata[i]);

        g_string_append_printf (unnamed, "\n  %s", what);
      }

  for (guint i = 0; i < 4 * controls->len + 40; i++)
    {
      GtkWidget *focus;

      palpate_test_input_key ("Tab");
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL)
        continue;
      if (focus == first)
        break;
      if (first == NULL)
        first = focus;
      for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
        g_hash_table_add (reached, w);
    }

  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = controls->pdata[i];
      GtkWidget *list = gtk_widget_get_ancestor (control, GTK_TYPE_LIST_BOX);
      gboolean ok = g_hash_table_contains (reached, control) ||
                    (list != NULL && g_hash_table_contains (reached, list));
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, reached);
      while (!ok && g_hash_table_iter_next (&iter, &key, NULL))
        ok = gtk_widget_is_ancestor (key, control);

      if (!ok)
        {
          g_autofree char *what = describe (control);

          g_string_append_printf (unreached, "\n  %s", what);
        }
    }

  if (unnamed->len > 0 || unreached->len > 0)
    g_error ("Controls without an accessible name:%s\nControls Tab does not reach:%s",
             unnamed->str, unreached->str);
}

static void
accessible_body (Clinic        *clinic,
                 gconstpointer  data)
{
  PalpateClientEditor *editor;

  /* The main window with the client's page. */
  palpate_test_click_client (clinic, "Anna Berg");
  WAIT_UNTIL (palpate_test_client_shown (clinic, "Anna Berg"));
  check_names_and_tab (GTK_WINDOW (clinic->window), win (clinic));

  /* The visit page: earlier findings to review, the chain, the forms. */
  palpate_test_open_latest_visit (clinic, "Anna Berg");
  check_names_and_tab (GTK_WINDOW (clinic->window), win (clinic));

  /* The client editor. */
  palpate_test_input_key ("<Control>e");
  editor = wait_for_editor ();
  check_names_and_tab (GTK_WINDOW (editor), GTK_WIDGET (editor));
  palpate_test_input_key ("Escape");
}

static void
test_accessible (Clinic        *clinic,
                 gconstpointer  data)
{
  gint64 anna = palpate_test_clinic_add_client (clinic->seed, "Anna Berg");
  gint64 earlier = palpate_test_clinic_add_visit (clinic->seed, anna, 7);

  palpate_test_clinic_add_finding (clinic->seed, earlier, PALPATE_FINDING_TRIGGER_POINT_ACTIVE,
                                   "trapezius-upper-left", 7);
  palpate_test_clinic_sign_visit (clinic->seed, earlier);
  palpate_test_clinic_add_visit (clinic->seed, anna, 0);
  palpate_test_clinic_run (clinic, accessible_body);
}

int
main (int   argc,
      char *argv[])
{
  palpate_test_charting_init (&argc, &argv);

  PALPATE_TEST_CHARTING_ADD ("add-client", test_add_client);
  PALPATE_TEST_CHARTING_ADD ("open-client-by-click", test_open_client_by_click);
  PALPATE_TEST_CHARTING_ADD ("search-then-enter", test_search_then_enter);
  PALPATE_TEST_CHARTING_ADD ("sidebar-zone-warning", test_sidebar_zone_warning);
  PALPATE_TEST_CHARTING_ADD ("accessible-names-and-tab", test_accessible);

  return g_test_run ();
}
