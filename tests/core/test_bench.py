"""The benchmarks' pages: each opens for its person, and the HTTP bench refuses SQLite."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from core.bench_pages import LIST, bench_data, bench_pages
from factories.demo import demo_register_create
from offices.demo import demo_office_staff_create, demo_people_create


@pytest.fixture
def demo(db):
    demo_people_create()
    demo_office_staff_create()
    demo_register_create(factories=120, seed=3)


def test_every_bench_page_opens_for_its_person(client, demo):
    data = bench_data(create_people=False)
    assert all(data.people.values()), "the demo people are the bench's people"
    pages = bench_pages(data)
    assert {p.kind for p in pages} == {LIST, "detail"}
    for page in pages:
        client.force_login(data.people[page.person])
        assert client.get(page.url).status_code == 200, page.name


def test_bench_makes_missing_people_only_when_asked(db):
    assert bench_data(create_people=False).people["officer"] is None
    assert bench_data().people["officer"].office_id == "25"


def test_the_http_bench_refuses_sqlite(db, monkeypatch):
    monkeypatch.setattr(connections["default"], "vendor", "sqlite")
    with pytest.raises(CommandError, match="measures PostgreSQL, not sqlite"):
        call_command("bench_http")
