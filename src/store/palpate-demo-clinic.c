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

static const char *pressure_ids[] = { "light", "moderate", "firm", "deep" };

typedef struct
{
  PalpateStore         *store;
  GRand                *rand;
  PalpateDemoPlaceFunc  place;
  gpointer              place_data;
  gint64                therapist_ids[G_N_ELEMENTS (therapist_names)];
  GHashTable           *technique_ids;   /* key → id */
  gint64                next_visit_id;
  gint64                next_finding_id;
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
step (Demo          *demo,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  return palpate_store_step_done (demo->store, stmt, error);
}

static gboolean
insert_therapists (Demo    *demo,
                   GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (therapist_names); i++)
    {
      sqlite3_stmt *stmt = palpate_store_prepare (demo->store,
                                                  "INSERT INTO therapists (name, credentials, "
                                                  "role, created_at) "
                                                  "VALUES (?1, 'RMT', ?3, ?2)",
                                                  error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, therapist_names[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
      /* The first therapist owns the demo clinic. */
      sqlite3_bind_text (stmt, 3, i == 0 ? "owner" : "therapist", -1, SQLITE_STATIC);
      if (!step (demo, stmt, error))
        return FALSE;
      demo->therapist_ids[i] = sqlite3_last_insert_rowid (palpate_store_get_db (demo->store));
    }

  return TRUE;
}

static gboolean
load_techniques (Demo    *demo,
                 GError **error)
{
  sqlite3_stmt *stmt = palpate_store_prepare (demo->store,
                                              "SELECT key, id FROM techniques WHERE builtin = 1",
                                              error);
  if (stmt == NULL)
    return FALSE;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (demo->technique_ids,
                         g_strdup (palpate_store_column_text (stmt, 0)),
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));
  sqlite3_reset (stmt);

  return TRUE;
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

static char *
points_json (const OngoingFinding *finding)
{
  return palpate_store_points_to_text (finding->points, finding->n_points);
}

static gboolean
insert_finding (Demo                 *demo,
                gint64                visit_id,
                const OngoingFinding *finding,
                const char           *status,
                GError              **error)
{
  g_autofree char *points = points_json (finding);
  sqlite3_stmt *stmt = palpate_store_prepare (demo->store,
                                              "INSERT INTO findings (visit_id, view, kind, "
                                              "region_id, intensity, status, points) "
                                              "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, visit_id);
  sqlite3_bind_text (stmt, 2, palpate_view_to_string (finding->view), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, palpate_finding_kind_to_string (finding->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, finding->region_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, finding->intensity);
  sqlite3_bind_text (stmt, 6, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, points, -1, SQLITE_TRANSIENT);

  return step (demo, stmt, error);
}

/* Pain along the course of care: the first visit's level, moving toward a final level with some
 * noise; the session itself brings it down by one to three points. */
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
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *conditions = NULL;
  OngoingFinding ongoing[12];
  guint n_ongoing;
  gint64 activity_ids[3];
  guint n_activities = 2 + g_rand_int_range (demo->rand, 0, 2);
  gint64 client_id;
  gint64 therapist_id = demo->therapist_ids[index % G_N_ELEMENTS (therapist_names)];
  double pain_start = g_rand_int_range (demo->rand, 5, 9);
  double pain_end;
  double outlook = g_rand_double (demo->rand);
  gint64 first_day;
  sqlite3_stmt *stmt;

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
                           g_rand_int_range (demo->rand, 1, 13), g_rand_int_range (demo->rand, 1, 29));
  conditions = g_strdup_printf ("[\"%s\"]", profile->conditions[g_rand_int_range (demo->rand, 0, 4)]);
  {
    g_autofree char *joined = g_strjoin (" ", name, phone, NULL);
    folded = palpate_store_fold_for_search (joined);
  }

  stmt = palpate_store_prepare (demo->store,
                                "INSERT INTO clients (name, birth_date, phone, email, conditions, "
                                "contraindications, practitioners, goals, search_text, "
                                "created_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;

  first_day = g_date_time_to_unix (now) - (gint64) span_days * 86400;
  first_day -= first_day % 86400;  /* midnight, so that visits fall in opening hours */
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, birth, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, conditions, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, index % 7 == 3 ? "[\"anticoagulants\"]" : "[]", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, index % 5 == 1 ? "[\"chiropractor=Dr. Sarah Mitchell\"]"
                              : index % 5 == 2 ? "[\"physiotherapist=Tom Becker\"]" : "[]",
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, (const char *[]) {
                       "Return to pain-free work days.",
                       "Sleep through the night and garden again.",
                       "Get back to running three times a week.",
                     }[index % 3], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, folded, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, first_day);
  if (!step (demo, stmt, error))
    return FALSE;
  client_id = sqlite3_last_insert_rowid (palpate_store_get_db (demo->store));

  stmt = palpate_store_prepare (demo->store,
                                "INSERT INTO clients_search (rowid, search_text) VALUES (?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_text (stmt, 2, folded, -1, SQLITE_STATIC);
  if (!step (demo, stmt, error))
    return FALSE;

  for (guint a = 0; a < n_activities; a++)
    {
      stmt = palpate_store_prepare (demo->store,
                                    "INSERT INTO psfs_activities (client_id, position, name) "
                                    "VALUES (?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, client_id);
      sqlite3_bind_int (stmt, 2, (int) a);
      sqlite3_bind_text (stmt, 3, profile->activities[(index + a) % 4], -1, SQLITE_STATIC);
      if (!step (demo, stmt, error))
        return FALSE;
      activity_ids[a] = sqlite3_last_insert_rowid (palpate_store_get_db (demo->store));
    }

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
      const char *stage = progress < 0.34 ? "early" : progress < 0.67 ? "middle" : "late";
      gint64 visit_id;

      stmt = palpate_store_prepare (demo->store,
                                    "INSERT INTO visits (client_id, therapist_id, started_at, "
                                    "duration_minutes, pain_before, pain_after, subjective, "
                                    "objective, assessment, plan, home_care, consent_sensitive) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, client_id);
      sqlite3_bind_int64 (stmt, 2, therapist_id);
      sqlite3_bind_int64 (stmt, 3, started_at);
      sqlite3_bind_int (stmt, 4, (int[]) { 45, 60, 60, 75, 90 }[(index + v) % 5]);
      sqlite3_bind_int (stmt, 5, pain_before);
      sqlite3_bind_int (stmt, 6, pain_after);
      sqlite3_bind_text (stmt, 7, profile->subjective[(v + index) % 4], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, profile->objective[g_str_equal (stage, "early") ? 0 :
                                                     g_str_equal (stage, "middle") ? 1 : 2],
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, pain_after < pain_before - 1
                                  ? "Good response to treatment; tissue softened and range of "
                                    "motion improved within the session."
                                  : "Moderate response; tone reduced a little. Progress slower "
                                    "than expected; review home care.",
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, profile->plan[g_str_equal (stage, "early") ? 0 :
                                                 g_str_equal (stage, "middle") ? 1 : 2],
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 11, profile->home_care[(v + index) % 3], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 12, complaint == COMPLAINT_SHOULDER && v == 0);
      if (!step (demo, stmt, error))
        return FALSE;
      visit_id = sqlite3_last_insert_rowid (palpate_store_get_db (demo->store));

      /* Findings: new at the first visit, then persisting, improving or resolving. */
      for (guint f = 0; f < n_ongoing; f++)
        {
          const char *status = "new";

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
                  status = "resolved";
                }
              else if (outlook < 0.9 && g_rand_double (demo->rand) < 0.5)
                {
                  ongoing[f].intensity = MAX (1, ongoing[f].intensity - 1);
                  status = "improved";
                }
              else
                status = "persisting";
            }

          if (!insert_finding (demo, visit_id, &ongoing[f], status, error))
            return FALSE;
        }

      /* Two or three techniques on the complaint's regions. */
      for (int t = 0; t < 2 + (v % 2); t++)
        {
          const char *key = techniques_by_complaint[complaint][(t + v) % 4];

          stmt = palpate_store_prepare (demo->store,
                                        "INSERT INTO applied_techniques (visit_id, technique_id, "
                                        "region_id, minutes, pressure) VALUES (?, ?, ?, ?, ?)",
                                        error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, visit_id);
          sqlite3_bind_int64 (stmt, 2, GPOINTER_TO_SIZE (g_hash_table_lookup (demo->technique_ids,
                                                                              key)));
          sqlite3_bind_text (stmt, 3, ongoing[t % n_ongoing].region_id, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 4, (int[]) { 10, 15, 20, 8, 12 }[(t + v + index) % 5]);
          sqlite3_bind_text (stmt, 5, pressure_ids[(t + v) % 4], -1, SQLITE_STATIC);
          if (!step (demo, stmt, error))
            return FALSE;
        }

      /* PSFS each visit in the small clinic; every fourth in the large one. */
      if (size == PALPATE_DEMO_SMALL || v % 4 == 0 || last)
        for (guint a = 0; a < n_activities; a++)
          {
            int noise = g_rand_int_range (demo->rand, -1, 2);
            int rating = CLAMP (10 - pain_before + noise - (int) a, 0, 10);

            stmt = palpate_store_prepare (demo->store,
                                          "INSERT INTO psfs_ratings (visit_id, activity_id, "
                                          "rating) VALUES (?, ?, ?)",
                                          error);
            if (stmt == NULL)
              return FALSE;
            sqlite3_bind_int64 (stmt, 1, visit_id);
            sqlite3_bind_int64 (stmt, 2, activity_ids[a]);
            sqlite3_bind_int (stmt, 3, rating);
            if (!step (demo, stmt, error))
              return FALSE;
          }

      /* The questionnaire at the first visit and every sixth. */
      if (profile->instrument != NULL && (v % 6 == 0 || last))
        {
          g_autoptr(GString) answers = g_string_new ("[");

          for (int q = 0; q < 10; q++)
            {
              int noise = g_rand_int_range (demo->rand, -1, 2);

              g_string_append_printf (answers, "%s%d", q ? "," : "",
                                      CLAMP (pain_before / 2 + noise, 0, 5));
            }
          g_string_append_c (answers, ']');

          stmt = palpate_store_prepare (demo->store,
                                        "INSERT INTO outcome_measures (visit_id, instrument, "
                                        "answers) VALUES (?, ?, ?)",
                                        error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, visit_id);
          sqlite3_bind_text (stmt, 2, profile->instrument, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, answers->str, -1, SQLITE_TRANSIENT);
          if (!step (demo, stmt, error))
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
 * Writes the demo clinic, in transactions of a few hundred clients.
 */
gboolean
palpate_demo_clinic_write (PalpateStore          *store,
                           PalpateDemoSize        size,
                           guint32                seed,
                           PalpateDemoPlaceFunc   place,
                           gpointer               place_data,
                           GError               **error)
{
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

  if (!palpate_store_begin (store, error))
    return FALSE;

  if (!insert_therapists (&demo, error) || !load_techniques (&demo, error) ||
      !palpate_store_exec (store,
                           "INSERT INTO clinic_settings (key, value) VALUES "
                           "('clinic-name', 'Riverside Massage Therapy'), "
                           "('clinic-address', '125 King Street West, Suite 300, Toronto ON "
                           "M5H 1J9'), "
                           "('clinic-phone', '(416) 555-0100')",
                           error))
    goto failed;

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
        goto failed;

      /* Commit in batches, so that a large clinic does not build one huge transaction. */
      if (i % 250 == 249 && i + 1 < n_clients)
        {
          if (!palpate_store_commit (store, error) || !palpate_store_begin (store, error))
            goto failed;
        }
    }

  if (!palpate_store_audit_append (store, "create", "demo-clinic", n_clients, NULL, error) ||
      !palpate_store_commit (store, error))
    goto failed;

  return TRUE;

failed:
  palpate_store_rollback (store);
  return FALSE;
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
