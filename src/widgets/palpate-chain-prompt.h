/* palpate-chain-prompt.h — the kinetic-chain reminder on the visit page: regions to assess too
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-finding.h"

G_BEGIN_DECLS

#define PALPATE_TYPE_CHAIN_PROMPT (palpate_chain_prompt_get_type ())

G_DECLARE_FINAL_TYPE (PalpateChainPrompt, palpate_chain_prompt, PALPATE, CHAIN_PROMPT,
                      AdwPreferencesGroup)

void  palpate_chain_prompt_note_finding    (PalpateChainPrompt *self,
                                            PalpateFinding     *finding,
                                            GListModel         *findings);
void  palpate_chain_prompt_clear           (PalpateChainPrompt *self);
void  palpate_chain_prompt_set_editable    (PalpateChainPrompt *self,
                                            gboolean            editable);
GStrv palpate_chain_prompt_dup_highlighted (PalpateChainPrompt *self);

G_END_DECLS
