/* test-no-touch.c — no-touch zones: a technique applied on a region with a local
 * contraindication is found out, and is kept only with a reason
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-core-error.h"
#include "palpate-finding.h"
#include "palpate-no-touch.h"

static void
chart (GListStore         *findings,
       PalpateFindingKind  kind,
       const char         *region_id)
{
  const PalpatePoint point = { 100, 500 };
  g_autoptr(PalpateFinding) finding = palpate_finding_new (kind, PALPATE_VIEW_POSTERIOR,
                                                           &point, 1);

  palpate_finding_set_region_id (finding, region_id);
  g_list_store_append (findings, finding);
}

static void
test_no_touch_covers_region (void)
{
  g_autoptr(GListStore) findings = g_list_store_new (PALPATE_TYPE_FINDING);

  g_assert_false (palpate_no_touch_covers_region (G_LIST_MODEL (findings), "calf-left"));

  /* Other findings on the region do not make it a no-touch zone. */
  chart (findings, PALPATE_FINDING_TRIGGER_POINT_ACTIVE, "calf-left");
  chart (findings, PALPATE_FINDING_CONTRAINDICATION, "calf-right");
  g_assert_false (palpate_no_touch_covers_region (G_LIST_MODEL (findings), "calf-left"));
  g_assert_true (palpate_no_touch_covers_region (G_LIST_MODEL (findings), "calf-right"));
  g_assert_false (palpate_no_touch_covers_region (G_LIST_MODEL (findings), NULL));

  chart (findings, PALPATE_FINDING_CONTRAINDICATION, "calf-left");
  g_assert_true (palpate_no_touch_covers_region (G_LIST_MODEL (findings), "calf-left"));
}

static void
test_no_touch_needs_reason (void)
{
  const char *blank[] = { NULL, "", "   ", "\t\n" };
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (blank); i++)
    {
      g_assert_null (palpate_no_touch_note (blank[i], &error));
      g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, "A technique inside a no-touch zone needs a reason.");
      g_clear_error (&error);
    }

  /* The reason is kept as typed, without the space around it. */
  note = palpate_no_touch_note ("  healed scar, light work only ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (note, ==, "Applied inside a no-touch zone: healed scar, light work only");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/NoTouch/covers-region", test_no_touch_covers_region);
  g_test_add_func ("/Palpate/NoTouch/needs-reason", test_no_touch_needs_reason);

  return g_test_run ();
}
