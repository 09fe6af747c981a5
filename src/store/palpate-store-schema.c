/* palpate-store-schema.c — the clinic file's schema, as forward-only steps
 *
 * Step N takes a file from user_version N - 1 to N. A step is never changed once released:
 * later needs are new steps. The CHECK constraints use no JSON functions (SQLite does not
 * trust them in a schema once trusted_schema is off) and mirror the rules of src/core/palpate-rules.c,
 * and the triggers keep signed visits, amendments and the audit log unchanged whatever program
 * writes to the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include "palpate-store-private.h"

#define REFUSE_IF_SIGNED(table, when, row) \
  "CREATE TRIGGER " table "_" when "_signed BEFORE " when " ON " table " " \
  "WHEN (SELECT status FROM visits WHERE id = " row ".visit_id) = 'signed' " \
  "BEGIN SELECT RAISE (ABORT, 'signed visit: " table " cannot change'); END;\n"

static const char schema_v1[] =
  "CREATE TABLE clinic_settings (\n"
  "  key TEXT PRIMARY KEY,\n"
  "  value TEXT CHECK (value IS NULL OR length (value) <= 10000)\n"
  ");\n"
  "CREATE TABLE therapists (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0 AND length (name) <= 200),\n"
  "  credentials TEXT CHECK (credentials IS NULL OR length (credentials) <= 200),\n"
  "  created_at INTEGER NOT NULL\n"
  ");\n"
  "CREATE TABLE clients (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0 AND length (name) <= 200),\n"
  "  birth_date TEXT CHECK (birth_date IS NULL OR (birth_date GLOB\n"
  "    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND birth_date >= '1900-01-01')),\n"
  "  phone TEXT CHECK (phone IS NULL OR length (phone) <= 254),\n"
  "  email TEXT CHECK (email IS NULL OR length (email) <= 254),\n"
  "  conditions TEXT NOT NULL DEFAULT '[]' CHECK (conditions GLOB '[[]*]'),\n"
  "  contraindications TEXT NOT NULL DEFAULT '[]' CHECK (contraindications GLOB '[[]*]'),\n"
  "  practitioners TEXT NOT NULL DEFAULT '[]' CHECK (practitioners GLOB '[[]*]'),\n"
  "  goals TEXT CHECK (goals IS NULL OR length (goals) <= 10000),\n"
  "  created_at INTEGER NOT NULL\n"
  ");\n"
  "CREATE TABLE psfs_activities (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  client_id INTEGER NOT NULL REFERENCES clients (id),\n"
  "  position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 4),\n"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0 AND length (name) <= 200),\n"
  "  UNIQUE (client_id, position)\n"
  ");\n"
  "CREATE TABLE techniques (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  key TEXT UNIQUE,\n"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0 AND length (name) <= 200),\n"
  "  builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))\n"
  ");\n"
  "INSERT INTO techniques (key, name, builtin) VALUES\n"
  "  ('myofascial-release', 'Myofascial release', 1),\n"
  "  ('trigger-point-therapy', 'Trigger point therapy', 1),\n"
  "  ('deep-tissue', 'Deep tissue', 1),\n"
  "  ('lymphatic-drainage', 'Lymphatic drainage', 1),\n"
  "  ('swedish', 'Swedish massage', 1),\n"
  "  ('stretching', 'Stretching / PNF', 1),\n"
  "  ('cupping', 'Cupping', 1);\n"
  "CREATE TABLE visits (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  client_id INTEGER NOT NULL REFERENCES clients (id),\n"
  "  therapist_id INTEGER REFERENCES therapists (id),\n"
  "  started_at INTEGER NOT NULL,\n"
  "  duration_minutes INTEGER NOT NULL DEFAULT 0 CHECK (duration_minutes BETWEEN 0 AND 600),\n"
  "  pain_before INTEGER CHECK (pain_before IS NULL OR pain_before BETWEEN 0 AND 10),\n"
  "  pain_after INTEGER CHECK (pain_after IS NULL OR pain_after BETWEEN 0 AND 10),\n"
  "  subjective TEXT CHECK (subjective IS NULL OR length (subjective) <= 500000),\n"
  "  objective TEXT CHECK (objective IS NULL OR length (objective) <= 500000),\n"
  "  assessment TEXT CHECK (assessment IS NULL OR length (assessment) <= 500000),\n"
  "  plan TEXT CHECK (plan IS NULL OR length (plan) <= 500000),\n"
  "  home_care TEXT CHECK (home_care IS NULL OR length (home_care) <= 500000),\n"
  "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed')),\n"
  "  signed_at INTEGER,\n"
  "  signed_by TEXT,\n"
  "  consent_sensitive INTEGER NOT NULL DEFAULT 0 CHECK (consent_sensitive IN (0, 1)),\n"
  "  CHECK (status = 'draft' OR (signed_at IS NOT NULL AND length (signed_by) > 0))\n"
  ");\n"
  "CREATE INDEX visits_by_client ON visits (client_id, started_at);\n"
  "CREATE TABLE findings (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,\n"
  "  view TEXT NOT NULL CHECK (view IN ('anterior', 'posterior', 'left-lateral',\n"
  "                                     'right-lateral')),\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('trigger-point-active', 'trigger-point-latent',\n"
  "    'tender-point', 'adhesion', 'spasm-zone', 'referred-pain', 'numbness', 'cleared',\n"
  "    'contraindication')),\n"
  "  region_id TEXT CHECK (region_id IS NULL OR length (region_id) <= 200),\n"
  "  intensity INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),\n"
  "  note TEXT CHECK (note IS NULL OR length (note) <= 10000),\n"
  "  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'persisting', 'improved',\n"
  "                                                       'resolved')),\n"
  "  points TEXT NOT NULL CHECK (points GLOB '[[][0-9-]*[0-9]]' AND\n"
  "                              (length (points) - length (replace (points, ',', ''))) % 2 = 1)\n"
  ");\n"
  "CREATE INDEX findings_by_visit ON findings (visit_id);\n"
  "CREATE TABLE applied_techniques (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,\n"
  "  technique_id INTEGER NOT NULL REFERENCES techniques (id),\n"
  "  region_id TEXT NOT NULL CHECK (length (region_id) BETWEEN 1 AND 200),\n"
  "  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 240),\n"
  "  pressure TEXT NOT NULL CHECK (pressure IN ('light', 'moderate', 'firm', 'deep')),\n"
  "  note TEXT CHECK (note IS NULL OR length (note) <= 10000)\n"
  ");\n"
  "CREATE INDEX applied_techniques_by_visit ON applied_techniques (visit_id);\n"
  "CREATE TABLE amendments (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  visit_id INTEGER NOT NULL REFERENCES visits (id),\n"
  "  created_at INTEGER NOT NULL,\n"
  "  author TEXT NOT NULL CHECK (length (trim (author)) > 0 AND length (author) <= 200),\n"
  "  text TEXT NOT NULL CHECK (length (trim (text)) > 0 AND length (text) <= 500000)\n"
  ");\n"
  "CREATE INDEX amendments_by_visit ON amendments (visit_id);\n"
  "CREATE TABLE psfs_ratings (\n"
  "  visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,\n"
  "  activity_id INTEGER NOT NULL REFERENCES psfs_activities (id),\n"
  "  rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),\n"
  "  PRIMARY KEY (visit_id, activity_id)\n"
  ");\n"
  "CREATE TABLE outcome_measures (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,\n"
  "  instrument TEXT NOT NULL CHECK (instrument IN ('ndi', 'odi')),\n"
  "  answers TEXT NOT NULL CHECK (answers GLOB '[[]*]' AND\n"
  "                               length (answers) - length (replace (answers, ',', '')) = 9),\n"
  "  UNIQUE (visit_id, instrument)\n"
  ");\n"
  "CREATE TABLE audit_log (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  at INTEGER NOT NULL,\n"
  "  actor TEXT NOT NULL,\n"
  "  action TEXT NOT NULL,\n"
  "  entity TEXT NOT NULL,\n"
  "  entity_id INTEGER,\n"
  "  detail TEXT,\n"
  "  prev_hash TEXT NOT NULL,\n"
  "  hash TEXT NOT NULL\n"
  ");\n"
  "CREATE TRIGGER visits_update_signed BEFORE UPDATE ON visits WHEN OLD.status = 'signed'\n"
  "BEGIN SELECT RAISE (ABORT, 'signed visit: visits cannot change'); END;\n"
  "CREATE TRIGGER visits_delete_signed BEFORE DELETE ON visits WHEN OLD.status = 'signed'\n"
  "BEGIN SELECT RAISE (ABORT, 'signed visit: visits cannot change'); END;\n"
  REFUSE_IF_SIGNED ("findings", "INSERT", "NEW")
  REFUSE_IF_SIGNED ("findings", "UPDATE", "OLD")
  REFUSE_IF_SIGNED ("findings", "DELETE", "OLD")
  REFUSE_IF_SIGNED ("applied_techniques", "INSERT", "NEW")
  REFUSE_IF_SIGNED ("applied_techniques", "UPDATE", "OLD")
  REFUSE_IF_SIGNED ("applied_techniques", "DELETE", "OLD")
  REFUSE_IF_SIGNED ("psfs_ratings", "INSERT", "NEW")
  REFUSE_IF_SIGNED ("psfs_ratings", "UPDATE", "OLD")
  REFUSE_IF_SIGNED ("psfs_ratings", "DELETE", "OLD")
  REFUSE_IF_SIGNED ("outcome_measures", "INSERT", "NEW")
  REFUSE_IF_SIGNED ("outcome_measures", "UPDATE", "OLD")
  REFUSE_IF_SIGNED ("outcome_measures", "DELETE", "OLD")
  "CREATE TRIGGER amendments_no_update BEFORE UPDATE ON amendments\n"
  "BEGIN SELECT RAISE (ABORT, 'signed visit: amendments cannot change'); END;\n"
  "CREATE TRIGGER amendments_no_delete BEFORE DELETE ON amendments\n"
  "BEGIN SELECT RAISE (ABORT, 'signed visit: amendments cannot change'); END;\n"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
  "BEGIN SELECT RAISE (ABORT, 'audit log cannot change'); END;\n"
  "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n"
  "BEGIN SELECT RAISE (ABORT, 'audit log cannot change'); END;\n";

/* Version 2: search clients by any part of the name or phone, as the therapist types. The
 * folded text (case and accents removed) is computed by the store, which also keeps the trigram
 * index up to date: SQLite does not let triggers write to a virtual table once trusted_schema
 * is off. */
