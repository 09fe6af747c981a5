/* palpate-finding-history.c — the undo and redo history of a body chart's findings
 *
 * Each edit of the chart (a finding added, removed, or changed in place) is kept with what it
 * needs to be taken back and done again. Undo and redo move an edit from one list to the other
 * and say what the chart must do with the finding; a change is set back or forward here, on the
 * very finding object the chart shows, so that the chart and the record stay one object.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-finding-history"

#include "config.h"

#include "palpate-finding-history.h"

typedef enum
{
  EDIT_ADD,
  EDIT_REMOVE,
  EDIT_CHANGE,
} EditType;

typedef struct
{
  EditType        type;
  PalpateFinding *finding;
  PalpateFinding *before;   /* EDIT_CHANGE: the values before and after */
  PalpateFinding *after;
} Edit;

struct _PalpateFindingHistory
{
  GObject    parent_instance;

  GPtrArray *undo;
  GPtrArray *redo;
};

G_DEFINE_FINAL_TYPE (PalpateFindingHistory, palpate_finding_history, G_TYPE_OBJECT)

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  g_clear_object (&edit->finding);
  g_clear_object (&edit->before);
  g_clear_object (&edit->after);
  g_free (edit);
}

static void
copy_values (PalpateFinding *target,
             PalpateFinding *source)
{
  const PalpatePoint *points;
  guint n;

  points = palpate_finding_get_points (source, &n);
  g_object_freeze_notify (G_OBJECT (target));
  palpate_finding_set_points (target, points, n);
  palpate_finding_set_kind (target, palpate_finding_get_kind (source));
  palpate_finding_set_view (target, palpate_finding_get_view (source));
  palpate_finding_set_region_id (target, palpate_finding_get_region_id (source));
  palpate_finding_set_intensity (target, palpate_finding_get_intensity (source));
  palpate_finding_set_note (target, palpate_finding_get_note (source));
  palpate_finding_set_status (target, palpate_finding_get_status (source));
  g_object_thaw_notify (G_OBJECT (target));
}

static void
push (PalpateFindingHistory *self,
      EditType               type,
      PalpateFinding        *finding)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->type = type;
  edit->finding = g_object_ref (finding);
  g_ptr_array_add (self->undo, edit);
  /* A new edit starts a new future: what was undone can no longer be redone. */
  g_ptr_array_set_size (self->redo, 0);
}

static PalpateFindingStep
step (PalpateFindingHistory  *self,
      gboolean                undo,
      PalpateFinding        **finding)
{
  GPtrArray *from = undo ? self->undo : self->redo;
  GPtrArray *to = undo ? self->redo : self->undo;
  PalpateFindingStep result;
  Edit *edit;

  if (finding != NULL)
    *finding = NULL;
  if (from->len == 0)
    return PALPATE_FINDING_STEP_NONE;

  edit = g_ptr_array_steal_index (from, from->len - 1);
  switch (edit->type)
    {
    case EDIT_ADD:
    case EDIT_REMOVE:
      result = (edit->type == EDIT_ADD) == undo
               ? PALPATE_FINDING_STEP_REMOVE : PALPATE_FINDING_STEP_RESTORE;
      break;

    case EDIT_CHANGE:
      copy_values (edit->finding, undo ? edit->before : edit->after);
      result = PALPATE_FINDING_STEP_CHANGE;
      break;

    default:
      g_assert_not_reached ();
    }

  if (finding != NULL)
    *finding = g_object_ref (edit->finding);
  g_ptr_array_add (to, edit);
  return result;
}

static void
palpate_finding_history_finalize (GObject *object)
{
  PalpateFindingHistory *self = PALPATE_FINDING_HISTORY (object);

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);

  G_OBJECT_CLASS (palpate_finding_history_parent_class)->finalize (object);
}

static void
palpate_finding_history_class_init (PalpateFindingHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = palpate_finding_history_finalize;
}

