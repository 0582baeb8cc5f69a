"""The provinces' map: TopoJSON arcs decoded (deltas, transform, reversed arcs) and projected
into SVG path data once per process."""

from __future__ import annotations

import json
import re

from policy import maps


def test_arcs_are_delta_decoded_and_scaled():
    topology = {
        "transform": {"scale": [0.5, 0.25], "translate": [100, 10]},
        "arcs": [[[0, 0], [2, 0], [0, 4]], [[2, 4], [-2, -4]]],
    }
    arcs = maps._arcs(topology)
    assert arcs[0] == [(100.0, 10.0), (101.0, 10.0), (101.0, 11.0)]
    assert arcs[1] == [(101.0, 11.0), (100.0, 10.0)]
    # A ring joins its arcs without repeating the shared point; ~0 is arc 0 reversed.
    assert maps._ring([0, 1], arcs) == [(100, 10), (101, 10), (101, 11), (100, 10)]
    assert maps._ring([~0], arcs) == [(101, 11), (101, 10), (100, 10)]


def test_every_province_is_drawn_inside_the_view_box():
    drawn = maps.province_map()
    topology = json.loads(maps.TOPOJSON.read_text(encoding="utf-8"))
    (layer,) = topology["objects"].values()
    assert len(drawn.paths) == len(layer["geometries"]) == 77
    assert "10" in drawn.paths and "57" in drawn.paths  # Bangkok, Chiang Rai
    assert drawn.view_box == f"0 0 {maps.WIDTH} {drawn.height}"
    # Thailand is taller than wide.
    assert drawn.height > maps.WIDTH
    for path in drawn.paths.values():
        assert path.startswith("M") and path.endswith("z")
        x, y = map(float, re.match(r"M([\d.]+) ([\d.]+)", path).groups())
        assert 0 <= x <= maps.WIDTH and 0 <= y <= drawn.height
    # Chiang Rai is in the far north, Narathiwat (96) in the far south.
    north = float(re.match(r"M[\d.]+ ([\d.]+)", drawn.paths["57"]).group(1))
    south = float(re.match(r"M[\d.]+ ([\d.]+)", drawn.paths["96"]).group(1))
    assert north < drawn.height * 0.2 < drawn.height * 0.8 < south
    assert maps.province_map() is drawn  # once per process


def test_numbers_are_written_shortest():
    assert [maps._tenth(v) for v in (8, -8, 12, 0, -120)] == [".8", "-.8", "1.2", "0", "-12"]
