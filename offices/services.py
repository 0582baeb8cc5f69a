"""Services of the offices app: loading reference data, and an office's yearly facts."""

from __future__ import annotations

import geothai
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.reference_data import LoadReport
from offices import reference
from offices.models import (
    District,
    MinistryUnit,
    Office,
    OfficeYear,
    Province,
    Region,
    Subdistrict,
)
from offices.permissions import may_edit_office_facts
from offices.reference import MINISTRY_UNITS


def _sync(model, rows: list, fields: list[str], report: LoadReport, kind: str) -> None:
    """Create missing rows and update changed ones, by primary key, in bulk."""
    existing = {obj.pk: obj for obj in model.objects.all()}
    to_create, to_update = [], []
    for row in rows:
        current = existing.get(row.pk)
        if current is None:
            to_create.append(row)
        elif any(getattr(current, f) != getattr(row, f) for f in fields):
            for f in fields:
                setattr(current, f, getattr(row, f))
            to_update.append(current)
    model.objects.bulk_create(to_create, batch_size=2000)
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=2000)
    report.count(kind, created=len(to_create), updated=len(to_update))


def geography_load(*, report: LoadReport) -> None:
    """Provinces, districts and subdistricts with DOPA codes, from the offline ``geothai`` data."""
    provinces = [
        Province(code=p.code, name_th=p.name_th, name_en=p.name_en) for p in geothai.provinces()
    ]
    districts: list[District] = []
    subdistricts: list[Subdistrict] = []
    for p in geothai.provinces():
        for d in geothai.districts(p.code):
            districts.append(
                District(code=d.code, province_id=p.code, name_th=d.name_th, name_en=d.name_en)
            )
            for s in geothai.subdistricts(d.code):
                subdistricts.append(
                    Subdistrict(
                        code=s.code,
                        district_id=d.code,
                        name_th=s.name_th,
                        name_en=s.name_en,
                        postal_codes=" ".join(s.postal_codes),
                    )
                )
    _sync(Province, provinces, ["name_th", "name_en"], report, "province")
    _sync(District, districts, ["province_id", "name_th", "name_en"], report, "district")
    _sync(
        Subdistrict,
        subdistricts,
        ["district_id", "name_th", "name_en", "postal_codes"],
        report,
        "subdistrict",
    )


def offices_load(*, report: LoadReport) -> None:
    """The 18 inspection regions and one office per province outside Bangkok.

    Only missing rows are created: regions and offices are edited in admin afterwards, and a
    reload must not undo those edits.
    """
    regions = {r.number: r for r in Region.objects.all()}
    created = 0
    for number in reference.REGION_PROVINCES:
        if number not in regions:
            regions[number] = Region.objects.create(
                number=number, name=reference.region_name(number)
            )
            created += 1
    report.count("region", created=created)

    region_of = {
        code: regions[number]
        for number, codes in reference.REGION_PROVINCES.items()
        for code in codes
    }
    have_office = set(Office.objects.values_list("province_id", flat=True))
    new_offices = [
        Office(
            province=province,
            region=region_of[province.code],
            name=reference.office_name(province.name_th),
            short_name=reference.office_short_name(province.name_th),
        )
        for province in Province.objects.exclude(code=reference.BANGKOK).order_by("code")
        if province.code not in have_office
    ]
    for office in new_offices:
        # save() rather than bulk_create so that the history records the creation.
        office.save()
    report.count("office", created=len(new_offices))


@transaction.atomic
def reference_data_load() -> LoadReport:
    """Load this app's reference data; safe to run any number of times."""
    report = LoadReport()
    geography_load(report=report)
    offices_load(report=report)
    ministry_units_load(report=report)
    return report


def ministry_units_load(*, report: LoadReport) -> None:
    """The ministry's units; one an admin has renamed or switched off is left as it is."""
    have = {unit.code: unit for unit in MinistryUnit.objects.all()}
    for order, (code, name, kind, parent) in enumerate(MINISTRY_UNITS, start=1):
        if code in have:
            continue
        have[code] = MinistryUnit.objects.create(
            code=code,
            name=name,
            kind=kind,
            parent=have.get(parent) if parent else None,
            order=order,
        )
        report.count("ministry unit", created=1)


@transaction.atomic
def office_year_save(*, year: OfficeYear, office: Office, fiscal_year: int, user) -> OfficeYear:
    """Record (or correct) an office's facts for one fiscal year, ``year`` as its form left it."""
    if not may_edit_office_facts(user, office):
        raise PermissionDenied(_("เฉพาะอุตสาหกรรมจังหวัดของสำนักงานนี้เท่านั้นที่แก้ไขข้อมูลนี้ได้"))
    year.office = office
    year.fiscal_year = fiscal_year
    year.save()
    return year
