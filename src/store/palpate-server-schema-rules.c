/* palpate-server-schema-rules.c — the clinic's rules on a PostgreSQL server: indexes, triggers,
 * the clients' search index and the identities moved past the copied rows
 *
 * Each rule of the clinic file is a PL/pgSQL trigger function here, and says what it refuses in
 * the words of the file's trigger, because the store tells its errors apart by them ("signed
 * visit", "audit log"). The 35 triggers of the file (palpate-store-schema.c, after step 5), and
 * what does their work on the server:
 *
 *   file trigger                        server
 *   visits_insert_signed                the primary key of visits (see "replace" below)
 *   visits_update_signed                visits_signed (visits_signed ())
 *   visits_delete_signed                visits_signed, and visits_no_truncate
 *   visits_sign_sealed                  visits_sealed (visits_sealed ())
 *   findings_insert_signed              findings_signed (visit_rows_signed ()); replace: key
 *   findings_update_signed              findings_signed
 *   findings_delete_signed              findings_signed, and findings_no_truncate
 *   applied_techniques_insert_signed    applied_techniques_signed (visit_rows_signed ())
 *   applied_techniques_update_signed    applied_techniques_signed
 *   applied_techniques_delete_signed    applied_techniques_signed, applied_techniques_no_truncate
 *   psfs_ratings_insert_signed          psfs_ratings_signed (visit_rows_signed ())
 *   psfs_ratings_update_signed          psfs_ratings_signed
 *   psfs_ratings_delete_signed          psfs_ratings_signed, and psfs_ratings_no_truncate
 *   outcome_measures_insert_signed      outcome_measures_signed (visit_rows_signed ())
 *   outcome_measures_update_signed      outcome_measures_signed
 *   outcome_measures_delete_signed      outcome_measures_signed, outcome_measures_no_truncate
 *   verbal_consents_insert_signed       verbal_consents_signed (visit_rows_signed ())
 *   verbal_consents_update_signed       verbal_consents_signed
 *   verbal_consents_delete_signed       verbal_consents_signed, and verbal_consents_no_truncate
 *   amendments_no_update                amendments_kept (amendments_kept ())
 *   amendments_no_delete                amendments_kept, and amendments_no_truncate
 *   amendments_no_replace               the primary key of amendments
 *   audit_log_no_update                 audit_log_kept (audit_log_kept ())
 *   audit_log_no_delete                 audit_log_kept, and audit_log_no_truncate
 *   audit_log_no_replace                the primary key of audit_log
 *   clinic_identity_once                clinic_identity_kept (clinic_identity_kept ()), and the
 *                                       unique index clinic_identity_one
 *   clinic_identity_no_update           clinic_identity_kept
 *   clinic_identity_no_delete           clinic_identity_kept, and clinic_identity_no_truncate
 *   consents_kept                       consents_kept (consents_kept ())
 *   consents_no_replace                 the primary key of consents
 *   health_histories_kept               health_histories_kept (health_histories_kept ())
 *   client_reports_no_update            client_reports_kept (client_reports_kept ())
 *   client_report_places_no_update      client_report_places_kept (client_reports_kept ())
 *   client_report_ratings_no_update     client_report_ratings_kept (client_reports_kept ())
 *   clients_insert_uuid                 clients_uuid (clients_uuid ()), BEFORE INSERT
 *
 * And one the file has not, since one window at a time has a file open: clients_notify and
 * visits_notify (notify_rooms ()) tell the other rooms what was written.
 *
 * Replace: the file's "*_no_replace" triggers and the second half of each "*_insert_signed"
 * stop INSERT OR REPLACE, which in SQLite deletes a row without its DELETE triggers. PostgreSQL
 * has no such statement: an INSERT of an id already there fails on the primary key, and
 * INSERT … ON CONFLICT DO UPDATE goes through the UPDATE triggers above.
 *
 * TRUNCATE, which PostgreSQL has and SQLite has not, skips row triggers; it is refused on every
 * table whose rows the file refuses to delete (the "*_no_truncate" triggers).
 *
 * A child row of a visit (a finding, an applied technique, …) takes a share lock on its visit
 * before it looks at its status, so that it waits for a signature being written at the same time
 * and then sees it: on one file SQLite lets one writer at a time; on a server, several.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include "palpate-server-schema-private.h"

#include <glib/gi18n.h>

#include "palpate-store.h"

/* Those of the file, on the same columns, and one that only a server needs. They are made after
 * the copy, over all its rows at once. */
