/* palpate-store-therapists.c — therapist profiles and their passcodes
 *
 * A profile names the therapist as a regulator asks (credentials, registration number, the
 * college that issued it), says whether they own the clinic and whether they still work there.
 * A passcode is kept only as a salted Argon2id hash, as the patient-view PIN is
 * (palpate-store-pin.c); signing in with it is palpate-store-sign-in.c's. A clinic of one
 * therapist may have no passcode.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "palpate-rules.h"
#include "palpate-store-private.h"

#define THERAPIST_COLUMNS \
  "id, name, credentials, registration, college, role = 'owner', active, " \
  "passcode_hash IS NOT NULL"

static PalpateTherapist *
therapist_from_row (sqlite3_stmt *stmt)
{
  PalpateTherapist *therapist = palpate_therapist_new ();

  palpate_therapist_set_id (therapist, sqlite3_column_int64 (stmt, 0));
  palpate_therapist_set_name (therapist, palpate_store_column_text (stmt, 1));
  palpate_therapist_set_credentials (therapist, palpate_store_column_text (stmt, 2));
  palpate_therapist_set_registration (therapist, palpate_store_column_text (stmt, 3));
  palpate_therapist_set_college (therapist, palpate_store_column_text (stmt, 4));
  palpate_therapist_set_owner (therapist, sqlite3_column_int (stmt, 5));
  palpate_therapist_set_active (therapist, sqlite3_column_int (stmt, 6));
  palpate_therapist_set_has_passcode (therapist, sqlite3_column_int (stmt, 7));
  return therapist;
}

/* How many other active owners the clinic has when @except_id is one; -1 when it is not. */
static gint64
count_active_owners (PalpateStore  *self,
                     gint64         except_id,
                     GError       **error)
{
  sqlite3_stmt *stmt = palpate_store_prepare (self,
                                              "SELECT count (*) - 1 FROM therapists "
                                              "WHERE role = 'owner' AND active = 1 "
                                              "HAVING sum (id = ?1) > 0",
                                              error);
  gint64 count = -1;

  int rc;

  if (stmt == NULL)
    return -2;
  sqlite3_bind_int64 (stmt, 1, except_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      count = -2;
    }
  sqlite3_reset (stmt);
  return count;
}

/**
 * palpate_store_save_therapist:
 *
 * Adds @therapist (id 0) or changes its profile. The clinic keeps at least one active owner:
 * the last one cannot be deactivated nor made a plain therapist. The passcode is set apart,
 * with palpate_store_set_passcode().
 */
gboolean
palpate_store_save_therapist (PalpateStore      *self,
                              PalpateTherapist  *therapist,
                              GError           **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  gboolean is_new;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_THERAPIST (therapist), FALSE);

  if (!palpate_therapist_validate (therapist, error))
    return FALSE;

  is_new = palpate_therapist_get_id (therapist) == 0;

  if (!palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  if (!is_new && (!palpate_therapist_get_owner (therapist) ||
                  !palpate_therapist_get_active (therapist)))
    {
      gint64 others = count_active_owners (self, palpate_therapist_get_id (therapist), error);

      if (others == -2)
        return FALSE;
      if (others == 0)
        {
          g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                       _("The clinic needs an owner: make another therapist owner first."));
          return FALSE;
        }
    }

  if (is_new)
    stmt = palpate_store_prepare (self,
                                  "INSERT INTO therapists (name, credentials, registration, "
                                  "college, role, active, created_at) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                  error);
  else
    stmt = palpate_store_prepare (self,
                                  "UPDATE therapists SET name = ?1, credentials = ?2, "
                                  "registration = ?3, college = ?4, role = ?5, active = ?6 "
                                  "WHERE id = ?8",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, palpate_therapist_get_name (therapist), -1, SQLITE_TRANSIENT);
  palpate_store_bind_text (stmt, 2, palpate_therapist_get_credentials (therapist));
  palpate_store_bind_text (stmt, 3, palpate_therapist_get_registration (therapist));
  palpate_store_bind_text (stmt, 4, palpate_therapist_get_college (therapist));
  sqlite3_bind_text (stmt, 5, palpate_therapist_get_owner (therapist) ? "owner" : "therapist",
                     -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, palpate_therapist_get_active (therapist));
  if (is_new)
    sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  else
    sqlite3_bind_int64 (stmt, 8, palpate_therapist_get_id (therapist));

  if (!palpate_store_step_done (self, stmt, error))
    return FALSE;

  if (is_new)
    palpate_therapist_set_id (therapist,
                              sqlite3_last_insert_rowid (palpate_store_get_db (self)));

  if (!palpate_store_audit_append (self, is_new ? "create" : "change", "therapist",
                                   palpate_therapist_get_id (therapist),
                                   palpate_therapist_get_active (therapist) ? NULL
                                                                            : "deactivated",
                                   error) ||
      !palpate_store_transaction_commit (&transaction, error))
    {
      if (is_new)
        palpate_therapist_set_id (therapist, 0);
      return FALSE;
    }

  return TRUE;
}

