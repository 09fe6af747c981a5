/* palpate-types.h — forward declarations of Palpate's types and the application-wide enums
 *
 * Plain GLib: every layer may include it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PalpateApplication       PalpateApplication;
typedef struct _PalpateFinding           PalpateFinding;
typedef struct _PalpatePreferencesWindow PalpatePreferencesWindow;
typedef struct _PalpateWindow            PalpateWindow;

/**
 * PalpateView:
 *
 * A view of the body figure. Left and right lateral are the patient's left and right side.
 */
typedef enum
{
  PALPATE_VIEW_ANTERIOR,
  PALPATE_VIEW_POSTERIOR,
  PALPATE_VIEW_LEFT_LATERAL,
  PALPATE_VIEW_RIGHT_LATERAL,
} PalpateView;

/**
 * PalpateFindingKind:
 * @PALPATE_FINDING_TRIGGER_POINT_ACTIVE: a trigger point that refers pain (a point)
 * @PALPATE_FINDING_TRIGGER_POINT_LATENT: a trigger point that does not refer pain (a point)
 * @PALPATE_FINDING_TENDER_POINT: a tender point (a point)
 * @PALPATE_FINDING_ADHESION: fascia or scar tissue stuck to its neighbours (a line)
 * @PALPATE_FINDING_SPASM_ZONE: involuntary contraction, guarding (an area)
 * @PALPATE_FINDING_REFERRED_PAIN: pain felt away from its source (a line from the source to where
 *   it is felt)
 * @PALPATE_FINDING_NUMBNESS: numbness or tingling (an area)
 * @PALPATE_FINDING_CLEARED: an earlier finding that is gone (a point)
 * @PALPATE_FINDING_CONTRAINDICATION: a local contraindication, a no-touch zone (an area)
 *
 * The kinds of marks a therapist puts on the body chart (DESIGN.md §2).
 */
typedef enum
{
  PALPATE_FINDING_TRIGGER_POINT_ACTIVE,
  PALPATE_FINDING_TRIGGER_POINT_LATENT,
  PALPATE_FINDING_TENDER_POINT,
  PALPATE_FINDING_ADHESION,
  PALPATE_FINDING_SPASM_ZONE,
  PALPATE_FINDING_REFERRED_PAIN,
  PALPATE_FINDING_NUMBNESS,
  PALPATE_FINDING_CLEARED,
  PALPATE_FINDING_CONTRAINDICATION,
} PalpateFindingKind;

#define PALPATE_N_FINDING_KINDS (PALPATE_FINDING_CONTRAINDICATION + 1)

/**
 * PalpateGeometry:
 *
 * The shape of a finding: how many points it keeps.
 */
typedef enum
{
  PALPATE_GEOMETRY_POINT,
  PALPATE_GEOMETRY_LINE,
  PALPATE_GEOMETRY_AREA,
} PalpateGeometry;

/**
 * PalpateFindingStatus:
 *
 * How a finding compares with the same finding at the previous visit.
 */
typedef enum
{
  PALPATE_FINDING_STATUS_NEW,
  PALPATE_FINDING_STATUS_PERSISTING,
  PALPATE_FINDING_STATUS_IMPROVED,
  PALPATE_FINDING_STATUS_RESOLVED,
} PalpateFindingStatus;

/**
 * PalpatePressure:
 *
 * How firmly a technique was applied.
 */
typedef enum
{
  PALPATE_PRESSURE_LIGHT,
  PALPATE_PRESSURE_MODERATE,
  PALPATE_PRESSURE_FIRM,
  PALPATE_PRESSURE_DEEP,
} PalpatePressure;

/**
 * PalpateVisitStatus:
 *
 * A visit is a draft until it is signed; a signed visit never changes.
 */
typedef enum
{
  PALPATE_VISIT_DRAFT,
  PALPATE_VISIT_SIGNED,
} PalpateVisitStatus;

G_END_DECLS