static const char indexes[] =
  "CREATE INDEX visits_by_client ON visits (client_id, started_at);\n"
  "CREATE INDEX findings_by_visit ON findings (visit_id);\n"
  "CREATE INDEX applied_techniques_by_visit ON applied_techniques (visit_id);\n"
  "CREATE INDEX amendments_by_visit ON amendments (visit_id);\n"
  "CREATE INDEX client_zones_by_client ON client_zones (client_id);\n"
  "CREATE INDEX health_histories_by_client ON health_histories (client_id, recorded_at, id);\n"
  "CREATE INDEX consents_by_client ON consents (client_id, given_at, id);\n"
  "CREATE INDEX treatment_plans_by_client ON treatment_plans (client_id, id);\n"
  "CREATE INDEX client_reports_by_client ON client_reports (client_id, reported_at);\n"
  "CREATE INDEX client_report_places_by_report ON client_report_places (report_id);\n"
  "CREATE UNIQUE INDEX clients_by_uuid ON clients (uuid);\n"
  /* The file's `name COLLATE NOCASE`: the list reads ORDER BY lower (name), id. */
  "CREATE INDEX clients_by_name ON clients (lower (name), id);\n"
  /* One clinic identity, even when two connections add it at once. */
  "CREATE UNIQUE INDEX clinic_identity_one ON clinic_identity ((true));\n";

/* The file's clients_search (FTS5, trigram) indexes the folded search_text; so does this. A
 * trigram GIN index answers LIKE and ILIKE '%…%' of three characters or more. Without
 * fastupdate, each new client goes into the index at once instead of a pending list, which
 * every search would read in full (and the planner then passes the index by) until a vacuum:
 * clients are added one at a time, searched all day. */
static const char search_index[] =
  "CREATE INDEX clients_search ON clients USING gin (search_text gin_trgm_ops)\n"
  "  WITH (fastupdate = off);\n";

#define REFUSE(message, errcode) \
  "RAISE EXCEPTION USING MESSAGE = " message ", ERRCODE = '" errcode "';\n"

#define RETURN_ROW \
  "  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n" \
  "  RETURN NEW;\n"

/* A visit's client named in record_destruction: the store is destroying the record. */
#define BEING_DESTROYED(client) \
  "EXISTS (SELECT 1 FROM record_destruction WHERE client_id = " client ")"

