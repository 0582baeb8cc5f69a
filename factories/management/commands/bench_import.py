"""Time the DIW importer on a national-size register generated on the spot.

``python manage.py bench_import --rows 70000`` writes a CSV shaped like the DIW export (Thai
headers cut to ten characters, dashes and blanks, Excel serial dates, real place names from
every province, old and new registration numbers), imports it as an admin would, and prints
rows per second. ``--twice`` imports the same file again (the "nothing changed" path),
``--changed`` a copy in which every factory's horsepower changed (the update path), and
``--xlsx`` writes the rows as an Excel workbook instead (numbers as numbers, codes as text).
Everything is rolled back at the end unless ``--keep`` is given.
"""

from __future__ import annotations

import contextlib
import csv
import random
import tempfile
import time
from pathlib import Path

import geothai
from django.core.files import File
from django.core.management.base import BaseCommand
from django.db import transaction

from factories.models import ImportBatch
from factories.services import import_batch_apply, import_batch_create

HEADER = [
    "เลขทะเบียน",
    "ประเภท",
    "ISIC",
    "จำพวก",
    "ชื่อโรงงาน",
    "ผู้ประกอบก",
    "ประกอบกิจก",
    "กำลังผลิต",
    "หน่วย",
    "เลขที่",
    "หมู่",
    "ซอย",
    "ถนน",
    "ตำบล",
    "อำเภอ",
    "จังหวัด",
    "ไปรษณีย์",
    "โทรศัพท์",
    "แรงม้า",
    "เงินลงทุนค",
    "ค่าอาคาร",
    "ค่าเครื่อง",
    "ทุนหมุนเวี",
    "ช่างฝีมือช",
    "คนงานชาย",
    "ช่างฝีมือห",
    "คนงานหญิง",
    "วันที่ใบอน",
    "พื้นที่โรง",
    "พื้นที่อาค",
    "ละติจูด",
    "ลองติจูด",
]
PREFIXES = ["", "", "", "จ", "ข", "ศ", "อ"]
UNITS = ["ตัน/ปี", "ลูกบาศก์เมตร/ปี", "ชุด/ปี", "ตัน/วัน", "ชิ้น/ปี", "ลิตร/เดือน"]
WORDS = ["ทำมันเส้น", "ผลิตชิ้นส่วนโลหะ", "คัดแยกวัสดุที่ไม่ใช้แล้ว", "อบเมล็ดพืช", "ผลิตภัณฑ์พลาสติก"]
NAMES = ["บริษัท รุ่งเรือง", "ห้างหุ้นส่วนจำกัด ศรีสมบูรณ์", "โรงสีไฟ", "สหกรณ์การเกษตร"]
OPERATORS = ["นายสมชาย ใจดี", "นางสาวมาลี ศรีสุข", "บริษัท ไทยพัฒนา จำกัด", "นายวิชัย มั่นคง"]


def _blank(rng: random.Random, value: str) -> str:
    return rng.choice(["-", " ", "", "     -"]) if rng.random() < 0.3 else value


def generate(path: Path, rows: int, seed: int, *, horsepower_bump: float = 0.0) -> None:
    rng = random.Random(seed)
    places = [
        (s.name_th, d.name_th, p.name_th, s.postal_codes[0], p.code)
        for p in geothai.provinces()
        for d in geothai.districts(p.code)
        for s in geothai.subdistricts(d.code)
    ]
    types = [(n, i) for n in range(1, 108) for i in (0, 0, 0, 1, 2, 3, 4, 5, 6)]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            sub, district, province, postal, code = rng.choice(places)
            number, item = rng.choice(types)
            cls = rng.choice((1, 2, 3, 3, 3))
            if rng.random() < 0.5:
                registration = f"{rng.choice('127')}{code}{i:011d}"
            else:
                label = f"{number}({item})" if item else str(number)
                year = rng.randint(20, 67)
                suffix = "" if code == "10" else "ปจ"
                registration = f"{rng.choice(PREFIXES)}{cls}-{label}-{i}/{year}{suffix}"
            male, female = rng.randint(0, 300), rng.randint(0, 300)
            writer.writerow(
                [
                    registration,
                    f"{number:03d}{item:02d}",
                    f"{rng.randint(1000, 39999):05d}",
                    cls,
                    f"{rng.choice(NAMES)} {i}" if rng.random() > 0.05 else "-",
                    rng.choice(OPERATORS),
                    rng.choice(WORDS),
                    f"{rng.randint(0, 100000)}.0",
                    rng.choice(UNITS),
                    _blank(rng, f"{rng.randint(1, 999)}/{rng.randint(1, 9)}"),
                    _blank(rng, str(rng.randint(1, 20))),
                    _blank(rng, "สุขุมวิท 3"),
                    _blank(rng, "ทางหลวงหมายเลข 304"),
                    sub if rng.random() > 0.1 else f"ต.{sub}",
                    district if rng.random() > 0.1 else f"อ.{district}",
                    province if rng.random() > 0.1 else f"จ.{province}",
                    _blank(rng, postal),
                    _blank(rng, f"0{rng.randint(20000000, 99999999)}"),
                    f"{rng.uniform(5, 5000) + horsepower_bump:.1f}",
                    f"{rng.randint(0, 50_000_000)}.0",
                    f"{rng.randint(0, 50_000_000)}.0",
                    f"{rng.randint(0, 50_000_000)}.0",
                    f"{rng.randint(0, 50_000_000)}.0",
                    f"{rng.randint(0, 50)}.0",
                    f"{male}.0",
                    f"{rng.randint(0, 50)}.0",
                    f"{female}.0",
                    f"{rng.randint(30000, 45000)}.0",
                    f"{rng.randint(100, 200000)}.0",
                    f"{rng.randint(50, 50000)}.0",
                    f"{rng.uniform(6, 20):.5f}",
                    f"{rng.uniform(98, 105):.5f}",
                ]
            )


