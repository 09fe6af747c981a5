/* palpate-record.h — a client's record, or a whole clinic, in Palpate's exchange format
 *
 * The format is JSON, versioned and described in docs/exchange-format.md. Export reads the
 * clinic row by row; import checks every field with the rules of src/core/ and writes
 * everything in one transaction, or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "palpate-store.h"

G_BEGIN_DECLS

#define PALPATE_RECORD_FORMAT "palpate-record"
#define PALPATE_RECORD_FORMAT_VERSION 1

/* How deep a record's JSON may nest: the format needs six levels; more is refused before the
 * parser sees it, so that a hostile file cannot exhaust the stack. */
#define PALPATE_RECORD_MAX_DEPTH 32
/* The largest file import reads: ten years of a busy clinic fit in a fraction of it. */
#define PALPATE_RECORD_MAX_BYTES (1024 * 1024 * 1024)

#define PALPATE_RECORD_ERROR (palpate_record_error_quark ())

typedef enum
{
  PALPATE_RECORD_ERROR_INVALID,
  PALPATE_RECORD_ERROR_VERSION,
  PALPATE_RECORD_ERROR_SIGNED_VISIT_CHANGED,
  PALPATE_RECORD_ERROR_DUPLICATE,
} PalpateRecordError;

/* Tells whether a region id names a region of the body atlas (the atlas is a layer above). */
typedef gboolean (*PalpateRegionCheck) (const char *region_id,
                                        gpointer    user_data);

/* What an import did: the duplicates it skipped are sentences, one per record or visit. */
typedef struct
{
  guint      n_clients_added;
  guint      n_clients_merged;
  guint      n_visits_added;
  guint      n_drafts_replaced;
  GPtrArray *duplicates;
} PalpateImportSummary;

/* One disclosure of a client's record: when, by whom, to whom and why. */
typedef struct
{
  gint64  at;
  char   *actor;
  char   *recipient;
  char   *reason;
} PalpateDisclosure;

GQuark    palpate_record_error_quark        (void);

JsonNode *palpate_record_export_client      (PalpateStore          *store,
                                             gint64                 client_id,
                                             GError               **error);
JsonNode *palpate_record_export_clinic      (PalpateStore          *store,
                                             GError               **error);
char     *palpate_record_compute_seal       (JsonObject            *visit);

JsonNode *palpate_record_parse              (const char            *data,
                                             gsize                  length,
                                             GError               **error);
gboolean  palpate_record_import             (PalpateStore          *store,
                                             JsonNode              *root,
                                             PalpateRegionCheck     region_check,
                                             gpointer               user_data,
                                             PalpateImportSummary  *summary,
                                             GError               **error);
gboolean  palpate_record_import_client_list (PalpateStore          *store,
                                             const char            *csv,
                                             gsize                  length,
                                             PalpateImportSummary  *summary,
                                             GError               **error);
void      palpate_import_summary_clear      (PalpateImportSummary  *summary);

gboolean  palpate_record_log_disclosure     (PalpateStore          *store,
                                             gint64                 client_id,
                                             const char            *recipient,
                                             const char            *reason,
                                             GError               **error);
GArray   *palpate_record_list_disclosures   (PalpateStore          *store,
                                             gint64                 client_id,
                                             GError               **error);

G_END_DECLS
