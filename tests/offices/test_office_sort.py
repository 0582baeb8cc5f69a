"""The office list sorts by any of its columns, both ways, from clickable headers that say how
the list is sorted (aria-sort) and keep the other filters; names in Thai dictionary order."""

from __future__ import annotations

import re

import pytest

from core.thaidates import current_fiscal_year
from offices.models import Office
from tests.builders import make_region16_years

URL = "/offices/"
SORTS = ["name", "region", "staff", "budget", "spent", "housing"]


@pytest.fixture
def region16_years(db) -> None:
    make_region16_years()


def provinces(client, **params) -> list[str]:
    return [o.province.name_th for o in client.get(URL, params).context["offices"]]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["เชียงราย", "น่าน", "พะเยา", "แพร่"]),
        ("-name", ["แพร่", "พะเยา", "น่าน", "เชียงราย"]),
        ("staff", ["น่าน", "พะเยา", "เชียงราย", "แพร่"]),
        ("-staff", ["เชียงราย", "พะเยา", "น่าน", "แพร่"]),
        ("budget", ["พะเยา", "น่าน", "เชียงราย", "แพร่"]),
        ("-budget", ["เชียงราย", "น่าน", "พะเยา", "แพร่"]),
        ("spent", ["เชียงราย", "น่าน", "พะเยา", "แพร่"]),
        ("-spent", ["น่าน", "เชียงราย", "พะเยา", "แพร่"]),
        ("housing", ["เชียงราย", "น่าน", "พะเยา", "แพร่"]),
        ("-housing", ["พะเยา", "น่าน", "เชียงราย", "แพร่"]),
    ],
)
def test_each_column_sorts_the_inspectors_offices_both_ways(
    client, inspector, region16_years, sort, expected
):
    """Unreported figures (แพร่; พะเยา's share of nothing received) come last either way."""
    client.force_login(inspector)
    # เชียงราย sorts under ช and แพร่ under พ, as in the dictionary, not by the leading vowel.
    assert provinces(client, sort=sort) == expected


def test_names_sort_in_thai_order_across_the_country_both_ways(client, executive):
    client.force_login(executive)
    up = provinces(client, sort="name")
    assert len(up) == 76 and up[:3] == ["กระบี่", "กาญจนบุรี", "กาฬสินธุ์"]
    assert up.index("กำแพงเพชร") < up.index("เชียงราย") < up.index("ตาก") < up.index("แพร่")
    assert up.index("แพร่") < up.index("ภูเก็ต")  # แพร่ under พ, before ภ
    assert provinces(client, sort="-name") == up[::-1]
    assert provinces(client) == up  # the default


def test_regions_sort_by_number_then_name(client, executive):
    client.force_login(executive)
    for sort in ("region", "-region"):
        offices = client.get(URL, {"sort": sort}).context["offices"]
        numbers = [o.region.number for o in offices]
        assert numbers == sorted(numbers, reverse=sort.startswith("-"))
        assert numbers[0] == (1 if sort == "region" else 18)
        region_18 = [o.province.name_th for o in offices if o.region.number == 18]
        assert region_18 == ["กำแพงเพชร", "นครสวรรค์", "พิจิตร", "อุทัยธานี"]


def test_an_inspector_sees_only_the_regions_offices_whatever_the_sort(
    client, inspector, region16_years
):
    client.force_login(inspector)
    region = set(
        Office.objects.filter(region__number=16).values_list("province__name_th", flat=True)
    )
    for sort in SORTS:
        for direction in ("", "-"):
            assert set(provinces(client, sort=direction + sort)) == region
    assert "สอจ.พิจิตร" not in client.get(URL, {"sort": "-staff"}).content.decode()


def headers(html: str) -> dict[str, tuple[str, str]]:
    """Each header's sort key: its aria-sort and the query of its link."""
    found = re.findall(
        r'<th scope="col"[^>]*aria-sort="(\w+)" data-sort="(\w+)">\s*<a [^>]*href="\?([^"]*)"', html
    )
    return {key: (aria, query.replace("&amp;", "&")) for aria, key, query in found}


def test_headers_say_how_the_list_is_sorted_and_keep_the_filters(client, executive):
    client.force_login(executive)
    fy = current_fiscal_year()
    html = client.get(URL, {"region": 16, "q": "เชียง", "fy": fy}).content.decode()
    columns = headers(html)
    assert list(columns) == SORTS
    assert columns["name"][0] == "ascending"
    assert all(aria == "none" for key, (aria, _query) in columns.items() if key != "name")
    # The sorted column's link turns it round; the others sort by themselves, up.
    assert (
        columns["name"][1]
        == f"q=%E0%B9%80%E0%B8%8A%E0%B8%B5%E0%B8%A2%E0%B8%87&region=16&fy={fy}&sort=-name"
    )
    assert columns["staff"][1].endswith("&sort=staff") and "region=16" in columns["staff"][1]

    html = client.get(URL, {"region": 16, "sort": "-staff"}).content.decode()
    columns = headers(html)
    assert columns["staff"] == ("descending", f"region=16&fy={fy}&sort=staff")
    assert columns["name"][0] == "none"
    # The filter form above keeps the sort when a filter changes.
    assert '<input type="hidden" name="sort" value="-staff" form="office-filters">' in html
    assert 'id="office-filters"' in html


def test_a_filter_request_keeps_the_sort_and_htmx_gets_the_fragment(
    client, executive, region16_years
):
    client.force_login(executive)
    response = client.get(URL, {"region": 16, "sort": "-staff"}, HTTP_HX_REQUEST="true")
    assert response.templates[0].name == "offices/_office_table.html"
    assert [o.province.name_th for o in response.context["offices"]] == [
        "เชียงราย",
        "พะเยา",
        "น่าน",
        "แพร่",
    ]
    assert 'aria-sort="descending" data-sort="staff"' in response.content.decode()


def test_an_unknown_sort_falls_back_to_names(client, executive):
    client.force_login(executive)
    for odd in ("price", "--name", "-", "name;drop", "²"):
        response = client.get(URL, {"sort": odd})
        assert response.status_code == 200
        assert response.context["sort"] == "name"


@pytest.mark.parametrize("sort", [*SORTS, *[f"-{s}" for s in SORTS]])
def test_every_sort_costs_the_same_queries_for_4_or_76_offices(
    client, inspector, executive, region16_years, django_assert_num_queries, sort
):
    # user + offices (sorted in the database) with the years' facts + regions for the filter
    for user in (inspector, executive):
        client.force_login(user)
        with django_assert_num_queries(3):
            response = client.get(URL, {"sort": sort})
        assert len(response.context["offices"]) == (4 if user == inspector else 76)
