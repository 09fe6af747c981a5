/* palpate-command-line.c — what palpate does from the command line, without a window
 *
 * Backups, restores, the audit check, demo clinics and a sample chart: each uses the layers
 * below the widgets and needs no display. Messages are sentences; the exit status says whether
 * the task succeeded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-command-line"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-atlas.h"
#include "palpate-backup.h"
#include "palpate-chart.h"
#include "palpate-command-line.h"
#include "palpate-demo-clinic.h"
#include "palpate-store.h"

const GOptionEntry palpate_command_line_entries[] = {
  { "backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Copy the clinic to the backup FILE and quit"), N_("FILE") },
  { "restore", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Put the backup FILE in place of the clinic (the clinic is kept aside) and quit"),
    N_("FILE") },
  { "verify-audit", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check that the clinic’s audit log was not altered and quit"), NULL },
  { "demo", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write a demo clinic to the new FILE and quit"), N_("FILE") },
  { "demo-size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Size of the demo clinic: small (two years) or large (ten years)"), N_("SIZE") },
  { "render-chart", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Draw both views with one finding of every kind to FILE.png and quit"), N_("FILE") },
  { NULL }
};

static int
fail (const char *message)
{
  g_printerr ("%s\n", message);
  return EXIT_FAILURE;
}

static void
add_sample (GListStore         *store,
            PalpateFindingKind  kind,
            PalpateView         view,
            const PalpatePoint *points,
            guint               n_points,
            int                 intensity)
{
  PalpateAtlas *atlas = palpate_atlas_get_default ();
  g_autoptr(PalpateFinding) finding = palpate_finding_new (kind, view, points, n_points);
  const PalpateRegion *region = palpate_atlas_hit_test (atlas, view, points[0].x, points[0].y);

  palpate_finding_set_intensity (finding, intensity);
  palpate_finding_set_region_id (finding, region ? palpate_region_get_id (region) : NULL);
  g_list_store_append (store, finding);
}

/**
 * palpate_command_line_sample_findings:
 *
 * One finding of every kind, where a therapist would chart them on a low-back and neck client:
 * for `--render-chart`, the README and the tests.
 *
 * Returns: (transfer full): a list of PalpateFinding
 */
GListStore *
palpate_command_line_sample_findings (void)
{
  GListStore *store = g_list_store_new (PALPATE_TYPE_FINDING);

  add_sample (store, PALPATE_FINDING_TRIGGER_POINT_ACTIVE, PALPATE_VIEW_POSTERIOR,
              (PalpatePoint[]) { { 240, 196 } }, 1, 8);
  add_sample (store, PALPATE_FINDING_TRIGGER_POINT_LATENT, PALPATE_VIEW_POSTERIOR,
              (PalpatePoint[]) { { 252, 268 } }, 1, 5);
  add_sample (store, PALPATE_FINDING_TENDER_POINT, PALPATE_VIEW_POSTERIOR,
              (PalpatePoint[]) { { 168, 462 } }, 1, 6);
  add_sample (store, PALPATE_FINDING_ADHESION, PALPATE_VIEW_POSTERIOR,
              (PalpatePoint[]) { { 226, 244 }, { 229, 268 }, { 231, 292 } }, 3, 6);
  add_sample (store, PALPATE_FINDING_SPASM_ZONE, PALPATE_VIEW_POSTERIOR,
              (PalpatePoint[]) { { 204, 380 }, { 216, 376 }, { 224, 396 }, { 222, 428 },
                                 { 210, 440 }, { 203, 420 } }, 6, 8);
  add_sample (store, PALPATE_FINDING_REFERRED_PAIN, PALPATE_VIEW_POSTERIOR,
              (PalpatePoint[]) { { 164, 492 }, { 160, 560 }, { 156, 640 } }, 3, 7);
  add_sample (store, PALPATE_FINDING_NUMBNESS, PALPATE_VIEW_ANTERIOR,
              (PalpatePoint[]) { { 96, 420 }, { 108, 416 }, { 114, 440 }, { 110, 470 },
                                 { 98, 474 }, { 92, 446 } }, 6, 5);
  add_sample (store, PALPATE_FINDING_CLEARED, PALPATE_VIEW_ANTERIOR,
              (PalpatePoint[]) { { 226, 220 } }, 1, 0);
  add_sample (store, PALPATE_FINDING_CONTRAINDICATION, PALPATE_VIEW_ANTERIOR,
              (PalpatePoint[]) { { 150, 790 }, { 162, 782 }, { 168, 810 }, { 166, 850 },
                                 { 154, 858 }, { 148, 824 } }, 6, 5);
  return store;
}

