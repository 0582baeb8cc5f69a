"""``{% panels "place" obj=value %}``: the panels higher apps registered for a place of this page
(see ``core.panels``)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from core import panels as registry

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, place: str, **objects) -> SafeString:
    request = context.get("request")
    if request is None:
        return SafeString("")
    return registry.render(place, request, **objects)
