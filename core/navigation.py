"""The main menu: which entries a person has, rendered once per kind of person and language.

The menu depends only on the person's role flags, their office, the language and the URL
configuration, never on data, so its HTML is built once per combination and kept for the life
of the process. Every page's shell includes it; rebuilding it through the template engine on
each request cost more than many pages' own queries.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import NamedTuple

from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _


class MenuFor(NamedTuple):
    """What of a person the menu depends on."""

    office_staff: bool
    office_id: str | None
    inspector: bool
    sees_all: bool
    head: bool
    staff: bool

    @classmethod
    def of(cls, user) -> MenuFor:
        return cls(
            office_staff=user.is_office_staff,
            office_id=user.office_id,
            inspector=user.is_inspector,
            sees_all=user.sees_all_offices,
            head=user.is_head,
            staff=user.is_staff,
        )


class Entry(NamedTuple):
    label: str
    url: str
    children: tuple[Entry, ...] = ()


def menu_entries(menu: MenuFor) -> list[Entry]:
    """The entries of the main menu, in order, translated into the active language."""
    items = [Entry(_("หน้าหลัก"), reverse("core:home"))]
    if menu.office_staff:
        if menu.office_id:
            items.append(
                Entry(_("สำนักงานของฉัน"), reverse("offices:detail", kwargs={"code": menu.office_id}))
            )
    elif menu.inspector:
        items.append(Entry(_("สำนักงานในเขต"), reverse("offices:list")))
    elif menu.sees_all:
        items.append(Entry(_("สำนักงานทั้งประเทศ"), reverse("offices:list")))
    if menu.office_staff:
        items.append(Entry(_("งานตรวจของฉัน"), reverse("inspections:mine")))
    items.append(Entry(_("แผนการตรวจ"), reverse("inspections:plan")))
    if menu.head:
        items.append(Entry(_("รอพิจารณา"), reverse("inspections:review_queue")))
    items.append(Entry(_("ทะเบียนโรงงาน"), reverse("factories:list")))
    items.append(
        Entry(
            _("ติดตาม"),
            "",
            (
                Entry(_("คำสั่ง"), reverse("inspections:orders")),
                Entry(_("เรื่องร้องเรียน"), reverse("factories:complaints")),
                Entry(_("สินเชื่อ"), reverse("factories:loans")),
            ),
        )
    )
    items.append(Entry(_("ภาพรวม MIND"), reverse("policy:index")))
    if menu.staff:
        items.append(Entry(_("ผู้ดูแลระบบ"), reverse("admin:index")))
    return items


def _link(entry: Entry, css: str, active: bool) -> str:
    current = ' active" aria-current="page' if active else ""
    return f'<a class="{css}{current}" href="{escape(entry.url)}">{escape(entry.label)}</a>'


@lru_cache(maxsize=1024)
def _menu_html(menu: MenuFor, language: str, prefix: str, active: str) -> SafeString:
    # ``language`` and ``prefix`` are part of the key: the labels and URLs depend on them.
    parts = []
    for entry in menu_entries(menu):
        if entry.children:
            children = "".join(
                f"<li>{_link(child, 'dropdown-item', child.url == active)}</li>"
                for child in entry.children
            )
            parts.append(
                '<li class="nav-item dropdown"><a class="nav-link dropdown-toggle" href="#" '
                'role="button" data-bs-toggle="dropdown" aria-expanded="false">'
                f'{escape(entry.label)}</a><ul class="dropdown-menu">{children}</ul></li>'
            )
        else:
            parts.append(
                f'<li class="nav-item">{_link(entry, "nav-link", entry.url == active)}</li>'
            )
    return SafeString("".join(parts))


@lru_cache(maxsize=256)
def _menu_urls(menu: MenuFor, prefix: str) -> frozenset[str]:
    urls = set()
    for entry in menu_entries(menu):
        urls.add(entry.url)
        urls.update(child.url for child in entry.children)
    return frozenset(urls)


def menu_html(user, path: str) -> SafeString:
    """The ``<li>`` items of the main menu for ``user``, the entry for ``path`` marked."""
    if not user.is_authenticated:
        return SafeString("")
    menu = MenuFor.of(user)
    prefix = get_script_prefix()
    # Only a menu entry's own address marks it, so the cache holds one copy per entry,
    # not one per page visited.
    active = path if path in _menu_urls(menu, prefix) else ""
    return _menu_html(menu, get_language() or "", prefix, active)
