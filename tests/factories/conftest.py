"""Fixtures of the factory register tests: the real DIW sample, files made from it, and a
member of สอจ.ปราจีนบุรี (the sample's province) next to the shared people."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from factories.models import Factory, ImportBatch
from factories.services import import_batch_create
from offices.models import Role, User
from tests.conftest import make_user

# 40 real rows of Prachinburi's register, shipped with the app (factories/data/README.md).
SAMPLE = Path(settings.BASE_DIR) / "factories" / "data" / "diw-factories-sample.csv"
PRACHINBURI = "25"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


@pytest.fixture
def sample_rows(sample_bytes) -> list[list[str]]:
    """The sample as a header row and data rows of text."""
    return list(csv.reader(io.StringIO(sample_bytes.decode("utf-8-sig"))))


def to_csv(rows: list[list[object]], *, encoding: str = "utf-8-sig", nbsp: str = "\xa0") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().replace("\xa0", nbsp).encode(encoding)


@pytest.fixture
def prachinburi_member(db) -> User:
    return make_user("pj_member", Role.OFFICER, PRACHINBURI, first_name="ปราจีน")


@pytest.fixture
def make_batch(admin_user) -> Callable[..., ImportBatch]:
    def make(data: bytes, name: str = "register.csv", user=None, office=None) -> ImportBatch:
        return import_batch_create(
            file=ContentFile(data, name=name), user=user or admin_user, office=office
        )

    return make


def make_factory(number: str, province: str = "57", **fields) -> Factory:
    defaults = {"name": f"โรงงาน {number}", "province_id": province}
    defaults.update(fields)
    if number.isdigit():
        defaults["registration_number"] = number
    else:
        defaults["old_registration_number"] = number
    factory = Factory(**defaults)
    factory.save()
    return factory


def raw_workbook(sheet_data: str, *, dimension: str = "", sheet: str = "ทะเบียน") -> bytes:
    """A workbook written by hand, part by part, for files no spreadsheet program would write."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{rels}"><Relationship Id="rId1" Type="{office}/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{office}"><sheets>'
            f'<sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{rels}"><Relationship Id="rId1" Type="{office}/worksheet"'
            ' Target="worksheets/sheet1.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{main}">{dimension}<sheetData>{sheet_data}</sheetData></worksheet>'
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>' + text)
    return buffer.getvalue()


def far_cell_workbook() -> bytes:
    """1.5 KB that claims the sheet's last cell: two values, in A1 and XFD1048576."""
    return raw_workbook(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>เลขทะเบียน</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
        dimension='<dimension ref="A1:XFD1048576"/>',
    )
