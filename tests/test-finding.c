/* test-finding.c — the finding type: geometry rules, validation, copies and stable ids
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "palpate-core-error.h"
#include "palpate-finding.h"

#include <string.h>

static void
test_finding_geometry_rules (void)
{
  const PalpatePoint one[] = { { 10, 20 } };
  const PalpatePoint two[] = { { 10, 20 }, { 30, 40 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateFinding) point = palpate_finding_new (PALPATE_FINDING_TRIGGER_POINT_ACTIVE,
                                                         PALPATE_VIEW_POSTERIOR, one, 1);
  g_autoptr(PalpateFinding) line = palpate_finding_new (PALPATE_FINDING_ADHESION,
                                                        PALPATE_VIEW_POSTERIOR, one, 1);
  g_autoptr(PalpateFinding) area = palpate_finding_new (PALPATE_FINDING_SPASM_ZONE,
                                                        PALPATE_VIEW_ANTERIOR, two, 2);

  g_assert_true (palpate_finding_validate (point, &error));
  g_assert_no_error (error);

  g_assert_false (palpate_finding_validate (line, &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "two points"));
  g_clear_error (&error);

  palpate_finding_set_points (line, two, 2);
  g_assert_true (palpate_finding_validate (line, NULL));

  g_assert_false (palpate_finding_validate (area, &error));
  g_assert_nonnull (strstr (error->message, "three points"));
  g_clear_error (&error);
}

static void
test_finding_intensity_and_note (void)
{
  const PalpatePoint one[] = { { 1, 2 } };
  g_autoptr(PalpateFinding) finding = palpate_finding_new (PALPATE_FINDING_TENDER_POINT,
                                                           PALPATE_VIEW_ANTERIOR, one, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_note = g_string_new (NULL);

  palpate_finding_set_intensity (finding, 14);
  g_assert_cmpint (palpate_finding_get_intensity (finding), ==, 10);
  palpate_finding_set_intensity (finding, -3);
  g_assert_cmpint (palpate_finding_get_intensity (finding), ==, 0);

  for (int i = 0; i <= PALPATE_FINDING_NOTE_MAX_CHARS; i++)
    g_string_append (long_note, "é");
  palpate_finding_set_note (finding, long_note->str);
  g_assert_false (palpate_finding_validate (finding, &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_TOO_LONG);
  g_clear_error (&error);

  palpate_finding_set_note (finding, "Tender on compression, refers to the temple 🙂 مرحبا 你好");
  g_assert_true (palpate_finding_validate (finding, &error));
}

static void
test_finding_copy_and_translate (void)
{
  const PalpatePoint line[] = { { 1, 2 }, { 3, 4 } };
  g_autoptr(PalpateFinding) finding = palpate_finding_new (PALPATE_FINDING_ADHESION,
                                                           PALPATE_VIEW_POSTERIOR, line, 2);
  g_autoptr(PalpateFinding) copy = NULL;
  const PalpatePoint *points;
  guint n_points;

  palpate_finding_set_id (finding, 42);
  palpate_finding_set_region_id (finding, "trapezius-upper-right");
  palpate_finding_set_note (finding, "Along the border");
  copy = palpate_finding_copy (finding);
  palpate_finding_translate (finding, 10, -1);

  g_assert_cmpint (palpate_finding_get_id (copy), ==, 42);
  g_assert_cmpstr (palpate_finding_get_region_id (copy), ==, "trapezius-upper-right");
  g_assert_cmpstr (palpate_finding_get_note (copy), ==, "Along the border");

  points = palpate_finding_get_points (copy, &n_points);
  g_assert_cmpuint (n_points, ==, 2);
  g_assert_cmpfloat (points[1].x, ==, 3);

  points = palpate_finding_get_points (finding, &n_points);
  g_assert_cmpfloat (points[0].x, ==, 11);
  g_assert_cmpfloat (points[1].y, ==, 3);
}

static void
test_finding_kind_ids (void)
{
  for (PalpateFindingKind kind = 0; kind < PALPATE_N_FINDING_KINDS; kind++)
    {
      PalpateFindingKind parsed;

      g_assert_true (palpate_finding_kind_from_string (palpate_finding_kind_to_string (kind),
                                                       &parsed));
      g_assert_cmpint (parsed, ==, kind);
      g_assert_nonnull (palpate_finding_kind_get_name (kind));
    }

  g_assert_false (palpate_finding_kind_from_string ("bruise", &(PalpateFindingKind) { 0 }));
  g_assert_cmpint (palpate_finding_kind_get_geometry (PALPATE_FINDING_REFERRED_PAIN), ==,
                   PALPATE_GEOMETRY_LINE);
  g_assert_cmpint (palpate_finding_kind_get_geometry (PALPATE_FINDING_CONTRAINDICATION), ==,
                   PALPATE_GEOMETRY_AREA);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/Finding/geometry-rules", test_finding_geometry_rules);
  g_test_add_func ("/Palpate/Finding/intensity-and-note", test_finding_intensity_and_note);
  g_test_add_func ("/Palpate/Finding/copy-and-translate", test_finding_copy_and_translate);
  g_test_add_func ("/Palpate/Finding/kind-ids", test_finding_kind_ids);

  return g_test_run ();
}