static const char functions[] =
  "CREATE FUNCTION visits_signed () RETURNS trigger LANGUAGE plpgsql AS $$\n"
  "BEGIN\n"
  "  IF OLD.status = 'signed'\n"
  "     AND (TG_OP = 'UPDATE' OR NOT " BEING_DESTROYED ("OLD.client_id") ") THEN\n"
  "    " REFUSE ("'signed visit: visits cannot change'", "restrict_violation")
  "  END IF;\n"
  RETURN_ROW
  "END $$;\n"
  "CREATE FUNCTION visits_sealed () RETURNS trigger LANGUAGE plpgsql AS $$\n"
  "BEGIN\n"
  "  " REFUSE ("'signed visit: a visit is signed with its seal'", "check_violation")
  "END $$;\n"
  "CREATE FUNCTION visit_rows_signed () RETURNS trigger LANGUAGE plpgsql AS $$\n"
  "DECLARE\n"
  "  visit_status text;\n"
  "  visit_client bigint;\n"
  "BEGIN\n"
  "  IF TG_OP <> 'INSERT' THEN\n"
  "    SELECT status, client_id INTO visit_status, visit_client FROM visits\n"
  "      WHERE id = OLD.visit_id FOR SHARE;\n"
  "    IF visit_status = 'signed'\n"
  "       AND (TG_OP = 'UPDATE' OR NOT " BEING_DESTROYED ("visit_client") ") THEN\n"
  "      " REFUSE ("format ('signed visit: %s cannot change', TG_TABLE_NAME)",
                   "restrict_violation")
  "    END IF;\n"
  "  END IF;\n"
  "  IF TG_OP <> 'DELETE' THEN\n"
  "    SELECT status INTO visit_status FROM visits WHERE id = NEW.visit_id FOR SHARE;\n"
  "    IF visit_status = 'signed' THEN\n"
  "      " REFUSE ("format ('signed visit: %s cannot change', TG_TABLE_NAME)",
                   "restrict_violation")
  "    END IF;\n"
  "  END IF;\n"
  RETURN_ROW
  "END $$;\n"
  "CREATE FUNCTION amendments_kept () RETURNS trigger LANGUAGE plpgsql AS $$\n"
  "BEGIN\n"
  "  IF TG_OP = 'UPDATE'\n"
  "     OR NOT " BEING_DESTROYED ("(SELECT client_id FROM visits\n"
  "                                  WHERE id = OLD.visit_id)") " THEN\n"
  "    " REFUSE ("'signed visit: amendments cannot change'", "restrict_violation")
  "  END IF;\n"
  "  RETURN OLD;\n"
  "END $$;\n"
  "CREATE FUNCTION audit_log_kept () RETURNS trigger LANGUAGE plpgsql AS $$\n"
  "BEGIN\n"
  "  " REFUSE ("'audit log cannot change'", "restrict_violation")
  "END $$;\n"
  "CREATE FUNCTION clinic_identity_kept () RETURNS trigger LANGUAGE plpgsql AS $$\n"
  "BEGIN\n"
  "  IF TG_OP <> 'INSERT' OR EXISTS (SELECT 1 FROM clinic_identity) THEN\n"
  "    " REFUSE ("'audit log cannot change'", "restrict_violation")
  "  END IF;\n"
  "  RETURN NEW;\n"
  "END $$;\n"
  /* A consent is withdrawn once, and otherwise never changes. */
  "CREATE FUNCTION consents_kept () RETURNS trigger LANGUAGE plpgsql AS $$\n"
  "BEGIN\n"
  "  IF OLD.withdrawn_at IS NOT NULL OR NEW.withdrawn_at IS NULL\n"
  "     OR NEW.id IS DISTINCT FROM OLD.id OR NEW.client_id IS DISTINCT FROM OLD.client_id\n"
  "     OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.area IS DISTINCT FROM OLD.area\n"
  "     OR NEW.explained IS DISTINCT FROM OLD.explained\n"
  "     OR NEW.given_at IS DISTINCT FROM OLD.given_at\n"
  "     OR NEW.obtained_by IS DISTINCT FROM OLD.obtained_by\n"
  "     OR NEW.guardian IS DISTINCT FROM OLD.guardian\n"
  "     OR NEW.signature IS DISTINCT FROM OLD.signature THEN\n"
  "    " REFUSE ("'consents cannot change'", "restrict_violation")
  "  END IF;\n"
  "  RETURN NEW;\n"
  "END $$;\n"
  /* A version of the health history is accepted once, and otherwise never changes. */
  "CREATE FUNCTION health_histories_kept () RETURNS trigger LANGUAGE plpgsql AS $$\n"
  "BEGIN\n"
  "  IF OLD.accepted_at IS NOT NULL OR NEW.accepted_at IS NULL\n"
  "     OR NEW.id IS DISTINCT FROM OLD.id OR NEW.client_id IS DISTINCT FROM OLD.client_id\n"
  "     OR NEW.recorded_at IS DISTINCT FROM OLD.recorded_at\n"
  "     OR NEW.recorded_by IS DISTINCT FROM OLD.recorded_by\n"
  "     OR NEW.reported_by_client IS DISTINCT FROM OLD.reported_by_client\n"
  "     OR NEW.medications IS DISTINCT FROM OLD.medications\n"
  "     OR NEW.allergies IS DISTINCT FROM OLD.allergies\n"
  "     OR NEW.other_conditions IS DISTINCT FROM OLD.other_conditions\n"
  "     OR NEW.surgeries IS DISTINCT FROM OLD.surgeries\n"
  "     OR NEW.emergency_contact IS DISTINCT FROM OLD.emergency_contact\n"
  "     OR NEW.referral IS DISTINCT FROM OLD.referral\n"
  "     OR NEW.conditions IS DISTINCT FROM OLD.conditions\n"
  "     OR NEW.pregnancy IS DISTINCT FROM OLD.pregnancy THEN\n"
  "    " REFUSE ("'health history versions cannot change'", "restrict_violation")
  "  END IF;\n"
  "  RETURN NEW;\n"
  "END $$;\n"
  "CREATE FUNCTION client_reports_kept () RETURNS trigger LANGUAGE plpgsql AS $$\n"
  "BEGIN\n"
  "  " REFUSE ("'client report: what the client reported cannot change'", "restrict_violation")
  "END $$;\n"
  "CREATE FUNCTION clients_uuid () RETURNS trigger LANGUAGE plpgsql AS $$\n"
  "BEGIN\n"
  "  NEW.uuid := gen_random_uuid ()::text;\n"
  "  RETURN NEW;\n"
  "END $$;\n"
  /* The other rooms learn of a client or a visit written (palpate-store-listen.c). Row-level,
   * so that the payload names the row and a room reloads only what shows it; PostgreSQL sends
   * a notification at commit and folds identical ones of one transaction into one, so a visit
   * saved several times in one transaction costs one, and a rolled-back write none. A statement
   * trigger could not say which row without transition tables, and would tell every room to
   * reload everything. The copy of `palpate migrate` writes its rows before the rules exist
   * (palpate_server_schema_create_rules()), so a migration notifies nobody row by row. */
  "CREATE FUNCTION notify_rooms () RETURNS trigger LANGUAGE plpgsql AS $$\n"
  "BEGIN\n"
  "  PERFORM pg_notify ('palpate', TG_TABLE_NAME || ' ' || NEW.id);\n"
  "  RETURN NULL;\n"
  "END $$;\n"
  /* The message is the trigger's argument: the words of the rows' own rule. */
  "CREATE FUNCTION refuse_truncate () RETURNS trigger LANGUAGE plpgsql AS $$\n"
  "BEGIN\n"
  "  " REFUSE ("TG_ARGV[0]", "restrict_violation")
  "END $$;\n";

