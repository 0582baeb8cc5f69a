"""Fixtures of the factory register tests: the real DIW sample, files made from it, and a
member of สอจ.ปราจีนบุรี (the sample's province) next to the shared people."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from django.core.files.base import ContentFile

from factories.models import ImportBatch
from factories.services import import_batch_create
from offices.models import Role, User
from tests.builders import SAMPLE, make_user

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
