"""The same rows in every encoding and format people send, and the open-data feed's shape."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from factories.models import Factory, FactoryStatus, ImportStatus
from factories.services import import_batch_apply, import_batch_preview
from tests.builders import to_csv


def _facts() -> list[tuple]:
    return sorted(
        Factory.objects.values_list(
            "old_registration_number",
            "name",
            "factory_type_id",
            "subdistrict_id",
            "licence_date",
            "horsepower",
            "workers_total",
            "latitude",
        )
    )


def _xlsx(rows: list[list[str]]) -> bytes:
    """The sample as Excel keeps it: numbers as numbers, the licence date as a real date,
    codes and phone numbers with leading zeros as text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(rows[0])
    for row in rows[1:]:
        cells: list[object] = []
        for index, value in enumerate(row):
            if index == 27:
                cells.append(dt.date(1899, 12, 30) + dt.timedelta(days=int(float(value))))
            elif index in (1, 2, 16, 17) or not value.replace(".", "", 1).isdigit():
                cells.append(value)
            else:
                cells.append(float(value))
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("utf8-bom.csv", lambda rows: to_csv(rows, encoding="utf-8-sig")),
        ("utf8.csv", lambda rows: to_csv(rows, encoding="utf-8")),
        ("windows-thai.csv", lambda rows: to_csv(rows, encoding="cp874")),
        # TIS-620 has no no-break space; the importer reads one as a plain space anyway.
        ("tis620.csv", lambda rows: to_csv(rows, encoding="tis-620", nbsp=" ")),
        ("register.xlsx", _xlsx),
    ],
)
def test_it_reads_the_same_rows_in_every_format(
    make_batch, sample_bytes, sample_rows, name, encode
):
    import_batch_apply(batch=make_batch(sample_bytes, "original.csv"))
    expected = _facts()

    data = encode(sample_rows)
    batch = import_batch_apply(batch=make_batch(data, name))

    assert batch.status == ImportStatus.DONE, batch.message
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 0, 40)
    assert _facts() == expected


def test_it_tells_apart_cp874_from_utf8(make_batch, sample_rows):
    data = to_csv(sample_rows, encoding="cp874")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    preview = import_batch_preview(batch=make_batch(data, "register.csv"))
    assert preview.created == 40 and preview.error_rows == 0
    assert Factory.objects.count() == 0


def test_it_finds_the_header_below_blank_rows_and_numbers_rows_as_excel_does(
    make_batch, sample_rows
):
    rows = [[], [], *sample_rows[:3]]
    rows[3][18] = "หลายร้อย"  # แรงม้า of the first factory, now on line 4
    preview = import_batch_preview(batch=make_batch(to_csv(rows)))
    assert [(e.row_number, e.column, e.value) for e in preview.errors] == [(4, "แรงม้า", "หลายร้อย")]


OPEN_DATA = (
    "\ufeffFID,DISPFACREG,FNAME,ONAME,OBJECT,FADDR,FMOO,FSOI,FROAD,FTUMNAME,FAMPNAME,FPROVNAME,"
    "LAT,LNG,TOTAL_CAP,TOTAL_WORKER,HP,ISIC_CODE,FACTYPE,ESTATE,FFLAG,LAST_UPDATE\r\n"
    "10250000225516,3-105-15/53ปจ,บริษัท รีไซเคิลตะวันออก จำกัด,บริษัท รีไซเคิลตะวันออก จำกัด,"
    "คัดแยกวัสดุที่ไม่ใช้แล้ว,99/9,5,-,สุวรรณศร,โคกไทย,ศรีมโหสถ,ปราจีนบุรี,13.84038,101.42181,"
    '"12,500,000",35,420.5,38211,3,,1,2566-05-31\r\n'
    "20250000325521,ข3-53(1)-4/60ปจ,โรงงานพลาสติกบ้านสร้าง,นางสาวจันทร์ เพ็ญศรี,ผลิตถุงพลาสติก,"
    "12,3,,,บางเตย,บ้านสร้าง,จ.ปราจีนบุรี,0,0,800000,12,95,22220,2,,3,31/05/2566\r\n"
    "70250000425530,3-88-2/55ปจ,โรงไฟฟ้าชีวมวลสระแก้ว,บริษัท พลังงานสะอาด จำกัด,ผลิตไฟฟ้าจากชีวมวล,"
    "1,1,,,ท่าตูม,ศรีมหาโพธิ,ปราจีนบุรี,13.9,101.5,250000000,40,12000,35101,3,"
    "304 อินดัสเตรียลปาร์ค,0,2566-05-31\r\n"
)