static const char schema_v2[] =
  "ALTER TABLE clients ADD COLUMN search_text TEXT NOT NULL DEFAULT '';\n"
  "CREATE VIRTUAL TABLE clients_search USING fts5 (search_text, tokenize = 'trigram');\n";

/* Version 3: what the client reported on the patient view's self-rating, for the therapist to
 * review. */
static const char schema_v3[] =
  "ALTER TABLE visits ADD COLUMN reported_by_client INTEGER NOT NULL DEFAULT 0\n"
  "  CHECK (reported_by_client IN (0, 1));\n"
  "ALTER TABLE findings ADD COLUMN reported_by_client INTEGER NOT NULL DEFAULT 0\n"
  "  CHECK (reported_by_client IN (0, 1));\n";

/* Version 4: a client's standing no-touch zones (local contraindications), drawn once in the
 * client's details and carried into every new visit. */
static const char schema_v4[] =
  "CREATE TABLE client_zones (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,\n"
  "  view TEXT NOT NULL CHECK (view IN ('anterior', 'posterior', 'left-lateral',\n"
  "                                     'right-lateral')),\n"
  "  region_id TEXT CHECK (region_id IS NULL OR length (region_id) <= 200),\n"
  "  note TEXT CHECK (note IS NULL OR length (note) <= 10000),\n"
  "  points TEXT NOT NULL CHECK (points GLOB '[[][0-9-]*[0-9]]' AND\n"
  "                              (length (points) - length (replace (points, ',', ''))) % 2 = 1)\n"
  ");\n"
  "CREATE INDEX client_zones_by_client ON client_zones (client_id);\n";

