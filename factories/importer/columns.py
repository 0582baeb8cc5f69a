"""Which column of a file holds which fact, found by header name, never by position.

Two shapes are common (see docs/domain.md): the DIW export with Thai headers that GIS tools often
cut to ten characters (``ผู้ประกอบก`` for ผู้ประกอบการ), and the ministry's open-data feed
with English field names (``FNAME``, ``FACTYPE`` …). A header matches a field when it is one of
the field's names, or when it is at least four characters long and the start of exactly one
field's Thai name. Spaces and line breaks inside a header, and a unit in brackets after it
("แรงม้า (HP)"), do not count; a name in full beats the start of one, and a row counter
("ลำดับ") is never a field. Unknown columns are ignored and reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from factories.importer.parsers import clean_text
from factories.importer.reading import ImportFileError

# field key → (Thai names, English field names of the open-data feed)
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # Either form of number; a 14-digit value is the new number, anything else the old one.
    "registration": (("เลขทะเบียน", "เลขทะเบียนโรงงาน", "ทะเบียนโรงงาน"), ("REG_NO", "FACREG")),
    "registration_number": (("เลขทะเบียนโรงงาน 14 หลัก", "เลขทะเบียนใหม่"), ("FID",)),
    "old_registration_number": (("เลขทะเบียนเดิม", "เลขทะเบียนแบบเดิม"), ("DISPFACREG",)),
    "factory_type": (("ประเภท", "ประเภทโรงงาน", "ลำดับประเภท"), ("FACTYPE_CODE", "TYPE_CODE")),
    "isic_code": (("ISIC", "รหัส ISIC", "รหัสISIC"), ("ISIC_CODE",)),
    "class_number": (("จำพวก", "จำพวกโรงงาน"), ("FACTYPE", "FACCLASS")),
    "name": (("ชื่อโรงงาน",), ("FNAME",)),
    "operator_name": (("ผู้ประกอบการ", "ชื่อผู้ประกอบการ"), ("ONAME",)),
    "juristic_id": (("เลขทะเบียนนิติบุคคล", "เลขนิติบุคคล"), ("JURISTIC_ID",)),
    "business_description": (("ประกอบกิจการ",), ("OBJECT",)),
    "production_capacity": (("กำลังผลิต", "กำลังการผลิต"), ("CAPACITY",)),
    "production_unit": (("หน่วย", "หน่วยกำลังผลิต"), ("CAPUNIT", "UNIT")),
    "house_no": (("เลขที่", "บ้านเลขที่"), ("FADDR",)),
    "moo": (("หมู่", "หมู่ที่"), ("FMOO",)),
    "soi": (("ซอย",), ("FSOI",)),
    "road": (("ถนน",), ("FROAD",)),
    "subdistrict": (("ตำบล", "ตำบล/แขวง", "แขวง/ตำบล", "ชื่อตำบล"), ("FTUMNAME",)),
    "district": (("อำเภอ", "อำเภอ/เขต", "เขต/อำเภอ", "ชื่ออำเภอ"), ("FAMPNAME",)),
    "province": (("จังหวัด", "ชื่อจังหวัด"), ("FPROVNAME",)),
    "postal_code": (("ไปรษณีย์", "รหัสไปรษณีย์"), ("FZIPCODE", "ZIPCODE")),
    "phone": (("โทรศัพท์", "เบอร์โทรศัพท์"), ("FTELNO", "FTEL")),
    "horsepower": (("แรงม้า",), ("HP",)),
    "capital": (("เงินลงทุน", "เงินลงทุนรวม"), ("TOTAL_CAP",)),
    "capital_land": (("เงินลงทุนค่าที่ดิน", "ค่าที่ดิน"), ()),
    "capital_building": (("ค่าอาคาร",), ()),
    "capital_machinery": (("ค่าเครื่องจักร",), ()),
    "capital_working": (("ทุนหมุนเวียน", "เงินทุนหมุนเวียน"), ()),
    "technicians_male": (("ช่างฝีมือชาย",), ()),
    "technicians_female": (("ช่างฝีมือหญิง",), ()),
    "workers_male": (("คนงานชาย",), ()),
    "workers_female": (("คนงานหญิง",), ()),
    "workers_total": (("คนงานทั้งหมด", "คนงานรวม", "จำนวนคนงาน"), ("TOTAL_WORKER",)),
    "licence_date": (("วันที่ใบอนุญาต", "วันที่ได้รับใบอนุญาต", "วันที่อนุญาต"), ("LICENSE_DATE",)),
    "site_area": (("พื้นที่โรงงาน",), ()),
    "building_area": (("พื้นที่อาคาร",), ()),
    "latitude": (("ละติจูด",), ("LAT", "LATITUDE")),
    "longitude": (("ลองติจูด", "ลองจิจูด"), ("LNG", "LON", "LONG", "LONGITUDE")),
    "industrial_estate": (("นิคมอุตสาหกรรม",), ("ESTATE",)),
    "status": (("สถานะ", "สถานะโรงงาน"), ("FFLAG",)),
    "source_updated_on": (("วันที่ปรับปรุง",), ("LAST_UPDATE",)),
    "i_industry_registered_on": (("วันที่ลงทะเบียน I-Industry",), ("I_INDUSTRY_DATE",)),
}

# Columns that every open-data file has and no DIW export: how the shape is named.
OPEN_DATA_MARKERS = frozenset({"FID", "DISPFACREG", "FNAME", "FPROVNAME"})
MIN_PREFIX = 4


# Row counters that start most Thai sheets: never a field, though "ลำดับ" is the start of
# "ลำดับประเภท" (a name of the type column) and would take the type column's place.
COUNTERS = frozenset({"ลำดับ", "ลำดับที่", "ที่", "NO", "NO.", "#", "SEQ"})
# A unit after the name, as hand-made sheets write it: "แรงม้า (HP)", "เงินลงทุน (บาท)".
_UNIT = re.compile(r"[(\[][^()\[\]]*[)\]]$")


def header_key(header: str) -> str:
    """A header in the form names are compared in: no spaces or line breaks (Thai does not
    separate words, and a wrapped header cell is "ชื่อ\\nโรงงาน"), ำ and แ as one character."""
    return "".join(clean_text(header).split()).upper()


_EXACT: dict[str, str] = {}
for _field, (_thai, _english) in COLUMNS.items():
    for _name in (*_thai, *_english):
        _EXACT.setdefault(header_key(_name), _field)


@dataclass
class ColumnMap:
    """Field key → (column index, header as written in the file)."""

    columns: dict[str, tuple[int, str]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    shape: str = "diw"

    def __contains__(self, key: str) -> bool:
        return key in self.columns

    def header(self, key: str) -> str:
        return self.columns[key][1]


def _exact(header: str) -> str | None:
    """The field a header names in full, with or without a unit in brackets after it."""
    key = header_key(header)
    if key in COUNTERS:
        return None
    return _EXACT.get(key) or _EXACT.get(_UNIT.sub("", key))


def _by_prefix(header: str) -> str | None:
    """The one field whose Thai name starts with a cut-off header, if only one does."""
    key = header_key(header)
    if len(key) < MIN_PREFIX or key in COUNTERS:
        return None
    candidates = {
        name_field
        for name_field, (thai, _english) in COLUMNS.items()
        for name in thai
        if header_key(name).startswith(key)
    }
    return candidates.pop() if len(candidates) == 1 else None


def field_for(header: str) -> str | None:
    """The field a header names: exact first, then a cut-off Thai name, if unambiguous."""
    return _exact(header) or _by_prefix(header)


REGISTRATION_FIELDS = frozenset({"registration", "registration_number", "old_registration_number"})


def looks_like_header(titles: list[str]) -> bool:
    """Whether a row is the table's header: it names a registration number, the factory's
    name and its province (a title row above the table names none of them)."""
    found = {field_for(title) for title in titles}
    return bool(found & REGISTRATION_FIELDS) and {"name", "province"} <= found


def map_columns(header: list[str]) -> ColumnMap:
    mapping = ColumnMap()
    # A header that names a field in full takes it before one that is only the start of a name.
    exact = {index: _exact(title) for index, title in enumerate(header)}
    taken = {name for name in exact.values() if name}
    for index, title in enumerate(header):
        name = exact[index]
        if name is None and (name := _by_prefix(title)) in taken:
            name = None
        if name is None or name in mapping.columns:
            if title:
                mapping.ignored.append(title)
            continue
        mapping.columns[name] = (index, title)
    if {header_key(h) for h in header} & OPEN_DATA_MARKERS:
        mapping.shape = "open-data"
    if not REGISTRATION_FIELDS & set(mapping.columns):
        raise ImportFileError(_("ไม่พบคอลัมน์เลขทะเบียนโรงงาน (เช่น เลขทะเบียน, FID หรือ DISPFACREG)"))
    for required, example in (("name", "ชื่อโรงงาน หรือ FNAME"), ("province", "จังหวัด หรือ FPROVNAME")):
        if required not in mapping.columns:
            raise ImportFileError(_("ไม่พบคอลัมน์ %(name)s") % {"name": example})
    return mapping
