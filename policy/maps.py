"""The provinces of Thailand as SVG paths, for the national dashboard's map.

Read once per process from ``policy/data/thailand-provinces.topojson`` (geoBoundaries, ODbL:
see the LICENSE file beside it) and drawn on the server, so the page needs no script, tile server
or network. TopoJSON keeps each shared border once, as an *arc* of quantized, delta-encoded
points; a province is a list of rings, each a list of arc indexes (``~i`` means arc ``i``
reversed). The points are projected equirectangularly, longitude scaled by the cosine of the
country's middle latitude, which keeps shapes true enough for a country this size.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TOPOJSON = Path(__file__).parent / "data" / "thailand-provinces.topojson"
WIDTH = 400  # of the view box; the height follows the country's shape
# Points closer than this to the last one drawn (in view box units) are left out: invisible at
# any size the page shows, and they would make the page several times heavier.
MIN_STEP = 1.2

Point = tuple[float, float]


@dataclass(frozen=True)
class ProvinceMap:
    width: int
    height: int
    paths: dict[str, str]  # DOPA province code: SVG path data

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _arcs(topology: dict) -> list[list[Point]]:
    """Every arc as absolute longitudes and latitudes: the deltas added up, then scaled."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    """A ring's points: its arcs joined, each after the first without its first point (the
    previous arc's last)."""
    points: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def _path(points: list[Point]) -> str:
    """A closed ring in SVG path data: the first point, then each step from the one before
    (relative "l"), in tenths of a unit: half the size of absolute coordinates."""
    tenths = [(round(x * 10), round(y * 10)) for x, y in points]
    (x0, y0), steps = tenths[0], []
    previous = tenths[0]
    for x, y in tenths[1:]:
        steps.append(f"{_tenth(x - previous[0])} {_tenth(y - previous[1])}")
        previous = (x, y)
    # A minus sign separates two numbers as well as a space does.
    return f"M{_tenth(x0)} {_tenth(y0)}l{' '.join(steps)}z".replace(" -", "-")


def _tenth(value: int) -> str:
    """Tenths as SVG writes numbers shortest: 8 → ".8", -8 → "-.8", 12 → "1.2"."""
    text = f"{value / 10:g}"
    return text.replace("0.", ".", 1) if text.lstrip("-").startswith("0.") else text


@cache
def province_map() -> ProvinceMap:
    """The map of the 77 provinces (Bangkok included), keyed by DOPA code (``TH-57`` → ``57``)."""
    topology = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    (layer,) = topology["objects"].values()
    geometries = layer["geometries"]
    rings = {
        geometry["properties"]["shapeISO"].removeprefix("TH-"): [
            _ring(ring, arcs) for polygon in _polygons(geometry) for ring in polygon
        ]
        for geometry in geometries
    }
    everywhere = [p for province in rings.values() for ring in province for p in ring]
    west = min(lon for lon, _lat in everywhere)
    east = max(lon for lon, _lat in everywhere)
    south = min(lat for _lon, lat in everywhere)
    north = max(lat for _lon, lat in everywhere)
    across = math.cos(math.radians((north + south) / 2))
    scale = WIDTH / ((east - west) * across)
    height = math.ceil((north - south) * scale)

    def project(point: Point) -> Point:
        lon, lat = point
        return ((lon - west) * across * scale, (north - lat) * scale)

    paths = {}
    for code, province in rings.items():
        parts = []
        for ring in province:
            drawn: list[Point] = []
            for point in map(project, ring):
                if drawn and math.dist(point, drawn[-1]) < MIN_STEP:
                    continue
                drawn.append(point)
            if len(drawn) < 3:
                continue
            parts.append(_path(drawn))
        paths[code] = "".join(parts)
    return ProvinceMap(WIDTH, height, dict(sorted(paths.items())))