static void
palpate_finding_history_init (PalpateFindingHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func (edit_free);
  self->redo = g_ptr_array_new_with_free_func (edit_free);
}

PalpateFindingHistory *
palpate_finding_history_new (void)
{
  return g_object_new (PALPATE_TYPE_FINDING_HISTORY, NULL);
}

void
palpate_finding_history_record_add (PalpateFindingHistory *self,
                                    PalpateFinding        *finding)
{
  g_return_if_fail (PALPATE_IS_FINDING_HISTORY (self));
  g_return_if_fail (PALPATE_IS_FINDING (finding));

  push (self, EDIT_ADD, finding);
}

void
palpate_finding_history_record_remove (PalpateFindingHistory *self,
                                       PalpateFinding        *finding)
{
  g_return_if_fail (PALPATE_IS_FINDING_HISTORY (self));
  g_return_if_fail (PALPATE_IS_FINDING (finding));

  push (self, EDIT_REMOVE, finding);
}

/**
 * palpate_finding_history_record_change:
 * @finding: the finding as it is now, after the change
 * @before: a copy of its values before the change
 */
void
palpate_finding_history_record_change (PalpateFindingHistory *self,
                                       PalpateFinding        *finding,
                                       PalpateFinding        *before)
{
  Edit *edit;

  g_return_if_fail (PALPATE_IS_FINDING_HISTORY (self));
  g_return_if_fail (PALPATE_IS_FINDING (finding));
  g_return_if_fail (PALPATE_IS_FINDING (before));

  push (self, EDIT_CHANGE, finding);
  edit = self->undo->pdata[self->undo->len - 1];
  edit->before = g_object_ref (before);
  edit->after = palpate_finding_copy (finding);
}

gboolean
palpate_finding_history_can_undo (PalpateFindingHistory *self)
{
  g_return_val_if_fail (PALPATE_IS_FINDING_HISTORY (self), FALSE);

  return self->undo->len > 0;
}

gboolean
palpate_finding_history_can_redo (PalpateFindingHistory *self)
{
  g_return_val_if_fail (PALPATE_IS_FINDING_HISTORY (self), FALSE);

  return self->redo->len > 0;
}

/**
 * palpate_finding_history_undo:
 * @finding: (out) (optional) (transfer full): the finding the latest edit was about
 *
 * Takes the latest edit back; it can then be redone.
 *
 * Returns: what the chart must do with @finding
 */
PalpateFindingStep
palpate_finding_history_undo (PalpateFindingHistory  *self,
                              PalpateFinding        **finding)
{
  g_return_val_if_fail (PALPATE_IS_FINDING_HISTORY (self), PALPATE_FINDING_STEP_NONE);

  return step (self, TRUE, finding);
}

/**
 * palpate_finding_history_redo:
 * @finding: (out) (optional) (transfer full): the finding the edit undone last was about
 *
 * Does the edit undone last again.
 *
 * Returns: what the chart must do with @finding
 */
PalpateFindingStep
palpate_finding_history_redo (PalpateFindingHistory  *self,
                              PalpateFinding        **finding)
{
  g_return_val_if_fail (PALPATE_IS_FINDING_HISTORY (self), PALPATE_FINDING_STEP_NONE);

  return step (self, FALSE, finding);
}

/**
 * palpate_finding_history_last_removed:
 *
 * Returns: whether the latest edit, the one undo takes back, removed @finding
 */
gboolean
palpate_finding_history_last_removed (PalpateFindingHistory *self,
                                      PalpateFinding        *finding)
{
  Edit *edit;

  g_return_val_if_fail (PALPATE_IS_FINDING_HISTORY (self), FALSE);

  if (self->undo->len == 0)
    return FALSE;

  edit = self->undo->pdata[self->undo->len - 1];
  return edit->type == EDIT_REMOVE && edit->finding == finding;
}

void
palpate_finding_history_clear (PalpateFindingHistory *self)
{
  g_return_if_fail (PALPATE_IS_FINDING_HISTORY (self));

  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
}
