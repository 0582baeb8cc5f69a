"""Benchmarks of the pages people use most, measured against their own SQL.

For each page: render it through the whole Django stack (middleware, view, template) as a
given person, capture the SQL it runs, then run that same SQL bare on a cursor. Both are timed
in the same run, alternating, and the median of each is compared: the ratio says how much the
page costs beyond its queries, and "beyond SQL" says it in milliseconds (Django's own cost per
request, shown by the home page, is the floor of that). "CPU ms" is the median CPU time this
process spent on the page (Django, its templates and the client's side of the queries, not
PostgreSQL's): unlike the others it hardly moves when other work shares the machine, so it is
the one to compare between two versions of a page there. Prints the query count too. Run it on a
national-scale database (``seed_demo --scale national``) — it measures whatever data is there.
The pages and people are those of ``config.bench_pages``, shared with ``bench_http``.

The dashboards keep their figures (``policy.dashboards``): each is compared with the SQL that
counts its figures afresh, and measured twice, as most people read it ("kept": the figures from
the cache) and as the first reader after a change does ("afresh"). "queries" is the count of
that measure.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from config.bench_pages import bench_data, bench_pages, padded
from factories.models import Factory

SERVER_CURSOR = re.compile(r'^DECLARE "[^"]+" NO SCROLL CURSOR WITH HOLD FOR ')


class Command(BaseCommand):
    help = "วัดเวลาหน้าหลักเทียบกับ SQL ของหน้าเดียวกัน (ratio) และนับจำนวน query"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument(
            "--only", default="", help="measure only the pages whose name contains this text"
        )

    def handle(self, *args, runs: int, only: str, **options) -> None:
        data = bench_data()
        self.stdout.write(
            f"factories in the database: {Factory.objects.count():,}; "
            f"database: {connection.vendor}; runs per measure: {runs}"
        )
        self.stdout.write(
            f"{'page':<52} {'queries':>7} {'page ms':>9} {'SQL ms':>8} {'ratio':>6} "
            f"{'beyond SQL ms':>13} {'CPU ms':>6}"
        )
        for page in bench_pages(data):
            if only not in page.name:
                continue
            person = data.people[page.person]
            if person is None:  # nobody of that kind in this database (no unit's directives)
                self.stdout.write(f"{padded(page.name)} no {page.person} person")
                continue
            client = Client(SERVER_NAME="localhost")
            client.force_login(person)
            response = client.get(page.url)  # warm caches, templates and the session
            if response.status_code != 200:
                self.stdout.write(f"{padded(page.name)} HTTP {response.status_code}")
                continue
            if page.forget:
                page.forget()  # the SQL to compare with is that of counting the figures
            with CaptureQueriesContext(connection) as captured:
                client.get(page.url)
            # A form's choices are read through a server-side cursor (Django's iterator on
            # PostgreSQL): replayed bare, its SELECT is what it costs.
            statements = [SERVER_CURSOR.sub("", q["sql"]) for q in captured.captured_queries]
            if page.forget is None:
                self._measure(page.name, client, page.url, statements, runs)
                continue
            # A page that keeps its figures: as most people read it (kept), and as the first
            # reader after a change does (counted afresh), both against the SQL of counting.
            self._measure(f"{page.name} kept", client, page.url, statements, runs)
            self._measure(
                f"{page.name} afresh", client, page.url, statements, runs, before=page.forget
            )

        if not only or "snapshot" in only:
            self._visit_snapshot(data)

    def _measure(
        self,
        name: str,
        client: Client,
        url: str,
        statements: list[str],
        runs: int,
        before: Callable[[], None] | None = None,
    ) -> None:
        page_times, sql_times, cpu_times = [], [], []
        with CaptureQueriesContext(connection) as captured:
            if before:
                before()
            client.get(url)
        queries = len(captured.captured_queries)
        for _ in range(runs):
            if before:
                before()
            started, cpu_started = time.perf_counter(), time.process_time()
            client.get(url)
            page_times.append(time.perf_counter() - started)
            cpu_times.append(time.process_time() - cpu_started)
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
            f"{padded(name)} {queries:>7} {page_ms:>9.1f} {sql_ms:>8.1f} "
            f"{page_ms / sql_ms:>6.2f} {page_ms - sql_ms:>13.1f} "
            f"{statistics.median(cpu_times) * 1000:>6.1f}"
        )

    def _visit_snapshot(self, data) -> None:
        """Time the freezing of one visit's figures (every topic's KPI for the largest office),
        in a transaction rolled back so that the data is left as it was."""
        from django.db import transaction

        from policy.models import Visit
        from policy.rounds import figures_take

        visit = (
            Visit.objects.filter(office_id=data.largest_office)
            .select_related("round", "office")
            .order_by("-round__fiscal_year", "-round__number")
            .first()
        )
        if visit is None:
            self.stdout.write("visit figures snapshot: no visit in the database")
            return
        as_of = visit.figures_as_of or visit.round.starts_on
        times = []
        for _ in range(3):
            with transaction.atomic():
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    figures_take(
                        visit=visit, as_of=as_of, user=data.people["executive"], refresh=True
                    )
                    times.append(time.perf_counter() - started)
                transaction.set_rollback(True)
        self.stdout.write(
            f"visit figures snapshot, largest office {data.largest_office}: "
            f"{statistics.median(times) * 1000:.0f} ms median of 3, "
            f"{len(captured.captured_queries)} queries"
        )
