"""The inspector's region dashboard and the executives' national one: the offices side by side and
sorted, every office ranked, the map of the provinces, the XLSX, the fiscal year, who may see them,
their query counts, and that a change in the data shows."""

from __future__ import annotations

import io
import re
import time

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.thaidates import current_fiscal_year
from factories.models import Factory
from inspections.services.review import inspection_approve
from offices.models import Office
from policy import dashboards
from policy.dashboards import figures_changed
from policy.models import KpiTarget
from tests.builders import inspect, make_inspection, make_user, risky_factory
from tests.pages import page_texts

pytestmark = pytest.mark.django_db

REGION_16 = ("54", "55", "56", "57")  # แพร่ น่าน พะเยา เชียงราย


def region(number: int = 16, **query: str) -> str:
    url = reverse("policy:region_dashboard", kwargs={"number": number})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def nation(**query: str) -> str:
    url = reverse("policy:national_dashboard")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def row_order(response) -> list[str]:
    return re.findall(r'<tr data-testid="(?:office|rank)-(\d+)"', response.content.decode())


@pytest.fixture
def world(db):
    """Chiang Rai: three risky factories, two inspected (66.7%); Nan: two, both inspected
    (100%); Phichit: one, not inspected (0%). Nobody else has a risky factory."""
    officer = make_user("officer-57", "officer", "57")
    chiang_rai = [risky_factory(f"โรงงานเชียงราย {n}") for n in range(3)]
    inspect(chiang_rai[0], officer)
    inspect(chiang_rai[1], officer)
    for n in range(2):
        inspect(risky_factory(f"โรงงานน่าน {n}", province="55"), officer)
    risky_factory("โรงงานพิจิตร", province="66")
    return {"chiang_rai": chiang_rai, "officer": officer}


# --- the region -------------------------------------------------------------------------------


def test_the_inspector_sees_the_offices_of_the_region_side_by_side(client, inspector, world):
    client.force_login(inspector)
    response = client.get(region())
    texts = page_texts(response).texts
    assert texts["region-name"] == Office.objects.get(pk="57").region.name
    assert sorted(row_order(response)) == sorted(REGION_16)
    assert texts["value-57-inspection_coverage"] == "66.7"
    assert texts["value-55-inspection_coverage"] == "100.0"
    assert texts["value-54-inspection_coverage"] == "—"
    assert "66" not in row_order(response)  # Phichit is another region's
    # Every KPI is a column.
    for code in dashboards.KPIS:
        assert f"value-57-{code}" in texts


def test_the_region_table_sorts_by_any_kpi_on_the_server(client, inspector, world):
    client.force_login(inspector)
    highest = row_order(client.get(region(sort="inspection_coverage")))
    assert highest[:2] == ["55", "57"]
    lowest = row_order(client.get(region(sort="-inspection_coverage")))
    assert lowest[:2] == ["57", "55"]
    # Offices with nothing to count come last either way.
    assert set(highest[2:]) == set(lowest[2:]) == {"54", "56"}
    # HTMX swaps the table only.
    body = client.get(region(sort="inspection_coverage"), headers={"HX-Request": "true"})
    assert b"<html" not in body.content
    assert row_order(body)[:2] == ["55", "57"]
    # An unknown sort is the province order, not an error.
    assert row_order(client.get(region(sort="nonsense"))) == list(REGION_16)


def test_each_number_of_the_region_opens_the_records_behind_it(client, inspector, world):
    client.force_login(inspector)
    html = client.get(region()).content.decode()
    kwargs = {"code": "57", "kpi_code": "inspection_coverage"}
    records = reverse("policy:kpi_records", kwargs=kwargs)
    year = current_fiscal_year()
    assert f"{records}?fy={year}&which=numerator" in html
    assert f"{records}?fy={year}&which=denominator" in html
    listed = page_texts(client.get(f"{records}?fy={year}&which=numerator"))
    assert listed.texts["record-count"] == "2"


def test_the_region_table_downloads_as_xlsx_and_shows_another_year(client, inspector, world):
    client.force_login(inspector)
    sheet = load_workbook(io.BytesIO(client.get(region(format="xlsx")).content)).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert set(rows) == {"รหัสจังหวัด", *REGION_16}
    # code, name, then four columns per KPI: coverage first.
    assert rows["57"][2:5] == (66.7, 2, 3)
    last_year = current_fiscal_year() - 1
    texts = page_texts(client.get(region(fy=str(last_year)))).texts
    assert texts["dashboard-year"] == f"ปีงบประมาณ {last_year}"
    assert texts["value-57-inspection_coverage"] == "0.0"


