"""Fill the database with demo data: people of every role, office facts and a register.

``--scale small`` (what ``make run`` loads): the demo people, three fiscal years of office facts,
about 1,500 factories and the 40 real rows of the DIW sample for Prachinburi, inspections, and
the MIND scorecards of this fiscal year and the last.
``--scale national``: about 70,000 factories over the 76 offices and a head and an officer for
every office. Deterministic with ``--seed``; running it again gives the same data.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.thaidates import current_fiscal_year
from factories.demo import demo_register_create
from factories.models import Factory
from factories.services import import_batch_apply, import_batch_create
from inspections.demo import demo_inspections_create, demo_inspections_delete
from offices.demo import (
    DEMO_PASSWORD,
    demo_office_staff_create,
    demo_office_years_create,
    demo_people_create,
)
from offices.models import Office
from policy.demo import demo_rounds_create
from policy.services import NoRubric, scorecards_recompute

SCALES = {"small": 1_500, "national": 70_000}
REAL_SAMPLE = Path(settings.BASE_DIR) / "factories" / "data" / "diw-factories-sample.csv"


class Command(BaseCommand):
    help = "สร้างข้อมูลตัวอย่างสำหรับทดลองใช้งาน (ผู้ใช้ทุกบทบาท ข้อมูลสำนักงาน ทะเบียนโรงงาน)"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2567)
        parser.add_argument("--password", default=DEMO_PASSWORD)
        parser.add_argument(
            "--factories", type=int, help="number of demo factories (default: by scale)"
        )

    def handle(
        self, *args, scale: str, seed: int, password: str, factories: int | None, **options
    ) -> None:
        started = time.monotonic()
        if not Office.objects.exists():
            call_command("load_reference_data", stdout=self.stdout)
        users = demo_people_create(password=password)
        if scale == "national":
            self.stdout.write(
                f"office staff created: {demo_office_staff_create(password=password)}"
            )
        self.stdout.write(f"office years created: {demo_office_years_create(seed=seed)}")
        # Demo inspections hold on to demo factories: clear them before the register is redone.
        demo_inspections_delete()
        counts = demo_register_create(factories=factories or SCALES[scale], seed=seed)
        self.stdout.write(
            f"factories: {counts.factories:,}, GI certificates: {counts.certificates:,}, "
            f"complaints: {counts.complaints:,}, loans: {counts.loans:,}, "
            f"iSingle Form filings: {counts.factory_years:,}"
        )
        if not Factory.objects.filter(office_id="25", registration_number__isnull=True).exists():
            batch = import_batch_create(
                file=ContentFile(REAL_SAMPLE.read_bytes(), name=REAL_SAMPLE.name),
                user=None,
                office=Office.objects.get(pk="25"),
            )
            batch = import_batch_apply(batch=batch, valid_rows_only=True)
            self.stdout.write(f"real DIW sample for Prachinburi: {batch.created_count} factories")
        step = time.monotonic()
        work = demo_inspections_create(seed=seed)
        self.stdout.write(
            f"inspections: {work.inspections:,} "
            f"({', '.join(f'{year}: {n:,}' for year, n in work.by_year.items())}), "
            f"answers: {work.answers:,}, findings: {work.findings:,}, orders: {work.orders:,} "
            f"({work.overdue_orders:,} overdue), plan assignments: {work.plan_entries:,} "
            f"in {time.monotonic() - step:.1f} s"
        )
        step = time.monotonic()
        fiscal_year = current_fiscal_year()
        for year in (fiscal_year - 1, fiscal_year):
            try:
                report = scorecards_recompute(fiscal_year=year)
            except NoRubric:
                continue
            self.stdout.write(f"MIND scorecards {year}: {report.rows:,}")
        self.stdout.write(f"  in {time.monotonic() - step:.1f} s")
        step = time.monotonic()
        made = demo_rounds_create(seed=seed, all_offices=scale == "national")
        self.stdout.write(
            f"inspection rounds: {made.rounds}, visits: {made.visits}, "
            f"directives: {made.directives} in {time.monotonic() - step:.1f} s"
        )
        self.stdout.write(f"seeded in {time.monotonic() - started:.1f} s")
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {password})")
        for user in users:
            if user.office_id:
                where = user.office.short_name
            elif user.unit_id:
                where = user.unit.name
            else:
                where = ", ".join(str(r) for r in user.regions.all())
            self.stdout.write(f"  {user.username:<22} {user.get_role_display():<28} {where}")
        if scale == "national":
            self.stdout.write(
                "  head<code> / officer<code>  for every office, e.g. head25, officer57"
            )
