"""The policy app's panels on lower apps' pages (``core.panels``): the head's dashboard card."""

from __future__ import annotations

from django.http import HttpRequest

from core import panels
from offices.permissions import is_head_of


def office_dashboard_card(request: HttpRequest) -> dict | None:
    """A link to the office's KPI dashboard on its head's home page. No query."""
    user = request.user
    if not is_head_of(user, user.office_id):
        return None
    return {"office_code": user.office_id}


def register() -> None:
    panels.register(
        "home",
        name="office-dashboard",
        order=5,
        template="policy/panels/home_dashboard.html",
        context=office_dashboard_card,
    )
