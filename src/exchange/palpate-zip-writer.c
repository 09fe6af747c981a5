/* palpate-zip-writer.c — a ZIP archive of a few files, written in one go
 *
 * The files are stored uncompressed (method 0): a record is small, and every archive tool
 * opens such a file. Names are UTF-8 (general purpose flag bit 11). The layout follows
 * PKWARE's APPNOTE.TXT 6.3: a local header before each file, then the central directory and
 * its end record. The archive is written to a temporary file, made 0600, and renamed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-exchange"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "palpate-zip-writer.h"

typedef struct
{
  char   *name;
  GBytes *content;
  guint32 crc;
  guint32 offset;
} Entry;

struct _PalpateZipWriter
{
  GArray *entries;
};

static guint32
crc32_of (const guchar *data,
          gsize         length)
{
  static guint32 table[256];
  static gsize ready;
  guint32 crc = 0xffffffff;

  if (g_once_init_enter (&ready))
    {
      for (guint32 i = 0; i < 256; i++)
        {
          guint32 c = i;

          for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320 ^ (c >> 1) : c >> 1;
          table[i] = c;
        }
      g_once_init_leave (&ready, 1);
    }

  for (gsize i = 0; i < length; i++)
    crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);

  return crc ^ 0xffffffff;
}

static void
put16 (GByteArray *out,
       guint       value)
{
  guint8 bytes[2] = { value & 0xff, (value >> 8) & 0xff };

  g_byte_array_append (out, bytes, 2);
}

static void
put32 (GByteArray *out,
       guint32     value)
{
  guint8 bytes[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (out, bytes, 4);
}

static void
clear_entry (gpointer data)
{
  Entry *entry = data;

  g_free (entry->name);
  g_bytes_unref (entry->content);
}

PalpateZipWriter *
palpate_zip_writer_new (void)
{
  PalpateZipWriter *writer = g_new0 (PalpateZipWriter, 1);

  writer->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (writer->entries, clear_entry);
  return writer;
}

void
palpate_zip_writer_free (PalpateZipWriter *writer)
{
  g_array_unref (writer->entries);
  g_free (writer);
}

void
palpate_zip_writer_add (PalpateZipWriter *writer,
                        const char       *name,
                        GBytes           *content)
{
  Entry entry = { g_strdup (name), g_bytes_ref (content), 0, 0 };

  g_array_append_val (writer->entries, entry);
}

/**
 * palpate_zip_writer_write:
 *
 * Writes the archive to @path (mode 0600: it holds health records).
 */
gboolean
palpate_zip_writer_write (PalpateZipWriter  *writer,
                          const char        *path,
                          GError           **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint dos_time = (g_date_time_get_hour (now) << 11) | (g_date_time_get_minute (now) << 5) |
                   (g_date_time_get_second (now) / 2);
  guint dos_date = ((MAX (g_date_time_get_year (now), 1980) - 1980) << 9) |
                   (g_date_time_get_month (now) << 5) | g_date_time_get_day_of_month (now);
  guint32 directory_offset, directory_size;

  for (guint i = 0; i < writer->entries->len; i++)
    {
      Entry *entry = &g_array_index (writer->entries, Entry, i);
      gsize size;
      const guchar *data = g_bytes_get_data (entry->content, &size);

      if (out->len + size + 1024 > G_MAXUINT32)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("The record is too large for a ZIP file; export it to a folder."));
          return FALSE;
        }

      entry->crc = crc32_of (data, size);
      entry->offset = out->len;
      put32 (out, 0x04034b50);
      put16 (out, 10);              /* version needed: 1.0 */
      put16 (out, 1 << 11);         /* UTF-8 names */
      put16 (out, 0);               /* stored */
      put16 (out, dos_time);
      put16 (out, dos_date);
      put32 (out, entry->crc);
      put32 (out, size);
      put32 (out, size);
      put16 (out, strlen (entry->name));
      put16 (out, 0);
      g_byte_array_append (out, (const guint8 *) entry->name, strlen (entry->name));
      g_byte_array_append (out, data, size);
    }

  directory_offset = out->len;
  for (guint i = 0; i < writer->entries->len; i++)
    {
      Entry *entry = &g_array_index (writer->entries, Entry, i);
      gsize size = g_bytes_get_size (entry->content);

      put32 (out, 0x02014b50);
      put16 (out, (3 << 8) | 10);   /* made by: Unix, 1.0 */
      put16 (out, 10);
      put16 (out, 1 << 11);
      put16 (out, 0);
      put16 (out, dos_time);
      put16 (out, dos_date);
      put32 (out, entry->crc);
      put32 (out, size);
      put32 (out, size);
      put16 (out, strlen (entry->name));
      put16 (out, 0);
      put16 (out, 0);
      put16 (out, 0);
      put16 (out, 0);
      put32 (out, (guint32) 0100600 << 16);  /* a regular file, 0600 */
      put32 (out, entry->offset);
      g_byte_array_append (out, (const guint8 *) entry->name, strlen (entry->name));
    }
  directory_size = out->len - directory_offset;

  put32 (out, 0x06054b50);
  put16 (out, 0);
  put16 (out, 0);
  put16 (out, writer->entries->len);
  put16 (out, writer->entries->len);
  put32 (out, directory_size);
  put32 (out, directory_offset);
  put16 (out, 0);

  return g_file_set_contents_full (path, (const char *) out->data, out->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
