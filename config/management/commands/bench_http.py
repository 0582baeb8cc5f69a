"""Throughput of the pages people use, served as in production, against ``/health/``'s.

Starts gunicorn (2 sync workers, DEBUG=0) on a free local port against the database that
``DATABASE_URL`` names, signs in as the demo people (``seed_demo`` makes them, all with one
password), then runs Debian's ``wrk`` on each page in turn, one page at a time, with the
person's session cookie: ``/health/`` first, the reference, then every page of
``config.bench_pages`` (the same pages and people as ``bench``). Each page gets a short warm-up
first. Prints each page's requests per second, its share of ``/health/``'s, how many answers
were not 2xx and how many socket errors there were (both must be 0: a page that redirects or
fails is not measured), and whether it meets its target: at least 25% of ``/health/`` for a
list or a dashboard, 10% for any other page. A dashboard is measured as people read it: its
figures counted once and kept (five minutes at most, ``policy.dashboards``). gunicorn is
stopped however the run ends (an error, Ctrl-C, kill).

Share, not req/s, is the figure to compare between machines and runs: the 2 cores are shared by
gunicorn, PostgreSQL and wrk alike. Both move with whatever else runs on the machine, so the
load average is printed, ``--rounds`` gives medians, and "app ms" and "db ms" say how many
milliseconds of CPU gunicorn's workers and their PostgreSQL backends spent per answer: those
hardly move with other work, and are the figures to compare when a change to a page is weighed
on a busy machine. Run it on a national-scale
database, vacuumed.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse

from config import serving
from config.bench_pages import DASHBOARD, LIST, Page, bench_data, bench_pages, padded
from factories.models import Factory
from offices.demo import DEMO_PASSWORD

TARGETS = {LIST: 25.0, DASHBOARD: 25.0}  # share of /health/ in %, by kind of page
OTHER_TARGET = 10.0
FEW_REQUESTS = 20  # fewer answers than this in a run: the figure is rough, measure for longer

# wrk counts a 3xx as a success and reports only >= 400 as errors: this counts every answer
# that is not 2xx, over all threads, and prints one line the command reads.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  local e = summary.errors
  io.write(string.format("BENCH %d %d %d %d %d %d %d %d %d\\n", summary.requests,
    summary.duration, bad, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass
class Result:
    name: str
    kind: str | None
    status: int = 0  # of a single request before the run
    requests: int = 0
    seconds: float = 0.0
    non2xx: int = 0
    socket_errors: int = 0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    # CPU seconds over the run, where /proc tells: gunicorn's workers, PostgreSQL's backends
    app_cpu: float | None = None
    db_cpu: float | None = None

    def per_answer(self, seconds: float | None) -> float | None:
        return 1000 * seconds / self.requests if seconds is not None and self.requests else None

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _proc_stats() -> dict[int, tuple[int, int, str]]:
    """Every process's parent, CPU ticks (user and system) and name, from /proc."""
    stats = {}
    try:
        entries = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return stats
    for entry in entries:
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (name) "
        stats[int(entry)] = (int(fields[1]), int(fields[11]) + int(fields[12]), name)
    return stats


def _cpu(master: int, backends: set[int]) -> tuple[float | None, dict[int, int]]:
    """CPU seconds used so far by the children of ``master``; CPU ticks of each backend."""
    stats = _proc_stats()
    workers = [cpu for parent, cpu, _name in stats.values() if parent == master]
    return (
        sum(workers) / os.sysconf("SC_CLK_TCK") if workers else None,
        {pid: stats[pid][1] for pid in backends if pid in stats},
    )


def _db_seconds(before: dict[int, int], after: dict[int, int]) -> float | None:
    """CPU seconds the backends used between two readings; unknown if one ended between them.

    A backend that started in between (a worker reconnected) counts from nothing.
    """
    if not after or set(before) - set(after):
        return None
    return sum(ticks - before.get(pid, 0) for pid, ticks in after.items()) / os.sysconf(
        "SC_CLK_TCK"
    )


