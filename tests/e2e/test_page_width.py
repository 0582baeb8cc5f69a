"""No page scrolls sideways, on a phone or on the 1366-pixel laptops that offices use."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

LAPTOP = {"viewport": {"width": 1366, "height": 768}}
SMALL_PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
PAGES = ["/", "/factories/", "/inspections/plan/", "/offices/"]


def overflow(page) -> int:
    """How far the page reaches past the window's right edge, in CSS pixels."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("size", ["laptop", "phone"])
@pytest.mark.parametrize("language", ["th", "en"])
@pytest.mark.parametrize("person", ["head", "inspector", "executive", "admin_user"])
def test_no_page_scrolls_sideways(new_page, login, request, person, size, language):
    user = request.getfixturevalue(person)
    user.first_name, user.last_name = "ประภาพรรณ", "ศรีสุวรรณวงศ์"  # a long Thai name, as many are
    user.save()
    page = new_page(**(LAPTOP if size == "laptop" else SMALL_PHONE))
    login(page, user.username)
    if language == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
    wide = {}
    for path in PAGES:
        page.goto(path)
        if overflow(page) > 0:
            wide[path] = overflow(page)
    assert wide == {}
