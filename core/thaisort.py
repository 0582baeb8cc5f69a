"""Thai dictionary order, in Python and in the database.

Thai writes the vowels เ แ โ ใ ไ before the consonant they follow in speech, and
dictionaries sort by the consonant: เกษตร sorts under ก, after กา. Plain code-point order
puts every such word after ฮ. Moving each leading vowel behind its consonant, and ignoring
tone marks at the first pass, gives the order of the Royal Institute dictionary closely enough
for lists of names.

In the database, ``Collate(field, thai_collation())`` sorts the same way: PostgreSQL uses its
ICU Thai collation; SQLite gets a collation named ``thai`` built on :func:`thai_sort_key`,
registered on every new connection (``core.apps``).
"""

from __future__ import annotations

from typing import Any

LEADING_VOWELS = frozenset("เแโใไ")
# Tone marks and the thanthakhat only break ties.
MINOR_MARKS = frozenset("\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
SQLITE_COLLATION = "thai"


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


def _sqlite_compare(a: str, b: str) -> int:
    ka, kb = thai_sort_key(a), thai_sort_key(b)
    return (ka > kb) - (ka < kb)


def register_sqlite_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created`` receiver: teach SQLite the ``thai`` collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _sqlite_compare)


def thai_collation() -> str:
    """The collation name to use in ``Collate()`` for the current database."""
    from django.db import connection

    return "th-TH-x-icu" if connection.vendor == "postgresql" else SQLITE_COLLATION
