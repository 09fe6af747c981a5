/* palpate-demo-clinic.c — writes a realistic demo clinic, for trying Palpate and for benchmarks
 *
 * Clients come with back, neck or shoulder complaints. Each has a course of care: weekly at
 * first, then spacing out; pain that mostly improves (some plateau, a few get worse); findings
 * in the regions of the complaint that persist, improve and resolve; techniques applied to those
 * regions; SOAP notes in plain clinical English; activities rated on the PSFS and, for neck and
 * back clients, the NDI or Oswestry questionnaire. The same seed gives the same clinic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-demo-clinic"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "palpate-demo-clinic.h"
#include "palpate-store-files.h"
#include "palpate-store-private.h"

typedef enum
{
  COMPLAINT_LOW_BACK,
  COMPLAINT_NECK,
  COMPLAINT_SHOULDER,
  N_COMPLAINTS
} Complaint;

typedef struct
{
  const char *regions[10];
  const char *conditions[4];
  const char *activities[4];
  const char *subjective[4];
  const char *objective[3];
  const char *plan[3];
  const char *home_care[3];
  const char *instrument;   /* "ndi", "odi" or NULL */
} ComplaintProfile;

static const ComplaintProfile profiles[N_COMPLAINTS] = {
  [COMPLAINT_LOW_BACK] = {
    .regions = { "erector-spinae-lumbar-left", "erector-spinae-lumbar-right",
                 "quadratus-lumborum-left", "quadratus-lumborum-right", "gluteus-medius-left",
                 "gluteus-medius-right", "piriformis-right", "hamstrings-left",
                 "hamstrings-right", "gluteus-maximus-left" },
    .conditions = { "muscle-strain", "disc", "postural-strain", "acute-spasm" },
    .activities = { "Sit at my desk for an hour", "Sleep through the night",
                    "Lift my grandson", "Garden for half an hour" },
    .subjective = {
      "Low back ache, worse after sitting at work; eases with walking.",
      "Stiff in the mornings, about 20 minutes to loosen up. Bending to put on socks hurts.",
      "Twinge on the right side when lifting the laundry basket on Sunday. Sleeping better.",
      "Aching across the belt line after a long drive; no pain down the legs.",
    },
    .objective = {
      "Hypertonic lumbar erectors, R > L. Active TrP in R QL refers to the iliac crest. "
      "Flexion limited at mid-shin.",
      "Guarding of the lumbar paraspinals on palpation. Tender gluteus medius bilaterally; "
      "hamstrings tight (SLR 60° R, 70° L).",
      "Tone reduced compared with last visit. Latent TrP in L gluteus medius. Flexion to the "
      "ankles without pain.",
    },
    .plan = {
      "Weekly for three weeks, then every two weeks. Reassess SLR and flexion next visit.",
      "Continue every two weeks; add hip flexor release next visit.",
      "Monthly maintenance; review home care at next visit.",
    },
    .home_care = {
      "Heat 15 minutes in the evening. Knee-to-chest and piriformis stretch, 3 × 30 s daily.",
      "Walk 20 minutes daily. Get up from the desk every 45 minutes.",
      "Glute bridges 2 × 10 daily; hamstring stretch 3 × 30 s after walks.",
    },
    .instrument = "odi",
  },
  [COMPLAINT_NECK] = {
    .regions = { "trapezius-upper-left", "trapezius-upper-right", "levator-scapulae-left",
                 "levator-scapulae-right", "suboccipitals-left", "suboccipitals-right",
                 "scalenes-right", "scm-left", "rhomboids-right", "trapezius-middle-left" },
    .conditions = { "postural-strain", "stress", "muscle-strain", "chronic-pain" },
    .activities = { "Work at the computer for two hours", "Turn my head to reverse the car",
                    "Read in bed", "Sleep without waking from neck pain" },
    .subjective = {
      "Neck and shoulders tight by the end of the work day; headaches at the temples twice a "
      "week.",
      "Hard to shoulder-check when driving, left more than right. Jaw clenching when stressed.",
      "Fewer headaches this week (one). Neck feels looser in the mornings.",
      "Woke with a stiff neck on Tuesday after sleeping on the couch.",
    },
    .objective = {
      "Forward head posture. Active TrP in R upper trapezius refers to the temple. L rotation "
      "60°, R 70°.",
      "Hypertonic levator scapulae bilaterally; suboccipitals tender. Scalenes tight on the R.",
      "Less guarding in the upper trapezius. Rotation 75° both sides, pain-free.",
    },
    .plan = {
      "Weekly for four weeks, focus on upper trapezius and suboccipitals.",
      "Every two weeks; include pectoralis minor next visit.",
      "Monthly maintenance; recheck rotation.",
    },
    .home_care = {
      "Chin tucks 3 × 10 daily; doorway pectoral stretch 3 × 30 s.",
      "Heat to the neck 15 minutes after work. Screen at eye level.",
      "Upper trapezius stretch 3 × 30 s each side, twice daily.",
    },
    .instrument = "ndi",
  },
  [COMPLAINT_SHOULDER] = {
    .regions = { "infraspinatus-left", "infraspinatus-right", "deltoid-left", "deltoid-right",
                 "rhomboids-left", "rhomboids-right", "trapezius-middle-right",
                 "latissimus-dorsi-right", "pectoralis-right", "pectoralis-left" },
    .conditions = { "sports-injury", "muscle-strain", "arthritis", "postural-strain" },
    .activities = { "Reach the top shelf", "Swim 20 lengths", "Put on a jacket",
                    "Carry the groceries" },
    .subjective = {
      "Right shoulder aches when reaching overhead; hurts to sleep on that side.",
      "Pain at the back of the shoulder after tennis on the weekend.",
      "Can reach the top shelf now with only a little discomfort.",
      "Shoulder blade ache after a week of painting the house.",
    },
    .objective = {
      "Active TrP in R infraspinatus refers to the front of the shoulder. Abduction painful arc "
      "80–110°.",
      "Rhomboids and middle trapezius hypertonic; pectoralis tight, shoulder protracted.",
      "Full abduction, mild discomfort at end range. Infraspinatus TrP now latent.",
    },
    .plan = {
      "Weekly for three weeks; reassess abduction.",
      "Every two weeks; add PNF stretching for the pectorals.",
      "Monthly maintenance before the swimming season.",
    },
    .home_care = {
      "Pendulum swings and wall slides, 2 × 10 daily. Ice after sport.",
      "Band external rotations 3 × 12, every other day.",
      "Doorway stretch and sleeper stretch, 3 × 30 s daily.",
    },
    .instrument = NULL,
  },
};

