#!/usr/bin/python3
# build-aux/generate-atlas.py — draws the body atlas's figure and regions, writes
# data/atlas/body.xml. Run by hand after changing the geometry (needs python3-shapely); the XML
# it writes is the data Palpate loads, and is kept in the repository.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Coordinates: each view is 400 × 1000 units, origin top left, the figure's midline at x = 200,
# about eight heads tall. Regions are cells (boxes in the viewer's right half, mirrored for the
# left) intersected with the body part they belong to, assigned in priority order so that no
# point lies in two regions; what the cells leave uncovered joins the neighbour it borders most.

import math
import sys
from xml.sax.saxutils import escape

from shapely.geometry import Point, Polygon, box, MultiPolygon
from shapely.ops import unary_union
from shapely import affinity

W, H, MID = 400, 1000, 200


def spline(keys, step=2.0):
    """Catmull-Rom through (t, v) keys, sampled every `step` in t."""
    out = []
    for i in range(len(keys) - 1):
        p0 = keys[max(i - 1, 0)]
        p1, p2 = keys[i], keys[i + 1]
        p3 = keys[min(i + 2, len(keys) - 1)]
        n = max(2, int((p2[0] - p1[0]) / step))
        for k in range(n):
            s = k / n
            t = p1[0] + (p2[0] - p1[0]) * s
            m1 = (p2[1] - p0[1]) / 2
            m2 = (p3[1] - p1[1]) / 2
            h00 = 2 * s**3 - 3 * s**2 + 1
            h10 = s**3 - 2 * s**2 + s
            h01 = -2 * s**3 + 3 * s**2
            h11 = s**3 - s**2
            out.append((t, h00 * p1[1] + h10 * m1 + h01 * p2[1] + h11 * m2))
    out.append(keys[-1])
    return out


def symmetric_part(profile):
    """A part around the midline from (y, half width) keys."""
    pts = spline(profile)
    right = [(MID + w, y) for y, w in pts]
    left = [(MID - w, y) for y, w in reversed(pts)]
    return Polygon(right + left).buffer(0)


def limb(axis, widths, step=2.0):
    """A limb along an axis polyline, half widths given at fractions of its length."""
    # Resample the axis by arc length.
    seg = [math.dist(axis[i], axis[i + 1]) for i in range(len(axis) - 1)]
    total = sum(seg)
    samples = []
    n = int(total / step)
    for k in range(n + 1):
        d = total * k / n
        i = 0
        while i < len(seg) - 1 and d > seg[i]:
            d -= seg[i]
            i += 1
        f = min(1.0, d / seg[i])
        x = axis[i][0] + (axis[i + 1][0] - axis[i][0]) * f
        y = axis[i][1] + (axis[i + 1][1] - axis[i][1]) * f
        samples.append((x, y, k / n))
    wl = dict(spline([(t * 1000, w) for t, w, _ in widths]))
    wr = dict(spline([(t * 1000, w) for t, _, w in widths]))

    def at(table, t):
        keys = sorted(table)
        t *= 1000
        for a, b in zip(keys, keys[1:]):
            if a <= t <= b:
                return table[a] + (table[b] - table[a]) * ((t - a) / (b - a) if b > a else 0)
        return table[keys[-1]]

    left, right = [], []
    for i, (x, y, t) in enumerate(samples):
        j0, j1 = max(0, i - 1), min(len(samples) - 1, i + 1)
        dx = samples[j1][0] - samples[j0][0]
        dy = samples[j1][1] - samples[j0][1]
        ln = math.hypot(dx, dy) or 1
        nx, ny = -dy / ln, dx / ln
        left.append((x + nx * at(wl, t), y + ny * at(wl, t)))
        right.append((x - nx * at(wr, t), y - ny * at(wr, t)))
    poly = Polygon(left + list(reversed(right))).buffer(0)
    return poly.buffer(3, join_style=1).buffer(-3, join_style=1)


def mirror(geom):
    return affinity.scale(geom, xfact=-1, yfact=1, origin=(MID, 0))


# --- The figure -------------------------------------------------------------------------------

head = symmetric_part([(18, 0), (21, 16), (28, 29), (40, 38), (58, 43), (80, 44), (100, 41),
                       (116, 35), (128, 27), (136, 18), (140, 0)])