/* Also in version 5: what a client reports on their own view, kept as the client's and apart
 * from the therapist's visit (it never replaces the visit's Pain Before, findings or PSFS
 * ratings). A report is the client's word: it is added, never changed. */
#define SCHEMA_V5_CLIENT_REPORTS \
  "CREATE TABLE client_reports (\n" \
  "  id INTEGER PRIMARY KEY,\n" \
  "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,\n" \
  "  reported_at INTEGER NOT NULL,\n" \
  "  pain INTEGER CHECK (pain IS NULL OR pain BETWEEN 0 AND 10),\n" \
  "  finished INTEGER NOT NULL DEFAULT 1 CHECK (finished IN (0, 1))\n" \
  ");\n" \
  "CREATE INDEX client_reports_by_client ON client_reports (client_id, reported_at);\n" \
  "CREATE TABLE client_report_places (\n" \
  "  id INTEGER PRIMARY KEY,\n" \
  "  report_id INTEGER NOT NULL REFERENCES client_reports (id) ON DELETE CASCADE,\n" \
  "  view TEXT NOT NULL CHECK (view IN ('anterior', 'posterior', 'left-lateral',\n" \
  "                                     'right-lateral')),\n" \
  "  region_id TEXT CHECK (region_id IS NULL OR length (region_id) <= 200),\n" \
  "  x REAL NOT NULL,\n" \
  "  y REAL NOT NULL\n" \
  ");\n" \
  "CREATE INDEX client_report_places_by_report ON client_report_places (report_id);\n" \
  "CREATE TABLE client_report_ratings (\n" \
  "  report_id INTEGER NOT NULL REFERENCES client_reports (id) ON DELETE CASCADE,\n" \
  "  activity_id INTEGER NOT NULL REFERENCES psfs_activities (id) ON DELETE CASCADE,\n" \
  "  rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),\n" \
  "  PRIMARY KEY (report_id, activity_id)\n" \
  ");\n" \
  "CREATE TRIGGER client_reports_no_update BEFORE UPDATE ON client_reports\n" \
  "BEGIN SELECT RAISE (ABORT, 'client report: what the client reported cannot change'); END;\n" \
  "CREATE TRIGGER client_report_places_no_update BEFORE UPDATE ON client_report_places\n" \
  "BEGIN SELECT RAISE (ABORT, 'client report: what the client reported cannot change'); END;\n" \
  "CREATE TRIGGER client_report_ratings_no_update BEFORE UPDATE ON client_report_ratings\n" \
  "BEGIN SELECT RAISE (ABORT, 'client report: what the client reported cannot change'); END;\n"

/* Also in version 5: a client's record keeps one identity wherever it is exported and imported: a
 * random (version 4) UUID, given to the clients already there and by a trigger to every new
 * one, so that the writers of the clients need not know about it. */
