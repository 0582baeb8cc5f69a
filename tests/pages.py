"""The product's named pages, found from the URL configuration (the admin's left out), and
what an admin change list shows."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver

# The pages a stranger may open without logging in.
OPEN = {"login", "set_language", "javascript-catalog", "core:health", "core:favicon", "logout"}


def named_patterns(
    resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str]]:
    """Every named page as (``namespace:name``, route)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            space = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, prefix + str(entry.pattern), space)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern)


class _AdminListReader(HTMLParser):
    """Reads an admin change list: the cells of each row and the headings of its filters."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.filters: list[str] = []
        self._in_results = self._in_body = self._in_filters = False
        self._cell: list[str] | None = None
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table" and found.get("id") == "result_list":
            self._in_results = True
        elif tag == "nav" and found.get("id") == "changelist-filter":
            self._in_filters = True
        elif self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_results and tag == "tbody":
            self._in_body = True
        elif (
            self._in_body
            and tag in ("td", "th")
            and "action-checkbox" not in (found.get("class") or "")
        ):
            self._cell = []
        elif self._in_filters and tag == "summary":
            self._heading = []
        elif tag == "img" and self._cell is not None:
            self._cell.append(found.get("alt") or "")  # the yes/no icons: True, False
        elif tag == "input" and found.get("type") == "checkbox" and self._cell is not None:
            self._cell.append("[x]" if "checked" in found else "[ ]")  # a box to tick in the list

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._in_results:
            self._in_results = self._in_body = False
        elif tag == "nav":
            self._in_filters = False
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "summary" and self._heading is not None:
            self.filters.append(" ".join("".join(self._heading).split()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading.append(data)


def admin_list(response: HttpResponse) -> tuple[list[list[str]], list[str]]:
    """What an admin change list shows: its rows (the text of each cell; a yes/no icon as its
    alternative text, ``True`` or ``False``; a box to tick as ``[x]`` or ``[ ]``; the box that
    selects the row left out) and the headings of its filters."""
    reader = _AdminListReader()
    reader.feed(response.content.decode())
    return reader.rows, reader.filters
