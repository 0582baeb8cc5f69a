"""An office's records are written by services, each in one transaction: a failure half-way
leaves nothing written, someone refused writes nothing, and bad input is told in Thai with what
was typed still in the form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.urls import reverse

from factories.models import Loan, LoanFollowUp, LoanStatus
from factories.services import loan_follow_up_record, office_record_save

NOTE = "ยอดขายลดลง ค้างชำระ 3 งวด"


def _follow_up(status: str = LoanStatus.NPL) -> LoanFollowUp:
    return LoanFollowUp(followed_on=dt.date(2024, 6, 15), status_after=status, note=NOTE)


def test_a_follow_up_is_not_kept_when_the_loans_status_cannot_be_saved(member, loan, monkeypatch):
    def disk_full(self, *args, **kwargs):
        raise DatabaseError("could not extend file")

    monkeypatch.setattr(Loan, "save", disk_full)
    with pytest.raises(DatabaseError):
        loan_follow_up_record(loan=loan, follow_up=_follow_up(), user=member)
    monkeypatch.undo()
    assert not LoanFollowUp.objects.exists()
    loan.refresh_from_db()
    assert loan.status == LoanStatus.NORMAL


def test_a_follow_up_and_the_status_it_found_are_written_together(member, loan):
    loan_follow_up_record(loan=loan, follow_up=_follow_up(), user=member)
    loan.refresh_from_db()
    assert loan.status == LoanStatus.NPL
    assert loan.follow_ups.get().note == NOTE


def test_another_office_writes_neither_the_follow_up_nor_a_loan(outsider, inspector, loan):
    for person in (outsider, inspector):
        with pytest.raises(PermissionDenied):
            loan_follow_up_record(loan=loan, follow_up=_follow_up(), user=person)
        loan.borrower_name = "ชื่อที่แก้โดยคนนอก"
        with pytest.raises(PermissionDenied):
            office_record_save(record=loan, office=loan.office, user=person)
    loan.refresh_from_db()
    assert (loan.status, loan.borrower_name) == (LoanStatus.NORMAL, "บริษัท ชาดี จำกัด")
    assert not LoanFollowUp.objects.exists()


def test_a_bad_follow_up_date_is_told_in_thai_and_what_was_typed_stays(client, member, loan):
    client.force_login(member)
    response = client.post(
        reverse("factories:loan", kwargs={"pk": loan.pk}),
        {"followed_on": "31/02/2567", "status_after": "npl", "note": NOTE},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "กรุณาแก้ไขข้อมูลที่มีเครื่องหมายแจ้งเตือนด้านล่าง ข้อมูลที่กรอกไว้ยังอยู่ครบ" in html
    assert NOTE in html and 'value="31/02/2567"' in html
    assert not LoanFollowUp.objects.exists()
    loan.refresh_from_db()
    assert loan.status == LoanStatus.NORMAL
