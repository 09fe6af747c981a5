/* test-record-hostile.c — record files that must be refused: spoiled, hostile or overwriting
 * a signed visit, each with a located reason and the clinic left as it was
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "palpate-record.h"
#include "palpate-test-clinic.h"
#include "test-record-private.h"

/* A client document of the busiest client, as text to spoil. */
static char *
client_document_text (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) record = palpate_record_export_client (fixture->store,
                                                             busiest_client (fixture->store),
                                                             &error);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_assert_no_error (error);
  json_generator_set_root (generator, record);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* Imports the text into the demo clinic; it must be refused, say @where, and leave the clinic
 * as it was. */
static void
assert_refused (Fixture    *fixture,
                const char *text,
                gsize       length,
                const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *before = palpate_test_clinic_fingerprint (fixture->store);
  g_autofree char *after = NULL;
  PalpateImportSummary summary;

  root = palpate_record_parse (text, length, &error);
  if (root != NULL)
    {
      g_assert_no_error (error);
      g_assert_false (palpate_record_import (fixture->store, root, region_check, NULL, &summary,
                                             &error));
      palpate_import_summary_clear (&summary);
    }
  g_assert_error (error, PALPATE_RECORD_ERROR, error->code);
  g_test_message ("%s", error->message);
  if (where != NULL && strstr (error->message, where) == NULL)
    g_error ("“%s” does not say “%s”", error->message, where);

  after = palpate_test_clinic_fingerprint (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

/* A record for a clinic that has never seen the client: the demo's client under a new UUID. */
static char *
as_new_client (const char *text)
{
  const char *uuid = strstr (text, "\"uuid\" : \"");
  g_autofree char *old = NULL;
  g_autofree char *new_uuid = g_uuid_string_random ();

  g_assert_nonnull (uuid);
  old = g_strndup (uuid, strlen ("\"uuid\" : \"") + 36);
  {
    g_autofree char *replacement = g_strdup_printf ("\"uuid\" : \"%s", new_uuid);

    return replace_once (text, old, replacement);
  }
}

static void
test_record_hostile (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *good = client_document_text (fixture);
  g_autofree char *fresh = as_new_client (good);
  g_autoptr(GString) deep = g_string_new ("{\"format\":\"palpate-record\",\"x\":");
  g_autoptr(GString) huge = NULL;

  /* Truncated: the parser's place. */
  assert_refused (fixture, fresh, strlen (fresh) / 2, "line");
  assert_refused (fixture, "", 0, NULL);
  assert_refused (fixture, "\xff\xfe{}", 4, "UTF-8");

  /* Wrong types, each named by its path. */
  {
    g_autofree char *text = replace_once (fresh, "\"pain_before\" : ",
                                          "\"pain_before\" : \"7\", \"x\" : ");
    assert_refused (fixture, text, strlen (text), "$.clients[0].visits[0].pain_before");
  }
  {
    g_autofree char *text = replace_once (fresh, "\"name\" : \"", "\"name\" : 12, \"y\" : \"");
    g_assert_nonnull (text);
    assert_refused (fixture, text, strlen (text), "$.");
  }
  {
    g_autofree char *text = replace_once (fresh, "\"clients\" : [", "\"clients\" : [ 5, ");
    assert_refused (fixture, text, strlen (text), "$.clients[0]");
  }
  {
    g_autofree char *text = replace_once (fresh, "\"version\" : 1", "\"version\" : 99");
    assert_refused (fixture, text, strlen (text), "newer Palpate");
  }
  {
    g_autofree char *text = replace_once (fresh, "\"intensity\" : ",
                                          "\"intensity\" : 11, \"z\" : ");
    assert_refused (fixture, text, strlen (text), ".findings[0].intensity");
  }
  {
    g_autofree char *text = replace_once (fresh, "\"region_id\" : \"",
                                          "\"region_id\" : \"no-such-");
    assert_refused (fixture, text, strlen (text), "region_id");
  }

  /* A health history answer outside its list, or a condition not on it, located. */
  {
    g_autofree char *text = replace_once (fresh, "\"pregnancy\" : \"",
                                          "\"pregnancy\" : \"perhaps-");
    assert_refused (fixture, text, strlen (text), "$.clients[0].health_histories[0].pregnancy");
  }
  {
    g_autofree char *text = replace_once (fresh, "\"high-blood-pressure\"", "\"gout\"");
    assert_refused (fixture, text, strlen (text), "$.clients[0].health_histories[0]");
  }

  /* A huge string: the core rule's limit, located. */
  huge = g_string_new ("\"subjective\" : \"");
  for (int i = 0; i < 600000; i++)
    g_string_append_c (huge, 'a');
  g_string_append (huge, "\", \"w\" : ");
  {
    g_autofree char *text = replace_once (fresh, "\"subjective\" : ", huge->str);
    assert_refused (fixture, text, strlen (text), "$.clients[0].visits[0]");
  }

  /* Deep nesting, refused before the parser recurses. */
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  assert_refused (fixture, deep->str, deep->len, "nested");

  /* Duplicate ids. */
  {
    JsonNode *root;
    g_autoptr(JsonNode) owned = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autofree char *text = NULL;
    JsonArray *visits;

    root = owned = palpate_record_parse (fresh, strlen (fresh), &error);
    g_assert_no_error (error);
    visits = json_object_get_array_member (
      json_array_get_object_element (json_object_get_array_member (json_node_get_object (root),
                                                                   "clients"), 0), "visits");
    json_object_set_int_member (json_array_get_object_element (visits, 1), "id",
                                json_object_get_int_member (json_array_get_object_element (visits,
                                                                                           0),
                                                            "id"));
    json_generator_set_root (generator, root);
    text = json_generator_to_data (generator, NULL);
    assert_refused (fixture, text, strlen (text), "$.clients[0].visits[1]");
  }

  /* A signed visit changed after export: its seal no longer matches. */
  {
    const char *signed_visit = strstr (fresh, "\"status\" : \"signed\"");
    g_autofree char *head = NULL;
    g_autofree char *text = NULL;
    const char *subjective;
    gsize offset;

    g_assert_nonnull (signed_visit);
    /* The Subjective note before that status belongs to the same visit. */
    head = g_strndup (fresh, signed_visit - fresh);
    subjective = g_strrstr (head, "\"subjective\" : \"");
    g_assert_nonnull (subjective);
    offset = (subjective - head) + strlen ("\"subjective\" : \"");
    text = g_strdup_printf ("%.*sThe client said nothing of the sort. %s", (int) offset, fresh,
                            fresh + offset);
    assert_refused (fixture, text, strlen (text), "seal");
  }

  /* The record itself, untouched, is imported: the refusals were the file's faults. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) root = palpate_record_parse (fresh, strlen (fresh), &error);
    PalpateImportSummary summary;

    g_assert_true (palpate_record_import (fixture->store, root, region_check, NULL, &summary,
                                          &error));
    g_assert_no_error (error);
    g_assert_cmpuint (summary.n_clients_added, ==, 1);
    /* Same name and date of birth as the client it was copied from: said. */
    g_assert_cmpuint (summary.duplicates->len, ==, 1);
    palpate_import_summary_clear (&summary);
  }
}

/* A visit here that is signed, and a file with other content at the same time: refused. */
static void
test_record_never_overwrites_signed (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autofree char *good = client_document_text (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = palpate_record_parse (good, strlen (good), &error);
  JsonArray *visits;
  JsonObject *visit = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  visits = json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (json_node_get_object (root),
                                                                 "clients"), 0), "visits");
  for (guint i = 0; i < json_array_get_length (visits) && visit == NULL; i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (visits, i),
                                                  "status"), "signed") == 0)
      visit = json_array_get_object_element (visits, i);
  g_assert_nonnull (visit);

  /* Changed and sealed anew, as another program might: the clinic still keeps its own. */
  json_object_set_string_member (visit, "plan", "Something else entirely.");
  {
    g_autofree char *seal = palpate_record_compute_seal (visit);

    json_object_set_string_member (visit, "seal", seal);
  }
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  assert_refused (fixture, text, strlen (text), "never overwritten");
}

void
test_record_add_hostile_tests (void)
{
  g_test_add ("/Palpate/Record/hostile-files", Fixture, NULL, fixture_set_up,
              test_record_hostile, fixture_tear_down);
  g_test_add ("/Palpate/Record/never-overwrites-signed", Fixture, NULL, fixture_set_up,
              test_record_never_overwrites_signed, fixture_tear_down);
}