#define RANDOM_UUID \
  "lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4' || " \
  "substr (lower (hex (randomblob (2))), 2) || '-' || " \
  "substr ('89ab', 1 + (abs (random ()) % 4), 1) || substr (lower (hex (randomblob (2))), 2) " \
  "|| '-' || lower (hex (randomblob (6)))"

/* Also in version 5: an amendment says why, and a correction of one part of the note keeps the
 * text it corrects. Amendments made before say neither (NULL). */
#define SCHEMA_V5_AMENDMENT_REASONS \
  "ALTER TABLE amendments ADD COLUMN part TEXT CHECK (part IS NULL OR part IN\n" \
  "  ('subjective', 'objective', 'assessment', 'plan', 'home-care'));\n" \
  "ALTER TABLE amendments ADD COLUMN reason TEXT CHECK (reason IS NULL OR\n" \
  "  length (reason) <= 8000);\n" \
  "ALTER TABLE amendments ADD COLUMN original TEXT CHECK (original IS NULL OR\n" \
  "  length (original) <= 2000000);\n"

#define SCHEMA_V5_CLIENT_UUID \
  "ALTER TABLE clients ADD COLUMN uuid TEXT CHECK (uuid IS NULL OR length (uuid) = 36);\n" \
  "UPDATE clients SET uuid = " RANDOM_UUID ";\n" \
  "CREATE UNIQUE INDEX clients_by_uuid ON clients (uuid);\n" \
  "CREATE INDEX clients_by_name ON clients (name COLLATE NOCASE, id);\n" \
  "CREATE TRIGGER clients_insert_uuid AFTER INSERT ON clients WHEN NEW.uuid IS NULL\n" \
  "BEGIN UPDATE clients SET uuid = " RANDOM_UUID " WHERE id = NEW.id; END;\n"

/* Also in version 5: the client's health history, one row per dated version; a version is
 * never changed, only followed by a newer one (accepting a version the client filled in is the
 * one change allowed). */
#define SCHEMA_V5_HEALTH_HISTORIES \
  "CREATE TABLE health_histories (\n" \
  "  id INTEGER PRIMARY KEY,\n" \
  "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,\n" \
  "  recorded_at INTEGER NOT NULL,\n" \
  "  recorded_by TEXT NOT NULL CHECK (length (recorded_by) BETWEEN 1 AND 200),\n" \
  "  reported_by_client INTEGER NOT NULL DEFAULT 0 CHECK (reported_by_client IN (0, 1)),\n" \
  "  accepted_at INTEGER,\n" \
  "  accepted_by TEXT,\n" \
  "  medications TEXT NOT NULL DEFAULT '' CHECK (length (medications) <= 10000),\n" \
  "  allergies TEXT NOT NULL DEFAULT '' CHECK (length (allergies) <= 10000),\n" \
  "  other_conditions TEXT NOT NULL DEFAULT '' CHECK (length (other_conditions) <= 10000),\n" \
  "  surgeries TEXT NOT NULL DEFAULT '' CHECK (length (surgeries) <= 10000),\n" \
  "  emergency_contact TEXT NOT NULL DEFAULT '' CHECK (length (emergency_contact) <= 10000),\n" \
  "  referral TEXT NOT NULL DEFAULT '' CHECK (length (referral) <= 10000),\n" \
  "  conditions TEXT NOT NULL DEFAULT '[]' CHECK (conditions GLOB '[[]*]'),\n" \
  "  pregnancy TEXT NOT NULL DEFAULT 'not-asked' CHECK (pregnancy IN ('not-asked', 'no', 'yes'))\n" \
  ");\n" \
  "CREATE INDEX health_histories_by_client ON health_histories (client_id, recorded_at, id);\n" \
  "CREATE TRIGGER health_histories_kept BEFORE UPDATE ON health_histories\n" \
  "WHEN OLD.accepted_at IS NOT NULL OR NEW.accepted_at IS NULL\n" \
  "  OR NEW.id IS NOT OLD.id OR NEW.client_id IS NOT OLD.client_id\n" \
  "  OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by\n" \
  "  OR NEW.reported_by_client IS NOT OLD.reported_by_client\n" \
  "  OR NEW.medications IS NOT OLD.medications OR NEW.allergies IS NOT OLD.allergies\n" \
  "  OR NEW.other_conditions IS NOT OLD.other_conditions OR NEW.surgeries IS NOT OLD.surgeries\n" \
  "  OR NEW.emergency_contact IS NOT OLD.emergency_contact OR NEW.referral IS NOT OLD.referral\n" \
  "  OR NEW.conditions IS NOT OLD.conditions OR NEW.pregnancy IS NOT OLD.pregnancy\n" \
  "BEGIN SELECT RAISE (ABORT, 'health history versions cannot change'); END;\n"

/* Also in version 5: the client's consents and refusals (issue 15). A consent is never changed;
 * withdrawing it sets withdrawn_at once. The verbal consent given at a visit for a sensitive
 * area is a row of that visit, fixed once the visit is signed like the visit's other rows. */
