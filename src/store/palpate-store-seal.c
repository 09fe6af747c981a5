/* palpate-store-seal.c — the seal of a signed visit: a hash of everything that was signed
 *
 * At signing, the visit's own fields, its findings, its applied techniques (by value: the
 * technique's name as it was, the region, minutes, pressure, note), its activity ratings and
 * questionnaires are written out in one canonical form and hashed with SHA-256. The hash goes
 * into the visit row and into the audit entry of the signing, whose keyed chain nobody can
 * rebuild without the clinic's key. `--verify-audit` computes every seal again from the rows as
 * they are: a signed note changed by any means, even with the protecting triggers dropped,
 * shows as a mismatch naming the visit.
 *
 * The canonical form writes each column with its type and, for text, its length in bytes, so
 * no two different contents can serialize alike. The types are the schema's, the same on both
 * back ends (a SQLite file, a PostgreSQL server): integers and text. A value that does not
 * read back as its column's type (in a file edited by hand) is written as the text it reads
 * as, so it never seals like the value it replaced. The rows are read by id, and the names the
 * visit was signed with are read from the copies kept in its own rows, never from the
 * technique or activity tables that a rename changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "palpate-store-private.h"

/* The first line of what is hashed: a later, different serialization is a new format name. */
#define SEAL_FORMAT "palpate-seal-1\n"

typedef struct
{
  const char *tag;
  const char *sql;
  const char *types;  /* each column's type in the schema: 'I' integer, 'T' text */
} SealPart;

/* The parts of a signed visit, in the order they are written. Every query takes the visit id
 * as its only parameter. */
static const SealPart seal_parts[] = {
  { "visit",
    "SELECT id, client_id, therapist_id, therapist_name, started_at, duration_minutes, "
    "pain_before, pain_after, subjective, objective, assessment, plan, home_care, signed_at, "
    "signed_by, consent_sensitive, reported_by_client FROM visits WHERE id = ?",
    "IIITIIIITTTTTITII" },
  { "finding",
    "SELECT id, view, kind, region_id, intensity, note, status, points, reported_by_client "
    "FROM findings WHERE visit_id = ? ORDER BY id",
    "ITTTITTTI" },
  { "technique",
    "SELECT id, technique_name, region_id, minutes, pressure, note "
    "FROM applied_techniques WHERE visit_id = ? ORDER BY id",
    "ITTITT" },
  { "rating",
    "SELECT activity_id, activity_name, rating FROM psfs_ratings WHERE visit_id = ? "
    "ORDER BY activity_id",
    "ITI" },
  { "outcome",
    "SELECT id, instrument, answers FROM outcome_measures WHERE visit_id = ? ORDER BY id",
    "ITT" },
};

static void
append_column (GString            *out,
               PalpateDbStatement *stmt,
               int                 column,
               char                type)
{
  const void *bytes;
  gsize n_bytes = 0;

  if (palpate_db_column_is_null (stmt, column))
    {
      g_string_append (out, "N;");
      return;
    }

  if (type == 'I')
    {
      char number[24];

      /* An integer reads back as its decimal digits on both back ends; anything else in an
       * integer column of a file edited by hand is written as the text it reads as. */
      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT,
                  palpate_db_column_int64 (stmt, column));
      if (g_strcmp0 (palpate_db_column_text (stmt, column), number) == 0)
        {
          g_string_append_printf (out, "I%s;", number);
          return;
        }
    }

  /* The bytes as stored, whatever they are: a flipped byte is a different seal. */
  bytes = palpate_db_column_blob (stmt, column, &n_bytes);
  g_string_append_printf (out, "T%" G_GSIZE_FORMAT ":", n_bytes);
  if (n_bytes > 0)
    g_string_append_len (out, bytes, n_bytes);
  g_string_append_c (out, ';');
}

/**
 * palpate_store_seal_compute:
 *
 * Returns: (transfer full): the seal of the visit as its rows are now, 64 hex digits, or %NULL
 *   with @error when the visit is not there or the rows cannot be read
 */
