"""The offices app's rules, asked of every kind of person (``EVERYONE`` in tests/conftest.py)."""

from __future__ import annotations

from offices.permissions import (
    has_own_office,
    is_admin,
    is_head_of,
    is_member_of,
    may_edit_office_facts,
)
from tests.builders import ADMINS, MEMBER_OFFICE, OFFICE_STAFF, OUTSIDER_OFFICE


def test_it_knows_the_admins_by_role_or_superuser(who):
    assert who(is_admin) == ADMINS


def test_it_counts_only_an_offices_own_officer_and_head_as_its_members(who):
    assert who(lambda u: is_member_of(u, MEMBER_OFFICE)) == {"member", "head"}
    assert who(lambda u: is_member_of(u, None)) == set()


def test_it_knows_the_head_of_each_office(who):
    assert who(lambda u: is_head_of(u, MEMBER_OFFICE)) == {"head"}
    assert who(lambda u: is_head_of(u, OUTSIDER_OFFICE)) == {"outsider_head"}


def test_it_says_who_records_for_an_office_of_their_own(who):
    assert who(has_own_office) == OFFICE_STAFF


def test_only_the_head_of_the_office_or_an_admin_edits_its_facts(who, member_office):
    assert who(lambda u: may_edit_office_facts(u, member_office)) == {"head"} | ADMINS
