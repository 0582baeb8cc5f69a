"""Django admin of the factory register: every list and change page opens for an admin."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from factories.models import Complaint, Loan, LoanFollowUp
from factories.services import import_batch_apply
from tests.builders import numbered_factory, to_csv

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
    return {"factory": factory, "complaint": complaint, "loan": loan, "importbatch": batch}


@pytest.mark.parametrize("model", MODELS)
def test_every_admin_list_opens_with_search_and_filters(client, admin_user, filled, model):
    client.force_login(admin_user)
    response = client.get(reverse(f"admin:factories_{model}_changelist"), {"q": "ปราจีน"})
    assert response.status_code == 200
    assert client.get(reverse(f"admin:factories_{model}_changelist")).status_code == 200


@pytest.mark.parametrize("model", ["factory", "complaint", "loan", "importbatch"])
def test_every_change_page_opens_with_its_inlines(client, admin_user, filled, model):
    client.force_login(admin_user)
    response = client.get(reverse(f"admin:factories_{model}_change", args=[filled[model].pk]))
    assert response.status_code == 200
    if model == "importbatch":
        assert "ละติจูด" in response.content.decode()


def test_factory_types_open_by_their_code(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:factories_factorytype_change", args=["10500"]))
    assert response.status_code == 200


def test_office_staff_do_not_get_into_admin(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:factories_factory_changelist"))
    assert response.status_code == 302
