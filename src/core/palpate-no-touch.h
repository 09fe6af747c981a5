/* palpate-no-touch.h — no-touch zones at a visit: where a local contraindication is charted,
 * and the reason a technique applied there needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean  palpate_no_touch_covers_region (GListModel  *findings,
                                          const char  *region_id);
char     *palpate_no_touch_note          (const char  *reason,
                                          GError     **error);

G_END_DECLS
