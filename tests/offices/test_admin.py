"""Django admin: admins keep offices and people; nobody else gets in."""

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from offices.models import OfficeYear, Region, Role, User
from tests.pages import admin_list

# What an admin searching for "เชียง" finds in each list: some rows shown in full, how many,
# and the filters beside the list.
SEARCHED = {
    "province": (
        [["50", "เชียงใหม่", "Chiang Mai"], ["57", "เชียงราย", "Chiang Rai"]],
        2,
        [],
    ),
    "district": (
        [["5701", "เมืองเชียงราย", "Mueang Chiang Rai", "เชียงราย"]],
        13,
        ["โดย จังหวัด"],
    ),
    "subdistrict": ([["130706", "เชียงรากใหญ่", "Chiang Rak Yai", "สามโคก", "12160"]], 34, []),
    "region": ([["15", "เขตตรวจราชการที่ 15", "4"], ["16", "เขตตรวจราชการที่ 16", "4"]], 2, []),
    "office": (
        [
            ["สอจ.เชียงใหม่", "เชียงใหม่", "เขตตรวจราชการที่ 15", "-", "ใช่"],
            ["สอจ.เชียงราย", "เชียงราย", "เขตตรวจราชการที่ 16", "053-711-000", "ใช่"],
        ],
        2,
        ["โดย เขตตรวจราชการ", "โดย เปิดใช้งาน"],
    ),
    "officeyear": (
        [["สอจ.เชียงราย", "2567", "30", "2500000.00", "0.00", "ดี"]],
        1,
        ["โดย ปีงบประมาณ (พ.ศ.)", "โดย สภาพบ้านพักเจ้าหน้าที่", "โดย เขตตรวจราชการ"],
    ),
    "user": (
        [["member", "สมชาย", "เจ้าหน้าที่สำนักงาน", "สอจ.เชียงราย", "-", "ใช่", "-"]],
        1,
        ["โดย บทบาท", "โดย เขตตรวจราชการ", "โดย สำนักงาน", "โดย หน่วยงาน"],
    ),
}


@pytest.fixture
def records(member, outsider, member_office, outsider_office) -> None:
    """A year of facts for Chiang Rai and Phichit, and a phone number for Chiang Rai."""
    member_office.phone = "053-711-000"
    member_office.save()
    for office, staff in ((member_office, 30), (outsider_office, 12)):
        OfficeYear.objects.create(
            office=office, fiscal_year=2567, staff_count=staff, budget_received=Decimal("2500000")
        )


@pytest.mark.parametrize("model", list(SEARCHED))
def test_every_admin_list_finds_what_was_searched_with_its_filters(
    client, admin_user, records, model
):
    expected_rows, count, filters = SEARCHED[model]
    client.force_login(admin_user)
    response = client.get(reverse(f"admin:offices_{model}_changelist"), {"q": "เชียง"})
    rows, shown_filters = admin_list(response)
    body = response.content.decode()
    assert len(rows) == count
    for row in expected_rows:
        assert row in rows
    assert not any("พิจิตร" in cell or "เกศินี" in cell for row in rows for cell in row)
    assert f"{count} ผลลัพธ์" in body
    assert 'name="q" value="เชียง"' in body  # the search box keeps what was typed
    assert set(filters) <= set(shown_filters) if filters else shown_filters == []


def test_geography_is_read_only(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("admin:offices_province_add")).status_code == 403
    response = client.get(reverse("admin:offices_province_change", args=["57"]))
    assert response.status_code == 200
    assert b'name="name_th"' not in response.content