ear = Polygon([(MID + 41 + 6 * math.cos(a / 10), 84 + 13 * math.sin(a / 10))
               for a in range(63)])
head = unary_union([head, ear, mirror(ear)])

torso = symmetric_part([(124, 24), (150, 25), (168, 27), (178, 34), (187, 50), (196, 64),
                        (205, 72), (214, 76), (232, 76), (252, 72), (290, 67), (330, 62),
                        (370, 56), (396, 54), (425, 59), (455, 67), (485, 72), (503, 70),
                        (507, 0)])

arm_axis = [(266, 196), (274, 222), (292, 372), (305, 488), (312, 586)]
arm_widths = [  # fraction of length, inner half width, outer half width
    (0.00, 8, 10), (0.04, 18, 24), (0.09, 21, 27), (0.18, 19, 23), (0.33, 16, 19),
    (0.43, 14, 16),
    (0.47, 15, 17), (0.58, 15, 16), (0.70, 11, 12), (0.74, 10, 11), (0.80, 14, 15),
    (0.90, 12, 13), (0.97, 7, 8), (1.00, 3, 3)]
arm = limb(arm_axis, arm_widths)

leg_axis = [(236, 452), (243, 712), (240, 920), (241, 975)]
leg_widths = [
    (0.00, 26, 24), (0.06, 34, 35), (0.14, 33, 35), (0.28, 29, 30), (0.40, 22, 23),
    (0.47, 20, 21), (0.54, 20, 23), (0.60, 21, 24), (0.70, 16, 18), (0.81, 10, 11),
    (0.86, 10, 11), (0.90, 13, 15), (0.96, 15, 17), (1.00, 8, 10)]
leg = limb(leg_axis, leg_widths)

parts = {
    "head": head,
    "torso": torso,
    "arm": unary_union([arm, mirror(arm)]),
    "leg": unary_union([leg, mirror(leg)]),
}
silhouette = unary_union(list(parts.values())).buffer(1.5).buffer(-1.5)

# --- Regions ----------------------------------------------------------------------------------
# (id stem, name stem, part(s), boxes in the viewer's right half (x0, y0, x1, y1), BPI, WPI)
# A stem "{side}" is replaced by left/right; names are "Left …" / "Right …".

ANTERIOR = [
    ("head-anterior", "forehead and face", ["head"], [(200, 0, 400, 145)], "head", "jaw"),
    ("scm", "sternocleidomastoid (front of neck)", ["torso"], [(200, 136, 214, 188)],
     "neck", "neck"),
    ("scalenes", "scalenes (side of neck)", ["torso"], [(214, 136, 250, 190)], "neck", "neck"),
    ("deltoid-anterior", "front of the shoulder (anterior deltoid)", ["arm", "torso"],
     [(258, 180, 400, 262)], "shoulder", "shoulder-girdle"),
    ("pectoralis", "pectoralis (chest)", ["torso"], [(200, 186, 400, 272)], "chest",
     "chest"),
    ("serratus-anterior", "lower ribs (serratus anterior)", ["torso"], [(232, 272, 400, 352)],
     "chest", "chest"),
    ("abdominals-upper", "upper abdominals", ["torso"], [(200, 272, 232, 352)], "abdomen",
     "abdomen"),
    ("abdominals-lower", "lower abdominals", ["torso"], [(200, 352, 250, 448)], "abdomen",
     "abdomen"),
    ("obliques", "flank (obliques)", ["torso"], [(250, 352, 400, 448)], "abdomen", "abdomen"),
    ("iliopsoas", "hip flexors (iliopsoas, groin)", ["torso", "leg"], [(200, 448, 246, 512)],
     "pelvis", "hip"),
    ("tensor-fasciae-latae", "outer hip (tensor fasciae latae)", ["torso", "leg"],
     [(246, 448, 400, 530)], "hip", "hip"),
    ("biceps", "upper arm, front (biceps)", ["arm"], [(240, 262, 400, 372)], "upper-arm",
     "upper-arm"),
    ("forearm-flexors", "forearm flexors", ["arm"], [(240, 372, 400, 492)], "forearm",
     "lower-arm"),
    ("hand-palm", "hand, palm side", ["arm"], [(240, 492, 400, 600)], "hand", "lower-arm"),
    ("adductors", "inner thigh (adductors)", ["leg"], [(200, 512, 226, 680)], "thigh",
     "upper-leg"),
    ("quadriceps", "quadriceps (front of thigh)", ["leg"], [(226, 512, 261, 680)], "thigh",
     "upper-leg"),
    ("it-band", "outer thigh (IT band)", ["leg"], [(261, 530, 400, 680)], "thigh", "upper-leg"),
    ("knee-anterior", "knee, front", ["leg"], [(200, 680, 400, 736)], "knee", "lower-leg"),
    ("shin", "shin (medial tibia)", ["leg"], [(200, 736, 238, 906)], "lower-leg", "lower-leg"),
    ("tibialis-anterior", "tibialis anterior (outer shin)", ["leg"], [(238, 736, 400, 906)],
     "lower-leg", "lower-leg"),
    ("foot-dorsal", "ankle and top of the foot", ["leg"], [(200, 906, 400, 1000)], "foot",
     "lower-leg"),
]

