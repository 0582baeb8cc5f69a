from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from offices.models import OfficeYear, Role, User


def test_officers_and_heads_must_belong_to_an_office(db):
    user = User(username="nooffice", role=Role.OFFICER)
    with pytest.raises(ValidationError) as error:
        user.full_clean()
    assert "ต้องสังกัดสำนักงาน" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="nooffice2", role=Role.HEAD)


def test_people_outside_offices_need_none(db):
    User(username="exec", role=Role.EXECUTIVE).full_clean(exclude=["password"])


def test_an_admin_is_staff(db):
    user = User.objects.create_user("boss", role=Role.ADMIN)
    assert user.is_staff


def test_an_office_reports_a_fiscal_year_once(member_office):
    OfficeYear.objects.create(office=member_office, fiscal_year=2566, staff_count=30)
    duplicate = OfficeYear(office=member_office, fiscal_year=2566)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "มีข้อมูลของปีงบประมาณนี้อยู่แล้ว" in str(error.value)


def test_office_year_figures(member_office):
    year = OfficeYear(
        office=member_office,
        fiscal_year=2566,
        budget_received=Decimal("2000000"),
        budget_spent=Decimal("1500000"),
        problems="บุคลากรไม่เพียงพอ\n\n- งบประมาณจำกัด\n",
    )
    assert year.budget_spent_percent == Decimal("75.0")
    assert year.problem_list == ["บุคลากรไม่เพียงพอ", "งบประมาณจำกัด"]
    assert year.period[0].isoformat() == "2022-10-01"
    assert OfficeYear(office=member_office, fiscal_year=2566).budget_spent_percent is None
