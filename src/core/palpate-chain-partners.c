/* palpate-chain-partners.c — the kinetic-chain partners still to assess at a visit
 *
 * A finding in one region asks to assess the regions linked to it along the kinetic chain (low
 * back findings, the hamstrings: tight ones tilt the pelvis backwards and load the low back).
 * The atlas knows the links; this object keeps the rule of which of them are still to assess
 * at this visit:
 *
 * - a no-touch finding or a cleared region asks for nothing;
 * - a partner already charted at this visit is assessed, and so is the region just charted;
 * - a partner stays until the therapist marks it assessed or dismisses it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-chain-partners"

#include "config.h"

#include "palpate-chain-partners.h"

struct _PalpateChainPartners
{
  GObject     parent_instance;

  GHashTable *reasons;   /* region id → why it is linked, still to assess */
};

G_DEFINE_FINAL_TYPE (PalpateChainPartners, palpate_chain_partners, G_TYPE_OBJECT)

static gboolean
region_has_finding (GListModel *findings,
                    const char *region_id)
{
  guint n = g_list_model_get_n_items (findings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PalpateFinding) finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (palpate_finding_get_region_id (finding), region_id) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
palpate_chain_partners_finalize (GObject *object)
{
  PalpateChainPartners *self = PALPATE_CHAIN_PARTNERS (object);

  g_clear_pointer (&self->reasons, g_hash_table_unref);

  G_OBJECT_CLASS (palpate_chain_partners_parent_class)->finalize (object);
}

static void
palpate_chain_partners_class_init (PalpateChainPartnersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = palpate_chain_partners_finalize;
}

static void
palpate_chain_partners_init (PalpateChainPartners *self)
{
  self->reasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

PalpateChainPartners *
palpate_chain_partners_new (void)
{
  return g_object_new (PALPATE_TYPE_CHAIN_PARTNERS, NULL);
}

/**
 * palpate_chain_partners_note_finding:
 * @finding: a finding just charted
 * @findings: (element-type PalpateFinding): every finding of the visit, @finding among them
 * @partner_ids: (array zero-terminated=1): the regions linked to @finding's region
 * @reasons: (array zero-terminated=1): why each is linked, in the same order
 *
 * Adds the partners of @finding's region still to assess, and counts its own region assessed.
 */
void
palpate_chain_partners_note_finding (PalpateChainPartners *self,
                                     PalpateFinding       *finding,
                                     GListModel           *findings,
                                     const char * const   *partner_ids,
                                     const char * const   *reasons)
{
  PalpateFindingKind kind;

  g_return_if_fail (PALPATE_IS_CHAIN_PARTNERS (self));
  g_return_if_fail (PALPATE_IS_FINDING (finding));
  g_return_if_fail (G_IS_LIST_MODEL (findings));
  g_return_if_fail (partner_ids != NULL && reasons != NULL);
  g_return_if_fail (g_strv_length ((char **) partner_ids) == g_strv_length ((char **) reasons));

  kind = palpate_finding_get_kind (finding);
  if (kind == PALPATE_FINDING_CONTRAINDICATION || kind == PALPATE_FINDING_CLEARED)
    return;

  for (guint i = 0; partner_ids[i] != NULL; i++)
    if (!region_has_finding (findings, partner_ids[i]) &&
        !g_hash_table_contains (self->reasons, partner_ids[i]))
      g_hash_table_insert (self->reasons, g_strdup (partner_ids[i]), g_strdup (reasons[i]));

  /* A region charted is assessed. */
  g_hash_table_remove (self->reasons, palpate_finding_get_region_id (finding));
}

/**
 * palpate_chain_partners_dismiss:
 *
 * Takes @region_id off the list: assessed, or not to be assessed at this visit.
 *
 * Returns: whether it was on the list
 */
gboolean
palpate_chain_partners_dismiss (PalpateChainPartners *self,
                                const char           *region_id)
{
  g_return_val_if_fail (PALPATE_IS_CHAIN_PARTNERS (self), FALSE);

  return region_id != NULL && g_hash_table_remove (self->reasons, region_id);
}

void
palpate_chain_partners_dismiss_all (PalpateChainPartners *self)
{
  g_return_if_fail (PALPATE_IS_CHAIN_PARTNERS (self));

  g_hash_table_remove_all (self->reasons);
}

guint
palpate_chain_partners_get_n_partners (PalpateChainPartners *self)
{
  g_return_val_if_fail (PALPATE_IS_CHAIN_PARTNERS (self), 0);

  return g_hash_table_size (self->reasons);
}

/**
 * palpate_chain_partners_dup_region_ids:
 *
 * Returns: (transfer full): the regions still to assess, in no particular but a stable order
 */
GStrv
palpate_chain_partners_dup_region_ids (PalpateChainPartners *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (PALPATE_IS_CHAIN_PARTNERS (self), NULL);

  g_hash_table_iter_init (&iter, self->reasons);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_strv_builder_add (builder, key);

  return g_strv_builder_end (builder);
}

/**
 * palpate_chain_partners_get_reason:
 *
 * Returns: (nullable): why @region_id is to be assessed, or %NULL if it is not on the list
 */
const char *
palpate_chain_partners_get_reason (PalpateChainPartners *self,
                                   const char           *region_id)
{
  g_return_val_if_fail (PALPATE_IS_CHAIN_PARTNERS (self), NULL);

  return region_id ? g_hash_table_lookup (self->reasons, region_id) : NULL;
}
