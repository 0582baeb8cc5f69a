"""The fields of the filter bars above lists: a labelled ``<select>`` or search box.

``templates/core/_filter_select.html`` and ``_filter_search.html`` draw them; these tags only
work out what they show (which options are selected, the box's limits). Simpler than a form
widget's templates, which render every one of a hundred options (76 provinces, 107 factory
types) through a template of its own.
"""

from __future__ import annotations

from django import template
from django.forms import BoundField

register = template.Library()


@register.inclusion_tag("core/_filter_select.html")
def filter_select(field: BoundField) -> dict:
    """A labelled ``<select>`` of a choice field, its bound value selected."""
    value = field.value()
    selected = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value or "")}
    return {
        "field": field,
        "options": [
            (choice, label, str(choice) in selected) for choice, label in field.field.choices
        ],
    }


@register.inclusion_tag("core/_filter_search.html")
def filter_search(field: BoundField) -> dict:
    """A labelled search box; what was typed stays in it."""
    return {
        "field": field,
        "value": field.value() or "",
        "placeholder": field.field.widget.attrs.get("placeholder"),
        "max_length": getattr(field.field, "max_length", None),
    }
