/* palpate-record-pdf.c — a client's whole record on paper
 *
 * What a client receives when they ask for their record: first the progress report (the
 * report layer draws it), then the record itself from the exchange-format document: the
 * client's details and health history, and every visit with its SOAP note, the body chart of
 * its findings, the techniques, the ratings and questionnaires, the consent, the signature and
 * the amendments beside it. Long notes flow line by line onto the next page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-exchange"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "palpate-atlas.h"
#include "palpate-chart.h"
#include "palpate-date.h"
#include "palpate-health-history.h"
#include "palpate-outcome.h"
#include "palpate-record-pdf.h"
#include "palpate-vocabulary.h"

#define MARGIN 48.0
#define FOOTER 28.0
#define BODY_SIZE 9.5

typedef struct
{
  cairo_t    *cr;
  double      width;
  double      height;
  double      y;
  int         page;        /* of the record's own pages */
  int         first_page;  /* the record's first page in the whole PDF */
  int         n_pages;     /* all pages, known after the measuring pass */
  gboolean    drawing;
  const char *client_name;
} Flow;

static char *
format_time (const char *iso,
             gboolean    with_time)
{
  g_autoptr(GDateTime) time = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = time ? g_date_time_to_local (time) : NULL;

  if (local == NULL)
    return g_strdup ("—");
  return with_time ? palpate_format_day_time (local) : palpate_format_day (local);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static gint64
int_member (JsonObject *object,
            const char *name,
            gint64      unset)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : unset;
}