#define SCHEMA_V5_CONSENTS \
  "CREATE TABLE consents (\n" \
  "  id INTEGER PRIMARY KEY,\n" \
  "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,\n" \
  "  kind TEXT NOT NULL CHECK (kind IN ('treatment', 'sensitive-area', 'refusal')),\n" \
  "  area TEXT CHECK ((kind = 'treatment') = (area IS NULL)\n" \
  "                   AND (area IS NULL OR area IN ('chest-wall', 'inner-thigh', 'gluteal'))),\n" \
  "  explained TEXT NOT NULL DEFAULT '[]' CHECK (explained GLOB '[[]*]'),\n" \
  "  given_at INTEGER NOT NULL,\n" \
  "  obtained_by TEXT NOT NULL CHECK (length (obtained_by) BETWEEN 1 AND 200),\n" \
  "  guardian TEXT CHECK (guardian IS NULL OR length (guardian) BETWEEN 1 AND 200),\n" \
  "  signature TEXT CHECK (signature IS NULL OR\n" \
  "                        (signature GLOB '[[]*]' AND length (signature) <= 500000)),\n" \
  "  withdrawn_at INTEGER,\n" \
  "  CHECK (kind = 'treatment' OR signature IS NOT NULL)\n" \
  ");\n" \
  "CREATE INDEX consents_by_client ON consents (client_id, given_at, id);\n" \
  "CREATE TRIGGER consents_kept BEFORE UPDATE ON consents\n" \
  "WHEN OLD.withdrawn_at IS NOT NULL OR NEW.withdrawn_at IS NULL\n" \
  "  OR NEW.id IS NOT OLD.id OR NEW.client_id IS NOT OLD.client_id OR NEW.kind IS NOT OLD.kind\n" \
  "  OR NEW.area IS NOT OLD.area OR NEW.explained IS NOT OLD.explained\n" \
  "  OR NEW.given_at IS NOT OLD.given_at OR NEW.obtained_by IS NOT OLD.obtained_by\n" \
  "  OR NEW.guardian IS NOT OLD.guardian OR NEW.signature IS NOT OLD.signature\n" \
  "BEGIN SELECT RAISE (ABORT, 'consents cannot change'); END;\n" \
  "CREATE TRIGGER consents_no_replace BEFORE INSERT ON consents\n" \
  "WHEN EXISTS (SELECT 1 FROM consents WHERE id = NEW.id)\n" \
  "BEGIN SELECT RAISE (ABORT, 'consents cannot change'); END;\n" \
  "CREATE TABLE verbal_consents (\n" \
  "  id INTEGER PRIMARY KEY,\n" \
  "  visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,\n" \
  "  area TEXT NOT NULL CHECK (area IN ('chest-wall', 'inner-thigh', 'gluteal')),\n" \
  "  given_at INTEGER NOT NULL,\n" \
  "  obtained_by TEXT NOT NULL CHECK (length (obtained_by) BETWEEN 1 AND 200),\n" \
  "  UNIQUE (visit_id, area)\n" \
  ");\n"

/* Also in version 5: a treatment plan per course of care. A plan is one row, changed in place
 * as the course goes on; each change and the discharge are entries of the audit log (who and
 * when), so the row itself holds the plan as it stands. Days are ISO 8601 text. */
#define SCHEMA_V5_TREATMENT_PLANS \
  "CREATE TABLE treatment_plans (\n" \
  "  id INTEGER PRIMARY KEY,\n" \
  "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,\n" \
  "  created_at INTEGER NOT NULL,\n" \
  "  psfs_position INTEGER NOT NULL DEFAULT -1 CHECK (psfs_position BETWEEN -1 AND 4),\n" \
  "  psfs_target INTEGER NOT NULL DEFAULT -1\n" \
  "    CHECK (psfs_target = -1 OR psfs_target BETWEEN 1 AND 10),\n" \
  "  pain_target INTEGER NOT NULL DEFAULT -1\n" \
  "    CHECK (pain_target = -1 OR pain_target BETWEEN 1 AND 10),\n" \
  "  frequency INTEGER NOT NULL CHECK (frequency BETWEEN 1 AND 31),\n" \
  "  period TEXT NOT NULL CHECK (period IN ('week', 'month')),\n" \
  "  n_sessions INTEGER NOT NULL CHECK (n_sessions BETWEEN 1 AND 200),\n" \
  "  techniques TEXT NOT NULL DEFAULT '' CHECK (length (techniques) <= 10000),\n" \
  "  home_care TEXT NOT NULL DEFAULT '' CHECK (length (home_care) <= 10000),\n" \
  "  reassess_on TEXT CHECK (reassess_on IS NULL OR reassess_on GLOB\n" \
  "    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n" \
  "  discharged_on TEXT CHECK (discharged_on IS NULL OR discharged_on GLOB\n" \
  "    '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),\n" \
  "  discharge_reason TEXT CHECK (discharge_reason IS NULL OR discharge_reason IN\n" \
  "    ('goals-met', 'client-choice', 'referred', 'no-progress', 'other')),\n" \
  "  discharge_summary TEXT NOT NULL DEFAULT '' CHECK (length (discharge_summary) <= 10000),\n" \
  "  CHECK ((discharged_on IS NULL) = (discharge_reason IS NULL))\n" \
  ");\n" \
  "CREATE INDEX treatment_plans_by_client ON treatment_plans (client_id, id);\n"

