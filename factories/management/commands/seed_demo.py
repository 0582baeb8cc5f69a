"""Fill the database with demo data: people of every role and their offices' facts.

``--scale small`` (the default) is what ``make run`` loads. Deterministic with ``--seed``.
"""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

from offices.demo import DEMO_PASSWORD, demo_office_years_create, demo_people_create
from offices.models import Office


class Command(BaseCommand):
    help = "สร้างข้อมูลตัวอย่างสำหรับทดลองใช้งาน (ผู้ใช้ทุกบทบาท ข้อมูลสำนักงาน)"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", choices=["small", "national"], default="small")
        parser.add_argument("--seed", type=int, default=2567)
        parser.add_argument("--password", default=DEMO_PASSWORD)

    def handle(self, *args, scale: str, seed: int, password: str, **options) -> None:
        if not Office.objects.exists():
            call_command("load_reference_data", stdout=self.stdout)
        users = demo_people_create(password=password)
        created = demo_office_years_create(seed=seed)
        self.stdout.write(f"office years created: {created}")
        self.stdout.write("")
        self.stdout.write("Demo logins (password for all: %s)" % password)
        for user in users:
            where = user.office.short_name if user.office_id else ", ".join(
                str(r) for r in user.regions.all()
            )
            self.stdout.write(f"  {user.username:<22} {user.get_role_display():<28} {where}")