def _median_or_blank(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    return f"{statistics.median(known):>6.1f}" if known else f"{'':>6}"


class Command(BaseCommand):
    help = "วัดจำนวนคำขอต่อวินาทีของแต่ละหน้าผ่าน gunicorn เทียบกับ /health/ (ต้องใช้ PostgreSQL)"

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--duration", type=int, default=5, help="seconds of wrk per page (default 5)"
        )
        parser.add_argument(
            "--warmup", type=int, default=1, help="seconds of wrk per page before it is measured"
        )
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
        parser.add_argument(
            "--only",
            default="",
            help="measure only the pages whose name contains this text (/health/ always)",
        )
        parser.add_argument(
            "--rounds",
            type=int,
            default=1,
            help="measure every page this many times, /health/ first each time, and report "
            "each page's median share (steadier on a busy machine)",
        )
        parser.add_argument("--password", default=DEMO_PASSWORD, help="the demo people's password")
        parser.add_argument("--wrk", default=shutil.which("wrk") or "/usr/bin/wrk")

    def handle(self, *args, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                f"bench_http measures PostgreSQL, not {connection.vendor}: set DATABASE_URL, "
                "e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/inspection, to a database "
                "seeded with `seed_demo --scale national`."
            )
        if not Path(options["wrk"]).is_file():
            raise CommandError(f"wrk not found at {options['wrk']}: apt-get install wrk")
        data = bench_data(create_people=False)
        pages = [p for p in bench_pages(data) if options["only"] in p.name]
        missing = sorted({p.person for p in pages if data.people[p.person] is None})
        if missing:
            raise CommandError(
                f"no demo user for: {', '.join(missing)}; run `manage.py seed_demo --scale "
                "national` on this database first"
            )
        self.stdout.write(
            f"factories in the database: {Factory.objects.count():,}; gunicorn "
            f"{options['workers']} workers, DEBUG=0; wrk -c{options['connections']} "
            f"-t{options['threads']} -d{options['duration']}s per page, "
            f"after {options['warmup']} s of warm-up"
        )
        load_before = os.getloadavg()[0]
        connection.close()  # gunicorn's workers and this process should not share one

        workdir = Path(settings.VAR_DIR) / "bench-http"
        workdir.mkdir(parents=True, exist_ok=True)
        # Each worker keeps its one connection for the whole run, so that its PostgreSQL
        # backend's CPU can be read (production keeps them 60 s; the cost is the same).
        env = serving.production_env(workdir, DB_CONN_MAX_AGE="3600")
        self.stdout.write("collecting static files for DEBUG=0 …")
        serving.collect_static(env)
        port = serving.free_port()
        base = f"http://127.0.0.1:{port}"
        log_path = workdir / "gunicorn.log"
        with (
            tempfile.NamedTemporaryFile("w", suffix=".lua", prefix="bench-http-") as script,
            serving.gunicorn(env, port, log_path, workers=options["workers"]) as server,
        ):
            script.write(WRK_SCRIPT)
            script.flush()
            self.server = server
            cookies = {
                key: serving.sign_in(port, data.people[key].username, options["password"])
                for key in sorted({p.person for p in pages})
            }
            health = Page("/health/ (reference, no session)", "", reverse("core:health"))
            rounds = []
            for n in range(options["rounds"]):
                if options["rounds"] > 1:
                    self.stdout.write(f"round {n + 1} of {options['rounds']}")
                results = [self._measure(health, None, port, base, script.name, options)]
                for page in pages:
                    results.append(
                        self._measure(page, cookies[page.person], port, base, script.name, options)
                    )
                rounds.append(results)
        load_after = os.getloadavg()[0]
        self._report(rounds, options["duration"], log_path, load_before, load_after)

    def _backends(self) -> set[int]:
        """The PostgreSQL backends of gunicorn's workers, where PostgreSQL runs on this machine.

        Workers keep their connection (``DB_CONN_MAX_AGE``), so after the warm-up these are the
        processes doing the page's SQL. Another client of the same database would count too.
        """
        host = settings.DATABASES["default"].get("HOST") or ""
        if host not in ("", "localhost", "127.0.0.1", "::1") and not host.startswith("/"):
            return set()
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
                )
                pids = {pid for (pid,) in cursor.fetchall()}
        finally:
            connection.close()
        stats = _proc_stats()
        return {pid for pid in pids if stats.get(pid, (0, 0, ""))[2].startswith("postgres")}

    def _measure(
        self, page: Page, cookie: str | None, port: int, base: str, script: str, options
    ) -> Result:
        result = Result(page.name, page.kind if page.person else None)
        result.status = serving.get(port, page.url, cookie)[0]
        if result.status != 200:
            return result
        command = [
            options["wrk"],
            f"-c{options['connections']}",
            f"-t{options['threads']}",
            "--timeout",
            "30s",
            "-s",
            script,
            *(["-H", f"Cookie: {cookie}"] if cookie else []),
            base + page.url,
        ]
        if options["warmup"]:
            subprocess.run(
                [*command[:1], f"-d{options['warmup']}s", *command[1:]],
                check=True,
                capture_output=True,
            )
        app_before, db_before = _cpu(self.server.pid, self._backends())
        run = subprocess.run(
            [*command[:1], f"-d{options['duration']}s", *command[1:]],
            check=True,
            capture_output=True,
            text=True,
        )
        app_after, db_after = _cpu(self.server.pid, self._backends())
        if app_before is not None and app_after is not None:
            result.app_cpu = app_after - app_before
        result.db_cpu = _db_seconds(db_before, db_after)
        line = next((ln for ln in run.stdout.splitlines() if ln.startswith("BENCH ")), None)
        if line is None:
            raise CommandError(f"wrk printed no summary for {page.url}:\n{run.stdout}{run.stderr}")
        requests, micros, non2xx, *errors, p50, p99 = (int(v) for v in line.split()[1:])
        result.requests, result.seconds = requests, micros / 1e6
        result.non2xx, result.socket_errors = non2xx, sum(errors)
        result.p50_ms, result.p99_ms = p50 / 1000, p99 / 1000
        self.stdout.write(f"  {page.name}: {result.rate:,.1f} req/s")
        return result

    # -- the table --------------------------------------------------------------------------

    def _report(
        self,
        rounds: list[list[Result]],
        duration: int,
        log_path: Path,
        load_before: float,
        load_after: float,
    ) -> None:
        self.stdout.write("")
        if len(rounds) > 1:
            self.stdout.write(
                f"median of {len(rounds)} rounds: each page's share is the median of its shares "
                "of that round's /health/, req/s and latencies the medians of its rounds"
            )
        self.stdout.write(
            f"{'page':<52} {'req/s':>7} {'share':>6} {'p50 ms':>7} {'p99 ms':>7} {'app ms':>6} "
            f"{'db ms':>6} {'answers':>7} {'non-2xx':>7} {'sock err':>8} {'target':>6}  met"
        )
        failed = met = counted = 0
        for i, first in enumerate(rounds[0]):
            runs = [results[i] for results in rounds]
            statuses = {r.status for r in runs}
            if statuses != {200}:
                failed += 1
                shown = ", ".join(str(s) for s in sorted(statuses))
                self.stdout.write(f"{padded(first.name)} HTTP {shown}: not measured")
                continue
            shares = [
                100 * r.rate / results[0].rate if results[0].rate else 0.0
                for r, results in zip(runs, rounds, strict=True)
            ]
            share = statistics.median(shares)
            non2xx = sum(r.non2xx for r in runs)
            socket_errors = sum(r.socket_errors for r in runs)
            if first.kind is None:
                target, verdict = "", "(reference)"
            else:
                goal = TARGETS.get(first.kind, OTHER_TARGET)
                counted += 1
                met += share >= goal
                target, verdict = f"≥{goal:.0f}%", "met" if share >= goal else "NOT MET"
            if non2xx or socket_errors:
                failed += 1
                verdict += " (errors)"
            answers = min(r.requests for r in runs)
            if answers < FEW_REQUESTS:
                verdict += f" (only {answers} answers in {duration} s: rough)"
            rate = statistics.median(r.rate for r in runs)
            p50 = statistics.median(r.p50_ms for r in runs)
            p99 = statistics.median(r.p99_ms for r in runs)
            cpu = [
                _median_or_blank([r.per_answer(getattr(r, part)) for r in runs])
                for part in ("app_cpu", "db_cpu")
            ]
            self.stdout.write(
                f"{padded(first.name)} {rate:>7.1f} {share:>5.1f}% {p50:>7.1f} {p99:>7.1f} "
                f"{cpu[0]} {cpu[1]} {sum(r.requests for r in runs):>7} {non2xx:>7} "
                f"{socket_errors:>8} {target:>6}  {verdict}"
            )
        self.stdout.write(
            "app ms, db ms: CPU milliseconds per answer of gunicorn's workers (the page's Python) "
            "and of their PostgreSQL backends (its SQL), where /proc shows them; steadier than "
            "req/s when other work shares the machine"
        )
        self.stdout.write(
            f"targets met: {met} of {counted}; load average before {load_before:.1f}, after "
            f"{load_after:.1f} (2 cores: above ~1 other work shares them); gunicorn's log: "
            f"{log_path}"
        )
        if failed:
            raise CommandError(
                f"{failed} page(s) answered other than 200 or had errors: the figures above "
                "do not stand; see gunicorn's log"
            )