static const char *first_names[] = {
  "Olivia", "Liam", "Amara", "Noah", "Sofia", "Mateo", "Priya", "Ethan", "Chloé", "Kwame",
  "Hannah", "Yusuf", "Mei", "Lucas", "Fatima", "Oliver", "Ingrid", "Diego", "Aiko", "Samuel",
  "Leila", "Jack", "Zoë", "Ravi", "Emma", "Tomás", "Nadia", "Owen", "Grace", "Hiroshi",
};

static const char *last_names[] = {
  "Martin", "Nguyen", "Okafor", "Schmidt", "García", "Patel", "Tremblay", "Kowalski", "Chen",
  "Haddad", "O'Brien", "Rossi", "Andersson", "Mensah", "Dubois", "Silva", "Kim", "Novak",
  "Fraser", "Ibrahim", "Müller", "Larsen", "Singh", "Moreau", "Wilson",
};

static const char *therapist_names[] = { "Maria Rossi", "David Okafor", "Hannah Lee" };

static const char *techniques_by_complaint[N_COMPLAINTS][4] = {
  [COMPLAINT_LOW_BACK] = { "myofascial-release", "deep-tissue", "trigger-point-therapy",
                           "stretching" },
  [COMPLAINT_NECK] = { "trigger-point-therapy", "myofascial-release", "swedish", "stretching" },
  [COMPLAINT_SHOULDER] = { "trigger-point-therapy", "deep-tissue", "stretching",
                           "myofascial-release" },
};

typedef struct
{
  PalpateStore         *store;
  GRand                *rand;
  PalpateDemoPlaceFunc  place;
  gpointer              place_data;
  gint64                therapist_ids[G_N_ELEMENTS (therapist_names)];
  GHashTable           *technique_ids;   /* key → id */
} Demo;

