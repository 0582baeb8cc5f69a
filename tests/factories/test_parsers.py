"""The cell parsers of the DIW importer, table-driven."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from factories.importer import parsers
from factories.importer.columns import field_for
from factories.importer.parsers import CellError


@pytest.mark.parametrize(
    ("raw", "prefix", "cls", "type_number", "item", "running", "year", "province"),
    [
        ("3-105-1/35ชบ", "", 3, 105, 0, 1, 2535, "ชบ"),
        ("จ3-9(6)-100/51ปจ", "จ", 3, 9, 6, 100, 2551, "ปจ"),
        ("ข3-53(1)-4/60ปจ", "ข", 3, 53, 1, 4, 2560, "ปจ"),
        ("ศ2-3(1)-12/45นม", "ศ", 2, 3, 1, 12, 2545, "นม"),
        ("อ1-24-7/62ลพ", "อ", 1, 24, 0, 7, 2562, "ลพ"),
        # Bangkok numbers have no province suffix
        ("3-63(1)-45/39", "", 3, 63, 1, 45, 2539, ""),
        # an unusual prefix is kept, not rejected
        ("กท3-42-1/50", "กท", 3, 42, 0, 1, 2550, ""),
        ("น.3-60-6/49ปจ", "น.", 3, 60, 0, 6, 2549, "ปจ"),
        # spaces and typographic dashes from hand-typed sheets
        (" 3 – 102-1/53ปจ ", "", 3, 102, 0, 1, 2553, "ปจ"),
        ("3-105-152/2548ปจ", "", 3, 105, 0, 152, 2548, "ปจ"),
    ],
)
def test_it_reads_old_registration_numbers(
    raw, prefix, cls, type_number, item, running, year, province
):
    number = parsers.parse_old_number(raw)
    assert number is not None and number.parsed
    assert (
        number.prefix,
        number.class_number,
        number.type_number,
        number.item,
        number.running,
        number.year_be,
        number.province_abbr,
    ) == (prefix, cls, type_number, item, running, year, province)
    assert " " not in number.raw


def test_it_keeps_an_old_number_it_cannot_read():
    number = parsers.parse_old_number("ทะเบียนพิเศษ 12/2540")
    assert number is not None
    assert not number.parsed
    assert number.raw == "ทะเบียนพิเศษ12/2540"
    assert number.type_code is None
    assert parsers.parse_old_number(" - ") is None


def test_it_gives_the_type_code_of_an_old_number():
    assert parsers.parse_old_number("จ3-9(6)-100/51ปจ").type_code == "00906"
    assert parsers.parse_old_number("3-105-1/35ชบ").type_code == "10500"
    assert parsers.parse_old_number("3-999-1/35ชบ").type_code is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10570001225150", "10570001225150"),
        (10570001225150, "10570001225150"),
        (10570001225150.0, "10570001225150"),
        ("1-0570-0012-25150", "10570001225150"),
        (" ", None),
        ("-", None),
    ],
)
def test_it_reads_new_registration_numbers(raw, expected):
    assert parsers.parse_new_number(raw) == expected


@pytest.mark.parametrize("raw", ["1057000122515", "1057000122515X", "105700012251501"])
def test_it_rejects_new_numbers_that_are_not_14_digits(raw):
    with pytest.raises(CellError, match="14 หลัก"):
        parsers.parse_new_number(raw)


@pytest.mark.parametrize(
    ("raw", "code", "number", "item"),
    [
        ("00906", "00906", 9, 6),
        ("10500", "10500", 105, 0),
        ("906", "00906", 9, 6),
        (906.0, "00906", 9, 6),
        (10500, "10500", 105, 0),
        ("9(6)", "00906", 9, 6),
        ("105(2)", "10502", 105, 2),
    ],
)
def test_it_reads_type_codes(raw, code, number, item):
    assert parsers.parse_type_code(raw) == parsers.TypeCode(code, number, item)


@pytest.mark.parametrize("raw", ["10800", "00000", "ABCDE", "123456"])
def test_it_rejects_unknown_type_codes(raw):
    with pytest.raises(CellError):
        parsers.parse_type_code(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Excel serial numbers, read as Excel and openpyxl read them
        ("39797.0", dt.date(2008, 12, 15)),
        (39797, dt.date(2008, 12, 15)),
        (43831.0, dt.date(2020, 1, 1)),
        ("34432", dt.date(1994, 4, 8)),
        # Buddhist Era, as Thai forms write dates
        ("24/02/2566", dt.date(2023, 2, 24)),
        ("1/10/2566", dt.date(2023, 10, 1)),
        ("24-02-2566", dt.date(2023, 2, 24)),
        ("24/02/66", dt.date(2023, 2, 24)),
        ("24 ก.พ. 2566", dt.date(2023, 2, 24)),
        ("24 กุมภาพันธ์ 2566", dt.date(2023, 2, 24)),
        # ISO, in either era
        ("2023-02-24", dt.date(2023, 2, 24)),
        ("2566-02-24", dt.date(2023, 2, 24)),
        ("2023-02-24T10:00:00", dt.date(2023, 2, 24)),
        (dt.datetime(2023, 2, 24, 9, 30), dt.date(2023, 2, 24)),
        (dt.date(2023, 2, 24), dt.date(2023, 2, 24)),
        ("-", None),
        ("", None),
        (None, None),
    ],
)
def test_it_reads_dates(raw, expected):
    assert parsers.parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["31/02/2566", "yesterday", "0", "24/13/2566", "2/2/1800"])
def test_it_rejects_impossible_dates(raw):
    with pytest.raises(CellError):
        parsers.parse_date(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,234,567.5", Decimal("1234567.50")),
        ("290.0", Decimal("290.00")),
        (1510.9, Decimal("1510.90")),
        (" 2 000 000 ", Decimal("2000000.00")),
        ("-", None),
        ("     -", None),
        ("", None),
    ],
)
def test_it_reads_numbers_with_commas_and_blanks(raw, expected):
    assert parsers.parse_decimal(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"), [("abc", "ตัวเลข"), ("-5", "ติดลบ"), ("1e30", "มากเกินไป")]
)
def test_it_rejects_bad_numbers(raw, message):
    with pytest.raises(CellError, match=message):
        parsers.parse_decimal(raw)


@pytest.mark.parametrize(("raw", "expected"), [("6.0", 6), (6, 6), ("1,200", 1200), ("-", None)])
def test_it_reads_counts(raw, expected):
    assert parsers.parse_int(raw) == expected


@pytest.mark.parametrize("raw", ["6.5", "สิบ", "-1"])
def test_it_rejects_counts_that_are_not_whole_numbers(raw):
    with pytest.raises(CellError):
        parsers.parse_int(raw)


@pytest.mark.parametrize(("raw", "expected"), [("3", 3), (2.0, 2), ("จำพวกที่ 1", 1), ("", None)])
def test_it_reads_classes(raw, expected):
    assert parsers.parse_class(raw) == expected


@pytest.mark.parametrize("raw", ["4", "0", "สาม"])
def test_it_rejects_classes_other_than_1_2_3(raw):
    with pytest.raises(CellError, match="1, 2 หรือ 3"):
        parsers.parse_class(raw)


@pytest.mark.parametrize(
    ("raw", "expected"), [(" -", ""), ("      -", ""), (25110.0, "25110"), ("152 ", "152")]
)
def test_it_treats_dashes_and_blanks_as_empty_text(raw, expected):
    assert parsers.parse_text(raw) == expected


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("ผู้ประกอบก", "operator_name"),
        ("ประกอบกิจก", "business_description"),
        ("เงินลงทุนค", "capital_land"),
        ("ค่าเครื่อง", "capital_machinery"),
        ("ทุนหมุนเวี", "capital_working"),
        ("ช่างฝีมือช", "technicians_male"),
        ("ช่างฝีมือห", "technicians_female"),
        ("วันที่ใบอน", "licence_date"),
        ("พื้นที่โรง", "site_area"),
        ("พื้นที่อาค", "building_area"),
        ("ลองติจูด", "longitude"),
        ("\ufeffเลขทะเบียน", "registration"),
        ("FACTYPE", "class_number"),
        ("fid", "registration_number"),
        ("DISPFACREG", "old_registration_number"),
        ("คนงาน", None),  # the start of three names: ambiguous, ignored
        ("สีโปรด", None),
    ],
)
def test_it_matches_headers_by_name_even_when_cut(header, field):
    assert field_for(header) == field