char *
palpate_store_seal_compute (PalpateStore  *self,
                            gint64         visit_id,
                            GError       **error)
{
  g_autoptr(GString) out = g_string_new (SEAL_FORMAT);
  g_autoptr(GChecksum) checksum = NULL;

  for (guint p = 0; p < G_N_ELEMENTS (seal_parts); p++)
    {
      PalpateDbStatement *stmt = palpate_store_db_prepare (self, seal_parts[p].sql, error);
      const char *types = seal_parts[p].types;
      guint n_rows = 0;
      PalpateDbStep step;

      if (stmt == NULL)
        return NULL;

      palpate_db_bind_int64 (stmt, 1, visit_id);
      while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
        {
          g_assert (palpate_db_column_count (stmt) == (int) strlen (types));

          g_string_append_printf (out, "%s(", seal_parts[p].tag);
          for (int c = 0; types[c] != '\0'; c++)
            append_column (out, stmt, c, types[c]);
          g_string_append (out, ")\n");
          n_rows++;
        }
      palpate_db_reset (stmt);

      if (step == PALPATE_DB_ERROR)
        return NULL;

      if (p == 0 && n_rows == 0)
        {
          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND,
                       _("This visit is no longer in the clinic file."));
          return NULL;
        }
    }

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) out->str, out->len);
  return g_strdup (g_checksum_get_string (checksum));
}

/**
 * palpate_store_seal_sign:
 * @version: the version of the visit the signer saw, or -1 to sign whatever is there
 * @signed_at: seconds since 1970
 * @seal_out: (out) (optional): the visit's seal
 *
 * Signs a draft inside the caller's transaction: copies the names the visit shows (its
 * therapist, its techniques, its rated activities) into its own rows, seals it, marks it
 * signed and appends the signing, with the seal, to the audit log.
 */
gboolean
palpate_store_seal_sign (PalpateStore  *self,
                         gint64         visit_id,
                         gint64         version,
                         gint64         signed_at,
                         const char    *signed_by,
                         char         **seal_out,
                         GError       **error)
{
  g_autofree char *seal = NULL;
  PalpateDbStatement *stmt;

  stmt = palpate_store_db_prepare (self,
                                   "UPDATE applied_techniques SET technique_name = "
                                   "  (SELECT name FROM techniques t "
                                   "   WHERE t.id = applied_techniques.technique_id) "
                                   "WHERE visit_id = ?",
                                   error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, visit_id);
  if (!palpate_store_db_step_done (stmt, error))
    return FALSE;

  stmt = palpate_store_db_prepare (self,
                                   "UPDATE psfs_ratings SET activity_name = "
                                   "  (SELECT name FROM psfs_activities a "
                                   "   WHERE a.id = psfs_ratings.activity_id) "
                                   "WHERE visit_id = ?",
                                   error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, visit_id);
  if (!palpate_store_db_step_done (stmt, error))
    return FALSE;

  /* Still a draft here: what is signed is written first, then sealed as it is in the file. */
  stmt = palpate_store_db_prepare (self,
                                   "UPDATE visits SET signed_at = ?1, signed_by = ?2, "
                                   "therapist_name = (SELECT name FROM therapists t "
                                   "                  WHERE t.id = visits.therapist_id), "
                                   "signer_id = ?5 "
                                   "WHERE id = ?3 AND status = 'draft' AND "
                                   "(CAST (?4 AS bigint) < 0 OR version = ?4)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_int64 (stmt, 1, signed_at);
  palpate_db_bind_text (stmt, 2, signed_by);
  palpate_db_bind_int64 (stmt, 3, visit_id);
  palpate_db_bind_int64 (stmt, 4, version);
  /* No one signed in (a file from before profiles): no signer. */
  if (palpate_store_get_signed_in_id (self) != 0)
    palpate_db_bind_int64 (stmt, 5, palpate_store_get_signed_in_id (self));
  else
    palpate_db_bind_null (stmt, 5);
  if (!palpate_store_db_step_done (stmt, error))
    return FALSE;

  if (palpate_db_changes (palpate_store_get_conn (self)) == 0)
    return palpate_store_visit_unchanged_error (self, visit_id, error);

  seal = palpate_store_seal_compute (self, visit_id, error);
  if (seal == NULL)
    return FALSE;

  stmt = palpate_store_db_prepare (self,
                                   "UPDATE visits SET status = 'signed', seal = ?, "
                                   "version = version + 1 WHERE id = ?",
                                   error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_text (stmt, 1, seal);
  palpate_db_bind_int64 (stmt, 2, visit_id);
  if (!palpate_store_db_step_done (stmt, error) ||
      !palpate_store_audit_append (self, "sign", "visit", visit_id, seal, error))
    return FALSE;

  if (seal_out != NULL)
    *seal_out = g_steal_pointer (&seal);
  return TRUE;
}
