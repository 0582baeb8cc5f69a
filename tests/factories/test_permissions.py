"""The factory register's rules, asked of every kind of person (``EVERYONE`` in
tests/conftest.py)."""

from __future__ import annotations

from factories.models import ImportBatch
from factories.permissions import (
    may_add_factory,
    may_add_office_record,
    may_apply_import,
    may_edit_register,
    may_import,
    may_import_for_any_office,
    may_see_complainants,
    register_provinces,
)
from offices.models import Province
from tests.builders import ADMINS, MEMBER_OFFICE, OFFICE_STAFF, OUTSIDER_OFFICE

MEMBER_STAFF = {"member", "head"}


def test_an_office_keeps_its_own_register_and_admins_any(who):
    assert who(lambda u: may_edit_register(u, MEMBER_OFFICE)) == MEMBER_STAFF | ADMINS
    assert (
        who(lambda u: may_edit_register(u, OUTSIDER_OFFICE))
        == {
            "outsider",
            "outsider_head",
        }
        | ADMINS
    )


def test_only_admins_keep_the_factories_without_an_office(who):
    assert who(lambda u: may_edit_register(u, None)) == ADMINS


def test_office_staff_and_admins_add_factories_but_inspectors_and_executives_do_not(who):
    assert who(may_add_factory) == OFFICE_STAFF | ADMINS


def test_complaints_and_loans_are_received_by_office_staff_only(who):
    assert who(may_add_office_record) == OFFICE_STAFF


def test_complainants_stay_within_the_receiving_office_and_its_admins(who):
    assert who(lambda u: may_see_complainants(u, MEMBER_OFFICE)) == MEMBER_STAFF | ADMINS
    assert who(lambda u: may_see_complainants(u, None)) == ADMINS


def test_office_staff_import_their_own_register_and_admins_any_province(who):
    assert who(may_import) == OFFICE_STAFF | ADMINS
    assert who(may_import_for_any_office) == ADMINS


def test_the_uploader_or_an_admin_confirms_an_import(who, member):
    batch = ImportBatch(office_id=MEMBER_OFFICE, uploaded_by=member, file_name="r.csv")
    assert who(lambda u: may_apply_import(u, batch)) == {"member"} | ADMINS


def test_a_factory_form_offers_only_the_provinces_whose_register_a_person_keeps(
    member, outsider_head, inspector, executive, role_admin
):
    provinces = Province.objects.exclude(code="10")
    assert [p.code for p in register_provinces(member, provinces)] == [MEMBER_OFFICE]
    assert [p.code for p in register_provinces(outsider_head, provinces)] == [OUTSIDER_OFFICE]
    assert register_provinces(role_admin, provinces).count() == 76
    assert not register_provinces(inspector, provinces).exists()
    assert not register_provinces(executive, provinces).exists()