def test_it_imports_the_open_data_feed(make_batch):
    batch = import_batch_apply(batch=make_batch(OPEN_DATA.encode("utf-8"), "Factory_Data.csv"))

    assert batch.status == ImportStatus.DONE, batch.message
    assert batch.file_shape == "open-data"
    assert batch.created_count == 3
    waste = Factory.objects.get(registration_number="10250000225516")
    assert waste.old_registration_number == "3-105-15/53ปจ"
    assert waste.class_number == 3  # FACTYPE is the class
    assert waste.factory_type_id == "10500"  # the type comes from the old number
    assert waste.wastewater_risk and waste.hazardous_waste_risk
    assert waste.capital == Decimal("12500000")
    assert waste.workers_total == 35
    assert waste.horsepower == Decimal("420.50")
    assert waste.isic_code == "38211"
    assert waste.status == FactoryStatus.OPERATING
    assert waste.source_updated_on == dt.date(2023, 5, 31)
    assert (waste.subdistrict_id, waste.district_id) == ("250902", "2509")
    plastic = Factory.objects.get(registration_number="20250000325521")
    assert plastic.class_number == 2
    assert plastic.factory_type_id == "05301"
    assert plastic.status == FactoryStatus.STOPPED
    assert plastic.latitude is None and plastic.longitude is None  # 0,0 = not surveyed
    assert plastic.district_id == "2506"
    power = Factory.objects.get(registration_number="70250000425530")
    assert power.industrial_estate == "304 อินดัสเตรียลปาร์ค"
    assert power.status == FactoryStatus.LICENSED


def test_it_joins_the_open_data_feed_to_factories_known_by_their_old_number(
    make_batch, sample_bytes
):
    import_batch_apply(batch=make_batch(sample_bytes))
    known = Factory.objects.get(old_registration_number="3-105-15/53ปจ")

    batch = import_batch_apply(batch=make_batch(OPEN_DATA.encode("utf-8"), "Factory_Data.csv"))

    assert (batch.created_count, batch.updated_count) == (2, 1)
    known.refresh_from_db()
    assert known.registration_number == "10250000225516"
    assert known.horsepower == Decimal("420.50")
    # A DIW export without the new number afterwards does not erase it.
    again = import_batch_apply(batch=make_batch(sample_bytes))
    known.refresh_from_db()
    assert known.registration_number == "10250000225516"
    assert again.created_count == 0


def test_it_passes_over_title_rows_above_the_table(make_batch, sample_bytes, sample_rows):
    import_batch_apply(batch=make_batch(sample_bytes, "original.csv"))
    expected = _facts()
    rows = [["ทะเบียนโรงงาน จังหวัดปราจีนบุรี"], ["ข้อมูล ณ วันที่ 31/05/2566", "", ""], *sample_rows]
    batch = import_batch_apply(batch=make_batch(to_csv(rows), "with-title.csv"))

    assert batch.status == ImportStatus.DONE, batch.message
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 0, 40)
    assert _facts() == expected
    note = batch.row_errors.get(row_number=3, column="")
    assert "ข้าม 2 แถวแรก" in note.message


