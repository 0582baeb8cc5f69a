"""Recompute the MIND scorecards of one fiscal year, nationally or for one office."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from offices.models import Office
from policy.services import NoRubric, scorecards_recompute


class Command(BaseCommand):
    help = "คำนวณผลการประเมิน MIND ของโรงงานทุกแห่งในปีงบประมาณใหม่ทั้งหมด"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--fiscal-year", type=int, required=True, help="e.g. 2567")
        parser.add_argument("--office", help="province code of one office, e.g. 57")
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, fiscal_year: int, office: str | None, batch_size: int, **options):
        chosen = None
        if office:
            chosen = Office.objects.filter(pk=office).first()
            if chosen is None:
                raise CommandError(f"no office {office}")
        try:
            report = scorecards_recompute(
                fiscal_year=fiscal_year, office=chosen, batch_size=batch_size
            )
        except NoRubric as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"fiscal year {fiscal_year}{f' office {office}' if office else ''}: "
            f"{report.rows} scorecards ({report.complete} with all four dimensions, "
            f"{report.balanced} balanced) in {report.seconds:.1f} s"
        )
        if report.failed:
            self.stderr.write(
                f"{len(report.failed)} factories could not be scored (see the log): "
                + ", ".join(str(pk) for pk in report.failed[:50])
            )