#define ROW_TRIGGER(name, events, table, function) \
  "CREATE TRIGGER " name " BEFORE " events " ON " table \
  " FOR EACH ROW EXECUTE FUNCTION " function " ();\n"

#define SIGNED_VISIT_ROWS(table) \
  ROW_TRIGGER (table "_signed", "INSERT OR UPDATE OR DELETE", table, "visit_rows_signed")

#define NO_TRUNCATE(table, message) \
  "CREATE TRIGGER " table "_no_truncate BEFORE TRUNCATE ON " table \
  " FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate ('" message "');\n"

#define SIGNED_NO_TRUNCATE(table) NO_TRUNCATE (table, "signed visit: " table " cannot change")

static const char triggers[] =
  ROW_TRIGGER ("visits_signed", "UPDATE OR DELETE", "visits", "visits_signed")
  "CREATE TRIGGER visits_sealed BEFORE UPDATE OF status ON visits FOR EACH ROW\n"
  "  WHEN (NEW.status = 'signed' AND NEW.seal IS NULL) EXECUTE FUNCTION visits_sealed ();\n"
  SIGNED_VISIT_ROWS ("findings")
  SIGNED_VISIT_ROWS ("applied_techniques")
  SIGNED_VISIT_ROWS ("psfs_ratings")
  SIGNED_VISIT_ROWS ("outcome_measures")
  SIGNED_VISIT_ROWS ("verbal_consents")
  ROW_TRIGGER ("amendments_kept", "UPDATE OR DELETE", "amendments", "amendments_kept")
  ROW_TRIGGER ("audit_log_kept", "UPDATE OR DELETE", "audit_log", "audit_log_kept")
  ROW_TRIGGER ("clinic_identity_kept", "INSERT OR UPDATE OR DELETE", "clinic_identity",
               "clinic_identity_kept")
  ROW_TRIGGER ("consents_kept", "UPDATE", "consents", "consents_kept")
  ROW_TRIGGER ("health_histories_kept", "UPDATE", "health_histories", "health_histories_kept")
  ROW_TRIGGER ("client_reports_kept", "UPDATE", "client_reports", "client_reports_kept")
  ROW_TRIGGER ("client_report_places_kept", "UPDATE", "client_report_places",
               "client_reports_kept")
  ROW_TRIGGER ("client_report_ratings_kept", "UPDATE", "client_report_ratings",
               "client_reports_kept")
  "CREATE TRIGGER clients_uuid BEFORE INSERT ON clients FOR EACH ROW\n"
  "  WHEN (NEW.uuid IS NULL) EXECUTE FUNCTION clients_uuid ();\n"
  "CREATE TRIGGER clients_notify AFTER INSERT OR UPDATE ON clients FOR EACH ROW\n"
  "  EXECUTE FUNCTION notify_rooms ();\n"
  "CREATE TRIGGER visits_notify AFTER INSERT OR UPDATE ON visits FOR EACH ROW\n"
  "  EXECUTE FUNCTION notify_rooms ();\n"
  SIGNED_NO_TRUNCATE ("visits")
  SIGNED_NO_TRUNCATE ("findings")
  SIGNED_NO_TRUNCATE ("applied_techniques")
  SIGNED_NO_TRUNCATE ("psfs_ratings")
  SIGNED_NO_TRUNCATE ("outcome_measures")
  SIGNED_NO_TRUNCATE ("verbal_consents")
  SIGNED_NO_TRUNCATE ("amendments")
  NO_TRUNCATE ("audit_log", "audit log cannot change")
  NO_TRUNCATE ("clinic_identity", "audit log cannot change");

