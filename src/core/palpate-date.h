/* palpate-date.h — reading the dates a therapist types or the file holds, and writing them in
 * the words of the reader's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  palpate_date_parse          (const char *text,
                                       GDate      *date,
                                       GError    **error);
gboolean  palpate_date_parse_month    (const char *text,
                                       int        *year,
                                       int        *month,
                                       GError    **error);
int       palpate_date_age_on         (const GDate *birth,
                                       const GDate *day);

char     *palpate_format_day          (GDateTime  *when);
char     *palpate_format_day_long     (GDateTime  *when);
char     *palpate_format_day_time     (GDateTime  *when);
char     *palpate_format_month        (GDateTime  *when);
char     *palpate_format_month_short  (GDateTime  *when);

G_END_DECLS
