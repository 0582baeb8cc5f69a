"""Fixtures of the factory register tests: the real DIW sample, files made from it, and a
member of สอจ.ปราจีนบุรี (the sample's province) next to the shared people."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from factories.models import Factory, ImportBatch
from factories.services import import_batch_create
from offices.models import Role, User
from tests.conftest import make_user

# A copy of shared/data/diw-factories-sample.csv: 40 real rows from Prachinburi.
SAMPLE = Path(__file__).resolve().parent / "data" / "diw-factories-sample.csv"
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


def to_csv(rows: list[list[object]], *, encoding: str = "utf-8-sig", nbsp: str = "\xa0") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().replace("\xa0", nbsp).encode(encoding)


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


def make_factory(number: str, province: str = "57", **fields) -> Factory:
    defaults = {"name": f"โรงงาน {number}", "province_id": province}
    defaults.update(fields)
    if number.isdigit():
        defaults["registration_number"] = number
    else:
        defaults["old_registration_number"] = number
    factory = Factory(**defaults)
    factory.save()
    return factory