def test_an_admin_creates_a_user_with_role_and_office_in_one_form(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:offices_user_add"),
        {
            "username": "new.officer",
            "first_name": "มานี",
            "last_name": "มีนา",
            "email": "",
            "usable_password": "true",
            "password1": "Kab-Chiangrai-2567",
            "password2": "Kab-Chiangrai-2567",
            "role": Role.OFFICER,
            "office": "57",
            "position": "นักวิชาการอุตสาหกรรม",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="new.officer")
    assert (user.role, user.office_id, user.first_name) == (Role.OFFICER, "57", "มานี")


def test_an_inspector_is_created_with_regions(client, admin_user):
    client.force_login(admin_user)
    region = Region.objects.get(number=18)
    response = client.post(
        reverse("admin:offices_user_add"),
        {
            "username": "new.inspector",
            "usable_password": "true",
            "password1": "Kab-Phichit-2567",
            "password2": "Kab-Phichit-2567",
            "role": Role.INSPECTOR,
            "regions": [region.pk],
        },
    )
    assert response.status_code == 302
    assert list(User.objects.get(username="new.inspector").regions.all()) == [region]


def test_an_officer_without_office_is_refused_in_thai(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:offices_user_add"),
        {
            "username": "lost",
            "usable_password": "true",
            "password1": "Kab-Lost-2567xx",
            "password2": "Kab-Lost-2567xx",
            "role": Role.HEAD,
        },
    )
    assert response.status_code == 200
    assert "ต้องสังกัดสำนักงาน" in response.content.decode()
    assert not User.objects.filter(username="lost").exists()


@pytest.mark.parametrize("person", ["member", "head", "inspector", "executive"])
def test_people_who_are_not_admins_cannot_enter(db, client, request, person):
    client.force_login(request.getfixturevalue(person))
    response = client.get(reverse("admin:offices_office_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def table_rows(response) -> list[str]:
    """The text of each table row of a page, as a reader sees it."""
    rows = response.content.decode().split("<tr")[1:]
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", "<tr" + row)).split()) for row in rows]


def change_form_data(response) -> dict[str, object]:
    """What the admin's change form would send back untouched, its inlines included."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data: dict[str, object] = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is True:
                data[field.html_name] = "on"
            elif value is not None and value is not False:
                data[field.html_name] = value
    return data


def test_an_admin_corrects_an_office_and_its_history_shows_who_changed_what(
    client, admin_user, member_office
):
    client.force_login(admin_user)
    change_url = reverse("admin:offices_office_change", args=["57"])
    data = change_form_data(client.get(change_url)) | {"phone": "053-711-000"}
    response = client.post(change_url, data, follow=True)
    assert not response.context.get("errors"), response.context["errors"]
    assert response.redirect_chain[-1][0] == reverse("admin:offices_office_changelist")
    # The message names the office and links back to it (Django words it, in English for now).
    (message,) = [str(m) for m in response.context["messages"]]
    assert f'“<a href="{change_url}">สอจ.เชียงราย</a>”' in message
    assert message in response.content.decode()
    rows, _filters = admin_list(response)
    assert ["สอจ.เชียงราย", "เชียงราย", "เขตตรวจราชการที่ 16", "053-711-000", "ใช่"] in rows

    response = client.get(reverse("admin:offices_office_history", args=["57"]))
    (change,) = [row for row in table_rows(response) if "053-711-000" in row]
    assert "สอจ.เชียงราย" in change
    assert "โทรศัพท์: → 053-711-000" in change  # from nothing to the number
    assert "admin" in change.split()  # changed by the admin who saved it


def test_an_admin_reads_who_changed_a_persons_role_and_office_from_the_office_page(
    client, admin_user, member, head
):
    client.force_login(admin_user)
    change_url = reverse("admin:offices_user_change", args=[member.pk])
    data = change_form_data(client.get(change_url)) | {"role": "head", "office": "66"}
    data.pop("password", None)
    response = client.post(change_url, data, follow=True)
    assert not response.context.get("errors"), response.context.get("errors")

    office_page = client.get(reverse("offices:detail", args=["57"])).content.decode()
    history_url = reverse("admin:offices_user_history", args=[head.pk])
    assert f'href="{history_url}"' in office_page  # each person of the office links to theirs
    response = client.get(reverse("admin:offices_user_history", args=[member.pk]))
    (change,) = [row for row in table_rows(response) if "บทบาท" in row]
    assert "บทบาท: เจ้าหน้าที่สำนักงาน → อุตสาหกรรมจังหวัด" in change  # what, read as labels
    assert "สำนักงาน: สอจ.เชียงราย → สอจ.พิจิตร" in change
    assert "admin" in change.split()  # who
    assert str(timezone.localdate().year + 543) in change  # when, in the Buddhist Era


def test_an_admin_reads_who_changed_an_inspectors_regions(client, admin_user, inspector):
    client.force_login(admin_user)
    change_url = reverse("admin:offices_user_change", args=[inspector.pk])
    northeast = Region.objects.exclude(pk__in=inspector.regions.all()).order_by("number").first()
    data = change_form_data(client.get(change_url))
    data.pop("password", None)
    data["regions"] = [str(r.pk) for r in inspector.regions.all()] + [str(northeast.pk)]
    response = client.post(change_url, data, follow=True)
    assert not response.context.get("errors"), response.context.get("errors")

    response = client.get(reverse("admin:offices_user_history", args=[inspector.pk]))
    changes = [row for row in table_rows(response) if "เขตตรวจราชการที่รับผิดชอบ:" in row]
    # The region first given (by the fixture, with nobody signed in), then the one added.
    assert len(changes) == 2
    assert f"→ {northeast.name}, " in changes[0]  # what: the region added to the one they had
    assert "admin" in changes[0].split()  # who


def test_no_one_but_an_admin_is_shown_the_link_to_a_persons_history(client, head, inspector):
    for person in (head, inspector):
        client.force_login(person)
        page = client.get(reverse("offices:detail", args=["57"])).content.decode()
        assert 'data-testid="person-history"' not in page
