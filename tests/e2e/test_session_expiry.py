"""A session that runs out while a page stays open: the next HTMX request takes the whole page
to the login form (not a login form inside the table), and signing in brings the person back."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from offices.models import Role
from tests.builders import add_factory, make_user

pytestmark = pytest.mark.e2e


def test_a_search_after_the_session_ran_out_signs_in_again_and_comes_back(new_page, login):
    make_user("expiry_officer", Role.OFFICER, "57", first_name="สมศรี")
    add_factory("ไร่ชาเชียงราย")
    page = new_page()
    login(page, "expiry_officer")
    page.goto("/factories/")
    expect(page.get_by_test_id("factory-count")).to_have_text("พบ 1 โรงงาน")

    page.context.clear_cookies()  # the session ran out while the page stayed open
    page.get_by_label("ค้นหา").fill("ชา")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/factories/$"))
    expect(page.get_by_test_id("factory-table")).to_have_count(0)

    page.get_by_label("ชื่อผู้ใช้").fill("expiry_officer")
    page.get_by_label("รหัสผ่าน").fill("pass-1234")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page).to_have_url(re.compile(r"/factories/$"))
    expect(page.get_by_test_id("factory-count")).to_have_text("พบ 1 โรงงาน")