/* A finding carried from visit to visit: it persists, improves, then resolves. */
typedef struct
{
  const char         *region_id;
  PalpateFindingKind  kind;
  PalpateView         view;
  PalpatePoint        points[8];
  guint               n_points;
  int                 intensity;
  gboolean            resolved;
} OngoingFinding;

static gboolean
insert_therapists (Demo    *demo,
                   GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (therapist_names); i++)
    {
      g_autoptr(PalpateTherapist) therapist = palpate_therapist_new ();

      palpate_therapist_set_name (therapist, therapist_names[i]);
      palpate_therapist_set_credentials (therapist, "RMT");
      /* The first therapist owns the demo clinic. */
      palpate_therapist_set_owner (therapist, i == 0);
      if (!palpate_store_save_therapist (demo->store, therapist, error))
        return FALSE;
      demo->therapist_ids[i] = palpate_therapist_get_id (therapist);
    }

  return TRUE;
}

static gboolean
load_techniques (Demo    *demo,
                 GError **error)
{
  PalpateDbStatement *stmt = palpate_store_db_prepare (demo->store,
                                                       "SELECT key, id FROM techniques "
                                                       "WHERE builtin = 1",
                                                       error);
  PalpateDbStep step;

  if (stmt == NULL)
    return FALSE;

  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    g_hash_table_insert (demo->technique_ids,
                         g_strdup (palpate_store_db_column_text (stmt, 0)),
                         GSIZE_TO_POINTER ((gsize) palpate_db_column_int64 (stmt, 1)));
  palpate_db_reset (stmt);

  return step == PALPATE_DB_DONE;
}

static void
make_finding (Demo           *demo,
              const char     *region_id,
              OngoingFinding *finding)
{
  static const PalpateFindingKind kinds[] = {
    PALPATE_FINDING_TRIGGER_POINT_ACTIVE, PALPATE_FINDING_TRIGGER_POINT_ACTIVE,
    PALPATE_FINDING_TRIGGER_POINT_LATENT, PALPATE_FINDING_TENDER_POINT,
    PALPATE_FINDING_SPASM_ZONE, PALPATE_FINDING_SPASM_ZONE, PALPATE_FINDING_ADHESION,
    PALPATE_FINDING_REFERRED_PAIN,
  };
  PalpateGeometry geometry;

  finding->region_id = region_id;
  finding->kind = kinds[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (kinds))];
  geometry = palpate_finding_kind_get_geometry (finding->kind);
  finding->n_points = geometry == PALPATE_GEOMETRY_POINT ? 1 :
                      geometry == PALPATE_GEOMETRY_LINE ? 3 : 7;
  finding->intensity = g_rand_int_range (demo->rand, 5, 10);
  finding->resolved = FALSE;

  if (!demo->place (region_id, demo->rand, &finding->view, finding->points, finding->n_points,
                    demo->place_data))
    {
      /* An atlas without this region: a spot in the middle of the back. */
      finding->view = PALPATE_VIEW_POSTERIOR;
      for (guint i = 0; i < finding->n_points; i++)
        {
          finding->points[i].x = 200 + 10 * cos (i);
          finding->points[i].y = 400 + 10 * sin (i);
        }
    }
}

static gboolean
insert_finding (Demo                  *demo,
                gint64                 visit_id,
                const OngoingFinding  *ongoing,
                PalpateFindingStatus   status,
                GError               **error)
{
  g_autoptr(PalpateFinding) finding = palpate_finding_new (ongoing->kind, ongoing->view,
                                                           ongoing->points, ongoing->n_points);

  palpate_finding_set_visit_id (finding, visit_id);
  palpate_finding_set_region_id (finding, ongoing->region_id);
  palpate_finding_set_intensity (finding, ongoing->intensity);
  palpate_finding_set_status (finding, status);

  /* Inside the demo's transaction, as a visit's start writes the zones it carries: hundreds of
   * thousands of findings without a savepoint each. */
  return palpate_finding_validate (finding, error) &&
         palpate_store_write_finding (demo->store, finding, error);
}

static int
pain_at (double  start,
         double  end,
         double  progress,
         GRand  *rand)
{
  double value = start + (end - start) * sqrt (progress) + g_rand_double_range (rand, -1.0, 1.0);

  return CLAMP ((int) lround (value), 0, 10);
}

