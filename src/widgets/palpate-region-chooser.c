/* palpate-region-chooser.c — a button that opens a searchable list of the body's regions
 *
 * The technique form asks where a technique was applied. The regions charted today come
 * first; typing finds any region by the start of any word of its name, in any order, whatever
 * the case and accents ("upper trap", "trapezius", "TRAPÉZIUS" all find "Left upper
 * trapezius"). Enter takes the first match.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-region-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-atlas.h"
#include "palpate-region-chooser.h"

struct _PalpateRegionChooser
{
  GtkWidget           parent_instance;

  GtkWidget          *button;
  GtkWidget          *button_label;
  GtkWidget          *popover;
  GtkWidget          *search;
  GtkListBox         *list;

  GListStore         *regions;   /* GtkStringObject: region ids, today's first */
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GPtrArray          *words;     /* the search's folded words */
  GStrv               suggested;
  char               *region_id;
};

enum {
  PROP_0,
  PROP_REGION_ID,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PalpateRegionChooser, palpate_region_chooser, GTK_TYPE_WIDGET)

static GParamSpec *properties [N_PROPS];

/* Lower case without accents, split into words: "Trapèze, upper" → "trapeze", "upper". */
static GPtrArray *
fold_words (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFD);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      if (g_unichar_isalnum (c))
        g_string_append_unichar (word, g_unichar_tolower (c));
      else if (word->len > 0)
        {
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
    }
  if (word->len > 0)
    g_ptr_array_add (words, g_strdup (word->str));

  return words;
}

static gboolean
words_match (GPtrArray *name_words,
             GPtrArray *search_words)
{
  for (guint s = 0; s < search_words->len; s++)
    {
      gboolean found = FALSE;

      for (guint n = 0; n < name_words->len && !found; n++)
        found = g_str_has_prefix (name_words->pdata[n], search_words->pdata[s]);
      if (!found)
        return FALSE;
    }

  return TRUE;
}

static const char *
name_of (const char *region_id)
{
  const PalpateRegion *region = palpate_atlas_lookup_region (palpate_atlas_get_default (),
                                                             region_id);

  return region ? palpate_region_get_name (region) : NULL;
}

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  PalpateRegionChooser *self = PALPATE_REGION_CHOOSER (user_data);
  g_autoptr(GPtrArray) name_words = NULL;

  if (self->words == NULL || self->words->len == 0)
    return TRUE;

  name_words = fold_words (name_of (gtk_string_object_get_string (item)));
  return words_match (name_words, self->words);
}

static gboolean
is_suggested (PalpateRegionChooser *self,
              const char           *region_id)
{
  return self->suggested != NULL && g_strv_contains ((const char * const *) self->suggested,
                                                     region_id);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  PalpateRegionChooser *self = PALPATE_REGION_CHOOSER (user_data);
  const char *id = gtk_string_object_get_string (item);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (name_of (id));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  if (is_suggested (self, id))
    {
      GtkWidget *today = gtk_label_new (_("Charted today"));

      gtk_widget_add_css_class (today, "dim-label");
      gtk_widget_add_css_class (today, "caption");
      gtk_box_append (GTK_BOX (box), today);
    }
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name_of (id), -1);
  return row;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (palpate_region_get_name (*(const PalpateRegion **) a),
                         palpate_region_get_name (*(const PalpateRegion **) b));
}

/* Today's regions first, then every other region by name. */
static void
fill_regions (PalpateRegionChooser *self)
{
  PalpateAtlas *atlas = palpate_atlas_get_default ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (PalpateView view = PALPATE_VIEW_ANTERIOR; view <= PALPATE_VIEW_POSTERIOR; view++)
    {
      GPtrArray *regions = palpate_atlas_get_regions (atlas, view);

      for (guint i = 0; i < regions->len; i++)
        if (!is_suggested (self, palpate_region_get_id (regions->pdata[i])))
          g_ptr_array_add (others, regions->pdata[i]);
    }
  g_ptr_array_sort (others, compare_names);

  for (guint i = 0; self->suggested != NULL && self->suggested[i] != NULL; i++)
    if (name_of (self->suggested[i]) != NULL)
      g_ptr_array_add (items, gtk_string_object_new (self->suggested[i]));
  for (guint i = 0; i < others->len; i++)
    g_ptr_array_add (items, gtk_string_object_new (palpate_region_get_id (others->pdata[i])));

  g_list_store_splice (self->regions, 0, g_list_model_get_n_items (G_LIST_MODEL (self->regions)),
                       items->pdata, items->len);
}