/* Each identity column continues after the largest id the copy brought (or at 1), as SQLite
 * gives max (rowid) + 1. */
static const char identities[] =
  "DO $$\n"
  "DECLARE\n"
  "  c record;\n"
  "BEGIN\n"
  "  FOR c IN SELECT table_name, column_name FROM information_schema.columns\n"
  "           WHERE table_schema = current_schema () AND is_identity = 'YES' LOOP\n"
  "    EXECUTE format ('SELECT setval (pg_get_serial_sequence (%L, %L), '\n"
  "                    'coalesce (max (%I), 0) + 1, false) FROM %I',\n"
  "                    c.table_name, c.column_name, c.column_name, c.table_name);\n"
  "  END LOOP;\n"
  "END $$;\n";

/* pg_trgm comes with PostgreSQL's contrib modules, which some servers lack; since PostgreSQL 13
 * it is a trusted extension, which the database's owner may add. */
static gboolean
create_trigram_extension (PGconn  *conn,
                          GError **error)
{
  PGresult *result = PQexec (conn, "CREATE EXTENSION IF NOT EXISTS pg_trgm");
  const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);

  if (PQresultStatus (result) == PGRES_COMMAND_OK)
    {
      PQclear (result);
      return TRUE;
    }
  if (PQstatus (conn) == CONNECTION_OK && g_strcmp0 (state, "42501") == 0)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_READ_ONLY,
                 _("The server’s user may not add the pg_trgm extension, which the search for "
                   "clients needs. Ask the server’s administrator to run “CREATE EXTENSION "
                   "pg_trgm” in this database."));
  /* Missing: PostgreSQL 15 says "0A000 extension is not available", earlier ones 58P01. */
  else if (PQstatus (conn) == CONNECTION_OK &&
           (g_strcmp0 (state, "0A000") == 0 || g_strcmp0 (state, "58P01") == 0))
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                 _("The clinic’s server lacks the pg_trgm extension, which the search for "
                   "clients needs. Install the server’s contrib package (postgresql-contrib; "
                   "on Debian and Ubuntu it comes with the postgresql package) and try again."));
  else
    palpate_server_schema_set_error (conn, result, PALPATE_SERVER_CREATING, error);
  PQclear (result);

  return FALSE;
}

gboolean
palpate_server_schema_create_rules (PGconn  *conn,
                                    GError **error)
{
  g_autofree char *version = NULL;

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (PQtransactionStatus (conn) == PQTRANS_INTRANS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  version = g_strdup_printf ("INSERT INTO schema_version (version) VALUES (%d)",
                             PALPATE_STORE_SCHEMA_VERSION);

  /* The copy is whole by now: its deferred foreign keys are checked here, and must be, since an
   * index cannot be made on a table with checks still pending. */
  return palpate_server_schema_exec (conn, PALPATE_SERVER_CREATING,
                                     "SET CONSTRAINTS ALL IMMEDIATE", error) &&
         palpate_server_schema_exec (conn, PALPATE_SERVER_CREATING, indexes, error) &&
         create_trigram_extension (conn, error) &&
         palpate_server_schema_exec (conn, PALPATE_SERVER_CREATING, search_index, error) &&
         palpate_server_schema_exec (conn, PALPATE_SERVER_CREATING, functions, error) &&
         palpate_server_schema_exec (conn, PALPATE_SERVER_CREATING, triggers, error) &&
         palpate_server_schema_exec (conn, PALPATE_SERVER_CREATING, identities, error) &&
         palpate_server_schema_exec (conn, PALPATE_SERVER_CREATING, version, error);
}
