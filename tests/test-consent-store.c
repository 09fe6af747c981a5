/* test-consent-store.c — consents and refusals in the clinic file: kept with their signature
 * strokes, never rewritten except withdrawn once, refused without a signature; verbal consent
 * per visit and area, fixed once the visit is signed; a minor's consent names their guardian
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <sqlite3.h>
#include <string.h>

#include "palpate-consent.h"
#include "palpate-core-error.h"
#include "palpate-store-private.h"
#include "palpate-test-server.h"
#include "palpate-test-store-server.h"

typedef struct
{
  char         *path;       /* the clinic file, or on a server its postgresql:// location */
  char         *conninfo;   /* on a server: its database, dropped at the end */
  PalpateStore *store;
  gint64        client_id;
} Fixture;

/* The same cases run on a clinic file and, with --server, on a clinic on the test's
 * PostgreSQL server. */
static gboolean test_on_server;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateClient) client = palpate_client_new ();

  if (test_on_server)
    {
      fixture->conninfo = palpate_test_server_new_database ();
      g_assert_nonnull (fixture->conninfo);
      fixture->path = palpate_test_store_server_location (fixture->conninfo);
    }
  else
    {
      fixture->path = g_build_filename (g_get_user_data_dir (), "clinic.sqlite3", NULL);
      g_mkdir_with_parents (g_get_user_data_dir (), 0700);
    }
  fixture->store = palpate_store_open (fixture->path, &error);
  g_assert_no_error (error);
  palpate_client_set_name (client, "Rosa Delgado");
  g_assert_true (palpate_store_save_client (fixture->store, client, &error));
  fixture->client_id = palpate_client_get_id (client);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  palpate_test_server_drop_database (fixture->conninfo);
  g_free (fixture->conninfo);
  g_free (fixture->path);
}

static PalpateConsent *
signed_consent (gint64               client_id,
                PalpateConsentKind   kind,
                PalpateSensitiveArea area)
{
  PalpateConsent *consent = palpate_consent_new ();
  GArray *stroke = g_array_new (FALSE, FALSE, sizeof (double));
  const double points[] = { 0.1, 0.6, 0.3, 0.4, 0.5, 0.65, 0.9, 0.5 };

  g_array_append_vals (stroke, points, G_N_ELEMENTS (points));
  consent->client_id = client_id;
  consent->kind = kind;
  consent->area = area;
  consent->strokes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_ptr_array_add (consent->strokes, stroke);
  return consent;
}

static int
exec (PalpateStore *store,
      const char   *sql)
{
  /* On a server, by hand: through a session of its own, as psql would. */
  if (test_on_server)
    return palpate_test_store_server_exec (palpate_store_get_path (store), sql, NULL);
  /* The primary result code: the file reports extended ones (a trigger, a check). */
  return sqlite3_exec (palpate_store_get_db (store), sql, NULL, NULL, NULL) & 0xff;
}