/* Also in version 5: destroying a record past its retention (palpate-store-retention.c). The
 * protections of signed visits and amendments stand aside only for a client named in
 * record_destruction, a table the store fills and empties inside the one transaction that
 * destroys the record; it is empty at any other time. */
#define SCHEMA_V5_RECORD_DESTRUCTION \
  "CREATE TABLE record_destruction (\n" \
  "  client_id INTEGER PRIMARY KEY\n" \
  ");\n" \
  "DROP TRIGGER IF EXISTS amendments_no_delete;\n"

#define BEING_DESTROYED(visit) \
  "(SELECT client_id FROM visits WHERE id = " visit ") IN (SELECT client_id FROM record_destruction)"

/* Also in version 5: therapist profiles that sign in (palpate-store-therapists.c). A profile
 * names its registration and college, says whether it owns the clinic and whether it still
 * works there, and keeps only a salted Argon2id hash of its passcode. Each signed visit points
 * at the profile of whoever signed it; a file from before, whose visits were signed in the
 * computer's login name, gets a profile named after each signer (the owner is the first), and
 * every visit keeps its "signed by" text as it was. */
#define SCHEMA_V5_THERAPISTS \
  "ALTER TABLE therapists ADD COLUMN registration TEXT\n" \
  "  CHECK (registration IS NULL OR length (registration) <= 200);\n" \
  "ALTER TABLE therapists ADD COLUMN college TEXT\n" \
  "  CHECK (college IS NULL OR length (college) <= 200);\n" \
  "ALTER TABLE therapists ADD COLUMN role TEXT NOT NULL DEFAULT 'therapist'\n" \
  "  CHECK (role IN ('therapist', 'owner'));\n" \
  "ALTER TABLE therapists ADD COLUMN active INTEGER NOT NULL DEFAULT 1\n" \
  "  CHECK (active IN (0, 1));\n" \
  "ALTER TABLE therapists ADD COLUMN passcode_hash TEXT\n" \
  "  CHECK (passcode_hash IS NULL OR length (passcode_hash) <= 200);\n" \
  "ALTER TABLE visits ADD COLUMN signer_id INTEGER REFERENCES therapists (id);\n" \
  "INSERT INTO therapists (name, created_at)\n" \
  "  SELECT DISTINCT signed_by, CAST (strftime ('%s', 'now') AS INTEGER) FROM visits\n" \
  "  WHERE status = 'signed' AND length (trim (signed_by)) > 0 AND length (signed_by) <= 200\n" \
  "    AND signed_by NOT IN (SELECT name FROM therapists);\n" \
  "UPDATE visits SET signer_id = (SELECT min (id) FROM therapists t WHERE t.name = signed_by)\n" \
  "  WHERE status = 'signed';\n" \
  "UPDATE visits SET therapist_id = signer_id\n" \
  "  WHERE status = 'signed' AND therapist_id IS NULL;\n" \
  "UPDATE therapists SET role = 'owner' WHERE id = (SELECT min (id) FROM therapists);\n"

/* Version 5: signed content sealed, the audit chain keyed, drafts versioned (issue 12).
 *
 * - clinic_identity names the clinic (a UUID) so that its audit key, kept outside the file in
 *   the user's config folder, can be found;
 * - a signed visit keeps, by value, the names it was signed with (its therapist, each applied
 *   technique, each rated activity), so renaming a technique later does not change the note,
 *   and a seal: the SHA-256 of its signed content (palpate-store-seal.c);
 * - visits carry a version that each save increments, so a save made from an out-of-date
 *   screen is refused instead of overwriting a newer one.
 *
 * The protections are dropped here and made again, stronger, by schema_v5_protections once the
 * signed visits have their copied names and seals (palpate_store_schema_finish_step); one
 * already dropped by hand is made again too. */
