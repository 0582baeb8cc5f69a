"""Load all reference data: geography, regions, offices and, as apps add them, their own lists.

Idempotent: a second run reports nothing created or updated.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

# Each app that ships reference data adds its loader here; each returns a LoadReport.
LOADERS = [
    "core.reference_data.dimensions_load",
    "offices.services.reference_data_load",
    "factories.services.reference_data_load",
    "inspections.services.reference_data_load",
    "policy.services.rubric_reference_load",
]


class Command(BaseCommand):
    help = "โหลดข้อมูลอ้างอิง (ภูมิศาสตร์ เขตตรวจราชการ สำนักงาน ฯลฯ) ซ้ำได้โดยไม่เปลี่ยนข้อมูลเดิม"

    def handle(self, *args, **options) -> None:
        for path in LOADERS:
            report = import_string(path)()
            for kind in sorted(set(report.created) | set(report.updated)):
                self.stdout.write(
                    f"{kind}: created {report.created.get(kind, 0)}, "
                    f"updated {report.updated.get(kind, 0)}"
                )
        self.stdout.write(self.style.SUCCESS("reference data loaded"))
