"""``get_FOO_display()`` that translates one label, not every choice of the field.

Django's own builds a dictionary of the field's choices on each call, hashing every label on
the way: with translated labels that is a translation of each choice, for one label shown (seen:
a third of a millisecond a call; the directives tracker called it 51 times a page). A model
whose choices appear in its lists takes :class:`ChoiceLabels` before ``models.Model``: the
dictionary is built once a field, and only the label shown is translated.
"""

from __future__ import annotations

import functools
from typing import Any

from django.db import models
from django.utils.encoding import force_str


@functools.cache
def _labels(field: models.Field) -> dict[Any, Any]:
    return dict(field.flatchoices)


class ChoiceLabels:
    """Mixin of models: a faster ``get_FOO_display()`` for each field with choices."""

    def _get_FIELD_display(self, field: models.Field) -> str:
        value = getattr(self, field.attname)
        try:
            label = _labels(field).get(value, value)
        except TypeError:  # a value that cannot be a key (a list): Django's way
            return super()._get_FIELD_display(field)  # type: ignore[misc]
        return force_str(label, strings_only=True)
