/* palpate-store-sign-in.c — who is signed in to the clinic, and what they may read
 *
 * Every entry names its author: the store's actor is the signed-in therapist's author line
 * (name, credentials, registration), and the audit log adds the profile's id. Each wrong
 * passcode is logged and counted outside the clinic file, so that restarting Palpate does not
 * reset the wait: one second after the first wrong try, twice as long after each next one (at
 * most a minute), and after ten the profile is locked for a quarter of an hour.
 *
 * A clinic of one therapist without a passcode signs them in at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-store"

#include "config.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#include "palpate-pain.h"
#include "palpate-store-private.h"

#define PASSCODE_MAX_WAIT_S 60
#define PASSCODE_LOCK_TRIES 10
#define PASSCODE_LOCK_S (15 * 60)

#define OWN_NOTES_ONLY_KEY "own-notes-only"

static char *
passcode_hash (PalpateStore  *self,
               gint64         therapist_id,
               GError       **error)
{
  PalpateDbStatement *stmt;
  char *hash = NULL;

  stmt = palpate_store_db_prepare (self, "SELECT passcode_hash FROM therapists WHERE id = ?",
                                   error);
  if (stmt == NULL)
    return NULL;
  palpate_db_bind_int64 (stmt, 1, therapist_id);
  if (palpate_db_step (stmt, error) == PALPATE_DB_ROW)
    hash = g_strdup (palpate_store_db_column_text (stmt, 0));
  palpate_db_reset (stmt);
  return hash;
}

static gint64
wait_after (gint64 failures)
{
  if (failures <= 0)
    return 0;

  if (failures >= PASSCODE_LOCK_TRIES)
    return PASSCODE_LOCK_S;

  return MIN ((gint64) 1 << (failures - 1), PASSCODE_MAX_WAIT_S);
}

static char *
tries_group (PalpateStore *self,
             gint64        therapist_id)
{
  g_autofree char *clinic = palpate_store_pins_group (self);

  return g_strdup_printf ("%s-therapist-%" G_GINT64_FORMAT, clinic, therapist_id);
}

static void
log_quietly (PalpateStore *self,
             const char   *action,
             gint64        therapist_id,
             const char   *detail)
{
  /* A clinic opened read-only cannot log; the try still counts. */
  if (!palpate_store_is_read_only (self))
    palpate_store_log_event (self, action, "therapist", therapist_id, detail, NULL);
}

/* Checks @passcode against the profile's hash, with the wait after wrong tries. */
static gboolean
try_passcode (PalpateStore  *self,
              gint64         therapist_id,
              const char    *passcode,
              gint64         now_us,
              const char    *purpose,
              GError       **error)
{
  g_autoptr(GKeyFile) tries = palpate_store_pins_load ();
  g_autofree char *group = tries_group (self, therapist_id);
  g_autofree char *hash = NULL;
  gint64 failures = g_key_file_get_int64 (tries, group, "failures", NULL);
  gint64 last_us = g_key_file_get_int64 (tries, group, "last-failure-us", NULL);
  gint64 wait = wait_after (failures);
  g_autofree char *detail = NULL;

  /* Kept to the microsecond, so that a wait of a second lasts a whole second. */
  if (failures > 0 && now_us < last_us + wait * G_USEC_PER_SEC)
    {
      gint64 left = (last_us + wait * G_USEC_PER_SEC - now_us + G_USEC_PER_SEC - 1) /
                    G_USEC_PER_SEC;

      if (failures >= PASSCODE_LOCK_TRIES)
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The passcode was wrong too many times and is locked. Try "
                                  "again in %d minute.",
                                  "The passcode was wrong too many times and is locked. Try "
                                  "again in %d minutes.", (gulong) ((left + 59) / 60)),
                     (int) ((left + 59) / 60));
      else
        g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Wait %d second before trying again.",
                                  "Wait %d seconds before trying again.", (gulong) left),
                     (int) left);
      return FALSE;
    }

  hash = passcode_hash (self, therapist_id, NULL);
  if (hash != NULL && passcode != NULL && sodium_init () >= 0 &&
      crypto_pwhash_str_verify (hash, passcode, strlen (passcode)) == 0)
    {
      if (failures > 0)
        {
          g_key_file_remove_group (tries, group, NULL);
          palpate_store_pins_save (tries, NULL);
        }
      return TRUE;
    }

  failures++;
  g_key_file_set_int64 (tries, group, "failures", failures);
  g_key_file_set_int64 (tries, group, "last-failure-us", now_us);
  palpate_store_pins_save (tries, NULL);

  /* Logged without the passcode: what was tried, and how many wrong tries in a row. */
  detail = g_strdup_printf ("%s, %" G_GINT64_FORMAT, purpose, failures);
  log_quietly (self, failures >= PASSCODE_LOCK_TRIES ? "passcode-locked" : "passcode-failed",
               therapist_id, detail);

  wait = wait_after (failures);
  if (failures >= PASSCODE_LOCK_TRIES)
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT,
                 _("The passcode was wrong too many times and is locked for %d minutes."),
                 (int) (wait / 60));
  else
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_PIN_WAIT,
                 g_dngettext (GETTEXT_PACKAGE,
                              "That passcode is not right. Wait %d second before trying again.",
                              "That passcode is not right. Wait %d seconds before trying again.",
                              (gulong) wait),
                 (int) wait);
  return FALSE;
}