static gboolean
insert_client (Demo             *demo,
               guint             index,
               PalpateDemoSize   size,
               GDateTime        *now,
               int               n_visits,
               int               span_days,
               GError          **error)
{
  Complaint complaint = g_rand_int_range (demo->rand, 0, N_COMPLAINTS);
  const ComplaintProfile *profile = &profiles[complaint];
  g_autoptr(PalpateClient) client = palpate_client_new ();
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GArray) activity_ids = NULL;
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *birth = NULL;
  const char *conditions[2] = { NULL, NULL };
  const char *activities[4] = { NULL, NULL, NULL, NULL };
  const char *no_list[] = { NULL };
  const char *anticoagulants[] = { "anticoagulants", NULL };
  const char *chiropractor[] = { "chiropractor=Dr. Sarah Mitchell", NULL };
  const char *physiotherapist[] = { "physiotherapist=Tom Becker", NULL };
  OngoingFinding ongoing[12];
  guint n_ongoing;
  guint n_activities = 2 + g_rand_int_range (demo->rand, 0, 2);
  gint64 client_id;
  gint64 therapist_id = demo->therapist_ids[index % G_N_ELEMENTS (therapist_names)];
  double pain_start = g_rand_int_range (demo->rand, 5, 9);
  double pain_end;
  double outlook = g_rand_double (demo->rand);
  gint64 first_day;

  /* Most clients improve a lot, some a little, a few get worse. */
  if (outlook < 0.7)
    pain_end = g_rand_double_range (demo->rand, 1, 3);
  else if (outlook < 0.9)
    pain_end = pain_start - g_rand_double_range (demo->rand, 0, 1.5);
  else
    pain_end = MIN (10, pain_start + 1.5);

  /* Every pair of names once (30 × 25 = 750 clients); a large clinic adds family names. */
  name = g_strdup_printf ("%s %s%s", first_names[index % G_N_ELEMENTS (first_names)],
                          last_names[(index * 7 + index / G_N_ELEMENTS (first_names)) %
                                     G_N_ELEMENTS (last_names)],
                          (const char *[]) { "", "-Brown", "-Ward" }[(index / 750) % 3]);
  phone = g_strdup_printf ("(416) 555-%04u", 1000 + index);
  birth = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (demo->rand, 1945, 2002),
                           g_rand_int_range (demo->rand, 1, 13),
                           g_rand_int_range (demo->rand, 1, 29));
  conditions[0] = profile->conditions[g_rand_int_range (demo->rand, 0, 4)];
  for (guint a = 0; a < n_activities; a++)
    activities[a] = profile->activities[(index + a) % 4];

  first_day = g_date_time_to_unix (now) - (gint64) span_days * 86400;
  first_day -= first_day % 86400;  /* midnight, so that visits fall in opening hours */
  created_at = g_date_time_new_from_unix_local (first_day);

  palpate_client_set_name (client, name);
  palpate_client_set_birth_date (client, birth);
  palpate_client_set_phone (client, phone);
  palpate_client_set_conditions (client, conditions);
  palpate_client_set_contraindications (client, index % 7 == 3 ? anticoagulants : no_list);
  palpate_client_set_practitioners (client, index % 5 == 1 ? chiropractor
                                            : index % 5 == 2 ? physiotherapist : no_list);
  palpate_client_set_goals (client, (const char *[]) {
                              "Return to pain-free work days.",
                              "Sleep through the night and garden again.",
                              "Get back to running three times a week.",
                            }[index % 3]);
  palpate_client_set_activities (client, activities);
  palpate_client_set_created_at (client, created_at);
  if (!palpate_store_save_client (demo->store, client, error))
    return FALSE;
  client_id = palpate_client_get_id (client);

  activity_ids = palpate_store_list_activity_ids (demo->store, client_id, error);
  if (activity_ids == NULL)
    return FALSE;
  g_assert (activity_ids->len == n_activities);

  /* The findings of the first visit, carried through the course of care. */
  n_ongoing = size == PALPATE_DEMO_LARGE ? 10 : 3 + g_rand_int_range (demo->rand, 0, 4);
  for (guint f = 0; f < n_ongoing; f++)
    make_finding (demo, profile->regions[g_rand_int_range (demo->rand, 0, 10)], &ongoing[f]);

  for (int v = 0; v < n_visits; v++)
    {
      double progress = n_visits > 1 ? (double) v / (n_visits - 1) : 0;
      /* Early visits close together, later ones spaced out. */
      gint64 day = first_day + (gint64) ((span_days - 1) * pow (progress, 1.6)) * 86400;
      gint64 started_at = day + (9 + (v * 7 + index) % 9) * 3600;
      int pain_before = pain_at (pain_start, pain_end, progress, demo->rand);
      int relief = g_rand_int_range (demo->rand, 1, 4);
      int pain_after = MAX (0, pain_before - relief);
      gboolean last = v == n_visits - 1;
      gboolean signed_visit = !(last && index % 4 == 0);
      guint stage = progress < 0.34 ? 0 : progress < 0.67 ? 1 : 2;  /* early, middle, late */
      g_autoptr(PalpateVisit) visit = palpate_visit_new ();
      g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (started_at);
      gint64 visit_id;

      palpate_visit_set_client_id (visit, client_id);
      palpate_visit_set_therapist_id (visit, therapist_id);
      palpate_visit_set_started_at (visit, start);
      palpate_visit_set_duration_minutes (visit, (int[]) { 45, 60, 60, 75, 90 }[(index + v) % 5]);
      palpate_visit_set_pain_before (visit, pain_before);
      palpate_visit_set_pain_after (visit, pain_after);
      palpate_visit_set_subjective (visit, profile->subjective[(v + index) % 4]);
      palpate_visit_set_objective (visit, profile->objective[stage]);
      palpate_visit_set_assessment (visit, pain_after < pain_before - 1
                                           ? "Good response to treatment; tissue softened and "
                                             "range of motion improved within the session."
                                           : "Moderate response; tone reduced a little. Progress "
                                             "slower than expected; review home care.");
      palpate_visit_set_plan (visit, profile->plan[stage]);
      palpate_visit_set_home_care (visit, profile->home_care[(v + index) % 3]);
      palpate_visit_set_consent_sensitive (visit, complaint == COMPLAINT_SHOULDER && v == 0);
      if (!palpate_store_save_visit (demo->store, visit, error))
        return FALSE;
      visit_id = palpate_visit_get_id (visit);

      /* Findings: new at the first visit, then persisting, improving or resolving. */
      for (guint f = 0; f < n_ongoing; f++)
        {
          PalpateFindingStatus status = PALPATE_FINDING_STATUS_NEW;

          if (ongoing[f].resolved)
            continue;

          /* The visit in progress has charted the chronic findings so far; the others wait,
           * as ghosts, to be marked. */
          if (!signed_visit && f >= 2)
            continue;

          if (v > 0)
            {
              double chance_resolve = outlook < 0.7 ? 0.08 + 0.3 * progress : 0.03;

              /* The first two findings are the chronic ones the client keeps coming back for. */
              if (f > 1 && g_rand_double (demo->rand) < chance_resolve)
                {
                  ongoing[f].resolved = TRUE;
                  ongoing[f].intensity = 0;
                  status = PALPATE_FINDING_STATUS_RESOLVED;
                }
              else if (outlook < 0.9 && g_rand_double (demo->rand) < 0.5)
                {
                  ongoing[f].intensity = MAX (1, ongoing[f].intensity - 1);
                  status = PALPATE_FINDING_STATUS_IMPROVED;
                }
              else
                status = PALPATE_FINDING_STATUS_PERSISTING;
            }

          if (!insert_finding (demo, visit_id, &ongoing[f], status, error))
            return FALSE;
        }

      /* Two or three techniques on the complaint's regions. */
      for (int t = 0; t < 2 + (v % 2); t++)
        {
          const char *key = techniques_by_complaint[complaint][(t + v) % 4];
          gint64 technique_id = GPOINTER_TO_SIZE (g_hash_table_lookup (demo->technique_ids, key));
          int minutes = (int[]) { 10, 15, 20, 8, 12 }[(t + v + index) % 5];
          g_autoptr(PalpateAppliedTechnique) applied = palpate_applied_technique_new ();

          palpate_applied_technique_set_visit_id (applied, visit_id);
          palpate_applied_technique_set_technique_id (applied, technique_id);
          palpate_applied_technique_set_region_id (applied, ongoing[t % n_ongoing].region_id);
          palpate_applied_technique_set_minutes (applied, minutes);
          palpate_applied_technique_set_pressure (applied, (PalpatePressure) ((t + v) % 4));
          if (!palpate_store_save_applied_technique (demo->store, applied, error))
            return FALSE;
        }

      /* PSFS each visit in the small clinic; every fourth in the large one. */
      if (size == PALPATE_DEMO_SMALL || v % 4 == 0 || last)
        for (guint a = 0; a < n_activities; a++)
          {
            int noise = g_rand_int_range (demo->rand, -1, 2);
            int rating = CLAMP (10 - pain_before + noise - (int) a, 0, 10);

            if (!palpate_store_set_psfs_rating (demo->store, visit_id,
                                                g_array_index (activity_ids, gint64, a), rating,
                                                error))
              return FALSE;
          }

      /* The questionnaire at the first visit and every sixth. */
      if (profile->instrument != NULL && (v % 6 == 0 || last))
        {
          PalpateOutcomeAnswers answers = {
            .visit_id = visit_id,
            .instrument = g_str_equal (profile->instrument, "ndi") ? PALPATE_INSTRUMENT_NDI
                                                                  : PALPATE_INSTRUMENT_ODI,
          };

          for (int q = 0; q < PALPATE_OUTCOME_N_ITEMS; q++)
            {
              int noise = g_rand_int_range (demo->rand, -1, 2);

              answers.answers[q] = CLAMP (pain_before / 2 + noise, 0, 5);
            }

          if (!palpate_store_save_outcome (demo->store, &answers, error))
            return FALSE;
        }

      /* Signed as the app signs: names copied, sealed, in the audit log. */
      if (signed_visit &&
          !palpate_store_seal_sign (demo->store, visit_id, -1, started_at + 2 * 3600,
                                    therapist_names[index % G_N_ELEMENTS (therapist_names)],
                                    NULL, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * palpate_demo_clinic_write:
 * @store: an empty clinic
 * @seed: the random seed: the same seed writes the same clinic
 * @place: puts findings inside their regions (the body atlas's palpate_atlas_place_in_region())
 *
 * Writes the demo clinic through the store's own writers, as the window would, so that every
 * row passes the same rules and the audit log records each. The small clinic is one
 * transaction; the large one commits every 250 clients, so that its write-ahead log does not
 * grow to the size of the clinic.
 */
gboolean
palpate_demo_clinic_write (PalpateStore          *store,
                           PalpateDemoSize        size,
                           guint32                seed,
                           PalpateDemoPlaceFunc   place,
                           gpointer               place_data,
                           GError               **error)
{
  g_auto(PalpateStoreTransaction) transaction = PALPATE_STORE_TRANSACTION_INIT;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) technique_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                               NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  Demo demo = {
    .store = store,
    .rand = rand,
    .place = place,
    .place_data = place_data,
    .technique_ids = technique_ids,
  };
  guint n_clients = size == PALPATE_DEMO_LARGE ? 2000 : 40;
  int span_days = size == PALPATE_DEMO_LARGE ? 3650 : 730;

  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);
  g_return_val_if_fail (place != NULL, FALSE);

  if (palpate_store_count_clients (store) > 0)
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                   _("The demo clinic is only written into an empty clinic file."));
      return FALSE;
    }

  if (!palpate_store_transaction_begin (&transaction, store, error) ||
      !insert_therapists (&demo, error) ||
      !load_techniques (&demo, error) ||
      !palpate_store_set_setting (store, "clinic-name", "Riverside Massage Therapy", error) ||
      !palpate_store_set_setting (store, "clinic-address",
                                  "125 King Street West, Suite 300, Toronto ON M5H 1J9", error) ||
      !palpate_store_set_setting (store, "clinic-phone", "(416) 555-0100", error))
    return FALSE;

  for (guint i = 0; i < n_clients; i++)
    {
      /* Small: 5 to 25 visits each, about 600 in all, every client still coming, the last
       * visits spread over the past three weeks. Large: 30 visits each over one to two years,
       * 60,000 in all, the courses ending across the ten years, one client in eight seen in
       * the past four weeks. */
      int n_visits = size == PALPATE_DEMO_LARGE ? 30 : 7 + (int) ((i * 5) % 17);
      int span = size == PALPATE_DEMO_LARGE ? 365 + (int) ((i * 37) % 365)
                                            : span_days - (int) ((i * 37) % (span_days / 2));
      int ended_days_ago = size == PALPATE_DEMO_SMALL ? (int) (i % 21)
                         : i % 8 == 0 ? (int) ((i / 8) % 28)
                         : (int) ((i * 53) % (span_days - 730));
      g_autoptr(GDateTime) end = g_date_time_add_days (yesterday, -ended_days_ago);

      if (i == 0 && size == PALPATE_DEMO_SMALL)
        n_visits = 24;

      if (!insert_client (&demo, i, size, end, n_visits, span, error))
        return FALSE;

      /* Commit in batches, so that a large clinic does not build one huge transaction. */
      if (i % 250 == 249 && i + 1 < n_clients &&
          (!palpate_store_transaction_commit (&transaction, error) ||
           !palpate_store_transaction_begin (&transaction, store, error)))
        return FALSE;
    }

  return palpate_store_transaction_finish (&transaction, "create", "demo-clinic", n_clients,
                                           error);
}

