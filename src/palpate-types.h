/* palpate-types.h — forward declarations of Palpate's types and the application-wide enums
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PalpateApplication       PalpateApplication;
typedef struct _PalpatePreferencesWindow PalpatePreferencesWindow;
typedef struct _PalpateWindow            PalpateWindow;

G_END_DECLS
