/* palpate-body-map-actions.c — the body chart's actions and keys: undo and redo, delete,
 * intensity, finding kind, walking the regions and charting at the focused one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-body-map"

#include "config.h"

#include <math.h>

#include "palpate-body-map-private.h"

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PalpateBodyMap *self = PALPATE_BODY_MAP (widget);
  g_autoptr(PalpateFinding) finding = NULL;
  PalpateFindingStep step;

  if (!self->editable)
    return;

  self->stepping = TRUE;
  if (g_str_equal (action_name, "body-map.undo"))
    step = palpate_finding_history_undo (self->history, &finding);
  else
    step = palpate_finding_history_redo (self->history, &finding);

  switch (step)
    {
    case PALPATE_FINDING_STEP_NONE:
      self->stepping = FALSE;
      return;

    case PALPATE_FINDING_STEP_REMOVE:
      _palpate_body_map_remove_finding (self, finding, FALSE);
      break;

    case PALPATE_FINDING_STEP_RESTORE:
      _palpate_body_map_restore_finding (self, finding);
      break;

    case PALPATE_FINDING_STEP_CHANGE:
      _palpate_body_map_emit_changed (self, finding);
      break;

    default:
      g_assert_not_reached ();
    }

  self->stepping = FALSE;
  _palpate_body_map_redraw (self);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PalpateBodyMap *self = PALPATE_BODY_MAP (widget);

  if (self->selected != NULL && self->editable)
    _palpate_body_map_remove_finding (self, self->selected, TRUE);
}

static void
intensity_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _palpate_body_map_set_intensity (PALPATE_BODY_MAP (widget), g_variant_get_int32 (parameter));
}

static void
kind_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PalpateFindingKind kind;

  if (palpate_finding_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    palpate_body_map_set_current_kind (PALPATE_BODY_MAP (widget), kind);
}

/* Walks to the nearest region in a direction, on the focused region's view. */
static void
move_focus_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PalpateBodyMap *self = PALPATE_BODY_MAP (widget);
  const PalpateRegion *current = palpate_atlas_lookup_region (self->atlas, self->focused_region);
  const char *direction = g_variant_get_string (parameter, NULL);
  double dx = g_str_equal (direction, "left") ? -1 : g_str_equal (direction, "right") ? 1 : 0;
  double dy = g_str_equal (direction, "up") ? -1 : g_str_equal (direction, "down") ? 1 : 0;
  const PalpateRegion *best = NULL;
  double best_score = G_MAXDOUBLE;
  GPtrArray *regions;
  double cx, cy;

  if (current == NULL)
    {
      palpate_body_map_focus_region (self, "trapezius-upper-right");
      return;
    }

  palpate_region_get_centroid (current, &cx, &cy);
  regions = palpate_atlas_get_regions (self->atlas, palpate_region_get_view (current));

  for (guint i = 0; i < regions->len; i++)
    {
      const PalpateRegion *region = regions->pdata[i];
      double x, y, along, across;

      if (region == current)
        continue;

      palpate_region_get_centroid (region, &x, &y);
      along = (x - cx) * dx + (y - cy) * dy;
      across = fabs ((x - cx) * dy - (y - cy) * dx);
      if (along <= 1)
        continue;

      if (along + 2.5 * across < best_score)
        {
          best_score = along + 2.5 * across;
          best = region;
        }
    }

  /* Off the edge of one view, on to the other. */
  if (best == NULL && dx != 0)
    {
      PalpateView other = palpate_region_get_view (current) == PALPATE_VIEW_ANTERIOR
                          ? PALPATE_VIEW_POSTERIOR : PALPATE_VIEW_ANTERIOR;
      const PalpateRegion *hit = palpate_atlas_hit_test (self->atlas, other,
                                                         PALPATE_ATLAS_WIDTH - cx, cy);
      best = hit;
    }

  if (best != NULL)
    palpate_body_map_focus_region (self, palpate_region_get_id (best));
}

static void
place_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PalpateBodyMap *self = PALPATE_BODY_MAP (widget);
  const PalpateRegion *region = palpate_atlas_lookup_region (self->atlas, self->focused_region);
  PalpatePoint points[8];
  PalpateView view;
  PalpateGeometry geometry = palpate_finding_kind_get_geometry (self->kind);
  guint n = geometry == PALPATE_GEOMETRY_POINT ? 1 : geometry == PALPATE_GEOMETRY_LINE ? 2 : 8;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (self->focused_region ?: ""));

  if (region == NULL || !self->editable)
    return;

  /* The middle of the region; lines and areas as a small mark there. */
  palpate_atlas_place_in_region (self->focused_region, rand, &view, points, n, self->atlas);
  if (geometry == PALPATE_GEOMETRY_POINT)
    palpate_region_get_centroid (region, &points[0].x, &points[0].y);
  if (palpate_atlas_hit_test (self->atlas, view, points[0].x, points[0].y) != region)
    palpate_region_get_centroid (region, &points[0].x, &points[0].y);

  _palpate_body_map_add_finding (self, view, points, n, 5);
}

void
_palpate_body_map_update_actions (PalpateBodyMap *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "body-map.undo",
                                 self->editable &&
                                 palpate_finding_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "body-map.redo",
                                 self->editable &&
                                 palpate_finding_history_can_redo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "body-map.delete",
                                 self->editable && self->selected != NULL);
}

void
_palpate_body_map_class_actions_init (GtkWidgetClass *widget_class)
{
  static const struct { guint key; const char *kind; } kind_keys[] = {
    { GDK_KEY_t, "trigger-point-active" }, { GDK_KEY_l, "trigger-point-latent" },
    { GDK_KEY_p, "tender-point" }, { GDK_KEY_a, "adhesion" }, { GDK_KEY_s, "spasm-zone" },
    { GDK_KEY_r, "referred-pain" }, { GDK_KEY_n, "numbness" }, { GDK_KEY_c, "cleared" },
    { GDK_KEY_x, "contraindication" },
  };

  gtk_widget_class_install_action (widget_class, "body-map.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "body-map.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "body-map.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "body-map.intensity", "i", intensity_action);
  gtk_widget_class_install_action (widget_class, "body-map.kind", "s", kind_action);
  gtk_widget_class_install_action (widget_class, "body-map.move-focus", "s", move_focus_action);
  gtk_widget_class_install_action (widget_class, "body-map.place", NULL, place_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "body-map.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "body-map.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "body-map.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "body-map.delete",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "body-map.place", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "body-map.place", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "body-map.move-focus", "s",
                                       "up");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "body-map.move-focus", "s",
                                       "down");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "body-map.move-focus", "s",
                                       "left");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "body-map.move-focus",
                                       "s", "right");
  for (int i = 0; i <= 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, 0, "body-map.intensity",
                                         "i", i == 0 ? 10 : i);
  for (guint i = 0; i < G_N_ELEMENTS (kind_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, kind_keys[i].key, 0, "body-map.kind", "s",
                                         kind_keys[i].kind);
}
