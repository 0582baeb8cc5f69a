"""``{% row_url 'name' pk=row.pk other=value %}``: ``{% url %}`` for a list's rows, the row's
id first (``core.links``; in every template)."""

from __future__ import annotations

from typing import Any

from django import template

from core.links import row_url as _row_url

register = template.Library()


@register.simple_tag(name="row_url")
def row_url(name: str, **kwargs: Any) -> str:
    if not kwargs:
        raise template.TemplateSyntaxError("row_url takes the row's id as its first argument")
    varying, value = next(iter(kwargs.items()))
    del kwargs[varying]
    return _row_url(name, varying, value, **kwargs)
