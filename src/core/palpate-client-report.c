/* palpate-client-report.c — what a client reported on their own view: pain, where it hurts,
 * how well they manage their activities
 *
 * A client report is the client's, kept apart from the therapist's visit: it never changes
 * the therapist's Pain Before or the visit's findings. The therapist sees it marked as
 * reported by the client, and reports can leave it out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-client-report"

#include "config.h"

#include "palpate-client-report.h"

#include "palpate-pain.h"

struct _PalpateClientReport
{
  GObject     parent_instance;

  gint64      id;
  gint64      client_id;
  GDateTime  *reported_at;
  int         pain;
  gboolean    finished;
  GPtrArray  *places;
  GArray     *ratings;
};

G_DEFINE_FINAL_TYPE (PalpateClientReport, palpate_client_report, G_TYPE_OBJECT)

static void
palpate_client_report_finalize (GObject *object)
{
  PalpateClientReport *self = PALPATE_CLIENT_REPORT (object);

  g_clear_pointer (&self->reported_at, g_date_time_unref);
  g_clear_pointer (&self->places, g_ptr_array_unref);
  g_clear_pointer (&self->ratings, g_array_unref);

  G_OBJECT_CLASS (palpate_client_report_parent_class)->finalize (object);
}

static void
palpate_client_report_class_init (PalpateClientReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = palpate_client_report_finalize;
}

static void
palpate_client_report_init (PalpateClientReport *self)
{
  self->pain = PALPATE_PAIN_UNSET;
  self->finished = TRUE;
  self->places = g_ptr_array_new_with_free_func (g_object_unref);
  self->ratings = g_array_new (FALSE, FALSE, sizeof (PalpateClientActivityRating));
}

/**
 * palpate_client_report_new:
 *
 * An empty report of the client @client_id, made now.
 */
PalpateClientReport *
palpate_client_report_new (gint64 client_id)
{
  PalpateClientReport *self = g_object_new (PALPATE_TYPE_CLIENT_REPORT, NULL);

  self->client_id = client_id;
  self->reported_at = g_date_time_new_now_local ();
  return self;
}

gint64
palpate_client_report_get_id (PalpateClientReport *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_REPORT (self), 0);

  return self->id;
}

void
palpate_client_report_set_id (PalpateClientReport *self,
                              gint64               id)
{
  g_return_if_fail (PALPATE_IS_CLIENT_REPORT (self));

  self->id = id;
}

gint64
palpate_client_report_get_client_id (PalpateClientReport *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_REPORT (self), 0);

  return self->client_id;
}

GDateTime *
palpate_client_report_get_reported_at (PalpateClientReport *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_REPORT (self), NULL);

  return self->reported_at;
}

void
palpate_client_report_set_reported_at (PalpateClientReport *self,
                                       GDateTime           *reported_at)
{
  g_return_if_fail (PALPATE_IS_CLIENT_REPORT (self));
  g_return_if_fail (reported_at != NULL);

  g_clear_pointer (&self->reported_at, g_date_time_unref);
  self->reported_at = g_date_time_ref (reported_at);
}

/* Returns: the pain the client gave, 0 to 10, or %PALPATE_PAIN_UNSET */
int
palpate_client_report_get_pain (PalpateClientReport *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_REPORT (self), PALPATE_PAIN_UNSET);

  return self->pain;
}

void
palpate_client_report_set_pain (PalpateClientReport *self,
                                int                  pain)
{
  g_return_if_fail (PALPATE_IS_CLIENT_REPORT (self));

  self->pain = pain;
}

/* Returns: whether the client pressed Done (%FALSE: the view was closed while they were still
 *   rating, and what they had entered was kept) */
gboolean
palpate_client_report_get_finished (PalpateClientReport *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_REPORT (self), FALSE);

  return self->finished;
}

void
palpate_client_report_set_finished (PalpateClientReport *self,
                                    gboolean             finished)
{
  g_return_if_fail (PALPATE_IS_CLIENT_REPORT (self));

  self->finished = !!finished;
}

/**
 * palpate_client_report_get_places:
 *
 * Returns: (transfer none) (element-type PalpateFinding): where it hurts, as tender points marked as reported by the client
 */
GPtrArray *
palpate_client_report_get_places (PalpateClientReport *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_REPORT (self), NULL);

  return self->places;
}

void
palpate_client_report_add_place (PalpateClientReport *self,
                                 PalpateView          view,
                                 const char          *region_id,
                                 const PalpatePoint  *point)
{
  g_autoptr(PalpateFinding) place = NULL;

  g_return_if_fail (PALPATE_IS_CLIENT_REPORT (self));
  g_return_if_fail (point != NULL);

  place = palpate_finding_new (PALPATE_FINDING_TENDER_POINT, view, point, 1);
  palpate_finding_set_region_id (place, region_id);
  palpate_finding_set_reported_by_client (place, TRUE);
  g_ptr_array_add (self->places, g_steal_pointer (&place));
}

/**
 * palpate_client_report_get_ratings:
 *
 * Returns: (array length=n_ratings): the activities the client rated
 */
const PalpateClientActivityRating *
palpate_client_report_get_ratings (PalpateClientReport *self,
                                   guint               *n_ratings)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_REPORT (self), NULL);
  g_return_val_if_fail (n_ratings != NULL, NULL);

  *n_ratings = self->ratings->len;
  return (const PalpateClientActivityRating *) (gpointer) self->ratings->data;
}

void
palpate_client_report_add_rating (PalpateClientReport *self,
                                  gint64               activity_id,
                                  int                  rating)
{
  PalpateClientActivityRating entry = { activity_id, rating };

  g_return_if_fail (PALPATE_IS_CLIENT_REPORT (self));

  g_array_append_val (self->ratings, entry);
}

/* Returns: whether the client gave nothing at all */
gboolean
palpate_client_report_is_empty (PalpateClientReport *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_REPORT (self), TRUE);

  return self->pain == PALPATE_PAIN_UNSET &&
         self->places->len == 0 &&
         self->ratings->len == 0;
}
