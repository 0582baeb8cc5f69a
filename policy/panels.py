"""The policy app's panels on lower apps' pages (``core.panels``): a card on the home page that
opens the person's dashboard, the directives of the inspection rounds that an office or a
ministry unit must act on; and the office head's own home, which is the office dashboard
(``core.navigation.register_landing``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from core import panels
from core.navigation import register_landing
from offices.permissions import has_own_office, is_head_of, is_signed_in
from policy.models import Directive
from policy.permissions import may_see_nation
from policy.selectors import directives_to_act_on


def dashboard_card(request: HttpRequest) -> dict | None:
    """A link to the person's dashboard: the office's for its head, the region's for an
    inspector, the nation's for executives and admins. No query."""
    user = request.user
    if is_head_of(user, user.office_id):
        return {
            "url": reverse("policy:office_dashboard", kwargs={"code": user.office_id}),
            "kind": "office",
        }
    if user.is_authenticated and user.is_inspector:
        return {"url": reverse("policy:regions_dashboard"), "kind": "region"}
    if may_see_nation(user):
        return {"url": reverse("policy:national_dashboard"), "kind": "nation"}
    return None


def head_landing(user) -> str | None:
    """An office head opening / lands on the office's dashboard (what waits for their review
    and the office's other panels stay one click away, on the desk page)."""
    if is_head_of(user, user.office_id):
        return reverse("policy:office_dashboard", kwargs={"code": user.office_id})
    return None


def office_directives(request: HttpRequest) -> dict | None:
    """The panel "ข้อสั่งการที่ต้องดำเนินการ" on the home page of an office's people: the open
    directives the office itself must act on (not those given to a ministry unit)."""
    user = request.user
    if not has_own_office(user):
        return None
    directives = Directive.objects.for_office_to_act(user.office_id)
    return {**directives_to_act_on(directives), "for_office": True}


def unit_directives(request: HttpRequest) -> dict | None:
    """The unit's open and overdue directives, first on its people's home page: the one thing
    they come to the system for."""
    user = request.user
    if not (is_signed_in(user) and user.is_unit_staff and user.unit_id):
        return None
    directives = Directive.objects.filter(unit_id=user.unit_id)
    return {**directives_to_act_on(directives), "for_office": False}


def register() -> None:
    panels.register(
        "home",
        name="unit-directives",
        order=1,
        template="policy/panels/home_directives.html",
        context=unit_directives,
    )
    panels.register(
        "home",
        name="office-directives",
        order=15,
        template="policy/panels/home_directives.html",
        context=office_directives,
    )
    panels.register(
        "home",
        name="office-dashboard",
        order=5,
        template="policy/panels/home_dashboard.html",
        context=dashboard_card,
    )
    register_landing("policy-office-head", head_landing)
