"""The factory list, export, page and form: what each person sees and may change."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from factories.models import (
    Factory,
    FactoryStatus,
    FactoryType,
    GreenIndustryCertificate,
    Loan,
)
from offices.models import District
from tests.builders import add_factory, exported_factories
from tests.pages import page_texts


@pytest.fixture
def register(db):
    """A few factories of Chiang Rai (the member's office) and one of Phichit (the outsider's)."""
    factories = {
        "rice": add_factory("โรงสีข้าวเชียงแสน", operator_name="นายสมศักดิ์ ใจงาม", type_code="00900"),
        "tea": add_factory("ไร่ชาเชียงราย", operator_name="บริษัท ชาดี จำกัด", type_code="00100"),
        "ice": add_factory("โรงน้ำแข็งแม่สาย", type_code="01900", status=FactoryStatus.STOPPED),
        "gold": add_factory("กาญจนาการเกษตร", type_code="00900", class_number=2),
        "phichit": add_factory("โรงสีพิจิตร", province="66", type_code="00900"),
    }
    GreenIndustryCertificate.objects.create(
        factory=factories["tea"], level=3, issued_on=dt.date(2024, 1, 10)
    )
    GreenIndustryCertificate.objects.create(
        factory=factories["rice"],
        level=2,
        issued_on=dt.date(2020, 1, 1),
        expires_on=dt.date(2023, 1, 1),
    )
    return factories


def names(response) -> list[str]:
    return [f["name"] for f in response.context["page"]]


def test_a_member_sees_their_offices_factories_in_thai_order(client, member, register):
    client.force_login(member)
    response = client.get(reverse("factories:list"))
    assert response.status_code == 200
    assert names(response) == ["กาญจนาการเกษตร", "โรงน้ำแข็งแม่สาย", "โรงสีข้าวเชียงแสน", "ไร่ชาเชียงราย"]
    assert "โรงสีพิจิตร" not in response.content.decode()


def test_an_outsider_sees_only_their_own(client, outsider, register):
    client.force_login(outsider)
    assert names(client.get(reverse("factories:list"))) == ["โรงสีพิจิตร"]


def test_an_inspector_sees_their_region_and_an_executive_everything(
    client, inspector, executive, register
):
    client.force_login(inspector)
    assert len(names(client.get(reverse("factories:list")))) == 4
    client.force_login(executive)
    assert len(names(client.get(reverse("factories:list")))) == 5


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "โรงสี"}, ["โรงสีข้าวเชียงแสน"]),
        ({"q": "ชาดี"}, ["ไร่ชาเชียงราย"]),
        ({"q": "3-9-1/"}, ["โรงสีข้าวเชียงแสน"]),
        ({"factory_type": "00900"}, ["กาญจนาการเกษตร", "โรงสีข้าวเชียงแสน"]),
        ({"class_number": "2"}, ["กาญจนาการเกษตร"]),
        ({"status": "3"}, ["โรงน้ำแข็งแม่สาย"]),
        ({"gi_level": "3"}, ["ไร่ชาเชียงราย"]),
        ({"gi_level": "0"}, ["กาญจนาการเกษตร", "โรงน้ำแข็งแม่สาย", "โรงสีข้าวเชียงแสน"]),
        ({"class_number": "9", "status": "x", "gi_level": "many"}, None),  # ignored, not an error
    ],
)
def test_it_filters_the_list(client, member, register, params, expected):
    client.force_login(member)
    response = client.get(reverse("factories:list"), params)
    assert response.status_code == 200
    if expected is None:
        assert len(names(response)) == 4
    else:
        assert names(response) == expected


def test_an_expired_certificate_does_not_count(client, member, register):
    client.force_login(member)
    rows = {f["name"]: f["gi_level"] for f in client.get(reverse("factories:list")).context["page"]}
    assert rows["ไร่ชาเชียงราย"] == 3
    assert rows["โรงสีข้าวเชียงแสน"] == 0


def test_an_htmx_request_gets_the_table_only(client, member, register):
    client.force_login(member)
    response = client.get(reverse("factories:list"), {"q": "ชา"}, headers={"HX-Request": "true"})
    assert response.templates[0].name == "factories/_factory_table.html"
    assert "<html" not in response.content.decode()


def test_the_list_has_a_constant_query_count(client, member, register, django_assert_num_queries):
    client.force_login(member)
    client.get(reverse("factories:list"))  # provinces and types for the filters are cached
    # visible offices and the page, which counts itself when it is not full; the session, the
    # person with their office, provinces, types and districts for the filters come from the cache
    with django_assert_num_queries(2):
        response = client.get(reverse("factories:list"))
    assert len(names(response)) == 4
    assert page_texts(response).texts["factory-count"] == "พบ 4 โรงงาน"
    for i in range(60):
        add_factory(f"โรงงานทดสอบ {i}")
    # a full first page: the count as well
    with django_assert_num_queries(3):
        response = client.get(reverse("factories:list"))
    assert len(response.context["page"]) == 50
    assert response.context["page"].paginator.num_pages == 2
    assert page_texts(response).texts["factory-count"] == "พบ 64 โรงงาน"


def test_national_users_pick_a_province_then_its_districts(client, executive, register):
    client.force_login(executive)
    form = client.get(reverse("factories:list")).context["form"]
    assert len(form.fields["office"].choices) == 77  # all + 76 provinces
    assert form.fields["district"].choices == [("", "ทุกอำเภอ")]
    response = client.get(
        reverse("factories:list"), {"office": "66"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert names(response) == ["โรงสีพิจิตร"]
    assert 'id="district-filter" hx-swap-oob="true"' in body
    assert "ตะพานหิน" in body  # a district of Phichit, swapped into the filter


def test_the_export_is_the_filtered_list(client, member, register):
    client.force_login(member)
    response = exported_factories(client, {"factory_type": "00900"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "ชื่อโรงงาน"
    assert [r[2] for r in rows[1:]] == ["กาญจนาการเกษตร", "โรงสีข้าวเชียงแสน"]


def test_an_outsiders_export_holds_none_of_ours(client, outsider, register):
    client.force_login(outsider)
    sheet = load_workbook(io.BytesIO(exported_factories(client).content)).active
    assert [r[2] for r in sheet.iter_rows(min_row=2, values_only=True)] == ["โรงสีพิจิตร"]


def test_the_factory_page_and_its_scope(client, member, outsider, inspector, register):
    url = reverse("factories:detail", kwargs={"pk": register["tea"].pk})
    client.force_login(member)
    body = client.get(url).content.decode()
    assert "ไร่ชาเชียงราย" in body and "ระดับ 3" in body
    assert "แก้ไขข้อมูลโรงงาน" in body
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(inspector)
    response = client.get(url)
    assert response.status_code == 200
    assert "แก้ไขข้อมูลโรงงาน" not in response.content.decode()


def test_the_factory_page_links_its_coordinates_to_a_map(client, member, register):
    tea, rice = register["tea"], register["rice"]
    tea.latitude, tea.longitude = Decimal("19.912345"), Decimal("99.876543")
    tea.save()
    client.force_login(member)
    body = client.get(reverse("factories:detail", kwargs={"pk": tea.pk})).content.decode()
    assert 'href="geo:19.912345,99.876543?q=19.912345,99.876543"' in body
    assert "เปิดในแอปแผนที่" in body
    body = client.get(reverse("factories:detail", kwargs={"pk": rice.pk})).content.decode()
    assert 'data-testid="map-link"' not in body


def test_the_factory_page_has_a_fixed_query_count(
    client, member, register, django_assert_num_queries
):
    client.force_login(member)
    loan = Loan.objects.create(
        office_id="57",
        factory=register["tea"],
        borrower_name="ชาดี",
        fund_name="กองทุน",
        amount=100000,
        approved_on=dt.date(2022, 1, 1),
    )
    url = reverse("factories:detail", kwargs={"pk": register["tea"].pk})
    # user, factory, its office, certificates, complaints, loans + follow-ups, years,
    # history, inspections, open orders; the session comes from the cache
    with django_assert_num_queries(11):
        client.get(url)
    for year in range(2020, 2026):
        GreenIndustryCertificate.objects.create(
            factory=register["tea"], level=1, issued_on=dt.date(year, 1, 1)
        )
        loan.follow_ups.create(followed_on=dt.date(year, 6, 1), note="ปกติ", status_after="normal")
    with django_assert_num_queries(10):
        client.get(url)


def test_an_officer_adds_a_factory(client, member):
    client.force_login(member)
    response = client.post(
        reverse("factories:create"),
        {
            "registration_number": "20570000125660",
            "name": "โรงงานใหม่",
            "factory_type": "00900",
            "class_number": "3",
            "status": "1",
            "province": "57",
            "district": "5701",
            "licence_date": "24/02/2566",
            "capital": "1,500,000",
            "latitude": "19.9",
            "longitude": "99.8",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    factory = Factory.objects.get(registration_number="20570000125660")
    assert factory.office_id == "57"
    assert factory.licence_date == dt.date(2023, 2, 24)
    assert factory.capital == Decimal("1500000")
    assert factory.wastewater_risk == FactoryType.objects.get(pk="00900").wastewater


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("registration_number", "12345", "14 หลัก"),
        ("latitude", "35.1", "ละติจูด"),
        ("licence_date", "31/02/2566", "ปีพุทธศักราช"),
    ],
)
def test_bad_factory_input_is_refused_in_thai_and_kept(client, member, field, value, message):
    client.force_login(member)
    data = {
        "old_registration_number": "3-9-99/66ชร",
        "name": "โรงงานผิด",
        "factory_type": "00900",
        "class_number": "3",
        "status": "1",
        "province": "57",
        "latitude": "19.9",
        "longitude": "99.8",
        field: value,
    }
    response = client.post(reverse("factories:create"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert f'value="{value}"' in body
    assert not Factory.objects.filter(name="โรงงานผิด").exists()


def test_an_officer_cannot_add_a_factory_in_another_province(client, member):
    client.force_login(member)
    response = client.post(
        reverse("factories:create"),
        {
            "old_registration_number": "3-9-1/66พจ",
            "name": "x",
            "class_number": "3",
            "status": "1",
            "province": "66",
        },
    )
    assert response.status_code == 200
    assert "province" in response.context["form"].errors
    assert not Factory.objects.filter(name="x").exists()


def test_risk_override_needs_a_reason(client, member, register):
    client.force_login(member)
    factory = register["ice"]
    url = reverse("factories:edit", kwargs={"pk": factory.pk})
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "risk_overridden"}
    data.update({"risk_overridden": "on", "wastewater_risk": "on", "licence_date": ""})
    response = client.post(url, data)
    assert "กรุณาระบุเหตุผลที่กำหนดความเสี่ยงเอง" in response.content.decode()
    data["risk_override_reason"] = "ตรวจพบบ่อพักน้ำเสียจากการล้างถัง"
    assert client.post(url, data).status_code == 302
    factory.refresh_from_db()
    assert factory.wastewater_risk and factory.risk_overridden


def test_only_the_office_edits_its_factories(client, outsider, inspector, executive, register):
    url = reverse("factories:edit", kwargs={"pk": register["tea"].pk})
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(inspector)
    assert client.get(url).status_code == 403
    client.force_login(executive)
    assert client.get(url).status_code == 403
    assert client.get(reverse("factories:create")).status_code == 403


def test_register_pages_need_a_login(client, register):
    for url in (
        reverse("factories:list"),
        reverse("factories:detail", kwargs={"pk": register["tea"].pk}),
        reverse("factories:create"),
    ):
        assert client.get(url).status_code == 302


def test_a_renamed_type_shows_in_the_filter_at_once(client, member, register):
    client.force_login(member)
    client.get(reverse("factories:list"))
    FactoryType.objects.filter(pk="00900").update(name="ignored: update() sends no signal")
    factory_type = FactoryType.objects.get(pk="00900")
    factory_type.name = "โรงสีข้าวและเมล็ดพืช"
    factory_type.save()
    choices = dict(
        client.get(reverse("factories:list")).context["form"].fields["factory_type"].choices
    )
    assert choices["00900"] == "9 โรงสีข้าวและเมล็ดพืช"


def test_a_renamed_district_shows_in_the_filter_at_once(client, member, register):
    client.force_login(member)
    client.get(reverse("factories:list"))
    district = District.objects.get(pk="5701")
    district.name_th = "เมืองเชียงรายใหม่"
    district.save()
    body = client.get(reverse("factories:list")).content.decode()
    assert '<option value="5701">เมืองเชียงรายใหม่</option>' in body


def test_the_filter_bar_keeps_what_was_typed_and_chosen(client, member, register):
    client.force_login(member)
    typed = '"><script>alert(1)</script>'
    body = client.get(reverse("factories:list"), {"q": typed, "class_number": "2"}).content.decode()
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in body
    assert "<script>alert(1)" not in body
    assert '<option value="2" selected>จำพวกที่ 2</option>' in body
    assert 'maxlength="100"' in body
    assert '<label for="id_q" class="form-label">ค้นหา</label>' in body


def test_each_request_shows_its_own_choice_in_the_filter_bar(client, member, register):
    # A select's HTML is kept between requests: the next request's choice, and the language,
    # must still be its own.
    client.force_login(member)
    url = reverse("factories:list")
    assert '<option value="2" selected>' in client.get(url, {"class_number": "2"}).content.decode()
    body = client.get(url, {"class_number": "3"}).content.decode()
    assert '<option value="3" selected>' in body and '<option value="2" selected>' not in body
    body = client.get(url).content.decode()
    assert '<option value="2">จำพวกที่ 2</option>' in body and "selected>จำพวก" not in body
    client.cookies["lang"] = "en"
    assert "Class 2" in client.get(url, {"class_number": "2"}).content.decode()


def test_the_rows_show_what_the_register_holds(client, member, register):
    client.force_login(member)
    body = client.get(reverse("factories:list"), {"q": "ชาเชียงราย"}).content.decode()
    tea = register["tea"]
    row = body.split(f'href="/factories/{tea.pk}/"')[1].split("</tr>")[0]
    assert "ไร่ชาเชียงราย</a>" in row
    assert "บริษัท ชาดี จำกัด" in row  # the operator, under the name
    assert tea.old_registration_number in row
    assert '<span class="badge text-bg-success">3</span>' in row  # GI level
    assert '<td class="small d-none d-md-table-cell">1</td>' in row  # type 1, as on the licence
