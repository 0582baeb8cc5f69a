"""The benchmarks' pages: each opens for its person, and the HTTP bench refuses SQLite."""

from __future__ import annotations

import io
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from config.bench_pages import DASHBOARD, LIST, bench_data, bench_pages, padded
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
    assert {p.kind for p in pages} == {LIST, "detail", DASHBOARD}
    for page in pages:
        client.force_login(data.people[page.person])
        assert client.get(page.url).status_code == 200, page.name
    # The three dashboards, each able to be measured counted afresh.
    dashboards = [p for p in pages if p.kind == DASHBOARD]
    assert [p.url.split("/")[3] for p in dashboards] == ["offices", "regions", "nation"]
    assert all(p.forget for p in dashboards)


def test_bench_prints_the_dashboards_kept_and_afresh(demo):
    out = io.StringIO()
    call_command("bench", "--runs", "1", "--only", "dashboard", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if "dashboard" in line]
    assert len(lines) == 6
    assert [line.split()[-7] for line in lines] == ["kept", "afresh"] * 3


def test_bench_makes_missing_people_only_when_asked(db):
    assert bench_data(create_people=False).people["officer"] is None
    assert bench_data().people["officer"].office_id == "25"


def test_the_http_bench_refuses_sqlite(db, monkeypatch):
    monkeypatch.setattr(connections["default"], "vendor", "sqlite")
    with pytest.raises(CommandError, match="measures PostgreSQL, not sqlite"):
        call_command("bench_http")


def test_the_http_bench_reads_cpu_time_from_proc():
    from config.management.commands.bench_http import _cpu

    # This process is one of its parent's children; it stands in for a database backend too.
    app, database = _cpu(os.getppid(), set())
    assert app is not None and app >= 0
    assert database == {}
    assert set(_cpu(os.getppid(), {os.getpid()})[1]) == {os.getpid()}


def test_a_backend_that_ended_during_a_run_makes_the_database_share_unknown():
    from config.management.commands.bench_http import _db_seconds

    ticks = os.sysconf("SC_CLK_TCK")
    assert _db_seconds({1: 10, 2: 5}, {1: 10 + ticks, 2: 5 + ticks}) == 2
    assert _db_seconds({1: 10}, {1: 10, 3: ticks}) == 1  # a new connection counts whole
    assert _db_seconds({1: 10, 2: 5}, {1: 10 + ticks}) is None
    assert _db_seconds({}, {}) is None


def test_names_line_up_on_a_terminal():
    assert len(padded("factory list, search 'บริษัท'", 40)) == 40 + 2  # ั and ิ take no column
