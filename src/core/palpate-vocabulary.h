/* palpate-vocabulary.h — the fixed lists a client's record chooses from: conditions, general
 * contraindications and the practitioners who share a client's care
 *
 * Each entry has a stable id, kept in the database, and a translated name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *id;
  const char *name;   /* untranslated; use palpate_vocabulary_get_name () */
} PalpateVocabularyEntry;

const PalpateVocabularyEntry *palpate_conditions_get               (guint *n_entries);
const PalpateVocabularyEntry *palpate_general_contraindications_get (guint *n_entries);
const PalpateVocabularyEntry *palpate_practitioner_roles_get       (guint *n_entries);
const char                   *palpate_vocabulary_get_name          (const PalpateVocabularyEntry *entries,
                                                                    guint                         n_entries,
                                                                    const char                   *id);

G_END_DECLS
