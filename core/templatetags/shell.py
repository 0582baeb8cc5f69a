"""Tags of the page shell that every page shares."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from core.navigation import menu_html

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context) -> SafeString:
    request = context.get("request")
    if request is None:  # a page rendered outside a request (an error page, a report)
        return SafeString("")
    return menu_html(request.user, request.path)
