"""Who a person is to an office, and what they may change of the office itself.

Reading is scoped by ``core.access`` (who sees which office's rows); these predicates say who
may *change* something. Each rule is written here once, and the apps above ask it, as do the
templates (through the flags their views pass) and the tests. A person who is not signed in,
or whose account is switched off, is nobody to any office.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from offices.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from offices.models import Office, User

    Person = User | AnonymousUser


def is_signed_in(user: Person) -> bool:
    """Signed in with an account that is switched on."""
    return bool(user.is_authenticated and user.is_active)


def is_admin(user: Person) -> bool:
    """An admin of the system (the admin role, or a Django superuser): keeps every office's
    data, whichever office it belongs to."""
    return is_signed_in(user) and (user.is_superuser or user.role == Role.ADMIN)


def is_member_of(user: Person, office_id: str | None) -> bool:
    """An officer or the head of this office (not an inspector, executive or admin)."""
    return bool(
        is_signed_in(user)
        and office_id is not None
        and user.is_office_staff
        and user.office_id == office_id
    )


def is_head_of(user: Person, office_id: str | None) -> bool:
    """The head (อุตสาหกรรมจังหวัด) of this office."""
    return is_member_of(user, office_id) and user.is_head


def has_own_office(user: Person) -> bool:
    """An officer or head with an office: the one who records new things for their office."""
    return bool(is_signed_in(user) and user.is_office_staff and user.office_id)


def may_edit_office_facts(user: Person, office: Office) -> bool:
    """The office's own head reports its yearly facts (staff, budget, housing); an admin may
    correct any office's."""
    return is_admin(user) or is_head_of(user, office.pk)


def may_see_people_history(user: Person) -> bool:
    """Only admins read the history of a person's account (role, office, regions), in the
    Django admin, which asks for its own permission to view people too."""
    return is_admin(user) and user.is_staff and user.has_perm("offices.view_user")
