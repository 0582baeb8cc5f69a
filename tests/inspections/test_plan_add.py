"""The head puts any factory of the office on the year's plan by hand (after a complaint, to
follow an order up, …), with a reason and an assignee; twice, another office's, or bad input
is refused in Thai."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.thaidates import current_fiscal_year
from factories.models import FactoryStatus
from inspections.models import InspectionPlanEntry, PlanEntryReason
from inspections.selectors import PlanFilters, plan_candidates, plan_filter, plan_for_office
from inspections.services.plan import plan_add_factory
from tests.builders import add_factory

SAFE, RISKY = "01900", "10500"
URL = "/inspections/plan/add/"


@pytest.fixture
def register(db):
    """Chiang Rai: three factories without risk flags, one risky, one removed; one of Phichit."""
    return {
        "ice": add_factory("โรงน้ำแข็งแม่สาย", type_code=SAFE, number="3-19-1/60ชร"),
        "mill": add_factory("โรงสีข้าวเชียงแสน", type_code=SAFE, operator_name="นายสมศักดิ์"),
        "kiln": add_factory("เตาเผาอิฐเวียงชัย", type_code=SAFE),
        "landfill": add_factory("บ่อขยะดอยหลวง", type_code=RISKY),
        "gone": add_factory("โรงน้ำแข็งเลิกแล้ว", type_code=SAFE, status=FactoryStatus.REMOVED),
        "phichit": add_factory("โรงน้ำแข็งพิจิตร", province="66", type_code=SAFE),
    }


def names_on_plan(year: int | None = None) -> list[str]:
    return [f.name for f in plan_for_office(office="57", fiscal_year=year or current_fiscal_year())]


# --- the service ------------------------------------------------------------------------------


def test_it_puts_a_factory_without_risk_on_the_plan_with_its_reason(
    register, head, member, member_office
):
    fy = current_fiscal_year()
    assert "โรงน้ำแข็งแม่สาย" not in names_on_plan()
    entry = plan_add_factory(
        office=member_office,
        fiscal_year=fy,
        factory=register["ice"],
        reason=PlanEntryReason.COMPLAINT,
        note="  ร้องเรียนเรื่องเสียงดังทางไลน์  ",
        assigned_to=member,
        by=head,
    )
    assert (entry.reason, entry.note, entry.assigned_to) == (
        "complaint",
        "ร้องเรียนเรื่องเสียงดังทางไลน์",
        member,
    )
    rows = {f.name: f for f in plan_for_office(office="57", fiscal_year=fy)}
    ice = rows["โรงน้ำแข็งแม่สาย"]
    assert ice.on_entry and not ice.on_risk and ice.assigned_to_id == member.pk
    assert (ice.entry_reason, ice.entry_note) == ("complaint", "ร้องเรียนเรื่องเสียงดังทางไลน์")
    # Only for that year; and the plan's "added" filter finds it.
    assert "โรงน้ำแข็งแม่สาย" not in names_on_plan(fy + 1)
    added = plan_filter(plan_for_office(office="57", fiscal_year=fy), PlanFilters(reason="added"))
    assert [f.name for f in added] == ["โรงน้ำแข็งแม่สาย"]


def test_it_refuses_the_same_factory_twice_and_one_already_on_the_plan(
    register, head, member_office
):
    fy = current_fiscal_year()
    add = {"office": member_office, "fiscal_year": fy, "reason": "follow_up", "by": head}
    plan_add_factory(factory=register["ice"], **add)
    with pytest.raises(ValidationError) as twice:
        plan_add_factory(factory=register["ice"], **add)
    assert twice.value.message_dict == {"factory": ["โรงงานนี้อยู่ในแผนของปีงบประมาณนี้แล้ว"]}
    # The risky landfill is on the plan already, without an entry.
    with pytest.raises(ValidationError) as risky:
        plan_add_factory(factory=register["landfill"], **add)
    assert risky.value.message_dict == {"factory": ["โรงงานนี้อยู่ในแผนของปีงบประมาณนี้แล้ว"]}
    assert InspectionPlanEntry.objects.count() == 1


def test_it_refuses_bad_input_field_by_field(register, head, outsider, member_office):
    fy = current_fiscal_year()

    def errors(**changes) -> dict[str, list[str]]:
        args = {
            "office": member_office,
            "fiscal_year": fy,
            "factory": register["ice"],
            "reason": "complaint",
            "by": head,
            **changes,
        }
        with pytest.raises(ValidationError) as raised:
            plan_add_factory(**args)
        return raised.value.message_dict

    assert errors(factory=register["phichit"]) == {"factory": ["ไม่พบโรงงานนี้ในทะเบียนของสำนักงาน"]}
    assert "จำหน่ายออกจากทะเบียน" in errors(factory=register["gone"])["factory"][0]
    assert errors(fiscal_year=fy - 1) == {"year": ["เพิ่มโรงงานได้เฉพาะแผนของปีงบประมาณนี้หรือปีถัดไป"]}
    assert errors(reason="whim") == {"reason": ["กรุณาเลือกเหตุที่เพิ่มโรงงานในแผน"]}
    assert errors(reason="other", note="  ") == {"note": ["กรุณาระบุรายละเอียดเมื่อเลือกเหตุอื่น ๆ"]}
    assert errors(note="ก" * 301) == {"note": ["รายละเอียดยาวได้ไม่เกิน 300 ตัวอักษร"]}
    assert errors(assigned_to=outsider) == {"assigned_to": ["มอบหมายได้เฉพาะเจ้าหน้าที่ของสำนักงานนี้"]}
    assert not InspectionPlanEntry.objects.exists()
    # The next fiscal year's plan takes factories; "other" with a note is fine.
    plan_add_factory(
        office=member_office,
        fiscal_year=fy + 1,
        factory=register["ice"],
        reason="other",
        note="ตรวจร่วมกับจังหวัด",
        by=head,
    )
    assert "โรงน้ำแข็งแม่สาย" in names_on_plan(fy + 1)


def test_only_the_offices_head_adds(register, member, outsider_head, member_office):
    for user in (member, outsider_head):
        with pytest.raises(PermissionDenied):
            plan_add_factory(
                office=member_office,
                fiscal_year=current_fiscal_year(),
                factory=register["ice"],
                reason="complaint",
                by=user,
            )
    assert not InspectionPlanEntry.objects.exists()


def test_candidates_are_the_offices_factories_in_thai_order_marked_when_planned(
    register, head, member_office
):
    fy = current_fiscal_year()
    plan_add_factory(
        office=member_office, fiscal_year=fy, factory=register["mill"], reason="complaint", by=head
    )
    found = plan_candidates(office="57", fiscal_year=fy, q="โรง", limit=10)
    # Phichit's and the removed one are not found; Thai order puts โรงน้ำ before โรงสี.
    assert [(f.name, f.on_plan) for f in found] == [
        ("โรงน้ำแข็งแม่สาย", False),
        ("โรงสีข้าวเชียงแสน", True),
    ]
    assert [f.name for f in plan_candidates(office="57", fiscal_year=fy, q="3-19-1", limit=10)] == [
        "โรงน้ำแข็งแม่สาย"
    ]
    assert [f.name for f in plan_candidates(office="57", fiscal_year=fy, q="สมศักดิ์", limit=10)] == [
        "โรงสีข้าวเชียงแสน"
    ]
    # Thai order: เตา sorts under ต, before บ่อ and โรง.
    everything = plan_candidates(office="57", fiscal_year=fy, q="", limit=10)
    assert [f.name for f in everything] == [
        "เตาเผาอิฐเวียงชัย",
        "บ่อขยะดอยหลวง",
        "โรงน้ำแข็งแม่สาย",
        "โรงสีข้าวเชียงแสน",
    ]
    assert len(plan_candidates(office="57", fiscal_year=fy, q="", limit=2)) == 2


# --- the pages --------------------------------------------------------------------------------


def test_the_head_sees_the_add_button_and_finds_factories_over_htmx(client, register, head):
    client.force_login(head)
    plan = client.get(reverse("inspections:plan")).content.decode()
    assert "เพิ่มโรงงานเข้าแผน" in plan and reverse("inspections:plan-add") in plan
    page = client.get(URL, {"year": current_fiscal_year()})
    assert page.status_code == 200
    assert "ค้นหาโรงงานของสำนักงาน" in page.content.decode()
    fragment = client.get(URL, {"find": "น้ำแข็ง"}, HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert "<html" not in html
    assert "โรงน้ำแข็งแม่สาย" in html and "ไม่มีความเสี่ยง" in html
    assert "โรงน้ำแข็งพิจิตร" not in html and "โรงน้ำแข็งเลิกแล้ว" not in html
    assert (
        "ไม่พบโรงงาน" in client.get(URL, {"find": "ไม่มีชื่อนี้"}, HTTP_HX_REQUEST="true").content.decode()
    )


def test_the_head_adds_a_factory_and_lands_on_the_plan_showing_it(client, register, head, member):
    client.force_login(head)
    fy = current_fiscal_year()
    response = client.post(
        URL,
        {
            "year": fy,
            "factory": register["ice"].pk,
            "reason": "complaint",
            "note": "ร้องเรียนเสียงดัง",
            "assigned_to": member.pk,
            "find": "น้ำแข็ง",
        },
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain[-1][0].startswith(reverse("inspections:plan"))
    assert f"เพิ่ม โรงน้ำแข็งแม่สาย ในแผนการตรวจปีงบประมาณ {fy} แล้ว" in html
    rows = list(response.context["page"])
    assert [row.name for row in rows] == ["โรงน้ำแข็งแม่สาย"]
    assert "เพิ่มในแผน: เรื่องร้องเรียน" in html and "ร้องเรียนเสียงดัง" in html
    assert rows[0].assignee == member


def test_adding_twice_gives_a_thai_message_and_keeps_the_input(client, register, head):
    client.force_login(head)
    data = {
        "year": current_fiscal_year(),
        "factory": register["ice"].pk,
        "reason": "follow_up",
        "note": "ติดตามคำสั่งเดิม",
        "find": "แม่สาย",
    }
    assert client.post(URL, data).status_code == 302
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "โรงงานนี้อยู่ในแผนของปีงบประมาณนี้แล้ว" in html
    assert 'value="ติดตามคำสั่งเดิม"' in html and 'value="แม่สาย"' in html
    assert 'id="reason-follow_up" value="follow_up" checked' in html
    assert InspectionPlanEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"factory": ""}, "กรุณาเลือกโรงงานที่จะเพิ่มในแผน"),
        ({"factory": "abc"}, "กรุณาเลือกโรงงานที่จะเพิ่มในแผน"),
        ({"factory": "²"}, "กรุณาเลือกโรงงานที่จะเพิ่มในแผน"),
        ({"reason": ""}, "กรุณาเลือกเหตุที่เพิ่มโรงงานในแผน"),
        ({"reason": "other", "note": ""}, "กรุณาระบุรายละเอียดเมื่อเลือกเหตุอื่น ๆ"),
        ({"note": "ก" * 301}, "รายละเอียดยาวได้ไม่เกิน 300 ตัวอักษร"),
        ({"assigned_to": "999999"}, "มอบหมายได้เฉพาะเจ้าหน้าที่ของสำนักงานนี้"),
        ({"year": "2400"}, "เพิ่มโรงงานได้เฉพาะแผนของปีงบประมาณนี้หรือปีถัดไป"),
    ],
)
def test_bad_input_gives_a_thai_message_and_keeps_what_was_typed(
    client, register, head, changes, message
):
    client.force_login(head)
    data = {
        "year": current_fiscal_year(),
        "factory": register["ice"].pk,
        "reason": "complaint",
        "note": "มีผู้ร้องเรียน",
        "find": "แม่สาย",
        **changes,
    }
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="แม่สาย"' in html
    assert f'value="{data["note"]}"' in html
    assert not InspectionPlanEntry.objects.exists()


def test_another_offices_factory_is_not_found(client, register, head):
    client.force_login(head)
    response = client.post(
        URL,
        {"year": current_fiscal_year(), "factory": register["phichit"].pk, "reason": "complaint"},
    )
    assert response.status_code == 404
    assert not InspectionPlanEntry.objects.exists()


def test_only_the_head_of_the_office_opens_the_add_page(
    client, register, member, outsider_head, inspector, executive
):
    for user, office, status in (
        (member, "", 403),
        (outsider_head, "57", 404),
        (inspector, "57", 403),
        (executive, "57", 403),
    ):
        client.force_login(user)
        assert client.get(URL, {"office": office}).status_code == status
        data = {"office": office, "factory": register["ice"].pk, "reason": "complaint"}
        assert client.post(URL, data).status_code == status
    assert not InspectionPlanEntry.objects.exists()
    client.logout()
    assert client.get(URL).status_code == 302


def test_the_add_page_has_a_constant_query_count(client, register, head, django_assert_num_queries):
    client.force_login(head)
    # user, the office, its staff, the candidates, which of them are on the plan
    with django_assert_num_queries(5):
        client.get(URL, {"find": "โรง"}, HTTP_HX_REQUEST="true")
    for i in range(30):
        add_factory(f"โรงทดสอบ {i}", type_code=SAFE)
    with django_assert_num_queries(4):
        response = client.get(URL, {"find": "โรง"}, HTTP_HX_REQUEST="true")
    assert len(response.context["candidates"]) == 20 and response.context["more"]
    assert "แสดง 20 แห่งแรก" in response.content.decode()
