/* palpate-store-private.h — what the store's own files share: statements, transactions, errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "palpate-db.h"
#include "palpate-store.h"

G_BEGIN_DECLS

/* Opens a clinic whose lock the caller already holds exclusively (a restore). */
#define PALPATE_STORE_OPEN_LOCKED (1 << 8)

/* How long a write waits for another program holding the file before it gives up. */
#define PALPATE_STORE_BUSY_TIMEOUT_MS 2000

sqlite3      *palpate_store_get_db          (PalpateStore  *self);

/* The files ported to PalpateDb (palpate-db.h) prepare and run their statements with these. */
PalpateDb          *palpate_store_get_conn       (PalpateStore        *self);
PalpateDbStatement *palpate_store_db_prepare     (PalpateStore        *self,
                                                  const char          *sql,
                                                  GError             **error);
gboolean            palpate_store_db_step_done   (PalpateDbStatement  *stmt,
                                                  GError             **error);

sqlite3_stmt *palpate_store_prepare         (PalpateStore  *self,
                                             const char    *sql,
                                             GError       **error);
gboolean      palpate_store_step_done       (PalpateStore  *self,
                                             sqlite3_stmt  *stmt,
                                             GError       **error);
gboolean      palpate_store_exec            (PalpateStore  *self,
                                             const char    *sql,
                                             GError       **error);
gboolean      palpate_store_begin           (PalpateStore  *self,
                                             GError       **error);
gboolean      palpate_store_commit          (PalpateStore  *self,
                                             GError       **error);
void          palpate_store_rollback        (PalpateStore  *self);

/* A transaction that rolls back when it goes out of scope uncommitted:
 *
 *   g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
 *
 *   if (!palpate_store_transaction_begin (&transaction, self, error))
 *     return FALSE;
 *   … each failure simply returns FALSE …
 *   return palpate_store_transaction_commit (&transaction, error);
 */
typedef struct
{
  PalpateStore *store;
} PalpateStoreTransaction;

#define PALPATE_STORE_TRANSACTION_INIT { NULL }

gboolean      palpate_store_transaction_begin  (PalpateStoreTransaction  *transaction,
                                                PalpateStore             *self,
                                                GError                  **error);
gboolean      palpate_store_transaction_commit (PalpateStoreTransaction  *transaction,
                                                GError                  **error);
void          palpate_store_transaction_clear  (PalpateStoreTransaction  *transaction);
gboolean      palpate_store_transaction_finish (PalpateStoreTransaction  *transaction,
                                                const char               *action,
                                                const char               *entity,
                                                gint64                    entity_id,
                                                GError                  **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PalpateStoreTransaction, palpate_store_transaction_clear)

/* The schema step from which the audit chain is keyed and signed visits sealed. */
#define PALPATE_STORE_SCHEMA_KEYED 5

/* The audit chain (palpate-store-audit.c): the clinic's identity, its key (kept outside the
 * file) and the head of the chain last recorded outside the file. */
typedef struct
{
  char     *clinic_uuid;
  guint8    key[32];
  gboolean  has_key;
  gint64    recorded_count;
  char     *recorded_hash;
  /* The last entry the open transaction appended (id 0: none, or rolled back to a savepoint
   * since), and whether the chain held the recorded head when it was appended. */
  gint64    appended_id;
  char     *appended_hash;
  gboolean  appended_holds;
  /* On a server, the entries the open transaction appended, written at its commit. */
  GPtrArray *pending;
} PalpateStoreAudit;

/* The store's own state, shared by the files that open, run and close the connection. */
struct _PalpateStore
{
  GObject     parent_instance;

  sqlite3    *db;
  PalpateDb  *conn;         /* the statement API on db (palpate-db.h), for the ported files */
  char       *path;
  char       *actor;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */
  guint       transaction_depth;  /* 0 outside, 1 in BEGIN … COMMIT, more in SAVEPOINTs */
  gboolean    audit_appended;     /* the open transaction appended to the audit log */
  PalpateStoreAudit audit;
  gboolean    read_only;
  int         lock_fd;      /* holds the clinic's lock (palpate-store-files.c), or -1 */
  gboolean    created;      /* made by this open: nothing in it to back up yet */
  PalpateTherapist *signed_in;  /* who is signed in (palpate-store-sign-in.c), or NULL */
  PalpateDb  *listener;     /* on a server, the session that follows the other rooms */
  GMainContext *listener_context;
  guint       listener_source;
  char       *listener_conninfo;   /* to open the session again after the server was away */
  guint       listener_retry;
};

/* A clinic on a clinic server (palpate-store-server.c). */
gboolean      palpate_store_open_server         (PalpateStore  *self,
                                                 gboolean       create,
                                                 const char    *password,
                                                 GError       **error);

