"""The policy app's panels on lower apps' pages (``core.panels``): a card on the home page that
opens the person's dashboard; and the office head's own home, which is the office dashboard
(``core.navigation.register_landing``)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from core import panels
from core.navigation import register_landing
from offices.permissions import is_head_of
from policy.permissions import may_see_nation


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


def register() -> None:
    panels.register(
        "home",
        name="office-dashboard",
        order=5,
        template="policy/panels/home_dashboard.html",
        context=dashboard_card,
    )
    register_landing("policy-office-head", head_landing)
