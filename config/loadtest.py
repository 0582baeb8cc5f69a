"""The working day of the product's people, for locust (``manage.py load``, ``make load``).

Officers fill their inspection forms (answers saved as they are chosen, a photo now and then),
look up factories and their plan; heads open their dashboard, review and approve, ask for an
inspection report from the worker; inspectors go through a round's visits and the directives;
the executive reads the nation. Each simulated person signs in through the login form as a demo
person of their own office with the objects ``manage.py load`` chose for them (a JSON file named
by ``LOAD_PLAN``), so that two officers never save the same answer.

Requests are named for the page, not its URL, so that locust's figures are per page. This file
is read by locust, not by Django: it imports nothing of the project.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import struct
import zlib
from typing import Any

from locust import HttpUser, between, task

with open(os.environ["LOAD_PLAN"]) as plan_file:
    PLAN: dict[str, Any] = json.load(plan_file)

PASSWORD = PLAN["password"]
# Signing in hashes the password on purpose slowly (PBKDF2): once a day for a person, not a page
# of their working day, so ``manage.py load`` prints it apart from the pages' targets.
SIGN_IN = "sign in (password hashed)"
_turns = {role: itertools.count() for role in ("officer", "head", "inspector", "executive")}

# A yes/no item of the form: where its answer is posted, its number and the version shown.
ANSWER_FORM = re.compile(
    r'data-kind="yes_no"[^>]*>\s*<div[^>]*>\s*'
    r'<form hx-post="(/inspections/\d+/answers/(\d+)/)"[^>]*>\s*'
    r'<input type="hidden" name="version" id="version-\d+" value="(\d+)"'
)
NEW_VERSION = re.compile(r'name="version" id="version-(\d+)" value="(\d+)"')
REPORT_ID = re.compile(r"/reports/(\d+)/status/")


def _png(width: int = 64, height: int = 48) -> bytes:
    """A small photo, as a phone's camera would send a larger one."""
    row = b"\x00" + bytes(random.randrange(256) for _ in range(width * 3))
    raw = row * height

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


class Person(HttpUser):
    abstract = True
    role = ""
    wait_time = between(1, 3)

    def on_start(self) -> None:
        people = PLAN[self.role]
        self.turn = next(_turns[self.role])
        self.me = people[self.turn % len(people)]
        page = self.client.get("/accounts/login/", name="sign in: the form")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        self.client.post(
            "/accounts/login/",
            {
                "username": self.me["username"],
                "password": PASSWORD,
                "csrfmiddlewaretoken": token[1] if token else "",
            },
            name=SIGN_IN,
        )

    def post(self, url: str, name: str, data: dict | None = None, **kwargs):
        """A POST as HTMX sends it: the CSRF token in its header."""
        headers = {"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "HX-Request": "true"}
        return self.client.post(url, data=data or {}, headers=headers, name=name, **kwargs)


class Officer(Person):
    role = "officer"
    weight = 5

    def on_start(self) -> None:
        super().on_start()
        # The n-th person signed in as this officer fills the officer's n-th draft.
        drafts = self.me["drafts"]
        self.draft = drafts[(self.turn // len(PLAN["officer"])) % len(drafts)]
        self.versions: dict[str, str] = {}
        self.items: list[tuple[str, str]] = []

    @task(4)
    def fill_the_form(self) -> None:
        inspection = self.draft
        page = self.client.get(f"/inspections/{inspection}/form/", name="officer: inspection form")
        if not self.items:
            for url, item, version in ANSWER_FORM.findall(page.text):
                self.items.append((url, item))
                self.versions[item] = version
        for url, item in random.sample(self.items, min(3, len(self.items))):
            response = self.post(
                url,
                "officer: save an answer",
                {"value": random.choice(("yes", "no", "na")), "version": self.versions[item]},
            )
            for saved, version in NEW_VERSION.findall(response.text):
                self.versions[saved] = version

    @task(1)
    def add_a_photo(self) -> None:
        self.post(
            f"/inspections/{self.draft}/photos/",
            "officer: upload a photo",
            {"caption": "หน้าโรงงาน"},
            files={"image": ("photo.png", _png(), "image/png")},
        )

    @task(2)
    def my_inspections(self) -> None:
        self.client.get("/inspections/mine/", name="officer: my inspections")

    @task(2)
    def look_up_a_factory(self) -> None:
        self.client.get(
            "/factories/",
            params={"q": random.choice(("บริษัท", "ห้าง", "ข้าว"))},
            name="officer: factory search",
        )

    @task(1)
    def the_plan(self) -> None:
        self.client.get("/inspections/plan/", name="officer: inspection plan")

    @task(1)
    def export_risky_factories(self) -> None:
        self.client.get(
            "/factories/export.xlsx", params={"risk": "wastewater"}, name="officer: export XLSX"
        )


class Head(Person):
    role = "head"
    weight = 3

    @task(3)
    def dashboard(self) -> None:
        self.client.get(f"/policy/dashboard/offices/{self.me['office']}/", name="head: dashboard")

    @task(2)
    def review_queue(self) -> None:
        self.client.get("/inspections/review/", name="head: review queue")

    @task(1)
    def review_and_approve(self) -> None:
        waiting = self.me["submitted"]
        if not waiting:
            return
        inspection = waiting.pop()
        self.client.get(f"/inspections/{inspection}/review/", name="head: review an inspection")
        token = self.client.cookies.get("csrftoken", "")
        self.client.post(
            f"/inspections/{inspection}/approve/",
            {"csrfmiddlewaretoken": token},
            name="head: approve",
        )

    @task(1)
    def orders(self) -> None:
        self.client.get("/inspections/orders/", name="head: orders")

    @task(1)
    def inspection_report(self) -> None:
        response = self.post(
            f"/reports/request/inspection_report/{self.me['approved']}/",
            "head: ask for an inspection report",
        )
        found = REPORT_ID.search(response.text)
        if found:
            self.client.get(f"/reports/{found[1]}/status/", name="head: report status")


class Inspector(Person):
    role = "inspector"
    weight = 1

    @task(2)
    def round_overview(self) -> None:
        self.client.get(f"/policy/rounds/{self.me['round']}/", name="inspector: round overview")

    @task(3)
    def visit(self) -> None:
        visit = random.choice(self.me["visits"])
        self.client.get(f"/policy/visits/{visit}/", name="inspector: visit page")

    @task(1)
    def directives(self) -> None:
        self.client.get("/policy/directives/", name="inspector: directives")

    @task(1)
    def region_dashboard(self) -> None:
        self.client.get(
            f"/policy/dashboard/regions/{self.me['region']}/", name="inspector: region dashboard"
        )


class Executive(Person):
    role = "executive"
    weight = 1

    @task(2)
    def nation(self) -> None:
        self.client.get("/policy/dashboard/nation/", name="executive: national dashboard")

    @task(1)
    def factories(self) -> None:
        self.client.get("/factories/", name="executive: factory list")

    @task(1)
    def offices(self) -> None:
        self.client.get("/offices/", name="executive: office list")
