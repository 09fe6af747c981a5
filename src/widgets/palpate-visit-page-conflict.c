/* palpate-visit-page-conflict.c — a draft saved in another room (or window) while it was being
 * charted here, and a draft open in another room
 *
 * The store refuses a save over a newer row. The page then reads the visit as it now is and
 * puts back on it what was done here since the last save, so that neither side's work is lost:
 * each note is merged (palpate_text_merge: a note changed on one side only is that side's;
 * words typed on both sides are both kept), a rating or tick changed only here is set again,
 * and the result is saved at once. Where both sides set the same rating differently, the other
 * room's stands and the toast says so.
 *
 * On a clinic server, a draft open here is said to the other rooms (palpate_store_set_charting)
 * for as long as it is open, and a draft another room has open says so when it opens here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-visit-page"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-text-merge.h"
#include "palpate-visit-page.h"
#include "palpate-visit-page-private.h"

/* An empty note is stored as none. */
void
_palpate_visit_page_set_soap (PalpateVisit *visit,
                              guint         index,
                              const char   *text)
{
  const char *value = text != NULL && *text != '\0' ? text : NULL;

  switch (index)
    {
    case 0: palpate_visit_set_subjective (visit, value); break;
    case 1: palpate_visit_set_objective (visit, value); break;
    case 2: palpate_visit_set_assessment (visit, value); break;
    case 3: palpate_visit_set_plan (visit, value); break;
    default: palpate_visit_set_home_care (visit, value); break;
    }
}

const char *
_palpate_visit_page_soap_of (PalpateVisit *visit,
                             guint         index)
{
  switch (index)
    {
    case 0: return palpate_visit_get_subjective (visit);
    case 1: return palpate_visit_get_objective (visit);
    case 2: return palpate_visit_get_assessment (visit);
    case 3: return palpate_visit_get_plan (visit);
    default: return palpate_visit_get_home_care (visit);
    }
}

void
_palpate_visit_page_forget_base (PalpateVisitPage *self)
{
  for (guint i = 0; i < N_SOAP; i++)
    g_clear_pointer (&self->base_soap[i], g_free);
}

/* Called once the page's visit is what the store holds: just read, or just saved. */
void
_palpate_visit_page_remember_base (PalpateVisitPage *self)
{
  _palpate_visit_page_forget_base (self);
  for (guint i = 0; i < N_SOAP; i++)
    self->base_soap[i] = g_strdup (_palpate_visit_page_soap_of (self->visit, i));
  self->base_pain_before = palpate_visit_get_pain_before (self->visit);
  self->base_pain_after = palpate_visit_get_pain_after (self->visit);
  self->base_duration = palpate_visit_get_duration_minutes (self->visit);
  self->base_consent = palpate_visit_get_consent_sensitive (self->visit);
}

/* What is on screen, as the store would keep it. */
typedef struct
{
  char     *soap[N_SOAP];
  int       pain_before;
  int       pain_after;
  int       duration;
  gboolean  consent;
} OnScreen;

static void
read_screen (PalpateVisitPage *self,
             OnScreen         *screen)
{
  for (guint i = 0; i < N_SOAP; i++)
    screen->soap[i] = _palpate_visit_page_buffer_text (self->soap_views[i]);
  screen->pain_before = palpate_pain_scale_get_value (self->pain_before_scale);
  screen->pain_after = palpate_pain_scale_get_value (self->pain_after_scale);
  screen->duration = gtk_spin_button_get_value_as_int (self->duration_spin);
  screen->consent = gtk_check_button_get_active (self->consent_check);
}

