/* palpate-store-health.h — the checks of an open clinic file that can wait: integrity and the
 * daily backup, in a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "palpate-store.h"

G_BEGIN_DECLS

gboolean palpate_store_check_health        (PalpateStore         *self,
                                            GDateTime            *now,
                                            GError              **error);
void     palpate_store_check_health_async  (PalpateStore         *self,
                                            GDateTime            *now,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean palpate_store_check_health_finish (PalpateStore         *self,
                                            GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
