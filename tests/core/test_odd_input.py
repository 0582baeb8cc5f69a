"""Odd input answers 400, 404 or a form error, never a server error.

NUL and other control characters (PostgreSQL refuses NUL in text), digits that ``isdigit``
accepts but ``int`` refuses (``²``), ids that are not numbers, and years out of range.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from inspections.models import InspectionStatus
from tests.builders import add_factory, follow_up_of, issue_s37, make_inspection
from tests.pages import OPEN, named_patterns

NUL = "\x00"
SUPERSCRIPT_TWO = "²"  # "²".isdigit() is true; int("²") raises ValueError
HUGE = "99999999999999999999"

# Pages without an id in their address, that answer GET.
LIST_PAGES = sorted(
    name
    for name, route in set(named_patterns())
    if "<" not in route
    and name not in OPEN
    and name not in {"inspections:plan-assign", "password_change_done"}
)
YEAR_PAGES = (("policy:index", "year"), ("inspections:plan", "year"), ("offices:list", "fy"))


@pytest.fixture
def factory(db):
    return add_factory("โรงสีข้าวเชียงแสน")


def test_it_finds_the_list_pages():
    for name in ("offices:list", "factories:list", "factories:complaints", "inspections:plan"):
        assert name in LIST_PAGES


def test_a_nul_in_the_query_string_is_a_bad_request_on_every_list_page(client, admin_user):
    client.force_login(admin_user)
    answers = {name: client.get(reverse(name), {"q": NUL}).status_code for name in LIST_PAGES}
    assert answers == dict.fromkeys(LIST_PAGES, 400)
    response = client.get(reverse("offices:list"), {"q": f"เชียง{NUL}ราย"})
    assert "คำขอไม่ถูกต้อง" in response.content.decode()


def test_a_nul_in_a_parameter_name_or_an_office_is_a_bad_request(client, inspector):
    client.force_login(inspector)
    for url in (
        reverse("policy:index") + "?office=%00",
        reverse("inspections:plan") + "?office=57%00",
        reverse("offices:list") + "?q%00=1",
    ):
        assert client.get(url).status_code == 400, url


def test_a_nul_in_a_path_id_is_a_bad_request_or_not_found(client, inspector):
    client.force_login(inspector)
    for url in (
        "/offices/%00/",
        "/offices/57%00/",
        "/factories/1%00/",
        "/policy/offices/%00/2568/",
    ):
        assert client.get(url).status_code in (400, 404), url
    assert client.get("/offices/%00/").status_code == 400


def test_the_plans_filters_before_an_office_is_picked_get_a_fragment(client, inspector):
    client.force_login(inspector)
    response = client.get(
        reverse("inspections:plan"), {"office": "", "year": "2570"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="choose-office"' in body
    assert "<html" not in body
    # The page holds the element the filters' requests replace.
    page = client.get(reverse("inspections:plan")).content.decode()
    assert 'id="plan-table"' in page


@pytest.mark.parametrize("name", ["factories:complaint_create", "factories:loan_create"])
@pytest.mark.parametrize("factory_id", [SUPERSCRIPT_TWO, "๑", "-1", HUGE, "1.0", "abc"])
def test_an_odd_factory_id_on_the_complaint_and_loan_forms_is_ignored(
    client, member, factory, name, factory_id
):
    client.force_login(member)
    response = client.get(reverse(name), {"factory": factory_id})
    assert response.status_code == 200
    assert response.context["form"].initial.get("factory") is None
    assert (
        client.get(reverse(name), {"factory": factory.pk}).context["form"].initial["factory"]
        == factory
    )


def test_an_odd_order_to_escalate_is_not_found(client, member, factory):
    inspection = make_inspection(factory, member)
    client.force_login(member)
    url = reverse("inspections:order_create", kwargs={"pk": inspection.pk})
    for value in (SUPERSCRIPT_TWO, "abc", HUGE):
        assert client.get(url, {"escalates": value}).status_code == 404, value
        assert client.post(url, {"escalates": value}).status_code == 404, value


def test_an_odd_order_on_the_follow_up_form_is_not_found(client, member, factory):
    issue_s37(make_inspection(factory, member), member)
    follow_up = follow_up_of(factory, member)
    client.force_login(member)
    url = reverse("inspections:follow_up", kwargs={"pk": follow_up.pk})
    for value in ("abc", SUPERSCRIPT_TWO, "", HUGE):
        response = client.post(url, {"order": value, "complied": "yes"})
        assert response.status_code == 404, value


def test_odd_years_fall_back_to_this_year(client, inspector):
    client.force_login(inspector)
    for name, parameter in YEAR_PAGES:
        for year in ("-5", "0", HUGE, "2701", SUPERSCRIPT_TWO, "abc"):
            response = client.get(reverse(name), {parameter: year})
            assert response.status_code == 200, (name, year, response.status_code)
    response = client.get(reverse("policy:index"), {"office": "57", "year": "-5"})
    assert response.status_code == 302
    assert re.search(r"/policy/offices/57/25\d\d/$", response["Location"])


def test_an_address_with_a_year_out_of_range_is_not_found(client, inspector, factory):
    client.force_login(inspector)
    for year in ("0", "2499", "2701", HUGE):
        for url in (f"/policy/offices/57/{year}/", f"/policy/factories/{factory.pk}/{year}/"):
            assert client.get(url).status_code == 404, url
        assert client.post(f"/policy/factories/{factory.pk}/{year}/").status_code == 404


def test_nul_in_posted_text_is_a_bad_request(client, member, head, factory):
    draft = make_inspection(factory, member, status=InspectionStatus.DRAFT, severities=())
    submitted = make_inspection(factory, member)
    approved = make_inspection(factory, member, status=InspectionStatus.APPROVED)
    client.force_login(member)
    assert (
        client.post(
            reverse("inspections:summary", kwargs={"pk": draft.pk}), {"summary": f"ok{NUL}"}
        ).status_code
        == 400
    )
    draft.refresh_from_db()
    assert draft.summary == ""
    client.force_login(head)
    assert (
        client.post(
            reverse("inspections:return", kwargs={"pk": submitted.pk}), {"comment": f"แก้{NUL}"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            reverse("inspections:amend", kwargs={"pk": approved.pk}), {"reason": f"ผิด{NUL}"}
        ).status_code
        == 400
    )
    submitted.refresh_from_db()
    approved.refresh_from_db()
    assert submitted.status == InspectionStatus.SUBMITTED
    assert approved.status == InspectionStatus.APPROVED


def test_nul_in_a_follow_up_note_is_a_bad_request(client, member, factory):
    order = issue_s37(make_inspection(factory, member), member)
    follow_up = follow_up_of(factory, member)
    client.force_login(member)
    response = client.post(
        reverse("inspections:follow_up", kwargs={"pk": follow_up.pk}),
        {"order": order.pk, "complied": "yes", "note": f"ทำแล้ว{NUL}"},
    )
    assert response.status_code == 400
    assert not follow_up.order_checks.exists()


def test_tabs_and_new_lines_in_posted_text_are_kept(client, member, factory):
    draft = make_inspection(factory, member, status=InspectionStatus.DRAFT, severities=())
    client.force_login(member)
    response = client.post(
        reverse("inspections:summary", kwargs={"pk": draft.pk}), {"summary": "ก\tข\r\nค"}
    )
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.summary == "ก\tข\r\nค"
