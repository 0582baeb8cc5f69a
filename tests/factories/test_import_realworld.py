"""Quirks of real register files that the 40-row sample does not show: what Excel does to long
numbers, dates and leading zeros, how Thai text gets typed, and files that are cut or joined."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from factories.models import Factory, ImportStatus
from factories.services import import_batch_apply, import_batch_preview

HEADER = [
    "เลขทะเบียน",
    "ประเภท",
    "จำพวก",
    "ชื่อโรงงาน",
    "ผู้ประกอบก",
    "ตำบล",
    "อำเภอ",
    "จังหวัด",
    "ไปรษณีย์",
    "โทรศัพท์",
    "แรงม้า",
    "วันที่ใบอน",
    "ละติจูด",
    "ลองติจูด",
]

OPEN_DATA_HEADER = [
    "FID",
    "DISPFACREG",
    "FNAME",
    "ONAME",
    "FTUMNAME",
    "FAMPNAME",
    "FPROVNAME",
    "LAT",
    "LNG",
    "FACTYPE",
    "FFLAG",
    "LAST_UPDATE",
]


def _named(changes: dict[str, object], header: list[str]) -> dict[str, object]:
    """Keyword names by header name: Python reads identifiers in NFKC form, which spells ำ
    as ํ + า, so that ``อำเภอ=`` arrives as "อําเภอ"."""
    named = {name.replace("\u0e4d\u0e32", "\u0e33"): value for name, value in changes.items()}
    assert set(named) <= set(header), set(named) - set(header)
    return named


def _row(number: str = "3-9(6)-1/51ปจ", **changes: object) -> list[object]:
    """A factory in วังท่าช้าง, กบินทร์บุรี, ปราจีนบุรี; ``changes`` by header name."""
    values: dict[str, object] = dict(
        zip(
            HEADER,
            [
                number,
                "00906",
                "3",
                "โรงมันทดสอบ",
                "นายทดสอบ ใจดี",
                "วังท่าช้าง",
                "กบินทร์บุรี",
                "ปราจีนบุรี",
                "25110",
                "037400027",
                "290",
                "24/02/2566",
                "13.61891",
                "101.8843",
            ],
            strict=True,
        )
    )
    values.update(_named(changes, HEADER))
    return list(values.values())


def _open_row(fid: object, old: str, **changes: object) -> list[object]:
    values: dict[str, object] = dict(
        zip(
            OPEN_DATA_HEADER,
            [
                fid,
                old,
                "บริษัท ทดสอบ จำกัด",
                "บริษัท ทดสอบ จำกัด",
                "โคกไทย",
                "ศรีมโหสถ",
                "ปราจีนบุรี",
                "13.84038",
                "101.42181",
                "3",
                "1",
                "2566-05-31",
            ],
            strict=True,
        )
    )
    values.update(_named(changes, OPEN_DATA_HEADER))
    return list(values.values())


def _csv(
    tmp_path: Path, rows: list[list[object]], *, encoding: str = "utf-8-sig", name: str = "f.csv"
) -> bytes:
    """The rows written as Excel writes a CSV (CRLF), read back as the upload's bytes."""
    path = tmp_path / name
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    return path.read_bytes()


def _raw(tmp_path: Path, lines: list[str]) -> bytes:
    """Lines written as they are, for files that a csv writer would not produce."""
    path = tmp_path / "raw.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    return path.read_bytes()


def _xlsx(tmp_path: Path, rows: list[list[object]], name: str = "f.xlsx") -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path.read_bytes()


def _errors(preview) -> list[tuple[int, str, str]]:
    return [(e.row_number, e.column, e.value) for e in preview.errors]


# Long numbers as Excel writes them


def test_it_reads_a_14_digit_number_excel_wrote_in_full_scientific_notation(make_batch, tmp_path):
    rows = [
        OPEN_DATA_HEADER,
        _open_row("1.0250000325521E+13", "3-105-15/53ปจ"),
        _open_row("10250000325522.0", "3-105-16/53ปจ"),
    ]
    batch = import_batch_apply(batch=make_batch(_csv(tmp_path, rows)))

    assert batch.status == ImportStatus.DONE, batch.message
    assert sorted(Factory.objects.values_list("registration_number", flat=True)) == [
        "10250000325521",
        "10250000325522",
    ]


