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
"""

from __future__ import annotations

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from config.bench_pages import bench_data, bench_pages, padded
from factories.models import Factory


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
            with CaptureQueriesContext(connection) as captured:
                client.get(page.url)
            statements = [q["sql"] for q in captured.captured_queries]
            page_times, sql_times, cpu_times = [], [], []
            for _ in range(runs):
                started, cpu_started = time.perf_counter(), time.process_time()
                client.get(page.url)
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
                f"{padded(page.name)} {len(statements):>7} {page_ms:>9.1f} {sql_ms:>8.1f} "
                f"{page_ms / sql_ms:>6.2f} {page_ms - sql_ms:>13.1f} "
                f"{statistics.median(cpu_times) * 1000:>6.1f}"
            )
