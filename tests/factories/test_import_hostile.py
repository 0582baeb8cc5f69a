"""Files made to hurt the reader: each is refused with a Thai reason, and the worker lives."""

from __future__ import annotations

import io
import zipfile

import pytest

from factories.importer import workbook
from factories.importer.reading import ImportFileError, read_table
from factories.models import ImportStatus
from factories.services import import_batch_preview
from tests.builders import far_cell_workbook, raw_workbook


def test_it_refuses_a_workbook_claiming_the_last_cell_without_allocating_it():
    data = far_cell_workbook()
    assert len(data) < 2048
    with pytest.raises(ImportFileError) as refused:
        read_table(data)
    assert "XFD1048576" in str(refused.value)
    assert "16,384 คอลัมน์ × 1,048,576 แถว" in str(refused.value)


def test_it_reads_a_sheet_whose_dimension_lies_but_whose_cells_are_few():
    data = raw_workbook(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>เลขทะเบียน</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>ชื่อโรงงาน</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>3-1-1/45ปจ</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>ก</t></is></c><c r="XFD2" s="3"/></row>',
        dimension='<dimension ref="A1:XFD1048576"/>',
    )
    table = read_table(data)
    assert table.header == ["เลขทะเบียน", "ชื่อโรงงาน"]
    assert table.rows == [(2, ["3-1-1/45ปจ", "ก"])]  # the formatted empty cell far out is not data


def test_it_places_cells_without_references_as_a_reader_does():
    with_refs = workbook.sheet_extent(
        io.BytesIO(b'<row r="7"><c><v>1</v></c><c r="C7"><v>2</v></c><c><v>3</v></c></row>'),
        "s",
        10**6,
    )[0]
    assert (with_refs.rows, with_refs.columns) == (7, 4)
    cut = b"<row>" + b"<c><v>1</v></c>" * 5 + b"</row>"
    assert workbook.sheet_extent(io.BytesIO(cut * 3), "s", 10**6)[0].cells == 15


def test_it_refuses_a_zip_that_unpacks_past_the_limit(monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (3 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 10_000
    monkeypatch.setattr(workbook, "MAX_XML_BYTES", 2 * 1024 * 1024)
    with pytest.raises(ImportFileError) as refused:
        read_table(data)
    assert "เมื่อแตกออกมีขนาดเกิน 2 MB" in str(refused.value)


def test_it_reads_a_part_no_further_than_the_limit_whatever_the_zip_declares(monkeypatch):
    monkeypatch.setattr(workbook, "MAX_XML_BYTES", 1024 * 1024)
    monkeypatch.setattr(workbook, "CHUNK", 64 * 1024)
    endless = io.BytesIO(b"<row><c><v>1</v></c></row>" * 100_000)  # 2.6 MB
    with pytest.raises(workbook.WorkbookError):
        workbook.sheet_extent(endless, "s", workbook.MAX_XML_BYTES)


def test_a_reader_past_its_memory_limit_fails_the_batch_not_the_worker(make_batch, monkeypatch):
    # A far cell under the cell limit, with the reader's memory cut so that it cannot have it.
    monkeypatch.setattr(workbook, "CHILD_MEMORY_BYTES", 100 * 1024 * 1024)
    data = raw_workbook(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>เลขทะเบียน</t></is></c></row>'
        '<row r="10000"><c r="ZZ10000"><v>1</v></c></row>'
    )
    batch = make_batch(data, "register.xlsx")
    preview = import_batch_preview(batch=batch)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED
    assert "หน่วยความจำหรือเวลาเกิน" in preview.file_error == batch.message
