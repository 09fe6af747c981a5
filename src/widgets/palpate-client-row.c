/* palpate-client-row.c — a client as the sidebar lists them: name, visits, a mark for care
 *
 * The row of a list view's item: the item takes the focus and the keys, the row only shows
 * the client, so it is neither focusable nor activatable itself (a list box row outside a list
 * box must never be asked to take the focus).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-client-row"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-client-row.h"
#include "palpate-date.h"

struct _PalpateClientRow
{
  AdwActionRow  parent_instance;

  GtkWidget    *mark;  /* contraindications or no-touch zones: care before touching */
};

G_DEFINE_FINAL_TYPE (PalpateClientRow, palpate_client_row, ADW_TYPE_ACTION_ROW)

/* "12 visits · last 3 Nov 2026" */
static char *
describe_visits (PalpateClient *client)
{
  GString *subtitle = g_string_new (NULL);
  int visits = palpate_client_get_visit_count (client);
  GDateTime *last = palpate_client_get_last_visit_at (client);

  if (visits == 0)
    g_string_append (subtitle, _("No visits yet"));
  else
    g_string_append_printf (subtitle,
                            g_dngettext (GETTEXT_PACKAGE, "%d visit", "%d visits", visits),
                            visits);
  if (last != NULL)
    {
      g_autofree char *date = palpate_format_day (last);

      /* Translators: after the number of visits, "12 visits · last 3 Nov 2026" */
      g_string_append_printf (subtitle, _(" · last %s"), date);
    }

  return g_string_free (subtitle, FALSE);
}

static void
palpate_client_row_class_init (PalpateClientRowClass *klass)
{
}

static void
palpate_client_row_init (PalpateClientRow *self)
{
  gtk_widget_set_can_focus (GTK_WIDGET (self), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 1);

  self->mark = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (self->mark, "warning");
  gtk_widget_set_visible (self->mark, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->mark);
}

GtkWidget *
palpate_client_row_new (void)
{
  return g_object_new (PALPATE_TYPE_CLIENT_ROW, NULL);
}

/**
 * palpate_client_row_set_client:
 * @zoned: whether the client has standing no-touch zones
 *
 * Shows @client: name, visits and the mark that asks for care, with its tooltip and its
 * accessible name.
 */
void
palpate_client_row_set_client (PalpateClientRow *self,
                               PalpateClient    *client,
                               gboolean          zoned)
{
  const char * const *contraindications;
  g_autofree char *subtitle = NULL;
  const char *caution = NULL;
  gboolean contraindicated;

  g_return_if_fail (PALPATE_IS_CLIENT_ROW (self));
  g_return_if_fail (PALPATE_IS_CLIENT (client));

  contraindications = palpate_client_get_contraindications (client);
  contraindicated = contraindications != NULL && contraindications[0] != NULL;
  subtitle = describe_visits (client);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 palpate_client_get_name (client) ? palpate_client_get_name (client)
                                                                  : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  /* General contraindications and standing no-touch zones both ask for care before touching. */
  if (contraindicated && zoned)
    caution = _("Has contraindications and no-touch zones");
  else if (contraindicated)
    caution = _("Has contraindications");
  else if (zoned)
    caution = _("Has no-touch zones");

  gtk_widget_set_visible (self->mark, caution != NULL);
  gtk_widget_set_tooltip_text (self->mark, caution);
  if (caution != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->mark), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    caution, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->mark), GTK_ACCESSIBLE_PROPERTY_LABEL);
}
