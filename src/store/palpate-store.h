/* palpate-store.h — the clinic store: one SQLite file that keeps every record
 *
 * Every change is one transaction that also appends to the audit log; it is on disk when the
 * call returns TRUE. A failed change leaves the file as it was and says why in
 * PALPATE_STORE_ERROR (or PALPATE_CORE_ERROR when a value breaks a rule of src/core/).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "palpate-amendment.h"
#include "palpate-applied-technique.h"
#include "palpate-client.h"
#include "palpate-client-report.h"
#include "palpate-consent.h"
#include "palpate-finding.h"
#include "palpate-health-history.h"
#include "palpate-questionnaire.h"
#include "palpate-record-rules.h"
#include "palpate-store-error.h"
#include "palpate-technique.h"
#include "palpate-therapist.h"
#include "palpate-treatment-plan.h"
#include "palpate-visit.h"
#include "palpate-visit-summary.h"
#include "palpate-visit-selection.h"

G_BEGIN_DECLS

/* "PALP": marks a SQLite file as a Palpate clinic (PRAGMA application_id). */
#define PALPATE_STORE_APPLICATION_ID 0x50414c50
#define PALPATE_STORE_SCHEMA_VERSION 5

/* Outcome questionnaires with ten items of 0–5 each. */
#define PALPATE_OUTCOME_N_ITEMS 10
#define PALPATE_OUTCOME_UNANSWERED (-1)

/* One client's rating of one of their activities at one visit. */
typedef struct
{
  gint64 visit_id;
  gint64 activity_id;
  guint  position;
  int    rating;
} PalpatePsfsRating;

/* A client's answers to a questionnaire at one visit; unanswered items are -1. */
typedef struct
{
  gint64            visit_id;
  PalpateInstrument instrument;
  int               answers[PALPATE_OUTCOME_N_ITEMS];
} PalpateOutcomeAnswers;

/* The change in pain over care (latest minus first rating before treatment in the period) of
 * the clients who received a technique or have a condition. */
typedef struct
{
  char   *name;             /* the technique's name, or the condition's id */
  guint   clients;          /* clients with pain rated at two counted visits or more */
  double  average_change;   /* their change over care, averaged: below 0 is better */
  guint   eligible;         /* of them, a first rating of at least 4: where the rule applies */
  guint   improved;         /* of those, meaningfully better by the rule */
} PalpateCareChange;

/* The clinic at a glance over a period. */
typedef struct
{
  gint64                from;            /* seconds since 1970 */
  gint64                to;              /* excluded */
  PalpateVisitSelection selection;
  guint                 n_clients_seen;  /* clients with a counted visit in the period */
  guint                 n_courses;       /* of them, pain rated at two counted visits or more */
  guint                 n_eligible;      /* of those, a first rating of at least 4 */
  guint                 n_improved;      /* of those, meaningfully better */
  GArray               *months;          /* PalpateMonthVisits, by month then therapist */
  GArray               *by_technique;    /* PalpateCareChange, best first */
  GArray               *by_condition;    /* PalpateCareChange, best first */
} PalpateOverview;

/**
 * PalpateStoreOpenFlags:
 * @PALPATE_STORE_OPEN_DEFAULT: an existing clinic, to read and write
 * @PALPATE_STORE_OPEN_CREATE: make a new clinic when there is no file
 * @PALPATE_STORE_OPEN_READ_ONLY: only read (a check, a report, a backup): works on a read-only
 *   file, in a read-only folder and while another program writes; changes nothing in the file
 */
typedef enum
{
  PALPATE_STORE_OPEN_DEFAULT   = 0,
  PALPATE_STORE_OPEN_CREATE    = 1 << 0,
  PALPATE_STORE_OPEN_READ_ONLY = 1 << 1,
} PalpateStoreOpenFlags;

#define PALPATE_TYPE_STORE (palpate_store_get_type ())

