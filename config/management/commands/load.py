"""A mixed working day under load: ``make load`` (``manage.py load``).

Serves the app as in production (gunicorn, DEBUG off) with a Celery worker beside it, on a copy
of the database that ``DATABASE_URL`` names, so that the approvals, answers and photos of the
run leave the demo as it was (``--in-place`` serves the database itself). Then locust runs the
people of ``config/loadtest.py`` — officers saving answers and uploading photos, heads on their
dashboard reviewing and approving, inspectors on a round's pages, the executive on the nation,
lists and exports among them — as ``--users`` people at once for ``--seconds``, and this prints,
for every page, its requests, errors, p50 and p95, and whether its p95 is within the target
(500 ms). Run it on the national demo (``seed_demo --scale national``), vacuumed; 2 cores are
shared by gunicorn, the worker, PostgreSQL and locust alike.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count, Q

from config import serving
from offices.demo import DEMO_PASSWORD
from offices.models import Role, User

P95_TARGET_MS = 500


def plan() -> dict:
    """Who the simulated people are and what each works on: an officer's own draft, a head's
    own office's inspections waiting for review, an inspector's region and its visits."""
    from inspections.models import FactoryInspection, InspectionStatus
    from policy.models import InspectionRound, Visit

    # An officer's drafts with answers (a few each: two simulated people signed in as the same
    # officer each fill a draft of their own, as two people would).
    drafts: dict[tuple[str, int], list[int]] = {}
    for name, person, pk in (
        FactoryInspection.objects.filter(
            status=InspectionStatus.DRAFT,
            lead_inspector__role=Role.OFFICER,
            answers__isnull=False,
        )
        .order_by("lead_inspector__username", "pk")
        .values_list("lead_inspector__username", "lead_inspector_id", "pk")
        .distinct()[:2000]
    ):
        if len(drafts.get((name, person), ())) < 5 and (
            (name, person) in drafts or len(drafts) < 40
        ):
            drafts.setdefault((name, person), []).append(pk)
    officers = [
        {"username": name, "pk": person, "drafts": pks} for (name, person), pks in drafts.items()
    ]
    heads = []
    for head in User.objects.filter(role=Role.HEAD, is_active=True, office__isnull=False).order_by(
        "office_id", "pk"
    ):
        mine = FactoryInspection.objects.filter(office_id=head.office_id)
        submitted = list(
            mine.filter(status=InspectionStatus.SUBMITTED).values_list("pk", flat=True)[:30]
        )
        approved = mine.filter(status=InspectionStatus.APPROVED).values_list("pk", flat=True)
        if submitted and approved.exists():
            heads.append(
                {
                    "username": head.username,
                    "office": head.office_id,
                    "submitted": submitted,
                    "approved": approved.first(),
                }
            )
        if len(heads) >= 20:
            break
    running = InspectionRound.objects.annotate(n=Count("visits")).order_by("-n", "-pk").first()
    inspectors = []
    for person in User.objects.filter(role=Role.INSPECTOR, is_active=True).prefetch_related(
        "regions"
    ):
        regions = [r.number for r in person.regions.all()]
        visits = list(
            Visit.objects.filter(
                Q(round=running) & Q(office__region__number__in=regions)
            ).values_list("pk", flat=True)[:20]
        )
        if running and regions and visits:
            inspectors.append(
                {
                    "username": person.username,
                    "round": running.pk,
                    "region": regions[0],
                    "visits": visits,
                }
            )
    executives = [
        {"username": name}
        for name in User.objects.filter(role=Role.EXECUTIVE, is_active=True).values_list(
            "username", flat=True
        )[:1]
    ]
    found = {"officer": officers, "head": heads, "inspector": inspectors, "executive": executives}
    missing = [role for role, people in found.items() if not people]
    if missing:
        raise CommandError(
            f"no demo people with work to do for: {', '.join(missing)}; run `manage.py "
            "seed_demo --scale national` on this database first"
        )
    return found


def _database_url(name: str) -> str:
    """The URL of the database ``name`` on the server of the default database."""
    db = settings.DATABASES["default"]
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    login = f"{user}:{password}@" if password else f"{user}@" if user else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{login}{db.get('HOST') or 'localhost'}{port}/{quote(name)}"


def _think(text: str) -> tuple[float, float]:
    """``MIN,MAX`` seconds, as ``--think 3,10``."""
    try:
        low, high = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("--think takes two numbers of seconds: MIN,MAX") from None
    if not 0 <= low <= high:
        raise argparse.ArgumentTypeError("--think: 0 ≤ MIN ≤ MAX")
    return low, high


class Command(BaseCommand):
    help = "จำลองผู้ใช้หลายคนพร้อมกันผ่าน gunicorn และ Celery worker แล้วพิมพ์เวลาตอบ p50/p95 ของแต่ละหน้า"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--users", type=int, default=50, help="people at once (default 50)")
        parser.add_argument("--seconds", type=int, default=60, help="length of the run (60)")
        parser.add_argument("--spawn-rate", type=float, default=10, help="people started a second")
        parser.add_argument("--workers", type=int, default=5, help="gunicorn workers (5)")
        parser.add_argument(
            "--in-place",
            action="store_true",
            help="serve the database itself, not a copy (its approvals and photos stay)",
        )
        parser.add_argument("--keep-copy", action="store_true", help="keep the copy afterwards")
        parser.add_argument(
            "--warmup",
            type=int,
            default=30,
            help="seconds of the same work before the measured run, not counted (30; 0: none)",
        )
        parser.add_argument(
            "--think",
            type=_think,
            default=(1.0, 3.0),
            metavar="MIN,MAX",
            help="seconds each person reads or types between two actions (default 1,3)",
        )
        parser.add_argument("--password", default=DEMO_PASSWORD, help="the demo people's password")

    def handle(self, *args, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                f"load runs against PostgreSQL, not {connection.vendor}: set DATABASE_URL to a "
                "database seeded with `seed_demo --scale national`."
            )
        workdir = Path(settings.VAR_DIR) / "load"
        shutil.rmtree(workdir, ignore_errors=True)
        (workdir / "media").mkdir(parents=True)
        people = plan()
        plan_path = workdir / "plan.json"
        self.stdout.write(
            f"people: {len(people['officer'])} officers, {len(people['head'])} heads, "
            f"{len(people['inspector'])} inspectors, {len(people['executive'])} executive"
        )
        source = settings.DATABASES["default"]["NAME"]
        copy = None
        if not options["in_place"]:
            copy = f"{source}_load"
            self._copy(source, copy)
        try:
            self._run(options, workdir, people, plan_path, _database_url(copy or source))
        finally:
            if copy and not options["keep_copy"]:
                self._drop(copy)

    # -- the database copy --------------------------------------------------------------------

    def _admin(self) -> psycopg.Connection:
        db = settings.DATABASES["default"]
        return psycopg.connect(
            dbname="postgres",
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            autocommit=True,
        )

    def _copy(self, source: str, copy: str) -> None:
        connection.close()
        started = time.monotonic()
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{copy}"')
            try:
                admin.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{source}"')
            except psycopg.errors.ObjectInUse as error:
                raise CommandError(
                    f"could not copy {source}: another program is connected to it ({error}); "
                    "stop it, or run with --in-place"
                ) from error
        self.stdout.write(f"copied {source} to {copy} in {time.monotonic() - started:.0f} s")

    def _drop(self, copy: str) -> None:
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')

    # -- the run ------------------------------------------------------------------------------

    def _signed_in(self, people: dict, options, port: int) -> dict:
        """The plan with a session for each simulated person, signed in before the run: people
        sign in once in the morning, and 50 sign-ins in the same minute (each hashing its
        password slowly, on purpose) would be the run's whole load. Slot ``i`` of a role is its
        ``i``-th person (round the list): locust's ``i``-th person of that role takes it."""
        started = time.monotonic()
        weights = {"officer": 5, "head": 3, "inspector": 1, "executive": 1}  # config/loadtest.py
        sessions = {}
        for role, weight in weights.items():
            slots = -(-options["users"] * weight // sum(weights.values())) + 1
            sessions[role] = [
                serving.sign_in(
                    port, people[role][i % len(people[role])]["username"], options["password"]
                )
                for i in range(slots)
            ]
        self.stdout.write(
            f"signed in {sum(len(s) for s in sessions.values())} sessions in "
            f"{time.monotonic() - started:.0f} s"
        )
        return people | {"sessions": sessions}

    def _run(
        self, options, workdir: Path, people: dict, plan_path: Path, database_url: str
    ) -> None:
        env = serving.production_env(
            workdir,
            DATABASE_URL=database_url,
            MEDIA_ROOT=str(workdir / "media"),
            DB_CONN_MAX_AGE="60",
        )
        serving.collect_static(env)
        port = serving.free_port()
        worker_log, gunicorn_log = workdir / "worker.log", workdir / "gunicorn.log"
        with (
            serving.celery_worker(env, "--loglevel=WARNING", log_path=worker_log),
            serving.gunicorn(env, port, gunicorn_log, workers=options["workers"]),
        ):
            plan_path.write_text(json.dumps(self._signed_in(people, options, port)))
            self.stdout.write(
                f"locust: {options['users']} people for {options['seconds']} s, each reading "
                f"or typing {options['think'][0]:g}–{options['think'][1]:g} s between two "
                f"actions, against gunicorn ({options['workers']} workers) with a Celery worker …"
            )

            def locust(seconds: int, name: str) -> subprocess.CompletedProcess:
                return subprocess.run(
                    [
                        *(sys.executable, "-m", "locust", "-f", str(locustfile)),
                        *("--headless", "--only-summary"),
                        *("--host", f"http://127.0.0.1:{port}"),
                        *("-u", str(options["users"]), "-r", str(options["spawn_rate"])),
                        *("-t", f"{seconds}s", "--csv", str(workdir / name)),
                        *("--exit-code-on-error", "0"),
                    ],
                    cwd=settings.BASE_DIR,
                    env={
                        **env,
                        "LOAD_PLAN": str(plan_path),
                        "LOAD_THINK": ",".join(map(str, options["think"])),
                    },
                    capture_output=True,
                    text=True,
                )

            locustfile = settings.BASE_DIR / "config" / "loadtest.py"
            if options["warmup"]:
                # A server of a working day has read its tables and counted its dashboards
                # before the morning's people arrive: the same work first, its figures not kept.
                self.stdout.write(f"warm-up: {options['warmup']} s of the same work, not counted")
                locust(options["warmup"], "warmup")
            run = locust(options["seconds"], "locust")
        (workdir / "locust.log").write_text(run.stdout + run.stderr)
        stats = workdir / "locust_stats.csv"
        if not stats.exists():
            raise CommandError(f"locust printed no figures:\n{(run.stdout + run.stderr)[-3000:]}")
        self._report(stats, workdir)

    def _report(self, stats: Path, workdir: Path) -> None:
        with open(stats) as f:
            rows = list(csv.DictReader(f))
        self.stdout.write("")
        self.stdout.write(
            f"{'page':<40} {'requests':>8} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7}  p95 ≤ "
            f"{P95_TARGET_MS} ms"
        )
        slow = errors = 0
        total = None
        for row in rows:
            name = row["Name"]
            if name == "Aggregated":
                total = row
                continue
            requests, failures = int(row["Request Count"]), int(row["Failure Count"])
            p50, p95 = float(row["50%"] or 0), float(row["95%"] or 0)
            errors += failures
            met = p95 <= P95_TARGET_MS
            slow += not met
            verdict = "met" if met else "NOT MET"
            self.stdout.write(
                f"{name[:40]:<40} {requests:>8} {failures:>6} {p50:>7.0f} {p95:>7.0f}  {verdict}"
            )
        if total:
            self.stdout.write(
                f"{'all pages':<40} {int(total['Request Count']):>8} "
                f"{int(total['Failure Count']):>6} {float(total['50%'] or 0):>7.0f} "
                f"{float(total['95%'] or 0):>7.0f}  ({float(total['Requests/s']):.1f} req/s)"
            )
        self.stdout.write(
            f"errors: {errors}; pages over {P95_TARGET_MS} ms at p95: {slow}; load average "
            f"{os.getloadavg()[0]:.1f}; locust's, gunicorn's and the worker's logs in {workdir}"
        )
        failures = workdir / "locust_failures.csv"
        if errors and failures.exists():
            with open(failures) as f:
                for row in list(csv.DictReader(f))[:10]:
                    self.stdout.write(f"  {row['Name']}: {row['Error']} ({row['Occurrences']}×)")