static const char schema_v5[] =
  "CREATE TABLE clinic_identity (\n"
  "  uuid TEXT NOT NULL CHECK (length (uuid) = 36)\n"
  ");\n"
  "ALTER TABLE visits ADD COLUMN therapist_name TEXT\n"
  "  CHECK (therapist_name IS NULL OR length (therapist_name) <= 200);\n"
  "ALTER TABLE visits ADD COLUMN seal TEXT CHECK (seal IS NULL OR length (seal) = 64);\n"
  "ALTER TABLE visits ADD COLUMN version INTEGER NOT NULL DEFAULT 0;\n"
  "ALTER TABLE applied_techniques ADD COLUMN technique_name TEXT\n"
  "  CHECK (technique_name IS NULL OR length (technique_name) <= 200);\n"
  "ALTER TABLE psfs_ratings ADD COLUMN activity_name TEXT\n"
  "  CHECK (activity_name IS NULL OR length (activity_name) <= 200);\n"
  "DROP TRIGGER IF EXISTS visits_update_signed;\n"
  "DROP TRIGGER IF EXISTS visits_delete_signed;\n"
  "DROP TRIGGER IF EXISTS findings_INSERT_signed;\n"
  "DROP TRIGGER IF EXISTS findings_UPDATE_signed;\n"
  "DROP TRIGGER IF EXISTS findings_DELETE_signed;\n"
  "DROP TRIGGER IF EXISTS applied_techniques_INSERT_signed;\n"
  "DROP TRIGGER IF EXISTS applied_techniques_UPDATE_signed;\n"
  "DROP TRIGGER IF EXISTS applied_techniques_DELETE_signed;\n"
  "DROP TRIGGER IF EXISTS psfs_ratings_INSERT_signed;\n"
  "DROP TRIGGER IF EXISTS psfs_ratings_UPDATE_signed;\n"
  "DROP TRIGGER IF EXISTS psfs_ratings_DELETE_signed;\n"
  "DROP TRIGGER IF EXISTS outcome_measures_INSERT_signed;\n"
  "DROP TRIGGER IF EXISTS outcome_measures_UPDATE_signed;\n"
  "DROP TRIGGER IF EXISTS outcome_measures_DELETE_signed;\n"
  "DROP TRIGGER IF EXISTS audit_log_no_update;\n"
  SCHEMA_V5_HEALTH_HISTORIES
  SCHEMA_V5_CONSENTS
  SCHEMA_V5_TREATMENT_PLANS
  SCHEMA_V5_RECORD_DESTRUCTION
  SCHEMA_V5_CLIENT_REPORTS
  SCHEMA_V5_AMENDMENT_REASONS
  SCHEMA_V5_CLIENT_UUID
  SCHEMA_V5_THERAPISTS;

/* A row of a signed visit cannot be added, changed, moved into or out of the visit, removed,
 * or replaced: INSERT OR REPLACE is caught by the BEFORE INSERT check on the row it would
 * replace (which fires whatever recursive_triggers says), re-parenting by checking the new
 * visit as well as the old one. */
#define REFUSE_CHILD_OF_SIGNED(table, key) \
  "CREATE TRIGGER " table "_insert_signed BEFORE INSERT ON " table " " \
  "WHEN (SELECT status FROM visits WHERE id = NEW.visit_id) = 'signed' " \
  "  OR (SELECT v.status FROM " table " c JOIN visits v ON v.id = c.visit_id " \
  "      WHERE c." key " = NEW." key ") = 'signed' " \
  "BEGIN SELECT RAISE (ABORT, 'signed visit: " table " cannot change'); END;\n" \
  "CREATE TRIGGER " table "_update_signed BEFORE UPDATE ON " table " " \
  "WHEN (SELECT status FROM visits WHERE id = OLD.visit_id) = 'signed' " \
  "  OR (SELECT status FROM visits WHERE id = NEW.visit_id) = 'signed' " \
  "BEGIN SELECT RAISE (ABORT, 'signed visit: " table " cannot change'); END;\n" \
  "CREATE TRIGGER " table "_delete_signed BEFORE DELETE ON " table " " \
  "WHEN (SELECT status FROM visits WHERE id = OLD.visit_id) = 'signed' " \
  "  AND NOT " BEING_DESTROYED ("OLD.visit_id") " " \
  "BEGIN SELECT RAISE (ABORT, 'signed visit: " table " cannot change'); END;\n"