/**
 * palpate_store_get_passcode_wait:
 *
 * Returns: how many seconds the next passcode try of @therapist_id must wait, 0 for none
 */
gint64
palpate_store_get_passcode_wait (PalpateStore *self,
                                 gint64        therapist_id)
{
  g_autoptr(GKeyFile) tries = NULL;
  g_autofree char *group = NULL;
  gint64 failures;
  gint64 left_us;

  g_return_val_if_fail (PALPATE_IS_STORE (self), 0);

  tries = palpate_store_pins_load ();
  group = tries_group (self, therapist_id);
  failures = g_key_file_get_int64 (tries, group, "failures", NULL);
  if (failures <= 0)
    return 0;
  left_us = g_key_file_get_int64 (tries, group, "last-failure-us", NULL) +
            wait_after (failures) * G_USEC_PER_SEC - g_get_real_time ();
  return MAX ((left_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC, 0);
}

static void
become (PalpateStore     *self,
        PalpateTherapist *therapist)
{
  g_autofree char *author = palpate_therapist_dup_author (therapist);

  g_set_object (&self->signed_in, therapist);
  palpate_store_set_actor (self, author);
}

static gboolean
sign_in_at_us (PalpateStore  *self,
               gint64         therapist_id,
               const char    *passcode,
               gint64         now_us,
               GError       **error)
{
  g_autoptr(PalpateTherapist) therapist = NULL;

  therapist = palpate_store_get_therapist (self, therapist_id, error);
  if (therapist == NULL)
    return FALSE;

  if (!palpate_therapist_get_active (therapist))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                   _("%s no longer works at the clinic."), palpate_therapist_get_name (therapist));
      return FALSE;
    }

  if (palpate_therapist_get_has_passcode (therapist) &&
      !try_passcode (self, therapist_id, passcode, now_us, "sign-in", error))
    return FALSE;

  become (self, therapist);
  log_quietly (self, "sign-in", therapist_id,
               palpate_therapist_get_has_passcode (therapist) ? NULL : "no passcode");
  return TRUE;
}

/**
 * palpate_store_sign_in_at:
 * @passcode: (nullable): what was typed; ignored for a profile without a passcode
 * @now: the time of the try, in seconds since 1970 (tests pass their own)
 *
 * See palpate_store_sign_in().
 */
gboolean
palpate_store_sign_in_at (PalpateStore  *self,
                          gint64         therapist_id,
                          const char    *passcode,
                          gint64         now,
                          GError       **error)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  return sign_in_at_us (self, therapist_id, passcode, now * G_USEC_PER_SEC, error);
}

/**
 * palpate_store_sign_in:
 *
 * Signs @therapist_id in when @passcode is theirs: from then on every entry names them. A
 * wrong passcode is logged and counted; the next try must wait (PALPATE_STORE_ERROR_PIN_WAIT,
 * with how long), and after ten in a row the profile is locked for a quarter of an hour.
 */
gboolean
palpate_store_sign_in (PalpateStore  *self,
                       gint64         therapist_id,
                       const char    *passcode,
                       GError       **error)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  return sign_in_at_us (self, therapist_id, passcode, g_get_real_time (), error);
}

/**
 * palpate_store_sign_in_alone:
 *
 * Signs in the clinic's only therapist when they chose no passcode.
 *
 * Returns: whether someone is signed in now
 */
