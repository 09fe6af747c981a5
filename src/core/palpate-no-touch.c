/* palpate-no-touch.c — no-touch zones at a visit: where a local contraindication is charted,
 * and the reason a technique applied there needs
 *
 * A local contraindication (a fresh bruise, a varicose vein, a skin lesion) is charted as a
 * no-touch finding on its region. Work on that region is not forbidden outright — a therapist
 * may treat around a healed scar, say — but it is never silent: the reason is kept in the
 * applied technique's note, where the record and its audit show it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-no-touch"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-core-error.h"
#include "palpate-finding.h"
#include "palpate-no-touch.h"

/**
 * palpate_no_touch_covers_region:
 * @findings: (element-type PalpateFinding): the visit's findings
 * @region_id: (nullable): the region a technique is about to be applied to
 *
 * Returns: whether a no-touch finding is charted on @region_id
 */
gboolean
palpate_no_touch_covers_region (GListModel *findings,
                                const char *region_id)
{
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (findings), FALSE);

  n = g_list_model_get_n_items (findings);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PalpateFinding) finding = g_list_model_get_item (findings, i);

      if (palpate_finding_get_kind (finding) == PALPATE_FINDING_CONTRAINDICATION &&
          g_strcmp0 (palpate_finding_get_region_id (finding), region_id) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * palpate_no_touch_note:
 * @reason: (nullable): why the technique is applied inside the no-touch zone, as typed
 *
 * Returns: (transfer full) (nullable): the note kept with the applied technique, or %NULL with
 *   @error set when no reason is given (blank space is none)
 */
char *
palpate_no_touch_note (const char  *reason,
                       GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (reason ? reason : ""));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID,
                           _("A technique inside a no-touch zone needs a reason."));
      return NULL;
    }

  return g_strdup_printf (_("Applied inside a no-touch zone: %s"), stripped);
}
