"""Tags of the page shell that every page shares."""

from __future__ import annotations

from django import template

from core.navigation import menu_for, with_badges

register = template.Library()


@register.inclusion_tag("core/_main_menu.html", takes_context=True)
def main_menu(context) -> dict:
    """The ``<li>`` items of the main menu, the entry of the page shown marked."""
    request = context.get("request")
    if request is None:  # a page rendered outside a request (an error page, a report)
        return {"entries": ()}
    entries = menu_for(request.user)
    if entries:
        entries = with_badges(entries, request.user)
    return {"entries": entries, "path": request.path}
