"""Thai dictionary order for sorting names in Python.

Thai writes the vowels เ แ โ ใ ไ before the consonant they follow in speech, and
dictionaries sort by the consonant: เกษตร sorts under ก, after กา. Plain code-point order
puts every such word after ฮ. Moving each leading vowel behind its consonant, and ignoring
tone marks at the first pass, gives the order of the Royal Institute dictionary closely enough
for lists of names. In PostgreSQL, lists sort in the database with the ICU Thai collation
(see :func:`thai_collation`).
"""

from __future__ import annotations

LEADING_VOWELS = frozenset("เแโใไ")
# Tone marks and the thanthakhat only break ties.
MINOR_MARKS = frozenset("\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


def thai_sort_key(text: str) -> tuple[str, str]:
    chars = list(text or "")
    i = 0
    while i < len(chars) - 1:
        if chars[i] in LEADING_VOWELS:
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
            i += 2
        else:
            i += 1
    swapped = "".join(chars)
    primary = "".join(c for c in swapped if c not in MINOR_MARKS)
    return primary.casefold(), swapped


def thai_collation() -> str | None:
    """The ICU collation name to use in ``Collate()`` on PostgreSQL, or None elsewhere."""
    from django.db import connection

    return "th-TH-x-icu" if connection.vendor == "postgresql" else None