def test_it_rejects_a_14_digit_number_that_excel_rounded(make_batch, tmp_path):
    """Excel shows a long number as 1.02500E+13 and saves the CSV so: the digits are gone, and
    the row must neither get a made-up number nor keep the text as an old-style number."""
    open_data = [OPEN_DATA_HEADER, _open_row("1.02500E+13", "3-105-15/53ปจ")]
    preview = import_batch_preview(batch=make_batch(_csv(tmp_path, open_data)))
    assert _errors(preview) == [(2, "FID", "1.02500E+13")]
    assert "Excel" in preview.errors[0].message

    thai = [HEADER, _row("1.02500E+13"), _row("3-9(6)-2/51ปจ")]
    preview = import_batch_preview(batch=make_batch(_csv(tmp_path, thai, name="t.csv")))
    assert _errors(preview) == [(2, "เลขทะเบียน", "1.02500E+13")]
    assert "Excel" in preview.errors[0].message
    assert preview.created == 1


# Dates


def test_it_reads_dates_written_with_a_time_or_in_other_common_forms(make_batch, tmp_path):
    dates = [
        "24/02/2566 00:00",
        "24/2/2566 10:22:00",
        "24 กุมภาพันธ์ พ.ศ. 2566",
        "24 ก.พ. 66",
        "2023-02-24 00:00:00",
        "20230224",
        "24-Feb-2023",
        "24-FEB-23",
    ]
    rows = [HEADER] + [
        _row(f"3-9(6)-{i}/51ปจ", วันที่ใบอน=date) for i, date in enumerate(dates, start=1)
    ]
    batch = import_batch_apply(batch=make_batch(_csv(tmp_path, rows)))

    assert batch.status == ImportStatus.DONE, list(batch.row_errors.values_list("value", "message"))
    assert set(Factory.objects.values_list("licence_date", flat=True)) == {dt.date(2023, 2, 24)}


def test_it_reads_a_date_column_written_month_first(make_batch, tmp_path):
    """An English-locale export writes m/d/yyyy: one date past the 12th tells the order of the
    whole column, so that 2/3/2023 is 3 February, not 2 March."""
    rows = [
        OPEN_DATA_HEADER,
        _open_row("10250000225511", "3-105-1/53ปจ", LAST_UPDATE="5/31/2023 12:00:00 AM"),
        _open_row("10250000225512", "3-105-2/53ปจ", LAST_UPDATE="2/3/2023 12:00:00 PM"),
        _open_row("10250000225513", "3-105-3/53ปจ", LAST_UPDATE="12/25/2022"),
    ]
    batch = import_batch_apply(batch=make_batch(_csv(tmp_path, rows)))

    assert batch.status == ImportStatus.DONE, list(batch.row_errors.values_list("value", "message"))
    dates = dict(Factory.objects.values_list("registration_number", "source_updated_on"))
    assert dates == {
        "10250000225511": dt.date(2023, 5, 31),
        "10250000225512": dt.date(2023, 2, 3),
        "10250000225513": dt.date(2022, 12, 25),
    }
    assert batch.row_errors.filter(column="LAST_UPDATE", message__contains="เดือน/วัน/ปี").exists()


def test_it_keeps_day_first_when_a_column_has_days_past_the_12th(make_batch, tmp_path):
    rows = [
        HEADER,
        _row("3-9(6)-1/51ปจ", วันที่ใบอน="24/02/2566"),
        _row("3-9(6)-2/51ปจ", วันที่ใบอน="2/3/2566"),
    ]
    import_batch_apply(batch=make_batch(_csv(tmp_path, rows)))
    factory = Factory.objects.get(old_registration_number="3-9(6)-2/51ปจ")
    assert factory.licence_date == dt.date(2023, 3, 2)


def test_it_reads_buddhist_era_dates_that_excel_keeps_as_real_dates(make_batch, tmp_path):
    """Typed as 24/02/2566 into a Gregorian Excel, a date is kept as the year 2566 CE."""
    rows = [
        HEADER,
        _row("3-9(6)-1/51ปจ", วันที่ใบอน=dt.datetime(2566, 2, 24)),
        _row("3-9(6)-2/51ปจ", วันที่ใบอน=dt.datetime(2023, 2, 24)),
    ]
    batch = import_batch_apply(batch=make_batch(_xlsx(tmp_path, rows)))

    assert batch.status == ImportStatus.DONE, list(batch.row_errors.values_list("value", "message"))
    assert set(Factory.objects.values_list("licence_date", flat=True)) == {dt.date(2023, 2, 24)}


