"""The main menu: which entries a person has.

The menu depends only on the person's role flags, their office, the language and the URL
configuration, never on data, so its entries are worked out once per combination and kept for
the life of the process. ``templates/core/_main_menu.html`` draws them on every page
(``core.templatetags.shell.main_menu``), marking the entry of the page shown.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from django.urls import get_script_prefix, reverse
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
    unit: bool

    @classmethod
    def of(cls, user) -> MenuFor:
        return cls(
            office_staff=user.is_office_staff,
            office_id=user.office_id,
            inspector=user.is_inspector,
            sees_all=user.sees_all_offices,
            head=user.is_head,
            staff=user.is_staff,
            unit=user.is_unit_staff,
        )


class Entry(NamedTuple):
    label: str
    url: str
    children: tuple[Entry, ...] = ()
    badge: int = 0  # how many things wait behind the entry (``register_badges``)


def menu_entries(menu: MenuFor) -> list[Entry]:
    """The entries of the main menu, in order, translated into the active language."""
    items = [Entry(_("หน้าหลัก"), reverse("core:home"))]
    if menu.unit:
        # A ministry unit's people see the directives given to their unit and nothing else.
        items.append(Entry(_("ข้อสั่งการ"), reverse("policy:directives")))
        if menu.staff:
            items.append(Entry(_("ผู้ดูแลระบบ"), reverse("admin:index")))
        return items
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
                Entry(_("รายงานของฉัน"), reverse("core:my_reports")),
                Entry(_("ข้อสั่งการจากการตรวจราชการ"), reverse("policy:directives")),
                Entry(
                    _("การตรวจราชการของสำนักงาน")
                    if menu.office_staff
                    else _("การตรวจราชการสำนักงาน"),
                    reverse("policy:my_visits"),
                ),
            ),
        )
    )
    items.append(Entry(_("ภาพรวม MIND"), reverse("policy:index")))
    if menu.inspector or menu.sees_all:
        items.append(Entry(_("การตรวจราชการ"), reverse("policy:rounds")))
    if menu.staff:
        items.append(Entry(_("ผู้ดูแลระบบ"), reverse("admin:index")))
    return items


@lru_cache(maxsize=256)
def _entries(menu: MenuFor, language: str, prefix: str) -> tuple[Entry, ...]:
    # ``language`` and ``prefix`` are part of the key: the labels and URLs depend on them.
    return tuple(menu_entries(menu))


def menu_for(user) -> tuple[Entry, ...]:
    """The entries of ``user``'s main menu in the active language (none before signing in)."""
    if not user.is_authenticated:
        return ()
    return _entries(MenuFor.of(user), get_language() or "", get_script_prefix())


# --- counts beside the entries -----------------------------------------------------------------
#
# The menu's entries are the same for every person of a kind, but what waits behind them (the
# inspections a head must review, the orders past their deadline) is the person's own. The apps
# that know those counts register a function here: given a person, it returns {URL name: count}.
# Such a function is called on every page, so it keeps its counts in the cache and clears them
# when what it counts changes.

BadgeSource = Callable[[Any], dict[str, int]]
_badge_sources: dict[str, BadgeSource] = {}


def register_badges(name: str, source: BadgeSource) -> None:
    """Show the counts ``source(user)`` returns beside the menu entries of those URL names."""
    _badge_sources[name] = source


def with_badges(entries: tuple[Entry, ...], user) -> tuple[Entry, ...]:
    """The entries with their counts; a drop-down shows the sum of its children's."""
    counts: dict[str, int] = {}
    for source in _badge_sources.values():
        for url_name, count in source(user).items():
            if count:
                counts[reverse(url_name)] = counts.get(reverse(url_name), 0) + count
    if not counts:
        return entries
    marked = []
    for entry in entries:
        children = tuple(c._replace(badge=counts.get(c.url, 0)) for c in entry.children)
        badge = sum(c.badge for c in children) if children else counts.get(entry.url, 0)
        marked.append(entry._replace(children=children, badge=badge))
    return tuple(marked)


# --- where a person lands ----------------------------------------------------------------------
#
# The home page (/) is the same for everyone, but for some people another page is their home:
# the office head's is the office dashboard, which lives in an app above core. That app registers
# a function here: given a person, it returns the URL of their home, or None.

LandingSource = Callable[[Any], str | None]
_landing_sources: dict[str, LandingSource] = {}


def register_landing(name: str, source: LandingSource) -> None:
    """Send the people for whom ``source(user)`` returns a URL there when they open /."""
    _landing_sources[name] = source


def landing_for(user) -> str | None:
    """The URL of ``user``'s own home page, if an app gives them one other than /."""
    for source in _landing_sources.values():
        if url := source(user):
            return url
    return None
