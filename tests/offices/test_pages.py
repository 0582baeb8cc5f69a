"""The office pages: who may see and change what, and how many queries they cost."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.thaidates import current_fiscal_year
from offices.models import OfficeYear, Region


@pytest.fixture
def years(member_office, outsider_office):
    fy = current_fiscal_year()
    return [
        OfficeYear.objects.create(
            office=member_office,
            fiscal_year=fy,
            staff_count=30,
            budget_received=Decimal("2500000"),
            budget_spent=Decimal("500000"),
            problems="บุคลากรไม่เพียงพอ\nงบประมาณจำกัด",
        ),
        OfficeYear.objects.create(office=outsider_office, fiscal_year=fy, staff_count=21),
    ]


# --- office list -----------------------------------------------------------------------------


def test_it_lists_only_the_offices_of_an_inspectors_regions(client, inspector, years):
    client.force_login(inspector)
    response = client.get(reverse("offices:list"))
    assert response.status_code == 200
    names = [o.short_name for o in response.context["offices"]]
    assert names == ["สอจ.เชียงราย", "สอจ.น่าน", "สอจ.พะเยา", "สอจ.แพร่"]  # Thai order
    assert "สอจ.พิจิตร" not in response.content.decode()


def test_an_office_member_sees_only_their_office_in_the_list(client, member, years):
    client.force_login(member)
    response = client.get(reverse("offices:list"))
    assert [o.pk for o in response.context["offices"]] == ["57"]


def test_executives_see_all_offices_in_thai_order(client, executive):
    client.force_login(executive)
    offices = client.get(reverse("offices:list")).context["offices"]
    assert len(offices) == 76
    names = [o.province.name_th for o in offices]
    assert names[:3] == ["กระบี่", "กาญจนบุรี", "กาฬสินธุ์"]
    # เชียงราย sorts under ช, not after ฮ as plain code points would put it.
    assert names.index("เชียงราย") < names.index("ตาก")


def test_it_filters_by_region_and_search(client, executive):
    client.force_login(executive)
    response = client.get(reverse("offices:list"), {"region": 18})
    assert {o.pk for o in response.context["offices"]} == {"60", "61", "62", "66"}
    response = client.get(reverse("offices:list"), {"q": "พิจิตร"})
    assert [o.pk for o in response.context["offices"]] == ["66"]
    response = client.get(reverse("offices:list"), {"region": "x", "fy": "soon"})
    assert response.status_code == 200


def test_an_htmx_request_gets_the_table_fragment_only(client, executive):
    client.force_login(executive)
    response = client.get(reverse("offices:list"), {"region": 16}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'data-testid="office-table"' in body
    assert "<html" not in body
    assert response.templates[0].name == "offices/_office_table.html"


def test_the_list_costs_the_same_queries_for_4_or_76_offices(
    client, executive, inspector, years, django_assert_num_queries
):
    # user + offices with their year's facts joined + regions for the filter (the session is
    # cached); an inspector's regions are a subquery, not a query of their own.
    client.force_login(inspector)
    with django_assert_num_queries(3):
        client.get(reverse("offices:list"))
    client.force_login(executive)
    with django_assert_num_queries(3):
        client.get(reverse("offices:list"))


# --- office detail ---------------------------------------------------------------------------


def test_a_member_sees_their_office(client, member, years):
    client.force_login(member)
    response = client.get(reverse("offices:detail", kwargs={"code": "57"}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "สำนักงานอุตสาหกรรมจังหวัดเชียงราย" in body
    assert "บุคลากรไม่เพียงพอ" in body
    assert "แก้ไขข้อมูลปีงบประมาณ" not in body  # officers read, heads write


def test_another_offices_page_answers_404(client, outsider, years):
    client.force_login(outsider)
    response = client.get(reverse("offices:detail", kwargs={"code": "57"}))
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


def test_an_inspector_sees_offices_of_their_region_only(client, inspector, years):
    client.force_login(inspector)
    body = client.get(reverse("offices:detail", kwargs={"code": "57"})).content.decode()
    assert '<h1 class="h3 mb-0">สำนักงานอุตสาหกรรมจังหวัดเชียงราย</h1>' in body
    assert "แก้ไขข้อมูลปีงบประมาณ" not in body  # reads, does not edit
    assert client.get(reverse("offices:detail", kwargs={"code": "66"})).status_code == 404


def test_the_head_gets_the_edit_button(client, head, years):
    client.force_login(head)
    body = client.get(reverse("offices:detail", kwargs={"code": "57"})).content.decode()
    assert "แก้ไขข้อมูลปีงบประมาณ" in body


def test_the_detail_page_has_a_fixed_query_count(
    client, executive, member_office, django_assert_num_queries
):
    for fy in range(2560, 2570):
        OfficeYear.objects.create(office=member_office, fiscal_year=fy)
    client.force_login(executive)
    # user, office, years, staff, inspectors; the session comes from the cache
    with django_assert_num_queries(5):
        client.get(reverse("offices:detail", kwargs={"code": "57"}))


# --- office year edit ------------------------------------------------------------------------


def edit_url(code: str = "57", fy: int | None = None) -> str:
    return reverse(
        "offices:year_edit", kwargs={"code": code, "fiscal_year": fy or current_fiscal_year()}
    )


def test_the_head_reports_the_year_with_thai_number_formats(client, head):
    client.force_login(head)
    response = client.post(
        edit_url(),
        {
            "staff_count": "30",
            "budget_received": "1,250,000",
            "budget_spent": "250,000.50",
            "housing_condition": "dilapidated",
            "housing_note": "",
            "problems": "บุคลากรไม่เพียงพอ",
        },
    )
    assert response.status_code == 302
    year = OfficeYear.objects.get(office_id="57", fiscal_year=current_fiscal_year())
    assert year.budget_received == Decimal("1250000")
    assert year.budget_spent == Decimal("250000.50")
    assert year.history.count() == 1


def test_bad_figures_are_refused_in_thai_and_kept(client, head):
    client.force_login(head)
    response = client.post(
        edit_url(),
        {
            "staff_count": "abc",
            "budget_received": "100",
            "budget_spent": "1,000",
            "housing_condition": "good",
            "problems": "งบประมาณจำกัด",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "งบประมาณที่ใช้ไปต้องไม่เกินงบประมาณที่ได้รับ" in body
    assert 'value="1,000"' in body and 'value="abc"' in body
    assert "งบประมาณจำกัด" in body
    assert not OfficeYear.objects.exists()


def test_an_officer_may_not_edit_the_facts(client, member):
    client.force_login(member)
    response = client.get(edit_url())
    assert response.status_code == 403
    assert "เฉพาะอุตสาหกรรมจังหวัด" in response.content.decode()


def test_another_offices_head_gets_404(client, outsider_head):
    client.force_login(outsider_head)
    assert client.get(edit_url("57")).status_code == 404
    assert client.post(edit_url("57"), {"staff_count": "1"}).status_code == 404


def test_an_inspector_may_read_but_not_edit(client, inspector):
    client.force_login(inspector)
    assert client.get(edit_url("57")).status_code == 403


def test_an_admin_may_correct_any_office(client, admin_user):
    client.force_login(admin_user)
    body = client.get(edit_url("66")).content.decode()
    assert '<a href="/offices/66/">สอจ.พิจิตร</a>' in body
    assert f"รายงานข้อมูลสำนักงาน · ปีงบประมาณ {current_fiscal_year()}" in body
    assert 'name="staff_count"' in body


def test_an_absurd_fiscal_year_is_not_found(client, head):
    client.force_login(head)
    assert client.get(edit_url(fy=3000)).status_code == 404


def test_pages_need_a_login(client, member_office):
    for url in (
        reverse("offices:list"),
        reverse("offices:detail", kwargs={"code": "57"}),
        edit_url(),
        reverse("core:home"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_regions_for_the_filter_are_only_the_visible_ones(client, inspector):
    client.force_login(inspector)
    regions = client.get(reverse("offices:list")).context["regions"]
    assert list(regions) == [Region.objects.get(number=16)]