G_DECLARE_FINAL_TYPE (PalpateStore, palpate_store, PALPATE, STORE, GObject)

PalpateStore     *palpate_store_open                  (const char             *path,
                                                       GError                **error);
PalpateStore     *palpate_store_open_full             (const char             *path,
                                                       PalpateStoreOpenFlags   flags,
                                                       GError                **error);
PalpateStore     *palpate_store_open_with_password    (const char             *location,
                                                       const char             *password,
                                                       PalpateStoreOpenFlags   flags,
                                                       GError                **error);
void              palpate_store_open_with_password_async
                                                      (const char             *location,
                                                       const char             *password,
                                                       PalpateStoreOpenFlags   flags,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
PalpateStore     *palpate_store_open_with_password_finish
                                                      (GAsyncResult           *result,
                                                       GError                **error);
gboolean          palpate_store_is_read_only          (PalpateStore           *self);
const char       *palpate_store_get_path              (PalpateStore           *self);
gboolean          palpate_store_is_on_server          (PalpateStore           *self);
gboolean          palpate_store_set_charting          (PalpateStore           *self,
                                                       gint64                  visit_id,
                                                       gboolean                charting,
                                                       GError                **error);
GArray           *palpate_store_list_charted_elsewhere (PalpateStore          *self,
                                                       GError                **error);
gboolean          palpate_store_export_audit_key      (PalpateStore           *self,
                                                       const char             *path,
                                                       GError                **error);
gboolean          palpate_store_import_audit_key      (const char             *path,
                                                       char                  **uuid,
                                                       GError                **error);
char             *palpate_store_describe_server       (const char             *location);
char             *palpate_store_server_location_new   (const char             *host,
                                                       const char             *port,
                                                       const char             *dbname,
                                                       const char             *user);
gboolean          palpate_store_server_location_parts (const char             *location,
                                                       char                  **host,
                                                       char                  **port,
                                                       char                  **dbname,
                                                       char                  **user);
char             *palpate_store_dup_backups_dir       (PalpateStore           *self);
const char       *palpate_store_get_actor             (PalpateStore           *self);
void              palpate_store_set_actor             (PalpateStore           *self,
                                                       const char             *actor);
void              palpate_store_close                 (PalpateStore           *self);
gboolean          palpate_store_get_created           (PalpateStore           *self);

/* Clinic settings: name, address, phone, pin-hash, … */
char             *palpate_store_dup_setting           (PalpateStore           *self,
                                                       const char             *key);
gboolean          palpate_store_set_setting           (PalpateStore           *self,
                                                       const char             *key,
                                                       const char             *value,
                                                       GError                **error);

/* The PIN that closes the patient view: kept only as a salted Argon2id hash */
gboolean          palpate_store_set_pin               (PalpateStore           *self,
                                                       const char             *pin,
                                                       GError                **error);
gboolean          palpate_store_has_pin               (PalpateStore           *self);
gboolean          palpate_store_check_pin             (PalpateStore           *self,
                                                       const char             *pin);
gboolean          palpate_store_try_pin               (PalpateStore           *self,
                                                       const char             *pin,
                                                       GError                **error);
gboolean          palpate_store_pin_was_removed       (PalpateStore           *self);

/* Therapists: profiles, passcodes and who is signed in (palpate-store-therapists.c) */
gboolean          palpate_store_save_therapist        (PalpateStore           *self,
                                                       PalpateTherapist       *therapist,
                                                       GError                **error);
GPtrArray        *palpate_store_list_therapists       (PalpateStore           *self,
                                                       GError                **error);
PalpateTherapist *palpate_store_get_therapist         (PalpateStore           *self,
                                                       gint64                  therapist_id,
                                                       GError                **error);
int               palpate_store_count_active_therapists (PalpateStore         *self);
gboolean          palpate_store_set_passcode          (PalpateStore           *self,
                                                       gint64                  therapist_id,
                                                       const char             *passcode,
                                                       GError                **error);
gboolean          palpate_store_sign_in               (PalpateStore           *self,
                                                       gint64                  therapist_id,
                                                       const char             *passcode,
                                                       GError                **error);
gboolean          palpate_store_sign_in_at            (PalpateStore           *self,
                                                       gint64                  therapist_id,
                                                       const char             *passcode,
                                                       gint64                  now,
                                                       GError                **error);
gboolean          palpate_store_sign_in_alone         (PalpateStore           *self);
gint64            palpate_store_get_passcode_wait     (PalpateStore           *self,
                                                       gint64                  therapist_id);
gboolean          palpate_store_confirm_passcode      (PalpateStore           *self,
                                                       const char             *passcode,
                                                       const char             *purpose,
                                                       GError                **error);
void              palpate_store_sign_out              (PalpateStore           *self,
                                                       const char             *reason);
PalpateTherapist *palpate_store_get_signed_in         (PalpateStore           *self);
gboolean          palpate_store_get_own_notes_only    (PalpateStore           *self);
gboolean          palpate_store_set_own_notes_only    (PalpateStore           *self,
                                                       gboolean                own_only,
                                                       GError                **error);
gboolean          palpate_store_may_read_notes        (PalpateStore           *self,
                                                       gint64                  therapist_id);
void              palpate_store_keep_readable_notes   (PalpateStore           *self,
                                                       GPtrArray              *visits,
                                                       GArray                 *summaries,
                                                       GPtrArray              *findings,
                                                       GPtrArray              *applied);
gboolean          palpate_store_has_view_lock         (PalpateStore           *self);
gboolean          palpate_store_try_view_lock         (PalpateStore           *self,
                                                       const char             *secret,
                                                       GError                **error);

/* Clients */
gboolean          palpate_store_save_client           (PalpateStore           *self,
                                                       PalpateClient          *client,
                                                       GError                **error);
PalpateClient    *palpate_store_get_client            (PalpateStore           *self,
                                                       gint64                  client_id,
                                                       GError                **error);
GPtrArray        *palpate_store_search_clients        (PalpateStore           *self,
                                                       const char             *text,
                                                       guint                   limit,
                                                       GError                **error);
int               palpate_store_count_clients         (PalpateStore           *self);
GArray           *palpate_store_list_activity_ids     (PalpateStore           *self,
                                                       gint64                  client_id,
                                                       GError                **error);

/* What a client reported on their own view: kept as the client's, apart from the visits */
gboolean          palpate_store_add_client_report     (PalpateStore           *self,
                                                       PalpateClientReport    *report,
                                                       GError                **error);
GPtrArray        *palpate_store_list_client_reports   (PalpateStore           *self,
                                                       gint64                  client_id,
                                                       GDateTime              *since,
                                                       GError                **error);

/* A client's standing no-touch zones: contraindication findings not tied to a visit */
GPtrArray        *palpate_store_list_client_zones     (PalpateStore           *self,
                                                       gint64                  client_id,
                                                       GError                **error);
GArray           *palpate_store_list_zoned_clients    (PalpateStore           *self,
                                                       GError                **error);
gboolean          palpate_store_set_client_zones      (PalpateStore           *self,
                                                       gint64                  client_id,
                                                       GListModel             *zones,
                                                       GError                **error);

/* Techniques */
GPtrArray        *palpate_store_list_techniques       (PalpateStore           *self,
                                                       GError                **error);
gboolean          palpate_store_save_technique        (PalpateStore           *self,
                                                       PalpateTechnique       *technique,
                                                       GError                **error);

/* Visits */
gboolean          palpate_store_save_visit            (PalpateStore           *self,
                                                       PalpateVisit           *visit,
                                                       GError                **error);
PalpateVisit     *palpate_store_get_visit             (PalpateStore           *self,
                                                       gint64                  visit_id,
                                                       GError                **error);
GPtrArray        *palpate_store_list_visits           (PalpateStore           *self,
                                                       gint64                  client_id,
                                                       GError                **error);
GArray           *palpate_store_list_visit_summaries  (PalpateStore           *self,
                                                       gint64                  client_id,
                                                       GError                **error);
PalpateVisit     *palpate_store_get_latest_visit      (PalpateStore           *self,
                                                       gint64                  client_id,
                                                       gint64                  before_visit_id,
                                                       GError                **error);
PalpateVisit     *palpate_store_get_latest_draft      (PalpateStore           *self,
                                                       GError                **error);
GArray           *palpate_store_list_clients_seen     (PalpateStore           *self,
                                                       gint64                  from,
                                                       gint64                  to,
                                                       GError                **error);
gboolean          palpate_store_sign_visit            (PalpateStore           *self,
                                                       PalpateVisit           *visit,
                                                       const char             *signed_by,
                                                       GError                **error);
gboolean          palpate_store_start_visit           (PalpateStore           *self,
                                                       PalpateVisit           *visit,
                                                       GError                **error);

/* Findings */
gboolean          palpate_store_save_finding          (PalpateStore           *self,
                                                       PalpateFinding         *finding,
                                                       GError                **error);
gboolean          palpate_store_delete_finding        (PalpateStore           *self,
                                                       gint64                  finding_id,
                                                       GError                **error);
GPtrArray        *palpate_store_list_findings         (PalpateStore           *self,
                                                       gint64                  visit_id,
                                                       GError                **error);
GPtrArray        *palpate_store_list_client_findings  (PalpateStore           *self,
                                                       gint64                  client_id,
                                                       GError                **error);

/* Applied techniques */
gboolean          palpate_store_save_applied_technique   (PalpateStore            *self,
                                                          PalpateAppliedTechnique *applied,
                                                          GError                 **error);
gboolean          palpate_store_delete_applied_technique (PalpateStore            *self,
                                                          gint64                   applied_id,
                                                          GError                 **error);
GPtrArray        *palpate_store_list_applied_techniques  (PalpateStore            *self,
                                                          gint64                   visit_id,
                                                          GError                 **error);
GPtrArray        *palpate_store_list_client_applied_techniques (PalpateStore      *self,
                                                                gint64             client_id,
                                                                GError           **error);

/* Amendments */
gboolean          palpate_store_add_amendment         (PalpateStore           *self,
                                                       PalpateAmendment       *amendment,
                                                       GError                **error);
GPtrArray        *palpate_store_list_amendments       (PalpateStore           *self,
                                                       gint64                  visit_id,
                                                       GError                **error);

/* Outcome measures */
gboolean          palpate_store_set_psfs_rating       (PalpateStore           *self,
                                                       gint64                  visit_id,
                                                       gint64                  activity_id,
                                                       int                     rating,
                                                       GError                **error);
GArray           *palpate_store_list_psfs_ratings     (PalpateStore           *self,
                                                       gint64                  client_id,
                                                       GError                **error);
gboolean          palpate_store_save_outcome          (PalpateStore           *self,
                                                       const PalpateOutcomeAnswers *answers,
                                                       GError                **error);
GArray           *palpate_store_list_outcomes         (PalpateStore           *self,
                                                       gint64                  client_id,
                                                       GError                **error);

/* Health history: dated versions, newest last */
gboolean              palpate_store_add_health_history    (PalpateStore           *self,
                                                           PalpateHealthHistory   *history,
                                                           GError                **error);
gboolean              palpate_store_accept_health_history (PalpateStore           *self,
                                                           gint64                  history_id,
                                                           GError                **error);
GPtrArray            *palpate_store_list_health_histories (PalpateStore           *self,
                                                           gint64                  client_id,
                                                           GError                **error);

/* Consents and refusals; verbal consent per visit and sensitive area */
gboolean              palpate_store_add_consent           (PalpateStore           *self,
                                                           PalpateConsent         *consent,
                                                           GError                **error);
gboolean              palpate_store_withdraw_consent      (PalpateStore           *self,
                                                           gint64                  consent_id,
                                                           GError                **error);
GPtrArray            *palpate_store_list_consents         (PalpateStore           *self,
                                                           gint64                  client_id,
                                                           GError                **error);
gboolean              palpate_store_add_verbal_consent    (PalpateStore           *self,
                                                           gint64                  visit_id,
                                                           PalpateSensitiveArea    area,
                                                           GError                **error);
gboolean              palpate_store_has_verbal_consent    (PalpateStore           *self,
                                                           gint64                  visit_id,
                                                           PalpateSensitiveArea    area,
                                                           gboolean               *given,
                                                           GError                **error);

/* Treatment plans: one per course of care, the newest is the client's current one */
typedef struct
{
  int latest_psfs;    /* the plan's activity at the latest signed visit, or -1 */
  int latest_pain;    /* pain at the latest signed visit, or -1 */
  int sessions_done;  /* signed visits since the plan was made */
} PalpatePlanProgress;

gboolean              palpate_store_save_treatment_plan   (PalpateStore           *self,
                                                           PalpateTreatmentPlan   *plan,
                                                           GError                **error);
PalpateTreatmentPlan *palpate_store_get_treatment_plan    (PalpateStore           *self,
                                                           gint64                  client_id,
                                                           GError                **error);
gboolean              palpate_store_read_plan_progress    (PalpateStore           *self,
                                                           const PalpateTreatmentPlan *plan,
                                                           PalpatePlanProgress    *progress,
                                                           GError                **error);

/* Retention: the clinic's rule, each client's keep-until date, destroying a record past it */
typedef struct
{
  gint64  client_id;
  char   *name;
  GDate   last_visit;
  GDate   keep_until;
} PalpateRetentionEntry;

void                  palpate_store_get_retention_rule    (PalpateStore           *self,
                                                           PalpateJurisdiction    *jurisdiction,
                                                           guint                  *years);
gboolean              palpate_store_set_retention_rule    (PalpateStore           *self,
                                                           PalpateJurisdiction     jurisdiction,
                                                           guint                   years,
                                                           GError                **error);
GArray               *palpate_store_list_retention        (PalpateStore           *self,
                                                           gint64                  client_id,
                                                           GError                **error);
gboolean              palpate_store_destroy_client_record (PalpateStore           *self,
                                                           gint64                  client_id,
                                                           GError                **error);

/* The clinic at a glance */
PalpateOverview  *palpate_store_read_overview         (PalpateStore           *self,
                                                       gint64                  from,
                                                       gint64                  to,
                                                       PalpateVisitSelection   selection,
                                                       GError                **error);
void              palpate_overview_free               (PalpateOverview        *overview);

/* What a client's report reads beyond the visits */
GPtrArray        *palpate_store_list_client_amendments (PalpateStore          *self,
                                                        gint64                 client_id,
                                                        GError               **error);

/* Audit log */
gboolean          palpate_store_log_event             (PalpateStore           *self,
                                                       const char             *action,
                                                       const char             *entity,
                                                       gint64                  entity_id,
                                                       const char             *detail,
                                                       GError                **error);
gboolean          palpate_store_verify_audit          (PalpateStore           *self,
                                                       gint64                 *n_rows,
                                                       GError                **error);
gboolean          palpate_store_get_audit_head        (PalpateStore           *self,
                                                       gint64                 *n_entries,
                                                       char                  **short_hash,
                                                       GError                **error);

/* Integrity and backups */
gboolean          palpate_store_check_integrity       (PalpateStore           *self,
                                                       GError                **error);
gboolean          palpate_store_backup_to             (PalpateStore           *self,
                                                       const char             *destination,
                                                       GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PalpateOverview, palpate_overview_free)

G_END_DECLS
