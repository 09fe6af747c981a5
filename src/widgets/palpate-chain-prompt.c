/* palpate-chain-prompt.c — the kinetic-chain reminder on the visit page: regions to assess too
 *
 * A finding in a region asks to assess its partners along the kinetic chain (the rule is
 * PalpateChainPartners, the links come from the atlas). They fit in one row that names them;
 * opened, it gives each one's reason, with Assessed and Dismiss. Dismissed, or once the visit is
 * signed, nothing of them is drawn over the figure: the page asks for the regions to highlight
 * whenever the prompt says it changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-chain-prompt"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-chain-prompt.h"
#include "palpate-atlas.h"
#include "palpate-chain-partners.h"

struct _PalpateChainPrompt
{
  AdwPreferencesGroup   parent_instance;

  PalpateChainPartners *partners;
  gboolean              editable;

  /* Template widgets */
  GtkListBox           *chain_list;
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (PalpateChainPrompt, palpate_chain_prompt, ADW_TYPE_PREFERENCES_GROUP)

static guint signals [N_SIGNALS];

static GtkWidget *
create_partner_row (const char *region_id,
                    const char *reason)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *assessed = gtk_button_new_with_label (_("Assessed"));
  GtkWidget *dismiss = gtk_button_new_from_icon_name ("window-close-symbolic");
  const char *name = palpate_region_name_for_id (region_id);
  g_autofree char *tooltip = g_strdup_printf (_("Dismiss: %s"), name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_valign (assessed, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (dismiss, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (dismiss, tooltip);
  gtk_widget_add_css_class (dismiss, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (assessed), "chain.done");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (assessed), "s", region_id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (dismiss), "chain.done");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (dismiss), "s", region_id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), assessed);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dismiss);
  return row;
}

static void
refresh (PalpateChainPrompt *self)
{
  guint n = palpate_chain_partners_get_n_partners (self->partners);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_auto(GStrv) ids = NULL;
  GtkWidget *dismiss_all;
  GtkWidget *expander;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chain_list))) != NULL)
    gtk_list_box_remove (self->chain_list, child);

  gtk_widget_set_visible (GTK_WIDGET (self), n > 0 && self->editable);
  if (n == 0 || !self->editable)
    {
      g_signal_emit (self, signals [CHANGED], 0);
      return;
    }

  expander = adw_expander_row_new ();
  /* Translators: the kinetic-chain reminder, "Also assess (3)" */
  title = g_strdup_printf (_("Also assess (%u)"), n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  dismiss_all = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_set_valign (dismiss_all, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dismiss_all, "flat");
  gtk_widget_set_tooltip_text (dismiss_all, _("Dismiss All"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (dismiss_all), "chain.dismiss-all");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), dismiss_all);

  ids = palpate_chain_partners_dup_region_ids (self->partners);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *reason = palpate_chain_partners_get_reason (self->partners, ids[i]);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), create_partner_row (ids[i], reason));
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "",
                              palpate_region_name_for_id (ids[i]));
    }

  /* One line, whatever the number: the names are in the rows it opens, and in its tooltip. */
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("Linked along the kinetic chain"));
  gtk_widget_set_tooltip_text (expander, names->str);
  gtk_list_box_append (self->chain_list, expander);

  g_signal_emit (self, signals [CHANGED], 0);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PalpateChainPrompt *self = PALPATE_CHAIN_PROMPT (widget);

  palpate_chain_partners_dismiss (self->partners, g_variant_get_string (parameter, NULL));
  refresh (self);
}

static void
dismiss_all_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PalpateChainPrompt *self = PALPATE_CHAIN_PROMPT (widget);

  palpate_chain_partners_dismiss_all (self->partners);
  refresh (self);
}

static void
palpate_chain_prompt_dispose (GObject *object)
{
  PalpateChainPrompt *self = PALPATE_CHAIN_PROMPT (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PALPATE_TYPE_CHAIN_PROMPT);
  g_clear_object (&self->partners);

  G_OBJECT_CLASS (palpate_chain_prompt_parent_class)->dispose (object);
}

static void
palpate_chain_prompt_class_init (PalpateChainPromptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = palpate_chain_prompt_dispose;

  /**
   * PalpateChainPrompt::changed:
   *
   * The regions to assess changed: the body map highlights palpate_chain_prompt_dup_highlighted().
   */
  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/palpate-chain-prompt.ui");
  gtk_widget_class_bind_template_child (widget_class, PalpateChainPrompt, chain_list);

  gtk_widget_class_install_action (widget_class, "chain.done", "s", done_action);
  gtk_widget_class_install_action (widget_class, "chain.dismiss-all", NULL, dismiss_all_action);
}

static void
palpate_chain_prompt_init (PalpateChainPrompt *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->partners = palpate_chain_partners_new ();
  self->editable = TRUE;
}

/**
 * palpate_chain_prompt_note_finding:
 * @finding: a finding just charted
 * @findings: (element-type PalpateFinding): every finding of the visit, @finding among them
 *
 * Asks to assess the partners of @finding's region that are not charted yet.
 */
void
palpate_chain_prompt_note_finding (PalpateChainPrompt *self,
                                   PalpateFinding     *finding,
                                   GListModel         *findings)
{
  g_autoptr(GStrvBuilder) partner_ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) reasons = g_strv_builder_new ();
  g_autoptr(GArray) links = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) why = NULL;

  g_return_if_fail (PALPATE_IS_CHAIN_PROMPT (self));
  g_return_if_fail (PALPATE_IS_FINDING (finding));

  links = palpate_atlas_get_chain_links (palpate_atlas_get_default (),
                                         palpate_finding_get_region_id (finding));
  for (guint i = 0; i < links->len; i++)
    {
      PalpateChainLink *link = &g_array_index (links, PalpateChainLink, i);

      g_strv_builder_add (partner_ids, palpate_region_get_id (link->partner));
      g_strv_builder_add (reasons, link->reason);
    }
  ids = g_strv_builder_end (partner_ids);
  why = g_strv_builder_end (reasons);

  palpate_chain_partners_note_finding (self->partners, finding, findings,
                                       (const char * const *) ids, (const char * const *) why);
  refresh (self);
}

/**
 * palpate_chain_prompt_clear:
 *
 * Forgets every region to assess: another visit is shown.
 */
void
palpate_chain_prompt_clear (PalpateChainPrompt *self)
{
  g_return_if_fail (PALPATE_IS_CHAIN_PROMPT (self));

  palpate_chain_partners_dismiss_all (self->partners);
  refresh (self);
}

/**
 * palpate_chain_prompt_set_editable:
 *
 * A signed visit asks for nothing more: the prompt hides and highlights nothing.
 */
void
palpate_chain_prompt_set_editable (PalpateChainPrompt *self,
                                   gboolean            editable)
{
  g_return_if_fail (PALPATE_IS_CHAIN_PROMPT (self));

  self->editable = !!editable;
  refresh (self);
}

/**
 * palpate_chain_prompt_dup_highlighted:
 *
 * Returns: (transfer full) (nullable): the regions to highlight over the figure, or %NULL for
 *   none
 */
GStrv
palpate_chain_prompt_dup_highlighted (PalpateChainPrompt *self)
{
  g_return_val_if_fail (PALPATE_IS_CHAIN_PROMPT (self), NULL);

  if (!self->editable || palpate_chain_partners_get_n_partners (self->partners) == 0)
    return NULL;

  return palpate_chain_partners_dup_region_ids (self->partners);
}