POSTERIOR = [
    ("head-posterior", "back of the head", ["head"], [(200, 0, 400, 112)], "head", "neck"),
    ("suboccipitals", "suboccipitals (base of the skull)", ["head", "torso"],
     [(200, 112, 400, 150)], "neck", "neck"),
    ("levator-scapulae", "levator scapulae (back of neck)", ["torso"], [(200, 150, 214, 216),
                                                                          (214, 150, 400, 178)],
     "neck", "neck"),
    ("trapezius-upper", "upper trapezius", ["torso"], [(214, 178, 258, 216)], "shoulder",
     "shoulder-girdle"),
    ("deltoid", "deltoid (shoulder cap)", ["arm", "torso"], [(258, 178, 400, 262)], "shoulder",
     "shoulder-girdle"),
    ("erector-spinae-thoracic", "thoracic erector spinae", ["torso"], [(200, 216, 216, 366)],
     "upper-back", "upper-back"),
    ("trapezius-middle", "middle trapezius", ["torso"], [(216, 216, 400, 240)], "upper-back",
     "upper-back"),
    ("rhomboids", "rhomboids", ["torso"], [(216, 240, 236, 302)], "upper-back", "upper-back"),
    ("infraspinatus", "rotator cuff (infraspinatus)", ["torso"], [(236, 240, 270, 302)],
     "shoulder", "shoulder-girdle"),
    ("trapezius-lower", "lower trapezius", ["torso"], [(216, 302, 236, 366)], "upper-back",
     "upper-back"),
    ("latissimus-dorsi", "latissimus dorsi", ["torso"], [(270, 240, 400, 302),
                                                         (236, 302, 400, 392)],
     "upper-back", "upper-back"),
    ("erector-spinae-lumbar", "lumbar erector spinae", ["torso"], [(200, 366, 222, 462)],
     "lower-back", "lower-back"),
    ("quadratus-lumborum", "quadratus lumborum", ["torso"], [(222, 366, 236, 392),
                                                             (222, 392, 400, 448)],
     "lower-back", "lower-back"),
    ("sacroiliac", "sacroiliac joint", ["torso"], [(200, 462, 226, 500)], "lower-back",
     "lower-back"),
    ("gluteus-medius", "gluteus medius", ["torso", "leg"], [(222, 448, 400, 476),
                                                           (252, 476, 400, 500)],
     "buttock", "hip"),
    ("piriformis", "piriformis", ["torso", "leg"], [(226, 476, 252, 500)], "buttock", "hip"),
    ("gluteus-maximus", "gluteus maximus", ["torso", "leg"], [(200, 500, 400, 552)],
     "buttock", "hip"),
    ("triceps", "upper arm, back (triceps)", ["arm"], [(240, 262, 400, 372)], "upper-arm",
     "upper-arm"),
    ("forearm-extensors", "forearm extensors", ["arm"], [(240, 372, 400, 492)], "forearm",
     "lower-arm"),
    ("hand-dorsal", "back of the hand", ["arm"], [(240, 492, 400, 600)], "hand", "lower-arm"),
    ("hamstrings", "hamstrings", ["leg"], [(200, 552, 400, 690)], "thigh", "upper-leg"),
    ("knee-posterior", "back of the knee", ["leg"], [(200, 690, 400, 730)], "knee",
     "lower-leg"),
    ("gastrocnemius", "calf (gastrocnemius)", ["leg"], [(200, 730, 400, 830)], "lower-leg",
     "lower-leg"),
    ("soleus", "soleus and Achilles tendon", ["leg"], [(200, 830, 400, 912)], "lower-leg",
     "lower-leg"),
    ("heel", "heel", ["leg"], [(200, 912, 400, 1000)], "foot", "lower-leg"),
]

