"""Demo people and office facts, so that a first look shows every role at work."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from core.thaidates import current_fiscal_year
from offices.models import HousingCondition, MinistryUnit, Office, OfficeYear, Region, Role, User

DEMO_PASSWORD = "demo-2567"


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    role: str
    office: str | None = None  # province code
    regions: tuple[int, ...] = ()
    position: str = ""
    unit: str | None = None  # MinistryUnit code


DEMO_PEOPLE = (
    DemoPerson("admin", "ผู้ดูแล", "ระบบ", Role.ADMIN, position="ผู้ดูแลระบบ"),
    DemoPerson("executive", "ปลัด", "ทดลอง", Role.EXECUTIVE, position="ปลัดกระทรวงอุตสาหกรรม"),
    DemoPerson(
        "inspector16",
        "วิษณุ",
        "ตรวจเขต",
        Role.INSPECTOR,
        regions=(16,),
        position="ผู้ตรวจราชการกระทรวง",
    ),
    DemoPerson(
        "inspector18",
        "วิมล",
        "ตรวจราชการ",
        Role.INSPECTOR,
        regions=(18, 3),
        position="หัวหน้าผู้ตรวจราชการกระทรวง",
    ),
    DemoPerson(
        "head.inspector",
        "วิษณุ",
        "หัวหน้าตรวจ",
        Role.HEAD_INSPECTOR,
        position="หัวหน้าผู้ตรวจราชการกระทรวงอุตสาหกรรม",
    ),
    DemoPerson(
        "unit.kyp",
        "กานดา",
        "แผนงาน",
        Role.UNIT,
        position="นักวิเคราะห์นโยบายและแผน กองยุทธศาสตร์และแผนงาน",
        unit="กยผ.",
    ),
    DemoPerson(
        "unit.smed",
        "อนุพงษ์",
        "สินเชื่อ",
        Role.UNIT,
        position="ผู้จัดการสาขา ธนาคารพัฒนาวิสาหกิจขนาดกลางและขนาดย่อมแห่งประเทศไทย",
        unit="ธพว.",
    ),
    DemoPerson(
        "head.chiangrai", "กฤษณา", "เชียงราย", Role.HEAD, "57", position="อุตสาหกรรมจังหวัดเชียงราย"
    ),
    DemoPerson(
        "officer.chiangrai", "สมชาย", "ใจดี", Role.OFFICER, "57", position="นักวิชาการอุตสาหกรรม"
    ),
    DemoPerson("head.phichit", "สมปอง", "พิจิตร", Role.HEAD, "66", position="อุตสาหกรรมจังหวัดพิจิตร"),
    DemoPerson(
        "officer.phichit", "เกศินี", "ดอนเมือง", Role.OFFICER, "66", position="นักวิชาการอุตสาหกรรม"
    ),
    DemoPerson(
        "head.prachinburi", "ประเสริฐ", "ปราจีน", Role.HEAD, "25", position="อุตสาหกรรมจังหวัดปราจีนบุรี"
    ),
    DemoPerson(
        "officer.prachinburi", "วิภา", "วันเพ็ญ", Role.OFFICER, "25", position="นักวิชาการอุตสาหกรรม"
    ),
)

# What the Chiang Rai office reported to the Permanent Secretary in February 2566
# (docs/domain.md, "Sources").
CHIANG_RAI_2566_PROBLEMS = "\n".join(
    [
        "ผังเมือง",
        "ผู้ประกอบการยังขาดประสบการณ์การดำเนินธุรกิจ",
        "การสนับสนุนด้านเงินทุน",
        "การขาดความรู้ความเชี่ยวชาญด้านเทคโนโลยีดิจิทัล",
        "บุคลากรไม่เพียงพอ",
        "งบประมาณจำกัด",
        "บ้านพักชำรุดทรุดโทรม",
    ]
)


@transaction.atomic
def demo_people_create(*, password: str = DEMO_PASSWORD) -> list[User]:
    """Create (or refresh) the demo users of every role; returns them in display order."""
    regions = {r.number: r for r in Region.objects.all()}
    units = dict(MinistryUnit.objects.values_list("code", "pk"))
    users = []
    for person in DEMO_PEOPLE:
        user, _ = User.objects.update_or_create(
            username=person.username,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "role": person.role,
                "office_id": person.office,
                "unit_id": units.get(person.unit) if person.unit else None,
                "position": person.position,
                "email": f"{person.username}@example.go.th",
                "is_superuser": person.role == Role.ADMIN,
            },
        )
        user.set_password(password)
        user.save()
        user.regions.set([regions[n] for n in person.regions])
        users.append(user)
    return users


@transaction.atomic
def demo_office_years_create(*, seed: int = 2567, years: int = 3) -> int:
    """Facts for every office over the last ``years`` fiscal years, made up but plausible."""
    rng = random.Random(seed)
    last = current_fiscal_year()
    existing = set(OfficeYear.objects.values_list("office_id", "fiscal_year"))
    rows = []
    problems_pool = [
        *CHIANG_RAI_2566_PROBLEMS.splitlines(),
        "ยานพาหนะไม่เพียงพอต่อการตรวจโรงงาน",
        "ระบบเครือข่ายอินเทอร์เน็ตไม่เสถียร",
    ]
    for office in Office.objects.order_by("pk"):
        for fiscal_year in range(last - years + 1, last + 1):
            if (office.pk, fiscal_year) in existing:
                continue
            received = Decimal(rng.randrange(1_800_000, 6_500_000, 10_000))
            spent_share = Decimal(rng.randrange(35, 98)) / 100
            if fiscal_year == last:
                spent_share = spent_share / 6  # the new fiscal year has barely begun
            row = OfficeYear(
                office=office,
                fiscal_year=fiscal_year,
                staff_count=rng.randint(14, 42),
                budget_received=received,
                budget_spent=(received * spent_share).quantize(Decimal("1")),
                housing_condition=rng.choice(
                    [c for c in HousingCondition.values if c != HousingCondition.NONE]
                ),
                problems="\n".join(rng.sample(problems_pool, rng.randint(1, 4))),
            )
            rows.append(row)
    OfficeYear.objects.bulk_create(rows, batch_size=1000)
    # The one office whose figures are on the public record.
    OfficeYear.objects.update_or_create(
        office_id="57",
        fiscal_year=2566,
        defaults={
            "staff_count": 30,
            "housing_condition": HousingCondition.DILAPIDATED,
            "housing_note": "บ้านพักชำรุดทรุดโทรม ขอให้ กยผ. พิจารณาจัดสรรงบซ่อมแซม",
            "problems": CHIANG_RAI_2566_PROBLEMS,
        },
    )
    return len(rows)


@transaction.atomic
def demo_office_staff_create(*, password: str = DEMO_PASSWORD) -> int:
    """A head and an officer for every office (``head25``, ``officer25`` …), for national demos."""
    from django.contrib.auth.hashers import make_password

    hashed = make_password(password)
    have = set(User.objects.values_list("username", flat=True))
    users = []
    for office in Office.objects.select_related("province").order_by("pk"):
        for role, prefix, first in (
            (Role.HEAD, "head", "หัวหน้า"),
            (Role.OFFICER, "officer", "เจ้าหน้าที่"),
        ):
            username = f"{prefix}{office.pk}"
            if username in have:
                continue
            users.append(
                User(
                    username=username,
                    password=hashed,
                    role=role,
                    office=office,
                    first_name=first,
                    last_name=office.province.name_th,
                )
            )
    User.objects.bulk_create(users, batch_size=500)
    return len(users)
