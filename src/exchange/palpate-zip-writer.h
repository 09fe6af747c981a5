/* palpate-zip-writer.h — a ZIP archive of a few files, written in one go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PalpateZipWriter PalpateZipWriter;

PalpateZipWriter *palpate_zip_writer_new   (void);
void              palpate_zip_writer_add   (PalpateZipWriter  *writer,
                                            const char        *name,
                                            GBytes            *content);
gboolean          palpate_zip_writer_write (PalpateZipWriter  *writer,
                                            const char        *path,
                                            GError           **error);
void              palpate_zip_writer_free  (PalpateZipWriter  *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PalpateZipWriter, palpate_zip_writer_free)

G_END_DECLS