BPI_AREAS = [
    ("head", None, "Head"), ("neck", None, "Neck"), ("shoulder", "right", "Right shoulder"),
    ("shoulder", "left", "Left shoulder"), ("upper-arm", "right", "Right upper arm"),
    ("upper-arm", "left", "Left upper arm"), ("forearm", "right", "Right elbow and forearm"),
    ("forearm", "left", "Left elbow and forearm"), ("hand", "right", "Right wrist and hand"),
    ("hand", "left", "Left wrist and hand"), ("chest", None, "Chest"),
    ("abdomen", None, "Abdomen"), ("upper-back", None, "Upper back"),
    ("lower-back", None, "Lower back"), ("pelvis", None, "Pelvis and groin"),
    ("hip", "right", "Right hip"), ("hip", "left", "Left hip"),
    ("buttock", "right", "Right buttock"), ("buttock", "left", "Left buttock"),
    ("thigh", "right", "Right thigh"), ("thigh", "left", "Left thigh"),
    ("knee", "right", "Right knee"), ("knee", "left", "Left knee"),
    ("lower-leg", "right", "Right lower leg"), ("lower-leg", "left", "Left lower leg"),
    ("foot", "right", "Right ankle and foot"), ("foot", "left", "Left ankle and foot"),
]
# The Brief Pain Inventory's diagram is scored in 25 areas: both feet with their lower legs.
BPI_MERGE = {"foot": "lower-leg"}

WPI_AREAS = [
    ("jaw", "left", "Left jaw"), ("jaw", "right", "Right jaw"),
    ("shoulder-girdle", "left", "Left shoulder girdle"),
    ("shoulder-girdle", "right", "Right shoulder girdle"),
    ("upper-arm", "left", "Left upper arm"), ("upper-arm", "right", "Right upper arm"),
    ("lower-arm", "left", "Left lower arm"), ("lower-arm", "right", "Right lower arm"),
    ("hip", "left", "Left hip (buttock, trochanter)"),
    ("hip", "right", "Right hip (buttock, trochanter)"),
    ("upper-leg", "left", "Left upper leg"), ("upper-leg", "right", "Right upper leg"),
    ("lower-leg", "left", "Left lower leg"), ("lower-leg", "right", "Right lower leg"),
    ("chest", None, "Chest"), ("abdomen", None, "Abdomen"), ("upper-back", None, "Upper back"),
    ("lower-back", None, "Lower back"), ("neck", None, "Neck"),
]

BILATERAL_BPI = {"shoulder", "upper-arm", "forearm", "hand", "hip", "buttock", "thigh", "knee",
                 "lower-leg", "foot"}
BILATERAL_WPI = {"jaw", "shoulder-girdle", "upper-arm", "lower-arm", "hip", "upper-leg",
                 "lower-leg"}


def area_id(stem, side, bilateral):
    return f"{stem}-{side}" if stem in bilateral else stem


