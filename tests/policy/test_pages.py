"""The scorecard page and the office summary: who sees what, what they show, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.thaidates import current_fiscal_year
from factories.models import GreenIndustryCertificate
from policy.models import Scorecard
from policy.services import scorecards_recompute
from tests.builders import RUBRIC_YEAR, STRONG_THREE, add_factory


@pytest.fixture
def scored(rubric, factory, outside_factory, inspect):
    GreenIndustryCertificate.objects.create(factory=factory, level=3, issued_on=dt.date(2023, 1, 1))
    inspect(factory, STRONG_THREE | {"GEN-05": "8", "GEN-11": "5"})
    inspect(outside_factory, STRONG_THREE)
    scorecards_recompute(fiscal_year=RUBRIC_YEAR)
    return factory


def scorecard_url(factory) -> str:
    return reverse(
        "policy:scorecard", kwargs={"factory_pk": factory.pk, "fiscal_year": RUBRIC_YEAR}
    )


def office_url(code: str = "57") -> str:
    return reverse("policy:office", kwargs={"code": code, "fiscal_year": RUBRIC_YEAR})


@pytest.mark.parametrize("who", ["member", "head", "inspector", "executive", "admin_user"])
def test_it_shows_the_scorecard_to_those_who_see_the_factory(client, request, who, scored):
    client.force_login(request.getfixturevalue(who))
    response = client.get(scorecard_url(scored))
    assert response.status_code == 200
    page = response.content.decode()
    assert "การกระจายรายได้สู่ชุมชน" in page and "มิติที่อ่อนที่สุด" in page
    assert "ยังไม่สมดุล" in page
    assert "GEN-05 สัดส่วนคนงานที่มีภูมิลำเนาในจังหวัด" in page  # the answer behind the score
    assert "มิติที่อ่อนที่สุดบวก 10 คะแนน" in page  # the overall's formula


def test_it_answers_404_to_an_outsider(client, outsider, scored):
    client.force_login(outsider)
    assert client.get(scorecard_url(scored)).status_code == 404
    assert client.post(scorecard_url(scored)).status_code == 404
    assert client.get(office_url()).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, scored):
    assert client.get(scorecard_url(scored)).status_code == 302
    assert client.get(office_url()).status_code == 302
    assert client.get(reverse("policy:index")).status_code == 302


def test_it_highlights_the_weakest_dimension_and_shows_no_data(client, member, rubric, factory):
    client.force_login(member)
    response = client.get(scorecard_url(factory))
    assert "ยังไม่ได้คำนวณ" in response.content.decode()
    response = client.post(scorecard_url(factory), follow=True)
    page = response.content.decode()
    card = Scorecard.objects.get(factory=factory)
    assert card.business is None
    assert page.count("ไม่มีข้อมูล") >= 4
    assert "ข้อมูลไม่ครบทุกมิติ" in page


def test_it_links_answers_to_the_inspection_page_only_when_it_exists(client, member, scored):
    from django.urls import NoReverseMatch

    client.force_login(member)
    page = client.get(scorecard_url(scored)).content.decode()
    inspection = scored.inspections.get()
    try:
        link = reverse("inspections:detail", kwargs={"pk": inspection.pk})
    except NoReverseMatch:
        assert 'href="/inspections/' not in page
    else:
        assert f'href="{link}"' in page


def test_it_marks_the_weakest_dimension(client, member, scored):
    client.force_login(member)
    response = client.get(scorecard_url(scored))
    rows = {row["dimension"].code: row for row in response.context["rows"]}
    assert rows["income"]["weakest"] and rows["income"]["below"]
    assert not rows["business"]["weakest"]
    assert 'data-testid="dimension-income"' in response.content.decode()


def test_it_keeps_the_scorecard_page_query_count_constant(client, member, scored, inspect):
    client.force_login(member)
    client.get(scorecard_url(scored))  # warm the session

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(scorecard_url(scored)).status_code == 200
        return len(captured)

    before = count()
    for _ in range(3):
        inspect(scored, STRONG_THREE | {"GEN-13": "yes", "AIR-01": "no"})
    scorecards_recompute(fiscal_year=RUBRIC_YEAR)
    assert count() == before
    assert before <= 10


@pytest.mark.parametrize("who", ["member", "head", "inspector", "executive"])
def test_it_shows_the_office_summary_within_scope(client, request, who, scored):
    client.force_login(request.getfixturevalue(who))
    response = client.get(office_url())
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures["total"] == 1 and figures["balanced"] == 0
    assert response.context["unbalanced"] == 1
    assert [card.factory for card in response.context["weak"]] == [scored]
    assert "โรงสีพิจิตร" not in response.content.decode()


def test_it_hides_other_offices_summaries(client, member, inspector, scored):
    client.force_login(member)
    assert client.get(office_url("66")).status_code == 404
    client.force_login(inspector)  # region 16, not Phichit's region 18
    assert client.get(office_url("66")).status_code == 404


def test_it_sends_office_staff_to_their_office_and_lets_others_choose(
    client, member, inspector, executive, scored
):
    client.force_login(member)
    assert client.get(reverse("policy:index")).url == reverse(
        "policy:office", kwargs={"code": "57", "fiscal_year": current_fiscal_year()}
    )
    client.force_login(inspector)
    response = client.get(reverse("policy:index"))
    offices = [o.pk for o in response.context["offices"]]
    assert "57" in offices and "66" not in offices
    response = client.get(reverse("policy:index"), {"office": "66", "year": RUBRIC_YEAR})
    assert response.status_code == 200  # not theirs: the chooser again
    client.force_login(executive)
    response = client.get(reverse("policy:index"), {"office": "66", "year": RUBRIC_YEAR})
    assert response.url == office_url("66")


def test_it_keeps_the_office_summary_query_count_constant(client, member, scored, inspect):
    client.force_login(member)
    client.get(office_url())

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(office_url()).status_code == 200
        return len(captured)

    before = count()
    for n in range(5):
        inspect(add_factory(f"โรงงานเพิ่ม {n}"), {"GEN-01": "no", "GEN-05": "10", "WW-01": "yes"})
    scorecards_recompute(fiscal_year=RUBRIC_YEAR)
    assert count() == before
    assert before <= 10
