"""The rows of the factory list.

The rows arrive as dictionaries of the columns shown (``factories.views.register.LIST_COLUMNS``),
not model instances, which cost more to make than the list's SQL; this tag works out what each
row shows and ``templates/factories/_factory_rows.html`` draws them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import template

from core.links import row_url
from factories.models import NAME_MISSING, FactoryStatus, FactoryType

register = template.Library()


@register.inclusion_tag("factories/_factory_rows.html")
def factory_rows(factories: Iterable[Mapping]) -> dict:
    statuses = dict(FactoryStatus.choices)
    rows = []
    for f in factories:
        type_number = f["factory_type__number"]
        rows.append(
            {
                "url": row_url("factories:detail", "pk", f["pk"]),  # reversed once a page
                "name": f["name"] or NAME_MISSING,
                # Under the name only when it says something more.
                "operator": f["operator_name"] if f["operator_name"] != f["name"] else "",
                "phone_number": f["registration_number"] or f["old_registration_number"] or "",
                "old_number": f["old_registration_number"] or "",
                "new_number": f["registration_number"],
                # Operating is what most are: only another status is shown.
                "status": (
                    statuses.get(f["status"], "") if f["status"] != FactoryStatus.OPERATING else ""
                ),
                "type": (
                    FactoryType.format_label(type_number, f["factory_type__item"])
                    if type_number is not None
                    else ""
                ),
                "class_number": f["class_number"] or "–",
                "district": f["district__name_th"] or "",
                "wastewater": f["wastewater_risk"],
                "air": f["air_risk"],
                "hazardous_waste": f["hazardous_waste_risk"],
                "gi_level": f["gi_level"],
            }
        )
    return {"rows": rows}
