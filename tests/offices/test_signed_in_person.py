"""The signed-in person is kept in the cache between requests (``offices.backends``), and a
change to them or their office shows on their very next request."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from offices.models import Role, User


def _signed_in(client, user: User) -> None:
    client.force_login(user)
    assert client.get(reverse("core:desk")).status_code == 200  # kept from here on


def _sent_to_sign_in(client) -> bool:
    response = client.get(reverse("core:desk"))
    return response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_person_switched_off_is_signed_out_on_their_next_request(client, member):
    _signed_in(client, member)
    member.is_active = False
    member.save()
    assert _sent_to_sign_in(client)


def test_a_new_password_set_elsewhere_signs_the_old_session_out(client, member):
    _signed_in(client, member)
    member.set_password("a-new-pass-9876")
    member.save()
    assert _sent_to_sign_in(client)


def test_an_officer_made_head_sees_the_office_work_at_once(client, member):
    _signed_in(client, member)
    waiting = "การตรวจที่รอพิจารณาอนุมัติ"  # the head's panel on the desk
    assert waiting not in client.get(reverse("core:desk")).content.decode()
    member.role = Role.HEAD
    member.save()
    assert waiting in client.get(reverse("core:desk")).content.decode()


def test_a_renamed_office_shows_in_the_shell_at_once(client, member, member_office):
    _signed_in(client, member)
    member_office.name = "สำนักงานอุตสาหกรรมจังหวัดทดลองชื่อใหม่"
    member_office.save()
    body = client.get(reverse("core:desk")).content.decode()
    assert "สำนักงานอุตสาหกรรมจังหวัดทดลองชื่อใหม่" in body


def test_a_kept_person_costs_no_query(client, member):
    _signed_in(client, member)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("core:desk"))
    assert not [q for q in queries if 'FROM "offices_user"' in q["sql"]]
