"""Demo data for the factory register, from a handful of factories to a national register.

Made up but shaped like the real register: most factories are class 3 and operating, the
industrial provinces of the east and the central plain hold the most, the common types
(grain mills, stone and sand, plastics, metal work, repair shops …) dominate, and coordinates
fall around the province's seat. Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.utils.translation import gettext

from factories.models import (
    Complaint,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintStatus,
    Factory,
    FactoryStatus,
    FactoryType,
    FactoryYear,
    GreenIndustryCertificate,
    Loan,
    LoanStatus,
)
from offices.models import Office, Subdistrict, office_code_for

# Approximate position of each province's seat (lat, lng); factories scatter around it.
PROVINCE_SEATS: dict[str, tuple[float, float]] = {
    "11": (13.60, 100.60),
    "12": (13.86, 100.51),
    "13": (14.02, 100.53),
    "14": (14.35, 100.57),
    "15": (14.59, 100.45),
    "16": (14.80, 100.65),
    "17": (14.89, 100.40),
    "18": (15.19, 100.13),
    "19": (14.53, 100.91),
    "20": (13.36, 100.98),
    "21": (12.68, 101.28),
    "22": (12.61, 102.10),
    "23": (12.24, 102.52),
    "24": (13.69, 101.08),
    "25": (14.05, 101.37),
    "26": (14.20, 101.21),
    "27": (13.82, 102.07),
    "30": (14.97, 102.10),
    "31": (14.99, 103.10),
    "32": (14.88, 103.49),
    "33": (15.12, 104.32),
    "34": (15.24, 104.85),
    "35": (15.79, 104.15),
    "36": (15.81, 102.03),
    "37": (15.87, 104.63),
    "38": (18.36, 103.65),
    "39": (17.20, 102.44),
    "40": (16.43, 102.83),
    "41": (17.41, 102.79),
    "42": (17.49, 101.72),
    "43": (17.88, 102.74),
    "44": (16.18, 103.30),
    "45": (16.05, 103.65),
    "46": (16.43, 103.51),
    "47": (17.16, 104.15),
    "48": (17.41, 104.78),
    "49": (16.54, 104.72),
    "50": (18.79, 98.98),
    "51": (18.58, 99.01),
    "52": (18.29, 99.49),
    "53": (17.62, 100.10),
    "54": (18.14, 100.14),
    "55": (18.78, 100.78),
    "56": (19.17, 99.90),
    "57": (19.91, 99.83),
    "58": (19.30, 97.97),
    "60": (15.70, 100.14),
    "61": (15.38, 100.02),
    "62": (16.48, 99.52),
    "63": (16.88, 99.13),
    "64": (17.01, 99.82),
    "65": (16.82, 100.26),
    "66": (16.44, 100.35),
    "67": (16.42, 101.16),
    "70": (13.54, 99.81),
    "71": (14.02, 99.53),
    "72": (14.47, 100.12),
    "73": (13.82, 100.06),
    "74": (13.55, 100.27),
    "75": (13.41, 100.00),
    "76": (13.11, 99.94),
    "77": (11.81, 99.80),
    "80": (8.43, 99.96),
    "81": (8.09, 98.91),
    "82": (8.45, 98.53),
    "83": (7.88, 98.39),
    "84": (9.14, 99.33),
    "85": (9.96, 98.64),
    "86": (10.49, 99.18),
    "90": (7.19, 100.60),
    "91": (6.62, 100.07),
    "92": (7.56, 99.61),
    "93": (7.62, 100.08),
    "94": (6.87, 101.25),
    "95": (6.54, 101.28),
    "96": (6.43, 101.82),
}

# Relative size of each province's register: the eastern seaboard and the central plain
# around Bangkok hold most factories.
PROVINCE_WEIGHTS: dict[str, int] = {
    "11": 70,
    "12": 25,
    "13": 45,
    "14": 30,
    "20": 60,
    "21": 35,
    "74": 60,
    "73": 30,
    "24": 20,
    "25": 12,
    "19": 20,
    "30": 25,
    "50": 15,
    "40": 12,
    "90": 12,
    "84": 10,
    "80": 10,
    "60": 10,
    "70": 12,
    "72": 10,
    "71": 8,
}

# Common factory types and how often they occur.
TYPE_WEIGHTS: dict[int, int] = {
    9: 14,
    3: 8,
    2: 5,
    53: 6,
    64: 6,
    92: 8,
    58: 4,
    50: 3,
    52: 3,
    37: 4,
    4: 3,
    6: 3,
    10: 2,
    13: 2,
    14: 3,
    18: 2,
    19: 2,
    22: 2,
    34: 3,
    35: 2,
    40: 2,
    42: 2,
    44: 2,
    45: 2,
    60: 2,
    63: 2,
    74: 2,
    88: 1,
    89: 1,
    101: 1,
    105: 1,
    106: 1,
}

NAME_PARTS = (
    "สยาม",
    "ไทย",
    "รุ่งเรือง",
    "เจริญ",
    "ศรี",
    "ทอง",
    "มั่นคง",
    "พัฒนา",
    "สุวรรณ",
    "ชัย",
    "อุดม",
    "มงคล",
    "ทรัพย์",
    "เกษตร",
    "ยูเนี่ยน",
    "โกลเด้น",
    "แสงทอง",
    "รวมมิตร",
    "ประเสริฐ",
    "บูรพา",
    "อีสเทิร์น",
    "นครชัย",
    "ภัทร",
    "กิจ",
    "วัฒนา",
    "ไพศาล",
)
BUSINESS_WORDS = {
    9: "ค้าข้าว",
    3: "ศิลา",
    2: "การเกษตร",
    53: "พลาสติก",
    64: "เมทัลเวิร์ค",
    92: "ยานยนต์",
    58: "คอนกรีต",
    50: "เคมีภัณฑ์",
    52: "รับเบอร์",
    37: "เฟอร์นิเจอร์",
    4: "ฟาร์ม",
    6: "ซีฟู้ด",
    101: "เอ็นไวรอนเมนทอล",
    105: "รีไซเคิล",
    106: "รีไซเคิล",
}
FIRST_NAMES = (
    "สมชาย",
    "สมศักดิ์",
    "วิภา",
    "ประยูร",
    "กัญญา",
    "สุนทร",
    "มาลี",
    "ณัฐพล",
    "ปราณี",
    "อำนาจ",
    "จันทร์เพ็ญ",
    "วีระ",
    "สุดารัตน์",
    "ชาญ",
    "พรทิพย์",
    "ธนากร",
)
LAST_NAMES = (
    "ใจดี",
    "พงษ์อ้อ",
    "วันเพ็ญ",
    "ศรีสมบูรณ์",
    "ทองคำ",
    "แสงอรุณ",
    "บุญมา",
    "รุ่งเรือง",
    "สุขสวัสดิ์",
    "มีทรัพย์",
    "เจริญผล",
    "พูลสวัสดิ์",
)
FUNDS = (
    "กองทุนพัฒนาเอสเอ็มอีตามแนวประชารัฐ",
    "กองทุนฟื้นฟูและพัฒนาศักยภาพวิสาหกิจขนาดกลางและขนาดย่อม",
    "สินเชื่อเพื่อยกระดับอุตสาหกรรมสีเขียว",
)
COMPLAINT_TEXT = {
    "smell": "กลิ่นเหม็นจากโรงงานช่วงเย็นถึงกลางคืน",
    "noise": "เสียงเครื่องจักรดังรบกวนการพักผ่อน",
    "dust": "ฝุ่นละอองฟุ้งกระจายเข้าบ้านเรือน",
    "wastewater": "น้ำเสียไหลลงลำรางสาธารณะ",
    "fumes": "ไอสารเคมีทำให้แสบจมูก",
    "night_work": "ทำงานกะดึกเสียงดังหลังเที่ยงคืน",
}


@dataclass
class DemoCounts:
    factories: int = 0
    certificates: int = 0
    complaints: int = 0
    loans: int = 0
    factory_years: int = 0


def _weighted(rng: random.Random, weights: dict, k: int) -> list:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[key] for key in keys], k=k)


def _company_name(rng: random.Random, type_number: int) -> tuple[str, str]:
    word = BUSINESS_WORDS.get(type_number, rng.choice(("อุตสาหกรรม", "โปรดักส์", "แมนูแฟคเจอริ่ง")))
    core = "".join(rng.sample(NAME_PARTS, 2)) + word
    person = (
        f"{rng.choice(('นาย', 'นาง', 'นางสาว'))}{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    )
    form = rng.random()
    if form < 0.55:
        name = f"บริษัท {core} จำกัด"
        return name, name
    if form < 0.75:
        name = f"ห้างหุ้นส่วนจำกัด {core}"
        return name, name
    return core, person


@transaction.atomic
def demo_register_create(*, factories: int, seed: int = 2567) -> DemoCounts:
    """Add ``factories`` demo factories with certificates, complaints, loans and filings.

    Existing demo factories (numbers starting with 9, which the DIW never issues) are removed
    first, so running it again gives the same register rather than a larger one.
    """
    rng = random.Random(seed)
    counts = DemoCounts()
    Factory.objects.filter(registration_number__startswith="9").delete()
    offices = list(Office.objects.order_by("pk").values_list("pk", flat=True))
    weights = {code: PROVINCE_WEIGHTS.get(code, 4) for code in offices}
    types = {t.number: t for t in FactoryType.objects.filter(item=0)}
    type_weights = {n: w for n, w in TYPE_WEIGHTS.items() if n in types}
    subdistricts: dict[str, list[tuple[str, str, str]]] = {}
    for code, district, postal in Subdistrict.objects.values_list(
        "code", "district_id", "postal_codes"
    ):
        subdistricts.setdefault(code[:2], []).append((code, district, postal.split(" ")[0]))
    today = dt.date.today()

    provinces = _weighted(rng, weights, factories)
    type_numbers = _weighted(rng, type_weights, factories)
    batch: list[Factory] = []
    running: dict[str, int] = {}
    for province, type_number in zip(provinces, type_numbers, strict=True):
        running[province] = running.get(province, 0) + 1
        factory_type = types[type_number]
        subdistrict, district, postal = rng.choice(subdistricts[province])
        lat, lng = PROVINCE_SEATS.get(province, (15.0, 101.0))
        name, operator = _company_name(rng, type_number)
        class_number = rng.choices((3, 2, 1), weights=(70, 25, 5))[0]
        status = rng.choices(
            (
                FactoryStatus.OPERATING,
                FactoryStatus.STOPPED,
                FactoryStatus.LICENSED,
                FactoryStatus.REMOVED,
            ),
            weights=(85, 7, 3, 5),
        )[0]
        workers = int(rng.lognormvariate(3.0, 1.1)) + 1
        factory = Factory(
            registration_number=f"9{province}{running[province]:011d}",
            name=name,
            operator_name=operator,
            business_description=factory_type.name.removeprefix("โรงงาน")[:200],
            factory_type=factory_type,
            class_number=class_number,
            status=status,
            licence_date=today - dt.timedelta(days=rng.randint(100, 30 * 365)),
            house_no=str(rng.randint(1, 999)),
            moo=str(rng.randint(1, 15)),
            province_id=province,
            district_id=district,
            subdistrict_id=subdistrict,
            postal_code=postal,
            latitude=Decimal(f"{lat + rng.uniform(-0.25, 0.25):.6f}"),
            longitude=Decimal(f"{lng + rng.uniform(-0.25, 0.25):.6f}"),
            capital=Decimal(rng.randrange(200_000, 200_000_000, 10_000)),
            horsepower=Decimal(rng.randrange(20, 5_000)),
            workers_male=workers * 3 // 5,
            workers_female=workers - workers * 3 // 5,
            office_id=office_code_for(province),
            wastewater_risk=factory_type.wastewater,
            air_risk=factory_type.air_emissions,
            hazardous_waste_risk=factory_type.hazardous_waste,
            i_industry_registered_on=(
                today - dt.timedelta(days=rng.randint(10, 1500)) if rng.random() < 0.6 else None
            ),
        )
        batch.append(factory)
    # bulk_create bypasses save(): office and risks are set above as save() would.
    Factory.objects.bulk_create(batch, batch_size=5000)
    # Each demo factory starts its history as an imported one does, so that the first change
    # made to it in the demo shows what it changed.
    Factory.history.bulk_history_create(  # type: ignore[attr-defined]
        batch, batch_size=5000, default_change_reason=gettext("ข้อมูลตัวอย่าง")
    )
    counts.factories = len(batch)
    created = list(
        Factory.objects.filter(registration_number__startswith="9")
        .order_by("pk")
        .values_list("pk", "office_id", "registration_number")
    )

    certificates, complaints, loans, years = [], [], [], []
    fiscal_year = today.year + 543 + (1 if today.month >= 10 else 0)
    for pk, office_id, _number in created:
        if rng.random() < 0.5:
            level = rng.choices((1, 2, 3, 4, 5), weights=(35, 35, 20, 7, 3))[0]
            issued = today - dt.timedelta(days=rng.randint(30, 5 * 365))
            certificates.append(
                GreenIndustryCertificate(
                    factory_id=pk,
                    level=level,
                    certificate_number=f"GI-{level}-{pk:06d}",
                    issued_on=issued,
                    expires_on=issued + dt.timedelta(days=3 * 365),
                )
            )
        if rng.random() < 0.05:
            for _ in range(rng.randint(1, 3)):
                received = today - dt.timedelta(days=rng.randint(1, 700))
                category = rng.choice(list(COMPLAINT_TEXT))
                status = rng.choices(list(ComplaintStatus.values), weights=(15, 15, 30, 40))[0]
                complaints.append(
                    Complaint(
                        office_id=office_id,
                        factory_id=pk,
                        received_on=received,
                        channel=rng.choice(list(ComplaintChannel.values)),
                        category=ComplaintCategory(category),
                        description=COMPLAINT_TEXT[category],
                        complainant_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                        complainant_contact=f"08{rng.randint(10000000, 99999999)}",
                        status=status,
                        due_on=received + dt.timedelta(days=30),
                        outcome="ตรวจสอบแล้ว โรงงานแก้ไขตามคำแนะนำ"
                        if status in ("resolved", "closed")
                        else "",
                    )
                )
        if rng.random() < 0.03:
            approved = today - dt.timedelta(days=rng.randint(60, 6 * 365))
            loans.append(
                Loan(
                    office_id=office_id,
                    factory_id=pk,
                    borrower_name=f"ผู้กู้ {pk}",
                    fund_name=rng.choice(FUNDS),
                    amount=Decimal(rng.randrange(100_000, 15_000_000, 50_000)),
                    approved_on=approved,
                    maturity_on=approved + dt.timedelta(days=rng.choice((3, 5, 7)) * 365),
                    status=rng.choices(list(LoanStatus.values), weights=(85, 10, 5))[0],
                )
            )
        for year in (fiscal_year - 2, fiscal_year - 1):
            if rng.random() < 0.7:
                years.append(
                    FactoryYear(
                        factory_id=pk,
                        fiscal_year=year,
                        isingle_form_filed_on=today - dt.timedelta(days=365 * (fiscal_year - year)),
                    )
                )
    GreenIndustryCertificate.objects.bulk_create(certificates, batch_size=5000)
    Complaint.objects.bulk_create(complaints, batch_size=5000)
    Loan.objects.bulk_create(loans, batch_size=5000)
    FactoryYear.objects.bulk_create(years, batch_size=5000)
    counts.certificates, counts.complaints = len(certificates), len(complaints)
    counts.loans, counts.factory_years = len(loans), len(years)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE factories_factory, factories_greenindustrycertificate")
    return counts
