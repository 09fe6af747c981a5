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
therapist_from_row (PalpateDbStatement *stmt)
{
  PalpateTherapist *therapist = palpate_therapist_new ();

  palpate_therapist_set_id (therapist, palpate_db_column_int64 (stmt, 0));
  palpate_therapist_set_name (therapist, palpate_store_db_column_text (stmt, 1));
  palpate_therapist_set_credentials (therapist, palpate_store_db_column_text (stmt, 2));
  palpate_therapist_set_registration (therapist, palpate_store_db_column_text (stmt, 3));
  palpate_therapist_set_college (therapist, palpate_store_db_column_text (stmt, 4));
  palpate_therapist_set_owner (therapist, palpate_db_column_int (stmt, 5));
  palpate_therapist_set_active (therapist, palpate_db_column_int (stmt, 6));
  palpate_therapist_set_has_passcode (therapist, palpate_db_column_int (stmt, 7));
  return therapist;
}

/* How many other active owners the clinic has when @except_id is one; -1 when it is not. */
static gint64
count_active_owners (PalpateStore  *self,
                     gint64         except_id,
                     GError       **error)
{
  PalpateDbStatement *stmt = palpate_store_db_prepare (self,
                                                       "SELECT count (*) - 1 FROM therapists "
                                                       "WHERE role = 'owner' AND active = 1 "
                                                       "HAVING count (*) FILTER (WHERE id = ?) "
                                                       "> 0",
                                                       error);
  gint64 count = -1;

  if (stmt == NULL)
    return -2;
  palpate_db_bind_int64 (stmt, 1, except_id);
  switch (palpate_db_step (stmt, error))
    {
    case PALPATE_DB_ROW:
      count = palpate_db_column_int64 (stmt, 0);
      break;
    case PALPATE_DB_DONE:
      break;
    case PALPATE_DB_ERROR:
      count = -2;
      break;
    }
  palpate_db_reset (stmt);
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
  PalpateDbStatement *stmt;
  gint64 id;

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

  /* Both statements end with the one value that differs: the new profile's time, or the id of
   * the profile that changes. */
  if (is_new)
    stmt = palpate_store_db_prepare (self,
                                     "INSERT INTO therapists (name, credentials, registration, "
                                     "college, role, active, created_at) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                     error);
  else
    stmt = palpate_store_db_prepare (self,
                                     "UPDATE therapists SET name = ?, credentials = ?, "
                                     "registration = ?, college = ?, role = ?, active = ? "
                                     "WHERE id = ? RETURNING id",
                                     error);
  if (stmt == NULL)
    return FALSE;

  palpate_db_bind_text (stmt, 1, palpate_therapist_get_name (therapist));
  palpate_db_bind_text (stmt, 2, palpate_therapist_get_credentials (therapist));
  palpate_db_bind_text (stmt, 3, palpate_therapist_get_registration (therapist));
  palpate_db_bind_text (stmt, 4, palpate_therapist_get_college (therapist));
  palpate_db_bind_text (stmt, 5, palpate_therapist_get_owner (therapist) ? "owner" : "therapist");
  palpate_db_bind_int (stmt, 6, palpate_therapist_get_active (therapist));
  if (is_new)
    palpate_db_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  else
    palpate_db_bind_int64 (stmt, 7, palpate_therapist_get_id (therapist));

  /* The new profile's id comes back as a row (no row: an update of a profile not there). */
  switch (palpate_db_step (stmt, error))
    {
    case PALPATE_DB_ROW:
      id = palpate_db_column_int64 (stmt, 0);
      palpate_db_reset (stmt);
      break;
    case PALPATE_DB_DONE:
      palpate_db_reset (stmt);
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND,
                   _("This therapist is not in the clinic."));
      return FALSE;
    case PALPATE_DB_ERROR:
    default:
      palpate_db_reset (stmt);
      return FALSE;
    }

  if (is_new)
    palpate_therapist_set_id (therapist, id);

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
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  /* lower () folds ASCII only on SQLite, as COLLATE NOCASE did, and is PostgreSQL's too. */
  stmt = palpate_store_db_prepare (self,
                                   "SELECT " THERAPIST_COLUMNS " FROM therapists "
                                   "ORDER BY lower (name), id",
                                   error);
  if (stmt == NULL)
    return NULL;

  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    g_ptr_array_add (therapists, therapist_from_row (stmt));
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

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
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  stmt = palpate_store_db_prepare (self,
                                   "SELECT " THERAPIST_COLUMNS " FROM therapists WHERE id = ?",
                                   error);
  if (stmt == NULL)
    return NULL;
  palpate_db_bind_int64 (stmt, 1, therapist_id);
  step = palpate_db_step (stmt, error);
  if (step == PALPATE_DB_ROW)
    therapist = therapist_from_row (stmt);
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_DONE)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NOT_FOUND,
                 _("This therapist is not in the clinic."));

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
  PalpateDbStatement *stmt;

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

  stmt = palpate_store_db_prepare (self,
                                   "UPDATE therapists SET passcode_hash = ? WHERE id = ?",
                                   error);
  if (stmt == NULL)
    return FALSE;
  palpate_db_bind_text (stmt, 1, passcode != NULL ? hash : NULL);
  palpate_db_bind_int64 (stmt, 2, therapist_id);
  if (!palpate_store_db_step_done (stmt, error))
    return FALSE;

  if (palpate_db_changes (palpate_store_get_conn (self)) == 0)
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
  PalpateDbStatement *stmt;
  int count = -1;

  g_return_val_if_fail (PALPATE_IS_STORE (self), -1);

  stmt = palpate_store_db_prepare (self, "SELECT count (*) FROM therapists WHERE active = 1",
                                   NULL);
  if (stmt == NULL)
    return -1;
  if (palpate_db_step (stmt, NULL) == PALPATE_DB_ROW)
    count = palpate_db_column_int (stmt, 0);
  palpate_db_reset (stmt);
  return count;
}