# Columns kept as text in the workbook, as Excel keeps them: registration numbers, and codes
# whose leading zeros matter; every other number is written as a number.
TEXT_COLUMNS = frozenset({"เลขทะเบียน", "ประเภท", "ISIC", "ไปรษณีย์", "โทรศัพท์"})


def to_xlsx(source: Path, target: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("ทะเบียนโรงงาน")
    with source.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        sheet.append(header)
        text = [title in TEXT_COLUMNS for title in header]
        for row in reader:
            cells: list[object] = []
            for keep_text, value in zip(text, row, strict=True):
                try:
                    cells.append(value if keep_text else float(value))
                except ValueError:
                    cells.append(value)
            sheet.append(cells)
    workbook.save(target)


class Command(BaseCommand):
    help = "วัดความเร็วการนำเข้าทะเบียนโรงงานด้วยไฟล์ตัวอย่างขนาดทั้งประเทศ"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--rows", type=int, default=70_000)
        parser.add_argument("--seed", type=int, default=2567)
        parser.add_argument("--twice", action="store_true", help="import the same file again")
        parser.add_argument(
            "--changed", action="store_true", help="then import it with every row changed"
        )
        parser.add_argument("--keep", action="store_true", help="keep the imported factories")
        parser.add_argument("--xlsx", action="store_true", help="an Excel workbook, not CSV")

    def handle(
        self,
        *args,
        rows: int,
        seed: int,
        twice: bool,
        changed: bool,
        keep: bool,
        xlsx: bool,
        **options,
    ) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench-register.csv"
            started = time.perf_counter()
            generate(path, rows, seed)
            if xlsx:
                to_xlsx(path, path.with_suffix(".xlsx"))
                path = path.with_suffix(".xlsx")
            size = path.stat().st_size / 1e6
            self.stdout.write(
                f"generated {rows:,} rows ({size:.1f} MB) in {time.perf_counter() - started:.1f} s"
            )
            # With --keep each import commits on its own, as in real use (deferred foreign-key
            # checks included); otherwise everything runs in one transaction rolled back.
            with transaction.atomic() if not keep else contextlib.nullcontext():
                self._run(path, "first import", rows)
                if twice:
                    self._run(path, "same file again", rows)
                if changed:
                    changed_path = Path(folder) / "bench-register-changed.csv"
                    generate(changed_path, rows, seed, horsepower_bump=1.0)
                    if xlsx:
                        to_xlsx(changed_path, changed_path.with_suffix(".xlsx"))
                        changed_path = changed_path.with_suffix(".xlsx")
                    self._run(changed_path, "every row changed", rows)
                if not keep:
                    transaction.set_rollback(True)
                    self.stdout.write("rolled back (use --keep to keep the factories)")

    def _run(self, path: Path, label: str, rows: int) -> ImportBatch:
        started = time.perf_counter()
        with path.open("rb") as handle:
            batch = import_batch_create(file=File(handle, name=path.name), user=None)
        batch = import_batch_apply(batch=batch)
        seconds = time.perf_counter() - started
        batch.file.delete(save=False)
        self.stdout.write(
            f"{label}: {batch.status}; created {batch.created_count:,}, "
            f"updated {batch.updated_count:,}, unchanged {batch.unchanged_count:,}, "
            f"rejected {batch.error_count:,}, warnings {batch.warning_count:,}"
        )
        self.stdout.write(
            self.style.SUCCESS(f"{label}: {seconds:.1f} s, {rows / seconds:,.0f} rows/s")
        )
        return batch
