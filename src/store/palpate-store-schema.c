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

/* Version 5: a client's record keeps one identity wherever it is exported and imported: a
 * random (version 4) UUID, given to the clients already there and by a trigger to every new
 * one, so that the writers of the clients need not know about it. */
#define RANDOM_UUID \
  "lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4' || " \
  "substr (lower (hex (randomblob (2))), 2) || '-' || " \
  "substr ('89ab', 1 + (abs (random ()) % 4), 1) || substr (lower (hex (randomblob (2))), 2) " \
  "|| '-' || lower (hex (randomblob (6)))"

static const char schema_v5[] =
  "ALTER TABLE clients ADD COLUMN uuid TEXT CHECK (uuid IS NULL OR length (uuid) = 36);\n"
  "UPDATE clients SET uuid = " RANDOM_UUID ";\n"
  "CREATE UNIQUE INDEX clients_by_uuid ON clients (uuid);\n"
  "CREATE TRIGGER clients_insert_uuid AFTER INSERT ON clients WHEN NEW.uuid IS NULL\n"
  "BEGIN UPDATE clients SET uuid = " RANDOM_UUID " WHERE id = NEW.id; END;\n";

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

/* What a step needs beyond SQL: version 2 fills the search text of the clients already there. */
gboolean
palpate_store_schema_finish_step (PalpateStore  *self,
                                  guint          version,
                                  GError       **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  sqlite3_stmt *stmt;
  int rc;

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