# Coordinates


def test_it_swaps_latitude_and_longitude_written_the_wrong_way_round(make_batch, tmp_path):
    rows = [
        HEADER,
        _row("3-9(6)-1/51ปจ", ละติจูด=" 101.8843 ", ลองติจูด="13.61891"),
        _row("3-9(6)-2/51ปจ", ละติจูด="13.61891", ลองติจูด="13.6"),  # not a swap: an error
    ]
    batch = import_batch_apply(batch=make_batch(_csv(tmp_path, rows)), valid_rows_only=True)

    factory = Factory.objects.get()
    assert (factory.latitude, factory.longitude) == (Decimal("13.618910"), Decimal("101.884300"))
    warning = batch.row_errors.get(level="warning", row_number=2)
    assert warning.column == "ละติจูด" and "สลับ" in warning.message
    error = batch.row_errors.get(level="error")
    assert (error.row_number, error.column, error.value) == (3, "ลองติจูด", "13.6")


# Rows that are not factories


def test_it_passes_over_the_header_repeated_in_the_middle_of_the_file(make_batch, tmp_path):
    """Two exports pasted one under the other: the second header (with its BOM) is no factory."""
    rows = [
        HEADER,
        _row("3-9(6)-1/51ปจ"),
        ["\ufeff" + HEADER[0], *HEADER[1:]],
        _row("3-9(6)-2/51ปจ"),
        HEADER,
        _row("3-9(6)-3/51ปจ"),
    ]
    preview = import_batch_preview(batch=make_batch(_csv(tmp_path, rows)))

    assert (preview.created, preview.error_rows) == (3, 0)
    skipped = [w for w in preview.warnings if "หัวตาราง" in w.message]
    assert [w.row_number for w in skipped] == [3, 5]


def test_it_passes_over_section_titles_and_a_totals_row(make_batch, tmp_path):
    width = len(HEADER)
    rows = [
        HEADER,
        ["อำเภอกบินทร์บุรี"] + [""] * (width - 1),
        _row("3-9(6)-1/51ปจ"),
        ["", "", "", "อำเภอศรีมหาโพธิ"] + [""] * (width - 4),
        _row("3-9(6)-2/51ปจ"),
        ["รวมทั้งสิ้น 2 โรงงาน", "", "", "", "", "", "", "", "", "", "580", "", "", ""],
        ["3"] + [""] * (width - 1),  # a numbered line of a form left empty
        # A row with data but neither number nor name is still an error.
        ["", "00906", "3", "", "", "วังท่าช้าง", "กบินทร์บุรี", "ปราจีนบุรี"] + [""] * 6,
    ]
    preview = import_batch_preview(batch=make_batch(_csv(tmp_path, rows)))

    assert (preview.created, preview.error_rows) == (2, 1)
    assert {e.row_number for e in preview.errors} == {8}
    skipped = sorted(w.row_number for w in preview.warnings if "ข้ามแถว" in w.message)
    assert skipped == [2, 4, 6, 7]


# Thai text as people type it


def test_it_reads_names_typed_with_a_split_sara_am_double_sara_e_or_zero_width_spaces(
    make_batch, tmp_path
):
    header = list(HEADER)
    header[6] = "อําเภอ"  # อ + ํ + า instead of อำ, as text copied from a PDF comes
    header[10] = "เเรงม้า"  # เ + เ instead of แ
    rows = [
        header,
        _row("3-9(6)-1/51ปจ", จังหวัด="ปราจีน\u200bบุรี", ตำบล="วังท่า\u200bช้าง"),
        _row("3-9(6)-2/51ปจ", จังหวัด="จ.ลําปาง", อำเภอ="อ.เมืองลําปาง", ตำบล="ต.พระบาท"),
    ]
    rows[2][8] = "52000"
    batch = import_batch_apply(batch=make_batch(_csv(tmp_path, rows)))

    assert batch.status == ImportStatus.DONE, list(batch.row_errors.values_list("value", "message"))
    first = Factory.objects.get(old_registration_number="3-9(6)-1/51ปจ")
    assert (first.province_id, first.subdistrict_id) == ("25", "250214")
    assert first.horsepower == Decimal("290.00")
    second = Factory.objects.get(old_registration_number="3-9(6)-2/51ปจ")
    assert (second.province_id, second.district_id) == ("52", "5201")
    assert second.subdistrict_id == "520105"


