/* palpate-keyring.h — the clinic server's password, kept in the desktop's keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean  palpate_keyring_store_password  (const char  *location,
                                           const char  *password,
                                           GError     **error);
char     *palpate_keyring_lookup_password (const char  *location);
void      palpate_keyring_free_password   (char        *password);
void      palpate_keyring_forget_password (const char  *location);

G_END_DECLS
