"""Spreadsheet exports of the register, written as a stream so that national lists fit."""

from __future__ import annotations

from typing import IO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.spreadsheets import row_cells
from factories.models import Factory


def factories_xlsx(factories: QuerySet[Factory], out: IO[bytes]) -> int:
    """Write ``factories`` (annotated with ``gi_level``) to ``out``; returns the row count."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("โรงงาน"))
    headers = [
        _("เลขทะเบียน (14 หลัก)"),
        _("เลขทะเบียนเดิม"),
        _("ชื่อโรงงาน"),
        _("ผู้ประกอบการ"),
        _("ประเภท"),
        _("จำพวก"),
        _("สถานะ"),
        _("ตำบล"),
        _("อำเภอ"),
        _("จังหวัด"),
        _("แรงม้า"),
        _("คนงาน (คน)"),
        _("วันที่ได้รับอนุญาต"),
        _("น้ำเสีย"),
        _("อากาศ"),
        _("ของเสียอันตราย"),
        _("ระดับ GI"),
        _("ละติจูด"),
        _("ลองจิจูด"),
    ]
    sheet.append(row_cells(sheet, headers, bold=True))
    count = 0
    yes = _("ใช่")
    for f in factories.iterator(chunk_size=2000):
        workers = (f.workers_male or 0) + (f.workers_female or 0)
        sheet.append(
            row_cells(
                sheet,
                [
                    f.registration_number or "",
                    f.old_registration_number or "",
                    f.name,
                    f.operator_name,
                    f.factory_type.label if f.factory_type else "",
                    f.class_number,
                    f.get_status_display(),
                    f.subdistrict.name_th if f.subdistrict else "",
                    f.district.name_th if f.district else "",
                    f.province.name_th if f.province_id else "",
                    float(f.horsepower) if f.horsepower is not None else None,
                    workers or None,
                    f.licence_date,
                    yes if f.wastewater_risk else "",
                    yes if f.air_risk else "",
                    yes if f.hazardous_waste_risk else "",
                    f.gi_level or "",
                    float(f.latitude) if f.latitude is not None else None,
                    float(f.longitude) if f.longitude is not None else None,
                ],
            )
        )
        count += 1
    book.save(out)
    return count