static int
render_chart (const char *path)
{
  g_autoptr(GListStore) findings = palpate_command_line_sample_findings ();
  g_autoptr(GError) error = NULL;
  PalpateChartOptions options;

  palpate_chart_options_init (&options);
  options.findings = G_LIST_MODEL (findings);

  if (!palpate_chart_write_png (palpate_atlas_get_default (), &options, 1000, 1300, path,
                                &error))
    return fail (error->message);

  g_print ("%s\n", path);
  return EXIT_SUCCESS;
}

static int
write_demo (const char *path,
            const char *size_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateStore) store = NULL;
  PalpateDemoSize size = PALPATE_DEMO_SMALL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (size_name, "large") == 0)
    size = PALPATE_DEMO_LARGE;
  else if (size_name != NULL && g_strcmp0 (size_name, "small") != 0)
    return fail (_("The demo size is “small” or “large”."));

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      message = g_strdup_printf (_("“%s” already exists; the demo clinic is written to a new "
                                   "file."), path);
      return fail (message);
    }

  store = palpate_store_open (path, &error);
  if (store == NULL)
    return fail (error->message);

  palpate_store_set_actor (store, _("Demo"));
  if (!palpate_demo_clinic_write (store, size, 20261122, palpate_atlas_place_in_region,
                                  palpate_atlas_get_default (), &error))
    return fail (error->message);

  message = g_strdup_printf (_("Wrote a demo clinic of %d clients to “%s”."),
                             palpate_store_count_clients (store), path);
  g_print ("%s\n", message);
  return EXIT_SUCCESS;
}

/**
 * palpate_command_line_run:
 * @options: the parsed command line
 * @database_path: the clinic the tasks work on
 *
 * Returns: the exit status of the task the command line asked for, or -1 when it asked for
 *   none (the window opens)
 */
int
palpate_command_line_run (GVariantDict *options,
                          const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *path = NULL;
  const char *size = NULL;

  if (g_variant_dict_lookup (options, "render-chart", "^&ay", &path))
    return render_chart (path);

  if (g_variant_dict_lookup (options, "demo", "^&ay", &path))
    {
      g_variant_dict_lookup (options, "demo-size", "&s", &size);
      return write_demo (path, size);
    }

  if (g_variant_dict_lookup (options, "restore", "^&ay", &path))
    {
      if (!palpate_backup_restore (path, database_path, &error))
        return fail (error->message);

      message = g_strdup_printf (_("Restored “%s” from the backup “%s”. The clinic file it "
                                   "replaced was kept beside it."), database_path, path);
      g_print ("%s\n", message);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_lookup (options, "backup", "^&ay", &path))
    {
      g_autoptr(PalpateStore) store = palpate_store_open (database_path, &error);

      if (store == NULL || !palpate_store_backup_to (store, path, &error))
        return fail (error->message);

      message = g_strdup_printf (_("Backed up the clinic to “%s”."), path);
      g_print ("%s\n", message);
      return EXIT_SUCCESS;
    }

  if (g_variant_dict_contains (options, "verify-audit"))
    {
      g_autoptr(PalpateStore) store = palpate_store_open (database_path, &error);
      gint64 n_rows = 0;

      if (store == NULL || !palpate_store_verify_audit (store, &n_rows, &error))
        return fail (error->message);

      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The audit log is intact: %lu entry checked.",
                                              "The audit log is intact: %lu entries checked.",
                                              (gulong) n_rows),
                                 (gulong) n_rows);
      g_print ("%s\n", message);
      return EXIT_SUCCESS;
    }

  return -1;
}
