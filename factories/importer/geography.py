"""Province, district and subdistrict names of a register file → DOPA codes.

Names are compared in ``geothai.normalize()`` form, so "จ.ปราจีนบุรี", "จังหวัดปราจีนบุรี" and
"ปราจีนบุรี" are one name, and "อ.เมือง" is the capital district. An unknown province rejects
the row; a district or subdistrict that cannot be placed is a warning and stays empty, because
the factory is still in the register of its province. Answers are cached per distinct address:
a file of 70,000 factories has a few thousand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import geothai
from django.utils.translation import gettext as _

# Names people write for Bangkok and Ayutthaya besides geothai's own short forms.
PROVINCE_ALIASES = {
    "กรุงเทพฯ": "10",
    "กรุงเทพมหานคร": "10",
    "กทม": "10",
    "กรุงเทพ": "10",
    "อยุธยา": "14",
}

MIN_ABBREVIATION = 3  # letters before ฯ
# "กิ่งอำเภอ" / "กิ่ง อ.": a minor district, as licences of before 2007 name many districts
# that have been full districts since, under the same name.
_MINOR_DISTRICT = re.compile(r"^\s*กิ่ง\s*(?:อำเภอ|อ\.)?\s*")


@dataclass(frozen=True)
class Place:
    province: str | None
    district: str | None = None
    subdistrict: str | None = None
    # (field key, message) pairs: warnings when the row is kept, the error when it is not
    warnings: tuple[tuple[str, str], ...] = ()
    error: str = ""


@dataclass
class GeographyResolver:
    _provinces: dict[str, str] = field(default_factory=dict)
    _province_names: dict[str, str] = field(default_factory=dict)
    _cache: dict[tuple[str, str, str, str], Place] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for p in geothai.provinces():
            self._provinces[geothai.normalize(p.name_th)] = p.code
            self._provinces[geothai.normalize(p.name_en)] = p.code
            self._province_names[p.code] = p.name_th
        for alias, code in PROVINCE_ALIASES.items():
            self._provinces[geothai.normalize(alias)] = code

    def province_code(self, name: str) -> str | None:
        if not name:
            return None
        key = geothai.normalize(name)
        if key in self._provinces:
            return self._provinces[key]
        # "ประจวบฯ", "นครศรีฯ": ฯ cuts a long name short; the start must name one province.
        start = key.rstrip("ฯ")
        if start != key and len(start) >= MIN_ABBREVIATION:
            codes = {code for known, code in self._provinces.items() if known.startswith(start)}
            if len(codes) == 1:
                return codes.pop()
        return None

    def province_name(self, code: str) -> str:
        return self._province_names.get(code, code)

    def resolve(self, province: str, district: str, subdistrict: str, postal: str) -> Place:
        key = (province, district, subdistrict, postal)
        place = self._cache.get(key)
        if place is None:
            place = self._cache[key] = self._resolve(*key)
        return place

    def _district_in(self, province: str, name: str) -> geothai.District | None:
        wanted = geothai.normalize(_MINOR_DISTRICT.sub("", name))
        for d in geothai.districts(province):
            if geothai.is_district(d, wanted):
                return d
        return None

    def _elsewhere(self, name: str, province: str) -> list[str]:
        """Provinces other than ``province`` that have a district of this name."""
        wanted = geothai.normalize(_MINOR_DISTRICT.sub("", name))
        return [
            p.code
            for p in geothai.provinces()
            if p.code != province
            and any(
                wanted in (geothai.normalize(d.name_th), geothai.normalize(d.name_en))
                for d in geothai.districts(p.code)
            )
        ]

    def _resolve(self, province: str, district: str, subdistrict: str, postal: str) -> Place:
        if not province:
            return Place(None, error=_("ไม่ได้ระบุจังหวัด"))
        code = self.province_code(province)
        if code is None:
            return Place(None, error=_("ไม่รู้จักจังหวัด “%(name)s”") % {"name": province})
        warnings: list[tuple[str, str]] = []
        district_code: str | None = None
        if district:
            found = self._district_in(code, district)
            if found is not None:
                district_code = found.code
            else:
                others = self._elsewhere(district, code)
                if others:
                    message = _(
                        "อำเภอ “%(district)s” อยู่ในจังหวัด%(other)s ไม่ใช่จังหวัด%(province)s"
                        " จึงไม่ได้บันทึกอำเภอและตำบล"
                    ) % {
                        "district": district,
                        "other": "/".join(self.province_name(o) for o in others),
                        "province": self.province_name(code),
                    }
                else:
                    message = _("ไม่พบอำเภอ “%(district)s” ในจังหวัด%(province)s") % {
                        "district": district,
                        "province": self.province_name(code),
                    }
                warnings.append(("district", message))
                return Place(code, warnings=tuple(warnings))
        subdistrict_code: str | None = None
        if subdistrict:
            subdistrict_code, message = self._subdistrict(code, district_code, subdistrict, postal)
            if message:
                warnings.append(("subdistrict", message))
            elif district_code is None and subdistrict_code:
                district_code = subdistrict_code[:4]
        return Place(code, district_code, subdistrict_code, tuple(warnings))

    def _subdistrict(
        self, province: str, district: str | None, name: str, postal: str
    ) -> tuple[str | None, str]:
        province_name = self.province_name(province)
        matches = [
            a
            for a in geothai.match(name, province=province_name)
            if district is None or a.district.code == district
        ]
        if len(matches) > 1 and postal:
            by_postal = [a for a in matches if postal in a.subdistrict.postal_codes]
            matches = by_postal or matches
        if len(matches) == 1:
            return matches[0].subdistrict.code, ""
        if not matches:
            return None, _("ไม่พบตำบล “%(name)s” ในอำเภอ/จังหวัดที่ระบุ") % {"name": name}
        return None, _("ตำบล “%(name)s” มีหลายแห่งในจังหวัดนี้ กรุณาระบุอำเภอ") % {"name": name}
