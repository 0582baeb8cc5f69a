"""A province's real register, as DIW hands it out: factories registered with no name at all,
and licence dates typed in BE that Excel kept as day numbers. Nothing of it is refused."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from factories.models import Factory, ImportStatus, RowIssueLevel
from factories.services import import_batch_apply, import_batch_preview
from tests.builders import to_csv

EXCEL_EPOCH = dt.date(1899, 12, 30)
UNNAMED = (2, 6, 11)  # rows (0-based among the data) with neither name
BE_SERIALS = {4: dt.date(2554, 5, 10), 8: dt.date(2551, 1, 3)}  # typed as BE into Excel


def be_serial(typed: dt.date) -> int:
    """What Excel keeps for a date typed as 10/05/2554 in a Gregorian workbook."""
    return (typed - EXCEL_EPOCH).days


@pytest.fixture
def province_rows(sample_rows) -> list[list[object]]:
    header, *rows = (list(row) for row in sample_rows)
    name, operator = header.index("ชื่อโรงงาน"), header.index("ผู้ประกอบก")
    licence = header.index("วันที่ใบอน")
    for index in UNNAMED:
        rows[index][name], rows[index][operator] = " ", ""
    for index, typed in BE_SERIALS.items():
        rows[index][licence] = be_serial(typed)
    return [header, *rows]


def as_xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(
            [float(v) if isinstance(v, str) and v.replace(".", "").isdecimal() else v for v in row]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SHAPES = {
    "xlsx": lambda rows: (as_xlsx(rows), "province.xlsx"),
    "cp874": lambda rows: (to_csv(rows, encoding="cp874", nbsp=" "), "province.csv"),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_it_imports_every_row_of_the_province_and_a_second_import_changes_nothing(
    make_batch, province_rows, shape
):
    data, name = SHAPES[shape](province_rows)
    preview = import_batch_preview(batch=make_batch(data, name))
    assert preview.error_rows == 0, preview.errors
    assert preview.created == len(province_rows) - 1 == 40
    batch = import_batch_apply(batch=make_batch(data, name))
    assert batch.status == ImportStatus.DONE and batch.created_count == 40
    assert Factory.objects.count() == 40
    unnamed = Factory.objects.filter(name="")
    assert unnamed.count() == len(UNNAMED)
    assert all(str(f).startswith("(ยังไม่มีชื่อโรงงาน)") for f in unnamed)
    warned = batch.row_errors.filter(
        level=RowIssueLevel.WARNING, message__startswith="ไม่มีทั้งชื่อโรงงานและชื่อผู้ประกอบการ"
    )
    assert sorted(w.row_number for w in warned) == [i + 2 for i in UNNAMED]
    licence = province_rows[0].index("วันที่ใบอน")
    for index, typed in BE_SERIALS.items():
        number = province_rows[index + 1][0]
        factory = Factory.objects.get(old_registration_number=number)
        assert factory.licence_date == typed.replace(year=typed.year - 543), number
        assert province_rows[index + 1][licence] > 100_000
    again = import_batch_apply(batch=make_batch(data, name))
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 40)


def test_a_be_serial_that_disagrees_with_the_numbers_year_is_imported_with_a_warning(
    make_batch, province_rows
):
    header = province_rows[0]
    row = province_rows[5]
    row[header.index("วันที่ใบอน")] = be_serial(dt.date(2540, 3, 1))  # number says /51 (2551)
    assert row[0].endswith("ปจ") and "/" in row[0]
    preview = import_batch_preview(batch=make_batch(to_csv(province_rows)))
    assert preview.error_rows == 0
    year = row[0].split("/")[1][:2]
    (warning,) = [w for w in preview.warnings if w.row_number == 6 and "พ.ศ. 2540" in w.message]
    assert f"25{year}" in warning.message


def test_the_office_finds_its_unnamed_factories_with_a_filter(
    client, make_batch, province_rows, prachinburi_member
):
    import_batch_apply(batch=make_batch(to_csv(province_rows)))
    client.force_login(prachinburi_member)
    response = client.get(reverse("factories:list"), {"missing": "name"})
    body = response.content.decode()
    assert response.context["page"].paginator.count == len(UNNAMED)
    assert body.count("(ยังไม่มีชื่อโรงงาน)") >= len(UNNAMED)
    assert "ยังไม่มีชื่อโรงงาน</option>" in body


def test_the_open_data_shape_imports_its_unnamed_factories_too(make_batch):
    header = ["FID", "DISPFACREG", "FNAME", "ONAME", "FTUMNAME", "FAMPNAME", "FPROVNAME"]
    place = ["โคกไทย", "ศรีมโหสถ", "ปราจีนบุรี"]
    rows = [
        header,
        ["10250000125531", "3-105-15/53ปจ", "บริษัท ทดสอบ จำกัด", "บริษัท ทดสอบ จำกัด", *place],
        ["10250000225541", "3-105-16/54ปจ", " ", " ", *place],
    ]
    data = to_csv(rows)
    batch = import_batch_apply(batch=make_batch(data))
    assert batch.status == ImportStatus.DONE and batch.created_count == 2, batch.message
    assert Factory.objects.get(registration_number="10250000225541").name == ""
    again = import_batch_apply(batch=make_batch(data))
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)
