"""Spreadsheet exports of the register, written as a stream so that national lists fit."""

from __future__ import annotations

from typing import IO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.spreadsheets import row_cells
from factories.models import Complaint, Factory, Loan


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


def _write(out: IO[bytes], title: str, headers: list[str], rows) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append(row_cells(sheet, headers, bold=True))
    count = 0
    for row in rows:
        sheet.append(row_cells(sheet, row))
        count += 1
    book.save(out)
    return count


def complaints_xlsx(complaints: QuerySet[Complaint], out: IO[bytes]) -> int:
    """The complaints as listed (their office and factory selected). The complainants' names
    are never exported: the list does not show them either."""
    headers = [
        _("วันที่รับเรื่อง"),
        _("สำนักงาน"),
        _("โรงงาน"),
        _("ช่องทาง"),
        _("เรื่อง"),
        _("รายละเอียด"),
        _("สถานะ"),
        _("กำหนดแล้วเสร็จ"),
        _("ผลการดำเนินการ"),
    ]
    rows = (
        [
            c.received_on,
            c.office.short_name if c.office_id else "",
            c.factory.display_name if c.factory_id else "",
            c.get_channel_display(),
            c.get_category_display(),
            c.description,
            c.get_status_display(),
            c.due_on,
            c.outcome,
        ]
        for c in complaints.iterator(chunk_size=2000)
    )
    return _write(out, _("เรื่องร้องเรียน"), headers, rows)


def loans_xlsx(loans: QuerySet[Loan], out: IO[bytes]) -> int:
    headers = [
        _("สำนักงาน"),
        _("ผู้กู้"),
        _("โรงงาน"),
        _("กองทุน/โครงการ"),
        _("ผู้ให้กู้"),
        _("วงเงิน (บาท)"),
        _("วันที่อนุมัติ"),
        _("วันครบกำหนด"),
        _("สถานะ"),
        _("หมายเหตุ"),
    ]
    rows = (
        [
            loan.office.short_name if loan.office_id else "",
            loan.borrower_name,
            loan.factory.display_name if loan.factory_id else "",
            loan.fund_name,
            loan.lender,
            loan.amount,
            loan.approved_on,
            loan.maturity_on,
            loan.get_status_display(),
            loan.note,
        ]
        for loan in loans.iterator(chunk_size=2000)
    )
    return _write(out, _("สินเชื่อ"), headers, rows)