def test_who_may_see_a_region(client, inspector, head, executive, admin_user, world):
    client.force_login(inspector)
    assert client.get(region(18)).status_code == 404  # another region
    assert client.get(region(99)).status_code == 404
    response = client.get(reverse("policy:regions_dashboard"))
    assert response["Location"] == region(16)
    for person in (executive, admin_user):
        client.force_login(person)
        assert client.get(region(18)).status_code == 200
    client.force_login(head)
    assert client.get(region(16)).status_code == 404  # office staff read their office
    assert client.get(reverse("policy:regions_dashboard")).status_code == 404
    client.logout()
    response = client.get(region())
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


# The inspector's regions (the person is kept in the cache); counted afresh: the region's
# offices, the KPIs in five groups, the targets, and the offices' names to draw them. Kept
# (figures and HTML): nothing more.
REGION_COUNTED, REGION_KEPT = 9, 1


def test_the_region_reads_a_fixed_number_of_queries(
    client, inspector, world, django_assert_num_queries
):
    client.force_login(inspector)
    client.get(region())
    figures_changed()
    with django_assert_num_queries(REGION_COUNTED):
        client.get(region(sort="gi_certified"))
    with django_assert_num_queries(REGION_KEPT):
        client.get(region(sort="gi_certified"))
    # The figures kept, drawn in another order for the first time: the offices' names too.
    with django_assert_num_queries(REGION_KEPT + 1):
        client.get(region())
    for code in ("54", "56"):
        for n in range(3):
            inspect(risky_factory(f"โรงงานเพิ่ม {code} {n}", province=code), world["officer"])
    figures_changed()
    with django_assert_num_queries(REGION_COUNTED):
        client.get(region())


# --- the nation -------------------------------------------------------------------------------


def test_the_executive_sees_every_office_ranked(client, executive, world):
    client.force_login(executive)
    response = client.get(nation())
    order = row_order(response)
    assert len(order) == Office.objects.count() == 76
    assert order[:3] == ["55", "57", "66"]  # 100%, 66.7%, 0%; then those with no figure
    texts = page_texts(response).texts
    assert texts["value-57"] == "66.7"
    assert texts["numerator-57"] == "2"
    assert texts["denominator-57"] == "3"
    assert texts["chosen-kpi"] == "ความครอบคลุมการตรวจโรงงานที่มีความเสี่ยง"


def test_another_kpi_ranks_and_colours_by_it(client, executive, world):
    Factory.objects.filter(name="โรงงานพิจิตร").update(i_industry_registered_on="2020-01-01")
    figures_changed()
    client.force_login(executive)
    response = client.get(nation(kpi="i_industry"))
    assert row_order(response)[0] == "66"  # 1 of 1 registered
    assert page_texts(response).texts["chosen-kpi"] == "โรงงานที่ลงทะเบียน I-Industry"


def test_the_map_draws_every_province_and_links_each_office(client, executive, world):
    client.force_login(executive)
    html = client.get(nation()).content.decode()
    assert html.count("<path d=") == 77
    # Chiang Rai: a link to its office's dashboard, named with its figure, coloured by a step.
    link = reverse("policy:office_dashboard", kwargs={"code": "57"})
    area = re.search(r'<a href="([^"]+)" data-testid="province-57"[^>]*>(.*?)</a>', html, re.S)
    assert area.group(1) == f"{link}?fy={current_fiscal_year()}"
    assert re.search(r"<title>เชียงราย: ร้อยละ 66.7 \(2/3\)</title>", area.group(2))
    colour = re.search(r'fill="(#[0-9a-f]{6})"', area.group(2)).group(1)
    assert colour in dashboards.STEP_COLOURS
    # Nan (100%, the best) is the darkest step, Phichit (0%) the lightest.
    nan = re.search(r'data-testid="province-55".*?fill="(#[0-9a-f]{6})"', html, re.S).group(1)
    phichit = re.search(r'data-testid="province-66".*?fill="(#[0-9a-f]{6})"', html, re.S).group(1)
    assert (nan, phichit) == (dashboards.STEP_COLOURS[-1], dashboards.STEP_COLOURS[0])
    # Bangkok has no provincial office: drawn, not linked.
    assert 'data-testid="province-10"' in html
    assert not re.search(r'<a [^>]*data-testid="province-10"', html)
    # The legend names its steps; the table below is the map's alternative.
    assert len(page_texts(client.get(nation())).all("legend-step")) == 5
    assert 'data-testid="ranking"' in html


