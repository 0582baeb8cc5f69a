"""The shell every page shares: login, Thai by default, navigation by role, BE dates."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.models import WorkerHeartbeat
from core.thaidates import current_fiscal_year, format_be_date


def today_long_th() -> str:
    with translation.override("th"):
        return format_be_date(timezone.localdate(), long=True)


def test_the_login_page_is_thai_and_open(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="th">' in body
    assert "เข้าสู่ระบบ" in body
    assert today_long_th() in body


def test_a_wrong_password_is_explained_in_thai(client, member):
    response = client.post(reverse("login"), {"username": "member", "password": "nope"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in body
    assert 'value="member"' in body  # what was typed stays


def test_logging_in_leads_home_with_a_be_date(client, member):
    response = client.post(
        reverse("login"), {"username": "member", "password": "pass-1234"}, follow=True
    )
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("core:home")
    assert today_long_th() in body
    assert f"ปีงบประมาณ {current_fiscal_year()}" in body
    assert "สำนักงานของฉัน" in body


def test_repeated_failures_lock_the_account_for_a_while(client, member, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "member", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "member", "password": "pass-1234"})
    assert response.status_code == 429
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in response.content.decode()


@pytest.mark.parametrize(
    ("person", "shown", "hidden"),
    [
        ("member", ["หน้าหลัก", "สำนักงานของฉัน"], ["สำนักงานในเขต", "ผู้ดูแลระบบ"]),
        ("head", ["สำนักงานของฉัน"], ["สำนักงานทั้งประเทศ"]),
        ("inspector", ["สำนักงานในเขต"], ["สำนักงานของฉัน", "ผู้ดูแลระบบ"]),
        ("executive", ["สำนักงานทั้งประเทศ"], ["สำนักงานของฉัน", "ผู้ดูแลระบบ"]),
        ("admin_user", ["สำนักงานทั้งประเทศ", "ผู้ดูแลระบบ"], ["สำนักงานของฉัน"]),
    ],
)
def test_the_navigation_fits_the_role(db, client, request, person, shown, hidden):
    client.force_login(request.getfixturevalue(person))
    # (A head's home is the office dashboard: the menu is the same there.)
    body = client.get(reverse("core:home"), follow=True).content.decode()
    nav = body.split('data-testid="main-nav"')[1].split("<!-- /main-nav -->")[0]
    for label in shown:
        assert label in nav
    for label in hidden:
        assert label not in nav


def test_the_home_page_has_a_fixed_query_count(client, executive, django_assert_num_queries):
    client.force_login(executive)
    # user, office count, reported count; the session comes from the cache
    with django_assert_num_queries(3):
        client.get(reverse("core:home"))


def test_english_can_be_chosen(client, member):
    client.force_login(member)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    assert '<html lang="en">' in response.content.decode()
    response = client.post(reverse("set_language"), {"language": "th", "next": "/"}, follow=True)
    assert '<html lang="th">' in response.content.decode()


def test_the_password_can_be_changed(client, member):
    client.force_login(member)
    assert "เปลี่ยนรหัสผ่าน" in client.get(reverse("password_change")).content.decode()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "pass-1234",
            "new_password1": "Rak-Chiangrai-2567",
            "new_password2": "Rak-Chiangrai-2567",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("Rak-Chiangrai-2567")


def test_password_change_needs_a_login(client, db):
    assert client.get(reverse("password_change")).status_code == 302


def test_logout_is_a_post(client, member):
    client.force_login(member)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 302


def test_health_reports_the_database_and_a_late_worker(client, db):
    response = client.get(reverse("core:health"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["worker"] == "late"
    WorkerHeartbeat.objects.create(name="worker", last_seen=timezone.now())
    assert client.get(reverse("core:health")).json()["worker"] == "ok"


def test_an_unknown_page_is_a_thai_404(client, member):
    client.force_login(member)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


def test_pages_send_a_content_security_policy(client, db):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "default-src 'self'" in policy


def test_templates_load_nothing_from_the_internet():
    import pathlib
    import re

    pattern = re.compile(r"""(src|href)=["']https?://""")
    for path in pathlib.Path("templates").rglob("*.html"):
        assert not pattern.search(path.read_text()), path


def test_an_english_browser_still_gets_thai_until_english_is_chosen(client, member):
    client.force_login(member)
    response = client.get(reverse("core:home"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="th">' in response.content.decode()
    assert response["Content-Language"] == "th"


def test_the_menu_follows_the_language_and_marks_the_page(client, member):
    client.force_login(member)
    body = client.get(reverse("factories:list")).content.decode()
    nav = body.split('data-testid="main-nav"')[1].split("<!-- /main-nav -->")[0]
    assert 'class="nav-link active" aria-current="page" href="/factories/">ทะเบียนโรงงาน</a>' in nav
    assert 'class="nav-link" href="/">หน้าหลัก</a>' in nav
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("inspections:orders")).content.decode()
    nav = body.split('data-testid="main-nav"')[1].split("<!-- /main-nav -->")[0]
    assert "ทะเบียนโรงงาน" not in nav
    assert 'class="dropdown-item active" aria-current="page" href="/inspections/orders/">' in nav