def test_it_reads_province_abbreviations_and_old_minor_district_names(make_batch, tmp_path):
    rows = [
        HEADER,
        _row("3-9(6)-1/51ปจ", จังหวัด="ปราจีนฯ", อำเภอ="กิ่ง อ.กบินทร์บุรี"),
        _row("3-9(6)-2/51ปจ", จังหวัด="จ.ปราจีนบุรี", อำเภอ="กิ่งอำเภอกบินทร์บุรี"),
    ]
    batch = import_batch_apply(batch=make_batch(_csv(tmp_path, rows)))

    assert batch.status == ImportStatus.DONE, list(batch.row_errors.values_list("value", "message"))
    assert set(Factory.objects.values_list("province_id", "district_id", "subdistrict_id")) == {
        ("25", "2502", "250214")
    }


def test_it_removes_nul_and_control_characters_that_the_database_refuses(make_batch, tmp_path):
    rows = [HEADER, _row("3-9(6)-1/51ปจ", ชื่อโรงงาน="โรงมัน\x00ทดสอบ\x07", แรงม้า="12\x00x")]
    rows.append(_row("\ufeff3-9(6)-2/51ปจ", ชื่อโรงงาน="โรงมัน\x00สอง"))

    batch = import_batch_apply(batch=make_batch(_csv(tmp_path, rows)), valid_rows_only=True)

    assert batch.status == ImportStatus.DONE, batch.message
    assert Factory.objects.get().name == "โรงมันสอง"
    assert Factory.objects.get().old_registration_number == "3-9(6)-2/51ปจ"
    error = batch.row_errors.get(level="error")
    assert (error.row_number, error.column, error.value) == (2, "แรงม้า", "12x")


# Headers


def test_it_does_not_take_a_row_counter_column_for_the_factory_type(make_batch, tmp_path):
    """Thai sheets start with ลำดับ (1, 2, 3 …); it is the start of ลำดับประเภท, a name of the
    type column, but an exact ประเภท column later in the header is the type."""
    rows = [["ลำดับ", *HEADER], ["100", *_row("3-9(6)-1/51ปจ")], ["906", *_row("3-9(6)-2/51ปจ")]]
    data = _csv(tmp_path, rows)
    assert "ลำดับ" in import_batch_preview(batch=make_batch(data)).ignored_columns
    batch = import_batch_apply(batch=make_batch(data))

    assert batch.status == ImportStatus.DONE, batch.message
    assert set(Factory.objects.values_list("factory_type_id", flat=True)) == {"00906"}


def test_it_matches_headers_with_line_breaks_and_units(make_batch, tmp_path):
    header = list(HEADER)
    header[0] = "เลขทะเบียน\nโรงงาน"
    header[3] = "ชื่อ\r\nโรงงาน"
    header[10] = "แรงม้า (HP)"
    header[12] = "ละติจูด (Lat)"
    rows = [[*header, "เงินลงทุน (บาท)"], [*_row("3-9(6)-1/51ปจ"), "1,500,000"]]
    batch = import_batch_apply(batch=make_batch(_csv(tmp_path, rows)))

    assert batch.status == ImportStatus.DONE, batch.message
    factory = Factory.objects.get()
    assert factory.name == "โรงมันทดสอบ"
    assert factory.horsepower == Decimal("290.00")
    assert factory.latitude == Decimal("13.618910")
    assert factory.capital == Decimal("1500000.00")


# Leading zeros


