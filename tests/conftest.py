"""Shared fixtures: reference data loaded once, and the people every access test needs.

Following the house style, each feature's tests use three people set up the same way: a member
of an office, the head of that office, and an outsider from another office; plus an inspector
of the member's region, an executive and an admin.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from config.celery import app as celery_app
from config.local_folders import make_local_folders
from offices.models import Office, Role, User
from tests.builders import EVERYONE, MEMBER_OFFICE, OUTSIDER_OFFICE, make_user


def pytest_report_header(config) -> list[str]:
    db = settings.DATABASES["default"]
    return [
        f"database: {db['ENGINE'].rsplit('.', 1)[-1]} ({db.get('HOST') or db['NAME']})",
        f"celery broker: {settings.CELERY_BROKER_URL.split('@')[-1]}",
    ]


@pytest.fixture(scope="session", autouse=True)
def _local_folders() -> None:
    # The test run starts no manage.py: it makes the folders it reads, as the web server does.
    make_local_folders()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


@pytest.fixture(autouse=True)
def _fast_and_eager(settings):
    cache.clear()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


@pytest.fixture
def member(db) -> User:
    return make_user("member", Role.OFFICER, MEMBER_OFFICE, first_name="สมชาย")


@pytest.fixture
def head(db) -> User:
    return make_user("head", Role.HEAD, MEMBER_OFFICE, first_name="กฤษณา")


@pytest.fixture
def outsider(db) -> User:
    return make_user("outsider", Role.OFFICER, OUTSIDER_OFFICE, first_name="เกศินี")


@pytest.fixture
def outsider_head(db) -> User:
    return make_user("outsider_head", Role.HEAD, OUTSIDER_OFFICE)


@pytest.fixture
def inspector(db) -> User:
    user = make_user("inspector", Role.INSPECTOR)
    user.regions.set([Office.objects.get(pk=MEMBER_OFFICE).region])
    return user


@pytest.fixture
def executive(db) -> User:
    return make_user("executive", Role.EXECUTIVE)


@pytest.fixture
def admin_user(db) -> User:
    return make_user("admin", Role.ADMIN, is_superuser=True)


@pytest.fixture
def member_office(db) -> Office:
    return Office.objects.get(pk=MEMBER_OFFICE)


@pytest.fixture
def outsider_office(db) -> Office:
    return Office.objects.get(pk=OUTSIDER_OFFICE)


@pytest.fixture
def is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- everyone, for the tests of the permissions modules -----------------------------------


@pytest.fixture
def role_admin(db) -> User:
    """An admin by role only, not a Django superuser."""
    return make_user("role_admin", Role.ADMIN)


@pytest.fixture
def anonymous() -> AnonymousUser:
    return AnonymousUser()


@pytest.fixture
def switched_off_head(db) -> User:
    """The head of the member office whose account has been switched off."""
    return make_user("switched_off", Role.HEAD, MEMBER_OFFICE, is_active=False)


@pytest.fixture
def who(request, db) -> Callable[[Callable], set[str]]:
    """``who(predicate)``: the names in ``EVERYONE`` for whom the predicate holds (``db``: the
    people are made as they are asked for, so the test is a database test from the start)."""

    def ask(predicate: Callable) -> set[str]:
        return {name for name in EVERYONE if predicate(request.getfixturevalue(name))}

    return ask
