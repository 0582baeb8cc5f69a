"""Print every KPI's figure for a scope, and what its by-office figures cost.

For each KPI: the scope's numerator, denominator and value against the default target; then
the by-office figures (``Kpi.by_office``, the query a national dashboard runs): the first call,
which compiles its SQL, and the median of the next ones (the SQL compiled once per process and
scope and period) against, in the same run, alternating, their captured SQL run bare on a
cursor, with their ratio and the query count. Run it on a national-scale database
(``seed_demo --scale national``).
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from offices.models import Office, Region
from policy.kpis import KPIS, Kpi, Period, Scope, counting_sql


def _bare(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            if cursor.description:
                cursor.fetchall()


class Command(BaseCommand):
    help = "แสดงตัวชี้วัดทุกตัวของทั้งประเทศ เขตตรวจราชการ หรือสำนักงาน พร้อมเวลาที่ใช้คำนวณรายสำนักงาน"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--fiscal-year", type=int, help="BE, e.g. 2568 (default: this one)")
        parser.add_argument("--as-of", help="CE date within the fiscal year, e.g. 2025-03-31")
        parser.add_argument("--office", help="province code of one office, e.g. 57")
        parser.add_argument("--region", type=int, help="number of an inspection region")
        parser.add_argument("--runs", type=int, default=7, help="timed runs per KPI")
        parser.add_argument("--only", default="", help="comma-separated KPI codes")

    def handle(self, *args, **options) -> None:
        scope = self._scope(options["office"], options["region"])
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else None
            period = Period.of(options["fiscal_year"], as_of)
        except ValueError as error:
            raise CommandError(str(error)) from error
        codes = [code for code in options["only"].split(",") if code] or list(KPIS)
        unknown = set(codes) - set(KPIS)
        if unknown:
            raise CommandError(f"unknown KPI: {', '.join(sorted(unknown))}")
        runs = max(1, options["runs"])

        office_ids = scope.office_list()
        self.stdout.write(
            f"{scope.kind} {scope.office_code or ','.join(map(str, scope.region_ids))} "
            f"FY {period.fiscal_year} as of {period.as_of} — {len(office_ids)} offices, "
            f"median of {runs} runs"
        )
        header = (
            f"{'KPI':<20} {'num':>7} {'den':>7} {'value':>6} {'target':>6}  {'first ms':>8} "
            f"{'by office ms':>12} {'bare SQL ms':>11} {'ratio':>5} {'queries':>7}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        total_first = total_orm = total_sql = 0.0
        for code in codes:
            kpi = KPIS[code]
            first_ms, orm_ms, sql_ms, queries = self._time(kpi, scope, period, office_ids, runs)
            total_first += first_ms
            total_orm, total_sql = total_orm + orm_ms, total_sql + sql_ms
            figure = kpi.figure(scope, period)
            value = "—" if figure.value is None else f"{figure.value}"
            target = f"{'≥' if kpi.higher_is_better else '≤'}{kpi.default_target}"
            self.stdout.write(
                f"{code:<20} {figure.numerator:>7,} {figure.denominator:>7,} {value:>6} "
                f"{target:>6}  {first_ms:>8.1f} {orm_ms:>12.1f} {sql_ms:>11.1f} "
                f"{orm_ms / sql_ms if sql_ms else 0:>5.2f} {queries:>7}"
            )
        self.stdout.write("-" * len(header))
        ratio = total_orm / total_sql if total_sql else 0
        self.stdout.write(
            f"{'all':<20} {'':>7} {'':>7} {'':>6} {'':>6}  {total_first:>8.1f} "
            f"{total_orm:>12.1f} {total_sql:>11.1f} {ratio:>5.2f}"
        )

    def _scope(self, office: str | None, region: int | None) -> Scope:
        if office and region:
            raise CommandError("--office or --region, not both")
        if office:
            if not Office.objects.filter(pk=office).exists():
                raise CommandError(f"no office {office}")
            return Scope.office(office)
        if region:
            found = Region.objects.filter(number=region).first()
            if found is None:
                raise CommandError(f"no region {region}")
            return Scope.region(found.pk)
        return Scope.nation()

    def _time(
        self, kpi: Kpi, scope: Scope, period: Period, office_ids: list[str], runs: int
    ) -> tuple[float, float, float, int]:
        """Ms of the first ``by_office`` (its SQL compiled), median ms of the next ones and of
        their SQL run bare, and the query count."""
        counting_sql.cache_clear()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            kpi.by_office(scope, period, office_ids=office_ids)
        first_ms = (time.perf_counter() - started) * 1000
        statements = [query["sql"] for query in captured.captured_queries]
        orm_times, sql_times = [], []
        for _run in range(runs):
            started = time.perf_counter()
            kpi.by_office(scope, period, office_ids=office_ids)
            orm_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            _bare(statements)
            sql_times.append(time.perf_counter() - started)
        return (
            first_ms,
            statistics.median(orm_times) * 1000,
            statistics.median(sql_times) * 1000,
            len(statements),
        )
