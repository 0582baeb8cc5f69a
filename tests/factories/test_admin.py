"""Django admin of the factory register: each list finds what an admin searches for, each change
page shows its record with its inlines; office staff do not get in."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from factories.models import (
    Complaint,
    FactoryYear,
    GreenIndustryCertificate,
    Loan,
    LoanFollowUp,
)
from factories.services import import_batch_apply
from tests.builders import numbered_factory, to_csv
from tests.pages import admin_list

MODELS = [
    "factorytype",
    "factory",
    "factoryyear",
    "greenindustrycertificate",
    "complaint",
    "loan",
    "importbatch",
    "importrowerror",
]


@pytest.fixture
def filled(make_batch, sample_rows):
    rows = [list(r) for r in sample_rows[:6]]
    rows[2][30] = "45"  # one bad latitude, so that the batch has a row error
    batch = import_batch_apply(batch=make_batch(to_csv(rows)), valid_rows_only=True)
    factory = numbered_factory("10250000000009", "25", factory_type_id="10500")
    complaint = Complaint.objects.create(
        office_id="25",
        factory=factory,
        received_on=dt.date(2024, 3, 1),
        channel="phone",
        category="dust",
        description="ฝุ่นจากการคัดแยก",
    )
    loan = Loan.objects.create(
        office_id="25",
        factory=factory,
        borrower_name=factory.name,
        fund_name="กองทุนฟื้นฟู",
        amount=Decimal("900000"),
        approved_on=dt.date(2023, 1, 1),
    )
    LoanFollowUp.objects.create(
        loan=loan, followed_on=dt.date(2024, 1, 5), note="ผ่อนตรงงวด", status_after="normal"
    )
    FactoryYear.objects.create(
        factory=factory, fiscal_year=2567, isingle_form_filed_on=dt.date(2024, 1, 15)
    )
    GreenIndustryCertificate.objects.create(
        factory=factory, level=2, certificate_number="GI-25-0042", issued_on=dt.date(2023, 6, 1)
    )
    return {"factory": factory, "complaint": complaint, "loan": loan, "importbatch": batch}


# What an admin searching each list types, and the one row it finds, cell by cell (None: any
# text, for the time of the upload; True/False: the yes/no icons; [x]: a ticked box).
SEARCHED = {
    "factorytype": (
        "10500",
        ["10500", "105", "โรงงานคัดแยกหรือฝังกลบสิ่งปฏิกูลหรือวัสดุที่ไม่ใช้แล้ว", "ไม่ใช่", "[x]", "[x]", "[x]"],
    ),
    "factory": (
        "ชุนหลิม",
        [
            "ชุนหลิม",
            "-",
            "3-9(6)-25/31ปจ",
            "9(6) โรงงานประกอบกิจการเกี่ยวกับเมล็ดพืชหรือหัวพืช",
            "จำพวกที่ 3",
            "ประกอบกิจการ",
            "ปราจีนบุรี",
            "สอจ.ปราจีนบุรี",
            "ใช่",
            "ใช่",
            "ไม่ใช่",
        ],
    ),
    "factoryyear": (
        "10250000000009",
        ["โรงงาน 10250000000009 (10250000000009)", "2567", "15 มกราคม 2567"],
    ),
    "greenindustrycertificate": (
        "GI-25-0042",
        [
            "โรงงาน 10250000000009 (10250000000009)",
            "ระดับ 2 ปฏิบัติการสีเขียว (Green Activity)",
            "GI-25-0042",
            "1 มิถุนายน 2566",
            "-",
        ],
    ),
    "complaint": (
        "ฝุ่น",
        [
            "1 มีนาคม 2567",
            "สอจ.ปราจีนบุรี",
            "โรงงาน 10250000000009 (10250000000009)",
            "ฝุ่นละออง",
            "โทรศัพท์",
            "รับเรื่อง",
            "-",
        ],
    ),
    "loan": (
        "ฟื้นฟู",
        ["โรงงาน 10250000000009", "สอจ.ปราจีนบุรี", "กองทุนฟื้นฟู", "900000.00", "1 มกราคม 2566", "ปกติ"],
    ),
    "importbatch": (
        "register",
        [None, "register.csv", "-", "admin", "นำเข้าเสร็จ", "5", "4", "0", "0", "1"],
    ),
    "importrowerror": (
        "ละติจูด",
        [
            "register.csv (นำเข้าเสร็จ)",
            "3",
            "ข้อผิดพลาด",
            "ละติจูด",
            "45",
            "ละติจูด ต้องอยู่ระหว่าง 5.5 ถึง 20.5 (ในประเทศไทย)",
        ],
    ),
}


@pytest.mark.parametrize("model", MODELS)
def test_every_admin_list_finds_what_was_searched(client, admin_user, filled, model):
    search, expected = SEARCHED[model]
    client.force_login(admin_user)
    url = reverse(f"admin:factories_{model}_changelist")
    (row,) = admin_list(client.get(url, {"q": search}))[0]
    assert len(row) == len(expected)
    shown = [cell if want is not None else None for cell, want in zip(row, expected, strict=True)]
    assert shown == expected
    nothing, _filters = admin_list(client.get(url, {"q": "ไม่มีใคร"}))
    assert nothing == []


# What each change page shows under its title: the record's text and its inlines (a factory's
# certificates, complaints, loans and years; a loan's follow-ups; a batch's row errors).
INLINES = {
    "factory": ["GI-25-0042", "ฝุ่นละออง", "กองทุนฟื้นฟู", "2567"],
    "complaint": ["ฝุ่นจากการคัดแยก"],
    "loan": ["ผ่อนตรงงวด"],
    "importbatch": ["ละติจูด ต้องอยู่ระหว่าง 5.5 ถึง 20.5 (ในประเทศไทย)"],
}


@pytest.mark.parametrize("model", list(INLINES))
def test_every_change_page_opens_with_its_inlines(client, admin_user, filled, model):
    client.force_login(admin_user)
    response = client.get(reverse(f"admin:factories_{model}_change", args=[filled[model].pk]))
    body = response.content.decode()
    assert f"<h2>{filled[model]}</h2>" in body
    for text in INLINES[model]:
        assert text in body


def test_factory_types_open_by_their_code(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:factories_factorytype_change", args=["10500"]))
    form = response.context["adminform"].form
    body = response.content.decode()
    assert "<h2>105 โรงงานคัดแยกหรือฝังกลบสิ่งปฏิกูลหรือวัสดุที่ไม่ใช้แล้ว</h2>" in body
    assert form["name"].value() == "โรงงานคัดแยกหรือฝังกลบสิ่งปฏิกูลหรือวัสดุที่ไม่ใช้แล้ว"
    for risk in ("wastewater", "air_emissions", "hazardous_waste"):
        assert re.search(rf'<input type="checkbox" name="{risk}"[^>]* checked', body), risk


def test_office_staff_do_not_get_into_admin(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:factories_factory_changelist"))
    assert response.status_code == 302
