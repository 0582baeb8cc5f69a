"""``make load``: a short mixed working day served by gunicorn with a worker, on PostgreSQL."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections
from django.db.models import Sum

from factories.models import Factory
from inspections.models import Answer, FactoryInspection
from offices.demo import DEMO_PASSWORD
from offices.models import Office, User
from tests.builders import answer_everything, start


def test_the_load_run_refuses_sqlite(db, monkeypatch):
    monkeypatch.setattr(connections["default"], "vendor", "sqlite")
    with pytest.raises(CommandError, match="runs against PostgreSQL, not sqlite"):
        call_command("load")


def _rows(text: str) -> dict[str, tuple[int, int, int]]:
    """The report's rows: page → (requests, errors, p95 ms)."""
    found = {}
    for line in text.splitlines():
        m = re.match(r"(\S.*?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s{2}", line)
        if m and ":" in m[1]:
            found[m[1]] = (int(m[2]), int(m[3]), int(m[5]))
    return found


def test_a_short_load_run_serves_the_working_day_without_errors(
    transactional_db, is_postgres, settings, tmp_path
):
    if not is_postgres:
        pytest.skip("the load run serves PostgreSQL")
    if not Office.objects.exists():  # an earlier transactional test flushed the session's data
        call_command("load_reference_data", verbosity=0)
    call_command("seed_demo", "--scale", "small", stdout=io.StringIO())
    # The demo people signed in by gunicorn, whose hashers are production's: a PBKDF2 hash of
    # few rounds (this process hashes with MD5 to be fast).
    User.objects.update(
        password=PBKDF2PasswordHasher().encode(DEMO_PASSWORD, "loadtestsalt", iterations=1000)
    )
    # A draft of their own for each simulated officer (the small demo has two per officer):
    # two people never save the same answer at once, which would rightly answer 409.
    officer = User.objects.get(username="officer.prachinburi")
    for factory in Factory.objects.filter(office=officer.office).exclude(
        inspections__status="draft"
    )[:3]:
        answer_everything(start(factory, officer), officer)
    drafts = FactoryInspection.objects.filter(status="draft")
    saved_before = Answer.objects.filter(inspection__in=drafts).aggregate(n=Sum("version"))["n"]

    out = io.StringIO()
    call_command(
        "load",
        "--in-place",
        *("--users", "8", "--spawn-rate", "8", "--seconds", "10", "--workers", "2"),
        # People clicking as fast as they read, from the first second: every kind of person
        # gets through their work within the ten seconds.
        *("--think", "1,3", "--warmup", "0"),
        stdout=out,
    )
    text = out.getvalue()
    rows = _rows(text)

    assert "errors: 0;" in text, text
    assert all(errors == 0 for _requests, errors, _p95 in rows.values()), text
    # Every kind of person did their work: an officer's form and answers, a head's dashboard,
    # an inspector's round, the executive's nation.
    people = {name.split(":")[0] for name in rows}
    assert {"officer", "head", "inspector", "executive"} <= people, text
    assert rows["officer: inspection form"][0] > 0
    assert rows["officer: save an answer"][0] > 0, text
    assert "all pages" in text and "p95" in text
    # Served in place: the answers the officers saved are in the database, each a new version.
    saved = Answer.objects.filter(inspection__in=drafts).aggregate(n=Sum("version"))["n"]
    assert saved >= saved_before + rows["officer: save an answer"][0]
