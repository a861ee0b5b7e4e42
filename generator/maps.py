"""An offline SVG map of places: country shapes from Natural Earth, one dot and link per place.

The country shapes come from the npm package ``world-atlas`` (pinned in the Makefile as
``WORLD_ATLAS_VERSION``; ISC licence, Natural Earth's public-domain 1:110m countries, 108 KB of
TopoJSON), which ``make build`` and ``make test`` install into ``.venv/world-atlas``. Nothing is
fetched while building or viewing: the shapes are decoded here (``decode_topojson``: TopoJSON is a
small format, quantised delta-encoded arcs shared by neighbouring polygons) and written once per
build as ``data/world.svg``; each page's map draws them with ``<use href=".../world.svg#world">``,
so a page carries only its own dots (a few hundred bytes) and the browser fetches the shapes once.

Projection: equirectangular (``x = (lon + 180) × SCALE``, ``y = (90 − lat) × SCALE``), the same in
the shared file and in every map; a map is only a ``viewBox`` on it, fitted to its places'
bounding box with a margin (``fit_view``), or the whole world when the places span most of it.
Dots and labels are sized from the view, so they look the same at every zoom.

Accessibility: the map is ``role="group"`` with a name and a ``<title>``; each place is a link
(``<a>``) whose accessible name is its label, so a keyboard or screen-reader user reaches each
place page; the shapes are decorative (``aria-hidden``). Colours come from the theme's CSS
variables (``digest.css``): dots in the link colour, labels in the text colour with a halo of the
background colour, both 4.5:1 or more in the light and dark schemes.
"""
from __future__ import annotations

import html
import json
import math
import os
import sys
from functools import lru_cache
from pathlib import Path

from .render import clean_text

SCALE = 2  # SVG units per degree: 720 × 360 for the world
WORLD_WIDTH, WORLD_HEIGHT = 360 * SCALE, 180 * SCALE
# The whole-world view leaves out most of Antarctica and the Arctic ocean (85°N to 60°S): no news is there.
WORLD_VIEW = (0.0, 5.0 * SCALE, float(WORLD_WIDTH), 145.0 * SCALE)
ASPECT = 2.0  # width / height of a fitted map
MIN_SPAN = 16.0 * SCALE  # a map of one city still shows its region: at least 16° wide
WORLD_ABOVE = 0.55  # a fitted view wider than this share of the world becomes the world view
MAX_LABELS = 12  # places drawn with a visible label; the others are dots with a tooltip and a name
WORLD_ATLAS_VERSION = "2.0.2"
WORLD_FILE = "countries-110m.json"
WORLD_SVG = "data/world.svg"  # where output.py writes the shapes, relative to docs/
WORLD_ID = "world"


class MapDataMissing(RuntimeError):
    """The country shapes are not installed (``make build`` installs them)."""


def world_atlas_path() -> Path:
    """Where the Natural Earth TopoJSON is: ``$DIGEST_WORLD_ATLAS`` if set, else the copy that the
    Makefile installs beside the Python environment (``<venv>/world-atlas/node_modules/world-atlas``)."""
    override = os.environ.get("DIGEST_WORLD_ATLAS")
    if override:
        return Path(override)
    return Path(sys.prefix) / "world-atlas" / "node_modules" / "world-atlas" / WORLD_FILE


def project(lat: float, lon: float) -> tuple[float, float]:
    """(lat, lon) in degrees → (x, y) in the map's SVG units (equirectangular, north up)."""
    return (lon + 180.0) * SCALE, (90.0 - lat) * SCALE


