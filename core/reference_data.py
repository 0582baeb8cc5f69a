"""Reference data every app loads the same way, and the one list that belongs to no single app:
the four MIND dimensions as the 2023 policy names them (docs/domain.md)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction


@dataclass
class LoadReport:
    """How many rows a reference load created and updated, per kind."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: int = 0, updated: int = 0) -> None:
        self.created[kind] = self.created.get(kind, 0) + created
        self.updated[kind] = self.updated.get(kind, 0) + updated

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())


DIMENSIONS: tuple[tuple[str, int, str, str, str], ...] = (
    (
        "business",
        1,
        "ความสำเร็จของธุรกิจ",
        "Business success",
        "การประกอบกิจการที่มั่นคง ถูกต้องตามใบอนุญาต และเติบโตได้",
    ),
    (
        "community",
        2,
        "การดูแลชุมชนและสังคม",
        "Care for the community and society",
        "ความปลอดภัย การไม่ก่อเหตุเดือดร้อนรำคาญ การรับฟังและแก้ไขเรื่องร้องเรียน",
    ),
    (
        "environment",
        3,
        "การรักษาสิ่งแวดล้อม",
        "Protecting the environment",
        "น้ำเสีย มลพิษอากาศ กากอุตสาหกรรม และอุตสาหกรรมสีเขียว",
    ),
    (
        "income",
        4,
        "การกระจายรายได้สู่ชุมชน",
        "Distributing income to the community",
        "การจ้างงานคนในพื้นที่ การซื้อวัตถุดิบและบริการจากชุมชน",
    ),
)


@transaction.atomic
def dimensions_load() -> LoadReport:
    """The four MIND dimensions; existing rows (perhaps reworded in admin) are left alone."""
    from core.models import Dimension

    report = LoadReport()
    have = set(Dimension.objects.values_list("code", flat=True))
    created = [
        Dimension(code=code, order=order, name=name, name_en=name_en, description=description)
        for code, order, name, name_en, description in DIMENSIONS
        if code not in have
    ]
    Dimension.objects.bulk_create(created)
    report.count("mind dimension", created=len(created))
    return report