static void
test_consent_kept (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateConsent) consent = signed_consent (fixture->client_id,
                                                      PALPATE_CONSENT_SENSITIVE_AREA,
                                                      PALPATE_SENSITIVE_AREA_GLUTEAL);
  g_autoptr(PalpateConsent) treatment = palpate_consent_new ();
  g_autoptr(GPtrArray) consents = NULL;
  PalpateConsent *read;
  GArray *stroke;
  gboolean written, refused;

  palpate_store_set_actor (fixture->store, "Maria Rossi");
  consent->guardian = g_strdup ("Ana Delgado");
  g_assert_true (palpate_store_add_consent (fixture->store, consent, &error));
  g_assert_no_error (error);
  g_assert_cmpint (consent->id, >, 0);

  treatment->client_id = fixture->client_id;
  treatment->kind = PALPATE_CONSENT_TREATMENT;
  treatment->explained = PALPATE_EXPLAINED_RISKS | PALPATE_EXPLAINED_WITHDRAW;
  g_assert_true (palpate_store_add_consent (fixture->store, treatment, &error));
  g_assert_no_error (error);

  consents = palpate_store_list_consents (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consents->len, ==, 2);
  read = consents->pdata[0];
  g_assert_cmpint (read->kind, ==, PALPATE_CONSENT_SENSITIVE_AREA);
  g_assert_cmpint (read->area, ==, PALPATE_SENSITIVE_AREA_GLUTEAL);
  g_assert_cmpstr (read->obtained_by, ==, "Maria Rossi");
  g_assert_cmpstr (read->guardian, ==, "Ana Delgado");
  g_assert_nonnull (read->given_at);
  g_assert_null (read->withdrawn_at);
  g_assert_cmpuint (read->strokes->len, ==, 1);
  stroke = read->strokes->pdata[0];
  g_assert_cmpuint (stroke->len, ==, 8);
  g_assert_cmpfloat_with_epsilon (g_array_index (stroke, double, 2), 0.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (stroke, double, 7), 0.5, 1e-9);
  read = consents->pdata[1];
  g_assert_cmpint (read->kind, ==, PALPATE_CONSENT_TREATMENT);
  g_assert_cmpuint (read->explained, ==, PALPATE_EXPLAINED_RISKS | PALPATE_EXPLAINED_WITHDRAW);
  g_assert_false (palpate_consent_is_signed (read));

  palpate_consents_for_area (consents, PALPATE_SENSITIVE_AREA_GLUTEAL, &written, &refused);
  g_assert_true (written);
  g_assert_false (refused);
  palpate_consents_for_area (consents, PALPATE_SENSITIVE_AREA_INNER_THIGH, &written, &refused);
  g_assert_false (written);

  /* Nothing of a consent can be rewritten, by the store or by hand. */
  g_assert_cmpint (exec (fixture->store, "UPDATE consents SET area = 'inner-thigh'"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (exec (fixture->store, "UPDATE consents SET signature = '[]'"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (exec (fixture->store, "UPDATE consents SET given_at = 0"), ==,
                   SQLITE_CONSTRAINT);
  if (test_on_server)
    {
      /* PostgreSQL has no INSERT OR REPLACE: its two ways to put a row over one that is there
       * are a plain INSERT of the same id, and INSERT … ON CONFLICT DO UPDATE. */
      g_assert_cmpint (exec (fixture->store,
                             "INSERT INTO consents (id, client_id, kind, explained, given_at, "
                             "obtained_by) SELECT id, client_id, 'treatment', '[]', 1, 'x' "
                             "FROM consents WHERE kind = 'sensitive-area'"), ==,
                       SQLITE_CONSTRAINT);
      g_assert_cmpint (exec (fixture->store,
                             "INSERT INTO consents (id, client_id, kind, explained, given_at, "
                             "obtained_by) SELECT id, client_id, 'treatment', '[]', 1, 'x' "
                             "FROM consents WHERE kind = 'sensitive-area' ON CONFLICT (id) DO "
                             "UPDATE SET kind = EXCLUDED.kind, area = NULL, "
                             "explained = EXCLUDED.explained, given_at = EXCLUDED.given_at, "
                             "obtained_by = EXCLUDED.obtained_by, signature = NULL"), ==,
                       SQLITE_CONSTRAINT);
    }
  else
    g_assert_cmpint (exec (fixture->store,
                           "INSERT OR REPLACE INTO consents (id, client_id, kind, explained, "
                           "given_at, obtained_by) SELECT id, client_id, 'treatment', '[]', 1, "
                           "'x' FROM consents WHERE kind = 'sensitive-area'"), ==,
                     SQLITE_CONSTRAINT);
  /* A written kind without a signature is refused by the file itself. */
  g_assert_cmpint (exec (fixture->store,
                         "INSERT INTO consents (client_id, kind, area, given_at, obtained_by) "
                         "SELECT id, 'sensitive-area', 'gluteal', 1, 'x' FROM clients"), ==,
                   SQLITE_CONSTRAINT);

  /* Withdrawn once: the time is set, then fixed. */
  g_assert_true (palpate_store_withdraw_consent (fixture->store, consent->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (exec (fixture->store, "UPDATE consents SET withdrawn_at = NULL"), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (exec (fixture->store, "UPDATE consents SET withdrawn_at = 5 WHERE "
                                         "kind = 'sensitive-area'"), ==, SQLITE_CONSTRAINT);
  g_clear_pointer (&consents, g_ptr_array_unref);
  consents = palpate_store_list_consents (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (((PalpateConsent *) consents->pdata[0])->withdrawn_at);
  palpate_consents_for_area (consents, PALPATE_SENSITIVE_AREA_GLUTEAL, &written, &refused);
  g_assert_false (written);
}

static void
test_consent_needs_signature (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateConsent) refusal = palpate_consent_new ();
  g_autoptr(PalpateConsent) treatment = palpate_consent_new ();
  g_autoptr(GPtrArray) consents = NULL;

  refusal->client_id = fixture->client_id;
  refusal->kind = PALPATE_CONSENT_REFUSAL;
  refusal->area = PALPATE_SENSITIVE_AREA_CHEST_WALL;
  g_assert_false (palpate_store_add_consent (fixture->store, refusal, &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Consent to treatment says what was explained. */
  treatment->client_id = fixture->client_id;
  g_assert_false (palpate_store_add_consent (fixture->store, treatment, &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
  g_clear_error (&error);

  consents = palpate_store_list_consents (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consents->len, ==, 0);
}

static void
test_verbal_consent (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateVisit) visit = palpate_visit_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gboolean given = TRUE;

  palpate_visit_set_client_id (visit, fixture->client_id);
  palpate_visit_set_started_at (visit, now);
  g_assert_true (palpate_store_save_visit (fixture->store, visit, &error));
  g_assert_no_error (error);

  g_assert_true (palpate_store_has_verbal_consent (fixture->store, palpate_visit_get_id (visit),
                                                   PALPATE_SENSITIVE_AREA_GLUTEAL, &given,
                                                   &error));
  g_assert_false (given);
  g_assert_true (palpate_store_add_verbal_consent (fixture->store, palpate_visit_get_id (visit),
                                                   PALPATE_SENSITIVE_AREA_GLUTEAL, &error));
  g_assert_no_error (error);
  /* Confirmed twice at one visit: one row, no error. */
  g_assert_true (palpate_store_add_verbal_consent (fixture->store, palpate_visit_get_id (visit),
                                                   PALPATE_SENSITIVE_AREA_GLUTEAL, &error));
  g_assert_no_error (error);
  g_assert_true (palpate_store_has_verbal_consent (fixture->store, palpate_visit_get_id (visit),
                                                   PALPATE_SENSITIVE_AREA_GLUTEAL, &given,
                                                   &error));
  g_assert_true (given);
  g_assert_true (palpate_store_has_verbal_consent (fixture->store, palpate_visit_get_id (visit),
                                                   PALPATE_SENSITIVE_AREA_INNER_THIGH, &given,
                                                   &error));
  g_assert_false (given);

  /* Once the visit is signed its verbal consents are part of it. */
  g_assert_true (palpate_store_sign_visit (fixture->store, visit, "Maria Rossi", &error));
  g_assert_no_error (error);
  g_assert_false (palpate_store_add_verbal_consent (fixture->store, palpate_visit_get_id (visit),
                                                    PALPATE_SENSITIVE_AREA_INNER_THIGH, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (exec (fixture->store, "DELETE FROM verbal_consents"), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (exec (fixture->store, "UPDATE verbal_consents SET area = 'chest-wall'"), ==,
                   SQLITE_CONSTRAINT);
}

/* A minor's consent names the parent or guardian who gave it; an adult's needs no guardian. */
static void
test_minor_needs_guardian (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PalpateClient) client = palpate_store_get_client (fixture->store, fixture->client_id,
                                                              &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) fifteen = g_date_time_add_years (now, -15);
  g_autoptr(GDateTime) turned_18_today = g_date_time_add_years (now, -18);
  g_autoptr(GDateTime) turns_18_tomorrow = g_date_time_add_days (turned_18_today, 1);
  g_autofree char *birth_15 = g_date_time_format (fifteen, "%Y-%m-%d");
  g_autofree char *birth_18 = g_date_time_format (turned_18_today, "%Y-%m-%d");
  g_autofree char *birth_almost_18 = g_date_time_format (turns_18_tomorrow, "%Y-%m-%d");
  g_autoptr(PalpateConsent) alone = signed_consent (fixture->client_id,
                                                    PALPATE_CONSENT_SENSITIVE_AREA,
                                                    PALPATE_SENSITIVE_AREA_GLUTEAL);
  g_autoptr(PalpateConsent) blank = signed_consent (fixture->client_id,
                                                    PALPATE_CONSENT_SENSITIVE_AREA,
                                                    PALPATE_SENSITIVE_AREA_GLUTEAL);
  g_autoptr(PalpateConsent) with_guardian = signed_consent (fixture->client_id,
                                                            PALPATE_CONSENT_SENSITIVE_AREA,
                                                            PALPATE_SENSITIVE_AREA_GLUTEAL);
  g_autoptr(PalpateConsent) adult = signed_consent (fixture->client_id,
                                                    PALPATE_CONSENT_SENSITIVE_AREA,
                                                    PALPATE_SENSITIVE_AREA_GLUTEAL);
  g_autoptr(GPtrArray) consents = NULL;

  g_assert_no_error (error);

  /* The day of the 18th birthday counts as of age; the day before does not. */
  g_assert_true (palpate_client_is_minor_on (birth_15, now));
  g_assert_true (palpate_client_is_minor_on (birth_almost_18, now));
  g_assert_false (palpate_client_is_minor_on (birth_18, now));
  g_assert_false (palpate_client_is_minor_on (NULL, now));
  g_assert_false (palpate_client_is_minor_on ("not a date", now));

  palpate_client_set_birth_date (client, birth_15);
  g_assert_true (palpate_store_save_client (fixture->store, client, &error));
  g_assert_no_error (error);

  g_assert_false (palpate_store_add_consent (fixture->store, alone, &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "under 18"));
  g_clear_error (&error);

  /* Spaces are no name. */
  blank->guardian = g_strdup ("  \t");
  g_assert_false (palpate_store_add_consent (fixture->store, blank, &error));
  g_assert_error (error, PALPATE_CORE_ERROR, PALPATE_CORE_ERROR_INVALID);
  g_clear_error (&error);

  consents = palpate_store_list_consents (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consents->len, ==, 0);
  g_clear_pointer (&consents, g_ptr_array_unref);

  with_guardian->guardian = g_strdup ("Ana Delgado");
  g_assert_true (palpate_store_add_consent (fixture->store, with_guardian, &error));
  g_assert_no_error (error);

  palpate_client_set_birth_date (client, birth_18);
  g_assert_true (palpate_store_save_client (fixture->store, client, &error));
  g_assert_true (palpate_store_add_consent (fixture->store, adult, &error));
  g_assert_no_error (error);

  consents = palpate_store_list_consents (fixture->store, fixture->client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (consents->len, ==, 2);
  g_assert_cmpstr (((PalpateConsent *) consents->pdata[0])->guardian, ==, "Ana Delgado");
  g_assert_null (((PalpateConsent *) consents->pdata[1])->guardian);
}

int
main (int   argc,
      char *argv[])
{
  test_on_server = palpate_test_store_parse_server_arg (&argc, &argv);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (test_on_server && palpate_test_store_skip_program_without_server ())
    return 0;

  g_test_add ("/Palpate/ConsentStore/kept", Fixture, NULL,
              fixture_set_up, test_consent_kept, fixture_tear_down);
  g_test_add ("/Palpate/ConsentStore/needs-signature", Fixture, NULL,
              fixture_set_up, test_consent_needs_signature, fixture_tear_down);
  g_test_add ("/Palpate/ConsentStore/verbal-consent", Fixture, NULL,
              fixture_set_up, test_verbal_consent, fixture_tear_down);
  g_test_add ("/Palpate/ConsentStore/minor-needs-guardian", Fixture, NULL,
              fixture_set_up, test_minor_needs_guardian, fixture_tear_down);

  return g_test_run ();
}
