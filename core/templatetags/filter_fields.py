"""The fields of the filter bars above lists: a labelled ``<select>`` or search box.

``templates/core/_filter_select.html`` and ``_filter_search.html`` draw them; these tags only
work out what they show (which options are selected, the box's limits). Simpler than a form
widget's templates, which render every one of a hundred options (76 provinces, 107 factory
types) through a template of its own.

A select's options are reference data (provinces, factory types, a province's districts), the
same on every request: its HTML is drawn once per combination of choices, selection and
language and kept for the life of the process (``_select_html``). A filter bar of some 250
options costs about 5 ms to draw, a third of the factory list's time.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.forms import BoundField
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def filter_select(field: BoundField) -> SafeString:
    """A labelled ``<select>`` of a choice field, its bound value selected."""
    value = field.value()
    selected = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value or "")}
    # str() here, in the request's language: a lazy label is not a fixed key.
    choices = tuple((str(choice), str(label)) for choice, label in field.field.choices)
    draw = _draw_select if settings.DEBUG else _select_html  # DEBUG: templates being edited
    return draw(
        field.html_name,
        field.id_for_label,
        str(field.label),
        choices,
        frozenset(selected),
        get_language(),
    )


def _draw_select(
    name: str,
    id_: str,
    label: str,
    choices: tuple[tuple[str, str], ...],
    selected: frozenset[str],
    language: str | None,
) -> SafeString:
    return render_to_string(
        "core/_filter_select.html",
        {
            "name": name,
            "id": id_,
            "label": label,
            "options": [(choice, text, choice in selected) for choice, text in choices],
        },
    )


# Some 20 filter bars × a few selections each, and each office's districts: 2,048 is ample and
# holds a few megabytes at most.
_select_html = lru_cache(maxsize=2048)(_draw_select)


@register.inclusion_tag("core/_filter_search.html")
def filter_search(field: BoundField) -> dict:
    """A labelled search box; what was typed stays in it."""
    return {
        "field": field,
        "value": field.value() or "",
        "placeholder": field.field.widget.attrs.get("placeholder"),
        "max_length": getattr(field.field, "max_length", None),
    }