static PangoLayout *
make_layout (Flow       *flow,
             const char *markup,
             double      size)
{
  PangoLayout *layout = pango_cairo_create_layout (flow->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((flow->width - 2 * MARGIN) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static void
draw_footer (Flow *flow)
{
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  if (!flow->drawing)
    return;

  /* Translators: the foot of each page, "Layla Haddad · Client record · page 5 of 9" */
  text = g_strdup_printf (_("%s · Client record · page %d of %d"), flow->client_name,
                          flow->first_page + flow->page + 1, flow->n_pages);
  markup = g_markup_escape_text (text, -1);
  layout = make_layout (flow, markup, 7.5);
  cairo_set_source_rgb (flow->cr, 0.4, 0.4, 0.4);
  cairo_move_to (flow->cr, MARGIN, flow->height - MARGIN + 10);
  pango_cairo_show_layout (flow->cr, layout);
}

static void
new_page (Flow *flow)
{
  draw_footer (flow);
  if (flow->drawing)
    cairo_show_page (flow->cr);
  flow->page++;
  flow->y = MARGIN;
}

static double
bottom (Flow *flow)
{
  return flow->height - MARGIN - FOOTER;
}

static void
need (Flow   *flow,
      double  height)
{
  if (flow->y + height > bottom (flow) && flow->y > MARGIN)
    new_page (flow);
}

/* Text that may run over several pages: placed line by line. */
static void
text (Flow       *flow,
      const char *markup,
      double      size,
      double      grey)
{
  g_autoptr(PangoLayout) layout = make_layout (flow, markup, size);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      int baseline = pango_layout_iter_get_baseline (iter);
      double top, line_height;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_height = (double) logical.height / PANGO_SCALE;
      top = (double) logical.y / PANGO_SCALE;
      if (flow->y + line_height > bottom (flow))
        new_page (flow);

      if (flow->drawing)
        {
          cairo_set_source_rgb (flow->cr, grey, grey, grey);
          cairo_move_to (flow->cr, MARGIN + (double) logical.x / PANGO_SCALE,
                         flow->y + (double) baseline / PANGO_SCALE - top);
          pango_cairo_show_layout_line (flow->cr, pango_layout_iter_get_line_readonly (iter));
        }
      flow->y += line_height;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  flow->y += 3;
}

static void
heading (Flow       *flow,
         const char *title,
         double      size,
         double      following)
{
  g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", title);

  need (flow, 24 + following);
  flow->y += 8;
  text (flow, markup, size, 0.1);
}

/* "Label: value", the value escaped; nothing when there is no value. */
static void
field (Flow       *flow,
       const char *label,
       const char *value)
{
  g_autofree char *markup = NULL;

  if (value == NULL || *value == '\0')
    return;
  markup = g_markup_printf_escaped ("<b>%s</b>  %s", label, value);
  text (flow, markup, BODY_SIZE, 0.15);
}

static char *
vocabulary_list (JsonArray                    *ids,
                 const PalpateVocabularyEntry *entries,
                 guint                         n_entries)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    {
      const char *id = json_array_get_string_element (ids, i);
      const char *name = entries ? palpate_vocabulary_get_name (entries, n_entries, id) : NULL;

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, name ? name : id);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
draw_client (Flow       *flow,
             JsonObject *client)
{
  const PalpateVocabularyEntry *entries;
  JsonArray *activities = json_object_get_array_member (client, "psfs_activities");
  JsonArray *zones = json_object_get_array_member (client, "zones");
  g_autofree char *created = format_time (string_member (client, "created_at"), FALSE);
  g_autofree char *conditions = NULL;
  g_autofree char *general = NULL;
  g_autofree char *practitioners = NULL;
  guint n;

  heading (flow, _("Client Record"), 16, 80);
  field (flow, _("Client"), string_member (client, "name"));
  field (flow, _("Date of birth"), string_member (client, "birth_date"));
  field (flow, _("Phone"), string_member (client, "phone"));
  field (flow, _("Email"), string_member (client, "email"));
  field (flow, _("Record identifier"), string_member (client, "uuid"));
  field (flow, _("Client since"), created);

  heading (flow, _("Health History"), 11.5, 40);
  entries = palpate_conditions_get (&n);
  conditions = vocabulary_list (json_object_get_array_member (client, "conditions"), entries, n);
  entries = palpate_general_contraindications_get (&n);
  general = vocabulary_list (json_object_get_array_member (client, "contraindications"),
                             entries, n);
  practitioners = vocabulary_list (json_object_get_array_member (client, "practitioners"),
                                   NULL, 0);
  field (flow, _("Conditions"), *conditions ? conditions : _("none recorded"));
  field (flow, _("Contraindications"), *general ? general : _("none recorded"));
  field (flow, _("Also seen by"), practitioners);
  field (flow, _("Goals"), string_member (client, "goals"));

  for (guint i = 0; activities != NULL && i < json_array_get_length (activities); i++)
    {
      g_autofree char *label = g_strdup_printf (_("Activity %u"), i + 1);

      field (flow, label, string_member (json_array_get_object_element (activities, i), "name"));
    }

  for (guint i = 0; zones != NULL && i < json_array_get_length (zones); i++)
    {
      JsonObject *zone = json_array_get_object_element (zones, i);
      g_autofree char *value = g_strdup_printf ("%s%s%s",
                                                palpate_region_name_for_id (string_member (zone, "region_id")),
                                                string_member (zone, "note") ? " — " : "",
                                                string_member (zone, "note") ?: "");

      field (flow, _("No-touch zone"), value);
    }
}

/* Every version of the health history, oldest first: a version is never changed, so each one
 * is part of the record as it was given. */
static void
draw_health_histories (Flow       *flow,
                       JsonObject *client)
{
  JsonArray *versions = json_object_get_array_member (client, "health_histories");
  const PalpateVocabularyEntry *entries;
  guint n;

  entries = palpate_medical_conditions_get (&n);
  for (guint i = 0; versions != NULL && i < json_array_get_length (versions); i++)
    {
      JsonObject *version = json_array_get_object_element (versions, i);
      g_autofree char *recorded = format_time (string_member (version, "recorded_at"), FALSE);
      const char *accepted_at = string_member (version, "accepted_at");
      g_autofree char *accepted = format_time (accepted_at, FALSE);
      g_autofree char *title = g_strdup_printf (_("Health history of %s"), recorded);
      g_autofree char *conditions = vocabulary_list (json_object_get_array_member (version,
                                                                                   "conditions"),
                                                     entries, n);
      g_autoptr(GString) by = g_string_new (string_member (version, "recorded_by"));
      const char *pregnancy = string_member (version, "pregnancy");

      if (json_object_get_boolean_member_with_default (version, "reported_by_client", FALSE))
        /* Translators: appended to who recorded a health history */
        g_string_append (by, _(", filled in by the client"));
      if (accepted_at != NULL)
        /* Translators: appended, "; accepted on 3 Dec 2026 by Maria Rossi" */
        g_string_append_printf (by, _("; accepted on %s by %s"), accepted,
                                string_member (version, "accepted_by") ?: "—");

      heading (flow, title, 10.5, 30);
      field (flow, _("Recorded by"), by->str);
      field (flow, _("Medical conditions"), *conditions ? conditions : _("none ticked"));
      for (guint f = 0; f < PALPATE_HISTORY_N_FIELDS; f++)
        field (flow, palpate_history_field_get_title (f),
               string_member (version, palpate_history_field_get_key (f)));
      if (g_strcmp0 (pregnancy, "yes") == 0)
        field (flow, _("Pregnant"), _("yes"));
      else if (g_strcmp0 (pregnancy, "no") == 0)
        field (flow, _("Pregnant"), _("no"));
    }
}

static GListStore *
findings_of (JsonObject *visit)
{
  GListStore *store = g_list_store_new (PALPATE_TYPE_FINDING);
  JsonArray *findings = json_object_get_array_member (visit, "findings");

  for (guint i = 0; findings != NULL && i < json_array_get_length (findings); i++)
    {
      JsonObject *object = json_array_get_object_element (findings, i);
      JsonArray *coordinates = json_object_get_array_member (object, "points");
      g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (PalpatePoint));
      g_autoptr(PalpateFinding) finding = NULL;
      PalpateFindingKind kind;
      PalpateView view;

      if (!palpate_finding_kind_from_string (string_member (object, "kind"), &kind) ||
          !palpate_view_from_string (string_member (object, "view"), &view))
        continue;
      for (guint p = 0; p + 1 < json_array_get_length (coordinates); p += 2)
        {
          PalpatePoint point = { json_array_get_double_element (coordinates, p),
                                 json_array_get_double_element (coordinates, p + 1) };

          g_array_append_val (points, point);
        }
      finding = palpate_finding_new (kind, view, (PalpatePoint *) points->data, points->len);
      palpate_finding_set_intensity (finding, (int) int_member (object, "intensity", 0));
      palpate_finding_set_region_id (finding, string_member (object, "region_id"));
      g_list_store_append (store, finding);
    }

  return store;
}

static void
draw_chart (Flow       *flow,
            JsonObject *visit)
{
  g_autoptr(GListStore) findings = findings_of (visit);
  double width = flow->width - 2 * MARGIN;
  double chart_width = width * 0.62;
  double chart_height = chart_width * 0.78;
  PalpateChartOptions options;

  if (g_list_model_get_n_items (G_LIST_MODEL (findings)) == 0)
    return;

  need (flow, chart_height + 8);
  if (flow->drawing)
    {
      palpate_chart_options_init (&options);
      options.views[0] = PALPATE_VIEW_ANTERIOR;
      options.views[1] = PALPATE_VIEW_POSTERIOR;
      options.n_views = 2;
      options.show_legend = FALSE;
      options.findings = G_LIST_MODEL (findings);
      cairo_save (flow->cr);
      cairo_translate (flow->cr, MARGIN, flow->y);
      cairo_set_source_rgb (flow->cr, 0.8, 0.8, 0.8);
      cairo_set_line_width (flow->cr, 0.5);
      cairo_rectangle (flow->cr, 0, 0, chart_width, chart_height);
      cairo_stroke (flow->cr);
      palpate_chart_render (flow->cr, palpate_atlas_get_default (), &options, chart_width,
                            chart_height);
      cairo_restore (flow->cr);
    }
  flow->y += chart_height + 6;
}

static void
draw_visit (Flow       *flow,
            JsonObject *visit)
{
  JsonArray *findings = json_object_get_array_member (visit, "findings");
  JsonArray *applied = json_object_get_array_member (visit, "applied_techniques");
  JsonArray *ratings = json_object_get_array_member (visit, "psfs_ratings");
  JsonArray *outcomes = json_object_get_array_member (visit, "outcome_measures");
  JsonArray *amendments = json_object_get_array_member (visit, "amendments");
  g_autofree char *when = format_time (string_member (visit, "started_at"), TRUE);
  g_autofree char *title = NULL;
  g_autofree char *pain = NULL;
  gint64 before = int_member (visit, "pain_before", -1);
  gint64 after = int_member (visit, "pain_after", -1);
  gboolean is_signed = g_strcmp0 (string_member (visit, "status"), "signed") == 0;

  /* Translators: a visit's heading in the client's record: "3 Mar 2026, 14:30 · 60 min" */
  title = g_strdup_printf (_("%s · %d min"), when,
                           (int) int_member (visit, "duration_minutes", 0));
  heading (flow, title, 12, 90);

  field (flow, _("Therapist"), string_member (visit, "therapist"));
  if (before >= 0 || after >= 0)
    {
      g_autofree char *b = before >= 0 ? g_strdup_printf ("%d", (int) before) : g_strdup ("—");
      g_autofree char *a = after >= 0 ? g_strdup_printf ("%d", (int) after) : g_strdup ("—");

      /* Translators: pain before and after a visit, on the 0–10 scale */
      pain = g_strdup_printf (_("%s → %s of 10"), b, a);
      field (flow, _("Pain before → after"), pain);
    }
  if (json_object_get_boolean_member_with_default (visit, "consent_sensitive", FALSE))
    field (flow, _("Consent"), _("The client consented to treatment of sensitive areas."));
  if (json_object_get_boolean_member_with_default (visit, "reported_by_client", FALSE))
    field (flow, _("Source"), _("Reported by the client"));

  field (flow, _("Subjective"), string_member (visit, "subjective"));
  field (flow, _("Objective"), string_member (visit, "objective"));
  field (flow, _("Assessment"), string_member (visit, "assessment"));
  field (flow, _("Plan"), string_member (visit, "plan"));
  field (flow, _("Home care"), string_member (visit, "home_care"));

  draw_chart (flow, visit);
  for (guint i = 0; findings != NULL && i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      PalpateFindingKind kind;
      g_autofree char *value = NULL;

      if (!palpate_finding_kind_from_string (string_member (finding, "kind"), &kind))
        continue;
      /* Translators: a finding in the record: "Trigger point (active), Right upper trapezius,
       * intensity 6 of 10 — note" */
      value = g_strdup_printf (_("%s, %s, intensity %d of 10%s%s"),
                               palpate_finding_kind_get_name (kind),
                               palpate_region_name_for_id (string_member (finding, "region_id")),
                               (int) int_member (finding, "intensity", 0),
                               string_member (finding, "note") ? " — " : "",
                               string_member (finding, "note") ?: "");
      field (flow, _("Finding"), value);
    }

  for (guint i = 0; applied != NULL && i < json_array_get_length (applied); i++)
    {
      JsonObject *technique = json_array_get_object_element (applied, i);
      g_autofree char *value = NULL;

      /* Translators: "Deep tissue, Left gluteus medius, 10 min, firm pressure" */
      value = g_strdup_printf (_("%s, %s, %d min, %s pressure%s%s"),
                               string_member (technique, "technique"),
                               palpate_region_name_for_id (string_member (technique, "region_id")),
                               (int) int_member (technique, "minutes", 0),
                               string_member (technique, "pressure"),
                               string_member (technique, "note") ? " — " : "",
                               string_member (technique, "note") ?: "");
      field (flow, _("Technique"), value);
    }

  for (guint i = 0; ratings != NULL && i < json_array_get_length (ratings); i++)
    {
      JsonObject *rating = json_array_get_object_element (ratings, i);
      g_autofree char *value = g_strdup_printf (_("%s: %d of 10"),
                                                string_member (rating, "activity"),
                                                (int) int_member (rating, "rating", 0));

      field (flow, _("Activity rating"), value);
    }

  for (guint i = 0; outcomes != NULL && i < json_array_get_length (outcomes); i++)
    {
      JsonObject *outcome = json_array_get_object_element (outcomes, i);
      JsonArray *answers = json_object_get_array_member (outcome, "answers");
      gboolean ndi = g_strcmp0 (string_member (outcome, "instrument"), "ndi") == 0;
      int sum = 0, answered = 0;
      g_autofree char *value = NULL;

      for (guint q = 0; q < json_array_get_length (answers); q++)
        if (!json_array_get_null_element (answers, q))
          {
            sum += (int) json_array_get_int_element (answers, q);
            answered++;
          }
      if (answered == 0)
        continue;
      /* NDI: the sum of 0–50; ODI: sum ÷ (5 × answered) × 100 % (Fairbank 2000). */
      value = ndi ? g_strdup_printf (_("%d of 50 (%d of 10 questions answered)"), sum, answered)
                  : g_strdup_printf (_("%.0f %% (%d of 10 sections answered)"),
                                     100.0 * sum / (5.0 * answered), answered);
      field (flow, ndi ? _("Neck Disability Index") : _("Oswestry Disability Index"), value);
    }

  if (is_signed)
    {
      g_autofree char *signed_at = format_time (string_member (visit, "signed_at"), TRUE);
      g_autofree char *value = g_strdup_printf (_("%s, %s"), string_member (visit, "signed_by"),
                                                signed_at);

      field (flow, _("Signed"), value);
    }
  else
    field (flow, _("Status"), _("Draft — not signed"));

  for (guint i = 0; amendments != NULL && i < json_array_get_length (amendments); i++)
    {
      JsonObject *amendment = json_array_get_object_element (amendments, i);
      g_autofree char *at = format_time (string_member (amendment, "created_at"), TRUE);
      g_autofree char *label = g_strdup_printf (_("Amendment, %s, %s"), at,
                                                string_member (amendment, "author"));

      field (flow, label, string_member (amendment, "text"));
    }

  flow->y += 6;
}

static void
run_flow (Flow       *flow,
          JsonObject *client)
{
  JsonArray *visits = json_object_get_array_member (client, "visits");

  flow->page = 0;
  flow->y = MARGIN;
  draw_client (flow, client);
  draw_health_histories (flow, client);
  for (guint i = 0; visits != NULL && i < json_array_get_length (visits); i++)
    draw_visit (flow, json_array_get_object_element (visits, i));
  draw_footer (flow);
  if (flow->drawing)
    cairo_show_page (flow->cr);
}

/**
 * palpate_record_write_pdf:
 * @record: a client document of the exchange format
 *
 * Writes the progress report followed by the whole record to a PDF at @path (mode 0600),
 * under a temporary name first.
 */
gboolean
palpate_record_write_pdf (PalpateStore  *store,
                          JsonNode      *record,
                          PalpatePaper   paper,
                          const char    *path,
                          GError       **error)
{
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr(PalpateReport) report = NULL;
  JsonObject *client;
  cairo_surface_t *surface;
  cairo_status_t status;
  Flow flow = { 0 };
  int n_report_pages;
  int fd;

  client = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (record), "clients"), 0);
  report = palpate_report_new (store, json_object_get_int_member (client, "id"), NULL, NULL,
                               error);
  if (report == NULL)
    return FALSE;

  palpate_paper_get_size (paper, &flow.width, &flow.height);
  flow.client_name = string_member (client, "name");
  n_report_pages = palpate_report_count_pages (report, flow.width, flow.height);

  /* The file is created 0600 before cairo writes into it: it holds a health record. */
  fd = g_open (partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd >= 0)
    close (fd);

  surface = cairo_pdf_surface_create (partial, flow.width, flow.height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Client Record"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Palpate");
  flow.cr = cairo_create (surface);

  /* One pass to count the pages, one to draw them. */
  flow.drawing = FALSE;
  run_flow (&flow, client);
  flow.first_page = n_report_pages;
  flow.n_pages = n_report_pages + flow.page + 1;

  for (int page = 0; page < n_report_pages; page++)
    {
      palpate_report_draw_page (report, flow.cr, flow.width, flow.height, page, flow.n_pages);
      cairo_show_page (flow.cr);
    }
  flow.drawing = TRUE;
  run_flow (&flow, client);

  cairo_destroy (flow.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS || g_rename (partial, path) != 0)
    {
      g_unlink (partial);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The record could not be written to “%s”: %s."), path,
                   status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status)
                                                  : g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}
