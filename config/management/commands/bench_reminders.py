"""The daily reminder run, measured.

Without options: run every reminder kind at each of its active thresholds for a day (today by
default; the coverage kind on the day its threshold falls in the current fiscal year, since on
other days it costs nothing; the directive kind's days before the due date on the day most open
directives fall due that many days later, overdue on the day itself) and create the
notifications, all inside a transaction that is rolled back, so it may run against any
database, a national one included. Prints the time of the whole run, then per kind and
threshold the reminders due, the queries and the time, and the number of factories, to compare
the queries of a small and a national database: they must be the same.

``--kill-test``: creates 1,000 reminders' worth of subjects (500 orders due in seven days, each
issued by its own officer, in ten offices whose heads are reminded too), starts a worker,
sends the daily run, SIGKILLs the worker once the first digests are out, starts a second
worker and a second run beside it, and waits for the work to finish. Mail goes to an SMTP sink
in this process. Prints created, sent, duplicated (must be 0) and lost (must be 0). It writes
to the database (and removes what it made), so it refuses the shared national ones.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import os
import signal
import time
import uuid

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from config import serving
from config.smtp_sink import SmtpSink
from core.models import DigestSend, Notification, ReminderThreshold
from core.notifications import digest_recipients, notifications_create
from core.reminders import KINDS
from core.thaidates import fiscal_year_of, fiscal_year_range
from factories.models import Factory, FactoryType
from inspections.models import FactoryInspection, InspectionStatus, Order, OrderSection
from offices.models import Office, Role, User
from policy.models import Directive

PREFIX = "bench-remind"
ORDERS = 500
OFFICES = 10
SHARED_DATABASES = {"h_bench", "nat"}
# The thresholds the migrations seed, in case this database was migrated before some kinds.
SEEDED_IN = (
    "core.migrations.0006_more_reminder_kinds",
    "policy.migrations.0008_directive_reminder_thresholds",
)


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "วัดเวลาการสร้างการแจ้งเตือนรายวันและจำนวน query ต่อชนิด; --kill-test ทดสอบ worker ถูกฆ่ากลางงาน"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--day", help="YYYY-MM-DD (today in Bangkok by default)")
        parser.add_argument("--kill-test", action="store_true")

    def handle(self, *args, day: str | None, kill_test: bool, **options) -> None:
        when = dt.date.fromisoformat(day) if day else timezone.localdate()
        if kill_test:
            self.kill_test(when)
        else:
            self.measure(when)

    # --- the daily run ------------------------------------------------------------------------

    def measure(self, day: dt.date) -> None:
        try:
            with transaction.atomic():
                self._measure(day)
                raise Rollback
        except Rollback:
            self.stdout.write("(rolled back: nothing was kept)")

    def _measure(self, day: dt.date) -> None:
        # The thresholds of every kind, as the migrations seed them, in case this database
        # was migrated before some kinds existed (rolled back with the rest).
        seeded = [d for module in SEEDED_IN for d in importlib.import_module(module).DEFAULTS]
        for kind, days in [("order", 7), ("order", 1), ("order", -1), ("gi", 90), ("gi", 30)]:
            ReminderThreshold.objects.get_or_create(kind=kind, days=days)
        for kind, days in seeded:
            ReminderThreshold.objects.get_or_create(kind=kind, days=days)
        factories = Factory.objects.count()
        self.stdout.write(
            f"database {connection.settings_dict['NAME']}: {factories:,} factories, "
            f"{Order.objects.count():,} orders, {Directive.objects.open().count():,} open "
            f"directives; day {day.isoformat()}"
        )
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            due = notifications_create(day=day)
            run_seconds = time.perf_counter() - started
        self.stdout.write(
            f"daily run: {run_seconds:.2f} s, {len(queries)} queries, "
            f"{sum(due.values()):,} reminders due ({', '.join(f'{k} {n}' for k, n in due.items())})"
        )
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            people = digest_recipients(day=day)
            self.stdout.write(
                f"digest recipients: {len(people):,} in {time.perf_counter() - started:.2f} s, "
                f"{len(queries)} queries"
            )
        self.stdout.write(
            f"{'kind':<10} {'days':>5} {'on day':<11} {'due':>7} {'queries':>7} {'s':>7}"
        )
        thresholds = ReminderThreshold.objects.filter(active=True, kind__in=list(KINDS))
        for threshold in thresholds.order_by("kind", "days"):
            on = self._day_for(threshold, day)
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                rows = list(KINDS[threshold.kind](on, threshold.days))
                seconds = time.perf_counter() - started
            self.stdout.write(
                f"{threshold.kind:<10} {threshold.days:>5} {on.isoformat():<11} {len(rows):>7,} "
                f"{len(queries):>7} {seconds:>7.3f}"
            )

    @staticmethod
    def _day_for(threshold: ReminderThreshold, day: dt.date) -> dt.date:
        """The coverage kind does its work only when its number of days of the fiscal year
        remain: measure it on that day of the current year. A directive's days before it is
        due: on the day the most open directives fall due that many days later."""
        if threshold.kind == "directive" and threshold.days >= 0:
            busiest = (
                Directive.objects.open()
                .filter(due_on__isnull=False)
                .values("due_on")
                .annotate(n=Count("pk"))
                .order_by("-n", "due_on")
                .values_list("due_on", flat=True)
                .first()
            )
            return busiest - dt.timedelta(days=threshold.days) if busiest else day
        if threshold.kind != "coverage":
            return day
        end = fiscal_year_range(fiscal_year_of(day))[1]
        return end - dt.timedelta(days=threshold.days)

    # --- a worker killed mid-run --------------------------------------------------------------

    def kill_test(self, day: dt.date) -> None:
        name = connection.settings_dict["NAME"]
        if name in SHARED_DATABASES:
            raise CommandError(f"--kill-test writes to the database: not on {name}")
        if settings.CELERY_BROKER_URL.startswith("filesystem://"):
            raise CommandError("--kill-test needs Redis: set CELERY_BROKER_URL")
        self._remove()
        expected = self._make(day)
        people = {recipient for _kind, _subject, recipient in expected}
        addresses = dict(User.objects.filter(pk__in=people).values_list("email", "pk"))
        queue = f"{PREFIX}-{uuid.uuid4().hex[:8]}"
        visibility = 5
        from config.celery import app
        from core.tasks import send_reminders

        app.conf.task_always_eager = False
        try:
            with SmtpSink() as sink:
                env = {
                    **sink.environment(),
                    "CELERY_VISIBILITY_TIMEOUT": str(visibility),
                    "DIGEST_RETRY_SECONDS": "1",
                }
                started = time.perf_counter()
                with self._worker(queue, env) as first:
                    send_reminders.apply_async((day.isoformat(),), queue=queue)
                    killed_at = self._wait(lambda: len(sink.received) >= 20, 120)
                    os.kill(first.pid, signal.SIGKILL)
                    first.wait()
                at_kill = (self._created(), len(sink.received))
                self.stdout.write(
                    f"worker SIGKILLed {killed_at:.1f} s into the run: {at_kill[0]} notifications "
                    f"created, {at_kill[1]} digests sent so far"
                )
                with self._worker(queue, env):
                    send_reminders.apply_async((day.isoformat(),), queue=queue)
                    self._wait(lambda: len(set(self._mailed(sink))) >= len(addresses), 600)
                    # The killed run comes back once the broker's visibility timeout has
                    # passed: wait for it too, and for any second copy of a digest.
                    time.sleep(visibility + 15)
                elapsed = time.perf_counter() - started
                self._report(expected, addresses, sink, elapsed)
        finally:
            self._remove()

    def _created(self) -> int:
        return Notification.objects.filter(recipient__username__startswith=PREFIX).count()

    @staticmethod
    def _mailed(sink: SmtpSink) -> list[str]:
        return [a for r in sink.received for a in r.recipients]

    def _report(self, expected: set, addresses: dict, sink: SmtpSink, elapsed: float) -> None:
        mine = Notification.objects.filter(recipient__username__startswith=PREFIX)
        keys = set(mine.values_list("kind", "subject_key", "recipient_id"))
        doubled_rows = (
            mine.values("kind", "subject_key", "threshold", "recipient")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .count()
        )
        mailed = sink.per_recipient()
        doubled_mail = sum(n - 1 for a, n in mailed.items() if a in addresses and n > 1)
        lost_rows = len(expected - keys)
        lost_mail = len(set(addresses) - set(mailed))
        self.stdout.write(
            f"expected: {len(expected):,} notifications, {len(addresses):,} digests\n"
            f"created: {len(keys):,} notifications\n"
            f"sent: {len(set(mailed) & set(addresses)):,} digests "
            f"({mine.filter(digest_sent_at__isnull=False).count():,} notifications mailed, "
            f"{DigestSend.objects.filter(recipient__username__startswith=PREFIX).count():,} "
            f"recorded, {sink.attempts:,} SMTP transactions)\n"
            f"duplicated: {doubled_rows + doubled_mail} ({doubled_rows} notifications, "
            f"{doubled_mail} emails)\n"
            f"lost: {lost_rows + lost_mail} ({lost_rows} notifications, {lost_mail} digests)\n"
            f"time: {elapsed:.1f} s"
        )

    @staticmethod
    def _wait(check, seconds: float) -> float:
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            if check():
                return time.perf_counter() - started
            time.sleep(0.05)
        raise CommandError(f"gave up waiting after {seconds:.0f} s")

    @contextlib.contextmanager
    def _worker(self, queue: str, env: dict[str, str]):
        s = connection.settings_dict
        auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
        url = f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"
        with serving.celery_worker(
            {**os.environ, **env, "DATABASE_URL": url, "CELERY_QUEUE": queue},
            *("-Q", queue, "--loglevel=error"),
            *("--without-heartbeat", "--without-mingle", "--without-gossip"),
        ) as process:
            yield process

    def _make(self, day: dt.date) -> set[tuple[str, str, int]]:
        """500 orders due in seven days, each issued by its own officer; returns the keys of
        the 1,000 notifications the run must create (kind, subject, recipient)."""
        offices = list(Office.objects.order_by("pk")[:OFFICES])
        factory_type = FactoryType.objects.order_by("pk").first()
        heads = User.objects.bulk_create(
            User(
                username=f"{PREFIX}-head-{o.pk}",
                role=Role.HEAD,
                office=o,
                email=f"{PREFIX}-head-{o.pk}@example.org",
            )
            for o in offices
        )
        officers = User.objects.bulk_create(
            User(
                username=f"{PREFIX}-officer-{i}",
                role=Role.OFFICER,
                office=offices[i % OFFICES],
                email=f"{PREFIX}-officer-{i}@example.org",
            )
            for i in range(ORDERS)
        )
        factories = Factory.objects.bulk_create(
            Factory(
                name=f"{PREFIX} {i}",
                old_registration_number=f"{PREFIX}-{i}",
                province_id=officers[i].office.province_id,
                office_id=officers[i].office_id,
                factory_type=factory_type,
                class_number=3,
                status=1,
            )
            for i in range(ORDERS)
        )
        issued = day - dt.timedelta(days=20)
        inspections = FactoryInspection.objects.bulk_create(
            FactoryInspection(
                factory=f,
                office_id=f.office_id,
                fiscal_year=fiscal_year_of(issued),
                inspected_on=issued,
                lead_inspector=officers[i],
                status=InspectionStatus.APPROVED,
            )
            for i, f in enumerate(factories)
        )
        orders = Order.objects.bulk_create(
            Order(
                factory=f,
                office_id=f.office_id,
                inspection=inspections[i],
                section=OrderSection.S37,
                number=f"{PREFIX} {i}",
                legal_text="ให้ปรับปรุงระบบบำบัดน้ำเสีย",
                issued_on=issued,
                deadline=day + dt.timedelta(days=7),
                issued_by=officers[i],
            )
            for i, f in enumerate(factories)
        )
        head_of = {h.office_id: h.pk for h in heads}
        expected = set()
        for order, officer in zip(orders, officers, strict=True):
            expected.add(("order", f"order:{order.pk}", officer.pk))
            expected.add(("order", f"order:{order.pk}", head_of[officer.office_id]))
        ReminderThreshold.objects.get_or_create(kind="order", days=7)
        return expected

    @staticmethod
    def _remove() -> None:
        """Remove what ``_make`` made. Raw deletes, in the order of the foreign keys: a
        queryset's delete would announce every order as a changed fact, queueing scorecard
        refreshes that nothing here runs."""
        users = User.objects.filter(username__startswith=PREFIX)
        Notification.objects.filter(recipient__in=users)._raw_delete(connection.alias)
        DigestSend.objects.filter(recipient__in=users)._raw_delete(connection.alias)
        Order.objects.filter(number__startswith=PREFIX)._raw_delete(connection.alias)
        FactoryInspection.objects.filter(factory__name__startswith=PREFIX)._raw_delete(
            connection.alias
        )
        Factory.objects.filter(name__startswith=PREFIX)._raw_delete(connection.alias)
        users._raw_delete(connection.alias)
