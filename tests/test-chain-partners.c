/* test-chain-partners.c — the kinetic-chain prompt's rule: which partner regions a visit's
 * findings ask to assess, which they do not, and how the therapist takes them off the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-chain-partners.h"

static const char * const low_back_partners[] = { "hamstrings-left", "gluteus-medius-left", NULL };
static const char * const low_back_reasons[] = {
  "Tight hamstrings tilt the pelvis backwards and load the low back.",
  "Weak glutes make the low-back muscles overwork to steady the pelvis.",
  NULL,
};
static const char * const hamstring_partners[] = { "quadratus-lumborum-left", NULL };
static const char * const hamstring_reasons[] = { "The pelvis links them.", NULL };
static const char * const none[] = { NULL };

static PalpateFinding *
chart (GListStore         *findings,
       PalpateFindingKind  kind,
       const char         *region_id)
{
  const PalpatePoint point = { 100, 500 };
  PalpateFinding *finding = palpate_finding_new (kind, PALPATE_VIEW_POSTERIOR, &point, 1);

  palpate_finding_set_region_id (finding, region_id);
  g_list_store_append (findings, finding);
  return finding;
}

static void
assert_partners (PalpateChainPartners *partners,
                 const char * const   *expected)
{
  g_auto(GStrv) ids = palpate_chain_partners_dup_region_ids (partners);

  g_assert_cmpuint (palpate_chain_partners_get_n_partners (partners), ==,
                    g_strv_length ((char **) expected));
  g_assert_cmpuint (g_strv_length (ids), ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_true (g_strv_contains ((const char * const *) ids, expected[i]));
}

static void
test_chain_partners_prompt (void)
{
  g_autoptr(PalpateChainPartners) partners = palpate_chain_partners_new ();
  g_autoptr(GListStore) findings = g_list_store_new (PALPATE_TYPE_FINDING);
  g_autoptr(PalpateFinding) low_back = NULL;
  g_autoptr(PalpateFinding) again = NULL;

  assert_partners (partners, none);

  low_back = chart (findings, PALPATE_FINDING_TRIGGER_POINT_ACTIVE, "quadratus-lumborum-left");
  palpate_chain_partners_note_finding (partners, low_back, G_LIST_MODEL (findings),
                                       low_back_partners, low_back_reasons);
  assert_partners (partners, low_back_partners);
  g_assert_cmpstr (palpate_chain_partners_get_reason (partners, "hamstrings-left"), ==,
                   low_back_reasons[0]);
  g_assert_null (palpate_chain_partners_get_reason (partners, "quadratus-lumborum-left"));

  /* The same region charted again asks for nothing new, and keeps each partner once. */
  again = chart (findings, PALPATE_FINDING_TENDER_POINT, "quadratus-lumborum-left");
  palpate_chain_partners_note_finding (partners, again, G_LIST_MODEL (findings),
                                       low_back_partners, low_back_reasons);
  assert_partners (partners, low_back_partners);
}

/* Charting a partner assesses it; a partner charted before is never asked for. */
static void
test_chain_partners_charted_is_assessed (void)
{
  g_autoptr(PalpateChainPartners) partners = palpate_chain_partners_new ();
  g_autoptr(GListStore) findings = g_list_store_new (PALPATE_TYPE_FINDING);
  g_autoptr(PalpateFinding) hamstring = NULL;
  g_autoptr(PalpateFinding) low_back = NULL;
  static const char * const glutes_only[] = { "gluteus-medius-left", NULL };

  hamstring = chart (findings, PALPATE_FINDING_SPASM_ZONE, "hamstrings-left");
  low_back = chart (findings, PALPATE_FINDING_TRIGGER_POINT_ACTIVE, "quadratus-lumborum-left");
  palpate_chain_partners_note_finding (partners, low_back, G_LIST_MODEL (findings),
                                       low_back_partners, low_back_reasons);
  assert_partners (partners, glutes_only);

  /* Now the low back is charted too: the hamstring asks for nothing more. */
  palpate_chain_partners_note_finding (partners, hamstring, G_LIST_MODEL (findings),
                                       hamstring_partners, hamstring_reasons);
  assert_partners (partners, glutes_only);

  /* The gluteus charted: it leaves the list. */
  g_clear_object (&hamstring);
  hamstring = chart (findings, PALPATE_FINDING_TENDER_POINT, "gluteus-medius-left");
  palpate_chain_partners_note_finding (partners, hamstring, G_LIST_MODEL (findings), none, none);
  assert_partners (partners, none);
}

/* A no-touch zone or a cleared region is no reason to look along the chain. */
static void
test_chain_partners_no_prompt (void)
{
  g_autoptr(PalpateChainPartners) partners = palpate_chain_partners_new ();
  g_autoptr(GListStore) findings = g_list_store_new (PALPATE_TYPE_FINDING);
  g_autoptr(PalpateFinding) zone = NULL;
  g_autoptr(PalpateFinding) cleared = NULL;

  zone = chart (findings, PALPATE_FINDING_CONTRAINDICATION, "quadratus-lumborum-left");
  palpate_chain_partners_note_finding (partners, zone, G_LIST_MODEL (findings),
                                       low_back_partners, low_back_reasons);
  cleared = chart (findings, PALPATE_FINDING_CLEARED, "quadratus-lumborum-left");
  palpate_chain_partners_note_finding (partners, cleared, G_LIST_MODEL (findings),
                                       low_back_partners, low_back_reasons);
  assert_partners (partners, none);
}

static void
test_chain_partners_dismiss (void)
{
  g_autoptr(PalpateChainPartners) partners = palpate_chain_partners_new ();
  g_autoptr(GListStore) findings = g_list_store_new (PALPATE_TYPE_FINDING);
  g_autoptr(PalpateFinding) low_back = NULL;
  static const char * const glutes_only[] = { "gluteus-medius-left", NULL };

  low_back = chart (findings, PALPATE_FINDING_TRIGGER_POINT_ACTIVE, "quadratus-lumborum-left");
  palpate_chain_partners_note_finding (partners, low_back, G_LIST_MODEL (findings),
                                       low_back_partners, low_back_reasons);

  g_assert_true (palpate_chain_partners_dismiss (partners, "hamstrings-left"));
  g_assert_false (palpate_chain_partners_dismiss (partners, "hamstrings-left"));
  g_assert_false (palpate_chain_partners_dismiss (partners, NULL));
  assert_partners (partners, glutes_only);

  /* Dismissed for this visit: the same finding charted again asks again. */
  palpate_chain_partners_note_finding (partners, low_back, G_LIST_MODEL (findings),
                                       low_back_partners, low_back_reasons);
  assert_partners (partners, low_back_partners);

  palpate_chain_partners_dismiss_all (partners);
  assert_partners (partners, none);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/ChainPartners/prompt", test_chain_partners_prompt);
  g_test_add_func ("/Palpate/ChainPartners/charted-is-assessed",
                   test_chain_partners_charted_is_assessed);
  g_test_add_func ("/Palpate/ChainPartners/no-prompt", test_chain_partners_no_prompt);
  g_test_add_func ("/Palpate/ChainPartners/dismiss", test_chain_partners_dismiss);

  return g_test_run ();
}