/**
 * palpate_demo_clinic_create:
 * @path: the demo clinic to make; it must not exist yet
 * @actor: who the audit log names
 * @n_clients: (out) (optional): how many clients it holds
 *
 * Writes a demo clinic into a temporary file beside @path and renames it only once it is
 * complete, so that a kill or a full disk leaves either no file or a whole demo clinic.
 */
gboolean
palpate_demo_clinic_create (const char            *path,
                            PalpateDemoSize        size,
                            guint32                seed,
                            PalpateDemoPlaceFunc   place,
                            gpointer               place_data,
                            const char            *actor,
                            int                   *n_clients,
                            GError               **error)
{
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  g_autofree char *folder = g_path_get_dirname (canonical);
  g_autofree char *display = palpate_store_files_display (canonical);
  g_autofree char *temporary = palpate_store_files_temporary (canonical, "part");
  g_autofree char *temporary_lock = g_strconcat (temporary, ".lock", NULL);
  g_autoptr(PalpateStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  int count = 0;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *folder_display = palpate_store_files_display (folder);

      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_NO_FILE,
                   _("There is no folder “%s”. Check the name; nothing was written."),
                   folder_display);
      return FALSE;
    }

  if (g_file_test (canonical, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_INVALID,
                   _("“%s” already exists; the demo clinic is written to a new file."), display);
      return FALSE;
    }

  {
    g_autofree char *base = g_path_get_basename (canonical);

    palpate_store_files_remove_stale (folder, base);
  }
  palpate_store_files_remove (temporary);

  store = palpate_store_open_full (temporary, PALPATE_STORE_OPEN_CREATE, &local_error);
  if (store != NULL)
    {
      palpate_store_set_actor (store, actor);
      /* The client's view opens only once a PIN is set: the demo has a known one, so that
       * the view can be tried (and closed) at once. */
      if (palpate_demo_clinic_write (store, size, seed, place, place_data, &local_error) &&
          palpate_store_set_pin (store, PALPATE_DEMO_PIN, &local_error) &&
          palpate_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &local_error))
        count = palpate_store_count_clients (store);
      palpate_store_close (store);
    }

  palpate_store_fail_point ("demo-written");

  if (local_error == NULL &&
      palpate_store_files_fsync (temporary, FALSE, &local_error) &&
      palpate_store_files_rename_new (temporary, canonical, &local_error))
    {
      palpate_store_files_remove (temporary);
      g_unlink (temporary_lock);
      if (n_clients != NULL)
        *n_clients = count;
      return TRUE;
    }

  palpate_store_files_remove (temporary);
  g_unlink (temporary_lock);

  if (g_error_matches (local_error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL))
    g_set_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_DISK_FULL,
                 _("The disk is full, so the demo clinic “%s” could not be written. Nothing "
                   "was left behind; free some space and try again."), display);
  else
    g_set_error (error, local_error->domain, local_error->code,
                 _("The demo clinic “%s” could not be written, and nothing was left behind. %s"),
                 display, local_error->message);
  return FALSE;
}