def test_the_nation_downloads_as_xlsx(client, executive, world):
    client.force_login(executive)
    sheet = load_workbook(io.BytesIO(client.get(nation(format="xlsx")).content)).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True)}
    assert len(rows) == 1 + 76
    assert rows["55"][2:5] == (100, 2, 2)


def test_only_executives_and_admins_see_the_nation(
    client, executive, admin_user, inspector, head, member, world
):
    for person in (executive, admin_user):
        client.force_login(person)
        assert client.get(nation()).status_code == 200
    for person in (inspector, head, member):
        client.force_login(person)
        assert client.get(nation()).status_code == 404
    client.logout()
    response = client.get(nation())
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


# (The person is kept in the cache.) Counted afresh: the offices, the KPIs in five groups, the
# targets, the provinces with their offices (for the names on the map and in the table). Kept:
# nothing at all; for another KPI (the figures kept, the page drawn afresh) the provinces.
NATION_COUNTED, NATION_KEPT, NATION_ANOTHER_KPI = 8, 0, 1


def test_the_nation_reads_a_fixed_number_of_queries(
    client, executive, world, django_assert_num_queries
):
    client.force_login(executive)
    client.get(nation())
    figures_changed()
    with django_assert_num_queries(NATION_COUNTED):
        client.get(nation())
    with django_assert_num_queries(NATION_KEPT):
        client.get(nation())
    with django_assert_num_queries(NATION_ANOTHER_KPI):
        client.get(nation(kpi="orders_on_time"))
    for code in ("10", "20", "30"):
        risky_factory(f"โรงงานใหม่ {code}", province=code)
    figures_changed()
    with django_assert_num_queries(NATION_COUNTED):
        client.get(nation())


# --- fresh data -------------------------------------------------------------------------------


def test_an_approval_shows_at_once_to_the_head_and_within_five_minutes_to_everyone(
    client, head, executive, inspector, world, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(dashboards, "FRESH_SECONDS", 2)
    submitted = make_inspection(world["chiang_rai"][2], world["officer"])
    pages = {
        head: (
            reverse("policy:office_dashboard", kwargs={"code": "57"}),
            "value-inspection_coverage",
        ),
        inspector: (region(), "value-57-inspection_coverage"),
        executive: (nation(), "value-57"),
    }

    def coverage(person) -> str:
        client.force_login(person)
        url, testid = pages[person]
        return page_texts(client.get(url)).texts[testid]

    assert [coverage(p) for p in pages] == ["66.7"] * 3  # now kept in the cache
    with django_capture_on_commit_callbacks(execute=True):
        inspection_approve(inspection=submitted, user=head)
    # The head's own dashboard counts again at once; the region's and the nation's keep their
    # figures for their time (five minutes; two seconds here), then count again.
    assert [coverage(p) for p in pages] == ["100.0", "66.7", "66.7"]
    time.sleep(2.5)
    assert [coverage(p) for p in pages] == ["100.0"] * 3


def test_a_change_that_tells_nobody_shows_once_the_kept_figures_expire(
    client, head, world, monkeypatch
):
    monkeypatch.setattr(dashboards, "FRESH_SECONDS", 1)
    client.force_login(head)
    url = reverse("policy:office_dashboard", kwargs={"code": "57"})
    assert page_texts(client.get(url)).texts["value-inspection_coverage"] == "66.7"
    # An inspection written straight to the table, as a bulk import would: no signal, so the
    # figures kept are shown until they expire.
    inspect(world["chiang_rai"][2], world["officer"])
    assert page_texts(client.get(url)).texts["value-inspection_coverage"] == "66.7"
    time.sleep(1.5)
    assert page_texts(client.get(url)).texts["value-inspection_coverage"] == "100.0"


def test_a_new_target_shows_at_once_everywhere(client, executive, world):
    client.force_login(executive)
    assert page_texts(client.get(nation())).texts["target-57"] == "100"
    KpiTarget.objects.create(kpi="inspection_coverage", fiscal_year=current_fiscal_year(), value=80)
    assert page_texts(client.get(nation())).texts["target-57"] == "80"


def test_figures_are_kept_no_longer_than_five_minutes():
    assert dashboards.FRESH_SECONDS <= 5 * 60
