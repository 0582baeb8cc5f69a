"""One row of a register file → the values of a Factory, or the reasons it cannot be one.

A row sets only the fields whose columns the file has (plus what follows from them: the
office from the province, the risk flags from the type), so that a file without, say, a
status column never blanks the status kept in the register.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from core import bounds
from core.thaidates import BE_OFFSET
from factories.importer import parsers
from factories.importer.columns import REGISTRATION_FIELDS, ColumnMap, header_key
from factories.importer.geography import GeographyResolver
from factories.importer.parsers import CellError, TypeCode
from factories.models import DECIMAL_MAXIMA, RISK_FIELDS, Factory
from factories.reference import risk_flags
from offices.models import office_code_for

# The label of a totals row: "รวม", "รวมทั้งสิ้น 40 โรงงาน", "ยอดรวม", "Total" (not "รวมมิตร").
_TOTAL = re.compile(r"^(?:ยอด)?รวม(?:ทั้งสิ้น|ทั้งหมด)?(?:\s|\d|$)|^total\b", re.IGNORECASE)


@dataclass(frozen=True)
class Issue:
    row_number: int
    column: str
    value: str
    message: str


@dataclass
class ParsedRow:
    row_number: int
    values: dict[str, object] = field(default_factory=dict)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    type_code: TypeCode | None = None

    @property
    def new_number(self) -> str | None:
        return self.values.get("registration_number")  # type: ignore[return-value]

    @property
    def old_number(self) -> str | None:
        return self.values.get("old_registration_number")  # type: ignore[return-value]

    @property
    def key(self) -> str | None:
        """What the row is matched by: the new number when present, else the old one."""
        if self.new_number:
            return "n:" + self.new_number
        if self.old_number:
            return "o:" + self.old_number
        return None


def _max_length(name: str) -> int:
    return Factory._meta.get_field(name).max_length  # type: ignore[return-value]


TEXT_FIELDS = (
    "name",
    "operator_name",
    "business_description",
    "production_unit",
    "house_no",
    "moo",
    "soi",
    "road",
    "phone",
    "industrial_estate",
)
TEXT_LIMITS = {name: _max_length(name) for name in TEXT_FIELDS if name != "business_description"}

# field → (decimal places, max digits), read from the model so that the two never differ
DECIMAL_FIELDS = {
    name: (field.decimal_places, field.max_digits)
    for name in DECIMAL_MAXIMA
    for field in [Factory._meta.get_field(name)]
}
INT_FIELDS = (
    "technicians_male",
    "technicians_female",
    "workers_male",
    "workers_female",
    "workers_total",
)
WORKER_PARTS = INT_FIELDS[:4]
CAPITAL_PARTS = ("capital_land", "capital_building", "capital_machinery", "capital_working")
DATE_FIELDS = ("licence_date", "source_updated_on", "i_industry_registered_on")
COORDINATES = {
    "latitude": (Factory._meta.get_field("latitude"), bounds.LAT_MIN, bounds.LAT_MAX),
    "longitude": (Factory._meta.get_field("longitude"), bounds.LNG_MIN, bounds.LNG_MAX),
}


class RowConverter:
    """Turns rows into :class:`ParsedRow` with lookups loaded once for the whole file."""

    def __init__(
        self,
        columns: ColumnMap,
        *,
        geography: GeographyResolver,
        type_flags: dict[str, tuple[bool, bool, bool]],
        office_codes: set[str],
        allowed_provinces: set[str] | None,
        office_label: str = "",
        month_first: frozenset[str] = frozenset(),
    ) -> None:
        self.columns = columns
        self.month_first = month_first  # date fields whose column writes m/d/yyyy
        self.geography = geography
        self.type_flags = type_flags
        self.office_codes = office_codes
        self.allowed_provinces = allowed_provinces
        self.office_label = office_label
        self._index = {key: index for key, (index, _title) in columns.columns.items()}
        self._number_keys = sorted(REGISTRATION_FIELDS & set(self._index))
        self._title_keys = [
            (index, header_key(title))
            for key, (index, title) in columns.columns.items()
            if key in ("name", "province")
        ]

    def skip_reason(self, cells: list[object]) -> tuple[str, str] | None:
        """(value shown, reason) for a row that is no factory and is passed over with a
        warning: the header again (exports pasted one under another), a totals row ("รวม …"),
        or a row of a single cell that is no registration number (a section title such as
        "อำเภอกบินทร์บุรี" wherever it sits, the number of a form's line left empty). A row
        with anything more stays a row, and is rejected if it has no number. A factory's row
        is told apart in a few cells."""
        if self._header_again(cells):
            shown = " | ".join(filter(None, map(parsers.parse_text, cells)))
            return shown[:200], _("ข้ามแถวนี้: เป็นหัวตารางซ้ำ ไม่ใช่ข้อมูลโรงงาน")
        filled = (value for value in cells if not parsers.is_blank(value))
        first, second = next(filled, None), next(filled, None)
        if first is None:
            return None
        text = parsers.parse_text(first)
        if not (_TOTAL.match(text) or second is None) or self._has_number(cells):
            return None
        if second is None:
            reason = _("ข้ามแถวนี้: มีข้อมูลช่องเดียวและไม่มีเลขทะเบียน (เช่น ชื่อกลุ่มหรือเลขลำดับ) ไม่ใช่ข้อมูลโรงงาน")
        else:
            reason = _("ข้ามแถวนี้: เป็นแถวรวม ไม่ใช่ข้อมูลโรงงาน")
        return text[:200], reason

    def _header_again(self, cells: list[object]) -> bool:
        """Whether the row's name and province cells are the header's own titles."""
        for index, key in self._title_keys:
            value = cells[index] if index < len(cells) else None
            if not isinstance(value, str) or header_key(value) != key:
                return False
        return True

    def _has_number(self, cells: list[object]) -> bool:
        """Whether a registration cell holds a number of either form."""
        for key in self._number_keys:
            index = self._index[key]
            value = cells[index] if index < len(cells) else None
            if parsers.looks_like_new_number(value):
                return True
            old = parsers.parse_old_number(value)
            if old is not None and old.parsed:
                return True
        return False

    def convert(self, row_number: int, cells: list[object]) -> ParsedRow:
        row = ParsedRow(row_number)
        values = row.values

        def cell(key: str) -> object:
            index = self._index.get(key)
            if index is None or index >= len(cells):
                return None
            return cells[index]

        def run(key: str, parse: Callable[[object], object]) -> object:
            raw = cell(key)
            try:
                return parse(raw)
            except CellError as error:
                self._error(row, key, raw, str(error))
                return None

        self._numbers(row, cell, run)
        for name in TEXT_FIELDS:
            if name in self._index:
                parse = parsers.parse_phone if name == "phone" else parsers.parse_text
                text = parse(cell(name))
                limit = TEXT_LIMITS.get(name)
                if limit and len(text) > limit:
                    self._error(row, name, text, _("ยาวเกินไป (ไม่เกิน %(n)s ตัวอักษร)") % {"n": limit})
                values[name] = text
        if not values.get("name"):
            # The register leaves many small factories unnamed; they go by their operator.
            if values.get("operator_name"):
                values["name"] = values["operator_name"]
                self._warn(row, "name", cell("name"), _("ไม่มีชื่อโรงงาน ใช้ชื่อผู้ประกอบการแทน"))
            else:
                # Still a registered factory: imported under its number, for the office to name
                # (the register's "ยังไม่มีชื่อโรงงาน" filter finds it).
                values["name"] = ""
                self._warn(
                    row,
                    "name",
                    cell("name"),
                    _("ไม่มีทั้งชื่อโรงงานและชื่อผู้ประกอบการ นำเข้าโดยใช้เลขทะเบียน กรุณาเติมชื่อโรงงานภายหลัง"),
                )
        for name in ("isic_code", "postal_code", "juristic_id"):
            if name in self._index:
                values[name] = self._code(row, name, cell(name))
        for name, (places, digits) in DECIMAL_FIELDS.items():
            if name in self._index:
                values[name] = run(
                    name,
                    lambda v, p=places, d=digits, m=DECIMAL_MAXIMA[name]: parsers.parse_decimal(
                        v, places=p, max_digits=d, maximum=m
                    ),
                )
        for name in INT_FIELDS:
            if name in self._index:
                values[name] = run(name, parsers.parse_int)
        for name in DATE_FIELDS:
            if name in self._index:
                order = name in self.month_first
                values[name] = run(name, lambda v, o=order: parsers.parse_date(v, month_first=o))
        if values.get("licence_date") and parsers.is_be_serial(cell("licence_date")):
            self._check_be_serial(row, cell("licence_date"), values["licence_date"])
        self._coordinates(row, cell)
        if "status" in self._index:
            status = run("status", parsers.parse_status)
            if status is not None:
                values["status"] = status
        self._totals(values)
        self._place(row, cell)
        return row

    def _error(self, row: ParsedRow, key: str, raw: object, message: str) -> None:
        row.errors.append(Issue(row.row_number, self._title(key), _shown(raw), message))

    def _warn(self, row: ParsedRow, key: str, raw: object, message: str) -> None:
        row.warnings.append(Issue(row.row_number, self._title(key), _shown(raw), message))

    def _check_be_serial(self, row: ParsedRow, raw: object, day) -> None:
        """A licence date that Excel kept as a day number past the year 2400 was read as BE; the
        two-digit BE year of the old registration number (…/54ปจ) says whether that was right."""
        old = parsers.parse_old_number(row.values.get("old_registration_number") or "")
        if old is None or old.year_be is None:
            return
        be_year = day.year + BE_OFFSET
        if be_year % 100 != old.year_be % 100:
            self._warn(
                row,
                "licence_date",
                raw,
                _(
                    "วันที่ได้รับอนุญาตเป็นตัวเลขวันที่ของ Excel อ่านเป็น พ.ศ. %(year)s"
                    " แต่เลขทะเบียนเดิมลงปี %(number_year)s กรุณาตรวจวันที่"
                )
                % {"year": be_year, "number_year": old.year_be},
            )

    def _title(self, key: str) -> str:
        if key in self.columns:
            return self.columns.header(key)
        return key

    def _numbers(self, row: ParsedRow, cell, run) -> None:
        """Registration numbers, and the class and type they carry when no column gives them.

        A number is only ever set, never blanked: a file that lacks one of the two forms must
        not erase the form that another file brought.
        """
        values = row.values
        old_raw: object = None
        old_column = ""
        if "registration" in self._index:
            raw = cell("registration")
            if parsers.looks_like_new_number(raw):
                new_number = run("registration", parsers.parse_new_number)
                if new_number:
                    values["registration_number"] = new_number
            else:
                old_raw, old_column = raw, "registration"
        if "registration_number" in self._index:
            new_number = run("registration_number", parsers.parse_new_number)
            if new_number:
                values["registration_number"] = new_number
        if "old_registration_number" in self._index:
            old_raw, old_column = cell("old_registration_number"), "old_registration_number"
        old = parsers.parse_old_number(old_raw)
        if old:
            values["old_registration_number"] = old.raw
            if len(old.raw) > _max_length("old_registration_number"):
                self._error(row, old_column, old.raw, _("เลขทะเบียนเดิมยาวเกินไป"))
            elif not old.parsed:
                self._warn(
                    row,
                    old_column,
                    old.raw,
                    _("รูปแบบเลขทะเบียนเดิมไม่ตรงแบบที่รู้จัก เก็บไว้ตามที่เขียน"),
                )
        if not row.key and not row.errors:
            column = old_column or "registration_number"
            self._error(row, column, old_raw, _("ไม่มีเลขทะเบียนโรงงาน"))
        # Class: the column first, else what the old number says.
        if "class_number" in self._index:
            values["class_number"] = run("class_number", parsers.parse_class)
        if values.get("class_number") is None and old and old.class_number:
            values["class_number"] = old.class_number
        # Type: the column first, else what the old number says.
        type_code = None
        if "factory_type" in self._index:
            type_code = run("factory_type", parsers.parse_type_code)
        if type_code is None and old and old.type_code:
            type_code = parsers.TypeCode(old.type_code, old.type_number, old.item)  # type: ignore[arg-type]
        if type_code is not None:
            row.type_code = type_code
            values["factory_type_id"] = type_code.code
            flags = self.type_flags.get(type_code.code) or self.type_flags.get(
                f"{type_code.number:03d}00", (False, False, False)
            )
            values.update(zip(RISK_FIELDS, flags, strict=True))
        elif "factory_type" in self._index:
            values["factory_type_id"] = None
            values.update(dict.fromkeys(RISK_FIELDS, False))

    def _code(self, row: ParsedRow, name: str, raw: object) -> str:
        code = parsers.parse_digits(raw)
        if not code:
            return ""
        if name == "isic_code":
            if code.isdigit() and len(code) < 5:
                code = code.zfill(5)  # a spreadsheet dropped the leading zero
            if len(code) > _max_length("isic_code"):
                self._warn(row, name, raw, _("รหัส ISIC ยาวเกินไป ไม่ได้บันทึก"))
                return ""
            return code
        if name == "postal_code":
            if len(code) == 5 and code.isdigit():
                return code
            self._warn(row, name, raw, _("รหัสไปรษณีย์ต้องเป็นตัวเลข 5 หลัก ไม่ได้บันทึก"))
            return ""
        if len(code) == 13 and code.isdigit():
            return code
        self._warn(row, name, raw, _("เลขทะเบียนนิติบุคคลต้องเป็นตัวเลข 13 หลัก ไม่ได้บันทึก"))
        return ""

    def _coordinates(self, row: ParsedRow, cell) -> None:
        """Latitude and longitude, put back in place when the file has them the wrong way
        round (a latitude of 101 and a longitude of 13 can only be swapped, in Thailand)."""
        names = [name for name in COORDINATES if name in self._index]
        if not names:
            return
        found: dict[str, Decimal | None] = {}
        for name in names:
            model_field = COORDINATES[name][0]
            try:
                value = parsers.parse_decimal(
                    cell(name), places=model_field.decimal_places, max_digits=12, negative=True
                )
            except CellError as error:
                self._error(row, name, cell(name), str(error))
                value = None
            # 0 is how the register writes "not surveyed"
            found[name] = None if value == 0 else value
        latitude, longitude = found.get("latitude"), found.get("longitude")
        if (
            latitude is not None
            and longitude is not None
            and not _inside("latitude", latitude)
            and not _inside("longitude", longitude)
            and _inside("latitude", longitude)
            and _inside("longitude", latitude)
        ):
            found["latitude"], found["longitude"] = longitude, latitude
            self._warn(
                row,
                "latitude",
                cell("latitude"),
                _("ละติจูดและลองจิจูดสลับช่องกัน ระบบสลับกลับให้แล้ว กรุณาตรวจในไฟล์ต้นฉบับ"),
            )
        for name, value in found.items():
            _field, low, high = COORDINATES[name]
            if value is not None and not _inside(name, value):
                label = _("ละติจูด") if name == "latitude" else _("ลองจิจูด")
                self._error(
                    row,
                    name,
                    cell(name),
                    _("%(label)s ต้องอยู่ระหว่าง %(low)s ถึง %(high)s (ในประเทศไทย)")
                    % {"label": label, "low": low, "high": high},
                )
                value = None
            row.values[name] = value

    @staticmethod
    def _totals(values: dict[str, object]) -> None:
        """Totals from their parts when the file has the parts but no total."""
        parts = [values.get(name) for name in WORKER_PARTS if name in values]
        if parts and "workers_total" not in values:
            numbers = [p for p in parts if p is not None]
            values["workers_total"] = sum(numbers) if numbers else None  # type: ignore[arg-type]
        parts = [values.get(name) for name in CAPITAL_PARTS if name in values]
        if parts and "capital" not in values:
            numbers = [p for p in parts if p is not None]
            values["capital"] = sum(numbers, Decimal("0.00")) if numbers else None  # type: ignore[arg-type]

    def _place(self, row: ParsedRow, cell) -> None:
        province = parsers.parse_text(cell("province"))
        district = parsers.parse_text(cell("district"))
        subdistrict = parsers.parse_text(cell("subdistrict"))
        postal = row.values.get("postal_code") or ""
        place = self.geography.resolve(province, district, subdistrict, postal)  # type: ignore[arg-type]
        if place.error:
            self._error(row, "province", province, place.error)
            return
        code = place.province
        if self.allowed_provinces is not None and code not in self.allowed_provinces:
            self._error(
                row,
                "province",
                province,
                _("โรงงานนี้อยู่ในจังหวัด%(province)s นอกเขตความรับผิดชอบของ %(office)s")
                % {"province": self.geography.province_name(code), "office": self.office_label},
            )
            return
        values = row.values
        values["province_id"] = code
        office = office_code_for(code)
        values["office_id"] = office if office in self.office_codes else None
        if "district" in self._index or "subdistrict" in self._index:
            values["district_id"] = place.district
            values["subdistrict_id"] = place.subdistrict
        for key, message in place.warnings:
            self._warn(row, key, cell(key), message)


def _inside(name: str, value: Decimal) -> bool:
    _field, low, high = COORDINATES[name]
    return low <= value <= high


def _shown(raw: object) -> str:
    if raw is None:
        return ""
    # Cleaned even so: a NUL byte cannot be stored, not even in the report of the row.
    return parsers.parse_text(raw) if not isinstance(raw, str) else parsers.clean_text(raw).strip()


def type_flags_of(types) -> dict[str, tuple[bool, bool, bool]]:
    """``{code: (wastewater, air, hazardous)}`` from FactoryType rows or reference data."""
    return {t.code: (t.wastewater, t.air_emissions, t.hazardous_waste) for t in types}


def default_flags(number: int) -> tuple[bool, bool, bool]:
    flags = risk_flags(number)
    return flags["wastewater"], flags["air_emissions"], flags["hazardous_waste"]