/**
 * palpate_store_list_therapists:
 *
 * Returns: (transfer full) (element-type PalpateTherapist): every profile, deactivated ones
 *   too, by name
 */
GPtrArray *
palpate_store_list_therapists (PalpateStore  *self,
                               GError       **error)
{
  g_autoptr(GPtrArray) therapists = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT " THERAPIST_COLUMNS " FROM therapists "
                                "ORDER BY name COLLATE NOCASE, id",
                                error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (therapists, therapist_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      palpate_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&therapists);
}

/**
 * palpate_store_get_therapist:
 *
 * Returns: (transfer full): the profile, or %NULL with PALPATE_STORE_ERROR_NOT_FOUND
 */
PalpateTherapist *
palpate_store_get_therapist (PalpateStore  *self,
                             gint64         therapist_id,
                             GError       **error)
{
  PalpateTherapist *therapist = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_prepare (self,
                                "SELECT " THERAPIST_COLUMNS " FROM therapists WHERE id = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, therapist_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    therapist = therapist_from_row (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND,
                 _("This therapist is not in the clinic."));
  else if (rc != SQLITE_ROW)
    palpate_store_set_sqlite_error (self, rc, error);

  return therapist;
}

/**
 * palpate_store_set_passcode:
 * @passcode: (nullable): at least six digits or a passphrase (palpate_passcode_validate()),
 *   or %NULL for none
 *
 * Sets the passcode that signs @therapist_id in. Only a therapist alone in the clinic may have
 * none: with others, anyone at the keyboard could sign in as them.
 */
gboolean
palpate_store_set_passcode (PalpateStore  *self,
                            gint64         therapist_id,
                            const char    *passcode,
                            GError       **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  char hash[crypto_pwhash_STRBYTES];
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  if (passcode != NULL && !palpate_passcode_validate (passcode, error))
    return FALSE;

  if (passcode == NULL && palpate_store_count_active_therapists (self) > 1)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                   _("Every therapist needs a passcode once the clinic has more than one."));
      return FALSE;
    }

  if (passcode != NULL &&
      (sodium_init () < 0 ||
       crypto_pwhash_str (hash, passcode, strlen (passcode), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_IO,
                   _("There is not enough memory to protect the passcode."));
      return FALSE;
    }

  if (!palpate_store_transaction_begin (&transaction, self, error))
    return FALSE;

  stmt = palpate_store_prepare (self, "UPDATE therapists SET passcode_hash = ? WHERE id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  palpate_store_bind_text (stmt, 1, passcode != NULL ? hash : NULL);
  sqlite3_bind_int64 (stmt, 2, therapist_id);
  if (!palpate_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (palpate_store_get_db (self)) == 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND,
                   _("This therapist is not in the clinic."));
      return FALSE;
    }

  if (!palpate_store_audit_append (self, passcode != NULL ? "set-passcode" : "remove-passcode",
                                   "therapist", therapist_id, NULL, error) ||
      !palpate_store_transaction_commit (&transaction, error))
    return FALSE;

  if (palpate_store_get_signed_in_id (self) == therapist_id)
    palpate_therapist_set_has_passcode (palpate_store_get_signed_in (self), passcode != NULL);

  return TRUE;
}

/**
 * palpate_store_count_active_therapists:
 *
 * Returns: how many therapists may sign in, or -1 when the file cannot be read
 */
int
palpate_store_count_active_therapists (PalpateStore *self)
{
  sqlite3_stmt *stmt;
  int count = -1;

  g_return_val_if_fail (PALPATE_IS_STORE (self), -1);

  stmt = palpate_store_prepare (self, "SELECT count (*) FROM therapists WHERE active = 1", NULL);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}