def test_it_reads_the_sheet_that_holds_the_register(make_batch, sample_rows):
    workbook = Workbook()
    cover = workbook.active
    cover.title = "สรุป"
    cover.append(["จำนวนโรงงานทั้งหมด", 40])
    data = workbook.create_sheet("ทะเบียน")
    data.append(["ทะเบียนโรงงาน จังหวัดปราจีนบุรี"])
    for row in sample_rows:
        data.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = import_batch_preview(batch=make_batch(buffer.getvalue(), "register.xlsx"))

    assert not preview.file_error
    assert (preview.created, preview.error_rows) == (40, 0)
    notes = [w.message for w in preview.warnings if w.column == ""]
    assert "อ่านจากแผ่นงาน “ทะเบียน”" in notes
    assert "ข้าม 1 แถวแรกที่เป็นชื่อเรื่อง หัวตารางอยู่ที่แถว 2" in notes


def test_a_file_without_a_register_table_says_what_is_missing(make_batch):
    rows = [["สรุปจำนวนโรงงาน"], ["อำเภอ", "จำนวน"], ["กบินทร์บุรี", "12"]]
    preview = import_batch_preview(batch=make_batch(to_csv(rows)))
    assert preview.file_error == "ไม่พบคอลัมน์เลขทะเบียนโรงงาน (เช่น เลขทะเบียน, FID หรือ DISPFACREG)"
    assert Factory.objects.count() == 0


def test_it_reads_excels_unicode_text(make_batch, sample_rows):
    """Excel's "Unicode text" is UTF-16 with a byte-order mark, the columns split by tabs."""
    text = "\r\n".join("\t".join(row) for row in sample_rows) + "\r\n"
    preview = import_batch_preview(batch=make_batch(text.encode("utf-16"), "register.txt"))
    assert not preview.file_error
    assert (preview.created, preview.error_rows) == (40, 0)


def test_it_reads_thai_digits_in_numbers_dates_and_registration_numbers(make_batch, sample_rows):
    thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    header, first = sample_rows[0], list(sample_rows[1])
    first[header.index("เลขทะเบียน")] = "จ3-9(6)-100/51ปจ".translate(thai)
    first[header.index("ประเภท")] = "00906".translate(thai)
    first[header.index("แรงม้า")] = "1,290.5".translate(thai)
    first[header.index("คนงานชาย")] = "12".translate(thai)
    first[header.index("วันที่ใบอน")] = "24/02/2566".translate(thai)
    first[header.index("ชื่อโรงงาน")] = "อุดมทรัพย์ ๒"
    batch = import_batch_apply(batch=make_batch(to_csv([header, first])))

    assert batch.status == ImportStatus.DONE, batch.message
    factory = Factory.objects.get()
    assert factory.old_registration_number == "จ3-9(6)-100/51ปจ"
    assert factory.factory_type_id == "00906"
    assert factory.horsepower == Decimal("1290.50")
    assert factory.workers_male == 12
    assert factory.licence_date == dt.date(2023, 2, 24)
    assert factory.name == "อุดมทรัพย์ ๒"  # names are kept as written


def test_it_finds_a_semicolon_delimiter_below_a_title_line(make_batch, sample_rows):
    text = "ทะเบียนโรงงาน จังหวัดปราจีนบุรี\r\n" + "".join(
        ";".join(cell.replace(";", ",") for cell in row) + "\r\n" for row in sample_rows
    )
    preview = import_batch_preview(batch=make_batch(text.encode("utf-8")))
    assert not preview.file_error
    assert (preview.created, preview.error_rows) == (40, 0)


def test_a_workbook_s_rows_are_numbered_as_excel_shows_them(make_batch, sample_rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([])
    sheet.append([])
    for row in sample_rows[:3]:
        sheet.append(row)
    sheet.cell(row=4, column=19, value="หลายร้อย")  # แรงม้า of the first factory, on row 4
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = import_batch_preview(batch=make_batch(buffer.getvalue(), "register.xlsx"))
    assert [(e.row_number, e.column, e.value) for e in preview.errors] == [(4, "แรงม้า", "หลายร้อย")]