gboolean
palpate_store_sign_in_alone (PalpateStore *self)
{
  g_autoptr(GPtrArray) therapists = NULL;
  PalpateTherapist *alone = NULL;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  if (palpate_store_get_signed_in (self) != NULL)
    return TRUE;

  therapists = palpate_store_list_therapists (self, NULL);
  for (guint i = 0; therapists != NULL && i < therapists->len; i++)
    {
      if (!palpate_therapist_get_active (therapists->pdata[i]))
        continue;
      if (alone != NULL)
        return FALSE;
      alone = therapists->pdata[i];
    }

  if (alone == NULL || palpate_therapist_get_has_passcode (alone))
    return FALSE;

  return palpate_store_sign_in (self, palpate_therapist_get_id (alone), NULL, NULL);
}

/**
 * palpate_store_confirm_passcode:
 *
 * Asks the signed-in therapist's passcode again, before an act that names them for good
 * (signing a visit, leaving the client's view): counted and logged as a sign-in is. A
 * therapist without a passcode confirms with any text.
 */
gboolean
palpate_store_confirm_passcode (PalpateStore  *self,
                                const char    *passcode,
                                const char    *purpose,
                                GError       **error)
{
  PalpateTherapist *therapist;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);
  g_return_val_if_fail (purpose != NULL, FALSE);

  therapist = palpate_store_get_signed_in (self);
  if (therapist == NULL)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                   _("Sign in first."));
      return FALSE;
    }

  if (!palpate_therapist_get_has_passcode (therapist))
    return TRUE;

  return try_passcode (self, palpate_therapist_get_id (therapist), passcode, g_get_real_time (),
                       purpose, error);
}

/**
 * palpate_store_sign_out:
 * @reason: why, as the audit log records it: "switch", "idle", "session-locked"…
 *
 * Nobody is signed in afterwards; entries made then name the computer's user.
 */
void
palpate_store_sign_out (PalpateStore *self,
                        const char   *reason)
{
  g_return_if_fail (PALPATE_IS_STORE (self));

  if (self->signed_in == NULL)
    return;

  log_quietly (self, "sign-out", palpate_therapist_get_id (self->signed_in), reason);
  g_clear_object (&self->signed_in);
}

/**
 * palpate_store_get_signed_in:
 *
 * Returns: (transfer none) (nullable): the therapist signed in, if any
 */
PalpateTherapist *
palpate_store_get_signed_in (PalpateStore *self)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), NULL);

  return self->signed_in;
}

gint64
palpate_store_get_signed_in_id (PalpateStore *self)
{
  PalpateTherapist *therapist = palpate_store_get_signed_in (self);

  return therapist != NULL ? palpate_therapist_get_id (therapist) : 0;
}

/* The audit log's actor: the author line, and the profile's id so that two therapists of the
 * same name stay apart. */
char *
palpate_store_dup_audit_actor (PalpateStore *self)
{
  const char *actor = palpate_store_get_actor (self) ?: "";
  gint64 id = palpate_store_get_signed_in_id (self);

  if (id == 0)
    return g_strdup (actor);

  /* Not translated: the audit log reads the same in every language. */
  return g_strdup_printf ("%s [therapist %" G_GINT64_FORMAT "]", actor, id);
}

/**
 * palpate_store_get_own_notes_only:
 *
 * Returns: whether therapists read only their own clients' notes (the clinic's choice; off
 *   by default, for small clinics where everyone treats everyone)
 */
gboolean
palpate_store_get_own_notes_only (PalpateStore *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  value = palpate_store_dup_setting (self, OWN_NOTES_ONLY_KEY);
  return g_strcmp0 (value, "true") == 0;
}

gboolean
palpate_store_set_own_notes_only (PalpateStore  *self,
                                  gboolean       own_only,
                                  GError       **error)
{
  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  return palpate_store_set_setting (self, OWN_NOTES_ONLY_KEY, own_only ? "true" : NULL, error);
}

/**
 * palpate_store_may_read_notes:
 * @therapist_id: the therapist of the visit (0: none recorded)
 *
 * Returns: whether the therapist signed in reads the notes of a visit by @therapist_id: always,
 *   unless the clinic chose that therapists read only their own clients' notes; the owner reads
 *   every note. Visit dates and contraindications show whatever this says (safety first).
 */
gboolean
palpate_store_may_read_notes (PalpateStore *self,
                              gint64        therapist_id)
{
  PalpateTherapist *signed_in;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  signed_in = palpate_store_get_signed_in (self);
  if (signed_in == NULL || therapist_id == 0 || palpate_therapist_get_owner (signed_in) ||
      palpate_therapist_get_id (signed_in) == therapist_id)
    return TRUE;

  return !palpate_store_get_own_notes_only (self);
}

