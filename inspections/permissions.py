"""Who may do what with an office's inspections: start one, fill it, approve it, issue orders.

Reading is scoped by ``visible_to`` (``core.access``): an inspection of another office is not
found at all. These predicates decide the writing, which is narrower: the office's own staff
inspect its factories; the inspectors of an inspection fill it while it is a draft or sent
back; only the office's head approves, returns, reopens, and divides the year's plan. Views,
services, templates (through the flags their views pass) and tests all ask here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from inspections.models import FactoryInspection, InspectionStatus
from offices.permissions import is_head_of, is_member_of, is_signed_in

if TYPE_CHECKING:
    from factories.models import Factory
    from offices.models import Office
    from offices.permissions import Person

# Orders are issued from findings once the inspection is submitted, and still after approval.
ORDER_STATUSES = (InspectionStatus.SUBMITTED, InspectionStatus.APPROVED)


def may_start_inspection(user: Person, factory: Factory) -> bool:
    """Only the officers and head of the office that keeps the factory inspect it."""
    return is_member_of(user, factory.office_id)


def may_co_inspect(person: Person, factory: Factory) -> bool:
    """A co-inspector is, like the lead, one of the staff of the factory's office."""
    return is_member_of(person, factory.office_id)


def is_inspection_team(user: Person, inspection: FactoryInspection) -> bool:
    """The lead inspector or one of the co-inspectors of this inspection."""
    if not is_signed_in(user):
        return False
    if user.pk == inspection.lead_inspector_id:
        return True
    return inspection.co_inspectors.filter(pk=user.pk).exists()


def may_edit_draft(user: Person, inspection: FactoryInspection) -> bool:
    """The inspection's own inspectors fill it in (answers, photos, location, summary,
    follow-up checks) and submit it, while it is a draft or has been sent back to them."""
    return inspection.is_editable and is_inspection_team(user, inspection)


def may_approve(user: Person, inspection: FactoryInspection) -> bool:
    """The head of the inspection's office approves a submitted inspection, or returns it to
    its inspectors; nobody else does, not even an admin."""
    return inspection.status == InspectionStatus.SUBMITTED and is_head_of(
        user, inspection.office_id
    )


def may_amend(user: Person, inspection: FactoryInspection) -> bool:
    """The head of the inspection's office reopens an approved inspection for correction."""
    return inspection.status == InspectionStatus.APPROVED and is_head_of(user, inspection.office_id)


def may_issue_orders(user: Person, inspection: FactoryInspection) -> bool:
    """The inspection's own inspectors or the office head issue s.37/s.39 orders from its
    findings, once it is submitted (and still after it is approved)."""
    if inspection.status not in ORDER_STATUSES:
        return False
    return is_head_of(user, inspection.office_id) or is_inspection_team(user, inspection)


def may_assign_plan(user: Person, office: Office) -> bool:
    """Only the head of the office divides its fiscal-year plan among the officers."""
    return is_head_of(user, office.pk)
