/* palpate-chain-partners.h — the kinetic-chain partners still to assess at a visit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "palpate-finding.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_CHAIN_PARTNERS (palpate_chain_partners_get_type ())

G_DECLARE_FINAL_TYPE (PalpateChainPartners, palpate_chain_partners, PALPATE, CHAIN_PARTNERS,
                      GObject)

PalpateChainPartners *palpate_chain_partners_new           (void);
void                  palpate_chain_partners_note_finding  (PalpateChainPartners *self,
                                                            PalpateFinding       *finding,
                                                            GListModel           *findings,
                                                            const char * const   *partner_ids,
                                                            const char * const   *reasons);
gboolean              palpate_chain_partners_dismiss       (PalpateChainPartners *self,
                                                            const char           *region_id);
void                  palpate_chain_partners_dismiss_all   (PalpateChainPartners *self);
guint                 palpate_chain_partners_get_n_partners (PalpateChainPartners *self);
GStrv                 palpate_chain_partners_dup_region_ids (PalpateChainPartners *self);
const char           *palpate_chain_partners_get_reason    (PalpateChainPartners *self,
                                                            const char           *region_id);

G_END_DECLS
