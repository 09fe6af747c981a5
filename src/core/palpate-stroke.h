/* palpate-stroke.h — a stroke drawn on the body chart, simplified to the points it needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "palpate-finding.h"

G_BEGIN_DECLS

GArray *palpate_stroke_simplify (const PalpatePoint *points,
                                 guint               n_points,
                                 double              tolerance,
                                 guint               max_points);

G_END_DECLS