def build_view(cells, viewer_right_side):
    viewer_left_side = "left" if viewer_right_side == "right" else "right"
    assigned = []
    regions = []
    for stem, name, part_names, boxes, bpi, wpi in cells:
        part = unary_union([parts[p] for p in part_names]).intersection(silhouette)
        cell = unary_union([box(*b) for b in boxes])
        for side, geom in ((viewer_right_side, cell), (viewer_left_side, mirror(cell))):
            region = part.intersection(geom)
            if assigned:
                region = region.difference(unary_union(assigned))
            region = region.buffer(0)
            if region.is_empty:
                print(f"empty region {stem}-{side}", file=sys.stderr)
                continue
            assigned.append(region)
            bpi_stem = BPI_MERGE.get(bpi, bpi)
            regions.append({
                "id": f"{stem}-{side}",
                "name": f"{side.capitalize()} {name}",
                "side": side,
                "bpi": area_id(bpi_stem, side, BILATERAL_BPI),
                "wpi": area_id(wpi, side, BILATERAL_WPI),
                "geom": region,
            })

    # What the cells left uncovered joins the region it borders most.
    leftover = silhouette.difference(unary_union([r["geom"] for r in regions]))
    pieces = list(leftover.geoms) if hasattr(leftover, "geoms") else [leftover]
    for piece in pieces:
        if piece.is_empty or piece.area < 0.01:
            continue
        best = max(regions, key=lambda r: r["geom"].buffer(0.5).intersection(piece.buffer(0.5)).area)
        best["geom"] = unary_union([best["geom"], piece]).buffer(0)
    return regions


def polygon_points(poly, tolerance=0.35):
    poly = poly.simplify(tolerance, preserve_topology=True)
    coords = list(poly.exterior.coords)[:-1]
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)


def geometry_polygons(geom):
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    return [g for g in geom.geoms if isinstance(g, Polygon) and g.area > 0.5]


def curve(points):
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def arc(cx, cy, rx, ry, a0, a1, n=24):
    return [(cx + rx * math.cos(math.radians(a0 + (a1 - a0) * k / n)),
             cy + ry * math.sin(math.radians(a0 + (a1 - a0) * k / n))) for k in range(n + 1)]


def both(points):
    return [points, [(2 * MID - x, y) for x, y in points]]


DETAILS = {
    "anterior": (
        both([(203, 190), (222, 187), (245, 191), (262, 196)])            # clavicle
        + both([(203, 262), (222, 270), (246, 268), (262, 252)])          # lower border of pec
        + [[(200, 276), (200, 392)]]                                       # linea alba
        + [arc(200, 402, 3.5, 3.5, 0, 360)]                                # navel
        + both([(254, 452), (236, 474), (214, 496)])                       # inguinal ligament
        + both(arc(243, 704, 10, 13, 0, 360))                              # kneecap
    ),
    "posterior": (
        [[(200, 168), (200, 470)]]                                         # spine
        + both([(222, 216), (266, 226), (262, 246), (240, 298), (224, 232), (222, 216)])  # scapula
        + [[(200, 470), (200, 516)]]                                       # gluteal cleft
        + both([(204, 548), (226, 556), (252, 554), (268, 544)])           # gluteal fold
        + both([(230, 712), (256, 712)])                                   # knee crease
        + both([(296, 372), (300, 378)])                                   # elbow point
    ),
}