/**
 * palpate_store_keep_readable_notes:
 * @visits: (element-type PalpateVisit): a client's visits, as read from the store
 * @summaries: (element-type PalpateVisitSummary) (nullable): their summaries
 * @findings: (element-type PalpateFinding) (nullable): their findings
 * @applied: (element-type PalpateAppliedTechnique) (nullable): their applied techniques
 *
 * Takes out what the therapist signed in may not read of another therapist's visits
 * (palpate_store_may_read_notes()): their notes, pain ratings, findings and techniques. Each
 * visit keeps its date and its therapist, and its contraindications stay (safety first).
 */
void
palpate_store_keep_readable_notes (PalpateStore *self,
                                   GPtrArray    *visits,
                                   GArray       *summaries,
                                   GPtrArray    *findings,
                                   GPtrArray    *applied)
{
  g_autoptr(GHashTable) hidden = g_hash_table_new (g_direct_hash, g_direct_equal);

  g_return_if_fail (PALPATE_IS_STORE (self));
  g_return_if_fail (visits != NULL);

  if (!palpate_store_get_own_notes_only (self))
    return;

  for (guint i = 0; i < visits->len; i++)
    {
      PalpateVisit *visit = visits->pdata[i];

      if (palpate_store_may_read_notes (self, palpate_visit_get_therapist_id (visit)))
        continue;

      g_hash_table_add (hidden, GSIZE_TO_POINTER ((gsize) palpate_visit_get_id (visit)));
      palpate_visit_set_subjective (visit, NULL);
      palpate_visit_set_objective (visit, NULL);
      palpate_visit_set_assessment (visit, NULL);
      palpate_visit_set_plan (visit, NULL);
      palpate_visit_set_home_care (visit, NULL);
      palpate_visit_set_pain_before (visit, PALPATE_PAIN_UNSET);
      palpate_visit_set_pain_after (visit, PALPATE_PAIN_UNSET);
    }

  for (guint i = 0; summaries != NULL && i < summaries->len; i++)
    {
      PalpateVisitSummary *summary = &g_array_index (summaries, PalpateVisitSummary, i);

      if (g_hash_table_contains (hidden, GSIZE_TO_POINTER ((gsize) summary->id)))
        {
          summary->pain_before = PALPATE_PAIN_UNSET;
          summary->pain_after = PALPATE_PAIN_UNSET;
          summary->n_findings = 0;
        }
    }

  for (guint i = findings != NULL ? findings->len : 0; i > 0; i--)
    {
      PalpateFinding *finding = findings->pdata[i - 1];

      if (palpate_finding_get_kind (finding) != PALPATE_FINDING_CONTRAINDICATION &&
          g_hash_table_contains (hidden,
                                 GSIZE_TO_POINTER ((gsize) palpate_finding_get_visit_id (finding))))
        g_ptr_array_remove_index (findings, i - 1);
    }

  for (guint i = applied != NULL ? applied->len : 0; i > 0; i--)
    {
      gint64 visit_id = palpate_applied_technique_get_visit_id (applied->pdata[i - 1]);

      if (g_hash_table_contains (hidden, GSIZE_TO_POINTER ((gsize) visit_id)))
        g_ptr_array_remove_index (applied, i - 1);
    }
}

/**
 * palpate_store_has_view_lock:
 *
 * Returns: whether leaving the client's view asks for a secret: the signed-in therapist's
 *   passcode, or else the clinic's PIN
 */
gboolean
palpate_store_has_view_lock (PalpateStore *self)
{
  PalpateTherapist *therapist;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  therapist = palpate_store_get_signed_in (self);
  if (therapist != NULL && palpate_therapist_get_has_passcode (therapist))
    return TRUE;

  return palpate_store_has_pin (self);
}

/**
 * palpate_store_try_view_lock:
 *
 * Checks what was typed to leave the client's view: the signed-in therapist's passcode when
 * they have one, else the clinic's PIN; wrong tries wait and are logged as each one's are.
 */
gboolean
palpate_store_try_view_lock (PalpateStore  *self,
                             const char    *secret,
                             GError       **error)
{
  PalpateTherapist *therapist;

  g_return_val_if_fail (PALPATE_IS_STORE (self), FALSE);

  therapist = palpate_store_get_signed_in (self);
  if (therapist != NULL && palpate_therapist_get_has_passcode (therapist))
    return palpate_store_confirm_passcode (self, secret, "patient-view", error);

  return palpate_store_try_pin (self, secret, error);
}
