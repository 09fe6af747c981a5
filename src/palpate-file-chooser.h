/* palpate-file-chooser.h — what a file chooser's answer names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The local path @chooser's @response chose, or %NULL when it was not accepted or names no
 * local file. (GtkFileChooser is deprecated from GTK 4.10; GtkFileDialog, its successor, is not
 * in GTK 4.8.) */
static inline char *
palpate_file_chooser_dup_path (GtkNativeDialog *chooser,
                               int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  G_GNUC_END_IGNORE_DEPRECATIONS
  return file != NULL ? g_file_get_path (file) : NULL;
}

G_END_DECLS