def test_it_puts_back_the_leading_zero_excel_dropped_from_a_phone_number(make_batch, tmp_path):
    rows = [
        HEADER,
        _row("3-9(6)-1/51ปจ", โทรศัพท์=37400027),
        _row("3-9(6)-2/51ปจ", โทรศัพท์=812345678.0),
        _row("3-9(6)-3/51ปจ", โทรศัพท์="037-400027 ต่อ 12"),
    ]
    import_batch_apply(batch=make_batch(_xlsx(tmp_path, rows)))

    phones = dict(Factory.objects.values_list("old_registration_number", "phone"))
    assert phones == {
        "3-9(6)-1/51ปจ": "037400027",
        "3-9(6)-2/51ปจ": "0812345678",
        "3-9(6)-3/51ปจ": "037-400027 ต่อ 12",
    }


# Broken files


def test_it_reads_a_utf8_file_with_a_few_broken_bytes(make_batch, tmp_path):
    """A text cut in the middle of a Thai letter (a GIS tool cutting at a byte limit) must not
    make the whole file read as TIS-620."""
    rows = [HEADER] + [_row(f"3-9(6)-{i}/51ปจ") for i in range(1, 6)]
    for encoding in ("utf-8-sig", "utf-8"):  # with the byte-order mark and without
        data = _csv(tmp_path, rows, encoding=encoding)
        data = data.replace("โรงมันทดสอบ".encode(), "โรงมันทดสอบ".encode()[:-1], 1)
        preview = import_batch_preview(batch=make_batch(data))

        assert not preview.file_error
        assert (preview.created, preview.error_rows) == (5, 0)
        note = next(w for w in preview.warnings if "UTF-8" in w.message)
        assert "ในแถว 2 " in note.message  # the row that holds the broken letter


def test_it_reports_an_unclosed_quote_instead_of_crashing(make_batch, tmp_path):
    lines = [",".join(HEADER)]
    lines += [",".join(map(str, _row(f"3-9(6)-{i}/51ปจ"))) for i in range(1, 3000)]
    lines[5] = lines[5].replace("โรงมันทดสอบ", '"โรงมันทดสอบ')  # never closed
    batch = import_batch_apply(batch=make_batch(_raw(tmp_path, lines)))

    assert batch.status == ImportStatus.FAILED
    assert "แถวที่ 6" in batch.message and '"' in batch.message
    assert not Factory.objects.exists()


def test_it_reports_a_quote_that_swallows_a_few_rows(make_batch, tmp_path):
    lines = [",".join(HEADER)]
    lines += [",".join(map(str, _row(f"3-9(6)-{i}/51ปจ"))) for i in range(1, 6)]
    lines[3] = lines[3].replace("โรงมันทดสอบ", '"โรงมันทดสอบ')
    preview = import_batch_preview(batch=make_batch(_raw(tmp_path, lines)))

    assert '"' in preview.file_error and "แถวที่ 4" in preview.file_error


def test_it_reads_excel_s_not_available_error_as_an_empty_cell(make_batch, tmp_path):
    """A looked-up value that was not found is written "#N/A" when Excel saves the CSV."""
    rows = [HEADER, _row("3-9(6)-1/51ปจ", ละติจูด="#N/A", ลองติจูด="#N/A", แรงม้า="#N/A")]
    batch = import_batch_apply(batch=make_batch(_csv(tmp_path, rows)))

    assert batch.status == ImportStatus.DONE, list(batch.row_errors.values_list("value", "message"))
    factory = Factory.objects.get()
    assert (factory.latitude, factory.longitude, factory.horsepower) == (None, None, None)


def test_it_tells_of_other_sheets_that_hold_a_register_table(make_batch, tmp_path):
    """A province's register split into one sheet per district: only the first is read, and
    the import must say so rather than import a part of the province without a word."""
    workbook = Workbook()
    first = workbook.active
    first.title = "กบินทร์บุรี"
    first.append(HEADER)
    first.append(_row("3-9(6)-1/51ปจ"))
    second = workbook.create_sheet("ศรีมหาโพธิ")
    second.append(HEADER)
    second.append(_row("3-9(6)-2/51ปจ"))
    workbook.create_sheet("หมายเหตุ").append(["ข้อมูล ณ 31/05/2566"])
    path = tmp_path / "split.xlsx"
    workbook.save(path)

    preview = import_batch_preview(batch=make_batch(path.read_bytes(), "split.xlsx"))

    assert preview.created == 1
    notes = [w.message for w in preview.warnings if w.column == ""]
    assert any("ศรีมหาโพธิ" in note and "หมายเหตุ" not in note for note in notes), notes
