"""The rows of the factory list, rendered in Python.

The list is the register's busiest page; building its 50 rows through the template engine,
or through ``format_html`` and its lazy wrappers, cost several times the SQL behind them, and
so did making model instances of them: the rows arrive as dictionaries of the columns shown
(``factories.views.register.LIST_COLUMNS``). Every value from the database goes through
``html.escape`` before it is placed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from factories.models import NAME_MISSING, FactoryStatus, FactoryType

register = template.Library()

# Columns a phone leaves out, so that a row fits its screen: the factory's page has them all.
# The registration number moves under the name instead.
WIDE_ONLY = "d-none d-md-table-cell"
PHONE_ONLY = "d-md-none"


@register.simple_tag
def factory_rows(factories: Iterable[Mapping]) -> SafeString:
    base = escape(reverse("factories:list"))
    statuses = {value: escape(str(label)) for value, label in FactoryStatus.choices}
    risks = [
        (field, css, escape(title), escape(short))
        for field, css, title, short in (
            ("wastewater_risk", "text-bg-info", _("น้ำเสีย"), _("น้ำ")),
            ("air_risk", "text-bg-secondary", _("มลพิษทางอากาศ"), _("อากาศ")),
            ("hazardous_waste_risk", "text-bg-warning", _("ของเสียอันตราย"), _("กาก")),
        )
    ]
    rows = []
    for f in factories:
        name = escape(f["name"] or NAME_MISSING)
        operator_name = f["operator_name"]
        operator = (
            f'<div class="small text-muted">{escape(operator_name)}</div>'
            if operator_name and operator_name != f["name"]
            else ""
        )
        status = (
            f'<span class="badge text-bg-light border">{statuses.get(f["status"], "")}</span>'
            if f["status"] != FactoryStatus.OPERATING
            else ""
        )
        new_number = (
            f'<div class="text-muted">{escape(f["registration_number"])}</div>'
            if f["registration_number"]
            else ""
        )
        badges = " ".join(
            f'<span class="badge {css}" title="{title}">{short}</span>'
            for field, css, title, short in risks
            if f[field]
        )
        gi = (
            f'<span class="badge text-bg-success">{int(f["gi_level"])}</span>'
            if f["gi_level"]
            else "–"
        )
        type_number = f["factory_type__number"]
        type_label = (
            escape(FactoryType.format_label(type_number, f["factory_type__item"]))
            if type_number is not None
            else ""
        )
        district = escape(f["district__name_th"] or "")
        old_number = escape(f["old_registration_number"] or "")
        phone_number = escape(f["registration_number"] or f["old_registration_number"] or "")
        rows.append(
            f'<tr><td><a href="{base}{int(f["pk"])}/">{name}</a>{operator}'
            f'<div class="small text-muted {PHONE_ONLY}">{phone_number}</div>{status}</td>'
            f'<td class="small text-nowrap {WIDE_ONLY}">{old_number}{new_number}</td>'
            f'<td class="small {WIDE_ONLY}">{type_label}</td>'
            f'<td class="text-center {WIDE_ONLY}">{escape(str(f["class_number"] or "–"))}</td>'
            f'<td class="small {WIDE_ONLY}">{district}</td>'
            f'<td class="small">{badges}</td>'
            f'<td class="text-center">{gi}</td></tr>'
        )
    return SafeString("".join(rows))