def decode_topojson(topology: dict, object_name: str = "countries",
                    skip: frozenset[str] = frozenset()) -> list[list[list[tuple[float, float]]]]:
    """The polygons of one TopoJSON object as rings of (lon, lat): a list per feature, of rings.

    Follows the TopoJSON specification: arcs are delta-encoded when the topology has a
    ``transform`` (then quantised positions are scaled and translated); a negative arc index ~i
    is arc i reversed; consecutive arcs of a ring share their joining point, kept once. Features
    whose ``name`` property is in ``skip`` are left out.
    Raises ``ValueError`` when the object is missing or not polygons.
    """
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points, x, y = [], 0, 0
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]
                (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
                points.append((x * sx + tx, y * sy + ty))
            else:
                points.append((float(position[0]), float(position[1])))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for index in indexes:
            points = arcs[index] if index >= 0 else arcs[~index][::-1]
            out.extend(points[1:] if out else points)
        return out

    try:
        geometries = topology["objects"][object_name]["geometries"]
    except KeyError as error:
        raise ValueError(f"TopoJSON has no object {object_name!r}") from error
    features = []
    for geometry in geometries:
        if (geometry.get("properties") or {}).get("name") in skip:
            continue
        if geometry.get("type") == "Polygon":
            features.append([ring(r) for r in geometry["arcs"]])
        elif geometry.get("type") == "MultiPolygon":
            features.append([ring(r) for polygon in geometry["arcs"] for r in polygon])
        elif geometry.get("type") is None:
            continue  # a feature with no geometry (TopoJSON allows it)
        else:
            raise ValueError(f"TopoJSON object {object_name!r}: {geometry.get('type')} is not a polygon")
    return features


def _unwrap(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the antimeridian (a step of more than 180° of longitude: Russia's
    Chukotka, Fiji) made continuous, and drawn twice, a world apart, so that each side of the map
    gets its part and no edge runs across the whole map; any other ring as it is."""
    out, shift, previous = [], 0.0, None
    for lon, lat in points:
        if previous is not None and abs(lon + shift - previous) > 180:
            shift += 360.0 if previous > lon + shift else -360.0
        out.append((lon + shift, lat))
        previous = lon + shift
    if not shift and all(-180 <= lon <= 180 for lon, _ in out):
        return [points]
    return [out, [(lon - 360.0, lat) for lon, lat in out] if max(lon for lon, _ in out) > 180
            else [(lon + 360.0, lat) for lon, lat in out]]


def _path(rings: list[list[tuple[float, float]]]) -> str:
    """An SVG path of rings in projected units, one decimal (a twentieth of a degree), points
    that round to the previous one dropped."""
    parts = []
    for points in (part for ring in rings for part in _unwrap(ring)):
        last = None
        cmds = []
        for lon, lat in points:
            x, y = project(lat, lon)
            here = (round(x, 1), round(y, 1))
            if here == last:
                continue
            cmds.append(("M" if last is None else "L") + f"{_num(here[0])} {_num(here[1])}")
            last = here
        if len(cmds) > 2:
            parts.append("".join(cmds) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def world_svg() -> str:
    """The shared shapes file (``data/world.svg``): every country as one ``<path>`` in a group
    ``#world``, no fill or stroke of its own so that each map's ``<use>`` gives them the theme's
    colours. Raises ``MapDataMissing`` when the TopoJSON is not installed."""
    path = world_atlas_path()
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise MapDataMissing(f"{path}: the map's country shapes are missing — run `make build` (installs "
                             f"world-atlas@{WORLD_ATLAS_VERSION} from npm) or set DIGEST_WORLD_ATLAS") from error
    # Antarctica circles the pole: in this projection its ring would run along the bottom edge and
    # back across the map, and no view of ours reaches below 60°S
    paths = "".join(f'<path d="{_path(rings)}"/>' for rings in decode_topojson(topology, skip=frozenset({"Antarctica"}))
                    if rings)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WORLD_WIDTH} {WORLD_HEIGHT}">'
            f"<!-- Natural Earth 1:110m countries (public domain), via world-atlas {WORLD_ATLAS_VERSION} (ISC) -->"
            f'<g id="{WORLD_ID}">{paths}</g></svg>\n')


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fit_view(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """The viewBox (x, y, width, height) for projected ``points``: their bounding box with a margin
    of a fifth of its size on each side, at least ``MIN_SPAN`` wide, widened to ``ASPECT``, kept
    inside the world; the whole-world view when that is wider than ``WORLD_ABOVE`` of the world
    (or there are no points)."""
    if not points:
        return WORLD_VIEW
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    width = max((max(xs) - min(xs)) * 1.4, MIN_SPAN)
    height = max((max(ys) - min(ys)) * 1.4, MIN_SPAN / ASPECT)
    width, height = max(width, height * ASPECT), max(height, width / ASPECT)
    if width > WORLD_WIDTH * WORLD_ABOVE or height > WORLD_HEIGHT:
        return WORLD_VIEW
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x = min(max(cx - width / 2, 0.0), WORLD_WIDTH - width)
    y = min(max(cy - height / 2, 0.0), WORLD_HEIGHT - height)
    return (x, y, width, height)


def map_svg(places: list[tuple[str, float, float, str | None]], *, world_href: str | None,
            label: str = "Map of the places", max_labels: int = MAX_LABELS) -> str:
    """An inline SVG map of ``places``, each (name, lat, lon, href or None); ``""`` when no place
    has usable coordinates (None, NaN, infinite, or off the globe).

    ``world_href`` is the URL of the shared shapes file from the page (``pages.href`` to
    ``WORLD_SVG``); None draws the dots without country shapes (the shapes are not installed). Each place is a dot; the first ``max_labels`` (give them in order of
    importance) also get a visible label, the rest a tooltip, and every linked place is an
    ``<a>`` whose accessible name is the place's name. Places at the same spot are drawn once,
    their names joined. The output is the same text for the same input.
    """
    spots: dict[tuple[float, float], list[tuple[str, str | None]]] = {}
    for name, lat, lon, href in places:
        if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            continue
        x, y = project(lat, lon)
        spots.setdefault((round(x, 2), round(y, 2)), []).append((name, href))
    if not spots:
        return ""
    vx, vy, vw, vh = fit_view(list(spots))
    r = vw / 160
    font = vw / 48
    halo = font / 4
    names = "; ".join(", ".join(n for n, _ in group) for group in spots.values())
    out = [f'<svg class="digest-map" role="group" viewBox="{_num(vx)} {_num(vy)} {_num(vw)} {_num(vh)}" width="100%" '
           f'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg" '
           f'aria-label="{_esc(label)}">',
           f"<title>{_esc(label)}: {_esc(names)}</title>",
           f'<rect class="digest-map-sea" x="{_num(vx)}" y="{_num(vy)}" width="{_num(vw)}" height="{_num(vh)}" '
           f'fill="none"/>',
           (f'<use class="digest-map-land" href="{_esc(world_href)}#{WORLD_ID}" aria-hidden="true" '
            f'fill="currentColor" fill-opacity="0.12" stroke="currentColor" stroke-opacity="0.45" '
            # vector-effect is not inherited into the shapes <use> clones: the border's width is
            # set in the view's units instead, about one pixel at the map's usual width
            f'stroke-width="{_num(vw / 640)}" stroke-linejoin="round"/>' if world_href else "")]
    placed: list[tuple[float, float, float, float]] = []  # the labels drawn so far: (x0, y0, x1, y1)
    for i, ((x, y), group) in enumerate(spots.items()):
        name = ", ".join(n for n, _ in group)
        href = next((h for _, h in group if h), None)
        dot = (f'<circle class="digest-map-dot" cx="{_num(x)}" cy="{_num(y)}" r="{_num(r)}" fill="currentColor" '
               f'stroke-width="{_num(r / 3)}"/>')
        text = ""
        if len(placed) < max_labels:
            text = _label(name, x, y, r, font, halo, (vx, vy, vw, vh), placed)
        title = f"<title>{_esc(name)}</title>"
        if href:
            out.append(f'<a href="{_esc(href)}" aria-label="{_esc(name)}">{title}{dot}{text}</a>')
        else:
            out.append(f"<g>{title}{dot}{text}</g>")
    return "".join(out) + "</svg>"


def _label(name: str, x: float, y: float, r: float, font: float, halo: float,
           view: tuple[float, float, float, float], placed: list) -> str:
    """A visible label beside the dot, right of it or else left of it, where it overlaps no label
    already placed and stays in the view; ``""`` when neither side is free (the place keeps its
    dot, tooltip and accessible name). ``placed`` gains the label's box."""
    vx, vy, vw, vh = view
    width, height = 0.6 * font * len(name), font  # an estimate: wide enough for most fonts
    top = y - height * 0.7
    for right in (True, False):
        x0 = x + r * 1.6 if right else x - r * 1.6 - width
        box = (x0, top, x0 + width, top + height)
        inside = vx <= box[0] and box[2] <= vx + vw and vy <= box[1] and box[3] <= vy + vh
        if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            placed.append(box)
            return (f'<text class="digest-map-label" x="{_num(x + r * 1.6 if right else x - r * 1.6)}" '
                    f'y="{_num(y + font / 3)}" font-size="{_num(font)}" text-anchor="{"start" if right else "end"}" '
                    f'stroke-width="{_num(halo)}" fill="currentColor">{_esc(name)}</text>')
    return ""


def _esc(value: object) -> str:
    """Text for an SVG attribute or element: ``render.clean_text`` (no XML-refused or bidi
    control characters), whitespace collapsed, HTML-escaped — never markup."""
    return html.escape(" ".join(clean_text(str(value)).split()), quote=True)
