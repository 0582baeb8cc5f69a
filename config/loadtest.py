"""The working day of the product's people, for locust (``manage.py load``, ``make load``).

Officers fill their inspection forms (answers saved as they are chosen, a photo now and then),
look up factories and their plan; heads open their dashboard, review and approve, ask for an
inspection report from the worker; inspectors go through a round's visits and the directives;
the executive reads the nation. Each simulated person is a demo person of their own office,
signed in through the login form by ``manage.py load`` before the run, with the objects it chose
for them (a JSON file named by ``LOAD_PLAN``), so that two officers never save the same answer.

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
from urllib.parse import urlsplit

from locust import HttpUser, between, task

with open(os.environ["LOAD_PLAN"]) as plan_file:
    PLAN: dict[str, Any] = json.load(plan_file)

# Seconds a person spends reading a page or typing an answer before their next action
# (``manage.py load --think MIN,MAX``).
THINK = tuple(float(x) for x in os.environ.get("LOAD_THINK", "1,3").split(","))

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
    wait_time = between(*THINK)

    def on_start(self) -> None:
        # Signed in already (``manage.py load`` did it before the run): this person's slot.
        sessions = PLAN["sessions"][self.role]
        people = PLAN[self.role]
        self.slot = next(_turns[self.role]) % len(sessions)
        self.me = people[self.slot % len(people)]
        host = urlsplit(self.host).hostname
        for pair in sessions[self.slot].split("; "):
            name, value = pair.split("=", 1)
            self.client.cookies.set(name, value, domain=host)

    def get(self, url: str, name: str, **kwargs):
        return self._request("GET", url, name, **kwargs)

    def post(self, url: str, name: str, data: dict | None = None, **kwargs):
        """A POST as HTMX sends it: the CSRF token in its header."""
        headers = {"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "HX-Request": "true"}
        return self._request("POST", url, name, data=data or {}, headers=headers, **kwargs)

    def _request(self, method: str, url: str, name: str, **kwargs):
        """An answer of 4xx or 5xx fails; so does one that ends on the login page (signed out)."""
        with self.client.request(method, url, name=name, catch_response=True, **kwargs) as answer:
            if answer.ok and "/accounts/login/" in answer.url:
                answer.failure("sent to the login page: not signed in")
        return answer


class Officer(Person):
    role = "officer"
    weight = 5

    def on_start(self) -> None:
        super().on_start()
        # The n-th person signed in as this officer fills the officer's n-th draft.
        drafts = self.me["drafts"]
        self.draft = drafts[(self.slot // len(PLAN["officer"])) % len(drafts)]
        self.versions: dict[str, str] = {}
        self.items: list[tuple[str, str]] = []

    @task(4)
    def fill_the_form(self) -> None:
        inspection = self.draft
        page = self.get(f"/inspections/{inspection}/form/", "officer: inspection form")
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
        self.get("/inspections/mine/", "officer: my inspections")

    @task(2)
    def look_up_a_factory(self) -> None:
        words = ("บริษัท", "ห้าง", "ข้าว")
        self.get("/factories/", "officer: factory search", params={"q": random.choice(words)})

    @task(1)
    def the_plan(self) -> None:
        self.get("/inspections/plan/", "officer: inspection plan")

    @task(1)
    def export_risky_factories(self) -> None:
        # Written by the worker: the page asks, then polls the status as HTMX does.
        asked = self.post(
            f"/reports/request/factory_list/{self.me['pk']}/",
            "officer: ask for an XLSX export",
            {"query": "risk=wastewater"},
        )
        found = REPORT_ID.search(asked.text)
        if found:
            self.get(f"/reports/{found[1]}/status/", "officer: export status")


class Head(Person):
    role = "head"
    weight = 3

    @task(3)
    def dashboard(self) -> None:
        self.get(f"/policy/dashboard/offices/{self.me['office']}/", "head: dashboard")

    @task(2)
    def review_queue(self) -> None:
        self.get("/inspections/review/", "head: review queue")

    @task(1)
    def review_and_approve(self) -> None:
        waiting = self.me["submitted"]
        if not waiting:
            return
        inspection = waiting.pop()
        self.get(f"/inspections/{inspection}/review/", "head: review an inspection")
        token = self.client.cookies.get("csrftoken", "")
        self._request(
            "POST",
            f"/inspections/{inspection}/approve/",
            "head: approve",
            data={"csrfmiddlewaretoken": token},
        )

    @task(1)
    def orders(self) -> None:
        self.get("/inspections/orders/", "head: orders")

    @task(1)
    def inspection_report(self) -> None:
        response = self.post(
            f"/reports/request/inspection_report/{self.me['approved']}/",
            "head: ask for an inspection report",
        )
        found = REPORT_ID.search(response.text)
        if found:
            self.get(f"/reports/{found[1]}/status/", "head: report status")


class Inspector(Person):
    role = "inspector"
    weight = 1

    @task(2)
    def round_overview(self) -> None:
        self.get(f"/policy/rounds/{self.me['round']}/", "inspector: round overview")

    @task(3)
    def visit(self) -> None:
        visit = random.choice(self.me["visits"])
        self.get(f"/policy/visits/{visit}/", "inspector: visit page")

    @task(1)
    def directives(self) -> None:
        self.get("/policy/directives/", "inspector: directives")

    @task(1)
    def region_dashboard(self) -> None:
        self.get(f"/policy/dashboard/regions/{self.me['region']}/", "inspector: region dashboard")


class Executive(Person):
    role = "executive"
    weight = 1

    @task(2)
    def nation(self) -> None:
        self.get("/policy/dashboard/nation/", "executive: national dashboard")

    @task(1)
    def factories(self) -> None:
        self.get("/factories/", "executive: factory list")

    @task(1)
    def offices(self) -> None:
        self.get("/offices/", "executive: office list")
