/* palpate-record-import-private.h — what the files of the record importer share
 *
 * The import's state, the typed and located access to a document's members
 * (palpate-record-fields.c), the writers of clients (palpate-record-client-list.c) and of
 * visits (palpate-record-import-visit.c) and of health histories
 * (palpate-record-import-health.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-record-private.h"
#include "palpate-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  PalpateStore         *store;
  PalpateRegionCheck    region_check;
  gpointer              region_check_data;
  PalpateImportSummary *summary;
  GDateTime            *now;
  gboolean              keep_ids;
  GHashTable           *therapist_names;  /* source id → the name the file gives */
  GHashTable           *technique_names;
  GHashTable           *therapists;       /* source id → id here */
  GHashTable           *techniques;
  GHashTable           *activities;       /* of the client being imported */
  GHashTable           *activity_names;
  GHashTable           *seen;             /* "table:id" of every row read, for duplicates */
} PalpateImport;

void        palpate_record_import_init        (PalpateImport         *import,
                                               PalpateStore          *store,
                                               PalpateImportSummary  *summary);
void        palpate_record_import_clear       (PalpateImport         *import);
void        palpate_import_summary_reset      (PalpateImportSummary  *summary);

/* Refusals, located */
gboolean    palpate_record_fail_at            (GError               **error,
                                               int                    code,
                                               const char            *path,
                                               const char            *reason);
gboolean    palpate_record_fail_with          (GError               **error,
                                               const char            *path,
                                               GError                *cause);

/* Source ids → ids here */
gint64     *palpate_record_int64_key          (gint64                 value);
gboolean    palpate_record_lookup_id          (GHashTable            *map,
                                               gint64                 source,
                                               gint64                *target);
void        palpate_record_map_id             (GHashTable            *map,
                                               gint64                 source,
                                               gint64                 target);

/* Typed members; integers left out come back as G_MININT64 */
JsonNode   *palpate_record_member             (JsonObject            *object,
                                               const char            *name,
                                               const char            *path,
                                               gboolean               required,
                                               GError               **error);
gboolean    palpate_record_get_int            (JsonObject            *object,
                                               const char            *name,
                                               gint64                 min,
                                               gint64                 max,
                                               gboolean               nullable,
                                               gint64                *value,
                                               const char            *path,
                                               GError               **error);
gboolean    palpate_record_get_string         (JsonObject            *object,
                                               const char            *name,
                                               gboolean               nullable,
                                               const char           **value,
                                               const char            *path,
                                               GError               **error);
gboolean    palpate_record_get_short_string   (JsonObject            *object,
                                               const char            *name,
                                               gboolean               nullable,
                                               const char           **value,
                                               const char            *path,
                                               GError               **error);
gboolean    palpate_record_get_choice         (JsonObject            *object,
                                               const char            *name,
                                               const char           **choices,
                                               int                   *index,
                                               const char            *path,
                                               GError               **error);
gboolean    palpate_record_get_bool           (JsonObject            *object,
                                               const char            *name,
                                               gboolean              *value,
                                               const char            *path,
                                               GError               **error);
gboolean    palpate_record_get_time           (JsonObject            *object,
                                               const char            *name,
                                               gboolean               nullable,
                                               GDateTime            **value,
                                               const char            *path,
                                               GError               **error);
JsonArray  *palpate_record_get_array          (JsonObject            *object,
                                               const char            *name,
                                               gboolean               required,
                                               const char            *path,
                                               GError               **error);
JsonObject *palpate_record_get_element        (JsonArray             *array,
                                               guint                  index,
                                               const char            *path,
                                               char                 **element_path,
                                               GError               **error);
gboolean    palpate_record_get_strv           (JsonObject            *object,
                                               const char            *name,
                                               GStrv                 *value,
                                               const char            *path,
                                               GError               **error);
GArray     *palpate_record_get_points         (JsonObject            *object,
                                               const char            *path,
                                               GError               **error);
gboolean    palpate_record_check_unique_key   (PalpateImport         *import,
                                               char                  *key,
                                               const char            *path,
                                               GError               **error);
gboolean    palpate_record_check_unique       (PalpateImport         *import,
                                               const char            *table,
                                               gint64                 id,
                                               const char            *path,
                                               GError               **error);
gboolean    palpate_record_check_region       (PalpateImport         *import,
                                               const char            *region_id,
                                               const char            *path,
                                               GError               **error);

/* The clinic as a whole (palpate-record-import-clinic.c) */
gboolean    palpate_record_import_settings    (PalpateImport         *import,
                                               JsonObject            *root,
                                               GError               **error);
gboolean    palpate_record_import_therapists  (PalpateImport         *import,
                                               JsonObject            *root,
                                               GError               **error);
gboolean    palpate_record_import_techniques  (PalpateImport         *import,
                                               JsonObject            *root,
                                               GError               **error);

/* Rows */
PalpateDbStatement *
            palpate_record_prepare_insert     (PalpateImport         *import,
                                               gboolean               with_id,
                                               const char            *table,
                                               const char            *columns,
                                               const char            *values,
                                               GError               **error);
gboolean    palpate_record_db_step            (PalpateDbStatement    *stmt,
                                               gint64                *new_id,
                                               GError               **error);
void        palpate_record_db_bind_id         (PalpateImport         *import,
                                               PalpateDbStatement    *stmt,
                                               int                    column,
                                               gint64                 source_id);
void        palpate_record_db_bind_optional_int (PalpateDbStatement  *stmt,
                                                 int                  column,
                                                 gint64               value);
gboolean    palpate_record_insert_client      (PalpateImport         *import,
                                               PalpateClient         *client,
                                               const char            *uuid,
                                               gint64                 source_id,
                                               gint64                *target,
                                               GError               **error);
gboolean    palpate_record_note_namesake      (PalpateImport         *import,
                                               PalpateClient         *client,
                                               const char            *where,
                                               GError               **error);
gboolean    palpate_record_import_visit       (PalpateImport         *import,
                                               JsonObject            *object,
                                               gint64                 client_id,
                                               gboolean               merged,
                                               const char            *path,
                                               GError               **error);
gboolean    palpate_record_import_health_histories (PalpateImport    *import,
                                                    JsonObject       *object,
                                                    gint64            client_id,
                                                    gboolean          merged,
                                                    const char       *path,
                                                    GError          **error);

G_END_DECLS