static const char schema_v5_protections[] =
  "CREATE TRIGGER visits_insert_signed BEFORE INSERT ON visits\n"
  "WHEN (SELECT status FROM visits WHERE id = NEW.id) = 'signed'\n"
  "BEGIN SELECT RAISE (ABORT, 'signed visit: visits cannot change'); END;\n"
  "CREATE TRIGGER visits_update_signed BEFORE UPDATE ON visits WHEN OLD.status = 'signed'\n"
  "BEGIN SELECT RAISE (ABORT, 'signed visit: visits cannot change'); END;\n"
  "CREATE TRIGGER visits_delete_signed BEFORE DELETE ON visits WHEN OLD.status = 'signed'\n"
  "  AND OLD.client_id NOT IN (SELECT client_id FROM record_destruction)\n"
  "BEGIN SELECT RAISE (ABORT, 'signed visit: visits cannot change'); END;\n"
  "CREATE TRIGGER visits_sign_sealed BEFORE UPDATE OF status ON visits\n"
  "WHEN NEW.status = 'signed' AND NEW.seal IS NULL\n"
  "BEGIN SELECT RAISE (ABORT, 'signed visit: a visit is signed with its seal'); END;\n"
  REFUSE_CHILD_OF_SIGNED ("findings", "id")
  REFUSE_CHILD_OF_SIGNED ("applied_techniques", "id")
  REFUSE_CHILD_OF_SIGNED ("psfs_ratings", "rowid")
  REFUSE_CHILD_OF_SIGNED ("outcome_measures", "id")
  REFUSE_CHILD_OF_SIGNED ("verbal_consents", "id")
  "CREATE TRIGGER amendments_no_delete BEFORE DELETE ON amendments\n"
  "WHEN NOT " BEING_DESTROYED ("OLD.visit_id") "\n"
  "BEGIN SELECT RAISE (ABORT, 'signed visit: amendments cannot change'); END;\n"
  "CREATE TRIGGER amendments_no_replace BEFORE INSERT ON amendments\n"
  "WHEN EXISTS (SELECT 1 FROM amendments WHERE id = NEW.id)\n"
  "BEGIN SELECT RAISE (ABORT, 'signed visit: amendments cannot change'); END;\n"
  "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
  "BEGIN SELECT RAISE (ABORT, 'audit log cannot change'); END;\n"
  "CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log\n"
  "WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)\n"
  "BEGIN SELECT RAISE (ABORT, 'audit log cannot change'); END;\n"
  "CREATE TRIGGER clinic_identity_once BEFORE INSERT ON clinic_identity\n"
  "WHEN EXISTS (SELECT 1 FROM clinic_identity)\n"
  "BEGIN SELECT RAISE (ABORT, 'audit log cannot change'); END;\n"
  "CREATE TRIGGER clinic_identity_no_update BEFORE UPDATE ON clinic_identity\n"
  "BEGIN SELECT RAISE (ABORT, 'audit log cannot change'); END;\n"
  "CREATE TRIGGER clinic_identity_no_delete BEFORE DELETE ON clinic_identity\n"
  "BEGIN SELECT RAISE (ABORT, 'audit log cannot change'); END;\n";

const char *
palpate_store_schema_step (guint version)
{
  switch (version)
    {
    case 1:
      return schema_v1;
    case 2:
      return schema_v2;
    case 3:
      return schema_v3;
    case 4:
      return schema_v4;
    case 5:
      return schema_v5;
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Version 5 beyond SQL: the clinic gets its identity and audit key, the chain so far is keyed,
 * and each visit already signed gets its copied names and its seal, recorded in the audit log,
 * before the protections are made again. */
static gboolean
finish_step_5 (PalpateStore  *self,
               GError       **error)
{
  g_autoptr(GArray) signed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!palpate_store_audit_rekey (self, error))
    return FALSE;

  if (!palpate_store_exec (self,
                           "UPDATE visits SET therapist_name = "
                           "  (SELECT name FROM therapists t WHERE t.id = visits.therapist_id) "
                           "WHERE status = 'signed';"
                           "UPDATE applied_techniques SET technique_name = "
                           "  (SELECT name FROM techniques t WHERE t.id = technique_id) "
                           "WHERE visit_id IN (SELECT id FROM visits WHERE status = 'signed');"
                           "UPDATE psfs_ratings SET activity_name = "
                           "  (SELECT name FROM psfs_activities a WHERE a.id = activity_id) "
                           "WHERE visit_id IN (SELECT id FROM visits WHERE status = 'signed');",
                           error))
    return FALSE;

  stmt = palpate_store_prepare (self, "SELECT id FROM visits WHERE status = 'signed' ORDER BY id",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (signed_ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < signed_ids->len; i++)
    {
      gint64 id = g_array_index (signed_ids, gint64, i);
      g_autofree char *seal = palpate_store_seal_compute (self, id, error);

      if (seal == NULL)
        return FALSE;

      stmt = palpate_store_prepare (self, "UPDATE visits SET seal = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, seal, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!palpate_store_step_done (self, stmt, error) ||
          !palpate_store_audit_append (self, "seal", "visit", id, seal, error))
        return FALSE;
    }

  return palpate_store_exec (self, schema_v5_protections, error);
}

/* What a step needs beyond SQL: version 2 fills the search text of the clients already there;
 * version 5 keys the audit chain and seals the signed visits. */
gboolean
palpate_store_schema_finish_step (PalpateStore  *self,
                                  guint          version,
                                  GError       **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (version == PALPATE_STORE_SCHEMA_KEYED)
    return finish_step_5 (self, error);

  if (version != 2)
    return TRUE;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  texts = g_ptr_array_new_with_free_func (g_free);

  stmt = palpate_store_prepare (self, "SELECT id, name, phone FROM clients", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *joined = g_strjoin (" ", palpate_store_column_text (stmt, 1) ?: "",
                                           palpate_store_column_text (stmt, 2) ?: "", NULL);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (texts, palpate_store_fold_for_search (joined));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      stmt = palpate_store_prepare (self, "UPDATE clients SET search_text = ? WHERE id = ?",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, texts->pdata[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!palpate_store_step_done (self, stmt, error))
        return FALSE;
    }

  return palpate_store_exec (self,
                             "INSERT INTO clients_search (rowid, search_text) "
                             "SELECT id, search_text FROM clients",
                             error);
}
