"""Factory types, the factory's derived fields and the constraints that guard the register."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from factories.models import (
    Complaint,
    Factory,
    FactoryType,
    FactoryYear,
    GreenIndustryCertificate,
    Loan,
    LoanStatus,
)
from factories.services import reference_data_load
from tests.builders import numbered_factory


def test_it_ships_the_107_main_factory_types(db):
    main = FactoryType.objects.filter(item=0)
    assert main.count() == 107
    assert list(main.values_list("number", flat=True)) == list(range(1, 108))
    assert FactoryType.objects.get(code="00100").name.startswith("โรงงานประกอบกิจการเกี่ยวกับการบ่มใบชา")
    waste = FactoryType.objects.get(code="10500")
    assert waste.label == "105"
    assert waste.wastewater and waste.hazardous_waste and waste.is_risky
    assert not FactoryType.objects.get(code="06900").is_risky  # calculating machines


def test_it_loads_reference_data_again_without_undoing_admin_edits(db):
    FactoryType.objects.filter(code="00300").update(name="แก้ไขโดยผู้ดูแล", air_emissions=False)
    report = reference_data_load()
    assert not report.changed
    assert FactoryType.objects.get(code="00300").name == "แก้ไขโดยผู้ดูแล"
    call_command("load_reference_data", verbosity=0)
    assert FactoryType.objects.filter(item=0).count() == 107


def test_a_factory_takes_its_office_and_risks_from_province_and_type(db):
    factory = numbered_factory("10250000000001", "25", factory_type_id="10500")
    assert factory.office_id == "25"
    assert (factory.wastewater_risk, factory.air_risk, factory.hazardous_waste_risk) == (
        True,
        True,
        True,
    )
    assert Factory.objects.risky().filter(pk=factory.pk).exists()
    bangkok = numbered_factory("3-63(1)-45/39", "10", factory_type_id="06900")
    assert bangkok.office_id is None
    assert not bangkok.is_risky
    assert not Factory.objects.risky().filter(pk=bangkok.pk).exists()


def test_risks_set_by_hand_need_a_reason_and_stay(db):
    factory = numbered_factory("10250000000002", "25", factory_type_id="10500")
    factory.risk_overridden = True
    with pytest.raises(IntegrityError), transaction.atomic():
        factory.save()
    factory.risk_override_reason = "ย้ายสายการผลิตที่มีน้ำเสียออกแล้ว ตรวจเมื่อ 1 มี.ค. 2567"
    factory.wastewater_risk = False
    factory.save()
    factory.refresh_from_db()
    assert not factory.wastewater_risk and factory.hazardous_waste_risk


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"latitude": Decimal("25.1")}, "factory_latitude_in_thailand"),
        ({"longitude": Decimal("95.0")}, "factory_longitude_in_thailand"),
        ({"class_number": 4}, "factory_class_1_to_3"),
    ],
)
def test_it_keeps_impossible_facts_out_of_the_register(db, fields, constraint):
    factory = Factory(name="ก", province_id="25", registration_number="10250000000003", **fields)
    with pytest.raises(ValidationError) as caught:
        factory.full_clean()
    assert caught.value.messages
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Factory.objects.bulk_create([factory])


def test_registration_numbers_are_unique_when_present(db):
    numbered_factory("10250000000004", "25")
    numbered_factory("3-1-1/40ปจ", "25")
    numbered_factory("3-1-2/40ปจ", "25")  # two factories without a new number are fine
    with pytest.raises(IntegrityError), transaction.atomic():
        numbered_factory("10250000000004", "25")
    with pytest.raises(IntegrityError), transaction.atomic():
        numbered_factory("3-1-1/40ปจ", "25")
    with pytest.raises(IntegrityError), transaction.atomic():
        Factory.objects.create(name="ไม่มีเลข", province_id="25")


def test_a_factory_files_iSingle_once_per_fiscal_year(db):
    factory = numbered_factory("10250000000005", "25")
    year = FactoryYear.objects.create(
        factory=factory, fiscal_year=2567, isingle_form_filed_on=dt.date(2024, 2, 1)
    )
    assert year.isingle_form_filed
    with pytest.raises(IntegrityError), transaction.atomic():
        FactoryYear.objects.create(factory=factory, fiscal_year=2567)


def test_a_green_certificate_expires_after_it_is_issued(db):
    factory = numbered_factory("10250000000006", "25")
    certificate = GreenIndustryCertificate(
        factory=factory, level=3, issued_on=dt.date(2024, 1, 1), expires_on=dt.date(2023, 1, 1)
    )
    with pytest.raises(ValidationError, match="วันหมดอายุ"):
        certificate.full_clean()
    certificate.expires_on = dt.date(2027, 1, 1)
    certificate.save()
    assert str(certificate).endswith("ระดับ 3 ระบบสีเขียว (Green System)")
    assert certificate.history.count() == 1


def test_a_complaint_is_about_a_factory_of_its_own_office(db):
    factory = numbered_factory("10250000000007", "25")
    complaint = Complaint(
        office_id="24",
        factory=factory,
        received_on=dt.date(2024, 3, 1),
        channel="qr_code",
        category="noise",
        description="เสียงเครื่องจักรดังทั้งคืน",
    )
    with pytest.raises(ValidationError, match="ไม่ได้อยู่ในความดูแล"):
        complaint.full_clean()
    complaint.office_id = "25"
    complaint.full_clean()
    complaint.status = "closed"
    with pytest.raises(ValidationError, match="ผลการดำเนินการ"):
        complaint.full_clean()


def test_a_loan_is_lent_by_sme_d_bank_unless_told_otherwise(db):
    loan = Loan.objects.create(
        office_id="25",
        borrower_name="วิสาหกิจชุมชนทดลอง",
        fund_name="กองทุนฟื้นฟู",
        amount=Decimal("500000"),
        approved_on=dt.date(2023, 1, 10),
    )
    assert "ธพว." in loan.lender
    assert loan.status == LoanStatus.NORMAL
    assert loan.get_status_display() == "ปกติ"
    loan.maturity_on = dt.date(2022, 1, 1)
    with pytest.raises(ValidationError, match="วันครบกำหนด"):
        loan.full_clean()