static void
update_button (PalpateRegionChooser *self)
{
  const char *name = self->region_id ? name_of (self->region_id) : NULL;
  g_autofree char *description = NULL;

  gtk_label_set_text (GTK_LABEL (self->button_label), name ? name : _("Choose a region"));
  description = g_strdup_printf (_("Region: %s"), name ? name : _("none chosen"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
}

static void
choose (PalpateRegionChooser *self,
        const char           *region_id)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  palpate_region_chooser_set_region_id (self, region_id);
}

static void
search_changed_cb (PalpateRegionChooser *self)
{
  g_clear_pointer (&self->words, g_ptr_array_unref);
  self->words = fold_words (gtk_editable_get_text (GTK_EDITABLE (self->search)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
search_activate_cb (PalpateRegionChooser *self)
{
  g_autoptr(GtkStringObject) first = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0);

  if (first != NULL)
    choose (self, gtk_string_object_get_string (first));
}

static void
row_activated_cb (PalpateRegionChooser *self,
                  GtkListBoxRow        *row)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->filtered),
                                                           gtk_list_box_row_get_index (row));

  if (item != NULL)
    choose (self, gtk_string_object_get_string (item));
}

static void
popover_show_cb (PalpateRegionChooser *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  gtk_widget_grab_focus (self->search);
}

static void
palpate_region_chooser_dispose (GObject *object)
{
  PalpateRegionChooser *self = PALPATE_REGION_CHOOSER (object);

  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_object (&self->filtered);
  g_clear_object (&self->regions);
  g_clear_pointer (&self->words, g_ptr_array_unref);
  g_clear_pointer (&self->suggested, g_strfreev);
  g_clear_pointer (&self->region_id, g_free);

  G_OBJECT_CLASS (palpate_region_chooser_parent_class)->dispose (object);
}

static void
palpate_region_chooser_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PalpateRegionChooser *self = PALPATE_REGION_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_REGION_ID:
      g_value_set_string (value, self->region_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_region_chooser_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PalpateRegionChooser *self = PALPATE_REGION_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_REGION_ID:
      palpate_region_chooser_set_region_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_region_chooser_class_init (PalpateRegionChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_region_chooser_dispose;
  object_class->get_property = palpate_region_chooser_get_property;
  object_class->set_property = palpate_region_chooser_set_property;

  /**
   * PalpateRegionChooser:region-id:
   *
   * The chosen region's id, or %NULL while none is chosen.
   */
  properties [PROP_REGION_ID] =
    g_param_spec_string ("region-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "regionchooser");
}

static void
palpate_region_chooser_init (PalpateRegionChooser *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *popover_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->regions = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->regions)),
                                              GTK_FILTER (self->filter));

  self->button_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->button_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->button_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->button_label, TRUE);
  gtk_box_append (GTK_BOX (box), self->button_label);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_halign (box, GTK_ALIGN_FILL);

  self->search = gtk_search_entry_new ();
  g_object_set (self->search, "placeholder-text", _("Search, for example “upper trap”"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search regions"), -1);
  /* Every keystroke filters at once, so that Enter takes the first match of what is typed. */
  g_signal_connect_swapped (self->search, "changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search, "activate", G_CALLBACK (search_activate_cb), self);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->filtered), create_row_cb, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Regions"), -1);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (popover_box), self->search);
  gtk_box_append (GTK_BOX (popover_box), scrolled);
  gtk_widget_set_size_request (popover_box, 280, -1);

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), popover_box);
  g_signal_connect_swapped (self->popover, "map", G_CALLBACK (popover_show_cb), self);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->button), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), self->popover);
  gtk_widget_set_tooltip_text (self->button, _("Region"));
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));

  fill_regions (self);
  update_button (self);
}

GtkWidget *
palpate_region_chooser_new (void)
{
  return g_object_new (PALPATE_TYPE_REGION_CHOOSER, NULL);
}

/**
 * palpate_region_chooser_get_region_id:
 *
 * Returns: (nullable): the chosen region
 */
const char *
palpate_region_chooser_get_region_id (PalpateRegionChooser *self)
{
  g_return_val_if_fail (PALPATE_IS_REGION_CHOOSER (self), NULL);

  return self->region_id;
}

void
palpate_region_chooser_set_region_id (PalpateRegionChooser *self,
                                      const char           *region_id)
{
  g_return_if_fail (PALPATE_IS_REGION_CHOOSER (self));

  if (region_id != NULL && name_of (region_id) == NULL)
    region_id = NULL;
  if (g_strcmp0 (self->region_id, region_id) == 0)
    return;

  g_free (self->region_id);
  self->region_id = g_strdup (region_id);
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REGION_ID]);
}

/**
 * palpate_region_chooser_set_suggested:
 * @region_ids: (nullable): regions to list first, such as those charted today
 */
void
palpate_region_chooser_set_suggested (PalpateRegionChooser *self,
                                      const char * const   *region_ids)
{
  g_return_if_fail (PALPATE_IS_REGION_CHOOSER (self));

  if (self->suggested == NULL && (region_ids == NULL || region_ids[0] == NULL))
    return;
  if (self->suggested != NULL && region_ids != NULL &&
      g_strv_equal ((const char * const *) self->suggested, region_ids))
    return;

  g_clear_pointer (&self->suggested, g_strfreev);
  self->suggested = g_strdupv ((char **) region_ids);
  fill_regions (self);
}
