"""Django admin: admins keep offices and people; nobody else gets in."""

import pytest
from django.urls import reverse

from offices.models import Region, Role, User


@pytest.mark.parametrize(
    "model",
    ["province", "district", "subdistrict", "region", "office", "officeyear", "user"],
)
def test_every_admin_list_opens_with_search_and_filters(client, admin_user, model):
    client.force_login(admin_user)
    response = client.get(reverse(f"admin:offices_{model}_changelist"), {"q": "เชียง"})
    assert response.status_code == 200


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


def test_the_office_admin_shows_its_history(client, admin_user, member_office):
    client.force_login(admin_user)
    member_office.phone = "053-711-000"
    member_office.save()
    response = client.get(reverse("admin:offices_office_history", args=["57"]))
    assert response.status_code == 200
