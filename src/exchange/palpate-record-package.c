/* palpate-record-package.c — a client's record or a clinic written out for someone to take away
 *
 * A client's record is a folder or a ZIP file holding the same record three ways: record.json
 * (the exchange format), csv/NAME.csv (one file per table), record.pdf (for people), beside
 * fhir-bundle.json (FHIR R4). Every file is created 0600, a folder 0700: they hold health
 * records. The disclosure (to whom, why; when and by whom come with the audit log) is logged
 * once the files are written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-exchange"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "palpate-atlas.h"
#include "palpate-fhir.h"
#include "palpate-record-csv.h"
#include "palpate-record-package.h"
#include "palpate-record-pdf.h"
#include "palpate-zip-writer.h"

gboolean
palpate_record_region_check (const char *region_id,
                             gpointer    user_data)
{
  return palpate_atlas_lookup_region (palpate_atlas_get_default (), region_id) != NULL;
}

static GBytes *
json_bytes (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *text;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static gboolean
write_file (const char  *directory,
            const char  *name,
            GBytes      *content,
            GError     **error)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autofree char *folder = g_path_get_dirname (path);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("The folder “%s” cannot be created: %s."), folder, g_strerror (errno));
      return FALSE;
    }

  return g_file_set_contents_full (path, g_bytes_get_data (content, NULL),
                                   g_bytes_get_size (content), G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}

/* The files of a record: name → content. */
static GHashTable *
record_files (PalpateStore  *store,
              JsonNode      *record,
              PalpatePaper   paper,
              const char    *scratch,
              GError       **error)
{
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_bytes_unref);
  g_autoptr(GHashTable) tables = palpate_record_to_csv (record);
  g_autoptr(JsonNode) bundle = NULL;
  g_autofree char *pdf_path = g_build_filename (scratch, "record.pdf", NULL);
  g_autofree char *pdf = NULL;
  gsize pdf_length;
  GHashTableIter iter;
  gpointer name, content;

  g_hash_table_insert (files, g_strdup ("record.json"), json_bytes (record));

  g_hash_table_iter_init (&iter, tables);
  while (g_hash_table_iter_next (&iter, &name, &content))
    g_hash_table_insert (files, g_build_filename ("csv", name, NULL), g_bytes_ref (content));

  bundle = palpate_fhir_bundle_new (record, error);
  if (bundle == NULL)
    return NULL;
  g_hash_table_insert (files, g_strdup ("fhir-bundle.json"), json_bytes (bundle));

  if (!palpate_record_write_pdf (store, record, paper, pdf_path, error) ||
      !g_file_get_contents (pdf_path, &pdf, &pdf_length, error))
    return NULL;
  g_unlink (pdf_path);
  g_hash_table_insert (files, g_strdup ("record.pdf"),
                       g_bytes_new_take (g_steal_pointer (&pdf), pdf_length));

  return g_steal_pointer (&files);
}

/**
 * palpate_record_package_client:
 * @output: a folder, or a file whose name ends in .zip
 * @recipient: to whom the record goes (for the audit log)
 * @reason: why (for the audit log)
 *
 * Writes the client's record as JSON, CSV, PDF and FHIR to @output and logs the disclosure.
 */
gboolean
palpate_record_package_client (PalpateStore  *store,
                               gint64         client_id,
                               const char    *output,
                               const char    *recipient,
                               const char    *reason,
                               PalpatePaper   paper,
                               GError       **error)
{
  g_autoptr(JsonNode) record = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GList) names = NULL;
  g_autofree char *scratch = NULL;
  gboolean zip = g_str_has_suffix (output, ".zip") || g_str_has_suffix (output, ".ZIP");

  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);

  record = palpate_record_export_client (store, client_id, error);
  if (record == NULL)
    return FALSE;

  scratch = g_dir_make_tmp ("palpate-record-XXXXXX", error);
  if (scratch == NULL)
    return FALSE;
  files = record_files (store, record, paper, scratch, error);
  g_rmdir (scratch);
  if (files == NULL)
    return FALSE;

  names = g_list_sort (g_hash_table_get_keys (files), (GCompareFunc) g_strcmp0);
  if (zip)
    {
      g_autoptr(PalpateZipWriter) writer = palpate_zip_writer_new ();

      for (GList *l = names; l != NULL; l = l->next)
        palpate_zip_writer_add (writer, l->data, g_hash_table_lookup (files, l->data));
      if (!palpate_zip_writer_write (writer, output, error))
        return FALSE;
    }
  else
    {
      if (g_mkdir_with_parents (output, 0700) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       _("The folder “%s” cannot be created: %s."), output, g_strerror (errno));
          return FALSE;
        }
      for (GList *l = names; l != NULL; l = l->next)
        if (!write_file (output, l->data, g_hash_table_lookup (files, l->data), error))
          return FALSE;
    }

  return palpate_record_log_disclosure (store, client_id, recipient, reason, error);
}

/**
 * palpate_record_write_fhir:
 *
 * Writes the client's record as a FHIR R4 Bundle to @path (mode 0600).
 */
gboolean
palpate_record_write_fhir (PalpateStore  *store,
                           gint64         client_id,
                           const char    *path,
                           GError       **error)
{
  g_autoptr(JsonNode) record = palpate_record_export_client (store, client_id, error);
  g_autoptr(JsonNode) bundle = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (record == NULL)
    return FALSE;
  bundle = palpate_fhir_bundle_new (record, error);
  if (bundle == NULL)
    return FALSE;
  bytes = json_bytes (bundle);

  return g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

/**
 * palpate_record_package_clinic:
 * @with_fhir: also write a FHIR Bundle per client, in fhir/
 *
 * Writes the whole clinic to @directory: clinic.json (the exchange format, which `palpate
 * import` reads back) and csv/NAME.csv.
 */
gboolean
palpate_record_package_clinic (PalpateStore  *store,
                               const char    *directory,
                               gboolean       with_fhir,
                               GError       **error)
{
  g_autoptr(JsonNode) clinic = palpate_record_export_clinic (store, error);
  g_autoptr(GHashTable) tables = NULL;
  g_autoptr(GBytes) json = NULL;
  GHashTableIter iter;
  gpointer name, content;
  JsonArray *clients;

  if (clinic == NULL)
    return FALSE;

  json = json_bytes (clinic);
  if (!write_file (directory, "clinic.json", json, error))
    return FALSE;

  tables = palpate_record_to_csv (clinic);
  g_hash_table_iter_init (&iter, tables);
  while (g_hash_table_iter_next (&iter, &name, &content))
    {
      g_autofree char *path = g_build_filename ("csv", name, NULL);

      if (!write_file (directory, path, content, error))
        return FALSE;
    }

  if (!with_fhir)
    return TRUE;

  clients = json_object_get_array_member (json_node_get_object (clinic), "clients");
  for (guint i = 0; i < json_array_get_length (clients); i++)
    {
      JsonObject *client = json_array_get_object_element (clients, i);
      g_autofree char *name_file = g_strdup_printf ("%s.json",
                                                    json_object_get_string_member (client, "uuid"));
      g_autofree char *path = g_build_filename (directory, "fhir", name_file, NULL);

      if (g_mkdir_with_parents (g_path_get_dirname (path), 0700) != 0 ||
          !palpate_record_write_fhir (store, json_object_get_int_member (client, "id"), path,
                                      error))
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                         _("The folder for the FHIR bundles cannot be created: %s."),
                         g_strerror (errno));
          return FALSE;
        }
    }

  return TRUE;
}
