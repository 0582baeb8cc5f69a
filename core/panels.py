"""Places on a lower app's page where the apps built on it show what they know.

The home page belongs to core and the factory page to the register, yet the officer's work
(inspections) and the MIND scorecard (policy) belong on them. Importing those apps from below
would tie the layers in a knot, so a page names its *places* and the higher apps register
*panels* for them in their ``AppConfig.ready()``::

    panels.register("factory.actions", name="start-inspection", order=10,
                    template="inspections/_factory_actions.html", context=start_inspection)

The page asks for its place (``panels.render("factory.actions", request, factory=factory)``)
and prints the result in order. A panel's context function returns the context for its
template, or ``None`` when it has nothing to show this person (no rights, nothing to say).
Panels are templates like any other: the cached loader keeps them compiled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Panel:
    place: str
    name: str
    template: str
    context: Callable[..., dict | None]
    order: int = 100


_places: dict[str, dict[str, Panel]] = {}


def register(
    place: str, *, name: str, template: str, context: Callable[..., dict | None], order: int = 100
) -> None:
    """Show ``template`` in ``place`` with what ``context(request, **objects)`` returns.

    Registering the same name twice replaces the panel (``ready()`` may run more than once in
    tests)."""
    _places.setdefault(place, {})[name] = Panel(place, name, template, context, order)


def panels_of(place: str) -> list[Panel]:
    return sorted(_places.get(place, {}).values(), key=lambda p: (p.order, p.name))


def render(place: str, request: HttpRequest, **objects) -> SafeString:
    """The HTML of every panel of ``place`` with something to show, in order."""
    parts = []
    for panel in panels_of(place):
        context = panel.context(request, **objects)
        if context is not None:
            parts.append(render_to_string(panel.template, {**objects, **context}, request))
    # Each part is a template's output, escaped by the template engine.
    return mark_safe("".join(parts))