CHAINS = [
    (["erector-spinae-lumbar-*", "quadratus-lumborum-*", "sacroiliac-*"],
     ["hamstrings-*"], "Tight hamstrings tilt the pelvis backwards and load the low back."),
    (["erector-spinae-lumbar-*", "quadratus-lumborum-*", "sacroiliac-*"],
     ["gluteus-medius-*", "gluteus-maximus-*"],
     "Weak glutes make the low-back muscles overwork to steady the pelvis."),
    (["erector-spinae-lumbar-*", "quadratus-lumborum-*"],
     ["iliopsoas-*"], "Short hip flexors pull the lumbar spine forward into an arch."),
    (["erector-spinae-lumbar-*", "sacroiliac-*", "piriformis-*"],
     ["gastrocnemius-*", "soleus-*"],
     "A stiff calf and ankle change the gait, which twists the pelvis."),
    (["quadratus-lumborum-*"], ["quadratus-lumborum-*", "gluteus-medius-*"],
     "One tight quadratus lumborum hikes the hip; check both sides and the hip abductors."),
    (["levator-scapulae-*", "suboccipitals-*", "scalenes-*", "scm-*"],
     ["trapezius-upper-*"],
     "The upper trapezius shares the load of the head and often drives neck pain."),
    (["trapezius-upper-*", "suboccipitals-*", "levator-scapulae-*"],
     ["pectoralis-*"],
     "Tight pectorals round the shoulders and push the head forward, straining the neck."),
    (["trapezius-upper-*", "scm-*", "suboccipitals-*"],
     ["levator-scapulae-*"], "The levator scapulae lifts the shoulder blade and stiffens the neck when it is tight."),
    (["deltoid-*", "infraspinatus-*", "deltoid-anterior-*"],
     ["rhomboids-*", "trapezius-middle-*", "trapezius-lower-*"],
     "Weak shoulder-blade muscles let the shoulder roll forward and pinch the rotator cuff."),
    (["infraspinatus-*", "deltoid-*"], ["pectoralis-*", "latissimus-dorsi-*"],
     "Tight chest and latissimus muscles pull the upper arm inward against the rotator cuff."),
    (["it-band-*", "knee-anterior-*", "tensor-fasciae-latae-*"],
     ["gluteus-medius-*", "tensor-fasciae-latae-*"],
     "A weak gluteus medius lets the knee drift inward and tightens the IT band."),
    (["hamstrings-*"], ["erector-spinae-lumbar-*", "gluteus-maximus-*"],
     "Hamstrings that guard a sore low back tighten in turn."),
    (["forearm-extensors-*", "forearm-flexors-*"], ["scalenes-*", "pectoralis-*"],
     "Tight scalenes and pectoralis minor can narrow the path of the nerves to the forearm."),
    (["gastrocnemius-*", "soleus-*", "heel-*", "foot-dorsal-*"],
     ["hamstrings-*", "tibialis-anterior-*"],
     "The calf, shin and hamstrings share the work of walking; one tight link loads the others."),
]


def main(out_path):
    views = {
        "anterior": build_view(ANTERIOR, viewer_right_side="left"),
        "posterior": build_view(POSTERIOR, viewer_right_side="right"),
    }
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- data/atlas/body.xml — Palpate's body atlas: the figure, its regions and the",
        "     areas of the Brief Pain Inventory and the Widespread Pain Index they map to.",
        "     Written by build-aux/generate-atlas.py. Each view is 400 × 1000 units, origin top",
        "     left; points are \"x,y\". Left and right are the patient's. -->",
        "<!-- SPDX-License-Identifier: GPL-3.0-or-later -->",
        '<atlas width="400" height="1000">',
    ]
    outline = polygon_points(silhouette, 0.25)
    all_ids = set()
    for view_id, regions in views.items():
        lines.append(f'  <view id="{view_id}">')
        lines.append(f"    <outline>{outline}</outline>")
        for d in DETAILS[view_id]:
            lines.append(f"    <detail>{curve(d)}</detail>")
        for r in regions:
            all_ids.add(r["id"])
            lines.append(f'    <region id="{r["id"]}" side="{r["side"]}" bpi="{r["bpi"]}" '
                         f'wpi="{r["wpi"]}">')
            lines.append(f"      <name>{escape(r['name'])}</name>")
            for poly in geometry_polygons(r["geom"]):
                lines.append(f"      <polygon>{polygon_points(poly)}</polygon>")
            lines.append("    </region>")
        lines.append("  </view>")
    for stem, side, name in BPI_AREAS:
        aid = area_id(BPI_MERGE.get(stem, stem), side, BILATERAL_BPI) if side else stem
        if stem in BPI_MERGE:
            continue
        lines.append(f'  <bpi-area id="{aid}"><name>{escape(name)}</name></bpi-area>')
    for stem, side, name in WPI_AREAS:
        aid = f"{stem}-{side}" if side else stem
        lines.append(f'  <wpi-area id="{aid}"><name>{escape(name)}</name></wpi-area>')
    for regions_pattern, partners, reason in CHAINS:
        lines.append("  <chain>")
        for p in regions_pattern:
            lines.append(f'    <region ref="{p}"/>')
        for p in partners:
            lines.append(f'    <partner ref="{p}"/>')
        lines.append(f"    <reason>{escape(reason)}</reason>")
        lines.append("  </chain>")
    lines.append("</atlas>")
    open(out_path, "w").write("\n".join(lines) + "\n")
    print(f"{sum(len(v) for v in views.values())} regions", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/atlas/body.xml")
