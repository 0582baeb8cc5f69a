"""Who may change the factory register and what an office keeps about its factories.

Reading is scoped by ``visible_to`` (``core.access``); these rules are about writing, and
about the one thing of a factory that not everyone who reads it may see: who complained.
Views, services, templates (through the flags their views pass) and tests all ask here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from offices.permissions import has_own_office, is_admin, is_member_of

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from factories.models import ImportBatch
    from offices.models import Province
    from offices.permissions import Person


def may_edit_register(user: Person, office_id: str | None) -> bool:
    """The officers and the head of an office keep its register: its factories, their Green
    Industry certificates, complaints and loans. An admin may correct any office's, and is the
    only one for factories without an office (Bangkok's)."""
    return is_admin(user) or is_member_of(user, office_id)


def register_provinces(user: Person, provinces: QuerySet[Province]) -> QuerySet[Province]:
    """Of ``provinces``, those where this person may put a factory: ``may_edit_register`` as a
    query (an office's code is its province's), so a form offers only those."""
    if is_admin(user):
        return provinces
    return provinces.filter(code=user.office_id) if has_own_office(user) else provinces.none()


def may_add_factory(user: Person) -> bool:
    """Office staff add factories to their own office's register; admins to any office's."""
    return is_admin(user) or has_own_office(user)


def may_add_office_record(user: Person) -> bool:
    """A new complaint or loan is recorded by the staff of the office it belongs to, which is
    their own: someone without an office (an admin, an inspector) corrects, never receives."""
    return has_own_office(user)


def may_see_complainants(user: Person, office_id: str | None) -> bool:
    """A complainant's name and contact stay within the office that received the complaint
    (and its admins); inspectors and executives read the complaint without them."""
    return is_admin(user) or is_member_of(user, office_id)


def may_import(user: Person) -> bool:
    """Admins import the register of any province; an office's officers and head import their
    own office's."""
    return is_admin(user) or has_own_office(user)


def may_import_for_any_office(user: Person) -> bool:
    """Whether an import may name any office (or none); office staff always import for their
    own office."""
    return is_admin(user)


def may_apply_import(user: Person, batch: ImportBatch) -> bool:
    """Who uploaded a file confirms its import (or an admin), while they may still import."""
    return may_import(user) and (batch.uploaded_by_id == user.pk or is_admin(user))
