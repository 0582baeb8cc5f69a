"""What the offices app shows on the home page (``core.panels`` place "home")."""

from __future__ import annotations

from django.http import HttpRequest

from core import panels
from core.thaidates import current_fiscal_year
from offices.models import Office, OfficeYear


def offices_overview(request: HttpRequest) -> dict:
    """The person's own office, the regions they inspect, and for those who see many offices
    how many they see and how many have reported this fiscal year's facts."""
    user = request.user
    fiscal_year = current_fiscal_year()
    context: dict = {
        "fiscal_year": fiscal_year,
        "my_office": (
            Office.objects.select_related("region", "province").filter(pk=user.office_id).first()
            if user.office_id
            else None
        ),
        "my_regions": list(user.regions.all()) if user.is_inspector else [],
    }
    if not user.is_office_staff:
        context["office_count"] = Office.objects.visible_to(user).count()
        context["reported_count"] = (
            OfficeYear.objects.visible_to(user).filter(fiscal_year=fiscal_year).count()
        )
    return context


def register() -> None:
    panels.register(
        "home",
        name="offices",
        order=50,
        template="offices/panels/home_offices.html",
        context=offices_overview,
    )