/* A rating changed here and not there is set again; @clash says when both changed it. */
static gboolean
put_back_number (int       mine,
                 int       base,
                 int       theirs,
                 gboolean *clash)
{
  if (mine == base || mine == theirs)
    return FALSE;
  if (theirs != base)
    {
      *clash = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* Puts on @stored, the visit as the other room saved it, what was done here since the page's
 * base; returns whether anything was. */
static gboolean
put_back (PalpateVisitPage *self,
          const OnScreen   *mine,
          PalpateVisit     *stored,
          gboolean         *clash)
{
  gboolean kept = FALSE;

  for (guint i = 0; i < N_SOAP; i++)
    {
      const char *theirs = _palpate_visit_page_soap_of (stored, i);
      g_autofree char *merged = palpate_text_merge (self->base_soap[i], mine->soap[i], theirs);

      if (!g_str_equal (merged, theirs != NULL ? theirs : ""))
        {
          _palpate_visit_page_set_soap (stored, i, merged);
          kept = TRUE;
        }
    }

  if (put_back_number (mine->pain_before, self->base_pain_before,
                       palpate_visit_get_pain_before (stored), clash))
    {
      palpate_visit_set_pain_before (stored, mine->pain_before);
      kept = TRUE;
    }
  if (put_back_number (mine->pain_after, self->base_pain_after,
                       palpate_visit_get_pain_after (stored), clash))
    {
      palpate_visit_set_pain_after (stored, mine->pain_after);
      kept = TRUE;
    }
  if (put_back_number (mine->duration, self->base_duration,
                       palpate_visit_get_duration_minutes (stored), clash))
    {
      palpate_visit_set_duration_minutes (stored, mine->duration);
      kept = TRUE;
    }
  if (put_back_number (mine->consent, self->base_consent,
                       palpate_visit_get_consent_sensitive (stored), clash))
    {
      palpate_visit_set_consent_sensitive (stored, mine->consent);
      kept = TRUE;
    }

  return kept;
}

static const char *
kept_message (PalpateStore *store,
              gboolean      clash)
{
  if (palpate_store_is_on_server (store))
    return clash ? _("This visit was changed in another room: both changes are kept, and "
                     "where you both set the same thing, the other room’s stands")
                 : _("This visit was changed in another room: both changes are kept");
  return clash ? _("This visit was changed in another window: both changes are kept, and "
                   "where you both set the same thing, the other window’s stands")
               : _("This visit was changed in another window: both changes are kept");
}

/* Another room or window saved this visit since it was read here. What was done here is put
 * on the visit as it now is and saved, then the page shows the result. A save that fails in
 * turn leaves everything on screen, with the reason, for the next edit to try again. */
void
_palpate_visit_page_reload_after_conflict (PalpateVisitPage *self,
                                           const GError     *error)
{
  g_autoptr(PalpateStore) store = g_object_ref (self->store);
  g_autoptr(PalpateVisit) stored = NULL;
  g_autoptr(GError) merge_error = NULL;
  gint64 visit_id = palpate_visit_get_id (self->visit);
  OnScreen mine = { { NULL } };
  gboolean clash = FALSE;
  gboolean kept = FALSE;

  g_clear_handle_id (&self->save_text_id, g_source_remove);
  read_screen (self, &mine);

  stored = palpate_store_get_visit (store, visit_id, &merge_error);
  if (stored != NULL)
    {
      kept = put_back (self, &mine, stored, &clash);
      if (kept && !palpate_store_save_visit (store, stored, &merge_error))
        g_clear_object (&stored);
    }
  for (guint i = 0; i < N_SOAP; i++)
    g_free (mine.soap[i]);

  if (stored == NULL)
    {
      _palpate_visit_page_show_saved (self, merge_error);
      return;
    }

  if (!self->unloading)
    {
      g_autoptr(GError) load_error = NULL;

      g_clear_object (&self->visit);
      if (!palpate_visit_page_load (self, store, visit_id, &load_error))
        {
          _palpate_visit_page_show_saved (self, load_error);
          return;
        }
      if (kept)
        _palpate_visit_page_show_saved (self, NULL);
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                              kept ? kept_message (store, clash) : error->message);
}

/* Called once a visit is shown: a draft is said to be open here, and said to be open in
 * another room too if it is. Nothing to say on a clinic file, nor if the server cannot be
 * asked (its sentence comes with the first save). */
void
_palpate_visit_page_mark_charting (PalpateVisitPage *self)
{
  g_autoptr(GArray) elsewhere = NULL;
  gint64 visit_id = palpate_visit_get_id (self->visit);

  if (!palpate_store_is_on_server (self->store) || _palpate_visit_page_is_signed (self) ||
      !palpate_store_set_charting (self->store, visit_id, TRUE, NULL))
    return;
  self->charting_id = visit_id;

  elsewhere = palpate_store_list_charted_elsewhere (self->store, NULL);
  for (guint i = 0; elsewhere != NULL && i < elsewhere->len; i++)
    if (g_array_index (elsewhere, gint64, i) == visit_id)
      {
        gtk_label_set_text (self->saved_label, _("Open in another room"));
        gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                                    _("This draft is open in another room too: if you both "
                                      "change it, both changes are kept"));
        break;
      }
}

/* Called as the visit is left. */
void
_palpate_visit_page_unmark_charting (PalpateVisitPage *self)
{
  if (self->charting_id != 0 && self->store != NULL)
    palpate_store_set_charting (self->store, self->charting_id, FALSE, NULL);
  self->charting_id = 0;
}
