/* palpate-vocabulary.c — the fixed lists a client's record chooses from
 *
 * The conditions are those seen most in back, neck and shoulder clients (DESIGN.md §2); the
 * general contraindications are the ones that rule out a session or change it as a whole, local
 * ones being drawn on the body chart instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-vocabulary.h"

static const PalpateVocabularyEntry conditions[] = {
  { "muscle-strain", N_("Muscle strain") },
  { "acute-spasm", N_("Acute back spasm (“thrown-out back”)") },
  { "disc", N_("Disc herniation or bulge") },
  { "arthritis", N_("Arthritis") },
  { "scoliosis", N_("Scoliosis") },
  { "fibromyalgia", N_("Fibromyalgia") },
  { "chronic-pain", N_("Chronic pain") },
  { "postural-strain", N_("Postural strain") },
  { "sports-injury", N_("Sports injury") },
  { "stress", N_("Stress and tension") },
};

static const PalpateVocabularyEntry general_contraindications[] = {
  { "fever", N_("Fever") },
  { "contagious-illness", N_("Contagious illness") },
  { "recent-dvt", N_("Recent deep vein thrombosis") },
  { "unstable-blood-pressure", N_("Unstable blood pressure") },
  { "anticoagulants", N_("Takes blood thinners") },
  { "pregnancy", N_("Pregnancy") },
};

static const PalpateVocabularyEntry practitioner_roles[] = {
  { "chiropractor", N_("Chiropractor") },
  { "physiotherapist", N_("Physiotherapist") },
  { "physician", N_("Physician") },
  { "naturopath", N_("Naturopath") },
  { "dry-needling", N_("Dry needling practitioner") },
};

const PalpateVocabularyEntry *
palpate_conditions_get (guint *n_entries)
{
  *n_entries = G_N_ELEMENTS (conditions);
  return conditions;
}

const PalpateVocabularyEntry *
palpate_general_contraindications_get (guint *n_entries)
{
  *n_entries = G_N_ELEMENTS (general_contraindications);
  return general_contraindications;
}

const PalpateVocabularyEntry *
palpate_practitioner_roles_get (guint *n_entries)
{
  *n_entries = G_N_ELEMENTS (practitioner_roles);
  return practitioner_roles;
}

/**
 * palpate_vocabulary_get_name:
 *
 * Returns: the translated name of the entry with @id, or @id itself for a value the list does
 *   not know (a clinic's own wording, kept as typed)
 */
const char *
palpate_vocabulary_get_name (const PalpateVocabularyEntry *entries,
                             guint                         n_entries,
                             const char                   *id)
{
  for (guint i = 0; i < n_entries; i++)
    if (g_strcmp0 (entries[i].id, id) == 0)
      return _(entries[i].name);

  return id;
}
