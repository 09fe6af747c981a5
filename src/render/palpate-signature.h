/* palpate-signature.h — a client's signature, kept as strokes, drawn with cairo on screen and
 * in reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

void palpate_signature_draw (cairo_t   *cr,
                             GPtrArray *strokes,
                             double     x,
                             double     y,
                             double     width,
                             double     height,
                             double     line_width);

G_END_DECLS
