"""Every page of the product, found from the URL configuration, asks a stranger to log in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.pages import OPEN, named_patterns


def sample_url(route: str) -> str:
    """The route with every converter filled with a plausible value."""
    route = re.sub(r"<int:\w+>", "1", route)
    route = re.sub(r"<(str:)?\w+>", "57", route)
    return "/" + route.lstrip("^").rstrip("$")


ALL_PAGES = sorted(set(named_patterns()))
PAGES = [(name, route) for name, route in ALL_PAGES if name not in OPEN]


def test_it_finds_the_pages_of_every_app():
    names = {name for name, _route in ALL_PAGES}
    assert names >= OPEN
    for expected in ("offices:list", "factories:list", "inspections:plan", "policy:index"):
        assert expected in names


@pytest.mark.parametrize(("name", "route"), PAGES, ids=[name for name, _ in PAGES])
def test_a_stranger_is_sent_to_the_login_page(client, db, name, route):
    for method in (client.get, client.post):
        response = method(sample_url(route))
        assert response.status_code == 302, (name, response.status_code)
        assert response["Location"].startswith(reverse("login")), name


def test_only_login_language_and_health_are_open(client, db):
    login = client.get(reverse("login")).content.decode()
    assert '<h1 class="h4 mb-1">เข้าสู่ระบบ</h1>' in login
    assert 'name="username"' in login and 'name="password"' in login
    assert client.get(reverse("core:health")).json()["database"] == "ok"
    catalog = client.get(reverse("javascript-catalog"))
    assert catalog["Content-Type"].startswith("text/javascript")
    assert "django.gettext" in catalog.content.decode()


def test_the_product_has_an_icon_where_browsers_look_for_it(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    path = finders.find(response["Location"].removeprefix(settings.STATIC_URL))
    assert path and Path(path).read_bytes()[:4] == b"\x00\x00\x01\x00"  # an icon file
