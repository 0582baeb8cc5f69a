"""Login limits: a password sprayed over many accounts is stopped by the address; behind the
proxy each client is counted by its own forwarded address, and the header is believed only
when the proxy setting says so; password rules speak Thai and know Thai-typical passwords."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from core.login_limits import client_ip
from tests.builders import make_user


def fail(client, username: str, **extra):
    return client.post(reverse("login"), {"username": username, "password": "wrong-1"}, **extra)


def log_in(client, username: str, **extra):
    return client.post(reverse("login"), {"username": username, "password": "pass-1234"}, **extra)


def test_one_password_sprayed_over_many_accounts_is_stopped_by_the_address(client, settings, db):
    ip_limit = settings.LOGIN_FAILURE_LIMITS["ip_address"]
    assert ip_limit > settings.AXES_FAILURE_LIMIT
    make_user("victim", "officer", "57")
    # One failure on each of many accounts: no account reaches its own limit…
    for n in range(ip_limit - 1):
        assert fail(client, f"person{n}").status_code == 200
    assert log_in(client, "victim").status_code == 302
    client.logout()
    # …but the address reaches its own, and then even a right password is refused from it.
    fail(client, "person-last")
    response = log_in(client, "victim")
    assert response.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in response.content.decode()
    # Another address is not affected.
    assert log_in(client, "victim", REMOTE_ADDR="10.9.9.9").status_code == 302


def test_logging_in_does_not_wipe_the_address_failures_on_other_accounts(client, settings, db):
    make_user("mine", "officer", "57")
    make_user("victim", "officer", "57")
    ip_limit = settings.LOGIN_FAILURE_LIMITS["ip_address"]
    for n in range(ip_limit - 1):
        fail(client, f"person{n}")
        if n % 4 == 3:
            assert log_in(client, "mine").status_code == 302  # the sprayer's own account
            client.logout()
    fail(client, "person-last")
    assert log_in(client, "victim").status_code == 429


def test_the_account_limit_stays_lower_than_the_address_limit(client, settings, member):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        fail(client, "member")
    assert log_in(client, "member").status_code == 429
    assert log_in(client, "head-of-nothing").status_code == 200  # the address is not locked


def test_behind_the_proxy_two_clients_do_not_lock_each_other_out(client, settings, member):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "172.18.0.5"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        fail(client, "member", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert log_in(client, "member", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy).status_code == 429
    response = log_in(client, "member", HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy)
    assert response.status_code == 302


def test_the_forwarded_header_is_ignored_when_not_behind_the_proxy(client, settings, member):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(settings.AXES_FAILURE_LIMIT):
        fail(client, "member", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert log_in(client, "member", HTTP_X_FORWARDED_FOR="198.51.100.20").status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        (0, "203.0.113.7", "172.18.0.5"),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the client's own claim is not believed
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "203.0.113.7", "172.18.0.5"),  # fewer hops than proxies: the address it came from
        (1, "not-an-address", "172.18.0.5"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
        (1, "", "172.18.0.5"),
    ],
)
def test_the_client_address_takes_the_right_hop(settings, proxies, forwarded, client):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == client


def refusals(password: str, user=None) -> list[str]:
    with translation.override("th"):
        try:
            validate_password(password, user)
        except ValidationError as error:
            return error.messages
    return []


def test_password_rules_speak_thai(member):
    member.first_name = "kittipong"
    assert refusals("ab1") == [
        "รหัสผ่านสั้นเกินไป ต้องมีอย่างน้อย 8 ตัวอักษร",
    ]
    assert "รหัสผ่านนี้มีผู้ใช้กันมากและเดาได้ง่าย" in refusals("password")
    assert "รหัสผ่านเป็นตัวเลขทั้งหมด" in refusals("73829164502")
    similar = refusals("kittipong9", member)
    assert len(similar) == 1 and similar[0].startswith("รหัสผ่านคล้ายกับ")
    assert similar[0].endswith("มากเกินไป") and "%(" not in similar[0]
    assert refusals("ท่อน้ำทิ้ง-ลำพูน-42") == []


@pytest.mark.parametrize(
    "password",
    ["rakthai123", "krungthep", "sawasdee1", "chiangmai", "25672567", "iydwmp123", "ๅ/-ภถุึคต"],
)
def test_a_thai_common_password_is_refused(db, password):
    assert "รหัสผ่านนี้มีผู้ใช้กันมากและเดาได้ง่าย" in refusals(password)


def test_the_password_form_refuses_a_thai_common_password(client, member):
    client.force_login(member)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "pass-1234",
            "new_password1": "Bangkok2567",
            "new_password2": "Bangkok2567",
        },
    )
    assert response.status_code == 200
    assert "รหัสผ่านนี้มีผู้ใช้กันมากและเดาได้ง่าย" in response.content.decode()