/* The other rooms' changes on a clinic server (palpate-store-listen.c). */
gboolean      palpate_store_listen              (PalpateStore  *self,
                                                 const char    *conninfo,
                                                 GError       **error);
void          palpate_store_stop_listening      (PalpateStore  *self);
void          palpate_store_follow_on_thread_default (PalpateStore *self);
void          palpate_store_emit_changed        (PalpateStore  *self,
                                                 const char    *table,
                                                 gint64         id);

PalpateStoreAudit *palpate_store_get_audit      (PalpateStore  *self);
gboolean      palpate_store_audit_open          (PalpateStore  *self,
                                                 GError       **error);
gboolean      palpate_store_audit_rekey         (PalpateStore  *self,
                                                 GError       **error);
void          palpate_store_audit_clear         (PalpateStoreAudit *audit);
void          palpate_store_audit_accept_head   (PalpateStore  *self);
int           palpate_store_audit_stamp_backup  (PalpateStore  *self,
                                                 sqlite3       *copy);
int           palpate_store_audit_stamp_copy    (sqlite3       *copy);
void          palpate_store_note_audit_appended (PalpateStore  *self);

/* The chain's parts (palpate-store-audit.c, -audit-key.c), shared with its verification
 * (palpate-store-audit-verify.c). The first row chains to the genesis hash. */
#define PALPATE_STORE_AUDIT_GENESIS_HASH \
  "0000000000000000000000000000000000000000000000000000000000000000"

char         *palpate_store_audit_compute_hash  (const PalpateStoreAudit *audit,
                                                 gint64                   id,
                                                 gint64                   at,
                                                 const char              *actor,
                                                 const char              *action,
                                                 const char              *entity,
                                                 gint64                   entity_id,
                                                 const char              *detail,
                                                 const char              *prev_hash);
gboolean      palpate_store_audit_chain_holds   (PalpateStore  *self,
                                                 gint64         count,
                                                 const char    *hash,
                                                 gboolean      *holds,
                                                 GError       **error);
char         *palpate_store_audit_dup_clinic_file (const char  *uuid,
                                                   const char  *suffix);
gboolean      palpate_store_audit_create_key    (const char    *path,
                                                 guint8        *key,
                                                 gsize          key_size,
                                                 GError       **error);
gboolean      palpate_store_audit_write_key     (const char    *path,
                                                 const guint8  *key,
                                                 gsize          key_size,
                                                 GError       **error);
gboolean      palpate_store_audit_read_key_name (PalpateStore  *self,
                                                 char         **key_id,
                                                 GError       **error);
gboolean      palpate_store_audit_share_key     (PalpateStore  *self,
                                                 const char    *path,
                                                 const char    *clinic_key,
                                                 gboolean       key_made_here,
                                                 GError       **error);
void          palpate_store_audit_set_key_missing_error (GError **error);
void          palpate_store_audit_read_recorded_head  (PalpateStoreAudit *audit);
void          palpate_store_audit_write_recorded_head (PalpateStore      *self,
                                                       gint64             count,
                                                       const char        *hash);
void          palpate_store_audit_committed     (PalpateStore  *self);
gboolean      palpate_store_audit_write_pending (PalpateStore  *self,
                                                 GError       **error);
void          palpate_store_audit_keep_pending  (PalpateStore  *self,
                                                 guint          depth);
void          palpate_store_audit_drop_pending  (PalpateStore  *self,
                                                 guint          depth);

/* Backups (palpate-backup.c), shared with their restore (palpate-backup-restore.c). */
char         *palpate_backup_integrity_of      (sqlite3       *db);
char         *palpate_backup_unique            (PalpateStore  *store,
                                                const char    *what,
                                                GError       **error);

/* Seals of signed visits (palpate-store-seal.c). */
char         *palpate_store_seal_compute        (PalpateStore  *self,
                                                 gint64         visit_id,
                                                 GError       **error);
gboolean      palpate_store_seal_sign           (PalpateStore  *self,
                                                 gint64         visit_id,
                                                 gint64         version,
                                                 gint64         signed_at,
                                                 const char    *signed_by,
                                                 char         **seal_out,
                                                 GError       **error);
gboolean      palpate_store_visit_unchanged_error (PalpateStore  *self,
                                                   gint64         visit_id,
                                                   GError       **error);
void          palpate_store_set_sqlite_error (PalpateStore *self,
                                              int           rc,
                                              GError      **error);
gboolean      palpate_store_audit_append    (PalpateStore  *self,
                                             const char    *action,
                                             const char    *entity,
                                             gint64         entity_id,
                                             const char    *detail,
                                             GError       **error);
