"""Fixtures of the factory register tests: the real DIW sample, files made from it, and a
member of สอจ.ปราจีนบุรี (the sample's province) next to the shared people."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.core.files.base import ContentFile

from factories.models import ImportBatch, Loan
from factories.services import import_batch_create
from offices.models import Role, User
from tests.builders import SAMPLE, add_factory, make_user

PRACHINBURI = "25"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


@pytest.fixture
def sample_rows(sample_bytes) -> list[list[str]]:
    """The sample as a header row and data rows of text."""
    return list(csv.reader(io.StringIO(sample_bytes.decode("utf-8-sig"))))


@pytest.fixture
def prachinburi_member(db) -> User:
    return make_user("pj_member", Role.OFFICER, PRACHINBURI, first_name="ปราจีน")


@pytest.fixture
def make_batch(admin_user) -> Callable[..., ImportBatch]:
    def make(data: bytes, name: str = "register.csv", user=None, office=None) -> ImportBatch:
        return import_batch_create(
            file=ContentFile(data, name=name), user=user or admin_user, office=office
        )

    return make


@pytest.fixture
def tea(db):
    return add_factory("ไร่ชาเชียงราย", type_code="00100")


@pytest.fixture
def loan(tea):
    return Loan.objects.create(
        office_id="57",
        factory=tea,
        borrower_name="บริษัท ชาดี จำกัด",
        fund_name="กองทุนพัฒนาเอสเอ็มอีตามแนวประชารัฐ",
        amount=1_000_000,
        approved_on=dt.date(2022, 5, 1),
    )
