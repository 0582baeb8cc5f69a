"""The product's named pages, found from the URL configuration (the admin's left out), what an
admin change list shows, and the translation catalogues the pages read from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, reverse

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


# --- translation catalogues ------------------------------------------------------------------

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _unquote(text: str) -> str:
    text = text.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), text)


def read_catalogue(path: Path) -> list[dict]:
    """Every entry of a .po file: its flags, msgid, msgid_plural and msgstr(s)."""
    entries: list[dict] = []
    entry: dict | None = None
    field = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry is not None:
                entries.append(entry)
            entry = None
            continue
        if entry is None:
            entry = {"flags": set(), "msgid": "", "msgid_plural": None, "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line):
            field, value = match[1], _unquote(match[2])
            if field.startswith("msgstr"):
                entry["msgstr"][field] = value
            else:
                entry[field] = value
        elif field.startswith("msgstr"):
            entry["msgstr"][field] += _unquote(line)
        else:
            entry[field] += _unquote(line)
    return entries


def choose_english(client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302


# --- what a page shows, by data-testid -----------------------------------------------------


class _Texts(HTMLParser):
    """The text inside each element that carries a ``data-testid``, and every image's address."""

    VOID = frozenset({"img", "input", "br", "hr", "meta", "link", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, list[str] | None]] = []
        self.entries: list[tuple[str, list[str]]] = []
        self.images: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        found = dict(attrs)
        if tag == "img":
            self.images.append(found.get("src") or "")
        if tag in self.VOID:
            return
        parts = None
        if found.get("data-testid"):
            parts = []
            self.entries.append((found["data-testid"], parts))
        self.open.append((tag, parts))

    def handle_endtag(self, tag) -> None:
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data) -> None:
        for _tag, parts in self.open:
            if parts is not None:
                parts.append(data)

    def all(self, testid: str) -> list[str]:
        """The text of every element with this ``data-testid``, in the page's order."""
        return [" ".join("".join(parts).split()) for key, parts in self.entries if key == testid]

    @property
    def texts(self) -> dict[str, str]:
        """The text of the first element with each ``data-testid``."""
        first: dict[str, str] = {}
        for key, parts in self.entries:
            first.setdefault(key, " ".join("".join(parts).split()))
        return first


def page_texts(response) -> _Texts:
    parser = _Texts()
    parser.feed(response.content.decode())
    return parser