void          palpate_store_set_error_from_rc (sqlite3     *db,
                                               int          rc,
                                               const char  *path,
                                               GError     **error);
void          palpate_store_set_constraint_error (const char  *message,
                                                  GError     **error);

/* The PIN, tried at a given time (palpate-store-pin.c). */
gboolean      palpate_store_try_pin_at      (PalpateStore  *self,
                                             const char    *pin,
                                             gint64         now,
                                             GError       **error);

/* Opening (palpate-store-connection.c). */
gboolean      palpate_store_check_header         (const char    *path,
                                                  goffset        size,
                                                  GError       **error);
gboolean      palpate_store_create_private_file  (const char    *path,
                                                  GError       **error);
gboolean      palpate_store_configure_connection (PalpateStore  *self,
                                                  GError       **error);
gboolean      palpate_store_open_connection      (PalpateStore  *self,
                                                  gboolean       is_new,
                                                  GError       **error);
gboolean      palpate_store_check_existing       (PalpateStore  *self,
                                                  gint64        *version,
                                                  GError       **error);
gboolean      palpate_store_check_before_change  (PalpateStore  *self,
                                                  gint64         version,
                                                  GError       **error);
gboolean      palpate_store_migrate              (PalpateStore  *self,
                                                  gint64         from_version,
                                                  gboolean       is_new,
                                                  GError       **error);

/* What is kept outside the clinic file (palpate-store-pin.c): the PIN's hash and the wrong
 * tries of the PIN and of the therapists' passcodes, with the wait they cost. */
GKeyFile     *palpate_store_pins_load       (void);
gboolean      palpate_store_pins_save       (GKeyFile      *pins,
                                             GError       **error);
char         *palpate_store_pins_group      (PalpateStore  *self);
gint64        palpate_store_pin_wait_after  (gint64         failures);

/* Who is signed in (palpate-store-therapists.c): the audit log's actor names their profile. */
char         *palpate_store_dup_audit_actor (PalpateStore  *self);
gint64        palpate_store_get_signed_in_id (PalpateStore *self);

/* Schema steps, each taking user_version from N - 1 to N (palpate-store-schema.c). */
const char   *palpate_store_schema_step     (guint          version);
gboolean      palpate_store_schema_finish_step (PalpateStore *self,
                                                guint         version,
                                                GError      **error);

/* Helpers for binding and reading the common column kinds. */
char         *palpate_store_fold_for_search (const char    *text);
char         *palpate_store_strv_to_json    (const char * const *strv);
char        **palpate_store_strv_from_json  (const char    *json);
JsonArray    *palpate_store_json_array_from_text (const char *json);
GDateTime    *palpate_store_column_datetime (sqlite3_stmt  *stmt,
                                             int            column);
gint64        palpate_store_column_time     (sqlite3_stmt  *stmt,
                                             int            column);
const char   *palpate_store_column_text     (sqlite3_stmt  *stmt,
                                             int            column);
const char   *palpate_store_db_column_text  (PalpateDbStatement *stmt,
                                             int                 column);
/* The same helpers for statements of PalpateDb (palpate-db.h); palpate_db_bind_text() binds
 * NULL as NULL already. */
gint64        palpate_store_db_column_time  (PalpateDbStatement *stmt,
                                             int                 column);
GDateTime    *palpate_store_db_column_datetime (PalpateDbStatement *stmt,
                                                int                 column);
void          palpate_store_db_bind_datetime (PalpateDbStatement *stmt,
                                              int                 column,
                                              GDateTime          *datetime);
void          palpate_store_db_bind_pain    (PalpateDbStatement *stmt,
                                             int                 column,
                                             int                 pain);
int           palpate_store_db_column_pain  (PalpateDbStatement *stmt,
                                             int                 column);
void          palpate_store_bind_text       (sqlite3_stmt  *stmt,
                                             int            column,
                                             const char    *text);
void          palpate_store_bind_datetime   (sqlite3_stmt  *stmt,
                                             int            column,
                                             GDateTime     *datetime);
void          palpate_store_bind_pain       (sqlite3_stmt  *stmt,
                                             int            column,
                                             int            pain);
int           palpate_store_column_pain     (sqlite3_stmt  *stmt,
                                             int            column);

guint         palpate_store_index_of        (const char * const *ids,
                                             guint               n_ids,
                                             const char         *id);
char         *palpate_store_points_to_text  (const PalpatePoint *points,
                                             guint               n_points);
GArray       *palpate_store_points_from_text (const char        *json);

/* A finding written inside the caller's transaction (palpate-store-findings.c). */
gboolean      palpate_store_write_finding   (PalpateStore       *self,
                                             PalpateFinding     *finding,
                                             GError            **error);

G_END_DECLS
