"""Benchmarks of the pages people use most, measured against their own SQL.

For each page: render it through the whole Django stack (middleware, view, template) as a
given person, capture the SQL it runs, then run that same SQL bare on a cursor. Both are timed
in the same run, alternating, and the median of each is compared: the ratio says how much the
page costs beyond its queries, and "beyond SQL" says it in milliseconds (Django's own cost per
request, shown by the home page, is the floor of that). Prints the query count too. Run it on a
national-scale database (``seed_demo --scale national``) — it measures whatever data is there.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factories.models import Factory
from offices.models import Office, Role, User


@dataclass
class Scenario:
    name: str
    username: str
    url: Callable[[], str]


def _largest_office() -> str:

    row = (
        Factory.objects.values("office_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("office_id", flat=True)
        .first()
    )
    return row or "25"


def _busiest_factory() -> int:

    factory = (
        Factory.objects.annotate(n=Count("complaints") + Count("green_certificates"))
        .order_by("-n", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    return factory or 0


def _factory_name(pk: int) -> str:
    return Factory.objects.filter(pk=pk).values_list("name", flat=True).first() or ""


def _scored_year() -> int:
    from core.thaidates import current_fiscal_year
    from policy.models import Scorecard

    year = Scorecard.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).first()
    return year or current_fiscal_year()


class Command(BaseCommand):
    help = "วัดเวลาหน้าหลักเทียบกับ SQL ของหน้าเดียวกัน (ratio) และนับจำนวน query"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument(
            "--only", default="", help="measure only the pages whose name contains this text"
        )

    def _people(self) -> dict[str, User]:
        office = _largest_office()
        people = {
            "executive": User.objects.filter(role=Role.EXECUTIVE, is_active=True).first(),
            "officer": User.objects.filter(
                role=Role.OFFICER, office_id=office, is_active=True
            ).first(),
        }
        if people["officer"] is None:
            people["officer"] = User.objects.create_user(
                f"bench-officer-{office}", role=Role.OFFICER, office=Office.objects.get(pk=office)
            )
        if people["executive"] is None:
            people["executive"] = User.objects.create_user("bench-executive", role=Role.EXECUTIVE)
        return people

    def handle(self, *args, runs: int, only: str, **options) -> None:
        people = self._people()
        factory = _busiest_factory()
        scenarios = [
            # The floor: a page with almost no SQL shows Django's own cost per request.
            Scenario("home page (executive)", "executive", lambda: reverse("core:home")),
            Scenario(
                "factory list, national (executive)", "executive", lambda: reverse("factories:list")
            ),
            Scenario(
                "factory list, search 'บริษัท' (executive)",
                "executive",
                lambda: reverse("factories:list") + "?q=บริษัท&risk=any",
            ),
            Scenario(
                "factory list, search one factory's name (executive)",
                "executive",
                lambda: reverse("factories:list") + f"?q={quote(_factory_name(factory))}",
            ),
            Scenario(
                f"factory list, largest office {people['officer'].office_id} (officer)",
                "officer",
                lambda: reverse("factories:list"),
            ),
            Scenario(
                "factory list, page 20 sorted by operator (officer)",
                "officer",
                lambda: reverse("factories:list") + "?sort=operator&page=20",
            ),
            Scenario(
                "factory page, busiest factory (executive)",
                "executive",
                lambda: reverse("factories:detail", kwargs={"pk": factory}),
            ),
            Scenario(
                "office list, national (executive)", "executive", lambda: reverse("offices:list")
            ),
            Scenario(
                f"inspection plan, largest office {people['officer'].office_id} (officer)",
                "officer",
                lambda: reverse("inspections:plan"),
            ),
            Scenario("my inspections (officer)", "officer", lambda: reverse("inspections:mine")),
            Scenario("order list (officer)", "officer", lambda: reverse("inspections:orders")),
            Scenario(
                "MIND office summary (officer)",
                "officer",
                lambda: reverse(
                    "policy:office",
                    kwargs={"code": people["officer"].office_id, "fiscal_year": _scored_year()},
                ),
            ),
        ]
        self.stdout.write(
            f"factories in the database: {Factory.objects.count():,}; "
            f"database: {connection.vendor}; runs per measure: {runs}"
        )
        self.stdout.write(
            f"{'page':<52} {'queries':>7} {'page ms':>9} {'SQL ms':>8} {'ratio':>6} "
            f"{'beyond SQL ms':>13}"
        )
        for scenario in scenarios:
            if only not in scenario.name:
                continue
            client = Client(SERVER_NAME="localhost")
            client.force_login(people[scenario.username])
            url = scenario.url()
            response = client.get(url)  # warm caches, templates and the session
            if response.status_code != 200:
                self.stdout.write(f"{scenario.name:<52} HTTP {response.status_code}")
                continue
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            statements = [q["sql"] for q in captured.captured_queries]
            page_times, sql_times = [], []
            for _ in range(runs):
                started = time.perf_counter()
                client.get(url)
                page_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                with connection.cursor() as cursor:
                    for sql in statements:
                        cursor.execute(sql)
                        if cursor.description:
                            cursor.fetchall()
                sql_times.append(time.perf_counter() - started)
            page_ms = statistics.median(page_times) * 1000
            sql_ms = statistics.median(sql_times) * 1000
            self.stdout.write(
                f"{scenario.name:<52} {len(statements):>7} {page_ms:>9.1f} {sql_ms:>8.1f} "
                f"{page_ms / sql_ms:>6.2f} {page_ms - sql_ms:>13.1f}"
            )
