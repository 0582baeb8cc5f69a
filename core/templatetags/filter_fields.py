"""The fields of the filter bars above lists, rendered in Python.

A filter bar has up to ten fields, two of them with a hundred options (76 provinces, 107
factory types), and it is drawn on every page of every list. Through the widget templates it
cost more than the list's own query; here each field is one string. Every label and value is
escaped.
"""

from __future__ import annotations

from html import escape

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


def _label(field: BoundField) -> str:
    return (
        f'<label for="{escape(field.id_for_label)}" class="form-label">'
        f"{escape(str(field.label))}</label>"
    )


@register.simple_tag
def filter_select(field: BoundField) -> SafeString:
    """A labelled ``<select>`` of a choice field, its bound value selected."""
    value = field.value()
    selected = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value or "")}
    options = "".join(
        f'<option value="{escape(str(choice))}"'
        f"{' selected' if str(choice) in selected else ''}>{escape(str(label))}</option>"
        for choice, label in field.field.choices
    )
    return SafeString(
        f'<div class="mb-3">{_label(field)}<select name="{escape(field.html_name)}" '
        f'id="{escape(field.id_for_label)}" class="form-select">{options}</select></div>'
    )


@register.simple_tag
def filter_search(field: BoundField) -> SafeString:
    """A labelled search box; what was typed stays in it."""
    attrs = field.field.widget.attrs
    placeholder = attrs.get("placeholder")
    max_length = getattr(field.field, "max_length", None)
    return SafeString(
        f'<div class="mb-3">{_label(field)}<input type="search" name="{escape(field.html_name)}" '
        f'value="{escape(str(field.value() or ""))}"'
        + (f' placeholder="{escape(str(placeholder))}"' if placeholder else "")
        + (f' maxlength="{int(max_length)}"' if max_length else "")
        + f' class="form-control" id="{escape(field.id_for_label)}"></div>'
    )
