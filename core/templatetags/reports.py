"""``{% report_button "kind" subject %}``: the button that asks for a report of ``subject``,
with the state of the person's latest one (``templates/core/reports/_request.html``).

``fields`` (a mapping) are sent with the request as hidden fields, such as the filter of the
page the button is on; ``icon`` names the Bootstrap icon (a spreadsheet's, say)."""

from __future__ import annotations

from typing import Any

from django import template

from core.reports import latest_report

register = template.Library()


@register.inclusion_tag("core/reports/_request.html", takes_context=True)
def report_button(
    context,
    kind: str,
    subject: Any,
    label: str = "",
    thai_digits_option: bool = False,
    fields: Any = None,
    icon: str = "file-earmark-pdf",
) -> dict[str, Any]:
    request = context["request"]
    return {
        "kind": kind,
        "subject": subject,
        "label": label,
        "thai_digits_option": thai_digits_option,
        "fields": dict(fields or {}),
        "icon": icon,
        "report": latest_report(user=request.user, kind=kind, pk=subject.pk),
        "csrf_token": context.get("csrf_token"),
    }


@register.filter
def thai_digits_if(html: str, thai: bool) -> str:
    """``{% filter thai_digits_if:thai %}…{% endfilter %}``: the block's digits as Thai digits
    when ``thai`` (official letters may use them), its tags left alone."""
    from django.utils.safestring import mark_safe

    from core.pdf import thai_digits_html

    return thai_digits_html(html) if thai else mark_safe(html)
